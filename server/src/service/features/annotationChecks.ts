import type { Range } from 'vscode-languageserver-types';
import type { Annotation, StanceEntry } from '../model/annotationFile';
import type { ActorEntry, CodebookModel } from '../model/codebook';
import { DEFAULT_STANCES } from '../model/codebook';
import type { Located } from '../model/yamlReader';
import type { Article } from '../model/article';
import type { SegmentationOptions, SentenceSpan } from '../segmentation';
import { rememberResolved } from './resolution';
import type { Problem, RelatedLocation } from '../problems';
import type { AnnotationContext, UncutPath } from '../workspaceIndex/context';
import { suggestIds, type Candidate } from '../text/editDistance';
import { alignWords, closerAlignment, MAX_ALIGNMENT_CELLS, type Difference, type WordAlignment } from '../text/fuzzy';
import { escapeRegExp, findQuote, foldChar } from '../text/quoteMatch';
import { formatBytes } from '../text/decode';
import { doubleQuoted } from '../text/yamlText';
import { displayPath, isAnnotationFileName, isCodebookFileName, type ReadResult } from '../workspace';
import { DEFAULT_LIMITS, type ServiceLimits } from '../workspaceIndex/context';
import { giveWay, type Pacing } from '../pacing';

/** Where an annotation points in its article, once its sentence and quote are resolved. */
export interface ResolvedAnnotation {
  readonly annotation: Annotation;
  /** The sentence the annotation is about, when it can be determined. */
  readonly sentence?: SentenceSpan;
  /** The quote's place in the article, when found in that sentence. */
  readonly quoteMatch?: { readonly start: number; readonly end: number };
}

/**
 * Results of the per-annotation checks of one file, kept between checks: an
 * annotation whose text did not change is not checked again while the
 * article, codebook and segmentation stay the same (typing in one annotation
 * re-checks that one only). Problem spans are stored relative to the item.
 */
export class ItemCheckCache {
  private codebook: CodebookModel | undefined;
  private segmentation = '';
  private hadArticle = false;
  private byOrigin = new Map<object, CachedItem>();
  private next = new Map<object, CachedItem>();
  /** Built only when many items lost their identity (a full re-parse): results by item text. */
  private byText: Map<string, CachedItem> | undefined;
  private misses = 0;

  /** Starts a check; forgets everything if the codebook or segmentation changed (an article edit keeps what does not depend on it). */
  begin(article: Article | undefined, codebook: CodebookModel | undefined, segmentation: SegmentationOptions): void {
    const key = `${segmentation.hardWrapped ? 'w' : 'l'}|${(segmentation.abbreviations ?? []).join('\u0000')}`;
    if (codebook !== this.codebook || key !== this.segmentation || (article !== undefined) !== this.hadArticle) this.byOrigin.clear();
    this.codebook = codebook;
    this.segmentation = key;
    this.hadArticle = article !== undefined;
    this.next = new Map();
    this.byText = undefined;
    this.misses = 0;
  }

  /** The cached result for an annotation, if still valid in this article. */
  get(annotation: Annotation, text: string, article: Article | undefined, sentences: readonly SentenceSpan[] | undefined): CachedItem | undefined {
    if (!annotation.valid) return undefined; // nothing to check (an item broken by a syntax error may read like one that was checked)
    let hit = this.byOrigin.get(annotation.origin);
    if (hit && !this.valid(hit, annotation, article, sentences)) hit = undefined;
    if (!hit && ++this.misses > 8) {
      // Many unknown items: the file was parsed afresh. Find results by text instead.
      this.byText ??= new Map([...this.byOrigin.values()].map((item) => [item.itemText, item]));
      const candidate = this.byText.get(text.slice(annotation.span.start, annotation.span.end));
      if (candidate && this.valid(candidate, annotation, article, sentences)) hit = candidate;
    }
    if (hit) this.next.set(annotation.origin, hit.computedWith === article ? hit : { ...hit, computedWith: article });
    return hit;
  }

  private valid(item: CachedItem, annotation: Annotation, article: Article | undefined, sentences: readonly SentenceSpan[] | undefined): boolean {
    if (item.computedWith === article) return true;
    if (item.wholeArticle) return false;
    return sentenceTextOf(annotation, article, sentences) === item.sentenceText;
  }

  keep(annotation: Annotation, item: CachedItem): void {
    this.next.set(annotation.origin, item);
  }

  /** Keeps only what this check used, so the cache never outgrows the file. */
  end(): void {
    this.byOrigin = this.next;
    this.next = new Map();
    this.byText = undefined;
  }
}

