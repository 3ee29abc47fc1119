import { afterEach, describe, expect, it } from 'vitest';
import { ResponseError } from 'vscode-languageserver-protocol';
import type { NetworkResult, StatementsResult, CodebookSummaryResult } from '../../protocol/analysis';
import { LspTestClient, fileUri } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { BRIEFING, BRIEFING_ANNOTATIONS, CODEBOOK, GENEVA, GENEVA_ANNOTATIONS } from './support/analysisCorpus';

const clients: LspTestClient[] = [];
const disposers: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
  for (const dispose of disposers.splice(0)) dispose();
});

async function setup() {
  const ws = tempWorkspace({
    'codebook.yaml': CODEBOOK,
    'articles/briefing.txt': BRIEFING,
    'annotations/briefing.stance.yaml': BRIEFING_ANNOTATIONS,
    'articles/geneva.txt': GENEVA,
    'annotations/geneva.stance.yaml': GENEVA_ANNOTATIONS,
  });
  disposers.push(ws.dispose);
  const client = await LspTestClient.start({ root: ws.root, pull: true });
  clients.push(client);
  return { ws, client, genevaUri: fileUri(ws.path('annotations/geneva.stance.yaml')) };
}

describe('the analysis requests over LSP', () => {
  it('answers standpoint/network and standpoint/statements, and the GraphML the CLI writes', async () => {
    const { client } = await setup();
    const network = await client.request<NetworkResult>('standpoint/network', { type: 'conflict' });
    // ceasefire: us +1 against russia −1 and ukraine −1 (counted by hand from the corpus).
    expect(network.network.edges.map((e) => `${e.source}–${e.target} ${e.weight}`)).toEqual(['russia–us 1', 'ukraine–us 1']);
    expect(network.leftOut.total).toBe(2);
    const statements = await client.request<StatementsResult>('standpoint/statements', { tie: { type: 'conflict', source: 'russia', target: 'us' }, limit: 10 });
    expect(statements.statements.map((s) => `${s.actor} ${s.stance} ${s.toward}`)).toEqual(['us supports ceasefire', 'russia opposes ceasefire']);
    const { text } = await client.request<{ text: string }>('standpoint/exportNetwork', { params: { type: 'conflict' }, format: 'graphml' });
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(text.match(/<edge /g)).toHaveLength(2);
    const codebooks = await client.request<CodebookSummaryResult>('standpoint/codebookSummary', {});
    expect(codebooks.codebooks[0].topics.map((t) => [t.id, t.uses])).toEqual([
      ['ceasefire', 4],
      ['talks', 1],
    ]);
  });

  it('refuses options the CLI refuses as invalid parameters, with the CLI’s message', async () => {
    const { client } = await setup();
    const error = await client.request('standpoint/network', { type: 'co-mention', aggregate: 'combine' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError<unknown>).code).toBe(-32602);
    expect((error as ResponseError<unknown>).message).toMatch(/^--aggregate combine is for the two-mode affiliation network/);
  });

  it('says the results may have changed after an edit is checked, and answers with the edit', async () => {
    const { client, genevaUri } = await setup();
    await client.waitFor(() => client.statusCount > 0, 15_000, 'the first check');
    const before = client.analysisVersions.length;
    await client.open(genevaUri, GENEVA_ANNOTATIONS, 'standpoint-annotations');
    await client.changeFull(genevaUri, 2, GENEVA_ANNOTATIONS.replace('{ actor: ukraine, toward: talks, stance: supports }', '{ actor: ukraine, toward: talks, stance: opposes }'));
    await client.waitFor(() => client.analysisVersions.length > before, 15_000, 'standpoint/analysisChanged');
    const versions = client.analysisVersions;
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    const network = await client.request<NetworkResult>('standpoint/network', { type: 'conflict' });
    expect(network.network.edges.map((e) => `${e.source}–${e.target}`)).toEqual(['russia–ukraine', 'russia–us', 'ukraine–us']);
  });
});
