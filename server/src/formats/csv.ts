import { stringify } from 'csv-stringify/sync';
import { ROWS_PER_CHUNK, type Chunks } from './chunks';

/** A CSV cell: text, a number, or empty (undefined). */
export type Cell = string | number | undefined;

/**
 * RFC 4180 CSV (csv-stringify): comma-separated, CRLF between records, a
 * field quoted when it holds a comma, quote or line break, quotes doubled.
 * UTF-8 without BOM is the caller's encoding of these strings.
 *
 * Spreadsheet formula injection: a text cell that begins with `=`, `+`, `-`,
 * `@`, tab or CR (or their full-width forms) gets a leading `'`, so Excel,
 * LibreOffice and Google Sheets show it as text instead of running it. Number
 * cells are never prefixed: a polarity of -1 stays the number -1.
 */
const OPTIONS = {
  record_delimiter: 'windows',
  // With an explicit record delimiter csv-stringify 6.9 would quote only fields holding CRLF, leaving a lone LF or CR bare (a broken row).
  quote_record_delimiter: true,
  escape_formulas: true,
  // Numbers as JavaScript writes them (shortest round-trip form); csv-stringify's default does the same, this makes it explicit.
  cast: { number: (value: number) => String(value) },
} as const;

export function csvLine(cells: readonly Cell[]): string {
  return stringify([cells as Cell[]], OPTIONS);
}

/** A header line, then the rows in batches. */
export function* csvTable<T>(header: readonly string[], rows: Iterable<T>, toCells: (row: T) => Cell[]): Chunks {
  yield csvLine(header);
  let batch: Cell[][] = [];
  for (const row of rows) {
    batch.push(toCells(row));
    if (batch.length === ROWS_PER_CHUNK) {
      yield stringify(batch, OPTIONS);
      batch = [];
    }
  }
  if (batch.length) yield stringify(batch, OPTIONS);
}
