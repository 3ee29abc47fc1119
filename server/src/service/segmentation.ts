/**
 * Article text → numbered sentences with exact UTF-16 offsets.
 *
 * The rules (documented in docs/sentences.md) are the contract every
 * annotation's `sentence: N` depends on, so they are deliberately simple:
 *  1. A blank line (only white space) ends a paragraph and so a sentence.
 *  2. By default every line break ends a sentence. In hard-wrapped mode a
 *     single line break inside a paragraph is read as a space.
 *  3. Inside a line (or a hard-wrapped paragraph) boundaries are those of
 *     Unicode sentence segmentation (UAX #29 via Intl.Segmenter, locale `en`),
 *     except that no boundary falls after a known abbreviation or initial.
 *  4. A sentence is its segment without leading and trailing white space; a
 *     segment with no visible character is not a sentence.
 */

export interface SegmentationOptions {
  /** Read a single line break inside a paragraph as a space. */
  readonly hardWrapped?: boolean;
  /** Extra abbreviations from the codebook, e.g. `Amb.`; the final period is optional. */
  readonly abbreviations?: readonly string[];
}

export interface SentenceSpan {
  /** 1-based sentence number. */
  readonly n: number;
  /** UTF-16 offset of the first character. */
  readonly start: number;
  /** UTF-16 offset just past the last character. */
  readonly end: number;
}

/** Titles and short forms after which a period never ends a sentence. */
export const BUILT_IN_ABBREVIATIONS: readonly string[] = [
  'Mr.',
  'Mrs.',
  'Ms.',
  'Dr.',
  'Prof.',
  'St.',
  'Gen.',
  'Col.',
  'Lt.',
  'Sen.',
  'Rep.',
  'Gov.',
  'Pres.',
  'vs.',
  'No.',
  'Jan.',
  'Feb.',
  'Mar.',
  'Apr.',
  'Jun.',
  'Jul.',
  'Aug.',
  'Sep.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
];

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

