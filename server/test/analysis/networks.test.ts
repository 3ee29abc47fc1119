/**
 * Networks against small corpora whose matrices are worked out by hand here
 * (the arithmetic is in the comments), with DNA's formulas from the analysis spec.
 */
import { describe, expect, it } from 'vitest';
import type { Network, NetworkOptions, Statement } from '../../src/service/analysis/types';
import { buildNetwork, coMentionNetwork, networkFromCounts } from '../../src/service/analysis/networks';
import { accumulate, createCounts } from '../../src/service/analysis/counts';
import { filterRecords } from '../../src/service/analysis/filters';
import { checkNetworkOptions, filterOptionsError, polarityRange } from '../../src/service/analysis/networkOptions';
import { codebook, mention, statement, type StatementSpec } from './build';

const actors = codebook({
  us: { name: 'United States', type: 'state' },
  ru: { name: 'Russia', type: 'state' },
  ua: { name: 'Ukraine', type: 'state' },
  rubio: { name: 'Marco Rubio', type: 'person', affiliation: 'state-dept' },
  'state-dept': { name: 'U.S. Department of State', type: 'organization', affiliation: 'us' },
  lavrov: { name: 'Sergey V. Lavrov', type: 'person', affiliation: 'ru' },
});

function corpus(specs: StatementSpec[], vocabulary?: Record<string, number>): Statement[] {
  return specs.map((spec) => statement(spec, actors, vocabulary));
}

/**
 * Corpus A. Polarities: supports +1, opposes −1, neutral 0; range 2.
 *   us: supports talks ×2, opposes sanctions, supports ua (a stance toward an actor)
 *   ru: supports talks AND opposes talks (opposite stances, one target), neutral on sanctions (polarity 0), opposes ua
 *   ua: opposes talks, supports sanctions
 * so x:
 *   us: talks {S:2}, sanctions {O:1}, ua {S:1}             n_us = 4
 *   ru: talks {S:1, O:1}, sanctions {N:1}, ua {O:1}        n_ru = 4
 *   ua: talks {O:1}, sanctions {S:1}                       n_ua = 2
 * d(k, k') = abs(p − p')/2: S–S 0, S–O 1, S–N ½, O–N ½, O–O 0, N–N 0.
 */
const A = corpus([
  { actor: 'us', toward: 'talks', stance: 'supports' },
  { actor: 'us', toward: 'talks', stance: 'supports' },
  { actor: 'us', toward: 'sanctions', stance: 'opposes' },
  { actor: 'us', toward: 'ua', stance: 'supports' },
  { actor: 'ru', toward: 'talks', stance: 'supports' },
  { actor: 'ru', toward: 'talks', stance: 'opposes' },
  { actor: 'ru', toward: 'sanctions', stance: 'neutral' },
  { actor: 'ru', toward: 'ua', stance: 'opposes' },
  { actor: 'ua', toward: 'talks', stance: 'opposes' },
  { actor: 'ua', toward: 'sanctions', stance: 'supports' },
]);

function network(statements: readonly Statement[], options: NetworkOptions, range?: number): Network {
  return buildNetwork({ statements, options, range, lookupActor: actors }).network;
}

/** `source–target` → weight, in the order the network lists its edges. */
function weights(net: Network): [string, number][] {
  return net.edges.map((edge) => [`${edge.source}–${edge.target}`, edge.weight]);
}

function statementCounts(net: Network): Record<string, number> {
  return Object.fromEntries(net.edges.map((edge) => [`${edge.source}–${edge.target}`, edge.statements]));
}

