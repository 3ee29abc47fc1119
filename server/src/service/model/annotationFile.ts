import type { Node } from 'yaml';
import type { Problem } from '../problems';
import { LineMap, type Span } from '../text/lineMap';
import { checkKnownKeys, describeNode, entriesByKey, readText, readTextList, schemaError } from './schemaHelpers';
import { isScalar, scalarText, YamlReader, type Located, type MapEntry } from './yamlReader';

/** One `stances:` item: who takes which stance toward what. */
export interface StanceEntry {
  readonly span: Span;
  readonly actor?: Located<string>;
  readonly toward?: Located<string>;
  readonly stance?: Located<string>;
}

export interface Annotation {
  /** 0-based position in `annotations:`. */
  readonly index: number;
  /** The whole item, from its first key to its last value. */
  readonly span: Span;
  /** The keys of the item, for ranges of "missing key" problems and for edits. */
  readonly keys: ReadonlyMap<string, MapEntry>;
  readonly id?: Located<string>;
  readonly sentence?: Located<number>;
  readonly quote?: Located<string>;
  readonly actors: readonly Located<string>[];
  readonly stances: readonly StanceEntry[];
  readonly note?: Located<string>;
}

export interface AnnotationFileModel {
  readonly kind: 'annotations';
  readonly text: string;
  readonly lineMap: LineMap;
  /** yaml-syntax and schema problems found while reading. */
  readonly problems: readonly Problem[];
  readonly topLevel: ReadonlyMap<string, MapEntry>;
  readonly article?: Located<string>;
  readonly codebook?: Located<string>;
  readonly hardWrapped?: Located<boolean>;
  readonly annotations: readonly Annotation[];
  /** Where a file-level problem (no codebook…) is shown: the first key, or the start. */
  readonly headSpan: Span;
}

export const ANNOTATION_FILE_KEYS = ['article', 'codebook', 'hard-wrapped', 'annotations'] as const;
export const ANNOTATION_KEYS = ['id', 'sentence', 'quote', 'actors', 'stances', 'note'] as const;
export const STANCE_KEYS = ['actor', 'toward', 'stance'] as const;

export function parseAnnotationFile(text: string): AnnotationFileModel {
  const reader = new YamlReader(text);
  const problems: Problem[] = reader.problems;
  const root = reader.root;
  const entries = reader.entries(root);
  const headSpan = firstLineSpan(text);
  const lineMap = new LineMap(text);
  const empty = { kind: 'annotations' as const, text, lineMap, problems, topLevel: new Map(), annotations: [], headSpan };

  if (!entries) {
    if (root === undefined) {
      problems.push(schemaError(headSpan, 'This annotation file is empty. Start it with `article: path/to/article.txt` and `annotations:`.'));
    } else if (!problems.some((p) => p.code === 'yaml-syntax')) {
      problems.push(schemaError(reader.spanOf(root, headSpan), `An annotation file must be a mapping with \`article\` and \`annotations\`, not ${describeNode(root)}.`));
    }
    return empty;
  }

  checkKnownKeys(entries, ANNOTATION_FILE_KEYS, 'an annotation file', problems);
  const topLevel = entriesByKey(entries);
  const firstKey = entries[0]?.keySpan ?? headSpan;

  const articleEntry = topLevel.get('article');
  let article: Located<string> | undefined;
  if (!articleEntry) {
    problems.push(schemaError(firstKey, 'Missing `article`: name the article this file annotates, e.g. `article: ../articles/talks.txt`.'));
  } else {
    article = readText(reader, articleEntry, 'a path to the article', problems);
    if (!article || !article.value.trim()) {
      if (article || articleEntry.value === undefined) problems.push(schemaError(articleEntry.valueSpan.start === articleEntry.valueSpan.end ? articleEntry.keySpan : articleEntry.valueSpan, '`article` is empty: give the path of the article, relative to this file.'));
      article = undefined;
    }
  }

  const codebookEntry = topLevel.get('codebook');
  let codebook = codebookEntry ? readText(reader, codebookEntry, 'a path to a codebook', problems) : undefined;
  if (codebook && !codebook.value.trim()) {
    problems.push(schemaError(codebook.span, '`codebook` is empty: give a path to a codebook, or remove the key to use the nearest codebook.yaml.'));
    codebook = undefined;
  }

  const hardWrapped = readBoolean(reader, topLevel.get('hard-wrapped'), problems);

  const annotationsEntry = topLevel.get('annotations');
  const annotations: Annotation[] = [];
  if (!annotationsEntry) {
    problems.push(schemaError(firstKey, 'Missing `annotations`: add `annotations:` with a list of annotations (it may be empty: `annotations: []`).'));
  } else if (annotationsEntry.value !== undefined) {
    const items = reader.items(annotationsEntry.value);
    if (!items) {
      problems.push(schemaError(annotationsEntry.valueSpan, `\`annotations\` must be a list of annotations (items starting with \`- \`), not ${describeNode(annotationsEntry.value)}.`));
    } else {
      const spans = reader.itemSpans(annotationsEntry.value);
      items.forEach((item, index) => {
        const annotation = readAnnotation(reader, item, index, spans[index], problems);
        if (annotation) annotations.push(annotation);
      });
    }
  }

  return { kind: 'annotations', text, lineMap, problems, topLevel, article, codebook, hardWrapped, annotations, headSpan: firstKey };
}

