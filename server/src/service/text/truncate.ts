/** Text on one line (white space runs as one space), cut to `max` UTF-16 units with an ellipsis, never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= max) return flat;
  let cut = max - 1;
  if (/[\uDC00-\uDFFF]/.test(flat[cut] ?? '')) cut--;
  return `${flat.slice(0, cut)}…`;
}
