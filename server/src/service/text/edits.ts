import type { TextEdit } from 'vscode-languageserver-types';
import type { LineMap, Span } from './lineMap';

/** The line ending a file mostly uses, so inserted lines match (CRLF files stay CRLF). */
export function eolOf(text: string): '\r\n' | '\n' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/** Offset of the start of the line containing `offset`. */
export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** Offset of the end of the line containing `offset` (before its line break). */
export function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Offset just after the line break that ends the line containing `offset` (or the end of the text). */
export function nextLineStart(text: string, offset: number): number {
  const i = lineEnd(text, offset);
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  if (text[i] === '\r' || text[i] === '\n') return i + 1;
  return i;
}

/** The column of `offset` within its line. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

export function replace(lineMap: LineMap, span: Span, newText: string): TextEdit {
  return { range: lineMap.rangeOf(span), newText };
}

export function insert(lineMap: LineMap, offset: number, newText: string): TextEdit {
  return { range: lineMap.rangeOf({ start: offset, end: offset }), newText };
}

/** Applies non-overlapping edits to a text (used by tests and to check fixes). */
export function applyEdits(text: string, lineMap: LineMap, edits: readonly TextEdit[]): string {
  const spans = edits.map((edit) => ({ span: lineMap.spanOf(edit.range), newText: edit.newText })).sort((a, b) => b.span.start - a.span.start);
  let result = text;
  for (const { span, newText } of spans) result = result.slice(0, span.start) + newText + result.slice(span.end);
  return result;
}
