import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Hover, Location } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { ARTICLE, CODEBOOK, positionOf, rangeOf } from './helpers';

const ANNOTATIONS = 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 6\n    quote: welcomed the dialogue\n    actors: [saudi-arabia]\n  - sentence: 9\n';

const clients: LspTestClient[] = [];
const disposers: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
  for (const dispose of disposers.splice(0)) dispose();
});

async function setup(options: { pull?: boolean; settings?: unknown; initializationOptions?: unknown } = {}) {
  const ws = tempWorkspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'annotations/riyadh.stance.yaml': ANNOTATIONS });
  disposers.push(ws.dispose);
  const client = await LspTestClient.start({ root: ws.root, ...options });
  clients.push(client);
  return { ws, client, annotationUri: fileUri(ws.path('annotations/riyadh.stance.yaml')), articleUri: fileUri(ws.path('articles/riyadh.txt')), codebookUri: fileUri(ws.path('codebook.yaml')) };
}

describe('language server over stdio (push diagnostics, as Neovim and Emacs use)', () => {
  it('publishes diagnostics for files that were never opened, with exact ranges', async () => {
    const { client, annotationUri, codebookUri } = await setup();
    const published = await client.waitForDiagnostics(annotationUri);
    expect(published.diagnostics.map((d) => d.code)).toEqual(['sentence-out-of-range']);
    expect(published.diagnostics[0].range).toEqual(rangeOf(ANNOTATIONS, '9'));
    const codebook = await client.waitForDiagnostics(codebookUri);
    expect(codebook.diagnostics.every((d) => d.code === 'unused-entry')).toBe(true);
    expect(client.initializeResult?.capabilities.diagnosticProvider).toBeUndefined();
  });

  it('reports initial indexing through window/workDoneProgress', async () => {
    const { client, annotationUri } = await setup();
    await client.waitForDiagnostics(annotationUri);
    const kinds = await client.waitFor(() => {
      const list = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
      return list.includes('end') ? list : undefined;
    });
    expect(kinds[0]).toBe('begin');
    expect(kinds[kinds.length - 1]).toBe('end');
  });

  it('re-checks the annotation file after didChange of an open article (open text wins over disk)', async () => {
    const { client, annotationUri, articleUri } = await setup({ settings: { diagnostics: { delayMs: 0 } } });
    await client.waitForDiagnostics(annotationUri);
    await client.open(articleUri, ARTICLE, 'plaintext');
    await client.changeFull(articleUri, 2, ARTICLE.replace('welcomed the dialogue', 'praised the dialogue'));
    const after = await client.waitForDiagnostics(annotationUri, (p) => p.diagnostics.some((d) => d.code === 'quote-not-found'));
    expect(after.diagnostics.map((d) => d.code).sort()).toEqual(['quote-not-found', 'sentence-out-of-range']);
    // Closing the unsaved article falls back to the disk text.
    await client.close(articleUri);
    await client.waitForDiagnostics(annotationUri, (p) => !p.diagnostics.some((d) => d.code === 'quote-not-found'));
  });

  it('applies incremental edits to an open annotation file sent with languageId yaml', async () => {
    const { client, annotationUri } = await setup({ initializationOptions: { diagnostics: { delayMs: 0 } } });
    await client.waitForDiagnostics(annotationUri);
    await client.open(annotationUri, ANNOTATIONS, 'yaml');
    const nine = rangeOf(ANNOTATIONS, '9');
    await client.change(annotationUri, 2, [{ range: nine, text: '5' }]);
    const published = await client.waitForDiagnostics(annotationUri, (p) => p.version === 2);
    expect(published.diagnostics.map((d) => d.code)).toEqual([]);
  });

  it('re-checks after didChangeWatchedFiles deletes an article', async () => {
    const { ws, client, annotationUri, articleUri } = await setup();
    await client.waitForDiagnostics(annotationUri);
    rmSync(ws.path('articles/riyadh.txt'));
    await client.watched([{ uri: articleUri, type: 3 }]);
    const after = await client.waitForDiagnostics(annotationUri, (p) => p.diagnostics.some((d) => d.code === 'article-not-found'));
    expect(after.diagnostics.map((d) => d.code)).toEqual(['article-not-found']);
  });

  it('picks up a created annotation file', async () => {
    const { ws, client, annotationUri } = await setup();
    await client.waitForDiagnostics(annotationUri);
    const created = ws.write('annotations/new.stance.yaml', 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    actors: [nobody]\n');
    await client.watched([{ uri: fileUri(created), type: 1 }]);
    const published = await client.waitForDiagnostics(fileUri(created));
    expect(published.diagnostics.map((d) => d.code)).toEqual(['unknown-actor']);
  });

  it('answers hover and definition on a sentence number', async () => {
    const { client, annotationUri, articleUri } = await setup();
    await client.waitForDiagnostics(annotationUri);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: annotationUri }, position: positionOf(ANNOTATIONS, '6') });
    expect((hover.contents as { value: string }).value).toContain('The Saudis, who hosted the talks, welcomed the dialogue.');
    const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: annotationUri }, position: positionOf(ANNOTATIONS, '6') });
    expect(locations).toEqual([{ uri: articleUri, range: rangeOf(ARTICLE, 'The Saudis, who hosted the talks, welcomed the dialogue.') }]);
  });

  it('registers a file watcher with the client', async () => {
    const { client, annotationUri } = await setup();
    await client.waitForDiagnostics(annotationUri);
    expect(JSON.stringify(client.registrations)).toContain('workspace/didChangeWatchedFiles');
  });
});

