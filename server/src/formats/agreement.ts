/**
 * The agreement report (`standpoint agree`) as JSON and CSV. Plain data in,
 * text out; the text form is in agreementText.ts.
 */
import type { AgreementLevel, AgreementReport } from '../service/analysis/types';
import { csvLine, type Cell } from './csv';

const LEVELS: readonly AgreementLevel[] = ['sentences', 'actors', 'stances', 'polarity'];

/**
 * The report as JSON, in the contract's shape (analysis contract §4). Readable
 * and diffable without being huge: the top level is indented, and each entry of
 * a list (articles, pairs, disagreements, …) takes one line.
 */
export function renderAgreementJson(report: AgreementReport): string {
  const entries = Object.entries(report);
  const lines = ['{'];
  entries.forEach(([key, value], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.length > 0 && value.some((item) => typeof item === 'object' && item !== null)) {
      lines.push(`  ${JSON.stringify(key)}: [`);
      value.forEach((item, j) => lines.push(`    ${JSON.stringify(item)}${j < value.length - 1 ? ',' : ''}`));
      lines.push(`  ]${comma}`);
    } else {
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}${comma}`);
    }
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** RFC 4180 with the house escaping (csv.ts): CRLF records, quoted fields, a `'` before text that a spreadsheet would run as a formula. */
function csv(rows: readonly (readonly (Cell | null)[])[]): string {
  let text = '';
  for (const row of rows) text += csvLine(row.map((cell) => cell ?? undefined));
  return text;
}

export const AGREEMENT_FIGURE_COLUMNS = [
  'scope',
  'article',
  'coder_a',
  'coder_b',
  'level',
  'alpha',
  'kappa',
  'agreement',
  'units',
  'pairable',
  'articles',
  'reason',
] as const;

/**
 * `--format csv`: the figures as one long ("tidy") table, one row per scope and
 * level: `corpus` (4 rows), then each `pair` of coders, then each `article`.
 * `alpha` and `pairable` belong to corpus and article rows, `kappa` and
 * `coder_a`/`coder_b` to pair rows; `articles` counts the compared articles
 * (corpus) or those both coders annotated (pair). Agreement is a proportion 0…1.
 * Empty cells are figures that do not apply or are undefined (see `reason`).
 */
export function renderAgreementCsv(report: AgreementReport): string {
  const rows: (Cell | null)[][] = [[...AGREEMENT_FIGURE_COLUMNS]];
  for (const level of LEVELS) {
    const f = report.corpus[level];
    rows.push(['corpus', '', '', '', level, f.alpha, '', f.agreement, f.units, f.pairable, report.articles.length, f.reason]);
  }
  for (const pair of report.pairs) {
    for (const level of LEVELS) {
      const f = pair[level];
      rows.push(['pair', '', pair.coders[0], pair.coders[1], level, '', f.kappa, f.agreement, f.units, '', pair.articles, f.reason]);
    }
  }
  for (const article of report.articles) {
    for (const level of LEVELS) {
      const f = article[level];
      rows.push(['article', article.article, '', '', level, f.alpha, '', f.agreement, f.units, f.pairable, '', f.reason]);
    }
  }
  return csv(rows);
}

export const AGREEMENT_DISAGREEMENT_COLUMNS = ['article', 'sentence', 'level', 'actor', 'target', 'coder', 'value', 'polarity', 'places'] as const;

/**
 * The disagreements as CSV, for going through them in a spreadsheet: one row
 * per disagreement and coder (long form), `value` empty when that coder gave
 * none, `places` that coder's `file:line`s separated by `; `.
 */
export function renderAgreementDisagreementsCsv(report: AgreementReport): string {
  const rows: (Cell | null)[][] = [[...AGREEMENT_DISAGREEMENT_COLUMNS]];
  for (const d of report.disagreements) {
    for (const [coder, value] of Object.entries(d.values)) {
      const places = d.places.filter((place) => place.coder === coder).map((place) => `${place.file}:${place.line}`);
      rows.push([d.article, d.sentence, d.level, d.actor, d.target, coder, value, d.polarities?.[coder], places.join('; ')]);
    }
  }
  return csv(rows);
}
