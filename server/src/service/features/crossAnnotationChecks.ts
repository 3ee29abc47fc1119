import type { Annotation, StanceEntry } from '../model/annotationFile';
import { type CodebookModel, DEFAULT_STANCES } from '../model/codebook';
import { giveWay, type Pacing } from '../pacing';
import type { Problem } from '../problems';
import type { AnnotationContext } from '../workspaceIndex/context';
import { involvedActors } from './mentions';
import type { ResolvedAnnotation } from './resolution';
import type { Range } from 'vscode-languageserver-types';

/** Checks across the annotations of one file: duplicate ids, contradicting stances, annotations written twice. */

/** Who and what an annotation tags, in a canonical order: equal for duplicates. */
export function annotationSignature(annotation: Annotation): string {
  const actors = [...new Set(involvedActors(annotation).map((a) => a.value))].sort();
  const stances = annotation.stances.map((s) => `${s.actor?.value}>${s.stance?.value}>${s.toward?.value}`).sort();
  return `${actors.join(',')}|${stances.join(',')}`;
}

export async function checkDuplicateIds(context: AnnotationContext, problems: Problem[], pacing?: Pacing): Promise<void> {
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
    problems.push({
      code: 'duplicate-id',
      span: annotation.id.span,
      message: `Duplicate id \`${annotation.id.value}\`: annotation ${earlier.index + 1} already uses it. Ids must be unique within a file (e.g. \`${unique}\`).`,
      related: [{ uri: context.uri, range: context.model.lineMap.rangeOf(earlier.id!.span), message: `First use of \`${annotation.id.value}\`` }],
      data: { unique },
    });
  }
}

export async function checkConflictingStances(context: AnnotationContext, codebook: CodebookModel | undefined, problems: Problem[], pacing?: Pacing): Promise<void> {
  const vocabulary = codebook?.stances ?? DEFAULT_STANCES;
  interface Earlier {
    readonly entry: StanceEntry;
    readonly annotation: Annotation;
  }
  // Per actor and target, the first stance of each polarity: a later opposite one is reported against it.
  // Nested maps, not joined keys: no new strings to build and hash for every stance on every keystroke.
  const byPair = new Map<string, Map<string, { positive?: Earlier; negative?: Earlier }>>();
  for (const annotation of context.model.annotations) {
    if ((annotation.index & 1023) === 1023) await giveWay(pacing);
    for (const entry of annotation.stances) {
      if (!entry.actor || !entry.toward || !entry.stance) continue;
      const value = vocabulary.get(entry.stance.value);
      if (!value || value.polarity === 0) continue;
      let byTarget = byPair.get(entry.actor.value);
      if (!byTarget) byPair.set(entry.actor.value, (byTarget = new Map()));
      let firsts = byTarget.get(entry.toward.value);
      if (!firsts) byTarget.set(entry.toward.value, (firsts = {}));
      const opposite = value.polarity > 0 ? firsts.negative : firsts.positive;
      if (opposite) {
        problems.push({
          code: 'conflicting-stance',
          span: entry.stance.span,
          message: `\`${entry.actor.value}\` ${entry.stance.value} \`${entry.toward.value}\` here, but ${opposite.entry.stance!.value} it in annotation ${opposite.annotation.index + 1}. Check which is right; if the position really changes within the article, say so in a \`note\`.`,
          related: [
            {
              uri: context.uri,
              range: context.model.lineMap.rangeOf(opposite.entry.stance!.span),
              message: `The opposite stance: ${opposite.entry.actor!.value} ${opposite.entry.stance!.value} ${opposite.entry.toward!.value}`,
            },
          ],
        });
      }
      if (value.polarity > 0) firsts.positive ??= { entry, annotation };
      else firsts.negative ??= { entry, annotation };
    }
  }
}

/** The last quotes normalised (white space runs as one space): an edit leaves most of a file's quotes as they were. */
const normalizedQuotes = new Map<string, string>();

function normalizedQuote(quote: string): string {
  let normalized = normalizedQuotes.get(quote);
  if (normalized === undefined) {
    normalized = quote.trim().replace(/\s+/g, ' ');
    if (normalizedQuotes.size >= 10_000) normalizedQuotes.clear();
    normalizedQuotes.set(quote, normalized);
  }
  return normalized;
}

/**
 * The messages of the duplicates found, by annotation, earlier annotation and sentence. A keystroke checks
 * the whole file again; with the same string objects as the last time, comparing the new list with the last
 * (lsp/reportStore.ts) is a pointer test per message, where strings built anew (a template makes a rope)
 * had to be flattened and compared character by character: 0.1 ms per keystroke for 500 duplicates.
 */
const duplicateMessages = new Map<number, Map<number, Map<number, string>>>();
const relatedMessages = new Map<number, string>();
/** Bounds both (a flood of 100,000 duplicates must not leave its messages behind). */
const KEPT_MESSAGES = 10_000;
let keptDuplicateMessages = 0;

function duplicateMessage(index: number, earlier: number, sentence: number): string {
  let byEarlier = duplicateMessages.get(index);
  if (!byEarlier) duplicateMessages.set(index, (byEarlier = new Map()));
  let bySentence = byEarlier.get(earlier);
  if (!bySentence) byEarlier.set(earlier, (bySentence = new Map()));
  let message = bySentence.get(sentence);
  if (message === undefined) {
    if (++keptDuplicateMessages > KEPT_MESSAGES) {
      duplicateMessages.clear();
      keptDuplicateMessages = 0;
    }
    message = `Annotation ${index + 1} repeats annotation ${earlier + 1}: both tag sentence ${sentence} with the same actors and stances. Remove one, or merge their notes.`;
    bySentence.set(sentence, message);
  }
  return message;
}

function relatedMessage(earlier: number): string {
  let message = relatedMessages.get(earlier);
  if (message === undefined) {
    if (relatedMessages.size >= KEPT_MESSAGES) relatedMessages.clear();
    message = `Annotation ${earlier + 1} tags the same`;
    relatedMessages.set(earlier, message);
  }
  return message;
}

export async function checkDuplicateAnnotations(
  context: AnnotationContext,
  resolved: readonly ResolvedAnnotation[],
  signatures: readonly string[],
  problems: Problem[],
  pacing?: Pacing,
): Promise<void> {
  /** One sentence's annotations with one signature: the first; once there is a second, the first without a quote and the first of each quote. */
  interface Group {
    readonly first: Annotation;
    firsts?: { unquoted?: Annotation; readonly byQuote: Map<string, Annotation> };
  }
  const quoteOf = (a: Annotation) => (a.quote ? normalizedQuote(a.quote.value) : undefined);
  // Many repeats of one annotation point at the same earlier one: its place is looked up once.
  const rangeOfAnchor = new Map<Annotation, Range>();
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
    const anchor = annotation.sentence?.span ?? annotation.quote?.span ?? annotation.span;
    const earlierAnchor = earlier.sentence?.span ?? earlier.quote?.span ?? earlier.span;
    problems.push({
      code: 'duplicate-annotation',
      span: anchor,
      message: duplicateMessage(annotation.index, earlier.index, sentence.n),
      related: [
        {
          uri: context.uri,
          range: rangeOfAnchor.get(earlier) ?? rangeOfAnchor.set(earlier, context.model.lineMap.rangeOf(earlierAnchor)).get(earlier)!,
          message: relatedMessage(earlier.index),
        },
      ],
    });
  }
}
