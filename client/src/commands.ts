import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Location as ProtocolLocation, Position as ProtocolPosition, Range as ProtocolRange } from 'vscode-languageclient/node';
import { sentenceAtLine, sentencePickItems, type RestartPolicy } from './logic';
import { ANNOTATE_COMMAND, ANNOTATE_REQUEST, RELATED_FILES_REQUEST, SENTENCES_REQUEST, SHOW_REFERENCES_COMMAND, type AnnotateResult } from '../../protocol/protocol';
import { sendRequest } from './requests';
import type { ArticleDecorations } from './decorations';

interface CommandContext {
  readonly client: LanguageClient;
  readonly output: vscode.LogOutputChannel;
  readonly restarts: RestartPolicy;
  readonly decorations: ArticleDecorations;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandContext): void {
  const { client, output } = deps;
  const register = (id: string, run: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('standpoint.restartServer', async () => {
    deps.restarts.reset();
    output.info('Restarting the language server.');
    try {
      await (client.isRunning() ? client.restart() : client.start());
    } catch (error) {
      // A server that dies while starting is counted by the restart policy, which says so; here it is only logged.
      output.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    deps.decorations.refreshVisible();
  });

  register('standpoint.showOutput', () => output.show());

  register(ANNOTATE_COMMAND, async (args?: { uri: string; range: ProtocolRange }) => {
    const editor = vscode.window.activeTextEditor;
    const target = args ?? (editor ? { uri: client.code2ProtocolConverter.asUri(editor.document.uri), range: client.code2ProtocolConverter.asRange(editor.selection) } : undefined);
    if (!target) {
      void vscode.window.showInformationMessage('Open an article and put the cursor in a sentence to annotate it.');
      return undefined;
    }
    let response: AnnotateResult;
    try {
      response = await sendRequest(client, ANNOTATE_REQUEST, target);
    } catch (error) {
      void vscode.window.showErrorMessage(`Cannot annotate here: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(response.edit);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('The annotation file changed meanwhile; try again.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(client.protocol2CodeConverter.asUri(response.reveal.uri));
    const range = client.protocol2CodeConverter.asRange(response.reveal.range);
    await vscode.window.showTextDocument(document, { selection: range, preview: false, viewColumn: vscode.ViewColumn.Beside });
    return response.reveal;
  });

  const toggle = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const related = await sendRequest(client, RELATED_FILES_REQUEST, { uri: client.code2ProtocolConverter.asUri(editor.document.uri) });
    const targets = related.kind === 'annotations' ? related.articles : related.annotationFiles;
    if (!targets.length) {
      if (related.kind === 'annotations') void vscode.window.showWarningMessage("This annotation file's article cannot be found (see its problems).");
      else {
        const choice = await vscode.window.showInformationMessage('No annotation file annotates this article yet.', 'Annotate Sentence');
        if (choice) await vscode.commands.executeCommand(ANNOTATE_COMMAND);
      }
      return;
    }
    let chosen = targets[0];
    if (targets.length > 1) {
      const picked = await vscode.window.showQuickPick(
        targets.map((uri) => ({ label: path.basename(vscode.Uri.parse(uri).fsPath), description: vscode.workspace.asRelativePath(vscode.Uri.parse(uri)), uri })),
        { placeHolder: 'Open which annotation file?' },
      );
      if (!picked) return;
      chosen = picked.uri;
    }
    await vscode.window.showTextDocument(vscode.Uri.parse(chosen), { preview: false });
  };
  register('standpoint.openAnnotations', toggle);
  register('standpoint.openArticle', toggle);

  register('standpoint.showSentences', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    let uri = client.code2ProtocolConverter.asUri(editor.document.uri);
    const related = await sendRequest(client, RELATED_FILES_REQUEST, { uri });
    if (related.kind === 'annotations' && related.articles[0]) uri = related.articles[0];
    const sentences = await sendRequest(client, SENTENCES_REQUEST, { uri });
    if (!sentences.length) {
      void vscode.window.showInformationMessage('This file has no sentences Standpoint can number.');
      return;
    }
    const items = sentencePickItems(sentences);
    const quickPick = vscode.window.createQuickPick<(typeof items)[number]>();
    quickPick.items = items;
    quickPick.placeholder = `${sentences.length} sentences — type to filter by number or words`;
    quickPick.matchOnDescription = true;
    if (uri === client.code2ProtocolConverter.asUri(editor.document.uri)) {
      const current = sentenceAtLine(sentences, editor.selection.active.line, editor.selection.active.character);
      const active = items.find((item) => item.n === current?.n);
      if (active) quickPick.activeItems = [active];
    }
    const picked = await new Promise<(typeof items)[number] | undefined>((resolve) => {
      quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
      quickPick.onDidHide(() => resolve(undefined));
      quickPick.show();
    });
    quickPick.dispose();
    if (!picked) return;
    const sentence = sentences[picked.n - 1];
    const range = client.protocol2CodeConverter.asRange(sentence.range);
    const shown = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: range, preview: false });
    shown.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  });

  // A codebook lens: its uses are asked for on click (the lens itself carries only the count).
  register(SHOW_REFERENCES_COMMAND, async (uri: string, position: ProtocolPosition) => {
    const locations = await client.sendRequest<ProtocolLocation[] | null>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: false } });
    await vscode.commands.executeCommand(
      'editor.action.showReferences',
      client.protocol2CodeConverter.asUri(uri),
      client.protocol2CodeConverter.asPosition(position),
      (locations ?? []).map((location) => client.protocol2CodeConverter.asLocation(location)),
    );
  });

  register('standpoint.openExample', async () => {
    const source = vscode.Uri.file(context.asAbsolutePath('example'));
    const target = vscode.Uri.joinPath(context.globalStorageUri, 'example');
    try {
      await vscode.workspace.fs.stat(target);
    } catch {
      await vscode.workspace.fs.createDirectory(context.globalStorageUri);
      await vscode.workspace.fs.copy(source, target, { overwrite: false });
    }
    await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
  });
}
