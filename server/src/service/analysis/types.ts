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
  /** The actor's `affiliation` (its direct parent), if any. */
  readonly actorAffiliation?: string;
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
// Agreement between coders (analysis contract §4; docs/agreement.md)

/** The four levels at which coders are compared, in report order. */
export type AgreementLevel = 'sentences' | 'actors' | 'stances' | 'polarity';

/** One stance entry, as the agreement computation needs it. Only valid statements (analysis contract §1) belong here. */
export interface AgreementStanceInput {
  readonly actor: string;
  readonly toward: string;
  readonly stance: string;
  readonly polarity: number;
  /** 1-based line of the stance entry in its annotation file. */
  readonly line: number;
}

/** One annotation whose sentence resolved. */
export interface AgreementAnnotationInput {
  /** 1-based sentence number. */
  readonly sentence: number;
  /** 1-based line of the annotation's first line. */
  readonly line: number;
  /** The actors it involves (`actors`); the stance actors are added to these by the computation. */
  readonly actors: readonly string[];
  readonly stances: readonly AgreementStanceInput[];
}

/** One annotation file of an article. */
export interface AgreementFileInput {
  /** Path relative to the workspace, `/` separators. */
  readonly file: string;
  /** The file's `coder:`; undefined for the unnamed coder. */
  readonly coder?: string;
  readonly annotations: readonly AgreementAnnotationInput[];
}

/** One article and every annotation file that annotates it. */
export interface AgreementArticleInput {
  /** Path relative to the workspace, `/` separators. */
  readonly article: string;
  /** Number of sentences of the article. */
  readonly sentences: number;
  readonly files: readonly AgreementFileInput[];
}

/** A coder's value at a level: 1/0 (sentences, actors), a stance id (stances), a polarity (polarity); null: missing. */
export type AgreementValue = number | string | null;

/** Krippendorff's alpha at one level, over the corpus or one article. */
export interface AlphaFigure {
  /** Null when undefined; `reason` says why. */
  readonly alpha: number | null;
  /** Number of units built at this level. */
  readonly units: number;
  /** Krippendorff's n: the values in units that have values from two or more coders. */
  readonly pairable: number;
  /** Observed agreement, a proportion 0…1: the share of pairs of values (two coders' values for one unit) that are equal; null when nothing is pairable. */
  readonly agreement: number | null;
  readonly reason?: string;
}

/** Two coders at one level, over the units both coded. */
export interface PairFigure {
  /** Proportion 0…1 of those units on which they gave the same value; null without units. */
  readonly agreement: number | null;
  /** Cohen's kappa (polarity: weighted with quadratic weights); null when undefined, `reason` says why. */
  readonly kappa: number | null;
  /** Units both coders coded. */
  readonly units: number;
  readonly reason?: string;
}

export interface AgreementArticle {
  readonly article: string;
  /** The compared coders of this article. */
  readonly coders: readonly string[];
  /** Their annotation files. */
  readonly files: readonly string[];
  readonly sentences: AlphaFigure;
  readonly actors: AlphaFigure;
  readonly stances: AlphaFigure;
  readonly polarity: AlphaFigure;
}

export interface AgreementPair {
  readonly coders: readonly [string, string];
  /** Number of compared articles both coded. */
  readonly articles: number;
  readonly sentences: PairFigure;
  readonly actors: PairFigure;
  readonly stances: PairFigure;
  readonly polarity: PairFigure;
}

/** Where a value came from: an annotation (sentences, actors) or a stance entry (stances). */
export interface AgreementPlace {
  readonly file: string;
  readonly line: number;
  readonly coder: string;
}

/** One unit on which the coders who gave a value did not all give the same one. */
export interface AgreementDisagreement {
  readonly article: string;
  /** `polarity` only when the stances are equal but their polarities are not (see docs/agreement.md). */
  readonly level: AgreementLevel;
  readonly sentence: number;
  readonly actor?: string;
  readonly target?: string;
  /** Every compared coder of the article; null when the coder gave no value. */
  readonly values: Readonly<Record<string, AgreementValue>>;
  /** Stance units: each coder's polarity as well. */
  readonly polarities?: Readonly<Record<string, number | null>>;
  readonly places: readonly AgreementPlace[];
}

/** A coder who gave one (sentence, actor, target) two different stances: the unit counts as missing for that coder. */
export interface AgreementConflict {
  readonly article: string;
  readonly coder: string;
  readonly sentence: number;
  readonly actor: string;
  readonly target: string;
  readonly stances: readonly string[];
  readonly places: readonly AgreementPlace[];
}

/** An article not compared: fewer than two compared coders annotated it. */
export interface AgreementSkipped {
  readonly article: string;
  readonly coders: readonly string[];
}

/** Several annotation files of one article by the same coder, taken together as that coder's work. */
export interface AgreementMerged {
  readonly article: string;
  readonly coder: string;
  readonly files: readonly string[];
}

/** The report of `standpoint agree` (analysis contract §4), plus what was skipped, merged and self-conflicting. */
export interface AgreementReport {
  readonly coders: readonly string[];
  readonly corpus: Readonly<Record<AgreementLevel, AlphaFigure>>;
  readonly articles: readonly AgreementArticle[];
  readonly pairs: readonly AgreementPair[];
  readonly disagreements: readonly AgreementDisagreement[];
  readonly conflicts: readonly AgreementConflict[];
  readonly skipped: readonly AgreementSkipped[];
  readonly merged: readonly AgreementMerged[];
  /** Annotations left out because their sentence is not one of the article's (should not happen with resolved input). */
  readonly outOfRange: number;
}

/** One stance of an annotation, by codebook ids (for the W3C export). */
export interface AnnotationStance {
  readonly actor: string;
  readonly stance: string;
  readonly toward: string;
}

/** One annotation as the W3C Web Annotation export needs it. Plain data. */
export interface AnnotationRecord {
  /** The annotation file's path relative to the workspace, `/` separators. */
  readonly file: string;
  /** The annotation's `id`, else its 1-based index in the file (as text). */
  readonly annotation: string;
  /** The annotation file's `coder:`; undefined for the unnamed coder. */
  readonly coder?: string;
  /** 1-based sentence number. */
  readonly sentence: number;
  /** Code points into the article text after its BOM: of the quote, else of the sentence. End is exclusive. */
  readonly start: number;
  readonly end: number;
  /** Ids of every actor the annotation involves (`actors` plus the stance actors). */
  readonly actors: readonly string[];
  readonly stances: readonly AnnotationStance[];
  readonly note?: string;
}

/** An article with its text and the annotations on it (the W3C export cuts quotes, prefixes and suffixes from the text). */
export interface AnnotatedArticle {
  /** The article's path relative to the workspace, `/` separators. */
  readonly article: string;
  /** The article text as decoded; a leading BOM is ignored (offsets count after it). */
  readonly text: string;
  readonly annotations: readonly AnnotationRecord[];
}
