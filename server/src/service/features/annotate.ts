import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver-types';
import { codebookCandidates, type WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import type { AnnotationContext } from '../workspaceIndex/context';
import type { Article } from '../model/article';
import type { CodebookModel } from '../model/codebook';
import type { SegmentationOptions, SentenceSpan } from '../segmentation';
import { LineMap } from '../text/lineMap';
import { columnOf, eolOf, lineEnd, lineStart, nextLineStart } from '../text/edits';
import { yamlScalar } from '../text/yamlText';
import { ANNOTATION_SUFFIX, basename, containingFolder, dirname, isAnnotationFileName, isCodebookFileName, normalizeUri, relativePath } from '../workspace';
import { mentionPattern } from './mentions';
import { truncate } from '../text/truncate';
import { resolvedAnnotations } from './resolution';
import { ANNOTATE_COMMAND, type AnnotateArguments, type AnnotateResult } from '../../../../protocol/protocol';

const ARTICLE_NAME = /\.(txt|text|md|markdown)$/i;

/** "Annotate sentence N" in an article, as a code action carrying the command. */
export async function annotateCodeActions(index: WorkspaceIndex, uri: string, range: Range): Promise<CodeAction[]> {
  if (isAnnotationFileName(uri) || isCodebookFileName(uri)) return [];
  const target = await articleSentence(index, uri, range);
  if (!target) return [];
  const args: AnnotateArguments = { uri, range };
  const title = `Annotate sentence ${target.sentence.n}${target.quote ? ` (quote “${truncate(target.quote, 30)}”)` : ''}`;
  return [{ title, kind: CodeActionKind.Refactor, command: { title, command: ANNOTATE_COMMAND, arguments: [args] } }];
}

interface ArticleSentence {
  readonly article: Article;
  readonly sentence: SentenceSpan;
  readonly quote?: string;
  readonly users: readonly AnnotationContext[];
  readonly segmentation: SegmentationOptions;
}

async function articleSentence(index: WorkspaceIndex, rawUri: string, range: Range): Promise<ArticleSentence | undefined> {
  const uri = normalizeUri(rawUri);
  const users = await index.articleUsers(uri);
  if (!users.length && !ARTICLE_NAME.test(basename(uri))) return undefined;
  const { article } = await index.article(uri);
  if (!article) return undefined;
  const segmentation = users[0]?.segmentation ?? (await defaultSegmentation(index, uri));
  const sentences = article.sentences(segmentation);
  const start = article.lineMap.offsetAt(range.start);
  const end = article.lineMap.offsetAt(range.end);
  const sentence = article.sentenceAt(segmentation, start) ?? sentences.find((s) => s.start >= start) ?? sentences[sentences.length - 1];
  if (!sentence) return undefined;
  let quote: string | undefined;
  if (end > start) {
    const selected = article.text.slice(Math.max(start, sentence.start), Math.min(end, sentence.end)).trim();
    if (selected && selected !== article.text.slice(sentence.start, sentence.end)) quote = selected.replace(/\s+/g, ' ');
  }
  return { article, sentence, quote, users, segmentation };
}

async function defaultSegmentation(index: WorkspaceIndex, articleUri: string): Promise<SegmentationOptions> {
  const codebook = await nearestCodebook(index, articleUri);
  return { hardWrapped: codebook?.hardWrapped ?? false, abbreviations: codebook?.abbreviations ?? [] };
}

async function nearestCodebook(index: WorkspaceIndex, fromUri: string): Promise<CodebookModel | undefined> {
  for (const candidate of codebookCandidates(fromUri, index.folders)) {
    const { model } = await index.codebookModel(candidate);
    if (model) return model.usable ? model : undefined;
  }
  return undefined;
}

/** The edit that adds an annotation of the sentence at `range` to the article's annotation file (created if needed). */
export async function annotate(index: WorkspaceIndex, args: AnnotateArguments): Promise<AnnotateResult | { error: string }> {
  const target = await articleSentence(index, args.uri, args.range);
  if (!target) return { error: 'This file is not an article Standpoint can read, or it has no sentences.' };
  const { article, sentence, quote, users } = target;
  const sentenceText = article.text.slice(sentence.start, sentence.end);
  const context = [...users].sort((a, b) => a.uri.localeCompare(b.uri))[0];

  if (context) {
    const codebook = context.codebook.model?.usable ? context.codebook.model : undefined;
    return insertIntoExisting(context, sentence.n, quote, mentionedActors(codebook, sentenceText));
  }
  const fileUri = await newAnnotationFileUri(index, normalizeUri(args.uri));
  const codebook = await nearestCodebook(index, fileUri);
  const articlePath = relativePath(dirname(fileUri), normalizeUri(args.uri)); // already decoded: a `%` in a name is literal
  const eol = eolOf(article.text);
  const header = `article: ${yamlScalar(articlePath)}${eol}${target.segmentation.hardWrapped && !codebook?.hardWrapped ? `hard-wrapped: true${eol}` : ''}annotations:${eol}`;
  const entry = entryText(sentence.n, quote, mentionedActors(codebook, sentenceText), '  ', '    ', eol);
  const content = header + entry;
  const map = new LineMap(content);
  return {
    edit: {
      documentChanges: [
        { kind: 'create', uri: fileUri, options: { ignoreIfExists: false, overwrite: false } },
        { textDocument: { uri: fileUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }] },
      ],
    },
    reveal: { uri: fileUri, range: map.rangeOf({ start: header.length + 2, end: header.length + 2 }) },
    sentence: sentence.n,
    created: true,
  };
}

