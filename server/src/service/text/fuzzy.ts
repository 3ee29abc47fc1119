import { foldChar } from './quoteMatch';

/**
 * Approximate substring matching (Sellers' algorithm): the place in `text`
 * where `pattern` fits with the fewest character edits. Used to tell an
 * analyst which sentence a quote that is not found was probably taken from,
 * and what changed.
 */

export interface ApproximateMatch {
  /** Edits (insertions, deletions, substitutions) needed. */
  readonly distance: number;
  /** Matched region of `text`. */
  readonly start: number;
  readonly end: number;
  /** Regions that differ: `pattern[patternStart, patternEnd)` stands where the text has `text[textStart, textEnd)`. */
  readonly differences: readonly Difference[];
}

export interface Difference {
  readonly patternStart: number;
  readonly patternEnd: number;
  readonly textStart: number;
  readonly textEnd: number;
}

/** Compare folded text: quote marks alike, white space runs alike. */
function folded(text: string, start: number, end: number): { chars: string[]; offsets: number[] } {
  const chars: string[] = [];
  const offsets: number[] = [];
  let lastSpace = false;
  for (let i = start; i < end; i++) {
    const ch = foldChar(text[i]);
    if (ch === ' ') {
      if (lastSpace) continue;
      lastSpace = true;
    } else {
      lastSpace = false;
    }
    chars.push(ch);
    offsets.push(i);
  }
  offsets.push(end);
  return { chars, offsets };
}

/** Cells the dynamic programme may fill before it gives up (keeps diagnostics bounded). */
export const MAX_ALIGNMENT_CELLS = 4_000_000;

export function approximateMatch(pattern: string, text: string, textStart = 0, textEnd = text.length): ApproximateMatch | undefined {
  const p = folded(pattern, 0, pattern.length);
  const t = folded(text, textStart, textEnd);
  const m = p.chars.length;
  const n = t.chars.length;
  if (m === 0 || n === 0 || (m + 1) * (n + 1) > MAX_ALIGNMENT_CELLS) return undefined;
  const width = n + 1;
  const cost = new Uint32Array((m + 1) * width);
  for (let i = 1; i <= m; i++) cost[i * width] = i;
  for (let i = 1; i <= m; i++) {
    const pc = p.chars[i - 1];
    const row = i * width;
    const prevRow = row - width;
    for (let j = 1; j <= n; j++) {
      const substitution = cost[prevRow + j - 1] + (pc === t.chars[j - 1] ? 0 : 1);
      const deletion = cost[prevRow + j] + 1;
      const insertion = cost[row + j - 1] + 1;
      cost[row + j] = Math.min(substitution, deletion, insertion);
    }
  }
  let bestEnd = 0;
  for (let j = 1; j <= n; j++) if (cost[m * width + j] < cost[m * width + bestEnd]) bestEnd = j;
  const distance = cost[m * width + bestEnd];

  // Trace back to the start of the match and collect the differing runs.
  const differences: Difference[] = [];
  let i = m;
  let j = bestEnd;
  let run: { pe: number; te: number; ps: number; ts: number } | undefined;
  const closeRun = () => {
    if (run) differences.push({ patternStart: p.offsets[run.ps], patternEnd: p.offsets[run.pe], textStart: t.offsets[run.ts], textEnd: t.offsets[run.te] });
    run = undefined;
  };
  while (i > 0) {
    const here = cost[i * width + j];
    if (j > 0 && here === cost[(i - 1) * width + j - 1] + (p.chars[i - 1] === t.chars[j - 1] ? 0 : 1)) {
      if (p.chars[i - 1] === t.chars[j - 1]) closeRun();
      else {
        run ??= { pe: i, te: j, ps: i, ts: j };
        run.ps = i - 1;
        run.ts = j - 1;
      }
      i--;
      j--;
    } else if (here === cost[(i - 1) * width + j] + 1) {
      run ??= { pe: i, te: j, ps: i, ts: j };
      run.ps = i - 1;
      run.ts = j;
      i--;
    } else {
      run ??= { pe: i, te: j, ps: i, ts: j };
      run.ps = i;
      run.ts = j - 1;
      j--;
    }
  }
  closeRun();
  differences.reverse();
  return { distance, start: snapStart(text, t.offsets[j]), end: snapEnd(text, t.offsets[bestEnd]), differences };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Never start a range between the two halves of a surrogate pair. */
export function snapStart(text: string, offset: number): number {
  return offset > 0 && isLowSurrogate(text.charCodeAt(offset)) ? offset - 1 : offset;
}

/** Never end a range between the two halves of a surrogate pair. */
export function snapEnd(text: string, offset: number): number {
  return offset > 0 && offset < text.length && isLowSurrogate(text.charCodeAt(offset)) ? offset + 1 : offset;
}

/** Widens a region to whole words so a difference reads naturally ("high level" vs "high-level"). */
export function widenToWords(text: string, start: number, end: number, limitStart = 0, limitEnd = text.length): { start: number; end: number } {
  const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}'’-]/u.test(ch);
  let s = start;
  let e = end;
  while (s > limitStart && isWord(text[s - 1])) s--;
  while (e < limitEnd && isWord(text[e])) e++;
  return { start: s, end: e };
}
