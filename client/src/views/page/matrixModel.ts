/**
 * The stance matrix: actors × targets of the two-mode (affiliation) network,
 * each cell the statements of one actor toward one target split by polarity
 * (positive: supports and the like; negative: opposes; the rest: other). Pure.
 */
import type { Network, NetworkNode } from '../../../../protocol/analysis';
import type { MatrixSort } from '../messages';

export interface MatrixCell {
  readonly supports: number;
  readonly opposes: number;
  readonly other: number;
  readonly statements: number;
}

export interface Matrix {
  readonly rows: readonly NetworkNode[];
  readonly columns: readonly NetworkNode[];
  readonly cell: (row: string, column: string) => MatrixCell | undefined;
  readonly rowTotal: (row: string) => MatrixCell;
  readonly columnTotal: (column: string) => MatrixCell;
}

export const DEFAULT_SORT: MatrixSort = { rows: { by: 'name', descending: false }, columns: { by: 'name', descending: false } };

const EMPTY: MatrixCell = { supports: 0, opposes: 0, other: 0, statements: 0 };
const add = (a: MatrixCell, b: MatrixCell): MatrixCell => ({ supports: a.supports + b.supports, opposes: a.opposes + b.opposes, other: a.other + b.other, statements: a.statements + b.statements });

/** Builds the matrix from an affiliation network with `aggregate: ignore` (its ties carry the polarity counts). */
export function buildMatrix(network: Network): Matrix {
  const rows = network.nodes.filter((n) => n.mode === 'actor');
  const columns = network.nodes.filter((n) => n.mode === 'target');
  const cells = new Map<string, Map<string, MatrixCell>>();
  const rowTotals = new Map<string, MatrixCell>();
  const columnTotals = new Map<string, MatrixCell>();
  for (const edge of network.edges) {
    const supports = edge.positive ?? 0;
    const opposes = edge.negative ?? 0;
    // Statements not counted as positive or negative (polarity 0): "other". Without counts, all are other.
    const other = edge.zero ?? Math.max(0, edge.statements - supports - opposes);
    const cell = { supports, opposes, other, statements: edge.statements };
    let row = cells.get(edge.source);
    if (!row) cells.set(edge.source, (row = new Map()));
    row.set(edge.target, cell);
    rowTotals.set(edge.source, add(rowTotals.get(edge.source) ?? EMPTY, cell));
    columnTotals.set(edge.target, add(columnTotals.get(edge.target) ?? EMPTY, cell));
  }
  return {
    rows,
    columns,
    cell: (row, column) => cells.get(row)?.get(column),
    rowTotal: (row) => rowTotals.get(row) ?? EMPTY,
    columnTotal: (column) => columnTotals.get(column) ?? EMPTY,
  };
}

/** Supports minus opposes over all statements, in −1…1; undefined for an empty cell. */
export function balance(cell: MatrixCell | undefined): number | undefined {
  if (!cell || cell.statements === 0) return undefined;
  return (cell.supports - cell.opposes) / cell.statements;
}

/** The cell's colour class: five steps from opposes to supports, `none` when empty. */
export function balanceClass(cell: MatrixCell | undefined): string {
  const value = balance(cell);
  if (value === undefined) return 'balance-none';
  if (value <= -0.6) return 'balance-opposes-strong';
  if (value < -0.2) return 'balance-opposes';
  if (value <= 0.2) return 'balance-mixed';
  if (value < 0.6) return 'balance-supports';
  return 'balance-supports-strong';
}

const compareText = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);

/** Rows and columns in the chosen order; ties broken by label, so the order never depends on the server's. */
export function sortMatrix(matrix: Matrix, sort: MatrixSort): { rows: NetworkNode[]; columns: NetworkNode[] } {
  const byName = (a: NetworkNode, b: NetworkNode) => compareText(a.label, b.label);
  const order = <T extends NetworkNode>(nodes: readonly T[], value: ((node: T) => number) | undefined, descending: boolean): T[] =>
    [...nodes].sort((a, b) => {
      const primary = value ? value(a) - value(b) : byName(a, b);
      return (descending ? -primary : primary) || byName(a, b);
    });
  const rowValue =
    sort.rows.by === 'statements'
      ? (n: NetworkNode) => matrix.rowTotal(n.key).statements
      : sort.rows.by === 'column' && sort.rows.key !== undefined
        ? (n: NetworkNode) => matrix.cell(n.key, sort.rows.key!)?.statements ?? 0
        : undefined;
  const columnValue =
    sort.columns.by === 'statements'
      ? (n: NetworkNode) => matrix.columnTotal(n.key).statements
      : sort.columns.by === 'row' && sort.columns.key !== undefined
        ? (n: NetworkNode) => matrix.cell(sort.columns.key!, n.key)?.statements ?? 0
        : undefined;
  return { rows: order(matrix.rows, rowValue, sort.rows.descending), columns: order(matrix.columns, columnValue, sort.columns.descending) };
}

/** The text a screen reader hears for a cell: "3 supports, 1 opposes, 0 other". */
export function cellText(cell: MatrixCell | undefined): string {
  if (!cell || cell.statements === 0) return 'no statements';
  return `${cell.supports} supports, ${cell.opposes} opposes, ${cell.other} other`;
}

/** The sort as saved in the page's state, checked. */
export function restoreSort(value: unknown): MatrixSort {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as { rows?: Record<string, unknown>; columns?: Record<string, unknown> };
  const axis = <B extends string>(part: Record<string, unknown> | undefined, allowed: readonly B[], fallback: MatrixSort['rows' | 'columns']) => {
    if (!part || !allowed.includes(part.by as B)) return fallback;
    const key = typeof part.key === 'string' ? part.key : undefined;
    if (part.by !== 'name' && part.by !== 'statements' && key === undefined) return fallback;
    return { by: part.by as B, ...(key !== undefined ? { key } : {}), descending: part.descending === true };
  };
  return {
    rows: axis(raw.rows, ['name', 'statements', 'column'] as const, DEFAULT_SORT.rows) as MatrixSort['rows'],
    columns: axis(raw.columns, ['name', 'statements', 'row'] as const, DEFAULT_SORT.columns) as MatrixSort['columns'],
  };
}
