import type { Location, Position } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import { locateInAnnotationFile, locateInCodebook } from './locate';
import { codebookUsage, useLocation } from './usage';
import { annotationsOfSentence } from './resolution';
import { throwIfCancelled, type CancellationSignal } from '../cancellation';

/** The id under the cursor and the codebook it belongs to, in an annotation file or a codebook. */
export async function idAt(index: WorkspaceIndex, uri: string, position: Position): Promise<{ id: string; codebookUri: string } | undefined> {
  if (index.isAnnotationFile(uri)) {
    const context = await index.annotationContext(uri);
    if (!context?.codebook.uri || !context.codebook.model) return undefined;
    const target = locateInAnnotationFile(context.model, context.model.lineMap.offsetAt(position));
    if (target?.kind === 'actor' || target?.kind === 'target') return { id: target.value.value, codebookUri: context.codebook.uri };
    return undefined;
  }
  if (index.isCodebook(uri)) {
    const { model } = await index.codebookModel(uri);
    if (!model) return undefined;
    const target = locateInCodebook(model, model.lineMap.offsetAt(position));
    if (target && target.kind !== 'stance-key') return { id: target.id, codebookUri: uri };
  }
  return undefined;
}

/** Every place an id is used: annotations across the workspace, affiliations in the codebook, and (optionally) its entry. */
export async function idLocations(index: WorkspaceIndex, codebookUri: string, id: string, includeDeclaration: boolean, token?: CancellationSignal): Promise<Location[]> {
  // Files not indexed yet are resolved first; a cancelled request stops between two of them.
  await index.resolveAll(() => throwIfCancelled(token));
  const { model } = await index.codebookModel(codebookUri);
  throwIfCancelled(token);
  const locations: Location[] = [];
  const entry = model?.actors.get(id) ?? model?.topics.get(id);
  if (includeDeclaration && entry && model) locations.push({ uri: codebookUri, range: model.lineMap.rangeOf(entry.keySpan) });
  for (const actor of model?.actors.values() ?? []) {
    if (actor.affiliation?.value === id) locations.push({ uri: codebookUri, range: model!.lineMap.rangeOf(actor.affiliation.span) });
  }
  const usage = await codebookUsage(index, codebookUri);
  throwIfCancelled(token);
  for (const use of usage.usesOf(id)) locations.push(useLocation(use));
  return locations;
}

/** Find references: on an id, its uses; in an article, on a sentence, the annotations that tag it. */
export async function references(index: WorkspaceIndex, uri: string, position: Position, includeDeclaration: boolean, token?: CancellationSignal): Promise<Location[]> {
  const target = await idAt(index, uri, position);
  throwIfCancelled(token);
  if (target) return idLocations(index, target.codebookUri, target.id, includeDeclaration, token);
  if (index.isAnnotationFile(uri) || index.isCodebook(uri)) return [];
  await index.resolveAll(() => throwIfCancelled(token));
  const locations: Location[] = [];
  for (const context of await index.articleUsers(uri)) {
    throwIfCancelled(token);
    const article = context.article?.article;
    const sentence = article?.sentenceAt(context.segmentation, article.lineMap.offsetAt(position));
    if (!sentence) continue;
    for (const { annotation } of annotationsOfSentence(context, sentence.n)) {
      const span = annotation.sentence?.span ?? annotation.quote?.span ?? annotation.span;
      locations.push({ uri: context.uri, range: context.model.lineMap.rangeOf(span) });
    }
  }
  return locations;
}
