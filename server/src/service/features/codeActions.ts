import { CodeActionKind, type CodeAction, type Command, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import type { AnnotationContext } from '../workspaceIndex/context';
import { DOCUMENT_KEYS, pathCutAtComment, type Annotation, type DocumentKey } from '../model/annotationFile';
import { ID_PATTERN } from '../model/codebook';
import { annotationAt } from './locate';
import { addEntryEdit, slugId, titleFromId } from './codebookEdit';
import { truncate } from '../text/truncate';
import { columnOf, eolOf, insert, lineEnd, replace } from '../text/edits';
import { doubleQuoted, styleOf, yamlScalar } from '../text/yamlText';
import { DIAGNOSTIC_SOURCE, computeDiagnostics } from './diagnostics';
import { sentenceFixEdits, unambiguousSentenceFixes } from './sentenceFixes';
import { fixedAnchors, type SentenceMovedData } from './sentenceMoved';
import type { FixedAnchors } from '../articleHistory';
import { RECORD_FIXES_COMMAND } from '../../../../protocol/protocol';
import { digitSpan } from '../anchors/sentenceEdits';
import { annotateCodeActions } from './annotate';
import { sameDocumentValue } from './documentChecks';

/** Quick fixes for Standpoint's diagnostics, and "Annotate sentence" in articles. */
export async function codeActions(index: WorkspaceIndex, uri: string, range: Range, diagnostics: readonly Diagnostic[], only?: readonly string[]): Promise<CodeAction[]> {
  const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE || d.source === undefined);
  if (index.isAnnotationFile(uri)) {
    const context = await index.annotationContext(uri);
    if (!context) return [];
    const actions = ours.flatMap((diagnostic) => annotationFixes(index, context, diagnostic));
    // The file-wide fix is worked out when asked for (on save, the Source Action menu) or when a fixable problem is at hand.
    const wantsFixAll = only?.some((kind) => FIX_ALL_KIND === kind || FIX_ALL_KIND.startsWith(`${kind}.`)) || ours.some((d) => d.code === 'sentence-moved' || d.code === 'quote-sentence-mismatch');
    if (wantsFixAll) actions.push(...(await fixAllAction(index, context)));
    return actions;
  }
  if (index.isCodebook(uri)) {
    const { model } = await index.codebookModel(uri);
    if (!model) return [];
    return ours.flatMap((diagnostic) => {
      const suggestions = stringArray(diagnostic.data, 'suggestions');
      // A diagnostic the editor may still hold after its fix: the value reported must still be written exactly there.
      const span = model.lineMap.spanOf(diagnostic.range);
      const at = (located: { span: { start: number; end: number } } | undefined) => located !== undefined && located.span.start === span.start && located.span.end === span.end;
      if (diagnostic.code === 'unknown-affiliation') {
        const id = stringValue(diagnostic.data, 'id');
        const current = [...model.actors.values()].find((actor) => at(actor.affiliation))?.affiliation?.value;
        if (current === undefined || (id !== undefined && current !== id) || model.actors.has(current)) return [];
        return suggestions.map((id, i) => fix(`Change to \`${id}\``, diagnostic, { [uri]: [{ range: diagnostic.range, newText: id }] }, i === 0 && suggestions.length === 1));
      }
      const unique = stringValue(diagnostic.data, 'unique');
      const topic = [...model.topics.values()].find((t) => t.keySpan.start === span.start && t.keySpan.end === span.end);
      if (diagnostic.code === 'duplicate-id' && unique && topic && model.actors.has(topic.id))
        return [fix(`Rename to \`${unique}\``, diagnostic, { [uri]: [{ range: diagnostic.range, newText: unique }] }, true)];
      return [];
    });
  }
  return annotateCodeActions(index, uri, range);
}

