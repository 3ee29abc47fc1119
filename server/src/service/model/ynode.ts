import type { Span } from '../text/lineMap';

/**
 * A plain tree of YAML nodes with source spans: what the models read
 * (through yamlReader.ts). yamlParse.ts builds it.
 *
 * Conventions, which every builder follows: a scalar's span is its value
 * (quotes included, trailing comment excluded); an empty value sits just after
 * its `:` or `-` indicator and the spaces that follow; a block collection spans
 * from its first token to the end of its last value; a flow collection spans
 * its brackets.
 */

export interface YScalar {
  readonly kind: 'scalar';
  readonly span: Span;
  /** The value under YAML 1.2's core schema: a string, number, boolean or null. */
  readonly value: string | number | boolean | null;
  /** The scalar's text (for plain scalars, as written). */
  readonly source: string;
  readonly style: 'plain' | 'single' | 'double' | 'block';
}

export interface YPair {
  readonly key: YNode | undefined;
  readonly keySpan: Span;
  readonly value: YNode | undefined;
}

export interface YMap {
  readonly kind: 'map';
  readonly span: Span;
  readonly pairs: readonly YPair[];
  readonly flow: boolean;
}

export interface YSeq {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: readonly YNode[];
  readonly flow: boolean;
}

/** Where an alias is written; its target is followed by the reader, within a budget (lazily: an alias may sit inside its own anchor). */
export interface YAlias {
  readonly kind: 'alias';
  readonly span: Span;
  resolve(): YNode | undefined;
}

export type YNode = YScalar | YMap | YSeq | YAlias;

export interface YamlError {
  readonly span: Span;
  readonly code: string;
  readonly message: string;
}

export interface YamlParse {
  readonly root: YNode | undefined;
  readonly errors: readonly YamlError[];
  /** Which builder made the tree (for tests and benchmarks). */
  readonly via: 'lines' | 'cst' | 'document';
}

/**
 * What makes two mapping keys the same key (a builder that meets a duplicate
 * leaves the file to yaml's composer, which reports it): a string key's value,
 * another scalar's source text, and null apart from the text "null".
 */
export function keyIdentity(key: YScalar): string {
  return key.value === null ? '\u0000null' : typeof key.value === 'string' ? key.value : key.source;
}