const LINE_BREAK = /\r\n|\r|\n/g;
const VISIBLE = /[^\s\p{Cf}]/u;
const LEADING_OPENERS = /^[\p{Ps}\p{Pi}"'`*_]+/u;
const DOTTED_ABBREVIATION = /^(?:\p{Lu}\.){2,}$/u;
const SINGLE_INITIAL = /^\p{Lu}\.$/u;
const STARTS_LOWER_CASE = /^[\s\p{Ps}\p{Pi}"']*\p{Ll}/u;

/** A stretch of text segmented on its own: a line, or a hard-wrapped paragraph. */
interface Unit {
  start: number;
  end: number;
}

/**
 * The sentences of each unit (line or wrapped paragraph) by its text, as
 * start/end pairs relative to the unit. A unit is segmented on its own, so an
 * edited article re-segments only the units whose text changed.
 */
export type UnitSentences = Map<string, readonly number[]>;

export interface SegmentationMemo {
  /** Units of the earlier text of the article. */
  readonly earlier?: ReadonlyMap<string, readonly number[]>;
  /** Filled with the units of this text (for the next edit). */
  readonly current: UnitSentences;
}

export function segmentSentences(text: string, options: SegmentationOptions = {}, memo?: SegmentationMemo): SentenceSpan[] {
  const abbreviations = abbreviationSet(options.abbreviations);
  const sentences: SentenceSpan[] = [];
  for (const unit of units(text, options.hardWrapped === true)) {
    let unitText = text.slice(unit.start, unit.end);
    // Intl.Segmenter always breaks at a line break, so a wrapped paragraph is
    // segmented with its breaks read as spaces (same length: offsets stay put).
    if (options.hardWrapped) unitText = unitText.replace(/[\r\n]/g, ' ');
    let pieces = memo?.earlier?.get(unitText) ?? memo?.current.get(unitText);
    if (!pieces) {
      const found: number[] = [];
      for (const piece of joinedSegments(unitText, abbreviations)) {
        const trimmed = trimSpan(unitText, piece.start, piece.end);
        if (trimmed) found.push(trimmed.start, trimmed.end);
      }
      pieces = found;
    }
    memo?.current.set(unitText, pieces);
    for (let i = 0; i < pieces.length; i += 2) sentences.push({ n: sentences.length + 1, start: unit.start + pieces[i], end: unit.start + pieces[i + 1] });
  }
  return sentences;
}

function abbreviationSet(extra: readonly string[] | undefined): Set<string> {
  const set = new Set(BUILT_IN_ABBREVIATIONS);
  for (const item of extra ?? []) {
    const word = item.trim();
    if (word) set.add(word.endsWith('.') ? word : `${word}.`);
  }
  return set;
}

function* units(text: string, hardWrapped: boolean): Generator<Unit> {
  let paragraph: Unit | undefined;
  let lineStart = 0;
  const lines: Unit[] = [];
  LINE_BREAK.lastIndex = 0;
  for (let match = LINE_BREAK.exec(text); match; match = LINE_BREAK.exec(text)) {
    lines.push({ start: lineStart, end: match.index });
    lineStart = match.index + match[0].length;
  }
  lines.push({ start: lineStart, end: text.length });

  for (const line of lines) {
    const blank = /^\s*$/.test(text.slice(line.start, line.end));
    if (!hardWrapped) {
      if (!blank) yield line;
      continue;
    }
    if (blank) {
      if (paragraph) yield paragraph;
      paragraph = undefined;
    } else if (paragraph) {
      paragraph.end = line.end;
    } else {
      paragraph = { start: line.start, end: line.end };
    }
  }
  if (paragraph) yield paragraph;
}

/** Intl.Segmenter's segments, with those that end in an abbreviation joined to the next. */
function joinedSegments(unitText: string, abbreviations: ReadonlySet<string>): Unit[] {
  const pieces: Unit[] = [];
  let current: Unit | undefined;
  for (const segment of sentenceSegments(unitText)) {
    const next = { start: segment.index, end: segment.index + segment.segment.length };
    if (current) {
      // Closing marks glued to the end of a sentence (`.**`, `.*`, `.[2]`, `.)`) belong to it,
      // although Unicode segmentation breaks before them.
      const glued = gluedPrefixLength(unitText, current, next);
      current.end += glued;
      next.start += glued;
    }
    if (current && (next.start >= next.end || endsWithAbbreviation(unitText.slice(current.start, current.end), unitText.slice(next.start, next.end), abbreviations))) {
      current.end = next.end;
    } else {
      if (current) pieces.push(current);
      current = next;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Units longer than twice this are segmented in windows of it (V8's sentence segmenter takes quadratic time). */
const SEGMENT_WINDOW = 4096;

/** Letters and paragraph separators: after one of them, no sentence rule looks further ahead (UAX #29 SB8). */
const LOOKAHEAD_STOP = /[\p{Lu}\p{Ll}\p{Lo}\r\n\u0085\u2028\u2029]/u;

/**
 * Intl.Segmenter's sentence segments of a text. A long text is segmented in
 * windows, with the same result: each window keeps only the boundaries that
 * a letter or paragraph separator follows inside it (so the one rule with an
 * unbounded lookahead, SB8, decides them as in the whole text) and the next
 * window starts at the last of them (no rule looks back across a boundary).
 */
export function sentenceSegments(text: string, window = SEGMENT_WINDOW): { index: number; segment: string }[] {
  if (text.length <= 2 * window) return Array.from(sentenceSegmenter.segment(text), ({ index, segment }) => ({ index, segment }));
  const result: { index: number; segment: string }[] = [];
  let start = 0;
  let size = window;
  while (start < text.length) {
    const end = Math.min(text.length, start + size);
    const part = text.slice(start, end);
    const segments = Array.from(sentenceSegmenter.segment(part));
    let keep = segments.length;
    if (end < text.length) {
      keep = segments.length - 1;
      let checkedFrom = part.length;
      while (keep > 0 && !LOOKAHEAD_STOP.test(part.slice(segments[keep].index, checkedFrom))) {
        checkedFrom = segments[keep].index;
        keep--;
      }
      if (keep === 0) {
        size *= 2; // no safe boundary in this window: look at more text
        continue;
      }
    }
    for (let i = 0; i < keep; i++) result.push({ index: start + segments[i].index, segment: segments[i].segment });
    start = keep < segments.length ? start + segments[keep].index : end;
    size = window;
  }
  return result;
}

/** Footnote markers and closing emphasis or brackets that directly follow a sentence's end, with no space. */
const GLUED_CLOSERS = /^(?:[*_\])]+|\d{1,3}\]|\[\d{1,3}\])+/u;

function gluedPrefixLength(text: string, current: Unit, next: Unit): number {
  if (current.end <= current.start || /\s/.test(text[current.end - 1])) return 0;
  const match = GLUED_CLOSERS.exec(text.slice(next.start, next.end));
  if (!match) return 0;
  // `proportion.[` + `3]`: the opening bracket already ended the previous piece.
  if (/^\d/.test(match[0]) && text[current.end - 1] !== '[') return 0;
  return match[0].length;
}

/** The last run of non-space characters (a backward scan: a regex anchored at the end is slow on long pieces). */
function lastToken(piece: string): string {
  let end = piece.length;
  while (end > 0 && /\s/.test(piece[end - 1])) end--;
  let start = end;
  while (start > 0 && !/\s/.test(piece[start - 1])) start--;
  return piece.slice(start, end);
}

function endsWithAbbreviation(piece: string, following: string, abbreviations: ReadonlySet<string>): boolean {
  if (!piece.trimEnd().endsWith('.')) return false;
  const lastTokenText = lastToken(piece);
  if (!lastTokenText) return false;
  const lastTokenValue = lastTokenText;
  const token = lastTokenValue.replace(LEADING_OPENERS, '');
  if (!token.endsWith('.')) return false;
  if (abbreviations.has(token)) return true;
  const lower = token.toLowerCase();
  if (lower === 'i.e.' || lower === 'e.g.') return true;
  if (lower === 'etc.') return STARTS_LOWER_CASE.test(following);
  return DOTTED_ABBREVIATION.test(token) || SINGLE_INITIAL.test(token);
}

function trimSpan(text: string, start: number, end: number): Unit | undefined {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (s >= e || !VISIBLE.test(text.slice(s, e))) return undefined;
  return { start: s, end: e };
}

/** Index of the sentence containing `offset` (or the nearest one before it), by binary search. */
export function sentenceIndexAt(sentences: readonly SentenceSpan[], offset: number): number {
  let low = 0;
  let high = sentences.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sentences[mid].start <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