describe('one-mode networks of corpus A', () => {
  it('congruence: ω = Σj Σk Σk′ x·x′·(1 − d)', () => {
    // us–ru: talks 2·1·(1−0) + 2·1·(1−1) = 2; sanctions O–N 1·1·½ = ½; ua S–O 1·1·0 = 0 → 2.5
    // us–ua: talks S–O 2·1·0 = 0; sanctions O–S 0 → 0, no tie
    // ru–ua: talks S–O 0 + O–O 1·1·1 = 1; sanctions N–S ½ → 1.5
    const net = network(A, { type: 'congruence' });
    expect(weights(net)).toEqual([
      ['ru–ua', 1.5],
      ['ru–us', 2.5],
    ]);
    // Statements behind a tie: both actors' statements toward the targets that add to it.
    // ru–ua: talks (ru 2 + ua 1) + sanctions (1 + 1) = 5; ru–us: talks (2 + 2) + sanctions (1 + 1) = 6 (ua adds 0).
    expect(statementCounts(net)).toEqual({ 'ru–ua': 5, 'ru–us': 6 });
    expect(net.twoMode).toBe(false);
  });

  it('conflict: ω = Σ x·x′·d', () => {
    // ru–ua: talks S–O 1 + O–O 0 = 1; sanctions ½ → 1.5; statements 3 + 2 = 5
    // ru–us: talks 2·1·0 + 2·1·1 = 2; sanctions ½; ua O–S 1 → 3.5; statements 4 + 2 + 2 = 8
    // ua–us: talks O–S 1·2·1 = 2; sanctions S–O 1 → 3; statements 3 + 2 = 5
    const net = network(A, { type: 'conflict' });
    expect(weights(net)).toEqual([
      ['ru–ua', 1.5],
      ['ru–us', 3.5],
      ['ua–us', 3],
    ]);
    expect(statementCounts(net)).toEqual({ 'ru–ua': 5, 'ru–us': 8, 'ua–us': 5 });
  });

  it('subtract: congruence − conflict, signed; a tie that cancels out is not written', () => {
    // ru–ua: 1.5 − 1.5 = 0 → no tie
    // ru–us: 2.5 − 3.5 = −1; per target: talks 2 − 2 = 0, sanctions ½ − ½ = 0, ua 0 − 1 = −1 → statements 1 + 1 = 2
    // ua–us: 0 − 3 = −3; talks −2 (3 statements), sanctions −1 (2) → 5
    const net = network(A, { type: 'subtract' });
    expect(weights(net)).toEqual([
      ['ru–us', -1],
      ['ua–us', -3],
    ]);
    expect(statementCounts(net)).toEqual({ 'ru–us': 2, 'ua–us': 5 });
  });

  it('a pair whose targets cancel out leaves nothing behind for the next pair', () => {
    const cancelling = corpus([
      { actor: 'ru', toward: 'talks', stance: 'opposes' },
      { actor: 'ru', toward: 'sanctions', stance: 'supports' },
      { actor: 'ua', toward: 'talks', stance: 'supports' },
      { actor: 'us', toward: 'talks', stance: 'supports' },
      { actor: 'us', toward: 'sanctions', stance: 'supports' },
    ]);
    // subtract = 1 − 2d. ru–us: talks O–S −1, sanctions S–S +1 → 0, no tie.
    // ru–ua: talks O–S −1 (statements 1 + 1). ua–us: talks S–S +1 (statements 1 + 1), whatever ru–us summed.
    const net = network(cancelling, { type: 'subtract' });
    expect(weights(net)).toEqual([
      ['ru–ua', -1],
      ['ua–us', 1],
    ]);
    expect(statementCounts(net)).toEqual({ 'ru–ua': 2, 'ua–us': 2 });
  });

  it('co-occurrence: Σj (Σk x)(Σk x′), whatever the stances', () => {
    // ru–ua: talks 2·1 + sanctions 1·1 = 3; ru–us: talks 2·2 + sanctions 1·1 + ua 1·1 = 6; ua–us: talks 1·2 + sanctions 1·1 = 3
    const net = network(A, { type: 'co-occurrence' });
    expect(weights(net)).toEqual([
      ['ru–ua', 3],
      ['ru–us', 6],
      ['ua–us', 3],
    ]);
    expect(statementCounts(net)).toEqual({ 'ru–ua': 5, 'ru–us': 8, 'ua–us': 5 });
  });

  it('nodes: every actor with a statement, sorted, with its statement count; no self-ties', () => {
    const net = network(A, { type: 'congruence' });
    expect(net.nodes).toEqual([
      { key: 'ru', id: 'ru', label: 'Russia', mode: 'actor', type: 'state', frequency: 4 },
      { key: 'ua', id: 'ua', label: 'Ukraine', mode: 'actor', type: 'state', frequency: 2 },
      { key: 'us', id: 'us', label: 'United States', mode: 'actor', type: 'state', frequency: 4 },
    ]);
    expect(net.edges.every((edge) => edge.source !== edge.target)).toBe(true);
    expect(net.options).toEqual({ type: 'congruence', aggregate: 'ignore', normalize: 'none', duplicates: 'include', minWeight: 0 });
  });

  it('normalize average: ω / ((n_i + n_i′)/2)', () => {
    // congruence ru–ua 1.5 / ((4 + 2)/2) = 0.5; ru–us 2.5 / ((4 + 4)/2) = 0.625
    expect(weights(network(A, { type: 'congruence', normalize: 'average' }))).toEqual([
      ['ru–ua', 0.5],
      ['ru–us', 0.625],
    ]);
  });

  it("normalize cosine: DNA's ω / (n_i · n_i′), not the L2 cosine", () => {
    // congruence ru–ua 1.5 / (4·2) = 0.1875; ru–us 2.5 / (4·4) = 0.15625
    // (the L2 cosine of ru–us would divide by |x_ru|·|x_us| = 2·√6 instead)
    expect(weights(network(A, { type: 'congruence', normalize: 'cosine' }))).toEqual([
      ['ru–ua', 0.1875],
      ['ru–us', 0.15625],
    ]);
  });

  it('normalize jaccard: ω / (Σ x where x′ = 0 + Σ x′ where x = 0 + Σ over both of x·x′)', () => {
    // Cells (target, stance): us (talks,S)=2 (sanctions,O)=1 (ua,S)=1; ru (talks,S)=1 (talks,O)=1 (sanctions,N)=1 (ua,O)=1;
    // ua (talks,O)=1 (sanctions,S)=1.
    // ru–us: both (talks,S) 1·2 = 2; ru alone 1+1+1 = 3; us alone 1+1 = 2 → 7; 2.5/7
    // ru–ua: both (talks,O) 1·1 = 1; ru alone (talks,S)+(sanctions,N)+(ua,O) = 3; ua alone (sanctions,S) = 1 → 5; 1.5/5 = 0.3
    const net = network(A, { type: 'congruence', normalize: 'jaccard' });
    expect(net.edges.map((edge) => `${edge.source}–${edge.target}`)).toEqual(['ru–ua', 'ru–us']);
    expect(net.edges[0].weight).toBeCloseTo(0.3, 14);
    expect(net.edges[1].weight).toBeCloseTo(2.5 / 7, 14);
    // conflict ua–us: both: no cell; ua alone 2, us alone 4 → 6; 3/6 = 0.5
    expect(weights(network(A, { type: 'conflict', normalize: 'jaccard' }))).toContainEqual(['ua–us', 0.5]);
  });

  it('minWeight drops ties whose absolute weight is below it (after normalisation), not nodes', () => {
    // subtract: ru–us −1, ua–us −3; min 2 keeps |−3| only
    const net = network(A, { type: 'subtract', minWeight: 2 });
    expect(weights(net)).toEqual([['ua–us', -3]]);
    expect(net.nodes.map((node) => node.key)).toEqual(['ru', 'ua', 'us']);
    // average: ru–ua 0.5, ru–us 0.625; min 0.6
    expect(weights(network(A, { type: 'congruence', normalize: 'average', minWeight: 0.6 }))).toEqual([['ru–us', 0.625]]);
  });
});

