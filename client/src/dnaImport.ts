import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { IMPORT_DNA_COMMAND, IMPORT_DNA_REQUEST, type ImportDnaChooseOption, type ImportDnaDone, type ImportDnaOptions, type ImportDnaParams, type ImportDnaResult } from '../../protocol/protocol';
import { existingFilesQuestion, importNotice, optionQuestion, pendingSummaryFor, whereToOpen, type PendingImportSummary } from './dnaImportLogic';
import { sendRequest } from './requests';

/**
 * "Standpoint: Import DNA Database…": pick a `.dna` file and a folder, the
 * language server imports (standpoint/importDna, with progress), then the
 * corpus opens and the summary is shown (docs/dna.md, "In VS Code").
 */

const PENDING_KEY = 'standpoint.dnaImport.pendingSummary';
const OVERWRITE = 'Overwrite';
const CHOOSE_ANOTHER = 'Choose Another Folder';
const SHOW_SUMMARY = 'Show Summary';

export function registerDnaImport(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel): void {
  context.subscriptions.push(vscode.commands.registerCommand(IMPORT_DNA_COMMAND, (args?: Partial<Omit<ImportDnaParams, 'workDoneToken'>>) => importDnaDatabase(context, client, output, args)));
  void showHandedOverSummary(context, output);
}

function pickDatabase(): Thenable<vscode.Uri[] | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showOpenDialog({
    title: 'Import a DNA Database',
    openLabel: 'Import',
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    filters: { 'DNA databases': ['dna'], 'All files': ['*'] },
    ...(folder ? { defaultUri: folder } : {}),
  });
}

function pickFolder(database: vscode.Uri, near: vscode.Uri): Thenable<vscode.Uri[] | undefined> {
  return vscode.window.showOpenDialog({
    title: `Folder for the Corpus from ${path.basename(database.fsPath)}`,
    openLabel: 'Import Here',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: near,
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function importDnaDatabase(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  output: vscode.LogOutputChannel,
  args: Partial<Omit<ImportDnaParams, 'workDoneToken'>> | undefined,
): Promise<ImportDnaDone | undefined> {
  const database = args?.database ? vscode.Uri.parse(args.database) : (await pickDatabase())?.[0];
  if (!database) return undefined;
  const name = path.basename(database.fsPath);
  let folder = args?.output ? vscode.Uri.parse(args.output) : (await pickFolder(database, vscode.Uri.file(path.dirname(database.fsPath))))?.[0];
  let force = args?.force === true;
  let options: ImportDnaOptions = { ...args?.options };
  while (folder) {
    let result: ImportDnaResult;
    let cancelled = false;
    try {
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Importing ${name}`, cancellable: true }, (progress, token) => {
        token.onCancellationRequested(() => (cancelled = true));
        return runImport(client, { database: database.toString(), output: folder!.toString(), force, options }, progress, token);
      });
    } catch (error) {
      if (cancelled) {
        output.info(`The import of ${database.fsPath} was cancelled; the files written so far stay in ${folder.fsPath}.`);
        void vscode.window.showInformationMessage(`The import of ${name} was cancelled. The files written so far stay in ${folder.fsPath}.`);
      } else {
        output.error(`Cannot import ${database.fsPath}: ${messageOf(error)}`);
        void vscode.window.showErrorMessage(`Cannot import ${name}: ${messageOf(error)}`);
      }
      return undefined;
    }
    if (result.kind === 'imported') {
      await showImported(context, output, result, name, folder);
      return result;
    }
    if (result.kind === 'chooseOption') {
      const chosen = await chooseOption(result, name);
      if (chosen === undefined) return undefined;
      options = { ...options, [result.option]: chosen };
      continue;
    }
    const question = existingFilesQuestion(folder.fsPath, result.existing, result.replaceable);
    const choice = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, ...(result.replaceable ? [OVERWRITE, CHOOSE_ANOTHER] : [CHOOSE_ANOTHER]));
    if (choice === OVERWRITE) {
      force = true;
    } else if (choice === CHOOSE_ANOTHER) {
      folder = (await pickFolder(database, folder))?.[0];
      force = false;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** The database is laid out otherwise than DNA's defaults: the user picks the statement type or variable (null: none; undefined: cancelled). */
async function chooseOption(result: ImportDnaChooseOption, name: string): Promise<string | null | undefined> {
  const question = optionQuestion(result, name);
  if (!question.items.length) {
    void vscode.window.showErrorMessage(`Cannot import ${name}: ${result.message}`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(question.items, { title: question.title, placeHolder: question.placeholder, ignoreFocusOut: true });
  return picked ? picked.value : undefined;
}

/** Sends the request with a work-done token, and moves the notification's bar as the server reports documents. */
async function runImport(
  client: LanguageClient,
  params: Omit<ImportDnaParams, 'workDoneToken'>,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<ImportDnaResult> {
  const workDoneToken = randomUUID();
  let shown = 0;
  const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
    if (value.kind === 'end') return;
    const percent = value.percentage ?? shown;
    progress.report({ message: value.message, increment: Math.max(0, percent - shown) });
    shown = Math.max(shown, percent);
  });
  try {
    return await sendRequest(client, IMPORT_DNA_REQUEST, { ...params, workDoneToken }, token);
  } finally {
    listener.dispose();
  }
}

async function showImported(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, result: ImportDnaDone, name: string, folder: vscode.Uri): Promise<void> {
  output.info(result.report.trimEnd());
  const notice = importNotice(result, name);
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const where = whereToOpen(folder.fsPath, folders);
  if (where === 'workspace') {
    await vscode.commands.executeCommand('revealInExplorer', folder).then(undefined, () => undefined);
    void showNotice(notice, output);
    return;
  }
  // The window that opens the folder shows the summary (opening it here replaces this window).
  const pending: PendingImportSummary = { folder: folder.fsPath, report: result.report, notice, at: Date.now() };
  await context.globalState.update(PENDING_KEY, pending);
  if (where === 'newWindow') void showNotice(`${notice} The corpus opens in a new window.`, output);
  await vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: where === 'newWindow' });
}

async function showNotice(notice: string, output: vscode.LogOutputChannel): Promise<void> {
  if ((await vscode.window.showInformationMessage(notice, SHOW_SUMMARY)) === SHOW_SUMMARY) output.show(true);
}

/** In the window that opened an imported corpus: the summary the importing window handed over. */
async function showHandedOverSummary(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const pending = pendingSummaryFor(context.globalState.get<PendingImportSummary>(PENDING_KEY), folders, Date.now());
  if (!pending) return;
  await context.globalState.update(PENDING_KEY, undefined);
  output.info(pending.report.trimEnd());
  await showNotice(pending.notice, output);
}