interface CachedItem {
  /** Problems with spans relative to the item's start. */
  readonly problems: readonly Problem[];
  /** Actors and stances, normalised, for finding duplicate annotations. */
  readonly signature: string;
  /** The sentence and quote found. Offsets are absolute when `wholeArticle`, else relative to the sentence's start (which may move). */
  readonly sentence?: SentenceSpan;
  readonly quoteMatch?: { readonly start: number; readonly end: number };
  /** The result depends on the whole article (quote alone, not found, no such sentence), not just on its sentence. */
  readonly wholeArticle: boolean;
  /** The annotated sentence's text the result was computed from. */
  readonly sentenceText: string;
  /** The article version it was computed or last confirmed with. */
  readonly computedWith: Article | undefined;
  /** The item's source text (found by it after a full re-parse). */
  readonly itemText: string;
}

function sentenceTextOf(annotation: Annotation, article: Article | undefined, sentences: readonly SentenceSpan[] | undefined): string {
  const n = annotation.sentence?.value;
  const sentence = n !== undefined && sentences ? sentences[n - 1] : undefined;
  return sentence && article ? article.text.slice(sentence.start, sentence.end) : '';
}

/** Whether a result was reached from the annotated sentence alone. */
function dependsOnWholeArticle(annotation: Annotation, result: ResolvedAnnotation, problems: readonly Problem[]): boolean {
  if (!annotation.sentence) return Boolean(annotation.quote);
  if (problems.some((p) => p.code === 'sentence-out-of-range' || p.code.startsWith('quote-'))) return true;
  return Boolean(annotation.quote && !result.quoteMatch);
}

/** A cached result placed in the current article: a sentence-relative quote moves with its sentence. */
function placed(item: CachedItem, sentences: readonly SentenceSpan[] | undefined): { sentence?: SentenceSpan; quoteMatch?: { start: number; end: number } } {
  if (item.wholeArticle || !item.sentence || !sentences) return { sentence: item.sentence, quoteMatch: item.quoteMatch };
  const sentence = sentences[item.sentence.n - 1];
  const quoteMatch = item.quoteMatch && { start: sentence.start + item.quoteMatch.start, end: sentence.start + item.quoteMatch.end };
  return { sentence, quoteMatch };
}

function shiftProblems(problems: readonly Problem[], delta: number): Problem[] {
  return problems.map((problem) => ({ ...problem, span: { start: problem.span.start + delta, end: problem.span.end + delta } }));
}

/**
 * All problems of one annotation file: its own, its references', each
 * annotation's, and across annotations. With `pacing`, long files give way to
 * other work every few milliseconds.
 */
export async function checkAnnotationFile(context: AnnotationContext, folders: readonly string[], limits: ServiceLimits = DEFAULT_LIMITS, cache?: ItemCheckCache, pacing?: Pacing): Promise<Problem[]> {
  const problems: Problem[] = [...context.model.problems];
  const article = checkArticleLink(context, folders, limits, problems);
  const codebook = checkCodebookLink(context, folders, problems);
  cache?.begin(article, codebook ?? context.codebook.model, context.segmentation);
  const resolved: ResolvedAnnotation[] = [];
  const signatures: string[] = [];
  const text = context.model.text;
  const sentences = article?.sentences(context.segmentation);
  const annotations = context.model.annotations;
  for (let i = 0; i < annotations.length; i++) {
    if ((i & 63) === 63) await giveWay(pacing);
    const annotation = annotations[i];
    let item = cache?.get(annotation, text, article, sentences);
    if (!item) {
      const itemProblems: Problem[] = [];
      const result = resolveAnnotation(annotation, article, context, itemProblems);
      checkIds(annotation, codebook, context, itemProblems);
      if (codebook) checkMentions(result, codebook, article, itemProblems);
      const whole = dependsOnWholeArticle(annotation, result, itemProblems);
      const base = result.sentence?.start ?? 0;
      item = {
        problems: shiftProblems(itemProblems, -annotation.span.start),
        signature: annotationSignature(annotation),
        sentence: result.sentence,
        quoteMatch: whole || !result.quoteMatch ? result.quoteMatch : { start: result.quoteMatch.start - base, end: result.quoteMatch.end - base },
        wholeArticle: whole,
        sentenceText: whole ? '' : sentenceTextOf(annotation, article, sentences),
        computedWith: article,
        itemText: text.slice(annotation.span.start, annotation.span.end),
      };
      cache?.keep(annotation, item);
    }
    problems.push(...shiftProblems(item.problems, annotation.span.start));
    resolved.push({ annotation, ...placed(item, sentences) });
    signatures.push(item.signature);
  }
  cache?.end();
  rememberResolved(context, resolved);
  await checkDuplicateIds(context, problems, pacing);
  await checkConflictingStances(context, codebook, problems, pacing);
  await checkDuplicateAnnotations(context, resolved, signatures, problems, pacing);
  return problems;
}

