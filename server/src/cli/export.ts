/**
 * `standpoint export statements|mentions|network|w3c [PATH…]` (analysis
 * contract §3; docs/analysis.md): the workspace is indexed as `check` indexes
 * it (worker threads, the persisted index), and the exports are computed from
 * the index's summaries and written by the writers of formats/.
 */
import type { LeftOut } from '../../../protocol/analysis';
import { checkNetworkOptions, filterOptionsError, DUPLICATE_RULES, type RawNetworkOptions, type ResolvedNetworkOptions } from '../service/analysis/networkOptions';
import type { ActorMode, DuplicateRule } from '../service/analysis/types';
import { writeMentions, writeNetwork, writeStatementBatches, writeW3cArticles, NETWORK_FORMATS, TABLE_FORMATS, type NetworkFormat, type TableFormat } from '../formats/index';
import { isAnnotationFileName } from '../service/workspace';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { openOutput, type OutputIo } from './output';
import { openService, resolveTargets, selectedFiles, type ServiceIo } from './targets';

export interface ExportIo extends OutputIo, ServiceIo {
  stderr(text: string): void;
}

type Kind = 'statements' | 'mentions' | 'network' | 'w3c';
export const EXPORT_KINDS: readonly Kind[] = ['statements', 'mentions', 'network', 'w3c'];

/** The filters every export takes (`export dna` too): one parser for them, filterOptions. */
export const FILTERS = ['--from', '--to', '--actors'];
export const LIST_FILTERS = ['--coder', '--actor-type'];
const COMMON = ['--workspace', '--output'];
const BOOLEAN = ['--strict', '--no-cache'];

/** The flags each export takes. */
const FLAGS: Record<Kind, { withValue: string[]; repeatable: string[] }> = {
  statements: { withValue: [...COMMON, '--format', '--duplicates', ...FILTERS], repeatable: LIST_FILTERS },
  mentions: { withValue: [...COMMON, '--format', ...FILTERS], repeatable: LIST_FILTERS },
  network: { withValue: [...COMMON, '--format', '--type', '--aggregate', '--normalize', '--duplicates', '--min-weight', ...FILTERS], repeatable: LIST_FILTERS },
  w3c: { withValue: COMMON, repeatable: [] },
};

/** Why a flag is refused: which other exports take it. */
export function elsewhere(kind: Kind | 'dna'): (flag: string) => string | undefined {
  return (flag) => {
    const takers = EXPORT_KINDS.filter((other) => other !== kind && (FLAGS[other].withValue.includes(flag) || FLAGS[other].repeatable.includes(flag)));
    if (!takers.length) return undefined;
    const names = takers.map((k) => `\`export ${k}\``);
    return `${flag} is an option of ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]}; \`export ${kind}\` does not take it`;
  };
}

/** `standpoint export KIND …` for the four analysis exports. Returns the exit status. */
export async function exportCommand(kind: Kind, args: readonly string[], io: ExportIo, version: string): Promise<number> {
  const parsed = parseArgs(args, { ...FLAGS[kind], boolean: BOOLEAN, elsewhere: elsewhere(kind) });
  const { positional, flags } = parsed;
  const option = (flag: string) => flags.get(flag) as string | undefined;
  // Every option is checked before the workspace is read (which may take seconds).
  const selection = filterOptions(parsed);
  const format = formatOf(kind, option('--format'));
  const network = kind === 'network' ? networkOptions(parsed) : undefined;
  const duplicates = kind === 'statements' ? duplicateRule(option('--duplicates')) : undefined;

  const output = await openOutput(option('--output'), io);
  try {
    const targets = await resolveTargets(positional, option('--workspace'), io.cwd);
    const service = openService(targets, io, version, flags.has('--no-cache'));
    await service.initialize();
    const selected = [...(await selectedFiles(service, targets))].filter((uri) => isAnnotationFileName(uri) || service.summaryOf(uri) !== undefined);
    if (!selected.length) throw new UsageError(`no annotation files (*.stance.yaml) in ${positional.length ? positional.join(', ') : 'the current folder'}`);
    // The PATHs given select files only when they are not the whole workspace.
    const files = targets.files.length || targets.explicitWorkspace !== undefined ? selected : undefined;
    const scope = { ...selection, ...(files && { files }) };
    const noun = kind === 'network' && network?.type === 'co-mention' ? 'mentions' : kind === 'w3c' ? 'annotations' : kind === 'network' ? 'statements' : kind;
    let report: { leftOut: LeftOut; notices: readonly string[] };
    let written: string;
    switch (kind) {
      case 'statements': {
        const result = await service.exportStatements({ ...scope, ...(duplicates && { duplicates }) });
        await output.write(writeStatementBatches(result.batches, format as TableFormat));
        report = result;
        written = count(result.total, 'statement');
        break;
      }
      case 'mentions': {
        const result = await service.exportMentions(scope);
        await output.write(writeMentions(result.mentions, format as TableFormat));
        report = result;
        written = count(result.mentions.length, 'mention');
        break;
      }
      case 'network': {
        const result = await service.exportNetwork({ ...scope, ...network! });
        await output.write(writeNetwork(result.network, format as NetworkFormat, { creator: `Standpoint ${version}` }));
        report = result;
        written = `${/^[aeiou]/.test(result.network.options.type) ? 'an' : 'a'} ${result.network.options.type} network of ${count(result.network.nodes.length, 'node')} and ${count(result.network.edges.length, 'tie')}`;
        break;
      }
      case 'w3c': {
        const result = await service.exportW3c(scope);
        await output.write(writeW3cArticles(result.articles));
        report = { leftOut: result.leftOut(), notices: [] };
        written = count(result.annotations - report.leftOut.total, 'annotation');
        break;
      }
    }
    await output.commit();
    const leftOut = describeLeftOut(report.leftOut, noun);
    if (leftOut) io.stderr(`${leftOut}\n`);
    for (const notice of report.notices) io.stderr(`${notice}\n`);
    if (option('--output') !== undefined) io.stderr(`Wrote ${written} to ${option('--output')}.\n`);
    return flags.has('--strict') && strictCount(report.leftOut) > 0 ? 1 : 0;
  } catch (error) {
    await output.abort();
    throw error;
  }
}

