// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { NetworkPage, restoreNetworkState } from '../../src/views/page/networkPage';
import { edgeKey } from '../../src/views/page/graphModel';
import { DEFAULT_OPTIONS } from '../../src/views/options';
import { affiliation, congruence, FakeChannel, FakeRenderer, located, palette, result, statements, XSS } from './fixtures';

let channel: FakeChannel;
let renderer: FakeRenderer | undefined;
let frames: (() => void)[];
let clock: number;
let page: NetworkPage;

function open(saved?: unknown): NetworkPage {
  document.body.replaceChildren();
  document.body.removeAttribute('data-draws');
  const root = document.createElement('main');
  document.body.append(root);
  channel = new FakeChannel(saved);
  renderer = undefined;
  frames = [];
  clock = 0;
  page = new NetworkPage(root, {
    channel,
    createRenderer: (container, _palette, events) => (renderer = new FakeRenderer(container, events)),
    palette: () => palette,
    now: () => clock,
    afterFrame: (callback) => frames.push(callback),
  });
  return page;
}

const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';

beforeEach(() => {
  open();
});

describe('starting', () => {
  it('says it is ready with its default options, and asks for nothing else', () => {
    expect(channel.sent).toEqual([{ type: 'ready', options: DEFAULT_OPTIONS }]);
  });

  it('restores the options and positions it saved before a reload, and drops what is not valid', () => {
    open({ kind: 'network', options: { ...DEFAULT_OPTIONS, type: 'conflict', coders: ['ben'] }, positions: { us: [1, 2], russia: ['x', 3], ukraine: [Infinity, 0] } });
    expect(channel.sent[0]).toEqual({ type: 'ready', options: { ...DEFAULT_OPTIONS, type: 'conflict', coders: ['ben'] } });
    expect(restoreNetworkState({ positions: { us: [1, 2], russia: ['x', 3] } }).positions).toEqual({ us: [1, 2] });
    expect((document.getElementById('opt-type') as HTMLSelectElement).value).toBe('conflict');
  });
});

