/**
 * Property tests of sentence maps (issue 15, item 1). Articles are built from
 * real sentences (the example corpus's, and original prose below with curly
 * quotes, dashes, abbreviations and emoji), then changed by random inserts,
 * deletes, splits, merges, light edits, typographic and white-space changes
 * and moved paragraphs, whose effect on every old sentence is known. The
 * articles are written one paragraph per line or hard-wrapped, with LF or
 * CRLF, and wrapped differently before and after. Properties:
 *  - every unchanged sentence maps to its new number (`same` or `moved`);
 *  - a deleted sentence maps to nothing;
 *  - a split maps to the part holding the annotation's quote (else the first part);
 *  - a merged sentence maps to the merge;
 *  - a lightly edited sentence maps to its edited version;
 *  - the quick "did numbers change?" check agrees with the full map;
 *  - every mapping is well formed.
 * Pathological inputs end quickly (a watchdog thread kills a hung process).
 * Fixed seeds: CI runs the same cases every time (STANDPOINT_FUZZ_SCALE and
 * STANDPOINT_FUZZ_SEED run more or other cases, as in fuzz.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildSentenceMap, segmentSentences, sentenceNumbersChanged, type SentenceMapping } from '../src/service/index';
import { foldedHash } from '../src/service/anchors/sentenceMap';
import { foldText } from '../src/service/text/quoteMatch';
import { prng } from './support/prng';
import { Watchdog } from './support/watchdog';

const ROOT = path.resolve(__dirname, '..', '..');
const watchdog = new Watchdog(10_000);
/** Fixed seeds; STANDPOINT_FUZZ_SCALE=10 runs ten times the cases, STANDPOINT_FUZZ_SEED=n other ones (as in fuzz.test.ts). */
const SCALE = Number(process.env.STANDPOINT_FUZZ_SCALE ?? 1) || 1;
const SEED_SHIFT = Number(process.env.STANDPOINT_FUZZ_SEED ?? 0) || 0;
const runs = (seed: number, numRuns: number) => ({ seed: seed + SEED_SHIFT, numRuns: Math.max(1, Math.round(numRuns * SCALE)) });
beforeAll(() => watchdog.start());
afterAll(() => watchdog.stop());

// ---------------------------------------------------------------------------
// The sentence pool

/** Original prose for these tests. */
const OWN_PROSE = [
  'The talks in Doha opened on a Tuesday, two days later than planned.',
  'Officials in Kyiv called the draft “a list of wishes, not a plan.”',
  'Moscow’s delegation arrived with a 40-page memorandum — and no map.',
  'Sen. Whitfield told reporters that the package “won’t pass as written.”',
  'Prof. Okafor, who advises the Nigerian mission, doubted the timetable.',
  'The ceasefire line runs for about 1,100 km through four regions.',
  'A spokesperson for the U.N. said monitors could deploy within weeks.',
  'Insurers quietly raised premiums for tankers calling at Black Sea ports 🚢.',
  'In Warsaw, the mood was darker: “We have heard this before,” one diplomat said.',
  'The Élysée said Paris would host a follow-up meeting in March.',
  'Turkey offered its good offices again, as it did in 2022.',
  'Neither side published the text of the annex on prisoners.',
  'Analysts at the Kiel Institute estimate reconstruction at $500 billion.',
  'Grain exports recovered faster than anyone in Brussels expected.',
  'The envoy’s schedule — Riyadh, then Istanbul, then Geneva — leaked within hours.',
  'Veterans’ groups in Kharkiv staged a small protest outside the city hall 🇺🇦.',
  'Beijing welcomed “all efforts conducive to peace” and said little else.',
  'The IAEA asked again for permanent access to the Zaporizhzhia plant.',
  'Hungary’s foreign minister flew to Moscow the same week.',
  'Markets barely moved on the news, and the hryvnia held steady.',
  'Dr. Haddad warned that a frozen conflict would not stay frozen for long.',
  'Diplomats privately described the first session as “cordial but empty.”',
  'A second round is expected before the end of the month, e.g. in Jeddah.',
  'The memorandum was signed by both delegations at 3 a.m. local time.',
];

