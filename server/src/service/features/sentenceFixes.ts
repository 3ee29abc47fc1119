import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { Annotation, AnnotationFileModel } from '../model/annotationFile';
import type { Span } from '../text/lineMap';
import { digitSpan } from '../anchors/sentenceEdits';
import { annotationAt } from './locate';

/**
 * The fixes that may be applied without asking (`standpoint check --fix`,
 * `source.fixAll.standpoint`): a `sentence-moved` whose new number is
 * unambiguous, and a `quote-sentence-mismatch` whose quote is in exactly one
 * sentence. Each rewrites only the digits of a `sentence:` value.
 */
export interface SentenceFix {
  /** The digits replaced, in the file's text as the service reads it (no BOM). */
  readonly span: Span;
  readonly newText: string;
  readonly oldNumber: number;
  readonly newNumber: number;
  readonly code: 'sentence-moved' | 'quote-sentence-mismatch';
  /** The annotations (0-based) that read this value (several when an alias shares it). */
  readonly annotations: readonly number[];
}

function record(data: unknown): Record<string, unknown> {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

/** The new number a diagnostic's fix would set, when it may be set without asking. */
function unambiguousNumber(diagnostic: Diagnostic): number | undefined {
  const data = record(diagnostic.data);
  if (diagnostic.code === 'sentence-moved') return data.unambiguous === true && typeof data.newNumber === 'number' ? data.newNumber : undefined;
  if (diagnostic.code === 'quote-sentence-mismatch') {
    const sentences = Array.isArray(data.sentences) ? data.sentences : [];
    return sentences.length === 1 && typeof sentences[0] === 'number' ? sentences[0] : undefined;
  }
  return undefined;
}

/**
 * The unambiguous fixes among a file's diagnostics, in file order. A value
 * several annotations share (a YAML alias) is changed only when every one of
 * them is fixed to the same number; conflicting fixes of one value are left.
 */
export function unambiguousSentenceFixes(model: AnnotationFileModel, diagnostics: readonly Diagnostic[]): SentenceFix[] {
  const wanted = new Map<Annotation, { newNumber: number; code: SentenceFix['code'] }[]>();
  for (const diagnostic of diagnostics) {
    const newNumber = unambiguousNumber(diagnostic);
    if (newNumber === undefined) continue;
    const annotation = annotationAt(model, model.lineMap.offsetAt(diagnostic.range.start));
    if (!annotation?.sentence) continue;
    const list = wanted.get(annotation) ?? [];
    list.push({ newNumber, code: diagnostic.code as SentenceFix['code'] });
    wanted.set(annotation, list);
  }
  // Every annotation that reads each written value.
  const readers = new Map<number, Annotation[]>();
  for (const annotation of model.annotations) {
    if (!annotation.valid || !annotation.sentence) continue;
    const list = readers.get(annotation.sentence.span.start) ?? [];
    list.push(annotation);
    readers.set(annotation.sentence.span.start, list);
  }
  const fixes: SentenceFix[] = [];
  for (const annotations of readers.values()) {
    const numbers = new Set<number>();
    let code: SentenceFix['code'] = 'sentence-moved';
    let complete = true;
    for (const annotation of annotations) {
      const fixesOf = wanted.get(annotation);
      if (!fixesOf) {
        complete = false;
        break;
      }
      for (const fix of fixesOf) numbers.add(fix.newNumber);
      // sentence-moved says more (where the text went); name it when both apply.
      if (!fixesOf.some((fix) => fix.code === 'sentence-moved')) code = 'quote-sentence-mismatch';
    }
    if (!complete || numbers.size !== 1) continue;
    const newNumber = [...numbers][0];
    const sentence = annotations[0].sentence!;
    if (newNumber === sentence.value) continue;
    const digits = digitSpan(model.text, sentence.span);
    fixes.push({ span: digits.span, newText: digits.rewrite(newNumber), oldNumber: sentence.value, newNumber, code, annotations: annotations.map((a) => a.index) });
  }
  return fixes.sort((a, b) => a.span.start - b.span.start);
}

/** The fixes as LSP text edits of the file. */
export function sentenceFixEdits(model: AnnotationFileModel, fixes: readonly SentenceFix[]): TextEdit[] {
  return fixes.map((fix) => ({ range: model.lineMap.rangeOf(fix.span), newText: fix.newText }));
}
