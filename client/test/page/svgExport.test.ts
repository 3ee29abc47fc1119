// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { displayGraph } from '../../src/views/page/graphModel';
import { fitToImage, networkSvg } from '../../src/views/page/svgExport';
import { affiliation, palette, XSS } from './fixtures';

const positions = { us: [0, 0], russia: [10, 0], xss: [0, 10], ceasefire: [5, 5], nato: [10, 10], 'target:russia': [-10, -10] } as const;

describe('the SVG export', () => {
  it('fits the drawing inside the padding, y upward as on screen', () => {
    const place = fitToImage({ a: [0, 0], b: [10, 20] }, ['a', 'b'], { width: 200, height: 100, padding: 10 });
    // Scale: min(180 / 10, 80 / 20) = 4; the drawing is 40 × 80, centred horizontally.
    expect(place('a')).toEqual([80, 90]);
    expect(place('b')).toEqual([120, 10]);
  });

  it('draws every tie, node and label, names as escaped text', () => {
    const svg = networkSvg(document, displayGraph(affiliation, palette), positions, palette, 'Standpoint affiliation network');
    const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const root = parsed.documentElement;
    expect(root.tagName).toBe('svg');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.querySelectorAll('line')).toHaveLength(5);
    expect(root.querySelectorAll('circle')).toHaveLength(3);
    expect(root.querySelectorAll('rect')).toHaveLength(1 + 3);
    expect([...root.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['United States', 'Russia', XSS, 'A ceasefire', 'Ukraine’s NATO membership', 'Russia']);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).not.toContain('<img');
    expect(root.querySelector('title')!.textContent).toBe('Standpoint affiliation network');
    expect([...root.querySelectorAll('line')].map((l) => l.getAttribute('data-sign'))).toEqual(['mixed', 'opposes', 'neutral', 'opposes', 'supports']);
  });
});
