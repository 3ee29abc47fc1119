/**
 * The stance matrix page: a real table (th scope, aria-sort) that the keyboard
 * moves through with one tab stop (roving tabindex: arrows, Home/End,
 * Ctrl+Home/End, PageUp/PageDown), and Enter or a click on a cell lists its
 * statements. It is also the network's text alternative.
 */
import type { NetworkNode, NetworkResult } from '../../../../protocol/analysis';
import type { ExtensionMessage, MatrixSort, PageState, ScopeArticle } from '../messages';
import { viewOptions, type ViewOptions } from '../options';
import type { Channel } from './channel';
import { Controls } from './controls';
import { h, plural, replaceChildren } from './dom';
import { describeLeftOut } from './leftOut';
import { balanceClass, buildMatrix, cellText, DEFAULT_SORT, restoreSort, sortMatrix, type Matrix, type MatrixCell } from './matrixModel';
import { StatementsPanel } from './statementsPanel';

export interface MatrixPageDeps {
  readonly channel: Channel;
  readonly now: () => number;
  readonly afterFrame: (callback: () => void) => void;
}

export function restoreMatrixState(saved: unknown): PageState {
  const raw = (typeof saved === 'object' && saved !== null ? saved : {}) as { options?: unknown; sort?: unknown };
  return { kind: 'matrix', options: viewOptions(raw.options, 'matrix'), sort: restoreSort(raw.sort) };
}

/** Compact visible counts ("+3 −1 ·2", zeros left out); the full text is for screen readers. */
export function countsText(cell: MatrixCell | undefined): string {
  if (!cell || cell.statements === 0) return '';
  return [cell.supports ? `+${cell.supports}` : '', cell.opposes ? `\u2212${cell.opposes}` : '', cell.other ? `\u00b7${cell.other}` : ''].filter(Boolean).join(' ');
}

type Position = { row: number; column: number };

export class MatrixPage {
  private state: PageState;
  private matrix: Matrix | undefined;
  private rows: NetworkNode[] = [];
  private columns: NetworkNode[] = [];
  /** The cell with the tab stop; undefined until the table is first drawn (then the first data cell). */
  private active: Position | undefined;
  private statementsRequest = 0;
  private draws = 0;
  private selected: { row: string; column: string } | undefined;

  readonly controls: Controls;
  readonly statements: StatementsPanel;
  private readonly status: HTMLElement;
  private readonly notices: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly empty: HTMLElement;
  private readonly rowSort: HTMLSelectElement;
  private readonly columnSort: HTMLSelectElement;

  constructor(
    root: HTMLElement,
    private readonly deps: MatrixPageDeps,
  ) {
    this.state = restoreMatrixState(deps.channel.savedState());
    this.controls = new Controls('matrix', this.state.options, (options) => this.optionsChanged(options));
    this.statements = new StatementsPanel((requestId, index) => deps.channel.post({ type: 'open', requestId, index }));
    this.status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading the matrix…');
    this.notices = h('ul', { class: 'notices' });
    this.empty = h('p', { class: 'empty', hidden: true }, 'No statements match these options.');
    this.table = h('table', { class: 'matrix', role: 'grid', 'aria-labelledby': 'matrix-caption' });
    this.rowSort = h('select', { id: 'sort-rows' });
    this.columnSort = h('select', { id: 'sort-columns' });
    this.rowSort.addEventListener('change', () => this.sortFromSelect('rows', this.rowSort.value));
    this.columnSort.addEventListener('change', () => this.sortFromSelect('columns', this.columnSort.value));
    this.table.addEventListener('keydown', (event) => this.keydown(event));
    this.table.addEventListener('click', (event) => {
      const cell = (event.target as Element | null)?.closest?.('th, td');
      if (cell instanceof HTMLElement && cell.dataset.r !== undefined) this.activate({ row: Number(cell.dataset.r), column: Number(cell.dataset.c) }, true);
    });
    const network = h('button', { type: 'button', title: 'Show the same statements as a network' }, 'Network');
    network.addEventListener('click', () => deps.channel.post({ type: 'showView', kind: 'network' }));
    replaceChildren(
      root,
      h('header', { class: 'toolbar' }, this.controls.element, h('div', { class: 'actions' }, network)),
      this.status,
      this.notices,
      h(
        'div',
        { class: 'sorts' },
        h('label', { for: 'sort-rows' }, 'Sort actors by'),
        this.rowSort,
        h('label', { for: 'sort-columns' }, 'Sort targets by'),
        this.columnSort,
        h('span', { class: 'hint' }, 'Arrow keys move through the table; Enter on a header sorts by it, on a cell lists its statements.'),
      ),
      h('div', { class: 'body' }, h('div', { class: 'table-area' }, this.table, this.empty), this.statements.element),
    );
    deps.channel.listen((message) => this.receive(message));
    deps.channel.post({ type: 'ready', options: this.state.options });
  }

