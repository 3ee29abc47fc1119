import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import type { AnnotationContext } from '../workspaceIndex/context';
import { ACTOR_KEYS, ACTOR_TYPES, CODEBOOK_KEYS, DEFAULT_STANCES, STANCE_VALUE_KEYS, TOPIC_KEYS, type CodebookModel } from '../model/codebook';
import { ANNOTATION_FILE_KEYS, ANNOTATION_KEYS, STANCE_KEYS } from '../model/annotationFile';
import { DIAGNOSTIC_CODES, SEVERITY_NAMES } from '../problems';
import { LineMap } from '../text/lineMap';
import { blockQuote, escapeMarkdown } from '../text/markdown';
import { yamlScalar } from '../text/yamlText';
import { dirname, relativePath } from '../workspace';
import { mentionPattern } from './mentions';
import { truncate } from '../text/truncate';
import { cursorContext, pathString, splitLines, type CursorContext } from './yamlContext';
import { documentBlockItems, headerCompletions, HEADER_KEY_DOCS } from './documentInfo';

const KEY_DOCS: Record<string, string> = {
  article: 'The article this file annotates, relative to this file.',
  codebook: 'The codebook to use (else the nearest codebook.yaml in this folder or a parent).',
  coder: HEADER_KEY_DOCS.coder,
  document: HEADER_KEY_DOCS.document,
  'hard-wrapped': 'The article is hard-wrapped: a single line break inside a paragraph is read as a space.',
  annotations: 'The list of annotations.',
  id: 'A short name for the annotation, unique within the file.',
  sentence: 'Which sentence (from 1) the annotation is about.',
  quote: 'Exact words from the sentence (white space and quote marks are matched loosely).',
  actors: 'The actors the sentence involves (codebook ids).',
  stances: 'Stances taken in the sentence: who (`actor`) takes which `stance` `toward` a topic or actor.',
  note: 'Free text for the analyst.',
  actor: 'The actor taking the stance.',
  toward: 'A topic id or an actor id.',
  stance: 'A value of the stance vocabulary (supports, opposes, neutral, mixed by default).',
};

export async function completion(index: WorkspaceIndex, uri: string, position: Position): Promise<CompletionList> {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const read = await index.readResult(uri);
  if (read.kind !== 'text') return empty;
  const text = read.text;
  const lineMap = new LineMap(text);
  const offset = lineMap.offsetAt(position);
  const cursor = cursorContext(text, offset);
  const range: Range = { start: lineMap.positionAt(cursor.partialStart), end: lineMap.positionAt(Math.max(cursor.replaceEnd, offset)) };
  if (index.isAnnotationFile(uri)) {
    const context = await index.annotationContext(uri);
    return { isIncomplete: false, items: await annotationCompletions(index, uri, context, cursor, range, text) };
  }
  if (index.isCodebook(uri)) {
    const { model } = await index.codebookModel(uri);
    return { isIncomplete: false, items: codebookCompletions(model, cursor, range) };
  }
  return empty;
}

function keyItems(keys: readonly string[], cursor: CursorContext, range: Range, docs: Record<string, string> = KEY_DOCS): CompletionItem[] {
  return keys
    .filter((key) => !cursor.siblings.has(key))
    .map((key, i) => ({
      label: key,
      kind: CompletionItemKind.Property,
      insertText: `${key}: `,
      textEdit: { range, newText: `${key}: ` },
      sortText: String(i).padStart(2, '0'),
      documentation: docs[key],
      command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
    }));
}

function snippetItem(label: string, snippet: string, range: Range, documentation: string): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Snippet,
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.adjustIndentation,
    textEdit: { range, newText: snippet },
    documentation,
    sortText: '00',
  };
}

