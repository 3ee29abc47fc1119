import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addAgreeingUnits,
  addInto,
  addUnit,
  alphaOf,
  cohensKappa,
  krippendorffAlpha,
  newMatrix,
  observedAgreementOf,
  pairableValues,
  REASON_NO_UNITS_BOTH_CODED,
  REASON_NOT_NUMERIC,
  REASON_TOO_FEW_VALUES,
  type CodedValue,
} from '../src/service/analysis/reliability';

const _ = undefined; // a missing value

/**
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Section C:
 * four observers, twelve units, values 1–5, with missing values ('.' in the paper).
 * Published: nominal α = 0.743, interval α = 0.849.
 */
const PAPER_UNITS: (number | undefined)[][] = [
  //  A  B  C  D       unit
  [1, 1, _, 1], //      1
  [2, 2, 3, 2], //      2
  [3, 3, 3, 3], //      3
  [3, 3, 3, 3], //      4
  [2, 2, 2, 2], //      5
  [1, 2, 3, 4], //      6
  [4, 4, 4, 4], //      7
  [1, 1, 2, 1], //      8
  [2, 2, 2, 2], //      9
  [_, 5, 5, 5], //      10
  [_, _, 1, 1], //      11
  [_, 3, _, _], //      12: one value only, not pairable
];

/**
 * Krippendorff (2011), Section A: two observers, ten units, binary data.
 * Published: α = 0.095.
 */
const BINARY_A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
const BINARY_B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];

describe("Krippendorff's published examples", () => {
  it('4 observers × 12 units with missing values: nominal α = 0.743', () => {
    const result = krippendorffAlpha(PAPER_UNITS, 'nominal');
    expect(result.value).not.toBeNull();
    expect(result.value!).toBeCloseTo(0.743, 3);
  });

  it('4 observers × 12 units with missing values: interval α = 0.849', () => {
    const result = krippendorffAlpha(PAPER_UNITS, 'interval');
    expect(result.value).not.toBeNull();
    expect(result.value!).toBeCloseTo(0.849, 3);
  });

  it('the coincidence matrix is the one printed in the paper', () => {
    // The paper's matrix: o11 = 7, o12 = 4/3, o13 = o14 = 1/3, o22 = 10, o23 = 4/3, o24 = 1/3,
    // o33 = 8, o34 = 1/3, o44 = 4, o55 = 3; n1..n5 = 9, 13, 10, 5, 3; n = 40.
    const matrix = newMatrix();
    for (const unit of PAPER_UNITS) addUnit(matrix, unit);
    const cell = (c: number, k: number): number => matrix.get(c)?.get(k) ?? 0;
    expect(cell(1, 1)).toBeCloseTo(7, 12);
    expect(cell(1, 2)).toBeCloseTo(4 / 3, 12);
    expect(cell(2, 1)).toBeCloseTo(4 / 3, 12);
    expect(cell(1, 3)).toBeCloseTo(1 / 3, 12);
    expect(cell(1, 4)).toBeCloseTo(1 / 3, 12);
    expect(cell(1, 5)).toBe(0);
    expect(cell(2, 2)).toBeCloseTo(10, 12);
    expect(cell(2, 3)).toBeCloseTo(4 / 3, 12);
    expect(cell(2, 4)).toBeCloseTo(1 / 3, 12);
    expect(cell(3, 3)).toBeCloseTo(8, 12);
    expect(cell(3, 4)).toBeCloseTo(1 / 3, 12);
    expect(cell(4, 4)).toBeCloseTo(4, 12);
    expect(cell(5, 5)).toBeCloseTo(3, 12);
    expect(pairableValues(matrix)).toBe(40);
    // nominal: α = 1 − (n−1)·(n − Σ o_cc) / (n² − Σ n_c²) = 1 − 39·8 / (1600 − 384) = 1 − 312/1216
    expect(alphaOf(matrix, 'nominal').value!).toBeCloseTo(1 - 312 / 1216, 12);
    // observed agreement Σ o_cc / n = 32/40
    expect(observedAgreementOf(matrix)).toBeCloseTo(0.8, 12);
  });

  it('2 observers × 10 binary units: α = 0.095', () => {
    const units = BINARY_A.map((a, i) => [a, BINARY_B[i]]);
    const result = krippendorffAlpha(units, 'nominal');
    expect(result.value!).toBeCloseTo(0.095, 3);
    // o00 = 10, o01 = o10 = 4, o11 = 2; n0 = 14, n1 = 6, n = 20:
    // α = 1 − 19·8 / (2·14·6) = 1 − 152/168
    expect(result.value!).toBeCloseTo(1 - 152 / 168, 12);
  });
});

