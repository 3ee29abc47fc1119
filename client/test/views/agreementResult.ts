/** A hand-written agreement answer for the Compare Coders tests (not produced by Standpoint). Pure data: the panel's tests (no DOM) and the page's share it. */
import type { AgreementResult } from '../../../protocol/agreement';

export const XSS = '<img src=x onerror=alert(1)>';

const ANA = 'annotations/riyadh.ana.stance.yaml';
const BEN = 'annotations/riyadh.ben.stance.yaml';

export function agreementResult(extra: Partial<AgreementResult> = {}): AgreementResult {
  return {
    report: {
      coders: ['ana', 'ben'],
      corpus: {
        sentences: { alpha: 0.84394, units: 52, pairable: 104, agreement: 0.923077 },
        actors: { alpha: 0.7, units: 936, pairable: 1872, agreement: 0.98932 },
        stances: { alpha: 0.5, units: 27, pairable: 42, agreement: 0.904762 },
        polarity: { alpha: null, units: 27, pairable: 0, agreement: null, reason: 'fewer than two pairable values' },
      },
      articles: [
        {
          article: 'articles/riyadh.txt',
          coders: ['ana', 'ben'],
          files: [ANA, BEN],
          sentences: { alpha: 0.84394, units: 52, pairable: 104, agreement: 0.923077 },
          actors: { alpha: 0.7, units: 936, pairable: 1872, agreement: 0.98932 },
          stances: { alpha: 0.5, units: 27, pairable: 42, agreement: 0.904762 },
          polarity: { alpha: null, units: 27, pairable: 0, agreement: null, reason: 'fewer than two pairable values' },
        },
      ],
      pairs: [
        {
          coders: ['ana', 'ben'],
          articles: 1,
          sentences: { agreement: 0.923077, kappa: 0.842424, units: 52 },
          actors: { agreement: 0.98932, kappa: 0.86287, units: 936 },
          stances: { agreement: 0.904762, kappa: 0.816594, units: 21 },
          polarity: { agreement: null, kappa: null, units: 0, reason: 'no units both coders coded' },
        },
      ],
      disagreements: [
        { article: 'articles/riyadh.txt', level: 'sentences', sentence: 16, values: { ana: 1, ben: 0 }, places: [{ file: ANA, line: 60, coder: 'ana' }] },
        { article: 'articles/riyadh.txt', level: 'actors', sentence: 16, actor: XSS, values: { ana: 1, ben: 0 }, places: [{ file: ANA, line: 60, coder: 'ana' }] },
        {
          article: 'articles/riyadh.txt',
          level: 'stances',
          sentence: 21,
          actor: 'russia',
          target: 'ceasefire',
          values: { ana: 'mixed', ben: 'opposes' },
          polarities: { ana: 0, ben: -1 },
          places: [
            { file: ANA, line: 95, coder: 'ana' },
            { file: BEN, line: 77, coder: 'ben' },
          ],
        },
      ],
      conflicts: [
        {
          article: 'articles/riyadh.txt',
          coder: 'ben',
          sentence: 33,
          actor: 'saudi-arabia',
          target: 'russia',
          stances: ['neutral', 'supports'],
          places: [
            { file: BEN, line: 120, coder: 'ben' },
            { file: BEN, line: 123, coder: 'ben' },
          ],
        },
      ],
      skipped: [{ article: 'articles/ceasefire.md', coders: ['ana'] }],
      merged: [],
      outOfRange: 0,
    },
    disagreementsTotal: 3,
    codersFound: ['ana', 'ben'],
    uris: { [ANA]: 'file:///w/annotations/riyadh.ana.stance.yaml', [BEN]: 'file:///w/annotations/riyadh.ben.stance.yaml', 'articles/riyadh.txt': 'file:///w/articles/riyadh.txt' },
    nearest: [[{ file: BEN, line: 52, coder: 'ben' }], [{ file: BEN, line: 52, coder: 'ben' }], []],
    ...extra,
  };
}