function stringArray(data: unknown, key: string): string[] {
  const value = (data as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function numberArray(data: unknown, key: string): number[] {
  const value = (data as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

function stringValue(data: unknown, key: string): string | undefined {
  const value = (data as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
}

function fix(title: string, diagnostic: Diagnostic, changes: Record<string, TextEdit[]>, isPreferred = false): CodeAction {
  const edit: WorkspaceEdit = { changes };
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, isPreferred: isPreferred || undefined };
}

function annotationFixes(index: WorkspaceIndex, context: AnnotationContext, diagnostic: Diagnostic): CodeAction[] {
  const { model } = context;
  const uri = context.uri;
  const span = model.lineMap.spanOf(diagnostic.range);
  const written = model.text.slice(span.start, span.end);
  const annotation = annotationAt(model, span.start);
  switch (diagnostic.code) {
    case 'unknown-actor':
    case 'unknown-target':
    case 'unknown-stance': {
      const typed = stringValue(diagnostic.data, 'id') ?? written;
      if (written !== typed && written.replace(/^["']|["']$/g, '') !== typed) return []; // the text moved on since
      // The value written there now must be exactly the one reported (`support` fixed to `supports` still starts with it).
      const values = annotation ? [...annotation.actors, ...annotation.stances.flatMap((s) => [s.actor, s.toward, s.stance])] : [];
      if (!values.some((v) => v && v.span.start === span.start && v.span.end === span.end && v.value === typed)) return [];
      if (isKnownNow(context, diagnostic.code, typed)) return []; // fixed since (added to the codebook)
      const suggestions = stringArray(diagnostic.data, 'suggestions');
      const actions = suggestions.map((id, i) => fix(`Change to \`${id}\``, diagnostic, { [uri]: [{ range: diagnostic.range, newText: id }] }, i === 0 && suggestions.length === 1));
      if (diagnostic.code !== 'unknown-stance') actions.push(...addToCodebook(context, diagnostic, typed));
      return actions;
    }
    case 'quote-sentence-mismatch': {
      if (!annotation?.sentence) return [];
      return numberArray(diagnostic.data, 'sentences').map((n, i) =>
        fix(`Set sentence to ${n}${sentencePreview(context, n)}`, diagnostic, { [uri]: [replace(model.lineMap, annotation.sentence!.span, String(n))] }, i === 0),
      );
    }
    case 'sentence-moved': {
      const data = diagnostic.data as Partial<SentenceMovedData> | undefined;
      const sentence = annotation?.sentence;
      // Only while the value still reads as reported (the diagnostic may be older than an edit).
      if (!sentence || sentence.span.start !== span.start || sentence.value !== data?.oldNumber || typeof data.newNumber !== 'number') return [];
      const digits = digitSpan(model.text, sentence.span);
      const title = `Set sentence to ${data.newNumber}${sentencePreview(context, data.newNumber)}${data.unambiguous ? '' : ' (check it)'}`;
      const action = fix(title, diagnostic, { [uri]: [replace(model.lineMap, digits.span, digits.rewrite(data.newNumber))] }, data.unambiguous === true);
      const readers = model.annotations.filter((other) => other.sentence?.span.start === sentence.span.start).map((other) => other.index);
      return [{ ...action, command: recordFixesCommand(uri, fixedAnchors(context, [{ annotations: readers, newNumber: data.newNumber }])) }];
    }
    case 'quote-ambiguous': {
      if (!annotation?.quote || annotation.sentence) return []; // a sentence was set since
      return numberArray(diagnostic.data, 'sentences').map((n) => fix(`Use sentence ${n}${sentencePreview(context, n)}`, diagnostic, { [uri]: [addSentenceKey(context, annotation, n)] }));
    }
    case 'quote-not-found': {
      const closest = (diagnostic.data as { closest?: { sentence: number; text: string } } | undefined)?.closest;
      if (!closest || !annotation?.quote) return [];
      const source = model.text.slice(annotation.quote.span.start, annotation.quote.span.end);
      const style = /^[|>]/.test(source) ? 'double' : styleOf(source);
      const edits: TextEdit[] = [replace(model.lineMap, annotation.quote.span, yamlScalar(closest.text, style))];
      if (annotation.sentence && annotation.sentence.value !== closest.sentence) edits.push(replace(model.lineMap, annotation.sentence.span, String(closest.sentence)));
      return [fix(`Re-anchor the quote to sentence ${closest.sentence}: “${truncate(closest.text, 60)}”`, diagnostic, { [uri]: edits }, true)];
    }
    case 'article-not-found':
    case 'codebook-not-found': {
      // A path YAML cut at ` #` whose whole line names a file: quote it (only while the line still reads as reported).
      const uncut = stringValue(diagnostic.data, 'uncut');
      const written = diagnostic.code === 'article-not-found' ? model.article : model.codebook;
      const cut = written && pathCutAtComment(model.text, written);
      if (!uncut || !written || !cut || cut.uncut !== uncut || written.span.start !== span.start) return [];
      const quoted = doubleQuoted(uncut);
      return [fix(`Quote the path: ${quoted}`, diagnostic, { [uri]: [replace(model.lineMap, { start: written.span.start, end: cut.end }, quoted)] }, true)];
    }
    case 'document-mismatch': {
      // Only while the value reported is still written there, as it was.
      const key = stringValue(diagnostic.data, 'key');
      const located = key && (DOCUMENT_KEYS as readonly string[]).includes(key) ? model.document?.values[key as DocumentKey] : undefined;
      if (!located || located.span.start !== span.start || located.span.end !== span.end) return [];
      const style = styleOf(written);
      return stringArray(diagnostic.data, 'values')
        .filter((value) => !sameDocumentValue(key as DocumentKey, value, located.value))
        .map((value) => fix(`Use “${truncate(value, 60)}” as the other file of this article does`, diagnostic, { [uri]: [{ range: diagnostic.range, newText: yamlScalar(value, style) }] }));
    }
    case 'duplicate-id': {
      const unique = stringValue(diagnostic.data, 'unique');
      const id = annotation?.id && annotation.id.span.start === span.start && annotation.id.span.end === span.end ? annotation.id.value : undefined;
      const stillDuplicate = id !== undefined && model.annotations.filter((a) => a.id?.value === id).length > 1;
      return unique && stillDuplicate ? [fix(`Rename to \`${unique}\``, diagnostic, { [uri]: [{ range: diagnostic.range, newText: unique }] }, true)] : [];
    }
    default:
      return [];
  }
}

/** Whether an id reported unknown is known by now (the diagnostic is older than the codebook). */
function isKnownNow(context: AnnotationContext, code: unknown, id: string): boolean {
  const codebook = context.codebook.model;
  if (!codebook) return false;
  if (code === 'unknown-stance') return codebook.stances.has(id);
  if (code === 'unknown-actor') return codebook.actors.has(id);
  return codebook.actors.has(id) || codebook.topics.has(id);
}

function sentencePreview(context: AnnotationContext, n: number): string {
  const article = context.article?.article;
  const sentence = article?.sentences(context.segmentation)[n - 1];
  return sentence && article ? `: “${truncate(article.text.slice(sentence.start, sentence.end), 50)}”` : '';
}

/** Adds `sentence: N` to an annotation that has only a quote, on its own line after the quote. */
function addSentenceKey(context: AnnotationContext, annotation: Annotation, n: number): TextEdit {
  const { text, lineMap } = context.model;
  const quoteKey = annotation.quoteEntry!;
  const before = text.slice(0, annotation.span.start).trimEnd();
  if (before.endsWith('{')) return insert(lineMap, annotation.span.start, `sentence: ${n}, `);
  const indent = ' '.repeat(columnOf(text, quoteKey.keySpan.start));
  return insert(lineMap, lineEnd(text, Math.max(quoteKey.valueSpan.end - 1, quoteKey.keySpan.end)), `${eolOf(text)}${indent}sentence: ${n}`);
}

/** "Add `x` to the codebook": a new actor or topic, and the reference fixed if `x` was not a valid id. */
function addToCodebook(context: AnnotationContext, diagnostic: Diagnostic, typed: string): CodeAction[] {
  const codebook = context.codebook.model;
  const codebookUri = context.codebook.uri;
  if (!codebook?.usable || !codebookUri) return [];
  const id = ID_PATTERN.test(typed) ? typed : slugId(typed);
  if (codebook.actors.has(id) || codebook.topics.has(id)) return [];
  const title = ID_PATTERN.test(typed) ? titleFromId(id) : typed;
  const sections: ('actors' | 'topics')[] = diagnostic.code === 'unknown-actor' ? ['actors'] : ['topics', 'actors'];
  return sections.flatMap((section) => {
    const edit = addEntryEdit(codebook, section, id, title);
    if (!edit) return [];
    const changes: Record<string, TextEdit[]> = { [codebookUri]: [edit] };
    if (id !== typed) changes[context.uri] = [{ range: diagnostic.range, newText: id }];
    const what = section === 'actors' ? 'actor' : 'topic';
    return [fix(`Add ${what} \`${id}\` to the codebook`, diagnostic, changes)];
  });
}

/** The kind of the file-wide fix (editors run `source.fixAll` actions on save when asked to). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.standpoint`;

/** "Fix all sentence numbers": every unambiguous `sentence-moved` and one-candidate `quote-sentence-mismatch` of the file. */
async function fixAllAction(index: WorkspaceIndex, context: AnnotationContext): Promise<CodeAction[]> {
  const diagnostics = await computeDiagnostics(index, context.uri);
  // The diagnostics were computed from the context current now; an older one must not lend its spans.
  const current = await index.annotationContext(context.uri);
  if (current !== context) return [];
  const fixes = unambiguousSentenceFixes(context.model, diagnostics);
  if (!fixes.length) return [];
  const title = fixes.length === 1 ? 'Fix the sentence number that moved' : `Fix ${fixes.length} sentence numbers that moved`;
  return [{ title, kind: FIX_ALL_KIND, edit: { changes: { [context.uri]: sentenceFixEdits(context.model, fixes) } }, command: recordFixesCommand(context.uri, fixedAnchors(context, fixes)) }];
}

/** Run after the fix is applied: the server's record learns which numbers Standpoint set (RECORD_FIXES_COMMAND). */
function recordFixesCommand(uri: string, fixed: FixedAnchors): Command {
  return { title: 'Record the sentence numbers set', command: RECORD_FIXES_COMMAND, arguments: [uri, fixed] };
}
