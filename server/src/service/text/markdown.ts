/**
 * Escapes text so Markdown shows it literally, escaping as little as possible
 * so hovers stay readable in clients that show the raw text: inline markers
 * everywhere, block markers (`#`, `-`, `1.`, `>`) only where a line starts.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`)
    .replace(/^(\s*)([#+\-=>]|\d+[.)])/gm, (_all, space: string, marker: string) => `${space}${marker.replace(/[#+\-=>.)]/, (ch) => `\\${ch}`)}`);
}

/** A Markdown block quote of (possibly multi-line) text. */
export function blockQuote(markdown: string): string {
  return markdown
    .split(/\r\n|\r|\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}

export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}
