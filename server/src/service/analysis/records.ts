/**
 * Statements and mentions (analysis contract §1) from an annotation file's
 * summary and its codebook: no YAML is parsed and no article segmented. A
 * statement record carries everything but what needs the article text (the
 * sentence text, the quote and the code point offsets); `toStatement` adds
 * those once the text is read, so a network never reads an article.
 *
 * Only valid statements count: entries the summary marks with a problem
 * (statementFacts.ts) are counted by reason instead.
 */
import type { AnnotationRecord, AnnotationStance, Mention, Statement } from './types';
import type { ActorInfo } from './filters';
import { polarityRange } from './networkOptions';
import { DEFAULT_STANCES, type CodebookModel } from '../model/codebook';
import { USE_WIDTH, type FileSummary } from '../workspaceIndex/summary';
import { ANNOTATION_WIDTH, AnnotationField, ENTRY_WIDTH, EntryField, STATEMENT_PROBLEMS, type StatementProblem } from '../workspaceIndex/statementFacts';

/** What statements read of a codebook: names, types, labels, polarities. */
export interface CodebookInfo {
  readonly actors: ReadonlyMap<string, ActorInfo>;
  /** Topic id → label (the id when the codebook gives none). */
  readonly topics: ReadonlyMap<string, string>;
  /** Stance id → polarity (the built-in vocabulary when the codebook declares none). */
  readonly stances: ReadonlyMap<string, number>;
  /** max − min polarity of the vocabulary. */
  readonly range: number;
  /** Actor types the codebook uses, sorted. */
  readonly actorTypes: readonly string[];
}

const infos = new WeakMap<CodebookModel, CodebookInfo>();
const EMPTY_CODEBOOK: CodebookInfo = makeInfo(undefined);

/** The codebook's actors, topics and stances as statements need them (once per parsed codebook). */
export function codebookInfo(model: CodebookModel | undefined): CodebookInfo {
  if (!model?.usable) return EMPTY_CODEBOOK;
  let info = infos.get(model);
  if (!info) infos.set(model, (info = makeInfo(model)));
  return info;
}

function makeInfo(model: CodebookModel | undefined): CodebookInfo {
  const actors = new Map<string, ActorInfo>();
  const topics = new Map<string, string>();
  const stances = new Map<string, number>();
  for (const actor of model?.actors.values() ?? []) {
    const info: ActorInfo = { id: actor.id, name: actor.name?.value ?? actor.id, type: actor.type?.value ?? '' };
    actors.set(actor.id, actor.affiliation ? { ...info, affiliation: actor.affiliation.value } : info);
  }
  for (const topic of model?.topics.values() ?? []) topics.set(topic.id, topic.label?.value ?? topic.id);
  for (const stance of (model ? model.stances : DEFAULT_STANCES).values()) stances.set(stance.id, stance.polarity);
  const actorTypes = [...new Set([...actors.values()].map((a) => a.type).filter(Boolean))].sort();
  return { actors, topics, stances, range: polarityRange(stances.values()), actorTypes };
}

/** The `document:` facts statements carry, as the article's files give them. */
export interface ArticleDocument {
  readonly title?: string;
  readonly date?: string;
  readonly source?: string;
}

/** A valid statement without what needs the article text. */
export interface StatementRecord extends Omit<Statement, 'sentenceText' | 'quote' | 'start' | 'end'> {
  readonly summary: FileSummary;
  /** Offset of its stance entry in `summary.entries`. */
  readonly entry: number;
}

export type LeftOutCounts = Partial<Record<StatementProblem, number>>;

/** What one annotation file contributes. */
export interface FileRecords {
  readonly summary: FileSummary;
  readonly paths: FilePaths;
  readonly codebook: CodebookInfo;
  readonly document: ArticleDocument;
  /** Valid statements, in file order (mentions: `mentionsOf`). */
  readonly statements: readonly StatementRecord[];
  /** Stance entries that are no valid statement, by reason. */
  readonly invalid: LeftOutCounts;
}

