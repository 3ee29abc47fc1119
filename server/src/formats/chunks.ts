/**
 * Every writer returns its output as chunks of text, produced lazily, so the
 * CLI can stream a 100,000-row export to a file (with back-pressure) without
 * building it in memory, and tests and small callers can join it.
 */
export type Chunks = Iterable<string>;

/** Joins the chunks of a writer into one string (tests, small outputs, LSP answers). */
export function collect(chunks: Chunks): string {
  let text = '';
  for (const chunk of chunks) text += chunk;
  return text;
}

/** Rows are written in batches of this many, so a chunk is neither one row nor the whole export. */
export const ROWS_PER_CHUNK = 500;

/** A number to be written; NaN and Infinity have no spelling in CSV, JSON or XML numbers, so they are a caller's bug, said clearly. */
export function finiteNumber(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`${what} is ${value}, not a finite number`);
  return value;
}

/** Numbers as written in the XML formats: the shortest text that reads back as the same double (as JSON and CSV write them). */
export function formatNumber(value: number, what: string): string {
  return String(finiteNumber(value, what));
}

/**
 * JSON.stringify, with U+0085, U+2028 and U+2029 escaped too: valid JSON either
 * way, but tools that split text into lines (Python's `str.splitlines`, some
 * editors) treat them as line breaks, which would cut a JSON Lines record.
 */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
