/**
 * How a `quote:` is found in an article: exact text, except that any run of
 * white space matches any run of white space, and straight and typographic
 * quote marks match each other (annotators type `'`, articles print ’).
 */

const SINGLE_QUOTES = `'‘’‚‛′`;
const DOUBLE_QUOTES = `"“”„‟″`;

export interface TextMatch {
  readonly start: number;
  readonly end: number;
}

/** Escapes a character for a RegExp with the `u` flag (where `\-` is a syntax error). */
export function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** A global RegExp for the quote, or undefined for an empty quote. */
export function quotePattern(quote: string): RegExp | undefined {
  const trimmed = quote.trim();
  if (!trimmed) return undefined;
  let source = '';
  let inSpace = false;
  for (const ch of trimmed) {
    if (/\s/.test(ch)) {
      if (!inSpace) source += '\\s+';
      inSpace = true;
      continue;
    }
    inSpace = false;
    if (SINGLE_QUOTES.includes(ch)) source += `[${SINGLE_QUOTES}]`;
    else if (DOUBLE_QUOTES.includes(ch)) source += `[${DOUBLE_QUOTES}]`;
    else source += escapeRegExp(ch);
  }
  return new RegExp(source, 'gu');
}

/** Longer quotes are found without a RegExp: V8 compiles a pattern of many thousand terms slowly, then not at all (stack overflow). */
const REGEXP_QUOTE_LIMIT = 1000;

/** Every non-overlapping occurrence of the quote in `text[from, to)`. */
export function findQuote(text: string, quote: string, from = 0, to = text.length, limit = 1000): TextMatch[] {
  if (quote.length > REGEXP_QUOTE_LIMIT) return findFoldedQuote(text, quote, from, to, limit);
  const pattern = quotePattern(quote);
  if (!pattern) return [];
  const matches: TextMatch[] = [];
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const end = m.index + m[0].length;
    if (end > to) break;
    matches.push({ start: m.index, end });
    if (matches.length >= limit) break;
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return matches;
}

const SPACE = /\s/;
const SINGLE_QUOTE_MARKS = new RegExp(`[${SINGLE_QUOTES}]`, 'g');
const DOUBLE_QUOTE_MARKS = new RegExp(`[${DOUBLE_QUOTES}]`, 'g');
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** `text[from, to)` with each run of white space as one space and quote marks folded, and where each folded character came from. */
function folded(text: string, from: number, to: number): { text: string; starts: number[]; ends: number[] } {
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = from; i < to;) {
    let j = i + 1;
    if (SPACE.test(text[i])) while (j < to && SPACE.test(text[j])) j++;
    parts.push(j > i + 1 ? ' ' : foldChar(text[i]));
    starts.push(i);
    ends.push(j);
    i = j;
  }
  return { text: parts.join(''), starts, ends };
}

/**
 * The same matches as `quotePattern`, by plain string search in folded text:
 * after a run of white space the quote goes on with a non-space, so `\s+`
 * always takes the whole run, and a match is never split inside one.
 */
export function findFoldedQuote(text: string, quote: string, from = 0, to = text.length, limit = 1000): TextMatch[] {
  const needle = foldText(quote);
  if (!needle || needle.length > to - from) return [];
  const haystack = folded(text, from, to);
  const matches: TextMatch[] = [];
  for (let at = haystack.text.indexOf(needle); at !== -1; at = haystack.text.indexOf(needle, at)) {
    const start = haystack.starts[at];
    const end = haystack.ends[at + needle.length - 1];
    // Code points, as the RegExp's `u` flag reads them: a match does not begin or end inside a surrogate pair.
    if ((isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) || (isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1)))) {
      at++;
      continue;
    }
    matches.push({ start, end });
    if (matches.length >= limit) break;
    at += needle.length;
  }
  return matches;
}

/**
 * Text as the quote matcher compares it: trimmed, each run of white space one
 * space, straight and typographic quote marks alike. Two texts with the same
 * folded form match each other as quotes.
 */
export function foldText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(SINGLE_QUOTE_MARKS, "'").replace(DOUBLE_QUOTE_MARKS, '"');
}

/** The character used when comparing text loosely: quote marks and spaces folded. */
export function foldChar(ch: string): string {
  if (SINGLE_QUOTES.includes(ch)) return "'";
  if (DOUBLE_QUOTES.includes(ch)) return '"';
  if (/\s/.test(ch)) return ' ';
  return ch;
}
