// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { countsText, MatrixPage } from '../../src/views/page/matrixPage';
import { balance, balanceClass, buildMatrix, sortMatrix } from '../../src/views/page/matrixModel';
import { DEFAULT_OPTIONS, viewOptions } from '../../src/views/options';
import { affiliation, FakeChannel, located, result, statements, XSS } from './fixtures';

let channel: FakeChannel;

function open(saved?: unknown): void {
  document.body.replaceChildren();
  const root = document.createElement('main');
  document.body.append(root);
  channel = new FakeChannel(saved);
  new MatrixPage(root, { channel, now: () => 0, afterFrame: (callback) => callback() });
}

function deliver(): void {
  channel.deliver({ type: 'network', options: viewOptions({}, 'matrix'), result: result(affiliation) });
}

/** The table as text, row by row: each cell's visible text. */
const grid = () => [...document.querySelectorAll('table.matrix tr')].map((tr) => [...tr.children].map((cell) => cell.querySelector('.counts')?.textContent ?? cell.textContent));
const cellAt = (r: number, c: number) => document.querySelector<HTMLElement>(`[data-r="${r}"][data-c="${c}"]`)!;
const key = (element: Element, name: string, init: KeyboardEventInit = {}) => element.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, ...init }));

beforeEach(() => {
  open();
  deliver();
});