  receive(message: ExtensionMessage): void {
    switch (message.type) {
      case 'loading':
        this.table.setAttribute('aria-busy', 'true');
        return;
      case 'network':
        this.show(message.result, message.scope);
        return;
      case 'networkError':
        this.table.removeAttribute('aria-busy');
        this.status.textContent = message.message;
        this.status.classList.add('error');
        return;
      case 'statements':
        this.statements.show(message.requestId, message.result);
        return;
      case 'statementsError':
        this.statements.error(message.requestId, message.message);
        return;
      case 'scope':
        this.controls.setScope(message.scope?.label);
        return;
      case 'focus':
        return;
    }
  }

  private get sort(): MatrixSort {
    return this.state.sort ?? DEFAULT_SORT;
  }

  private optionsChanged(options: ViewOptions): void {
    this.state = { ...this.state, options };
    this.deps.channel.saveState(this.state);
    this.deps.channel.post({ type: 'options', options });
  }

  private show(result: NetworkResult, scope: ScopeArticle | undefined): void {
    const started = this.deps.now();
    this.table.removeAttribute('aria-busy');
    this.status.classList.remove('error');
    this.controls.setFacets(result.facets);
    this.controls.setScope(scope?.label);
    this.matrix = buildMatrix(result.network);
    const where = scope ? ` in ${scope.label}` : '';
    this.status.textContent = `${plural(this.matrix.rows.length, 'actor')} × ${plural(this.matrix.columns.length, 'target')}${where}: ${plural(
      result.network.edges.reduce((sum, e) => sum + e.statements, 0),
      'statement',
    )}.`;
    replaceChildren(this.notices, ...[describeLeftOut(result.leftOut), ...result.notices].filter((line): line is string => Boolean(line)).map((line) => h('li', {}, line)));
    this.render();
    if (this.selected) {
      const { row, column } = this.selected;
      if (this.matrix.cell(row, column)) this.listStatements(row, column);
      else {
        this.selected = undefined;
        this.statements.clear('Click a cell (or press Enter on it) to list its statements.');
      }
    }
    this.deps.afterFrame(() => {
      this.draws++;
      document.body.dataset.draws = String(this.draws);
      document.body.dataset.renderMs = String(Math.round(this.deps.now() - started));
      this.deps.channel.post({ type: 'rendered', nodes: this.rows.length + this.columns.length, edges: result.network.edges.length, ms: this.deps.now() - started });
    });
  }

  private setSort(sort: MatrixSort): void {
    this.state = { ...this.state, sort };
    this.deps.channel.saveState(this.state);
    this.render();
  }

  private sortFromSelect(axis: 'rows' | 'columns', value: string): void {
    const [by, key] = value.split('\u0000');
    const descending = by !== 'name';
    const part = key !== undefined ? { by, key, descending } : { by, descending };
    this.setSort({ ...this.sort, [axis]: part } as MatrixSort);
  }

