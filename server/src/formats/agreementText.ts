/**
 * The agreement report (`standpoint agree`) as text for a terminal or a
 * read-only document: a table of levels × (alpha, units, agreement), then the
 * pairs of coders, then the disagreements grouped by article and sentence, then
 * what was merged, skipped or self-conflicting. Plain data in, text out.
 */
import type { AgreementDisagreement, AgreementLevel, AgreementPlace, AgreementReport, AgreementValue } from '../service/analysis/types';
import { collect, ROWS_PER_CHUNK, type Chunks } from './chunks';

const LEVELS: readonly AgreementLevel[] = ['sentences', 'actors', 'stances', 'polarity'];
const DASH = '—';
/** Lists longer than this (skipped articles) are cut, with a count of the rest: the JSON has them all. */
const LIST_LIMIT = 10;

export interface AgreementTextOptions {
  /** The outcome of `--min-alpha`, printed as the last line. */
  readonly gate?: { readonly passed: boolean; readonly minAlpha: number; readonly message?: string };
}

export function formatAlpha(value: number | null): string {
  if (value === null) return DASH;
  const text = value.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}

export function formatPercent(value: number | null): string {
  return value === null ? DASH : `${(value * 100).toFixed(1)}%`;
}

/** Columns padded to their widest cell; `right` marks the columns aligned right (numbers). */
function table(rows: readonly (readonly string[])[], right: readonly boolean[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i] - [...cell].length);
        return right[i] ? pad + cell : i === row.length - 1 ? cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function valueText(level: AgreementLevel, value: AgreementValue): string {
  if (value === null) return 'none';
  if (level === 'sentences' || level === 'actors') return value === 1 ? 'yes' : 'no';
  return String(value);
}

function placeText(place: AgreementPlace): string {
  return `${place.file}:${place.line}`;
}

function disagreementLine(d: AgreementDisagreement): string {
  const coders = Object.keys(d.values);
  if (d.level === 'polarity') {
    const polarities = d.polarities ?? {};
    const stance = Object.values(d.values).find((value) => value !== null);
    return `${d.actor} → ${d.target} polarity: ${coders.map((coder) => `${coder} ${polarities[coder] ?? 'none'}`).join(', ')} (all ${String(stance)})`;
  }
  const values = coders.map((coder) => `${coder} ${valueText(d.level, d.values[coder])}`).join(', ');
  if (d.level === 'sentences') return `annotated: ${values}`;
  if (d.level === 'actors') return `actor ${d.actor}: ${values}`;
  return `${d.actor} → ${d.target}: ${values}`;
}

export function renderAgreementText(report: AgreementReport, options: AgreementTextOptions = {}): string {
  return collect(writeAgreementText(report, options));
}

/** A growing list of lines, handed out in batches so a long report streams. */
class LineBatches {
  private lines: string[] = [];
  push(...lines: string[]): void {
    this.lines.push(...lines);
  }
  /** The lines so far as one chunk once there are enough of them (or when `all`). */
  take(all = false): string | undefined {
    if (this.lines.length === 0 || (!all && this.lines.length < ROWS_PER_CHUNK)) return undefined;
    const chunk = `${this.lines.join('\n')}\n`;
    this.lines = [];
    return chunk;
  }
}

