import type { Annotation, AnnotationFileModel, StanceEntry } from '../model/annotationFile';
import type { CodebookModel } from '../model/codebook';
import type { Located } from '../model/yamlReader';
import type { Span } from '../text/lineMap';

/** What the cursor is on in an annotation file. */
export type AnnotationTarget =
  | { readonly kind: 'article'; readonly value: Located<string> }
  | { readonly kind: 'codebook'; readonly value: Located<string> }
  | { readonly kind: 'sentence'; readonly annotation: Annotation; readonly value: Located<number> }
  | { readonly kind: 'quote'; readonly annotation: Annotation; readonly value: Located<string> }
  | { readonly kind: 'actor'; readonly annotation: Annotation; readonly value: Located<string>; readonly stance?: StanceEntry }
  | { readonly kind: 'target'; readonly annotation: Annotation; readonly value: Located<string>; readonly stance: StanceEntry }
  | { readonly kind: 'stance'; readonly annotation: Annotation; readonly value: Located<string>; readonly stance: StanceEntry };

/** What the cursor is on in a codebook. */
export type CodebookTarget =
  | { readonly kind: 'actor-key'; readonly id: string; readonly span: Span }
  | { readonly kind: 'topic-key'; readonly id: string; readonly span: Span }
  | { readonly kind: 'stance-key'; readonly id: string; readonly span: Span }
  | { readonly kind: 'affiliation'; readonly id: string; readonly span: Span };

export function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

export function annotationAt(model: AnnotationFileModel, offset: number): Annotation | undefined {
  let low = 0;
  let high = model.annotations.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const annotation = model.annotations[mid];
    if (offset < annotation.span.start) high = mid - 1;
    else if (offset > annotation.span.end) low = mid + 1;
    else return annotation;
  }
  return undefined;
}

export function locateInAnnotationFile(model: AnnotationFileModel, offset: number): AnnotationTarget | undefined {
  if (model.article && contains(model.article.span, offset)) return { kind: 'article', value: model.article };
  if (model.codebook && contains(model.codebook.span, offset)) return { kind: 'codebook', value: model.codebook };
  const annotation = annotationAt(model, offset);
  if (!annotation) return undefined;
  if (annotation.sentence && contains(annotation.sentence.span, offset)) return { kind: 'sentence', annotation, value: annotation.sentence };
  if (annotation.quote && contains(annotation.quote.span, offset)) return { kind: 'quote', annotation, value: annotation.quote };
  for (const actor of annotation.actors) if (contains(actor.span, offset)) return { kind: 'actor', annotation, value: actor };
  for (const stance of annotation.stances) {
    if (stance.actor && contains(stance.actor.span, offset)) return { kind: 'actor', annotation, value: stance.actor, stance };
    if (stance.toward && contains(stance.toward.span, offset)) return { kind: 'target', annotation, value: stance.toward, stance };
    if (stance.stance && contains(stance.stance.span, offset)) return { kind: 'stance', annotation, value: stance.stance, stance };
  }
  return undefined;
}

export function locateInCodebook(model: CodebookModel, offset: number): CodebookTarget | undefined {
  for (const actor of model.actors.values()) {
    if (contains(actor.keySpan, offset)) return { kind: 'actor-key', id: actor.id, span: actor.keySpan };
    if (actor.affiliation && contains(actor.affiliation.span, offset)) return { kind: 'affiliation', id: actor.affiliation.value, span: actor.affiliation.span };
  }
  for (const topic of model.topics.values()) if (contains(topic.keySpan, offset)) return { kind: 'topic-key', id: topic.id, span: topic.keySpan };
  for (const stance of model.stances.values()) if (stance.keySpan && contains(stance.keySpan, offset)) return { kind: 'stance-key', id: stance.id, span: stance.keySpan };
  return undefined;
}
