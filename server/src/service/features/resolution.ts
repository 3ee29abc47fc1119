import type { Annotation } from '../model/annotationFile';
import type { Article } from '../model/article';
import type { Located } from '../model/yamlReader';
import type { Problem } from '../problems';
import type { SentenceSpan } from '../segmentation';
import { alignWords, closerAlignment, type Difference, MAX_ALIGNMENT_CELLS, type WordAlignment } from '../text/fuzzy';
import { findQuote } from '../text/quoteMatch';
import { truncate } from '../text/truncate';
import type { AnnotationContext } from '../workspaceIndex/context';

/**
 * Resolution: where an annotation points in its article — its sentence, its
 * quote, and for a quote that is not found, the closest sentence — with the
 * problems found on the way. The checks, hover, definition, decorations and
 * exports all resolve through here; the results are kept per context.
 */

/** Where an annotation points in its article, once its sentence and quote are resolved. */
export interface ResolvedAnnotation {
  readonly annotation: Annotation;
  /** The sentence the annotation is about, when it can be determined. */
  readonly sentence?: SentenceSpan;
  /** The quote's place in the article, when found in that sentence. */
  readonly quoteMatch?: { readonly start: number; readonly end: number };
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
        message:
          sentences.length === 0
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

/** closestSentence's answers, per segmentation of an article (its sentence list), by preferred sentence and quote. */
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

/** The sentence where the quote fits with the fewest edits; a cheap word filter first keeps long articles fast. */
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

const resolvedByContext = new WeakMap<AnnotationContext, readonly ResolvedAnnotation[]>();

/**
 * Where each annotation of a file points in its article. Contexts are rebuilt
 * whenever the file, its article or its codebook changes, so caching by
 * context object never serves a stale answer.
 */
export function resolvedAnnotations(context: AnnotationContext): readonly ResolvedAnnotation[] {
  let resolved = resolvedByContext.get(context);
  if (!resolved) {
    const article = context.article?.article;
    resolved = context.model.annotations.map((annotation) => resolveAnnotation(annotation, article, context));
    resolvedByContext.set(context, resolved);
  }
  return resolved;
}

/** Records what a check already resolved, so hovers and decorations need not resolve again. */
export function rememberResolved(context: AnnotationContext, resolved: readonly ResolvedAnnotation[]): void {
  resolvedByContext.set(context, resolved);
}

/** The annotations of a file that tag sentence `n`. */
export function annotationsOfSentence(context: AnnotationContext, n: number): ResolvedAnnotation[] {
  return resolvedAnnotations(context).filter((r) => r.sentence?.n === n);
}