describe('the matrix', () => {
  it('is a table of actors (rows) by targets (columns), each cell the supports, opposes and other counts', () => {
    // Hand-counted from the fixture: +3 −1 for the US on the ceasefire, and so on; rows and columns by name.
    expect(grid()).toEqual([
      ['Actor', 'Total', 'A ceasefire', 'Russia', 'Ukraine’s NATO membership'],
      [XSS, '+1', '+1', '', ''],
      ['Russia', '−2 ·1', '·1', '', '−2'],
      ['United States', '+3 −2', '+3 −1', '−1', ''],
      ['Total', '+4 −4 ·1', '+4 −1 ·1', '−1', '−2'],
    ]);
    expect(document.querySelector('caption')!.textContent).toMatch(/^Stances of actors \(rows\) toward targets \(columns\)/);
    expect([...document.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    expect([...document.querySelectorAll('tbody th, tfoot th')].every((th) => th.getAttribute('scope') === 'row')).toBe(true);
    expect(document.querySelector('thead th')!.getAttribute('aria-sort')).toBe('ascending');
    expect(document.querySelectorAll('img')).toHaveLength(0);
  });

  it('tells screen readers each count in words and colours each cell by its balance', () => {
    const us = 3;
    expect(cellAt(us, 2).querySelector('.sr-only')!.textContent).toBe('3 supports, 1 opposes, 0 other');
    expect(cellAt(us, 2).querySelector('.counts')!.getAttribute('aria-hidden')).toBe('true');
    expect(cellAt(1, 3).querySelector('.sr-only')!.textContent).toBe('no statements');
    expect(cellAt(us, 2).className).toBe('count balance-supports');
    expect(cellAt(2, 4).className).toBe('count balance-opposes-strong');
    expect(cellAt(2, 2).className).toBe('count balance-mixed');
    expect(cellAt(1, 4).className).toBe('count balance-none');
  });

  it('has one tab stop, moved by the arrow keys, Home/End, Ctrl+Home/End and PageUp/PageDown', () => {
    const stops = () => [...document.querySelectorAll('table [tabindex="0"]')];
    expect(stops()).toEqual([cellAt(1, 2)]);
    key(cellAt(1, 2), 'ArrowRight');
    expect(stops()).toEqual([cellAt(1, 3)]);
    expect(document.activeElement).toBe(cellAt(1, 3));
    key(cellAt(1, 3), 'ArrowDown');
    key(cellAt(2, 3), 'ArrowDown');
    expect(stops()).toEqual([cellAt(3, 3)]);
    key(cellAt(3, 3), 'Home');
    expect(stops()).toEqual([cellAt(3, 0)]);
    key(cellAt(3, 0), 'End', { ctrlKey: true });
    expect(stops()).toEqual([cellAt(4, 4)]);
    key(cellAt(4, 4), 'ArrowRight');
    expect(stops()).toEqual([cellAt(4, 4)]);
    key(cellAt(4, 4), 'PageUp');
    expect(stops()).toEqual([cellAt(0, 4)]);
    key(cellAt(0, 4), 'Home', { ctrlKey: true });
    expect(stops()).toEqual([cellAt(0, 0)]);
  });

  it('lists a cell’s statements on Enter or a click, and opens the one chosen', () => {
    key(cellAt(1, 2), 'ArrowDown');
    key(cellAt(2, 2), 'ArrowDown');
    key(cellAt(3, 2), 'Enter');
    const [request] = channel.ofType('statements');
    expect(request.query).toEqual({ tie: { source: 'us', target: 'ceasefire' } });
    expect(document.getElementById('statements-heading')!.textContent).toBe('United States → A ceasefire');
    channel.deliver({ type: 'statements', requestId: request.requestId, result: statements([located('a ceasefire first')]) });
    document.querySelector<HTMLButtonElement>('.statements button')!.click();
    expect(channel.ofType('open')).toEqual([{ type: 'open', requestId: request.requestId, index: 0 }]);

    cellAt(2, 4).click();
    expect(channel.ofType('statements').at(-1)!.query).toEqual({ tie: { source: 'russia', target: 'nato' } });
    // An empty cell has nothing to list.
    cellAt(1, 4).click();
    expect(channel.ofType('statements')).toHaveLength(2);
  });

  it('sorts actors by a column when its header is chosen (descending first, then ascending), and says so with aria-sort', () => {
    key(cellAt(1, 2), 'ArrowUp');
    key(cellAt(0, 2), 'Enter');
    expect(
      grid()
        .slice(1, 4)
        .map((row) => row[0]),
    ).toEqual(['United States', XSS, 'Russia']);
    expect(cellAt(0, 2).getAttribute('aria-sort')).toBe('descending');
    expect(cellAt(0, 0).hasAttribute('aria-sort')).toBe(false);
    expect(document.activeElement).toBe(cellAt(0, 2));
    key(cellAt(0, 2), ' ');
    expect(cellAt(0, 2).getAttribute('aria-sort')).toBe('ascending');
    expect(channel.saved!.sort).toEqual({ rows: { by: 'column', key: 'ceasefire', descending: false }, columns: { by: 'name', descending: false } });
  });

  it('sorts targets by an actor’s counts from its row header, and by statements from the total row', () => {
    cellAt(2, 0).click();
    expect(grid()[0]).toEqual(['Actor', 'Total', 'Ukraine’s NATO membership', 'A ceasefire', 'Russia']);
    expect(cellAt(2, 0).getAttribute('aria-sort')).toBe('descending');
    cellAt(4, 0).click();
    expect(grid()[0]).toEqual(['Actor', 'Total', 'A ceasefire', 'Ukraine’s NATO membership', 'Russia']);
    expect((document.getElementById('sort-columns') as HTMLSelectElement).value).toBe('statements');
  });

  it('keeps its sort across a reload', () => {
    open({ kind: 'matrix', options: DEFAULT_OPTIONS, sort: { rows: { by: 'statements', descending: true }, columns: { by: 'row', key: 'russia', descending: true } } });
    deliver();
    expect(
      grid()
        .slice(1, 4)
        .map((row) => row[0]),
    ).toEqual(['United States', 'Russia', XSS]);
    expect(grid()[0].slice(2)).toEqual(['Ukraine’s NATO membership', 'A ceasefire', 'Russia']);
    expect(channel.sent[0]).toEqual({ type: 'ready', options: { ...DEFAULT_OPTIONS, type: 'affiliation' } });
  });

  it('has no network-only controls', () => {
    expect(document.getElementById('opt-type')).toBeNull();
    expect(document.getElementById('opt-min-weight')).toBeNull();
    expect(document.getElementById('opt-duplicates')).not.toBeNull();
  });
});

describe('the matrix model', () => {
  it('counts polarity 0 as other, and the balance runs from −1 to 1', () => {
    const matrix = buildMatrix(affiliation);
    expect(matrix.cell('russia', 'ceasefire')).toEqual({ supports: 0, opposes: 0, other: 1, statements: 1 });
    expect(matrix.rowTotal('us')).toEqual({ supports: 3, opposes: 2, other: 0, statements: 5 });
    expect(balance(matrix.cell('us', 'ceasefire'))).toBe(0.5);
    expect(balance(undefined)).toBeUndefined();
    expect(balanceClass({ supports: 0, opposes: 1, other: 3, statements: 4 })).toBe('balance-opposes');
    expect(countsText({ supports: 0, opposes: 0, other: 0, statements: 0 })).toBe('');
  });

  it('breaks ties of a sort by name', () => {
    const { columns } = sortMatrix(buildMatrix(affiliation), { rows: { by: 'name', descending: false }, columns: { by: 'row', key: 'us', descending: true } });
    // The US: ceasefire 4, Russia 1, NATO 0.
    expect(columns.map((c) => c.key)).toEqual(['ceasefire', 'target:russia', 'nato']);
  });
});
