/**
 * Reliability measures for coded data: Krippendorff's alpha (nominal and
 * interval, missing values allowed), percent agreement and Cohen's kappa.
 *
 * Alpha follows the coincidence-matrix formulation of Krippendorff,
 * "Computing Krippendorff's Alpha-Reliability" (2011):
 *
 *   o[c][k] = Σ over units u with m_u ≥ 2 values of
 *             (number of ordered pairs of values (c, k) from different coders in u) / (m_u − 1)
 *   n_c     = Σ_k o[c][k],   n = Σ_c n_c   (the pairable values)
 *   α       = 1 − (n − 1) · Σ o[c][k]·δ²(c,k) / Σ n_c·n_k·δ²(c,k)
 *
 * with δ²(c,k) = 0 if c = k else 1 (nominal) or (c − k)² (interval).
 *
 * Coincidence matrices are additive over units, so the matrices of separate
 * parts (articles) can be summed: a change to one part re-does that part only.
 * Everything here is plain data (Maps of numbers), so results can be cached,
 * summed or sent to a worker.
 */

/** A coded value: a category (nominal) or a number (nominal or interval). */
export type CodedValue = string | number;
export type Metric = 'nominal' | 'interval';

/** o[c][k]: symmetric, keyed by value. Only non-zero cells are stored. */
export type CoincidenceMatrix = Map<CodedValue, Map<CodedValue, number>>;

/** rows: the first coder's value, columns: the second coder's value; cell: number of units. */
export type ContingencyTable = Map<CodedValue, Map<CodedValue, number>>;

/** A measure's value, or null with the reason it is undefined. Never NaN. */
export interface Measured {
  readonly value: number | null;
  readonly reason?: string;
}

export const REASON_TOO_FEW_VALUES = 'fewer than two pairable values';
export const REASON_NO_UNITS_BOTH_CODED = 'no units both coders coded';
export const REASON_NOT_NUMERIC = 'the interval metric needs numeric values';

export function newMatrix(): CoincidenceMatrix {
  return new Map();
}

/** Adds `amount` to one cell (of a coincidence matrix or a contingency table); zero adds nothing. */
export function addCell(matrix: Map<CodedValue, Map<CodedValue, number>>, row: CodedValue, column: CodedValue, amount: number): void {
  if (amount === 0) return;
  let cells = matrix.get(row);
  if (cells === undefined) {
    cells = new Map();
    matrix.set(row, cells);
  }
  cells.set(column, (cells.get(column) ?? 0) + amount);
}

/**
 * Adds one unit: the values its coders gave, `undefined` for a coder who gave
 * none (missing). A unit with fewer than two values is not pairable and adds nothing.
 */
export function addUnit(matrix: CoincidenceMatrix, values: readonly (CodedValue | undefined)[]): void {
  const present: CodedValue[] = [];
  for (const value of values) if (value !== undefined) present.push(value);
  const m = present.length;
  if (m < 2) return;
  const weight = 1 / (m - 1);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i !== j) addCell(matrix, present[i], present[j], weight);
    }
  }
}

/**
 * Adds `count` units in which `coders` coders (two or more) all gave `value`:
 * each adds m·(m−1)/(m−1) = m to o[value][value]. Lets the units nobody marked
 * (the 0s of a presence/absence level) be added in one step instead of one by one.
 */
export function addAgreeingUnits(matrix: CoincidenceMatrix, value: CodedValue, coders: number, count: number): void {
  if (coders < 2 || count <= 0) return;
  addCell(matrix, value, value, coders * count);
}

/** Adds `source` into `target` (coincidence matrices and contingency tables alike). */
export function addInto(target: Map<CodedValue, Map<CodedValue, number>>, source: ReadonlyMap<CodedValue, ReadonlyMap<CodedValue, number>>): void {
  for (const [row, cells] of source) {
    for (const [column, amount] of cells) addCell(target, row, column, amount);
  }
}

/** n_c for every value c. */
export function marginals(matrix: ReadonlyMap<CodedValue, ReadonlyMap<CodedValue, number>>): Map<CodedValue, number> {
  const totals = new Map<CodedValue, number>();
  for (const [row, cells] of matrix) {
    let total = 0;
    for (const amount of cells.values()) total += amount;
    totals.set(row, total);
  }
  return totals;
}

/** n: the number of pairable values (values in units with two or more values). */
export function pairableValues(matrix: ReadonlyMap<CodedValue, ReadonlyMap<CodedValue, number>>): number {
  let n = 0;
  for (const cells of matrix.values()) for (const amount of cells.values()) n += amount;
  // The cells of one unit sum to an integer (m_u); summing fractions such as 1/3 can leave 39.99999…
  return Math.round(n * 1e9) / 1e9;
}

function distance(metric: Metric, c: CodedValue, k: CodedValue): number | undefined {
  if (metric === 'nominal') return c === k ? 0 : 1;
  if (typeof c !== 'number' || typeof k !== 'number') return undefined;
  return (c - k) * (c - k);
}

/** A number without the last-bit noise of float sums, so that e.g. a perfect 1 prints as 1. */
function tidy(value: number): number {
  const rounded = Math.round(value * 1e12) / 1e12;
  return Object.is(rounded, -0) ? 0 : rounded;
}

