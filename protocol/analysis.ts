/**
 * The analysis requests editors build their views from (analysis contract §5):
 * statements and networks with the CLI's options, as JSON, and a notification
 * when their results may have changed. The shapes of statements and networks
 * live here, not in the server, because they travel over the wire: the server
 * (server/src/service/analysis/types.ts re-exports them), the VS Code client
 * and its webview pages all compile against this one file.
 *
 * Pure data and types: no vscode, no node, no LSP library beyond its types.
 */
import type { Location, Range } from 'vscode-languageserver-types';
import { notification, request } from './protocol';

// ---------------------------------------------------------------------------
// Statements and networks (docs/analysis.md)

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

export type NetworkType = 'affiliation' | 'congruence' | 'conflict' | 'subtract' | 'co-occurrence' | 'co-mention';
export type Aggregate = 'ignore' | 'subtract' | 'combine';
export type Normalization = 'none' | 'average' | 'jaccard' | 'cosine' | 'activity' | 'prominence';
export type DuplicateRule = 'include' | 'article' | 'week' | 'month' | 'year' | 'all';
export type ActorMode = 'as-coded' | 'affiliation';

/** Every value of each option, in the order the CLI's help lists them. */
export const NETWORK_TYPES: readonly NetworkType[] = ['affiliation', 'congruence', 'conflict', 'subtract', 'co-occurrence', 'co-mention'];
export const AGGREGATES: readonly Aggregate[] = ['ignore', 'subtract', 'combine'];
export const DUPLICATE_RULES: readonly DuplicateRule[] = ['include', 'article', 'week', 'month', 'year', 'all'];
export const ACTOR_MODES: readonly ActorMode[] = ['as-coded', 'affiliation'];
/** The normalisations a network type allows (analysis contract §2): one-mode and two-mode ones differ. */
export const ONE_MODE_NORMALIZATIONS: readonly Normalization[] = ['none', 'average', 'jaccard', 'cosine'];
export const TWO_MODE_NORMALIZATIONS: readonly Normalization[] = ['none', 'activity', 'prominence'];

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
  /**
   * Unique within the network. The codebook id, except that in a two-mode network a target that is an actor
   * always has the key `target:<id>` (ids never contain `:`), so it never collides with the actor's own node
   * and keeps one key whatever the filters leave in.
   */
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

// ---------------------------------------------------------------------------
// The requests (analysis contract §5). Option names and values are the CLI's.

/** Which statements count; every field absent = the whole workspace, every coder, every date. */
export interface AnalysisFilters {
  /** Inclusive, ISO 8601 date or date-time (`--from`). With a date filter, statements of undated articles are left out. */
  readonly from?: string;
  /** Inclusive (`--to`); a date includes the whole day. */
  readonly to?: string;
  /** Only these coders' annotation files (`--coder`); `""` stands for files without `coder:`. Empty or absent: every coder. */
  readonly coders?: readonly string[];
  /** `--actors`; default `as-coded`. */
  readonly actors?: ActorMode;
  /** `--actor-type`: only statements whose (rolled-up) actor has one of these types. */
  readonly actorTypes?: readonly string[];
  /** Only the annotation files of these articles (URIs); absent = the whole workspace. */
  readonly articles?: readonly string[];
}

export interface NetworkParams extends AnalysisFilters {
  readonly type: NetworkType;
  readonly aggregate?: Aggregate;
  readonly normalize?: Normalization;
  readonly duplicates?: DuplicateRule;
  readonly minWeight?: number;
}

/** Statements left out and why. */
export interface LeftOut {
  readonly total: number;
  /**
   * Counts by reason (docs/analysis.md, "Statements and mentions"). Invalid statements: `noArticle`,
   * `unresolvedSentence`, `unresolvedQuote`, `noCodebook`, `incompleteStance`, `unknownActor`,
   * `unknownTarget`, `unknownStance`. Left out by the filters: `coder`, `undated` (a date filter is
   * given), `outsideDates`, `actorType`. Views show a reason they do not know as given.
   */
  readonly reasons: Readonly<Record<string, number>>;
}

/** What the workspace has, whatever the filters: to fill a view's controls. */
export interface AnalysisFacets {
  /** Coders of the annotation files, sorted; `""` for files without `coder:`. */
  readonly coders: readonly string[];
  /** Actor types of the codebook(s), sorted. */
  readonly actorTypes: readonly string[];
  /** The earliest and latest `document.date` (ISO 8601, as written). */
  readonly firstDate?: string;
  readonly lastDate?: string;
}

