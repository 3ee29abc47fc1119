import { CST } from 'yaml';
import type { Span } from '../text/lineMap';
import { keyIdentity, type YMap, type YNode, type YPair, type YScalar, type YSeq } from './ynode';

/**
 * The fastest way to the node tree for the plain YAML that annotation files
 * and codebooks are written in: block mappings and sequences by indentation,
 * one-line scalars and flow collections. It reads lines and strings directly
 * (several times faster than building yaml's CST) and returns LINE_FALLBACK for
 * anything else — block scalars, multi-line values, anchors, tags, odd
 * indentation, duplicate keys — which the CST builder or yaml's composer then
 * read. The differential tests check it builds the same trees as they do.
 */
export const LINE_FALLBACK = Symbol('line-fallback');

class Fallback extends Error {}

interface Line {
  /** Offset of the line's first character. */
  readonly start: number;
  /** Offset after its content (before the line break). */
  readonly end: number;
  readonly indent: number;
  /** Blank or comment only. */
  readonly empty: boolean;
}

/** Characters that cannot start a plain scalar (YAML 1.2 indicators). */
const INDICATOR_START = /^[,[\]{}#&*!|>'"%@`]/;

export function buildFromLines(text: string, offset: number, plainValue: (source: string) => YScalar['value']): YNode | undefined | typeof LINE_FALLBACK {
  if (text.includes('\t') || text.includes('\r')) return LINE_FALLBACK;
  try {
    return new LineParser(text, offset, plainValue).document();
  } catch (error) {
    if (error instanceof Fallback) return LINE_FALLBACK;
    throw error;
  }
}

class LineParser {
  private readonly lines: Line[] = [];
  private next = 0;

  constructor(
    private readonly text: string,
    private readonly offset: number,
    private readonly plainValue: (source: string) => YScalar['value'],
  ) {
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      let indent = 0;
      while (text.charCodeAt(start + indent) === 32) indent++;
      const first = text[start + indent];
      // Document markers and directives at column 0 start another document or stream part.
      if (indent === 0 && (text.startsWith('---', start) || text.startsWith('...', start) || first === '%')) throw new Fallback();
      this.lines.push({ start, end, indent, empty: start + indent >= end || first === '#' });
      start = end + 1;
    }
  }

  private span(start: number, end: number): Span {
    return { start: start + this.offset, end: end + this.offset };
  }

  private skipEmpty(): void {
    while (this.next < this.lines.length && this.lines[this.next].empty) this.next++;
  }

  document(): YNode | undefined {
    this.skipEmpty();
    if (this.next >= this.lines.length) return undefined;
    const line = this.lines[this.next];
    const node = this.block(line.indent);
    this.skipEmpty();
    if (this.next < this.lines.length) throw new Fallback();
    return node;
  }

  /** A block node whose first line is the current line, at `column`. */
  private block(column: number): YNode {
    const line = this.lines[this.next];
    if (line.indent !== column) throw new Fallback();
    const at = line.start + column;
    if (this.isDash(at)) return this.sequence(column);
    return this.mapping(column, at);
  }

  private isDash(at: number): boolean {
    return this.text[at] === '-' && (at + 1 >= this.text.length || this.text[at + 1] === ' ' || this.text[at + 1] === '\n');
  }

  private sequence(column: number): YSeq {
    const items: YNode[] = [];
    const first = this.lines[this.next].start + column;
    for (;;) {
      this.skipEmpty();
      const line = this.lines[this.next];
      if (!line || line.indent !== column || !this.isDash(line.start + column)) break;
      let at = line.start + column + 1;
      while (this.text[at] === ' ') at++;
      if (at >= line.end || this.text[at] === '#') {
        if (at < line.end && this.text[at - 1] !== ' ') throw new Fallback();
        this.next++;
        items.push(this.nestedOrEmpty(column, at, true));
      } else if (this.isDash(at)) {
        throw new Fallback(); // "- - x"
      } else if (this.looksLikeKey(at, line.end)) {
        items.push(this.mapping(at - line.start, at));
      } else {
        items.push(this.inlineValue(at, line.end));
        this.next++;
      }
    }
    if (!items.length) throw new Fallback();
    return { kind: 'seq', span: this.span(first, items[items.length - 1].span.end - this.offset), items, flow: false };
  }

  /** A value on the lines below (more indented; for a mapping value, a `- ` list may sit at the key's column), or empty. */
  private nestedOrEmpty(column: number, emptyAt: number, inSequence: boolean): YNode {
    this.skipEmpty();
    const line = this.lines[this.next];
    if (line && line.indent > column) return this.block(line.indent);
    if (line && !inSequence && line.indent === column && this.isDash(line.start + column)) return this.sequence(column);
    return { kind: 'scalar', span: this.span(emptyAt, emptyAt), value: null, source: '', style: 'plain' };
  }

  /** Whether a key and `:` start at `at` (a plain or quoted key followed by `: ` or `:` at the end of the line). */
  private looksLikeKey(at: number, end: number): boolean {
    const key = this.keyEnd(at, end);
    return key !== -1;
  }

  /** Offset of the `:` after a key starting at `at`, or -1. */
  private keyEnd(at: number, end: number): number {
    const quote = this.text[at];
    let after: number;
    if (quote === '"' || quote === "'") {
      after = this.quotedEnd(at, end);
      if (after === -1) return -1;
    } else {
      // A plain key ends at the first ": " or ":" at the end of the line.
      let i = at;
      for (;;) {
        const colon = this.text.indexOf(':', i);
        if (colon === -1 || colon >= end) return -1;
        if (colon + 1 >= end || this.text[colon + 1] === ' ') {
          after = colon;
          break;
        }
        i = colon + 1;
      }
      const key = this.text.slice(at, after);
      if (!key.trim() || key !== key.trimEnd() || key.includes(' #') || INDICATOR_START.test(key) || /^[-?:] /.test(key) || key === '-' || key === '?') return -1;
      return after;
    }
    let colon = after;
    while (this.text[colon] === ' ') colon++;
    return this.text[colon] === ':' && (colon + 1 >= end || this.text[colon + 1] === ' ') ? colon : -1;
  }

  private mapping(column: number, firstAt: number): YMap {
    const pairs: YPair[] = [];
    const keys = new Set<string>();
    let at = firstAt;
    for (;;) {
      const line = this.lines[this.next];
      const colon = this.keyEnd(at, line.end);
      if (colon === -1) throw new Fallback();
      const key = this.text[at] === '"' || this.text[at] === "'" ? this.quoted(at, this.quotedEnd(at, line.end)) : this.plain(at, colon);
      const keyText = keyIdentity(key);
      if (keys.has(keyText)) throw new Fallback(); // duplicate: the composer reports it
      keys.add(keyText);
      let valueAt = colon + 1;
      while (this.text[valueAt] === ' ') valueAt++;
      let value: YNode;
      if (valueAt >= line.end || this.text[valueAt] === '#') {
        if (valueAt < line.end && this.text[valueAt - 1] !== ' ') throw new Fallback();
        this.next++;
        value = this.nestedOrEmpty(column, valueAt, false);
      } else {
        if (this.looksLikeKey(valueAt, line.end) && this.text[valueAt] !== '"' && this.text[valueAt] !== "'") throw new Fallback(); // compact nested mapping
        value = this.inlineValue(valueAt, line.end);
        this.next++;
      }
      pairs.push({ key, keySpan: key.span, value });
      this.skipEmpty();
      const following = this.lines[this.next];
      if (!following || following.indent < column) break;
      if (following.indent > column) throw new Fallback(); // a continuation line (multi-line scalar) or bad indentation
      if (this.isDash(following.start + column)) break; // a list item of the parent sequence
      at = following.start + column;
    }
    const last = pairs[pairs.length - 1];
    return { kind: 'map', span: this.span(firstAt, last.value!.span.end - this.offset), pairs, flow: false };
  }

  /** A value that fits on its line: a flow collection or a scalar, then only a comment. */
  private inlineValue(at: number, end: number): YNode {
    const first = this.text[at];
    let node: YNode;
    let after: number;
    if (first === '[' || first === '{') {
      ({ node, after } = this.flow(at, end));
    } else if (first === '"' || first === "'") {
      after = this.quotedEnd(at, end);
      if (after === -1) throw new Fallback();
      node = this.quoted(at, after);
    } else {
      const stop = this.plainEnd(at, end, false);
      node = this.plain(at, stop);
      after = stop;
    }
    this.expectEnd(after, end);
    return node;
  }

  /** After a value: spaces, then a comment (after a space) or the end of the line. */
  private expectEnd(after: number, end: number): void {
    let i = after;
    while (i < end && this.text[i] === ' ') i++;
    if (i < end && !(this.text[i] === '#' && i > after)) throw new Fallback();
  }

  /** The end of a one-line plain scalar (before a comment and trailing spaces). */
  private plainEnd(at: number, end: number, inFlow: boolean): number {
    if (INDICATOR_START.test(this.text[at]) || (/[-?:]/.test(this.text[at]) && (at + 1 >= end || this.text[at + 1] === ' ' || (inFlow && /[,[\]{}]/.test(this.text[at + 1]))))) throw new Fallback();
    let i = at;
    while (i < end) {
      const ch = this.text[i];
      if (ch === '#' && this.text[i - 1] === ' ') break;
      if (ch === ':' && (i + 1 >= end || this.text[i + 1] === ' ' || (inFlow && /[,[\]{}]/.test(this.text[i + 1])))) {
        if (inFlow) break;
        throw new Fallback();
      }
      if (inFlow && (ch === ',' || ch === '[' || ch === ']' || ch === '{' || ch === '}')) break;
      i++;
    }
    while (i > at && this.text[i - 1] === ' ') i--;
    if (i === at) throw new Fallback();
    return i;
  }

  private plain(at: number, end: number): YScalar {
    const source = this.text.slice(at, end);
    return { kind: 'scalar', span: this.span(at, end), value: this.plainValue(source), source, style: 'plain' };
  }

  /** Offset after the closing quote of a one-line quoted scalar starting at `at`, or -1. */
  private quotedEnd(at: number, end: number): number {
    const quote = this.text[at];
    let i = at + 1;
    while (i < end) {
      const ch = this.text[i];
      if (quote === '"' && ch === '\\') {
        i += 2;
        continue;
      }
      if (ch === quote) {
        if (quote === "'" && this.text[i + 1] === "'") {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return -1;
  }

  private quoted(at: number, after: number): YScalar {
    const source = this.text.slice(at, after);
    const type = source[0] === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar';
    let failed = false;
    const resolved = CST.resolveAsScalar({ type, offset: at, indent: 0, source } as CST.FlowScalar, true, () => (failed = true));
    if (failed || !resolved) throw new Fallback();
    return { kind: 'scalar', span: this.span(at, after), value: resolved.value, source: resolved.value, style: type === 'double-quoted-scalar' ? 'double' : 'single' };
  }

  /** A one-line flow sequence of scalars or flow mapping of scalar pairs. */
  private flow(at: number, end: number): { node: YNode; after: number } {
    const open = this.text[at];
    const close = open === '[' ? ']' : '}';
    const items: YNode[] = [];
    const pairs: YPair[] = [];
    const keys = new Set<string>();
    let i = at + 1;
    const space = () => {
      while (i < end && this.text[i] === ' ') i++;
    };
    const scalar = (): YScalar => {
      const ch = this.text[i];
      if (ch === '"' || ch === "'") {
        const after = this.quotedEnd(i, end);
        if (after === -1) throw new Fallback();
        const node = this.quoted(i, after);
        i = after;
        return node;
      }
      if (ch === '[' || ch === '{' || ch === '#') throw new Fallback();
      const stop = this.plainEnd(i, end, true);
      const node = this.plain(i, stop);
      i = stop;
      return node;
    };
    space();
    if (this.text[i] !== close) {
      for (;;) {
        space();
        if (open === '[') {
          items.push(scalar());
        } else {
          const key = scalar();
          space();
          if (this.text[i] !== ':') throw new Fallback();
          i++;
          if (this.text[i] !== ' ') throw new Fallback();
          space();
          const keyText = keyIdentity(key);
          if (keys.has(keyText)) throw new Fallback();
          keys.add(keyText);
          pairs.push({ key, keySpan: key.span, value: scalar() });
        }
        space();
        if (this.text[i] === ',') {
          i++;
          space();
          if (this.text[i] === close) throw new Fallback(); // a trailing comma
          continue;
        }
        if (this.text[i] === close) break;
        throw new Fallback();
      }
    }
    const after = i + 1;
    const span = this.span(at, after);
    return { node: open === '[' ? { kind: 'seq', span, items, flow: true } : { kind: 'map', span, pairs, flow: true }, after };
  }
}
