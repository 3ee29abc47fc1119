/**
 * Agreement between coders (analysis contract §4): units per level, pooled
 * corpus figures, pairs, disagreements, conflicts, skipped and merged
 * articles, the --coders check and the --min-alpha gate.
 *
 * Every expected figure below is worked out by hand in the comments, from the
 * coincidence matrix (o[c][k]; n_c its row sums; n the pairable values):
 *   nominal α  = 1 − (n−1)·Σ_{c≠k} o[c][k] / Σ_{c≠k} n_c·n_k
 *   interval α = 1 − (n−1)·Σ o[c][k]·(c−k)² / Σ n_c·n_k·(c−k)²
 *   agreement  = Σ_c o[c][c] / n
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  AGREEMENT_LEVELS,
  assembleReport,
  checkMinAlpha,
  compareArticle,
  computeAgreement,
  isUsageError,
  parseMinAlpha,
  UNNAMED_CODER,
  type AgreementUsageError,
} from '../src/service/analysis/agreement';
import type { AgreementAnnotationInput, AgreementArticleInput, AgreementFileInput, AgreementReport, AgreementStanceInput } from '../src/service/analysis/types';

// ---------------------------------------------------------------------------
// Input helpers

function stance(actor: string, toward: string, value: string, line: number): AgreementStanceInput {
  const polarity = value === 'supports' ? 1 : value === 'opposes' ? -1 : 0;
  return { actor, toward, stance: value, polarity, line };
}

function annotation(sentence: number, line: number, actors: string[], stances: AgreementStanceInput[] = []): AgreementAnnotationInput {
  return { sentence, line, actors, stances };
}

function file(path: string, coder: string | undefined, annotations: AgreementAnnotationInput[]): AgreementFileInput {
  return coder === undefined ? { file: path, annotations } : { file: path, coder, annotations };
}

function report(articles: AgreementArticleInput[], coders?: string[]): AgreementReport {
  const result = computeAgreement(articles, coders === undefined ? {} : { coders });
  if (isUsageError(result)) throw new Error(result.message);
  return result;
}

// ---------------------------------------------------------------------------
// The hand-computed corpus

const GULF_ANA = 'annotations/gulf-ports.ana.stance.yaml';
const GULF_BEN = 'annotations/gulf-ports.ben.stance.yaml';

/** Article A: 4 sentences, ana and ben. */
const GULF: AgreementArticleInput = {
  article: 'articles/gulf-ports.txt',
  sentences: 4,
  files: [
    file(GULF_ANA, 'ana', [
      annotation(1, 5, ['us'], [stance('us', 'tariffs', 'supports', 8)]),
      annotation(2, 10, ['iran']),
      annotation(3, 13, ['us'], [stance('iran', 'us', 'opposes', 16)]), // iran is involved through its stance
    ]),
    file(GULF_BEN, 'ben', [
      annotation(1, 5, ['us'], [stance('us', 'tariffs', 'supports', 8)]),
      annotation(3, 10, ['iran'], [stance('iran', 'us', 'mixed', 13)]),
      annotation(4, 15, [], [stance('us', 'tariffs', 'opposes', 18)]),
    ]),
  ],
};

const STRAIT_ANA = 'annotations/strait-talks.ana.stance.yaml';
const STRAIT_BEN_1 = 'annotations/strait-talks.ben.stance.yaml';
const STRAIT_BEN_2 = 'annotations/strait-talks.ben-part2.stance.yaml';
const STRAIT_CLEO = 'annotations/strait-talks.cleo.stance.yaml';

/** Article B: 3 sentences; ana, ben (two files, merged) and cleo (a self-conflict on sentence 1). */
const STRAIT: AgreementArticleInput = {
  article: 'articles/strait-talks.txt',
  sentences: 3,
  files: [
    file(STRAIT_CLEO, 'cleo', [annotation(1, 5, ['eu'], [stance('eu', 'sanctions', 'supports', 8), stance('eu', 'sanctions', 'opposes', 11)]), annotation(3, 14, ['china'])]),
    file(STRAIT_BEN_2, 'ben', [annotation(2, 5, ['china'], [stance('china', 'sanctions', 'opposes', 8)])]),
    file(STRAIT_ANA, 'ana', [annotation(1, 5, ['eu'], [stance('eu', 'sanctions', 'supports', 8)]), annotation(2, 10, ['eu', 'china'], [stance('china', 'sanctions', 'opposes', 13)])]),
    file(STRAIT_BEN_1, 'ben', [annotation(1, 5, ['eu'], [stance('eu', 'sanctions', 'supports', 8)])]),
  ],
};

/** Article C: one coder only, so skipped. */
const PORT_FEES: AgreementArticleInput = {
  article: 'articles/port-fees.txt',
  sentences: 2,
  files: [file('annotations/port-fees.ana.stance.yaml', 'ana', [annotation(1, 5, ['us'])])],
};

const CORPUS = [PORT_FEES, STRAIT, GULF];

