/**
 * Escaping for the XML formats (GraphML, GEXF).
 *
 * XML 1.0 cannot carry every character: the C0 controls other than tab, line
 * feed and carriage return, lone surrogates, U+FFFE and U+FFFF are not
 * allowed even as character references, and a parser (networkx, Gephi,
 * igraph) rejects the whole file. Such characters are replaced by U+FFFD (the
 * replacement character), visibly, rather than dropped, so two names that
 * differ only by one stay distinguishable and the loss shows (docs/analysis.md).
 */

// XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function replaceNonXmlCharacters(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

/** Element content: `&`, `<`, `>` (for `]]>`) as entities; CR as a reference, since parsers turn a literal CR into LF. */
export function escapeXmlText(text: string): string {
  return replaceNonXmlCharacters(text).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]);
}

/** Attribute values: also both quotes, and tab and line breaks as references, since parsers turn literal ones into spaces. */
export function escapeXmlAttribute(text: string): string {
  return replaceNonXmlCharacters(text).replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]);
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** `name="value"` pairs, escaped, in the order given; undefined values are left out. */
export function xmlAttributes(attributes: Record<string, string | undefined>): string {
  let text = '';
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) text += ` ${name}="${escapeXmlAttribute(value)}"`;
  return text;
}
