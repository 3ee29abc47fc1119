import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { fileUri, LspTestClient } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { positionAt } from './helpers';
import { WIND_ANA, WIND_ARTICLE, WIND_BEN, WIND_CODEBOOK } from './support/windFarm';

/*
 * Annotations follow an article edited in the editor (issue 15, item 2), over
 * stdio as an editor drives the server: `always` applies one versioned
 * workspace edit, `prompt` sends one notification per edit however long the
 * typing, other clients get a code action, and typing inside a sentence
 * does nothing. Expected ranges are worked out from the files' texts here.
 */

const ANA = 'annotations/wind.ana.stance.yaml';
const BEN = 'annotations/wind.ben.stance.yaml';
const ARTICLE = 'articles/wind.txt';
const BEN_TEXT = WIND_BEN.replace(/^\ufeff/, ''); // as an editor holds it (VS Code drops the BOM)

const disposers: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0).reverse()) await dispose();
});

/** The range of the number in `sentence: N` (or `sentence: N,`) of the item with `id: <id>`. */
function numberRange(text: string, id: string) {
  const at = text.indexOf('sentence: ', text.indexOf(`id: ${id}`)) + 'sentence: '.length;
  const end = at + /^\d+/.exec(text.slice(at))![0].length;
  return { start: positionAt(text, at), end: positionAt(text, end) };
}

interface Session {
  readonly client: LspTestClient;
  readonly root: string;
  readonly uri: (relative: string) => string;
  readonly edits: { label?: string; edit: WorkspaceEdit }[];
  readonly prompts: unknown[];
}