describe('alpha: undefined cases are null with a reason', () => {
  it('no data at all', () => {
    expect(krippendorffAlpha([], 'nominal')).toEqual({ value: null, reason: REASON_TOO_FEW_VALUES });
  });

  it('only units with a single value (nothing pairable)', () => {
    expect(
      krippendorffAlpha(
        [
          [1, _],
          [_, 2],
          [3, _, _],
        ],
        'nominal',
      ),
    ).toEqual({ value: null, reason: REASON_TOO_FEW_VALUES });
    expect(
      krippendorffAlpha(
        [
          [1, _],
          [_, 2],
        ],
        'interval',
      ),
    ).toEqual({ value: null, reason: REASON_TOO_FEW_VALUES });
  });

  it('no variation: every pairable value the same', () => {
    const result = krippendorffAlpha(
      [
        [1, 1],
        [1, 1, 1],
        [2, _],
      ],
      'nominal',
    );
    expect(result.value).toBeNull();
    expect(result.reason).toBe('no variation: every pairable value is 1');
    expect(krippendorffAlpha([['supports', 'supports']], 'nominal').reason).toBe('no variation: every pairable value is "supports"');
    expect(krippendorffAlpha([[0.5, 0.5]], 'interval').reason).toBe('no variation: every pairable value is 0.5');
  });

  it('interval data that is not numeric', () => {
    expect(
      krippendorffAlpha(
        [
          ['a', 'b'],
          ['a', 'a'],
        ],
        'interval',
      ),
    ).toEqual({ value: null, reason: REASON_NOT_NUMERIC });
  });
});

describe('alpha: small cases by hand', () => {
  it('perfect agreement with variation is 1', () => {
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [0, 0],
          [1, 1, 1],
        ],
        'nominal',
      ).value,
    ).toBe(1);
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [-1, -1],
          [0, 0],
        ],
        'interval',
      ).value,
    ).toBe(1);
  });

  it('two units of total disagreement', () => {
    // units (0,1), (1,0): o01 = o10 = 2, n0 = n1 = 2, n = 4: α = 1 − 3·4 / (2·2·2) = −0.5
    expect(
      krippendorffAlpha(
        [
          [0, 1],
          [1, 0],
        ],
        'nominal',
      ).value,
    ).toBeCloseTo(-0.5, 12);
  });

  it('interval distances weigh far disagreements more', () => {
    // units (−1, 1), (1, 1), (0, 0): o(−1,1) = o(1,−1) = 1, o(1,1) = 2, o(0,0) = 2; n−1 = 1, n1 = 3, n0 = 2, n = 6.
    // observed Σ o δ² = 2·4 = 8; expected Σ n_c n_k δ² = 2·(1·3·4 + 1·2·1 + 3·2·1) = 2·20 = 40.
    // α = 1 − 5·8/40 = 0
    expect(
      krippendorffAlpha(
        [
          [-1, 1],
          [1, 1],
          [0, 0],
        ],
        'interval',
      ).value,
    ).toBeCloseTo(0, 12);
    // nominal on the same data: o_cc sum = 4, n = 6, Σ n_c² = 1 + 9 + 4 = 14: α = 1 − 5·2/(36 − 14) = 1 − 10/22
    expect(
      krippendorffAlpha(
        [
          [-1, 1],
          [1, 1],
          [0, 0],
        ],
        'nominal',
      ).value,
    ).toBeCloseTo(1 - 10 / 22, 12);
  });

  it('bulk agreeing units equal the same units added one by one', () => {
    const oneByOne = newMatrix();
    for (let i = 0; i < 7; i++) addUnit(oneByOne, [0, 0, 0]);
    addUnit(oneByOne, [1, 0, 1]);
    const bulk = newMatrix();
    addAgreeingUnits(bulk, 0, 3, 7);
    addUnit(bulk, [1, 0, 1]);
    expect(alphaOf(bulk, 'nominal')).toEqual(alphaOf(oneByOne, 'nominal'));
    expect(pairableValues(bulk)).toBe(24);
  });

  it('matrices of parts sum to the matrix of the whole', () => {
    const whole = newMatrix();
    const first = newMatrix();
    const second = newMatrix();
    PAPER_UNITS.forEach((unit, i) => {
      addUnit(whole, unit);
      addUnit(i < 5 ? first : second, unit);
    });
    const summed = newMatrix();
    addInto(summed, first);
    addInto(summed, second);
    expect(alphaOf(summed, 'interval').value!).toBeCloseTo(alphaOf(whole, 'interval').value!, 12);
    expect(alphaOf(summed, 'nominal').value!).toBeCloseTo(alphaOf(whole, 'nominal').value!, 12);
  });
});