/** Left out for a problem in the data (what --strict fails on): invalid statements, and undated articles under a date filter. */
function strictCount(leftOut: LeftOut): number {
  let total = 0;
  for (const [reason, n] of Object.entries(leftOut.reasons)) if (!FILTER_REASONS.has(reason) || reason === 'undated') total += n;
  return total;
}

const FILTER_REASONS = new Set(['coder', 'undated', 'outsideDates', 'actorType']);

/** How the reasons read on stderr (the views name them the same way). */
const REASONS: Record<string, string> = {
  noArticle: 'in files whose article cannot be read',
  unresolvedSentence: 'whose sentence cannot be told (no such sentence, or a quote alone found in none or several)',
  unresolvedQuote: 'whose quote is not in its sentence',
  noCodebook: 'in files without a usable codebook',
  incompleteStance: 'with actor, toward or stance missing',
  unknownActor: 'with an actor the codebook does not have',
  unknownTarget: 'with a target the codebook does not have',
  unknownStance: 'with a stance outside the vocabulary',
  coder: 'of other coders than --coder names',
  undated: 'from undated articles (a date filter is given)',
  outsideDates: 'dated outside --from/--to',
  actorType: 'whose actor has another type than --actor-type names',
};

/** One line for stderr: `3 statements left out: 1 with …, 2 …; standpoint check shows where.`; undefined when none was. */
export function describeLeftOut(leftOut: LeftOut, noun: string): string | undefined {
  if (!leftOut.total) return undefined;
  const parts = Object.entries(leftOut.reasons)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${REASONS[reason] ?? reason}`);
  const invalid = Object.keys(leftOut.reasons).some((reason) => !FILTER_REASONS.has(reason));
  return `${leftOut.total} ${leftOut.total === 1 ? noun.replace(/s$/, '') : noun} left out: ${parts.join(', ')}${invalid ? ' (`standpoint check` shows where)' : ''}.`;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : `${noun}s`}`;
}

function formatOf(kind: Kind, format: string | undefined): TableFormat | NetworkFormat | undefined {
  if (kind === 'w3c') {
    if (format !== undefined) throw new UsageError('`export w3c` writes JSON-LD only; leave --format out');
    return undefined;
  }
  const allowed: readonly string[] = kind === 'network' ? NETWORK_FORMATS : TABLE_FORMATS;
  const chosen = format ?? allowed[0];
  if (!allowed.includes(chosen)) throw new UsageError(`--format ${JSON.stringify(chosen)} is not a format of \`export ${kind}\`; use ${orList(allowed)}`);
  return chosen as TableFormat | NetworkFormat;
}

/** The filter flags, checked (a UsageError says what is wrong). */
export function filterOptions(parsed: ParsedArgs): { from?: string; to?: string; coders?: string[]; actors?: ActorMode; actorTypes?: string[] } {
  const from = parsed.flags.get('--from') as string | undefined;
  const to = parsed.flags.get('--to') as string | undefined;
  const actors = parsed.flags.get('--actors') as string | undefined;
  const problem = filterOptionsError({ from, to, actors });
  if (problem) throw new UsageError(problem);
  const coders = parsed.lists.get('--coder');
  const actorTypes = parsed.lists.get('--actor-type');
  return {
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
    ...(coders && { coders }),
    ...(actors !== undefined && { actors: actors as ActorMode }),
    ...(actorTypes && { actorTypes }),
  };
}

function networkOptions(parsed: ParsedArgs): ResolvedNetworkOptions {
  const raw: RawNetworkOptions = {
    type: parsed.flags.get('--type') as string | undefined,
    aggregate: parsed.flags.get('--aggregate') as string | undefined,
    normalize: parsed.flags.get('--normalize') as string | undefined,
    duplicates: parsed.flags.get('--duplicates') as string | undefined,
    minWeight: parsed.flags.get('--min-weight') as string | undefined,
  };
  const checked = checkNetworkOptions(raw);
  if (!checked.ok) throw new UsageError(checked.error);
  return checked.options;
}

function duplicateRule(value: string | undefined): DuplicateRule | undefined {
  if (value === undefined) return undefined;
  if (!(DUPLICATE_RULES as readonly string[]).includes(value)) throw new UsageError(`--duplicates ${JSON.stringify(value)} is not allowed; use ${orList(DUPLICATE_RULES)}`);
  return value as DuplicateRule;
}

function orList(values: readonly string[]): string {
  return values.length === 1 ? values[0] : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