describe('language server with pull diagnostics (as VS Code uses)', () => {
  it('declares a diagnostic provider and answers document and workspace pulls', async () => {
    const { client, annotationUri } = await setup({ pull: true });
    expect(client.initializeResult?.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: true, workspaceDiagnostics: true });
    const report = await client.request<{ kind: string; resultId: string; items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri: annotationUri } });
    expect(report.kind).toBe('full');
    expect(report.items.map((d) => d.code)).toEqual(['sentence-out-of-range']);
    const again = await client.request<{ kind: string }>('textDocument/diagnostic', { textDocument: { uri: annotationUri }, previousResultId: report.resultId });
    expect(again.kind).toBe('unchanged');

    const workspaceReport = await client.request<{ items: { uri: string; kind: string; items?: { code: string }[] }[] }>('workspace/diagnostic', { previousResultIds: [] });
    const forAnnotations = workspaceReport.items.find((item) => item.uri === annotationUri);
    expect(forAnnotations?.items?.map((d) => d.code)).toEqual(['sentence-out-of-range']);
    expect(client.published.size).toBe(0);
  });

  it('holds a workspace pull until something changes, then answers with the change and asks for a refresh', async () => {
    const { ws, client, annotationUri, articleUri } = await setup({ pull: true, settings: { diagnostics: { delayMs: 0 } } });
    const first = await client.request<{ items: { uri: string; resultId: string }[] }>('workspace/diagnostic', { previousResultIds: [] });
    const previousResultIds = first.items.map((item) => ({ uri: item.uri, value: item.resultId }));
    let answered = false;
    const pending = client.request<{ items: { uri: string; kind: string; items?: { code: string }[] }[] }>('workspace/diagnostic', { previousResultIds }).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    rmSync(ws.path('articles/riyadh.txt'));
    await client.watched([{ uri: articleUri, type: 3 }]);
    const second = await pending;
    const changed = second.items.find((item) => item.uri === annotationUri && item.kind === 'full');
    expect(changed?.items?.map((d) => d.code)).toEqual(['article-not-found']);
    await client.waitFor(() => client.refreshRequests > 0, 5000, 'a diagnostic refresh request');
  });
});

