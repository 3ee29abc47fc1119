import { segmentSentences, type SegmentationOptions, type SentenceSpan, type UnitSentences } from '../segmentation';
import { findQuote, foldText } from '../text/quoteMatch';

/**
 * Where each sentence of an article's old text went in its new text, so that
 * `sentence: N` can follow an edit (docs/sentences.md, "When the article
 * changes").
 *
 *  1. Exact matches (text compared as the quote matcher compares it: white
 *     space runs and quote marks folded) are aligned first, patience-style:
 *     the common head and tail, then sentences whose text occurs once in each
 *     version, in order (longest increasing run), recursively inside the gaps
 *     between them; a gap with only repeated texts gets a small LCS, so
 *     identical sentences pair up in order. A sentence whose unique text left
 *     the order (a moved paragraph) is paired afterwards.
 *  2. Inside each remaining gap between exact matches, edited sentences are
 *     paired by content (word tokens, Dice similarity) with a dynamic
 *     programme that also tries splits (one old → two or three new) and
 *     merges (two or three old → one new) and keeps the order. A deleted
 *     sentence whose words are in the sentence its neighbour went to joins
 *     that merge (two sentences merged across a deleted one).
 *  3. Old and new sentences still unpaired are paired when each is the
 *     other's most similar: a sentence moved out of order and edited.
 *
 * The common case is near-linear: most sentences are exact matches, and the
 * expensive step runs only inside the small gaps between them. Every step has
 * a budget, so pathological input ends quickly (its gaps then count as
 * deleted, flagged as not mapped for lack of budget).
 */

/** An article's text, with its sentences if they are already known (else they are segmented here). */
export interface ArticleVersion {
  readonly text: string;
  readonly sentences?: readonly SentenceSpan[];
}

export type SentenceFate = 'same' | 'moved' | 'edited' | 'split' | 'merged' | 'deleted';

/** Why a mapping is not `unambiguous` (absent when it is). */
export type Ambiguity =
  /** The sentence's text occurs a different number of times in the old and the new article: which copy is meant is a guess. */
  | 'repeated-text'
  /** The edited (split, merged) text is too different from the old one to be sure (similarity below UNAMBIGUOUS_SIMILARITY). */
  | 'weak-similarity'
  /** Another new sentence nearby is almost as similar. */
  | 'close-rival'
  /** The sentence was split and no quote says which part the annotation meant: the first part is given. */
  | 'split-without-quote'
  /** The annotation's quote is in no part of the split (or runs across parts). */
  | 'quote-not-in-parts'
  /** The annotation's quote is in more than one part of the split. */
  | 'quote-in-several-parts'
  /** The annotation's quote was in the old sentence but is not in the edited one. */
  | 'quote-not-in-target'
  /** The sentence is gone from the new article. */
  | 'deleted'
  /** The change was too large to align within the work budget: the sentence was not looked for. */
  | 'budget';

export interface SentenceMapping {
  readonly kind: SentenceFate;
  readonly oldNumber: number;
  /** The sentence's number in the new text; absent for a deleted sentence. */
  readonly newNumber?: number;
  /** For a split: the new numbers of all parts, in order. */
  readonly parts?: readonly number[];
  /** For a merge: the old numbers of every sentence merged, in order. */
  readonly mergedFrom?: readonly number[];
  /** How alike the old and the new text are (0–1; 1 for an exact match; for a split or merge, of the joined texts). */
  readonly similarity: number;
  /** True when the new number can be applied without asking (`standpoint check --fix` applies only these). */
  readonly unambiguous: boolean;
  readonly ambiguity?: Ambiguity;
}

export interface SentenceMapOptions extends SegmentationOptions {
  /** Work limits (tests lower them); defaults in DEFAULT_LIMITS. */
  readonly limits?: Partial<MapLimits>;
}

export interface MapLimits {
  /** Key comparisons in the exact alignment before the rest is left to the similarity step. */
  readonly exactWork: number;
  /** Cells of one LCS among repeated texts. */
  readonly lcsCells: number;
  /** Cells of the similarity programme over all gaps together. */
  readonly similarityCells: number;
  /** A gap up to this many cells (old × new sentences) is aligned in full; a larger one in a band. */
  readonly fullGapCells: number;
  /** Half-width of that band, in sentences. */
  readonly band: number;
}

export const DEFAULT_LIMITS: MapLimits = { exactWork: 4_000_000, lcsCells: 250_000, similarityCells: 1_000_000, fullGapCells: 4_096, band: 24 };

/** Below this similarity (Dice over word tokens), a new sentence is not an edit of an old one. */
export const EDIT_SIMILARITY = 0.5;
/** At or above this similarity an edit, split or merge is unambiguous (given no close rival). */
export const UNAMBIGUOUS_SIMILARITY = 0.6;
/** An edit is unambiguous only if no other nearby sentence comes within this much of its similarity. */
export const RIVAL_MARGIN = 0.15;
/** A sentence both moved out of order and edited is paired from UNAMBIGUOUS_SIMILARITY on, and unambiguous from this one. */
export const MOVED_EDIT_SIMILARITY = 0.8;
/** A deleted sentence with this share of its words in a neighbour's new sentence joins it as merged; a merged sentence with less is not unambiguous. */
const CONTAINED = 0.8;
/** Each part of a split, and each sentence of a merge, has at least this share of its words in the other side. */
const MEMBER_SHARE = 0.5;
/** The score (in words) a split or merge pays per sentence beyond a pair. */
const GROUP_COST = 1;
/** Most parts of one split, or sentences in one merge. */
const MAX_GROUP = 3;
/** A word in more new sentences of a gap than this does not help find an old sentence's counterpart. */
const COMMON_WORD = 16;

const enum Kind {
  Deleted = 0,
  Exact = 1,
  Edited = 2,
  Split = 3,
  Merged = 4,
}

const enum Flag {
  None = 0,
  RepeatedText = 1,
  Weak = 2,
  Rival = 3,
  Budget = 4,
}

interface Group {
  /** The old sentences, in order (a merge may take in a sentence across a deleted one). */
  readonly olds: readonly number[];
  readonly newFrom: number;
  readonly newTo: number;
}

