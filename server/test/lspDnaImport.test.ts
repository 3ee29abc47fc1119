import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-languageserver-protocol';
import type { ImportDnaResult } from '../../protocol/protocol';
import { CLI, LspTestClient, fileUri, testEnvironment } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { DnaFixture, dnaSpan, sqlJs } from './support/dnaFixture';
import { richDatabase } from './support/dnaSamples';

const clients: LspTestClient[] = [];
const disposers: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
  for (const dispose of disposers.splice(0)) dispose();
});

/** An empty workspace (the import writes outside it) with the rich sample database beside it. */
async function setup() {
  const ws = tempWorkspace({ 'workspace/README.md': 'Nothing here yet.\n', 'levy.dna': (await richDatabase()).bytes() });
  disposers.push(ws.dispose);
  const client = await LspTestClient.start({ root: ws.path('workspace') });
  clients.push(client);
  return { ws, client, database: fileUri(ws.path('levy.dna')) };
}

function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(root, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}

type Progress = { token: string; value: { kind: string; message?: string; percentage?: number; title?: string } };
const progressOf = (client: LspTestClient, token: string) => (client.progress as Progress[]).filter((p) => p.token === token).map((p) => p.value);

describe('standpoint/importDna', () => {
  it('imports as standpoint import dna does, reporting each document through the client’s token', async () => {
    const { ws, client, database } = await setup();
    const output = ws.path('corpus');
    const result = await client.request<ImportDnaResult>('standpoint/importDna', { database, output: fileUri(output), workDoneToken: 'import-1' });
    if (result.kind !== 'imported') throw new Error(`not imported: ${JSON.stringify(result)}`);
    // The counts of the rich sample (server/test/dnaCli.test.ts prints them): 3 documents, 4 files (two coders of one
    // document), 8 of 10 statements, 7 persons, 6 organisations, 2 concepts, 2 coders; 2 lines not carried over.
    expect(result).toMatchObject({
      output: fileUri(output),
      version: '3.0.11.5',
      documents: 3,
      annotationFiles: 4,
      statements: { imported: 8, total: 10 },
      entities: { persons: 7, organizations: 6, topics: 2 },
      coders: 2,
      notCarried: 2,
    });
    expect(result.report.split('\n')[0]).toBe(`Imported a DNA 3.0.11.5 database into ${output}:`);
    expect(result.report).toContain('  statements     8 of type "DNA Statement" imported, of 10 in the database\n');

    // The CLI writes the same files, and prints the same summary.
    const cli = spawnSync(process.execPath, [CLI, 'import', 'dna', ws.path('levy.dna'), '--output', ws.path('by-cli')], { encoding: 'utf8', env: testEnvironment() });
    expect(cli.status).toBe(0);
    expect(readTree(output)).toEqual(readTree(ws.path('by-cli')));
    expect(result.report).toBe(cli.stdout.replace(ws.path('by-cli'), output).replace(`check ${ws.path('by-cli')}`, `check ${output}`));

    const progress = progressOf(client, 'import-1');
    expect(progress[0]).toEqual({ kind: 'begin', title: 'Importing levy.dna', percentage: 0, message: 'reading the database', cancellable: false });
    expect(progress.slice(1, -1)).toEqual([
      { kind: 'report', percentage: 33, message: '1 of 3 documents' },
      { kind: 'report', percentage: 66, message: '2 of 3 documents' },
      { kind: 'report', percentage: 100, message: '3 of 3 documents' },
    ]);
    expect(progress.at(-1)).toEqual({ kind: 'end' });
  });

  it('answers which files exist instead of overwriting them, and overwrites them with force', async () => {
    const { ws, client, database } = await setup();
    const output = ws.path('corpus');
    ws.write('corpus/codebook.yaml', 'actors: {}\n');
    ws.write('corpus/articles/kyivs-grain-corridor-talks-resume.txt', 'An older article.\n');
    ws.write('corpus/notes.md', 'Mine.\n');
    const refused = await client.request<ImportDnaResult>('standpoint/importDna', { database, output: fileUri(output) });
    expect(refused).toEqual({ kind: 'outputExists', output: fileUri(output), existing: ['codebook.yaml', 'articles/kyivs-grain-corridor-talks-resume.txt'], replaceable: true });
    expect(readTree(output)).toEqual({ 'codebook.yaml': 'actors: {}\n', 'articles/kyivs-grain-corridor-talks-resume.txt': 'An older article.\n', 'notes.md': 'Mine.\n' });

    const forced = await client.request<ImportDnaResult>('standpoint/importDna', { database, output: fileUri(output), force: true });
    expect(forced.kind).toBe('imported');
    const tree = readTree(output);
    expect(tree['codebook.yaml']).toContain('aino-lehtinen:');
    expect(tree['articles/kyivs-grain-corridor-talks-resume.txt']).toMatch(/^Kyiv’s Grain Corridor Talks Resume 🇺🇦\r\n/);
    expect(tree['notes.md']).toBe('Mine.\n');
  });

  it('says when force cannot help: a folder where the codebook would go', async () => {
    const { ws, client, database } = await setup();
    mkdirSync(ws.path('corpus/codebook.yaml'), { recursive: true });
    const refused = await client.request<ImportDnaResult>('standpoint/importDna', { database, output: fileUri(ws.path('corpus')), force: true });
    expect(refused).toEqual({ kind: 'outputExists', output: fileUri(ws.path('corpus')), existing: ['codebook.yaml'], replaceable: false });
    expect(existsSync(ws.path('corpus/articles'))).toBe(false);
  });

  it('offers the statement types and variables that fit when the defaults do not, and imports with the chosen ones', async () => {
    const fixture = await DnaFixture.create();
    fixture.db.run('DELETE FROM VARIABLES WHERE StatementTypeId = 1');
    fixture.db.run('DELETE FROM STATEMENTTYPES WHERE ID = 1');
    // A layout of its own: statements of type "Claim" with speaker, body, issue and an integer position.
    fixture.statementType(4, 'Claim', [
      [12, 'speaker', 'short text'],
      [13, 'body', 'short text'],
      [14, 'issue', 'short text'],
      [15, 'position', 'integer'],
      [16, 'remark', 'long text'],
    ]);
    const text = 'Councillor Ines Varga backed the tram extension on Tuesday. The chamber of commerce was unconvinced.\n';
    fixture.document(1, { title: 'Tram vote', text, date: '2025-05-06' });
    fixture.statement({
      document: 1,
      type: 4,
      ...dnaSpan(text, 'Councillor Ines Varga backed the tram extension on Tuesday.'),
      values: { speaker: 'Ines Varga', body: 'City Council', issue: 'Tram extension', position: 2 },
    });
    const { ws, client } = await setup();
    ws.write('claims.dna', fixture.bytes());
    const database = fileUri(ws.path('claims.dna'));
    const output = fileUri(ws.path('claims'));

    const type = await client.request<ImportDnaResult>('standpoint/importDna', { database, output });
    expect(type).toEqual({
      kind: 'chooseOption',
      option: 'statementType',
      message: 'The database has no statement type "DNA Statement"; its statement types: "NPF Story Element", "Annotation", "Claim". Choose one with --statement-type NAME.',
      choices: ['NPF Story Element', 'Annotation', 'Claim'],
      allowsNone: false,
    });
    const actor = await client.request<ImportDnaResult>('standpoint/importDna', { database, output, options: { statementType: 'Claim' } });
    expect(actor).toMatchObject({ kind: 'chooseOption', option: 'actor', choices: ['speaker', 'body', 'issue'], allowsNone: false });
    const affiliation = await client.request<ImportDnaResult>('standpoint/importDna', { database, output, options: { statementType: 'Claim', actor: 'speaker' } });
    expect(affiliation).toMatchObject({ kind: 'chooseOption', option: 'affiliation', choices: ['speaker', 'body', 'issue'], allowsNone: true });
    const qualifier = await client.request<ImportDnaResult>('standpoint/importDna', {
      database,
      output,
      options: { statementType: 'Claim', actor: 'speaker', affiliation: 'body', target: 'issue', qualifier: 'remark' },
    });
    expect(qualifier).toEqual({
      kind: 'chooseOption',
      option: 'qualifier',
      message: 'Variable "remark" of statement type "Claim" is long text, but the qualifier must be boolean or integer.',
      choices: ['position'],
      allowsNone: true,
    });
    expect(existsSync(ws.path('claims'))).toBe(false);

    const done = await client.request<ImportDnaResult>('standpoint/importDna', {
      database,
      output,
      options: { statementType: 'Claim', actor: 'speaker', affiliation: 'body', target: 'issue', qualifier: 'position' },
    });
    expect(done).toMatchObject({ kind: 'imported', documents: 1, statements: { imported: 1, total: 1 }, entities: { persons: 1, organizations: 1, topics: 1 } });
    expect(readFileSync(ws.path('claims/codebook.yaml'), 'utf8')).toContain('name: Ines Varga');
  });

  it('fails with the CLI’s message for a file that is not a DNA 3 database, and refuses what is not a file', async () => {
    const { ws, client } = await setup();
    ws.write('notes.dna', 'Not a database, just notes.\n');
    const SQL = await sqlJs();
    const old = new SQL.Database();
    old.run('CREATE TABLE SETTINGS(Property TEXT PRIMARY KEY, Value TEXT)');
    old.run("INSERT INTO SETTINGS VALUES ('version', '2.0 beta 25')");
    ws.write('old.dna', old.export());
    const failure = (params: unknown) =>
      client.request('standpoint/importDna', params).then(
        () => undefined,
        (error: unknown) => error as ResponseError<unknown>,
      );

    const text = await failure({ database: fileUri(ws.path('notes.dna')), output: fileUri(ws.path('out')) });
    expect(text).toBeInstanceOf(ResponseError);
    expect(text?.code).toBe(-32803);
    expect(text?.message).toBe('notes.dna is not a DNA database: DNA 3 databases are SQLite files, and this file is not one.');
    const dna2 = await failure({ database: fileUri(ws.path('old.dna')), output: fileUri(ws.path('out')) });
    expect(dna2?.message).toMatch(/^old\.dna is not a DNA 3 database \(version 2\.0 beta 25\); Standpoint reads databases of DNA 3\.x\./);
    const missing = await failure({ database: fileUri(ws.path('nowhere.dna')), output: fileUri(ws.path('out')) });
    expect(missing?.message).toBe(`No such file: ${ws.path('nowhere.dna')}`);
    const remote = await failure({ database: 'https://example.invalid/levy.dna', output: fileUri(ws.path('out')) });
    expect(remote?.code).toBe(-32602);
    expect(remote?.message).toBe('database must be a file on disk (a file: URI), not https:.');
    const noOutput = await failure({ database: fileUri(ws.path('old.dna')) });
    expect(noOutput?.message).toBe('output is missing.');
    expect(existsSync(ws.path('out'))).toBe(false);
  });

  it('stops between two documents when cancelled, and says how far it got', async () => {
    const fixture = await DnaFixture.create();
    const documents = 400;
    for (let i = 1; i <= documents; i++) fixture.document(i, { title: `Briefing ${i}`, text: `Briefing number ${i} covered the harbour levy.\n`, date: '2025-01-01' });
    const { ws, client } = await setup();
    ws.write('many.dna', fixture.bytes());
    const source = new CancellationTokenSource();
    const reported = client.waitFor(() => progressOf(client, 'many').some((v) => v.kind === 'report'), 30_000, 'the first document');
    const request = client.connection.sendRequest('standpoint/importDna', { database: fileUri(ws.path('many.dna')), output: fileUri(ws.path('many')), workDoneToken: 'many' }, source.token);
    await reported;
    source.cancel();
    const error = (await request.then(
      () => undefined,
      (e: unknown) => e,
    )) as ResponseError<unknown> | undefined;
    expect(error).toBeInstanceOf(ResponseError);
    expect(error?.code).toBe(-32800);
    const written = Number(/after (\d+) of 400 documents/.exec(error?.message ?? '')?.[1]);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(documents);
    expect(error?.message).toBe(`The import was cancelled after ${written} of 400 documents. The files written so far are in ${ws.path('many')}.`);
    expect(readdirSync(ws.path('many/articles'))).toHaveLength(written);
    expect(progressOf(client, 'many').at(-1)).toEqual({ kind: 'end' });
    // The server goes on answering.
    const after = await client.request<ImportDnaResult>('standpoint/importDna', { database: fileUri(ws.path('levy.dna')), output: fileUri(ws.path('after')) });
    expect(after.kind).toBe('imported');
  });
});
