import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type Scalar } from 'yaml';
import type { Span } from '../text/lineMap';
import type { Problem } from '../problems';

export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

export interface MapEntry {
  readonly key: string;
  readonly keySpan: Span;
  /** The value node with aliases resolved; undefined when the value is missing or unresolvable. */
  readonly value: Node | undefined;
  /** Where the value is written (the alias itself if it is one); zero-width after the key when empty. */
  readonly valueSpan: Span;
  readonly pair: Pair;
}

/** How many aliases one document may expand before it is treated as an alias bomb. */
export const MAX_ALIAS_EXPANSIONS = 10_000;

/**
 * Reads a parsed YAML document with source spans. Aliases are followed, but
 * only up to a budget, so a "billion laughs" file cannot make us walk an
 * exponential tree; the first overrun is reported once.
 */
export class YamlReader {
  readonly document: Document;
  readonly problems: Problem[] = [];
  private aliasBudget = MAX_ALIAS_EXPANSIONS;
  private aliasBombReported = false;

  constructor(readonly text: string) {
    this.document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
    for (const error of this.document.errors) {
      const [start, end] = error.pos;
      if (error.code === 'DUPLICATE_KEY') {
        // Point at the whole repeated key and name it.
        const key = /^("[^"\n]*"|'[^'\n]*'|[^\s:#,\]}]+)/.exec(text.slice(start, start + 200))?.[1] ?? '';
        this.problems.push({
          code: 'yaml-syntax',
          span: { start, end: start + Math.max(key.length, end - start) },
          message: `Duplicate key \`${key}\`: each key may appear only once in a mapping. Merge the two entries or rename one.`,
        });
        continue;
      }
      this.problems.push({
        code: 'yaml-syntax',
        span: { start, end: Math.max(end, start) },
        message: yamlErrorMessage(error.code, error.message),
      });
    }
  }

  get root(): Node | undefined {
    return this.resolve(this.document.contents);
  }

  /** The node itself, or what an alias points to (within the budget). */
  resolve(node: unknown): Node | undefined {
    if (node === null || node === undefined) return undefined;
    let current: unknown = node;
    let hops = 0;
    while (isAlias(current)) {
      if (this.aliasBudget-- <= 0 || hops++ > 100) {
        if (!this.aliasBombReported) {
          this.aliasBombReported = true;
          const range = current.range ?? [0, 0];
          this.problems.push({
            code: 'yaml-syntax',
            span: { start: range[0], end: range[1] },
            message: `Too many alias expansions (over ${MAX_ALIAS_EXPANSIONS}); the file looks like an alias bomb, so the rest of its aliases are ignored.`,
          });
        }
        return undefined;
      }
      current = current.resolve(this.document);
    }
    return (current ?? undefined) as Node | undefined;
  }

  spanOf(node: unknown, fallback: Span = { start: 0, end: 0 }): Span {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? { start: range[0], end: range[1] } : fallback;
  }

  entries(node: Node | undefined): MapEntry[] | undefined {
    if (!isMap(node)) return undefined;
    const result: MapEntry[] = [];
    for (const pair of node.items) {
      const keyNode = this.resolve(pair.key);
      const keySpan = this.spanOf(pair.key);
      const key = isScalar(keyNode) ? scalarText(keyNode) : '';
      const written = pair.value as Node | null;
      const value = this.resolve(written);
      const valueSpan = written ? this.spanOf(written) : { start: keySpan.end + 1, end: keySpan.end + 1 };
      result.push({ key, keySpan, value: isScalar(value) && value.value === null ? undefined : value, valueSpan: clampSpan(valueSpan, this.text.length), pair });
    }
    return result;
  }

  items(node: Node | undefined): (Node | undefined)[] | undefined {
    if (!isSeq(node)) return undefined;
    return node.items.map((item) => this.resolve(item));
  }

  /** Span of an item as written (an alias item keeps its own span). */
  itemSpans(node: Node | undefined): Span[] {
    return isSeq(node) ? node.items.map((item) => this.spanOf(item)) : [];
  }
}

function clampSpan(span: Span, length: number): Span {
  const start = Math.min(span.start, length);
  return { start, end: Math.min(Math.max(span.end, start), length) };
}

/** A scalar's text as the analyst wrote it: `2025` stays "2025", `yes` stays "yes". */
export function scalarText(node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  if (node.value === null) return '';
  if (typeof node.source === 'string' && node.type === 'PLAIN') return node.source;
  return String(node.value);
}

export function isNonStringScalar(node: Node | undefined): boolean {
  return isScalar(node) && typeof node.value !== 'string';
}

function yamlErrorMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'Tabs cannot indent YAML; use spaces.';
    default:
      return `YAML syntax: ${first}`;
  }
}

export { isMap, isScalar, isSeq };
