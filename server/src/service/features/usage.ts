import type { Location } from 'vscode-languageserver-types';
import type { AnnotationContext, WorkspaceIndex } from '../index/workspaceIndex';
import type { Annotation } from '../model/annotationFile';
import type { Located } from '../model/yamlReader';

/** One place an id is used in an annotation file. */
export interface IdUse {
  readonly uri: string;
  readonly context: AnnotationContext;
  readonly annotation: Annotation;
  readonly value: Located<string>;
  readonly role: 'actor' | 'stance-actor' | 'toward';
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
  readonly users: readonly AnnotationContext[];
}

function increment<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export function collectUsage(users: readonly AnnotationContext[]): CodebookUsage {
  const uses = new Map<string, IdUse[]>();
  const annotationsByActor = new Map<string, number>();
  const stancesByActor = new Map<string, Map<string, number>>();
  const stancesByTarget = new Map<string, Map<string, Map<string, number>>>();
  const add = (use: IdUse) => {
    let list = uses.get(use.value.value);
    if (!list) uses.set(use.value.value, (list = []));
    list.push(use);
  };
  for (const context of users) {
    for (const annotation of context.model.annotations) {
      const involved = new Set<string>();
      for (const actor of annotation.actors) {
        add({ uri: context.uri, context, annotation, value: actor, role: 'actor' });
        involved.add(actor.value);
      }
      for (const stance of annotation.stances) {
        if (stance.actor) {
          add({ uri: context.uri, context, annotation, value: stance.actor, role: 'stance-actor' });
          involved.add(stance.actor.value);
        }
        if (stance.toward) add({ uri: context.uri, context, annotation, value: stance.toward, role: 'toward' });
        if (stance.actor && stance.toward && stance.stance) {
          let byActor = stancesByActor.get(stance.actor.value);
          if (!byActor) stancesByActor.set(stance.actor.value, (byActor = new Map()));
          increment(byActor, `${stance.stance.value} ${stance.toward.value}`);
          let byStance = stancesByTarget.get(stance.toward.value);
          if (!byStance) stancesByTarget.set(stance.toward.value, (byStance = new Map()));
          let actors = byStance.get(stance.stance.value);
          if (!actors) byStance.set(stance.stance.value, (actors = new Map()));
          increment(actors, stance.actor.value);
        }
      }
      for (const actor of involved) increment(annotationsByActor, actor);
    }
  }
  return { uses, annotationsByActor, stancesByActor, stancesByTarget, users };
}

/** Usage of the ids of a codebook across the workspace (cached until any file changes). */
export async function codebookUsage(index: WorkspaceIndex, codebookUri: string): Promise<CodebookUsage> {
  return index.memo(`usage:${codebookUri}`, async () => collectUsage(await index.codebookUsers(codebookUri)));
}

export function useLocation(use: IdUse): Location {
  return { uri: use.uri, range: use.context.model.lineMap.rangeOf(use.value.span) };
}
