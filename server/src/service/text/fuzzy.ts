import { foldText } from './quoteMatch';
import { editDistance } from './editDistance';

/**
 * Approximate matching of a quote in an article's sentence, word by word
 * (Sellers' algorithm over tokens: the match may start and end anywhere in
 * the sentence). Used to tell an analyst which sentence a quote that is not
 * found was probably taken from, what changed, and which words to quote now.
 *
 * Words, not characters, are aligned so that the match is whole words of the
 * article: a quote whose last word was replaced (“desk” for “table”) is
 * matched to the article's word, where a character alignment drops the
 * quote's word (4 edits) rather than spell it into the article's (5 edits)
 * and so ends the match before, or inside, the article's word.
 */

/** A run of words that differ: `pattern[patternStart, patternEnd)` stands where the text has `text[textStart, textEnd)`; an empty side (a word dropped or inserted) has start = end. */
export interface Difference {
  readonly patternStart: number;
  readonly patternEnd: number;
  readonly textStart: number;
  readonly textEnd: number;
}

/** Where a quote fits in an article's text, word by word. */
export interface WordAlignment {
  /** The article's words the quote aligns to: from the start of its first word to the end of its last, never inside a word. */
  readonly start: number;
  readonly end: number;
  /** The differing runs, in order and disjoint. */
  readonly differences: readonly Difference[];
  /** Words (or marks) inserted, dropped or replaced; a typo is a replaced word, a word for a mark two edits. */
  readonly edits: number;
  /** The quote's words not matched exactly (replaced or dropped). */
  readonly unmatched: number;
  /** How unlike the words paired up are, summed (0–100 each; a dropped or inserted word counts 100). */
  readonly unlikeness: number;
  /** The quote's words matched exactly or with a typo (at most half their letters changed). */
  readonly kept: number;
  /** The quote's words and marks. */
  readonly tokens: number;
  /** Cells the alignment filled (what it cost). */
  readonly cells: number;
}

/**
 * A word of a quote or an article, or one mark between words. Words keep
 * their inner apostrophes, hyphens and dots (“Ukraine’s”, “high-level”,
 * “U.S”); any other visible character is a token of its own, with the marks,
 * variation selectors, skin tones and zero-width joins that belong to it (an
 * emoji sequence is one token; a flag is one).
 */
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’‘ʼ.‐‑-][\p{L}\p{N}\p{M}]+)*|\p{Regional_Indicator}{2}|\S(?:\p{M}|\p{Emoji_Modifier})*(?:\u200D\S(?:\p{M}|\p{Emoji_Modifier})*)*/gu;
const WORD_START = /^[\p{L}\p{N}\p{M}]/u;

interface Token {
  readonly start: number;
  readonly end: number;
  /** The token as compared: quote marks folded. */
  readonly folded: string;
  readonly word: boolean;
}

/** The tokens of `text[start, end)`, or undefined if there are more than `max`. */
function tokenize(text: string, start: number, end: number, max: number): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = new RegExp(TOKEN.source, TOKEN.flags);
  pattern.lastIndex = start;
  for (let m = pattern.exec(text); m && m.index < end; m = pattern.exec(text)) {
    if (tokens.length >= max) return undefined;
    const tokenEnd = Math.min(m.index + m[0].length, end);
    const token = text.slice(m.index, tokenEnd);
    tokens.push({ start: m.index, end: tokenEnd, folded: foldText(token), word: WORD_START.test(token) });
  }
  return tokens;
}

/**
 * How unlike two tokens are, 0 (the same) to 100 (unrelated words or marks),
 * by the share of letters changed; a word and a mark are 200 apart (no word
 * stands for a mark).
 */
function unlikenessOf(a: Token, b: Token): number {
  if (a.folded === b.folded) return 0;
  if (a.word !== b.word) return 200;
  if (!a.word) return 100;
  const longer = Math.max(a.folded.length, b.folded.length);
  return Math.ceil((100 * editDistance(a.folded, b.folded)) / longer);
}

/** At most this much unlike, a word is the same word with a typo. */
const TYPO = 50;

/** Token cells one quote's alignments may fill in all, before giving up (keeps diagnostics bounded in time and memory). */
export const MAX_ALIGNMENT_CELLS = 2_000_000;

/**
 * Aligns `pattern` with `text[textStart, textEnd)` word by word. Alignments
 * are compared by
 *  1. edits: words inserted, dropped or replaced;
 *  2. then the quote's words not matched exactly, so a dropped word is put
 *     back (“Kaja , the” ↔ “Kaja Kallas, the” keeps “Kaja”) rather than a
 *     quote's word replaced by its neighbour;
 *  3. then how unlike the paired words are, so a typo pairs with its word.
 * Where replacing the quote's first or last word costs what dropping it does,
 * the replacement wins, so the article's word is part of the match.
 * Undefined when either side has no token, no word of the quote meets one of
 * the text, or the alignment would fill more than `maxCells` cells.
 */