export function* writeAgreementText(report: AgreementReport, options: AgreementTextOptions = {}): Chunks {
  const out = new LineBatches();
  const compared = report.articles.length;
  out.push(`Agreement between ${plural(report.coders.length, 'coder')}${report.coders.length > 0 ? ` (${report.coders.join(', ')})` : ''} on ${plural(compared, 'article')}`);
  const facts: string[] = [];
  if (report.skipped.length > 0) facts.push(`${plural(report.skipped.length, 'article')} skipped (${report.skipped.some((s) => s.reason !== undefined) ? 'see why below' : 'fewer than two coders'})`);
  if (report.merged.length > 0) facts.push(`several files by one coder merged in ${plural(new Set(report.merged.map((m) => m.article)).size, 'article')}`);
  if (report.conflicts.length > 0) facts.push(`${plural(report.conflicts.length, 'self-conflict')}`);
  if (report.outOfRange > 0) facts.push(`${plural(report.outOfRange, 'annotation')} outside their article left out`);
  if (facts.length > 0) out.push(`${facts.join('; ')} (see below).`);
  out.push('');

  if (compared === 0) {
    out.push('No article has annotation files from two or more coders: nothing to compare.');
  } else {
    const rows: string[][] = [['Level', 'Alpha', 'Units', 'Pairable', 'Agreement', '']];
    for (const level of LEVELS) {
      const figure = report.corpus[level];
      rows.push([level, formatAlpha(figure.alpha), String(figure.units), String(figure.pairable), formatPercent(figure.agreement), figure.reason ?? '']);
    }
    out.push(...table(rows, [false, true, true, true, true, false]));
    out.push("Krippendorff's alpha: ≥ 0.800 reliable, ≥ 0.667 for tentative conclusions only, below that not reliable.");

    if (report.pairs.length > 0) {
      out.push('');
      out.push("Pairs of coders: percent agreement and Cohen's kappa (polarity: quadratic-weighted kappa)");
      const pairRows: string[][] = [['Pair', 'Articles', '', ...LEVELS]];
      for (const pair of report.pairs) {
        pairRows.push([`${pair.coders[0]} / ${pair.coders[1]}`, String(pair.articles), 'agreement', ...LEVELS.map((level) => formatPercent(pair[level].agreement))]);
        pairRows.push(['', '', 'kappa', ...LEVELS.map((level) => formatAlpha(pair[level].kappa))]);
      }
      out.push(...table(pairRows, [false, true, false, true, true, true, true]));
    }
  }

  if (report.disagreements.length === 0) {
    if (compared > 0) out.push('', 'No disagreements.');
  } else {
    out.push('', `Disagreements (${report.disagreements.length})`);
    let article: string | undefined;
    let sentence: number | undefined;
    for (const d of report.disagreements) {
      if (d.article !== article) {
        out.push('', d.article);
        article = d.article;
        sentence = undefined;
      }
      if (d.sentence !== sentence) {
        out.push(`  sentence ${d.sentence}`);
        sentence = d.sentence;
      }
      out.push(`    ${disagreementLine(d)}`);
      if (d.places.length > 0) out.push(`      ${d.places.map(placeText).join('  ')}`);
      const chunk = out.take();
      if (chunk !== undefined) yield chunk;
    }
  }

  if (report.conflicts.length > 0) {
    out.push('', "Self-conflicts (a coder's different stances for one unit; counted as missing for that coder)");
    for (const c of report.conflicts) {
      out.push(`  ${c.article}, sentence ${c.sentence}: ${c.coder} gave ${c.actor} → ${c.target} ${c.stances.join(' and ')}`);
      out.push(`      ${c.places.map(placeText).join('  ')}`);
    }
  }
  if (report.merged.length > 0) {
    out.push('', "Merged (several files of one article by the same coder, taken as that coder's work)");
    for (const m of report.merged) out.push(`  ${m.article}, ${m.coder}: ${m.files.join(', ')}`);
  }
  if (report.skipped.length > 0) {
    out.push('', `Skipped (${report.skipped.length}: fewer than two compared coders${report.skipped.some((s) => s.reason !== undefined) ? ', or as said' : ''})`);
    for (const s of report.skipped.slice(0, LIST_LIMIT)) out.push(`  ${s.article}${s.coders.length > 0 ? ` (${s.coders.join(', ')})` : ''}${s.reason !== undefined ? `: ${s.reason}` : ''}`);
    if (report.skipped.length > LIST_LIMIT) out.push(`  … and ${report.skipped.length - LIST_LIMIT} more`);
  }
  if (options.gate !== undefined) {
    out.push('', options.gate.passed ? `--min-alpha ${options.gate.minAlpha}: passed` : `--min-alpha ${options.gate.minAlpha}: failed, ${options.gate.message ?? ''}`);
  }
  const rest = out.take(true);
  if (rest !== undefined) yield rest;
}
