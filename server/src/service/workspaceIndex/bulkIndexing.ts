import type { Diagnostic } from 'vscode-languageserver-types';
import type { FileSummary } from './summary';
import type { WorkspaceIndex } from './workspaceIndex';
import type { CleanFacts } from '../features/sentenceMoved';

/** An annotation file checked elsewhere: its diagnostics and what the workspace needs to know about it. */
export interface IndexedFile {
  readonly uri: string;
  readonly diagnostics: Diagnostic[];
  readonly summary?: FileSummary;
  /** When no sentence reference of the file failed: what the record of clean checks keeps (features/sentenceMoved.ts). */
  readonly clean?: CleanFacts;
}

/** Checks annotation files (of these workspace folders) elsewhere, yielding results in batches as they come. */
export type BulkIndexer = (uris: readonly string[], folders: readonly string[]) => AsyncIterable<readonly IndexedFile[]>;

/**
 * Has the workspace's annotation files indexed elsewhere (worker threads, the
 * persisted index) when there are at least `threshold` of them, and takes in
 * the results that are still current. Returns the diagnostics of those; the
 * index parses and checks the others itself.
 */
export async function indexInBulk(
  index: WorkspaceIndex,
  indexer: BulkIndexer,
  threshold: number,
  onProgress?: (done: number, total: number) => Promise<void> | void,
  cleanOf?: Map<string, CleanFacts>,
): Promise<Map<string, Diagnostic[]>> {
  const computed = new Map<string, Diagnostic[]>();
  const pending = [...index.annotationFiles];
  if (pending.length < threshold) return computed;
  const changed = index.watchChanges();
  let done = 0;
  let finished!: () => void;
  index.setBulkIndexing(new Promise<void>((resolve) => (finished = resolve)));
  try {
    for await (const batch of indexer(pending, index.folders)) {
      for (const result of batch) {
        // A result is current only if neither the file nor anything it depends on changed meanwhile,
        // and none of them is open in an editor (the indexer read disk, the editor may hold other text).
        const differs = (uri: string) => changed.has(uri) || index.workspace.isOpen?.(uri) === true;
        const stale = differs(result.uri) || (result.summary?.dependencies ?? []).some(differs);
        if (stale || !result.summary) continue;
        index.adoptSummary(result.summary);
        computed.set(result.uri, result.diagnostics);
        if (result.clean) cleanOf?.set(result.uri, result.clean);
      }
      done += batch.length;
      await onProgress?.(done, pending.length);
    }
  } finally {
    index.stopWatchingChanges(changed);
    index.setBulkIndexing(undefined);
    finished();
  }
  return computed;
}
