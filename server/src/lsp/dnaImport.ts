import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import * as path from 'node:path';
import { IMPORT_DNA_REQUEST, type ImportDnaParams, type ImportDnaResult } from '../../../protocol/protocol';
import { DnaError, DnaImportCancelled, DnaOptionError, DnaOutputExistsError, importDna, importReport, type DnaImportOptions } from '../dna/index';

/**
 * `standpoint/importDna`: the CLI's `standpoint import dna` for editors. The
 * server runs it (not the VS Code extension) so that one process loads
 * sql.js's WebAssembly and every editor gets the same import.
 */
export function registerDnaImport(connection: Connection, log: (message: string) => void): void {
  connection.onRequest(IMPORT_DNA_REQUEST.method, (params: ImportDnaParams, token: CancellationToken) => importForEditor(connection, params, token, log));
}

function filePath(uri: unknown, what: string): string {
  if (typeof uri !== 'string' || !uri) throw new ResponseError(ErrorCodes.InvalidParams, `${what} is missing.`);
  let parsed: URI;
  try {
    parsed = URI.parse(uri, true);
  } catch {
    throw new ResponseError(ErrorCodes.InvalidParams, `${what} is not a URI: ${uri}`);
  }
  if (parsed.scheme !== 'file') throw new ResponseError(ErrorCodes.InvalidParams, `${what} must be a file on disk (a file: URI), not ${parsed.scheme}:.`);
  return parsed.fsPath;
}

function readOptions(options: ImportDnaParams['options']): Partial<DnaImportOptions> {
  const read: { -readonly [K in keyof DnaImportOptions]?: DnaImportOptions[K] } = {};
  if (!options) return read;
  for (const key of ['statementType', 'actor', 'target'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !value) throw new ResponseError(ErrorCodes.InvalidParams, `options.${key} must be a name.`);
    read[key] = value;
  }
  for (const key of ['affiliation', 'qualifier'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (value !== null && typeof value !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `options.${key} must be a name or null.`);
    read[key] = value === '' ? null : value;
  }
  return read;
}

async function importForEditor(connection: Connection, params: ImportDnaParams, token: CancellationToken, log: (message: string) => void): Promise<ImportDnaResult> {
  const database = filePath(params?.database, 'database');
  const output = filePath(params?.output, 'output');
  const options = readOptions(params.options);
  const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
  progress.begin(`Importing ${path.basename(database)}`, 0, 'reading the database', false);
  let lastPercent = 0;
  try {
    const { summary } = await importDna({
      database,
      output,
      options,
      force: params.force === true,
      isCancelled: () => token.isCancellationRequested,
      onProgress: async (done, total) => {
        const percent = Math.floor((done / Math.max(1, total)) * 100);
        if (percent !== lastPercent || done === total) progress.report(percent, `${done} of ${total} documents`);
        lastPercent = percent;
        // Let other requests (and a cancellation) in between documents.
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    const report = importReport(summary, output);
    log(`Imported ${database} into ${output}: ${summary.documents} documents, ${summary.statements.imported} statements.`);
    return {
      kind: 'imported',
      output: URI.file(output).toString(),
      report,
      version: summary.version,
      documents: summary.documents,
      annotationFiles: summary.annotationFiles,
      statements: { imported: summary.statements.imported, total: summary.statements.total },
      entities: { ...summary.entities },
      coders: summary.coders.length,
      notCarried: summary.notCarried.length + summary.statements.skipped.length,
    };
  } catch (error) {
    if (error instanceof DnaOutputExistsError) return { kind: 'outputExists', output: URI.file(output).toString(), existing: error.existing, replaceable: !error.notFiles };
    if (error instanceof DnaOptionError) return { kind: 'chooseOption', option: error.option, message: error.message, choices: error.choices, allowsNone: error.allowsNone };
    if (error instanceof DnaImportCancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${error.message} The files written so far are in ${output}.`);
    if (error instanceof DnaError) throw new ResponseError(LSPErrorCodes.RequestFailed, error.message);
    const code = (error as NodeJS.ErrnoException)?.code;
    // Writing the corpus failed (a read-only folder, a full disk): the file system's words, with the folder.
    if (typeof code === 'string') throw new ResponseError(LSPErrorCodes.RequestFailed, `Cannot write the corpus into ${output}: ${(error as Error).message}`);
    throw error;
  } finally {
    progress.done();
  }
}