describe('the hand-computed corpus: per article', () => {
  const result = report(CORPUS);
  const gulf = result.articles.find((article) => article.article === GULF.article)!;
  const strait = result.articles.find((article) => article.article === STRAIT.article)!;

  it('lists the compared articles in path order with their coders and files', () => {
    expect(result.articles.map((article) => article.article)).toEqual(['articles/gulf-ports.txt', 'articles/strait-talks.txt']);
    expect(gulf.coders).toEqual(['ana', 'ben']);
    expect(gulf.files).toEqual([GULF_ANA, GULF_BEN]);
    expect(strait.coders).toEqual(['ana', 'ben', 'cleo']);
    expect(strait.files).toEqual([STRAIT_ANA, STRAIT_BEN_2, STRAIT_BEN_1, STRAIT_CLEO]);
  });

  it('A, sentences: units s1 (1,1), s2 (1,0), s3 (1,1), s4 (0,1)', () => {
    // o11 = 2 + 2 = 4; s2 and s4 each add 1 to o10 and o01: o10 = o01 = 2; o00 = 0.
    // n1 = 6, n0 = 2, n = 8. α = 1 − 7·4 / (2·6·2) = 1 − 28/24 = −1/6. Agreement 4/8.
    expect(gulf.sentences.alpha).toBeCloseTo(-1 / 6, 10);
    expect(gulf.sentences).toMatchObject({ units: 4, pairable: 8, agreement: 0.5 });
    expect(gulf.sentences.reason).toBeUndefined();
  });

  it('A, actors: 4 sentences × {us, iran} = 8 units', () => {
    // (1,us) 1,1  (1,iran) 0,0  (2,us) 0,0  (2,iran) 1,0  (3,us) 1,0  (3,iran) 1,1  (4,us) 0,1  (4,iran) 0,0
    // o11 = 4, o00 = 6, o10 = o01 = 3; n1 = 7, n0 = 9, n = 16. α = 1 − 15·6 / (2·7·9) = 1 − 90/126 = 2/7.
    expect(gulf.actors.alpha).toBeCloseTo(2 / 7, 10);
    expect(gulf.actors).toMatchObject({ units: 8, pairable: 16, agreement: 10 / 16 });
  });

  it('A, stances: (1,us,tariffs) supports/supports, (3,iran,us) opposes/mixed, (4,us,tariffs) —/opposes', () => {
    // The third unit has one value: not pairable. o(sup,sup) = 2, o(opp,mix) = o(mix,opp) = 1;
    // n_sup = 2, n_opp = 1, n_mix = 1, n = 4. α = 1 − 3·2 / (16 − (4 + 1 + 1)) = 1 − 6/10 = 0.4.
    expect(gulf.stances.alpha).toBeCloseTo(0.4, 10);
    expect(gulf.stances).toMatchObject({ units: 3, pairable: 4, agreement: 0.5 });
  });

  it('A, polarity: (1,1), (−1,0), and a unit with one value', () => {
    // o(1,1) = 2, o(−1,0) = o(0,−1) = 1; n_1 = 2, n_−1 = 1, n_0 = 1, n = 4.
    // observed Σ o·δ² = 2·1 = 2; expected Σ n_c n_k δ² = 2·(2·1·4 + 2·1·1 + 1·1·1) = 22.
    // α = 1 − 3·2/22 = 8/11.
    expect(gulf.polarity.alpha).toBeCloseTo(8 / 11, 10);
    expect(gulf.polarity).toMatchObject({ units: 3, pairable: 4, agreement: 0.5 });
  });

  it('B, sentences: three coders, s1 (1,1,1), s2 (1,1,0), s3 (0,0,1)', () => {
    // s1: o11 += 3. s2: six ordered pairs weighted 1/2: o11 += 1, o10 += 1, o01 += 1.
    // s3: o00 += 1, o01 += 1, o10 += 1. So o11 = 4, o00 = 1, o10 = o01 = 2; n1 = 6, n0 = 3, n = 9.
    // α = 1 − 8·4 / (2·6·3) = 1 − 32/36 = 1/9. Agreement 5/9.
    expect(strait.sentences.alpha).toBeCloseTo(1 / 9, 10);
    expect(strait.sentences).toMatchObject({ units: 3, pairable: 9 });
    expect(strait.sentences.agreement).toBeCloseTo(5 / 9, 10);
  });

  it("B, actors: 3 sentences × {eu, china}; ben's two files count as one coder", () => {
    // (1,eu) 1,1,1 → o11 += 3        (1,china) 0,0,0 → o00 += 3
    // (2,eu) 1,0,0 → o00 += 1, o10 += 1, o01 += 1   (2,china) 1,1,0 → o11 += 1, o10 += 1, o01 += 1
    // (3,eu) 0,0,0 → o00 += 3        (3,china) 0,0,1 → o00 += 1, o01 += 1, o10 += 1
    // o11 = 4, o00 = 8, o10 = o01 = 3; n1 = 7, n0 = 11, n = 18. α = 1 − 17·6 / (2·7·11) = 1 − 102/154 = 26/77.
    expect(strait.actors.alpha).toBeCloseTo(26 / 77, 10);
    expect(strait.actors).toMatchObject({ units: 6, pairable: 18 });
    expect(strait.actors.agreement).toBeCloseTo(12 / 18, 10);
  });

  it("B, stances: cleo's two stances on (1,eu,sanctions) are missing; the rest agree", () => {
    // (1,eu,sanctions): ana supports, ben supports, cleo missing (self-conflict); (2,china,sanctions): opposes, opposes, —.
    // o(sup,sup) = 2, o(opp,opp) = 2, no disagreement: α = 1 − 3·0 / (16 − 8) = 1.
    expect(strait.stances).toEqual({ alpha: 1, units: 2, pairable: 4, agreement: 1 });
    expect(strait.polarity).toEqual({ alpha: 1, units: 2, pairable: 4, agreement: 1 });
  });
});