function readBoolean(reader: YamlReader, entry: MapEntry | undefined, problems: Problem[]): Located<boolean> | undefined {
  if (!entry || entry.value === undefined) return undefined;
  if (isScalar(entry.value) && typeof entry.value.value === 'boolean') return { value: entry.value.value, span: entry.valueSpan };
  problems.push(schemaError(entry.valueSpan, `\`${entry.key}\` must be \`true\` or \`false\`, not ${describeNode(entry.value)}.`));
  return undefined;
}

function readAnnotation(reader: YamlReader, node: Node | undefined, index: number, span: Span, problems: Problem[]): Annotation | undefined {
  const entries = reader.entries(node);
  if (!entries) {
    problems.push(schemaError(span, `Annotation ${index + 1} must be a mapping with \`sentence\` or \`quote\`, not ${describeNode(node)}.`));
    return undefined;
  }
  checkKnownKeys(entries, ANNOTATION_KEYS, 'an annotation', problems);
  const keys = entriesByKey(entries);
  const itemSpan = entries.length ? { start: entries[0].keySpan.start, end: Math.max(span.end, entries[entries.length - 1].valueSpan.end) } : span;
  const firstKey = entries[0]?.keySpan ?? span;

  const idEntry = keys.get('id');
  const id = idEntry ? readText(reader, idEntry, 'a short name', problems) : undefined;

  let sentence: Located<number> | undefined;
  const sentenceEntry = keys.get('sentence');
  if (sentenceEntry) {
    const value = sentenceEntry.value;
    if (value === undefined) {
      problems.push(schemaError(sentenceEntry.keySpan, '`sentence` has no value: give the sentence number (from 1).'));
    } else if (isScalar(value) && typeof value.value === 'number' && Number.isInteger(value.value)) {
      sentence = { value: value.value, span: reader.spanOf(value) };
    } else {
      const written = isScalar(value) ? ` (\`${scalarText(value)}\`)` : '';
      problems.push(schemaError(sentenceEntry.valueSpan, `\`sentence\` must be a whole number, the sentence's position in the article (from 1), not ${describeNode(value)}${written}.`));
    }
  }

  const quoteEntry = keys.get('quote');
  let quote = quoteEntry ? readText(reader, quoteEntry, 'text from the sentence', problems) : undefined;
  if (quoteEntry && quote && !quote.value.trim()) {
    problems.push(schemaError(quote.span.start === quote.span.end ? quoteEntry.keySpan : quote.span, '`quote` is empty: give the exact words from the sentence, or remove the key.'));
    quote = undefined;
  } else if (quoteEntry && !quote && quoteEntry.value === undefined) {
    problems.push(schemaError(quoteEntry.keySpan, '`quote` has no value: give the exact words from the sentence, or remove the key.'));
  }

  if (!sentenceEntry && !quoteEntry) {
    problems.push(schemaError(firstKey, `Annotation ${index + 1} needs \`sentence\` (a number) or \`quote\` (words from the article), or both.`));
  }

  const actorsEntry = keys.get('actors');
  const actors = actorsEntry ? readTextList(reader, actorsEntry, 'us, russia', problems) : [];

  const stancesEntry = keys.get('stances');
  const stances: StanceEntry[] = [];
  if (stancesEntry && stancesEntry.value !== undefined) {
    const items = reader.items(stancesEntry.value);
    if (!items) {
      problems.push(schemaError(stancesEntry.valueSpan, `\`stances\` must be a list of items with \`actor\`, \`toward\` and \`stance\`, not ${describeNode(stancesEntry.value)}.`));
    } else {
      const spans = reader.itemSpans(stancesEntry.value);
      items.forEach((item, i) => {
        const stance = readStance(reader, item, spans[i], problems);
        if (stance) stances.push(stance);
      });
    }
  }

  const noteEntry = keys.get('note');
  const note = noteEntry ? readText(reader, noteEntry, 'text', problems) : undefined;

  return { index, span: itemSpan, keys, id, sentence, quote, actors, stances, note };
}

function readStance(reader: YamlReader, node: Node | undefined, span: Span, problems: Problem[]): StanceEntry | undefined {
  const entries = reader.entries(node);
  if (!entries) {
    problems.push(schemaError(span, `A stance must be a mapping like \`{ actor: us, toward: ukraine-nato-membership, stance: opposes }\`, not ${describeNode(node)}.`));
    return undefined;
  }
  checkKnownKeys(entries, STANCE_KEYS, 'a stance', problems);
  const keys = entriesByKey(entries);
  const read = (key: string, what: string) => {
    const entry = keys.get(key);
    if (!entry || entry.value === undefined) return undefined;
    return readText(reader, entry, what, problems);
  };
  const actor = read('actor', 'an actor id');
  const toward = read('toward', 'a topic or actor id');
  const stance = read('stance', 'a stance value such as `supports`');
  const missing = STANCE_KEYS.filter((key) => !keys.get(key) || keys.get(key)!.value === undefined);
  if (missing.length) {
    const anchor = entries[0]?.keySpan ?? span;
    problems.push(schemaError(anchor, `This stance is missing ${missing.map((k) => `\`${k}\``).join(' and ')}: a stance says which \`actor\` takes which \`stance\` \`toward\` a topic or actor.`));
  }
  const itemSpan = entries.length ? { start: entries[0].keySpan.start, end: Math.max(span.end, entries[entries.length - 1].valueSpan.end) } : span;
  return { span: itemSpan, actor, toward, stance };
}

function firstLineSpan(text: string): Span {
  const end = text.search(/\r|\n|$/);
  return { start: 0, end: Math.max(0, end) };
}

