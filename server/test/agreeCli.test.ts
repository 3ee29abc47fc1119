/**
 * `standpoint agree`, spawned as a user runs it, on the hand-worked corpus
 * (server/test/support/agreementCorpus.ts; every alpha below is worked out
 * by hand in agreement.test.ts): the text report, the JSON of the contract,
 * the CSV, --min-alpha's exit status, --coders, PATH…, usage errors (exit 2),
 * the notices on stderr, and the persisted index of a large corpus.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { CLI, testEnvironment } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { AGREEMENT_FILES, GULF_ANA, GULF_BEN, lineOf, STRAIT_CLEO } from './support/agreementCorpus';
import type { AgreementReport } from '../src/service/analysis/types';

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = testEnvironment()) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((dispose) => dispose()));

function corpus(files: Record<string, string> = AGREEMENT_FILES) {
  const ws = tempWorkspace(files);
  disposers.push(ws.dispose);
  return ws;
}

describe('standpoint agree: the report', () => {
  it('prints the table of levels, the pairs, then the disagreements by article and sentence, and exits 0', () => {
    const ws = corpus();
    const result = run(['agree'], ws.root);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Agreement between 3 coders (ana, ben, cleo) on 2 articles');
    // −1/15 = −0.0667, 41/140 = 0.2929, 12/19 = 0.6316, 48/55 = 0.8727; agreement 9/17, 22/34, 6/8, 6/8.
    expect(lines.slice(3, 8)).toEqual([
      'Level       Alpha  Units  Pairable  Agreement',
      'sentences  -0.067      7        17      52.9%',
      'actors      0.293     14        34      64.7%',
      'stances     0.632      5         8      75.0%',
      'polarity    0.873      5         8      75.0%',
    ]);
    // ana / ben: kappas 0.3, 3/7, 0.6, 6/7.
    expect(result.stdout).toContain('ana / ben          2  agreement      71.4%   71.4%    75.0%     75.0%\n                      kappa          0.300   0.429    0.600     0.857\n');
    const gulfStance = `    iran → us: ana opposes, ben mixed\n      annotations/gulf-ports.ana.stance.yaml:${lineOf(GULF_ANA, 'stance: opposes')}  annotations/gulf-ports.ben.stance.yaml:${lineOf(GULF_BEN, 'stance: mixed')}\n`;
    expect(result.stdout).toContain(`articles/gulf-ports.txt\n  sentence 2\n    annotated: ana yes, ben no\n`);
    expect(result.stdout).toContain(gulfStance);
    expect(result.stdout).toContain('Disagreements (11)');
  });

  it('says on stderr what was skipped, merged and self-conflicting', () => {
    const ws = corpus();
    const { stderr } = run(['agree'], ws.root);
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      '1 article skipped: fewer than two coders annotated it (articles/port-fees.txt).',
      "Several files by one coder taken together as that coder's work (one article): articles/strait-talks.txt: ben's annotations/strait-talks.ben-part2.stance.yaml and annotations/strait-talks.ben.stance.yaml.",
      '1 self-conflict: a coder gave one statement two different stances; counted as missing for that coder, listed in the report (articles/strait-talks.txt sentence 1, cleo).',
    ]);
  });

  it('--format json writes the contract’s keys with the hand-worked figures', () => {
    const ws = corpus();
    const result = run(['agree', '--format', 'json'], ws.root);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as AgreementReport;
    expect(Object.keys(report)).toEqual(['coders', 'corpus', 'articles', 'pairs', 'disagreements', 'conflicts', 'skipped', 'merged', 'outOfRange']);
    expect(report.corpus.sentences.alpha).toBeCloseTo(-1 / 15, 10);
    expect(report.corpus.actors.alpha).toBeCloseTo(41 / 140, 10);
    expect(report.corpus.stances.alpha).toBeCloseTo(12 / 19, 10);
    expect(report.corpus.polarity.alpha).toBeCloseTo(48 / 55, 10);
    expect(report.corpus.actors).toMatchObject({ units: 14, pairable: 34 });
    expect(report.articles.map((a) => [a.article, a.coders])).toEqual([
      ['articles/gulf-ports.txt', ['ana', 'ben']],
      ['articles/strait-talks.txt', ['ana', 'ben', 'cleo']],
    ]);
    expect(report.pairs.find((p) => p.coders.join() === 'ben,cleo')!.actors.kappa).toBeCloseTo(0.25, 10);
    expect(report.disagreements).toHaveLength(11);
    expect(report.conflicts[0].places.map((p) => p.line)).toEqual([lineOf(STRAIT_CLEO, 'stance: supports'), lineOf(STRAIT_CLEO, 'stance: opposes')]);
    expect(result.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('--format csv writes the figures as one long table', () => {
    const ws = corpus();
    const result = run(['agree', '--format', 'csv'], ws.root);
    expect(result.status).toBe(0);
    const rows = result.stdout.split('\r\n');
    expect(rows[0]).toBe('scope,article,coder_a,coder_b,level,alpha,kappa,agreement,units,pairable,articles,reason');
    expect(rows[1]).toMatch(/^corpus,,,,sentences,-0\.0666666666\d*,,0\.5294117647\d*,7,17,2,$/);
    expect(rows.filter((row) => row.startsWith('pair,,ana,ben,'))).toHaveLength(4);
    expect(rows.filter((row) => row.startsWith('article,articles/strait-talks.txt,'))).toHaveLength(4);
  });
});

describe('standpoint agree: --min-alpha, the CI gate', () => {
  it('exits 1 when a corpus alpha is below it, naming the levels, and 0 when none is', () => {
    const ws = corpus();
    const failed = run(['agree', '--min-alpha', '0.6', '--format', 'json'], ws.root);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('--min-alpha 0.6: failed, alpha below 0.6: sentences -0.067, actors 0.293.\n');
    const text = run(['agree', '--min-alpha=0.6'], ws.root);
    expect(text.status).toBe(1);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('--min-alpha 0.6: failed, alpha below 0.6: sentences -0.067, actors 0.293');
    const passed = run(['agree', '--min-alpha', '-0.1'], ws.root);
    expect(passed.status).toBe(0);
    expect(passed.stderr).toContain('--min-alpha -0.1: passed.\n');
  });

  it('fails when nothing could be compared', () => {
    const ws = corpus({
      'codebook.yaml': AGREEMENT_FILES['codebook.yaml'],
      'articles/port-fees.txt': AGREEMENT_FILES['articles/port-fees.txt'],
      'annotations/port-fees.ana.stance.yaml': AGREEMENT_FILES['annotations/port-fees.ana.stance.yaml'],
    });
    const plain = run(['agree'], ws.root);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('No article has annotation files from two or more coders: nothing to compare.');
    expect(plain.stderr).toContain('nothing was compared');
    const gated = run(['agree', '--min-alpha', '0.8'], ws.root);
    expect(gated.status).toBe(1);
    expect(gated.stderr).toContain('--min-alpha 0.8: failed, no alpha could be computed, so --min-alpha 0.8 cannot be met.');
  });
});

describe('standpoint agree: what is compared', () => {
  it('--coders compares only those coders, in the order given', () => {
    const ws = corpus();
    const result = run(['agree', '--coders', 'cleo,ana', '--format', 'json'], ws.root);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as AgreementReport;
    expect(report.coders).toEqual(['cleo', 'ana']);
    // Strait, ana and cleo: s1 (1,1) s2 (1,0) s3 (0,1): α = 1 − 5·4/(2·4·2) = −0.25.
    expect(report.corpus.sentences.alpha).toBeCloseTo(-0.25, 10);
    expect(report.skipped.map((s) => s.article)).toEqual(['articles/gulf-ports.txt', 'articles/port-fees.txt']);
    expect(JSON.parse(run(['agree', '--coders', 'cleo', '--coders', 'ana', '--format', 'json'], ws.root).stdout).coders).toEqual(['cleo', 'ana']);
  });

  it('PATH… selects annotation files, or an article’s files', () => {
    const ws = corpus();
    const files = run(['agree', 'annotations/strait-talks.ana.stance.yaml', 'annotations/strait-talks.cleo.stance.yaml', '--format', 'json'], ws.root);
    expect(files.status).toBe(0);
    const report = JSON.parse(files.stdout) as AgreementReport;
    expect(report.articles.map((a) => [a.article, a.files])).toEqual([['articles/strait-talks.txt', ['annotations/strait-talks.ana.stance.yaml', 'annotations/strait-talks.cleo.stance.yaml']]]);
    const article = JSON.parse(run(['agree', 'articles/gulf-ports.txt', '--format', 'json'], ws.root).stdout) as AgreementReport;
    expect(article.articles.map((a) => a.article)).toEqual(['articles/gulf-ports.txt']);
    expect(article.corpus.sentences.alpha).toBeCloseTo(-1 / 6, 10);
    const folder = JSON.parse(run(['agree', 'annotations', '--workspace', '.', '--format', 'json'], ws.root).stdout) as AgreementReport;
    expect(folder.articles).toHaveLength(2);
  });

  it('refuses bad options with exit 2 and says what is allowed', () => {
    const ws = corpus();
    const refused = (args: string[]) => {
      const result = run(['agree', ...args], ws.root);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      return result.stderr.split('\n')[0];
    };
    expect(refused(['--coders', 'ana,zed,yan'])).toBe("standpoint: --coders: no annotation file has coder 'zed', 'yan' (coders found: ana, ben, cleo)");
    expect(refused(['--coders', 'ana'])).toBe('standpoint: --coders: name at least two coders to compare');
    expect(refused(['--coders', 'ana,,ben'])).toBe('standpoint: --coders takes coder ids separated by commas, e.g. --coders ana,ben (an empty name is not one)');
    expect(refused(['--min-alpha', 'high'])).toBe("standpoint: --min-alpha: expected a number from -1 to 1, got 'high'");
    expect(refused(['--min-alpha', '1.5'])).toBe("standpoint: --min-alpha: expected a number from -1 to 1, got '1.5'");
    expect(refused(['--min-alpha'])).toBe('standpoint: --min-alpha needs a value');
    expect(refused(['--format', 'xml'])).toBe('standpoint: --format must be text, json, csv, not `xml`');
    expect(refused(['--coder', 'ana'])).toBe('standpoint: --coder is an option of `export`; `agree` takes --coders A,B');
    expect(refused(['nowhere'])).toBe('standpoint: no such file or folder: nowhere');
    expect(refused(['articles'])).toBe('standpoint: no annotation files (*.stance.yaml) in articles');
  });

  it('the help lists agree and its options', () => {
    const help = run(['--help'], process.cwd()).stdout;
    expect(help).toContain('standpoint agree [PATH…] [--coders A,B,…] [--format text|json|csv [--disagreements]] [--min-alpha X] [--workspace DIR] [--no-cache]');
    expect(help).toContain('--format csv writes the figures; with --disagreements,');
  });
});

describe('standpoint agree: a large corpus', () => {
  it('is indexed in workers and read from the persisted index on the second run, with the same report', () => {
    const files: Record<string, string> = { 'codebook.yaml': AGREEMENT_FILES['codebook.yaml'] };
    for (let i = 0; i < 35; i++) {
      const name = `gulf-${String(i).padStart(2, '0')}`;
      files[`articles/${name}.txt`] = AGREEMENT_FILES['articles/gulf-ports.txt'];
      files[`annotations/${name}.ana.stance.yaml`] = GULF_ANA.replace('gulf-ports.txt', `${name}.txt`);
      files[`annotations/${name}.ben.stance.yaml`] = GULF_BEN.replace('gulf-ports.txt', `${name}.txt`);
    }
    const ws = corpus(files);
    const env = testEnvironment({ STANDPOINT_CACHE_DIR: ws.path('cache') });
    const first = run(['agree', '--format', 'json'], ws.root, env);
    expect(first.status).toBe(0);
    const report = JSON.parse(first.stdout) as AgreementReport;
    expect(report.articles).toHaveLength(35);
    // Every article is Gulf: 35 × 4 sentence units; Gulf's alone has alpha −1/6, and pooled copies of it keep its
    // observed disagreement share (o10 = 70, n = 280, n1 = 210, n0 = 70): α = 1 − 279·140/(2·210·70) = −0.3286 (not −1/6:
    // alpha's n − 1 grows with the corpus).
    expect(report.corpus.sentences.alpha).toBeCloseTo(1 - (279 * 140) / (2 * 210 * 70), 10);
    expect(readdirSync(ws.path('cache')).filter((name) => name.startsWith('index-'))).toHaveLength(1);
    const second = run(['agree', '--format', 'json'], ws.root, env);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe(first.stderr);
  });
});
