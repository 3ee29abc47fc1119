import type { CodebookSummaryResult, CodebookSummary } from '../../../../protocol/analysis';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import { codebookUsage } from './usage';
import { throwIfCancelled, type CancellationSignal } from '../cancellation';

/**
 * Every codebook's actors and topics with the number of annotations that use
 * each (the code lens's count), for an editor's codebook tree.
 */
export async function codebookSummary(index: WorkspaceIndex, token?: CancellationSignal): Promise<CodebookSummaryResult> {
  // The counts need every annotation file resolved; a cancelled request stops between two of them.
  await index.resolveAll(() => throwIfCancelled(token));
  const codebooks: CodebookSummary[] = [];
  for (const uri of index.codebookFiles().sort()) {
    const { model } = await index.codebookModel(uri);
    throwIfCancelled(token);
    if (!model) continue;
    const uses = (await codebookUsage(index, uri)).annotationsById();
    const range = (span: Parameters<typeof model.lineMap.rangeOf>[0]) => model.lineMap.rangeOf(span);
    codebooks.push({
      uri,
      actors: [...model.actors.values()].map((actor) => ({
        id: actor.id,
        kind: 'actor' as const,
        ...(actor.name ? { label: actor.name.value } : {}),
        ...(actor.type ? { type: actor.type.value } : {}),
        ...(actor.affiliation ? { affiliation: actor.affiliation.value } : {}),
        uses: uses.get(actor.id) ?? 0,
        range: range(actor.keySpan),
      })),
      topics: [...model.topics.values()].map((topic) => ({
        id: topic.id,
        kind: 'topic' as const,
        ...(topic.label ? { label: topic.label.value } : {}),
        uses: uses.get(topic.id) ?? 0,
        range: range(topic.keySpan),
      })),
    });
  }
  return { codebooks };
}