function mentionedActors(codebook: CodebookModel | undefined, sentenceText: string): string[] {
  if (!codebook) return [];
  return [...codebook.actors.values()].filter((actor) => mentionPattern(codebook, actor)?.test(sentenceText)).map((actor) => actor.id);
}

function entryText(n: number, quote: string | undefined, actors: readonly string[], dashIndent: string, keyIndent: string, eol: string): string {
  const lines = [`${dashIndent}- sentence: ${n}`];
  if (quote) lines.push(`${keyIndent}quote: ${yamlScalar(quote)}`);
  lines.push(`${keyIndent}actors: [${actors.join(', ')}]`);
  return lines.join(eol) + eol;
}

function insertIntoExisting(context: AnnotationContext, n: number, quote: string | undefined, actors: readonly string[]): AnnotateResult | { error: string } {
  const { text, lineMap } = context.model;
  const eol = eolOf(text);
  const annotationsKey = context.model.topLevel.get('annotations');
  const annotations = context.model.annotations;
  let offset: number;
  let newText: string;
  if (!annotationsKey) {
    offset = text.length;
    const prefix = text.length && !/[\r\n]$/.test(text) ? eol : '';
    newText = `${prefix}annotations:${eol}${entryText(n, quote, actors, '  ', '    ', eol)}`;
  } else if (!annotations.length) {
    const colon = text.indexOf(':', annotationsKey.keySpan.end) + 1;
    const valueEnd = annotationsKey.value === undefined ? colon : annotationsKey.valueSpan.end;
    const written = text.slice(colon, valueEnd).trim();
    if (written && written !== '[]') return { error: 'The annotations list is written in an unusual style; add the annotation by hand.' };
    const entry = entryText(n, quote, actors, '  ', '    ', eol);
    const edits = [{ range: lineMap.rangeOf({ start: colon, end: valueEnd }), newText: `${eol}${entry.slice(0, -eol.length)}` }];
    const after = text.slice(0, colon) + eol + entry.slice(0, -eol.length) + text.slice(valueEnd);
    const map = new LineMap(after);
    const dash = colon + eol.length + 2;
    return { edit: { changes: { [context.uri]: edits } }, reveal: { uri: context.uri, range: map.rangeOf({ start: dash, end: dash }) }, sentence: n, created: false };
  } else {
    const first = annotations[0];
    const dashOffset = text.lastIndexOf('-', first.span.start);
    const dashColumn = dashOffset >= 0 && lineStart(text, dashOffset) === lineStart(text, first.span.start) ? columnOf(text, dashOffset) : 2;
    const keyColumn = columnOf(text, first.span.start);
    const entry = entryText(n, quote, actors, ' '.repeat(dashColumn), ' '.repeat(keyColumn), eol);
    // Keep a file ordered by sentence ordered; otherwise add at the end.
    const numbers = resolvedAnnotations(context).map((r) => r.sentence?.n ?? r.annotation.sentence?.value);
    const ordered = numbers.every((value, i) => value !== undefined && (i === 0 || numbers[i - 1]! <= value));
    const nextIndex = ordered ? numbers.findIndex((value) => value! > n) : -1;
    if (nextIndex >= 0) {
      offset = itemLineStart(text, annotations[nextIndex].span.start, dashColumn);
      // Items separated by blank lines: keep the new one separated too.
      if (/(\r?\n|\r)[ \t]*(\r?\n|\r)$/.test(text.slice(0, offset))) return finish(context, offset, entry + eol, dashColumn, n);
    } else {
      const last = annotations[annotations.length - 1];
      offset = nextLineStart(text, Math.max(last.span.end - 1, last.span.start));
      if (offset === text.length && !/[\r\n]$/.test(text)) {
        newText = eol + entry;
        return finish(context, offset, newText, eol.length + dashColumn, n);
      }
    }
    newText = entry;
    return finish(context, offset, newText, dashColumn, n);
  }
  return finish(context, offset, newText, newText.indexOf('- '), n);
}

