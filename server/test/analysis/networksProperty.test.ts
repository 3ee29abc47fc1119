/**
 * The networks against a naive, direct reading of the spec's formulas:
 * triple loops over x[i][j][k], the duplicate rule as "is there an earlier
 * equal statement in the same period" over all pairs, ISO weeks from the
 * 4 January rule. Random small corpora, fixed seed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DuplicateRule, Mention, Network, NetworkOptions, NetworkType, Normalization, Aggregate, Statement } from '../../src/service/analysis/types';
import { buildNetwork } from '../../src/service/analysis/networks';
import { applyDuplicateRule } from '../../src/service/analysis/duplicates';

const ACTORS = ['a', 'b', 'c', 'd'];
const TOPICS = ['t1', 't2', 't3'];
const TARGETS = [...TOPICS, 'a', 'b'];
const DATES = [undefined, '2024-12-30', '2025-01-03', '2025-01-06', '2025-01-31T23:00', '2025-02-01', '2026-12-31', '2027-01-01', '2027-01-04'];
const ARTICLES = ['articles/x.txt', 'articles/y.txt', 'articles/z.txt'];
const VOCABULARIES: Record<string, number>[] = [
  { supports: 1, opposes: -1, neutral: 0, mixed: 0 },
  { strong: 2, supports: 1, opposes: -1 },
  { agree: 1, disagree: 0 },
  { half: 0.5, full: 1, against: -1, none: 0 },
];

interface Corpus {
  readonly statements: Statement[];
  readonly mentions: Mention[];
  readonly range: number;
}

const corpusArbitrary: fc.Arbitrary<Corpus> = fc
  .record({
    vocabulary: fc.integer({ min: 0, max: VOCABULARIES.length - 1 }),
    widerRange: fc.boolean(),
    articleDates: fc.array(fc.integer({ min: 0, max: DATES.length - 1 }), { minLength: 3, maxLength: 3 }),
    entries: fc.array(
      fc.record({
        actor: fc.integer({ min: 0, max: ACTORS.length - 1 }),
        target: fc.integer({ min: 0, max: TARGETS.length - 1 }),
        stance: fc.nat(),
        article: fc.integer({ min: 0, max: ARTICLES.length - 1 }),
        coder: fc.constantFrom(undefined, 'ana'),
        line: fc.integer({ min: 1, max: 6 }),
        extraActors: fc.subarray(ACTORS),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ vocabulary, widerRange, articleDates, entries }) => {
    const stances = Object.entries(VOCABULARIES[vocabulary]);
    const polarities = stances.map(([, p]) => p);
    const range = Math.max(...polarities) - Math.min(...polarities) + (widerRange ? 1 : 0);
    const statements: Statement[] = [];
    const mentions: Mention[] = [];
    entries.forEach((entry) => {
      const article = ARTICLES[entry.article];
      const date = DATES[articleDates[entry.article]];
      const file = article.replace('articles/', 'annotations/').replace('.txt', entry.coder ? '.ana.stance.yaml' : '.stance.yaml');
      const actor = ACTORS[entry.actor];
      const toward = TARGETS[entry.target];
      const [stance, polarity] = stances[entry.stance % stances.length];
      const base = { article, date, coder: entry.coder, file, annotation: String(entry.line), sentence: 1 };
      statements.push({
        ...base,
        line: entry.line,
        sentenceText: 's',
        start: 0,
        end: 1,
        actor,
        actorName: actor.toUpperCase(),
        actorType: 'state',
        toward,
        towardLabel: toward.toUpperCase(),
        towardKind: TOPICS.includes(toward) ? 'topic' : 'actor',
        stance,
        polarity,
      });
      // One annotation per (file, line): its stance actor plus some others.
      for (const involved of [actor, ...entry.extraActors]) {
        mentions.push({ ...base, line: entry.line, actor: involved, actorName: involved.toUpperCase(), actorType: 'state' });
      }
    });
    return { statements, mentions, range };
  });

// ---------------------------------------------------------------------------
// The naive reference.

function naiveDay(date: string | undefined): { y: number; m: number; d: number; seconds: number } | undefined {
  if (date === undefined) return undefined;
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const time = date.length > 10 ? date.slice(11).split(':').map(Number) : [0, 0];
  return { y, m, d, seconds: Date.UTC(y, m - 1, d, time[0], time[1]) / 1000 };
}

/** ISO week by the rule "week 1 is the week with 4 January in it". */
function naiveIsoWeek(y: number, m: number, d: number): string {
  const day = Date.UTC(y, m - 1, d);
  const mondayOfWeek1 = (year: number) => {
    const jan4 = Date.UTC(year, 0, 4);
    const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
    return jan4 - weekday * 86_400_000;
  };
  for (const year of [y + 1, y, y - 1]) {
    const start = mondayOfWeek1(year);
    if (day >= start) return `${year}-W${Math.floor((day - start) / (7 * 86_400_000)) + 1}`;
  }
  throw new Error('unreachable');
}

