import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DiskWorkspace } from '../src/node/diskWorkspace';
import { createLanguageService } from '../src/service/index';
import { tempWorkspace } from './support/tempWorkspace';
import { ARTICLE, CODEBOOK, codes, message } from './helpers';

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((dispose) => dispose()));

let synchronous = false;

function setup(files: Record<string, string | Uint8Array> = {}) {
  const ws = tempWorkspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, ...files });
  const outside = tempWorkspace({ 'secret.txt': 'A secret sentence outside the workspace.\n' }, 'standpoint-outside-');
  disposers.push(ws.dispose, outside.dispose);
  const workspace = new DiskWorkspace([URI.file(ws.root).toString()], undefined, { synchronous });
  const service = createLanguageService({ workspace });
  const uri = (relative: string) => URI.file(ws.path(relative)).toString();
  return { ws, outside, workspace, service, uri };
}

async function diagnosticsOf(setupResult: ReturnType<typeof setup>, relative: string) {
  await setupResult.service.initialize();
  return setupResult.service.diagnostics(setupResult.uri(relative));
}

const annotationOf = (article: string) => `article: ${JSON.stringify(article)}\nannotations:\n  - sentence: 1\n`;

// Every case runs twice: with the editor's asynchronous reads and with the blocking reads of indexing workers.
describe.each([false, true])('DiskWorkspace (synchronous reads: %s)', (sync) => {
  beforeEach(() => {
    synchronous = sync;
  });

  it('reads files in the workspace, dropping a BOM', async () => {
    const s = setup({ 'bom.txt': '\ufeffHello.' });
    expect(await s.workspace.read(s.uri('bom.txt'), 1000)).toEqual({ kind: 'text', text: 'Hello.' });
  });

  it('never reads a path outside the folders, even when asked directly', async () => {
    const s = setup();
    const result = await s.workspace.read(URI.file(s.outside.path('secret.txt')).toString(), 1000);
    expect(result.kind).toBe('unreadable');
  });

  it('refuses a symbolic link that leads outside the workspace (outside-workspace)', async () => {
    const s = setup({ 'a.stance.yaml': annotationOf('link.txt') });
    symlinkSync(s.outside.path('secret.txt'), s.ws.path('link.txt'));
    expect((await s.workspace.read(s.uri('link.txt'), 1000)).kind).toBe('outside');
    const diagnostics = await diagnosticsOf(s, 'a.stance.yaml');
    expect(codes(diagnostics)).toEqual(['outside-workspace']);
    expect(message(diagnostics[0])).toContain('symbolic link');
  });

  it('refuses a symbolic link loop with a clear message', async () => {
    const s = setup({ 'a.stance.yaml': annotationOf('loop-a.txt') });
    symlinkSync(s.ws.path('loop-b.txt'), s.ws.path('loop-a.txt'));
    symlinkSync(s.ws.path('loop-a.txt'), s.ws.path('loop-b.txt'));
    const diagnostics = await diagnosticsOf(s, 'a.stance.yaml');
    expect(codes(diagnostics)).toEqual(['article-not-found']);
    expect(message(diagnostics[0])).toContain('symbolic link loop');
  });

  it('follows a symbolic link that stays inside the workspace', async () => {
    const s = setup({ 'a.stance.yaml': 'article: alias.txt\nannotations:\n  - sentence: 3\n    actors: [us]\n' });
    symlinkSync(s.ws.path('articles/riyadh.txt'), s.ws.path('alias.txt'));
    expect(await diagnosticsOf(s, 'a.stance.yaml')).toEqual([]);
  });

  it('refuses /dev/zero (outside) and a symlink to it, without hanging', async () => {
    const s = setup({ 'a.stance.yaml': annotationOf('/dev/zero'), 'b.stance.yaml': annotationOf('zero.txt') });
    symlinkSync('/dev/zero', s.ws.path('zero.txt'));
    await s.service.initialize();
    expect(codes(await s.service.diagnostics(s.uri('a.stance.yaml')))).toEqual(['outside-workspace']);
    expect(codes(await s.service.diagnostics(s.uri('b.stance.yaml')))).toEqual(['outside-workspace']);
  });

  it('refuses a FIFO inside the workspace instead of blocking on it', async () => {
    const s = setup({ 'a.stance.yaml': annotationOf('pipe.txt') });
    execFileSync('mkfifo', [s.ws.path('pipe.txt')]);
    const diagnostics = await diagnosticsOf(s, 'a.stance.yaml');
    expect(codes(diagnostics)).toEqual(['article-not-found']);
    expect(message(diagnostics[0])).toContain('not a regular file');
  });

  it('reports a folder given as an article', async () => {
    const s = setup({ 'a.stance.yaml': annotationOf('articles') });
    expect(message((await diagnosticsOf(s, 'a.stance.yaml'))[0])).toContain('is a folder');
  });

  it('refuses invalid UTF-8 named .txt', async () => {
    const s = setup({ 'latin1.txt': new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x2e]), 'a.stance.yaml': annotationOf('latin1.txt') });
    expect(message((await diagnosticsOf(s, 'a.stance.yaml'))[0])).toContain('not valid UTF-8');
  });

  it('handles file names with spaces, #, % and non-ASCII characters', async () => {
    const name = 'Riyadh talks #2 – 100% café.txt';
    const s = setup({ [`articles/${name}`]: ARTICLE, 'notes/über #1.stance.yaml': `article: "../articles/${name}"\nannotations:\n  - sentence: 3\n    actors: [us, russia]\n` });
    await s.service.initialize();
    expect(s.service.checkedFiles()).toContain(s.uri('notes/über #1.stance.yaml'));
    expect(await s.service.diagnostics(s.uri('notes/über #1.stance.yaml'))).toEqual([]);
  });

  it('finds annotation files and codebooks, skipping node_modules and .git', async () => {
    const s = setup({ 'a.stance.yaml': annotationOf('articles/riyadh.txt'), 'node_modules/x/b.stance.yaml': 'x', '.git/c.stance.yaml': 'x', 'deep/er/d.stance.yaml': 'x' });
    const found = (await s.workspace.findFiles()).map((uri) => path.relative(s.ws.root, URI.parse(uri).fsPath)).sort();
    expect(found).toEqual(['a.stance.yaml', 'codebook.yaml', 'deep/er/d.stance.yaml']);
  });

  it('does not follow directory symlinks while searching (no loops, no escape)', async () => {
    const s = setup({ 'a.stance.yaml': annotationOf('articles/riyadh.txt') });
    mkdirSync(s.ws.path('sub'));
    symlinkSync(s.ws.root, s.ws.path('sub/loop'));
    writeFileSync(s.outside.path('x.stance.yaml'), 'article: secret.txt\nannotations: []\n');
    symlinkSync(s.outside.root, s.ws.path('sub/out'));
    const found = (await s.workspace.findFiles()).map((uri) => path.relative(s.ws.root, URI.parse(uri).fsPath)).sort();
    expect(found).toEqual(['a.stance.yaml', 'codebook.yaml']);
  });
});