export function alignWords(pattern: string, text: string, textStart = 0, textEnd = text.length, maxCells = MAX_ALIGNMENT_CELLS): WordAlignment | undefined {
  const p = tokenize(pattern, 0, pattern.length, maxCells);
  if (!p?.length) return undefined;
  const m = p.length;
  const t = tokenize(text, textStart, textEnd, Math.floor(maxCells / (m + 1)) - 1);
  if (!t?.length) return undefined;
  const n = t.length;

  // Unlikeness of each distinct pair of tokens, computed once (the table has at most m × n cells).
  const distinctIds = (tokens: readonly Token[]) => {
    const ids = new Map<string, number>();
    const list = tokens.map((token) => {
      let id = ids.get(token.folded);
      if (id === undefined) ids.set(token.folded, (id = ids.size));
      return id;
    });
    return { list, count: ids.size };
  };
  const pIds = distinctIds(p).list;
  const { list: tIds, count: tDistinct } = distinctIds(t);
  const known = new Int16Array(m * tDistinct).fill(-1);
  const unlike = (i: number, j: number) => {
    const key = pIds[i - 1] * tDistinct + tIds[j - 1];
    let u = known[key];
    if (u < 0) known[key] = u = unlikenessOf(p[i - 1], t[j - 1]);
    return u;
  };

  // Criteria 2 and 3 in one number: unmatched words × (more than any sum of unlikeness along a path) + unlikeness.
  const unmatchedWeight = 200 * (m + n + 1);
  const width = n + 1;
  const edits = new Uint32Array((m + 1) * width);
  const rest = new Float64Array((m + 1) * width);
  for (let i = 1; i <= m; i++) {
    edits[i * width] = i;
    rest[i * width] = i * (unmatchedWeight + 100);
  }
  for (let i = 1; i <= m; i++) {
    const row = i * width;
    const above = row - width;
    for (let j = 1; j <= n; j++) {
      // Paired (matched, or replaced: a word for a mark is two edits), then the quote's word dropped, then an article word inserted.
      const u = unlike(i, j);
      let e = edits[above + j - 1];
      let r = rest[above + j - 1];
      if (u !== 0) {
        e += u > 100 ? 2 : 1;
        r += unmatchedWeight + u;
      }
      const eDrop = edits[above + j] + 1;
      const rDrop = rest[above + j] + unmatchedWeight + 100;
      if (eDrop < e || (eDrop === e && rDrop < r)) {
        e = eDrop;
        r = rDrop;
      }
      const eInsert = edits[row + j - 1] + 1;
      const rInsert = rest[row + j - 1] + 100;
      if (eInsert < e || (eInsert === e && rInsert < r)) {
        e = eInsert;
        r = rInsert;
      }
      edits[row + j] = e;
      rest[row + j] = r;
    }
  }
  // The three ways into cell (i, j), as [edits, rest], for the trace back.
  const viaPair = (i: number, j: number): [number, number] => {
    const from = (i - 1) * width + j - 1;
    const u = unlike(i, j);
    return u === 0 ? [edits[from], rest[from]] : [edits[from] + (u > 100 ? 2 : 1), rest[from] + unmatchedWeight + u];
  };
  const viaDrop = (i: number, j: number): [number, number] => [edits[(i - 1) * width + j] + 1, rest[(i - 1) * width + j] + unmatchedWeight + 100];
  const less = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const reaches = (a: [number, number], cell: number) => a[0] === edits[cell] && a[1] === rest[cell];

  // The cheapest end; among equally cheap ends, one where the quote's last word pairs with an article word.
  const last = m * width;
  let bestEnd = 1;
  let bestPairs = reaches(viaPair(m, 1), last + 1);
  for (let j = 2; j <= n; j++) {
    const here: [number, number] = [edits[last + j], rest[last + j]];
    const best: [number, number] = [edits[last + bestEnd], rest[last + bestEnd]];
    const pairs = reaches(viaPair(m, j), last + j);
    if (less(here, best) || (!less(best, here) && pairs && !bestPairs)) {
      bestEnd = j;
      bestPairs = pairs;
    }
  }

  // Trace back, preferring a pair to a dropped or inserted word (so the article's words at either end are kept).
  const differences: Difference[] = [];
  let unmatched = 0;
  let unlikeness = 0;
  let kept = 0;
  let i = m;
  let j = bestEnd;
  let firstText = -1;
  let run: { ps: number; pe: number; ts: number; te: number } | undefined;
  const closeRun = () => {
    if (run) {
      const inPattern = tokenRange(p, run.ps, run.pe, 0);
      const inText = tokenRange(t, run.ts, run.te, textStart);
      differences.push({ patternStart: inPattern.start, patternEnd: inPattern.end, textStart: inText.start, textEnd: inText.end });
    }
    run = undefined;
  };
  const extend = (ps: number, ts: number) => {
    run ??= { ps: i, pe: i, ts: j, te: j };
    run.ps = ps;
    run.ts = ts;
  };
  while (i > 0) {
    const cell = i * width + j;
    if (j > 0 && reaches(viaPair(i, j), cell)) {
      const u = unlike(i, j);
      if (u === 0) closeRun();
      else {
        extend(i - 1, j - 1);
        unmatched++;
        unlikeness += u;
      }
      if (u <= TYPO) kept++;
      i--;
      j--;
      firstText = j;
    } else if (reaches(viaDrop(i, j), cell)) {
      extend(i - 1, j);
      unmatched++;
      unlikeness += 100;
      i--;
    } else {
      extend(i, j - 1);
      unlikeness += 100;
      j--;
    }
  }
  closeRun();
  differences.reverse();
  if (firstText < 0) return undefined;
  return { start: t[firstText].start, end: t[bestEnd - 1].end, differences, edits: edits[last + bestEnd], unmatched, unlikeness, kept, tokens: m, cells: (m + 1) * width };
}

/** Negative when alignment `a` is closer than `b` (fewer edits, then fewer of the quote's words unmatched, then less unlike), positive when farther. */
export function closerAlignment(a: WordAlignment, b: WordAlignment): number {
  return a.edits - b.edits || a.unmatched - b.unmatched || a.unlikeness - b.unlikeness;
}

/** Where tokens `[from, to)` stand in their text; an empty run stands just after the token before it. */
function tokenRange(tokens: readonly Token[], from: number, to: number, textStart: number): { start: number; end: number } {
  if (from < to) return { start: tokens[from].start, end: tokens[to - 1].end };
  const at = from > 0 ? tokens[from - 1].end : textStart;
  return { start: at, end: at };
}
