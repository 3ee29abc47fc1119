import { describe, expect, it } from 'vitest';
import {
  applyContentChanges,
  applySentenceNumberEdits,
  buildSentenceMap,
  changedRegion,
  sentenceNumberTextEdits,
  sentenceNumberUpdates,
  sentenceNumbersChanged,
  type ContentChange,
} from '../src/service/index';
import { parseAnnotationFile } from '../src/service/model/annotationFile';
import { positionAt } from './helpers';

/*
 * The editor's helpers around sentence maps (issue 15, item 1): "did any
 * number change?" after an edit, and the byte-exact edits of `sentence:`
 * values. Expected files are written out by hand.
 */

const BOM = '\ufeff';
const toCrlf = (text: string) => text.replace(/\r\n|\r|\n/g, '\r\n');

const OLD_ARTICLE = [
  'Grain, Guns and a Fragile Corridor',
  'By Tove Aaltonen | Mar 3, 2025 🇺🇦',
  'Freighters are again leaving Odesa at a pace few insurers predicted. The corridor hugs the western coast of the Black Sea, inside Romanian and Bulgarian waters where possible.',
  'Shipping data show 412 departures in February. Most carried wheat and maize bound for Egypt.',
  'Dr. Ilse Brandt, who studies maritime insurance in Hamburg, was cautious. “The premiums haven’t fallen to peacetime levels,” she said.',
].join('\n');
// 1 headline, 2 byline, 3 Freighters, 4 corridor, 5 Shipping, 6 Most, 7 Dr. Brandt, 8 premiums.

const CORRECTION = 'Correction: the February figure was revised on Mar. 4.';
/** A sentence inserted at the top: every number + 1. */
const INSERTED = `${CORRECTION}\n${OLD_ARTICLE}`;
/** Sentence 4 split after "Black Sea"; 5–8 become 6–9. */
const SPLIT = OLD_ARTICLE.replace('Black Sea, inside', 'Black Sea. It stays inside');