describe('the two-mode affiliation network of corpus A', () => {
  it('nodes: actors then targets, each sorted; a target that is an actor has the key target:<id>', () => {
    const net = network(A, { type: 'affiliation' });
    expect(net.twoMode).toBe(true);
    // targets: sanctions (us 1 + ru 1 + ua 1 = 3), talks (2 + 2 + 1 = 5), ua (us 1 + ru 1 = 2)
    expect(net.nodes).toEqual([
      { key: 'ru', id: 'ru', label: 'Russia', mode: 'actor', type: 'state', frequency: 4 },
      { key: 'ua', id: 'ua', label: 'Ukraine', mode: 'actor', type: 'state', frequency: 2 },
      { key: 'us', id: 'us', label: 'United States', mode: 'actor', type: 'state', frequency: 4 },
      { key: 'sanctions', id: 'sanctions', label: 'Topic sanctions', mode: 'target', type: 'topic', frequency: 3 },
      { key: 'talks', id: 'talks', label: 'Topic talks', mode: 'target', type: 'topic', frequency: 5 },
      { key: 'target:ua', id: 'ua', label: 'Ukraine', mode: 'target', type: 'state', frequency: 2 },
    ]);
  });

  it('aggregate ignore: Σk x, with positive/negative/zero counts', () => {
    const net = network(A, { type: 'affiliation', aggregate: 'ignore' });
    expect(net.edges).toEqual([
      { source: 'ru', target: 'sanctions', weight: 1, statements: 1, positive: 0, negative: 0, zero: 1 },
      { source: 'ru', target: 'talks', weight: 2, statements: 2, positive: 1, negative: 1, zero: 0 },
      { source: 'ru', target: 'target:ua', weight: 1, statements: 1, positive: 0, negative: 1, zero: 0 },
      { source: 'ua', target: 'sanctions', weight: 1, statements: 1, positive: 1, negative: 0, zero: 0 },
      { source: 'ua', target: 'talks', weight: 1, statements: 1, positive: 0, negative: 1, zero: 0 },
      { source: 'us', target: 'sanctions', weight: 1, statements: 1, positive: 0, negative: 1, zero: 0 },
      { source: 'us', target: 'talks', weight: 2, statements: 2, positive: 2, negative: 0, zero: 0 },
      { source: 'us', target: 'target:ua', weight: 1, statements: 1, positive: 1, negative: 0, zero: 0 },
    ]);
  });

  it('aggregate subtract: Σk p(k)·x; zero ties (+1 −1, or polarity 0 only) are not written', () => {
    // ru–sanctions neutral 0 → none; ru–talks +1 −1 = 0 → none; ru–ua −1; ua–sanctions +1; ua–talks −1;
    // us–sanctions −1; us–talks +2; us–ua +1
    expect(weights(network(A, { type: 'affiliation', aggregate: 'subtract' }))).toEqual([
      ['ru–target:ua', -1],
      ['ua–sanctions', 1],
      ['ua–talks', -1],
      ['us–sanctions', -1],
      ['us–talks', 2],
      ['us–target:ua', 1],
    ]);
  });

  it('aggregate combine: 1 positive only, 2 negative only, 3 both, 4 only polarity 0', () => {
    expect(weights(network(A, { type: 'affiliation', aggregate: 'combine' }))).toEqual([
      ['ru–sanctions', 4],
      ['ru–talks', 3],
      ['ru–target:ua', 2],
      ['ua–sanctions', 1],
      ['ua–talks', 2],
      ['us–sanctions', 2],
      ['us–talks', 1],
      ['us–target:ua', 1],
    ]);
  });

  it('combine: a polarity-0 stance beside a signed one keeps the signed code', () => {
    const mixed = corpus([
      { actor: 'us', toward: 'talks', stance: 'supports' },
      { actor: 'us', toward: 'talks', stance: 'neutral' },
      { actor: 'ru', toward: 'talks', stance: 'opposes' },
      { actor: 'ru', toward: 'talks', stance: 'mixed' },
      { actor: 'ua', toward: 'talks', stance: 'mixed' },
      { actor: 'ua', toward: 'talks', stance: 'neutral' },
    ]);
    expect(weights(network(mixed, { type: 'affiliation', aggregate: 'combine' }))).toEqual([
      ['ru–talks', 2],
      ['ua–talks', 4],
      ['us–talks', 1],
    ]);
  });

  it('normalize activity: weight / the actor’s statements', () => {
    // ru n=4: sanctions ¼, talks 2/4, ua ¼; ua n=2: ½, ½; us n=4: ¼, 2/4, ¼
    expect(weights(network(A, { type: 'affiliation', normalize: 'activity' }))).toEqual([
      ['ru–sanctions', 0.25],
      ['ru–talks', 0.5],
      ['ru–target:ua', 0.25],
      ['ua–sanctions', 0.5],
      ['ua–talks', 0.5],
      ['us–sanctions', 0.25],
      ['us–talks', 0.5],
      ['us–target:ua', 0.25],
    ]);
    // subtract ÷ statements (as DNA): us talks 2/4, sanctions −1/4, ua 1/4; ua talks −1/2, sanctions 1/2; ru ua −1/4
    expect(weights(network(A, { type: 'affiliation', aggregate: 'subtract', normalize: 'activity' }))).toEqual([
      ['ru–target:ua', -0.25],
      ['ua–sanctions', 0.5],
      ['ua–talks', -0.5],
      ['us–sanctions', -0.25],
      ['us–talks', 0.5],
      ['us–target:ua', 0.25],
    ]);
  });

  it('normalize prominence: weight / the target’s statements', () => {
    // sanctions total 3, talks 5, ua 2
    const net = network(A, { type: 'affiliation', normalize: 'prominence' });
    const got = Object.fromEntries(weights(net));
    expect(got['ru–sanctions']).toBeCloseTo(1 / 3, 14);
    expect(got['ua–sanctions']).toBeCloseTo(1 / 3, 14);
    expect(got['us–sanctions']).toBeCloseTo(1 / 3, 14);
    expect(got['ru–talks']).toBe(0.4);
    expect(got['ua–talks']).toBe(0.2);
    expect(got['us–talks']).toBe(0.4);
    expect(got['ru–target:ua']).toBe(0.5);
    expect(got['us–target:ua']).toBe(0.5);
    expect(Object.keys(got)).toHaveLength(8);
  });
});

