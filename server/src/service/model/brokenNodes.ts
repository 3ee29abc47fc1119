import type { Span } from '../text/lineMap';

/**
 * Which nodes of a file its YAML syntax errors broke (docs/diagnostics.md,
 * "After a syntax error"), for annotation files and codebooks alike.
 *
 * `firsts` are where the nodes' first characters are, in file order: the
 * top-level entries and, inside the collections whose entries are checked one
 * by one (annotation items; codebook actors, topics, stances), each entry.
 * Node k owns the text from the start of its first line (unless the node
 * before starts on that line too: a flow collection) up to the next node's
 * start; the last one runs to the end of the file. A syntax error breaks
 * every node whose text its span touches; an error at the very start of a
 * node's first line (in its indentation, or on its first character) breaks
 * the node before it too: YAML notices a missing `]` or a mis-indented line
 * only where the next node begins. Each error finds its nodes by halving, so
 * a file with an error in each of many items stays linear.
 */
export interface BrokenExtents {
  /** Indexes into `firsts` of the broken nodes. */
  readonly indexes: ReadonlySet<number>;
  /** The text node k owns. */
  readonly extent: (k: number) => Span;
  /** Errors that touched no node at all (before the first one, or an empty file). */
  readonly outside: boolean;
}

export function findBrokenNodes(text: string, breaks: readonly Span[], firsts: readonly number[]): BrokenExtents {
  const starts = firsts.map((first, k) => {
    const lineStart = lineStartOf(text, first);
    return k > 0 && firsts[k - 1] >= lineStart ? first : lineStart;
  });
  const extentEnd = (k: number) => (k + 1 < starts.length ? starts[k + 1] : text.length + 1);
  const indexes = new Set<number>();
  let outside = false;
  for (const error of breaks) {
    const end = Math.max(error.end, error.start + 1);
    // The first node whose extent ends after the error starts.
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (extentEnd(mid) > error.start) high = mid;
      else low = mid + 1;
    }
    let touched = false;
    for (let k = low; k < starts.length && starts[k] < end; k++) {
      touched = true;
      indexes.add(k);
      if (k > 0 && error.start <= firsts[k] && lineStartOf(text, firsts[k]) <= error.start) indexes.add(k - 1);
    }
    if (!touched) outside = true;
  }
  return { indexes, extent: (k) => ({ start: starts[k], end: extentEnd(k) }), outside };
}

export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}
