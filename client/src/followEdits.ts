import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { SENTENCE_NUMBERS_MOVED_NOTIFICATION, UPDATE_SENTENCE_NUMBERS_COMMAND, WORKSPACE_TRUSTED_NOTIFICATION, type SentenceNumbersMovedParams } from '../../protocol/protocol';
import { onNotification } from './requests';

/**
 * The prompt of `standpoint.sentences.followEdits` = `prompt`: the server
 * decides when sentence numbers moved and what to change (one notification
 * per edit); the client only asks. Update runs the server's command, which
 * applies the update as one workspace edit; Always also sets the setting;
 * Not now leaves it (the article keeps offering it as a code action, and the
 * annotation files show sentence-moved).
 */

export const UPDATE = 'Update';
export const NOT_NOW = 'Not now';
export const ALWAYS = 'Always';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What the prompt says. */
export function promptMessage(params: SentenceNumbersMovedParams): string {
  const name = decodeURIComponent(params.uri.slice(params.uri.lastIndexOf('/') + 1));
  const left = params.left ? ` ${plural(params.left, 'other annotation points', 'other annotations point')} at a sentence that is gone or unclear: see its warning.` : '';
  return `Sentence numbers in ${plural(params.files, 'annotation file', 'annotation files')} moved with your edit to ${name} (${plural(params.annotations, 'annotation', 'annotations')}). Update them?${left}`;
}

export interface PromptHost {
  ask(message: string, ...choices: string[]): Thenable<string | undefined>;
  /** Sets `standpoint.sentences.followEdits` to `always`. */
  setAlways(): Thenable<void>;
  /** Has the server apply the update. */
  update(uri: string): Thenable<unknown>;
}

export async function answerMoved(params: SentenceNumbersMovedParams, host: PromptHost): Promise<void> {
  const choice = await host.ask(promptMessage(params), UPDATE, NOT_NOW, ALWAYS);
  if (choice === ALWAYS) await host.setAlways();
  if (choice === UPDATE || choice === ALWAYS) await host.update(params.uri);
}

const vscodeHost: PromptHost = {
  ask: (message, ...choices) => vscode.window.showInformationMessage(message, ...choices),
  setAlways: () => {
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    return vscode.workspace.getConfiguration('standpoint').update('sentences.followEdits', 'always', target);
  },
  update: (uri) => vscode.commands.executeCommand(UPDATE_SENTENCE_NUMBERS_COMMAND, uri),
};

/** The prompt, and telling the server when the workspace is trusted (it runs git only then). */
export function registerFollowEdits(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  context.subscriptions.push(
    onNotification(client, SENTENCE_NUMBERS_MOVED_NOTIFICATION, (params) => void answerMoved(params, vscodeHost)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION.method, {})),
  );
}