describe('the hand-computed corpus: corpus figures pool the units', () => {
  const result = report(CORPUS);

  it('coders are those of the compared articles', () => {
    expect(result.coders).toEqual(['ana', 'ben', 'cleo']);
  });

  it('sentences: the summed matrix, not an average of the articles', () => {
    // A + B: o11 = 4 + 4 = 8, o00 = 0 + 1 = 1, o10 = o01 = 2 + 2 = 4; n1 = 12, n0 = 5, n = 17.
    // α = 1 − 16·8 / (2·12·5) = 1 − 128/120 = −1/15 (the mean of −1/6 and 1/9 would be −0.028).
    expect(result.corpus.sentences.alpha).toBeCloseTo(-1 / 15, 10);
    expect(result.corpus.sentences).toMatchObject({ units: 7, pairable: 17 });
    expect(result.corpus.sentences.agreement).toBeCloseTo(9 / 17, 10);
  });

  it('actors', () => {
    // o11 = 4 + 4 = 8, o00 = 6 + 8 = 14, o10 = o01 = 3 + 3 = 6; n1 = 14, n0 = 20, n = 34.
    // α = 1 − 33·12 / (2·14·20) = 1 − 396/560 = 41/140.
    expect(result.corpus.actors.alpha).toBeCloseTo(41 / 140, 10);
    expect(result.corpus.actors).toMatchObject({ units: 14, pairable: 34 });
    expect(result.corpus.actors.agreement).toBeCloseTo(22 / 34, 10);
  });

  it('stances', () => {
    // o(sup,sup) = 2 + 2 = 4, o(opp,opp) = 2, o(opp,mix) = o(mix,opp) = 1; n_sup = 4, n_opp = 3, n_mix = 1, n = 8.
    // α = 1 − 7·2 / (64 − (16 + 9 + 1)) = 1 − 14/38 = 12/19.
    expect(result.corpus.stances.alpha).toBeCloseTo(12 / 19, 10);
    expect(result.corpus.stances).toMatchObject({ units: 5, pairable: 8, agreement: 0.75 });
  });

  it('polarity', () => {
    // o(1,1) = 4, o(−1,−1) = 2, o(−1,0) = o(0,−1) = 1; n_1 = 4, n_−1 = 3, n_0 = 1, n = 8.
    // observed = 2·1 = 2; expected = 2·(4·3·4 + 4·1·1 + 3·1·1) = 110. α = 1 − 7·2/110 = 48/55.
    expect(result.corpus.polarity.alpha).toBeCloseTo(48 / 55, 10);
    expect(result.corpus.polarity).toMatchObject({ units: 5, pairable: 8, agreement: 0.75 });
  });

  it("the one-coder article is skipped and counted; ben's two files are reported as merged", () => {
    expect(result.skipped).toEqual([{ article: 'articles/port-fees.txt', coders: ['ana'] }]);
    expect(result.merged).toEqual([{ article: 'articles/strait-talks.txt', coder: 'ben', files: [STRAIT_BEN_2, STRAIT_BEN_1] }]);
    expect(result.outOfRange).toBe(0);
  });

  it("cleo's self-conflict is listed with both places", () => {
    expect(result.conflicts).toEqual([
      {
        article: 'articles/strait-talks.txt',
        coder: 'cleo',
        sentence: 1,
        actor: 'eu',
        target: 'sanctions',
        stances: ['opposes', 'supports'],
        places: [
          { file: STRAIT_CLEO, line: 8, coder: 'cleo' },
          { file: STRAIT_CLEO, line: 11, coder: 'cleo' },
        ],
      },
    ]);
  });
});

