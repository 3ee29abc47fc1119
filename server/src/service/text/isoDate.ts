/**
 * `document.date` of annotation files: ISO 8601 dates and date-times in the
 * extended (hyphenated) form, as docs/format.md lists them:
 *
 *   2025-02-19                      a calendar date
 *   2025-02-19T14:30                a date and a time (hours and minutes)
 *   2025-02-19T14:30:05             … with seconds
 *   2025-02-19T14:30:05.250         … with a fraction of a second (`.` or `,`)
 *   2025-02-19T14:30Z               … with a time zone: `Z`, `+01:00`, `+0100`, `+01`
 *
 * A space (or a lower-case `t`) may stand for the `T`, as RFC 3339 and YAML
 * write it. Reduced precision (`2025-02`, `2025`), week dates (`2025-W08`),
 * ordinal dates (`2025-050`) and the basic form without hyphens (`20250219`)
 * are not accepted: time slices need the day. The same grammar is what the
 * analysis reads (`--from`, `--to`, `--duplicates week`).
 */

export interface IsoDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly time?: {
    readonly hour: number;
    readonly minute: number;
    readonly second: number;
    /** The fraction's digits without trailing zeros ('' for none): `.250` → `25`. */
    readonly fraction: string;
  };
  /** Minutes east of UTC when a zone is written (`Z` → 0). */
  readonly offsetMinutes?: number;
}

/** `shapeHint`: the text is not shaped like a date (a hint or ''); else `reason`: the date or time does not exist. */
export type IsoDateResult = { readonly ok: true; readonly date: IsoDate } | { readonly ok: false; readonly reason: string; readonly shape: boolean };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export const DATE_EXAMPLES = '`2025-02-19`, or a date and time such as `2025-02-19T14:30` (seconds and a time zone may follow: `2025-02-19T14:30:00+01:00`)';

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Reads a date as written in `document.date`; the reason says what is wrong in words an analyst understands. */
export function parseIsoDate(text: string): IsoDateResult {
  const written = text.trim();
  const match = SHAPE.exec(written);
  if (!match) return { ok: false, reason: shapeReason(written), shape: true };
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12) return { ok: false, reason: `there is no month ${match[2]} (months run from 01 to 12, and the month comes before the day)`, shape: false };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return { ok: false, reason: `${MONTH_NAMES[month - 1]} ${match[1]} has ${days} days, so there is no day ${match[3]}`, shape: false };
  let time: IsoDate['time'];
  if (match[4] !== undefined) {
    const hour = Number(match[4]);
    const minute = Number(match[5]);
    const second = Number(match[6] ?? '0');
    if (hour > 23) return { ok: false, reason: `there is no hour ${match[4]} (hours run from 00 to 23)`, shape: false };
    if (minute > 59) return { ok: false, reason: `there is no minute ${match[5]} (minutes run from 00 to 59)`, shape: false };
    // 60 is a leap second.
    if (second > 60) return { ok: false, reason: `there is no second ${match[6]} (seconds run from 00 to 59)`, shape: false };
    time = { hour, minute, second, fraction: (match[7] ?? '').replace(/0+$/, '') };
  }
  let offsetMinutes: number | undefined;
  const zone = match[8];
  if (zone) {
    if (zone === 'Z' || zone === 'z') {
      offsetMinutes = 0;
    } else {
      const digits = zone.slice(1).replace(':', '');
      const hours = Number(digits.slice(0, 2));
      const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
      if (hours > 23 || minutes > 59) return { ok: false, reason: `the time zone \`${zone}\` is not an offset from UTC (at most ±23:59)`, shape: false };
      offsetMinutes = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
    }
  }
  return { ok: true, date: { year, month, day, time, offsetMinutes } };
}

function shapeReason(written: string): string {
  if (/^\d{4}-\d{2}$/.test(written)) return 'a month alone is not a date: give the day too (e.g. the first of the month, `' + written + '-01`)';
  if (/^\d{4}$/.test(written)) return 'a year alone is not a date: give the month and day too';
  if (/^\d{8}$/.test(written)) return `write it with hyphens, \`${written.slice(0, 4)}-${written.slice(4, 6)}-${written.slice(6)}\``;
  if (/^\d{1,2}[./]\d{1,2}[./]\d{4}$/.test(written)) return 'write the year first, then month and day, with hyphens (`2025-02-19`)';
  if (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*[A-Za-z]{2,}$/.test(written)) return 'give the time zone as `Z` or an offset such as `+01:00`, not a name';
  if (/^\d{4}-(?:\d-\d{1,2}|\d{1,2}-\d)(?:$|[Tt ])/.test(written)) return 'months and days take two digits (`2025-02-09`, not `2025-2-9`)';
  return '';
}

/** The schema message for a `date` value that is not a date. */
export function dateProblem(written: string, result: Extract<IsoDateResult, { ok: false }>): string {
  const text = written.trim();
  if (!result.shape) return `\`${text}\` is not a date: ${result.reason}.`;
  const hint = result.reason ? `: ${result.reason}` : '';
  return `\`date\` must be an ISO 8601 date, ${DATE_EXAMPLES}; \`${text}\` is not one${hint}.`;
}

/**
 * Whether two dates of one article agree, compared as written: the same
 * calendar day; when both give a time, the same clock time (seconds and
 * fractions by value: 14:30 = 14:30:00.000); when both also give a zone, the
 * same zone (`Z` = `+00:00`). A date without a time agrees with every time of
 * that day, and a time without a zone with that time in any zone: the more
 * precise one adds to it rather than contradicting it. Times in different
 * zones are not converted: an article's date is the day and clock printed on it.
 */
export function sameDocumentDate(a: IsoDate, b: IsoDate): boolean {
  if (a.year !== b.year || a.month !== b.month || a.day !== b.day) return false;
  if (!a.time || !b.time) return true;
  if (a.time.hour !== b.time.hour || a.time.minute !== b.time.minute || a.time.second !== b.time.second || a.time.fraction !== b.time.fraction) return false;
  return a.offsetMinutes === undefined || b.offsetMinutes === undefined || a.offsetMinutes === b.offsetMinutes;
}

/**
 * Days since 0000-01-01 of the proleptic Gregorian calendar (Howard Hinnant's
 * days_from_civil): exact for every year 0000–9999, and cheap enough to run
 * per statement when the analysis groups statements by week.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
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

const two = (n: number) => String(n).padStart(2, '0');

/** The date in words for a hover: `Wednesday, 19 February 2025, 14:30 (UTC+01:00) · ISO week 2025-W08`. */
export function describeIsoDate(date: IsoDate): string {
  const weekday = WEEKDAY_NAMES[isoWeekday(date.year, date.month, date.day) - 1];
  let text = `${weekday}, ${date.day} ${MONTH_NAMES[date.month - 1]} ${String(date.year).padStart(4, '0')}`;
  if (date.time) {
    const { hour, minute, second, fraction } = date.time;
    text += `, ${two(hour)}:${two(minute)}${second || fraction ? `:${two(second)}${fraction ? `.${fraction}` : ''}` : ''}`;
    if (date.offsetMinutes !== undefined) {
      const offset = Math.abs(date.offsetMinutes);
      text += date.offsetMinutes === 0 ? ' (UTC)' : ` (UTC${date.offsetMinutes < 0 ? '−' : '+'}${two(Math.floor(offset / 60))}:${two(offset % 60)})`;
    } else {
      text += ' (no time zone given)';
    }
  }
  const week = isoWeek(date.year, date.month, date.day);
  return `${text} · ISO week ${String(week.year).padStart(4, '0')}-W${two(week.week)}`;
}