function describeValue(value: CodedValue): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** Krippendorff's alpha of a coincidence matrix; null with a reason when undefined. */
export function alphaOf(matrix: ReadonlyMap<CodedValue, ReadonlyMap<CodedValue, number>>, metric: Metric): Measured {
  const n = pairableValues(matrix);
  if (n < 2) return { value: null, reason: REASON_TOO_FEW_VALUES };
  const totals = marginals(matrix);
  const values = [...totals.keys()];
  let observed = 0;
  for (const [c, cells] of matrix) {
    for (const [k, amount] of cells) {
      const d = distance(metric, c, k);
      if (d === undefined) return { value: null, reason: REASON_NOT_NUMERIC };
      observed += amount * d;
    }
  }
  let expected = 0;
  for (const c of values) {
    for (const k of values) {
      const d = distance(metric, c, k);
      if (d === undefined) return { value: null, reason: REASON_NOT_NUMERIC };
      expected += totals.get(c)! * totals.get(k)! * d;
    }
  }
  // Expected disagreement is 0 exactly when every pairable value is the same (δ² > 0 for distinct values).
  if (expected === 0) return { value: null, reason: `no variation: every pairable value is ${describeValue(values[0])}` };
  return { value: tidy(1 - ((n - 1) * observed) / expected) };
}

/**
 * Observed agreement A_o = Σ_c o[c][c] / n: the share of pairs of values (from
 * different coders, within a unit) that are equal, each unit weighted by its
 * pairable values. With two coders and no missing values it is the share of
 * units on which they agree (percent agreement). Null when nothing is pairable.
 */
export function observedAgreementOf(matrix: ReadonlyMap<CodedValue, ReadonlyMap<CodedValue, number>>): number | null {
  const n = pairableValues(matrix);
  if (n === 0) return null;
  let diagonal = 0;
  for (const [c, cells] of matrix) diagonal += cells.get(c) ?? 0;
  return tidy(diagonal / n);
}

/** Krippendorff's alpha straight from reliability data: one row per unit, one entry per coder (undefined: missing). */
export function krippendorffAlpha(units: readonly (readonly (CodedValue | undefined)[])[], metric: Metric): Measured {
  const matrix = newMatrix();
  for (const unit of units) addUnit(matrix, unit);
  return alphaOf(matrix, metric);
}

/** Adds one unit both coders coded to a contingency table. */
export function addPair(table: ContingencyTable, first: CodedValue, second: CodedValue, count = 1): void {
  addCell(table, first, second, count);
}

export function unitsOf(table: ReadonlyMap<CodedValue, ReadonlyMap<CodedValue, number>>): number {
  let total = 0;
  for (const cells of table.values()) for (const amount of cells.values()) total += amount;
  return total;
}

/** Percent agreement of two coders as a proportion: equal values / units both coded. Null without units. */
export function percentAgreementOf(table: ReadonlyMap<CodedValue, ReadonlyMap<CodedValue, number>>): number | null {
  const total = unitsOf(table);
  if (total === 0) return null;
  let diagonal = 0;
  for (const [row, cells] of table) diagonal += cells.get(row) ?? 0;
  return tidy(diagonal / total);
}

/**
 * Cohen's kappa of two coders over the units both coded.
 * nominal: κ = (p_o − p_e) / (1 − p_e), p_e = Σ_c p_first(c)·p_second(c).
 * interval: Cohen's weighted kappa with quadratic weights (the squared difference
 * of the values, as alpha's interval metric): κ_w = 1 − Σ w·p_o / Σ w·p_e.
 * Null when no unit was coded by both, or when chance disagreement is 0
 * (both coders used one and the same value throughout).
 */
export function cohensKappaOf(table: ReadonlyMap<CodedValue, ReadonlyMap<CodedValue, number>>, metric: Metric): Measured {
  const total = unitsOf(table);
  if (total === 0) return { value: null, reason: REASON_NO_UNITS_BOTH_CODED };
  const rowTotals = new Map<CodedValue, number>();
  const columnTotals = new Map<CodedValue, number>();
  for (const [row, cells] of table) {
    for (const [column, amount] of cells) {
      rowTotals.set(row, (rowTotals.get(row) ?? 0) + amount);
      columnTotals.set(column, (columnTotals.get(column) ?? 0) + amount);
    }
  }
  // Both forms as weighted disagreement: κ = 1 − D_o / D_e with weight 1 − [c = k] (nominal) or (c − k)².
  let observed = 0;
  for (const [row, cells] of table) {
    for (const [column, amount] of cells) {
      const d = distance(metric, row, column);
      if (d === undefined) return { value: null, reason: REASON_NOT_NUMERIC };
      observed += amount * d;
    }
  }
  let expected = 0;
  for (const [row, rowTotal] of rowTotals) {
    for (const [column, columnTotal] of columnTotals) {
      const d = distance(metric, row, column);
      if (d === undefined) return { value: null, reason: REASON_NOT_NUMERIC };
      expected += rowTotal * columnTotal * d;
    }
  }
  if (expected === 0) {
    const only = [...rowTotals.keys()][0];
    return { value: null, reason: `no variation: both coders gave ${describeValue(only)} throughout` };
  }
  // observed is a count over `total` units; expected a count over total² pairs.
  return { value: tidy(1 - observed / total / (expected / (total * total))) };
}

/** Cohen's kappa straight from two coders' values for the same units (units with a missing value are left out). */
export function cohensKappa(first: readonly (CodedValue | undefined)[], second: readonly (CodedValue | undefined)[], metric: Metric = 'nominal'): Measured {
  const table: ContingencyTable = new Map();
  const length = Math.min(first.length, second.length);
  for (let i = 0; i < length; i++) {
    const a = first[i];
    const b = second[i];
    if (a !== undefined && b !== undefined) addPair(table, a, b);
  }
  return cohensKappaOf(table, metric);
}
