import * as path from 'node:path';
import type { ImportDnaChooseOption, ImportDnaDone } from '../../protocol/protocol';

/**
 * The decisions of "Standpoint: Import DNA Database…" that need no editor:
 * where the new corpus opens, and what the messages say (docs/dna.md).
 */

/**
 * Where the imported corpus opens: a folder already in the workspace stays
 * there (revealed in the Explorer); a window with no folder opens it in place;
 * otherwise a new window, so the user's workspace is left as it was (adding
 * a folder to it would turn it into an untitled multi-root workspace).
 */
export function whereToOpen(output: string, workspaceFolders: readonly string[], caseInsensitive = process.platform === 'win32' || process.platform === 'darwin'): 'workspace' | 'here' | 'newWindow' {
  if (!workspaceFolders.length) return 'here';
  const norm = (p: string) => (caseInsensitive ? path.resolve(p).toLowerCase() : path.resolve(p));
  const target = norm(output);
  for (const folder of workspaceFolders) {
    const relative = path.relative(norm(folder), target);
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) return 'workspace';
  }
  return 'newWindow';
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The notification after an import: what came in, in counts. */
export function importNotice(result: ImportDnaDone, databaseName: string): string {
  const { statements, entities } = result;
  const parts = [
    count(result.documents, 'document'),
    `${statements.imported.toLocaleString('en-US')} of ${count(statements.total, 'statement')}`,
    count(entities.persons, 'person'),
    count(entities.organizations, 'organisation'),
    count(entities.topics, 'concept'),
    count(result.coders, 'coder'),
  ];
  const notCarried = result.notCarried ? ` ${count(result.notCarried, 'thing')} could not be carried over: see the summary.` : '';
  return `Imported ${databaseName} (DNA ${result.version}): ${parts.join(', ')}.${notCarried}`;
}

/** The modal question when the chosen folder already has files the import would write. */
export function existingFilesQuestion(output: string, existing: readonly string[], replaceable: boolean): { message: string; detail: string } {
  const shown = existing.slice(0, 5).join(', ') + (existing.length > 5 ? ` and ${existing.length - 5} more` : '');
  const name = path.basename(output) || output;
  return replaceable
    ? {
        message: `“${name}” already has files the import would write. Overwrite them?`,
        detail: `${output} has ${shown}. Overwriting replaces them with the database’s; other files in the folder are left alone.`,
      }
    : { message: `“${name}” has folders or links where the import would write files.`, detail: `${output} has ${shown}, which Standpoint does not replace. Choose another folder.` };
}

/** A summary handed to the window that opens the corpus (the importing window may be replaced by it). */
export interface PendingImportSummary {
  /** The corpus folder's path (fsPath). */
  readonly folder: string;
  readonly report: string;
  readonly notice: string;
  /** Date.now() when the import finished. */
  readonly at: number;
}

/** A handed-over summary is shown by the window that opens its folder, within this long. */
export const PENDING_SUMMARY_MS = 10 * 60 * 1000;

/** The summary this window should show: one for a folder it has open, recent enough. */
export function pendingSummaryFor(pending: PendingImportSummary | undefined, workspaceFolders: readonly string[], now: number): PendingImportSummary | undefined {
  if (!pending || typeof pending.folder !== 'string' || typeof pending.at !== 'number') return undefined;
  if (now - pending.at > PENDING_SUMMARY_MS || now < pending.at) return undefined;
  const target = path.resolve(pending.folder);
  return workspaceFolders.some((folder) => path.resolve(folder) === target) ? pending : undefined;
}

const OPTION_QUESTIONS: Record<ImportDnaChooseOption['option'], { title: string; none?: string }> = {
  statementType: { title: 'Which statement type holds the stances?' },
  actor: { title: 'Which variable names the actors who take stances (persons)?' },
  affiliation: { title: 'Which variable names their organisations?', none: 'None: the actors have no affiliation' },
  target: { title: 'Which variable names what they take stances towards (concepts)?' },
  qualifier: { title: 'Which variable says whether they agree (boolean or integer)?', none: 'None: every stance is neutral' },
};

/**
 * The quick pick when the database is laid out otherwise than DNA's default
 * (no "DNA Statement" type, no "person" variable…): the names that fit, and
 * "none" where the option allows it. No items: nothing fits.
 */
export function optionQuestion(result: ImportDnaChooseOption, databaseName: string): { title: string; placeholder: string; items: { label: string; value: string | null }[] } {
  const question = OPTION_QUESTIONS[result.option];
  const items: { label: string; value: string | null }[] = result.choices.map((choice) => ({ label: choice, value: choice }));
  if (items.length && result.allowsNone && question.none) items.push({ label: question.none, value: null });
  // The CLI's advice (--flag NAME) is for the command line; the picker is the editor's way to choose.
  const reason = result.message.replace(/\s*Choose one with --.*$/, '');
  return { title: `Import ${databaseName}: ${question.title}`, placeholder: reason, items };
}
