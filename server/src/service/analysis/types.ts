/**
 * The shapes the analysis layer computes and the output writers consume
 * (statements, mentions, networks). Plain data, no service objects: the CLI,
 * the LSP requests and the views pass them around as JSON.
 *
 * Column names and meanings follow the analysis contract (docs/analysis.md).
 */

/** Facts about an article, read from the `document:` key of its annotation files. */
export interface DocumentInfo {
  readonly title?: string;
  /** ISO 8601 date or date-time, as written. */
  readonly date?: string;
  readonly source?: string;
  readonly author?: string;
  readonly url?: string;
  readonly section?: string;
}

/** One entry of an annotation's `stances`: an actor's stance toward a target in one sentence. */
export interface Statement {
  /** The article's path relative to the workspace, `/` separators. */
  readonly article: string;
  readonly title?: string;
  readonly date?: string;
  readonly source?: string;
  /** The annotation file's `coder:`; undefined for the unnamed coder. */
  readonly coder?: string;
  /** The annotation file's path relative to the workspace, `/` separators. */
  readonly file: string;
  /** 1-based line of the stance entry in the annotation file. */
  readonly line: number;
  /** The annotation's `id`, else its 1-based index in the file (as text). */
  readonly annotation: string;
  /** 1-based sentence number. */
  readonly sentence: number;
  readonly sentenceText: string;
  readonly quote?: string;
  /** Code points into the article text after its BOM: of the quote, else of the sentence. End is exclusive. */
  readonly start: number;
  readonly end: number;
  readonly actor: string;
  readonly actorName: string;
  readonly actorType: string;
  /** The actor's `affiliation` (its direct parent), if any. */
  readonly actorAffiliation?: string;
  readonly toward: string;
  readonly towardLabel: string;
  readonly towardKind: 'topic' | 'actor';
  readonly stance: string;
  readonly polarity: number;
  readonly note?: string;
}

/** One actor involved in an annotation (`actors` plus the stance actors). */
export interface Mention {
  readonly article: string;
  readonly title?: string;
  readonly date?: string;
  readonly source?: string;
  readonly coder?: string;
  readonly file: string;
  /** 1-based line of the annotation's first line. */
  readonly line: number;
  readonly annotation: string;
  readonly sentence: number;
  readonly actor: string;
  readonly actorName: string;
  readonly actorType: string;
}

export type NetworkType = 'affiliation' | 'congruence' | 'conflict' | 'subtract' | 'co-occurrence' | 'co-mention';
export type Aggregate = 'ignore' | 'subtract' | 'combine';
export type Normalization = 'none' | 'average' | 'jaccard' | 'cosine' | 'activity' | 'prominence';
export type DuplicateRule = 'include' | 'article' | 'week' | 'month' | 'year' | 'all';
export type ActorMode = 'as-coded' | 'affiliation';

export interface NetworkOptions {
  readonly type: NetworkType;
  /** Two-mode only; default `ignore`. */
  readonly aggregate?: Aggregate;
  /** Default `none`. One-mode: average, jaccard, cosine; two-mode: activity, prominence. */
  readonly normalize?: Normalization;
  /** Default `include`. */
  readonly duplicates?: DuplicateRule;
  /** Ties with a weight whose absolute value is below this are not written (zero-weight ties never are). */
  readonly minWeight?: number;
}

export interface NetworkNode {
  /** Unique within the network. The codebook id, except that a target which is also an actor node in a two-mode network gets a distinct key. */
  readonly key: string;
  /** The codebook id. */
  readonly id: string;
  readonly label: string;
  readonly mode: 'actor' | 'target';
  /** The actor's type, or `topic`. */
  readonly type: string;
  readonly affiliation?: string;
  /** Number of statements the node takes part in (after filters and the duplicate rule). */
  readonly frequency: number;
}

export interface NetworkEdge {
  /** Node keys. In a two-mode network the source is the actor and the target the target. */
  readonly source: string;
  readonly target: string;
  readonly weight: number;
  /** Number of statements behind the tie. */
  readonly statements: number;
  /** Two-mode: how many of those statements have positive, negative and zero polarity (for colouring by sign). */
  readonly positive?: number;
  readonly negative?: number;
  readonly zero?: number;
}

export interface Network {
  readonly options: Required<Omit<NetworkOptions, 'minWeight'>> & { readonly minWeight: number };
  readonly twoMode: boolean;
  readonly nodes: readonly NetworkNode[];
  readonly edges: readonly NetworkEdge[];
}
