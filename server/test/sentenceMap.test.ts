import { describe, expect, it } from 'vitest';
import { buildSentenceMap, mapSentence, segmentSentences, type SentenceMapping } from '../src/service/index';

/*
 * Sentence maps over hand-written before/after articles (issue 15, item 1).
 * Every expected number is counted by hand from the articles below, which
 * are written one sentence per array item so the counting is easy to check.
 */

/** One line per paragraph, sentences joined by a space. */
const article = (...paragraphs: string[][]) => paragraphs.map((sentences) => sentences.join(' ')).join('\n');

/** "old→new kind" for every old sentence, `?` marking a mapping that is not unambiguous. */
function summary(before: string, after: string, options = {}): string[] {
  return buildSentenceMap(before, after, options)
    .mappings()
    .map((m) => `${m.oldNumber}→${m.newNumber ?? '-'} ${m.kind}${m.unambiguous ? '' : '?'}`);
}

const HEADLINE = 'Grain, Guns and a Fragile Corridor — What Odesa’s Ports Tell Us';
const BYLINE = 'By Tove Aaltonen | Mar 3, 2025 🇺🇦';
const P1 = [
  'Freighters are again leaving Odesa at a pace few insurers predicted a year ago.',
  'The corridor hugs the western coast of the Black Sea, inside Romanian and Bulgarian waters where possible.',
  'Kyiv calls it “a humanitarian lifeline”; Moscow calls it a provocation.',
];
const P2 = ['Shipping data show 412 departures in February, up from 260 in November.', 'Most carried wheat and maize bound for Egypt, Spain and China.'];
const P3 = [
  'Dr. Ilse Brandt, who studies maritime insurance in Hamburg, was cautious.',
  '“The premiums have fallen, but they haven’t fallen to peacetime levels,” she said.',
  'A single strike on a loaded vessel would reset the market overnight.',
];
const BEFORE = article([HEADLINE], [BYLINE], P1, P2, P3);
// Numbering of BEFORE: 1 headline, 2 byline, 3–5 P1, 6–7 P2, 8–10 P3.