/** Who and what an annotation tags, in a canonical order: equal for duplicates. */
function annotationSignature(annotation: Annotation): string {
  const actors = [...new Set(involvedActors(annotation).map((a) => a.value))].sort();
  const stances = annotation.stances.map((s) => `${s.actor?.value}>${s.stance?.value}>${s.toward?.value}`).sort();
  return `${actors.join(',')}|${stances.join(',')}`;
}

export function describeReadFailure(result: ReadResult, what: 'article' | 'codebook', limits: ServiceLimits = DEFAULT_LIMITS): string {
  switch (result.kind) {
    case 'missing':
      return 'there is no such file';
    case 'directory':
      return `it is a folder, not ${what === 'article' ? 'an article' : 'a codebook'} file`;
    case 'tooLarge':
      return `it is ${formatBytes(result.size)}, over Standpoint's limit of ${formatBytes(what === 'article' ? limits.maxArticleBytes : limits.maxYamlBytes)} for ${what}s`;
    case 'binary':
      return `${result.reason}`;
    case 'outside':
      return 'a symbolic link leads outside the workspace';
    case 'unreadable':
      return `it cannot be read (${result.reason})`;
    case 'text':
      return '';
  }
}

function checkArticleLink(context: AnnotationContext, folders: readonly string[], limits: ServiceLimits, problems: Problem[]): Article | undefined {
  const link = context.article;
  if (!link) return undefined;
  const shown = link.written.value;
  if (link.reference.kind === 'outside' || link.result?.kind === 'outside') {
    problems.push({
      code: 'outside-workspace',
      span: link.written.span,
      message: `\`${shown}\` resolves outside the workspace folder${link.result?.kind === 'outside' ? ' (through a symbolic link)' : ''}, so Standpoint does not read it. Keep articles inside the workspace and use a relative path.`,
    });
    return undefined;
  }
  const target = link.reference.uri;
  const kind = target === context.uri ? 'this annotation file itself' : isAnnotationFileName(target) ? 'an annotation file' : isCodebookFileName(target) || target === context.codebook.uri ? 'a codebook' : undefined;
  if (kind) {
    problems.push({
      code: 'article-not-found',
      span: link.written.span,
      message: `Article \`${shown}\` cannot be used: it is ${kind}, not an article (looked at ${displayPath(link.reference.uri, folders)}). Name the .txt or .md file this file annotates.`,
    });
    return undefined;
  }
  if (!link.result || link.result.kind !== 'text' || !link.article) {
    const result = link.result ?? { kind: 'missing' as const };
    problems.push({
      code: 'article-not-found',
      span: link.written.span,
      message: `Article \`${shown}\` cannot be used: ${describeReadFailure(result, 'article', limits)} (looked at ${displayPath(link.reference.uri, folders)}). The path is relative to this annotation file.${cutAtCommentHint('article', link.uncut)}`,
      data: uncutData(link.uncut),
    });
    return undefined;
  }
  return link.article;
}

/** For a missing path that YAML cut at ` #`: what happened, and the quoted path to write instead. */
function cutAtCommentHint(key: 'article' | 'codebook', uncut: UncutPath | undefined): string {
  if (!uncut) return '';
  const quoted = `\`${key}: ${doubleQuoted(uncut.value)}\``;
  return uncut.exists
    ? ` The value was cut at \` #\`, which YAML reads as the start of a comment; \`${uncut.value}\` exists: quote the path, ${quoted}.`
    : ` The value was cut at \` #\`, which YAML reads as the start of a comment; if the name goes on after it, quote the path: ${quoted}.`;
}

/** What the quick fix needs: the uncut path, when that file exists. */
function uncutData(uncut: UncutPath | undefined): { uncut: string } | undefined {
  return uncut?.exists ? { uncut: uncut.value } : undefined;
}

