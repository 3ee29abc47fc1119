/**
 * ISO 8601 dates as the analysis reads them from `document.date` and from
 * `--from` / `--to`: a calendar date (`2025-02-19`) or a date and time
 * (`2025-02-19T14:30`, `…:05`, `…:05.250`, with or without `Z` / `+01:00`; a
 * space instead of the `T`, as RFC 3339 and YAML allow, is read too).
 *
 * Dates are compared as written: the article's own calendar day and clock.
 * A time-zone offset is checked but not applied, so an article dated
 * `2025-02-19T23:30-05:00` belongs to 19 February, as its readers saw it.
 */

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

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

const SECONDS_PER_DAY = 86_400;

/** Parses an ISO 8601 date or date-time; undefined when the text is not one (or names no real day). */
export function parseIsoDate(text: string): DateSpan | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const dayStart = daysFromCivil(year, month, day) * SECONDS_PER_DAY;
  if (match[4] === undefined) {
    return { year, month, day, start: dayStart, end: dayStart + SECONDS_PER_DAY - 1, hasTime: false };
  }
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  // A leap second (:60) is read as the last second of its minute.
  const second = Math.min(59, Number(match[6] ?? '0'));
  if (hour > 23 || minute > 59 || Number(match[6] ?? '0') > 60) return undefined;
  const zone = match[7];
  if (zone && zone.toUpperCase() !== 'Z') {
    const zoneHour = Number(zone.slice(1, 3));
    const zoneMinute = zone.length > 3 ? Number(zone.slice(-2)) : 0;
    if (zoneHour > 23 || zoneMinute > 59) return undefined;
  }
  const at = dayStart + hour * 3600 + minute * 60 + second;
  return { year, month, day, start: at, end: at, hasTime: true };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 0000-03-01 shifted to count from 0000-01-01 (Howard Hinnant's days_from_civil); exact for every year 0000–9999. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra;
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(year: number, month: number, day: number): number {
  // daysFromCivil(2000, 1, 3) is a Monday; the count is continuous, so the remainder gives the weekday.
  const offset = daysFromCivil(year, month, day) - daysFromCivil(2000, 1, 3);
  return (((offset % 7) + 7) % 7) + 1;
}

/**
 * The ISO 8601 week of a day: the week (Monday to Sunday) belongs to the year
 * of its Thursday, so 2024-12-30 is 2025-W01 and 2027-01-01 is 2026-W53.
 */
export function isoWeek(year: number, month: number, day: number): { readonly year: number; readonly week: number } {
  const days = daysFromCivil(year, month, day);
  const thursday = days - isoWeekday(year, month, day) + 4;
  // The Thursday lies in the same calendar year or the one before or after.
  let weekYear = year;
  if (thursday < daysFromCivil(year, 1, 1)) weekYear = year - 1;
  else if (thursday >= daysFromCivil(year + 1, 1, 1)) weekYear = year + 1;
  const week = Math.floor((thursday - daysFromCivil(weekYear, 1, 1)) / 7) + 1;
  return { year: weekYear, week };
}
