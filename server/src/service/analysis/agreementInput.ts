/**
 * The input of agreement between coders (analysis contract §4) from the
 * statement engine's per-file records (records.ts): per annotation file, its
 * resolved annotations with the actors they involve (its mentions) and its
 * valid statements. Nothing is parsed or resolved again, and what counts is
 * what exports and networks count: an annotation whose sentence or quote does
 * not resolve, an unknown actor and an invalid stance entry are left out.
 */
import type { AgreementAnnotationInput, AgreementArticleInput, AgreementFileInput, AgreementStanceInput } from './types';
import { mentionsOf, type FileRecords } from './records';
import { coderName } from './agreement';
import { ANNOTATION_WIDTH, AnnotationField, EntryField } from '../workspaceIndex/statementFacts';

const inputs = new WeakMap<FileRecords, AgreementFileInput>();

/** One annotation file as agreement reads it (made once per records object). */
export function agreementFileInput(records: FileRecords): AgreementFileInput {
  let input = inputs.get(records);
  if (!input) inputs.set(records, (input = makeFileInput(records)));
  return input;
}

function makeFileInput(records: FileRecords): AgreementFileInput {
  const { summary } = records;
  const { annotations, entries } = summary;
  const count = annotations.length / ANNOTATION_WIDTH;
  const actors: string[][] = Array.from({ length: count }, () => []);
  const stances: AgreementStanceInput[][] = Array.from({ length: count }, () => []);
  // Mentions carry their annotation's first line, which no other annotation of the file starts on.
  const indexByLine = new Map<number, number>();
  for (let index = 0; index < count; index++) indexByLine.set(annotations[index * ANNOTATION_WIDTH + AnnotationField.line], index);
  for (const mention of mentionsOf(records).mentions) {
    const index = indexByLine.get(mention.line);
    if (index !== undefined) actors[index].push(mention.actor);
  }
  for (const statement of records.statements) {
    const index = entries[statement.entry + EntryField.annotation];
    stances[index].push({ actor: statement.actor, toward: statement.toward, stance: statement.stance, polarity: statement.polarity, line: statement.line });
  }
  const resolved: AgreementAnnotationInput[] = [];
  for (let index = 0; index < count; index++) {
    const at = index * ANNOTATION_WIDTH;
    if (annotations[at + AnnotationField.problem] !== 0) continue;
    resolved.push({ sentence: annotations[at + AnnotationField.sentence], line: annotations[at + AnnotationField.line], actors: actors[index], stances: stances[index] });
  }
  return summary.coder === undefined ? { file: records.paths.file, annotations: resolved } : { file: records.paths.file, coder: summary.coder, annotations: resolved };
}

/** Why the files of an article cannot be compared, if they cannot. */
export type ArticleProblem = 'segmentation';

/**
 * One article's input from the records of its annotation files (in URI order).
 * Its sentences are counted as the files number them; files that number them
 * differently (another `hard-wrapped:` or other abbreviations) cannot be
 * compared sentence by sentence, which `problem` says. `compared`: the coders
 * compared (all when absent); only their files decide the count and the problem.
 */
export function agreementArticleInput(files: readonly FileRecords[], compared?: ReadonlySet<string>): { input: AgreementArticleInput; problem?: ArticleProblem } {
  const relevant = compared ? files.filter((records) => compared.has(coderName(records.summary.coder))) : files;
  const first = (relevant[0] ?? files[0]).summary;
  const input: AgreementArticleInput = { article: files[0].paths.article, sentences: Math.max(0, first.sentenceCount), files: files.map(agreementFileInput) };
  const same = relevant.every(({ summary }) => summary.sentenceCount === first.sentenceCount && summary.sentenceStamp === first.sentenceStamp);
  return same ? { input } : { input, problem: 'segmentation' };
}