describe('a vocabulary with three polarities and a range other than 2', () => {
  // strongly-supports +2, supports +1, opposes −1: range 3
  const vocabulary = { 'strongly-supports': 2, supports: 1, opposes: -1 };
  const statements = corpus(
    [
      { actor: 'us', toward: 'talks', stance: 'strongly-supports' },
      { actor: 'ru', toward: 'talks', stance: 'supports' },
      { actor: 'ua', toward: 'talks', stance: 'opposes' },
    ],
    vocabulary,
  );
  const range = polarityRange(Object.values(vocabulary));

  it('range = max − min polarity of the vocabulary', () => {
    expect(range).toBe(3);
    expect(polarityRange([])).toBe(2);
  });

  it('congruence 1 − abs(Δp)/3, conflict abs(Δp)/3, subtract their difference', () => {
    // ru(+1)–ua(−1): Δ 2; ru(+1)–us(+2): Δ 1; ua(−1)–us(+2): Δ 3
    const congruence = Object.fromEntries(weights(network(statements, { type: 'congruence' }, range)));
    expect(Object.keys(congruence)).toEqual(['ru–ua', 'ru–us']); // ua–us: 1 − 3/3 = 0
    expect(congruence['ru–ua']).toBeCloseTo(1 / 3, 14);
    expect(congruence['ru–us']).toBeCloseTo(2 / 3, 14);
    const conflict = Object.fromEntries(weights(network(statements, { type: 'conflict' }, range)));
    expect(conflict['ru–ua']).toBeCloseTo(2 / 3, 14);
    expect(conflict['ru–us']).toBeCloseTo(1 / 3, 14);
    expect(conflict['ua–us']).toBe(1);
    const subtract = Object.fromEntries(weights(network(statements, { type: 'subtract' }, range)));
    expect(subtract['ru–ua']).toBeCloseTo(-1 / 3, 14);
    expect(subtract['ru–us']).toBeCloseTo(1 / 3, 14);
    expect(subtract['ua–us']).toBe(-1);
  });

  it('the range comes from the vocabulary, not from the stances used: supports vs opposes on a −2…2 scale is half a conflict', () => {
    const two = corpus([
      { actor: 'us', toward: 'talks', stance: 'supports' },
      { actor: 'ru', toward: 'talks', stance: 'opposes' },
    ]);
    // Δ 2 / range 4 = ½
    expect(weights(network(two, { type: 'congruence' }, 4))).toEqual([['ru–us', 0.5]]);
    expect(weights(network(two, { type: 'conflict' }, 4))).toEqual([['ru–us', 0.5]]);
    expect(weights(network(two, { type: 'subtract' }, 4))).toEqual([]);
  });

  it('thirds that cancel leave no tie of 1e-17: us strongly supports and opposes, ru supports', () => {
    const cancel = corpus(
      [
        { actor: 'us', toward: 'talks', stance: 'strongly-supports' },
        { actor: 'us', toward: 'sanctions', stance: 'opposes' },
        { actor: 'ru', toward: 'talks', stance: 'supports' },
        { actor: 'ru', toward: 'sanctions', stance: 'supports' },
      ],
      vocabulary,
    );
    // subtract = 1 − 2·abs(Δp)/3: talks Δ1 → 1/3; sanctions Δ2 → −1/3; sum 0
    expect(weights(network(cancel, { type: 'subtract' }, range))).toEqual([]);
  });

  it('a range of 0 (one polarity): every distance is 0', () => {
    const same = corpus([
      { actor: 'us', toward: 'talks', stance: 'neutral' },
      { actor: 'ru', toward: 'talks', stance: 'mixed' },
    ]);
    expect(weights(network(same, { type: 'congruence' }, 0))).toEqual([['ru–us', 1]]);
    expect(weights(network(same, { type: 'conflict' }, 0))).toEqual([]);
  });

  it('fractional polarities (DNA integer scales mapped to −1…1)', () => {
    const scaled = corpus(
      [
        { actor: 'us', toward: 'talks', stance: 'half' },
        { actor: 'ru', toward: 'talks', stance: 'full' },
        { actor: 'ua', toward: 'talks', stance: 'against' },
      ],
      { half: 0.5, full: 1, against: -1 },
    );
    // range 2: ru–us Δ ½ → congruence ¾; ru–ua Δ 2 → 0; ua–us Δ 1.5 → ¼
    expect(weights(network(scaled, { type: 'congruence' }, 2))).toEqual([
      ['ru–us', 0.75],
      ['ua–us', 0.25],
    ]);
    // two-mode subtract: us ½, ru 1, ua −1
    expect(weights(network(scaled, { type: 'affiliation', aggregate: 'subtract' }))).toEqual([
      ['ru–talks', 1],
      ['ua–talks', -1],
      ['us–talks', 0.5],
    ]);
  });
});