  /** Rebuilds the table in the current order, keeping the focused cell (by its row and column keys) where it can. */
  private render(): void {
    const matrix = this.matrix;
    if (!matrix) return;
    const focusedRow = this.active && this.rowKeyAt(this.active.row);
    const focusedColumn = this.active && this.columnKeyAt(this.active.column);
    const hadFocus = this.table.contains(document.activeElement);
    const { rows, columns } = sortMatrix(matrix, this.sort);
    this.rows = rows;
    this.columns = columns;
    this.renderSortSelects();
    this.empty.hidden = rows.length > 0;
    this.table.hidden = rows.length === 0;
    const sort = this.sort;
    const ariaSort = (active: boolean, descending: boolean) => (active ? (descending ? 'descending' : 'ascending') : undefined);

    const caption = h('caption', { id: 'matrix-caption' }, 'Stances of actors (rows) toward targets (columns): supports, opposes and other statements per cell');
    const header = h(
      'tr',
      {},
      this.cell('th', 0, 0, { scope: 'col', 'aria-sort': ariaSort(sort.rows.by === 'name', sort.rows.descending), title: 'Sort actors by name' }, 'Actor'),
      this.cell('th', 0, 1, { scope: 'col', 'aria-sort': ariaSort(sort.rows.by === 'statements', sort.rows.descending), title: 'Sort actors by their statements' }, 'Total'),
      ...columns.map((column, i) =>
        this.cell(
          'th',
          0,
          i + 2,
          {
            'data-key': column.key,
            scope: 'col',
            'aria-sort': ariaSort(sort.rows.by === 'column' && sort.rows.key === column.key, sort.rows.descending),
            title: `Sort actors by their statements toward ${column.label}`,
          },
          column.label,
        ),
      ),
    );
    const body = rows.map((row, r) => {
      const total = matrix.rowTotal(row.key);
      return h(
        'tr',
        {},
        this.cell(
          'th',
          r + 1,
          0,
          {
            'data-key': row.key,
            scope: 'row',
            'aria-sort': ariaSort(sort.columns.by === 'row' && sort.columns.key === row.key, sort.columns.descending),
            title: `Sort targets by ${row.label}’s statements`,
          },
          row.label,
        ),
        this.countCell(r + 1, 1, total, 'total'),
        ...columns.map((column, c) => this.countCell(r + 1, c + 2, matrix.cell(row.key, column.key), balanceClass(matrix.cell(row.key, column.key)))),
      );
    });
    const footer = h(
      'tr',
      {},
      this.cell('th', rows.length + 1, 0, { scope: 'row', 'aria-sort': ariaSort(sort.columns.by === 'statements', sort.columns.descending), title: 'Sort targets by their statements' }, 'Total'),
      this.countCell(rows.length + 1, 1, sumCells(columns.map((column) => matrix.columnTotal(column.key))), 'total'),
      ...columns.map((column, c) => this.countCell(rows.length + 1, c + 2, matrix.columnTotal(column.key), 'total')),
    );
    replaceChildren(this.table, caption, h('thead', {}, header), h('tbody', {}, ...body), h('tfoot', {}, footer));
    this.table.setAttribute('aria-rowcount', String(rows.length + 2));
    this.table.setAttribute('aria-colcount', String(columns.length + 2));

    // Back to the cell that had the focus, by keys; else the first data cell.
    const row = focusedRow === undefined ? 1 : this.rowIndexOf(focusedRow);
    const column = focusedColumn === undefined ? 2 : this.columnIndexOf(focusedColumn);
    this.activate({ row: row ?? Math.min(1, rows.length + 1), column: column ?? Math.min(2, columns.length + 1) }, false, hadFocus);
  }

  private renderSortSelects(): void {
    const option = (value: string, label: string, selected: boolean) => h('option', { value, selected }, label);
    const { rows, columns } = this.sort;
    const rowColumn = rows.by === 'column' ? this.columns.find((c) => c.key === rows.key) : undefined;
    replaceChildren(
      this.rowSort,
      option('name', 'name', rows.by === 'name'),
      option('statements', 'statements', rows.by === 'statements'),
      rowColumn && option(`column\u0000${rowColumn.key}`, `statements toward ${rowColumn.label}`, true),
    );
    const columnRow = columns.by === 'row' ? this.rows.find((r) => r.key === columns.key) : undefined;
    replaceChildren(
      this.columnSort,
      option('name', 'name', columns.by === 'name'),
      option('statements', 'statements', columns.by === 'statements'),
      columnRow && option(`row\u0000${columnRow.key}`, `${columnRow.label}’s statements`, true),
    );
  }

  private cell(tag: 'th' | 'td', row: number, column: number, attributes: Record<string, string | undefined>, text: string): HTMLTableCellElement {
    return h(tag, { ...attributes, tabindex: -1, 'data-r': row, 'data-c': column }, text);
  }

  private countCell(row: number, column: number, cell: MatrixCell | undefined, className: string): HTMLTableCellElement {
    return h(
      'td',
      { class: `count ${className}`, tabindex: -1, 'data-r': row, 'data-c': column },
      h('span', { class: 'counts', 'aria-hidden': 'true' }, countsText(cell)),
      h('span', { class: 'sr-only' }, cellText(cell)),
    );
  }

  private rowKeyAt(row: number): string | undefined {
    if (row === 0) return '\u0000header';
    if (row === this.rows.length + 1) return '\u0000total';
    return this.rows[row - 1]?.key;
  }

  private columnKeyAt(column: number): string | undefined {
    if (column === 0) return '\u0000label';
    if (column === 1) return '\u0000total';
    return this.columns[column - 2]?.key;
  }

  private rowIndexOf(key: string): number | undefined {
    if (key === '\u0000header') return 0;
    if (key === '\u0000total') return this.rows.length + 1;
    const i = this.rows.findIndex((r) => r.key === key);
    return i < 0 ? undefined : i + 1;
  }

