/**
 * The agreement report (`standpoint agree`) as text, JSON and CSV. Plain data
 * in, chunks of text out (chunks.ts), so a report with many disagreements can
 * be streamed; the text form itself is in agreementText.ts.
 */
import type { AgreementLevel, AgreementReport } from '../service/analysis/types';
import { collect, jsonText, ROWS_PER_CHUNK, type Chunks } from './chunks';
import { csvLine, type Cell } from './csv';
import { writeAgreementText, type AgreementTextOptions } from './agreementText';

export type AgreementFormat = 'text' | 'json' | 'csv';
export const AGREEMENT_FORMATS: readonly AgreementFormat[] = ['text', 'json', 'csv'];

const LEVELS: readonly AgreementLevel[] = ['sentences', 'actors', 'stances', 'polarity'];

/** The report in one of `--format`'s forms (`csv`: the figures; see writeAgreementDisagreementsCsv for the other CSV). */
export function writeAgreement(report: AgreementReport, format: AgreementFormat, options: AgreementTextOptions = {}): Chunks {
  if (format === 'json') return writeAgreementJson(report);
  if (format === 'csv') return writeAgreementCsv(report);
  return writeAgreementText(report, options);
}

/**
 * The report as JSON, in the contract's shape (analysis contract §4). Readable
 * and diffable without being huge: the top level is indented, and each entry of
 * a list (articles, pairs, disagreements, …) takes one line.
 */
export function* writeAgreementJson(report: AgreementReport): Chunks {
  const entries = Object.entries(report);
  let chunk = '{\n';
  let lines = 0;
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i];
    const comma = i < entries.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.some((item) => typeof item === 'object' && item !== null)) {
      chunk += `  ${jsonText(key)}: [\n`;
      for (let j = 0; j < value.length; j++) {
        chunk += `    ${jsonText(value[j])}${j < value.length - 1 ? ',' : ''}\n`;
        if (++lines % ROWS_PER_CHUNK === 0) {
          yield chunk;
          chunk = '';
        }
      }
      chunk += `  ]${comma}\n`;
    } else {
      chunk += `  ${jsonText(key)}: ${jsonText(value, 2).replace(/\n/g, '\n  ')}${comma}\n`;
    }
  }
  yield `${chunk}}\n`;
}

export function renderAgreementJson(report: AgreementReport): string {
  return collect(writeAgreementJson(report));
}

/** Rows as CSV (csv.ts: RFC 4180, CRLF, a `'` before text a spreadsheet would run as a formula), null and undefined as empty cells. */
function* csvRows(rows: Iterable<readonly (Cell | null)[]>): Chunks {
  let chunk = '';
  let count = 0;
  for (const row of rows) {
    chunk += csvLine(row.map((cell) => cell ?? undefined));
    if (++count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export const AGREEMENT_FIGURE_COLUMNS = ['scope', 'article', 'coder_a', 'coder_b', 'level', 'alpha', 'kappa', 'agreement', 'units', 'pairable', 'articles', 'reason'] as const;

function* figureRows(report: AgreementReport): Iterable<(Cell | null)[]> {
  yield [...AGREEMENT_FIGURE_COLUMNS];
  for (const level of LEVELS) {
    const f = report.corpus[level];
    yield ['corpus', '', '', '', level, f.alpha, '', f.agreement, f.units, f.pairable, report.articles.length, f.reason];
  }
  for (const pair of report.pairs) {
    for (const level of LEVELS) {
      const f = pair[level];
      yield ['pair', '', pair.coders[0], pair.coders[1], level, '', f.kappa, f.agreement, f.units, '', pair.articles, f.reason];
    }
  }
  for (const article of report.articles) {
    for (const level of LEVELS) {
      const f = article[level];
      yield ['article', article.article, '', '', level, f.alpha, '', f.agreement, f.units, f.pairable, '', f.reason];
    }
  }
}

/**
 * `--format csv`: the figures as one long ("tidy") table, one row per scope and
 * level: `corpus` (4 rows), then each `pair` of coders, then each `article`.
 * `alpha` and `pairable` belong to corpus and article rows, `kappa` and
 * `coder_a`/`coder_b` to pair rows; `articles` counts the compared articles
 * (corpus) or those both coders annotated (pair). Agreement is a proportion 0…1.
 * Empty cells are figures that do not apply or are undefined (see `reason`).
 */
export function writeAgreementCsv(report: AgreementReport): Chunks {
  return csvRows(figureRows(report));
}

export function renderAgreementCsv(report: AgreementReport): string {
  return collect(writeAgreementCsv(report));
}

export const AGREEMENT_DISAGREEMENT_COLUMNS = ['article', 'sentence', 'level', 'actor', 'target', 'coder', 'value', 'polarity', 'places'] as const;

function* disagreementRows(report: AgreementReport): Iterable<(Cell | null)[]> {
  yield [...AGREEMENT_DISAGREEMENT_COLUMNS];
  for (const d of report.disagreements) {
    for (const [coder, value] of Object.entries(d.values)) {
      const places = d.places.filter((place) => place.coder === coder).map((place) => `${place.file}:${place.line}`);
      yield [d.article, d.sentence, d.level, d.actor, d.target, coder, value, d.polarities?.[coder], places.join('; ')];
    }
  }
}

/**
 * The disagreements as CSV, for going through them in a spreadsheet: one row
 * per disagreement and coder (long form), `value` empty when that coder gave
 * none, `places` that coder's `file:line`s separated by `; `.
 */
export function writeAgreementDisagreementsCsv(report: AgreementReport): Chunks {
  return csvRows(disagreementRows(report));
}

export function renderAgreementDisagreementsCsv(report: AgreementReport): string {
  return collect(writeAgreementDisagreementsCsv(report));
}