export interface FilePaths {
  /** The annotation file, relative to the workspace. */
  readonly file: string;
  /** The article, relative to the workspace ('' without one). */
  readonly article: string;
}

/** The statements and mentions of one annotation file. */
export function fileRecords(summary: FileSummary, codebook: CodebookInfo, paths: FilePaths, document: ArticleDocument): FileRecords {
  const { strings, annotations, entries } = summary;
  const annotationName = (index: number) => {
    const id = annotations[index * ANNOTATION_WIDTH + AnnotationField.id];
    return id >= 0 ? strings[id] : String(index + 1);
  };
  const invalid: LeftOutCounts = {};
  const statements: StatementRecord[] = [];
  for (let at = 0; at < entries.length; at += ENTRY_WIDTH) {
    const problem = entries[at + EntryField.problem];
    const actor = codebook.actors.get(strings[entries[at + EntryField.actor]]);
    const toward = strings[entries[at + EntryField.toward]];
    const stance = strings[entries[at + EntryField.stance]];
    const towardActor = codebook.actors.get(toward);
    const towardLabel = towardActor ? towardActor.name : codebook.topics.get(toward);
    const polarity = codebook.stances.get(stance);
    // The summary was made with this codebook, so a valid entry's ids are in it; a mismatch means a stale summary.
    const reason = problem ? STATEMENT_PROBLEMS[problem] : !actor ? 'unknownActor' : towardLabel === undefined ? 'unknownTarget' : polarity === undefined ? 'unknownStance' : undefined;
    if (reason) {
      invalid[reason] = (invalid[reason] ?? 0) + 1;
      continue;
    }
    const index = entries[at + EntryField.annotation];
    const a = index * ANNOTATION_WIDTH;
    const note = annotations[a + AnnotationField.note];
    // Every key always written, in one order: one object shape (spreading optional keys made this 20 times slower).
    statements.push({
      article: paths.article,
      title: document.title,
      date: document.date,
      source: document.source,
      coder: summary.coder,
      file: paths.file,
      line: entries[at + EntryField.startLine] + 1,
      annotation: annotationName(index),
      sentence: annotations[a + AnnotationField.sentence],
      actor: actor!.id,
      actorName: actor!.name,
      actorType: actor!.type,
      actorAffiliation: actor!.affiliation,
      toward,
      towardLabel: towardLabel!,
      towardKind: towardActor ? 'actor' : 'topic',
      stance,
      polarity: polarity!,
      note: note >= 0 ? strings[note] : undefined,
      summary,
      entry: at,
    });
  }

  return { summary, paths, codebook, document, statements, invalid };
}

const mentionsByRecords = new WeakMap<FileRecords, { mentions: Mention[]; invalid: LeftOutCounts }>();

