import type { Annotation } from '../model/annotationFile';
import type { Article } from '../model/article';
import type { Problem } from '../problems';
import { segmentSentences, type SegmentationOptions, type SentenceSpan } from '../segmentation';
import type { AnnotationContext } from '../workspaceIndex/context';
import type { ArticleHistory, CleanCheck, EarlierArticle, FixedAnchors } from '../articleHistory';
import { buildSentenceMap, type Ambiguity, type SentenceMap, type SentenceMapping } from '../anchors/index';
import { truncate } from '../text/truncate';
import { annotationAt } from './locate';
import { resolvedAnnotations, type ResolvedAnnotation } from './resolution';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';

/**
 * `sentence-moved`: the article changed outside the editor since an
 * annotation was made, and the sentence it pointed at now has another number
 * or is gone (docs/sentences.md, "When the article changes"). The earlier
 * text comes from an ArticleHistory (git, or the record of the last clean
 * check); each annotation is mapped from it to the current text.
 */

/** The segmentation options as one string: an earlier text is compared only under the same ones. */
export function segmentationKey(options: SegmentationOptions): string {
  return `${options.hardWrapped ? 'w' : 'l'}|${(options.abbreviations ?? []).join('\u0000')}`;
}

/**
 * What identifies an annotation across checks for the record: its sentence
 * number, id and quote. An annotation whose number (or id or quote) was
 * changed since the record was taken is taken as written: a number set by
 * hand is never "moved back". Other keys (actors, notes) may change freely.
 */
export function annotationAnchor(annotation: Annotation, sentence = annotation.sentence?.value): string | undefined {
  if (!annotation.valid || !annotation.sentence || sentence === undefined) return undefined;
  // An annotation's own anchor is kept by its origin (the same item text, so the same anchor): every check of a
  // clean file reads the anchors of all its annotations, and a keystroke changes one of them.
  const own = sentence === annotation.sentence.value;
  const kept = own ? anchorsByOrigin.get(annotation.origin) : undefined;
  if (kept !== undefined) return kept;
  const quote = annotation.quote?.value.trim().replace(/\s+/g, ' ') ?? '';
  const anchor = `${sentence}\u0001${annotation.id?.value ?? ''}\u0001${quote}`;
  if (own) anchorsByOrigin.set(annotation.origin, anchor);
  return anchor;
}

const anchorsByOrigin = new WeakMap<object, string>();

/** The anchors of annotations before and after Standpoint sets their numbers (`annotations`: 0-based positions in the file). */
export function fixedAnchors(context: AnnotationContext, changes: readonly { readonly annotations: readonly number[]; readonly newNumber: number }[]): FixedAnchors {
  const before: string[] = [];
  const after: string[] = [];
  for (const change of changes) {
    for (const index of change.annotations) {
      const annotation = context.model.annotations[index];
      const old = annotation && annotationAnchor(annotation);
      const fresh = annotation && annotationAnchor(annotation, change.newNumber);
      if (old !== undefined && fresh !== undefined) {
        before.push(old);
        after.push(fresh);
      }
    }
  }
  return { before, after };
}

/** Tells the history that Standpoint set these numbers (see ArticleHistory.recordFixed). */
export async function recordFixedAnchors(index: WorkspaceIndex, uri: string, fixed: FixedAnchors): Promise<void> {
  const history = index.articleHistory;
  if (!history?.recordFixed || !fixed.after.length) return;
  const context = await index.annotationContext(uri);
  const articleUri = context && articleUriOf(context);
  const article = context?.article?.article;
  if (!context || !articleUri || !article) return;
  history.recordFixed({ annotationUri: uri, articleUri, segmentation: segmentationKey(context.segmentation), ...fixed, articleText: async () => article.text });
}

/** Codes that say an annotation's sentence or quote did not hold: such an annotation is not recorded as clean. */
const SENTENCE_PROBLEMS: ReadonlySet<string> = new Set(['sentence-out-of-range', 'quote-not-found', 'quote-sentence-mismatch', 'quote-ambiguous', 'sentence-moved']);

/** Maps from an earlier text to an article's current one, per article version, segmentation and earlier text. */
const maps = new WeakMap<Article, Map<string, Map<string, SentenceMap>>>();

/**
 * Earlier texts' sentences, per segmentation and text. While an article is edited in the editor, every
 * keystroke is a new version compared with the same earlier text (the record's): it is segmented once.
 */
const earlierSentences = new Map<string, Map<string, readonly SentenceSpan[]>>();

