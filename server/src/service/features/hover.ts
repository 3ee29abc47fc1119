import type { Hover, Position } from 'vscode-languageserver-types';
import type { WorkspaceIndex, AnnotationContext } from '../index/workspaceIndex';
import type { Article } from '../model/article';
import type { SentenceSpan } from '../segmentation';
import { resolveAnnotation } from './annotationChecks';
import { locateInAnnotationFile, type AnnotationTarget } from './locate';
import { blockQuote, code, escapeMarkdown } from '../text/markdown';
import { basename } from '../workspace';

/** Hover in an annotation file: the sentence behind a number or quote. */
export async function hover(index: WorkspaceIndex, uri: string, position: Position): Promise<Hover | undefined> {
  if (!index.isAnnotationFile(uri)) return undefined;
  const context = await index.annotationContext(uri);
  if (!context) return undefined;
  const offset = context.model.lineMap.offsetAt(position);
  const target = locateInAnnotationFile(context.model, offset);
  if (!target) return undefined;
  const range = context.model.lineMap.rangeOf(target.value.span);
  const markdown = hoverMarkdown(context, target);
  return markdown ? { contents: { kind: 'markdown', value: markdown }, range } : undefined;
}

function hoverMarkdown(context: AnnotationContext, target: AnnotationTarget): string | undefined {
  switch (target.kind) {
    case 'sentence':
    case 'quote':
      return sentenceHover(context, target);
    default:
      return undefined;
  }
}

export function sentenceHeading(article: Article, articleUri: string, sentence: SentenceSpan, count: number): string {
  const line = article.lineMap.positionAt(sentence.start).line + 1;
  return `**Sentence ${sentence.n} of ${count}** · ${code(basename(articleUri))}, line ${line}`;
}

function sentenceHover(context: AnnotationContext, target: Extract<AnnotationTarget, { kind: 'sentence' | 'quote' }>): string | undefined {
  const article = context.article?.article;
  if (!article || !context.article) return undefined;
  const sentences = article.sentences(context.segmentation);
  const resolved = resolveAnnotation(target.annotation, article, context);
  const sentence = target.kind === 'sentence' ? sentences[target.value.value - 1] : resolved.sentence;
  if (!sentence) {
    if (target.kind === 'sentence') return `The article has ${sentences.length} sentences; there is no sentence ${target.value.value}.`;
    return 'The quote does not point at one sentence of the article (see the problem reported here).';
  }
  const heading = sentenceHeading(article, context.article.reference.uri, sentence, sentences.length);
  const match = resolved.quoteMatch && resolved.quoteMatch.start >= sentence.start && resolved.quoteMatch.end <= sentence.end ? resolved.quoteMatch : undefined;
  let body: string;
  if (target.kind === 'quote' && match) {
    body = `${escapeMarkdown(article.text.slice(sentence.start, match.start))}**${escapeMarkdown(article.text.slice(match.start, match.end))}**${escapeMarkdown(article.text.slice(match.end, sentence.end))}`;
  } else {
    body = escapeMarkdown(article.text.slice(sentence.start, sentence.end));
  }
  const note = target.kind === 'quote' && !match ? '\n\n*The quote is not in this sentence (see the problem reported here).*' : '';
  return `${heading}\n\n${blockQuote(body)}${note}`;
}
