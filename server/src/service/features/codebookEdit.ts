import type { TextEdit } from 'vscode-languageserver-types';
import type { CodebookModel } from '../model/codebook';
import { isMap } from '../model/yamlReader';
import { columnOf, eolOf, insert, lineEnd, lineStart, nextLineStart } from '../text/edits';
import { yamlScalar } from '../text/yamlText';

/** A readable default for a new entry's name or label: `saudi-arabia` → `Saudi Arabia`. */
export function titleFromId(id: string): string {
  return (
    id
      .split('-')
      .filter(Boolean)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' ') || id
  );
}

/** Turns anything typed as an id into a valid one: `Moscow` → `moscow`, `Saudi Arabia` → `saudi-arabia`. */
export function slugId(text: string): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '');
  return slug || 'new-entry';
}

/**
 * Inserts a new actor (with `name`) or topic (with `label`) into a codebook,
 * touching nothing else: in alphabetical position if the section is sorted,
 * else at its end; indented like its neighbours; with the file's line ends.
 */
export function addEntryEdit(codebook: CodebookModel, section: 'actors' | 'topics', id: string, title: string): TextEdit | undefined {
  const text = codebook.text;
  const eol = eolOf(text);
  const field = section === 'actors' ? 'name' : 'label';
  const entries = [...(section === 'actors' ? codebook.actors.values() : codebook.topics.values())];
  const sectionEntry = codebook.topLevel.get(section);
  const map = codebook.lineMap;

  if (!sectionEntry) {
    const prefix = text.length && !/[\r\n]$/.test(text) ? eol : '';
    return insert(map, text.length, `${prefix}${section}:${eol}  ${id}:${eol}    ${field}: ${yamlScalar(title)}${eol}`);
  }
  if (!entries.length) {
    if (sectionEntry.value !== undefined && !isMap(sectionEntry.value)) return undefined;
    if (sectionEntry.value !== undefined && isMap(sectionEntry.value) && sectionEntry.value.flow) return undefined;
    const at = lineEnd(text, sectionEntry.keySpan.end);
    return insert(map, at, `${eol}  ${id}:${eol}    ${field}: ${yamlScalar(title)}`);
  }
  if (isMap(sectionEntry.value) && sectionEntry.value.flow) return undefined;

  const indent = columnOf(text, entries[0].keySpan.start);
  const childIndent = childIndentation(codebook, entries[0].keySpan.start, indent);
  const pad = ' '.repeat(indent);
  const block = `${pad}${id}:${eol}${pad}${' '.repeat(childIndent)}${field}: ${yamlScalar(title)}${eol}`;
  const ids = entries.map((e) => e.id);
  const sorted = ids.every((value, i) => i === 0 || ids[i - 1].localeCompare(value) <= 0);
  const next = sorted ? entries.find((e) => e.id.localeCompare(id) > 0) : undefined;
  if (next) return insert(map, leadingCommentStart(text, next.keySpan.start, indent), block);
  const last = entries[entries.length - 1];
  const after = nextLineStart(text, Math.max(last.span.end - 1, last.keySpan.end));
  return insert(map, after, after === text.length && !/[\r\n]$/.test(text) ? `${eol}${block}` : block);
}

/** How much deeper an entry's fields are indented than its key (2 by default). */
function childIndentation(codebook: CodebookModel, keyOffset: number, indent: number): number {
  const text = codebook.text;
  const next = nextLineStart(text, keyOffset);
  const m = /^( *)\S/.exec(text.slice(next, lineEnd(text, next)));
  const column = m ? m[1].length : indent + 2;
  return column > indent ? column - indent : 2;
}

/** The start of the comment lines directly above a key (they belong to it), or of the key's line. */
function leadingCommentStart(text: string, keyOffset: number, indent: number): number {
  let start = lineStart(text, keyOffset);
  while (start > 0) {
    const previousStart = lineStart(text, start - 1 - (text[start - 2] === '\r' && text[start - 1] === '\n' ? 1 : 0));
    const line = text.slice(previousStart, lineEnd(text, previousStart));
    const m = /^( *)#/.exec(line);
    if (!m || m[1].length < indent) break;
    start = previousStart;
  }
  return start;
}
