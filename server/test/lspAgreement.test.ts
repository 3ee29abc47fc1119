/**
 * `standpoint/agreement` and the disagreement code lenses over stdio, as an
 * editor uses them (docs/agreement.md, "In VS Code"): the report is the CLI's
 * JSON, with the URIs of its paths; the CLI's usage errors are InvalidParams;
 * after an unsaved edit of one coder's file the server says results changed,
 * asks for code lenses to be refreshed, and answers from the unsaved text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ResponseError } from 'vscode-languageserver-protocol';
import type { CodeLens } from 'vscode-languageserver-types';
import type { AgreementResult } from '../../protocol/agreement';
import { CLI, LspTestClient, fileUri, testEnvironment } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { AGREEMENT_FILES, GULF_ANA, GULF_BEN, lineOf } from './support/agreementCorpus';

const clients: LspTestClient[] = [];
const disposers: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
  for (const dispose of disposers.splice(0)) dispose();
});

async function setup() {
  const ws = tempWorkspace(AGREEMENT_FILES);
  disposers.push(ws.dispose);
  const client = await LspTestClient.start({ root: ws.root, pull: true, codeLensRefresh: true });
  clients.push(client);
  return { ws, client, uri: (path: string) => fileUri(ws.path(path)) };
}

describe('standpoint/agreement over LSP', () => {
  it('answers the report `standpoint agree --format json` prints, with the URI of every path it names', async () => {
    const { ws, client, uri } = await setup();
    const result = await client.request<AgreementResult>('standpoint/agreement', {});
    const cli = spawnSync(process.execPath, [CLI, 'agree', '--format', 'json'], { cwd: ws.root, encoding: 'utf8', env: testEnvironment() });
    expect(cli.status).toBe(0);
    expect(result.report).toEqual(JSON.parse(cli.stdout));
    expect(result.disagreementsTotal).toBe(11);
    expect(result.codersFound).toEqual(['ana', 'ben', 'cleo']);
    expect(result.uris['annotations/gulf-ports.ben.stance.yaml']).toBe(uri('annotations/gulf-ports.ben.stance.yaml'));
    expect(result.uris['articles/strait-talks.txt']).toBe(uri('articles/strait-talks.txt'));
    const scoped = await client.request<AgreementResult>('standpoint/agreement', { articles: [uri('articles/gulf-ports.txt')], limit: 1 });
    expect(scoped.report.articles.map((a) => a.article)).toEqual(['articles/gulf-ports.txt']);
    expect([scoped.report.disagreements.length, scoped.disagreementsTotal]).toEqual([1, 6]);
    expect(scoped.report.corpus.sentences.alpha).toBeCloseTo(-1 / 6, 10);
  });

  it('refuses what the CLI refuses, as InvalidParams with its message', async () => {
    const { client } = await setup();
    const error = await client.request('standpoint/agreement', { coders: ['ana', 'zed'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError<unknown>).code).toBe(-32602);
    expect((error as ResponseError<unknown>).message).toBe("--coders: no annotation file has coder 'zed' (coders found: ana, ben, cleo)");
  });

  it('gives annotation files code lenses, and after another coder’s unsaved edit says so and answers from it', async () => {
    const { client, uri } = await setup();
    const anaUri = uri('annotations/gulf-ports.ana.stance.yaml');
    const benUri = uri('annotations/gulf-ports.ben.stance.yaml');
    const lenses = async () => ((await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: anaUri } })) ?? []).map((l) => `${l.range.start.line + 1} ${l.command!.title}`);
    expect(await lenses()).toContain(`${lineOf(GULF_ANA, 'stance: opposes')} ben: mixed`);
    await client.waitFor(() => client.analysisVersions.length > 0, 15_000, 'the first standpoint/analysisChanged (after indexing)');
    const [versions, refreshes] = [client.analysisVersions.length, client.codeLensRefreshes];
    await client.open(benUri, GULF_BEN, 'standpoint-annotations');
    await client.changeFull(benUri, 2, GULF_BEN.replace('stance: mixed', 'stance: supports'));
    await client.waitFor(() => client.analysisVersions.length > versions && client.codeLensRefreshes > refreshes, 15_000, 'analysisChanged and a code lens refresh after the edit');
    expect(await lenses()).toContain(`${lineOf(GULF_ANA, 'stance: opposes')} ben: supports`);
    const result = await client.request<AgreementResult>('standpoint/agreement', { articles: [uri('articles/gulf-ports.txt')] });
    expect(result.report.disagreements.find((d) => d.level === 'stances')!.values).toEqual({ ana: 'opposes', ben: 'supports' });
  });
});