function naivePeriod(rule: DuplicateRule, s: Statement): string {
  const day = naiveDay(s.date);
  if (rule === 'all') return 'all';
  if (rule === 'article' || !day) return `article ${s.article}`;
  if (rule === 'year') return `${day.y}`;
  if (rule === 'month') return `${day.y}-${day.m}`;
  return naiveIsoWeek(day.y, day.m, day.d);
}

function naiveEarlier(a: Statement, ia: number, b: Statement, ib: number): boolean {
  const da = naiveDay(a.date);
  const db = naiveDay(b.date);
  if (da && !db) return true;
  if (!da && db) return false;
  if (da && db && da.seconds !== db.seconds) return da.seconds < db.seconds;
  if (a.article !== b.article) return a.article < b.article;
  if (a.file !== b.file) return a.file < b.file;
  if (a.line !== b.line) return a.line < b.line;
  return ia < ib;
}

function naiveDeduplicate(statements: Statement[], rule: DuplicateRule, compareStance: boolean): Statement[] {
  if (rule === 'include') return statements;
  return statements.filter(
    (s, i) =>
      !statements.some(
        (t, j) => j !== i && naiveEarlier(t, j, s, i) && naivePeriod(rule, t) === naivePeriod(rule, s) && t.actor === s.actor && t.toward === s.toward && (!compareStance || t.stance === s.stance),
      ),
  );
}

type Tensor = Map<string, Map<string, Map<string, number>>>; // actor → target → stance → count

function tensor(statements: Statement[]): { x: Tensor; polarity: Map<string, number> } {
  const x: Tensor = new Map();
  const polarity = new Map<string, number>();
  for (const s of statements) {
    polarity.set(s.stance, s.polarity);
    if (!x.has(s.actor)) x.set(s.actor, new Map());
    const row = x.get(s.actor)!;
    if (!row.has(s.toward)) row.set(s.toward, new Map());
    const cell = row.get(s.toward)!;
    cell.set(s.stance, (cell.get(s.stance) ?? 0) + 1);
  }
  return { x, polarity };
}

const get = (x: Tensor, i: string, j: string, k: string) => x.get(i)?.get(j)?.get(k) ?? 0;

interface NaiveEdge {
  weight: number;
  statements: number;
}

const ZERO = 1e-9;

function naiveOneMode(statements: Statement[], type: NetworkType, normalize: Normalization, range: number): Map<string, NaiveEdge> {
  const { x, polarity } = tensor(statements);
  const actors = [...x.keys()].sort();
  const targets = [...new Set(statements.map((s) => s.toward))];
  const stances = [...polarity.keys()];
  const n = (i: string) => targets.reduce((sum, j) => sum + stances.reduce((s2, k) => s2 + get(x, i, j, k), 0), 0);
  const edges = new Map<string, NaiveEdge>();
  for (const i of actors) {
    for (const i2 of actors) {
      if (!(i < i2)) continue;
      let omega = 0;
      let behind = 0;
      for (const j of targets) {
        let term = 0;
        if (type === 'co-occurrence') {
          term = stances.reduce((s, k) => s + get(x, i, j, k), 0) * stances.reduce((s, k) => s + get(x, i2, j, k), 0);
        } else {
          for (const k of stances) {
            for (const k2 of stances) {
              const d = range === 0 ? 0 : Math.abs(polarity.get(k)! - polarity.get(k2)!) / range;
              const congruence = get(x, i, j, k) * get(x, i2, j, k2) * (1 - d);
              const conflict = get(x, i, j, k) * get(x, i2, j, k2) * d;
              term += type === 'congruence' ? congruence : type === 'conflict' ? conflict : congruence - conflict;
            }
          }
        }
        omega += term;
        if (Math.abs(term) > ZERO) {
          for (const k of stances) behind += get(x, i, j, k) + get(x, i2, j, k);
        }
      }
      if (Math.abs(omega) <= ZERO) continue;
      let denominator = 1;
      if (normalize === 'average') denominator = (n(i) + n(i2)) / 2;
      if (normalize === 'cosine') denominator = n(i) * n(i2);
      if (normalize === 'jaccard') {
        let m10 = 0;
        let m01 = 0;
        let m11 = 0;
        for (const j of targets) {
          for (const k of stances) {
            if (get(x, i2, j, k) === 0) m10 += get(x, i, j, k);
            if (get(x, i, j, k) === 0) m01 += get(x, i2, j, k);
            if (get(x, i, j, k) > 0 && get(x, i2, j, k) > 0) m11 += get(x, i, j, k) * get(x, i2, j, k);
          }
        }
        denominator = m10 + m01 + m11;
      }
      edges.set(`${i}–${i2}`, { weight: denominator === 0 ? 0 : omega / denominator, statements: behind });
    }
  }
  return edges;
}