function checkCodebookLink(context: AnnotationContext, folders: readonly string[], problems: Problem[]): CodebookModel | undefined {
  const link = context.codebook;
  if (link.written && link.reference) {
    if (link.reference.kind === 'outside' || link.result?.kind === 'outside') {
      problems.push({
        code: 'outside-workspace',
        span: link.written.span,
        message: `\`${link.written.value}\` resolves outside the workspace folder${link.result?.kind === 'outside' ? ' (through a symbolic link)' : ''}, so Standpoint does not read it. Keep the codebook inside the workspace.`,
      });
      return undefined;
    }
    if (isAnnotationFileName(link.reference.uri)) {
      problems.push({
        code: 'codebook-not-found',
        span: link.written.span,
        message: `Codebook \`${link.written.value}\` cannot be used: it is ${link.reference.uri === context.uri ? 'this annotation file itself' : 'an annotation file (*.stance.yaml)'}, not a codebook (looked at ${displayPath(link.reference.uri, folders)}). Name a codebook.yaml, or remove \`codebook:\` to use the nearest one.`,
      });
      return undefined;
    }
    if (!link.model) {
      problems.push({
        code: 'codebook-not-found',
        span: link.written.span,
        message: `Codebook \`${link.written.value}\` cannot be used: ${describeReadFailure(link.result ?? { kind: 'missing' }, 'codebook')} (looked at ${displayPath(link.reference.uri, folders)}). Fix the path, or remove \`codebook:\` to use the nearest codebook.yaml.${cutAtCommentHint('codebook', link.uncut)}`,
        data: uncutData(link.uncut),
      });
      return undefined;
    }
  } else if (!link.uri) {
    problems.push({
      code: 'codebook-not-found',
      span: context.model.headSpan,
      message: 'No codebook: this file names none with `codebook:`, and there is no codebook.yaml in its folder or any parent folder of the workspace. Add a codebook.yaml or a `codebook:` path.',
    });
    return undefined;
  } else if (!link.model) {
    problems.push({
      code: 'codebook-not-found',
      span: context.model.headSpan,
      message: `The nearest codebook, ${displayPath(link.uri, folders)}, cannot be used: ${describeReadFailure(link.result ?? { kind: 'missing' }, 'codebook')}.`,
    });
    return undefined;
  }
  return link.model.usable ? link.model : undefined;
}

/** Finds the sentence (and quote) an annotation points at; problems found on the way go to `problems`. */
export function resolveAnnotation(annotation: Annotation, article: Article | undefined, context: Pick<AnnotationContext, 'segmentation'>, problems: Problem[] = []): ResolvedAnnotation {
  if (!article) return { annotation };
  const sentences = article.sentences(context.segmentation);
  let sentence: SentenceSpan | undefined;
  if (annotation.sentence) {
    const n = annotation.sentence.value;
    if (n < 1 || n > sentences.length) {
      problems.push({
        code: 'sentence-out-of-range',
        span: annotation.sentence.span,
        message: sentences.length === 0
          ? `Sentence ${n} does not exist: the article has no sentences (it is empty).`
          : `Sentence ${n} does not exist: the article has ${sentences.length} sentence${sentences.length === 1 ? '' : 's'} (1–${sentences.length}).`,
        data: { count: sentences.length },
      });
      return { annotation };
    }
    sentence = sentences[n - 1];
  }
  if (!annotation.quote) return { annotation, sentence };
  return resolveQuote(annotation, annotation.quote, sentence, article, sentences, problems);
}

function listNumbers(numbers: readonly number[]): string {
  const shown = numbers.slice(0, 6);
  const more = numbers.length > shown.length ? ` and ${numbers.length - shown.length} more` : '';
  if (shown.length === 1) return `${shown[0]}`;
  return `${shown.slice(0, -1).join(', ')}${more ? ', ' : ' and '}${shown[shown.length - 1]}${more}`;
}