describe('sentenceNumberUpdates: the edits of `sentence:` values', () => {
  const FILE = `# Annotations of the corridor piece 🌾
article: ../articles/corridor.txt
annotations:
  - id: departures
    sentence: 5   # the February figure
    quote: "412 departures"
    actors: [ukraine]
  - { sentence: 7, quote: Ilse Brandt, actors: [brandt] }
  - sentence: 99
    note: past the end before the edit already
  - quote: only a quote, no number
  - sentence: &s 8
    actors: [brandt]
  - sentence: *s
    actors: [insurers]
  - sentence: !!int "6"
  - sentence: +3
  - sentence: 0x2
  - sentence: 1
`;

  it('rewrites only the digits, for every spelling of a number, and reports what it leaves', () => {
    const model = parseAnnotationFile(FILE);
    const update = sentenceNumberUpdates(model, buildSentenceMap(OLD_ARTICLE, INSERTED));
    expect(applySentenceNumberEdits(FILE, update.edits)).toBe(`# Annotations of the corridor piece 🌾
article: ../articles/corridor.txt
annotations:
  - id: departures
    sentence: 6   # the February figure
    quote: "412 departures"
    actors: [ukraine]
  - { sentence: 8, quote: Ilse Brandt, actors: [brandt] }
  - sentence: 99
    note: past the end before the edit already
  - quote: only a quote, no number
  - sentence: &s 9
    actors: [brandt]
  - sentence: *s
    actors: [insurers]
  - sentence: !!int "7"
  - sentence: +4
  - sentence: 3
  - sentence: 2
`);
    expect(update.edits.map((e) => [e.oldNumber, e.newNumber, e.annotations])).toEqual([
      [5, 6, [0]],
      [7, 8, [1]],
      [8, 9, [4, 5]],
      [6, 7, [6]],
      [3, 4, [7]],
      [2, 3, [8]],
      [1, 2, [9]],
    ]);
    expect(update.notUpdated).toEqual([{ annotation: 2, oldNumber: 99, reason: 'not-in-old-article', mapping: undefined }]);
  });

  it('keeps CRLF line ends and the BOM byte for byte', () => {
    const onDisk = BOM + toCrlf(FILE);
    const model = parseAnnotationFile(onDisk.slice(1));
    const update = sentenceNumberUpdates(model, buildSentenceMap(OLD_ARTICLE, INSERTED));
    const expected =
      BOM +
      toCrlf(FILE)
        .replace('sentence: 5 ', 'sentence: 6 ')
        .replace('sentence: 7,', 'sentence: 8,')
        .replace('&s 8', '&s 9')
        .replace('"6"', '"7"')
        .replace('+3', '+4')
        .replace('0x2', '3')
        .replace('sentence: 1\r\n', 'sentence: 2\r\n');
    expect(applySentenceNumberEdits(onDisk, update.edits)).toBe(expected);
    // The LSP edits name the same digits (positions counted independently).
    const text = onDisk.slice(1);
    const at = text.indexOf('sentence: 5') + 'sentence: '.length;
    expect(sentenceNumberTextEdits(model, update)[0]).toEqual({ range: { start: positionAt(text, at), end: positionAt(text, at + 1) }, newText: '6' });
  });

  it('no change, no edit', () => {
    const model = parseAnnotationFile(FILE);
    expect(sentenceNumberUpdates(model, buildSentenceMap(OLD_ARTICLE, OLD_ARTICLE)).edits).toEqual([]);
  });

  it('a split follows each annotation’s quote; without one it is applied, or left (and counted, even where the number stays) when only unambiguous ones are wanted', () => {
    const file = `article: a.txt
annotations:
  - sentence: 4
    quote: Bulgarian waters
  - sentence: 4
    quote: western coast
  - sentence: 4
  - sentence: 6
`;
    const map = buildSentenceMap(OLD_ARTICLE, SPLIT);
    const all = sentenceNumberUpdates(parseAnnotationFile(file), map);
    expect(applySentenceNumberEdits(file, all.edits)).toBe(`article: a.txt
annotations:
  - sentence: 5
    quote: Bulgarian waters
  - sentence: 4
    quote: western coast
  - sentence: 4
  - sentence: 7
`);
    const sure = sentenceNumberUpdates(parseAnnotationFile(file), map, { onlyUnambiguous: true });
    expect(sure.edits.map((e) => [e.oldNumber, e.newNumber])).toEqual([
      [4, 5],
      [6, 7],
    ]);
    // Annotation 2 (no quote) keeps 4, the first part, but only as a guess: it is counted as left, never passed over in silence.
    expect(sure.notUpdated.map((n) => [n.annotation, n.oldNumber, n.reason, n.mapping?.kind, n.mapping?.newNumber, n.mapping?.ambiguity])).toEqual([
      [2, 4, 'ambiguous', 'split', 4, 'split-without-quote'],
    ]);
  });

  it('reports an unambiguous-only run’s ambiguous and deleted sentences', () => {
    const file = `article: a.txt
annotations:
  - sentence: 4
  - sentence: 5
`;
    // A sentence inserted at the top; sentence 4 (the corridor) is split, so it goes to 5 or 6; sentence 5 is deleted.
    const after = `${CORRECTION}\n${OLD_ARTICLE.replace('Shipping data show 412 departures in February. ', '').replace('Black Sea, inside', 'Black Sea. It stays inside')}`;
    const update = sentenceNumberUpdates(parseAnnotationFile(file), buildSentenceMap(OLD_ARTICLE, after), { onlyUnambiguous: true });
    expect(update.edits).toEqual([]);
    expect(update.notUpdated.map((n) => [n.annotation, n.reason, n.mapping?.kind, n.mapping?.newNumber])).toEqual([
      [0, 'ambiguous', 'split', 5],
      [1, 'deleted', 'deleted', undefined],
    ]);
  });

  it('leaves a value shared through an alias when its annotations went to different places', () => {
    const file = `article: a.txt
annotations:
  - sentence: &s 4
    quote: Bulgarian waters
  - sentence: *s
    quote: western coast
`;
    const update = sentenceNumberUpdates(parseAnnotationFile(file), buildSentenceMap(OLD_ARTICLE, SPLIT));
    expect(update.edits).toEqual([]);
    expect(update.notUpdated.map((n) => [n.annotation, n.reason])).toEqual([[0, 'shared-value']]);
  });
});