function naiveTwoMode(statements: Statement[], aggregate: Aggregate, normalize: Normalization): Map<string, NaiveEdge & { positive: number; negative: number; zero: number }> {
  const { x, polarity } = tensor(statements);
  const stances = [...polarity.keys()];
  const actors = [...x.keys()];
  const targets = [...new Set(statements.map((s) => s.toward))];
  const kindOf = new Map(statements.map((s) => [s.toward, s.towardKind]));
  const rowTotal = (i: string) => targets.reduce((sum, j) => sum + stances.reduce((s2, k) => s2 + get(x, i, j, k), 0), 0);
  const columnTotal = (j: string) => actors.reduce((sum, i) => sum + stances.reduce((s2, k) => s2 + get(x, i, j, k), 0), 0);
  const edges = new Map<string, NaiveEdge & { positive: number; negative: number; zero: number }>();
  for (const i of actors) {
    for (const j of targets) {
      const counts = stances.map((k) => [polarity.get(k)!, get(x, i, j, k)] as const);
      const total = counts.reduce((s, [, c]) => s + c, 0);
      if (total === 0) continue;
      const positive = counts.filter(([p]) => p > 0).reduce((s, [, c]) => s + c, 0);
      const negative = counts.filter(([p]) => p < 0).reduce((s, [, c]) => s + c, 0);
      const zero = total - positive - negative;
      let weight = aggregate === 'ignore' ? total : aggregate === 'subtract' ? counts.reduce((s, [p, c]) => s + p * c, 0) : positive && negative ? 3 : positive ? 1 : negative ? 2 : 4;
      if (normalize === 'activity') weight = rowTotal(i) === 0 ? 0 : weight / rowTotal(i);
      if (normalize === 'prominence') weight = columnTotal(j) === 0 ? 0 : weight / columnTotal(j);
      if (Math.abs(weight) <= ZERO) continue;
      edges.set(`${i}–${kindOf.get(j) === 'actor' ? `target:${j}` : j}`, { weight, statements: total, positive, negative, zero });
    }
  }
  return edges;
}

function naiveCoMention(mentions: Mention[], normalize: Normalization): Map<string, NaiveEdge> {
  const annotations = new Map<string, Set<string>>();
  for (const m of mentions) {
    const key = `${m.file}#${m.annotation}`;
    if (!annotations.has(key)) annotations.set(key, new Set());
    annotations.get(key)!.add(m.actor);
  }
  const all = [...annotations.values()];
  const actors = [...new Set(mentions.map((m) => m.actor))].sort();
  const n = (i: string) => all.filter((set) => set.has(i)).length;
  const edges = new Map<string, NaiveEdge>();
  for (const i of actors) {
    for (const i2 of actors) {
      if (!(i < i2)) continue;
      const omega = all.filter((set) => set.has(i) && set.has(i2)).length;
      if (omega === 0) continue;
      const denominator = normalize === 'average' ? (n(i) + n(i2)) / 2 : normalize === 'cosine' ? n(i) * n(i2) : normalize === 'jaccard' ? n(i) + n(i2) - omega : 1;
      edges.set(`${i}–${i2}`, { weight: omega / denominator, statements: omega });
    }
  }
  return edges;
}

// ---------------------------------------------------------------------------

function expectSameEdges(network: Network, expected: Map<string, NaiveEdge & Partial<Record<'positive' | 'negative' | 'zero', number>>>): void {
  const got = new Map(network.edges.map((edge) => [`${edge.source}–${edge.target}`, edge]));
  expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, edge] of expected) {
    const actual = got.get(key)!;
    expect(actual.weight, key).toBeCloseTo(edge.weight, 9);
    expect(actual.statements, key).toBe(edge.statements);
    if (edge.positive !== undefined) expect([actual.positive, actual.negative, actual.zero], key).toEqual([edge.positive, edge.negative, edge.zero]);
  }
}

