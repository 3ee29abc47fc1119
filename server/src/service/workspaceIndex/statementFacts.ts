/**
 * What statements and mentions (docs/analysis.md) need of an annotation file
 * beyond its ids: per annotation its id, first line, resolved sentence and
 * quote; per stance entry its place and whether it counts, and why not. They
 * are packed into the file's summary (summary.ts), so exports and the
 * editor's views are computed from the index without parsing YAML again or
 * segmenting articles: only an article's text is read, to cut sentence texts.
 *
 * Offsets are UTF-16 code units into the article text as the index read it
 * (`articleLength` guards against a text that changed since); exports turn
 * them into code points when they read the text.
 */
import type { AnnotationContext } from './context';
import type { StanceEntry } from '../model/annotationFile';
import { DEFAULT_STANCES, type CodebookModel } from '../model/codebook';
import { resolvedAnnotations } from '../features/resolution';

/**
 * Why a stance entry is not a valid statement (analysis contract §1), in the
 * order they are looked for: the first that applies is the reason. Index 0
 * (`''`) means it counts. The names are the keys of `LeftOut.reasons`.
 */
export const STATEMENT_PROBLEMS = ['', 'noArticle', 'unresolvedSentence', 'unresolvedQuote', 'noCodebook', 'incompleteStance', 'unknownActor', 'unknownTarget', 'unknownStance'] as const;
export type StatementProblem = Exclude<(typeof STATEMENT_PROBLEMS)[number], ''>;

const problemCode = (problem: StatementProblem | '') => STATEMENT_PROBLEMS.indexOf(problem);

/** Fields of one annotation in `FileSummary.annotations` (ANNOTATION_WIDTH numbers; -1 = none). */
export const AnnotationField = {
  /** String index of its `id`. */
  id: 0,
  /** 1-based line of the annotation's first line. */
  line: 1,
  /** 1-based sentence number; 0 when unresolved. */
  sentence: 2,
  /** UTF-16 offsets of the sentence in the article text. */
  sentenceStart: 3,
  sentenceEnd: 4,
  /** UTF-16 offsets of the quote found in the sentence. */
  quoteStart: 5,
  quoteEnd: 6,
  /** String index of its `note`. */
  note: 7,
  /** STATEMENT_PROBLEMS index of what keeps its sentence or quote from resolving (noArticle, unresolvedSentence, unresolvedQuote); 0: resolved. */
  problem: 8,
} as const;
export const ANNOTATION_WIDTH = 9;

/** Fields of one stance entry in `FileSummary.entries` (ENTRY_WIDTH numbers; -1 = none). Every entry is there, valid or not. */
export const EntryField = {
  /** 0-based index of its annotation. */
  annotation: 0,
  /** String indexes of its values. */
  actor: 1,
  toward: 2,
  stance: 3,
  /** 0-based range of the entry in the annotation file. */
  startLine: 4,
  startCharacter: 5,
  endLine: 6,
  endCharacter: 7,
  /** STATEMENT_PROBLEMS index; 0: a valid statement. */
  problem: 8,
} as const;
export const ENTRY_WIDTH = 9;

export interface StatementFacts {
  readonly annotations: Int32Array;
  readonly entries: Int32Array;
  /** UTF-16 length of the article text the offsets refer to; -1 without an article. */
  readonly articleLength: number;
  /** Sentences of the article as this file numbers them (its segmentation options); -1 without an article. Agreement's units. */
  readonly sentenceCount: number;
  /**
   * A hash of those sentences' boundaries: two files of one article with different stamps number its
   * sentences differently (`hard-wrapped:` or the codebooks' abbreviations differ), so their sentence
   * numbers cannot be compared. 0 without an article.
   */
  readonly sentenceStamp: number;
}

/** FNV-1a over the sentences' start and end offsets (32 bits, as a signed integer like the packed arrays). */
export function sentenceStampOf(sentences: readonly { readonly start: number; readonly end: number }[]): number {
  let hash = 0x811c9dc5;
  const mix = (n: number) => {
    for (let shift = 0; shift < 32; shift += 8) hash = Math.imul(hash ^ ((n >>> shift) & 0xff), 0x01000193);
  };
  mix(sentences.length);
  for (const sentence of sentences) {
    mix(sentence.start);
    mix(sentence.end);
  }
  return hash | 0;
}

