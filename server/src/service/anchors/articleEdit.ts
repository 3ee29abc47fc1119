import type { Range } from 'vscode-languageserver-types';
import type { SegmentationOptions } from '../segmentation';
import { LineMap } from '../text/lineMap';
import { buildSentenceMap } from './sentenceMap';

/**
 * The editor's question after each change to an article: did any sentence
 * number change? Typing inside a sentence must cost next to nothing and
 * prompt nothing, so only the lines (or, hard-wrapped, the paragraphs) the
 * change touched are segmented and compared; sentences outside them keep
 * their text and, when the touched part has as many sentences as before,
 * their numbers.
 */

/** An LSP content change (`TextDocumentContentChangeEvent`): with a range, an incremental change; without, the whole new text. */
export interface ContentChange {
  readonly range?: Range;
  readonly text: string;
}

/** The text after the changes, applied in order as LSP says (each range is in the text the previous changes left). */
export function applyContentChanges(text: string, changes: readonly ContentChange[]): string {
  let result = text;
  for (const change of changes) {
    if (!change.range) {
      result = change.text;
      continue;
    }
    const { start, end } = new LineMap(result).spanOf(change.range);
    result = result.slice(0, start) + change.text + result.slice(Math.max(start, end));
  }
  return result;
}

/** Where two texts differ: `before[start, beforeEnd)` became `after[start, afterEnd)`; the rest is equal. */
export interface ChangedRegion {
  readonly start: number;
  readonly beforeEnd: number;
  readonly afterEnd: number;
}

/** The changed region of two texts (common head and tail found by binary search over native comparisons). */
export function changedRegion(before: string, after: string): ChangedRegion {
  const limit = Math.min(before.length, after.length);
  let low = 0;
  let high = limit;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (before.slice(low, mid) === after.slice(low, mid)) low = mid;
    else high = mid - 1;
  }
  const start = low;
  low = 0;
  high = limit - start;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (before.slice(before.length - mid, before.length - low) === after.slice(after.length - mid, after.length - low)) low = mid;
    else high = mid - 1;
  }
  return { start, beforeEnd: before.length - low, afterEnd: after.length - low };
}

/**
 * True when some sentence of `before` no longer has its number in the text
 * after the change: sentences were inserted, deleted, split, merged or moved
 * (or one was rewritten beyond recognition, which leaves its annotations
 * without their sentence). False for typing inside a sentence, however long
 * the article. `after`: the new text, or the LSP changes that lead to it.
 */
export function sentenceNumbersChanged(before: string, after: string | readonly ContentChange[], options: SegmentationOptions = {}): boolean {
  let afterText: string;
  let region: ChangedRegion;
  if (typeof after === 'string') {
    afterText = after;
    if (before === afterText) return false;
    region = changedRegion(before, afterText);
  } else {
    afterText = applyContentChanges(before, after);
    if (before === afterText) return false;
    const only = after.length === 1 ? after[0] : undefined;
    if (only?.range) {
      // One incremental change: its range is the region (equal characters at its edges do no harm).
      const span = new LineMap(before).spanOf(only.range);
      region = { start: span.start, beforeEnd: Math.max(span.start, span.end), afterEnd: span.start + only.text.length };
    } else {
      region = changedRegion(before, afterText);
    }
  }
  const hardWrapped = options.hardWrapped === true;
  const start = unitStart(before, region.start, hardWrapped);
  const tail = unitEnd(before, region.beforeEnd, hardWrapped);
  const afterTail = tail - region.beforeEnd + region.afterEnd;
  const map = buildSentenceMap(before.slice(start, tail), afterText.slice(start, afterTail), options);
  return !map.numbersUnchanged;
}

const isBlank = (line: string) => /^\s*$/.test(line);

/**
 * Just after the last line break before `limit` that is a line break in
 * both texts (a `\r` counts only if the character after it, which must be
 * before `limit`, is not `\n`: a change may turn `\r` into `\r\n`).
 */
function lineStartBefore(text: string, position: number, limit: number): number {
  for (let k = position - 1; k >= 0; k--) {
    const ch = text.charCodeAt(k);
    if (ch === 10) return k + 1;
    if (ch === 13 && k + 1 < limit && text.charCodeAt(k + 1) !== 10) return k + 1;
  }
  return 0;
}

/** Where the unit (line; hard-wrapped: paragraph) holding the change's start begins, in text both versions share. */
function unitStart(text: string, start: number, hardWrapped: boolean): number {
  let lineStart = lineStartBefore(text, start, start);
  if (!hardWrapped) return lineStart;
  // Back to a line whose previous line is blank: a paragraph starts there.
  while (lineStart > 0) {
    const breakStart = text.charCodeAt(lineStart - 1) === 10 && text.charCodeAt(lineStart - 2) === 13 ? lineStart - 2 : lineStart - 1;
    const previousStart = lineStartBefore(text, breakStart, start);
    if (isBlank(text.slice(previousStart, breakStart))) return lineStart;
    lineStart = previousStart;
  }
  return 0;
}

/** Offset just after the next line break at or after `from` (the end of the text if none). */
function nextLineStart(text: string, from: number): number {
  for (let k = from; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 10) return k + 1;
    if (ch === 13) return text.charCodeAt(k + 1) === 10 ? k + 2 : k + 1;
  }
  return text.length;
}

/**
 * Where the text shared after the change (from `end` on) first starts a
 * unit: a line; hard-wrapped, a blank line (the paragraph before it ends).
 */
function unitEnd(text: string, end: number, hardWrapped: boolean): number {
  let lineStart = nextLineStart(text, end);
  if (!hardWrapped) return lineStart;
  while (lineStart < text.length) {
    const next = nextLineStart(text, lineStart);
    const lineEnd = next - (text.charCodeAt(next - 1) === 10 ? (text.charCodeAt(next - 2) === 13 ? 2 : 1) : text.charCodeAt(next - 1) === 13 ? 1 : 0);
    if (isBlank(text.slice(lineStart, lineEnd))) return lineStart;
    lineStart = next;
  }
  return text.length;
}