function expectSorted(network: Network): void {
  const order = new Map(network.nodes.map((node, index) => [node.key, index]));
  const positions = network.edges.map((edge) => [order.get(edge.source)!, order.get(edge.target)!]);
  for (const [source, target] of positions) {
    expect(source).toBeDefined();
    expect(target).toBeDefined();
    if (!network.twoMode) expect(source).toBeLessThan(target);
  }
  for (let e = 1; e < positions.length; e++) {
    const [a, b] = positions[e - 1];
    const [c, d] = positions[e];
    expect(a < c || (a === c && b < d)).toBe(true);
  }
}

const SETTINGS = { seed: 20_261_201, numRuns: 150 };
const RULES: DuplicateRule[] = ['include', 'article', 'week', 'month', 'year', 'all'];

describe('networks equal a naive reading of the formulas', () => {
  it('the duplicate rule keeps the statements that have no earlier equal one in their period', () => {
    fc.assert(
      fc.property(corpusArbitrary, fc.constantFrom(...RULES), fc.boolean(), (corpus, rule, compareStance) => {
        const kept = applyDuplicateRule(corpus.statements, rule, { compareStance }).kept;
        // The very objects, in the order given.
        expect(kept).toEqual(naiveDeduplicate(corpus.statements, rule, compareStance));
        kept.forEach((statement, index) => expect(statement).toBe(naiveDeduplicate(corpus.statements, rule, compareStance)[index]));
      }),
      SETTINGS,
    );
  });

  it('one-mode: congruence, conflict, subtract, co-occurrence × every normalisation × every duplicate rule', () => {
    fc.assert(
      fc.property(
        corpusArbitrary,
        fc.constantFrom<NetworkType>('congruence', 'conflict', 'subtract', 'co-occurrence'),
        fc.constantFrom<Normalization>('none', 'average', 'jaccard', 'cosine'),
        fc.constantFrom(...RULES),
        (corpus, type, normalize, duplicates) => {
          const options: NetworkOptions = { type, normalize, duplicates };
          const { network } = buildNetwork({ statements: corpus.statements, options, range: corpus.range });
          const counted = naiveDeduplicate(corpus.statements, duplicates, type !== 'co-occurrence');
          expectSameEdges(network, naiveOneMode(counted, type, normalize, corpus.range));
          expect(network.nodes.map((node) => node.key)).toEqual([...new Set(counted.map((s) => s.actor))].sort());
          expectSorted(network);
        },
      ),
      SETTINGS,
    );
  });

  it('two-mode: every aggregate × normalisation × duplicate rule', () => {
    fc.assert(
      fc.property(
        corpusArbitrary,
        fc.constantFrom<Aggregate>('ignore', 'subtract', 'combine'),
        fc.constantFrom<Normalization>('none', 'activity', 'prominence'),
        fc.constantFrom(...RULES),
        (corpus, aggregate, normalize, duplicates) => {
          fc.pre(!(aggregate === 'combine' && normalize !== 'none'));
          const { network } = buildNetwork({ statements: corpus.statements, options: { type: 'affiliation', aggregate, normalize, duplicates }, range: corpus.range });
          const counted = naiveDeduplicate(corpus.statements, duplicates, aggregate !== 'ignore');
          expectSameEdges(network, naiveTwoMode(counted, aggregate, normalize));
          expectSorted(network);
          const frequency = new Map(network.nodes.map((node) => [node.key, node.frequency]));
          for (const s of counted) expect(frequency.has(s.actor) && frequency.has(s.towardKind === 'actor' ? `target:${s.toward}` : s.toward)).toBe(true);
          expect(network.nodes.filter((node) => node.mode === 'actor').reduce((sum, node) => sum + node.frequency, 0)).toBe(counted.length);
          expect(network.nodes.filter((node) => node.mode === 'target').reduce((sum, node) => sum + node.frequency, 0)).toBe(counted.length);
        },
      ),
      SETTINGS,
    );
  });

  it('co-mention: annotations involving both actors, every normalisation', () => {
    fc.assert(
      fc.property(corpusArbitrary, fc.constantFrom<Normalization>('none', 'average', 'jaccard', 'cosine'), (corpus, normalize) => {
        const { network } = buildNetwork({ mentions: corpus.mentions, options: { type: 'co-mention', normalize } });
        expectSameEdges(network, naiveCoMention(corpus.mentions, normalize));
        expectSorted(network);
      }),
      SETTINGS,
    );
  });
});