async function annotationCompletions(index: WorkspaceIndex, uri: string, context: AnnotationContext | undefined, cursor: CursorContext, range: Range, text: string): Promise<CompletionItem[]> {
  const path = pathString(cursor.path);
  const codebook = context?.codebook.model?.usable ? context.codebook.model : undefined;
  const header = await headerCompletions(index, uri, cursor, path, range);
  if (header) return header;
  if (path === '') {
    if (cursor.kind === 'key') {
      // `document:` is a mapping: offered as a block to fill in (with another coder's facts when there are some).
      const keys = keyItems(
        ANNOTATION_FILE_KEYS.filter((key) => key !== 'document'),
        cursor,
        range,
      );
      return cursor.siblings.has('document') ? keys : [...keys, ...(await documentBlockItems(index, uri, range))];
    }
    if (cursor.kind === 'value' && cursor.key === 'article') return articlePathItems(index, uri, range);
    if (cursor.kind === 'value' && cursor.key === 'codebook') return codebookPathItems(index, uri, range);
    if (cursor.kind === 'value' && cursor.key === 'hard-wrapped') return ['true', 'false'].map((value) => ({ label: value, kind: CompletionItemKind.Value, textEdit: { range, newText: value } }));
    return [];
  }
  if (path === 'annotations') {
    const snippet = 'sentence: ${1}\n  actors: [${2}]';
    if (cursor.kind === 'list-item') {
      return [
        snippetItem('new annotation', snippet, range, 'A new annotation: a sentence number and the actors it involves.'),
        ...keyItems(ANNOTATION_KEYS, { ...cursor, siblings: new Set() }, range),
      ];
    }
    if (cursor.kind === 'key') return [snippetItem('- new annotation', `- ${snippet}`, range, 'A new annotation: a sentence number and the actors it involves.')];
    return [];
  }
  const sentence = itemSentence(text, cursor);
  if (path === 'annotations.-') {
    if (cursor.kind === 'key') return keyItems(ANNOTATION_KEYS, cursor, range);
    if (cursor.kind === 'value' && cursor.key === 'sentence') return sentenceItems(context, range, sentence);
    if (cursor.kind === 'value' && cursor.key === 'quote') return quoteItems(context, sentence, range, cursor);
    if (cursor.kind === 'list-item' && cursor.key === 'actors') return actorItems(codebook, context, sentence, range, cursor.listValues);
    if (cursor.kind === 'value' && cursor.key === 'stances') return [];
    return [];
  }
  if (path === 'annotations.-.actors' && cursor.kind === 'list-item') return actorItems(codebook, context, sentence, range, cursor.listValues);
  if (path === 'annotations.-.stances' && cursor.kind === 'list-item') {
    return [
      snippetItem('new stance', 'actor: ${1}\n  toward: ${2}\n  stance: ${3|supports,opposes,neutral,mixed|}', range, 'A stance: who takes which stance toward what.'),
      ...keyItems(STANCE_KEYS, { ...cursor, siblings: new Set() }, range),
    ];
  }
  if (path === 'annotations.-.stances.-') {
    if (cursor.kind === 'key') return keyItems(STANCE_KEYS, cursor, range);
    if (cursor.kind === 'value' && cursor.key === 'actor') return actorItems(codebook, context, sentence, range, []);
    if (cursor.kind === 'value' && cursor.key === 'toward') return targetItems(codebook, range);
    if (cursor.kind === 'value' && cursor.key === 'stance') return stanceItems(codebook ?? context?.codebook.model, range);
  }
  return [];
}