describe('sentenceNumbersChanged: only an edit that renumbers asks for work', () => {
  const at = (text: string, needle: string, delta = 0) => {
    const offset = text.indexOf(needle) + delta;
    if (offset < delta) throw new Error(`${needle} not found`);
    return positionAt(text, offset);
  };
  const insertAt = (text: string, needle: string, inserted: string, delta = 0): ContentChange[] => [{ range: { start: at(text, needle, delta), end: at(text, needle, delta) }, text: inserted }];

  it('typing inside a sentence changes no number (as a new text or as LSP changes)', () => {
    const typed = OLD_ARTICLE.replace('412 departures', '412 recorded departures');
    expect(sentenceNumbersChanged(OLD_ARTICLE, typed)).toBe(false);
    expect(sentenceNumbersChanged(OLD_ARTICLE, insertAt(OLD_ARTICLE, '412', 'x'))).toBe(false);
    expect(sentenceNumbersChanged(OLD_ARTICLE, OLD_ARTICLE)).toBe(false);
    expect(sentenceNumbersChanged(OLD_ARTICLE, [])).toBe(false);
  });

  it('a new sentence, a split, a merge or a deleted line changes numbers', () => {
    expect(sentenceNumbersChanged(OLD_ARTICLE, INSERTED)).toBe(true);
    expect(sentenceNumbersChanged(OLD_ARTICLE, SPLIT)).toBe(true);
    expect(sentenceNumbersChanged(OLD_ARTICLE, OLD_ARTICLE.replace('February. Most', 'February; most'))).toBe(true);
    expect(sentenceNumbersChanged(OLD_ARTICLE, OLD_ARTICLE.replace('By Tove Aaltonen | Mar 3, 2025 🇺🇦\n', ''))).toBe(true);
    // Typing ". It" in a sentence splits it: one keystroke at a time, the one that adds the capital.
    expect(sentenceNumbersChanged('The ships sail at dawn every day.', 'The ships sail at dawn. Every day.')).toBe(true);
    // A line break typed inside a sentence splits it (every line break ends a sentence by default).
    expect(sentenceNumbersChanged(OLD_ARTICLE, insertAt(OLD_ARTICLE, 'where possible', '\n'))).toBe(true);
  });

  it('a sentence rewritten beyond recognition counts (its annotations lose their sentence)', () => {
    expect(sentenceNumbersChanged(OLD_ARTICLE, OLD_ARTICLE.replace('Most carried wheat and maize bound for Egypt.', 'Nobody expected this at all.'))).toBe(true);
  });

  it('white space and quote marks change nothing; a period after an abbreviation neither', () => {
    expect(sentenceNumbersChanged(OLD_ARTICLE, OLD_ARTICLE.replace('haven’t', "haven't").replace('in February', 'in  February'))).toBe(false);
    expect(sentenceNumbersChanged('He met Gen Kellogg there.', 'He met Gen. Kellogg there.')).toBe(false);
    expect(sentenceNumbersChanged('He met Amb Quintero there.', 'He met Amb. Quintero there.')).toBe(true);
    expect(sentenceNumbersChanged('He met Amb Quintero there.', 'He met Amb. Quintero there.', { abbreviations: ['Amb.'] })).toBe(false);
  });

  it('hard-wrapped: a line break inside a paragraph is a space, a blank line splits', () => {
    const wrapped = 'The corridor hugs the western coast of\nthe Black Sea. Kyiv calls it a lifeline.\n\nMoscow calls it a provocation.\n';
    expect(sentenceNumbersChanged(wrapped, wrapped.replace('coast of\nthe', 'coast\nof the'), { hardWrapped: true })).toBe(false);
    expect(sentenceNumbersChanged(wrapped, wrapped.replace('coast of\nthe', 'coast of\n\nthe'), { hardWrapped: true })).toBe(true);
    expect(sentenceNumbersChanged(wrapped, wrapped.replace('coast of\nthe', 'coast of\nthe'), { hardWrapped: false })).toBe(false);
    expect(sentenceNumbersChanged(wrapped, wrapped.replace('coast of\nthe', 'coast of the'), { hardWrapped: false })).toBe(true);
  });

  it('CRLF: a CR that becomes CRLF, or a line break typed between CR and LF, is read as the text reads', () => {
    // A lone CR ends a line; adding LF after it keeps one line break: nothing changes.
    expect(sentenceNumbersChanged('One here.\rTwo there.', 'One here.\r\nTwo there.')).toBe(false);
    // Text typed between CR and LF of a line break makes a new line.
    expect(sentenceNumbersChanged('One here.\r\nTwo there.', 'One here.\rThree.\nTwo there.')).toBe(true);
    const crlf = toCrlf(OLD_ARTICLE);
    expect(sentenceNumbersChanged(crlf, crlf.replace('412', '413'))).toBe(false);
    expect(sentenceNumbersChanged(crlf, `${CORRECTION}\r\n${crlf}`)).toBe(true);
  });

  it('several LSP changes in one event, and a full-text change', () => {
    const changes: ContentChange[] = [
      { range: { start: at(OLD_ARTICLE, '412'), end: at(OLD_ARTICLE, '412', 3) }, text: '413' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Update: ' },
    ];
    expect(applyContentChanges(OLD_ARTICLE, changes)).toBe(`Update: ${OLD_ARTICLE.replace('412', '413')}`);
    expect(sentenceNumbersChanged(OLD_ARTICLE, changes)).toBe(false);
    expect(sentenceNumbersChanged(OLD_ARTICLE, [...changes, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'New line.\n' }])).toBe(true);
    expect(sentenceNumbersChanged(OLD_ARTICLE, [{ text: INSERTED }])).toBe(true);
  });

  it('finds the changed region of two texts', () => {
    expect(changedRegion('abcXYZdef', 'abcQdef')).toEqual({ start: 3, beforeEnd: 6, afterEnd: 4 });
    expect(changedRegion('aaa', 'aaaa')).toEqual({ start: 3, beforeEnd: 3, afterEnd: 4 });
    expect(changedRegion('same', 'same')).toEqual({ start: 4, beforeEnd: 4, afterEnd: 4 });
    expect(changedRegion('🇺🇦 x', '🇺🇦 y')).toEqual({ start: 5, beforeEnd: 6, afterEnd: 6 });
  });
});