function finish(context: AnnotationContext, offset: number, newText: string, dashWithin: number, n: number): AnnotateResult {
  const { text, lineMap } = context.model;
  const after = text.slice(0, offset) + newText + text.slice(offset);
  const map = new LineMap(after);
  const at = offset + dashWithin;
  return {
    edit: { changes: { [context.uri]: [{ range: lineMap.rangeOf({ start: offset, end: offset }), newText }] } },
    reveal: { uri: context.uri, range: map.rangeOf({ start: at, end: at }) },
    sentence: n,
    created: false,
  };
}

/** Start of an item's `- ` line, including comment lines directly above it at its indentation. */
function itemLineStart(text: string, keyOffset: number, dashColumn: number): number {
  let start = lineStart(text, keyOffset);
  while (start > 0) {
    const previousEnd = start - (text[start - 2] === '\r' && text[start - 1] === '\n' ? 2 : 1);
    const previousStart = lineStart(text, previousEnd);
    const line = text.slice(previousStart, lineEnd(text, previousStart));
    const m = /^( *)#/.exec(line);
    if (!m || m[1].length !== dashColumn) break;
    start = previousStart;
  }
  return start;
}

/** Where a new annotation file for an article goes: with the other annotation files, else beside the article. */
async function newAnnotationFileUri(index: WorkspaceIndex, articleUri: string): Promise<string> {
  const root = containingFolder(index.folders, articleUri);
  const counts = new Map<string, number>();
  for (const file of index.annotationFiles) {
    if (root && !containingFolder([root], file)) continue;
    const folder = dirname(file);
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  const folder = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? dirname(articleUri);
  const stem = basename(articleUri).replace(/\.[^.]+$/, '');
  for (let i = 1; ; i++) {
    const name = `${stem}${i === 1 ? '' : `-${i}`}${ANNOTATION_SUFFIX}`;
    const candidate = normalizeUri(`${folder.replace(/\/$/, '')}/${encodeURIComponent(name)}`);
    const existing = await index.readResult(candidate);
    if (existing.kind === 'missing') return candidate;
    if (i > 100) return candidate;
  }
}