describe('the hand-computed corpus: pairs', () => {
  const result = report(CORPUS);
  const pair = (a: string, b: string) => result.pairs.find((p) => p.coders[0] === a && p.coders[1] === b)!;

  it('one entry per pair of coders who share an article, in coder order', () => {
    expect(result.pairs.map((p) => p.coders)).toEqual([
      ['ana', 'ben'],
      ['ana', 'cleo'],
      ['ben', 'cleo'],
    ]);
    expect(result.pairs.map((p) => p.articles)).toEqual([2, 1, 1]);
  });

  it('ana–ben over A and B', () => {
    const p = pair('ana', 'ben');
    // sentences: A (1,1) (1,0) (1,1) (0,1), B (1,1) (1,1) (0,0) → 11: 4, 10: 1, 01: 1, 00: 1 of 7.
    // p_o = 5/7; both coders 1 in 5/7: p_e = 25/49 + 4/49 = 29/49; κ = (35/49 − 29/49)/(20/49) = 0.3.
    expect(p.sentences.agreement).toBeCloseTo(5 / 7, 10);
    expect(p.sentences.kappa).toBeCloseTo(0.3, 10);
    expect(p.sentences.units).toBe(7);
    // actors: A as above (11: 2, 00: 3, 10: 2, 01: 1); B over {eu, china}, cleo's china left out:
    // (1,eu) 1,1 (1,china) 0,0 (2,eu) 1,0 (2,china) 1,1 (3,eu) 0,0 (3,china) 0,0 → 11: 2, 00: 3, 10: 1.
    // Sum 11: 4, 00: 6, 10: 3, 01: 1 of 14. p_o = 10/14; ana 1 in 7/14, ben in 5/14;
    // p_e = (7/14)(5/14) + (7/14)(9/14) = 1/2; κ = (5/7 − 1/2)/(1/2) = 3/7.
    expect(p.actors.agreement).toBeCloseTo(10 / 14, 10);
    expect(p.actors.kappa).toBeCloseTo(3 / 7, 10);
    expect(p.actors.units).toBe(14);
    // stances both coded: (sup,sup) (opp,mix) (sup,sup) (opp,opp). p_o = 3/4;
    // ana: sup 2/4, opp 2/4; ben: sup 2/4, opp 1/4, mix 1/4; p_e = 1/4 + 1/8 = 3/8; κ = (3/8)/(5/8) = 0.6.
    expect(p.stances).toEqual({ agreement: 0.75, kappa: 0.6, units: 4 });
    // polarity: (1,1) (−1,0) (1,1) (−1,−1). observed mean (a−b)² = 1/4. Expected over the 16 (a_i, b_j):
    // a = 1 (twice) vs 1,0,1,−1: 0+1+0+4 = 5 → 10; a = −1 (twice): 4+1+4+0 = 9 → 18; 28/16 = 7/4.
    // κ_w = 1 − (1/4)/(7/4) = 6/7.
    expect(p.polarity.kappa).toBeCloseTo(6 / 7, 10);
    expect(p.polarity).toMatchObject({ agreement: 0.75, units: 4 });
  });

  it('ana–cleo over B', () => {
    const p = pair('ana', 'cleo');
    // sentences ana 1,1,0 cleo 1,0,1: 11, 10, 01. p_o = 1/3; both 1 in 2/3: p_e = 4/9 + 1/9 = 5/9;
    // κ = (3/9 − 5/9)/(4/9) = −0.5.
    expect(p.sentences.kappa).toBeCloseTo(-0.5, 10);
    expect(p.sentences.agreement).toBeCloseTo(1 / 3, 10);
    // actors over {eu, china}: (1,eu) 1,1 (1,china) 0,0 (2,eu) 1,0 (2,china) 1,0 (3,eu) 0,0 (3,china) 0,1.
    // p_o = 3/6; ana 1 in 3/6, cleo in 2/6: p_e = (1/2)(1/3) + (1/2)(2/3) = 1/2; κ = 0.
    expect(p.actors.kappa).toBeCloseTo(0, 10);
    expect(p.actors.agreement).toBeCloseTo(0.5, 10);
    // stances: cleo's only stance unit is a conflict: no unit both coded.
    expect(p.stances).toEqual({ agreement: null, kappa: null, units: 0, reason: 'no units both coders coded' });
    expect(p.polarity).toEqual({ agreement: null, kappa: null, units: 0, reason: 'no units both coders coded' });
  });

  it('ben–cleo over B', () => {
    const p = pair('ben', 'cleo');
    // actors: (1,eu) 1,1 (1,china) 0,0 (2,eu) 0,0 (2,china) 1,0 (3,eu) 0,0 (3,china) 0,1.
    // p_o = 4/6; each 1 in 2/6: p_e = 1/9 + 4/9 = 5/9; κ = (6/9 − 5/9)/(4/9) = 1/4.
    expect(p.actors.kappa).toBeCloseTo(0.25, 10);
    expect(p.actors.agreement).toBeCloseTo(4 / 6, 10);
    expect(p.sentences.kappa).toBeCloseTo(-0.5, 10);
  });
});

