/**
 * The co-mention network under every duplicate rule against the definition
 * read directly (docs/analysis.md, "Duplicates"): a pair counts once per
 * period (annotation, article, ISO week, month, year, corpus) in which some
 * annotation involves both actors, and an actor's frequency is the number of
 * periods it is mentioned in. Periods are worked out here from the dates by
 * hand-written rules, not by the code under test. Seeded.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DuplicateRule, Mention } from '../../src/service/analysis/types';
import { coMentionNetwork } from '../../src/service/analysis/networks';

const ACTORS = ['a', 'b', 'c', 'd', 'e'];
// Dates with their ISO week, month and year, worked out by hand (2024-12-30 is a Monday of 2025-W01).
const DATES: Record<string, { week: string; month: string; year: string }> = {
  '2024-12-30': { week: '2025-W01', month: '2024-12', year: '2024' },
  '2025-01-03': { week: '2025-W01', month: '2025-01', year: '2025' },
  '2025-01-06': { week: '2025-W02', month: '2025-01', year: '2025' },
  '2025-02-01': { week: '2025-W05', month: '2025-02', year: '2025' },
};
const ARTICLES = ['x', 'y', 'z'];

function period(rule: DuplicateRule, m: Mention): string {
  const annotation = `${m.file}#${m.annotation}`;
  if (rule === 'include') return annotation;
  if (rule === 'all') return '';
  if (rule === 'article' || m.date === undefined) return `article ${m.article}`;
  return DATES[m.date][rule as 'week' | 'month' | 'year'];
}

function byDefinition(mentions: readonly Mention[], rule: DuplicateRule): { edges: string[]; frequency: Record<string, number> } {
  const pairs = new Map<string, Set<string>>();
  const actors = new Map<string, Set<string>>();
  const annotations = new Map<string, Mention[]>();
  for (const m of mentions) annotations.set(`${m.file}#${m.annotation}`, [...(annotations.get(`${m.file}#${m.annotation}`) ?? []), m]);
  for (const list of annotations.values()) {
    const where = period(rule, list[0]);
    const involved = [...new Set(list.map((m) => m.actor))].sort();
    for (const actor of involved) actors.set(actor, (actors.get(actor) ?? new Set()).add(where));
    for (let i = 0; i < involved.length; i++)
      for (let j = i + 1; j < involved.length; j++) pairs.set(`${involved[i]}–${involved[j]}`, (pairs.get(`${involved[i]}–${involved[j]}`) ?? new Set()).add(where));
  }
  return { edges: [...pairs].map(([pair, periods]) => `${pair} ${periods.size}`).sort(), frequency: Object.fromEntries([...actors].map(([actor, periods]) => [actor, periods.size])) };
}

const mentionsArbitrary = fc
  .array(fc.record({ article: fc.integer({ min: 0, max: 2 }), annotation: fc.integer({ min: 1, max: 4 }), actors: fc.subarray(ACTORS, { minLength: 1 }) }), { maxLength: 25 })
  .chain((annotations) =>
    fc.array(fc.option(fc.constantFrom(...Object.keys(DATES)), { nil: undefined }), { minLength: 3, maxLength: 3 }).map((dates) =>
      annotations.flatMap(({ article, annotation, actors }) =>
        actors.map((actor): Mention => ({
          article: `articles/${ARTICLES[article]}.txt`,
          date: dates[article],
          file: `annotations/${ARTICLES[article]}.stance.yaml`,
          line: annotation,
          annotation: String(annotation),
          sentence: 1,
          actor,
          actorName: actor.toUpperCase(),
          actorType: 'state',
        })),
      ),
    ),
  );

describe('co-mention under every duplicate rule', () => {
  it('counts each pair once per period, and each actor once per period it is mentioned in', () => {
    fc.assert(
      fc.property(mentionsArbitrary, fc.constantFrom<DuplicateRule>('include', 'article', 'week', 'month', 'year', 'all'), (mentions, rule) => {
        const { network } = coMentionNetwork(mentions, { type: 'co-mention', duplicates: rule });
        const expected = byDefinition(mentions, rule);
        expect(network.edges.map((e) => `${e.source}–${e.target} ${e.weight}`).sort()).toEqual(expected.edges);
        expect(Object.fromEntries(network.nodes.map((n) => [n.key, n.frequency]))).toEqual(expected.frequency);
        // Sorted by source, then target, in id order.
        expect(network.edges.map((e) => `${e.source}–${e.target}`)).toEqual(network.edges.map((e) => `${e.source}–${e.target}`).sort());
      }),
      { seed: 21, numRuns: 400 },
    );
  });
});
