import type { Range } from 'vscode-languageserver-types';
import type { AnnotationContext } from './workspaceIndex';

/** One place an id is used in an annotation file. */
export interface IdUseRecord {
  readonly id: string;
  readonly role: 'actor' | 'stance-actor' | 'toward';
  /** 0-based index of the annotation in its file. */
  readonly annotation: number;
  readonly range: Range;
}

export interface StanceRecord {
  readonly actor: string;
  readonly stance: string;
  readonly toward: string;
}

/**
 * What the rest of the workspace needs to know about an annotation file,
 * without its parsed model: where it points, which ids it uses and where,
 * and its stances. Worker threads and the persisted index produce these, so
 * a large corpus is indexed without holding (or re-parsing) every file; a
 * file's model is parsed only when it is opened or edited.
 */
export interface FileSummary {
  readonly uri: string;
  /** The article's URI (resolved, inside the workspace), even if it does not exist. */
  readonly articleUri?: string;
  /** The codebook used (named or found), if any. */
  readonly codebookUri?: string;
  /** Files whose change alters this file's diagnostics (article, codebook, codebook candidates). */
  readonly dependencies: readonly string[];
  readonly usedIds: readonly string[];
  readonly uses: readonly IdUseRecord[];
  readonly stances: readonly StanceRecord[];
  /** How many annotations involve each actor (tagged or taking a stance). */
  readonly annotationsByActor: Readonly<Record<string, number>>;
  readonly annotationCount: number;
}

const summaries = new WeakMap<AnnotationContext, FileSummary>();

/** The summary of a resolved annotation file (computed once per context). */
export function summarize(context: AnnotationContext): FileSummary {
  const cached = summaries.get(context);
  if (cached) return cached;
  const uses: IdUseRecord[] = [];
  const stances: StanceRecord[] = [];
  const annotationsByActor: Record<string, number> = {};
  const used = new Set<string>();
  const map = context.model.lineMap;
  for (const annotation of context.model.annotations) {
    const involved = new Set<string>();
    for (const actor of annotation.actors) {
      uses.push({ id: actor.value, role: 'actor', annotation: annotation.index, range: map.rangeOf(actor.span) });
      involved.add(actor.value);
    }
    for (const stance of annotation.stances) {
      if (stance.actor) {
        uses.push({ id: stance.actor.value, role: 'stance-actor', annotation: annotation.index, range: map.rangeOf(stance.actor.span) });
        involved.add(stance.actor.value);
      }
      if (stance.toward) {
        uses.push({ id: stance.toward.value, role: 'toward', annotation: annotation.index, range: map.rangeOf(stance.toward.span) });
        used.add(stance.toward.value);
      }
      if (stance.actor && stance.toward && stance.stance) stances.push({ actor: stance.actor.value, stance: stance.stance.value, toward: stance.toward.value });
    }
    for (const actor of involved) {
      used.add(actor);
      annotationsByActor[actor] = (annotationsByActor[actor] ?? 0) + 1;
    }
  }
  const summary: FileSummary = {
    uri: context.uri,
    articleUri: context.article?.reference.kind === 'inside' ? context.article.reference.uri : undefined,
    codebookUri: context.codebook.uri,
    dependencies: context.dependencies,
    usedIds: [...used],
    uses,
    stances,
    annotationsByActor,
    annotationCount: context.model.annotations.length,
  };
  summaries.set(context, summary);
  return summary;
}