describe('the hand-computed corpus: disagreements', () => {
  const result = report(CORPUS);

  it("lists every disagreement, by article, sentence and level, with every coder's value and the places", () => {
    expect(result.disagreements).toEqual([
      {
        article: 'articles/gulf-ports.txt',
        level: 'sentences',
        sentence: 2,
        values: { ana: 1, ben: 0 },
        places: [{ file: GULF_ANA, line: 10, coder: 'ana' }],
      },
      {
        article: 'articles/gulf-ports.txt',
        level: 'actors',
        sentence: 2,
        actor: 'iran',
        values: { ana: 1, ben: 0 },
        places: [{ file: GULF_ANA, line: 10, coder: 'ana' }],
      },
      {
        article: 'articles/gulf-ports.txt',
        level: 'actors',
        sentence: 3,
        actor: 'us',
        values: { ana: 1, ben: 0 },
        places: [{ file: GULF_ANA, line: 13, coder: 'ana' }],
      },
      {
        article: 'articles/gulf-ports.txt',
        level: 'stances',
        sentence: 3,
        actor: 'iran',
        target: 'us',
        values: { ana: 'opposes', ben: 'mixed' },
        polarities: { ana: -1, ben: 0 },
        places: [
          { file: GULF_ANA, line: 16, coder: 'ana' },
          { file: GULF_BEN, line: 13, coder: 'ben' },
        ],
      },
      {
        article: 'articles/gulf-ports.txt',
        level: 'sentences',
        sentence: 4,
        values: { ana: 0, ben: 1 },
        places: [{ file: GULF_BEN, line: 15, coder: 'ben' }],
      },
      {
        article: 'articles/gulf-ports.txt',
        level: 'actors',
        sentence: 4,
        actor: 'us',
        values: { ana: 0, ben: 1 },
        places: [{ file: GULF_BEN, line: 15, coder: 'ben' }],
      },
      {
        article: 'articles/strait-talks.txt',
        level: 'sentences',
        sentence: 2,
        values: { ana: 1, ben: 1, cleo: 0 },
        places: [
          { file: STRAIT_ANA, line: 10, coder: 'ana' },
          { file: STRAIT_BEN_2, line: 5, coder: 'ben' },
        ],
      },
      {
        article: 'articles/strait-talks.txt',
        level: 'actors',
        sentence: 2,
        actor: 'china',
        values: { ana: 1, ben: 1, cleo: 0 },
        places: [
          { file: STRAIT_ANA, line: 10, coder: 'ana' },
          { file: STRAIT_BEN_2, line: 5, coder: 'ben' },
        ],
      },
      {
        article: 'articles/strait-talks.txt',
        level: 'actors',
        sentence: 2,
        actor: 'eu',
        values: { ana: 1, ben: 0, cleo: 0 },
        places: [{ file: STRAIT_ANA, line: 10, coder: 'ana' }],
      },
      {
        article: 'articles/strait-talks.txt',
        level: 'sentences',
        sentence: 3,
        values: { ana: 0, ben: 0, cleo: 1 },
        places: [{ file: STRAIT_CLEO, line: 14, coder: 'cleo' }],
      },
      {
        article: 'articles/strait-talks.txt',
        level: 'actors',
        sentence: 3,
        actor: 'china',
        values: { ana: 0, ben: 0, cleo: 1 },
        places: [{ file: STRAIT_CLEO, line: 14, coder: 'cleo' }],
      },
    ]);
  });

  it('a unit only one coder stated is not a disagreement (it is missing for the others)', () => {
    expect(result.disagreements.some((d) => d.level === 'stances' && d.sentence === 4)).toBe(false);
  });
});

