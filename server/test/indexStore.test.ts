import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { URI } from 'vscode-uri';
import { createLanguageService, indexFile, type BulkIndexer, type IndexedFile } from '../src/service/index';
import { DiskWorkspace } from '../src/node/diskWorkspace';
import { IndexStore, persistentIndexer, buildIdentity, defaultCacheDirectory } from '../src/node/indexStore';
import { tempWorkspace } from './support/tempWorkspace';
import { CLI, testEnvironment } from './support/lspClient';
import { ARTICLE, CODEBOOK } from './helpers';
import { stancesOf, usesOf } from '../src/service/workspaceIndex/summary';

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((dispose) => dispose()));

function cacheFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'standpoint-store-test-'));
  disposers.push(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

const VARIANTS = [
  'actors: [us, russia]',
  'actors: [Moscow]',
  'quote: held a high level meeting',
  'actors: [rubio]\n    stances:\n      - { actor: rubio, toward: us-russia-dialogue, stance: supports }',
];

function corpus(count: number) {
  const files: Record<string, string> = { 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'articles/other.txt': ARTICLE.replace('welcomed', 'praised') };
  for (let i = 0; i < count; i++) {
    const article = i % 2 ? 'riyadh' : 'other';
    files[`annotations/sub/a${i}.stance.yaml`] = `article: ../../articles/${article}.txt\nannotations:\n  - sentence: ${(i % 8) + 1}\n    ${VARIANTS[i % VARIANTS.length]}\n`;
  }
  const ws = tempWorkspace(files);
  disposers.push(ws.dispose);
  return ws;
}

/** Indexes in-process, as a worker would, and records which files it was asked for. */
function recordingIndexer(asked: string[][]): BulkIndexer {
  return async function* (uris, folders) {
    asked.push([...uris]);
    const service = createLanguageService({ workspace: new DiskWorkspace(folders) });
    const results: IndexedFile[] = [];
    for (const uri of uris) results.push(await indexFile(service, uri));
    yield results;
  };
}

/** Every check result of a fresh service using `indexer` (threshold 1, so it is always used). */
async function checkAll(root: string, indexer: BulkIndexer | undefined) {
  const service = createLanguageService({ workspace: new DiskWorkspace([URI.file(root).toString()]), indexer, indexerThreshold: 1 });
  const computed = await service.initialize();
  const all = new Map<string, unknown>();
  for (const uri of service.checkedFiles()) all.set(uri, computed.get(uri) ?? (await service.diagnostics(uri)));
  // What workspace-wide features (references, rename, unused entries) read about each file.
  const summaries = service.checkedFiles().map((uri) => {
    const summary = service.summaryOf(uri);
    return summary && { ...summary, uses: usesOf(summary), stances: stancesOf(summary) };
  });
  return { all, computed, summaries: JSON.parse(JSON.stringify(summaries)) as unknown };
}

/** A clock a second ahead, so files written just now are not "too recent to trust". */
const later = () => Date.now() + 1000;

describe('the persisted index', () => {
  it('reuses unchanged files on the next start, with the same diagnostics as a fresh check', async () => {
    const ws = corpus(12);
    const options = { directory: cacheFolder(), build: 'test', now: later };
    const asked: string[][] = [];
    const first = await checkAll(ws.root, persistentIndexer(options, recordingIndexer(asked)));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toHaveLength(12);
    const second = await checkAll(ws.root, persistentIndexer(options, recordingIndexer(asked)));
    expect(asked).toHaveLength(1); // nothing was indexed again
    expect(second.computed.size).toBe(12);
    const fresh = await checkAll(ws.root, undefined);
    expect([...second.all]).toEqual([...fresh.all]);
    expect(second.summaries).toEqual(fresh.summaries);
    expect(JSON.stringify(fresh.summaries)).toContain('stance-actor');
    expect([...first.all]).toEqual([...fresh.all]);
    expect([...fresh.all.values()].flat().length).toBeGreaterThan(5); // the corpus has problems to remember
  });

  it('re-checks exactly the files whose annotation, article or codebook changed, or that a new nearer codebook governs', async () => {
    const ws = corpus(12);
    const options = { directory: cacheFolder(), build: 'test', now: later };
    const asked: string[][] = [];
    await checkAll(ws.root, persistentIndexer(options, recordingIndexer(asked)));
    const uri = (relative: string) => URI.file(ws.path(relative)).toString();

    ws.write('annotations/sub/a3.stance.yaml', 'article: ../../articles/riyadh.txt\nannotations:\n  - sentence: 99\n');
    let result = await checkAll(ws.root, persistentIndexer(options, recordingIndexer(asked)));
    expect(asked[1]).toEqual([uri('annotations/sub/a3.stance.yaml')]);
    expect(result.all.get(uri('annotations/sub/a3.stance.yaml'))).toEqual((await checkAll(ws.root, undefined)).all.get(uri('annotations/sub/a3.stance.yaml')));

    ws.write('articles/other.txt', 'A different article. It has two sentences.');
    result = await checkAll(ws.root, persistentIndexer(options, recordingIndexer(asked)));
    expect(asked[2].sort()).toEqual(Array.from({ length: 6 }, (_, i) => uri(`annotations/sub/a${i * 2}.stance.yaml`)).sort());
    expect([...result.all]).toEqual([...(await checkAll(ws.root, undefined)).all]);

    // A codebook.yaml created nearer than the root one is used instead: every file under it is re-checked.
    ws.write('annotations/sub/codebook.yaml', 'actors:\n  us:\n    name: United States\n');
    result = await checkAll(ws.root, persistentIndexer(options, recordingIndexer(asked)));
    expect(asked[3]).toHaveLength(12);
    expect([...result.all]).toEqual([...(await checkAll(ws.root, undefined)).all]);

    unlinkSync(ws.path('annotations/sub/a5.stance.yaml'));
    await checkAll(ws.root, persistentIndexer(options, recordingIndexer(asked)));
    expect(asked).toHaveLength(4); // nothing else changed
    const stored = JSON.parse(readFileSync(new IndexStore({ ...options, folders: [URI.file(ws.root).toString()] }).file, 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(stored.files)).toHaveLength(11); // the deleted file is forgotten
  });

  it('trusts nothing from another build, other folders, or a damaged file', async () => {
    const ws = corpus(6);
    const directory = cacheFolder();
    const asked: string[][] = [];
    await checkAll(ws.root, persistentIndexer({ directory, build: 'one', now: later }, recordingIndexer(asked)));
    await checkAll(ws.root, persistentIndexer({ directory, build: 'two', now: later }, recordingIndexer(asked)));
    expect(asked.map((a) => a.length)).toEqual([6, 6]);

    const store = new IndexStore({ directory, build: 'two', folders: [URI.file(ws.root).toString()] });
    for (const damage of ['{"format":1,"key":', 'null', '[]', '{"format":1,"key":"another","files":{}}', '\u0000\u0001binary']) {
      writeFileSync(store.file, damage);
      const result = await checkAll(ws.root, persistentIndexer({ directory, build: 'two', now: later }, recordingIndexer(asked)));
      expect(asked[asked.length - 1]).toHaveLength(6);
      expect([...result.all]).toEqual([...(await checkAll(ws.root, undefined)).all]);
    }
    // A well-formed index whose entries hold nonsense is not trusted either: those files are checked again.
    await checkAll(ws.root, persistentIndexer({ directory, build: 'two', now: later }, recordingIndexer(asked)));
    const good = JSON.parse(readFileSync(store.file, 'utf8')) as { files: Record<string, { summary: { uses: number[]; strings: string[] }; diagnostics: unknown }> };
    const [a, b, c] = Object.keys(good.files).sort();
    good.files[a].summary.uses.push(1);
    good.files[b].summary.strings = [];
    good.files[c].diagnostics = 'x';
    writeFileSync(store.file, JSON.stringify(good));
    expect(store.load()).toBe(6);
    expect([a, b, c].map((uri) => store.lookup(uri))).toEqual([undefined, undefined, undefined]);
    const result = await checkAll(ws.root, persistentIndexer({ directory, build: 'two', now: later }, recordingIndexer(asked)));
    expect(asked[asked.length - 1].sort()).toEqual([a, b, c]);
    expect([...result.all]).toEqual([...(await checkAll(ws.root, undefined)).all]);
  });

  it('does not store results for files changed after indexing started (they may have changed while being read)', async () => {
    const ws = corpus(4);
    const options = { directory: cacheFolder(), build: 'test', now: () => Date.now() - 60_000 };
    const asked: string[][] = [];
    await checkAll(ws.root, persistentIndexer(options, recordingIndexer(asked)));
    await checkAll(ws.root, persistentIndexer(options, recordingIndexer(asked)));
    expect(asked.map((a) => a.length)).toEqual([4, 4]);
  });

  it('leaves the previous index, and no partly written file, when a run ends before its last result', async () => {
    const ws = corpus(12);
    const options = { directory: cacheFolder(), build: 'test', now: later };
    const asked: string[][] = [];
    await checkAll(ws.root, persistentIndexer(options, recordingIndexer(asked)));
    const store = new IndexStore({ ...options, folders: [URI.file(ws.root).toString()] });
    const before = readFileSync(store.file, 'utf8');
    ws.write('annotations/sub/a1.stance.yaml', 'article: ../../articles/riyadh.txt\nannotations:\n  - sentence: 2\n');
    ws.write('annotations/sub/a2.stance.yaml', 'article: ../../articles/other.txt\nannotations:\n  - sentence: 3\n');
    // The inner indexer yields one result, then fails (a worker pool torn down, a cancelled start).
    const failing: BulkIndexer = async function* (uris, folders) {
      const first = await recordingIndexer(asked)(uris.slice(0, 1), folders)[Symbol.asyncIterator]().next();
      yield first.value as IndexedFile[];
      throw new Error('stopped');
    };
    const indexer = persistentIndexer(options, failing);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const batch of indexer(
          [...Array(12).keys()].map((i) => URI.file(ws.path(`annotations/sub/a${i}.stance.yaml`)).toString()),
          [URI.file(ws.root).toString()],
        ))
          seen.push(...batch.map((r) => r.uri));
      })(),
    ).rejects.toThrow('stopped');
    expect(seen).toHaveLength(11); // the ten unchanged files from the index, then one fresh result
    expect(readFileSync(store.file, 'utf8')).toBe(before);
    expect(readdirSync(options.directory)).toEqual([path.basename(store.file)]);
    // A run that finishes writes the new results: both edited files are stored and trusted next time.
    await checkAll(ws.root, persistentIndexer(options, recordingIndexer(asked)));
    const count = asked.length;
    await checkAll(ws.root, persistentIndexer(options, recordingIndexer(asked)));
    expect(asked).toHaveLength(count);
    expect(readFileSync(store.file, 'utf8')).not.toBe(before);
  });

  it('keeps going when the cache folder cannot be written', async () => {
    const ws = corpus(4);
    const blocker = path.join(cacheFolder(), 'not-a-folder');
    writeFileSync(blocker, 'a file where the cache folder should be');
    const asked: string[][] = [];
    const result = await checkAll(ws.root, persistentIndexer({ directory: blocker, build: 'test', now: later }, recordingIndexer(asked)));
    expect([...result.all]).toEqual([...(await checkAll(ws.root, undefined)).all]);
  });

  it('lives in the user cache folder unless STANDPOINT_CACHE_DIR says otherwise, and is keyed to the running build', () => {
    expect(defaultCacheDirectory({ STANDPOINT_CACHE_DIR: '/somewhere' })).toBe('/somewhere');
    if (process.platform === 'linux') expect(defaultCacheDirectory({ XDG_CACHE_HOME: '/xdg' })).toBe(path.join('/xdg', 'standpoint'));
    const script = path.join(cacheFolder(), 'bundle.js');
    writeFileSync(script, 'one');
    const before = buildIdentity('1.0.0', script);
    writeFileSync(script, 'two, longer');
    expect(buildIdentity('1.0.0', script)).not.toBe(before);
  });
});

