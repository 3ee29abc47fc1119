import { CST, Document, Parser, isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Alias, type Node } from 'yaml';
import type { Span } from '../text/lineMap';
import { keyIdentity, type YMap, type YNode, type YPair, type YScalar, type YSeq, type YamlError, type YamlParse } from './ynode';
import { LINE_FALLBACK, buildFromLines } from './lineParser';

/**
 * YAML text to the node tree of ynode.ts, by the fastest of three builders
 * that can read it:
 *
 * 1. the line builder (lineParser.ts), for the plain block style annotation
 *    files and codebooks are written in: it reads lines and strings directly;
 * 2. the builder below from yaml's concrete syntax tree (no composer, no
 *    Document objects), for the rest of the plain subset;
 * 3. yaml's `parseDocument`, for anything else (errors, anchors, tags, tabs,
 *    multi-line flow collections…), which also supplies the error messages.
 *
 * Each of the first two gives up (returns its FALLBACK) on anything it does
 * not handle exactly; differential tests check that all three build the same
 * tree where they overlap.
 */

/** Parses YAML text; `offset` is added to every position (for a chunk of a larger file). */
export function parseYaml(text: string, offset = 0): YamlParse {
  // yaml's parser and composer (and our builders) recurse once per level: thousands of nested `[` or `- `
  // exhaust the stack, and V8 may then abort the process instead of throwing. No real file nests that deep.
  const deep = deepNesting(text);
  if (deep) return tooDeep(deep, offset);
  try {
    const fastest = buildFromLines(text, offset, plainValue);
    if (fastest !== LINE_FALLBACK) return { root: fastest, errors: [], via: 'lines' };
    const fast = buildFromCst(text, offset);
    if (fast !== FALLBACK) return { root: fast, errors: [], via: 'cst' };
    return buildFromDocument(text, offset);
  } catch (error) {
    if (error instanceof RangeError) return tooDeep({ start: 0, end: 0 }, offset);
    throw error;
  }
}

/**
 * The tree when one of the two fast builders can read `text` (plain block
 * style, no errors), else undefined: for callers that would rather do
 * something else than wait for yaml's parse (a step of a large file's parse).
 */