describe('filters and the duplicate rule before the network', () => {
  it('undated articles are left out and counted under a date filter', () => {
    const dated = corpus([
      { actor: 'us', toward: 'talks', stance: 'supports', article: 'articles/a.txt', date: '2025-02-19' },
      { actor: 'ru', toward: 'talks', stance: 'supports', article: 'articles/a.txt', date: '2025-02-19' },
      { actor: 'ua', toward: 'talks', stance: 'supports', article: 'articles/b.txt' },
      { actor: 'ua', toward: 'talks', stance: 'supports', article: 'articles/c.txt', date: '2025-03-02' },
    ]);
    const filtered = filterRecords(dated, { from: '2025-02-01', to: '2025-02-28' });
    expect(filtered.leftOut).toEqual({ coder: 0, undated: 1, outsideDates: 1, actorType: 0 });
    // Without the filter: ru–ua 1·2, ru–us 1·1, ua–us 2·1; with it: ru–us 1
    expect(weights(network(dated, { type: 'co-occurrence' }))).toEqual([
      ['ru–ua', 2],
      ['ru–us', 1],
      ['ua–us', 2],
    ]);
    expect(weights(network(filtered.kept, { type: 'co-occurrence' }))).toEqual([['ru–us', 1]]);
  });

  it('several coders: without --coder each coder’s statements count (double), with it only theirs', () => {
    const coded = corpus([
      { actor: 'us', toward: 'talks', stance: 'supports', coder: 'ana' },
      { actor: 'ru', toward: 'talks', stance: 'supports', coder: 'ana' },
      { actor: 'us', toward: 'talks', stance: 'supports', coder: 'ben' },
      { actor: 'ru', toward: 'talks', stance: 'opposes', coder: 'ben' },
    ]);
    const all = filterRecords(coded);
    expect(all.articlesWithSeveralCoders).toEqual(['articles/riyadh-talks.txt']);
    // x: us talks {S:2}, ru talks {S:1, O:1}. congruence: 2·1·1 + 2·1·0 = 2
    expect(weights(network(all.kept, { type: 'congruence' }))).toEqual([['ru–us', 2]]);
    const ana = filterRecords(coded, { coders: ['ana'] });
    expect(ana.leftOut.coder).toBe(2);
    expect(ana.articlesWithSeveralCoders).toEqual([]);
    expect(weights(network(ana.kept, { type: 'congruence' }))).toEqual([['ru–us', 1]]);
    const ben = filterRecords(coded, { coders: ['ben'] });
    expect(weights(network(ben.kept, { type: 'congruence' }))).toEqual([]);
    expect(weights(network(ben.kept, { type: 'conflict' }))).toEqual([['ru–us', 1]]);
    // --duplicates article: the two coders' identical "us supports talks" count once.
    // x: us talks {S:1}, ru talks {S:1, O:1} → congruence 1
    expect(weights(network(all.kept, { type: 'congruence', duplicates: 'article' }))).toEqual([['ru–us', 1]]);
  });

  it('affiliation roll-up (person → organisation → state) before the duplicate rule', () => {
    const people = corpus([
      { actor: 'rubio', toward: 'talks', stance: 'supports' },
      { actor: 'state-dept', toward: 'talks', stance: 'supports' },
      { actor: 'us', toward: 'sanctions', stance: 'opposes' },
      { actor: 'lavrov', toward: 'talks', stance: 'opposes' },
    ]);
    // As coded: lavrov–rubio conflict 1, lavrov–state-dept conflict 1
    expect(weights(network(people, { type: 'conflict' }))).toEqual([
      ['lavrov–rubio', 1],
      ['lavrov–state-dept', 1],
    ]);
    const rolled = filterRecords(people, { actors: 'affiliation', lookupActor: actors }).kept;
    expect(rolled.map((s) => s.actor)).toEqual(['us', 'us', 'us', 'ru']);
    // us: talks {S:2}, sanctions {O:1}; ru: talks {O:1}. conflict ru–us: 2·1·1 = 2; statements 2 + 1 = 3
    const net = network(rolled, { type: 'conflict' });
    expect(weights(net)).toEqual([['ru–us', 2]]);
    expect(net.edges[0].statements).toBe(3);
    expect(net.nodes.map((node) => [node.key, node.label, node.type, node.frequency])).toEqual([
      ['ru', 'Russia', 'state', 1],
      ['us', 'United States', 'state', 3],
    ]);
    // Same article: rubio's and the department's "supports talks" are one statement of us after the roll-up.
    expect(weights(network(rolled, { type: 'conflict', duplicates: 'article' }))).toEqual([['ru–us', 1]]);
    // --actor-type person keeps nothing after the roll-up, rubio and lavrov without it.
    expect(filterRecords(people, { actors: 'affiliation', lookupActor: actors, actorTypes: ['person'] }).kept).toEqual([]);
    expect(filterRecords(people, { actorTypes: ['person'] }).kept.map((s) => s.actor)).toEqual(['rubio', 'lavrov']);
  });

  it('duplicates ignore the stance for aggregate ignore and co-occurrence, compare it otherwise', () => {
    const repeated = corpus([
      { actor: 'us', toward: 'talks', stance: 'supports' },
      { actor: 'us', toward: 'talks', stance: 'opposes' },
      { actor: 'ru', toward: 'talks', stance: 'supports' },
    ]);
    // stance ignored: us talks counts once (the earlier, supports) → ignore weight 1, positive 1
    const ignore = buildNetwork({ statements: repeated, options: { type: 'affiliation', duplicates: 'article' } });
    expect(ignore.duplicatesDropped).toBe(1);
    expect(ignore.network.edges.find((edge) => edge.source === 'us')).toMatchObject({ weight: 1, positive: 1, negative: 0 });
    // stance compared: both us statements count → combine 3
    expect(weights(network(repeated, { type: 'affiliation', aggregate: 'combine', duplicates: 'article' }))).toContainEqual(['us–talks', 3]);
    // co-occurrence: us 1 · ru 1 = 1 (2 under include)
    expect(weights(network(repeated, { type: 'co-occurrence', duplicates: 'article' }))).toEqual([['ru–us', 1]]);
    expect(weights(network(repeated, { type: 'co-occurrence' }))).toEqual([['ru–us', 2]]);
    // congruence compares stances: us {S:1, O:1} stays → ru–us congruence 1·1·1 + 1·1·0 = 1
    expect(weights(network(repeated, { type: 'congruence', duplicates: 'all' }))).toEqual([['ru–us', 1]]);
  });
});