describe('standpoint check with the persisted index', () => {
  it('prints the same findings on a second run, and notices an article edited in between', () => {
    const ws = corpus(70); // over the 64 files that start worker threads
    const env = testEnvironment({ STANDPOINT_CACHE_DIR: cacheFolder() });
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...args], { cwd: ws.root, encoding: 'utf8', env, timeout: 60_000 });
    const first = run();
    expect(first.status).toBe(1);
    const files = JSON.parse(readFileSync(path.join(env.STANDPOINT_CACHE_DIR!, readdirSync(env.STANDPOINT_CACHE_DIR!)[0]), 'utf8')).files as Record<string, unknown>;
    expect(Object.keys(files).length).toBe(70);
    const second = run();
    expect(second.stdout).toBe(first.stdout);
    expect(second.status).toBe(first.status);

    ws.write('articles/riyadh.txt', 'Nothing here now.');
    const third = run();
    // The same as a fresh check, but that the record of the first run knew the article: its sentences are gone now.
    const withoutMoved = (stdout: string) => (JSON.parse(stdout) as { code: string }[]).filter((finding) => finding.code !== 'sentence-moved');
    expect(withoutMoved(third.stdout)).toEqual(withoutMoved(run('--no-cache').stdout));
    expect((JSON.parse(third.stdout) as { code: string }[]).some((finding) => finding.code === 'sentence-moved')).toBe(true);
    expect(third.stdout).not.toBe(first.stdout);
  });

  it('writes nothing with --no-cache or STANDPOINT_NO_CACHE=1', () => {
    const ws = corpus(70);
    const directory = cacheFolder();
    spawnSync(process.execPath, [CLI, 'check', '--no-cache'], { cwd: ws.root, env: testEnvironment({ STANDPOINT_CACHE_DIR: directory }) });
    spawnSync(process.execPath, [CLI, 'check'], { cwd: ws.root, env: testEnvironment({ STANDPOINT_CACHE_DIR: directory, STANDPOINT_NO_CACHE: '1' }) });
    expect(readdirSync(directory)).toEqual([]);
    expect(existsSync(directory)).toBe(true);
  });
});