function resolveQuote(
  annotation: Annotation,
  quote: Located<string>,
  sentence: SentenceSpan | undefined,
  article: Article,
  sentences: readonly SentenceSpan[],
  problems: Problem[],
): ResolvedAnnotation {
  // Usually the quote is in the annotated sentence: look there first, and only then in the whole article.
  if (sentence) {
    // An exact copy is the common case, and needs no pattern.
    const exact = quote.value.trim();
    const at = exact ? article.text.slice(sentence.start, sentence.end).indexOf(exact) : -1;
    if (at !== -1) return { annotation, sentence, quoteMatch: { start: sentence.start + at, end: sentence.start + at + exact.length } };
    const [here] = findQuote(article.text, quote.value, sentence.start, sentence.end, 1);
    if (here) return { annotation, sentence, quoteMatch: here };
  }
  const matches = findQuote(article.text, quote.value);
  const inSentence = new Map<number, { start: number; end: number }>();
  const crossing: { start: number; end: number }[] = [];
  for (const match of matches) {
    const containing = sentenceContaining(sentences, match.start);
    if (containing && match.end <= containing.end) {
      if (!inSentence.has(containing.n)) inSentence.set(containing.n, match);
    } else {
      crossing.push(match);
    }
  }
  const found = [...inSentence.keys()].sort((a, b) => a - b);

  if (sentence) {
    const here = inSentence.get(sentence.n);
    if (here) return { annotation, sentence, quoteMatch: here };
    if (found.length) {
      problems.push({
        code: 'quote-sentence-mismatch',
        span: quote.span,
        message: `The quote is not in sentence ${sentence.n}; it occurs in sentence${found.length > 1 ? 's' : ''} ${listNumbers(found)}. Set \`sentence: ${found[0]}\`${found.length > 1 ? ' (or the right one)' : ''}, or fix the quote.`,
        data: { sentences: found, sentence: sentence.n },
      });
      return { annotation, sentence };
    }
  } else if (found.length === 1) {
    const n = found[0];
    return { annotation, sentence: sentences[n - 1], quoteMatch: inSentence.get(n) };
  } else if (found.length > 1) {
    problems.push({
      code: 'quote-ambiguous',
      span: quote.span,
      message: `The quote occurs in ${found.length} sentences (${listNumbers(found)}); add \`sentence:\` to say which one is meant, or quote more words.`,
      data: { sentences: found },
    });
    return { annotation };
  }

  if (crossing.length) {
    const first = sentenceContaining(sentences, crossing[0].start);
    const last = sentenceContaining(sentences, crossing[0].end - 1);
    problems.push({
      code: 'quote-not-found',
      span: quote.span,
      message: `The quote runs across sentences ${first?.n ?? '?'} to ${last?.n ?? '?'}; a quote must lie within one sentence. Shorten it to the part in one sentence.`,
      data: { crossing: true },
    });
    return { annotation, sentence };
  }

  problems.push(quoteNotFound(quote, sentence, article, sentences));
  return { annotation, sentence };
}

function sentenceContaining(sentences: readonly SentenceSpan[], offset: number): SentenceSpan | undefined {
  let low = 0;
  let high = sentences.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const s = sentences[mid];
    if (offset < s.start) high = mid - 1;
    else if (offset >= s.end) low = mid + 1;
    else return s;
  }
  return undefined;
}

/** Sentences aligned word by word with a quote that is not found (after a cheap filter on shared words). */
const MAX_SENTENCES_ALIGNED = 8;

/** quote-not-found, naming the closest sentence and how it differs. */
function quoteNotFound(quote: Located<string>, annotated: SentenceSpan | undefined, article: Article, sentences: readonly SentenceSpan[]): Problem {
  const text = quote.value.trim();
  const closest = closestSentence(text, annotated, article, sentences);
  const base = 'The quote is not in the article.';
  // Close: at least half of the quote's words are still there (exactly or with a typo).
  if (!closest || closest.match.kept === 0 || closest.match.kept * 2 < closest.match.tokens) {
    return { code: 'quote-not-found', span: quote.span, message: `${base} No sentence comes close; check that it was copied from this article.` };
  }
  const { sentence, match } = closest;
  const differences = describeDifferences(text, article.text, match.differences);
  // White space runs as one space, as quotes are matched (a line break inside the sentence would need an escaped YAML string).
  const replacement = article.text.slice(match.start, match.end).replace(/\s+/g, ' ');
  return {
    code: 'quote-not-found',
    span: quote.span,
    message: `${base} Closest: sentence ${sentence.n}${sentence === annotated ? ' (the annotated one)' : ''}, ${differences}. Replace the quote with “${truncate(replacement, 80)}” to re-anchor it.`,
    data: { closest: { sentence: sentence.n, start: match.start, end: match.end, text: replacement } },
  };
}

interface Closest {
  readonly sentence: SentenceSpan;
  readonly match: WordAlignment;
}

/** The sentence where the quote fits with the fewest edits; a cheap word filter first keeps long articles fast. */
const closestMemo = new WeakMap<readonly SentenceSpan[], Map<string, Closest | undefined>>();

/** The sentence where the quote fits with the fewest edits (remembered per segmentation of an article: typing elsewhere in an annotation does not redo it). */
export function closestSentence(quote: string, preferred: SentenceSpan | undefined, article: Article, sentences: readonly SentenceSpan[]): Closest | undefined {
  let memo = closestMemo.get(sentences);
  if (!memo) closestMemo.set(sentences, (memo = new Map()));
  const key = `${preferred?.n ?? 0}\u0000${quote}`;
  if (memo.has(key)) return memo.get(key);
  const result = computeClosestSentence(quote, preferred, article, sentences);
  if (memo.size > 10_000) memo.clear();
  memo.set(key, result);
  return result;
}

const loweredMemo = new WeakMap<readonly SentenceSpan[], readonly string[]>();

/** The sentences of one segmentation in lower case, made once for all the quotes that are not found. */
function loweredSentences(article: Article, sentences: readonly SentenceSpan[]): readonly string[] {
  let lowered = loweredMemo.get(sentences);
  if (!lowered) loweredMemo.set(sentences, (lowered = sentences.map((s) => article.text.slice(s.start, s.end).toLowerCase())));
  return lowered;
}

