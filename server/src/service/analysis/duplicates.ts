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
export function applyDuplicateRule<T extends DuplicateCandidate>(
  statements: readonly T[],
  rule: DuplicateRule,
  options: DuplicateOptions = {},
): DuplicateResult<T> {
  if (rule === 'include') return { kept: [...statements], dropped: 0 };
  const compareStance = options.compareStance ?? true;
  const dates = dateCache();
  // The earliest statement (index) of each group of duplicates.
  const earliest = new Map<string, number>();
  for (let index = 0; index < statements.length; index++) {
    const statement = statements[index];
    const key = `${periodKey(rule, statement.article, dates(statement.date))}\u0000${statement.actor}\u0000${statement.toward}${
      compareStance ? `\u0000${statement.stance}` : ''
    }`;
    const held = earliest.get(key);
    if (held === undefined || compareDocumentOrder(statement, index, statements[held], held, dates) < 0) earliest.set(key, index);
  }
  const keep = new Uint8Array(statements.length);
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

/** Document order (see the top of this file); `index` is the position in the input, the last tie-break. */
export function compareDocumentOrder(
  a: DuplicateCandidate,
  indexA: number,
  b: DuplicateCandidate,
  indexB: number,
  dates: (date: string | undefined) => DateSpan | undefined = dateCache(),
): number {
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
