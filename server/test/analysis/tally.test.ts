/**
 * The counts kept file by file (analysis/tally.ts) against the network built
 * afresh from every statement (`buildNetwork`, itself checked against the
 * spec's formulas in networksProperty.test.ts): after any sequence of files
 * changed, added and removed, under every duplicate rule. Seeded.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DuplicateRule, NetworkOptions } from '../../src/service/analysis/types';
import { buildNetwork, duplicatesCompareStance, networkFromCounts } from '../../src/service/analysis/networks';
import { filterRecords } from '../../src/service/analysis/filters';
import { Tally } from '../../src/service/analysis/tally';
import type { FileRecords, StatementRecord } from '../../src/service/analysis/records';
import type { FileSummary } from '../../src/service/workspaceIndex/summary';

const ACTORS = ['a', 'b', 'c'];
const TARGETS = ['t1', 't2', 'a'];
const STANCES: [string, number][] = [
  ['supports', 1],
  ['opposes', -1],
  ['neutral', 0],
];
const FILES = ['x', 'y', 'z'];
const DATES = [undefined, '2025-01-03', '2025-01-06', '2025-02-01'];

function records(name: string, version: number, date: string | undefined, entries: readonly { actor: number; target: number; stance: number; line: number }[]): FileRecords {
  // A new summary object per version: the tally tells changed files by identity, as it does with the index's summaries.
  const summary = { uri: `file:///ws/annotations/${name}.stance.yaml`, articleUri: `file:///ws/articles/${name}.txt`, version } as unknown as FileSummary;
  const paths = { file: `annotations/${name}.stance.yaml`, article: `articles/${name}.txt` };
  const statements: StatementRecord[] = entries.map((entry, i) => {
    const actor = ACTORS[entry.actor];
    const toward = TARGETS[entry.target];
    const [stance, polarity] = STANCES[entry.stance];
    return {
      article: paths.article,
      title: undefined,
      date,
      source: undefined,
      coder: undefined,
      file: paths.file,
      line: entry.line,
      annotation: String(i + 1),
      sentence: 1,
      actor,
      actorName: actor.toUpperCase(),
      actorType: 'state',
      actorAffiliation: undefined,
      toward,
      towardLabel: toward.toUpperCase(),
      towardKind: ACTORS.includes(toward) ? 'actor' : 'topic',
      stance,
      polarity,
      note: undefined,
      summary,
      entry: i,
    };
  });
  return { summary, paths, codebook: undefined as never, document: { date }, statements, invalid: {} };
}

const entryArbitrary = fc.record({
  actor: fc.integer({ min: 0, max: ACTORS.length - 1 }),
  target: fc.integer({ min: 0, max: TARGETS.length - 1 }),
  stance: fc.integer({ min: 0, max: STANCES.length - 1 }),
  line: fc.integer({ min: 1, max: 5 }),
});
/** Each step gives each file new statements, keeps it as it was (null), or removes it (undefined: absent). */
const stepsArbitrary = fc.array(
  fc.array(fc.option(fc.record({ date: fc.integer({ min: 0, max: DATES.length - 1 }), entries: fc.array(entryArbitrary, { maxLength: 6 }) }), { nil: undefined, freq: 4 }), {
    minLength: FILES.length,
    maxLength: FILES.length,
  }),
  { minLength: 1, maxLength: 6 },
);

const OPTIONS: NetworkOptions[] = [
  { type: 'affiliation', aggregate: 'ignore' },
  { type: 'affiliation', aggregate: 'subtract' },
  { type: 'affiliation', aggregate: 'combine' },
  { type: 'congruence' },
  { type: 'conflict', normalize: 'jaccard' },
  { type: 'subtract' },
  { type: 'co-occurrence' },
];
const RULES: DuplicateRule[] = ['include', 'article', 'week', 'month', 'all'];

describe('counts kept file by file', () => {
  it('give the network built afresh after any sequence of edits, additions and removals (every duplicate rule, with and without a date filter)', () => {
    fc.assert(
      fc.property(stepsArbitrary, fc.boolean(), (steps, dated) => {
        const filters = dated ? { from: '2025-01-01', to: '2025-01-31' } : {};
        const tallies = new Map<string, Tally>();
        for (const options of OPTIONS) {
          for (const duplicates of RULES) {
            const compareStance = duplicatesCompareStance({ type: options.type, aggregate: options.aggregate ?? 'ignore' });
            tallies.set(`${JSON.stringify(options)} ${duplicates}`, new Tally({ filters, duplicates, compareStance }));
          }
        }
        const current = new Map<string, FileRecords>();
        let version = 0;
        for (const step of steps) {
          step.forEach((change, i) => {
            if (change === undefined) current.delete(FILES[i]);
            else current.set(FILES[i], records(FILES[i], version++, DATES[change.date], change.entries));
          });
          const files = FILES.flatMap((name) => current.get(name) ?? []);
          const all = filterRecords(
            files.flatMap((f) => f.statements),
            filters,
          ).kept;
          for (const options of OPTIONS) {
            for (const duplicates of RULES) {
              const tally = tallies.get(`${JSON.stringify(options)} ${duplicates}`)!;
              tally.update(files);
              // As the service does, the codebook describes actors (also targets that are actors, whether or not they still take a stance).
              const context = { range: 2, lookupActor: (id: string) => (ACTORS.includes(id) ? { id, name: id.toUpperCase(), type: 'state' } : undefined) };
              const expected = buildNetwork({ statements: all as never, options: { ...options, duplicates }, ...context }).network;
              expect(networkFromCounts(tally.counts(), { ...options, duplicates }, context), `${JSON.stringify(options)} ${duplicates}`).toEqual(expected);
            }
          }
        }
      }),
      { seed: 12, numRuns: 150 },
    );
  });

  it('count left-out statements by filter, and only for files in scope', () => {
    const x = records('x', 1, undefined, [{ actor: 0, target: 0, stance: 0, line: 1 }]);
    const y = records('y', 2, '2025-01-03', [
      { actor: 1, target: 0, stance: 1, line: 1 },
      { actor: 2, target: 0, stance: 1, line: 2 },
    ]);
    const tally = new Tally({ filters: { from: '2025-01-01' }, duplicates: 'include', compareStance: true });
    tally.update([x, y]);
    expect(tally.leftOut()).toEqual({ undated: 1 });
    expect(tally.keptStatements().map((s) => s.actor)).toEqual(['b', 'c']);
    const scoped = new Tally({ filters: { from: '2025-01-01' }, files: new Set([y.summary.uri]), duplicates: 'include', compareStance: true });
    scoped.update([x, y]);
    expect(scoped.leftOut()).toEqual({});
  });
});