function computeClosestSentence(quote: string, preferred: SentenceSpan | undefined, article: Article, sentences: readonly SentenceSpan[]): Closest | undefined {
  let candidates = sentences;
  if (sentences.length > MAX_SENTENCES_ALIGNED) {
    // Sentences sharing the quote's words, a rare word counting more than a common one (“If … the … of” finds the sentence by “if”).
    const words = new Set(quote.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []);
    const lowered = loweredSentences(article, sentences);
    const score = new Float64Array(sentences.length);
    const having: number[] = [];
    for (const word of words) {
      having.length = 0;
      for (let i = 0; i < lowered.length; i++) if (lowered[i].includes(word)) having.push(i);
      const weight = Math.log((sentences.length + 1) / (having.length + 0.5));
      for (const i of having) score[i] += weight;
    }
    // The annotated sentence is always aligned; the best-scoring others fill the rest.
    const others = sentences.map((s, i) => ({ s, score: score[i] })).filter((x) => x.s !== preferred);
    others.sort((a, b) => b.score - a.score || a.s.n - b.s.n);
    const picked = others.slice(0, preferred ? MAX_SENTENCES_ALIGNED - 1 : MAX_SENTENCES_ALIGNED).map((x) => x.s);
    candidates = preferred ? [preferred, ...picked] : picked;
  }
  let best: Closest | undefined;
  let budget = MAX_ALIGNMENT_CELLS;
  for (const sentence of candidates) {
    const match = alignWords(quote, article.text, sentence.start, sentence.end, budget);
    if (!match) continue;
    budget -= match.cells;
    const order = best ? closerAlignment(match, best.match) : -1;
    const better = order < 0 || (order === 0 && sentence === preferred);
    if (better) best = { sentence, match };
  }
  return best;
}

/** The differing runs of words, each different one said once: the first two, and how many more. */
function describeDifferences(quote: string, text: string, differences: readonly Difference[]): string {
  if (differences.length === 0) return 'which has the same words';
  const parts = new Set<string>();
  for (const difference of differences) {
    const theirs = text.slice(difference.textStart, difference.textEnd);
    const ours = quote.slice(difference.patternStart, difference.patternEnd);
    if (!ours) parts.add(`which has “${truncate(theirs, 40)}” where the quote has nothing`);
    else if (!theirs) parts.add(`which lacks “${truncate(ours, 40)}”`);
    else parts.add(`which has “${truncate(theirs, 40)}” where the quote has “${truncate(ours, 40)}”`);
  }
  const listed = [...parts];
  const more = listed.length - 2;
  return listed.slice(0, 2).join(', and ') + (more > 0 ? ` (and ${more} more difference${more > 1 ? 's' : ''})` : '');
}

export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= max) return flat;
  let cut = max - 1;
  if (/[\uDC00-\uDFFF]/.test(flat[cut] ?? '')) cut--;
  return `${flat.slice(0, cut)}…`;
}

// ---------------------------------------------------------------------------
// Ids: actors, targets, stance values.

function actorCandidates(codebook: CodebookModel): Candidate[] {
  return [...codebook.actors.values()].map((actor) => ({ id: actor.id, names: [actor.name?.value ?? '', ...actor.aliases.map((a) => a.value)] }));
}

function topicCandidates(codebook: CodebookModel): Candidate[] {
  return [...codebook.topics.values()].map((topic) => ({ id: topic.id, names: [topic.label?.value ?? ''] }));
}