/** The statement facts of a resolved annotation file; `number` interns a string into the summary's string table. */
export function statementFacts(context: AnnotationContext, number: (text: string) => number): StatementFacts {
  const model = context.model;
  const article = context.article?.reference.kind === 'inside' ? context.article.article : undefined;
  const codebook: CodebookModel | undefined = context.codebook.model?.usable ? context.codebook.model : undefined;
  const stances = codebook ? codebook.stances : DEFAULT_STANCES;
  const resolved = resolvedAnnotations(context);
  const annotations = new Int32Array(model.annotations.length * ANNOTATION_WIDTH);
  const entries: number[] = [];
  for (const annotation of model.annotations) {
    const { sentence, quoteMatch } = resolved[annotation.index] ?? { annotation };
    const at = annotation.index * ANNOTATION_WIDTH;
    const problem: StatementProblem | '' = !article ? 'noArticle' : !sentence ? 'unresolvedSentence' : annotation.quote && !quoteMatch ? 'unresolvedQuote' : '';
    annotations[at + AnnotationField.id] = annotation.id ? number(annotation.id.value) : -1;
    annotations[at + AnnotationField.line] = model.lineMap.positionAt(annotation.span.start).line + 1;
    annotations[at + AnnotationField.sentence] = sentence?.n ?? 0;
    annotations[at + AnnotationField.sentenceStart] = sentence?.start ?? -1;
    annotations[at + AnnotationField.sentenceEnd] = sentence?.end ?? -1;
    annotations[at + AnnotationField.quoteStart] = quoteMatch?.start ?? -1;
    annotations[at + AnnotationField.quoteEnd] = quoteMatch?.end ?? -1;
    annotations[at + AnnotationField.note] = annotation.note ? number(annotation.note.value) : -1;
    annotations[at + AnnotationField.problem] = problemCode(problem);
    for (const entry of annotation.stances) {
      const range = model.lineMap.rangeOf(entry.span);
      entries.push(
        annotation.index,
        entry.actor ? number(entry.actor.value) : -1,
        entry.toward ? number(entry.toward.value) : -1,
        entry.stance ? number(entry.stance.value) : -1,
        range.start.line,
        range.start.character,
        range.end.line,
        range.end.character,
        problemCode(problem || entryProblem(entry, codebook, stances)),
      );
    }
  }
  // The article's sentences under this file's options: resolution segmented them already (Article keeps each segmentation).
  const sentences = article?.sentences(context.segmentation);
  return {
    annotations,
    entries: Int32Array.from(entries),
    articleLength: article ? article.text.length : -1,
    sentenceCount: sentences ? sentences.length : -1,
    sentenceStamp: sentences ? sentenceStampOf(sentences) : 0,
  };
}

function entryProblem(entry: StanceEntry, codebook: CodebookModel | undefined, stances: CodebookModel['stances']): StatementProblem | '' {
  if (!codebook) return 'noCodebook';
  if (!entry.actor || !entry.toward || !entry.stance) return 'incompleteStance';
  if (!codebook.actors.has(entry.actor.value)) return 'unknownActor';
  if (!codebook.topics.has(entry.toward.value) && !codebook.actors.has(entry.toward.value)) return 'unknownTarget';
  if (!stances.has(entry.stance.value)) return 'unknownStance';
  return '';
}

/** Whether packed facts read from elsewhere (the persisted index) are well formed: widths, indexes and codes in range. */
export function wellFormedStatementFacts(facts: StatementFacts, strings: number): boolean {
  const { annotations, entries, articleLength, sentenceCount, sentenceStamp } = facts;
  if (!(annotations instanceof Int32Array) || !(entries instanceof Int32Array) || annotations.length % ANNOTATION_WIDTH || entries.length % ENTRY_WIDTH) return false;
  if (!Number.isInteger(articleLength) || articleLength < -1) return false;
  if (!Number.isInteger(sentenceCount) || sentenceCount < -1 || sentenceCount >= 0 !== articleLength >= 0 || !Number.isInteger(sentenceStamp)) return false;
  const count = annotations.length / ANNOTATION_WIDTH;
  const stringOrNone = (n: number) => n >= -1 && n < strings;
  const problem = (n: number) => n >= 0 && n < STATEMENT_PROBLEMS.length;
  for (let at = 0; at < annotations.length; at += ANNOTATION_WIDTH) {
    if (!stringOrNone(annotations[at + AnnotationField.id]) || !stringOrNone(annotations[at + AnnotationField.note])) return false;
    if (annotations[at + AnnotationField.line] < 1 || annotations[at + AnnotationField.sentence] < 0 || !problem(annotations[at + AnnotationField.problem])) return false;
    if (annotations[at + AnnotationField.problem] === 0 && annotations[at + AnnotationField.sentence] > sentenceCount) return false;
    const start = annotations[at + AnnotationField.sentenceStart];
    const end = annotations[at + AnnotationField.sentenceEnd];
    const quoteStart = annotations[at + AnnotationField.quoteStart];
    const quoteEnd = annotations[at + AnnotationField.quoteEnd];
    if (annotations[at + AnnotationField.problem] === 0 && (start < 0 || end < start || end > articleLength)) return false;
    if (quoteStart !== -1 && (quoteStart < 0 || quoteEnd < quoteStart || quoteEnd > articleLength)) return false;
  }
  for (let at = 0; at < entries.length; at += ENTRY_WIDTH) {
    const annotation = entries[at + EntryField.annotation];
    if (annotation < 0 || annotation >= count || !problem(entries[at + EntryField.problem])) return false;
    if (!stringOrNone(entries[at + EntryField.actor]) || !stringOrNone(entries[at + EntryField.toward]) || !stringOrNone(entries[at + EntryField.stance])) return false;
    for (let k = EntryField.startLine; k <= EntryField.endCharacter; k++) if (entries[at + k] < 0) return false;
    if (entries[at + EntryField.problem] === 0 && (entries[at + EntryField.actor] < 0 || entries[at + EntryField.toward] < 0 || entries[at + EntryField.stance] < 0)) return false;
  }
  return true;
}
