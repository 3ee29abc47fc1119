import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import { truncate } from '../text/truncate';

export interface InlayHintOptions {
  /** Previews of the sentence after each `sentence: N` (default on). */
  readonly sentencePreviews?: boolean;
  /** Sentence numbers before each sentence of an article (default off). */
  readonly sentenceNumbers?: boolean;
}

const PREVIEW_LENGTH = 48;

function overlaps(range: Range, line: number): boolean {
  return line >= range.start.line && line <= range.end.line;
}

export async function inlayHints(index: WorkspaceIndex, uri: string, range: Range, options: InlayHintOptions = {}): Promise<InlayHint[]> {
  if (index.isAnnotationFile(uri)) {
    if (options.sentencePreviews === false) return [];
    const context = await index.annotationContext(uri);
    const article = context?.article?.article;
    if (!context || !article) return [];
    const sentences = article.sentences(context.segmentation);
    const hints: InlayHint[] = [];
    for (const annotation of context.model.annotations) {
      if (!annotation.sentence) continue;
      const position = context.model.lineMap.positionAt(annotation.sentence.span.end);
      if (!overlaps(range, position.line)) continue;
      const sentence = sentences[annotation.sentence.value - 1];
      if (!sentence) continue;
      const text = article.text.slice(sentence.start, sentence.end);
      hints.push({ position, label: truncate(text, PREVIEW_LENGTH), kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: text });
    }
    return hints;
  }
  if (index.isCodebook(uri) || !options.sentenceNumbers) return [];
  const [context] = await index.articleUsers(uri);
  const article = context?.article?.article;
  if (!article) return [];
  const hints: InlayHint[] = [];
  for (const sentence of article.sentences(context.segmentation)) {
    const position = article.lineMap.positionAt(sentence.start);
    if (overlaps(range, position.line)) hints.push({ position, label: `${sentence.n}`, paddingRight: true, tooltip: `Sentence ${sentence.n}` });
  }
  return hints;
}
