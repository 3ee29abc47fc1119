import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { CLI, testEnvironment } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { gitSetUp as git } from './support/gitSetUp';
import { positionAt } from './helpers';
import { WIND_ANA, WIND_ARTICLE, WIND_ARTICLE_EDITED, WIND_BEN, WIND_CODEBOOK } from './support/windFarm';
import { findGit, Git, gitAvailable, SAFE_CONFIG } from '../src/node/git';
import { GitHistory } from '../src/node/gitHistory';
import type { EarlierArticleQuery } from '../src/service/index';

/*
 * The git record and `standpoint check --fix` (issue 15, items 3 and 4), on
 * real git repositories made here. Skipped, with a message, where git is
 * not installed.
 */

const HAVE_GIT = gitAvailable();
if (!HAVE_GIT) console.warn('gitHistory.test.ts: no git on PATH, the git tests are skipped');

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((dispose) => dispose()));

const ANA = 'annotations/wind.ana.stance.yaml';
const BEN = 'annotations/wind.ben.stance.yaml';
const ARTICLE = 'articles/wind.txt';

/** A repository whose first commit holds the corpus and whose second edits the article only. */
function committedCorpus() {
  const ws = tempWorkspace({ 'codebook.yaml': WIND_CODEBOOK, [ARTICLE]: WIND_ARTICLE, [ANA]: WIND_ANA, [BEN]: WIND_BEN }, 'standpoint-git-');
  disposers.push(ws.dispose);
  git(ws.root, 'init', '-q');
  git(ws.root, 'add', '.');
  git(ws.root, 'commit', '-q', '-m', 'Corpus as coded');
  ws.write(ARTICLE, WIND_ARTICLE_EDITED);
  git(ws.root, 'commit', '-q', '-am', 'A correction, a note and a cut');
  return ws;
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh cache folder (the record lives there), removed after the test. */
function freshEnvironment(): NodeJS.ProcessEnv {
  const cache = mkdtempSync(path.join(tmpdir(), 'standpoint-git-cache-'));
  disposers.push(() => rmSync(cache, { recursive: true, force: true }));
  return testEnvironment({ STANDPOINT_CACHE_DIR: cache });
}

/** `file:line` of the number in `sentence: N` of the item with `id: <id>` (1-based line, as the CLI prints). */
function lineOf(text: string, id: string): number {
  const body = text.replace(/^\ufeff/, '');
  const at = body.indexOf('sentence: ', body.indexOf(`id: ${id}`));
  return positionAt(body, at).line + 1;
}

interface Finding {
  readonly file: string;
  readonly code: string;
  readonly range: { start: { line: number } };
}

describe.skipIf(!HAVE_GIT)('standpoint check with git (a real repository)', () => {
  it('reports sentence-moved exactly for the shifted annotations; --fix points every one at its original text again, every other byte unchanged', () => {
    const ws = committedCorpus();
    const env = freshEnvironment();
    const checked = run(['check', '--format', 'json'], ws.root, env);
    const findings = JSON.parse(checked.stdout) as Finding[];
    const movedLines = findings.filter((f) => f.code === 'sentence-moved').map((f) => `${f.file}:${f.range.start.line + 1}`);
    expect(movedLines).toEqual([
      `${ANA}:${lineOf(WIND_ANA, 'no-bids')}`,
      `${ANA}:${lineOf(WIND_ANA, 'costs')}`,
      `${ANA}:${lineOf(WIND_ANA, 'equinor-silent')}`,
      `${ANA}:${lineOf(WIND_ANA, 'opposition')}`,
      `${ANA}:${lineOf(WIND_ANA, 'fishermen')}`,
      `${BEN}:${lineOf(WIND_BEN, 'review')}`,
      `${BEN}:${lineOf(WIND_BEN, 'cap')}`,
      `${BEN}:${lineOf(WIND_BEN, 'next-round')}`,
    ]);
    expect(movedLines).toEqual([`${ANA}:9`, `${ANA}:13`, `${ANA}:19`, `${ANA}:21`, `${ANA}:23`, `${BEN}:5`, `${BEN}:8`, `${BEN}:11`]);

    const fixed = run(['check', '--fix'], ws.root, env);
    const changes = fixed.stdout.split('\n').filter((line) => line.includes(' → '));
    expect(changes).toEqual([
      `${ANA}:9: sentence 3 → 5 (“Not a single consortium bid for the Utsira Nord lease on Fr…”)`,
      `${ANA}:13: sentence 4 → 6 (“Developers blamed rising turbine costs and a subsidy cap th…”)`,
      `${ANA}:21: sentence 7 → 8 (“Opposition MPs called the result “an embarrassment for the …”)`,
      `${ANA}:23: sentence 9 → 11 (“Fishermen’s groups, who opposed the lease, welcomed the out…”)`,
      `${BEN}:5: sentence 6 → 7 (“The ministry said it would review the terms before the autu…”)`,
      `${BEN}:8: sentence 8 → 10 (“Analysts at DNB said the cap could be raised without new le…”)`,
      `${BEN}:11: sentence 10 → 12 (“A second round is due in 2026.”)`,
    ]);
    expect(fixed.stderr).toContain('Fixed 7 sentence numbers in 2 files.');
    // Equinor's sentence is gone: it is still reported after the fix, in this run and the next.
    expect(fixed.stdout).toMatch(new RegExp(`^${ANA}:19:15: warning sentence-moved: Sentence 5 is gone: `, 'm'));
    expect(readFileSync(ws.path(ANA), 'utf8')).toBe(
      WIND_ANA.replace('sentence: 3\n', 'sentence: 5\n').replace('sentence: 4\n', 'sentence: 6\n').replace('sentence: 7,', 'sentence: 8,').replace('sentence: 9   #', 'sentence: 11   #'),
    );
    expect(readFileSync(ws.path(BEN), 'utf8')).toBe(
      WIND_BEN.replace('sentence: 10\r\n', 'sentence: 12\r\n').replace('sentence: 8\r\n', 'sentence: 10\r\n').replace('sentence: 6\r\n', 'sentence: 7\r\n'),
    );
    // Articles are never written.
    expect(readFileSync(ws.path(ARTICLE), 'utf8')).toBe(WIND_ARTICLE_EDITED);

    const after = run(['check', '--format', 'json'], ws.root, env);
    const left = (JSON.parse(after.stdout) as Finding[]).filter((f) => f.code === 'sentence-moved' || f.code.startsWith('quote-') || f.code === 'sentence-out-of-range');
    expect(left.map((f) => `${f.file}:${f.range.start.line + 1}:${f.code}`)).toEqual([`${ANA}:19:sentence-moved`]);
    // A second --fix has nothing left to do.
    const again = run(['check', '--fix'], ws.root, env);
    expect(again.stderr).toContain('Nothing to fix.');
  });

  it('after --fix, an annotation fixed to the number another one had is not mistaken for it (no ids, no quotes, neighbouring sentences)', () => {
    const plain = `article: ../articles/wind.txt\nannotations:\n  - sentence: 3\n    actors: [ministry]\n  - sentence: 4\n    actors: [developers]\n  - sentence: 6\n    actors: [ministry]\n`;
    const ws = tempWorkspace({ 'codebook.yaml': WIND_CODEBOOK, [ARTICLE]: WIND_ARTICLE, 'annotations/plain.stance.yaml': plain }, 'standpoint-git-');
    disposers.push(ws.dispose);
    git(ws.root, 'init', '-q');
    git(ws.root, 'add', '.');
    git(ws.root, 'commit', '-q', '-m', 'one');
    ws.write(ARTICLE, `Correction: an earlier version misnamed the lease.\n${WIND_ARTICLE}`);
    git(ws.root, 'commit', '-q', '-am', 'two');
    const env = freshEnvironment();
    const fixed = run(['check', '--fix'], ws.root, env);
    expect(
      fixed.stdout
        .split('\n')
        .filter((line) => line.includes(' → '))
        .map((line) => line.replace(/ \(.*/, '')),
    ).toEqual(['annotations/plain.stance.yaml:3: sentence 3 → 4', 'annotations/plain.stance.yaml:5: sentence 4 → 5', 'annotations/plain.stance.yaml:7: sentence 6 → 7']);
    expect(readFileSync(ws.path('annotations/plain.stance.yaml'), 'utf8')).toBe(
      plain.replace('sentence: 6', 'sentence: 7').replace('sentence: 4', 'sentence: 5').replace('sentence: 3', 'sentence: 4'),
    );
    // The fixed `sentence: 4` is not taken for the old `sentence: 4` (which went to 5): nothing is reported now.
    const after = run(['check', '--format', 'json'], ws.root, env);
    expect((JSON.parse(after.stdout) as Finding[]).filter((f) => f.code === 'sentence-moved')).toEqual([]);
  });

  it('--no-git: no git record (and no record yet): nothing is reported', () => {
    const ws = committedCorpus();
    const result = run(['check', '--format', 'json', '--no-git'], ws.root, freshEnvironment());
    expect((JSON.parse(result.stdout) as Finding[]).filter((f) => f.code === 'sentence-moved')).toEqual([]);
  });

  it('an annotation file modified since its commit (work tree or index) or never committed has no git record', () => {
    const ws = committedCorpus();
    ws.write(BEN, WIND_BEN.replace('- id: cap', '- id: cap-note'));
    git(ws.root, 'add', BEN);
    ws.write(ANA, `${WIND_ANA}\n`);
    ws.write('annotations/wind.cleo.stance.yaml', WIND_ANA.replace('coder: ana', 'coder: cleo'));
    const result = run(['check', '--format', 'json'], ws.root, freshEnvironment());
    expect((JSON.parse(result.stdout) as Finding[]).filter((f) => f.code === 'sentence-moved')).toEqual([]);
  });
});

describe.skipIf(!HAVE_GIT)('the record of the last clean check (no git)', () => {
  it('an article edited after a clean check: sentence-moved from the record; --fix; the record follows', () => {
    const ws = tempWorkspace({ 'codebook.yaml': WIND_CODEBOOK, [ARTICLE]: WIND_ARTICLE, [ANA]: WIND_ANA, [BEN]: WIND_BEN }, 'standpoint-record-');
    disposers.push(ws.dispose);
    const env = freshEnvironment();
    const clean = run(['check', '--format', 'json'], ws.root, env);
    expect((JSON.parse(clean.stdout) as Finding[]).filter((f) => f.code === 'sentence-moved')).toEqual([]);
    ws.write(ARTICLE, WIND_ARTICLE_EDITED);
    const moved = run(['check', '--format', 'json'], ws.root, env);
    const findings = (JSON.parse(moved.stdout) as Finding[]).filter((f) => f.code === 'sentence-moved');
    expect(findings.map((f) => `${f.file}:${f.range.start.line + 1}`)).toEqual([`${ANA}:9`, `${ANA}:13`, `${ANA}:19`, `${ANA}:21`, `${ANA}:23`, `${BEN}:5`, `${BEN}:8`, `${BEN}:11`]);
    const fixed = run(['check', '--fix'], ws.root, env);
    expect(fixed.stderr).toContain('Fixed 7 sentence numbers in 2 files.');
    // The gone one stays reported; remove it, and the next check is clean and updates the record.
    ws.write(ANA, readFileSync(ws.path(ANA), 'utf8').replace('  - id: equinor-silent\n    sentence: 5\n    actors: [equinor]\n', ''));
    const after = run(['check', '--format', 'json'], ws.root, env);
    expect((JSON.parse(after.stdout) as Finding[]).filter((f) => f.code === 'sentence-moved')).toEqual([]);
    // A later edit that moves nothing stays clean (the record holds the edited article now).
    ws.write(ARTICLE, WIND_ARTICLE_EDITED.replace('Falls Flat', 'Falls Flat Again'));
    const later = run(['check', '--format', 'json'], ws.root, env);
    expect((JSON.parse(later.stdout) as Finding[]).filter((f) => f.code === 'sentence-moved')).toEqual([]);
  });
});

describe.skipIf(!HAVE_GIT)('GitHistory', () => {
  const executable = HAVE_GIT ? findGit([])! : '';

  function query(root: string, annotation: string, article: string): EarlierArticleQuery {
    return {
      annotationUri: URI.file(path.join(root, annotation)).toString(),
      articleUri: URI.file(path.join(root, article)).toString(),
      annotationText: async () => readFileSync(path.join(root, annotation), 'utf8').replace(/^\ufeff/, ''),
      articleText: async () => readFileSync(path.join(root, article), 'utf8'),
    };
  }

  function history(root: string, gitPath = executable) {
    return new GitHistory(new Git(gitPath), () => [URI.file(root).toString()]);
  }

  it('gives the article as of the annotation file’s last commit, named by that commit', async () => {
    const ws = committedCorpus();
    const first = git(ws.root, 'rev-list', '--max-parents=0', 'HEAD').trim();
    const earlier = await history(ws.root).earlier(query(ws.root, ANA, ARTICLE));
    expect(earlier).toEqual({ text: WIND_ARTICLE, source: 'git', since: `this file's last commit (${first.slice(0, 7)})` });
    // The CRLF file with a BOM hashes to its blob too.
    expect((await history(ws.root).earlier(query(ws.root, BEN, ARTICLE)))?.text).toBe(WIND_ARTICLE);
  });

  it('nothing when the article did not change after, or changed back', async () => {
    const ws = tempWorkspace({ 'codebook.yaml': WIND_CODEBOOK, [ARTICLE]: WIND_ARTICLE, [ANA]: WIND_ANA }, 'standpoint-git-');
    disposers.push(ws.dispose);
    git(ws.root, 'init', '-q');
    git(ws.root, 'add', '.');
    git(ws.root, 'commit', '-q', '-m', 'one');
    expect(await history(ws.root).earlier(query(ws.root, ANA, ARTICLE))).toBeUndefined();
    ws.write(ARTICLE, WIND_ARTICLE_EDITED);
    expect(await history(ws.root).earlier(query(ws.root, ANA, ARTICLE))).toBeDefined(); // changed in the work tree only
    ws.write(ARTICLE, WIND_ARTICLE);
    expect(await history(ws.root).earlier(query(ws.root, ANA, ARTICLE))).toBeUndefined();
  });

  it('no record, no error: no repository, a missing git, a shallow clone, an untracked or modified file', async () => {
    const plain = tempWorkspace({ [ARTICLE]: WIND_ARTICLE, [ANA]: WIND_ANA }, 'standpoint-nogit-');
    disposers.push(plain.dispose);
    expect(await history(plain.root).earlier(query(plain.root, ANA, ARTICLE))).toBeUndefined();

    const ws = committedCorpus();
    expect(await history(ws.root, path.join(ws.root, 'no-such-git')).earlier(query(ws.root, ANA, ARTICLE))).toBeUndefined();

    const shallowParent = mkdtempSync(path.join(tmpdir(), 'standpoint-shallow-'));
    disposers.push(() => rmSync(shallowParent, { recursive: true, force: true }));
    const shallow = path.join(shallowParent, 'clone');
    git(shallowParent, 'clone', '-q', '--depth', '1', `file://${ws.root}`, shallow);
    expect(git(shallow, 'rev-parse', '--is-shallow-repository').trim()).toBe('true');
    expect(await history(shallow).earlier(query(shallow, ANA, ARTICLE))).toBeUndefined();

    writeFileSync(path.join(ws.root, 'annotations/new.stance.yaml'), WIND_ANA);
    expect(await history(ws.root).earlier(query(ws.root, 'annotations/new.stance.yaml', ARTICLE))).toBeUndefined();
    ws.write(ANA, WIND_ANA.replace('coder: ana', 'coder: ana2'));
    expect(await history(ws.root).earlier(query(ws.root, ANA, ARTICLE))).toBeUndefined();
    git(ws.root, 'add', ANA);
    expect(await history(ws.root).earlier(query(ws.root, ANA, ARTICLE))).toBeUndefined();
  });

  it('runs none of the programs a repository’s configuration names (fsmonitor, filters, textconv, diff, pager, hooks)', async () => {
    const ws = committedCorpus();
    const marker = path.join(ws.root, 'ran');
    const script = path.join(ws.root, 'evil.sh');
    writeFileSync(script, `#!/bin/sh\necho "$0 $*" >> '${marker}'\ncat\n`);
    chmodSync(script, 0o755);
    // Set up after the commits (git add would run the filter).
    for (const [key, value] of [
      ['core.fsmonitor', script],
      ['core.pager', script],
      ['core.hooksPath', ws.root],
      ['filter.evil.clean', script],
      ['filter.evil.smudge', script],
      ['filter.evil.process', script],
      ['diff.evil.textconv', script],
      ['diff.external', script],
      ['core.sshCommand', script],
      ['gpg.program', script],
      ['log.showSignature', 'true'],
    ]) {
      git(ws.root, 'config', key, value);
    }
    writeFileSync(path.join(ws.root, '.gitattributes'), '* filter=evil diff=evil\n');
    for (const hook of ['post-index-change', 'reference-transaction', 'post-checkout']) writeFileSync(path.join(ws.root, hook), `#!/bin/sh\necho hook >> '${marker}'\n`);
    // Make git hash the file again (its stat changed), which is when a clean filter would run.
    ws.write(ANA, WIND_ANA);
    // The trap is armed: a plain `git status` here runs the repository's programs.
    spawnSync(executable, ['status', '--porcelain'], { cwd: ws.root, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
    ws.write(ANA, WIND_ANA);
    // Standpoint's questions (ls-files, ls-tree, log, cat-file; files hashed here) run none of them.
    const earlier = await history(ws.root).earlier(query(ws.root, ANA, ARTICLE));
    expect(earlier?.text).toBe(WIND_ARTICLE);
    await history(ws.root).prepare([{ annotationUri: query(ws.root, BEN, ARTICLE).annotationUri, articleUri: query(ws.root, BEN, ARTICLE).articleUri }]);
    expect(existsSync(marker) ? readFileSync(marker, 'utf8') : '').toBe('');
    expect(SAFE_CONFIG).toContain('core.fsmonitor=false');
  });

  it('findGit never takes a git inside the workspace, even first on PATH', () => {
    const ws = tempWorkspace({ 'bin/git': '#!/bin/sh\necho pwned\n' }, 'standpoint-path-');
    disposers.push(ws.dispose);
    chmodSync(ws.path('bin/git'), 0o755);
    const found = findGit([ws.root], { PATH: `${ws.path('bin')}${path.delimiter}bin${path.delimiter}${process.env.PATH}` });
    expect(found).toBe(executable);
    expect(found!.startsWith(ws.root)).toBe(false);
  });
});
