/**
 * What the service may know about an article's earlier text: the text an
 * annotation file was written against, when the article changed outside the
 * editor since (docs/sentences.md, "When the article changes"). The service
 * stays pure: the language server and the CLI implement this over git and
 * Standpoint's own record (server/src/node/), tests in memory.
 */

/** An earlier text of an article that an annotation file agreed with. */
export interface EarlierArticle {
  readonly text: string;
  /** Where it comes from: git (the article as of the annotation file's last commit), or the record of the last clean check. */
  readonly source: 'git' | 'record';
  /** For messages, after "the article has changed since": "this file's last commit (1a2b3c4)", "this file's last clean check". */
  readonly since: string;
  /**
   * Whether this text is what an annotation was written against, by its
   * anchor (see `annotationAnchor`): the record knows only the annotations it
   * saw; an annotation changed since then is taken as written. Absent: every
   * annotation of the file (git: the file is unchanged since its commit).
   */
  readonly covers?: (anchor: string) => boolean;
  /**
   * The segmentation the annotations were numbered with then (see
   * `segmentationKey`), when known: under other options the numbers are not
   * comparable, and this text is not used.
   */
  readonly segmentation?: string;
}

export interface EarlierArticleQuery {
  readonly annotationUri: string;
  readonly articleUri: string;
  /** The annotation file's text as the service reads it now (open editor text, else disk; no BOM). */
  readonly annotationText: () => Promise<string | undefined>;
  /** The article's text as the service reads it now. */
  readonly articleText: () => Promise<string | undefined>;
}

/** Annotations that agree with an article text (a clean check, or git's earlier text): what the record keeps. */
export interface CleanCheck {
  readonly annotationUri: string;
  readonly articleUri: string;
  readonly segmentation: string;
  /** The anchors of the annotations whose sentence and quote held (no sentence or quote problem). */
  readonly anchors: readonly string[];
  /** The article's text at that check (read only if the record needs it). */
  readonly articleText: () => Promise<string | undefined>;
  /**
   * True when that text is an earlier one (what git knew when it showed
   * sentences moved), not the article file as it is now: its identity comes
   * from the text, never from the file's stamp.
   */
  readonly earlier?: boolean;
}

/** Annotations whose numbers Standpoint changed, by their anchors before and after. */
export interface FixedAnchors {
  readonly before: readonly string[];
  readonly after: readonly string[];
}

export interface FixedCheck extends FixedAnchors {
  readonly annotationUri: string;
  readonly articleUri: string;
  readonly segmentation: string;
  /** The article's text now (read only if the record needs it). */
  readonly articleText: () => Promise<string | undefined>;
}

export interface ArticleHistory {
  /**
   * The earlier texts of the article this annotation file agreed with, most
   * recent knowledge first (each annotation takes the first that covers it);
   * none when nothing is known or the article is unchanged since.
   */
  earlierArticles(query: EarlierArticleQuery): Promise<readonly EarlierArticle[]>;
  /** Told after a check in which no sentence of the file had moved (the record is updated from it). */
  recordClean?(check: CleanCheck): void;
  /**
   * Told after Standpoint itself changed sentence numbers (`check --fix`, a
   * quick fix, the editor's update): those annotations agree with the
   * article as it is now, under their new anchors (an old anchor may equal a
   * new one of another annotation: without this, the record could not tell
   * them apart).
   */
  recordFixed?(fixed: FixedCheck): void;
  /** Told once the workspace is indexed, with every annotation file and its article: lets a history look them all up at once. */
  prepare?(pairs: readonly { readonly annotationUri: string; readonly articleUri: string }[]): Promise<void>;
}
