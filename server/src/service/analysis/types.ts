/**
 * The shapes the analysis layer computes and the output writers consume
 * (statements, mentions, networks). Plain data, no service objects: the CLI,
 * the LSP requests and the views pass them around as JSON.
 *
 * Column names and meanings follow the analysis contract (docs/analysis.md).
 */

/** The shapes that travel over the wire (statements, networks) are the protocol's: one definition for the server, the client and its views. */
export type { Statement, NetworkType, Aggregate, Normalization, DuplicateRule, ActorMode, NetworkOptions, NetworkNode, NetworkEdge, Network } from '../../../../protocol/analysis';

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