describe('a network arrives', () => {
  beforeEach(() => {
    channel.deliver({
      type: 'network',
      options: { ...DEFAULT_OPTIONS, type: 'affiliation' },
      result: result(affiliation, { leftOut: { total: 3, reasons: { unknownActor: 2, undated: 1 } }, notices: ['Articles with several coders are counted once per coder.'] }),
    });
  });

  it('draws it, fitted the first time, and says what it shows', () => {
    expect(renderer!.draws).toHaveLength(1);
    expect(renderer!.draws[0].fit).toBe(true);
    expect(renderer!.draws[0].graph.nodes.map((n) => n.key)).toEqual(['us', 'russia', 'xss', 'ceasefire', 'nato', 'target:russia']);
    expect(text('.status')).toBe('affiliation network: 3 actors, 3 targets, 5 ties.');
    expect([...document.querySelectorAll('.notices li')].map((li) => li.textContent)).toEqual([
      '3 statements left out: 2 with an actor the codebook does not have, 1 from undated articles (a date filter is given).',
      'Articles with several coders are counted once per coder.',
    ]);
    expect(document.querySelector('.graph')!.getAttribute('aria-label')).toContain('The Stance Matrix lists the same statements as a table.');
  });

  it('shows each label as text: a name that looks like markup stays characters and creates no element', () => {
    renderer!.events.hoverNode('xss', 10, 20);
    expect(document.querySelector('.tooltip strong')!.textContent).toBe(XSS);
    expect(document.querySelector('.tooltip')!.textContent).toContain('affiliated with United States');
    expect([...document.querySelectorAll('#node-names option')].map((o) => o.getAttribute('value'))).toContain(XSS);
    expect(document.querySelectorAll('img')).toHaveLength(0);
    // Outside attribute values (where `<` is just a character), the markup has no img tag.
    expect(document.body.innerHTML.replace(/"[^"]*"/g, '""')).not.toContain('<img');
  });

  it('saves the positions it drew, and reports once the frame is drawn', () => {
    expect(Object.keys(channel.saved!.positions!).sort()).toEqual(['ceasefire', 'nato', 'russia', 'target:russia', 'us', 'xss']);
    expect(channel.saved!.positions!.us).toEqual(renderer!.draws[0].positions.us);
    clock = 42;
    frames.forEach((f) => f());
    expect(channel.ofType('rendered')).toEqual([{ type: 'rendered', nodes: 6, edges: 5, ms: 42 }]);
    expect(document.body.dataset.draws).toBe('1');
  });

  it('hovering a node tells its name, kind, affiliation and counts; a tie its weight, sign and statements', () => {
    renderer!.events.hoverNode('target:russia', 0, 0);
    expect([...document.querySelectorAll('.tooltip > *')].map((e) => e.textContent)).toEqual(['Russia', 'actor as target (state)', '1 statement · 1 tie']);
    renderer!.events.hoverEdge(edgeKey('us', 'ceasefire'), 0, 0);
    expect([...document.querySelectorAll('.tooltip > *')].map((e) => e.textContent)).toEqual(['United States — A ceasefire', 'weight 4 · mixed', '4 statements (3 positive, 1 negative, 0 neutral)']);
    renderer!.events.hoverEdge(undefined, 0, 0);
    expect((document.querySelector('.tooltip') as HTMLElement).hidden).toBe(true);
  });

  it('clicking a tie highlights it and asks for its statements; the answer lists them; choosing one asks to open it', () => {
    renderer!.events.clickEdge(edgeKey('russia', 'nato'));
    expect(renderer!.highlights.at(-1)).toEqual({ edge: edgeKey('russia', 'nato') });
    const [request] = channel.ofType('statements');
    expect(request.query).toEqual({ tie: { source: 'russia', target: 'nato' } });
    expect(text('#statements-heading')).toBe('Russia — Ukraine’s NATO membership');

    channel.deliver({ type: 'statements', requestId: request.requestId, result: statements([located('no place at the table'), located(undefined, XSS)], 250) });
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('.statements button')];
    expect(buttons.map((b) => [...b.children].map((c) => c.textContent))).toEqual([
      ['“no place at the table”', 'United States supports A ceasefire', 'Talks in Riyadh (articles/riyadh-talks.txt) · sentence 4 · 2025-02-18 · coder ana'],
      ['“For the first time, senior officials sat down at the same table.”', `${XSS} supports A ceasefire`, 'Talks in Riyadh (articles/riyadh-talks.txt) · sentence 4 · 2025-02-18 · coder ana'],
    ]);
    expect(text('.statements-panel .summary')).toBe('2 of 250 statements (the first in document order).');
    expect(document.querySelectorAll('img')).toHaveLength(0);

    buttons[1].click();
    expect(channel.ofType('open')).toEqual([{ type: 'open', requestId: request.requestId, index: 1 }]);
  });

  it('ignores the answer to an older click', () => {
    renderer!.events.clickNode('us');
    renderer!.events.clickNode('russia');
    const [older, newer] = channel.ofType('statements');
    expect(newer.query).toEqual({ node: { key: 'russia' } });
    channel.deliver({ type: 'statements', requestId: older.requestId, result: statements([located('old')]) });
    expect(document.querySelectorAll('.statements li')).toHaveLength(0);
    channel.deliver({ type: 'statements', requestId: newer.requestId, result: statements([located('new')]) });
    expect(document.querySelectorAll('.statements li')).toHaveLength(1);
  });

  it('when the network changes, keeps nodes where they were, keeps the camera, and lists the selection’s statements again', () => {
    renderer!.events.clickNode('us');
    const before = renderer!.draws[0].positions;
    channel.deliver({
      type: 'network',
      options: { ...DEFAULT_OPTIONS, type: 'affiliation' },
      result: result({ ...affiliation, edges: affiliation.edges.map((e) => ({ ...e, weight: e.weight + 1 })) }),
    });
    expect(renderer!.draws).toHaveLength(2);
    expect(renderer!.draws[1].fit).toBe(false);
    expect(renderer!.draws[1].positions).toEqual(before);
    expect(channel.ofType('statements').map((m) => m.query)).toEqual([{ node: { key: 'us' } }, { node: { key: 'us' } }]);
  });

  it('drops a selection whose node is gone', () => {
    renderer!.events.clickNode('xss');
    channel.deliver({ type: 'network', options: DEFAULT_OPTIONS, result: result({ ...congruence, nodes: congruence.nodes.slice(0, 2), edges: congruence.edges.slice(1) }) });
    expect(renderer!.highlights.at(-1)).toEqual({});
    expect(text('.statements-panel .summary')).toBe('Click a tie or a node to list its statements.');
  });

  it('focuses a node the codebook view names, or says it is not in this network', () => {
    channel.deliver({ type: 'focus', key: 'russia', id: 'russia' });
    expect(renderer!.focused).toEqual(['russia']);
    expect(channel.ofType('statements').at(-1)!.query).toEqual({ node: { key: 'russia' } });
    channel.deliver({ type: 'focus', key: 'france', id: 'france' });
    expect(text('.status')).toBe('france is not in this network (filters, the network type or the minimum weight leave it out).');
  });

  it('finds a node by its name in the search box', () => {
    const search = document.getElementById('find-node') as HTMLInputElement;
    search.value = 'A ceasefire';
    search.dispatchEvent(new Event('change'));
    expect(renderer!.focused).toEqual(['ceasefire']);
  });

  it('exports: GraphML and CSV are asked of the extension; SVG and PNG are drawn here', () => {
    const buttons = Object.fromEntries([...document.querySelectorAll<HTMLButtonElement>('.actions button')].map((b) => [b.textContent, b]));
    buttons.GraphML.click();
    buttons.CSV.click();
    buttons.SVG.click();
    buttons.PNG.click();
    buttons.Matrix.click();
    expect(channel.ofType('export')).toEqual([
      { type: 'export', format: 'graphml' },
      { type: 'export', format: 'csv' },
    ]);
    const [svg, png] = channel.ofType('exportImage');
    expect(svg.format).toBe('svg');
    expect(svg.data).toMatch(/^<svg /);
    expect(svg.data).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(png).toEqual({ type: 'exportImage', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' });
    expect(channel.ofType('showView')).toEqual([{ type: 'showView', kind: 'matrix' }]);
  });
});

describe('controls', () => {
  const select = (id: string) => document.getElementById(id) as HTMLSelectElement;
  const change = (element: HTMLElement) => element.dispatchEvent(new Event('change', { bubbles: true }));

  it('offer the CLI’s option names and only the normalisations the type allows', () => {
    expect([...document.querySelectorAll('.controls label')].map((l) => l.textContent)).toEqual(['type', 'aggregate', 'normalize', 'duplicates', 'actors', 'from', 'to', 'scope', 'min-weight']);
    expect([...select('opt-normalize').options].map((o) => o.value)).toEqual(['none', 'average', 'jaccard', 'cosine']);
    expect((select('opt-aggregate').closest('.field') as HTMLElement).hidden).toBe(true);
    select('opt-type').value = 'affiliation';
    change(select('opt-type'));
    expect([...select('opt-normalize').options].map((o) => o.value)).toEqual(['none', 'activity', 'prominence']);
    expect((select('opt-aggregate').closest('.field') as HTMLElement).hidden).toBe(false);
  });

  it('send the new options and save them', () => {
    select('opt-type').value = 'conflict';
    change(select('opt-type'));
    select('opt-normalize').value = 'jaccard';
    change(select('opt-normalize'));
    const weight = document.getElementById('opt-min-weight') as HTMLInputElement;
    weight.value = '1.5';
    change(weight);
    const from = document.getElementById('opt-from') as HTMLInputElement;
    from.value = '2025-02-15';
    change(from);
    const last = channel.ofType('options').at(-1)!;
    expect(last.options).toEqual({ ...DEFAULT_OPTIONS, type: 'conflict', normalize: 'jaccard', minWeight: 1.5, from: '2025-02-15' });
    expect(channel.saved!.options).toEqual(last.options);
  });

  it('list the coders and actor types of the workspace once known; none checked means all', () => {
    channel.deliver({
      type: 'network',
      options: DEFAULT_OPTIONS,
      result: result(congruence, { facets: { coders: ['', 'ana'], actorTypes: ['person', 'state'], firstDate: '2025-02-10', lastDate: '2025-03-02T10:00' } }),
    });
    const coders = [...document.querySelectorAll<HTMLInputElement>('input[name=coder]')];
    expect(coders.map((c) => [c.value, c.labels?.[0]?.textContent])).toEqual([
      ['', '(no coder)'],
      ['ana', 'ana'],
    ]);
    expect(text('[data-name=coder] summary')).toBe('coder: all');
    coders[0].checked = true;
    change(coders[0]);
    expect(channel.ofType('options').at(-1)!.options.coders).toEqual(['']);
    expect(text('[data-name=coder] summary')).toBe('coder: (no coder)');
    expect((document.getElementById('opt-to') as HTMLInputElement).max).toBe('2025-03-02');
  });

  it('show which article a scope-article view follows', () => {
    const scope = select('opt-scope');
    scope.value = 'article';
    change(scope);
    expect(text('.scope-note')).toBe('no article open');
    channel.deliver({ type: 'scope', scope: { uri: 'file:///w/articles/a.txt', label: 'articles/a.txt' } });
    expect(text('.scope-note')).toBe('articles/a.txt');
  });
});

describe('errors', () => {
  it('shows what the server said, and an empty network as such', () => {
    channel.deliver({ type: 'networkError', message: 'Unhandled method standpoint/network' });
    expect(text('.status')).toBe('Unhandled method standpoint/network');
    expect(document.querySelector('.status')!.classList.contains('error')).toBe(true);
    channel.deliver({ type: 'network', options: DEFAULT_OPTIONS, result: result({ ...congruence, nodes: [], edges: [] }) });
    expect(document.querySelector('.status')!.classList.contains('error')).toBe(false);
    expect((document.querySelector('.empty') as HTMLElement).hidden).toBe(false);
  });
});

describe('a window without WebGL', () => {
  it('says why there is no drawing, and keeps the counts, the legend, the SVG export and the matrix', () => {
    document.body.replaceChildren();
    const root = document.createElement('main');
    document.body.append(root);
    channel = new FakeChannel(undefined);
    let attempts = 0;
    page = new NetworkPage(root, {
      channel,
      createRenderer: () => {
        attempts++;
        // What sigma.js throws when the canvas gives it no WebGL context.
        throw new TypeError("Cannot read properties of null (reading 'blendFunc')");
      },
      palette: () => palette,
      now: () => 0,
      afterFrame: (callback) => callback(),
    });
    channel.deliver({ type: 'network', options: DEFAULT_OPTIONS, result: result(congruence) });
    const notice = document.querySelector('.no-drawing') as HTMLElement;
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toContain('cannot draw the network');
    expect(notice.textContent).toContain('WebGL');
    expect((document.querySelector('.graph') as HTMLElement).hidden).toBe(true);
    expect(text('.status')).toMatch(/^congruence network: /);
    expect(document.querySelectorAll('.legend li').length).toBeGreaterThan(0);

    // A second network does not try again (the context will not appear) and does not throw.
    channel.deliver({ type: 'network', options: DEFAULT_OPTIONS, result: result(congruence) });
    expect(attempts).toBe(1);

    [...document.querySelectorAll('button')].find((b) => b.textContent === 'SVG')!.click();
    expect(channel.sent.some((m) => m.type === 'exportImage' && m.format === 'svg')).toBe(true);
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Matrix')!.click();
    expect(channel.sent).toContainEqual({ type: 'showView', kind: 'matrix' });
  });
});
