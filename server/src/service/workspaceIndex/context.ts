/**
 * What the workspace index hands to the features: an annotation file with
 * everything it refers to, resolved, and the limits reading works within.
 * Its own module so that summaries (summary.ts) and the index can both use it
 * without importing each other.
 */
import type { Article } from '../model/article';
import type { AnnotationFileModel } from '../model/annotationFile';
import type { CodebookModel } from '../model/codebook';
import type { Located } from '../model/yamlReader';
import type { SegmentationOptions } from '../segmentation';
import type { ReadResult, ResolvedReference } from '../workspace';

export interface ServiceLimits {
  /** Articles larger than this are refused with a diagnostic. */
  readonly maxArticleBytes: number;
  /** Annotation files and codebooks larger than this are refused with a diagnostic. */
  readonly maxYamlBytes: number;
}

export const DEFAULT_LIMITS: ServiceLimits = { maxArticleBytes: 4 * 1024 * 1024, maxYamlBytes: 8 * 1024 * 1024 };

/** A missing path that YAML cut at ` #` (see pathCutAtComment): the path with the rest of its line, and whether that file exists. */
export interface UncutPath {
  readonly value: string;
  /** Where the uncut path ends in the annotation file (it starts where the value does). */
  readonly end: number;
  readonly exists: boolean;
}

export interface ArticleLink {
  readonly written: Located<string>;
  readonly reference: ResolvedReference;
  /** Undefined when the reference points outside the workspace (it is never read). */
  readonly result?: ReadResult;
  readonly article?: Article;
  readonly uncut?: UncutPath;
}

export interface CodebookLink {
  /** The `codebook:` value, when the file names one. */
  readonly written?: Located<string>;
  readonly reference?: ResolvedReference;
  readonly uri?: string;
  readonly result?: ReadResult;
  readonly model?: CodebookModel;
  readonly uncut?: UncutPath;
}

/** An annotation file with everything it refers to, resolved. */
export interface AnnotationContext {
  readonly uri: string;
  readonly model: AnnotationFileModel;
  readonly article?: ArticleLink;
  readonly codebook: CodebookLink;
  readonly segmentation: SegmentationOptions;
  /** Files whose change alters this context: article, codebook, codebook candidates. */
  readonly dependencies: readonly string[];
}
