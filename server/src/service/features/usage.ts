import type { Location } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import { ROLES, STANCE_WIDTH, USE_WIDTH, type FileSummary, type IdUseRecord } from '../workspaceIndex/summary';

/** One place an id is used in an annotation file. */
export interface IdUse extends IdUseRecord {
  readonly uri: string;
}

/** Every use of every id in the annotation files that use one codebook. */
export interface CodebookUsage {
  /** The uses of one id (read straight from the packed summaries: rename and references need no other id's). */
  usesOf(id: string): IdUse[];
  /** How many annotations use each id, as actor, stance actor or target (an annotation counts once). */
  annotationsById(): ReadonlyMap<string, number>;
  /** Annotations that involve each actor (an annotation counts once). */
  readonly annotationsByActor: ReadonlyMap<string, number>;
  /** Files that tag each actor or give it a stance (a file counts once). */
  readonly filesByActor: ReadonlyMap<string, number>;
  /** actor → "stance toward" → count. */
  readonly stancesByActor: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** target → stance value → actor → count. */
  readonly stancesByTarget: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, number>>>;
  readonly users: readonly FileSummary[];
}

/** Adds `by` (which may be negative) to a count, dropping counts that reach zero. */
function increment<K>(map: Map<K, number>, key: K, by = 1): void {
  const count = (map.get(key) ?? 0) + by;
  if (count) map.set(key, count);
  else map.delete(key);
}

/** One file's share of the counts, computed once per summary (unchanged files keep theirs between edits). */
interface FileUsage {
  /** Ids tagged as actors or taking a stance in the file. */
  readonly actors: readonly string[];
  /** Each id used in the file (as actor, stance actor or target), with the number of annotations using it. */
  readonly annotationsById: readonly (readonly [string, number])[];
  /** Distinct stances of the file with their counts; `label` is "stance toward". */
  readonly stances: readonly { readonly actor: string; readonly stance: string; readonly toward: string; readonly label: string; readonly count: number }[];
}

const fileUsages = new WeakMap<FileSummary, FileUsage>();

function fileUsage(user: FileSummary): FileUsage {
  let usage = fileUsages.get(user);
  if (usage) return usage;
  const { strings, uses } = user;
  const actors = new Set<string>();
  const annotationsById = new Map<string, number>();
  // Uses come in annotation order, so an annotation is new for an id when it differs from the id's last one.
  const lastAnnotation = new Int32Array(strings.length).fill(-1);
  for (let i = 0; i + USE_WIDTH <= uses.length; i += USE_WIDTH) {
    const id = uses[i];
    if (ROLES[uses[i + 1]] !== 'toward') actors.add(strings[id]);
    if (lastAnnotation[id] === uses[i + 2]) continue;
    lastAnnotation[id] = uses[i + 2];
    annotationsById.set(strings[id], (annotationsById.get(strings[id]) ?? 0) + 1);
  }
  const stances = new Map<string, { actor: string; stance: string; toward: string; label: string; count: number }>();
  for (let i = 0; i < user.stances.length; i += STANCE_WIDTH) {
    const key = `${user.stances[i]} ${user.stances[i + 1]} ${user.stances[i + 2]}`;
    const known = stances.get(key);
    if (known) {
      known.count++;
      continue;
    }
    const [actor, stance, toward] = [strings[user.stances[i]], strings[user.stances[i + 1]], strings[user.stances[i + 2]]];
    stances.set(key, { actor, stance, toward, label: `${stance} ${toward}`, count: 1 });
  }
  usage = { actors: [...actors], annotationsById: [...annotationsById], stances: [...stances.values()] };
  fileUsages.set(user, usage);
  return usage;
}

/**
 * Running totals over the annotation files of one codebook. `update` takes
 * the current files and recounts only those whose summary changed (one
 * keystroke: one file), so an id hover after an edit in a large workspace
 * does not add up every file again.
 */
