import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import { ID_PATTERN } from '../model/codebook';
import { locateInAnnotationFile, locateInCodebook } from './locate';
import { idLocations } from './references';
import { throwIfCancelled, type CancellationSignal } from '../cancellation';

export type RenameTarget = { readonly range: Range; readonly placeholder: string; readonly codebookUri: string } | { readonly error: string };

/** Only actor and topic ids can be renamed; anything else is refused with a reason. */
export async function prepareRename(index: WorkspaceIndex, uri: string, position: Position): Promise<RenameTarget> {
  const refuse = { error: 'Only actor and topic ids can be renamed (in a codebook or an annotation file).' };
  if (index.isAnnotationFile(uri)) {
    const context = await index.annotationContext(uri);
    if (!context) return refuse;
    const target = locateInAnnotationFile(context.model, context.model.lineMap.offsetAt(position));
    if (target?.kind !== 'actor' && target?.kind !== 'target') return refuse;
    const codebook = context.codebook.model;
    if (!codebook || !context.codebook.uri) return { error: 'This file has no codebook, so its ids cannot be renamed.' };
    const id = target.value.value;
    if (!codebook.actors.has(id) && !codebook.topics.has(id)) return { error: `\`${id}\` is not in the codebook; fix or add it first.` };
    return { range: context.model.lineMap.rangeOf(target.value.span), placeholder: id, codebookUri: context.codebook.uri };
  }
  if (index.isCodebook(uri)) {
    const { model } = await index.codebookModel(uri);
    const target = model ? locateInCodebook(model, model.lineMap.offsetAt(position)) : undefined;
    if (!model || !target || target.kind === 'stance-key') return refuse;
    if (!model.actors.has(target.id) && !model.topics.has(target.id)) return { error: `\`${target.id}\` is not an actor of this codebook.` };
    return { range: model.lineMap.rangeOf(target.span), placeholder: target.id, codebookUri: uri };
  }
  return refuse;
}

/** Renames an id in the codebook (key and affiliations) and in every annotation file that uses it, as one edit. */
export async function rename(index: WorkspaceIndex, uri: string, position: Position, newName: string, token?: CancellationSignal): Promise<WorkspaceEdit | { error: string }> {
  const target = await prepareRename(index, uri, position);
  throwIfCancelled(token);
  if ('error' in target) return target;
  const oldId = target.placeholder;
  const newId = newName.trim();
  if (newId === oldId) return { changes: {} };
  if (!ID_PATTERN.test(newId)) return { error: `\`${newId}\` is not a valid id: use lower-case letters, digits and \`-\`, starting with a letter.` };
  const { model } = await index.codebookModel(target.codebookUri);
  if (!model) return { error: 'The codebook cannot be read.' };
  if (model.actors.has(newId)) return { error: `\`${newId}\` is already an actor (${model.actors.get(newId)?.name?.value ?? newId}); renaming onto it would merge two entries.` };
  if (model.topics.has(newId)) return { error: `\`${newId}\` is already a topic (${model.topics.get(newId)?.label?.value ?? newId}); renaming onto it would merge two entries.` };
  const changes: Record<string, TextEdit[]> = {};
  for (const location of await idLocations(index, target.codebookUri, oldId, true, token)) {
    (changes[location.uri] ??= []).push({ range: insideQuotes(location.range, oldId), newText: newId });
  }
  return { changes };
}

/** A quoted id (`'us'`, `"us"`) keeps its quotes: only the id between them is replaced. Ids need no escapes, so the quotes are the two extra characters. */
function insideQuotes(range: Range, id: string): Range {
  const { start, end } = range;
  if (start.line !== end.line || end.character - start.character !== id.length + 2) return range;
  return { start: { line: start.line, character: start.character + 1 }, end: { line: end.line, character: end.character - 1 } };
}
