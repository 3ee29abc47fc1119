import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CLI, REPO_ROOT, testEnvironment } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { ARTICLE, CODEBOOK, positionAt } from './helpers';
import { DIAGNOSTIC_CODES } from '../src/service/problems';
import { sarifValidator } from './support/sarifSchema';
import { realpathSync } from 'node:fs';
import { URI } from 'vscode-uri';

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = testEnvironment()) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((dispose) => dispose()));

function corpus(annotations: string, extra: Record<string, string | Uint8Array> = {}) {
  const ws = tempWorkspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'annotations/riyadh.stance.yaml': annotations, ...extra });
  disposers.push(ws.dispose);
  return ws;
}

const CLEAN = 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    actors: [us, russia]\n';
const ONE_ERROR = 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    actors: [us, russia]\n  - sentence: 12\n';
const ONE_WARNING = 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 4\n    quote: welcomed the dialogue\n';

describe('standpoint check', () => {
  it('exits 0 and says so when there are no problems (info and hints do not count)', () => {
    const ws = corpus(CLEAN);
    const result = run(['check'], ws.root);
    expect(result.status).toBe(0);
    // The codebook's unused entries are hints: printed, but not failures.
    expect(result.stdout).toMatch(/^codebook\.yaml:\d+:\d+: hint unused-entry: /m);
    expect(result.stdout).not.toContain('error');
  });

  it('prints problem-matcher lines path:line:col: severity code: message (1-based) and exits 1 on errors', () => {
    const ws = corpus(ONE_ERROR);
    const result = run(['check', 'annotations/riyadh.stance.yaml'], ws.root);
    expect(result.status).toBe(1);
    const offset = ONE_ERROR.indexOf('12');
    const { line, character } = positionAt(ONE_ERROR, offset);
    expect(result.stdout).toBe(`annotations/riyadh.stance.yaml:${line + 1}:${character + 1}: error sentence-out-of-range: Sentence 12 does not exist: the article has 6 sentences (1–6).\n`);
    expect(result.stderr).toContain('1 error');
  });

  it('honours --max-warnings', () => {
    const ws = corpus(ONE_WARNING);
    expect(run(['check', 'annotations', '--workspace', '.'], ws.root).status).toBe(0);
    expect(run(['check', 'annotations', '--workspace', '.', '--max-warnings', '0'], ws.root).status).toBe(1);
    expect(run(['check', 'annotations', '--workspace=.', '--max-warnings=1'], ws.root).status).toBe(0);
  });

  it('prints JSON with 0-based UTF-16 ranges and severity names', () => {
    const ws = corpus(ONE_ERROR);
    const result = run(['check', '--format', 'json', 'annotations/riyadh.stance.yaml'], ws.root);
    expect(result.status).toBe(1);
    const offset = ONE_ERROR.indexOf('12');
    expect(JSON.parse(result.stdout)).toEqual([
      {
        file: 'annotations/riyadh.stance.yaml',
        range: { start: positionAt(ONE_ERROR, offset), end: positionAt(ONE_ERROR, offset + 2) },
        severity: 'error',
        code: 'sentence-out-of-range',
        message: 'Sentence 12 does not exist: the article has 6 sentences (1–6).',
      },
    ]);
  });

  it('prints SARIF 2.1.0 that validates against the schema, with workspace-relative URIs and 1-based UTF-16 regions (exit status as for text)', () => {
    const ws = corpus(ONE_ERROR);
    const result = run(['check', '--format', 'sarif', 'annotations/riyadh.stance.yaml'], ws.root);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const log = JSON.parse(result.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const [sarifRun] = log.runs;
    expect(sarifRun.columnKind).toBe('utf16CodeUnits');
    expect(sarifRun.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${URI.file(realpathSync(ws.root)).toString()}/` } });
    const offset = ONE_ERROR.indexOf('12');
    const { line, character } = positionAt(ONE_ERROR, offset);
    expect(sarifRun.results).toHaveLength(1);
    expect(sarifRun.results[0]).toMatchObject({
      ruleId: 'sentence-out-of-range',
      level: 'error',
      message: { text: 'Sentence 12 does not exist: the article has 6 sentences (1–6).' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'annotations/riyadh.stance.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: line + 1, startColumn: character + 1, endLine: line + 1, endColumn: character + 3 },
          },
        },
      ],
    });
    expect(sarifRun.tool.driver.rules[sarifRun.results[0].ruleIndex].id).toBe('sentence-out-of-range');
    expect(run(['check', '--format', 'sarif'], corpus(CLEAN).root).status).toBe(0);
  });

  it('treats the folders given as the workspace: nothing outside is read', () => {
    const ws = corpus(CLEAN);
    const result = run(['check', 'annotations', '--format', 'json'], ws.root);
    expect(JSON.parse(result.stdout).map((d: { code: string }) => d.code)).toEqual(['codebook-not-found', 'outside-workspace']);
    const text = run(['check', 'annotations'], ws.root);
    expect(text.stderr).toContain('add --workspace DIR');
    expect(run(['check', 'annotations', '--workspace', '.'], ws.root).stdout).toBe('');
    expect(run(['check', 'annotations', '--workspace', 'articles'], ws.root).status).toBe(2);
  });

  it('checks the annotation files of an article given as a path', () => {
    const ws = corpus(ONE_ERROR);
    const result = run(['check', 'articles/riyadh.txt'], ws.root);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('sentence-out-of-range');
  });

  it('exits 2 on usage errors and unknown flags, with a message on stderr', () => {
    const ws = corpus(CLEAN);
    for (const args of [['check', '--bogus'], ['check', '--format', 'xml'], ['check', '--max-warnings', 'many'], ['check', 'no/such/path'], ['frobnicate'], ['sentences'], ['sentences', 'articles']]) {
      const result = run(args, ws.root);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^standpoint: /);
      expect(result.stdout).toBe('');
    }
  });

  it('prints help and the version', () => {
    const help = run(['--help'], REPO_ROOT);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('standpoint check');
    const version = run(['--version'], REPO_ROOT);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reports nothing for the valid example and every diagnostic code for example/broken (but sentence-moved, which needs a history)', () => {
    const result = run(['check', 'example', '--format', 'json'], REPO_ROOT);
    const findings = JSON.parse(result.stdout) as { file: string; code: string }[];
    expect(findings.filter((f) => !f.file.startsWith('example/broken/'))).toEqual([]);
    // sentence-moved needs what the article said before (git, the record): server/test/gitHistory.test.ts shows it on a corpus of its own.
    const onTheirOwn = Object.keys(DIAGNOSTIC_CODES).filter((code) => code !== 'sentence-moved');
    expect([...new Set(findings.map((f) => f.code))].sort()).toEqual(onTheirOwn.sort());
    expect(result.status).toBe(1);
  });

  it('checks the valid example annotations clean', () => {
    const result = run(['check', 'example/annotations', 'example/codebook.yaml', '--workspace', 'example'], REPO_ROOT);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('standpoint sentences', () => {
  it('prints numbered sentences, and JSON with 0-based UTF-16 positions in BOM-free text', () => {
    const article = '\ufeffTalks 🇺🇦 begin\r\nMr. Rubio spoke. Lavrov replied.\r\n';
    const ws = corpus(CLEAN, { 'articles/bom.txt': article });
    const text = run(['sentences', 'articles/bom.txt'], ws.root);
    expect(text.status).toBe(0);
    expect(text.stdout).toBe('1  1:1  Talks 🇺🇦 begin\n2  2:1  Mr. Rubio spoke.\n3  2:18  Lavrov replied.\n');
    const json = run(['sentences', 'articles/bom.txt', '--json'], ws.root);
    expect(JSON.parse(json.stdout)).toEqual([
      { n: 1, start: { line: 0, character: 0 }, end: { line: 0, character: 16 }, text: 'Talks 🇺🇦 begin' },
      { n: 2, start: { line: 1, character: 0 }, end: { line: 1, character: 16 }, text: 'Mr. Rubio spoke.' },
      { n: 3, start: { line: 1, character: 17 }, end: { line: 1, character: 32 }, text: 'Lavrov replied.' },
    ]);
  });

  it('numbers a hard-wrapped article as its annotation file says, and --hard-wrapped overrides', () => {
    const article = 'A wrapped\nsentence here. And\nanother one.\n';
    const plain = corpus(CLEAN, { 'articles/wrapped.md': article });
    expect(run(['sentences', 'articles/wrapped.md'], plain.root).stdout.split('\n').filter(Boolean)).toHaveLength(4);
    expect(run(['sentences', 'articles/wrapped.md', '--hard-wrapped'], plain.root).stdout.split('\n').filter(Boolean)).toHaveLength(2);

    const annotated = corpus(CLEAN, { 'articles/wrapped.md': article, 'annotations/wrapped.stance.yaml': 'article: ../articles/wrapped.md\nhard-wrapped: true\nannotations: []\n' });
    const result = run(['sentences', path.join('articles', 'wrapped.md')], annotated.root);
    expect(result.stdout).toBe('1  1:1  A wrapped sentence here.\n2  2:16  And another one.\n');
    expect(result.stderr).toContain('annotations/wrapped.stance.yaml');
  });

  it('uses the codebook abbreviations', () => {
    const ws = corpus(CLEAN, { 'codebook.yaml': `${CODEBOOK}abbreviations: [Amb.]\n`, 'articles/amb.txt': 'Amb. Carter arrived.\n' });
    expect(run(['sentences', 'articles/amb.txt'], ws.root).stdout).toBe('1  1:1  Amb. Carter arrived.\n');
  });

  it('refuses binary files with a clear error', () => {
    const ws = corpus(CLEAN, { 'articles/scan.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) });
    const result = run(['sentences', 'articles/scan.txt'], ws.root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('NUL');
  });
});

describe('indexing in worker threads', () => {
  it('gives exactly the diagnostics the main thread gives (80 files, many kinds of problems)', async () => {
    const { createLanguageService } = await import('../src/service/index');
    const { DiskWorkspace } = await import('../src/node/diskWorkspace');
    const { URI } = await import('vscode-uri');
    const files: Record<string, string> = {};
    const variants = [
      'actors: [us, russia]',
      'actors: [Moscow]',
      'actors: [rubio]\n    stances:\n      - { actor: rubio, toward: us-russia-dialogue, stance: support }',
      'quote: held a high level meeting',
    ];
    for (let i = 0; i < 80; i++) {
      files[`annotations/a${i}.stance.yaml`] = `article: ../articles/riyadh.txt\nannotations:\n  - sentence: ${(i % 8) + 1}\n    ${variants[i % variants.length]}\n`;
    }
    const ws = corpus(CLEAN, files);
    const result = run(['check', '--format', 'json'], ws.root);
    const fromCli = JSON.parse(result.stdout) as { file: string; code: string; range: unknown; message: string }[];
    const service = createLanguageService({ workspace: new DiskWorkspace([URI.file(ws.root).toString()]) });
    await service.initialize();
    const expected: typeof fromCli = [];
    for (const uri of service.checkedFiles()) {
      for (const d of await service.diagnostics(uri))
        expected.push({ file: path.relative(ws.root, URI.parse(uri).fsPath), code: String(d.code), range: d.range, message: typeof d.message === 'string' ? d.message : d.message.value });
    }
    const key = (d: { file: string; code: string; range: unknown; message: string }) => JSON.stringify([d.file, d.range, d.code, d.message]);
    expect(fromCli.map(key).sort()).toEqual(expected.map(key).sort());
    expect(fromCli.some((d) => d.code === 'sentence-out-of-range')).toBe(true);
  });
});
