import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Diagnostic, DocumentDiagnosticReport, Hover, Location, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';

/**
 * One file with very many problems, through the real server over stdio
 * (issue 10, item 2): the editor gets at most 1,000 diagnostics of a file
 * and one that counts the rest, in push and in pull mode.
 */

const clients: LspTestClient[] = [];
const disposers: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
  for (const dispose of disposers.splice(0)) dispose();
});

const CODEBOOK = 'actors:\n  us:\n    name: United States\n    aliases: [Washington]\n';
const ARTICLE = 'Washington spoke first. Then Washington spoke again.\n';

/** `n` copies of one annotation of sentence 1: n − 1 duplicate-annotation warnings; annotation k's `1` is on line 3 + 3k. */
function repeated(n: number): string {
  const items = Array.from({ length: n }, (_, i) => `  - id: d${i}\n    sentence: 1\n    actors: [us]\n`);
  return `article: ../articles/a.txt\nannotations:\n${items.join('')}`;
}

async function setup(files: Record<string, string>, pull = false) {
  const ws = tempWorkspace({ 'codebook.yaml': CODEBOOK, 'articles/a.txt': ARTICLE, ...files });
  disposers.push(ws.dispose);
  const client = await LspTestClient.start({ root: ws.root, pull, settings: { diagnostics: { delayMs: 0 } } });
  clients.push(client);
  return { ws, client };
}

/** What the editor is sent for 1,501 copies: 1,000 warnings (annotations 1–1,000) and the count of the other 500 at annotation 1,001. */
function expectCapped(diagnostics: readonly Diagnostic[]): void {
  expect(diagnostics).toHaveLength(1001);
  const warnings = diagnostics.filter((d) => d.code === 'duplicate-annotation');
  expect(warnings.map((d) => d.range.start.line)).toEqual(Array.from({ length: 1000 }, (_, k) => 3 + 3 * (k + 1)));
  const summary = diagnostics.filter((d) => d.code === 'too-many-problems');
  expect(summary).toHaveLength(1);
  expect(summary[0].range.start).toEqual({ line: 3 + 3 * 1001, character: 14 });
  expect(summary[0].message).toBe(
    'This file has 1,500 problems; the editor is sent 1,000 (the most severe, then the first in the file). 500 more are not shown (500 warnings); the first of them is here. `standpoint check annotations/many.stance.yaml` lists them all.',
  );
}

describe('a file with more than 1,000 problems', () => {
  it('publishes 1,000 of them and one that counts the rest (push)', async () => {
    const { ws, client } = await setup({ 'annotations/many.stance.yaml': repeated(1501) });
    const published = await client.waitForDiagnostics(fileUri(ws.path('annotations/many.stance.yaml')));
    expectCapped(published.diagnostics);
  });

  it('publishes the same for a file checked in a worker thread at start (64 or more annotation files)', async () => {
    const others = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`annotations/other-${i}.stance.yaml`, repeated(1)]));
    const { ws, client } = await setup({ ...others, 'annotations/many.stance.yaml': repeated(1501) });
    const published = await client.waitForDiagnostics(fileUri(ws.path('annotations/many.stance.yaml')), () => true, 30_000);
    expectCapped(published.diagnostics);
    await client.waitFor(() => client.logs.find((line) => line.startsWith('Indexed ')), 30_000, 'the end of indexing');
    expect(client.logs.find((line) => line.startsWith('Indexed '))).toMatch(/in worker threads/);
    expect(client.logs.find((line) => line.startsWith('Indexed '))).not.toContain('(0 in worker threads)');
  });

  it('answers document and workspace pulls with 1,000 of them and one that counts the rest (pull)', async () => {
    const { ws, client } = await setup({ 'annotations/many.stance.yaml': repeated(1501) }, true);
    const uri = fileUri(ws.path('annotations/many.stance.yaml'));
    const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    expect(report.kind).toBe('full');
    expectCapped(report.kind === 'full' ? report.items : []);
    const workspaceReport = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const item = workspaceReport.items.find((i) => i.uri === uri);
    expect(item?.kind).toBe('full');
    expectCapped(item?.kind === 'full' ? item.items : []);
  });
});