describe('sentence map: hand-written before/after articles', () => {
  it('checks the numbering the tests count with', () => {
    expect(segmentSentences(BEFORE)).toHaveLength(10);
  });

  it('maps an unchanged article to itself', () => {
    const map = buildSentenceMap(BEFORE, BEFORE);
    expect(map.numbersUnchanged).toBe(true);
    expect(summary(BEFORE, BEFORE)).toEqual(['1→1 same', '2→2 same', '3→3 same', '4→4 same', '5→5 same', '6→6 same', '7→7 same', '8→8 same', '9→9 same', '10→10 same']);
  });

  it('a correction inserted at the top moves every sentence down by one', () => {
    const after = article(['Correction: an earlier version of this article gave the wrong month for the November figures.'], [HEADLINE], [BYLINE], P1, P2, P3);
    expect(summary(BEFORE, after)).toEqual(['1→2 moved', '2→3 moved', '3→4 moved', '4→5 moved', '5→6 moved', '6→7 moved', '7→8 moved', '8→9 moved', '9→10 moved', '10→11 moved']);
    expect(buildSentenceMap(BEFORE, after).numbersUnchanged).toBe(false);
  });

  it('a deleted paragraph maps to nothing; the sentences after it move up', () => {
    const after = article([HEADLINE], [BYLINE], P1, P3);
    expect(summary(BEFORE, after)).toEqual(['1→1 same', '2→2 same', '3→3 same', '4→4 same', '5→5 same', '6→- deleted?', '7→- deleted?', '8→6 moved', '9→7 moved', '10→8 moved']);
  });

  it('a split sentence maps to the part that holds the quote, else to the first part (not unambiguous)', () => {
    const split = ['The corridor hugs the western coast of the Black Sea.', 'It stays inside Romanian and Bulgarian waters where possible.'];
    const after = article([HEADLINE], [BYLINE], [P1[0], ...split, P1[2]], P2, P3);
    // Old 4 became new 4 and 5; everything after moves down by one.
    const map = buildSentenceMap(BEFORE, after);
    const expected = (newNumber: number, unambiguous: boolean, ambiguity?: string) => ({ kind: 'split', oldNumber: 4, newNumber, parts: [4, 5], unambiguous, ambiguity });
    expect(mapSentence(map, 4, 'Bulgarian waters')).toMatchObject(expected(5, true));
    expect(mapSentence(map, 4, 'western coast')).toMatchObject(expected(4, true));
    expect(mapSentence(map, 4)).toMatchObject(expected(4, false, 'split-without-quote'));
    // A quote that now runs across the boundary, or that the edit removed, picks no part.
    expect(mapSentence(map, 4, 'Black Sea, inside Romanian')).toMatchObject(expected(4, false, 'quote-not-in-parts'));
    expect(mapSentence(map, 4, 'Black Sea. It stays')).toMatchObject(expected(4, false, 'quote-not-in-parts'));
    // A quote in both parts ("st" in "coast" and in "stays") offers the first part that holds it.
    expect(mapSentence(map, 4, 'st')).toMatchObject(expected(4, false, 'quote-in-several-parts'));
    expect(mapSentence(map, 5)).toMatchObject({ kind: 'moved', newNumber: 6, unambiguous: true });
    expect(mapSentence(map, 10)).toMatchObject({ kind: 'moved', newNumber: 11, unambiguous: true });
  });

  it('a sentence split in three maps to the part with the quote', () => {
    const parts = ['Dr. Ilse Brandt studies maritime insurance.', 'She works in Hamburg.', 'She was cautious.'];
    const after = article([HEADLINE], [BYLINE], P1, P2, [...parts, P3[1], P3[2]]);
    const map = buildSentenceMap(BEFORE, after);
    expect(mapSentence(map, 8, 'in Hamburg')).toMatchObject({ kind: 'split', newNumber: 9, parts: [8, 9, 10], unambiguous: true });
    expect(mapSentence(map, 9)).toMatchObject({ kind: 'moved', newNumber: 11 });
  });

  it('two merged sentences both map to the merge', () => {
    const merged = 'Shipping data show 412 departures in February, up from 260 in November; most carried wheat and maize bound for Egypt, Spain and China.';
    const after = article([HEADLINE], [BYLINE], P1, [merged], P3);
    expect(summary(BEFORE, after)).toEqual(['1→1 same', '2→2 same', '3→3 same', '4→4 same', '5→5 same', '6→6 merged', '7→6 merged', '8→7 moved', '9→8 moved', '10→9 moved']);
    expect(mapSentence(buildSentenceMap(BEFORE, after), 7)).toMatchObject({ mergedFrom: [6, 7], unambiguous: true });
  });

  it('a lightly edited sentence maps to its edited version, unambiguously', () => {
    const after = article([HEADLINE], [BYLINE], P1, ['Shipping data show 431 departures in February, up from 260 in November.', P2[1]], P3);
    const map = buildSentenceMap(BEFORE, after);
    expect(summary(BEFORE, after)[5]).toBe('6→6 edited');
    // 11 of 12 words shared: Dice 22/24.
    expect(mapSentence(map, 6)!.similarity).toBeCloseTo(22 / 24, 3);
    expect(map.numbersUnchanged).toBe(true);
    // The quote was in the old sentence but the edit changed it.
    expect(mapSentence(map, 6, '412 departures')).toMatchObject({ kind: 'edited', newNumber: 6, unambiguous: false, ambiguity: 'quote-not-in-target' });
    expect(mapSentence(map, 6, 'in February')).toMatchObject({ kind: 'edited', newNumber: 6, unambiguous: true });
  });

  it('an edited sentence after an insertion maps to its new number', () => {
    const after = article([HEADLINE], [BYLINE], ['Insurers in London have noticed.', ...P1], P2, [P3[0], '“The premiums have fallen, but they have not fallen to peacetime levels,” she said.', P3[2]]);
    expect(summary(BEFORE, after)).toEqual(['1→1 same', '2→2 same', '3→4 moved', '4→5 moved', '5→6 moved', '6→7 moved', '7→8 moved', '8→9 moved', '9→10 edited', '10→11 moved']);
  });

  it('white space and typographic quotes count as the same text', () => {
    const after = article([HEADLINE.replace('’', "'")], [BYLINE], [P1[0].replace('again leaving', 'again  leaving'), P1[1], P1[2].replace('“', '"').replace('”', '"')], P2, P3);
    expect(summary(BEFORE, after)).toEqual(['1→1 same', '2→2 same', '3→3 same', '4→4 same', '5→5 same', '6→6 same', '7→7 same', '8→8 same', '9→9 same', '10→10 same']);
  });

  it('a paragraph cut and pasted elsewhere: its sentences are moved, the rest keep their numbers', () => {
    const after = article([HEADLINE], [BYLINE], P2, P1, P3);
    // LIS keeps the longer run (P1 and P3 in place… P1 is now after P2): P2 and P1 swap, one of them is "moved" out of order.
    expect(summary(BEFORE, after)).toEqual(['1→1 same', '2→2 same', '3→5 moved', '4→6 moved', '5→7 moved', '6→3 moved', '7→4 moved', '8→8 same', '9→9 same', '10→10 same']);
  });

  it('repeated identical sentences pair up in order, and are flagged when a copy is gone', () => {
    const before = article(['Ministers met again.', 'No comment.'], ['The envoy left early.', 'No comment.'], ['Talks resume Monday.', 'No comment.']);
    const after = article(['Ministers met again.', 'No comment.'], ['Talks resume Monday.', 'No comment.']);
    // 1 Ministers, 2 No comment, 3 envoy, 4 No comment, 5 Talks, 6 No comment → 1, 2, -, -, 3, 4.
    expect(summary(before, after)).toEqual(['1→1 same', '2→2 same?', '3→- deleted?', '4→- deleted?', '5→3 moved', '6→4 moved?']);
    // A text that was once in the article and now is twice: which copy is meant is a guess too.
    expect(summary(article(['Ministers met again.', 'No comment.']), article(['Ministers met again.', 'No comment.'], ['No comment.']))).toEqual(['1→1 same', '2→2 same?']);
    // With every copy kept, the pairing is in order and sure.
    const inserted = article(['Breaking: ministers met again.'], ['Ministers met again.', 'No comment.'], ['The envoy left early.', 'No comment.'], ['Talks resume Monday.', 'No comment.']);
    expect(summary(before, inserted)).toEqual(['1→2 moved', '2→3 moved', '3→4 moved', '4→5 moved', '5→6 moved', '6→7 moved']);
  });

  it('copies of a repeated text whose neighbours changed are a guess, even when every copy is kept', () => {
    const before = article(['Alpha met Beta.', 'No comment.'], ['Gamma left.', 'No comment.'], ['Delta stayed.']);
    const after = article(['Gamma left.', 'No comment.'], ['Alpha met Beta.', 'No comment.'], ['Delta stayed.']);
    // Old: 1 Alpha, 2 No comment, 3 Gamma, 4 No comment, 5 Delta. New: 1 Gamma, 2 No comment, 3 Alpha, 4 No comment, 5 Delta.
    const lines = summary(before, after);
    expect([lines[0], lines[2], lines[4]]).toEqual(['1→3 moved', '3→1 moved', '5→5 same']);
    // Each "No comment." goes to one of the two copies, never unambiguously (its neighbours moved away).
    expect([lines[1], lines[3]].every((line) => line.endsWith('?'))).toBe(true);
  });

  it('a rewritten article maps every sentence to nothing', () => {
    const after = article(['Completely different text about fisheries.'], ['Nothing here matches the old sentences.']);
    expect(summary(BEFORE, after).every((line) => line.endsWith('deleted?'))).toBe(true);
  });

  it('answers undefined for a number outside the old article, and handles empty texts', () => {
    const map = buildSentenceMap(BEFORE, BEFORE);
    expect(mapSentence(map, 0)).toBeUndefined();
    expect(mapSentence(map, 11)).toBeUndefined();
    expect(mapSentence(map, 2.5)).toBeUndefined();
    expect(buildSentenceMap('', BEFORE).mappings()).toEqual([]);
    expect(summary(BEFORE, '').every((line) => line.endsWith('deleted?'))).toBe(true);
    expect(buildSentenceMap('', '').numbersUnchanged).toBe(true);
  });

  it('flags an edit with a nearly as similar neighbour', () => {
    const before = article(['Russia said the talks on grain were useful and should continue next week.']);
    const after = article(['Russia said the talks on grain were useful and should resume next week.', 'Russia said the talks on grain were useful and should continue next month.']);
    // Both new sentences share 12 of 13 words with the old one: either is a guess.
    const m = mapSentence(buildSentenceMap(before, after), 1)!;
    expect(m).toMatchObject({ kind: 'edited', unambiguous: false, ambiguity: 'close-rival' });
    expect([1, 2]).toContain(m.newNumber);
  });

  it('does not pair sentences that share too little', () => {
    const before = article(['The premiums have fallen sharply since the autumn.']);
    const after = article(['The corridor now carries more maize than wheat.']);
    expect(summary(before, after)).toEqual(['1→- deleted?']);
  });

  it('an edit that keeps little of the sentence is mapped but not unambiguous', () => {
    const before = article(['Ankara offered to host the next round of talks in Istanbul.']);
    // 6 words shared of 11 old and 10 new: Dice 12/21 ≈ 0.57, between 0.5 and 0.6.
    const after = article(['Ankara offered Geneva for a round of talks, not Istanbul.']);
    const m = mapSentence(buildSentenceMap(before, after), 1)!;
    expect(m.similarity).toBeCloseTo(12 / 21, 2);
    expect(m).toMatchObject({ kind: 'edited', newNumber: 1, unambiguous: false, ambiguity: 'weak-similarity' });
  });

  it('hard-wrapped, CRLF: re-wrapping a paragraph changes nothing, a new paragraph moves the rest', () => {
    const wrapped = 'The corridor hugs the western coast\r\nof the Black Sea. Kyiv calls it “a humanitarian\r\nlifeline”.\r\n\r\nMoscow calls it a provocation.\r\n';
    const rewrapped = 'The corridor hugs the western\r\ncoast of the Black Sea. Kyiv calls it\r\n“a humanitarian lifeline”.\r\n\r\nMoscow calls it a provocation.\r\n';
    expect(summary(wrapped, rewrapped, { hardWrapped: true })).toEqual(['1→1 same', '2→2 same', '3→3 same']);
    const added = `Insurers are nervous.\r\n\r\n${wrapped}`;
    expect(summary(wrapped, added, { hardWrapped: true })).toEqual(['1→2 moved', '2→3 moved', '3→4 moved']);
  });

  it('uses the codebook’s abbreviations: with `Amb.` known, no split appears', () => {
    const before = article(['Amb. Quintero met the minister on Friday.']);
    const after = article(['Amb. Quintero met the foreign minister on Friday.']);
    expect(summary(before, after, { abbreviations: ['Amb.'] })).toEqual(['1→1 edited']);
    // Without the abbreviation each version is two sentences ("Amb." and the rest), which still pair up.
    expect(summary(before, after)).toEqual(['1→1 same', '2→2 edited']);
  });

  it('takes sentences already segmented, with the same result', () => {
    const after = article(['Correction appended.'], [HEADLINE], [BYLINE], P1, P2, P3);
    const given = buildSentenceMap({ text: BEFORE, sentences: segmentSentences(BEFORE) }, { text: after, sentences: segmentSentences(after) });
    expect(given.mappings()).toEqual(buildSentenceMap(BEFORE, after).mappings());
  });

  it('gives every field of a mapping', () => {
    const after = article(['Correction appended.'], [HEADLINE], [BYLINE], P1, P2, P3);
    const expected: SentenceMapping = { kind: 'moved', oldNumber: 3, newNumber: 4, similarity: 1, unambiguous: true, ambiguity: undefined };
    expect(mapSentence(buildSentenceMap(BEFORE, after), 3)).toEqual(expected);
  });
});
