/**
 * The duplicate rule (`--duplicates`): a statement counts once if an earlier
 * one in the same article / ISO week / month / year / anywhere has the same
 * actor, target and (unless told not to compare it) stance.
 *
 * "Earlier" is document order, the same on every machine:
 *   1. the date (a date-time's second, a date's first second; undated last),
 *   2. the article path, 3. the annotation file path, 4. the line,
 *   5. the order the statements were given in (stances on one line).
 * Among statements that are duplicates of each other the earliest is kept.
 *
 * Undated statements have no week, month or year: under `week`, `month` and
 * `year` they are compared within their article (an article has one date, so
 * for dated articles the article lies within the period too).
 */
import type { DuplicateRule } from './types';
import { isoWeek, parseIsoDate, type DateSpan } from './dates';
import { compareText } from './filters';

/** What the duplicate rule reads of a statement. */
export interface DuplicateCandidate {
  readonly article: string;
  readonly date?: string;
  readonly file: string;
  readonly line: number;
  readonly actor: string;
  readonly toward: string;
  readonly stance: string;
}

export interface DuplicateResult<T> {
  /** The statements counted, in the order given. */
  readonly kept: T[];
  /** How many were dropped as duplicates. */
  readonly dropped: number;
}

export interface DuplicateOptions {
  /** Compare the stance too (default). False for `--aggregate ignore` and `co-occurrence`, which ignore stances. */
  readonly compareStance?: boolean;
}

/** Applies a duplicate rule; `include` keeps everything. Linear in the statements (no sort). */
export function applyDuplicateRule<T extends DuplicateCandidate>(statements: readonly T[], rule: DuplicateRule, options: DuplicateOptions = {}): DuplicateResult<T> {
  if (rule === 'include') return { kept: [...statements], dropped: 0 };
  const compareStance = options.compareStance ?? true;
  const dates = dateCache();
  // Small integers instead of concatenated strings: the ids are interned once per statement,
  // and a group of duplicates (actor, target, period, stance) is one number when they fit in a
  // small integer (V8 hashes those without allocating), else one string.
  const intern = (map: Map<string, number>, value: string): number => {
    let id = map.get(value);
    if (id === undefined) {
      id = map.size;
      map.set(value, id);
    }
    return id;
  };
  const actorIds = new Map<string, number>();
  const targetIds = new Map<string, number>();
  const stanceIds = new Map<string, number>();
  const periodIds = new Map<string, number>();
  // article → date → [period id, first second of the date (undated: Infinity, so last)]
  const placeOf = new Map<string, Map<string | undefined, [number, number]>>();
  const count = statements.length;
  const start = new Float64Array(count);
  const actor = new Int32Array(count);
  const target = new Int32Array(count);
  const period = new Int32Array(count);
  const stance = new Int32Array(count);
  for (let index = 0; index < count; index++) {
    const statement = statements[index];
    let byDate = placeOf.get(statement.article);
    if (byDate === undefined) {
      byDate = new Map();
      placeOf.set(statement.article, byDate);
    }
    let place = byDate.get(statement.date);
    if (place === undefined) {
      const span = dates(statement.date);
      place = [intern(periodIds, periodKey(rule, statement.article, span)), span ? span.start : Infinity];
      byDate.set(statement.date, place);
    }
    period[index] = place[0];
    start[index] = place[1];
    actor[index] = intern(actorIds, statement.actor);
    target[index] = intern(targetIds, statement.toward);
    stance[index] = compareStance ? intern(stanceIds, statement.stance) : 0;
  }
  const targets = targetIds.size;
  const periods = periodIds.size;
  const stances = Math.max(1, stanceIds.size);
  const small = actorIds.size * targets * periods * stances < 2 ** 30;
  // The earliest statement (index) of each group of duplicates.
  const earliest = new Map<number | string, number>();
  for (let index = 0; index < count; index++) {
    const group = small ? ((actor[index] * targets + target[index]) * periods + period[index]) * stances + stance[index] : `${actor[index]},${target[index]},${period[index]},${stance[index]}`;
    const held = earliest.get(group);
    if (held === undefined || isEarlier(statements[index], index, statements[held], held, start)) earliest.set(group, index);
  }
  const keep = new Uint8Array(count);
  for (const index of earliest.values()) keep[index] = 1;
  const kept = statements.filter((_, index) => keep[index] === 1);
  return { kept, dropped: statements.length - kept.length };
}

/**
 * The period a statement is compared within: the article, the ISO week
 * (`2025-W01`), the month (`2025-02`), the year, or everything. Undated
 * statements fall back to their article under the period rules.
 */
export function periodKey(rule: Exclude<DuplicateRule, 'include'>, article: string, date: DateSpan | undefined): string {
  if (rule === 'all') return '';
  if (rule === 'article' || date === undefined) return `article:${article}`;
  if (rule === 'year') return String(date.year);
  if (rule === 'month') return `${date.year}-${String(date.month).padStart(2, '0')}`;
  const week = isoWeek(date.year, date.month, date.day);
  return `${week.year}-W${String(week.week).padStart(2, '0')}`;
}

/** Document order with the dates' first seconds at hand (undated: Infinity). */
function isEarlier(a: DuplicateCandidate, indexA: number, b: DuplicateCandidate, indexB: number, start: Float64Array): boolean {
  if (start[indexA] !== start[indexB]) return start[indexA] < start[indexB];
  return (compareText(a.article, b.article) || compareText(a.file, b.file) || a.line - b.line || indexA - indexB) < 0;
}

/** Document order (see the top of this file); `index` is the position in the input, the last tie-break. */
export function compareDocumentOrder(a: DuplicateCandidate, indexA: number, b: DuplicateCandidate, indexB: number, dates: (date: string | undefined) => DateSpan | undefined = dateCache()): number {
  const dateA = dates(a.date);
  const dateB = dates(b.date);
  if (dateA === undefined || dateB === undefined) {
    if (dateA !== dateB) return dateA === undefined ? 1 : -1;
  } else if (dateA.start !== dateB.start) {
    return dateA.start - dateB.start;
  }
  return compareText(a.article, b.article) || compareText(a.file, b.file) || a.line - b.line || indexA - indexB;
}

/** Parses each distinct date text once. */
function dateCache(): (date: string | undefined) => DateSpan | undefined {
  const spans = new Map<string, DateSpan | undefined>();
  return (date) => {
    if (date === undefined) return undefined;
    if (spans.has(date)) return spans.get(date);
    const span = parseIsoDate(date);
    spans.set(date, span);
    return span;
  };
}
