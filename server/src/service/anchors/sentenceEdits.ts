import type { TextEdit } from 'vscode-languageserver-types';
import type { AnnotationFileModel } from '../model/annotationFile';
import type { Span } from '../text/lineMap';
import type { SentenceMap, SentenceMapping } from './sentenceMap';

/**
 * The byte-exact edits that make an annotation file's `sentence:` values
 * follow a sentence map: each replaces only the number's digits, so comments,
 * quoting, flow style (`{ sentence: 3 }`), line ends and a BOM stay as they
 * were.
 */

export interface SentenceNumberEdit {
  /** The digits to replace, in the file's text (without its BOM, as the service reads it). */
  readonly span: Span;
  readonly newText: string;
  readonly oldNumber: number;
  readonly newNumber: number;
  /** The annotations (0-based positions in `annotations:`) whose value this is: more than one when an alias shares it. */
  readonly annotations: readonly number[];
  readonly mapping: SentenceMapping;
}

export type NotUpdatedReason =
  /** The mapping exists but is not unambiguous (and only unambiguous ones were asked for). */
  | 'ambiguous'
  /** The sentence is gone from the new article. */
  | 'deleted'
  /** The old article has no sentence with this number (it was wrong before the change). */
  | 'not-in-old-article'
  /** Several annotations share the value (a YAML alias) but their sentences went to different places. */
  | 'shared-value';

export interface NotUpdated {
  readonly annotation: number;
  readonly oldNumber: number;
  readonly reason: NotUpdatedReason;
  readonly mapping?: SentenceMapping;
}

export interface SentenceNumberUpdate {
  readonly edits: readonly SentenceNumberEdit[];
  /** Annotations whose sentence did not keep its number and that got no edit, and why. */
  readonly notUpdated: readonly NotUpdated[];
}

export interface SentenceUpdateOptions {
  /** Only apply unambiguous mappings (what `standpoint check --fix` does). Default: apply every mapping that has a new number. */
  readonly onlyUnambiguous?: boolean;
}

/**
 * The edits for an annotation file whose article changed as `map` says.
 * Annotations are mapped with their own quote (which picks the part of a
 * split sentence). Values that stay the same get no edit.
 */
export function sentenceNumberUpdates(file: AnnotationFileModel, map: SentenceMap, options: SentenceUpdateOptions = {}): SentenceNumberUpdate {
  // Several annotations can read one written value through an alias: group them by where the value is written.
  const byValue = new Map<number, { span: Span; oldNumber: number; members: { annotation: number; mapping?: SentenceMapping }[] }>();
  for (const annotation of file.annotations) {
    const sentence = annotation.sentence;
    if (!annotation.valid || !sentence) continue;
    let entry = byValue.get(sentence.span.start);
    if (!entry) byValue.set(sentence.span.start, (entry = { span: sentence.span, oldNumber: sentence.value, members: [] }));
    entry.members.push({ annotation: annotation.index, mapping: map.map(sentence.value, annotation.quote?.value) });
  }

  const edits: SentenceNumberEdit[] = [];
  const notUpdated: NotUpdated[] = [];
  for (const { span, oldNumber, members } of byValue.values()) {
    const reasons = members.map(({ mapping }): NotUpdatedReason | undefined => {
      if (!mapping) return 'not-in-old-article';
      if (mapping.newNumber === undefined) return 'deleted';
      // A guess is not applied; nor passed over when a split keeps the number by it: it is counted (and sentence-moved says it).
      if (options.onlyUnambiguous && !mapping.unambiguous && (mapping.newNumber !== oldNumber || mapping.kind === 'split')) return 'ambiguous';
      return undefined;
    });
    const newNumber = members[0].mapping?.newNumber;
    const agreed = reasons.every((reason) => !reason) && members.every((m) => m.mapping!.newNumber === newNumber);
    if (!agreed) {
      members.forEach((member, k) => {
        const reason = reasons[k] ?? (member.mapping!.newNumber !== oldNumber ? 'shared-value' : undefined);
        if (reason) notUpdated.push({ annotation: member.annotation, oldNumber, reason, mapping: member.mapping });
      });
      continue;
    }
    if (newNumber === undefined || newNumber === oldNumber) continue;
    const digits = digitSpan(file.text, span);
    edits.push({ span: digits.span, newText: digits.rewrite(newNumber), oldNumber, newNumber, annotations: members.map((m) => m.annotation), mapping: members[0].mapping! });
  }
  edits.sort((a, b) => a.span.start - b.span.start);
  notUpdated.sort((a, b) => a.annotation - b.annotation);
  return { edits, notUpdated };
}

/**
 * The part of a written number to replace: the digits of `7`, `+7` or a
 * tagged `!!int "7"`; the whole scalar for other spellings of an integer
 * (`0x7`, `7.0`, `7e0`), which become plain decimal.
 */
export function digitSpan(text: string, span: Span): { span: Span; rewrite: (n: number) => string } {
  const written = text.slice(span.start, span.end);
  const plain = /^(\+?)(\d+)$/.exec(written) ?? /^(["']\+?)(\d+)["']$/.exec(written);
  if (plain) return { span: { start: span.start + plain[1].length, end: span.start + plain[1].length + plain[2].length }, rewrite: String };
  return { span, rewrite: String };
}

/** The edits as LSP text edits of the file. */
export function sentenceNumberTextEdits(file: AnnotationFileModel, update: SentenceNumberUpdate): TextEdit[] {
  return update.edits.map((edit) => ({ range: file.lineMap.rangeOf(edit.span), newText: edit.newText }));
}

/**
 * Applies the edits to the file's text as it is on disk: a leading BOM (which
 * the service's offsets leave out) is kept, and every other character too.
 */
export function applySentenceNumberEdits(onDisk: string, edits: readonly Pick<SentenceNumberEdit, 'span' | 'newText'>[]): string {
  const shift = onDisk.charCodeAt(0) === 0xfeff ? 1 : 0;
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  let result = onDisk;
  for (const edit of sorted) result = result.slice(0, edit.span.start + shift) + edit.newText + result.slice(edit.span.end + shift);
  return result;
}