  private columnIndexOf(key: string): number | undefined {
    if (key === '\u0000label') return 0;
    if (key === '\u0000total') return 1;
    const i = this.columns.findIndex((c) => c.key === key);
    return i < 0 ? undefined : i + 2;
  }

  private cellAt({ row, column }: Position): HTMLElement | null {
    return this.table.querySelector<HTMLElement>(`[data-r="${row}"][data-c="${column}"]`);
  }

  /** Moves the one tab stop to a cell; with `choose`, acts on it (sort by a header, list a cell's statements). */
  private activate(position: Position, choose: boolean, focus = true): void {
    const maxRow = this.rows.length + 1;
    const maxColumn = this.columns.length + 1;
    const target = { row: Math.max(0, Math.min(maxRow, position.row)), column: Math.max(0, Math.min(maxColumn, position.column)) };
    const previous = this.table.querySelector<HTMLElement>('[tabindex="0"]');
    const next = this.cellAt(target);
    if (!next) return;
    if (previous && previous !== next) previous.setAttribute('tabindex', '-1');
    next.setAttribute('tabindex', '0');
    this.active = target;
    if (focus) next.focus();
    if (choose) this.choose(target);
  }

  private choose({ row, column }: Position): void {
    const sort = this.sort;
    const toggled = (active: boolean, current: boolean, first: boolean) => (active ? !current : first);
    const lastRow = this.rows.length + 1;
    if (row === 0) {
      if (column === 0) this.setSort({ ...sort, rows: { by: 'name', descending: toggled(sort.rows.by === 'name', sort.rows.descending, false) } });
      else if (column === 1) this.setSort({ ...sort, rows: { by: 'statements', descending: toggled(sort.rows.by === 'statements', sort.rows.descending, true) } });
      else {
        const key = this.columns[column - 2].key;
        this.setSort({ ...sort, rows: { by: 'column', key, descending: toggled(sort.rows.by === 'column' && sort.rows.key === key, sort.rows.descending, true) } });
      }
      return;
    }
    if (column === 0) {
      if (row === lastRow) this.setSort({ ...sort, columns: { by: 'statements', descending: toggled(sort.columns.by === 'statements', sort.columns.descending, true) } });
      else {
        const key = this.rows[row - 1].key;
        this.setSort({ ...sort, columns: { by: 'row', key, descending: toggled(sort.columns.by === 'row' && sort.columns.key === key, sort.columns.descending, true) } });
      }
      return;
    }
    if (row === lastRow || column === 1) return;
    const rowKey = this.rows[row - 1].key;
    const columnKey = this.columns[column - 2].key;
    if (!this.matrix?.cell(rowKey, columnKey)) return;
    this.selected = { row: rowKey, column: columnKey };
    this.listStatements(rowKey, columnKey);
  }

  private listStatements(row: string, column: string): void {
    const requestId = ++this.statementsRequest;
    const label = (key: string, nodes: NetworkNode[]) => nodes.find((n) => n.key === key)?.label ?? key;
    this.statements.loading(requestId, `${label(row, this.rows)} → ${label(column, this.columns)}`);
    this.deps.channel.post({ type: 'statements', requestId, query: { tie: { source: row, target: column } } });
  }

  private keydown(event: KeyboardEvent): void {
    // From the cell the key was pressed in (the tab stop, unless a click moved the focus elsewhere).
    const from = (event.target as Element | null)?.closest?.('[data-r]');
    const { row, column } = from instanceof HTMLElement ? { row: Number(from.dataset.r), column: Number(from.dataset.c) } : (this.active ?? { row: 1, column: 2 });
    const lastRow = this.rows.length + 1;
    const lastColumn = this.columns.length + 1;
    const moves: Record<string, Position | undefined> = {
      ArrowUp: { row: row - 1, column },
      ArrowDown: { row: row + 1, column },
      ArrowLeft: { row, column: column - 1 },
      ArrowRight: { row, column: column + 1 },
      Home: event.ctrlKey ? { row: 0, column: 0 } : { row, column: 0 },
      End: event.ctrlKey ? { row: lastRow, column: lastColumn } : { row, column: lastColumn },
      PageUp: { row: row - 10, column },
      PageDown: { row: row + 10, column },
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      this.activate(move, false);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.activate({ row, column }, true);
    }
  }
}

function sumCells(cells: readonly MatrixCell[]): MatrixCell {
  return cells.reduce((a, b) => ({ supports: a.supports + b.supports, opposes: a.opposes + b.opposes, other: a.other + b.other, statements: a.statements + b.statements }), {
    supports: 0,
    opposes: 0,
    other: 0,
    statements: 0,
  });
}