function sentencesOfEarlier(key: string, earlier: string, segmentation: SegmentationOptions): readonly SentenceSpan[] {
  let byText = earlierSentences.get(key);
  if (!byText) earlierSentences.set(key, (byText = new Map()));
  let sentences = byText.get(earlier);
  if (!sentences) {
    sentences = segmentSentences(earlier, segmentation);
    if (byText.size >= 4) byText.delete(byText.keys().next().value!);
    byText.set(earlier, sentences);
  }
  return sentences;
}

// Keyed by the texts themselves, never by a string built from them: a key made by concatenating a
// 60 KB article is hashed afresh at every lookup (one per annotation: a second per keystroke on a
// 1,000-annotation file), while the same string object keeps its hash.
function mapFrom(earlier: string, article: Article, segmentation: SegmentationOptions): SentenceMap {
  let bySegmentation = maps.get(article);
  if (!bySegmentation) maps.set(article, (bySegmentation = new Map()));
  const key = segmentationKey(segmentation);
  let byEarlier = bySegmentation.get(key);
  if (!byEarlier) bySegmentation.set(key, (byEarlier = new Map()));
  let map = byEarlier.get(earlier);
  if (!map) {
    const before = { text: earlier, sentences: sentencesOfEarlier(key, earlier, segmentation) };
    map = buildSentenceMap(before, { text: article.text, sentences: article.sentences(segmentation) }, segmentation);
    // Few earlier versions are in play at once (a pull changes an article once); a long session must not pile them up.
    if (byEarlier.size >= 8) byEarlier.delete(byEarlier.keys().next().value!);
    byEarlier.set(earlier, map);
  }
  return map;
}

function articleUriOf(context: AnnotationContext): string | undefined {
  return context.article?.reference.kind === 'inside' && context.article.article ? context.article.reference.uri : undefined;
}

/** What the data of a `sentence-moved` diagnostic holds (its quick fix and `standpoint check --fix` read it). */
export interface SentenceMovedData {
  readonly oldNumber: number;
  /** The sentence's number now; absent when it is gone. */
  readonly newNumber?: number;
  /** True when the new number may be applied without asking. */
  readonly unambiguous: boolean;
  readonly source: EarlierArticle['source'];
}

/**
 * The `sentence-moved` problems of a resolved annotation file, and the
 * earlier texts they were found from. An annotation whose quote is found in
 * its current sentence is never reported (the quote shows it points at the
 * right text).
 */
export async function sentenceMovedProblems(
  context: AnnotationContext,
  resolved: readonly ResolvedAnnotation[],
  history: ArticleHistory | undefined,
  known?: readonly EarlierArticle[],
): Promise<{ problems: Problem[]; sources: EarlierArticle[] }> {
  const articleUri = articleUriOf(context);
  const article = context.article?.article;
  const none = { problems: [], sources: [] };
  if (!history || !articleUri || !article || !context.model.annotations.some((a) => a.valid && a.sentence)) return none;
  const found =
    known ??
    (await history.earlierArticles({
      annotationUri: context.uri,
      articleUri,
      annotationText: async () => context.model.text,
      articleText: async () => article.text,
    }));
  const segmentation = segmentationKey(context.segmentation);
  const earlier = found.filter((candidate) => candidate.segmentation === undefined || candidate.segmentation === segmentation);
  if (!earlier.length) return none;
  const problems: Problem[] = [];
  const sources = new Set<EarlierArticle>();
  const mapsOfFile = new Map<EarlierArticle, SentenceMap>();
  for (const { annotation, quoteMatch } of resolved) {
    const anchor = annotationAnchor(annotation);
    if (anchor === undefined || quoteMatch) continue;
    const source = earlier.find((candidate) => !candidate.covers || candidate.covers(anchor));
    if (!source) continue;
    let map = mapsOfFile.get(source);
    if (!map) mapsOfFile.set(source, (map = mapFrom(source.text, article, context.segmentation)));
    const oldNumber = annotation.sentence!.value;
    const mapping = map.map(oldNumber, annotation.quote?.value);
    // The same number is news only when a split makes it a guess (the first part, for want of a quote): then it is said, never
    // silent. A sentence edited in place keeps its number without a word here (its quote, if broken, has its own problem).
    if (!mapping || (mapping.newNumber === oldNumber && (mapping.unambiguous || mapping.kind !== 'split'))) continue;
    const old = map.before.sentences[oldNumber - 1];
    const oldText = map.before.text.slice(old.start, old.end);
    // A guess that keeps the number has nothing to set: no new number in the data, so no fix offers it.
    const newNumber = mapping.newNumber === oldNumber ? undefined : mapping.newNumber;
    const data: SentenceMovedData = { oldNumber, newNumber, unambiguous: mapping.unambiguous, source: source.source };
    problems.push({ code: 'sentence-moved', span: annotation.sentence!.span, message: movedMessage(oldNumber, oldText, mapping, source), data: { ...data } });
    sources.add(source);
  }
  return { problems, sources: [...sources] };
}