/** The file's mentions of known actors in resolved annotations, in file order (an actor once per annotation), and those left out by reason; made when first asked for. */
export function mentionsOf(records: FileRecords): { readonly mentions: readonly Mention[]; readonly invalid: LeftOutCounts } {
  const known = mentionsByRecords.get(records);
  if (known) return known;
  const { summary, paths, codebook, document } = records;
  const { strings, annotations } = summary;
  const annotationName = (index: number) => {
    const id = annotations[index * ANNOTATION_WIDTH + AnnotationField.id];
    return id >= 0 ? strings[id] : String(index + 1);
  };
  const invalidMentions: LeftOutCounts = {};
  const mentions: Mention[] = [];
  const uses = summary.uses;
  let seen = new Set<string>();
  let current = -1;
  // Uses come annotation by annotation: its actors, then its stances' actors and targets (role 2, not involvement).
  for (let u = 0; u < uses.length; u += USE_WIDTH) {
    if (uses[u + 1] === 2) continue;
    const index = uses[u + 2];
    if (index !== current) {
      current = index;
      seen = new Set();
    }
    const id = strings[uses[u]];
    if (seen.has(id)) continue;
    seen.add(id);
    const a = index * ANNOTATION_WIDTH;
    const problem = annotations[a + AnnotationField.problem];
    const actor = codebook.actors.get(id);
    const reason = problem ? STATEMENT_PROBLEMS[problem] : codebook === EMPTY_CODEBOOK ? 'noCodebook' : !actor ? 'unknownActor' : undefined;
    if (reason) {
      invalidMentions[reason] = (invalidMentions[reason] ?? 0) + 1;
      continue;
    }
    mentions.push({
      article: paths.article,
      title: document.title,
      date: document.date,
      source: document.source,
      coder: summary.coder,
      file: paths.file,
      line: annotations[a + AnnotationField.line],
      annotation: annotationName(index),
      sentence: annotations[a + AnnotationField.sentence],
      actor: actor!.id,
      actorName: actor!.name,
      actorType: actor!.type,
      actorAffiliation: actor!.affiliation,
    });
  }
  const made = { mentions, invalid: invalidMentions };
  mentionsByRecords.set(records, made);
  return made;
}

/** Adds counts by reason into `total`. */
export function addCounts(total: LeftOutCounts, counts: LeftOutCounts): void {
  for (const key in counts) {
    const reason = key as StatementProblem;
    total[reason] = (total[reason] ?? 0) + counts[reason]!;
  }
}

/** The annotations of a file as the W3C export writes them: resolved ones, with their known actors and valid statements. */
export function annotationRecords(records: FileRecords, text: string, codePoints: CodePoints): { annotations: AnnotationRecord[]; leftOut: LeftOutCounts } {
  const { summary, codebook } = records;
  if (summary.articleLength !== text.length) throw new ArticleChanged(`${records.paths.article} changed while it was read; run the export again`);
  const { strings, annotations, entries, uses } = summary;
  const count = annotations.length / ANNOTATION_WIDTH;
  const actors: string[][] = Array.from({ length: count }, () => []);
  for (let u = 0; u < uses.length; u += USE_WIDTH) {
    const id = strings[uses[u]];
    const involved = actors[uses[u + 2]];
    if (uses[u + 1] !== 2 && codebook.actors.has(id) && involved && !involved.includes(id)) involved.push(id);
  }
  const stances: AnnotationStance[][] = Array.from({ length: count }, () => []);
  for (let at = 0; at < entries.length; at += ENTRY_WIDTH) {
    if (entries[at + EntryField.problem]) continue;
    const [actor, toward, stance] = [strings[entries[at + EntryField.actor]], strings[entries[at + EntryField.toward]], strings[entries[at + EntryField.stance]]];
    if (codebook.actors.has(actor) && (codebook.actors.has(toward) || codebook.topics.has(toward)) && codebook.stances.has(stance))
      stances[entries[at + EntryField.annotation]].push({ actor, stance, toward });
  }
  const leftOut: LeftOutCounts = {};
  const written: AnnotationRecord[] = [];
  for (let index = 0; index < count; index++) {
    const a = index * ANNOTATION_WIDTH;
    const problem = annotations[a + AnnotationField.problem];
    if (problem) {
      const reason = STATEMENT_PROBLEMS[problem] as StatementProblem;
      leftOut[reason] = (leftOut[reason] ?? 0) + 1;
      continue;
    }
    const quoteStart = annotations[a + AnnotationField.quoteStart];
    const start = quoteStart >= 0 ? quoteStart : annotations[a + AnnotationField.sentenceStart];
    const end = quoteStart >= 0 ? annotations[a + AnnotationField.quoteEnd] : annotations[a + AnnotationField.sentenceEnd];
    const id = annotations[a + AnnotationField.id];
    const note = annotations[a + AnnotationField.note];
    written.push({
      file: records.paths.file,
      annotation: id >= 0 ? strings[id] : String(index + 1),
      ...(summary.coder !== undefined && { coder: summary.coder }),
      sentence: annotations[a + AnnotationField.sentence],
      start: codePoints.at(start),
      end: codePoints.at(end),
      actors: actors[index],
      stances: stances[index],
      ...(note >= 0 && { note: strings[note] }),
    });
  }
  return { annotations: written, leftOut };
}