async function start(settings: unknown, initializationOptions: Record<string, unknown> = {}): Promise<Session> {
  const ws = tempWorkspace({ 'codebook.yaml': WIND_CODEBOOK, [ARTICLE]: WIND_ARTICLE, [ANA]: WIND_ANA, [BEN]: WIND_BEN });
  const cache = mkdtempSync(path.join(tmpdir(), 'standpoint-follow-cache-'));
  disposers.push(ws.dispose, () => rmSync(cache, { recursive: true, force: true }));
  const client = await LspTestClient.start({ root: ws.root, settings, initializationOptions: { cacheDirectory: cache, ...initializationOptions } });
  disposers.push(() => client.stop());
  const edits: Session['edits'] = [];
  const prompts: unknown[] = [];
  client.connection.onRequest('workspace/applyEdit', (params: { label?: string; edit: WorkspaceEdit }) => {
    edits.push(params);
    return { applied: true };
  });
  client.connection.onNotification('standpoint/sentenceNumbersMoved', (params: unknown) => {
    prompts.push(params);
  });
  const uri = (relative: string) => fileUri(path.join(ws.root, relative));
  // Indexed and checked: the record of this clean corpus is taken.
  await client.waitFor(() => client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 30_000, 'indexing');
  await client.waitForDiagnostics(uri(BEN));
  return { client, root: ws.root, uri, edits, prompts };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls (the requests and notifications recorded here do not wake the client's waitFor). */
async function until(holds: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
const TOP = { line: 0, character: 0 };
const NEW_FIRST_LINE = 'Correction: the lease area was misnamed.';

/** Every number of both files one higher (a sentence inserted at the top). */
function everyNumberPlusOne(benVersion: number | null): WorkspaceEdit {
  const ana = ['headline', 'no-bids', 'costs', 'equinor-silent', 'opposition', 'fishermen'];
  const anaNumbers = ['2', '4', '5', '6', '8', '10'];
  const ben = ['review', 'cap', 'next-round'];
  const benNumbers = ['7', '9', '11'];
  return {
    documentChanges: [
      { textDocument: { uri: '', version: null }, edits: ana.map((id, k) => ({ range: numberRange(WIND_ANA, id), newText: anaNumbers[k] })) },
      { textDocument: { uri: '', version: benVersion }, edits: ben.map((id, k) => ({ range: numberRange(BEN_TEXT, id), newText: benNumbers[k] })) },
    ],
  };
}

function withUris(edit: WorkspaceEdit, session: Session): WorkspaceEdit {
  const [ana, ben] = edit.documentChanges as TextDocumentEdit[];
  return {
    documentChanges: [
      { ...ana, textDocument: { ...ana.textDocument, uri: session.uri(ANA) } },
      { ...ben, textDocument: { ...ben.textDocument, uri: session.uri(BEN) } },
    ],
  };
}

describe('the editor follows an article edit (LSP over stdio)', () => {
  it('always: a sentence inserted at the top updates every annotation file, open or not, in one versioned edit', async () => {
    const session = await start({ sentences: { followEdits: 'always' }, diagnostics: { delayMs: 0 } });
    const { client, uri } = session;
    await client.open(uri(BEN), BEN_TEXT, 'standpoint-annotations', 3);
    await client.open(uri(ARTICLE), WIND_ARTICLE, 'plaintext', 1);
    await client.change(uri(ARTICLE), 2, [{ range: { start: TOP, end: TOP }, text: `${NEW_FIRST_LINE}\n` }]);
    await until(() => session.edits.length > 0, 'workspace/applyEdit');
    expect(session.edits).toEqual([{ label: 'Update sentence numbers', edit: withUris(everyNumberPlusOne(3), session) }]);
    expect(session.prompts).toEqual([]);
    // Applied: nothing more is sent, however long one waits.
    await sleep(1500);
    expect(session.edits).toHaveLength(1);
  });

  it('prompt: typing a new sentence letter by letter sends one notification once typing pauses; the command applies the update', async () => {
    const session = await start({ diagnostics: { delayMs: 0 } }, { followEditsPrompt: true });
    const { client, uri } = session;
    await client.open(uri(ARTICLE), WIND_ARTICLE, 'plaintext', 1);
    let version = 1;
    // A blank line first (no sentence yet), then the sentence typed into it.
    await client.change(uri(ARTICLE), ++version, [{ range: { start: TOP, end: TOP }, text: '\n' }]);
    for (let k = 0; k < NEW_FIRST_LINE.length; k++) {
      const at = { line: 0, character: k };
      await client.change(uri(ARTICLE), ++version, [{ range: { start: at, end: at }, text: NEW_FIRST_LINE[k] }]);
      await sleep(15);
    }
    await until(() => session.prompts.length > 0, 'the prompt');
    await sleep(1500);
    expect(session.prompts).toEqual([{ uri: uri(ARTICLE), files: 2, annotations: 9, left: 0 }]);
    expect(session.edits).toEqual([]);
    const applied = await client.request('workspace/executeCommand', { command: 'standpoint.updateSentenceNumbers', arguments: [uri(ARTICLE)] });
    expect(applied).toBe(true);
    expect(session.edits).toEqual([{ label: 'Update sentence numbers', edit: withUris(everyNumberPlusOne(null), session) }]);
  });

  it('prompt: a sentence typed letter by letter in front of the headline (a pause before its full stop), then Enter: the headline’s annotation goes with the headline', async () => {
    // Until the full stop, the letters only edit sentence 1; the full stop splits it. The update must map from the
    // text the files agree with (the article as opened), not from the half-typed one, where the headline's
    // annotation (no quote) could only guess at a part of the split.
    const session = await start({ diagnostics: { delayMs: 0 } }, { followEditsPrompt: true });
    const { client, uri } = session;
    await client.open(uri(ARTICLE), WIND_ARTICLE, 'plaintext', 1);
    let version = 1;
    const typed = NEW_FIRST_LINE.slice(0, -1);
    for (let k = 0; k < typed.length; k++) {
      const at = { line: 0, character: k };
      await client.change(uri(ARTICLE), ++version, [{ range: { start: at, end: at }, text: typed[k] }]);
      await sleep(10);
    }
    await sleep(1000); // longer than the pause after which an update is offered: nothing is pending, nothing happens
    expect(session.prompts).toEqual([]);
    const stop = { line: 0, character: typed.length };
    await client.change(uri(ARTICLE), ++version, [{ range: { start: stop, end: stop }, text: '.' }]);
    const enter = { line: 0, character: NEW_FIRST_LINE.length };
    await client.change(uri(ARTICLE), version + 1, [{ range: { start: enter, end: enter }, text: '\n' }]);
    await until(() => session.prompts.length > 0, 'the prompt');
    await sleep(1500);
    expect(session.prompts).toEqual([{ uri: uri(ARTICLE), files: 2, annotations: 9, left: 0 }]);
    expect(await client.request('workspace/executeCommand', { command: 'standpoint.updateSentenceNumbers', arguments: [uri(ARTICLE)] })).toBe(true);
    expect(session.edits).toEqual([{ label: 'Update sentence numbers', edit: withUris(everyNumberPlusOne(null), session) }]);
  });

  it('typing inside a sentence neither prompts nor edits', async () => {
    const session = await start({ sentences: { followEdits: 'always' }, diagnostics: { delayMs: 0 } }, { followEditsPrompt: true });
    const { client, uri } = session;
    await client.open(uri(ARTICLE), WIND_ARTICLE, 'plaintext', 1);
    const inside = { line: 4, character: 'Equinor,'.length };
    let version = 1;
    for (const letter of ' the state firm,') {
      await client.change(uri(ARTICLE), ++version, [{ range: { start: inside, end: inside }, text: letter }]);
      inside.character++;
      await sleep(10);
    }
    await sleep(1800);
    expect(session.edits).toEqual([]);
    expect(session.prompts).toEqual([]);
  });

  it('other clients (no prompt): a code action on the article runs the update; off: no edit, but the code action and sentence-moved', async () => {
    const session = await start({ sentences: { followEdits: 'off' }, diagnostics: { delayMs: 0 } });
    const { client, uri } = session;
    await client.open(uri(ARTICLE), WIND_ARTICLE, 'plaintext', 1);
    await client.change(uri(ARTICLE), 2, [{ range: { start: TOP, end: TOP }, text: `${NEW_FIRST_LINE}\n` }]);
    await sleep(1500);
    expect(session.edits).toEqual([]);
    expect(session.prompts).toEqual([]);
    // The annotation files are told (from the record of the clean check at start): every number moved.
    const moved = await client.waitForDiagnostics(uri(ANA), (p) => p.diagnostics.some((d) => d.code === 'sentence-moved'));
    expect(moved.diagnostics.filter((d: Diagnostic) => d.code === 'sentence-moved').map((d: Diagnostic) => d.range)).toEqual(
      ['headline', 'no-bids', 'costs', 'equinor-silent', 'opposition', 'fishermen'].map((id) => numberRange(WIND_ANA, id)),
    );
    const actions = await client.request<{ title: string; kind: string; command?: { command: string; arguments: unknown[] } }[]>('textDocument/codeAction', {
      textDocument: { uri: uri(ARTICLE) },
      range: { start: TOP, end: TOP },
      context: { diagnostics: [] },
    });
    const update = actions.find((action) => action.title === 'Update sentence numbers in 2 annotation files')!;
    expect(update.kind).toBe('quickfix');
    expect(update.command).toEqual({ title: 'Update sentence numbers in 2 annotation files', command: 'standpoint.updateSentenceNumbers', arguments: [uri(ARTICLE)] });
    expect(await client.request('workspace/executeCommand', update.command)).toBe(true);
    expect(session.edits).toEqual([{ label: 'Update sentence numbers', edit: withUris(everyNumberPlusOne(null), session) }]);
    // Applied: no more code action.
    const after = await client.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri: uri(ARTICLE) }, range: { start: TOP, end: TOP }, context: { diagnostics: [] } });
    expect(after.map((action) => action.title).filter((title) => title.startsWith('Update'))).toEqual([]);
  });
});
