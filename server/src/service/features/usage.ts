import type { Location } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { FileSummary, IdUseRecord } from '../index/summary';

/** One place an id is used in an annotation file. */
export interface IdUse extends IdUseRecord {
  readonly uri: string;
}

/** Every use of every id in the annotation files that use one codebook. */
export interface CodebookUsage {
  readonly uses: ReadonlyMap<string, readonly IdUse[]>;
  /** Annotations that involve each actor (an annotation counts once). */
  readonly annotationsByActor: ReadonlyMap<string, number>;
  /** actor → "stance toward" → count. */
  readonly stancesByActor: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** target → stance value → actor → count. */
  readonly stancesByTarget: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, number>>>;
  readonly users: readonly FileSummary[];
}

function increment<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Adds up the summaries of the annotation files that use a codebook. */
export function collectUsage(users: readonly FileSummary[]): CodebookUsage {
  const uses = new Map<string, IdUse[]>();
  const annotationsByActor = new Map<string, number>();
  const stancesByActor = new Map<string, Map<string, number>>();
  const stancesByTarget = new Map<string, Map<string, Map<string, number>>>();
  for (const user of users) {
    for (const use of user.uses) {
      let list = uses.get(use.id);
      if (!list) uses.set(use.id, (list = []));
      list.push({ ...use, uri: user.uri });
    }
    for (const [actor, count] of Object.entries(user.annotationsByActor)) increment(annotationsByActor, actor, count);
    for (const { actor, stance, toward } of user.stances) {
      let byActor = stancesByActor.get(actor);
      if (!byActor) stancesByActor.set(actor, (byActor = new Map()));
      increment(byActor, `${stance} ${toward}`);
      let byStance = stancesByTarget.get(toward);
      if (!byStance) stancesByTarget.set(toward, (byStance = new Map()));
      let actors = byStance.get(stance);
      if (!actors) byStance.set(stance, (actors = new Map()));
      increment(actors, actor);
    }
  }
  return { uses, annotationsByActor, stancesByActor, stancesByTarget, users };
}

/** Usage of the ids of a codebook across the workspace (cached until any file changes). */
export async function codebookUsage(index: WorkspaceIndex, codebookUri: string): Promise<CodebookUsage> {
  return index.memo(`usage:${codebookUri}`, async () => collectUsage(await index.codebookUsers(codebookUri)));
}

export function useLocation(use: IdUse): Location {
  return { uri: use.uri, range: use.range };
}
