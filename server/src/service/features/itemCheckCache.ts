import type { Annotation } from '../model/annotationFile';
import type { Article } from '../model/article';
import type { CodebookModel } from '../model/codebook';
import type { Problem } from '../problems';
import type { SegmentationOptions, SentenceSpan } from '../segmentation';
import type { ResolvedAnnotation } from './resolution';
import { CrossAnnotationMemo } from './crossAnnotationChecks';

/**
 * Results of the per-annotation checks of one file, kept between checks: an
 * annotation whose text did not change is not checked again while the
 * article, codebook and segmentation stay the same (typing in one annotation
 * re-checks that one only). Problem spans are stored relative to the item.
 */
export class ItemCheckCache {
  private codebook: CodebookModel | undefined;
  private segmentation = '';
  private hadArticle = false;
  private byOrigin = new Map<object, CachedItem>();
  private next = new Map<object, CachedItem>();
  /** Built only when many items lost their identity (a full re-parse): results by item text. */
  private byText: Map<string, CachedItem> | undefined;
  private misses = 0;
  /** The findings across annotations of the last check (crossAnnotationChecks.ts). */
  readonly acrossAnnotations = new CrossAnnotationMemo();

  /** Starts a check; forgets everything if the codebook or segmentation changed (an article edit keeps what does not depend on it). */
  begin(article: Article | undefined, codebook: CodebookModel | undefined, segmentation: SegmentationOptions): void {
    const key = `${segmentation.hardWrapped ? 'w' : 'l'}|${(segmentation.abbreviations ?? []).join('\u0000')}`;
    if (codebook !== this.codebook || key !== this.segmentation || (article !== undefined) !== this.hadArticle) this.byOrigin.clear();
    this.codebook = codebook;
    this.segmentation = key;
    this.hadArticle = article !== undefined;
    this.next = new Map();
    this.byText = undefined;
    this.misses = 0;
  }

  /** The cached result for an annotation, if still valid in this article. */
  get(annotation: Annotation, text: string, article: Article | undefined, sentences: readonly SentenceSpan[] | undefined): CachedItem | undefined {
    if (!annotation.valid) return undefined; // nothing to check (an item broken by a syntax error may read like one that was checked)
    let hit = this.byOrigin.get(annotation.origin);
    if (hit && !this.valid(hit, annotation, article, sentences)) hit = undefined;
    if (!hit && ++this.misses > 8) {
      // Many unknown items: the file was parsed afresh. Find results by text instead.
      this.byText ??= new Map([...this.byOrigin.values()].map((item) => [item.itemText, item]));
      const candidate = this.byText.get(text.slice(annotation.span.start, annotation.span.end));
      if (candidate && this.valid(candidate, annotation, article, sentences)) hit = candidate;
    }
    if (hit) this.next.set(annotation.origin, hit.computedWith === article ? hit : { ...hit, computedWith: article });
    return hit;
  }

  private valid(item: CachedItem, annotation: Annotation, article: Article | undefined, sentences: readonly SentenceSpan[] | undefined): boolean {
    if (item.computedWith === article) return true;
    if (item.wholeArticle) return false;
    return sentenceTextOf(annotation, article, sentences) === item.sentenceText;
  }

  keep(annotation: Annotation, item: CachedItem): void {
    this.next.set(annotation.origin, item);
  }

  /** Keeps only what this check used, so the cache never outgrows the file. */
  end(): void {
    this.byOrigin = this.next;
    this.next = new Map();
    this.byText = undefined;
  }
}

interface CachedItem {
  /** Problems with spans relative to the item's start. */
  readonly problems: readonly Problem[];
  /** Actors and stances, normalised, for finding duplicate annotations. */
  readonly signature: string;
  /** The sentence and quote found. Offsets are absolute when `wholeArticle`, else relative to the sentence's start (which may move). */
  readonly sentence?: SentenceSpan;
  readonly quoteMatch?: { readonly start: number; readonly end: number };
  /** The result depends on the whole article (quote alone, not found, no such sentence), not just on its sentence. */
  readonly wholeArticle: boolean;
  /** The annotated sentence's text the result was computed from. */
  readonly sentenceText: string;
  /** The article version it was computed or last confirmed with. */
  readonly computedWith: Article | undefined;
  /** The item's source text (found by it after a full re-parse). */
  readonly itemText: string;
}

export function sentenceTextOf(annotation: Annotation, article: Article | undefined, sentences: readonly SentenceSpan[] | undefined): string {
  const n = annotation.sentence?.value;
  const sentence = n !== undefined && sentences ? sentences[n - 1] : undefined;
  return sentence && article ? article.text.slice(sentence.start, sentence.end) : '';
}

/** Whether a result was reached from the annotated sentence alone. */
export function dependsOnWholeArticle(annotation: Annotation, result: ResolvedAnnotation, problems: readonly Problem[]): boolean {
  if (!annotation.sentence) return Boolean(annotation.quote);
  if (problems.some((p) => p.code === 'sentence-out-of-range' || p.code.startsWith('quote-'))) return true;
  return Boolean(annotation.quote && !result.quoteMatch);
}

/** A cached result placed in the current article: a sentence-relative quote moves with its sentence. */
export function placed(item: CachedItem, sentences: readonly SentenceSpan[] | undefined): { sentence?: SentenceSpan; quoteMatch?: { start: number; end: number } } {
  if (item.wholeArticle || !item.sentence || !sentences) return { sentence: item.sentence, quoteMatch: item.quoteMatch };
  const sentence = sentences[item.sentence.n - 1];
  const quoteMatch = item.quoteMatch && { start: sentence.start + item.quoteMatch.start, end: sentence.start + item.quoteMatch.end };
  return { sentence, quoteMatch };
}

export function shiftProblems(problems: readonly Problem[], delta: number): Problem[] {
  return problems.map((problem) => ({ ...problem, span: { start: problem.span.start + delta, end: problem.span.end + delta } }));
}
