import type { Mention, Statement } from '../service/analysis/types';
import { finiteNumber, jsonText, ROWS_PER_CHUNK, type Chunks } from './chunks';
import { csvLine, type Cell } from './csv';

export type TableFormat = 'csv' | 'json' | 'jsonl';
export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'json', 'jsonl'];

type Value = string | number | null;
type Column<T> = readonly [name: string, value: (row: T) => string | number | undefined];

/** The statements columns of the analysis contract, in their order. */
const STATEMENT_COLUMNS: readonly Column<Statement>[] = [
  ['article', (s) => s.article],
  ['title', (s) => s.title],
  ['date', (s) => s.date],
  ['source', (s) => s.source],
  ['coder', (s) => s.coder],
  ['file', (s) => s.file],
  ['line', (s) => s.line],
  ['annotation', (s) => s.annotation],
  ['sentence', (s) => s.sentence],
  ['sentence_text', (s) => s.sentenceText],
  ['quote', (s) => s.quote],
  ['start', (s) => s.start],
  ['end', (s) => s.end],
  ['actor', (s) => s.actor],
  ['actor_name', (s) => s.actorName],
  ['actor_type', (s) => s.actorType],
  ['toward', (s) => s.toward],
  ['toward_label', (s) => s.towardLabel],
  ['toward_kind', (s) => s.towardKind],
  ['stance', (s) => s.stance],
  ['polarity', (s) => s.polarity],
  ['note', (s) => s.note],
];

/** The mentions columns of the analysis contract, in their order. */
const MENTION_COLUMNS: readonly Column<Mention>[] = [
  ['article', (m) => m.article],
  ['title', (m) => m.title],
  ['date', (m) => m.date],
  ['source', (m) => m.source],
  ['coder', (m) => m.coder],
  ['file', (m) => m.file],
  ['line', (m) => m.line],
  ['annotation', (m) => m.annotation],
  ['sentence', (m) => m.sentence],
  ['actor', (m) => m.actor],
  ['actor_name', (m) => m.actorName],
  ['actor_type', (m) => m.actorType],
];

export const STATEMENT_COLUMN_NAMES: readonly string[] = STATEMENT_COLUMNS.map(([name]) => name);
export const MENTION_COLUMN_NAMES: readonly string[] = MENTION_COLUMNS.map(([name]) => name);

/** Statements as CSV (header row), a JSON array of objects, or JSON Lines; absent values are empty cells in CSV and `null` in JSON. */
export function writeStatements(statements: Iterable<Statement>, format: TableFormat): Chunks {
  return writeTable(statements, STATEMENT_COLUMNS, statementRecord, format);
}

/** Mentions, as `writeStatements`. */
export function writeMentions(mentions: Iterable<Mention>, format: TableFormat): Chunks {
  return writeTable(mentions, MENTION_COLUMNS, mentionRecord, format);
}

/** One statement as the object JSON and JSON Lines write (the contract's keys, in order). Spelled out as a literal: V8 builds it several times faster than key by key. */
export function statementRecord(s: Statement): Record<string, Value> {
  return {
    article: s.article,
    title: s.title ?? null,
    date: s.date ?? null,
    source: s.source ?? null,
    coder: s.coder ?? null,
    file: s.file,
    line: finiteNumber(s.line, 'line'),
    annotation: s.annotation,
    sentence: finiteNumber(s.sentence, 'sentence'),
    sentence_text: s.sentenceText,
    quote: s.quote ?? null,
    start: finiteNumber(s.start, 'start'),
    end: finiteNumber(s.end, 'end'),
    actor: s.actor,
    actor_name: s.actorName,
    actor_type: s.actorType,
    toward: s.toward,
    toward_label: s.towardLabel,
    toward_kind: s.towardKind,
    stance: s.stance,
    polarity: finiteNumber(s.polarity, 'polarity'),
    note: s.note ?? null,
  };
}

export function mentionRecord(m: Mention): Record<string, Value> {
  return {
    article: m.article,
    title: m.title ?? null,
    date: m.date ?? null,
    source: m.source ?? null,
    coder: m.coder ?? null,
    file: m.file,
    line: finiteNumber(m.line, 'line'),
    annotation: m.annotation,
    sentence: finiteNumber(m.sentence, 'sentence'),
    actor: m.actor,
    actor_name: m.actorName,
    actor_type: m.actorType,
  };
}

function checked(value: string | number | undefined, name: string): string | number | undefined {
  return typeof value === 'number' ? finiteNumber(value, name) : value;
}

function writeTable<T>(rows: Iterable<T>, columns: readonly Column<T>[], toRecord: (row: T) => Record<string, Value>, format: TableFormat): Chunks {
  const writer = tableWriter(columns, toRecord, format);
  return (function* () {
    let chunk = writer.head;
    let count = 0;
    for (const row of rows) {
      chunk += writer.row(row, count);
      if (++count % ROWS_PER_CHUNK === 0) {
        yield chunk;
        chunk = '';
      }
    }
    chunk += writer.tail(count);
    if (chunk) yield chunk;
  })();
}

/**
 * Statements that arrive in batches (the CLI reads one article's text per
 * batch), written as `writeStatements` writes them: the same bytes.
 */
export function writeStatementBatches(batches: AsyncIterable<Iterable<Statement>>, format: TableFormat): AsyncIterable<string> {
  return writeTableBatches(batches, tableWriter(STATEMENT_COLUMNS, statementRecord, format));
}

async function* writeTableBatches<T>(batches: AsyncIterable<Iterable<T>>, writer: TableWriter<T>): AsyncIterable<string> {
  let chunk = writer.head;
  let count = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      chunk += writer.row(row, count);
      if (++count % ROWS_PER_CHUNK === 0) {
        yield chunk;
        chunk = '';
      }
    }
  }
  chunk += writer.tail(count);
  if (chunk) yield chunk;
}

/** A table's text in three parts: what comes before the rows, each row (given its 0-based position), and what comes after them. */
interface TableWriter<T> {
  readonly head: string;
  row(row: T, index: number): string;
  tail(count: number): string;
}

function tableWriter<T>(columns: readonly Column<T>[], toRecord: (row: T) => Record<string, Value>, format: TableFormat): TableWriter<T> {
  switch (format) {
    case 'csv':
      return {
        head: csvLine(columns.map(([name]) => name)),
        row: (row) => csvLine(columns.map(([name, value]): Cell => checked(value(row), name))),
        tail: () => '',
      };
    case 'json':
      // `[`, one object per line, `]`: valid JSON that still diffs and greps line by line.
      return {
        head: '[',
        row: (row, index) => `${index === 0 ? '\n' : ',\n'}${jsonText(toRecord(row))}`,
        tail: (count) => (count === 0 ? ']\n' : '\n]\n'),
      };
    case 'jsonl':
      return { head: '', row: (row) => `${jsonText(toRecord(row))}\n`, tail: () => '' };
  }
}
