import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CodeLens, CompletionList, DocumentSymbol, InlayHint, Location, WorkspaceEdit, WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { ARTICLE, CODEBOOK, positionOf, rangeOf } from './helpers';

const ANNOTATIONS = `article: ../articles/riyadh.txt
annotations:
  - sentence: 3
    actors: [us, Moscow]
  - sentence: 5
    actors: [russia, lavrov]
`;

let client: LspTestClient;
let ws: ReturnType<typeof tempWorkspace>;
let uri: string;
let codebookUri: string;
let articleUri: string;

beforeAll(async () => {
  ws = tempWorkspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'annotations/riyadh.stance.yaml': ANNOTATIONS });
  client = await LspTestClient.start({ root: ws.root, settings: { diagnostics: { delayMs: 0 }, inlayHints: { sentenceNumbers: true } } });
  uri = fileUri(ws.path('annotations/riyadh.stance.yaml'));
  codebookUri = fileUri(ws.path('codebook.yaml'));
  articleUri = fileUri(ws.path('articles/riyadh.txt'));
  await client.waitForDiagnostics(uri);
  await client.open(uri, ANNOTATIONS, 'yaml', 7);
});

afterAll(async () => {
  await client.stop();
  ws.dispose();
});

describe('editor features over LSP', () => {
  it('advertises the capabilities', () => {
    const capabilities = client.initializeResult!.capabilities;
    expect(capabilities.referencesProvider).toBe(true);
    expect(capabilities.renameProvider).toEqual({ prepareProvider: true });
    expect(capabilities.completionProvider?.triggerCharacters).toContain(':');
    expect(capabilities.executeCommandProvider?.commands).toEqual(['standpoint.annotateSentence', 'standpoint.updateSentenceNumbers', 'standpoint.recordSentenceFixes']);
  });

  it('textDocument/references', async () => {
    const locations = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(ANNOTATIONS, 'lavrov'), context: { includeDeclaration: false } });
    expect(locations).toEqual(
      [
        { uri: codebookUri, range: rangeOf(CODEBOOK, 'russia', 1) },
        { uri, range: rangeOf(ANNOTATIONS, 'lavrov') },
      ].slice(1),
    );
  });

  it('textDocument/completion', async () => {
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(ANNOTATIONS, 'sentence: 3', 0, 10) });
    expect(list.items.map((i) => i.label)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('textDocument/codeAction: quick fixes carry versioned edits for open documents', async () => {
    const diagnostics = (await client.waitForDiagnostics(uri)).diagnostics;
    const unknown = diagnostics.filter((d) => d.code === 'unknown-actor');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unknown[0].range, context: { diagnostics: unknown } });
    expect(actions[0].title).toBe('Change to `russia`');
    expect(actions[0].edit?.documentChanges).toEqual([{ textDocument: { uri, version: 7 }, edits: [{ range: rangeOf(ANNOTATIONS, 'Moscow'), newText: 'russia' }] }]);
  });

  it('textDocument/codeAction in an article: Annotate sentence N, with the command', async () => {
    const position = positionOf(ARTICLE, 'welcomed');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: articleUri }, range: { start: position, end: position }, context: { diagnostics: [] } });
    expect(actions.map((a) => [a.title, a.command?.command])).toEqual([['Annotate sentence 6', 'standpoint.annotateSentence']]);
  });

  it('textDocument/prepareRename and rename (refusal carries the reason)', async () => {
    const prepared = await client.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position: positionOf(ANNOTATIONS, 'lavrov') });
    expect(prepared.placeholder).toBe('lavrov');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(ANNOTATIONS, 'lavrov'), newName: 'sergey-lavrov' });
    expect(edit.documentChanges?.length).toBe(2);
    await expect(client.request('textDocument/prepareRename', { textDocument: { uri }, position: positionOf(ANNOTATIONS, 'annotations') })).rejects.toThrow(/Only actor and topic ids/);
    await expect(client.request('textDocument/rename', { textDocument: { uri }, position: positionOf(ANNOTATIONS, 'lavrov'), newName: 'russia' })).rejects.toThrow(/already an actor/);
  });

  it('textDocument/documentSymbol and workspace/symbol', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual(['s3 · us, Moscow', 's5 · russia, lavrov']);
    const found = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'riyadh' });
    expect(found.map((s) => s.name)).toEqual(['saudi-arabia']);
  });

  it('textDocument/inlayHint: previews in annotation files, numbers in articles when the setting is on', async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } };
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
    expect(hints).toHaveLength(2);
    const numbers = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: articleUri }, range });
    expect(numbers.map((h) => h.label)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('textDocument/codeLens on the codebook', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: codebookUri } });
    expect(lenses.find((l) => l.range.start.line === rangeOf(CODEBOOK, 'lavrov').start.line)?.command?.title).toBe('1 annotation');
  });

  it('standpoint/annotate returns the edit and where to reveal it; workspace/executeCommand applies it through the client', async () => {
    const position = positionOf(ARTICLE, 'welcomed');
    const result = await client.request<{ edit: WorkspaceEdit; reveal: { uri: string } }>('standpoint/annotate', { uri: articleUri, range: { start: position, end: position } });
    expect(result.reveal.uri).toBe(uri);
    expect(result.edit.documentChanges?.[0]).toMatchObject({ textDocument: { uri, version: 7 } });

    let appliedEdit: WorkspaceEdit | undefined;
    client.connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      appliedEdit = params.edit;
      return { applied: true };
    });
    const reveal = await client.request<{ uri: string }>('workspace/executeCommand', {
      command: 'standpoint.annotateSentence',
      arguments: [{ uri: articleUri, range: { start: position, end: position } }],
    });
    expect(reveal.uri).toBe(uri);
    expect(JSON.stringify(appliedEdit)).toContain('sentence: 6');
  });
});
