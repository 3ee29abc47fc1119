import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
  type TextDocumentFilter,
} from 'vscode-languageclient/node';
import { RestartPolicy } from './logic';
import { ANNOTATE_COMMAND, STATUS_NOTIFICATION, type InitializationOptions } from '../../protocol/protocol';
import { onNotification } from './requests';
import { registerCommands } from './commands';
import { registerFollowEdits } from './followEdits';
import { StatusController } from './status';
import { ArticleDecorations } from './decorations';
import { registerViews } from './views/register';
import { registerDnaImport } from './dnaImport';

export const ANNOTATIONS_LANGUAGE = 'standpoint-annotations';
export const CODEBOOK_LANGUAGE = 'standpoint-codebook';

/** Files the server is told about: annotation files, codebooks and articles (plain text, Markdown). */
const SELECTOR_ENTRIES = [
  { language: ANNOTATIONS_LANGUAGE },
  { language: CODEBOOK_LANGUAGE },
  { scheme: 'file', pattern: '**/*.stance.yaml' },
  { scheme: 'file', pattern: '**/codebook.yaml' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'file', language: 'markdown' },
];
export const DOCUMENT_SELECTOR: TextDocumentFilter[] = SELECTOR_ENTRIES as TextDocumentFilter[];
/** The same files, as VS Code's own API types them. */
export const VSCODE_SELECTOR: vscode.DocumentFilter[] = SELECTOR_ENTRIES;

export interface Standpoint {
  readonly client: LanguageClient;
  readonly output: vscode.LogOutputChannel;
}

let standpoint: Standpoint | undefined;

/**
 * The library shows its own error messages when a restarted server dies again
 * before it is up ("couldn't create connection", "Restarting server failed").
 * From a crash until the server runs again they only go to the log: the
 * restart policy says what happened, once, with a Restart button.
 */
class StandpointClient extends LanguageClient {
  crashed = false;

  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    super.error(message, data, this.crashed ? false : showNotification);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<Standpoint> {
  const output = vscode.window.createOutputChannel('Standpoint', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const settings = vscode.workspace.getConfiguration('standpoint');
  const restarts = new RestartPolicy();
  const initializationOptions: InitializationOptions = {
    clientCommands: [ANNOTATE_COMMAND],
    diagnostics: { delayMs: settings.get<number>('diagnostics.delayMs') },
    inlayHints: { sentencePreviews: settings.get<boolean>('inlayHints.sentencePreviews'), sentenceNumbers: settings.get<boolean>('inlayHints.sentenceNumbers') },
    // The persisted index lives in this workspace's storage, which VS Code removes with the workspace.
    persistIndex: settings.get<boolean>('index.persist') !== false,
    cacheDirectory: context.storageUri?.scheme === 'file' ? context.storageUri.fsPath : undefined,
    sentences: { followEdits: settings.get<string>('sentences.followEdits') },
    // git is run only in trusted workspaces (registerFollowEdits tells the server when trust is granted).
    trusted: vscode.workspace.isTrusted,
    followEditsPrompt: true,
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: { configurationSection: 'standpoint' },
    initializationOptions,
    // Without this handler the library shows the bare error of a failed `initialize` ("Pending response
    // rejected since connection got disposed" when a restarted server dies during its start). A crash is
    // already told once by the restart policy below, and a first start that fails is told by `activate`;
    // returning false stops the client exactly as the library's default does.
    initializationFailedHandler: (error) => {
      output.error(`The language server failed to initialize: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    },
    errorHandler: {
      // Write errors come first when the server process dies ("Channel closed"); `closed` then says what happens.
      error: (_error, _message, count) => {
        client.crashed = true;
        return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
      },
      closed: () => {
        client.crashed = true;
        if (restarts.crashed(Date.now())) {
          output.warn(`The language server stopped; restarting it (${restarts.recentCrashes} of 4 automatic restarts in 3 minutes).`);
          return { action: CloseAction.Restart, handled: true };
        }
        void vscode.window
          .showErrorMessage(`Standpoint's language server stopped ${restarts.recentCrashes} times in 3 minutes and was not restarted. Your unsaved edits are kept.`, 'Restart', 'Show Output')
          .then((choice) => {
            if (choice === 'Restart') void vscode.commands.executeCommand('standpoint.restartServer');
            if (choice === 'Show Output') output.show();
          });
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  };

  // The error handler above refers to `client`; it runs only once the client has started.
  const client = new StandpointClient('standpoint', 'Standpoint', serverOptions, clientOptions);
  context.subscriptions.push(
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Running) client.crashed = false;
    }),
  );
  const status = new StatusController(VSCODE_SELECTOR);
  const decorations = new ArticleDecorations(client, context);
  context.subscriptions.push(output, status, decorations);
  const views = registerViews(context, client, output);
  context.subscriptions.push(
    onNotification(client, STATUS_NOTIFICATION, (params) => {
      status.update(params);
      decorations.refreshVisible();
      views.checked();
    }),
  );
  registerCommands(context, { client, output, restarts, decorations });
  registerDnaImport(context, client, output);
  registerFollowEdits(context, client);

  try {
    await client.start();
  } catch (error) {
    output.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage("Standpoint's language server did not start. See the output for details.", 'Show Output').then((choice) => {
      if (choice) output.show();
    });
  }
  decorations.refreshVisible();
  standpoint = { client, output };
  return standpoint;
}

export async function deactivate(): Promise<void> {
  await standpoint?.client.stop();
}
