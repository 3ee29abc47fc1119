import type { Annotation, StanceEntry } from '../model/annotationFile';
import { type CodebookModel, DEFAULT_STANCES } from '../model/codebook';
import { giveWay, type Pacing } from '../pacing';
import type { Problem } from '../problems';
import type { AnnotationContext } from '../workspaceIndex/context';
import { involvedActors } from './mentions';
import type { ResolvedAnnotation } from './resolution';
import type { Span } from '../text/lineMap';

/** Checks across the annotations of one file: duplicate ids, contradicting stances, annotations written twice. */

/** Who and what an annotation tags, in a canonical order: equal for duplicates. */
export function annotationSignature(annotation: Annotation): string {
  const actors = [...new Set(involvedActors(annotation).map((a) => a.value))].sort();
  const stances = annotation.stances.map((s) => `${s.actor?.value}>${s.stance?.value}>${s.toward?.value}`).sort();
  return `${actors.join(',')}|${stances.join(',')}`;
}

/**
 * What one of these checks found: for the i-th finding, the annotation reported (and, for a conflicting stance,
 * which of its stances), the earlier one it is reported against, and its problem. The problem's places are taken
 * from the annotations, so a finding still true after an edit that only moved text is placed again without being
 * found again. Numbers in arrays, not an object per finding: a flood has 100,000 of them.
 */
interface Found {
  readonly index: number[];
  readonly earlier: number[];
  /** For a conflicting stance: the stance of each annotation (its place in `stances`); empty for the other checks. */
  readonly entry: number[];
  readonly earlierEntry: number[];
  readonly problems: Problem[];
}

function nothingFound(): Found {
  return { index: [], earlier: [], entry: [], earlierEntry: [], problems: [] };
}

interface Findings {
  readonly duplicateIds: Found;
  readonly conflictingStances: Found;
  readonly duplicateAnnotations: Found;
}

/**
 * The findings of the last check of one file, with what they were found from. An edit that changes nothing
 * these checks read (a keystroke in a note, or text that only moves) leaves every finding true: they are placed
 * again, and the problems of annotations that did not move are the same objects, so their diagnostics are too
 * (diagnostics.ts `DiagnosticReuse`). Any other edit finds them all again, in one pass over the file.
 */
export class CrossAnnotationMemo {
  /** The annotations as last checked, with their sentences (the list the check made: no copy of it). */
  private resolved: readonly ResolvedAnnotation[] = [];
  private signatures: readonly string[] = [];
  private vocabulary: unknown;
  private uri = '';
  private findings: Findings | undefined;

  /** The last findings, if nothing they were found from changed. */
  reusable(context: AnnotationContext, vocabulary: unknown, resolved: readonly ResolvedAnnotation[], signatures: readonly string[]): Findings | undefined {
    const findings = this.findings;
    if (!findings || context.uri !== this.uri || vocabulary !== this.vocabulary || resolved.length !== this.resolved.length) return undefined;
    for (let i = 0; i < resolved.length; i++) {
      const now = resolved[i];
      const then = this.resolved[i];
      if (now.sentence?.n !== then.sentence?.n || signatures[i] !== this.signatures[i]) return undefined;
      if (!sameCrossFacts(now.annotation, then.annotation)) return undefined;
    }
    return findings;
  }

  remember(context: AnnotationContext, vocabulary: unknown, resolved: readonly ResolvedAnnotation[], signatures: readonly string[], findings: Findings): void {
    // A flood of findings is not kept: 100,000 of them would outlive the check for nothing (such a file is not typed in key by key).
    const count = findings.duplicateIds.index.length + findings.conflictingStances.index.length + findings.duplicateAnnotations.index.length;
    this.findings = count <= MAX_KEPT_FINDINGS ? findings : undefined;
    this.uri = context.uri;
    this.vocabulary = vocabulary;
    this.resolved = resolved;
    this.signatures = signatures;
  }

  /** The annotation this finding's problem was built for, if it is the same object now (nothing in it moved or changed). */
  builtFor(index: number): Annotation | undefined {
    return this.resolved[index]?.annotation;
  }
}

const MAX_KEPT_FINDINGS = 10_000;

/** Whether two versions of an annotation read the same to the checks across annotations (the signature and sentence are compared apart). */
function sameCrossFacts(a: Annotation, b: Annotation): boolean {
  // The same origin is the same item text (a parse keeps it only for an item it did not read again); an item a
  // syntax error broke keeps its origin but has no values, so it must be broken (or not) in both.
  if (a === b || (a.origin === b.origin && a.valid === b.valid)) return true;
  if (a.id?.value !== b.id?.value || a.quote?.value !== b.quote?.value || a.stances.length !== b.stances.length) return false;
  for (let k = 0; k < a.stances.length; k++) {
    const x = a.stances[k];
    const y = b.stances[k];
    if (x.actor?.value !== y.actor?.value || x.stance?.value !== y.stance?.value || x.toward?.value !== y.toward?.value) return false;
  }
  return true;
}