/**
 * When git (not the record) showed that sentences moved, the record takes
 * over what git knew: the file's annotations agree with that earlier text.
 * Once the file is edited (a fix, a note), git no longer speaks for it, and
 * the annotations not fixed yet must still be reported.
 */
function rememberEarlier(history: ArticleHistory, context: AnnotationContext, sources: readonly EarlierArticle[]): void {
  const articleUri = articleUriOf(context);
  const git = sources.find((source) => source.source === 'git');
  if (!articleUri || !git || sources.some((source) => source.source === 'record')) return;
  const anchors = context.model.annotations.flatMap((annotation) => annotationAnchor(annotation) ?? []);
  history.recordClean?.({ annotationUri: context.uri, articleUri, segmentation: segmentationKey(context.segmentation), anchors, articleText: async () => git.text, earlier: true });
}

function movedMessage(oldNumber: number, oldText: string, mapping: SentenceMapping, source: EarlierArticle): string {
  const since = `the article has changed since ${source.since}`;
  const pointed = `the sentence it pointed at, “${truncate(oldText, 80)}”,`;
  if (mapping.newNumber === undefined) {
    return mapping.ambiguity === 'budget'
      ? `Sentence ${oldNumber} may have moved: ${since}, and ${pointed} was not found (the change is too large to compare in full). Check which sentence is meant.`
      : `Sentence ${oldNumber} is gone: ${since}, and ${pointed} is no longer in it. Point the annotation at another sentence, or remove it.`;
  }
  if (mapping.unambiguous) return `Sentence ${oldNumber} moved: ${since}; ${pointed} is now sentence ${mapping.newNumber}. Set \`sentence: ${mapping.newNumber}\`.`;
  if (mapping.newNumber === oldNumber) {
    return `Sentence ${oldNumber} may no longer be the sentence meant: ${since}; ${pointed} is probably still sentence ${oldNumber} (${AMBIGUITY_WORDS[mapping.ambiguity ?? 'weak-similarity']}), but that is a guess. Check it; a \`quote:\` from the sentence you mean settles it.`;
  }
  return `Sentence ${oldNumber} moved: ${since}; ${pointed} is probably sentence ${mapping.newNumber} now (${AMBIGUITY_WORDS[mapping.ambiguity ?? 'weak-similarity']}). Check it before setting \`sentence: ${mapping.newNumber}\`.`;
}

const AMBIGUITY_WORDS: Record<Ambiguity, string> = {
  'repeated-text': 'its text occurs more than once, so which copy is meant is a guess',
  'weak-similarity': 'it was rewritten, and the new sentence is only partly alike',
  'close-rival': 'another sentence nearby is almost as alike',
  'split-without-quote': 'it was split, and without a quote the first part is assumed',
  'quote-not-in-parts': 'it was split, and the quote is in none of the parts',
  'quote-in-several-parts': 'it was split, and the quote is in more than one part',
  'quote-not-in-target': 'it was edited, and the quote is no longer in it',
  deleted: 'it was deleted',
  budget: 'the change was too large to compare in full',
};

/**
 * What the record keeps of a check: the anchors of the annotations whose
 * sentence and quote held. Nothing when a sentence had moved (the record must
 * keep the text those annotations were written against until they are fixed)
 * or when the article could not be read.
 */
export function cleanCheckOf(context: AnnotationContext, problems: readonly Problem[]): CleanCheck | undefined {
  const articleUri = articleUriOf(context);
  const article = context.article?.article;
  if (!articleUri || !article) return undefined;
  const failed = new Set<Annotation>();
  for (const problem of problems) {
    if (!SENTENCE_PROBLEMS.has(problem.code)) continue;
    if (problem.code === 'sentence-moved') return undefined;
    const annotation = annotationAt(context.model, problem.span.start);
    if (annotation) failed.add(annotation);
  }
  const anchors: string[] = [];
  for (const annotation of context.model.annotations) {
    const anchor = failed.has(annotation) ? undefined : annotationAnchor(annotation);
    if (anchor !== undefined) anchors.push(anchor);
  }
  return { annotationUri: context.uri, articleUri, segmentation: segmentationKey(context.segmentation), anchors, articleText: async () => article.text };
}

/** Drops the `quote-sentence-mismatch` of an annotation that is reported as `sentence-moved` (one warning, one fix). */
export function withoutCoveredMismatches(problems: readonly Problem[], moved: readonly Problem[], context: AnnotationContext): Problem[] {
  if (!moved.length) return [...problems];
  const movedAnnotations = new Set(moved.map((problem) => annotationAt(context.model, problem.span.start)));
  return problems.filter((problem) => problem.code !== 'quote-sentence-mismatch' || !movedAnnotations.has(annotationAt(context.model, problem.span.start)));
}

