import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, realpathSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { asyncAccess, DiskWorkspace, type FileAccess } from '../src/node/diskWorkspace';
import { createLanguageService, type LanguageService } from '../src/service/index';
import { CLI, LspTestClient, fileUri, testEnvironment } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { ARTICLE, CODEBOOK } from './helpers';

/*
 * Hostile inputs (issue 6, item 2), one table: each case is a folder of real
 * files and the exact diagnostics one of its files gets, with a message that
 * says what is wrong. The whole table is checked three ways: through the disk
 * workspace (whose every file operation is recorded: nothing outside the
 * workspace folders is touched), through the CLI (spawned, the case folders
 * as its workspace) and through the language server (over stdio, the case
 * folders as its workspace folders).
 */

const MB = 1024 * 1024;

interface Expected {
  readonly code: string;
  readonly message: RegExp;
  /** How many times in a row (default 1). */
  readonly times?: number;
}

interface Case {
  readonly name: string;
  /** Files of the case folder (codebook.yaml and articles/riyadh.txt are there unless replaced; null leaves one out). */
  readonly files?: Record<string, string | Uint8Array | null>;
  /** Makes what files cannot be written: symbolic links, FIFOs, huge files (gets the case folder). */
  readonly setup?: (dir: string, outside: string) => void;
  /** The file whose diagnostics are checked (relative to the case folder). */
  readonly file: string;
  readonly expect: readonly Expected[];
}

const annotation = (article: string, extra = '', body = '  - sentence: 1\n') => `article: ${JSON.stringify(article)}\n${extra}annotations:\n${body}`;
const clean = (article = 'articles/riyadh.txt') => annotation(article, '', '  - sentence: 3\n    actors: [us, russia]\n');
const outsideWorkspace = (what: string, how = '') => ({ code: 'outside-workspace', message: new RegExp(`^\`${what}\` resolves outside the workspace folder${how}, so Standpoint does not read it`) });
const notFound = (reason: RegExp) => ({ code: 'article-not-found', message: new RegExp(`cannot be used: .*${reason.source}`) });

/** Writes a file of `size` bytes of annotation-like lines without holding it in memory. */
function writeLarge(file: string, size: number, line: string): void {
  const chunk = Buffer.from(line.repeat(Math.ceil(MB / line.length)).slice(0, MB));
  const fd = openSync(file, 'w');
  try {
    for (let written = 0; written < size; written += MB) writeSync(fd, chunk, 0, Math.min(MB, Math.floor(size) - written));
  } finally {
    closeSync(fd);
  }
}

const billionLaughs = (() => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++)
    levels.push(
      `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10)
        .fill(`*${'abcdefghi'[i - 1]}`)
        .join(',')}]`,
    );
  return levels.join('\n');
})();

const NAMED_ARTICLE = 'Riyadh talks #2 – 100% café.txt';
const NAMED_ANNOTATIONS = 'notes/über #1 50%.stance.yaml';
const NAMED_PROBLEM = 'a problem in a file named with spaces, #, % and non-ASCII';
const NAMED_PROBLEM_FILE = 'notes/Überblick #2 – 100% sûr.stance.yaml';

