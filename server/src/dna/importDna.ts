import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { openDnaDatabase } from './database';
import { DEFAULT_IMPORT_OPTIONS, planImport, renderDocument, type DnaImportOptions, type DnaImportSummary } from './importMapping';
import { DnaError } from './types';

/**
 * The output folder already has files the import would write (and `force` was
 * not given, or some of them are folders or links, which are never replaced).
 * Nothing was written. Editors ask the user instead of failing (Overwrite /
 * another folder); the CLI prints the message.
 */
export class DnaOutputExistsError extends DnaError {
  constructor(
    message: string,
    /** Paths relative to the output folder, `/` separators, in the order the import writes them. */
    readonly existing: readonly string[],
    /** True when `force` cannot help: some of them are folders or links. */
    readonly notFiles: boolean,
  ) {
    super(message);
  }
}

/** The import was stopped between two documents; the files written so far stay. */
export class DnaImportCancelled extends Error {
  override readonly name = 'DnaImportCancelled';
  constructor(
    readonly documentsWritten: number,
    readonly documents: number,
  ) {
    super(`The import was cancelled after ${documentsWritten} of ${documents} documents.`);
  }
}

/** sql.js holds the whole database in memory; beyond this a clear error beats running out of memory. */
export const MAX_DNA_DATABASE_BYTES = 1024 * 1024 * 1024;

export interface ImportDnaRequest {
  /** The `.dna` file (read only: never written). */
  readonly database: string;
  /** The folder the corpus is written into (created if missing). */
  readonly output: string;
  readonly options?: Partial<DnaImportOptions>;
  /** Overwrite files that exist in `output`; without it, existing files are an error and nothing is written. */
  readonly force?: boolean;
  /** Called after each document is written; may wait (an editor's server lets other requests in). */
  readonly onProgress?: (done: number, total: number) => void | Promise<void>;
  /** Asked before each document (after the codebook): true stops the import with DnaImportCancelled. */
  readonly isCancelled?: () => boolean;
}

export interface ImportDnaResult {
  readonly summary: DnaImportSummary;
  /** Files written, relative to `output`, `/` separators. */
  readonly files: readonly string[];
}

/**
 * Imports a DNA 3 database into a corpus folder: `articles/*.txt`,
 * `annotations/*.stance.yaml` and `codebook.yaml`. Throws DnaError with a
 * message for the user when the file or the options do not fit.
 */
export async function importDna(request: ImportDnaRequest): Promise<ImportDnaResult> {
  const options: DnaImportOptions = { ...DEFAULT_IMPORT_OPTIONS, ...request.options };
  const name = path.basename(request.database);
  const stat = await fs.stat(request.database).catch((error: NodeJS.ErrnoException) => error);
  if (stat instanceof Error) throw new DnaError(stat.code === 'ENOENT' || stat.code === 'ENOTDIR' ? `No such file: ${request.database}` : `${request.database} cannot be read: ${stat.message}`);
  if (!stat.isFile()) throw new DnaError(`${request.database} is not a file.`);
  if (stat.size > MAX_DNA_DATABASE_BYTES) throw new DnaError(`${name} is ${(stat.size / 1024 / 1024).toFixed(0)} MB; Standpoint imports databases up to ${MAX_DNA_DATABASE_BYTES / 1024 / 1024} MB.`);

  const database = await openDnaDatabase(await fs.readFile(request.database), name);
  try {
    const plan = planImport(database.metadata, options);
    const targets = ['codebook.yaml', ...plan.documents.flatMap((d) => [d.article, ...d.files.map((f) => f.path)])];
    await checkOutput(request.output, targets, request.force === true);

    await fs.mkdir(path.join(request.output, 'articles'), { recursive: true });
    await fs.mkdir(path.join(request.output, 'annotations'), { recursive: true });
    await fs.writeFile(path.join(request.output, 'codebook.yaml'), plan.codebook);
    const skipped = [...plan.summary.statements.skipped];
    let imported = 0;
    let overSeveralSentences = 0;
    let spanInNote = 0;
    let done = 0;
    for (const document of plan.documents) {
      if (request.isCancelled?.()) throw new DnaImportCancelled(done, plan.documents.length);
      const rendered = renderDocument(document, database.documentText(document.dnaId));
      await Promise.all(rendered.files.map((file) => fs.writeFile(path.join(request.output, ...file.path.split('/')), file.content)));
      imported += rendered.imported;
      overSeveralSentences += rendered.overSeveralSentences;
      spanInNote += rendered.spanInNote;
      skipped.push(...rendered.skipped);
      await request.onProgress?.(++done, plan.documents.length);
    }
    const summary: DnaImportSummary = {
      ...plan.summary,
      statements: { ...plan.summary.statements, imported, skipped: skipped.sort((a, b) => a.id - b.id) },
      approximations: { ...plan.summary.approximations, overSeveralSentences, spanInNote },
    };
    return { summary, files: targets };
  } finally {
    database.close();
  }
}

async function checkOutput(output: string, targets: readonly string[], force: boolean): Promise<void> {
  const stat = await fs.stat(output).catch(() => undefined);
  if (!stat) return;
  if (!stat.isDirectory()) throw new DnaError(`--output ${output} is a file, not a folder.`);
  const existing: string[] = [];
  let notFiles = false;
  for (const folder of ['articles', 'annotations']) {
    const found = await fs.lstat(path.join(output, folder)).catch(() => undefined);
    if (found && !found.isDirectory()) throw new DnaError(`${path.join(output, folder)} exists and is not a folder; nothing was written.`);
  }
  for (const target of targets) {
    const found = await fs.lstat(path.join(output, ...target.split('/'))).catch(() => undefined);
    if (!found) continue;
    const notFile = found.isDirectory() || found.isSymbolicLink();
    notFiles ||= notFile;
    if (notFile || !force) existing.push(target);
  }
  if (!existing.length) return;
  const shown = existing.slice(0, 5).join(', ') + (existing.length > 5 ? ` and ${existing.length - 5} more` : '');
  throw new DnaOutputExistsError(
    force
      ? `${shown} in ${output} ${existing.length === 1 ? 'is a folder or link' : 'are folders or links'}; nothing was written.`
      : `${output} already has ${shown}; nothing was written. Add --force to overwrite, or choose another --output folder.`,
    existing,
    notFiles,
  );
}
