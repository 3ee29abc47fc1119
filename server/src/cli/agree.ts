/**
 * `standpoint agree [PATH…]` (analysis contract §4; docs/agreement.md):
 * agreement between the coders of every article annotated by two or more of
 * them. The workspace is indexed as `check` indexes it (worker threads, the
 * persisted index), the report is computed from the index's summaries and
 * written by formats/agreement*.ts; what was skipped, merged or
 * self-conflicting is said on stderr.
 */
import type { AgreementReport } from '../service/analysis/types';
import { checkMinAlpha, isUsageError, parseMinAlpha, type AlphaGateResult } from '../service/analysis/agreement';
import { AnalysisOptionsError } from '../service/index';
import { isAnnotationFileName } from '../service/workspace';
import { AGREEMENT_FORMATS, writeAgreement, writeAgreementDisagreementsCsv, type AgreementFormat } from '../formats/agreement';
import { parseArgs, UsageError } from './args';
import { openOutput, type OutputIo } from './output';
import { openService, resolveTargets, selectedFiles, type ServiceIo } from './targets';

export interface AgreeIo extends OutputIo, ServiceIo {
  stderr(text: string): void;
}

export const AGREE_HELP = `  standpoint agree [PATH…] [--coders A,B,…] [--format text|json|csv [--disagreements]] [--min-alpha X] [--workspace DIR] [--no-cache]
      Agreement between coders (the coder: of annotation files) on every article
      two or more of them annotated: Krippendorff's alpha per level (sentences,
      actors, stances, polarity), percent agreement and Cohen's kappa per pair,
      and every disagreement with its places (docs/agreement.md). PATH… and
      --workspace as for check. --coders compares only those coders ("(unnamed)"
      for files without coder:). --min-alpha X: exit 1 if a corpus alpha is
      below X (a CI gate). --format csv writes the figures; with --disagreements,
      the disagreements (one row per disagreement and coder) instead. Skipped
      articles, merged files and self-conflicts are said on stderr.
      Exit status: 0 compared (and every alpha at least --min-alpha),
                   1 an alpha below --min-alpha, 2 usage or internal error.
`;

/** `standpoint agree …`. Returns the exit status. */
export async function agreeCommand(args: readonly string[], io: AgreeIo, version: string): Promise<number> {
  const { positional, flags, lists } = parseArgs(args, {
    withValue: ['--format', '--min-alpha', '--workspace'],
    repeatable: ['--coders'],
    boolean: ['--no-cache', '--disagreements'],
    elsewhere: (flag) =>
      flag === '--coder' ? '--coder is an option of `export`; `agree` takes --coders A,B' : flag === '--output' ? '`agree` writes to stdout; redirect it to a file (> report.json)' : undefined,
  });
  // Every option is checked before the workspace is read (which may take seconds).
  const format = (flags.get('--format') as string | undefined) ?? 'text';
  if (!(AGREEMENT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be ${AGREEMENT_FORMATS.join(', ')}, not \`${format}\``);
  const disagreementsCsv = flags.has('--disagreements');
  if (disagreementsCsv && format !== 'csv') throw new UsageError(`--disagreements goes with --format csv (the ${format} report lists the disagreements already)`);
  let minAlpha: number | undefined;
  if (flags.has('--min-alpha')) {
    const parsed = parseMinAlpha(flags.get('--min-alpha') as string);
    if (isUsageError(parsed)) throw new UsageError(parsed.message);
    minAlpha = parsed;
  }
  let coders: string[] | undefined;
  if (lists.has('--coders')) {
    coders = lists
      .get('--coders')!
      .flatMap((value) => value.split(','))
      .map((name) => name.trim());
    if (coders.some((name) => name === '')) throw new UsageError('--coders takes coder ids separated by commas, e.g. --coders ana,ben (an empty name is not one)');
  }

  const targets = await resolveTargets(positional, flags.get('--workspace') as string | undefined, io.cwd);
  const service = openService(targets, io, version, flags.has('--no-cache'));
  await service.initialize();
  const selected = [...(await selectedFiles(service, targets))].filter((uri) => isAnnotationFileName(uri) || service.summaryOf(uri) !== undefined);
  if (!selected.length) throw new UsageError(`no annotation files (*.stance.yaml) in ${positional.length ? positional.join(', ') : 'the current folder'}`);
  // The PATHs given select files only when they are not the whole workspace.
  const files = targets.files.length || targets.explicitWorkspace !== undefined ? selected : undefined;

  let answer;
  try {
    answer = await service.agreementReport({ ...(coders && { coders }), ...(files && { files }) });
  } catch (error) {
    if (error instanceof AnalysisOptionsError) throw new UsageError(error.message);
    throw error;
  }
  const { report } = answer;
  const gate = minAlpha === undefined ? undefined : checkMinAlpha(report, minAlpha);
  const output = await openOutput(undefined, io);
  await output.write(disagreementsCsv ? writeAgreementDisagreementsCsv(report) : writeAgreement(report, format as AgreementFormat, gate ? { gate } : {}));
  for (const notice of notices(report, answer.withoutArticle)) io.stderr(`${notice}\n`);
  if (gate) io.stderr(`${gateText(gate)}\n`);
  return gate && !gate.passed ? 1 : 0;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function list(items: readonly string[], shown = 3): string {
  return items.length <= shown ? items.join(', ') : `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

/** What a user should know beside the report: what was not compared, and how. */
export function notices(report: AgreementReport, withoutArticle: number): string[] {
  const lines: string[] = [];
  const fewCoders = report.skipped.filter((s) => s.reason === undefined);
  if (fewCoders.length)
    lines.push(`${plural(fewCoders.length, 'article')} skipped: fewer than two coders annotated ${fewCoders.length === 1 ? 'it' : 'them'} (${list(fewCoders.map((s) => s.article))}).`);
  for (const s of report.skipped) if (s.reason !== undefined) lines.push(`${s.article} skipped: ${s.reason}.`);
  if (report.merged.length) {
    const merged = report.merged.map((m) => `${m.article}: ${m.coder}'s ${m.files.join(' and ')}`);
    lines.push(`Several files by one coder taken together as that coder's work (${report.merged.length === 1 ? 'one article' : `${report.merged.length} articles`}): ${list(merged, 2)}.`);
  }
  if (report.conflicts.length) {
    lines.push(
      `${plural(report.conflicts.length, 'self-conflict')}: a coder gave one statement two different stances; counted as missing for that coder, listed in the report (${list(
        report.conflicts.map((c) => `${c.article} sentence ${c.sentence}, ${c.coder}`),
        2,
      )}).`,
    );
  }
  if (report.outOfRange) lines.push(`${plural(report.outOfRange, 'annotation')} outside their article left out.`);
  if (withoutArticle)
    lines.push(`${plural(withoutArticle, 'annotation file')} left out: ${withoutArticle === 1 ? 'its article cannot' : 'their articles cannot'} be read (standpoint check says why).`);
  if (report.articles.length === 0) lines.push('No article has annotation files from two or more coders: nothing was compared. Give each annotation file a coder: key.');
  return lines;
}

function gateText(gate: AlphaGateResult): string {
  if (!gate.passed) return `--min-alpha ${gate.minAlpha}: failed, ${gate.message}.`;
  const unmeasured = gate.unmeasured.length ? ` (not measured: ${gate.unmeasured.map((u) => `${u.level}, ${u.reason}`).join('; ')})` : '';
  return `--min-alpha ${gate.minAlpha}: passed${unmeasured}.`;
}
