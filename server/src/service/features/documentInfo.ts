import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type Hover, type Range } from 'vscode-languageserver-types';
import type { ArticleSibling, WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import type { AnnotationContext } from '../workspaceIndex/context';
import { DOCUMENT_KEYS, type AnnotationFileModel, type DocumentKey } from '../model/annotationFile';
import type { Span } from '../text/lineMap';
import { describeIsoDate, parseIsoDate } from '../text/isoDate';
import { code, escapeMarkdown } from '../text/markdown';
import { yamlScalar } from '../text/yamlText';
import { dirname, relativePath } from '../workspace';
import { sameDocumentValue } from './documentChecks';
import { contains } from './locate';
import type { CursorContext } from './yamlContext';

/** What `coder:`, `document:` and its keys mean (completion documentation and hovers). */
export const HEADER_KEY_DOCS: Record<'coder' | 'document' | DocumentKey, string> = {
  coder: 'Who made these annotations: an id (`ana`). Each coder of an article has a file of their own, e.g. `riyadh-talks.ana.stance.yaml`; files without `coder:` belong to one unnamed coder.',
  document: 'Facts about the article: `title`, `date`, `source`, `author`, `url`, `section`. The annotation files of one article should agree on them; exports and time slices read them from here.',
  title: "The article's title.",
  date: 'When the article was published, ISO 8601: a date (`2025-02-19`) or a date and time (`2025-02-19T14:30`, seconds and a time zone may follow: `+01:00`). Time slices (`--from`, `--to`) and `--duplicates week|month|year` use it.',
  source: 'Where the article appeared: a newspaper, a site, an agency.',
  author: 'Who wrote it.',
  url: 'The address of the article, a full URL (`https://…`).',
  section: 'The section it appeared in (e.g. `World`, `Opinion`), as the Discourse Network Analyzer keeps it.',
};

/** What the cursor is on in the `coder:` / `document:` part of an annotation file. */
type HeaderTarget =
  | { readonly kind: 'key'; readonly key: 'coder' | 'document' | DocumentKey; readonly span: Span }
  | { readonly kind: 'coder'; readonly value: string; readonly span: Span }
  | { readonly kind: 'value'; readonly key: DocumentKey; readonly value: string; readonly span: Span };

function headerTargetAt(model: AnnotationFileModel, offset: number): HeaderTarget | undefined {
  const coderEntry = model.topLevel.get('coder');
  if (coderEntry && contains(coderEntry.keySpan, offset)) return { kind: 'key', key: 'coder', span: coderEntry.keySpan };
  if (model.coder && contains(model.coder.span, offset)) return { kind: 'coder', value: model.coder.value, span: model.coder.span };
  const documentEntry = model.topLevel.get('document');
  if (documentEntry && contains(documentEntry.keySpan, offset)) return { kind: 'key', key: 'document', span: documentEntry.keySpan };
  const document = model.document;
  if (!document) return undefined;
  for (const key of DOCUMENT_KEYS) {
    const keySpan = document.keySpans[key];
    if (keySpan && contains(keySpan, offset)) return { kind: 'key', key, span: keySpan };
    const value = document.values[key];
    if (value && contains(value.span, offset)) return { kind: 'value', key, value: value.value, span: value.span };
  }
  return undefined;
}

function fileLink(from: string, sibling: ArticleSibling, line?: number): string {
  const label = `${escapeMarkdown(relativePath(from, sibling.uri))}`;
  return `[${label}](${sibling.uri}${line === undefined ? '' : `#L${line + 1}`})${sibling.coder ? ` (coder ${code(sibling.coder)})` : ''}`;
}

/** A hover on `coder`, `document` or one of its keys or values; undefined elsewhere. */
export async function headerHover(index: WorkspaceIndex, context: AnnotationContext, offset: number): Promise<Hover | undefined> {
  const { model, uri } = context;
  const target = headerTargetAt(model, offset);
  if (!target) return undefined;
  const range = model.lineMap.rangeOf(target.span);
  const from = dirname(uri);
  const siblings = target.kind === 'key' ? [] : await index.articleSiblings(uri);
  const parts: string[] = [];
  switch (target.kind) {
    case 'key':
      parts.push(`**${target.key === 'coder' || target.key === 'document' ? target.key : `document.${target.key}`}** · ${HEADER_KEY_DOCS[target.key]}`);
      break;
    case 'coder': {
      parts.push(`**Coder ${code(target.value)}**`);
      const own = [...index.annotationFiles].filter((other) => index.linksOf(other)?.coder === target.value).length;
      if (own > 1) parts.push(`${own} annotation files of the workspace are by ${code(target.value)}.`);
      parts.push(
        siblings.length
          ? `Other annotation files of this article:\n\n${siblings.map((s) => `- ${fileLink(from, s)}${s.coder === target.value ? ' — *the same coder*' : ''}`).join('\n')}`
          : 'No other annotation file annotates this article.',
      );
      break;
    }
    case 'value': {
      if (target.key === 'date') {
        const parsed = parseIsoDate(target.value);
        parts.push(parsed.ok ? `**${escapeMarkdown(describeIsoDate(parsed.date))}**` : `**${escapeMarkdown(target.value)}**`);
      } else {
        parts.push(`**document.${target.key}** · ${HEADER_KEY_DOCS[target.key]}`);
      }
      const giving = siblings.filter((s) => s.document?.[target.key]);
      if (giving.length) {
        parts.push(
          giving
            .map((s) => {
              const fact = s.document![target.key]!;
              const verdict = sameDocumentValue(target.key, target.value, fact.value) ? 'agrees' : `says ${code(fact.value)}`;
              return `- ${fileLink(from, s, fact.range.start.line)}: ${verdict}`;
            })
            .join('\n'),
        );
      }
      break;
    }
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') }, range };
}

/** Completions of `document:`'s keys and values, and of `coder:`'s value; undefined where they do not apply. */
export async function headerCompletions(index: WorkspaceIndex, uri: string, cursor: CursorContext, path: string, range: Range): Promise<CompletionItem[] | undefined> {
  if (path === '' && cursor.kind === 'value' && cursor.key === 'coder') return coderItems(index, uri, range);
  if (path !== 'document') return undefined;
  if (cursor.kind === 'key') {
    return DOCUMENT_KEYS.filter((key) => !cursor.siblings.has(key)).map((key, i) => ({
      label: key,
      kind: CompletionItemKind.Property,
      textEdit: { range, newText: `${key}: ` },
      sortText: String(i).padStart(2, '0'),
      documentation: HEADER_KEY_DOCS[key],
      command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
    }));
  }
  if (cursor.kind !== 'value' || !(DOCUMENT_KEYS as readonly string[]).includes(cursor.key ?? '')) return [];
  // What the other files of the article say: a second coder copies the first one's facts.
  const key = cursor.key as DocumentKey;
  const from = dirname(uri);
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const sibling of await index.articleSiblings(uri)) {
    const value = sibling.document?.[key]?.value;
    if (value === undefined || seen.has(value)) continue;
    seen.add(value);
    items.push({
      label: value,
      kind: CompletionItemKind.Value,
      detail: `As in ${relativePath(from, sibling.uri)}${sibling.coder ? ` (coder ${sibling.coder})` : ''}`,
      textEdit: { range, newText: yamlScalar(value) },
      sortText: `0${items.length}`,
    });
  }
  return items;
}

/** The coder ids other annotation files use, the most frequent first. */
function coderItems(index: WorkspaceIndex, uri: string, range: Range): CompletionItem[] {
  const counts = new Map<string, number>();
  for (const other of index.annotationFiles) {
    const coder = other === uri ? undefined : index.linksOf(other)?.coder;
    if (coder) counts.set(coder, (counts.get(coder) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return sorted.map(([coder, count], i) => ({
    label: coder,
    kind: CompletionItemKind.Value,
    detail: `${count} annotation file${count === 1 ? '' : 's'}`,
    textEdit: { range, newText: coder },
    sortText: String(i).padStart(4, '0'),
  }));
}

/** A snippet for a new `document:` block, filled with what another file of the article says. */
export async function documentBlockItems(index: WorkspaceIndex, uri: string, range: Range): Promise<CompletionItem[]> {
  const template = (values: Partial<Record<DocumentKey, string>>) => {
    let n = 0;
    const field = (key: DocumentKey, placeholder: string) => `  ${key}: \${${++n}:${snippetText(values[key] !== undefined ? yamlScalar(values[key]!) : placeholder)}}`;
    const lines = ['document:', field('title', 'title'), field('date', 'YYYY-MM-DD'), field('source', 'source'), field('author', 'author')];
    for (const key of ['url', 'section'] as const) if (values[key] !== undefined) lines.push(field(key, key));
    return lines.join('\n');
  };
  const items: CompletionItem[] = [
    {
      label: 'document',
      kind: CompletionItemKind.Snippet,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.adjustIndentation,
      textEdit: { range, newText: template({}) },
      documentation: HEADER_KEY_DOCS.document,
      sortText: '02z',
    },
  ];
  const from = dirname(uri);
  const source = (await index.articleSiblings(uri)).find((s) => s.document);
  if (source?.document) {
    const values: Partial<Record<DocumentKey, string>> = {};
    for (const key of DOCUMENT_KEYS) if (source.document[key]) values[key] = source.document[key]!.value;
    items.push({ ...items[0], label: 'document (as in another file of this article)', detail: relativePath(from, source.uri), textEdit: { range, newText: template(values) }, sortText: '02y' });
  }
  return items;
}

function snippetText(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}