describe('a huge file being checked holds up nothing else', () => {
  const OTHER = 'article: ../articles/a.txt\nannotations:\n  - sentence: 2\n    actors: [us]\n';

  it("answers a hover and a definition in another file, and publishes its diagnostics, before the huge file's", async () => {
    // 50,000 copies (2.5 MB): parsing and checking it takes seconds, in slices that give way to other messages.
    const { ws, client } = await setup({ 'annotations/huge.stance.yaml': repeated(50_000), 'annotations/other.stance.yaml': OTHER });
    const huge = fileUri(ws.path('annotations/huge.stance.yaml'));
    const other = fileUri(ws.path('annotations/other.stance.yaml'));
    await client.waitForDiagnostics(huge, () => true, 60_000);
    await client.waitForDiagnostics(other);
    const text = readFileSync(ws.path('annotations/huge.stance.yaml'), 'utf8');
    await client.open(huge, text, 'yaml', 1);
    await client.waitForDiagnostics(huge, (p) => p.version === 1, 60_000);
    await client.open(other, OTHER, 'yaml', 1);
    await client.waitForDiagnostics(other, (p) => p.version === 1);

    // A comment at the top: the huge file is parsed and checked afresh. Then, at once, requests about the other file.
    const events: string[] = [];
    const hugeVersion2 = client
      .waitForDiagnostics(huge, (p) => p.version === 2, 60_000)
      .then((p) => {
        events.push('huge diagnostics');
        return p;
      });
    await client.change(huge, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# pasted by a script\n' }]);
    const hover = client.request<Hover | null>('textDocument/hover', { textDocument: { uri: other }, position: { line: 2, character: 14 } }).then((h) => {
      events.push('hover');
      return h;
    });
    const definition = client.request<Location[]>('textDocument/definition', { textDocument: { uri: other }, position: { line: 2, character: 14 } }).then((d) => {
      events.push('definition');
      return d;
    });
    await client.change(other, 2, [{ range: { start: { line: 2, character: 14 }, end: { line: 2, character: 15 } }, text: '9' }]);
    const otherVersion2 = client
      .waitForDiagnostics(other, (p) => p.version === 2, 60_000)
      .then((p) => {
        events.push('other diagnostics');
        return p;
      });

    const [answer, places, otherDiagnostics, hugeDiagnostics] = await Promise.all([hover, definition, otherVersion2, hugeVersion2]);
    expect(JSON.stringify(answer?.contents)).toContain('Then Washington spoke again.');
    expect(places.map((place) => place.uri)).toEqual([fileUri(ws.path('articles/a.txt'))]);
    expect(otherDiagnostics.diagnostics.map((d) => d.code)).toEqual(['sentence-out-of-range']);
    expect(hugeDiagnostics.diagnostics).toHaveLength(1001);
    // The other file was served while the huge one was still being checked.
    expect(events.indexOf('huge diagnostics')).toBe(3);
  }, 120_000);
});

describe('push mode: a keystroke that changes no diagnostic (issue 10, item 3)', () => {
  async function typing(versionSupport: boolean) {
    let text = `${repeated(40)}    note: typed here\n`;
    const ws = tempWorkspace({ 'codebook.yaml': CODEBOOK, 'articles/a.txt': ARTICLE, 'annotations/many.stance.yaml': text });
    disposers.push(ws.dispose);
    const client = await LspTestClient.start({ root: ws.root, versionSupport, settings: { diagnostics: { delayMs: 0 } } });
    clients.push(client);
    const uri = fileUri(ws.path('annotations/many.stance.yaml'));
    /** Waits until no status notification (one after each check) has come for 300 ms: the server is idle. */
    const settled = async () => {
      for (let seen = -1; seen !== client.statusCount;) {
        seen = client.statusCount;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    };
    const indexed = await client.waitForDiagnostics(uri);
    // 40 copies: 39 duplicate-annotation warnings, at annotations 2–40 (line 3 + 3k).
    expect(indexed.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual(Array.from({ length: 39 }, (_, k) => ['duplicate-annotation', 3 + 3 * (k + 1)]));
    await client.open(uri, text, 'yaml', 1);
    await settled();
    /** Types `insert` at `at` (as version `version`) and waits for the check it starts to end: what was published for that version. */
    const type = async (version: number, at: number, insert: string) => {
      const before = client.statusCount;
      const position = { line: text.slice(0, at).split('\n').length - 1, character: at - text.lastIndexOf('\n', at - 1) - 1 };
      text = `${text.slice(0, at)}${insert}${text.slice(at)}`;
      await client.change(uri, version, [{ range: { start: position, end: position }, text: insert }]);
      await client.waitFor(() => client.statusCount > before || undefined, 10_000, 'the end of the check');
      await settled();
      return (client.published.get(uri) ?? []).filter((p) => p.version === version);
    };
    return { text: () => text, type, client, uri };
  }

  it('a client that does not read versions (as VS Code’s) is not sent the unchanged list again; a change that alters it is sent', async () => {
    const { type, text } = await typing(false);
    // Two letters in the last annotation's note: every warning stays where it was.
    expect(await type(2, text().indexOf('typed') + 5, 'x')).toEqual([]);
    expect(await type(3, text().indexOf('typed') + 5, 'y')).toEqual([]);
    // The last copy's `sentence: 1` becomes `sentence: 21` (the article has 2): its duplicate warning goes, and the list is sent.
    const sent = await type(4, text().lastIndexOf('sentence: 1') + 'sentence: '.length, '2');
    expect(sent).toHaveLength(1);
    expect(sent[0].diagnostics.map((d) => d.code)).toEqual([...Array.from({ length: 38 }, () => 'duplicate-annotation'), 'sentence-out-of-range']);
  });

  it('a client that reads versions is sent an unchanged list again once typing pauses, for the version it stopped at', async () => {
    const { type, text, client, uri } = await typing(true);
    await type(2, text().indexOf('typed') + 5, 'x');
    const ofVersion2 = () => (client.published.get(uri) ?? []).filter((p) => p.version === 2);
    await client.waitFor(() => ofVersion2().length > 0 || undefined, 10_000, 'the list for version 2');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ofVersion2()).toHaveLength(1);
    expect(ofVersion2()[0].diagnostics).toHaveLength(39);
  });
});