// ---------------------------------------------------------------------------
// Orchestration: what the checks call (diagnostics.ts, the service's initialize).

/** What a bulk indexer sends back about a file whose sentence references held (IndexedFile.clean). */
export interface CleanFacts {
  readonly articleUri: string;
  readonly segmentation: string;
  readonly anchors: readonly string[];
}

interface MovedCache {
  readonly context: AnnotationContext;
  readonly generation: number;
  readonly problems: readonly Problem[];
}

/** Bumped when a history may answer differently for unchanged files (git: a commit, a checkout). */
const generations = new WeakMap<WorkspaceIndex, number>();

export function historyChanged(index: WorkspaceIndex): void {
  generations.set(index, (generations.get(index) ?? 0) + 1);
}

/**
 * A checked file's problems with its `sentence-moved` ones (the
 * `quote-sentence-mismatch` of a moved annotation left out), computed once
 * per context; tells the history when no sentence had moved. Without a
 * history (worker threads), the facts of a clean check are kept for
 * `cleanFacts`, which the bulk indexer sends back.
 */
export async function withSentenceMoved(index: WorkspaceIndex, context: AnnotationContext, problems: readonly Problem[]): Promise<readonly Problem[]> {
  const history = index.articleHistory;
  if (!history) {
    index.featureCache(context.uri, 'clean-facts', () => ({ value: undefined as CleanFacts | undefined })).value = factsOf(cleanCheckOf(context, problems));
    return problems;
  }
  const generation = generations.get(index) ?? 0;
  const cache = index.featureCache(context.uri, 'sentence-moved', () => ({ last: undefined as MovedCache | undefined }));
  let moved = cache.last?.context === context && cache.last.generation === generation ? cache.last.problems : undefined;
  if (!moved) {
    const found = await sentenceMovedProblems(context, resolvedAnnotations(context), history);
    moved = found.problems;
    cache.last = { context, generation, problems: moved };
    if (!moved.length) {
      const clean = cleanCheckOf(context, problems);
      if (clean) history.recordClean?.(clean);
    } else {
      rememberEarlier(history, context, found.sources);
    }
  }
  return moved.length ? [...withoutCoveredMismatches(problems, moved, context), ...moved] : problems;
}

function factsOf(check: CleanCheck | undefined): CleanFacts | undefined {
  return check && { articleUri: check.articleUri, segmentation: check.segmentation, anchors: check.anchors };
}

/** The facts of the file's last clean check in this thread, for the bulk indexer to send back. */
export function cleanFacts(index: WorkspaceIndex, uri: string): CleanFacts | undefined {
  return index.featureCache(uri, 'clean-facts', () => ({ value: undefined as CleanFacts | undefined })).value;
}

/** Lets the history look up every annotation file and its article at once (after indexing). */
export async function prepareHistory(index: WorkspaceIndex): Promise<void> {
  const history = index.articleHistory;
  if (!history?.prepare) return;
  const pairs: { annotationUri: string; articleUri: string }[] = [];
  for (const uri of index.annotationFiles) {
    const articleUri = index.linksOf(uri)?.articleUri;
    if (articleUri) pairs.push({ annotationUri: uri, articleUri });
  }
  await history.prepare(pairs);
}

/**
 * The `sentence-moved` problems of a file checked elsewhere (a worker
 * thread, the persisted index), placed by range; the file is parsed here only
 * when its history says the article changed since. A clean check's facts
 * are recorded when nothing moved.
 */
export async function sentenceMovedOfIndexed(index: WorkspaceIndex, uri: string, clean: CleanFacts | undefined): Promise<{ problems: readonly Problem[]; context?: AnnotationContext }> {
  const history = index.articleHistory;
  const articleUri = index.linksOf(uri)?.articleUri;
  if (!history || !articleUri) return { problems: [] };
  const read = async (target: string) => {
    const result = await index.workspace.read(target, index.limits.maxArticleBytes);
    return result.kind === 'text' ? result.text : undefined;
  };
  const earlier = await history.earlierArticles({
    annotationUri: uri,
    articleUri,
    annotationText: () => read(uri),
    articleText: () => read(articleUri),
  });
  let problems: readonly Problem[] = [];
  let context: AnnotationContext | undefined;
  if (earlier.length) {
    context = await index.annotationContext(uri);
    if (context) {
      const found = await sentenceMovedProblems(context, resolvedAnnotations(context), history, earlier);
      problems = found.problems;
      if (problems.length) rememberEarlier(history, context, found.sources);
    }
  }
  if (!problems.length && clean && clean.articleUri === articleUri) history.recordClean?.({ annotationUri: uri, ...clean, articleText: () => read(articleUri) });
  return { problems, context };
}
