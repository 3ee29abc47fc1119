/**
 * docs/agreement.md works the example corpus's doubly coded article out by
 * hand (issue 14, item 5). Here the report of `standpoint agree` on it must
 * equal those hand-computed figures, written below as the fractions the docs
 * derive from the two files; and each command the docs show (a
 * `$ standpoint agree …` block followed by an output block) is run, every line
 * shown must be a line the tool prints, so the document cannot drift.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, testEnvironment } from '../server/test/support/lspClient';

const ROOT = path.resolve(__dirname, '..');
const DOC = readFileSync(path.join(ROOT, 'docs', 'agreement.md'), 'utf8');
const EXAMPLES = [...DOC.matchAll(/```sh\n\$ (standpoint agree [^\n]+)\n```\n```text\n([\s\S]*?)```/g)].map(([, command, output]) => ({
  command,
  lines: output.split('\n').filter((line) => line && line !== '…'),
}));

function agree(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, 'agree', ...args], { cwd: ROOT, encoding: 'utf8', env: testEnvironment() });
}

interface Figure {
  alpha: number | null;
  units: number;
  pairable: number;
  agreement: number | null;
}
interface PairFigure {
  agreement: number | null;
  kappa: number | null;
  units: number;
}
interface Report {
  coders: string[];
  corpus: Record<string, Figure>;
  pairs: ({ coders: string[]; articles: number } & Record<string, PairFigure>)[];
  disagreements: { level: string; sentence: number; actor?: string; target?: string; values: Record<string, unknown>; places: { file: string; line: number; coder: string }[] }[];
  skipped: { article: string }[];
}

describe('docs/agreement.md: the example corpus worked by hand', () => {
  const result = agree(['example', '--coders', 'ana,ben', '--format', 'json']);
  const report = JSON.parse(result.stdout) as Report;

  it('compares Ana and Ben on riyadh-talks and skips the two articles only Ana coded', () => {
    expect(result.status, result.stderr).toBe(0);
    expect(report.coders).toEqual(['ana', 'ben']);
    expect(report.skipped.map((s) => s.article)).toEqual(['articles/ceasefire-briefing.md', 'articles/european-reaction.txt']);
  });

  it('sentences: 20 both, 2 only Ana, 2 only Ben, 28 neither of 52', () => {
    // o11 = 40, o00 = 56, o10 = o01 = 4; n1 = 44, n0 = 60, n = 104.
    expect(report.corpus.sentences.units).toBe(52);
    expect(report.corpus.sentences.pairable).toBe(104);
    expect(report.corpus.sentences.alpha).toBeCloseTo(1 - (103 * 8) / (2 * 44 * 60), 10);
    expect(report.corpus.sentences.agreement).toBeCloseTo(96 / 104, 10);
    expect(report.pairs[0].sentences.kappa).toBeCloseTo((2496 - 1384) / (2704 - 1384), 10);
  });

  it('actors: 18 actors × 52 sentences; 33 pairs both, 3 only Ana, 7 only Ben', () => {
    // o11 = 66, o10 = o01 = 10, o00 = 1,786; n1 = 76, n0 = 1,796, n = 1,872.
    expect(report.corpus.actors.units).toBe(936);
    expect(report.corpus.actors.pairable).toBe(1872);
    expect(report.corpus.actors.alpha).toBeCloseTo(1 - (1871 * 20) / (2 * 76 * 1796), 10);
    expect(report.corpus.actors.agreement).toBeCloseTo(1852 / 1872, 10);
    // Cohen: p_o = 926/936; p_e = (36 · 40 + 900 · 896) / 936².
    expect(report.pairs[0].actors.kappa).toBeCloseTo((926 * 936 - (36 * 40 + 900 * 896)) / (936 * 936 - (36 * 40 + 900 * 896)), 10);
  });

  it('stances: 27 units, 21 pairable, 2 disagreements; supports 25, opposes 15, mixed 2', () => {
    expect(report.corpus.stances.units).toBe(27);
    expect(report.corpus.stances.pairable).toBe(42);
    expect(report.corpus.stances.alpha).toBeCloseTo(1 - (41 * 4) / (42 * 42 - 25 * 25 - 15 * 15 - 2 * 2), 10);
    expect(report.corpus.stances.agreement).toBeCloseTo(19 / 21, 10);
    expect(report.pairs[0].stances.kappa).toBeCloseTo(187 / 229, 10);
  });

  it('polarity: the same units on −1, 0, 1', () => {
    expect(report.corpus.polarity.alpha).toBeCloseTo(1 - (41 * 4) / (2 * (25 * 15 * 4 + 25 * 2 + 15 * 2)), 10);
    expect(report.corpus.polarity.agreement).toBeCloseTo(19 / 21, 10);
    expect(report.pairs[0].polarity.kappa).toBeCloseTo(1 - 42 / 790, 10);
  });

  it('lists the 16 disagreements with each coder’s value and the places that gave it', () => {
    const byLevel = (level: string) => report.disagreements.filter((d) => d.level === level);
    expect(byLevel('sentences').map((d) => d.sentence)).toEqual([16, 23, 34, 38]);
    expect(byLevel('actors').map((d) => `${d.sentence} ${d.actor}`)).toEqual([
      '4 ukraine',
      '16 rt',
      '16 russia',
      '23 nato',
      '23 ukraine',
      '33 russia',
      '33 ukraine',
      '34 al-arabiya',
      '38 ukraine',
      '38 un',
    ]);
    expect(byLevel('polarity')).toEqual([]);
    const stances = byLevel('stances');
    expect(stances.map((d) => [d.sentence, d.actor, d.target, d.values])).toEqual([
      [21, 'russia', 'ceasefire', { ana: 'mixed', ben: 'opposes' }],
      [47, 'us', 'sanctions-relief', { ana: 'mixed', ben: 'supports' }],
    ]);
    // The stance entries' lines in the two files (Ana's sentence 21 is a quote alone, at her line 97).
    const lineOf = (file: string, needle: string, after: string) => {
      const text = readFileSync(path.join(ROOT, 'example', file), 'utf8');
      return text.slice(0, text.indexOf(needle, text.indexOf(after))).split('\n').length;
    };
    const ana = 'annotations/riyadh-talks.ana.stance.yaml';
    const ben = 'annotations/riyadh-talks.ben.stance.yaml';
    expect(stances[0].places).toEqual([
      { file: ana, line: lineOf(ana, '- actor: russia', 'put it bluntly'), coder: 'ana' },
      { file: ben, line: lineOf(ben, '- actor: russia', 'not a line on a map'), coder: 'ben' },
    ]);
    expect(stances[0].places.map((p) => p.line)).toEqual([100, 89]);
  });
});

describe('standpoint agree --format csv --disagreements on the example', () => {
  it('writes one row per disagreement and coder, with that coder’s value and places', () => {
    const result = agree(['example', '--coders', 'ana,ben', '--format', 'csv', '--disagreements']);
    expect(result.status, result.stderr).toBe(0);
    const rows = result.stdout.split('\r\n');
    expect(rows[0]).toBe('article,sentence,level,actor,target,coder,value,polarity,places');
    // 16 disagreements (worked out above) × 2 coders, and the empty string after the last CRLF.
    expect(rows).toHaveLength(1 + 32 + 1);
    expect(rows.at(-1)).toBe('');
    expect(rows).toContain('articles/riyadh-talks.txt,21,stances,russia,ceasefire,ana,mixed,0,annotations/riyadh-talks.ana.stance.yaml:100');
    expect(rows).toContain('articles/riyadh-talks.txt,21,stances,russia,ceasefire,ben,opposes,-1,annotations/riyadh-talks.ben.stance.yaml:89');
    // Ben did not annotate sentence 16: his value is 0 and he has no place.
    expect(rows).toContain('articles/riyadh-talks.txt,16,sentences,,,ben,0,,');
    expect(rows).toContain('articles/riyadh-talks.txt,16,sentences,,,ana,1,,annotations/riyadh-talks.ana.stance.yaml:69');
  });

  it('is refused with the text and JSON reports, which list the disagreements already', () => {
    for (const format of [[], ['--format', 'json']]) {
      const result = agree(['example', ...format, '--disagreements']);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')[0]).toBe(`standpoint: --disagreements goes with --format csv (the ${format[1] ?? 'text'} report lists the disagreements already)`);
    }
  });
});

describe('the commands docs/agreement.md shows', () => {
  it('are there', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(1);
  });
  for (const { command, lines } of EXAMPLES) {
    it(command, () => {
      const result = agree(command.split(' ').slice(2));
      expect(result.status, result.stderr).toBe(0);
      const printed = new Set(result.stdout.split(/\r?\n/));
      for (const line of lines) expect(printed, `${line}\nis not in what the tool prints:\n${result.stdout}`).toContain(line);
    });
  }
});
