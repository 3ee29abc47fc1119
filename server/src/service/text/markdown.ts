/** Escapes text so Markdown shows it literally (article prose can contain `*`, `_`, `#`, `|`…). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (ch) => `\\${ch}`);
}

/** A Markdown block quote of (possibly multi-line) text. */
export function blockQuote(markdown: string): string {
  return markdown.split(/\r\n|\r|\n/).map((line) => `> ${line}`).join('\n');
}

export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}
