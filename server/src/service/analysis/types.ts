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

/** The report's shapes travel over the wire (`standpoint/agreement`): they are the protocol's. */
export type {
  AgreementLevel,
  AgreementValue,
  AlphaFigure,
  PairFigure,
  AgreementArticle,
  AgreementPair,
  AgreementPlace,
  AgreementDisagreement,
  AgreementConflict,
  AgreementSkipped,
  AgreementMerged,
  AgreementReport,
} from '../../../../protocol/agreement';
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
