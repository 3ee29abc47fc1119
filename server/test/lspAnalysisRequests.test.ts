/**
 * The analysis requests over stdio, as an editor's views use them
 * (docs/analysis.md, "In the editor"): the network and the statements behind
 * a tie with where they are (UTF-16 ranges for the editor, code points in the
 * statement), the CLI's usage errors as InvalidParams, the notification after
 * an edit, and the export text byte for byte what the CLI writes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ResponseError } from 'vscode-languageserver-protocol';
import type { NetworkResult, StatementsResult } from '../../protocol/analysis';
import { CLI, LspTestClient, fileUri, testEnvironment } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';

const CODEBOOK = `actors:
  us: { name: United States, type: state }
  russia: { name: Russia, type: state }
  ukraine: { name: "Ukraine <Kyiv & co>", type: state }
topics:
  ceasefire: { label: Ceasefire }
`;
// Code points: line 0 is 26 (🕊️ is U+1F54A and a variation selector: two code points, three UTF-16 units), so line 1
// starts at 27. Sentence 2 is line 1 from 0 to 29; sentence 3 from UTF-16 30 to 51; 🙄 is two units but one code point.
const ARTICLE = 'Talks resume 🕊️ in Geneva.\nWashington backs a ceasefire. Moscow 🙄 rejects it.\nKyiv agrees with Washington.\n';
const ANNOTATIONS = [
  'article: ../articles/geneva.txt', // line 0
  'annotations:', // 1
  '  - sentence: 2', // 2
  '    quote: backs a ceasefire', // 3
  '    stances:', // 4
  '      - { actor: us, toward: ceasefire, stance: supports }', // 5: the entry's range runs from its first key (10) to the brace
  '  - sentence: 3', // 6
  '    quote: rejects it', // 7
  '    stances:', // 8
  '      - { actor: russia, toward: ceasefire, stance: opposes }', // 9
  '  - sentence: 4', // 10
  '    stances:', // 11
  '      - { actor: ukraine, toward: ceasefire, stance: supports }', // 12
  '      - { actor: ukraine, toward: peace, stance: supports }', // 13: unknown target
  '',
].join('\n');

const clients: LspTestClient[] = [];
const disposers: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
  for (const dispose of disposers.splice(0)) dispose();
});

async function setup() {
  const ws = tempWorkspace({ 'codebook.yaml': CODEBOOK, 'articles/geneva.txt': ARTICLE, 'annotations/geneva.stance.yaml': ANNOTATIONS });
  disposers.push(ws.dispose);
  const client = await LspTestClient.start({ root: ws.root, pull: true });
  clients.push(client);
  return { ws, client, annotationsUri: fileUri(ws.path('annotations/geneva.stance.yaml')), articleUri: fileUri(ws.path('articles/geneva.txt')) };
}

describe('standpoint/network and standpoint/statements over LSP', () => {
  it('answer the network, and the statements of a tie with their stance entry and sentence', async () => {
    const { client, annotationsUri, articleUri } = await setup();
    const network = await client.request<NetworkResult>('standpoint/network', { type: 'conflict' });
    // ceasefire: us +1 and ukraine +1 against russia −1.
    expect(network.network.edges.map((e) => `${e.source}–${e.target} ${e.weight}`)).toEqual(['russia–ukraine 1', 'russia–us 1']);
    expect(network.leftOut).toEqual({ total: 1, reasons: { unknownTarget: 1 } });
    expect(network.facets).toEqual({ coders: [''], actorTypes: ['state'] });

    const statements = await client.request<StatementsResult>('standpoint/statements', { tie: { type: 'conflict', source: 'russia', target: 'us' } });
    expect(statements.total).toBe(2);
    const [us, russia] = statements.statements;
    expect(us).toMatchObject({
      actor: 'us',
      quote: 'backs a ceasefire',
      start: 38,
      end: 55,
      location: { uri: annotationsUri, range: { start: { line: 5, character: 10 }, end: { line: 5, character: 58 } } },
    });
    expect(us.sentenceLocation).toEqual({ uri: articleUri, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 29 } } });
    // "backs" is at 27 + 11; "rejects it" at 27 + 30 + 9 ("Moscow 🙄 " is 9 code points).
    expect(russia).toMatchObject({ actor: 'russia', sentence: 3, sentenceText: 'Moscow 🙄 rejects it.', quote: 'rejects it', start: 66, end: 76 });
    expect(russia.sentenceLocation!.range).toEqual({ start: { line: 1, character: 30 }, end: { line: 1, character: 51 } });
    expect(russia.location.range.start).toEqual({ line: 9, character: 10 });

    const limited = await client.request<StatementsResult>('standpoint/statements', { node: { type: 'affiliation', key: 'ceasefire' }, limit: 1 });
    expect([limited.total, limited.statements.length]).toEqual([3, 1]);
  });

  it('refuse what the CLI refuses, as InvalidParams with its message', async () => {
    const { client } = await setup();
    const refused = async (method: string, params: unknown) => {
      const error = await client.request(method, params).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect((error as ResponseError<unknown>).code).toBe(-32602);
      return (error as ResponseError<unknown>).message;
    };
    expect(await refused('standpoint/network', { type: 'affiliation', normalize: 'jaccard' })).toMatch(
      /^--normalize jaccard is for one-mode networks; the two-mode affiliation network allows --normalize none, activity or prominence/,
    );
    expect(await refused('standpoint/network', { type: 'congruence', aggregate: 'combine' })).toMatch(/^--aggregate combine is for the two-mode affiliation network/);
    expect(await refused('standpoint/network', { type: 'blockmodel' })).toMatch(/^--type "blockmodel" is not a network type/);
    expect(await refused('standpoint/network', { type: 'conflict', from: 'last spring' })).toMatch(/^--from "last spring" is not a date/);
    expect(await refused('standpoint/network', { type: 'conflict', coders: 'ana' })).toBe('coders must be a list of strings');
    expect(await refused('standpoint/statements', { tie: { type: 'nope', source: 'a', target: 'b' } })).toMatch(/^tie\.type must be one of/);
    expect(await refused('standpoint/exportNetwork', { params: { type: 'conflict' }, format: 'dot' })).toMatch(/^--format "dot" is not a format of `export network`/);
  });

  it('say after an edit is checked that results may have changed, and answer from the unsaved text', async () => {
    const { client, annotationsUri } = await setup();
    await client.waitFor(() => client.analysisVersions.length > 0, 15_000, 'the first standpoint/analysisChanged (after indexing)');
    const before = client.analysisVersions.length;
    await client.open(annotationsUri, ANNOTATIONS, 'standpoint-annotations');
    await client.changeFull(annotationsUri, 2, ANNOTATIONS.replace('actor: ukraine, toward: ceasefire, stance: supports', 'actor: ukraine, toward: ceasefire, stance: opposes'));
    await client.waitFor(() => client.analysisVersions.length > before, 15_000, 'standpoint/analysisChanged after the edit');
    const versions = client.analysisVersions;
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    const network = await client.request<NetworkResult>('standpoint/network', { type: 'conflict' });
    expect(network.network.edges.map((e) => `${e.source}–${e.target}`)).toEqual(['russia–us', 'ukraine–us']);
  });

  it('export the network as the CLI writes it, byte for byte (names with < and & escaped)', async () => {
    const { ws, client } = await setup();
    for (const format of ['graphml', 'gexf', 'csv', 'matrix', 'json']) {
      const { text } = await client.request<{ text: string }>('standpoint/exportNetwork', { params: { type: 'affiliation', aggregate: 'subtract' }, format });
      const cli = spawnSync(process.execPath, [CLI, 'export', 'network', '--type', 'affiliation', '--aggregate', 'subtract', '--format', format], {
        cwd: ws.root,
        encoding: 'utf8',
        env: testEnvironment(),
      });
      expect(cli.status).toBe(0);
      expect(text, format).toBe(cli.stdout);
    }
    const { text } = await client.request<{ text: string }>('standpoint/exportNetwork', { params: { type: 'affiliation' }, format: 'graphml' });
    expect(text).toContain('<data key="label">Ukraine &lt;Kyiv &amp; co&gt;</data>');
  });
});
