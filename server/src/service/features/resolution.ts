import type { AnnotationContext } from '../workspaceIndex/context';
import { resolveAnnotation, type ResolvedAnnotation } from './annotationChecks';

const resolvedByContext = new WeakMap<AnnotationContext, readonly ResolvedAnnotation[]>();

/**
 * Where each annotation of a file points in its article. Contexts are rebuilt
 * whenever the file, its article or its codebook changes, so caching by
 * context object never serves a stale answer.
 */
export function resolvedAnnotations(context: AnnotationContext): readonly ResolvedAnnotation[] {
  let resolved = resolvedByContext.get(context);
  if (!resolved) {
    const article = context.article?.article;
    resolved = context.model.annotations.map((annotation) => resolveAnnotation(annotation, article, context));
    resolvedByContext.set(context, resolved);
  }
  return resolved;
}

/** Records what a check already resolved, so hovers and decorations need not resolve again. */
export function rememberResolved(context: AnnotationContext, resolved: readonly ResolvedAnnotation[]): void {
  resolvedByContext.set(context, resolved);
}

/** The annotations of a file that tag sentence `n`. */
export function annotationsOfSentence(context: AnnotationContext, n: number): ResolvedAnnotation[] {
  return resolvedAnnotations(context).filter((r) => r.sentence?.n === n);
}
