/**
 * document-mismatch (format.md §4): the annotation files of one article
 * should agree on `document:`. Compared per key and by value; each file that
 * disagrees gets the warning on its own value, linking to the others; an edit
 * to one file re-checks the others of its article (and only when what it
 * says about the article changed), through the service and through workers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, indexFile, InMemoryWorkspace, type BulkIndexer, type IndexedFile } from '../src/service/index';
import { wellFormedSummary } from '../src/service/workspaceIndex/summary';
import { ARTICLE, CODEBOOK, codes, message, only, rangeOf, workspace } from './helpers';
import { LspTestClient, fileUri } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DiskWorkspace } from '../src/node/diskWorkspace';
import { persistentIndexer } from '../src/node/indexStore';

function file(coder: string, document: string, body = '  - sentence: 3\n    actors: [us, russia, saudi-arabia]\n'): string {
  return `article: ../articles/riyadh.txt\ncoder: ${coder}\n${document}annotations:\n${body}`;
}

const ANA = file('ana', 'document:\n  title: Talks in Riyadh Test the Limits of a Thaw\n  date: 2025-02-19\n  source: Example Herald\n');
const BEN = file('ben', 'document:\n  title: Talks in Riyadh Test the Limits of a Thaw\n  date: 2025-02-18\n  author: Mara Lindqvist\n');

function corpus(files: Record<string, string>) {
  return workspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'articles/other.txt': 'Another article.\nIt has two lines.\n', ...files });
}

async function allDiagnostics(files: Record<string, string>) {
  const { ws, service } = corpus(files);
  await service.initialize();
  const get = async (path: string) => only(await service.diagnostics(ws.uri(path)), 'document-mismatch');
  return { ws, service, get };
}

describe('document-mismatch', () => {
  it('warns on the differing value in each file, linking to the other file’s value', async () => {
    const { ws, get } = await allDiagnostics({ 'annotations/riyadh.ana.stance.yaml': ANA, 'annotations/riyadh.ben.stance.yaml': BEN });
    const [onAna] = await get('annotations/riyadh.ana.stance.yaml');
    const [onBen, ...more] = await get('annotations/riyadh.ben.stance.yaml');
    expect(more).toEqual([]);
    expect(onAna).toEqual({
      range: rangeOf(ANA, '2025-02-19'),
      severity: DiagnosticSeverity.Warning,
      code: 'document-mismatch',
      source: 'standpoint',
      message:
        '`date` is `2025-02-19` here, but `2025-02-18` in riyadh.ben.stance.yaml (coder `ben`), another annotation file of this article. The files of one article should agree on `document:` (exports and time slices read it from them): correct the wrong one, or leave `date` out of one file.',
      relatedInformation: [
        { location: { uri: ws.uri('annotations/riyadh.ben.stance.yaml'), range: rangeOf(BEN, '2025-02-18') }, message: '`date` in riyadh.ben.stance.yaml (coder `ben`): `2025-02-18`' },
      ],
      data: { key: 'date', values: ['2025-02-18'] },
    } satisfies Diagnostic);
    expect(onBen.range).toEqual(rangeOf(BEN, '2025-02-18'));
    expect(message(onBen)).toMatch(/^`date` is `2025-02-18` here, but `2025-02-19` in riyadh\.ana\.stance\.yaml \(coder `ana`\)/);
    expect(onBen.relatedInformation).toEqual([
      { location: { uri: ws.uri('annotations/riyadh.ana.stance.yaml'), range: rangeOf(ANA, '2025-02-19') }, message: '`date` in riyadh.ana.stance.yaml (coder `ana`): `2025-02-19`' },
    ]);
  });

  it('a key one file leaves out, or a file without document:, contradicts nothing; other articles are not compared', async () => {
    const { get } = await allDiagnostics({
      'annotations/riyadh.ana.stance.yaml': ANA,
      'annotations/riyadh.ben.stance.yaml': BEN.replace('2025-02-18', '2025-02-19'), // source and author given by one file each
      'annotations/riyadh.cleo.stance.yaml': file('cleo', ''),
      'annotations/riyadh.dan.stance.yaml': file('dan', 'document:\n'),
      'annotations/other.stance.yaml': 'article: ../articles/other.txt\ndocument:\n  title: Another article\n  date: 2024-01-01\nannotations: []\n',
    });
    for (const name of ['ana', 'ben', 'cleo', 'dan']) expect(await get(`annotations/riyadh.${name}.stance.yaml`), name).toEqual([]);
    expect(await get('annotations/other.stance.yaml')).toEqual([]);
  });

  it('compares dates by value and texts after normalising white space and Unicode, but keeps case', async () => {
    const text = (title: string, date: string) => `document:\n  title: ${title}\n  date: ${date}\n`;
    const { get } = await allDiagnostics({
      'annotations/a.stance.yaml': file('a', text('"Talks in  Riyadh — Caf\u00e9"', '2025-02-19')),
      'annotations/b.stance.yaml': file('b', text('>-\n    Talks in\n    Riyadh — Cafe\u0301', '2025-02-19T14:30')),
      'annotations/c.stance.yaml': file('c', text('"Talks in Riyadh — Caf\u00e9"', '"2025-02-19 14:30:00.000"')),
    });
    // A day agrees with any time on it; 14:30 = 14:30:00.000; "Café" composed = decomposed; line breaks in a folded title are spaces.
    for (const name of ['a', 'b', 'c']) expect(await get(`annotations/${name}.stance.yaml`), name).toEqual([]);

    const differing = await allDiagnostics({
      'annotations/a.stance.yaml': file('a', text('Talks in Riyadh', '2025-02-19T09:00')),
      'annotations/b.stance.yaml': file('b', text('talks in Riyadh', '2025-02-19T16:45')),
    });
    expect((await differing.get('annotations/a.stance.yaml')).map(message).map((m) => m.slice(0, m.indexOf(' in b.stance.yaml')))).toEqual([
      '`title` is `Talks in Riyadh` here, but `talks in Riyadh`',
      '`date` is `2025-02-19T09:00` here, but `2025-02-19T16:45`',
    ]);
  });

  it('three files: the odd one links to both others; each of them links to the odd one', async () => {
    const { ws, get } = await allDiagnostics({
      'annotations/riyadh.ana.stance.yaml': ANA,
      'annotations/riyadh.ben.stance.yaml': BEN,
      'annotations/riyadh.cleo.stance.yaml': file('cleo', 'document:\n  date: 2025-02-19\n'),
    });
    const [onBen] = await get('annotations/riyadh.ben.stance.yaml');
    expect(message(onBen)).toContain('but `2025-02-19` in riyadh.ana.stance.yaml (coder `ana`) and 1 other file, another annotation file');
    expect(onBen.relatedInformation?.map((r) => r.location.uri)).toEqual([ws.uri('annotations/riyadh.ana.stance.yaml'), ws.uri('annotations/riyadh.cleo.stance.yaml')]);
    const [onCleo] = await get('annotations/riyadh.cleo.stance.yaml');
    expect(onCleo.relatedInformation?.map((r) => r.location.uri)).toEqual([ws.uri('annotations/riyadh.ben.stance.yaml')]);
    expect((await get('annotations/riyadh.ana.stance.yaml')).length).toBe(1);
  });

  it('names a file in another folder by its path from this one, and a file without a coder plainly', async () => {
    const { get } = await allDiagnostics({ 'annotations/riyadh.ana.stance.yaml': ANA, 'second/riyadh.stance.yaml': BEN.replace('coder: ben\n', '') });
    const [onAna] = await get('annotations/riyadh.ana.stance.yaml');
    expect(message(onAna)).toContain('but `2025-02-18` in ../second/riyadh.stance.yaml, another annotation file');
  });

  it('follows rules: in the codebook', async () => {
    for (const [rule, expected] of [
      ['off', []],
      ['error', [DiagnosticSeverity.Error]],
    ] as const) {
      const { get } = await allDiagnostics({
        'codebook.yaml': `${CODEBOOK}rules:\n  document-mismatch: ${rule}\n`,
        'annotations/riyadh.ana.stance.yaml': ANA,
        'annotations/riyadh.ben.stance.yaml': BEN,
      });
      expect((await get('annotations/riyadh.ana.stance.yaml')).map((d) => d.severity)).toEqual(expected);
    }
  });

  it('an invalid date is a schema error only, not also a mismatch', async () => {
    const { ws, service, get } = await allDiagnostics({ 'annotations/riyadh.ana.stance.yaml': ANA, 'annotations/riyadh.ben.stance.yaml': BEN.replace('2025-02-18', '2025-02-30') });
    expect(await get('annotations/riyadh.ana.stance.yaml')).toEqual([]);
    expect(codes(await service.diagnostics(ws.uri('annotations/riyadh.ben.stance.yaml')))).toEqual(['schema']);
  });
});

describe('document-mismatch across edits', () => {
  async function session() {
    const { ws, service } = corpus({
      'annotations/riyadh.ana.stance.yaml': ANA,
      'annotations/riyadh.ben.stance.yaml': BEN,
      'annotations/other.stance.yaml': 'article: ../articles/other.txt\nannotations: []\n',
    });
    await service.initialize();
    const first = await service.check(service.checkedFiles());
    const ana = ws.uri('annotations/riyadh.ana.stance.yaml');
    const ben = ws.uri('annotations/riyadh.ben.stance.yaml');
    expect(codes(first.get(ana)!)).toEqual(['document-mismatch']);
    expect(codes(first.get(ben)!)).toEqual(['document-mismatch']);
    const edit = async (path: string, text: string | undefined) => {
      const uri = text === undefined ? ws.delete(path) : ws.write(path, text);
      return service.check(service.changed([uri]));
    };
    return { ws, service, ana, ben, edit };
  }

  it('fixing one file clears the warning in the other, both ways', async () => {
    const { ana, ben, edit } = await session();
    let results = await edit('annotations/riyadh.ben.stance.yaml', BEN.replace('2025-02-18', '2025-02-19'));
    expect([...results.keys()].sort()).toEqual([ana, ben]);
    expect(results.get(ana)).toEqual([]);
    expect(results.get(ben)).toEqual([]);
    // Now Ana changes her date: Ben's file, not edited, gets the warning back.
    results = await edit('annotations/riyadh.ana.stance.yaml', ANA.replace('2025-02-19', '2025-02-20'));
    expect([...results.keys()].sort()).toEqual([ana, ben]);
    expect(codes(results.get(ben)!)).toEqual(['document-mismatch']);
    expect(message(results.get(ben)![0])).toContain('but `2025-02-20` in riyadh.ana.stance.yaml');
  });

  it('an edit that leaves document: as it was re-checks the edited file only', async () => {
    const { ana, edit } = await session();
    const results = await edit('annotations/riyadh.ana.stance.yaml', ANA.replace('actors: [us, russia, saudi-arabia]', 'actors: [us, russia, saudi-arabia]\n    note: the same ids, a new note'));
    expect([...results.keys()]).toEqual([ana]);
    expect(codes(results.get(ana)!)).toEqual(['document-mismatch']);
  });

  it('a line added above document: moves the other file’s link to the new place', async () => {
    const { ws, ben, edit } = await session();
    const moved = `# Coded twice, see the notes.\n${ANA}`;
    const results = await edit('annotations/riyadh.ana.stance.yaml', moved);
    expect(results.get(ben)![0].relatedInformation?.[0].location).toEqual({ uri: ws.uri('annotations/riyadh.ana.stance.yaml'), range: rangeOf(moved, '2025-02-19') });
  });

  it('deleting a file, pointing it at another article, or creating one re-checks the others of the article', async () => {
    const { ws, service, ana, ben, edit } = await session();
    let results = await edit('annotations/riyadh.ana.stance.yaml', undefined);
    expect(results.get(ben)).toEqual([]);
    results = await edit('annotations/riyadh.ana.stance.yaml', ANA);
    expect(codes(results.get(ben)!)).toEqual(['document-mismatch']);
    expect(codes(results.get(ana)!)).toEqual(['document-mismatch']);
    results = await edit('annotations/riyadh.ana.stance.yaml', ANA.replace('riyadh.txt', 'other.txt'));
    expect(results.get(ben)).toEqual([]);
    const cleo = ws.write('annotations/riyadh.cleo.stance.yaml', file('cleo', 'document:\n  date: 2025-02-17\n'));
    results = await service.check(service.changed([cleo]));
    expect(codes(results.get(ben)!)).toEqual(['document-mismatch']);
    expect(message(results.get(ben)![0])).toContain('but `2025-02-17` in riyadh.cleo.stance.yaml');
  });

  it('two files edited together are compared in their new versions', async () => {
    const { ws, service, ana, ben } = await session();
    const a = ws.write('annotations/riyadh.ana.stance.yaml', ANA.replace('2025-02-19', '2025-03-01'));
    const b = ws.write('annotations/riyadh.ben.stance.yaml', BEN.replace('2025-02-18', '2025-03-01'));
    // Ben's file first: it must read Ana's new text, not her old summary.
    const results = await service.check(service.changed([b, a]));
    expect(results.get(ana)).toEqual([]);
    expect(results.get(ben)).toEqual([]);
  });

  it('a hover that re-reads the edited file before the check does not hide the change from the other file', async () => {
    const { ws, service, ben } = await session();
    const a = ws.write('annotations/riyadh.ana.stance.yaml', ANA.replace('2025-02-19', '2025-02-18'));
    const affected = service.changed([a]);
    await service.hover(a, { line: 4, character: 10 });
    const results = await service.check(affected);
    expect(results.get(ben)).toEqual([]);
  });
});

describe('document facts in summaries (workers, the persisted index)', () => {
  it('a summary carries coder and document with ranges, and is well formed only if they are', async () => {
    const { ws, service } = corpus({ 'annotations/riyadh.ana.stance.yaml': ANA });
    const indexed = await indexFile(service, ws.uri('annotations/riyadh.ana.stance.yaml'));
    expect(indexed.summary?.coder).toBe('ana');
    expect(indexed.summary?.document).toEqual({
      title: { value: 'Talks in Riyadh Test the Limits of a Thaw', range: rangeOf(ANA, 'Talks in Riyadh Test the Limits of a Thaw') },
      date: { value: '2025-02-19', range: rangeOf(ANA, '2025-02-19') },
      source: { value: 'Example Herald', range: rangeOf(ANA, 'Example Herald') },
    });
    const summary = indexed.summary!;
    expect(wellFormedSummary(summary)).toBe(true);
    expect(wellFormedSummary({ ...summary, coder: 7 as unknown as string })).toBe(false);
    expect(wellFormedSummary({ ...summary, document: { date: { value: '2025-02-19' } } as never })).toBe(false);
    expect(wellFormedSummary({ ...summary, document: { publisher: { value: 'x', range: rangeOf(ANA, 'ana') } } as never })).toBe(false);
    expect(wellFormedSummary({ ...summary, document: { title: { value: 'x', range: { start: { line: -1, character: 0 }, end: { line: 0, character: 1 } } } } })).toBe(false);
  });

  it('files indexed elsewhere get their document-mismatch from the summaries, and it is not stored with them', async () => {
    const files = { 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'annotations/riyadh.ana.stance.yaml': ANA, 'annotations/riyadh.ben.stance.yaml': BEN };
    const indexed: IndexedFile[] = [];
    const indexer: BulkIndexer = async function* (uris) {
      const elsewhere = createLanguageService({ workspace: new InMemoryWorkspace(files) });
      const batch: IndexedFile[] = [];
      for (const uri of uris) batch.push(await indexFile(elsewhere, uri));
      indexed.push(...batch);
      yield batch;
    };
    const ws = new InMemoryWorkspace(files);
    const service = createLanguageService({ workspace: ws, indexer, indexerThreshold: 1 });
    const computed = await service.initialize();
    expect(indexed.map((f) => codes(f.diagnostics))).toEqual([[], []]);
    expect(codes(computed.get(ws.uri('annotations/riyadh.ana.stance.yaml'))!)).toEqual(['document-mismatch']);
    expect(computed.get(ws.uri('annotations/riyadh.ben.stance.yaml'))![0].range).toEqual(rangeOf(BEN, '2025-02-18'));
    // Neither file was read here: the warnings came from the summaries.
    expect(ws.reads.filter((uri) => uri.endsWith('.stance.yaml'))).toEqual([]);
    // An edit to a file indexed elsewhere re-checks the other file too.
    const ben = ws.write('annotations/riyadh.ben.stance.yaml', BEN.replace('2025-02-18', '2025-02-19'));
    const results = await service.check(service.changed([ben]));
    expect(results.get(ws.uri('annotations/riyadh.ana.stance.yaml'))).toEqual([]);
  });
});

describe('document-mismatch over LSP (stdio)', () => {
  const clients: LspTestClient[] = [];
  const disposers: (() => void)[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
    for (const dispose of disposers.splice(0)) dispose();
  });

  async function start(pull: boolean) {
    const ws = tempWorkspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'annotations/riyadh.ana.stance.yaml': ANA, 'annotations/riyadh.ben.stance.yaml': BEN });
    disposers.push(ws.dispose);
    const client = await LspTestClient.start({ root: ws.root, pull, settings: { diagnostics: { delayMs: 0 } } });
    clients.push(client);
    return { ws, client, ana: fileUri(ws.path('annotations/riyadh.ana.stance.yaml')), ben: fileUri(ws.path('annotations/riyadh.ben.stance.yaml')) };
  }
  const mismatch = (p: { diagnostics: Diagnostic[] }) => p.diagnostics.some((d) => d.code === 'document-mismatch');

  it('pushes the update to the file that was not edited, open or not, both ways', async () => {
    const { client, ana, ben } = await start(false);
    const first = await client.waitForDiagnostics(ben, mismatch);
    expect(first.diagnostics.map((d) => [d.code, d.range])).toEqual([['document-mismatch', rangeOf(BEN, '2025-02-18')]]);
    await client.waitForDiagnostics(ana, mismatch);

    // Ana, open, agrees with Ben: Ben's file (closed) is re-checked and clean.
    await client.open(ana, ANA, 'yaml');
    await client.change(ana, 2, [{ range: rangeOf(ANA, '2025-02-19'), text: '2025-02-18' }]);
    await client.waitForDiagnostics(ben, (p) => p.diagnostics.length === 0);
    await client.waitForDiagnostics(ana, (p) => p.version === 2 && p.diagnostics.length === 0);

    // Ben, opened too, changes his title: Ana's open file gets the warning on her title.
    await client.open(ben, BEN, 'yaml');
    await client.change(ben, 2, [{ range: rangeOf(BEN, 'Thaw'), text: 'Freeze' }]);
    const onAna = await client.waitForDiagnostics(ana, mismatch);
    expect(onAna.diagnostics.map((d) => [d.code, d.range, d.relatedInformation?.[0].location.uri])).toEqual([['document-mismatch', rangeOf(ANA, 'Talks in Riyadh Test the Limits of a Thaw'), ben]]);
  });

  it('answers pulls for the other file with the new result after an edit', async () => {
    const { client, ana, ben } = await start(true);
    type Report = { kind: string; resultId?: string; items?: Diagnostic[] };
    const before = await client.request<Report>('textDocument/diagnostic', { textDocument: { uri: ben } });
    expect(before.items?.map((d) => d.code)).toEqual(['document-mismatch']);
    await client.open(ana, ANA, 'yaml');
    await client.change(ana, 2, [{ range: rangeOf(ANA, '2025-02-19'), text: '2025-02-18' }]);
    await client.waitFor(() => client.refreshRequests > 0, 10_000, 'a diagnostic refresh request');
    let after: Report | undefined;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && after?.kind !== 'full';) {
      after = await client.request<Report>('textDocument/diagnostic', { textDocument: { uri: ben }, previousResultId: before.resultId });
      if (after.kind !== 'full') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(after).toMatchObject({ kind: 'full', items: [] });
  });
});

describe('document facts in the persisted index', () => {
  it('a second start reads coder and document from the store and reports the same mismatch', async () => {
    const ws = tempWorkspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'annotations/riyadh.ana.stance.yaml': ANA, 'annotations/riyadh.ben.stance.yaml': BEN });
    const directory = mkdtempSync(path.join(tmpdir(), 'standpoint-store-test-'));
    try {
      let indexed = 0;
      const inner: BulkIndexer = async function* (uris, folders) {
        const elsewhere = createLanguageService({ workspace: new DiskWorkspace(folders) });
        const batch: IndexedFile[] = [];
        for (const uri of uris) batch.push(await indexFile(elsewhere, uri));
        indexed += batch.length;
        yield batch;
      };
      const run = async () => {
        const service = createLanguageService({
          workspace: new DiskWorkspace([URI.file(ws.root).toString()]),
          indexer: persistentIndexer({ directory, build: 'test', now: () => Date.now() + 1000 }, inner),
          indexerThreshold: 1,
        });
        const computed = await service.initialize();
        return [...computed].sort(([a], [b]) => a.localeCompare(b)).map(([uri, diagnostics]) => [path.basename(URI.parse(uri).fsPath), diagnostics.map((d) => [d.code, d.range])]);
      };
      const first = await run();
      const second = await run();
      expect(indexed).toBe(2); // the second start indexed nothing
      expect(second).toEqual(first);
      expect(second).toEqual([
        ['riyadh.ana.stance.yaml', [['document-mismatch', rangeOf(ANA, '2025-02-19')]]],
        ['riyadh.ben.stance.yaml', [['document-mismatch', rangeOf(BEN, '2025-02-18')]]],
      ]);
    } finally {
      ws.dispose();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('document-mismatch quick fixes', () => {
  const fixesFor = async (files: Record<string, string>, path: string) => {
    const { ws, service, get } = await allDiagnostics(files);
    const uri = ws.uri(path);
    const diagnostics = await get(path);
    const actions = (await Promise.all(diagnostics.map((d) => service.codeActions(uri, d.range, [d])))).flat();
    return { ws, service, uri, diagnostics, actions };
  };

  it('offers the other file’s value in place of this one’s; applied, the warning is gone from both files', async () => {
    const { ws, service, uri, actions } = await fixesFor({ 'annotations/riyadh.ana.stance.yaml': ANA, 'annotations/riyadh.ben.stance.yaml': BEN }, 'annotations/riyadh.ana.stance.yaml');
    expect(actions.map((a) => a.title)).toEqual(['Use “2025-02-18” as the other file of this article does']);
    expect(actions[0].kind).toBe('quickfix');
    expect(actions[0].isPreferred).toBeUndefined(); // which file is right is the analyst's call, so never applied by "fix all"
    expect(actions[0].edit?.changes?.[uri]).toEqual([{ range: rangeOf(ANA, '2025-02-19'), newText: '2025-02-18' }]);
    ws.write('annotations/riyadh.ana.stance.yaml', ANA.replace('2025-02-19', '2025-02-18'));
    const results = await service.check(service.changed([uri]));
    expect(results.get(uri)).toEqual([]);
    expect(results.get(ws.uri('annotations/riyadh.ben.stance.yaml'))).toEqual([]);
  });

  it('writes a value YAML would misread quoted, in the style the file uses, and each distinct other value once', async () => {
    const title = (text: string) => `document:\n  title: ${text}\n`;
    const { uri, actions } = await fixesFor(
      {
        'annotations/a.stance.yaml': file('a', title('Talks in Riyadh')),
        'annotations/b.stance.yaml': file('b', title("'Riyadh: a thaw, # tested'")),
        'annotations/c.stance.yaml': file('c', title('"Riyadh:  a thaw, # tested"')), // the same title as b's, spaced differently
        'annotations/d.stance.yaml': file('d', title('2025')),
      },
      'annotations/a.stance.yaml',
    );
    const edits = actions.map((a) => a.edit?.changes?.[uri]?.[0]?.newText);
    // Worked out by hand: b's title needs quotes (": " and " #"); c's is b's after white space is normalised; d's would read as a number plain.
    expect(edits).toEqual(['"Riyadh: a thaw, # tested"', '"2025"']);
    expect(actions.map((a) => a.title)).toEqual(['Use “Riyadh: a thaw, # tested” as the other file of this article does', 'Use “2025” as the other file of this article does']);
  });

  it('offers nothing once the value reported is no longer written there', async () => {
    const { ws, service, uri, diagnostics } = await fixesFor({ 'annotations/riyadh.ana.stance.yaml': ANA, 'annotations/riyadh.ben.stance.yaml': BEN }, 'annotations/riyadh.ana.stance.yaml');
    ws.write('annotations/riyadh.ana.stance.yaml', ANA.replace('  date: 2025-02-19\n', '  date: 2025-02-18\n  # agreed with Ben\n'));
    await service.check(service.changed([uri]));
    expect(await service.codeActions(uri, diagnostics[0].range, diagnostics)).toEqual([]);
  });
});
