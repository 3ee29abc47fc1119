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

/** Every non-overlapping occurrence of the quote in `text[from, to)`. */
export function findQuote(text: string, quote: string, from = 0, to = text.length, limit = 1000): TextMatch[] {
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

/** The character used when comparing text loosely: quote marks and spaces folded. */
export function foldChar(ch: string): string {
  if (SINGLE_QUOTES.includes(ch)) return "'";
  if (DOUBLE_QUOTES.includes(ch)) return '"';
  if (/\s/.test(ch)) return ' ';
  return ch;
}