/**
 * The problems across annotations of one file: duplicate ids, contradicting stances, annotations written twice,
 * in that order. With a memo, findings of the last check are placed again when the edit changed nothing they
 * depend on (see CrossAnnotationMemo).
 */
export async function checkAcrossAnnotations(
  context: AnnotationContext,
  codebook: CodebookModel | undefined,
  resolved: readonly ResolvedAnnotation[],
  signatures: readonly string[],
  problems: Problem[],
  memo?: CrossAnnotationMemo,
  pacing?: Pacing,
): Promise<void> {
  const vocabulary = codebook?.stances ?? DEFAULT_STANCES;
  const annotations = context.model.annotations;
  let findings = memo?.reusable(context, vocabulary, resolved, signatures);
  if (findings) {
    findings = {
      duplicateIds: placedAgain(findings.duplicateIds, annotations, memo!, duplicateIdPlaces),
      conflictingStances: placedAgain(findings.conflictingStances, annotations, memo!, conflictPlaces),
      duplicateAnnotations: placedAgain(findings.duplicateAnnotations, annotations, memo!, duplicatePlaces),
    };
  } else {
    findings = {
      duplicateIds: await findDuplicateIds(context, pacing),
      conflictingStances: await findConflictingStances(context, vocabulary, pacing),
      duplicateAnnotations: await findDuplicateAnnotations(context, resolved, signatures, pacing),
    };
  }
  memo?.remember(context, vocabulary, resolved, signatures, findings);
  // One by one, not push(...list): a flood of 100,000 duplicates would be 100,000 arguments of one call.
  for (const found of [findings.duplicateIds, findings.conflictingStances, findings.duplicateAnnotations]) for (const problem of found.problems) problems.push(problem);
}

/** Where a finding's problem and its related location are, in the annotations as they are now. */
type Places = (annotation: Annotation, earlier: Annotation, found: Found, i: number) => { readonly span: Span; readonly related: Span };

const duplicateIdPlaces: Places = (annotation, earlier) => ({ span: annotation.id!.span, related: earlier.id!.span });
const conflictPlaces: Places = (annotation, earlier, found, i) => ({
  span: annotation.stances[found.entry[i]].stance!.span,
  related: earlier.stances[found.earlierEntry[i]].stance!.span,
});
const duplicatePlaces: Places = (annotation, earlier) => ({ span: anchorOf(annotation), related: anchorOf(earlier) });

function anchorOf(annotation: Annotation): Span {
  return annotation.sentence?.span ?? annotation.quote?.span ?? annotation.span;
}

/** The findings of the last check, in the annotations as they are now: the same problem where neither annotation changed or moved. */
function placedAgain(found: Found, annotations: readonly Annotation[], memo: CrossAnnotationMemo, places: Places): Found {
  const problems: Problem[] = [];
  for (let i = 0; i < found.index.length; i++) {
    const before = found.problems[i];
    const annotation = annotations[found.index[i]];
    const earlier = annotations[found.earlier[i]];
    if (annotation === memo.builtFor(found.index[i]) && earlier === memo.builtFor(found.earlier[i])) {
      problems.push(before);
      continue;
    }
    const { span, related } = places(annotation, earlier, found, i);
    const relatedBefore = before.related![0];
    // Object literals of one shape (no spreads): hundreds of these are made on a keystroke before them.
    problems.push({
      code: before.code,
      span,
      message: before.message,
      related: [{ uri: relatedBefore.uri, span: related, message: relatedBefore.message }],
      data: before.data,
    });
  }
  return { ...found, problems };
}

async function findDuplicateIds(context: AnnotationContext, pacing?: Pacing): Promise<Found> {
  const found = nothingFound();
  const first = new Map<string, Annotation>();
  let used: Set<string> | undefined;
  // Where the search for a free `id-N` resumes for each id: the ids below it are taken (and stay taken),
  // so a file that repeats one id many times is not searched from `-2` again for every repeat.
  const nextSuffix = new Map<string, number>();
  for (const annotation of context.model.annotations) {
    if ((annotation.index & 1023) === 1023) await giveWay(pacing);
    if (!annotation.id || !annotation.id.value) continue;
    const earlier = first.get(annotation.id.value);
    if (!earlier) {
      first.set(annotation.id.value, annotation);
      continue;
    }
    used ??= new Set(context.model.annotations.flatMap((a) => (a.id ? [a.id.value] : [])));
    let n = nextSuffix.get(annotation.id.value) ?? 2;
    while (used.has(`${annotation.id.value}-${n}`)) n++;
    nextSuffix.set(annotation.id.value, n + 1);
    const unique = `${annotation.id.value}-${n}`;
    used.add(unique);
    found.index.push(annotation.index);
    found.earlier.push(earlier.index);
    found.problems.push({
      code: 'duplicate-id',
      span: annotation.id.span,
      message: `Duplicate id \`${annotation.id.value}\`: annotation ${earlier.index + 1} already uses it. Ids must be unique within a file (e.g. \`${unique}\`).`,
      related: [{ uri: context.uri, span: earlier.id!.span, message: `First use of \`${annotation.id.value}\`` }],
      data: { unique },
    });
  }
  return found;
}