describe('language server scheduling', () => {
  it('waits standpoint.diagnostics.delayMs after typing before re-checking', async () => {
    const { client, annotationUri } = await setup({ settings: { diagnostics: { delayMs: 1200 } } });
    await client.waitForDiagnostics(annotationUri);
    await client.open(annotationUri, ANNOTATIONS, 'yaml');
    const before = client.published.get(annotationUri)!.length;
    await client.change(annotationUri, 2, [{ range: rangeOf(ANNOTATIONS, '9'), text: '5' }]);
    // Not a timing: a request sent after the change is answered while the re-check still waits for the delay.
    // (How long it waits is the scheduler's unit test, on fake timers: diagnosticsScheduler.test.ts.)
    await client.request('textDocument/hover', { textDocument: { uri: annotationUri }, position: positionOf(ANNOTATIONS, '6') });
    expect(client.published.get(annotationUri)!.length).toBe(before);
    const published = await client.waitForDiagnostics(annotationUri, (p) => p.version === 2);
    expect(published.diagnostics).toEqual([]);
    expect(client.published.get(annotationUri)!.length).toBe(before + 1);
  });

  it('stays responsive while indexing a larger workspace: a hover is answered before indexing ends', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `Washington said something new, point ${i + 1}.`).join('\n');
    const files: Record<string, string> = { 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'articles/long.txt': long };
    const many = Array.from({ length: 400 }, (_, i) => `  - sentence: ${i + 1}\n    actors: [us]\n    note: annotation ${i}\n`).join('');
    for (let i = 0; i < 300; i++) files[`annotations/file-${i}.stance.yaml`] = `article: ../articles/long.txt\nannotations:\n${many}`;
    files['annotations/zz.stance.yaml'] = ANNOTATIONS;
    const ws = tempWorkspace(files);
    disposers.push(ws.dispose);
    const client = await LspTestClient.start({ root: ws.root });
    clients.push(client);
    const uri = fileUri(ws.path('annotations/zz.stance.yaml'));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(ANNOTATIONS, '6') });
    const ended = client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end');
    expect((hover.contents as { value: string }).value).toContain('welcomed the dialogue');
    expect(ended).toBe(false);
    await client.waitFor(() => client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 60_000, 'indexing to end');
    expect(client.latest(uri)?.diagnostics.map((d) => d.code)).toEqual(['sentence-out-of-range']);
    expect(client.published.size).toBe(302);
  });
});

describe('the persisted index over LSP', () => {
  it('is kept in the cacheDirectory the client names, and a second session publishes the same diagnostics', async () => {
    const files: Record<string, string> = { 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE };
    for (let i = 0; i < 70; i++) files[`annotations/a${i}.stance.yaml`] = i % 3 ? ANNOTATIONS : ANNOTATIONS.replace('saudi-arabia', 'riyadh-team');
    const ws = tempWorkspace(files);
    disposers.push(ws.dispose);
    const cacheDirectory = ws.path('../' + path.basename(ws.root) + '-cache');
    disposers.push(() => rmSync(cacheDirectory, { recursive: true, force: true }));
    const session = async (persistIndex: boolean) => {
      const client = await LspTestClient.start({ root: ws.root, initializationOptions: { cacheDirectory, persistIndex } });
      clients.push(client);
      await client.waitFor(() => client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 60_000, 'indexing to end');
      const published = new Map([...client.published].map(([uri, list]) => [uri, list[list.length - 1].diagnostics]));
      await client.stop();
      return published;
    };
    const unpersisted = await session(false);
    expect(existsSync(cacheDirectory)).toBe(false);
    const first = await session(true);
    expect(readdirSync(cacheDirectory).filter((name) => name.endsWith('.json'))).toHaveLength(1);
    const second = await session(true);
    expect(first.size).toBe(71);
    expect([...second].sort()).toEqual([...first].sort());
    expect([...unpersisted].sort()).toEqual([...first].sort());
    expect([...first.values()].flat().filter((d) => d.code === 'unknown-actor')).toHaveLength(24);
  });
});

describe('indexing in worker threads, with edits meanwhile', () => {
  it('a file opened with unsaved text during indexing ends with the diagnostics of that text', async () => {
    const long = Array.from({ length: 200 }, (_, i) => `Washington said something new, point ${i + 1}.`).join('\n');
    const files: Record<string, string> = { 'codebook.yaml': CODEBOOK, 'articles/long.txt': long };
    const many = Array.from({ length: 200 }, (_, i) => `  - sentence: ${i + 1}\n    actors: [us]\n`).join('');
    for (let i = 0; i < 200; i++) files[`annotations/file-${i}.stance.yaml`] = `article: ../articles/long.txt\nannotations:\n${many}`;
    const ws = tempWorkspace(files);
    disposers.push(ws.dispose);
    const client = await LspTestClient.start({ root: ws.root, settings: { diagnostics: { delayMs: 0 } } });
    clients.push(client);
    const uri = fileUri(ws.path('annotations/file-150.stance.yaml'));
    await client.open(uri, `article: ../articles/long.txt\nannotations:\n  - sentence: 999\n`, 'yaml', 3);
    await client.waitFor(() => client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 60_000, 'indexing to end');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.latest(uri)?.diagnostics.map((d) => d.code)).toEqual(['sentence-out-of-range']);
    expect(client.latest(uri)?.version).toBe(3);
  });
});