function didYouMean(suggestions: readonly string[], describe: (id: string) => string | undefined): string {
  if (!suggestions.length) return '';
  const named = suggestions.map((id) => {
    const detail = describe(id);
    return detail ? `\`${id}\` (${detail})` : `\`${id}\``;
  });
  return ` Did you mean ${named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}`}?`;
}

function codebookRelated(context: AnnotationContext, codebook: CodebookModel, section: 'actors' | 'topics' | 'stances', message: string): RelatedLocation[] {
  const uri = context.codebook.uri;
  if (!uri) return [];
  const entry = codebook.topLevel.get(section);
  const span = entry?.keySpan ?? codebook.headSpan;
  return [{ uri, range: codebook.lineMap.rangeOf(span), message }];
}

function checkIds(annotation: Annotation, codebook: CodebookModel | undefined, context: AnnotationContext, problems: Problem[]): void {
  const stances = context.codebook.model?.usable ? context.codebook.model.stances : DEFAULT_STANCES;
  for (const stance of annotation.stances) {
    if (stance.stance && !stances.has(stance.stance.value)) {
      const suggestions = suggestIds(stance.stance.value, [...stances.values()].map((s) => ({ id: s.id, names: [s.label] })));
      const known = [...stances.keys()].map((k) => `\`${k}\``).join(', ');
      problems.push({
        code: 'unknown-stance',
        span: stance.stance.span,
        message: `Unknown stance \`${stance.stance.value}\`: the vocabulary is ${known}.${didYouMean(suggestions, (id) => stances.get(id)?.label)}`,
        data: { suggestions },
        related: codebook && context.codebook.model?.topLevel.has('stances') ? codebookRelated(context, codebook, 'stances', 'The stance vocabulary is defined here') : undefined,
      });
    }
  }
  if (!codebook) return;
  const actorName = (id: string) => codebook.actors.get(id)?.name?.value;
  const checkActor = (located: Located<string>) => {
    if (codebook.actors.has(located.value)) return;
    const suggestions = suggestIds(located.value, actorCandidates(codebook));
    const isTopic = codebook.topics.has(located.value);
    const what = isTopic ? `\`${located.value}\` is a topic, not an actor.` : `Unknown actor \`${located.value}\`: the codebook has no such actor.`;
    const fallback = suggestions.length ? '' : ` Add \`${located.value}\` to the codebook's \`actors\`, or use one of its ${codebook.actors.size} actor ids.`;
    problems.push({
      code: 'unknown-actor',
      span: located.span,
      message: `${what}${didYouMean(suggestions, actorName)}${fallback}`,
      data: { suggestions, id: located.value },
      related: codebookRelated(context, codebook, 'actors', 'Actors are defined in the codebook here'),
    });
  };
  annotation.actors.forEach(checkActor);
  for (const stance of annotation.stances) {
    if (stance.actor) checkActor(stance.actor);
    if (stance.toward && !codebook.topics.has(stance.toward.value) && !codebook.actors.has(stance.toward.value)) {
      const suggestions = suggestIds(stance.toward.value, [...topicCandidates(codebook), ...actorCandidates(codebook)]);
      const describe = (id: string) => codebook.topics.get(id)?.label?.value ?? actorName(id);
      const fallback = suggestions.length ? '' : ` Add it to the codebook's \`topics\`, or use one of its ${codebook.topics.size} topic or ${codebook.actors.size} actor ids.`;
      problems.push({
        code: 'unknown-target',
        span: stance.toward.span,
        message: `Unknown target \`${stance.toward.value}\`: \`toward\` must name a topic or an actor of the codebook.${didYouMean(suggestions, describe)}${fallback}`,
        data: { suggestions, id: stance.toward.value },
        related: codebookRelated(context, codebook, codebook.topLevel.has('topics') ? 'topics' : 'actors', 'Topics are defined in the codebook here'),
      });
    }
  }
}

// ---------------------------------------------------------------------------
// Mentions: is a tagged actor named in its sentence?

const mentionPatterns = new WeakMap<CodebookModel, Map<string, RegExp | null>>();
const mentionTerms = new WeakMap<CodebookModel, Map<string, readonly string[]>>();

function escapeForPattern(term: string): string {
  let source = '';
  let inSpace = false;
  for (const ch of term.trim()) {
    const folded = foldChar(ch);
    if (folded === ' ') {
      if (!inSpace) source += '\\s+';
      inSpace = true;
      continue;
    }
    inSpace = false;
    if (folded === "'") source += "['‘’]";
    else if (folded === '"') source += '["“”]';
    else source += escapeRegExp(ch);
  }
  return source;
}

function termsOf(actor: ActorEntry): string[] {
  const terms = new Set<string>([actor.id, actor.id.replace(/-/g, ' ')]);
  if (actor.name) terms.add(actor.name.value);
  for (const alias of actor.aliases) terms.add(alias.value);
  return [...terms].map((t) => t.trim()).filter(Boolean);
}

