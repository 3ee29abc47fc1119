import type { Location, Position } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import type { AnnotationContext } from '../workspaceIndex/context';
import type { CodebookModel } from '../model/codebook';
import { resolveAnnotation } from './resolution';
import { locateInAnnotationFile, locateInCodebook } from './locate';

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Go to definition: sentence and quote → the article text; paths → the file; ids → the codebook entry. */
export async function definition(index: WorkspaceIndex, uri: string, position: Position): Promise<Location[]> {
  if (index.isAnnotationFile(uri)) {
    const context = await index.annotationContext(uri);
    return context ? annotationDefinition(context, position) : [];
  }
  if (index.isCodebook(uri)) {
    const { model } = await index.codebookModel(uri);
    if (!model) return [];
    const target = locateInCodebook(model, model.lineMap.offsetAt(position));
    if (target?.kind === 'affiliation') return entryLocation(uri, model, target.id);
  }
  return [];
}

function annotationDefinition(context: AnnotationContext, position: Position): Location[] {
  const target = locateInAnnotationFile(context.model, context.model.lineMap.offsetAt(position));
  if (!target) return [];
  const codebook = context.codebook;
  switch (target.kind) {
    case 'article':
      return context.article?.article ? [{ uri: context.article.reference.uri, range: FILE_START }] : [];
    case 'codebook':
      return codebook.model && codebook.uri ? [{ uri: codebook.uri, range: FILE_START }] : [];
    case 'sentence':
    case 'quote': {
      const article = context.article?.article;
      if (!article || !context.article) return [];
      const resolved = resolveAnnotation(target.annotation, article, context);
      const articleUri = context.article.reference.uri;
      if (target.kind === 'quote' && resolved.quoteMatch) return [{ uri: articleUri, range: article.lineMap.rangeOf(resolved.quoteMatch) }];
      const sentence = target.kind === 'sentence' ? article.sentences(context.segmentation)[target.value.value - 1] : resolved.sentence;
      return sentence ? [{ uri: articleUri, range: article.lineMap.rangeOf(sentence) }] : [];
    }
    case 'actor':
    case 'target':
      return codebook.model && codebook.uri ? entryLocation(codebook.uri, codebook.model, target.value.value) : [];
    case 'stance': {
      const stance = codebook.model?.stances.get(target.value.value);
      return stance?.keySpan && codebook.uri ? [{ uri: codebook.uri, range: codebook.model!.lineMap.rangeOf(stance.keySpan) }] : [];
    }
  }
}

/** The codebook entry (actor or topic) with this id. */
export function entryLocation(uri: string, model: CodebookModel, id: string): Location[] {
  const entry = model.actors.get(id) ?? model.topics.get(id);
  return entry ? [{ uri, range: model.lineMap.rangeOf(entry.keySpan) }] : [];
}
