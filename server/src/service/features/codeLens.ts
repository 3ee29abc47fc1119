import type { CodeLens } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { codebookUsage, useLocation } from './usage';
import { throwIfCancelled, type CancellationSignal } from '../cancellation';

/** The client command that opens the references peek (arguments: uri, position, locations). */
export const SHOW_REFERENCES_COMMAND = 'standpoint.showReferences';

/** "N annotations" above each codebook actor and topic, opening the annotations that use it. */
export async function codeLenses(index: WorkspaceIndex, uri: string, token?: CancellationSignal): Promise<CodeLens[]> {
  if (!index.isCodebook(uri)) return [];
  const { model } = await index.codebookModel(uri);
  if (!model) return [];
  // The usage counts need every annotation file resolved; a cancelled request stops between two of them.
  await index.resolveAll(() => throwIfCancelled(token));
  const usage = await codebookUsage(index, uri);
  const lenses: CodeLens[] = [];
  for (const entry of [...model.actors.values(), ...model.topics.values()]) {
    throwIfCancelled(token);
    const uses = usage.uses.get(entry.id) ?? [];
    const annotations = new Set(uses.map((use) => `${use.uri}#${use.annotation}`)).size;
    const range = model.lineMap.rangeOf(entry.keySpan);
    const title = annotations === 0 ? 'no annotations' : `${annotations} annotation${annotations === 1 ? '' : 's'}`;
    lenses.push({
      range,
      command: annotations === 0 ? { title, command: '' } : { title, command: SHOW_REFERENCES_COMMAND, arguments: [uri, range.start, uses.map(useLocation)] },
    });
  }
  return lenses;
}