describe("Cohen's kappa", () => {
  it('the textbook 2×2 example: 50 items, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ = 0.4', () => {
    const first: string[] = [];
    const second: string[] = [];
    const add = (a: string, b: string, count: number): void => {
      for (let i = 0; i < count; i++) {
        first.push(a);
        second.push(b);
      }
    };
    add('yes', 'yes', 20);
    add('yes', 'no', 5);
    add('no', 'yes', 10);
    add('no', 'no', 15);
    // p_o = 35/50 = 0.7; p_yes = 0.5·0.6 = 0.3, p_no = 0.5·0.4 = 0.2, p_e = 0.5; κ = 0.2/0.5
    expect(cohensKappa(first, second).value!).toBeCloseTo(0.4, 12);
  });

  it('by hand: 20 units, 8 both 1, 2 only the first, 3 only the second, 7 both 0 → κ = 0.5', () => {
    const first = [...Array(8).fill(1), ...Array(2).fill(1), ...Array(3).fill(0), ...Array(7).fill(0)];
    const second = [...Array(8).fill(1), ...Array(2).fill(0), ...Array(3).fill(1), ...Array(7).fill(0)];
    // p_o = 15/20 = 0.75; first: 10 ones, second: 11 ones; p_e = 0.5·0.55 + 0.5·0.45 = 0.5; κ = 0.25/0.5
    expect(cohensKappa(first, second).value!).toBeCloseTo(0.5, 12);
  });

  it('units with a missing value are left out', () => {
    // Remaining units: (a,a), (b,b), (a,b): p_o = 2/3; first a 2/3 b 1/3, second a 1/3 b 2/3;
    // p_e = 2/9 + 2/9 = 4/9; κ = (2/3 − 4/9)/(5/9) = (2/9)/(5/9) = 0.4
    expect(cohensKappa(['a', 'b', 'a', _, 'b'], ['a', 'b', 'b', 'a', _]).value!).toBeCloseTo(0.4, 12);
  });

  it('interval: quadratic weighted kappa by hand', () => {
    // pairs (1,1), (1,0), (−1,−1), (0,0). Observed Σ (a−b)² / 4 = 1/4.
    // first: 1,1,−1,0; second: 1,0,−1,0. Expected: mean over all 16 (a_i, b_j) of (a_i − b_j)²:
    // a=1 (×2): vs 1,0,−1,0 → 0+1+4+1 = 6, twice → 12; a=−1: 4+1+0+1 = 6; a=0: 1+0+1+0 = 2; total 20/16 = 1.25.
    // κ_w = 1 − 0.25/1.25 = 0.8
    expect(cohensKappa([1, 1, -1, 0], [1, 0, -1, 0], 'interval').value!).toBeCloseTo(0.8, 12);
  });

  it('undefined: no unit both coded, or one and the same value throughout', () => {
    expect(cohensKappa([1, _], [_, 1])).toEqual({ value: null, reason: REASON_NO_UNITS_BOTH_CODED });
    expect(cohensKappa([0, 0, 0], [0, 0, 0])).toEqual({ value: null, reason: 'no variation: both coders gave 0 throughout' });
    // Different constant values: p_o = 0, p_e = 0 → κ = 0, defined.
    expect(cohensKappa([0, 0], [1, 1]).value).toBe(0);
  });
});