/** One side (old or new) of the comparison: its sentences, their raw and folded texts, tokens on demand. */
class Side {
  readonly count: number;
  private readonly keys: (string | undefined)[];
  private readonly raws: (string | undefined)[];
  private readonly hashes: Float64Array;

  constructor(
    readonly text: string,
    readonly sentences: readonly SentenceSpan[],
  ) {
    this.count = sentences.length;
    this.keys = new Array(this.count);
    this.raws = new Array(this.count);
    this.hashes = new Float64Array(this.count).fill(Number.NaN);
  }

  /** A hash of the folded text, computed without building it (equal folded texts, equal hashes). */
  hash(i: number): number {
    let hash = this.hashes[i];
    if (Number.isNaN(hash)) hash = this.hashes[i] = foldedHash(this.text, this.sentences[i].start, this.sentences[i].end);
    return hash;
  }

  raw(i: number): string {
    let raw = this.raws[i];
    if (raw === undefined) raw = this.raws[i] = this.text.slice(this.sentences[i].start, this.sentences[i].end);
    return raw;
  }

  key(i: number): string {
    let key = this.keys[i];
    if (key === undefined) key = this.keys[i] = foldText(this.raw(i));
    return key;
  }
}

/** Interned word tokens, per sentence as an array of ids (a multiset). */
class Tokens {
  private readonly ids = new Map<string, number>();
  private counts = new Int32Array(1024);

  of(text: string): Int32Array {
    // Words; a sentence without any (`***`, an emoji) is compared by its visible characters, quote marks folded.
    const words = text.toLowerCase().match(WORD) ?? Array.from(foldText(text).replace(/ /g, ''));
    const result = new Int32Array(words.length);
    for (let k = 0; k < words.length; k++) {
      let id = this.ids.get(words[k]);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(words[k], id);
        if (id >= this.counts.length) {
          const grown = new Int32Array(this.counts.length * 2);
          grown.set(this.counts);
          this.counts = grown;
        }
      }
      result[k] = id;
    }
    return result.sort();
  }

  // Multiset intersection of unions of bags, in a scratch count per token: add one side, take the other, clear.

  add(bag: Int32Array): void {
    for (let k = 0; k < bag.length; k++) this.counts[bag[k]]++;
  }

  /** How many of the bag's tokens were added (and not yet taken). */
  take(bag: Int32Array): number {
    let taken = 0;
    for (let k = 0; k < bag.length; k++) {
      if (this.counts[bag[k]] > 0) {
        this.counts[bag[k]]--;
        taken++;
      }
    }
    return taken;
  }

  clear(bag: Int32Array): void {
    for (let k = 0; k < bag.length; k++) this.counts[bag[k]] = 0;
  }

  /** Tokens shared by the two unions of bags. */
  shared(a: readonly Int32Array[], b: readonly Int32Array[]): number {
    for (const bag of a) this.add(bag);
    let shared = 0;
    for (const bag of b) shared += this.take(bag);
    for (const bag of a) this.clear(bag);
    return shared;
  }
}

const WORD = /[\p{L}\p{N}]+/gu;

/** JavaScript's `\s`, by code unit. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** The code unit the quote matcher compares a character as (foldText, one unit at a time). */
function foldedUnit(code: number): number {
  switch (code) {
    case 0x2018:
    case 0x2019:
    case 0x201a:
    case 0x201b:
    case 0x2032:
      return 0x27; // '
    case 0x201c:
    case 0x201d:
    case 0x201e:
    case 0x201f:
    case 0x2033:
      return 0x22; // "
    default:
      return code;
  }
}

/**
 * A 53-bit hash (FNV-1a and a second multiplicative hash) of
 * `foldText(text.slice(start, end))`, computed without building the folded
 * string: sentences are compared by it cheaply, and equal hashes are
 * confirmed on the texts. Exported for tests.
 */
