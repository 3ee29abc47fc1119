import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DnaError, exportDna, filterDnaExportInput, importDna, importReport, readCorpusForDna, type DnaImportOptions } from '../dna/index';
import { parseArgs, UsageError } from './args';
import { describeLeftOut, elsewhere, filterOptions, FILTERS, LIST_FILTERS } from './export';
import { openService, resolveTargets, selectedFiles, type ServiceIo } from './targets';
import type { DnaExportSummary } from '../dna/exportMapping';

/** `standpoint import dna` and `standpoint export dna`. Errors the user can fix throw `usage` errors (exit 2). */

export interface DnaCommandIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

type Flags = ReadonlyMap<string, string | true>;

export const DNA_IMPORT_FLAGS = ['--output', '--statement-type', '--actor', '--affiliation', '--target', '--qualifier'] as const;
export const DNA_EXPORT_FLAGS = ['--output', '--password', '--workspace'] as const;

export async function importDnaCommand(positional: readonly string[], flags: Flags, io: DnaCommandIo, usage: (message: string) => Error): Promise<number> {
  if (positional.length !== 1) throw usage(positional.length ? 'give exactly one DNA database' : 'which database? `standpoint import dna FILE.dna --output DIR`');
  const output = flags.get('--output');
  if (typeof output !== 'string' || !output) throw usage('`import dna` needs --output DIR, the folder for the corpus');
  const option = (flag: string) => flags.get(flag) as string | undefined;
  const orNone = (value: string | undefined) => (value === undefined ? undefined : value === 'none' || value === '' ? null : value);
  const options: Partial<DnaImportOptions> = {};
  const set = <K extends keyof DnaImportOptions>(key: K, value: DnaImportOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set('statementType', option('--statement-type'));
  set('actor', option('--actor'));
  set('affiliation', orNone(option('--affiliation')));
  set('target', option('--target'));
  set('qualifier', orNone(option('--qualifier')));

  try {
    const { summary } = await importDna({ database: path.resolve(io.cwd, positional[0]), output: path.resolve(io.cwd, output), options, force: flags.has('--force') });
    io.stdout(importReport(summary, output));
    return 0;
  } catch (error) {
    if (error instanceof DnaError) throw usage(error.message);
    throw error;
  }
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * `standpoint export dna [PATH…] --output FILE.dna [filters]`: the workspace is read as `check` reads it (PATH… and
 * --workspace), and the filters of the other exports (one parser, export.ts) choose what DNA gets.
 */
export async function exportDnaCommand(args: readonly string[], io: DnaCommandIo & ServiceIo, version: string): Promise<number> {
  const parsed = parseArgs(args, { withValue: [...DNA_EXPORT_FLAGS, ...FILTERS], repeatable: LIST_FILTERS, boolean: ['--no-cache'], elsewhere: elsewhere('dna') });
  const { positional, flags } = parsed;
  const output = flags.get('--output');
  if (typeof output !== 'string' || !output) throw new UsageError('`export dna` needs --output FILE.dna');
  const target = path.resolve(io.cwd, output);
  const targetStat = await fs.stat(target).catch(() => undefined);
  if (targetStat?.isDirectory()) throw new UsageError(`--output ${output} is a folder; give a file name such as corpus.dna`);
  const password = (flags.get('--password') as string | undefined) ?? 'standpoint';
  if (!password) throw new UsageError('--password must not be empty: DNA does not accept an empty coder password');
  const selection = filterOptions(parsed);

  const targets = await resolveTargets(positional, flags.get('--workspace') as string | undefined, io.cwd);
  const service = openService(targets, io, version, flags.has('--no-cache'));
  await service.initialize();
  const selected = await selectedFiles(service, targets);
  // Paths (document titles' fallback, the order of documents, messages) are relative to the one folder given, else to --workspace or the current folder.
  const single = targets.folders.length === 1 && !targets.files.length && targets.explicitWorkspace === undefined;
  const base = URI.parse(single ? targets.folders[0] : targets.explicitWorkspace !== undefined ? targets.workspaceFolders[0] : URI.file(io.cwd).toString()).fsPath;
  const reading = await readCorpusForDna({ service, base, include: (uri) => selected.has(uri) });
  if (!reading.input.files.length) throw new UsageError(`no annotation files (*.stance.yaml) in ${positional.length ? positional.join(', ') : 'the current folder'}`);
  const filtered = filterDnaExportInput(reading.input, selection);
  const summary = await exportDna({ input: filtered.input, output: target, password });
  io.stdout(exportReport(summary, output, flags.has('--password')));
  const leftOutByFilters = describeLeftOut({ total: Object.values(filtered.leftOut).reduce((a, b) => a + b, 0), reasons: { ...filtered.leftOut } }, 'statements');
  if (leftOutByFilters) io.stderr(`${leftOutByFilters}\n`);
  for (const coder of filtered.codersNotFound) io.stderr(`No annotation file has ${coder === '' ? 'no coder' : `coder ${coder}`}.\n`);
  const leftOut = [...reading.problems, ...summary.leftOut.map((l) => `${l.file}${l.annotation ? `: annotation ${l.annotation}` : ''}: ${l.reason}`)];
  if (leftOut.length) io.stderr(`Left out:\n${leftOut.map((line) => `  - ${line}`).join('\n')}\n`);
  return 0;
}

export function exportReport(summary: DnaExportSummary, output: string, passwordGiven: boolean): string {
  const lines = [
    `Wrote the DNA 3 database ${output}:`,
    `  documents      ${summary.documents}`,
    `  statements     ${summary.statements} (type "DNA Statement")`,
    `  entities       ${count(summary.entities.persons, 'person')}, ${count(summary.entities.organizations, 'organization')}, ${count(summary.entities.concepts, 'concept')}`,
    `  coders         ${summary.coders.join(', ')}${passwordGiven ? '' : ' (password: standpoint; choose one with --password)'}`,
    `  qualifier      ${summary.qualifier.variable} (${summary.qualifier.dataType}): ${summary.qualifier.values.map((v) => `${v.stance} = ${v.value}`).join(', ')}`,
  ];
  if (summary.notes.length) lines.push('Approximated:', ...summary.notes.map((note) => `  - ${note}`));
  return `${lines.join('\n')}\n`;
}