describe('the JSON shape of the contract', () => {
  const result = report(CORPUS);

  it('has the contract keys, numbers as numbers, and survives JSON', () => {
    expect(Object.keys(result).slice(0, 5)).toEqual(['coders', 'corpus', 'articles', 'pairs', 'disagreements']);
    expect(Object.keys(result.corpus)).toEqual(['sentences', 'actors', 'stances', 'polarity']);
    for (const level of AGREEMENT_LEVELS) {
      expect(Object.keys(result.corpus[level]).sort()).toEqual(['agreement', 'alpha', 'pairable', 'units']);
      expect(typeof result.corpus[level].alpha).toBe('number');
    }
    expect(Object.keys(result.articles[0])).toEqual(['article', 'coders', 'files', 'sentences', 'actors', 'stances', 'polarity']);
    expect(Object.keys(result.pairs[0])).toEqual(['coders', 'articles', 'sentences', 'actors', 'stances', 'polarity']);
    expect(Object.keys(result.pairs[0].sentences).sort()).toEqual(['agreement', 'kappa', 'units']);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('a null alpha carries a reason key', () => {
    const quiet = report([{ article: 'a.txt', sentences: 2, files: [file('a.x.stance.yaml', 'x', []), file('a.y.stance.yaml', 'y', [])] }]);
    expect(quiet.corpus.sentences).toEqual({ alpha: null, units: 2, pairable: 4, agreement: 1, reason: 'no variation: every pairable value is 0' });
    expect(quiet.corpus.actors).toEqual({ alpha: null, units: 0, pairable: 0, agreement: null, reason: 'fewer than two pairable values' });
    expect(quiet.corpus.stances).toEqual({ alpha: null, units: 0, pairable: 0, agreement: null, reason: 'fewer than two pairable values' });
    expect(JSON.stringify(quiet)).not.toContain('NaN');
  });
});

describe('--coders', () => {
  it('restricts the comparison to the named coders; articles left with one of them are skipped', () => {
    const result = report(CORPUS, ['cleo', 'ana']);
    expect(result.coders).toEqual(['cleo', 'ana']);
    expect(result.articles.map((a) => a.article)).toEqual(['articles/strait-talks.txt']);
    expect(result.articles[0].coders).toEqual(['ana', 'cleo']);
    expect(result.articles[0].files).toEqual([STRAIT_ANA, STRAIT_CLEO]);
    expect(result.skipped).toEqual([
      { article: 'articles/gulf-ports.txt', coders: ['ana'] },
      { article: 'articles/port-fees.txt', coders: ['ana'] },
    ]);
    // ben is not compared, so his two files are not merged into anything.
    expect(result.merged).toEqual([]);
    // B, ana and cleo: s1 (1,1) s2 (1,0) s3 (0,1): o11 = 2, o10 = o01 = 2; n1 = 4, n0 = 2, n = 6.
    // α = 1 − 5·4/(2·4·2) = −0.25
    expect(result.corpus.sentences.alpha).toBeCloseTo(-0.25, 10);
    // The pair follows the requested order.
    expect(result.pairs.map((p) => p.coders)).toEqual([['cleo', 'ana']]);
    expect(result.pairs[0].sentences.kappa).toBeCloseTo(-0.5, 10);
  });

  it('a coder no file has is a usage error, returned as a value', () => {
    const result = computeAgreement(CORPUS, { coders: ['ana', 'zed', 'ben', 'yan'] });
    expect(isUsageError(result)).toBe(true);
    const error = result as AgreementUsageError;
    expect(error.unknown).toEqual(['zed', 'yan']);
    expect(error.message).toBe("--coders: no annotation file has coder 'zed', 'yan' (coders found: ana, ben, cleo)");
  });

  it('fewer than two distinct names is a usage error', () => {
    expect(computeAgreement(CORPUS, { coders: ['ana', ' ana '] })).toEqual({ error: 'usage', message: '--coders: name at least two coders to compare' });
    expect(isUsageError(computeAgreement(CORPUS, { coders: [] }))).toBe(true);
  });
});

describe('coders and files', () => {
  it('files without coder: belong to the unnamed coder, compared like any other', () => {
    const result = report([
      {
        article: 'a.txt',
        sentences: 2,
        files: [file('a.stance.yaml', undefined, [annotation(1, 3, ['us'])]), file('a.ana.stance.yaml', 'ana', [annotation(1, 3, ['us'])])],
      },
    ]);
    expect(result.coders).toEqual([UNNAMED_CODER, 'ana']);
    // sentences (1,1), (0,0): perfect agreement with variation.
    expect(result.corpus.sentences.alpha).toBe(1);
    expect(report([{ article: 'a.txt', sentences: 1, files: [file('a.stance.yaml', undefined, []), file('b.stance.yaml', 'ana', [])] }], [UNNAMED_CODER, 'ana']).coders).toEqual([
      UNNAMED_CODER,
      'ana',
    ]);
  });

  it('two files without coder: are one coder: merged, and the article is skipped', () => {
    const result = report([{ article: 'a.txt', sentences: 2, files: [file('a.stance.yaml', undefined, []), file('a.copy.stance.yaml', undefined, [])] }]);
    expect(result.skipped).toEqual([{ article: 'a.txt', coders: [UNNAMED_CODER] }]);
    expect(result.merged).toEqual([{ article: 'a.txt', coder: UNNAMED_CODER, files: ['a.copy.stance.yaml', 'a.stance.yaml'] }]);
    expect(result.articles).toEqual([]);
  });

  it('the same stance twice from one coder is one value, not a conflict', () => {
    const result = report([
      {
        article: 'a.txt',
        sentences: 2,
        files: [
          file('a.x.stance.yaml', 'x', [annotation(1, 3, [], [stance('us', 't', 'supports', 5)]), annotation(1, 8, [], [stance('us', 't', 'supports', 10)])]),
          file('a.y.stance.yaml', 'y', [annotation(1, 3, [], [stance('us', 't', 'opposes', 5)])]),
        ],
      },
    ]);
    expect(result.conflicts).toEqual([]);
    // One unit, (supports, opposes): o = 1 each way; n = 2; α = 1 − 1·2/(4 − 2) = 0.
    expect(result.corpus.stances).toEqual({ alpha: 0, units: 1, pairable: 2, agreement: 0 });
    expect(result.disagreements.find((d) => d.level === 'stances')!.places).toEqual([
      { file: 'a.x.stance.yaml', line: 5, coder: 'x' },
      { file: 'a.x.stance.yaml', line: 10, coder: 'x' },
      { file: 'a.y.stance.yaml', line: 5, coder: 'y' },
    ]);
  });

  it('equal stances with different polarities are a polarity disagreement', () => {
    const result = report([
      {
        article: 'a.txt',
        sentences: 1,
        files: [
          file('x.stance.yaml', 'x', [annotation(1, 3, [], [{ actor: 'us', toward: 't', stance: 'leans', polarity: 0.5, line: 5 }])]),
          file('y.stance.yaml', 'y', [annotation(1, 3, [], [{ actor: 'us', toward: 't', stance: 'leans', polarity: 1, line: 5 }])]),
        ],
      },
    ]);
    expect(result.disagreements.filter((d) => d.target !== undefined)).toEqual([
      {
        article: 'a.txt',
        level: 'polarity',
        sentence: 1,
        actor: 'us',
        target: 't',
        values: { x: 'leans', y: 'leans' },
        polarities: { x: 0.5, y: 1 },
        places: [
          { file: 'x.stance.yaml', line: 5, coder: 'x' },
          { file: 'y.stance.yaml', line: 5, coder: 'y' },
        ],
      },
    ]);
  });

  it('annotations whose sentence is not in the article are left out and counted', () => {
    const result = report([
      {
        article: 'a.txt',
        sentences: 2,
        files: [file('x.stance.yaml', 'x', [annotation(3, 3, ['us']), annotation(0, 6, ['us']), annotation(1, 9, ['us'])]), file('y.stance.yaml', 'y', [annotation(1, 3, ['us'])])],
      },
    ]);
    expect(result.outOfRange).toBe(2);
    expect(result.corpus.sentences.units).toBe(2);
    expect(result.corpus.actors.units).toBe(2);
    expect(result.disagreements).toEqual([]);
  });

  it('a coder named __proto__ is a plain key of values', () => {
    const result = report([{ article: 'a.txt', sentences: 1, files: [file('x.stance.yaml', '__proto__', [annotation(1, 3, ['us'])]), file('y.stance.yaml', 'y', [])] }]);
    const values = result.disagreements[0].values;
    expect(Object.keys(values)).toEqual(['__proto__', 'y']);
    expect(JSON.parse(JSON.stringify(values))).toEqual(values);
  });
});

describe('separable per article', () => {
  it('summing cached article contributions gives the same report as computing the whole', () => {
    const whole = report(CORPUS);
    const cached = CORPUS.map((article) => compareArticle(article));
    // An edit to one article re-does that article only.
    const editedGulf: AgreementArticleInput = { ...GULF, files: [GULF.files[0], { ...GULF.files[1], annotations: GULF.files[1].annotations.slice(0, 2) }] };
    const edited = assembleReport([cached[0], cached[1], compareArticle(editedGulf)]);
    expect(assembleReport(cached)).toEqual(whole);
    expect(edited).toEqual(report([PORT_FEES, STRAIT, editedGulf]));
  });
});

describe('--min-alpha', () => {
  const result = report(CORPUS);

  it('parses a number from −1 to 1', () => {
    expect(parseMinAlpha('0.8')).toBe(0.8);
    expect(parseMinAlpha(' .667 ')).toBe(0.667);
    expect(parseMinAlpha('-1')).toBe(-1);
    for (const bad of ['', 'high', '1.5', '-2', 'NaN', 'Infinity']) expect(isUsageError(parseMinAlpha(bad))).toBe(true);
  });

  it('fails on every corpus alpha below the minimum', () => {
    // corpus: sentences −1/15, actors 41/140 ≈ 0.293, stances 12/19 ≈ 0.632, polarity 48/55 ≈ 0.873
    const gate = checkMinAlpha(result, 0.667);
    expect(gate.passed).toBe(false);
    expect(gate.below.map((b) => b.level)).toEqual(['sentences', 'actors', 'stances']);
    expect(gate.message).toBe('alpha below 0.667: sentences -0.067, actors 0.293, stances 0.632');
    expect(checkMinAlpha(result, -0.5).passed).toBe(true);
    // 48/55 = 0.872727…: "0.873" would look like a pass of 0.8728; more digits are shown.
    expect(checkMinAlpha(result, 0.8728).message).toContain('polarity 0.8727');
  });

  it('null alphas neither pass nor fail, but a corpus with no alpha at all fails', () => {
    const partly = report([{ article: 'a.txt', sentences: 2, files: [file('x.stance.yaml', 'x', [annotation(1, 3, ['us'])]), file('y.stance.yaml', 'y', [annotation(1, 3, ['us'])])] }]);
    // sentences (1,1), (0,0): α = 1; stances: none → null.
    const gate = checkMinAlpha(partly, 0.8);
    expect(gate.passed).toBe(true);
    expect(gate.unmeasured.map((u) => u.level)).toEqual(['stances', 'polarity']);
    const nothing = report([PORT_FEES]);
    const empty = checkMinAlpha(nothing, 0.8);
    expect(empty.passed).toBe(false);
    expect(empty.message).toBe('no alpha could be computed, so --min-alpha 0.8 cannot be met');
  });
});

// ---------------------------------------------------------------------------
// Properties

const ACTORS = ['us', 'eu', 'iran'];
const STANCES = ['supports', 'opposes', 'neutral'];

const annotationArbitrary = (sentences: number) =>
  fc.record({
    sentence: fc.integer({ min: 1, max: sentences }),
    line: fc.integer({ min: 1, max: 200 }),
    actors: fc.subarray(ACTORS),
    stances: fc.array(
      fc
        .record({
          actor: fc.constantFrom(...ACTORS),
          toward: fc.constantFrom('tariffs', 'us'),
          stance: fc.constantFrom(...STANCES),
          line: fc.integer({ min: 1, max: 200 }),
        })
        .map((s) => ({ ...s, polarity: s.stance === 'supports' ? 1 : s.stance === 'opposes' ? -1 : 0 })),
      { maxLength: 2 },
    ),
  });

const articleArbitrary = fc.integer({ min: 1, max: 6 }).chain((sentences) =>
  fc.record({
    article: fc.constantFrom('a.txt', 'b.txt', 'c.txt'),
    sentences: fc.constant(sentences),
    files: fc.array(
      fc.record({
        file: fc.constantFrom('1.stance.yaml', '2.stance.yaml', '3.stance.yaml', '4.stance.yaml'),
        coder: fc.constantFrom('x', 'y', 'z'),
        annotations: fc.array(annotationArbitrary(sentences), { maxLength: 5 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
);

const corpusArbitrary = fc.uniqueArray(articleArbitrary, { maxLength: 4, selector: (article) => article.article });
const PROPERTY_OPTIONS = { seed: 1402, numRuns: 200 };

describe('properties (fast-check, fixed seed)', () => {
  it('never NaN: every alpha, kappa and agreement is a number in range or null with a reason', () => {
    fc.assert(
      fc.property(corpusArbitrary, (articles) => {
        const result = report(articles);
        const text = JSON.stringify(result);
        expect(text).not.toMatch(/NaN|Infinity/);
        const figures = [result.corpus, ...result.articles];
        for (const holder of figures) {
          for (const level of AGREEMENT_LEVELS) {
            const figure = holder[level];
            if (figure.alpha === null) expect(typeof figure.reason).toBe('string');
            else {
              expect(figure.alpha).toBeGreaterThanOrEqual(-1);
              expect(figure.alpha).toBeLessThanOrEqual(1);
            }
            if (figure.agreement !== null) {
              expect(figure.agreement).toBeGreaterThanOrEqual(0);
              expect(figure.agreement).toBeLessThanOrEqual(1);
            }
            expect(figure.pairable).toBeLessThanOrEqual(figure.units * 3);
          }
        }
        for (const pair of result.pairs) {
          for (const level of AGREEMENT_LEVELS) {
            const figure = pair[level];
            if (figure.kappa === null) expect(typeof figure.reason).toBe('string');
            else {
              expect(figure.kappa).toBeGreaterThanOrEqual(-1);
              expect(figure.kappa).toBeLessThanOrEqual(1);
            }
          }
        }
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('invariant to the order of articles, files and annotations', () => {
    fc.assert(
      fc.property(corpusArbitrary, (articles) => {
        const reversed = [...articles].reverse().map((article) => ({ ...article, files: [...article.files].reverse().map((f) => ({ ...f, annotations: [...f.annotations].reverse() })) }));
        const a = report(articles);
        const b = report(reversed);
        for (const level of AGREEMENT_LEVELS) {
          const [before, after] = [a.corpus[level].alpha, b.corpus[level].alpha];
          if (before === null) expect(after).toBeNull();
          else expect(after!).toBeCloseTo(before, 9);
          expect(b.corpus[level].units).toBe(a.corpus[level].units);
        }
        expect(b.pairs.map((p) => p.coders)).toEqual(a.pairs.map((p) => p.coders));
        expect(b.disagreements.map((d) => [d.article, d.level, d.sentence, d.actor, d.target, d.values])).toEqual(
          a.disagreements.map((d) => [d.article, d.level, d.sentence, d.actor, d.target, d.values]),
        );
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('a coder compared with an exact copy of their work: alpha 1 (or null without variation), no disagreement', () => {
    fc.assert(
      fc.property(corpusArbitrary, (articles) => {
        const copied = articles.map((article) => {
          const own = article.files.filter((f) => f.coder === 'x');
          return { ...article, files: [...own, ...own.map((f) => ({ ...f, file: `copy-${f.file}`, coder: 'w' }))] };
        });
        const result = report(copied);
        expect(result.disagreements).toEqual([]);
        for (const level of AGREEMENT_LEVELS) {
          const alpha = result.corpus[level].alpha;
          if (alpha === null) expect(result.corpus[level].reason).toMatch(/^(no variation|fewer than two)/);
          else expect(alpha).toBe(1);
        }
      }),
      PROPERTY_OPTIONS,
    );
  });
});
