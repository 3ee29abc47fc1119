// Runs inside VS Code (Electron) under @vscode/test-electron; see client/test/integration.test.ts.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in ${document.uri.fsPath}`);
  return document.positionAt(offset + delta);
}

const tests: [string, () => Promise<void>][] = [];
const test = (name: string, run: () => Promise<void>) => tests.push([name, run]);
const folder = () => vscode.workspace.workspaceFolders![0].uri;

test('activates and reports diagnostics for the broken example, open or not', async () => {
  const extension = vscode.extensions.getExtension('standpoint.standpoint')!;
  await extension.activate();
  assert.ok(extension.isActive);
  const broken = vscode.Uri.joinPath(folder(), 'broken', 'riyadh-talks.stance.yaml');
  await vscode.workspace.openTextDocument(broken);
  const codes = await waitFor('diagnostics', () => {
    const found = vscode.languages.getDiagnostics(broken).map((d) => (typeof d.code === 'object' ? d.code.value : d.code));
    return found.includes('sentence-out-of-range') ? found : undefined;
  });
  assert.ok(codes.includes('unknown-actor'));
  const missing = vscode.Uri.joinPath(folder(), 'broken', 'missing-article.stance.yaml');
  await waitFor('diagnostics of a file never opened', () => (vscode.languages.getDiagnostics(missing).length ? true : undefined));
});

test('hover on a sentence number shows the sentence', async () => {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'annotations', 'riyadh-talks.ana.stance.yaml'));
  const hovers = await waitFor('hover', async () => {
    const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'sentence: 4', 10));
    return result.length ? result : undefined;
  });
  const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  assert.match(text, /Sentence 4 of 52/);
  assert.match(text, /sat down at the same table/);
});

test('go to definition on a sentence number opens the article at the sentence', async () => {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'annotations', 'riyadh-talks.ana.stance.yaml'));
  const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, positionOf(document, 'sentence: 4', 10));
  const target = locations[0] as vscode.Location;
  assert.equal(path.basename(target.uri.fsPath), 'riyadh-talks.txt');
  assert.deepEqual([target.range.start.line, target.range.start.character], [3, 0]);
});

test('Annotate Sentence adds an annotation and reveals it', async () => {
  const article = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'articles', 'riyadh-talks.txt'));
  const editor = await vscode.window.showTextDocument(article);
  const at = positionOf(article, 'The setting was a gilded hall', 4);
  editor.selection = new vscode.Selection(at, at);
  const reveal = await vscode.commands.executeCommand<{ uri: string } | undefined>('standpoint.annotateSentence');
  assert.ok(reveal);
  const active = vscode.window.activeTextEditor!;
  assert.equal(path.basename(active.document.uri.fsPath), 'riyadh-talks.ana.stance.yaml');
  assert.match(active.document.getText(), /- sentence: 5\n\s+actors: \[saudi-arabia\]/);
  assert.match(active.document.lineAt(active.selection.active.line).text, /- sentence: 5/);
});

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, body] of tests) {
    try {
      await body();
      console.log(`  ✓ ${name}`);
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.stack : String(error)}`);
      console.log(`  ✗ ${name}`);
    }
  }
  if (failures.length) throw new Error(`${failures.length} of ${tests.length} integration tests failed:\n${failures.join('\n')}`);
}
