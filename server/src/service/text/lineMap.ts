import type { Position, Range } from 'vscode-languageserver-types';

/** A half-open span of UTF-16 code unit offsets into a text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Converts between UTF-16 offsets and LSP positions. Lines end at `\n`, `\r\n`
 * or a lone `\r`, exactly as LSP defines them, so CRLF files map correctly.
 */
export class LineMap {
  private starts: number[] | undefined;

  /** The line starts are found when first needed: a model built and dropped unused (a step of a large parse) never scans its text. */
  constructor(readonly text: string) {}

  private get lineStarts(): number[] {
    return (this.starts ??= lineStartsOf(this.text));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    // An offset between the \r and \n of a line break is the line's end: LSP has no position inside a line break.
    const inLineBreak = this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13;
    return { line: low, character: clamped - starts[low] - (inLineBreak ? 1 : 0) };
  }

  /** Offset of a position; a character past the line's end means the end of the line (as LSP says). */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[position.line];
    const lineEnd = this.lineContentEnd(position.line);
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  rangeOf(span: Span): Range {
    const start = this.positionAt(span.start);
    // Most spans end on the line they start on: no second search then.
    const starts = this.lineStarts;
    const end = Math.max(0, Math.min(span.end, this.text.length));
    const next = start.line + 1 < starts.length ? starts[start.line + 1] : Infinity;
    if (end >= starts[start.line] && end < next) {
      const inLineBreak = this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13;
      return { start, end: { line: start.line, character: end - starts[start.line] - (inLineBreak ? 1 : 0) } };
    }
    return { start, end: this.positionAt(span.end) };
  }

  /** Whether `rangeOf(span)` would give exactly this range (without building one: an unchanged diagnostic keeps its range). */
  isRangeOf(range: Range, span: Span): boolean {
    return this.isPositionAt(range.start, span.start) && this.isPositionAt(range.end, span.end);
  }

  private isPositionAt(position: Position, offset: number): boolean {
    const starts = this.lineStarts;
    if (position.line < 0 || position.line >= starts.length || position.character < 0) return false;
    if (starts[position.line] + position.character !== offset) return false;
    // Not past the line's content: then `positionAt(offset)` is this position (an offset inside a CRLF is not, and is built again).
    // A line break is at most two characters: an offset two before the next line's start is inside the content.
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : Infinity;
    return offset <= next - 2 || offset <= this.lineContentEnd(position.line);
  }

  spanOf(range: Range): Span {
    return { start: this.offsetAt(range.start), end: this.offsetAt(range.end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset where the line's content ends (before its line break). */
  lineContentEnd(line: number): number {
    const starts = this.lineStarts;
    const next = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    let end = next;
    if (end > starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineContentEnd(line));
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') === -1) {
    // The common case, found with the engine's fast string search (rebuilt on every keystroke in a large file).
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}