/** The `sentence:` number written in the annotation item around the cursor. */
function itemSentence(text: string, cursor: CursorContext): number | undefined {
  const annotationItem = cursor.path.find((step, i) => step.kind === 'item' && cursor.path[i - 1]?.kind === 'key' && (cursor.path[i - 1] as { key: string }).key === 'annotations');
  if (!annotationItem) return undefined;
  const { lines } = splitLines(text);
  const dash = /^(\s*)-/.exec(lines[annotationItem.line])?.[1].length ?? 0;
  for (let i = annotationItem.line; i < lines.length; i++) {
    if (i > annotationItem.line && new RegExp(`^\\s{0,${dash}}\\S`).test(lines[i])) break;
    const m = /^\s*(?:-\s+)?sentence:\s*(\d+)\s*(?:#.*)?$/.exec(lines[i]);
    if (m) return Number(m[1]);
  }
  return undefined;
}

function sentenceItems(context: AnnotationContext | undefined, range: Range, current: number | undefined): CompletionItem[] {
  const article = context?.article?.article;
  if (!article || !context) return [];
  const sentences = article.sentences(context.segmentation);
  const width = String(sentences.length).length;
  return sentences.map((sentence) => {
    const text = article.text.slice(sentence.start, sentence.end);
    return {
      label: String(sentence.n),
      labelDetails: { description: truncate(text, 60) },
      kind: CompletionItemKind.Value,
      detail: `Sentence ${sentence.n} of ${sentences.length}`,
      documentation: { kind: MarkupKind.Markdown, value: blockQuote(escapeMarkdown(text)) },
      filterText: `${sentence.n} ${text}`,
      sortText: String(sentence.n).padStart(width, '0'),
      textEdit: { range, newText: String(sentence.n) },
      preselect: sentence.n === current ? true : undefined,
    };
  });
}

/** Phrases of a sentence worth quoting: the whole sentence and its clauses. */
export function phrasesOf(sentence: string): string[] {
  const phrases = new Set<string>();
  const whole = sentence.trim();
  phrases.add(whole);
  const withoutFinal = whole.replace(/[.!?…]+["”’]?$/, '').trim();
  if (withoutFinal) phrases.add(withoutFinal);
  for (const clause of whole.split(/\s*[,;:()“”"—–]\s*|\s+-\s+/)) {
    const cleaned = clause.replace(/^[\s'‘’]+|[\s.!?…'‘’]+$/g, '');
    if (cleaned.split(/\s+/).length >= 3) phrases.add(cleaned);
  }
  return [...phrases];
}

function quoteItems(context: AnnotationContext | undefined, n: number | undefined, range: Range, cursor: CursorContext): CompletionItem[] {
  const article = context?.article?.article;
  if (!article || !context || n === undefined) return [];
  const sentence = article.sentences(context.segmentation)[n - 1];
  if (!sentence) return [];
  const insert = (phrase: string) => {
    if (cursor.openQuote === '"') return `${phrase.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    if (cursor.openQuote === "'") return `${phrase.replace(/'/g, "''")}'`;
    return yamlScalar(phrase);
  };
  return phrasesOf(article.text.slice(sentence.start, sentence.end)).map((phrase, i) => ({
    label: truncate(phrase, 70),
    kind: CompletionItemKind.Text,
    detail: `From sentence ${n}`,
    documentation: phrase,
    filterText: phrase,
    sortText: String(i).padStart(3, '0'),
    textEdit: { range, newText: insert(phrase) },
  }));
}

function actorItems(codebook: CodebookModel | undefined, context: AnnotationContext | undefined, n: number | undefined, range: Range, exclude: readonly string[]): CompletionItem[] {
  if (!codebook) return [];
  const article = context?.article?.article;
  const sentence = article && n !== undefined && context ? article.sentences(context.segmentation)[n - 1] : undefined;
  const sentenceText = sentence && article ? article.text.slice(sentence.start, sentence.end) : undefined;
  const items: CompletionItem[] = [];
  for (const actor of codebook.actors.values()) {
    if (exclude.includes(actor.id)) continue;
    const pattern = mentionPattern(codebook, actor);
    const mentioned = sentenceText !== undefined && pattern !== undefined && pattern.test(sentenceText);
    items.push({
      label: actor.id,
      labelDetails: { description: actor.name?.value },
      kind: CompletionItemKind.EnumMember,
      detail: [actor.name?.value, actor.type?.value].filter(Boolean).join(' · '),
      documentation: actor.aliases.length ? `Aliases: ${actor.aliases.map((a) => a.value).join(', ')}` : undefined,
      filterText: [actor.id, actor.name?.value, ...actor.aliases.map((a) => a.value)].filter(Boolean).join(' '),
      sortText: `${mentioned ? '0' : '1'}${actor.id}`,
      preselect: mentioned || undefined,
      textEdit: { range, newText: actor.id },
    });
  }
  return items;
}

function targetItems(codebook: CodebookModel | undefined, range: Range): CompletionItem[] {
  if (!codebook) return [];
  const topics = [...codebook.topics.values()].map((topic) => ({
    label: topic.id,
    labelDetails: { description: topic.label?.value },
    kind: CompletionItemKind.Enum,
    detail: `Topic: ${topic.label?.value ?? topic.id}`,
    documentation: topic.description?.value,
    filterText: `${topic.id} ${topic.label?.value ?? ''}`,
    sortText: `0${topic.id}`,
    textEdit: { range, newText: topic.id },
  }));
  const actors = [...codebook.actors.values()].map((actor) => ({
    label: actor.id,
    labelDetails: { description: actor.name?.value },
    kind: CompletionItemKind.EnumMember,
    detail: `Actor: ${actor.name?.value ?? actor.id}`,
    filterText: `${actor.id} ${actor.name?.value ?? ''}`,
    sortText: `1${actor.id}`,
    textEdit: { range, newText: actor.id },
  }));
  return [...topics, ...actors];
}

function stanceItems(codebook: CodebookModel | undefined, range: Range): CompletionItem[] {
  const vocabulary = codebook?.usable ? codebook.stances : DEFAULT_STANCES;
  return [...vocabulary.values()].map((stance, i) => ({
    label: stance.id,
    labelDetails: { description: stance.label },
    kind: CompletionItemKind.EnumMember,
    detail: `${stance.label} (polarity ${stance.polarity > 0 ? '+' : ''}${stance.polarity})`,
    sortText: String(i).padStart(2, '0'),
    textEdit: { range, newText: stance.id },
  }));
}

async function articlePathItems(index: WorkspaceIndex, uri: string, range: Range): Promise<CompletionItem[]> {
  const files = (await index.workspace.findArticles?.()) ?? [];
  const from = dirname(uri);
  return files.map((file) => {
    const path = relativePath(from, file);
    return { label: path, kind: CompletionItemKind.File, textEdit: { range, newText: yamlScalar(path) }, sortText: path };
  });
}

function codebookPathItems(index: WorkspaceIndex, uri: string, range: Range): CompletionItem[] {
  const from = dirname(uri);
  return index.codebookFiles().map((file) => {
    const path = relativePath(from, file);
    return { label: path, kind: CompletionItemKind.File, textEdit: { range, newText: yamlScalar(path) } };
  });
}

function codebookCompletions(model: CodebookModel | undefined, cursor: CursorContext, range: Range): CompletionItem[] {
  const path = cursor.path.map((step) => (step.kind === 'item' ? '-' : step.key));
  const docs: Record<string, string> = {
    actors: 'Actors: id → name, type, aliases, affiliation.',
    topics: 'Topics stances are taken toward: id → label, description.',
    stances: 'The stance vocabulary: id → label, polarity (-1…1).',
    rules: 'Severity per diagnostic code: off, hint, info, warning, error.',
    abbreviations: 'Extra abbreviations after which a period does not end a sentence.',
    'hard-wrapped': 'Default for annotation files: the articles are hard-wrapped.',
    name: "The actor's name as articles write it.",
    type: `One of ${ACTOR_TYPES.join(', ')}.`,
    aliases: 'Other ways articles name the actor.',
    affiliation: 'The id of the actor this one belongs to.',
    label: 'A readable label.',
    description: 'What the topic covers.',
    polarity: '1 (for), -1 (against), 0 (neither).',
  };
  if (path.length === 0 && cursor.kind === 'key') return keyItems(CODEBOOK_KEYS, cursor, range, docs);
  if (path.length === 2 && path[0] === 'actors') {
    if (cursor.kind === 'key') return keyItems(ACTOR_KEYS, cursor, range, docs);
    if (cursor.kind === 'value' && cursor.key === 'type') return ACTOR_TYPES.map((type) => ({ label: type, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: type } }));
    if (cursor.kind === 'value' && cursor.key === 'affiliation' && model) {
      return [...model.actors.values()]
        .filter((actor) => actor.id !== path[1])
        .map((actor) => ({ label: actor.id, labelDetails: { description: actor.name?.value }, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: actor.id } }));
    }
  }
  if (path.length === 2 && path[0] === 'topics' && cursor.kind === 'key') return keyItems(TOPIC_KEYS, cursor, range, docs);
  if (path.length === 2 && path[0] === 'stances' && cursor.kind === 'key') return keyItems(STANCE_VALUE_KEYS, cursor, range, docs);
  if (path.length === 1 && path[0] === 'rules') {
    if (cursor.kind === 'key')
      return Object.keys(DIAGNOSTIC_CODES)
        .filter((code) => !cursor.siblings.has(code))
        .map((code) => ({ label: code, kind: CompletionItemKind.Property, textEdit: { range, newText: `${code}: ` }, detail: `default: ${DIAGNOSTIC_CODES[code as keyof typeof DIAGNOSTIC_CODES]}` }));
    if (cursor.kind === 'value') return SEVERITY_NAMES.map((severity) => ({ label: severity, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: severity } }));
  }
  return [];
}