async function findConflictingStances(context: AnnotationContext, vocabulary: ReadonlyMap<string, { readonly polarity: number }>, pacing?: Pacing): Promise<Found> {
  const found = nothingFound();
  interface Earlier {
    readonly entry: StanceEntry;
    readonly at: number;
    readonly annotation: Annotation;
  }
  // Per actor and target, the first stance of each polarity: a later opposite one is reported against it.
  // Nested maps, not joined keys: no new strings to build and hash for every stance.
  const byPair = new Map<string, Map<string, { positive?: Earlier; negative?: Earlier }>>();
  for (const annotation of context.model.annotations) {
    if ((annotation.index & 1023) === 1023) await giveWay(pacing);
    for (let at = 0; at < annotation.stances.length; at++) {
      const entry = annotation.stances[at];
      if (!entry.actor || !entry.toward || !entry.stance) continue;
      const value = vocabulary.get(entry.stance.value);
      if (!value || value.polarity === 0) continue;
      let byTarget = byPair.get(entry.actor.value);
      if (!byTarget) byPair.set(entry.actor.value, (byTarget = new Map()));
      let firsts = byTarget.get(entry.toward.value);
      if (!firsts) byTarget.set(entry.toward.value, (firsts = {}));
      const opposite = value.polarity > 0 ? firsts.negative : firsts.positive;
      if (opposite) {
        found.index.push(annotation.index);
        found.earlier.push(opposite.annotation.index);
        found.entry.push(at);
        found.earlierEntry.push(opposite.at);
        found.problems.push({
          code: 'conflicting-stance',
          span: entry.stance.span,
          message: `\`${entry.actor.value}\` ${entry.stance.value} \`${entry.toward.value}\` here, but ${opposite.entry.stance!.value} it in annotation ${opposite.annotation.index + 1}. Check which is right; if the position really changes within the article, say so in a \`note\`.`,
          related: [
            {
              uri: context.uri,
              span: opposite.entry.stance!.span,
              message: `The opposite stance: ${opposite.entry.actor!.value} ${opposite.entry.stance!.value} ${opposite.entry.toward!.value}`,
            },
          ],
        });
      }
      if (value.polarity > 0) firsts.positive ??= { entry, at, annotation };
      else firsts.negative ??= { entry, at, annotation };
    }
  }
  return found;
}

async function findDuplicateAnnotations(context: AnnotationContext, resolved: readonly ResolvedAnnotation[], signatures: readonly string[], pacing?: Pacing): Promise<Found> {
  const found = nothingFound();
  /** One sentence's annotations with one signature: the first; once there is a second, the first without a quote and the first of each quote. */
  interface Group {
    readonly first: Annotation;
    firsts?: { unquoted?: Annotation; readonly byQuote: Map<string, Annotation> };
  }
  const quoteOf = (a: Annotation) => (a.quote ? a.quote.value.trim().replace(/\s+/g, ' ') : undefined);
  const seen = new Map<number, Map<string, Group>>();
  for (let i = 0; i < resolved.length; i++) {
    if ((i & 1023) === 1023) await giveWay(pacing);
    const { annotation, sentence } = resolved[i];
    if (!sentence) continue;
    let bySignature = seen.get(sentence.n);
    if (!bySignature) seen.set(sentence.n, (bySignature = new Map()));
    const group = bySignature.get(signatures[i]);
    if (!group) {
      bySignature.set(signatures[i], { first: annotation });
      continue;
    }
    if (!group.firsts) {
      const firstQuote = quoteOf(group.first);
      group.firsts = firstQuote === undefined ? { unquoted: group.first, byQuote: new Map() } : { byQuote: new Map([[firstQuote, group.first]]) };
    }
    const firsts = group.firsts;
    // Two quotes of different words in one sentence are two annotations, not one written twice. The
    // annotation repeats the group's first one that has no quote or the same quote (any, if it has none).
    const quote = quoteOf(annotation);
    let earlier: Annotation | undefined;
    if (quote === undefined) {
      earlier = group.first;
      firsts.unquoted ??= annotation;
    } else {
      const sameQuote = firsts.byQuote.get(quote);
      earlier = sameQuote && firsts.unquoted ? (sameQuote.index < firsts.unquoted.index ? sameQuote : firsts.unquoted) : (sameQuote ?? firsts.unquoted);
      if (!sameQuote) firsts.byQuote.set(quote, annotation);
    }
    if (!earlier) continue;
    found.index.push(annotation.index);
    found.earlier.push(earlier.index);
    found.problems.push({
      code: 'duplicate-annotation',
      span: anchorOf(annotation),
      message: `Annotation ${annotation.index + 1} repeats annotation ${earlier.index + 1}: both tag sentence ${sentence.n} with the same actors and stances. Remove one, or merge their notes.`,
      related: [{ uri: context.uri, span: anchorOf(earlier), message: `Annotation ${earlier.index + 1} tags the same` }],
    });
  }
  return found;
}
