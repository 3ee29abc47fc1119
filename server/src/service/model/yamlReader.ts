import type { Span } from '../text/lineMap';
import type { Problem } from '../problems';
import type { YAlias, YMap, YNode, YScalar, YSeq, YamlParse } from './ynode';
import { parseYaml } from './yamlParse';

export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

export interface MapEntry {
  readonly key: string;
  readonly keySpan: Span;
  /** The value with aliases resolved; undefined when the value is missing, null or unresolvable. */
  readonly value: YNode | undefined;
  /** Where the value is written (the alias itself if it is one); zero-width after the `:` when empty. */
  readonly valueSpan: Span;
}

/** How many aliases one document may expand before it is treated as an alias bomb. */
export const MAX_ALIAS_EXPANSIONS = 10_000;

export const isMap = (node: YNode | undefined): node is YMap => node?.kind === 'map';
export const isSeq = (node: YNode | undefined): node is YSeq => node?.kind === 'seq';
export const isScalar = (node: YNode | undefined): node is YScalar => node?.kind === 'scalar';
const isAlias = (node: YNode | undefined): node is YAlias => node?.kind === 'alias';

/**
 * Reads a YAML text as a tree of spans and values. Aliases are followed, but
 * only up to a budget, so a "billion laughs" file cannot make us walk an
 * exponential tree; the first overrun is reported once.
 */
export class YamlReader {
  readonly problems: Problem[] = [];
  /**
   * Where the YAML is broken: every syntax error but a duplicate key (which
   * leaves each node where it was written). Nodes read around these may be
   * artefacts of the error.
   */
  readonly breaks: Span[] = [];
  readonly rootNode: YNode | undefined;
  readonly via: 'lines' | 'cst' | 'document';
  private aliasBudget = MAX_ALIAS_EXPANSIONS;
  private aliasBombReported = false;

  /** `offset`: where `text` starts in the whole file (for a chunk re-parsed on its own); `parsed`: its tree, when already built. */
  constructor(
    readonly text: string,
    readonly offset = 0,
    parsed: YamlParse = parseYaml(text, offset),
  ) {
    this.rootNode = parsed.root;
    this.via = parsed.via;
    for (const error of parsed.errors) {
      const { start, end } = error.span;
      if (error.code === 'DUPLICATE_KEY') {
        // Point at the whole repeated key and name it.
        const key = /^("[^"\n]*"|'[^'\n]*'|[^\s:#,\]}]+)/.exec(text.slice(start - offset, start - offset + 200))?.[1] ?? '';
        this.problems.push({
          code: 'yaml-syntax',
          span: { start, end: start + Math.max(key.length, end - start) },
          message: `Duplicate key \`${key}\`: each key may appear only once in a mapping. Merge the two entries or rename one.`,
        });
        continue;
      }
      this.problems.push({ code: 'yaml-syntax', span: { start, end }, message: yamlErrorMessage(error.code, error.message) });
      this.breaks.push({ start, end });
    }
  }

  /** True once an alias bomb is reported: aliases not expanded after that are ignored, not reported one by one. */
  get aliasBomb(): boolean {
    return this.aliasBombReported;
  }

  get root(): YNode | undefined {
    return this.resolve(this.rootNode);
  }

  /** The node itself, or what an alias points to (within the budget). */
  resolve(node: YNode | undefined): YNode | undefined {
    let current = node;
    let hops = 0;
    while (isAlias(current)) {
      if (this.aliasBudget-- <= 0 || hops++ > 100) {
        if (!this.aliasBombReported) {
          this.aliasBombReported = true;
          this.problems.push({
            code: 'yaml-syntax',
            span: current.span,
            message: `Too many alias expansions (over ${MAX_ALIAS_EXPANSIONS}); the file looks like an alias bomb, so the rest of its aliases are ignored.`,
          });
        }
        return undefined;
      }
      current = current.resolve();
    }
    return current;
  }

  spanOf(node: YNode | undefined, fallback: Span = { start: this.offset, end: this.offset }): Span {
    return node ? node.span : fallback;
  }

  entries(node: YNode | undefined): MapEntry[] | undefined {
    if (!isMap(node)) return undefined;
    return node.pairs.map((pair) => {
      const keyNode = this.resolve(pair.key);
      const key = isScalar(keyNode) ? scalarText(keyNode) : '';
      const value = this.resolve(pair.value);
      const valueSpan = pair.value ? pair.value.span : { start: pair.keySpan.end + 1, end: pair.keySpan.end + 1 };
      return { key, keySpan: pair.keySpan, value: isScalar(value) && value.value === null ? undefined : value, valueSpan };
    });
  }

  items(node: YNode | undefined): (YNode | undefined)[] | undefined {
    if (!isSeq(node)) return undefined;
    return node.items.map((item) => this.resolve(item));
  }

  /** Span of each item as written (an alias item keeps its own span). */
  itemSpans(node: YNode | undefined): Span[] {
    return isSeq(node) ? node.items.map((item) => item.span) : [];
  }
}

/** A scalar's text as the analyst wrote it: `2025` stays "2025", `yes` stays "yes". */
export function scalarText(node: YScalar): string {
  if (typeof node.value === 'string') return node.value;
  if (node.value === null) return '';
  if (node.style === 'plain') return node.source;
  return String(node.value);
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
