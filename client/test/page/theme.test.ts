import { describe, expect, it } from 'vitest';
import { FALLBACK_PALETTE, formatColour, over, parseColour, readPalette } from '../../src/views/page/theme';

describe('theme colours', () => {
  it('reads the colour forms VS Code’s variables use', () => {
    expect(parseColour('#2ea043')).toEqual({ r: 46, g: 160, b: 67, a: 1 });
    expect(parseColour(' #f00 ')).toEqual({ r: 255, g: 0, b: 0, a: 1 });
    expect(parseColour('#2ea04380')).toEqual({ r: 46, g: 160, b: 67, a: 0.502 });
    expect(parseColour('#f008')).toEqual({ r: 255, g: 0, b: 0, a: 0.533 });
    expect(parseColour('rgba(10, 20, 30, 0.5)')).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
    expect(parseColour('rgb(300,0,0)')).toEqual({ r: 255, g: 0, b: 0, a: 1 });
    for (const bad of ['', 'red', '#12', 'var(--x)', 'rgb(1,2)']) expect(parseColour(bad)).toBeUndefined();
  });

  it('makes translucent colours opaque over the background', () => {
    expect(over({ r: 255, g: 0, b: 0, a: 0.5 }, { r: 0, g: 0, b: 255, a: 1 })).toEqual({ r: 128, g: 0, b: 128, a: 1 });
    expect(formatColour({ r: 1, g: 2, b: 3, a: 1 })).toBe('rgba(1, 2, 3, 1)');
  });

  it('takes the extension’s stance colours and the theme’s chart colours, with fallbacks', () => {
    const vars: Record<string, string> = {
      '--vscode-editor-background': '#ffffff',
      '--vscode-standpoint-supportsRuler': '#2ea043',
      '--vscode-standpoint-opposesRuler': '#d1242f',
      '--vscode-charts-blue': '#0000ff80',
      '--vscode-font-family': '"Segoe UI", sans-serif',
      '--vscode-font-size': '14px',
    };
    const palette = readPalette((name) => vars[name] ?? '');
    expect(palette.background).toBe('rgba(255, 255, 255, 1)');
    expect(palette.supports).toBe('rgba(46, 160, 67, 1)');
    expect(palette.opposes).toBe('rgba(209, 36, 47, 1)');
    // 50% blue over white.
    expect(palette.types[0]).toBe('rgba(127, 127, 255, 1)');
    // No variable: the fallback, over the background.
    expect(palette.mixed).toBe(formatColour(over(parseColour(FALLBACK_PALETTE.mixed)!, { r: 255, g: 255, b: 255, a: 1 })));
    expect(palette.fontFamily).toBe('"Segoe UI", sans-serif');
    expect(palette.fontSize).toBe(14);
  });
});