describe('co-mention', () => {
  const mentions = [
    // annotation 1: us, ru, rubio; annotation 2: us, ru; annotation 3 (other file, same id): us, ua; us listed twice in 2
    mention({ actor: 'us', annotation: '1' }, actors),
    mention({ actor: 'ru', annotation: '1' }, actors),
    mention({ actor: 'rubio', annotation: '1' }, actors),
    mention({ actor: 'us', annotation: '2' }, actors),
    mention({ actor: 'ru', annotation: '2' }, actors),
    mention({ actor: 'us', annotation: '2' }, actors),
    mention({ actor: 'us', annotation: '1', file: 'annotations/other.stance.yaml', article: 'articles/other.txt' }, actors),
    mention({ actor: 'ua', annotation: '1', file: 'annotations/other.stance.yaml', article: 'articles/other.txt' }, actors),
  ];

  it('the number of annotations (file + annotation) that involve both actors', () => {
    // ru–rubio 1 (ann 1); ru–us 2 (ann 1, 2); rubio–us 1; ua–us 1 (other file's ann 1)
    const { network: net } = buildNetwork({ mentions, options: { type: 'co-mention' }, lookupActor: actors });
    expect(weights(net)).toEqual([
      ['ru–rubio', 1],
      ['ru–us', 2],
      ['rubio–us', 1],
      ['ua–us', 1],
    ]);
    // frequency: annotations per actor: ru 2, rubio 1, ua 1, us 3
    expect(net.nodes.map((node) => [node.key, node.frequency, node.affiliation])).toEqual([
      ['ru', 2, undefined],
      ['rubio', 1, 'state-dept'],
      ['ua', 1, undefined],
      ['us', 3, undefined],
    ]);
  });

  it('normalised: average, cosine, jaccard (n_i + n_i′ − ω)', () => {
    // ru–us: ω 2, n 2 and 3: average 2/2.5 = 0.8; cosine 2/6; jaccard 2/(2 + 3 − 2) = 2/3
    const pick = (normalize: 'average' | 'cosine' | 'jaccard') =>
      coMentionNetwork(mentions, { type: 'co-mention', normalize }).network.edges.find((edge) => edge.source === 'ru' && edge.target === 'us')!.weight;
    expect(pick('average')).toBe(0.8);
    expect(pick('cosine')).toBeCloseTo(1 / 3, 14);
    expect(pick('jaccard')).toBeCloseTo(2 / 3, 14);
  });

  it('with --duplicates article a pair counts once per article', () => {
    // ru–us: annotations 1 and 2 are in one article → 1
    const result = coMentionNetwork(mentions, { type: 'co-mention', duplicates: 'article' });
    expect(weights(result.network)).toEqual([
      ['ru–rubio', 1],
      ['ru–us', 1],
      ['rubio–us', 1],
      ['ua–us', 1],
    ]);
    expect(result.duplicatesDropped).toBe(1);
  });
});

