import type { CodeLens } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import { codebookUsage } from './usage';
import { throwIfCancelled, type CancellationSignal } from '../cancellation';
import { SHOW_REFERENCES_COMMAND } from '../../../../protocol/protocol';
import type { AgreementFeature } from './agreement';

/**
 * In a codebook, "N annotations" above each actor and topic, opening the annotations that use it.
 * The locations are asked for when the lens is clicked: sending them with every
 * lens would make a large corpus's codebook lenses tens of megabytes.
 * In an annotation file, what another coder of its article coded differently ("ben: opposes";
 * features/agreement.ts).
 */
export async function codeLenses(index: WorkspaceIndex, uri: string, agreement: AgreementFeature, token?: CancellationSignal): Promise<CodeLens[]> {
  if (index.isAnnotationFile(uri)) return agreement.codeLenses(uri, token);
  if (!index.isCodebook(uri)) return [];
  const { model } = await index.codebookModel(uri);
  if (!model) return [];
  // The usage counts need every annotation file resolved; a cancelled request stops between two of them.
  await index.resolveAll(() => throwIfCancelled(token));
  const counts = (await codebookUsage(index, uri)).annotationsById();
  throwIfCancelled(token);
  const lenses: CodeLens[] = [];
  for (const entry of [...model.actors.values(), ...model.topics.values()]) {
    const annotations = counts.get(entry.id) ?? 0;
    const range = model.lineMap.rangeOf(entry.keySpan);
    const title = annotations === 0 ? 'no annotations' : `${annotations} annotation${annotations === 1 ? '' : 's'}`;
    lenses.push({
      range,
      command: annotations === 0 ? { title, command: '' } : { title, command: SHOW_REFERENCES_COMMAND, arguments: [uri, range.start] },
    });
  }
  return lenses;
}
