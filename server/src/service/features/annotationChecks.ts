import { giveWay, type Pacing } from '../pacing';
import type { Problem } from '../problems';
import { type AnnotationContext, DEFAULT_LIMITS, type ServiceLimits } from '../workspaceIndex/context';
import { annotationSignature, checkAcrossAnnotations } from './crossAnnotationChecks';
import { checkIds } from './idChecks';
import { dependsOnWholeArticle, ItemCheckCache, placed, sentenceTextOf, shiftProblems } from './itemCheckCache';
import { checkArticleLink, checkCodebookLink } from './linkChecks';
import { checkMentions } from './mentions';
import { rememberResolved, resolveAnnotation, type ResolvedAnnotation } from './resolution';

/**
 * All problems of one annotation file, in the order they are reported: its own (syntax,
 * schema), its article's and codebook's (linkChecks.ts), each annotation's (resolution.ts,
 * idChecks.ts, mentions.ts; kept between checks by itemCheckCache.ts), then those across
 * annotations (crossAnnotationChecks.ts). With `pacing`, long files give way to
 * other work every few milliseconds.
 */
export async function checkAnnotationFile(context: AnnotationContext, folders: readonly string[], limits: ServiceLimits = DEFAULT_LIMITS, cache?: ItemCheckCache, pacing?: Pacing): Promise<Problem[]> {
  const problems: Problem[] = [...context.model.problems];
  const article = checkArticleLink(context, folders, limits, problems);
  const codebook = checkCodebookLink(context, folders, problems);
  cache?.begin(article, codebook ?? context.codebook.model, context.segmentation);
  const resolved: ResolvedAnnotation[] = [];
  const signatures: string[] = [];
  const text = context.model.text;
  const sentences = article?.sentences(context.segmentation);
  const annotations = context.model.annotations;
  for (let i = 0; i < annotations.length; i++) {
    if ((i & 63) === 63) await giveWay(pacing);
    const annotation = annotations[i];
    let item = cache?.get(annotation, text, article, sentences);
    if (!item) {
      const itemProblems: Problem[] = [];
      const result = resolveAnnotation(annotation, article, context, itemProblems);
      checkIds(annotation, codebook, context, itemProblems);
      if (codebook) checkMentions(result, codebook, article, itemProblems);
      const whole = dependsOnWholeArticle(annotation, result, itemProblems);
      const base = result.sentence?.start ?? 0;
      item = {
        problems: shiftProblems(itemProblems, -annotation.span.start),
        signature: annotationSignature(annotation),
        sentence: result.sentence,
        quoteMatch: whole || !result.quoteMatch ? result.quoteMatch : { start: result.quoteMatch.start - base, end: result.quoteMatch.end - base },
        wholeArticle: whole,
        sentenceText: whole ? '' : sentenceTextOf(annotation, article, sentences),
        computedWith: article,
        itemText: text.slice(annotation.span.start, annotation.span.end),
      };
      cache?.keep(annotation, item);
    }
    problems.push(...shiftProblems(item.problems, annotation.span.start));
    resolved.push({ annotation, ...placed(item, sentences) });
    signatures.push(item.signature);
  }
  cache?.end();
  rememberResolved(context, resolved);
  await checkAcrossAnnotations(context, codebook, resolved, signatures, problems, cache?.acrossAnnotations, pacing);
  return problems;
}
