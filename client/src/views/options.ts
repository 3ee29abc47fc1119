/**
 * The controls of the network and matrix views, named as the CLI names its
 * options, and how they become a request. Shared by the extension and the
 * pages (pure: no vscode, no DOM). Options come back from a page's saved state,
 * so `viewOptions` accepts anything and keeps only what is valid.
 */
import {
  ACTOR_MODES,
  AGGREGATES,
  DUPLICATE_RULES,
  NETWORK_TYPES,
  ONE_MODE_NORMALIZATIONS,
  TWO_MODE_NORMALIZATIONS,
  type ActorMode,
  type Aggregate,
  type DuplicateRule,
  type NetworkParams,
  type NetworkType,
  type Normalization,
  type StatementsParams,
} from '../../../protocol/analysis';

export type ViewKind = 'network' | 'matrix';
export type Scope = 'workspace' | 'article';

export interface ViewOptions {
  readonly type: NetworkType;
  readonly aggregate: Aggregate;
  readonly normalize: Normalization;
  readonly duplicates: DuplicateRule;
  /** Empty: every coder; `""` is the unnamed coder. */
  readonly coders: readonly string[];
  /** ISO dates (YYYY-MM-DD) or absent. */
  readonly from?: string;
  readonly to?: string;
  readonly actors: ActorMode;
  /** Empty: every type. */
  readonly actorTypes: readonly string[];
  /** The whole workspace, or the article of the last article or annotation file the user was in. */
  readonly scope: Scope;
  readonly minWeight: number;
}

export const DEFAULT_OPTIONS: ViewOptions = {
  type: 'congruence',
  aggregate: 'ignore',
  normalize: 'none',
  duplicates: 'include',
  coders: [],
  actors: 'as-coded',
  actorTypes: [],
  scope: 'workspace',
  minWeight: 0,
};

/** The matrix is the two-mode network's counts: its type, aggregation and normalisation are fixed. */
export const MATRIX_FIXED = { type: 'affiliation', aggregate: 'ignore', normalize: 'none', minWeight: 0 } as const;

export const isTwoMode = (type: NetworkType): boolean => type === 'affiliation';

export function normalizationsFor(type: NetworkType, aggregate: Aggregate): readonly Normalization[] {
  if (!isTwoMode(type)) return ONE_MODE_NORMALIZATIONS;
  // `combine` gives codes (1, 2, 3, 4), which no normalisation can divide.
  return aggregate === 'combine' ? ['none'] : TWO_MODE_NORMALIZATIONS;
}

export function aggregatesFor(type: NetworkType): readonly Aggregate[] {
  return isTwoMode(type) ? AGGREGATES : ['ignore'];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_LIST = 1000;
const MAX_TEXT = 200;

function oneOf<T extends string>(values: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

function textList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const texts = value.filter((item): item is string => typeof item === 'string' && item.length <= MAX_TEXT);
  return [...new Set(texts)].slice(0, MAX_LIST);
}

function isoDate(value: unknown): string | undefined {
  return typeof value === 'string' && ISO_DATE.test(value) ? value : undefined;
}

/**
 * Valid options from anything (a page message, a saved state): unknown values
 * become the defaults, and combinations the CLI refuses are mended (a
 * normalisation the type does not allow becomes `none`, a one-mode network's
 * aggregation `ignore`). The matrix's fixed options are applied for its kind.
 */
export function viewOptions(value: unknown, kind: ViewKind = 'network'): ViewOptions {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const type = kind === 'matrix' ? MATRIX_FIXED.type : oneOf(NETWORK_TYPES, raw.type, DEFAULT_OPTIONS.type);
  const aggregate = kind === 'matrix' ? MATRIX_FIXED.aggregate : oneOf(aggregatesFor(type), raw.aggregate, 'ignore');
  const normalize = kind === 'matrix' ? MATRIX_FIXED.normalize : oneOf(normalizationsFor(type, aggregate), raw.normalize, 'none');
  const minWeight = kind === 'matrix' ? MATRIX_FIXED.minWeight : typeof raw.minWeight === 'number' && Number.isFinite(raw.minWeight) && raw.minWeight >= 0 ? raw.minWeight : 0;
  const from = isoDate(raw.from);
  const to = isoDate(raw.to);
  return {
    type,
    aggregate,
    normalize,
    duplicates: oneOf(DUPLICATE_RULES, raw.duplicates, DEFAULT_OPTIONS.duplicates),
    coders: textList(raw.coders),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    actors: oneOf(ACTOR_MODES, raw.actors, DEFAULT_OPTIONS.actors),
    actorTypes: textList(raw.actorTypes),
    scope: raw.scope === 'article' ? 'article' : 'workspace',
    minWeight,
  };
}

/** The filters every request of a view shares; `article` is the URI of the current article (scope `article`). */
function filters(options: ViewOptions, article: string | undefined): Omit<NetworkParams, 'type'> {
  return {
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.coders.length ? { coders: options.coders } : {}),
    ...(options.actors !== 'as-coded' ? { actors: options.actors } : {}),
    ...(options.actorTypes.length ? { actorTypes: options.actorTypes } : {}),
    ...(options.scope === 'article' ? { articles: article ? [article] : [] } : {}),
  };
}

/** The `standpoint/network` request for a view's options (defaults left out, as the CLI would be called). */
export function networkParams(options: ViewOptions, article?: string): NetworkParams {
  return {
    type: options.type,
    ...(options.aggregate !== 'ignore' ? { aggregate: options.aggregate } : {}),
    ...(options.normalize !== 'none' ? { normalize: options.normalize } : {}),
    ...(options.duplicates !== 'include' ? { duplicates: options.duplicates } : {}),
    ...(options.minWeight > 0 ? { minWeight: options.minWeight } : {}),
    ...filters(options, article),
  };
}

/** What a page asks for: the statements behind a tie or a node of the network it shows. */
export type StatementsQuery = { readonly tie: { readonly source: string; readonly target: string } } | { readonly node: { readonly key: string } };

export const STATEMENTS_LIMIT = 200;

/** The `standpoint/statements` request behind a tie or a node, with the view's filters and duplicate rule. */
export function statementsParams(options: ViewOptions, query: StatementsQuery, article?: string): StatementsParams {
  const target = 'tie' in query ? { tie: { type: options.type, source: query.tie.source, target: query.tie.target } } : { node: { key: query.node.key, type: options.type } };
  return {
    ...filters(options, article),
    ...(options.duplicates !== 'include' ? { duplicates: options.duplicates } : {}),
    ...(options.aggregate !== 'ignore' ? { aggregate: options.aggregate } : {}),
    ...target,
    limit: STATEMENTS_LIMIT,
  };
}
