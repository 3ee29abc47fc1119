/** Levenshtein distance with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

export interface Candidate {
  /** The id that would be suggested. */
  readonly id: string;
  /** Other words that name it: a name, aliases. Matched case-insensitively and exactly. */
  readonly names?: readonly string[];
}

/**
 * The best replacement for a mistyped id: an exact (case-insensitive) match of
 * an id, name or alias first, then the closest id by edit distance, if close
 * enough to be a plausible typo.
 */
export function suggestIds(typed: string, candidates: Iterable<Candidate>, limit = 3): string[] {
  const wanted = typed.trim().toLowerCase();
  if (!wanted) return [];
  const exact: string[] = [];
  const scored: { id: string; distance: number }[] = [];
  const slug = wanted.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
  for (const candidate of candidates) {
    const id = candidate.id.toLowerCase();
    if (id === wanted || id === slug || (candidate.names ?? []).some((name) => name.trim().toLowerCase() === wanted)) {
      exact.push(candidate.id);
      continue;
    }
    const max = Math.max(1, Math.floor(Math.max(wanted.length, id.length) / 3));
    const distance = Math.min(editDistance(wanted, id, max), editDistance(slug, id, max));
    if (distance <= max) scored.push({ id: candidate.id, distance });
    // A shortened id (`ukraine-nato` for `ukraine-nato-membership`) is a likely slip too.
    else if (slug.length >= 3 && (id.startsWith(slug) || id.includes(`-${slug}`) || id.includes(`${slug}-`))) scored.push({ id: candidate.id, distance: max + (id.length - slug.length) / 100 });
  }
  scored.sort((x, y) => x.distance - y.distance || x.id.localeCompare(y.id));
  return [...exact, ...scored.map((s) => s.id)].filter((id, i, all) => all.indexOf(id) === i).slice(0, limit);
}