export interface NetworkResult {
  readonly network: Network;
  readonly leftOut: LeftOut;
  /** Sentences the CLI prints on stderr (e.g. several coders counted in one article), for the view to show. */
  readonly notices: readonly string[];
  readonly facets: AnalysisFacets;
}

export interface StatementsParams extends AnalysisFilters {
  readonly duplicates?: DuplicateRule;
  /** With `ignore`, the duplicate rule does not compare stances (as for networks). */
  readonly aggregate?: Aggregate;
  /**
   * The statements behind one tie of a network of this type (node keys as in NetworkResult):
   * two-mode, the actor's statements toward the target; `congruence`, `conflict`, `subtract`,
   * `co-occurrence`, both actors' statements toward the targets whose term adds to the tie (so as
   * many as the edge's `statements`); `co-mention`, the statements of the annotations that involve both.
   */
  readonly tie?: { readonly type: NetworkType; readonly source: string; readonly target: string };
  /** The statements one node of a network of this type takes part in: as actor, or (two-mode) as target. */
  readonly node?: { readonly key: string; readonly type: NetworkType };
  /** At most this many statements in `statements` (document order; at most 10,000); `total` counts them all. Neither tie nor node: every statement. */
  readonly limit?: number;
}

export interface LocatedStatement extends Statement {
  /** The stance entry in the annotation file. */
  readonly location: Location;
  /** The sentence in the article. */
  readonly sentenceLocation?: Location;
}

export interface StatementsResult {
  readonly statements: readonly LocatedStatement[];
  /** Statements matching, before `limit`. */
  readonly total: number;
  readonly leftOut: LeftOut;
}

/**
 * A network as a file of `standpoint export network`, written by the server's
 * own writers so that the view's export is byte for byte what the CLI writes.
 */
export type NetworkFileFormat = 'graphml' | 'gexf' | 'csv' | 'matrix' | 'json';
export interface ExportNetworkParams {
  readonly params: NetworkParams;
  readonly format: NetworkFileFormat;
}
export interface ExportNetworkResult {
  readonly text: string;
}

export interface AnalysisChangedParams {
  /** Increases with every change; a view that asked at an older version asks again. */
  readonly version: number;
}

// ---------------------------------------------------------------------------
// The codebook, as a tree of entries with their uses (the Explorer's codebook view).

export interface CodebookEntrySummary {
  readonly id: string;
  /** `name` of an actor, `label` of a topic; absent when the codebook gives none. */
  readonly label?: string;
  readonly kind: 'actor' | 'topic';
  /** An actor's `type`. */
  readonly type?: string;
  /** An actor's `affiliation` (an actor id). */
  readonly affiliation?: string;
  /** Annotations that use it (as actor, stance actor or target; an annotation counts once), as the code lens says. */
  readonly uses: number;
  /** The entry's key in the codebook. */
  readonly range: Range;
}

export interface CodebookSummary {
  readonly uri: string;
  readonly actors: readonly CodebookEntrySummary[];
  readonly topics: readonly CodebookEntrySummary[];
}

export interface CodebookSummaryResult {
  /** Every codebook of the workspace, by URI. */
  readonly codebooks: readonly CodebookSummary[];
}

/** The network of the workspace (or of some articles) with the CLI's options. */
export const NETWORK_REQUEST = request<NetworkParams, NetworkResult>('standpoint/network');
/** The statements behind a tie or a node (or all of them, with neither), each with where it is. */
export const STATEMENTS_REQUEST = request<StatementsParams, StatementsResult>('standpoint/statements');
/** A network as the text of an export file (the view's GraphML and CSV buttons). */
export const EXPORT_NETWORK_REQUEST = request<ExportNetworkParams, ExportNetworkResult>('standpoint/exportNetwork');
/** Every codebook's entries with their uses (the Explorer's codebook view). */
export const CODEBOOK_SUMMARY_REQUEST = request<Record<string, never>, CodebookSummaryResult>('standpoint/codebookSummary');
/** Server → client, after each batch of checks that re-checked files (their statements may have changed): views ask again. */
export const ANALYSIS_CHANGED_NOTIFICATION = notification<AnalysisChangedParams>('standpoint/analysisChanged');