describe('properties (fast-check, fixed seed)', () => {
  const coderCount = fc.integer({ min: 2, max: 5 });
  const nominalValue = fc.option(fc.constantFrom<CodedValue>('supports', 'opposes', 'neutral', 1, 0), { nil: undefined });
  const intervalValue = fc.option(fc.constantFrom(-1, -0.5, 0, 0.5, 1, 2), { nil: undefined });
  const data = <T>(value: fc.Arbitrary<T>) => coderCount.chain((coders) => fc.array(fc.array(value, { minLength: coders, maxLength: coders }), { maxLength: 30 }));
  const options = { seed: 20250219, numRuns: 300 };

  it('never NaN; alpha within [−1, 1] or null with a reason', () => {
    fc.assert(
      fc.property(data(nominalValue), data(intervalValue), (nominal, interval) => {
        for (const [units, metric] of [
          [nominal, 'nominal'],
          [interval, 'interval'],
          [interval, 'nominal'],
        ] as const) {
          const result = krippendorffAlpha(units, metric);
          if (result.value === null) {
            expect(typeof result.reason).toBe('string');
          } else {
            expect(Number.isNaN(result.value)).toBe(false);
            expect(result.value).toBeGreaterThanOrEqual(-1);
            expect(result.value).toBeLessThanOrEqual(1);
          }
        }
      }),
      options,
    );
  });

  it('identical coders with variation give alpha = 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.constantFrom(-1, 0, 1), { minLength: 2, maxLength: 30 }).filter((values) => new Set(values).size > 1),
        (coders, values) => {
          const units = values.map((value) => Array<number>(coders).fill(value));
          expect(krippendorffAlpha(units, 'nominal').value).toBe(1);
          expect(krippendorffAlpha(units, 'interval').value).toBe(1);
        },
      ),
      options,
    );
  });

  it('invariant to the order of coders and of units', () => {
    fc.assert(
      fc.property(data(intervalValue), fc.integer(), (units, salt) => {
        const shuffle = <T>(items: readonly T[], by: number): T[] =>
          items
            .map((item, i) => ({ item, key: Math.sin(i * 12.9898 + by) }))
            .sort((a, b) => a.key - b.key)
            .map(({ item }) => item);
        const reordered = shuffle(
          units.map((unit) => shuffle(unit, salt)),
          salt + 1,
        );
        for (const metric of ['nominal', 'interval'] as const) {
          const original = krippendorffAlpha(units, metric);
          const permuted = krippendorffAlpha(reordered, metric);
          if (original.value === null) expect(permuted).toEqual(original);
          else expect(permuted.value!).toBeCloseTo(original.value, 9);
        }
      }),
      options,
    );
  });

  it('kappa within [−1, 1] or null with a reason; percent agreement never NaN', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(intervalValue, intervalValue), { maxLength: 30 }), (pairs) => {
        for (const metric of ['nominal', 'interval'] as const) {
          const result = cohensKappa(
            pairs.map(([a]) => a),
            pairs.map(([, b]) => b),
            metric,
          );
          if (result.value === null) expect(typeof result.reason).toBe('string');
          else {
            expect(result.value).toBeGreaterThanOrEqual(-1);
            expect(result.value).toBeLessThanOrEqual(1);
          }
        }
      }),
      options,
    );
  });
});