export class UsageTotals {
  private readonly counted = new Map<string, FileSummary>();
  readonly annotationsByActor = new Map<string, number>();
  readonly annotationsById = new Map<string, number>();
  readonly filesByActor = new Map<string, number>();
  readonly stancesByActor = new Map<string, Map<string, number>>();
  readonly stancesByTarget = new Map<string, Map<string, Map<string, number>>>();

  update(users: readonly FileSummary[]): void {
    const current = new Map<string, FileSummary>();
    for (const user of users) current.set(user.uri, user);
    for (const [uri, summary] of this.counted) {
      if (current.get(uri) !== summary) {
        this.add(summary, -1);
        this.counted.delete(uri);
      }
    }
    for (const [uri, summary] of current) {
      if (!this.counted.has(uri)) {
        this.add(summary, 1);
        this.counted.set(uri, summary);
      }
    }
  }

  private add(user: FileSummary, sign: 1 | -1): void {
    for (const actor in user.annotationsByActor) increment(this.annotationsByActor, actor, sign * user.annotationsByActor[actor]);
    const share = fileUsage(user);
    for (const actor of share.actors) increment(this.filesByActor, actor, sign);
    for (const [id, count] of share.annotationsById) increment(this.annotationsById, id, sign * count);
    for (const { actor, stance, toward, label, count } of share.stances) {
      let byActor = this.stancesByActor.get(actor);
      if (!byActor) this.stancesByActor.set(actor, (byActor = new Map()));
      increment(byActor, label, sign * count);
      if (!byActor.size) this.stancesByActor.delete(actor);
      let byStance = this.stancesByTarget.get(toward);
      if (!byStance) this.stancesByTarget.set(toward, (byStance = new Map()));
      let actors = byStance.get(stance);
      if (!actors) byStance.set(stance, (actors = new Map()));
      increment(actors, actor, sign * count);
      if (!actors.size) byStance.delete(stance);
      if (!byStance.size) this.stancesByTarget.delete(toward);
    }
  }
}

/**
 * Adds up the summaries of the annotation files that use a codebook (into
 * `totals`, which may hold an earlier count to update). The list of uses by
 * id (references, rename, code lenses) is assembled only when asked for.
 */
export function collectUsage(users: readonly FileSummary[], totals = new UsageTotals()): CodebookUsage {
  totals.update(users);
  return {
    annotationsById: () => totals.annotationsById,
    usesOf(id) {
      const found: IdUse[] = [];
      for (const user of users) {
        const wanted = user.strings.indexOf(id);
        if (wanted === -1) continue;
        const u = user.uses;
        for (let i = 0; i + USE_WIDTH <= u.length; i += USE_WIDTH) {
          if (u[i] !== wanted) continue;
          found.push({ uri: user.uri, id, role: ROLES[u[i + 1]], annotation: u[i + 2], range: { start: { line: u[i + 3], character: u[i + 4] }, end: { line: u[i + 5], character: u[i + 6] } } });
        }
      }
      return found;
    },
    annotationsByActor: totals.annotationsByActor,
    filesByActor: totals.filesByActor,
    stancesByActor: totals.stancesByActor,
    stancesByTarget: totals.stancesByTarget,
    users,
  };
}

const runningTotals = new WeakMap<WorkspaceIndex, Map<string, UsageTotals>>();

/** Usage of the ids of a codebook across the workspace (cached until any file changes). */
export async function codebookUsage(index: WorkspaceIndex, codebookUri: string): Promise<CodebookUsage> {
  return index.memo(`usage:${codebookUri}`, async () => {
    const users = await index.codebookUsers(codebookUri);
    let byCodebook = runningTotals.get(index);
    if (!byCodebook) runningTotals.set(index, (byCodebook = new Map()));
    let totals = byCodebook.get(codebookUri);
    if (!totals) byCodebook.set(codebookUri, (totals = new UsageTotals()));
    return collectUsage(users, totals);
  });
}

export function useLocation(use: IdUse): Location {
  return { uri: use.uri, range: use.range };
}