describe('counts are additive over files', () => {
  it('taking one file’s statements out gives the network without that file', () => {
    const fileA = A.slice(0, 5);
    const fileB = A.slice(5);
    const counts = accumulate(fileA, createCounts());
    accumulate(fileB, counts);
    const options: NetworkOptions = { type: 'subtract' };
    expect(networkFromCounts(counts, options, { lookupActor: actors })).toEqual(network(A, options));
    accumulate(fileB, counts, -1);
    expect(networkFromCounts(counts, options, { lookupActor: actors })).toEqual(network(fileA, options));
    // Every statement out: no nodes, no edges.
    accumulate(fileA, counts, -1);
    expect(networkFromCounts(counts, { type: 'affiliation' })).toMatchObject({ nodes: [], edges: [] });
  });
});

describe('impossible option combinations are usage errors that say what is allowed', () => {
  const error = (options: Parameters<typeof checkNetworkOptions>[0]): string => {
    const checked = checkNetworkOptions(options);
    if (checked.ok) throw new Error('expected an error');
    return checked.error;
  };

  it('two-mode normalisations on one-mode networks and back', () => {
    expect(error({ type: 'affiliation', normalize: 'jaccard' })).toBe('--normalize jaccard is for one-mode networks; the two-mode affiliation network allows --normalize none, activity or prominence');
    expect(error({ type: 'congruence', normalize: 'activity' })).toBe(
      '--normalize activity is for the two-mode affiliation network; a one-mode network (--type congruence) allows --normalize none, average, jaccard or cosine',
    );
    expect(error({ type: 'co-mention', normalize: 'prominence' })).toContain('allows --normalize none, average, jaccard or cosine');
  });

  it('--aggregate combine or subtract on a one-mode network', () => {
    expect(error({ type: 'conflict', aggregate: 'combine' })).toBe(
      '--aggregate combine is for the two-mode affiliation network; a one-mode network takes its stance rule from --type (congruence, conflict, subtract, co-occurrence), so leave --aggregate out',
    );
    expect(error({ type: 'co-occurrence', aggregate: 'subtract' })).toContain('--aggregate subtract is for the two-mode affiliation network');
    expect(checkNetworkOptions({ type: 'co-occurrence', aggregate: 'ignore' }).ok).toBe(true);
  });

  it('combine with activity or prominence', () => {
    expect(error({ type: 'affiliation', aggregate: 'combine', normalize: 'activity' })).toContain('use --aggregate ignore or subtract with --normalize activity');
  });

  it('unknown values and missing --type', () => {
    expect(error({})).toBe('--type is required: affiliation (two-mode), or congruence, conflict, subtract, co-occurrence or co-mention (one-mode)');
    expect(error({ type: 'onemode' })).toContain('--type "onemode" is not a network type');
    expect(error({ type: 'affiliation', aggregate: 'sum' })).toBe('--aggregate "sum" is not allowed; use ignore, subtract or combine');
    expect(error({ type: 'conflict', duplicates: 'document' })).toBe('--duplicates "document" is not allowed; use include, article, week, month, year or all');
    expect(error({ type: 'conflict', minWeight: '-1' })).toContain('use a number of 0 or more');
    expect(error({ type: 'conflict', minWeight: 'x' })).toContain('--min-weight "x"');
  });

  it('defaults are filled in', () => {
    expect(checkNetworkOptions({ type: 'affiliation', minWeight: '0.5' })).toEqual({
      ok: true,
      options: { type: 'affiliation', aggregate: 'ignore', normalize: 'none', duplicates: 'include', minWeight: 0.5 },
    });
  });

  it('buildNetwork refuses what checkNetworkOptions refuses', () => {
    expect(() => network(A, { type: 'affiliation', normalize: 'cosine' })).toThrow('--normalize cosine is for one-mode networks');
  });

  it('filter options', () => {
    expect(filterOptionsError({ from: '2025-02-01', to: '2025-02-28', actors: 'affiliation' })).toBeUndefined();
    expect(filterOptionsError({ from: '19/02/2025' })).toContain('--from "19/02/2025" is not a date');
    expect(filterOptionsError({ to: '2025-02-30' })).toContain('--to "2025-02-30" is not a date');
    expect(filterOptionsError({ from: '2025-03-01', to: '2025-02-01' })).toBe('--from 2025-03-01 is after --to 2025-02-01; nothing could be kept');
    expect(filterOptionsError({ actors: 'persons' })).toBe('--actors "persons" is not allowed; use as-coded or affiliation');
  });
});

