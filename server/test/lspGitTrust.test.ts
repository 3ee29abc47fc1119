import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gitSetUp as git } from './support/gitSetUp';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { fileUri, LspTestClient, testEnvironment } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { positionAt } from './helpers';
import { WIND_ANA, WIND_ARTICLE, WIND_ARTICLE_EDITED, WIND_BEN, WIND_CODEBOOK } from './support/windFarm';
import { findGit, gitAvailable } from '../src/node/git';

/*
 * Git runs only in trusted workspaces (issue 15, item 4), over stdio as VS
 * Code drives the server: with `trusted: false` git is never started (a
 * wrapper first on PATH logs every start), and sentence-moved has no git
 * record; the client's standpoint/workspaceTrusted notification turns git
 * on, and the moved annotations are reported from it. A real repository
 * made here: the corpus committed, then the article edited in a second
 * commit (as after a pull).
 */

const HAVE_GIT = gitAvailable();
const ANA = 'annotations/wind.ana.stance.yaml';
const BEN = 'annotations/wind.ben.stance.yaml';
const ARTICLE = 'articles/wind.txt';

const disposers: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0).reverse()) await dispose();
});

/** The 0-based line of `sentence: N` of the item with `id: <id>`. */
function numberLine(text: string, id: string): number {
  return positionAt(text, text.indexOf('sentence: ', text.indexOf(`id: ${id}`))).line;
}

describe.skipIf(!HAVE_GIT)('git and workspace trust (LSP over stdio, a real repository)', () => {
  it('untrusted: git is never started and nothing is reported moved; once trust is granted, git is asked and the moved annotations are reported', async () => {
    const ws = tempWorkspace({ 'codebook.yaml': WIND_CODEBOOK, [ARTICLE]: WIND_ARTICLE, [ANA]: WIND_ANA, [BEN]: WIND_BEN }, 'standpoint-trust-');
    disposers.push(ws.dispose);
    git(ws.root, 'init', '-q');
    git(ws.root, 'add', '.');
    git(ws.root, 'commit', '-q', '-m', 'Corpus as coded');
    ws.write(ARTICLE, WIND_ARTICLE_EDITED);
    git(ws.root, 'commit', '-q', '-am', 'A correction, a note and a cut');

    // A git first on PATH (outside the workspace) that logs each start, then runs the real one.
    const bin = mkdtempSync(path.join(tmpdir(), 'standpoint-trust-bin-'));
    const cache = mkdtempSync(path.join(tmpdir(), 'standpoint-trust-cache-'));
    disposers.push(
      () => rmSync(bin, { recursive: true, force: true }),
      () => rmSync(cache, { recursive: true, force: true }),
    );
    const log = path.join(bin, 'starts.log');
    const wrapper = path.join(bin, 'git');
    writeFileSync(wrapper, `#!/bin/sh\necho "$1" >> '${log}'\nexec '${findGit([])!}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    const env = testEnvironment({ PATH: `${bin}${path.delimiter}${process.env.PATH}`, STANDPOINT_CACHE_DIR: cache });

    const client = await LspTestClient.start({ root: ws.root, env, initializationOptions: { trusted: false, cacheDirectory: cache }, settings: { diagnostics: { delayMs: 0 } } });
    disposers.push(() => client.stop());
    const ana = fileUri(path.join(ws.root, ANA));
    await client.waitFor(() => client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 30_000, 'indexing');
    const untrusted = await client.waitForDiagnostics(ana);
    // The quoted annotations that shifted are mismatched, as without any history; nothing says "moved".
    expect(untrusted.diagnostics.filter((d: Diagnostic) => d.code === 'sentence-moved')).toEqual([]);
    expect(untrusted.diagnostics.some((d: Diagnostic) => d.code === 'quote-sentence-mismatch')).toBe(true);
    expect(existsSync(log)).toBe(false);

    await client.connection.sendNotification('standpoint/workspaceTrusted', {});
    const trusted = await client.waitForDiagnostics(ana, (p) => p.diagnostics.some((d) => d.code === 'sentence-moved'), 20_000);
    expect(
      trusted.diagnostics
        .filter((d: Diagnostic) => d.code === 'sentence-moved')
        .map((d: Diagnostic) => d.range.start.line)
        .sort((a, b) => a - b),
    ).toEqual(['no-bids', 'costs', 'equinor-silent', 'opposition', 'fishermen'].map((id) => numberLine(WIND_ANA, id)));
    expect(readFileSync(log, 'utf8').length).toBeGreaterThan(0);
  });
});
