import { describe, expect, it } from 'vitest';
import { segmentSentences, type SegmentationOptions } from '../src/service/segmentation';

function sentences(text: string, options?: SegmentationOptions): string[] {
  return segmentSentences(text, options).map((s) => text.slice(s.start, s.end));
}

describe('sentence segmentation', () => {
  it('ends a sentence at every line break by default (headings, bylines)', () => {
    expect(sentences('Talks in Riyadh\nBy Mara Lindqvist | Feb 19, 2025\nThe meeting began. It ended late.')).toEqual([
      'Talks in Riyadh',
      'By Mara Lindqvist | Feb 19, 2025',
      'The meeting began.',
      'It ended late.',
    ]);
  });

  it('numbers sentences from 1 in document order', () => {
    expect(segmentSentences('One. Two.\nThree.').map((s) => s.n)).toEqual([1, 2, 3]);
  });

  it('skips blank lines, white-space-only lines and a leading blank line', () => {
    expect(sentences('\n   \nFirst line.\n\t\n\nSecond line.\n')).toEqual(['First line.', 'Second line.']);
  });

  it('trims leading and trailing white space, including double spaces', () => {
    const text = '   Indented  sentence.   Next one.  ';
    const spans = segmentSentences(text);
    expect(spans.map((s) => [s.start, s.end])).toEqual([
      [3, 22],
      [25, 34],
    ]);
  });

  it('does not split after titles, months, vs. and No.', () => {
    expect(
      sentences(
        'Mr. Rubio met Dr. Ahmed and Gen. Kellogg on Feb. 18. Sen. Reed and Rep. Smith vs. Gov. Abbott spoke. Ms. Li, Mrs. Park, Prof. Ng, St. Paul, Col. Ray, Lt. Dan and Pres. Zed agreed. It was No. 5 on the list.',
      ),
    ).toEqual([
      'Mr. Rubio met Dr. Ahmed and Gen. Kellogg on Feb. 18.',
      'Sen. Reed and Rep. Smith vs. Gov. Abbott spoke.',
      'Ms. Li, Mrs. Park, Prof. Ng, St. Paul, Col. Ray, Lt. Dan and Pres. Zed agreed.',
      'It was No. 5 on the list.',
    ]);
  });

  it('does not split after dotted abbreviations or single initials', () => {
    expect(sentences('The U.S. and the U.K. asked the U.N. to act. Sergey V. Lavrov and John F. Kennedy were named.')).toEqual([
      'The U.S. and the U.K. asked the U.N. to act.',
      'Sergey V. Lavrov and John F. Kennedy were named.',
    ]);
  });

  it('never ends a sentence after i.e. or e.g., even before a capital', () => {
    expect(sentences('Some allies, e.g. Poland, objected. Others, i.e. France and Germany, waited.')).toEqual(['Some allies, e.g. Poland, objected.', 'Others, i.e. France and Germany, waited.']);
  });

  it('joins after etc. before a lower-case word, but not before a capital', () => {
    expect(sentences('They discussed oil, gas, etc. and then left. They discussed grain, fertiliser, etc. Then they left.')).toEqual([
      'They discussed oil, gas, etc. and then left.',
      'They discussed grain, fertiliser, etc.',
      'Then they left.',
    ]);
  });

  it('adds the codebook abbreviations, with or without the final period', () => {
    const text = 'Amb. Carter arrived. Adm Vega left. Adm. Vega returned.';
    expect(sentences(text)).toEqual(['Amb.', 'Carter arrived.', 'Adm Vega left.', 'Adm.', 'Vega returned.']);
    expect(sentences(text, { abbreviations: ['Amb.', 'Adm'] })).toEqual(['Amb. Carter arrived.', 'Adm Vega left.', 'Adm. Vega returned.']);
  });

  it('keeps abbreviations without periods (US, Dr, Feb 13) inside a sentence', () => {
    expect(sentences('The US envoy met Dr Chen on Feb 13. Talks resumed.')).toEqual(['The US envoy met Dr Chen on Feb 13.', 'Talks resumed.']);
  });

  it('handles curly quotes, dashes, ©, | and non-BMP characters', () => {
    const text = '“It is a first step,” he said — cautiously. 🇺🇦 Ukraine wasn’t there. © 2025 Example Media | All rights reserved';
    expect(sentences(text)).toEqual(['“It is a first step,” he said — cautiously.', '🇺🇦 Ukraine wasn’t there.', '© 2025 Example Media | All rights reserved']);
  });

  it('gives exact UTF-16 offsets after emoji (surrogate pairs count as two)', () => {
    const text = '🕊️ Peace? Maybe.';
    const spans = segmentSentences(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['🕊️ Peace?', 'Maybe.']);
    expect(spans[1].start).toBe(11);
  });

  it('treats CRLF and lone CR as line breaks', () => {
    expect(sentences('First line\r\nSecond line\rThird line')).toEqual(['First line', 'Second line', 'Third line']);
  });

  it('in hard-wrapped mode reads a single line break as a space, a blank line as a paragraph end', () => {
    const text = 'The talks in Riyadh were\nbrief. Officials said little\nabout Ukraine.\n\n# Next steps\n\nA second round\r\nis planned.';
    expect(sentences(text, { hardWrapped: true })).toEqual(['The talks in Riyadh were\nbrief.', 'Officials said little\nabout Ukraine.', '# Next steps', 'A second round\r\nis planned.']);
    expect(sentences(text)).toHaveLength(7);
  });

  it('keeps footnote markers and closing emphasis glued to the end of a sentence', () => {
    expect(sentences('…Shanghai and Rotterdam.[2] The detour burns fuel.')).toEqual(['…Shanghai and Rotterdam.[2]', 'The detour burns fuel.']);
    expect(sentences('They pay in proportion.[3]\nNext line.')).toEqual(['They pay in proportion.[3]', 'Next line.']);
    expect(sentences('**Build a regional pool.** Riyadh could fund it.')).toEqual(['**Build a regional pool.**', 'Riyadh could fund it.']);
    expect(sentences('*Escorts are not enough.*\nInsurers decide.')).toEqual(['*Escorts are not enough.*', 'Insurers decide.']);
    expect(sentences('He left (quietly.) Then she came.')).toEqual(['He left (quietly.)', 'Then she came.']);
  });

  it('does not count segments without a visible character', () => {
    expect(sentences('\u200b\n \u00a0 \nText.')).toEqual(['Text.']);
  });

  it('handles empty text and text without final punctuation', () => {
    expect(sentences('')).toEqual([]);
    expect(sentences('No final punctuation here')).toEqual(['No final punctuation here']);
  });
});