// ---------------------------------------------------------------------------
// What needs the article text.

/** UTF-16 offsets of a text to code points after its BOM (what exports count in, as Python and R index). */
export class CodePoints {
  private readonly bom: number;
  /** UTF-16 offsets of the second unit of each surrogate pair, ascending. */
  private readonly pairs: number[] = [];

  constructor(readonly text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (let i = 0; i + 1 < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) this.pairs.push(++i);
      }
    }
  }

  /** Code points before a UTF-16 offset (after the BOM). */
  at(offset: number): number {
    const pairs = this.pairs;
    // Pairs whose second unit lies before the offset each count one code point less.
    let low = 0;
    let high = pairs.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (pairs[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return offset - this.bom - low;
  }
}

const codePointsOf = new WeakMap<object, CodePoints>();

/** The code point counter of an article text, made once per text holder (an Article, or a string box). */
export function codePointsFor(holder: object, text: string): CodePoints {
  let counter = codePointsOf.get(holder);
  if (!counter || counter.text !== text) codePointsOf.set(holder, (counter = new CodePoints(text)));
  return counter;
}

/** Where a record's annotation points in its article: UTF-16 offsets of the sentence and the quote. */
export function spansOf(record: Pick<StatementRecord, 'summary' | 'entry'>): { sentenceStart: number; sentenceEnd: number; quoteStart: number; quoteEnd: number } {
  const { annotations, entries } = record.summary;
  const a = entries[record.entry + EntryField.annotation] * ANNOTATION_WIDTH;
  return {
    sentenceStart: annotations[a + AnnotationField.sentenceStart],
    sentenceEnd: annotations[a + AnnotationField.sentenceEnd],
    quoteStart: annotations[a + AnnotationField.quoteStart],
    quoteEnd: annotations[a + AnnotationField.quoteEnd],
  };
}

/** Thrown when an article's text is not the one the summary was made from (it changed while exporting). */
export class ArticleChanged extends Error {
  override readonly name = 'ArticleChanged';
}

/**
 * The full statement: the sentence text and the quote as they are in the
 * article (so `text[start:end]` is the quote), and code point offsets of the
 * quote, else of the sentence. The record's own fields are copied, the
 * internal ones dropped.
 */
export function toStatement(record: StatementRecord, text: string, codePoints: CodePoints): Statement {
  if (record.summary.articleLength !== text.length) throw new ArticleChanged(`${record.article} changed while it was read; run the export again`);
  const { sentenceStart, sentenceEnd, quoteStart, quoteEnd } = spansOf(record);
  const hasQuote = quoteStart >= 0;
  return {
    article: record.article,
    title: record.title,
    date: record.date,
    source: record.source,
    coder: record.coder,
    file: record.file,
    line: record.line,
    annotation: record.annotation,
    sentence: record.sentence,
    sentenceText: text.slice(sentenceStart, sentenceEnd),
    quote: hasQuote ? text.slice(quoteStart, quoteEnd) : undefined,
    start: codePoints.at(hasQuote ? quoteStart : sentenceStart),
    end: codePoints.at(hasQuote ? quoteEnd : sentenceEnd),
    actor: record.actor,
    actorName: record.actorName,
    actorType: record.actorType,
    actorAffiliation: record.actorAffiliation,
    toward: record.toward,
    towardLabel: record.towardLabel,
    towardKind: record.towardKind,
    stance: record.stance,
    polarity: record.polarity,
    note: record.note,
  };
}