export function foldedHash(text: string, start: number, end: number): number {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  let inSpace = false;
  for (let k = s; k < e; k++) {
    let code = text.charCodeAt(k);
    if (isSpace(code)) {
      if (inSpace) continue;
      inSpace = true;
      code = 32;
    } else {
      inSpace = false;
      code = foldedUnit(code);
    }
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = Math.imul(h2 ^ code, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

/** Size of the multiset intersection of two sorted bags of token ids. */
function sharedSorted(a: Int32Array, b: Int32Array): number {
  let shared = 0;
  let x = 0;
  let y = 0;
  while (x < a.length && y < b.length) {
    if (a[x] === b[y]) {
      shared++;
      x++;
      y++;
    } else if (a[x] < b[y]) x++;
    else y++;
  }
  return shared;
}

/** The result of comparing two versions of an article; ask it with `mapSentence`. */
export class SentenceMap {
  /** For each old sentence (0-based): the new sentence (0-based), or -1. For a split, the first part. */
  private readonly target: Int32Array;
  private readonly kinds: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly similarities: Float32Array;
  private readonly groupOf: Int32Array;
  private readonly groups: Group[];

  /** @internal built by buildSentenceMap */
  constructor(
    readonly before: { readonly text: string; readonly sentences: readonly SentenceSpan[] },
    readonly after: { readonly text: string; readonly sentences: readonly SentenceSpan[] },
    parts: { target: Int32Array; kinds: Uint8Array; flags: Uint8Array; similarities: Float32Array; groupOf: Int32Array; groups: Group[] },
  ) {
    this.target = parts.target;
    this.kinds = parts.kinds;
    this.flags = parts.flags;
    this.similarities = parts.similarities;
    this.groupOf = parts.groupOf;
    this.groups = parts.groups;
  }

  get oldCount(): number {
    return this.before.sentences.length;
  }

  get newCount(): number {
    return this.after.sentences.length;
  }

  /** True when every old sentence keeps its number (same text or edited in place) and none was added: no `sentence:` value needs to change. */
  get numbersUnchanged(): boolean {
    if (this.oldCount !== this.newCount) return false;
    for (let i = 0; i < this.oldCount; i++) {
      if (this.target[i] !== i || (this.kinds[i] !== Kind.Exact && this.kinds[i] !== Kind.Edited)) return false;
    }
    return true;
  }

  /**
   * Where old sentence `oldNumber` (from 1) went; undefined when the old text
   * has no such sentence. `quote`: the annotation's quote, which decides the
   * part of a split sentence and is checked against an edited one.
   */
  map(oldNumber: number, quote?: string): SentenceMapping | undefined {
    if (!Number.isInteger(oldNumber) || oldNumber < 1 || oldNumber > this.oldCount) return undefined;
    const i = oldNumber - 1;
    const kind = this.kinds[i] as Kind;
    const similarity = Math.round(this.similarities[i] * 1000) / 1000;
    const flag = this.flags[i] as Flag;
    if (kind === Kind.Deleted) return { kind: 'deleted', oldNumber, similarity, unambiguous: false, ambiguity: flag === Flag.Budget ? 'budget' : 'deleted' };
    const target = this.target[i];
    const flagAmbiguity: Ambiguity | undefined = flag === Flag.RepeatedText ? 'repeated-text' : flag === Flag.Weak ? 'weak-similarity' : flag === Flag.Rival ? 'close-rival' : undefined;
    if (kind === Kind.Exact) {
      return { kind: target === i ? 'same' : 'moved', oldNumber, newNumber: target + 1, similarity: 1, unambiguous: !flagAmbiguity, ambiguity: flagAmbiguity };
    }
    if (kind === Kind.Edited) {
      const ambiguity = flagAmbiguity ?? (quote !== undefined && this.quoteLeft(i, target, quote) ? 'quote-not-in-target' : undefined);
      return { kind: 'edited', oldNumber, newNumber: target + 1, similarity, unambiguous: !ambiguity, ambiguity };
    }
    const group = this.groups[this.groupOf[i]];
    if (kind === Kind.Merged) {
      const mergedFrom = group.olds.map((k) => k + 1);
      return { kind: 'merged', oldNumber, newNumber: group.newFrom + 1, mergedFrom, similarity, unambiguous: !flagAmbiguity, ambiguity: flagAmbiguity };
    }
    const parts = range(group.newFrom, group.newTo).map((k) => k + 1);
    const chosen = this.splitPart(group, quote);
    const ambiguity = flagAmbiguity ?? chosen.ambiguity;
    return { kind: 'split', oldNumber, newNumber: chosen.index + 1, parts, similarity, unambiguous: !ambiguity, ambiguity };
  }

  /** Every old sentence's mapping, without quotes. */
  mappings(): SentenceMapping[] {
    return range(0, this.oldCount).map((i) => this.map(i + 1)!);
  }

  /** The part of a split that holds the quote; else the first part, flagged. */
  private splitPart(group: Group, quote: string | undefined): { index: number; ambiguity?: Ambiguity } {
    if (quote === undefined || !quote.trim()) return { index: group.newFrom, ambiguity: 'split-without-quote' };
    const sentences = this.after.sentences;
    const matches = findQuote(this.after.text, quote, sentences[group.newFrom].start, sentences[group.newTo - 1].end, 16);
    const holding = new Set<number>();
    let crossing: number | undefined;
    for (const match of matches) {
      for (let k = group.newFrom; k < group.newTo; k++) {
        const s = sentences[k];
        if (match.start >= s.start && match.end <= s.end) holding.add(k);
        else if (match.start >= s.start && match.start < s.end) crossing ??= k;
      }
    }
    if (holding.size === 1) return { index: [...holding][0] };
    if (holding.size > 1) return { index: Math.min(...holding), ambiguity: 'quote-in-several-parts' };
    return { index: crossing ?? group.newFrom, ambiguity: 'quote-not-in-parts' };
  }

  /** True when the quote is in old sentence `i` but not in new sentence `j`: the edit touched the quoted words. */
  private quoteLeft(i: number, j: number, quote: string): boolean {
    if (!quote.trim()) return false;
    const o = this.before.sentences[i];
    const n = this.after.sentences[j];
    return findQuote(this.after.text, quote, n.start, n.end, 1).length === 0 && findQuote(this.before.text, quote, o.start, o.end, 1).length > 0;
  }
}

/** Where old sentence `oldNumber` went (see SentenceMap.map). */
export function mapSentence(map: SentenceMap, oldNumber: number, quote?: string): SentenceMapping | undefined {
  return map.map(oldNumber, quote);
}

function range(from: number, to: number): number[] {
  const result: number[] = [];
  for (let k = from; k < to; k++) result.push(k);
  return result;
}

/** Compares two versions of an article. Texts without sentences are segmented with the options. */
export function buildSentenceMap(before: ArticleVersion | string, after: ArticleVersion | string, options: SentenceMapOptions = {}): SentenceMap {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const segmentation: SegmentationOptions = { hardWrapped: options.hardWrapped, abbreviations: options.abbreviations };
  const oldVersion = typeof before === 'string' ? { text: before } : before;
  const newVersion = typeof after === 'string' ? { text: after } : after;
  // Segmenting both: the new text's unchanged lines (or paragraphs) reuse the old text's segmentation.
  const units: UnitSentences = new Map();
  const oldSentences = oldVersion.sentences ?? segmentSentences(oldVersion.text, segmentation, { current: units });
  const newSentences = newVersion.sentences ?? segmentSentences(newVersion.text, segmentation, { earlier: units, current: new Map() });
  const oldSide = new Side(oldVersion.text, oldSentences);
  const newSide = new Side(newVersion.text, newSentences);
  return new Aligner(oldSide, newSide, limits).run();
}

class Aligner {
  private readonly n: number;
  private readonly m: number;
  private readonly oldToNew: Int32Array;
  private readonly newToOld: Int32Array;
  private readonly kinds: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly similarities: Float32Array;
  private readonly groupOf: Int32Array;
  /** Old sentences paired with a new one out of order (moved); they bound no gap. */
  private readonly outOfOrder: Uint8Array;
  private readonly groups: Group[] = [];
  private readonly tokens = new Tokens();
  private readonly oldTokens: (Int32Array | undefined)[];
  private readonly newTokens: (Int32Array | undefined)[];
  private exactWork = 0;
  private cellsLeft: number;

  constructor(
    private readonly old: Side,
    private readonly fresh: Side,
    private readonly limits: MapLimits,
  ) {
    this.n = old.count;
    this.m = fresh.count;
    this.oldToNew = new Int32Array(this.n).fill(-1);
    this.newToOld = new Int32Array(this.m).fill(-1);
    this.kinds = new Uint8Array(this.n);
    this.flags = new Uint8Array(this.n);
    this.similarities = new Float32Array(this.n);
    this.groupOf = new Int32Array(this.n).fill(-1);
    this.outOfOrder = new Uint8Array(this.n);
    this.oldTokens = new Array(this.n);
    this.newTokens = new Array(this.m);
    this.cellsLeft = limits.similarityCells;
  }

  run(): SentenceMap {
    this.alignExact();
    this.pairMoved();
    for (const gap of this.gaps()) this.alignGap(gap.olds, gap.news);
    this.pairMovedEdited();
    this.flagRepeatedTexts();
    return new SentenceMap(
      { text: this.old.text, sentences: this.old.sentences },
      { text: this.fresh.text, sentences: this.fresh.sentences },
      { target: this.oldToNew, kinds: this.kinds, flags: this.flags, similarities: this.similarities, groupOf: this.groupOf, groups: this.groups },
    );
  }

  private same(i: number, j: number): boolean {
    return this.old.raw(i) === this.fresh.raw(j) || (this.old.hash(i) === this.fresh.hash(j) && this.old.key(i) === this.fresh.key(j));
  }

  private link(i: number, j: number): void {
    this.oldToNew[i] = j;
    this.newToOld[j] = i;
    this.kinds[i] = Kind.Exact;
    this.similarities[i] = 1;
  }

  // -------------------------------------------------------------------------
  // Step 1: exact matches in order (patience-style), with an explicit stack.

  private alignExact(): void {
    const stack: [number, number, number, number][] = [[0, this.n, 0, this.m]];
    while (stack.length) {
      let [oLo, oHi, nLo, nHi] = stack.pop()!;
      while (oLo < oHi && nLo < nHi && this.same(oLo, nLo)) this.link(oLo++, nLo++);
      while (oLo < oHi && nLo < nHi && this.same(oHi - 1, nHi - 1)) this.link(--oHi, --nHi);
      if (oLo === oHi || nLo === nHi) continue;
      this.exactWork += oHi - oLo + (nHi - nLo);
      if (this.exactWork > this.limits.exactWork) continue;

      const counts = new Map<number, { o: number; oi: number; n: number; ni: number }>();
      for (let i = oLo; i < oHi; i++) {
        const key = this.old.hash(i);
        const entry = counts.get(key);
        if (entry) entry.o++;
        else counts.set(key, { o: 1, oi: i, n: 0, ni: -1 });
      }
      for (let j = nLo; j < nHi; j++) {
        const entry = counts.get(this.fresh.hash(j));
        if (entry) {
          entry.n++;
          entry.ni = j;
        }
      }
      const unique: [number, number][] = [];
      for (const entry of counts.values()) if (entry.o === 1 && entry.n === 1 && this.same(entry.oi, entry.ni)) unique.push([entry.oi, entry.ni]);
      if (unique.length) {
        unique.sort((a, b) => a[0] - b[0]);
        const anchors = longestIncreasing(unique);
        let prevO = oLo;
        let prevN = nLo;
        for (const [i, j] of anchors) {
          this.link(i, j);
          if (i > prevO && j > prevN) stack.push([prevO, i, prevN, j]);
          prevO = i + 1;
          prevN = j + 1;
        }
        if (oHi > prevO && nHi > prevN) stack.push([prevO, oHi, prevN, nHi]);
      } else if ((oHi - oLo) * (nHi - nLo) <= this.limits.lcsCells) {
        this.exactWork += (oHi - oLo) * (nHi - nLo);
        this.lcs(oLo, oHi, nLo, nHi);
      }
    }
  }

  /** Longest common subsequence of sentence texts in a gap where every text is repeated or absent from the other side. */
  private lcs(oLo: number, oHi: number, nLo: number, nHi: number): void {
    const p = oHi - oLo;
    const q = nHi - nLo;
    const width = q + 1;
    const table = new Int32Array((p + 1) * width);
    for (let i = p - 1; i >= 0; i--) {
      for (let j = q - 1; j >= 0; j--) {
        table[i * width + j] =
          this.old.hash(oLo + i) === this.fresh.hash(nLo + j) && this.same(oLo + i, nLo + j) ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < p && j < q) {
      if (this.old.hash(oLo + i) === this.fresh.hash(nLo + j) && this.same(oLo + i, nLo + j)) {
        this.link(oLo + i, nLo + j);
        i++;
        j++;
      } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) i++;
      else j++;
    }
  }

  /**
   * Texts left unpaired on both sides: sentences moved out of order (a
   * paragraph cut and pasted). A text unpaired once on each side is a sure
   * pair; copies of a repeated text pair up in order, as a guess.
   */
  private pairMoved(): void {
    const olds = new Map<number, number[]>();
    for (let i = 0; i < this.n; i++) {
      if (this.oldToNew[i] !== -1) continue;
      const key = this.old.hash(i);
      const list = olds.get(key);
      if (list) list.push(i);
      else olds.set(key, [i]);
    }
    if (!olds.size) return;
    const news = new Map<number, number[]>();
    for (let j = 0; j < this.m; j++) {
      if (this.newToOld[j] !== -1) continue;
      const key = this.fresh.hash(j);
      if (!olds.has(key)) continue;
      const list = news.get(key);
      if (list) list.push(j);
      else news.set(key, [j]);
    }
    for (const [key, newList] of news) {
      const oldList = olds.get(key)!;
      const sure = oldList.length === 1 && newList.length === 1;
      for (let k = 0; k < Math.min(oldList.length, newList.length); k++) {
        if (!this.same(oldList[k], newList[k])) continue;
        this.link(oldList[k], newList[k]);
        this.outOfOrder[oldList[k]] = 1;
        if (!sure) this.flags[oldList[k]] = Flag.RepeatedText;
      }
    }
  }

  /**
   * A sentence whose text occurs more than once is mapped for sure only by an
   * exact match, when the copies are as many before and after and the match
   * keeps both its neighbours (the sentences before and after it went to the
   * sentences before and after its new place, or it stays at an end of the
   * article): otherwise which copy is meant is a guess.
   */
  private flagRepeatedTexts(): void {
    // By hash: a collision could only flag a sure match as unsure, never the other way.
    const counts = new Map<number, number>();
    for (let i = 0; i < this.n; i++) {
      const key = this.old.hash(i);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const newCounts = new Map<number, number>();
    let repeated = counts.size < this.n;
    for (let j = 0; j < this.m; j++) {
      const key = this.fresh.hash(j);
      if (!counts.has(key)) continue;
      const count = (newCounts.get(key) ?? 0) + 1;
      if (count > 1) repeated = true;
      newCounts.set(key, count);
    }
    if (!repeated) return;
    for (let i = 0; i < this.n; i++) {
      if (this.kinds[i] === Kind.Deleted) continue;
      const key = this.old.hash(i);
      const inOld = counts.get(key)!;
      if (this.kinds[i] !== Kind.Exact) {
        // Edited, split or merged, and one of several copies: its words alone cannot tell which copy went where.
        if (inOld > 1) this.flags[i] = Flag.RepeatedText;
        continue;
      }
      const inNew = newCounts.get(key)!;
      if (inOld === 1 && inNew === 1) continue;
      const j = this.oldToNew[i];
      const keepsBefore = i === 0 ? j === 0 : j > 0 && this.oldToNew[i - 1] === j - 1;
      const keepsAfter = i === this.n - 1 ? j === this.m - 1 : j < this.m - 1 && this.oldToNew[i + 1] === j + 1;
      if (inOld !== inNew || !keepsBefore || !keepsAfter) this.flags[i] = Flag.RepeatedText;
    }
  }

  /** The runs of unpaired sentences between consecutive exact matches (sentences paired out of order are not in any gap). */
  private *gaps(): Generator<{ olds: number[]; news: number[] }> {
    let j = 0;
    let olds: number[] = [];
    for (let i = 0; i <= this.n; i++) {
      const target = i < this.n ? this.oldToNew[i] : this.m;
      if (i < this.n && target === -1) {
        olds.push(i);
        continue;
      }
      if (i < this.n && this.outOfOrder[i]) continue;
      const news: number[] = [];
      for (; j < target; j++) if (this.newToOld[j] === -1) news.push(j);
      if (olds.length) {
        if (news.length) yield { olds, news };
        else for (const o of olds) this.kinds[o] = Kind.Deleted;
      }
      olds = [];
      j = target + 1;
    }
  }

  // -------------------------------------------------------------------------
  // Step 3: a sentence both moved out of order and edited.

  /**
   * Old sentences still unpaired and new sentences still unpaired, paired
   * when each is the other's most similar (by shared uncommon words) and
   * similar enough. Sure only when very similar and without a close rival.
   */
  private pairMovedEdited(): void {
    const olds: number[] = [];
    const news: number[] = [];
    for (let i = 0; i < this.n; i++) if (this.oldToNew[i] === -1 && this.flags[i] !== Flag.Budget) olds.push(i);
    if (!olds.length) return;
    for (let j = 0; j < this.m; j++) if (this.newToOld[j] === -1) news.push(j);
    if (!news.length) return;
    let cost = 0;
    for (const j of news) cost += this.newBag(j).length;
    for (const i of olds) cost += this.oldBag(i).length * (COMMON_WORD + 1);
    if (cost > this.cellsLeft) return;
    this.cellsLeft -= cost;

    const postings = new Map<number, number[]>();
    for (let c = 0; c < news.length; c++) {
      for (const token of new Set(this.newBag(news[c]))) {
        const list = postings.get(token);
        if (!list) postings.set(token, [c]);
        else if (list.length <= COMMON_WORD) list.push(c);
      }
    }
    const best = olds.map(() => ({ c: -1, similarity: 0, second: 0 }));
    const bestOld = news.map(() => ({ a: -1, similarity: 0, second: 0 }));
    const shared = new Map<number, number>();
    for (let a = 0; a < olds.length; a++) {
      shared.clear();
      for (const token of new Set(this.oldBag(olds[a]))) {
        const list = postings.get(token);
        if (!list || list.length > COMMON_WORD) continue;
        for (const c of list) shared.set(c, (shared.get(c) ?? 0) + 1);
      }
      const candidates = [...shared].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, 4);
      for (const [c] of candidates) {
        const oldBag = this.oldBag(olds[a]);
        const newBag = this.newBag(news[c]);
        const similarity = (2 * sharedSorted(oldBag, newBag)) / (oldBag.length + newBag.length);
        const mine = best[a];
        if (similarity > mine.similarity) [mine.second, mine.similarity, mine.c] = [mine.similarity, similarity, c];
        else if (similarity > mine.second) mine.second = similarity;
        const theirs = bestOld[c];
        if (similarity > theirs.similarity) [theirs.second, theirs.similarity, theirs.a] = [theirs.similarity, similarity, a];
        else if (similarity > theirs.second) theirs.second = similarity;
      }
    }
    for (let a = 0; a < olds.length; a++) {
      const { c, similarity, second } = best[a];
      if (c < 0 || bestOld[c].a !== a || similarity < UNAMBIGUOUS_SIMILARITY) continue;
      const o = olds[a];
      const n = news[c];
      this.oldToNew[o] = n;
      this.newToOld[n] = o;
      this.outOfOrder[o] = 1;
      if (this.same(o, n)) {
        // A copy of a repeated text (the copies left over on one side): which one is a guess.
        this.kinds[o] = Kind.Exact;
        this.similarities[o] = 1;
        this.flags[o] = Flag.RepeatedText;
        continue;
      }
      const split = this.movedSplit(o, n, similarity);
      if (split) {
        const id = this.groups.push({ olds: [o], newFrom: split.from, newTo: split.to }) - 1;
        for (let k = split.from; k < split.to; k++) this.newToOld[k] = o;
        this.oldToNew[o] = split.from;
        this.kinds[o] = Kind.Split;
        this.groupOf[o] = id;
        this.similarities[o] = split.similarity;
        if (split.similarity < MOVED_EDIT_SIMILARITY) this.flags[o] = Flag.Weak;
        continue;
      }
      this.kinds[o] = Kind.Edited;
      this.similarities[o] = similarity;
      if (similarity < MOVED_EDIT_SIMILARITY) this.flags[o] = Flag.Weak;
      else if (second > similarity - RIVAL_MARGIN || bestOld[c].second > similarity - RIVAL_MARGIN) this.flags[o] = Flag.Rival;
    }
    // Sentences merged into one of these: the same rule as inside a gap, over the whole article.
    this.absorbDeleted(range(0, this.n));
  }

  /**
   * Old sentence `o`, moved and paired with new sentence `n`: was it split,
   * `n` being one part and unpaired new sentences beside it the others? The
   * best grouping (by the gap programme's score) if it beats the pair.
   */
  private movedSplit(o: number, n: number, pairSimilarity: number): { from: number; to: number; similarity: number } | undefined {
    const oldBag = this.oldBag(o);
    const score = (size: number, similarity: number, parts: number) => size * (similarity - EDIT_SIMILARITY) - GROUP_COST * (parts - 1);
    let best: { from: number; to: number; similarity: number } | undefined;
    let bestScore = score(oldBag.length + this.newBag(n).length, pairSimilarity, 1);
    for (let from = n - MAX_GROUP + 1; from <= n; from++) {
      for (let to = n + 1; to <= from + MAX_GROUP; to++) {
        if (to - from < 2 || from < 0 || to > this.m) continue;
        let usable = true;
        let size = oldBag.length;
        const bags: Int32Array[] = [];
        for (let k = from; k < to && usable; k++) {
          const bag = this.newBag(k);
          usable = (k === n || this.newToOld[k] === -1) && sharedSorted(oldBag, bag) >= MEMBER_SHARE * bag.length && bag.length > 0;
          size += bag.length;
          bags.push(bag);
        }
        if (!usable) continue;
        const similarity = (2 * this.tokens.shared([oldBag], bags)) / size;
        if (similarity >= EDIT_SIMILARITY && score(size, similarity, to - from) > bestScore) {
          bestScore = score(size, similarity, to - from);
          best = { from, to, similarity };
        }
      }
    }
    return best;
  }

  // -------------------------------------------------------------------------
  // Step 2: edited, split and merged sentences inside a gap.

  private oldBag(i: number): Int32Array {
    return (this.oldTokens[i] ??= this.tokens.of(this.old.raw(i)));
  }

  private newBag(j: number): Int32Array {
    return (this.newTokens[j] ??= this.tokens.of(this.fresh.raw(j)));
  }

  /** Dice similarity of the joined old sentences olds[a..b) and new sentences news[c..d), or -1 if the group is not contiguous. */
  private similarity(olds: readonly number[], a: number, b: number, news: readonly number[], c: number, d: number): number {
    if (olds[b - 1] - olds[a] !== b - a - 1 || news[d - 1] - news[c] !== d - c - 1) return -1;
    let oldTotal = 0;
    let newTotal = 0;
    for (let k = a; k < b; k++) oldTotal += this.oldBag(olds[k]).length;
    for (let k = c; k < d; k++) newTotal += this.newBag(news[k]).length;
    const total = oldTotal + newTotal;
    if (!total) return 0;
    // Even a perfect overlap of the shorter side cannot reach the threshold: skip the count.
    if ((2 * Math.min(oldTotal, newTotal)) / total < EDIT_SIMILARITY) return 0;
    if (b - a === 1 && d - c === 1) return (2 * sharedSorted(this.oldBag(olds[a]), this.newBag(news[c]))) / total;
    const tokens = this.tokens;
    for (let k = a; k < b; k++) tokens.add(this.oldBag(olds[k]));
    let shared = 0;
    for (let k = c; k < d; k++) shared += tokens.take(this.newBag(news[k]));
    for (let k = a; k < b; k++) tokens.clear(this.oldBag(olds[k]));
    return (2 * shared) / total;
  }

  private groupScore(olds: readonly number[], a: number, b: number, news: readonly number[], c: number, d: number): { score: number; similarity: number } | undefined {
    const similarity = this.similarity(olds, a, b, news, c, d);
    if (similarity < EDIT_SIMILARITY) return undefined;
    let size = 0;
    for (let k = a; k < b; k++) size += this.oldBag(olds[k]).length;
    for (let k = c; k < d; k++) size += this.newBag(news[k]).length;
    // Tokens explained minus tokens left over: a split beats an edit that leaves its second part unexplained.
    return { score: size * (similarity - EDIT_SIMILARITY), similarity };
  }

  private alignGap(olds: number[], news: number[]): void {
    const p = olds.length;
    const q = news.length;
    const band = this.bandOf(olds, news);
    if (!band) {
      for (const o of olds) {
        this.kinds[o] = Kind.Deleted;
        this.flags[o] = Flag.Budget;
      }
      return;
    }
    const { lo, hi, base, size } = band;
    const at = (i: number, j: number) => (i < 0 || j < lo[i] || j > hi[i] ? -1 : base[i] + j - lo[i]);
    const oldLength = olds.map((o) => this.oldBag(o).length);
    const newLength = news.map((n) => this.newBag(n).length);
    // Words shared by old a and new c, cached in the band (cell (a + 1, c + 1): where the pair ends).
    const sharedCache = new Int32Array(size).fill(-1);
    const pairShared = (a: number, c: number) => {
      const cell = at(a + 1, c + 1);
      if (cell < 0) return sharedSorted(this.oldBag(olds[a]), this.newBag(news[c]));
      if (sharedCache[cell] < 0) sharedCache[cell] = sharedSorted(this.oldBag(olds[a]), this.newBag(news[c]));
      return sharedCache[cell];
    };
    /** The gain of pairing olds[i-k, i) with news[j-l, j), or -1 when they are not similar enough. */
    const gain = (i: number, j: number, k: number, l: number): number => {
      if (k === 1 && l === 1) {
        const total = oldLength[i - 1] + newLength[j - 1];
        if (!total) return -1;
        const similarity = (2 * pairShared(i - 1, j - 1)) / total;
        return similarity < EDIT_SIMILARITY ? -1 : total * (similarity - EDIT_SIMILARITY);
      }
      if (olds[i - 1] - olds[i - k] !== k - 1 || news[j - 1] - news[j - l] !== l - 1) return -1;
      let bound = 0;
      let oldTotal = 0;
      let newTotal = 0;
      for (let a = i - k; a < i; a++) oldTotal += oldLength[a];
      for (let c = j - l; c < j; c++) newTotal += newLength[c];
      // A group is one old with several new, or several old with one new. Each member of the several
      // must have most of its words in the single one; their shared words sum to a bound of the group's.
      for (let a = i - k; a < i; a++) {
        for (let c = j - l; c < j; c++) {
          const shared = pairShared(a, c);
          if (!shared || shared < MEMBER_SHARE * (k > 1 ? oldLength[a] : newLength[c])) return -1;
          bound += shared;
        }
      }
      const total = oldTotal + newTotal;
      if ((2 * Math.min(bound, oldTotal, newTotal)) / total < EDIT_SIMILARITY) return -1;
      const similarity = this.similarity(olds, i - k, i, news, j - l, j);
      // Each extra sentence in a group costs a word: on a tie, the simpler story (an edit and an insert) wins.
      return similarity < EDIT_SIMILARITY ? -1 : total * (similarity - EDIT_SIMILARITY) - GROUP_COST * (k + l - 2);
    };

    const score = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
    // Move into a cell: 1 = old deleted, 2 = new inserted, 10·k + l = k old sentences with l new ones.
    const move = new Uint8Array(size);
    score[at(0, 0)] = 0;
    for (let i = 0; i <= p; i++) {
      for (let j = lo[i]; j <= hi[i]; j++) {
        if (i === 0 && j === 0) continue;
        let best = Number.NEGATIVE_INFINITY;
        let how = 0;
        if (i > 0 && j > 0) {
          // Groups first, so a tie goes to pairing rather than to delete + insert.
          for (let k = 1; k <= MAX_GROUP && k <= i; k++) {
            for (let l = 1; l <= MAX_GROUP && l <= j; l++) {
              if (k > 1 && l > 1) continue;
              const from = at(i - k, j - l);
              if (from < 0 || score[from] === Number.NEGATIVE_INFINITY) continue;
              const g = gain(i, j, k, l);
              if (g >= 0 && score[from] + g > best) {
                best = score[from] + g;
                how = 10 * k + l;
              }
            }
          }
        }
        if (i > 0) {
          const from = at(i - 1, j);
          if (from >= 0 && score[from] > best) {
            best = score[from];
            how = 1;
          }
        }
        if (j > 0) {
          const from = at(i, j - 1);
          if (from >= 0 && score[from] > best) {
            best = score[from];
            how = 2;
          }
        }
        const cell = base[i] + j - lo[i];
        score[cell] = best;
        move[cell] = how;
      }
    }

    // Trace back the best alignment.
    const paired: { a: number; b: number; c: number; d: number }[] = [];
    let i = p;
    let j = q;
    while (i > 0 || j > 0) {
      const how = move[at(i, j)];
      if (how === 1) i--;
      else if (how === 2) j--;
      else {
        const k = Math.floor(how / 10);
        const l = how % 10;
        paired.push({ a: i - k, b: i, c: j - l, d: j });
        i -= k;
        j -= l;
      }
    }
    for (const o of olds) if (this.oldToNew[o] === -1) this.kinds[o] = Kind.Deleted;
    for (const { a, b, c, d } of paired) this.record(olds, news, a, b, c, d);
    this.absorbDeleted(olds);
  }

  /** True when old sentence `o` has nearly all its words in new sentence `n`. */
  private contained(o: number, n: number): boolean {
    const bag = this.oldBag(o);
    return sharedSorted(bag, this.newBag(n)) >= CONTAINED * bag.length;
  }

  /**
   * A deleted sentence whose words are nearly all in the new sentence its
   * neighbour was edited or merged into joins that merge: two sentences
   * merged across a deleted one, or merged with a heavy edit.
   */
  private absorbDeleted(olds: readonly number[]): void {
    for (let a = 0; a < olds.length; a++) {
      const o = olds[a];
      if (this.kinds[o] !== Kind.Deleted || this.flags[o] === Flag.Budget) continue;
      const bag = this.oldBag(o);
      if (!bag.length) continue;
      for (const step of [-1, 1]) {
        let b = a + step;
        while (b >= 0 && b < olds.length && this.kinds[olds[b]] === Kind.Deleted) b += step;
        if (b < 0 || b >= olds.length) continue;
        const neighbour = olds[b];
        const kind = this.kinds[neighbour];
        if (kind !== Kind.Edited && kind !== Kind.Merged) continue;
        const target = this.oldToNew[neighbour];
        const targetBag = this.newBag(target);
        if (!this.contained(o, target)) continue;
        const present = kind === Kind.Merged ? this.groups[this.groupOf[neighbour]].olds : [neighbour];
        const members = [...present, o].sort((x, y) => x - y);
        const bags = members.map((m) => this.oldBag(m));
        const shared = this.tokens.shared(bags, [targetBag]);
        // Its words must be in the new sentence beyond those the sentences already there account for.
        if (
          shared -
            this.tokens.shared(
              present.map((m) => this.oldBag(m)),
              [targetBag],
            ) <
          CONTAINED * bag.length
        )
          continue;
        const similarity = (2 * shared) / bags.reduce((sum, x) => sum + x.length, targetBag.length);
        if (similarity < this.similarities[neighbour]) continue;
        const id = this.groups.push({ olds: members, newFrom: target, newTo: target + 1 }) - 1;
        for (const m of members) {
          this.oldToNew[m] = target;
          this.kinds[m] = Kind.Merged;
          this.similarities[m] = similarity;
          this.groupOf[m] = id;
          this.flags[m] = similarity < UNAMBIGUOUS_SIMILARITY || !this.contained(m, target) ? Flag.Weak : Flag.None;
        }
        break;
      }
    }
  }

  private record(olds: readonly number[], news: readonly number[], a: number, b: number, c: number, d: number): void {
    const similarity = this.similarity(olds, a, b, news, c, d);
    const weak = similarity < UNAMBIGUOUS_SIMILARITY;
    if (b - a === 1 && d - c === 1) {
      const o = olds[a];
      const n = news[c];
      this.oldToNew[o] = n;
      this.newToOld[n] = o;
      this.similarities[o] = similarity;
      if (this.same(o, n)) {
        // Equal texts the exact step left (over its budget): still an exact match.
        this.kinds[o] = Kind.Exact;
        this.similarities[o] = 1;
        return;
      }
      this.kinds[o] = Kind.Edited;
      if (weak) this.flags[o] = Flag.Weak;
      else if (this.rival(olds, news, a, c, similarity)) this.flags[o] = Flag.Rival;
      return;
    }
    const group: Group = { olds: olds.slice(a, b), newFrom: news[c], newTo: news[d - 1] + 1 };
    const id = this.groups.push(group) - 1;
    for (let k = a; k < b; k++) {
      const o = olds[k];
      this.oldToNew[o] = group.newFrom;
      this.kinds[o] = b - a > 1 ? Kind.Merged : Kind.Split;
      this.similarities[o] = similarity;
      this.groupOf[o] = id;
      if (weak || (b - a > 1 && !this.contained(o, group.newFrom))) this.flags[o] = Flag.Weak;
    }
    for (let k = c; k < d; k++) this.newToOld[news[k]] = olds[a];
  }

  /** True when another new sentence near the pair (or another old one) is nearly as similar. */
  private rival(olds: readonly number[], news: readonly number[], a: number, c: number, similarity: number): boolean {
    const reach = 3;
    for (let l = Math.max(0, c - reach); l < Math.min(news.length, c + reach + 1); l++) {
      if (l !== c && this.similarity(olds, a, a + 1, news, l, l + 1) > similarity - RIVAL_MARGIN) return true;
    }
    for (let k = Math.max(0, a - reach); k < Math.min(olds.length, a + reach + 1); k++) {
      if (k !== a && this.similarity(olds, k, k + 1, news, c, c + 1) > similarity - RIVAL_MARGIN) return true;
    }
    return false;
  }

  /**
   * The cells of the gap's programme: all of them for a small gap; for a
   * large one, a band around a path through confident pairs found by shared
   * rare words. Undefined once the budget is spent.
   */
  private bandOf(olds: readonly number[], news: readonly number[]): { lo: Int32Array; hi: Int32Array; base: Int32Array; size: number } | undefined {
    const p = olds.length;
    const q = news.length;
    const lo = new Int32Array(p + 1);
    const hi = new Int32Array(p + 1);
    if ((p + 1) * (q + 1) <= this.limits.fullGapCells) {
      hi.fill(q);
    } else if (p * (2 * this.limits.band + 1) + q > this.cellsLeft) {
      return undefined;
    } else {
      const guide = this.guide(olds, news);
      const w = this.limits.band;
      for (let i = 0; i <= p; i++) {
        lo[i] = Math.max(0, Math.floor(guide(i)) - w);
        hi[i] = Math.min(q, Math.ceil(guide(i + 1)) + w);
      }
      lo[0] = 0;
      hi[p] = q;
    }
    const base = new Int32Array(p + 1);
    let size = 0;
    for (let i = 0; i <= p; i++) {
      base[i] = size;
      size += hi[i] - lo[i] + 1;
    }
    if (size > this.cellsLeft) return undefined;
    this.cellsLeft -= size;
    return { lo, hi, base, size };
  }

  /**
   * A monotone path through the large gap: pairs of an old and a new sentence
   * that are each other's best match by shared uncommon words, and similar
   * enough, kept in order; linear between them.
   */
  private guide(olds: readonly number[], news: readonly number[]): (i: number) => number {
    const p = olds.length;
    const q = news.length;
    const postings = new Map<number, number[]>();
    for (let c = 0; c < q; c++) {
      for (const token of new Set(this.newBag(news[c]))) {
        const list = postings.get(token);
        if (!list) postings.set(token, [c]);
        else if (list.length <= COMMON_WORD) list.push(c);
      }
    }
    const bestNewOf = new Int32Array(p).fill(-1);
    const bestOldOf = new Int32Array(q).fill(-1);
    const bestNewScore = new Float64Array(p);
    const bestOldScore = new Float64Array(q);
    const shared = new Map<number, number>();
    for (let a = 0; a < p; a++) {
      shared.clear();
      for (const token of new Set(this.oldBag(olds[a]))) {
        const list = postings.get(token);
        if (!list || list.length > COMMON_WORD) continue; // too common to tell sentences apart
        for (const c of list) shared.set(c, (shared.get(c) ?? 0) + 1);
      }
      const candidates = [...shared].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, 3);
      for (const [c] of candidates) {
        const similarity = this.similarity(olds, a, a + 1, news, c, c + 1);
        if (similarity < UNAMBIGUOUS_SIMILARITY) continue;
        if (similarity > bestNewScore[a]) {
          bestNewScore[a] = similarity;
          bestNewOf[a] = c;
        }
        if (similarity > bestOldScore[c]) {
          bestOldScore[c] = similarity;
          bestOldOf[c] = a;
        }
      }
    }
    const pairs: [number, number][] = [];
    for (let a = 0; a < p; a++) if (bestNewOf[a] >= 0 && bestOldOf[bestNewOf[a]] === a) pairs.push([a, bestNewOf[a]]);
    const path = [[0, 0] as [number, number], ...longestIncreasing(pairs).map(([a, c]) => [a + 0.5, c + 0.5] as [number, number]), [p + 1, q] as [number, number]];
    let segment = 0;
    return (i: number) => {
      if (i <= 0) return 0;
      if (i >= p + 1) return q;
      while (segment > 0 && path[segment][0] > i) segment--;
      while (segment + 1 < path.length - 1 && path[segment + 1][0] <= i) segment++;
      const [x0, y0] = path[segment];
      const [x1, y1] = path[segment + 1];
      return x1 === x0 ? y1 : y0 + ((i - x0) * (y1 - y0)) / (x1 - x0);
    };
  }
}

/** The longest run of pairs (sorted by their first element) whose second elements increase: patience sorting, O(k log k). */
function longestIncreasing(pairs: readonly [number, number][]): [number, number][] {
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length);
  for (let k = 0; k < pairs.length; k++) {
    const value = pairs[k][1];
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (pairs[tails[mid]][1] < value) low = mid + 1;
      else high = mid;
    }
    previous[k] = low > 0 ? tails[low - 1] : -1;
    tails[low] = k;
  }
  const result: [number, number][] = [];
  for (let k = tails.length ? tails[tails.length - 1] : -1; k !== -1; k = previous[k]) result.push(pairs[k]);
  return result.reverse();
}
