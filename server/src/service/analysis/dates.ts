/**
 * ISO 8601 dates as the analysis reads them from `document.date` and from
 * `--from` / `--to`: a calendar date (`2025-02-19`) or a date and time
 * (`2025-02-19T14:30`, `…:05`, `…:05.250`, with or without `Z` / `+01:00`; a
 * space instead of the `T`, as RFC 3339 and YAML allow, is read too).
 *
 * Dates are compared as written: the article's own calendar day and clock.
 * A time-zone offset is checked but not applied, so an article dated
 * `2025-02-19T23:30-05:00` belongs to 19 February, as its readers saw it.
 *
 * The grammar is the one the schema check applies to `document.date`
 * (text/isoDate.ts): a date the checker accepts is a date the analysis reads.
 */

import { daysFromCivil, parseIsoDate as readIsoDate } from '../text/isoDate';

export { isoWeek, isoWeekday } from '../text/isoDate';

/** A date as a span of seconds since 0000-01-01: a whole day for a date, one second for a date-time. */
export interface DateSpan {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** First second of the span (seconds since the proleptic Gregorian 0000-01-01, clock time as written). */
  readonly start: number;
  /** Last second of the span, inclusive. */
  readonly end: number;
  readonly hasTime: boolean;
}

const SECONDS_PER_DAY = 86_400;

/** Parses an ISO 8601 date or date-time; undefined when the text is not one (or names no real day). */
export function parseIsoDate(text: string): DateSpan | undefined {
  const result = readIsoDate(text);
  if (!result.ok) return undefined;
  const { year, month, day, time } = result.date;
  const dayStart = daysFromCivil(year, month, day) * SECONDS_PER_DAY;
  if (!time) return { year, month, day, start: dayStart, end: dayStart + SECONDS_PER_DAY - 1, hasTime: false };
  // A leap second (:60) is read as the last second of its minute.
  const at = dayStart + time.hour * 3600 + time.minute * 60 + Math.min(59, time.second);
  return { year, month, day, start: at, end: at, hasTime: true };
}