function exampleSentences(): string[] {
  const files: [string, boolean][] = [
    ['riyadh-talks.txt', false],
    ['european-reaction.txt', false],
    ['ceasefire-briefing.md', true],
  ];
  const found: string[] = [];
  for (const [name, hardWrapped] of files) {
    const text = readFileSync(path.join(ROOT, 'example', 'articles', name), 'utf8');
    for (const s of segmentSentences(text, { hardWrapped })) found.push(text.slice(s.start, s.end).replace(/\s+/g, ' '));
  }
  return found;
}

/** Distinct sentences that segment as one sentence on their own. */
const POOL: readonly string[] = (() => {
  const seen = new Set<string>();
  const pool: string[] = [];
  for (const sentence of [...exampleSentences(), ...OWN_PROSE]) {
    const key = foldText(sentence);
    if (seen.has(key) || !/\p{L}/u.test(sentence) || sentence.startsWith('#') || sentence.startsWith('-')) continue;
    const alone = segmentSentences(sentence);
    if (alone.length !== 1 || alone[0].end - alone[0].start !== sentence.length) continue;
    seen.add(key);
    pool.push(sentence);
  }
  return pool;
})();

/** A sentence some articles repeat (not in the pool). */
const REPEATED = 'No comment.';

const ends = (sentence: string) => /[.!?…][”"’')\]]*$/u.test(sentence);

// ---------------------------------------------------------------------------
// Articles as paragraphs of sentences that know where they came from

type Origin =
  | { readonly kind: 'kept'; readonly old: number }
  | { readonly kind: 'typographic'; readonly old: number }
  | { readonly kind: 'moved'; readonly old: number }
  | { readonly kind: 'edited'; readonly old: number }
  | { readonly kind: 'split'; readonly old: number; readonly part: number }
  | { readonly kind: 'merged'; readonly olds: readonly number[] }
  | { readonly kind: 'inserted' };

interface Item {
  readonly text: string;
  readonly origin: Origin;
}

interface Layout {
  readonly hardWrapped: boolean;
  readonly crlf: boolean;
  /** Seeds the white space between sentences and the wrapping, so old and new versions differ in it. */
  readonly seed: number;
}

function render(paragraphs: readonly (readonly Item[])[], layout: Layout, seed: number): string {
  const random = prng(seed);
  const eol = layout.crlf ? '\r\n' : '\n';
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    if (!paragraph.length) continue;
    let text = '';
    paragraph.forEach((item, k) => (text += (k ? (random() < 0.2 ? '  ' : ' ') : '') + item.text));
    if (layout.hardWrapped) {
      const width = 30 + Math.floor(random() * 50);
      const words = text.split(' ');
      let line = '';
      const wrapped: string[] = [];
      for (const word of words) {
        if (line && line.length + word.length + 1 > width) {
          wrapped.push(line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      wrapped.push(line);
      lines.push(wrapped.join(eol), '');
    } else {
      lines.push(text);
      if (random() < 0.3) lines.push('');
    }
  }
  return lines.join(eol) + eol;
}

interface Change {
  readonly op: 'insert' | 'delete' | 'split' | 'merge' | 'edit' | 'typographic' | 'move';
  /** Random choices, each in [0, 1). */
  readonly picks: readonly number[];
}

interface Case {
  readonly start: readonly number[];
  readonly sizes: readonly number[];
  readonly changes: readonly Change[];
  readonly layout: Layout;
  /** Places (in [0, 1)) of extra copies of one short sentence: articles do repeat themselves. */
  readonly repeats: readonly number[];
}

interface Built {
  readonly before: string;
  readonly after: string;
  readonly oldItems: readonly string[];
  readonly newItems: readonly Item[];
  /** Per split old sentence: its quote, if any. */
  readonly quotes: ReadonlyMap<number, string>;
  /** A paragraph was cut and pasted elsewhere. */
  readonly moved: boolean;
}

const EDIT_WORDS = ['reportedly', 'quietly', 'again', 'formally', 'later', 'publicly'];

/** Picks from a list by a random number in [0, 1). */
const choose = <T>(list: readonly T[], pick: number): T => list[Math.min(list.length - 1, Math.floor(pick * list.length))];

function build(c: Case): Built {
  // The old article: distinct pool sentences in paragraphs; a sentence without a final stop stands alone (a headline).
  const chosen = [...new Set(c.start.map((pick) => Math.floor(pick * POOL.length)))].map((k) => POOL[k]);
  for (const place of c.repeats) chosen.splice(Math.floor(place * (chosen.length + 1)), 0, REPEATED);
  const used = new Set(chosen.map(foldText));
  const paragraphs: Item[][] = [];
  let current: Item[] = [];
  let sizeIndex = 0;
  chosen.forEach((text, old) => {
    const item: Item = { text, origin: { kind: 'kept', old } };
    if (!ends(text)) {
      if (current.length) paragraphs.push(current);
      paragraphs.push([item]);
      current = [];
      return;
    }
    current.push(item);
    if (current.length >= 1 + (c.sizes[sizeIndex++ % c.sizes.length] % 4)) {
      paragraphs.push(current);
      current = [];
    }
  });
  if (current.length) paragraphs.push(current);
  const before = render(paragraphs, c.layout, c.layout.seed);

  const quotes = new Map<number, string>();
  let movedAny = false;
  const keptPlaces = () => {
    const places: [number, number][] = [];
    paragraphs.forEach((p, i) => p.forEach((item, k) => item.origin.kind === 'kept' && places.push([i, k])));
    return places;
  };
  for (const change of c.changes) {
    const [a, b, d, e] = change.picks;
    const places = keptPlaces();
    if (change.op === 'insert') {
      const fresh = POOL.filter((s) => !used.has(foldText(s)));
      if (!fresh.length) continue;
      const text = choose(fresh, a);
      used.add(foldText(text));
      const i = Math.floor(b * (paragraphs.length + 1));
      if (!ends(text) || i === paragraphs.length || d < 0.3) paragraphs.splice(i, 0, [{ text, origin: { kind: 'inserted' } }]);
      else if (paragraphs[i].every((item) => ends(item.text))) {
        // Not between two parts of one split (that split would no longer be in one piece).
        let at = Math.floor(e * (paragraphs[i].length + 1));
        const splitOf = (item: Item | undefined) => (item?.origin.kind === 'split' ? item.origin.old : -1);
        while (at > 0 && splitOf(paragraphs[i][at - 1]) !== -1 && splitOf(paragraphs[i][at - 1]) === splitOf(paragraphs[i][at])) at--;
        paragraphs[i].splice(at, 0, { text, origin: { kind: 'inserted' } });
      }
      continue;
    }
    if (!places.length) continue;
    const [pi, k] = choose(places, a);
    const paragraph = paragraphs[pi];
    const item = paragraph[k];
    const old = (item.origin as { old: number }).old;
    const words = item.text.split(' ');
    switch (change.op) {
      case 'delete':
        paragraph.splice(k, 1);
        break;
      case 'split': {
        // After a lower-case word of three letters or more (never an abbreviation), before a word that starts with a letter.
        const points = words.map((_, w) => w).filter((w) => w >= 3 && w <= words.length - 3 && /^\p{Ll}{3,}$/u.test(words[w - 1]) && /^\p{L}/u.test(words[w]));
        if (!ends(item.text) || !points.length) break;
        const w = choose(points, b);
        const parts = [`${words.slice(0, w).join(' ')}.`, `${words[w][0].toUpperCase()}${words.slice(w).join(' ').slice(1)}`];
        const quotedPart = d < 0.5 ? 0 : 1;
        if (e < 0.8) {
          const partWords = parts[quotedPart].replace(/[.!?…”"’')\]]+$/u, '').split(' ');
          const from = Math.floor(e * Math.max(1, partWords.length - 2));
          quotes.set(old, partWords.slice(from, from + 2 + Math.floor(d * 2)).join(' '));
        }
        paragraph.splice(k, 1, { text: parts[0], origin: { kind: 'split', old, part: 0 } }, { text: parts[1], origin: { kind: 'split', old, part: 1 } });
        break;
      }
      case 'merge': {
        const next = paragraph[k + 1];
        if (!next || next.origin.kind !== 'kept' || !item.text.endsWith('.')) break;
        paragraph.splice(k, 2, { text: `${item.text.slice(0, -1)}; ${next.text}`, origin: { kind: 'merged', olds: [old, next.origin.old] } });
        break;
      }
      case 'edit': {
        if (words.length < 8) break;
        const w = 1 + Math.floor(b * (words.length - 2));
        const edited = [...words];
        if (d < 0.4) edited[w] = choose(EDIT_WORDS, e);
        else if (d < 0.7) edited.splice(w, 0, choose(EDIT_WORDS, e));
        else edited.splice(w, 1);
        if (edited.join(' ') === item.text) break; // the word replaced by itself
        paragraph[k] = { text: edited.join(' '), origin: { kind: 'edited', old } };
        break;
      }
      case 'typographic': {
        const swapped = item.text.replace(/[’“”']/u, (ch) => (ch === '’' ? "'" : ch === "'" ? '’' : '"'));
        const text = swapped !== item.text ? swapped : item.text.replace(' ', '  ');
        paragraph[k] = { text, origin: { kind: 'typographic', old } };
        break;
      }
      case 'move': {
        // A whole paragraph of unchanged sentences, cut and pasted elsewhere.
        if (!paragraph.every((x) => x.origin.kind === 'kept')) break;
        const textsBefore = paragraphs
          .flat()
          .map((x) => foldText(x.text))
          .join('\n');
        paragraphs.splice(pi, 1);
        const moved = paragraph.map((x) => ({ text: x.text, origin: { kind: 'moved' as const, old: (x.origin as { old: number }).old } }));
        const to = Math.floor(b * (paragraphs.length + 1));
        paragraphs.splice(to, 0, moved);
        if (
          paragraphs
            .flat()
            .map((x) => foldText(x.text))
            .join('\n') === textsBefore
        ) {
          // A copy of a repeated sentence moved past another copy: no text shows it, so it did not happen.
          paragraphs.splice(to, 1);
          paragraphs.splice(pi, 0, paragraph);
          break;
        }
        movedAny = true;
        break;
      }
    }
  }
  const after = render(paragraphs, c.layout, c.layout.seed + 1);
  return { before, after, oldItems: chosen, newItems: paragraphs.flat(), quotes, moved: movedAny };
}

/** A number in [0, 1), evenly spread (fast-check's doubles favour 0 and other edges, which would pick the first sentence nearly always). */
const unit = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((k) => k / 1_000_000);

const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  start: fc.array(unit, { minLength: 4, maxLength: 40 }),
  sizes: fc.array(fc.nat(8), { minLength: 1, maxLength: 8 }),
  changes: fc.array(
    fc.record({
      op: fc.constantFrom('insert', 'delete', 'split', 'merge', 'edit', 'typographic', 'move') as fc.Arbitrary<Change['op']>,
      picks: fc.array(unit, { minLength: 4, maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  layout: fc.record({ hardWrapped: fc.boolean(), crlf: fc.boolean(), seed: fc.nat() }),
  repeats: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(unit, { minLength: 2, maxLength: 4 }) }),
});

/** Texts of the sentences as segmented, to check that the article says what the model says. */
const segmented = (text: string, hardWrapped: boolean) => segmentSentences(text, { hardWrapped }).map((s) => foldText(text.slice(s.start, s.end)));

/**
 * True when a copy of the repeated sentence (old, 0-based) and new sentence
 * `newNumber` are alike in everything a text can show: the new one is a copy
 * too, and each neighbour is either the old neighbour's counterpart or,
 * on both sides, another copy (or the article's edge).
 */
function sameContext(built: Built, old: number, newNumber: number | undefined, expected: readonly { newNumber?: number }[]): boolean {
  if (newNumber === undefined || foldText(built.newItems[newNumber - 1].text) !== REPEATED) return false;
  return [-1, 1].every((d) => {
    const o = old + d;
    const n = newNumber - 1 + d;
    const oldEdge = o < 0 || o >= built.oldItems.length;
    const newEdge = n < 0 || n >= built.newItems.length;
    if (oldEdge || newEdge) return oldEdge && newEdge;
    if (built.oldItems[o] === REPEATED && foldText(built.newItems[n].text) === REPEATED) return true;
    return expected[o].newNumber === n + 1;
  });
}

/** What each old sentence must map to, from the origins of the new sentences. */
function expectations(built: Built): { kind: SentenceMapping['kind'] | 'same-or-moved'; newNumber?: number }[] {
  const expected: { kind: SentenceMapping['kind'] | 'same-or-moved'; newNumber?: number }[] = built.oldItems.map(() => ({ kind: 'deleted' }));
  const partsOf = new Map<number, number[]>();
  built.newItems.forEach((item, index) => {
    const origin = item.origin;
    const newNumber = index + 1;
    if (origin.kind === 'kept' || origin.kind === 'typographic' || origin.kind === 'moved') expected[origin.old] = { kind: 'same-or-moved', newNumber };
    else if (origin.kind === 'edited') expected[origin.old] = { kind: 'edited', newNumber };
    else if (origin.kind === 'merged') for (const old of origin.olds) expected[old] = { kind: 'merged', newNumber };
    else if (origin.kind === 'split') partsOf.set(origin.old, [...(partsOf.get(origin.old) ?? []), newNumber]);
  });
  for (const [old, parts] of partsOf) {
    const quote = built.quotes.get(old);
    // The first part that holds the quote (folded as the quote matcher folds), else the first part.
    const holding = quote === undefined ? undefined : parts.find((n) => foldText(built.newItems[n - 1].text).includes(foldText(quote)));
    expected[old] = { kind: 'split', newNumber: holding ?? parts[0] };
  }
  return expected;
}

const stats = { cases: 0, skipped: 0, edits: 0, unambiguousEdits: 0, splitsWithQuote: 0, unambiguousSplits: 0 };

describe('sentence maps (seeded property tests)', () => {
  it('maps every old sentence where the changes took it', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) =>
        watchdog.guard(
          () => JSON.stringify(c),
          () => {
            const built = build(c);
            const hardWrapped = c.layout.hardWrapped;
            // The articles must segment as the model says (else the case tests the generator, not the map).
            const asModelled =
              segmented(built.before, hardWrapped).join('\n') === built.oldItems.map(foldText).join('\n') &&
              segmented(built.after, hardWrapped).join('\n') === built.newItems.map((i) => foldText(i.text)).join('\n');
            stats.cases++;
            if (!asModelled) {
              stats.skipped++;
              return;
            }
            const map = buildSentenceMap(built.before, built.after, { hardWrapped });
            const context = () => `before ${JSON.stringify(built.before)}\nafter ${JSON.stringify(built.after)}`;
            expect(map.oldCount, context()).toBe(built.oldItems.length);
            expect(map.newCount).toBe(built.newItems.length);
            const expected = expectations(built);
            const repeated = built.oldItems.filter((text) => text === REPEATED).length + built.newItems.filter((item) => foldText(item.text) === REPEATED).length > 1;
            expected.forEach((want, old) => {
              const got = map.map(old + 1, built.quotes.get(old))!;
              const where = `old ${old + 1} (${JSON.stringify(built.oldItems[old])}, quote ${JSON.stringify(built.quotes.get(old))})\n${context()}`;
              // Never silently wrong: an unambiguous mapping is always right (or, for a copy of a repeated sentence,
              // a copy that no text could tell from the right one: the same text between the same texts).
              if (got.unambiguous && !(repeated && built.oldItems[old] === REPEATED && sameContext(built, old, got.newNumber, expected))) expect(got.newNumber, where).toBe(want.newNumber);
              if (repeated && built.oldItems[old] === REPEATED) {
                // One of several copies: at least a copy of its text, or nothing.
                if (got.newNumber !== undefined && (got.kind === 'same' || got.kind === 'moved')) expect(foldText(built.newItems[got.newNumber - 1].text), where).toBe(REPEATED);
              } else if (want.kind === 'same-or-moved') {
                expect(got.newNumber, where).toBe(want.newNumber);
                expect(got.kind, where).toBe(want.newNumber === old + 1 ? 'same' : 'moved');
                expect(got.unambiguous, where).toBe(true);
              } else if (!built.moved) {
                const origin = want.newNumber === undefined ? undefined : built.newItems[want.newNumber - 1].origin;
                if (origin?.kind === 'merged' && origin.olds.some((o) => built.oldItems[o] === REPEATED)) {
                  // Merged with a copy of the repeated sentence: which copy went in is a guess, so the others may look edited.
                  expect(got.newNumber, where).toBe(want.newNumber);
                  expect(['merged', 'edited'], where).toContain(got.kind);
                } else if (want.kind === 'deleted' && got.kind !== 'deleted') {
                  // A new sentence much like the deleted one (the example articles have a headline and a "Related:" line
                  // with the same words) may be offered, but never as sure.
                  expect(got.unambiguous, where).toBe(false);
                } else {
                  expect([got.kind, got.newNumber], where).toEqual([want.kind, want.newNumber]);
                }
              }
              // (A sentence split, merged or edited on the far side of a moved paragraph looks moved as well as changed:
              // only moved-and-edited is recognised, the rest is held to the rule above.)
              if (want.kind === 'edited') {
                stats.edits++;
                if (got.unambiguous) stats.unambiguousEdits++;
              }
              if (want.kind === 'split' && built.quotes.has(old)) {
                stats.splitsWithQuote++;
                if (got.unambiguous) stats.unambiguousSplits++;
              }
            });
            // The quick check sees a change of numbering exactly when the full map does.
            expect(sentenceNumbersChanged(built.before, built.after, { hardWrapped })).toBe(!map.numbersUnchanged);
            const renumbered = expected.some((want, old) => want.newNumber !== old + 1) || built.newItems.length !== built.oldItems.length;
            // (Unless copies of the repeated sentence swapped places: no text shows that.)
            if (!repeated) expect(map.numbersUnchanged).toBe(!renumbered);
            checkWellFormed(map.mappings(), map.newCount);
          },
        ),
      ),
      runs(1501, 600),
    );
    // The generator builds what it models nearly always; light edits and quoted splits are nearly always unambiguous.
    expect(stats.skipped / stats.cases).toBeLessThan(0.05);
    expect(stats.edits).toBeGreaterThan(100);
    expect(stats.unambiguousEdits / stats.edits).toBeGreaterThan(0.9);
    expect(stats.splitsWithQuote).toBeGreaterThan(50);
    expect(stats.unambiguousSplits / stats.splitsWithQuote).toBeGreaterThan(0.9);
  }, 120_000);

  it('the quick check agrees with the full map for random edits of the example articles', () => {
    const articles = ['riyadh-talks.txt', 'european-reaction.txt', 'ceasefire-briefing.md'].map((name) => readFileSync(path.join(ROOT, 'example', 'articles', name), 'utf8'));
    const piece = fc.constantFrom('. ', '.\n', '\n', '\n\n', ' and ', 'Mr. ', '“', '’', 'x', ' ', '\r\n', '\r', 'Yes. No. ', '🇺🇦');
    fc.assert(
      fc.property(fc.nat(2), unit, fc.nat(30), fc.array(piece, { maxLength: 3 }), fc.boolean(), (which, at, removed, inserted, hardWrapped) =>
        watchdog.guard(
          () => JSON.stringify({ which, at, removed, inserted, hardWrapped }),
          () => {
            const before = articles[which];
            const start = Math.floor(at * before.length);
            const after = before.slice(0, start) + inserted.join('') + before.slice(Math.min(before.length, start + removed));
            const map = buildSentenceMap(before, after, { hardWrapped });
            expect(sentenceNumbersChanged(before, after, { hardWrapped })).toBe(!map.numbersUnchanged);
            checkWellFormed(map.mappings(), map.newCount);
          },
        ),
      ),
      runs(1502, 400),
    );
  }, 120_000);
});

describe('the folded hash sentences are compared by', () => {
  it('is equal for texts the quote matcher folds alike', () => {
    const unit = fc.constantFrom('a', 'B', 'é', '🇺🇦', '.', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2009', "'", '’', '‘', '"', '“', '”', '„', '′', '″', '—');
    const refold = (text: string, pick: number) =>
      text
        .replace(/\s+/g, () => [' ', '  ', '\n', '\u00a0 '][pick % 4])
        .replace(/['‘’‚‛′]/g, () => ["'", '’', '‘'][pick % 3])
        .replace(/["“”„‟″]/g, () => ['"', '“', '”'][pick % 3]);
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), fc.array(unit, { maxLength: 30 }), fc.nat(), (a, b, pick) => {
        const x = a.join('');
        const y = b.join('');
        expect(foldedHash(x, 0, x.length)).toBe(foldedHash(refold(x, pick), 0, refold(x, pick).length));
        if (foldText(x) === foldText(y)) expect(foldedHash(x, 0, x.length)).toBe(foldedHash(y, 0, y.length));
        // And it reads only its span.
        expect(foldedHash(`zz${x}zz`, 2, x.length + 2)).toBe(foldedHash(x, 0, x.length));
      }),
      runs(1503, 2000),
    );
  });
});

/** Every mapping is well formed: numbers in range, exact matches really equal, splits and merges consistent. */
function checkWellFormed(mappings: readonly SentenceMapping[], newCount: number): void {
  for (const m of mappings) {
    expect(m.similarity).toBeGreaterThanOrEqual(0);
    expect(m.similarity).toBeLessThanOrEqual(1);
    if (m.kind === 'deleted') {
      expect(m.newNumber).toBeUndefined();
      expect(m.unambiguous).toBe(false);
      continue;
    }
    expect(m.newNumber).toBeGreaterThanOrEqual(1);
    expect(m.newNumber).toBeLessThanOrEqual(newCount);
    if (m.kind === 'same' || m.kind === 'moved') expect(m.similarity).toBe(1);
    if (m.kind === 'same') expect(m.newNumber).toBe(m.oldNumber);
    if (m.kind === 'split') {
      expect(m.parts!.length).toBeGreaterThanOrEqual(2);
      expect(m.parts).toContain(m.newNumber);
      m.parts!.forEach((n, k) => k && expect(n).toBe(m.parts![k - 1] + 1));
    }
    if (m.kind === 'merged') expect(m.mergedFrom).toContain(m.oldNumber);
  }
  // No two old sentences share a new one, except the sentences of one merge.
  const byTarget = new Map<number, SentenceMapping[]>();
  for (const m of mappings) if (m.newNumber !== undefined) byTarget.set(m.newNumber, [...(byTarget.get(m.newNumber) ?? []), m]);
  for (const sharing of byTarget.values()) {
    if (sharing.length < 2) continue;
    expect(sharing.every((m) => m.kind === 'merged')).toBe(true);
    expect(sharing.map((m) => m.oldNumber)).toEqual(sharing[0].mergedFrom);
  }
}

// ---------------------------------------------------------------------------
// Pathological input: every case ends (the watchdog kills a hang), and the map stays well formed.

describe('sentence maps of pathological input end quickly', () => {
  const random = prng(99);
  const word = () => choose(['grain', 'corridor', 'envoy', 'talks', 'Kyiv', 'Moscow', 'said', 'the', 'a', 'premiums', 'ships', 'port', 'line', 'deal'], random());
  const sentence = (n: number) => `${Array.from({ length: n }, word).join(' ')}.`.replace(/^./, (ch) => ch.toUpperCase());

  const cases: [string, () => [string, string]][] = [
    [
      '5,000 sentences, every one changed by a word',
      () => {
        const olds = Array.from({ length: 5_000 }, (_, k) => `Sentence ${k} says ${sentence(12)}`);
        return [olds.join(' '), olds.map((s) => s.replace(' says ', ' said ')).join(' ')];
      },
    ],
    ['10,000 copies of one sentence against 9,999', () => ['Yes. '.repeat(10_000), 'Yes. '.repeat(9_999)]],
    ['alternating repeated sentences, swapped', () => ['Alpha here. Beta there. '.repeat(2_000), 'Beta there. Alpha here. '.repeat(2_000)]],
    [
      '3,000 template sentences of few words, reshuffled',
      () => {
        const olds = Array.from({ length: 3_000 }, () => sentence(6));
        const news = [...olds].sort(() => random() - 0.5).map((s, k) => (k % 3 ? s : s.replace('.', ' again.')));
        return [olds.join('\n'), news.join('\n')];
      },
    ],
    [
      'one 200,000-character sentence edited in the middle',
      () => {
        const long = Array.from({ length: 30_000 }, word).join(' ');
        return [`${long}.`, `${long.slice(0, 100_000)}x${long.slice(100_000)}.`];
      },
    ],
    [
      'a whole article replaced by another of 5,000 sentences of the same few words',
      () => [Array.from({ length: 5_000 }, () => sentence(10)).join(' '), Array.from({ length: 5_000 }, () => sentence(9)).join(' ')],
    ],
  ];

  for (const [name, make] of cases) {
    it(
      name,
      () => {
        const [before, after] = make();
        const map = watchdog.guard(
          () => name,
          () => buildSentenceMap(before, after),
        );
        const mappings = map.mappings();
        expect(mappings).toHaveLength(segmentSentences(before).length);
        checkWellFormed(mappings, map.newCount);
        watchdog.guard(
          () => `${name}: quick check`,
          () => sentenceNumbersChanged(before, after),
        );
      },
      60_000,
    );
  }

  it('with tiny budgets, what was not looked at is flagged, not guessed', () => {
    const olds = Array.from({ length: 400 }, (_, k) => `Item ${k} holds ${sentence(8)}`);
    const before = olds.join(' ');
    const after = olds.map((s) => s.replace(' holds ', ' held ')).join(' ');
    const map = buildSentenceMap(before, after, { limits: { similarityCells: 100, fullGapCells: 16 } });
    const mappings = map.mappings();
    expect(mappings.every((m) => m.kind === 'deleted' && m.ambiguity === 'budget')).toBe(true);
    // With the default budget the same change maps every sentence to its edit.
    expect(
      buildSentenceMap(before, after)
        .mappings()
        .every((m) => m.kind === 'edited' && m.newNumber === m.oldNumber),
    ).toBe(true);
  });
});