/** A case-insensitive whole-word pattern for an actor's id, name and aliases. */
export function mentionPattern(codebook: CodebookModel, actor: ActorEntry): RegExp | undefined {
  let cache = mentionPatterns.get(codebook);
  if (!cache) mentionPatterns.set(codebook, (cache = new Map()));
  const cached = cache.get(actor.id);
  if (cached !== undefined) return cached ?? undefined;
  const alternatives = termsOf(actor).sort((a, b) => b.length - a.length).map(escapeForPattern);
  const pattern = alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu') : null;
  cache.set(actor.id, pattern);
  return pattern ?? undefined;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Text folded for mention search: lower case, white space runs as one space, typographic quote marks as straight ones. */
export function foldForMentions(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}

/**
 * Whether a sentence names an actor (id, id with spaces, name or alias, as a
 * whole word, in any case, white space and quote marks matched loosely): what
 * `mentionPattern` tests, found with plain string search on folded text.
 */
export function mentions(codebook: CodebookModel, actor: ActorEntry, sentence: string, folded = foldForMentions(sentence)): boolean {
  let cache = mentionTerms.get(codebook);
  if (!cache) mentionTerms.set(codebook, (cache = new Map()));
  let terms = cache.get(actor.id);
  if (!terms) cache.set(actor.id, (terms = [...new Set(termsOf(actor).map(foldForMentions))]));
  for (const term of terms) {
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + 1)) {
      const before = at > 0 ? String.fromCodePoint(folded.codePointAt(at - 1 - (at >= 2 && /[\uDC00-\uDFFF]/.test(folded[at - 1]) ? 1 : 0))!) : '';
      const after = at + term.length < folded.length ? String.fromCodePoint(folded.codePointAt(at + term.length)!) : '';
      if ((!before || !WORD_CHAR.test(before)) && (!after || !WORD_CHAR.test(after))) return true;
    }
  }
  return false;
}

/** Every actor an annotation involves (its `actors` and its stances' actors), each once, at its first mention in the file. */
export function involvedActors(annotation: Annotation): Located<string>[] {
  const seen = new Set<string>();
  const result: Located<string>[] = [];
  for (const located of [...annotation.actors, ...annotation.stances.flatMap((s) => (s.actor ? [s.actor] : []))]) {
    if (seen.has(located.value)) continue;
    seen.add(located.value);
    result.push(located);
  }
  return result;
}

function checkMentions({ annotation, sentence }: ResolvedAnnotation, codebook: CodebookModel, article: Article | undefined, problems: Problem[]): void {
  if (!article || !sentence) return;
  {
    const text = article.text.slice(sentence.start, sentence.end);
    const folded = foldForMentions(text);
    for (const located of involvedActors(annotation)) {
      const actor = codebook.actors.get(located.value);
      if (!actor || mentions(codebook, actor, text, folded)) continue;
      const names = [actor.name?.value, ...actor.aliases.map((a) => a.value)].filter(Boolean).map((n) => `“${n}”`);
      problems.push({
        code: 'actor-not-mentioned',
        span: located.span,
        message: `\`${actor.id}\` is tagged, but sentence ${sentence.n} names it nowhere (looked for ${names.length ? names.slice(0, 5).join(', ') : 'its id'}${names.length > 5 ? ', …' : ''}). If the sentence refers to it another way, add that as an alias in the codebook.`,
        data: { actor: actor.id, sentence: sentence.n },
      });
    }
  }
}

// ---------------------------------------------------------------------------
// Across annotations of one file.

// Each gives way every 1,024 annotations (a file of 100,000 duplicates makes 100,000 problems here).

async function checkDuplicateIds(context: AnnotationContext, problems: Problem[], pacing?: Pacing): Promise<void> {
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

async function checkConflictingStances(context: AnnotationContext, codebook: CodebookModel | undefined, problems: Problem[], pacing?: Pacing): Promise<void> {
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
          related: [{ uri: context.uri, range: context.model.lineMap.rangeOf(opposite.entry.stance!.span), message: `The opposite stance: ${opposite.entry.actor!.value} ${opposite.entry.stance!.value} ${opposite.entry.toward!.value}` }],
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

async function checkDuplicateAnnotations(context: AnnotationContext, resolved: readonly ResolvedAnnotation[], signatures: readonly string[], problems: Problem[], pacing?: Pacing): Promise<void> {
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
      earlier = sameQuote && firsts.unquoted ? (sameQuote.index < firsts.unquoted.index ? sameQuote : firsts.unquoted) : sameQuote ?? firsts.unquoted;
      if (!sameQuote) firsts.byQuote.set(quote, annotation);
    }
    if (!earlier) continue;
    const anchor = annotation.sentence?.span ?? annotation.quote?.span ?? annotation.span;
    const earlierAnchor = earlier.sentence?.span ?? earlier.quote?.span ?? earlier.span;
    problems.push({
      code: 'duplicate-annotation',
      span: anchor,
      message: `Annotation ${annotation.index + 1} repeats annotation ${earlier.index + 1}: both tag sentence ${sentence.n} with the same actors and stances. Remove one, or merge their notes.`,
      related: [{ uri: context.uri, range: rangeOfAnchor.get(earlier) ?? rangeOfAnchor.set(earlier, context.model.lineMap.rangeOf(earlierAnchor)).get(earlier)!, message: `Annotation ${earlier.index + 1} tags the same` }],
    });
  }
}