export function parseYamlFast(text: string, offset = 0): YamlParse | undefined {
  if (deepNesting(text)) return undefined;
  try {
    const fastest = buildFromLines(text, offset, plainValue);
    if (fastest !== LINE_FALLBACK) return { root: fastest, errors: [], via: 'lines' };
    const fast = buildFromCst(text, offset);
    if (fast !== FALLBACK) return { root: fast, errors: [], via: 'cst' };
    return undefined;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Deeper than this many levels (indentation, brackets and `- ` together), YAML text is not parsed. */
export const MAX_NESTING = 256;

function tooDeep(span: Span, offset: number): YamlParse {
  const error = {
    span: { start: span.start + offset, end: span.end + offset },
    code: 'TOO_DEEP',
    message: `Lists or mappings are nested more than ${MAX_NESTING} levels deep; the file cannot be read.`,
  };
  return { root: undefined, errors: [error], via: 'document' };
}

/**
 * The line where nesting first goes deeper than MAX_NESTING: levels of
 * indentation, open brackets and `- ` indicators on the line, added up (a
 * linear scan that does not tell quotes or comments apart: an upper bound).
 */
function deepNesting(text: string): Span | undefined {
  const indents: number[] = [];
  let depth = 0;
  let dashes = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    if (atLineStart) {
      atLineStart = false;
      let j = i;
      while (text.charCodeAt(j) === 32) j++;
      const first = text.charCodeAt(j);
      if (j < text.length && first !== 10 && first !== 13 && first !== 35 /* # */) {
        while (indents.length && indents[indents.length - 1] >= j - i) indents.pop();
        indents.push(j - i);
      }
    }
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */ || c === 123 /* { */) depth++;
    else if (c === 93 /* ] */ || c === 125 /* } */) depth = depth > 0 ? depth - 1 : 0;
    else if (c === 45 /* - */ && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) dashes++;
    else if (c === 10 || c === 13) {
      atLineStart = true;
      dashes = 0;
    } else if (c !== 32 && c !== 9) dashes = 0;
    if (indents.length + depth + dashes > MAX_NESTING) {
      const lineStart = Math.max(text.lastIndexOf('\n', i), text.lastIndexOf('\r', i)) + 1;
      const after = text.slice(i).search(/[\r\n]/);
      return { start: lineStart, end: after === -1 ? text.length : i + after };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// From the concrete syntax tree.

const FALLBACK = Symbol('fallback');
class Fallback extends Error {}

const coreTags = (
  new Document().schema as unknown as { tags: { default?: boolean | string; test?: RegExp; resolve: (value: string, onError: (message: string) => void, options: unknown) => unknown }[] }
).tags;
const documentOptions = new Document().options;

/** A plain scalar's value under the core schema, as yaml's composer resolves it. */
export function plainValue(source: string): string | number | boolean | null {
  const tag = coreTags.find((t) => t.default === true && t.test?.test(source));
  if (!tag) return source;
  let failed = false;
  const resolved = tag.resolve(source, () => (failed = true), documentOptions);
  if (failed) throw new Fallback();
  const value = isScalar(resolved) ? resolved.value : resolved;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new Fallback();
}

const SPACING = new Set(['space', 'comment', 'newline']);

function onlySpacing(tokens: readonly CST.SourceToken[] | undefined, allowed: readonly string[] = []): boolean {
  return (tokens ?? []).every((t) => SPACING.has(t.type) || allowed.includes(t.type));
}

export function buildFromCst(text: string, offset = 0): YNode | undefined | typeof FALLBACK {
  if (text.includes('\t')) return FALLBACK;
  try {
    let documentToken: CST.Document | undefined;
    for (const token of new Parser().parse(text)) {
      if (token.type === 'document') {
        if (documentToken) throw new Fallback();
        documentToken = token;
      } else if (token.type !== 'comment' && token.type !== 'space' && token.type !== 'newline') {
        throw new Fallback();
      }
    }
    if (!documentToken) return undefined;
    if (!onlySpacing(documentToken.start) || !onlySpacing(documentToken.end)) throw new Fallback();
    if (!documentToken.value) return undefined;
    return new CstBuilder(text, offset).node(documentToken.value);
  } catch (error) {
    if (error instanceof Fallback) return FALLBACK;
    throw error;
  }
}

class CstBuilder {
  constructor(
    private readonly text: string,
    private readonly offset: number,
  ) {}

  private span(start: number, end: number): Span {
    return { start: start + this.offset, end: end + this.offset };
  }

  node(token: CST.Token): YNode {
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return this.scalar(token);
      case 'block-map':
        return this.blockMap(token);
      case 'block-seq':
        return this.blockSeq(token);
      case 'flow-collection':
        return this.flowCollection(token);
      default:
        throw new Fallback();
    }
  }

  private scalar(token: CST.FlowScalar | CST.BlockScalar): YScalar {
    let failed = false;
    const resolved = CST.resolveAsScalar(token, true, () => (failed = true));
    if (failed || !resolved) throw new Fallback();
    if (token.type === 'block-scalar' && !onlySpacing(token.props.filter((p) => p.type !== 'block-scalar-header') as CST.SourceToken[])) throw new Fallback();
    const style = token.type === 'scalar' ? 'plain' : token.type === 'single-quoted-scalar' ? 'single' : token.type === 'double-quoted-scalar' ? 'double' : 'block';
    const value = style === 'plain' ? plainValue(resolved.value) : resolved.value;
    return { kind: 'scalar', span: this.span(resolved.range[0], resolved.range[1]), value, source: resolved.value, style };
  }

  /** An empty value: just after the indicator and the spaces that follow it on its line. */
  private empty(tokens: readonly CST.SourceToken[], indicator: string): YScalar {
    const at = tokens.findIndex((t) => t.type === indicator);
    let position = tokens[at].offset + tokens[at].source.length;
    for (let i = at + 1; i < tokens.length && tokens[i].type === 'space'; i++) position += tokens[i].source.length;
    return { kind: 'scalar', span: this.span(position, position), value: null, source: '', style: 'plain' };
  }

  private blockMap(token: CST.BlockMap): YMap {
    const pairs: YPair[] = [];
    const keys = new Set<string>();
    let commentOnlySeen = false;
    for (const item of token.items) {
      if (!onlySpacing(item.start)) throw new Fallback();
      if (!item.sep) {
        if (item.key) throw new Fallback(); // an implicit key without a value
        commentOnlySeen = true;
        continue;
      }
      if (commentOnlySeen || !item.key) throw new Fallback();
      const key = item.key;
      if (key.type !== 'scalar' && key.type !== 'single-quoted-scalar' && key.type !== 'double-quoted-scalar') throw new Fallback();
      if (key.indent !== token.indent || key.source.includes('\n') || key.source.length > 1000) throw new Fallback();
      if (!onlySpacing(item.sep, ['map-value-ind']) || item.sep.filter((t) => t.type === 'map-value-ind').length !== 1) throw new Fallback();
      if (
        item.sep.findIndex((t) => t.type === 'map-value-ind') !== 0 &&
        item.sep
          .slice(
            0,
            item.sep.findIndex((t) => t.type === 'map-value-ind'),
          )
          .some((t) => t.type !== 'space')
      )
        throw new Fallback();
      const keyNode = this.scalar(key);
      const keyText = keyIdentity(keyNode);
      if (keys.has(keyText)) throw new Fallback(); // duplicate keys: let the composer report them
      keys.add(keyText);
      const hasNewline = item.sep.some((t) => t.type === 'newline');
      if (item.value?.type === 'block-map' && !hasNewline) throw new Fallback();
      if (item.value && item.value.type !== 'block-seq' && item.value.type !== 'block-map' && hasNewline && item.value.type !== 'block-scalar') {
        // A scalar or flow collection on a line after its key: valid YAML, but keep the common layout only.
        throw new Fallback();
      }
      const value = item.value ? this.node(item.value) : this.empty(item.sep, 'map-value-ind');
      pairs.push({ key: keyNode, keySpan: keyNode.span, value });
    }
    if (!pairs.length) throw new Fallback();
    const last = pairs[pairs.length - 1];
    return { kind: 'map', span: { start: token.offset + this.offset, end: last.value!.span.end }, pairs, flow: false };
  }

  private blockSeq(token: CST.BlockSequence): YSeq {
    const items: YNode[] = [];
    for (const item of token.items) {
      const indicators = item.start.filter((t) => t.type === 'seq-item-ind').length;
      if (!onlySpacing(item.start, ['seq-item-ind']) || indicators > 1) throw new Fallback();
      if (indicators === 0) {
        if (item.value) throw new Fallback();
        throw new Fallback(); // a trailing comment-only item: rare, leave to the composer
      }
      items.push(item.value ? this.node(item.value) : this.empty(item.start, 'seq-item-ind'));
    }
    if (!items.length) throw new Fallback();
    return { kind: 'seq', span: { start: token.offset + this.offset, end: items[items.length - 1].span.end }, items, flow: false };
  }

  private flowCollection(token: CST.FlowCollection): YMap | YSeq {
    const isMapToken = token.start.type === 'flow-map-start';
    const close = token.end[0];
    if (!close || close.type !== (isMapToken ? 'flow-map-end' : 'flow-seq-end')) throw new Fallback();
    if (!onlySpacing(token.end.slice(1))) throw new Fallback();
    const end = close.offset + 1;
    if (/[\r\n]/.test(this.text.slice(token.offset, end))) throw new Fallback(); // multi-line flow collections: leave to the composer
    const pairs: YPair[] = [];
    const items: YNode[] = [];
    const keys = new Set<string>();
    token.items.forEach((item, i) => {
      const commas = item.start.filter((t) => t.type === 'comma').length;
      if (!onlySpacing(item.start, ['comma']) || commas !== (i === 0 ? 0 : 1)) throw new Fallback();
      if (!item.value) throw new Fallback();
      if (item.value.type !== 'scalar' && item.value.type !== 'single-quoted-scalar' && item.value.type !== 'double-quoted-scalar') throw new Fallback();
      if (isMapToken) {
        if (!item.key || !item.sep || item.key.type === 'flow-collection') throw new Fallback();
        if (item.key.type !== 'scalar' && item.key.type !== 'single-quoted-scalar' && item.key.type !== 'double-quoted-scalar') throw new Fallback();
        if (!onlySpacing(item.sep, ['map-value-ind']) || item.sep.filter((t) => t.type === 'map-value-ind').length !== 1 || item.sep[0].type !== 'map-value-ind') throw new Fallback();
        const keyNode = this.scalar(item.key);
        const keyText = keyIdentity(keyNode);
        if (keys.has(keyText)) throw new Fallback();
        keys.add(keyText);
        pairs.push({ key: keyNode, keySpan: keyNode.span, value: this.scalar(item.value) });
      } else {
        if (item.key || item.sep) throw new Fallback();
        items.push(this.scalar(item.value));
      }
    });
    const span = this.span(token.offset, end);
    return isMapToken ? { kind: 'map', span, pairs, flow: true } : { kind: 'seq', span, items, flow: true };
  }
}

// ---------------------------------------------------------------------------
// From yaml's Document (the fallback, with its errors).

const isLowSurrogate = (text: string, i: number) => (text.charCodeAt(i) & 0xfc00) === 0xdc00 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;

/** yaml's error spans count UTF-16 units and may end (one unit into) an emoji: widen them to whole code points. */
function wholeCodePoints(text: string, offset: number, start: number, end: number): Span {
  const s = start > 0 && isLowSurrogate(text, start) ? start - 1 : start;
  const e = end < text.length && isLowSurrogate(text, end) ? end + 1 : end;
  return { start: s + offset, end: e + offset };
}

export function buildFromDocument(text: string, offset = 0): YamlParse {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const errors: YamlError[] = document.errors.map((error) => ({
    span: wholeCodePoints(text, offset, error.pos[0], Math.max(error.pos[1], error.pos[0])),
    code: error.code,
    message: error.message,
  }));
  const converted = new Map<Node, YNode>();
  const shift = (start: number, end: number): Span => ({ start: start + offset, end: end + offset });
  // Each alias's target, found in one walk: yaml's Alias.resolve walks the whole document for every alias,
  // so 12,000 aliases took 12 s. The target is the last node anchored with its name before it (yaml's rule).
  let targets: Map<Alias, Node> | undefined;
  const targetOf = (alias: Alias): Node | undefined => {
    if (!targets) {
      const found = new Map<Alias, Node>();
      const anchored = new Map<string, Node>();
      visit(document, {
        Node: (_key, node) => {
          if (isAlias(node)) {
            const target = anchored.get(node.source);
            if (target) found.set(node, target);
          } else if ((node as { anchor?: string }).anchor) {
            anchored.set((node as { anchor: string }).anchor, node);
          }
        },
      });
      targets = found;
    }
    return targets.get(alias);
  };

  const convert = (node: unknown): YNode | undefined => {
    if (node === null || node === undefined) return undefined;
    const known = converted.get(node as Node);
    if (known) return known;
    let result: YNode;
    if (isAlias(node)) {
      // The target is converted once and shared, so aliases never copy (no alias bomb here).
      const range = node.range ?? [0, 0];
      const alias = node;
      result = { kind: 'alias', span: shift(range[0], range[1]), resolve: () => convert(targetOf(alias)) };
    } else if (isScalar(node)) {
      const range = node.range ?? [0, 0, 0];
      const value = node.value;
      const style = node.type === 'QUOTE_SINGLE' ? 'single' : node.type === 'QUOTE_DOUBLE' ? 'double' : node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL' ? 'block' : 'plain';
      const plain = value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
      result = { kind: 'scalar', span: shift(range[0], range[1]), value: plain, source: typeof node.source === 'string' ? node.source : String(value ?? ''), style };
    } else if (isMap(node)) {
      const pairs: YPair[] = node.items.map((pair) => {
        const key = convert(pair.key);
        const keyRange = (pair.key as { range?: [number, number] } | null)?.range ?? [0, 0];
        return { key, keySpan: key?.span ?? shift(keyRange[0], keyRange[1]), value: convert(pair.value) };
      });
      const range = node.range ?? [0, 0, 0];
      const lastValue = pairs.length ? (pairs[pairs.length - 1].value?.span.end ?? pairs[pairs.length - 1].keySpan.end) : range[1] + offset;
      result = { kind: 'map', span: node.flow ? shift(range[0], range[1]) : { start: range[0] + offset, end: lastValue }, pairs, flow: Boolean(node.flow) };
    } else if (isSeq(node)) {
      const items = node.items.map((item) => convert(item) ?? { kind: 'scalar' as const, span: shift(0, 0), value: null, source: '', style: 'plain' as const });
      const range = node.range ?? [0, 0, 0];
      result = { kind: 'seq', span: node.flow || !items.length ? shift(range[0], range[1]) : { start: range[0] + offset, end: items[items.length - 1].span.end }, items, flow: Boolean(node.flow) };
    } else {
      return undefined;
    }
    converted.set(node as Node, result);
    return result;
  };

  return { root: convert(document.contents), errors, via: 'document' };
}