describe('the worked example of docs/analysis.md', () => {
  // The table of the example, and the figures the page works out by hand.
  const example = corpus([
    { actor: 'us', toward: 'talks', stance: 'supports' },
    { actor: 'us', toward: 'talks', stance: 'supports' },
    { actor: 'us', toward: 'sanctions', stance: 'opposes' },
    { actor: 'ru', toward: 'talks', stance: 'supports' },
    { actor: 'ru', toward: 'talks', stance: 'opposes' },
    { actor: 'ru', toward: 'sanctions', stance: 'neutral' },
    { actor: 'ua', toward: 'talks', stance: 'opposes' },
    { actor: 'ua', toward: 'sanctions', stance: 'supports' },
  ]);
  const weightsOf = (options: NetworkOptions) => Object.fromEntries(weights(network(example, options)));

  it('one-mode', () => {
    expect(weightsOf({ type: 'congruence' })).toEqual({ 'ru–ua': 1.5, 'ru–us': 2.5 });
    expect(network(example, { type: 'congruence' }).edges.find((edge) => edge.target === 'us')!.statements).toBe(6);
    expect(weightsOf({ type: 'conflict' })).toEqual({ 'ru–ua': 1.5, 'ru–us': 2.5, 'ua–us': 3 });
    expect(weightsOf({ type: 'subtract' })).toEqual({ 'ua–us': -3 });
    expect(weightsOf({ type: 'co-occurrence' })).toEqual({ 'ru–ua': 3, 'ru–us': 5, 'ua–us': 3 });
    const average = weightsOf({ type: 'congruence', normalize: 'average' });
    expect(average['ru–us']).toBeCloseTo(5 / 6, 14);
    expect(average['ru–ua']).toBeCloseTo(0.6, 14);
    const cosine = weightsOf({ type: 'congruence', normalize: 'cosine' });
    expect(cosine['ru–us']).toBeCloseTo(2.5 / 9, 14);
    expect(cosine['ru–ua']).toBe(0.25);
    expect(weightsOf({ type: 'congruence', normalize: 'jaccard' })['ru–us']).toBe(0.5);
  });

  it('two-mode', () => {
    expect(weightsOf({ type: 'affiliation' })).toEqual({ 'ru–sanctions': 1, 'ru–talks': 2, 'ua–sanctions': 1, 'ua–talks': 1, 'us–sanctions': 1, 'us–talks': 2 });
    expect(weightsOf({ type: 'affiliation', aggregate: 'subtract' })).toEqual({ 'ua–sanctions': 1, 'ua–talks': -1, 'us–sanctions': -1, 'us–talks': 2 });
    expect(weightsOf({ type: 'affiliation', aggregate: 'combine' })).toEqual({ 'ru–sanctions': 4, 'ru–talks': 3, 'ua–sanctions': 1, 'ua–talks': 2, 'us–sanctions': 2, 'us–talks': 1 });
    const activity = weightsOf({ type: 'affiliation', normalize: 'activity' });
    const prominence = weightsOf({ type: 'affiliation', normalize: 'prominence' });
    const expected: [string, number, number][] = [
      ['ru–sanctions', 1 / 3, 1 / 3],
      ['ru–talks', 2 / 3, 2 / 5],
      ['ua–sanctions', 1 / 2, 1 / 3],
      ['ua–talks', 1 / 2, 1 / 5],
      ['us–sanctions', 1 / 3, 1 / 3],
      ['us–talks', 2 / 3, 2 / 5],
    ];
    for (const [edge, byActor, byTarget] of expected) {
      expect(activity[edge], edge).toBeCloseTo(byActor, 14);
      expect(prominence[edge], edge).toBeCloseTo(byTarget, 14);
    }
  });
});