const CASES: readonly Case[] = [
  // YAML
  {
    name: 'alias bomb (billion laughs) as the annotations',
    file: 'a.stance.yaml',
    files: { 'a.stance.yaml': `${billionLaughs}\narticle: articles/riyadh.txt\nannotations: *i\n` },
    expect: [
      { code: 'schema', message: /^Unknown key `[a-i]` in an annotation file; it is ignored/, times: 9 },
      { code: 'schema', message: /^An annotation must be a mapping with `sentence` or `quote`, not a list/, times: 10 },
    ],
  },
  {
    name: 'alias bomb: thousands of aliases in one list',
    file: 'a.stance.yaml',
    files: { 'a.stance.yaml': `article: articles/riyadh.txt\nannotations:\n  - sentence: 3\n    actors: [&u us, ${Array(12_000).fill('*u').join(', ')}]\n` },
    expect: [{ code: 'yaml-syntax', message: /^Too many alias expansions \(over 10000\); the file looks like an alias bomb, so the rest of its aliases are ignored/ }],
  },
  {
    name: 'alias bomb (billion laughs) in the codebook',
    file: 'codebook.yaml',
    files: { 'codebook.yaml': `${billionLaughs}\nactors: { us: { name: US, type: state, aliases: *i } }\n`, 'a.stance.yaml': clean() },
    expect: [
      { code: 'schema', message: /^Unknown key `[a-i]` in a codebook; it is ignored/, times: 9 },
      { code: 'schema', message: /^Each item of `aliases` must be a single value, not a list/, times: 10 },
    ],
  },
  {
    name: 'alias bomb in the codebook: thousands of aliases in one list',
    file: 'codebook.yaml',
    files: { 'codebook.yaml': `actors:\n  us:\n    name: US\n    aliases: [&w Washington, ${Array(12_000).fill('*w').join(', ')}]\n`, 'a.stance.yaml': clean() },
    expect: [{ code: 'yaml-syntax', message: /^Too many alias expansions \(over 10000\); the file looks like an alias bomb, so the rest of its aliases are ignored/ }],
  },
  // Size
  {
    name: 'a 50 MB annotation file',
    file: 'huge.stance.yaml',
    setup: (dir) => writeLarge(path.join(dir, 'huge.stance.yaml'), 50 * MB, '  - sentence: 3\n    actors: [us, russia]\n'),
    expect: [{ code: 'yaml-syntax', message: /cannot be checked: it is 50\.0 MB, over Standpoint's limit of 8\.0 MB/ }],
  },
  {
    name: 'a 5 MB single-line article',
    file: 'a.stance.yaml',
    files: { 'a.stance.yaml': clean('big.txt') },
    setup: (dir) => writeLarge(path.join(dir, 'big.txt'), 5 * MB, 'Washington and Moscow met in Riyadh on Tuesday; '),
    expect: [notFound(/it is 5\.0 MB, over Standpoint's limit of 4\.0 MB for articles/)],
  },
  {
    name: 'a 3.9 MB single-line article (under the limit)',
    file: 'a.stance.yaml',
    files: {
      'a.stance.yaml': annotation(
        'big.txt',
        '',
        '  - sentence: 1\n    quote: met in Riyadh on Tuesday; Washington\n    actors: [us, russia]\n  - sentence: 2\n  - sentence: 1\n    quote: not in the article at all\n',
      ),
    },
    setup: (dir) => writeLarge(path.join(dir, 'big.txt'), 3.9 * MB, 'Washington and Moscow met in Riyadh on Tuesday; '),
    expect: [
      { code: 'sentence-out-of-range', message: /Sentence 2 does not exist: the article has 1 sentence/ },
      { code: 'quote-not-found', message: /not in the article/ },
    ],
  },
  // Not text
  {
    name: 'a binary file named .txt',
    file: 'a.stance.yaml',
    files: { 'scan.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), 'a.stance.yaml': clean('scan.txt') },
    expect: [notFound(/NUL bytes, so it is not a text file/)],
  },
  {
    name: 'invalid UTF-8 named .txt (Latin-1)',
    file: 'a.stance.yaml',
    files: { 'latin1.txt': new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6e, 0x20, 0x74, 0x68, 0x65, 0x20, 0x55, 0x53, 0x2e]), 'a.stance.yaml': clean('latin1.txt') },
    expect: [notFound(/not valid UTF-8 text/)],
  },
  {
    name: 'a NUL byte inside an article',
    file: 'a.stance.yaml',
    files: { 'nul.txt': `${ARTICLE.slice(0, 40)}\u0000${ARTICLE.slice(40)}`, 'a.stance.yaml': clean('nul.txt') },
    expect: [notFound(/NUL bytes/)],
  },
  {
    name: 'a NUL byte inside an annotation file',
    file: 'a.stance.yaml',
    files: { 'a.stance.yaml': `${clean()}\u0000` },
    expect: [{ code: 'yaml-syntax', message: /cannot be checked: it contains NUL bytes/ }],
  },
  // Where `article:` points
  { name: 'article: a folder', file: 'a.stance.yaml', files: { 'a.stance.yaml': clean('articles') }, expect: [notFound(/it is a folder, not an article/)] },
  { name: 'article: /dev/zero', file: 'a.stance.yaml', files: { 'a.stance.yaml': clean('/dev/zero') }, expect: [outsideWorkspace('/dev/zero')] },
  { name: 'article: an absolute path outside', file: 'a.stance.yaml', files: { 'a.stance.yaml': clean('/etc/hostname') }, expect: [outsideWorkspace('/etc/hostname')] },
  { name: 'article: through ..', file: 'a.stance.yaml', files: { 'a.stance.yaml': clean('../../outside/secret.txt') }, expect: [outsideWorkspace('\\.\\./\\.\\./outside/secret\\.txt')] },
  {
    name: 'article: a symbolic link out of the workspace',
    file: 'a.stance.yaml',
    files: { 'a.stance.yaml': clean('link.txt') },
    setup: (dir, outside) => symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'link.txt')),
    expect: [outsideWorkspace('link\\.txt', ' \\(through a symbolic link\\)')],
  },
  {
    name: 'article: a symbolic link to /dev/zero',
    file: 'a.stance.yaml',
    files: { 'a.stance.yaml': clean('zero.txt') },
    setup: (dir) => symlinkSync('/dev/zero', path.join(dir, 'zero.txt')),
    expect: [outsideWorkspace('zero\\.txt', ' \\(through a symbolic link\\)')],
  },
  {
    name: 'article: a symbolic link loop',
    file: 'a.stance.yaml',
    files: { 'a.stance.yaml': clean('loop-a.txt') },
    setup: (dir) => {
      symlinkSync(path.join(dir, 'loop-b.txt'), path.join(dir, 'loop-a.txt'));
      symlinkSync(path.join(dir, 'loop-a.txt'), path.join(dir, 'loop-b.txt'));
    },
    expect: [notFound(/a symbolic link loop/)],
  },
  {
    name: 'article: a FIFO',
    file: 'a.stance.yaml',
    files: { 'a.stance.yaml': clean('pipe.txt') },
    setup: (dir) => spawnSync('mkfifo', [path.join(dir, 'pipe.txt')]),
    expect: [notFound(/not a regular file/)],
  },
  {
    name: 'article: an absolute path inside the workspace (allowed)',
    file: 'a.stance.yaml',
    setup: (dir) => writeFileSync(path.join(dir, 'a.stance.yaml'), clean(path.join(dir, 'articles/riyadh.txt'))),
    expect: [],
  },
  // File names
  {
    name: 'names with spaces, #, % and non-ASCII (article and annotation file)',
    file: NAMED_ANNOTATIONS,
    files: { [`articles/${NAMED_ARTICLE}`]: ARTICLE, [NAMED_ANNOTATIONS]: clean(`../articles/${NAMED_ARTICLE}`) },
    expect: [],
  },
  {
    name: NAMED_PROBLEM,
    file: NAMED_PROBLEM_FILE,
    files: { [`articles/${NAMED_ARTICLE}`]: ARTICLE, [NAMED_PROBLEM_FILE]: annotation(`../articles/${NAMED_ARTICLE}`, '', '  - sentence: 99\n') },
    expect: [{ code: 'sentence-out-of-range', message: /^Sentence 99 does not exist: the article has 6 sentences/ }],
  },
  {
    name: 'a % in a name is literal: a%20b.txt is not "a b.txt"',
    file: 'a.stance.yaml',
    files: { 'a b.txt': ARTICLE, 'a.stance.yaml': clean('a%20b.txt') },
    expect: [notFound(/there is no such file \(looked at (\S+\/)?a%20b\.txt\)/)],
  },
  { name: 'a file literally named a%20b.txt', file: 'a.stance.yaml', files: { 'a%20b.txt': ARTICLE, 'a.stance.yaml': clean('a%20b.txt') }, expect: [] },
  // Windows paths
  { name: 'Windows path with a drive letter', file: 'a.stance.yaml', files: { 'a.stance.yaml': clean('C:\\articles\\x.txt') }, expect: [outsideWorkspace('C:\\\\articles\\\\x\\.txt')] },
  {
    name: 'Windows path up through ..\\',
    file: 'a.stance.yaml',
    files: { 'a.stance.yaml': clean('..\\..\\outside\\secret.txt') },
    expect: [outsideWorkspace('\\.\\.\\\\\\.\\.\\\\outside\\\\secret\\.txt')],
  },
  {
    name: 'Windows UNC path \\\\server\\share',
    file: 'a.stance.yaml',
    files: { 'a.stance.yaml': clean('\\\\server\\share\\x.txt') },
    expect: [outsideWorkspace('\\\\\\\\server\\\\share\\\\x\\.txt')],
  },
  { name: 'a drive letter without a slash (D:x.txt)', file: 'a.stance.yaml', files: { 'a.stance.yaml': clean('D:x.txt') }, expect: [outsideWorkspace('D:x\\.txt')] },
  { name: 'Windows separators inside the workspace (allowed)', file: 'sub/a.stance.yaml', files: { 'sub/a.stance.yaml': clean('..\\articles\\riyadh.txt') }, expect: [] },
  // Empty files
  { name: 'an empty annotation file', file: 'a.stance.yaml', files: { 'a.stance.yaml': '' }, expect: [{ code: 'schema', message: /This annotation file is empty/ }] },
  { name: 'an empty codebook', file: 'codebook.yaml', files: { 'codebook.yaml': '', 'a.stance.yaml': clean() }, expect: [{ code: 'schema', message: /This codebook is empty/ }] },
  {
    name: 'an empty article',
    file: 'a.stance.yaml',
    files: { 'empty.txt': '', 'a.stance.yaml': clean('empty.txt') },
    expect: [{ code: 'sentence-out-of-range', message: /Sentence 3 does not exist: the article has no sentences \(it is empty\)/ }],
  },
  // Files that name themselves
  {
    name: 'codebook: the annotation file itself',
    file: 'a.stance.yaml',
    files: { 'a.stance.yaml': annotation('articles/riyadh.txt', 'codebook: a.stance.yaml\n', '  - sentence: 3\n    actors: [us]\n') },
    expect: [{ code: 'codebook-not-found', message: /cannot be used: it is this annotation file itself, not a codebook/ }],
  },
  {
    name: 'codebook: another annotation file',
    file: 'a.stance.yaml',
    files: { 'b.stance.yaml': clean(), 'a.stance.yaml': annotation('articles/riyadh.txt', 'codebook: b.stance.yaml\n', '  - sentence: 3\n    actors: [us]\n') },
    expect: [{ code: 'codebook-not-found', message: /cannot be used: it is an annotation file \(\*\.stance\.yaml\), not a codebook/ }],
  },
  {
    name: 'a codebook.yaml that is an annotation file',
    file: 'codebook.yaml',
    files: { 'codebook.yaml': clean() },
    expect: [
      { code: 'schema', message: /Unknown key `article` in a codebook/ },
      { code: 'schema', message: /Missing `actors`/ },
      { code: 'schema', message: /Unknown key `annotations` in a codebook/ },
    ],
  },
  { name: 'article: the annotation file itself', file: 'a.stance.yaml', files: { 'a.stance.yaml': clean('a.stance.yaml') }, expect: [notFound(/it is this annotation file itself, not an article/)] },
  { name: 'article: the codebook', file: 'a.stance.yaml', files: { 'a.stance.yaml': clean('codebook.yaml') }, expect: [notFound(/it is a codebook, not an article/)] },
];

let root: ReturnType<typeof tempWorkspace>;
let outside: string;
const caseDirs = new Map<string, string>();
const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

beforeAll(() => {
  root = tempWorkspace({ 'outside/secret.txt': 'A secret sentence outside the workspace.\n' }, 'standpoint-adversarial-');
  outside = realpathSync(root.path('outside'));
  for (const c of CASES) {
    const dir = root.path(`cases/${slug(c.name)}`);
    mkdirSync(dir, { recursive: true });
    const files: Record<string, string | Uint8Array | null> = { 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, ...c.files };
    for (const [relative, content] of Object.entries(files)) if (content !== null) root.write(path.relative(root.root, path.join(dir, relative)), content);
    c.setup?.(dir, outside);
    caseDirs.set(c.name, dir);
  }
});

afterAll(() => root?.dispose());

function expectDiagnostics(c: Case, diagnostics: readonly { code?: unknown; message: string | { value: string } }[], via: string): void {
  const got = diagnostics.map((d) => ({ code: String(d.code), message: typeof d.message === 'string' ? d.message : d.message.value }));
  const expected = c.expect.flatMap((e) => Array<Expected>(e.times ?? 1).fill(e));
  expect(
    got.map((d) => d.code),
    `${c.name} (${via}): ${JSON.stringify(got.slice(0, 5)).slice(0, 1500)}`,
  ).toEqual(expected.map((e) => e.code));
  got.forEach((d, i) => expect(d.message, `${c.name} (${via})`).toMatch(expected[i].message));
}

/** Records every path the workspace touches. */
function recordingAccess(log: { op: string; path: string }[]): FileAccess {
  return {
    realpath: (p) => (log.push({ op: 'realpath', path: p }), asyncAccess.realpath(p)),
    stat: (p) => (log.push({ op: 'stat', path: p }), asyncAccess.stat(p)),
    readStart: (p, length) => (log.push({ op: 'read', path: p }), asyncAccess.readStart(p, length)),
    readdir: (p) => (log.push({ op: 'readdir', path: p }), asyncAccess.readdir(p)),
  };
}

describe('hostile inputs through the disk workspace', () => {
  const log: { op: string; path: string }[] = [];
  let service: LanguageService;

  let initializeMs = 0;

  beforeAll(async () => {
    const folders = [...caseDirs.values()].map((dir) => URI.file(dir).toString());
    service = createLanguageService({ workspace: new DiskWorkspace(folders, undefined, { access: recordingAccess(log) }) });
    const started = Date.now();
    await service.initialize();
    initializeMs = Date.now() - started;
  }, 60_000);

  it('indexes the whole table in bounded time', () => {
    // 12,000 aliases took 12 s per file when each alias walked the whole document.
    expect(initializeMs).toBeLessThan(10_000);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const started = Date.now();
    const diagnostics = await service.diagnostics(URI.file(path.join(caseDirs.get(c.name)!, c.file)).toString());
    expect(Date.now() - started, 'bounded time').toBeLessThan(5_000);
    expectDiagnostics(c, diagnostics, 'disk workspace');
  });

  it('touches nothing outside the workspace folders: every stat, read and folder listing is inside one', () => {
    const folders = [...caseDirs.values()].flatMap((dir) => [dir, realpathSync(dir)]);
    const inside = (p: string) => folders.some((folder) => p === folder || p.startsWith(folder + path.sep));
    expect(log.length).toBeGreaterThan(100);
    // Paths are inside a folder as written (realpath: how a link out is found) and as real paths (stat, read, listing).
    expect(log.filter((entry) => !inside(entry.path))).toEqual([]);
    expect(log.some((entry) => entry.path.startsWith(outside))).toBe(false);
    expect(log.some((entry) => entry.path === '/dev/zero' || entry.path === '/etc/hostname')).toBe(false);
    // The 50 MB file was looked at (stat) but never read.
    expect(log.some((entry) => entry.op === 'stat' && entry.path.endsWith('huge.stance.yaml'))).toBe(true);
    expect(log.some((entry) => entry.op === 'read' && entry.path.endsWith('huge.stance.yaml'))).toBe(false);
  });
});

describe('hostile inputs through the CLI', () => {
  /** Runs the CLI; `peakRss` is its peak resident memory in bytes (reported by a preloaded exit hook). */
  function run(args: string[], cwd: string) {
    const preload = root.write('rss-hook.cjs', "process.on('exit', () => process.stderr.write(`\\npeak-rss ${process.resourceUsage().maxRSS * 1024}\\n`));\n");
    const result = spawnSync(process.execPath, ['--require', preload, CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: testEnvironment(), maxBuffer: 64 * MB });
    const rss = /\npeak-rss (\d+)\n$/.exec(result.stderr);
    return { status: result.status, stdout: result.stdout, stderr: result.stderr.replace(/\n?\npeak-rss \d+\n$/, ''), peakRss: rss ? Number(rss[1]) : NaN };
  }

  it('`standpoint check` gives every case its diagnostics, prints names as they are, and exits 1', () => {
    const result = run(['check', 'cases', '--format', 'json'], root.root);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const findings = JSON.parse(result.stdout) as { file: string; code: string; message: string }[];
    for (const c of CASES) {
      const file = path.relative(root.root, path.join(caseDirs.get(c.name)!, c.file));
      expectDiagnostics(
        c,
        findings.filter((f) => f.file === file),
        'CLI',
      );
    }
    const text = run(['check', 'cases'], root.root);
    expect(text.status).toBe(1);
    expect(text.stdout).not.toContain('internal error');
    expect(text.stdout).toContain(`${path.relative(root.root, caseDirs.get(NAMED_PROBLEM)!)}/${NAMED_PROBLEM_FILE}:3:15: error sentence-out-of-range: `);
  });

  it('refuses a 50 MB annotation file by its size, without reading it: peak memory stays near that of a tiny workspace', () => {
    const huge = run(['check', '.', '--no-cache', '--format', 'json'], caseDirs.get('a 50 MB annotation file')!);
    const tiny = run(['check', '.', '--no-cache', '--format', 'json'], caseDirs.get('an empty annotation file')!);
    expect(huge.status).toBe(1);
    expect(JSON.parse(huge.stdout).map((f: { code: string }) => f.code)).toEqual(['yaml-syntax']);
    expect(Number.isFinite(huge.peakRss) && Number.isFinite(tiny.peakRss)).toBe(true);
    // Reading it whole would add at least 50 MB (the bytes) and 100 MB (the text).
    if (process.env.STANDPOINT_ADVERSARIAL_RSS) console.info(`peak RSS: 50 MB file ${(huge.peakRss / MB).toFixed(1)} MB, tiny workspace ${(tiny.peakRss / MB).toFixed(1)} MB`);
    expect(huge.peakRss - tiny.peakRss).toBeLessThan(15 * MB);
  });

  it.each([
    ['a 5 MB article', 'a 5 MB single-line article', 'big.txt', /is 5\.0 MB, over the 4\.0 MB limit for articles/],
    ['a binary file', 'a binary file named .txt', 'scan.txt', /cannot be read as an article: it contains NUL bytes/],
    ['invalid UTF-8', 'invalid UTF-8 named .txt (Latin-1)', 'latin1.txt', /cannot be read as an article: it is not valid UTF-8 text/],
    ['a folder', 'article: a folder', 'articles', /is a folder, not an article/],
    ['a FIFO', 'article: a FIFO', 'pipe.txt', /is not a regular file/],
    ['a link to /dev/zero', 'article: a symbolic link to /dev/zero', 'zero.txt', /is not a regular file/],
    ['a symbolic link loop', 'article: a symbolic link loop', 'loop-a.txt', /is a symbolic link loop/],
  ])('`standpoint sentences` refuses %s with exit status 2', (_, name, file, message) => {
    const result = run(['sentences', file], caseDirs.get(name)!);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^standpoint: .*${message.source}`));
  });

  it('`standpoint sentences` numbers a 3.9 MB single-line article in bounded time and memory', () => {
    const started = Date.now();
    const result = run(['sentences', 'big.txt', '--json'], caseDirs.get('a 3.9 MB single-line article (under the limit)')!);
    expect(result.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
    if (process.env.STANDPOINT_ADVERSARIAL_RSS) console.info(`peak RSS: sentences of a 3.9 MB line ${(result.peakRss / MB).toFixed(1)} MB in ${Date.now() - started} ms`);
    expect(result.peakRss).toBeLessThan(400 * MB);
  });
});

describe('hostile inputs through the language server', () => {
  let client: LspTestClient;
  const uriOf = (c: Case) => fileUri(path.join(caseDirs.get(c.name)!, c.file));

  beforeAll(async () => {
    client = await LspTestClient.start({ root: root.path('cases'), settings: { diagnostics: { delayMs: 0 } } });
  }, 60_000);

  afterAll(async () => {
    await client?.stop();
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const published = await client.waitForDiagnostics(uriOf(c), undefined, 30_000);
    expectDiagnostics(c, published.diagnostics, 'LSP');
  });

  it('names with spaces, #, % and non-ASCII: published under the percent-encoded URI, and the open text is what is checked', async () => {
    const c = CASES.find((x) => x.name === NAMED_PROBLEM)!;
    const uri = uriOf(c);
    expect(uri).toContain('/notes/%C3%9Cberblick%20%232%20%E2%80%93%20100%25%20s%C3%BBr.stance.yaml');
    // Opened and edited in the editor: the edited text is checked (sentence 3 exists).
    const text = annotation(`../articles/${NAMED_ARTICLE}`, '', '  - sentence: 3\n    actors: [us, russia]\n');
    await client.open(uri, text, 'yaml', 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length === 0);
    await client.close(uri);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1);
  });

  it('a client that spells the URI differently (lower-case escapes, unescaped letters) still gets its open text checked', async () => {
    const c = CASES.find((x) => x.name === NAMED_PROBLEM)!;
    const canonical = uriOf(c);
    const spelled = canonical.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    expect(spelled).not.toBe(canonical);
    const text = annotation(`../articles/${NAMED_ARTICLE}`, '', '  - sentence: 4\n    actors: [rubio]\n');
    await client.open(spelled, text, 'yaml', 3);
    const published = await client.waitFor(() => [client.latest(spelled), client.latest(canonical)].find((p) => p?.version === 3), 10_000, 'diagnostics of the open text');
    expect(published.diagnostics).toEqual([]);
    await client.close(spelled);
  });
});

describe('file names with %, #, spaces and non-ASCII in edits', () => {
  const NAMES = ['100% café.txt', 'a%20b.txt', 'x #1 – über.txt'];
  let ws: ReturnType<typeof tempWorkspace>;
  let service: LanguageService;

  beforeAll(async () => {
    ws = tempWorkspace({
      'codebook.yaml': CODEBOOK,
      ...Object.fromEntries(NAMES.map((name) => [`articles/${name}`, ARTICLE])),
      'annotations/other.stance.yaml': 'article: ../articles/none.txt\nannotations:\n  - sentence: 1\n    actors: []\n',
    });
    service = createLanguageService({ workspace: new DiskWorkspace([URI.file(ws.root).toString()]) });
    await service.initialize();
  });

  afterAll(() => ws?.dispose());

  it.each(NAMES)('annotating %s creates an annotation file whose `article:` names that very file', async (name) => {
    const articleUri = URI.file(ws.path(`articles/${name}`)).toString();
    const at = { line: 3, character: 2 };
    const result = await service.annotate({ uri: articleUri, range: { start: at, end: at } });
    if ('error' in result) throw new Error(result.error);
    const [create, change] = result.edit.documentChanges as [{ kind: string; uri: string }, { edits: { newText: string }[] }];
    expect(create.kind).toBe('create');
    expect(URI.parse(create.uri).fsPath).toBe(ws.path(`annotations/${name.replace(/\.txt$/, '')}.stance.yaml`));
    const content = change.edits[0].newText;
    const written = ws.write(path.relative(ws.root, URI.parse(create.uri).fsPath), content);
    service.changed([URI.file(written).toString()]);
    expect(await service.diagnostics(URI.file(written).toString())).toEqual([]);
  });

  it('completion of `article:` offers the names as they are', async () => {
    const uri = URI.file(ws.path('annotations/other.stance.yaml')).toString();
    const list = await service.completion(uri, { line: 0, character: 'article: '.length });
    const offered = list.items.map((item) => (item.textEdit as { newText: string } | undefined)?.newText ?? item.label);
    for (const name of NAMES)
      expect(
        offered.some((text) => text.includes(`../articles/${name}`)),
        `${name} in ${JSON.stringify(offered)}`,
      ).toBe(true);
  });
});
