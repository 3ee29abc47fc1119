import type { YNode as Node } from './ynode';
import type { Problem } from '../problems';
import { LineMap, type Span } from '../text/lineMap';
import { checkKnownKeys, describeNode, entriesByKey, readText, readTextList, schemaError } from './schemaHelpers';
import { isScalar, isSeq, scalarText, YamlReader, type Located, type MapEntry } from './yamlReader';
import { ID_PATTERN } from './codebook';
import { DATE_EXAMPLES, dateProblem, parseIsoDate } from '../text/isoDate';
import { findBrokenNodes, lineStartOf } from './brokenNodes';
import { parseYamlFast } from './yamlParse';

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
  /** False for an item that is not a mapping, or that a syntax error broke (kept, so items and annotations stay one to one; it has no values). */
  readonly valid: boolean;
  /**
   * The item as first parsed: a copy moved by an edit elsewhere keeps it, so
   * it identifies the item's text (results can be cached by it).
   */
  readonly origin: object;
  /** Schema and syntax problems inside this item. */
  readonly problems: readonly Problem[];
  /** The whole item, from its first key to its last value. */
  readonly span: Span;
  /** Where the `quote` key and its value are written, for edits that add a key after it. */
  readonly quoteEntry?: { readonly keySpan: Span; readonly valueSpan: Span };
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
  /** yaml-syntax and schema problems found while reading: those outside items, then each item's. */
  readonly problems: readonly Problem[];
  /** Problems outside the annotation items. */
  readonly headerProblems: readonly Problem[];
  /** Where each item starts, when the layout allows re-parsing items one by one. */
  readonly chunks?: AnnotationChunks;
  /** For a model updated incrementally: the text it came from (not the model: no chain of old models is kept), and the items replaced and added. */
  readonly edit?: { readonly previousText: string; readonly removed: readonly Annotation[]; readonly added: readonly Annotation[] };
  readonly topLevel: ReadonlyMap<string, MapEntry>;
  readonly article?: Located<string>;
  readonly codebook?: Located<string>;
  readonly hardWrapped?: Located<boolean>;
  /** `coder:`, when it is a valid id. */
  readonly coder?: Located<string>;
  /** `document:`, when it is a mapping. */
  readonly document?: DocumentBlock;
  readonly annotations: readonly Annotation[];
  /** Where a file-level problem (no codebook…) is shown: the first key, or the start. */
  readonly headSpan: Span;
}

/**
 * The layout of a block list of annotations: item `i` runs from the start of
 * its `- ` line (`starts[i]`) to the next item's (or `end`, where the list
 * ends). An edit inside some items re-parses just those.
 */
export interface AnnotationChunks {
  readonly dashColumn: number;
  readonly starts: readonly number[];
  readonly end: number;
}

/** Facts about the article in `document:` (format.md §3; `section` as DNA keeps it). */
export interface DocumentBlock {
  readonly keySpan: Span;
  readonly valueSpan: Span;
  /** The valid values, as written (a value with a schema problem is left out). */
  readonly values: { readonly [K in DocumentKey]?: Located<string> };
  /** Where each known sub-key is written. */
  readonly keySpans: { readonly [K in DocumentKey]?: Span };
}

export const ANNOTATION_FILE_KEYS = ['article', 'codebook', 'coder', 'document', 'hard-wrapped', 'annotations'] as const;
export const DOCUMENT_KEYS = ['title', 'date', 'source', 'author', 'url', 'section'] as const;
export type DocumentKey = (typeof DOCUMENT_KEYS)[number];
export const ANNOTATION_KEYS = ['id', 'sentence', 'quote', 'actors', 'stances', 'note'] as const;
export const STANCE_KEYS = ['actor', 'toward', 'stance'] as const;

export function parseAnnotationFile(text: string): AnnotationFileModel {
  const reader = new YamlReader(text);
  const problems: Problem[] = [];
  const root = reader.root;
  const entries = reader.entries(root);
  const headSpan = firstLineSpan(text);
  const lineMap = new LineMap(text);

  if (!entries) {
    if (root === undefined) {
      // A file that could not be read at all (nested too deeply) has its syntax error, and is not empty.
      if (!reader.problems.some((p) => p.code === 'yaml-syntax'))
        problems.push(schemaError(headSpan, 'This annotation file is empty. Start it with `article: path/to/article.txt` and `annotations:`.'));
    } else if (!reader.problems.some((p) => p.code === 'yaml-syntax')) {
      problems.push(schemaError(reader.spanOf(root, headSpan), `An annotation file must be a mapping with \`article\` and \`annotations\`, not ${describeNode(root)}.`));
    }
    const all = [...reader.problems, ...problems];
    return { kind: 'annotations', text, lineMap, problems: all, headerProblems: all, topLevel: new Map(), annotations: [], headSpan };
  }

  const annotationsValue = entries.find((entry) => entry.key === 'annotations')?.value;
  const broken = brokenNodes(text, reader.breaks, entries, reader.itemSpans(annotationsValue));
  checkKnownKeys(entries, ANNOTATION_FILE_KEYS, 'an annotation file', problems);
  const topLevel = entriesByKey(entries);
  const firstKey = entries[0]?.keySpan ?? headSpan;

  const articleEntry = topLevel.get('article');
  let article: Located<string> | undefined;
  if (!articleEntry) {
    if (!broken.header) problems.push(schemaError(firstKey, 'Missing `article`: name the article this file annotates, e.g. `article: ../articles/talks.txt`.'));
  } else {
    article = readText(reader, articleEntry, 'a path to the article', problems);
    if (!article || !article.value.trim()) {
      if (article || articleEntry.value === undefined)
        problems.push(
          schemaError(
            articleEntry.valueSpan.start === articleEntry.valueSpan.end ? articleEntry.keySpan : articleEntry.valueSpan,
            '`article` is empty: give the path of the article, relative to this file.',
          ),
        );
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
  const coder = readCoder(reader, topLevel.get('coder'), problems);
  const document = readDocument(reader, topLevel.get('document'), problems);

  const annotationsEntry = topLevel.get('annotations');
  let annotations: Annotation[] = [];
  let itemSpans: Span[] = [];
  if (!annotationsEntry) {
    if (!broken.header) problems.push(schemaError(firstKey, 'Missing `annotations`: add `annotations:` with a list of annotations (it may be empty: `annotations: []`).'));
  } else if (annotationsEntry.value !== undefined) {
    const items = reader.items(annotationsEntry.value);
    if (!items) {
      problems.push(schemaError(annotationsEntry.valueSpan, `\`annotations\` must be a list of annotations (items starting with \`- \`), not ${describeNode(annotationsEntry.value)}.`));
    } else {
      itemSpans = reader.itemSpans(annotationsEntry.value);
      annotations = items.map((item, index) => readAnnotation(reader, item, index, itemSpans[index]));
    }
  }

  const chunks =
    annotationsEntry && isSeq(annotationsEntry.value) && !annotationsEntry.value.flow && annotationsEntry.valueSpan.start === annotationsEntry.value.span.start
      ? findChunks(text, itemSpans)
      : undefined;
  // Syntax problems go with the item they are in, so an item re-parsed alone brings its own.
  const { header, byItem } = distribute(reader.problems, annotations, chunks);
  // An item a syntax error broke is reported by that error alone (see brokenNodes).
  annotations = annotations.map((annotation, i) =>
    broken.items.has(i) ? brokenItem(annotation, byItem[i]) : byItem[i].length ? { ...annotation, problems: [...byItem[i], ...annotation.problems] } : annotation,
  );
  // So is a broken top-level entry: its schema problems go, and its value is not used.
  const inBrokenEntry = (span: Span) => broken.entries.some((extent) => span.start >= extent.start && span.start < extent.end);
  const headerProblems = [...header, ...problems.filter((problem) => !inBrokenEntry(problem.span))];
  const usable = <T>(located: Located<T> | undefined, key: string) => (located && broken.keys.has(key) ? undefined : located);
  return assemble({
    kind: 'annotations',
    text,
    lineMap,
    headerProblems,
    topLevel,
    article: usable(article, 'article'),
    codebook: usable(codebook, 'codebook'),
    hardWrapped: usable(hardWrapped, 'hard-wrapped'),
    coder: usable(coder, 'coder'),
    document: broken.keys.has('document') ? undefined : document,
    annotations,
    headSpan: firstKey,
    chunks,
  });
}

/**
 * What the syntax errors of a file broke, so that they are not followed by
 * schema problems (or checks) of nodes that are only artefacts of them — what
 * TypeScript and ESLint do after a parse error.
 *
 * The file's nodes here are its top-level entries, and, in `annotations`, the
 * `annotations:` key and each item; in document order, each owns the lines
 * from its first one to the line before the next node's (the last, to the end
 * of the file). A syntax error breaks every node whose lines its span
 * touches; an error at the very start of a node's first line (in its
 * indentation or at its first character: YAML notices a missing `]` or a
 * mis-indented line only where the next node begins) breaks the node before
 * it too. Duplicate keys break nothing.
 */
interface BrokenNodes {
  /** Items of `annotations` that are broken. */
  readonly items: ReadonlySet<number>;
  /** Top-level keys whose entries are broken, and those entries' extents (the `annotations` entry: its key line(s) only). */
  readonly keys: ReadonlySet<string>;
  readonly entries: readonly Span[];
  /** Some error lies outside the items: a key may be missing only because of it. */
  readonly header: boolean;
}

function brokenNodes(text: string, breaks: readonly Span[], entries: readonly MapEntry[], itemSpans: readonly Span[]): BrokenNodes {
  if (!breaks.length) return { items: new Set(), keys: new Set(), entries: [], header: false };
  interface Node {
    readonly first: number;
    readonly key?: string;
    readonly item?: number;
  }
  const nodes: Node[] = [];
  for (const entry of entries) {
    nodes.push({ first: entry.keySpan.start, key: entry.key });
    if (entry.key === 'annotations') itemSpans.forEach((span, item) => nodes.push({ first: span.start, item }));
  }
  nodes.sort((a, b) => a.first - b.first);
  const found = findBrokenNodes(
    text,
    breaks,
    nodes.map((node) => node.first),
  );
  let header = found.outside;
  const items = new Set<number>();
  const keys = new Set<string>();
  const extents: Span[] = [];
  for (const k of found.indexes) {
    const node = nodes[k];
    if (node.item !== undefined) items.add(node.item);
    else {
      header = true;
      keys.add(node.key!);
      extents.push(found.extent(k));
    }
  }
  return { items, keys, entries: extents, header };
}

/** An item broken by a syntax error: its syntax problems only, and no values to check (they may be artefacts of the error). */
function brokenItem(annotation: Annotation, syntaxProblems: readonly Problem[]): Annotation {
  return { index: annotation.index, valid: false, origin: annotation.origin, problems: [...syntaxProblems], span: annotation.span, actors: [], stances: [] };
}

/**
 * A model as pieces that can be sent from one thread to another (structured
 * clone): everything but its annotations, line map and problems, which
 * `modelFromPieces` rebuilds. The `annotations` entry keeps no item nodes (the
 * annotations are its items; nothing reads the nodes of a parsed model).
 */
export type ModelHead = Omit<AnnotationFileModel, 'lineMap' | 'annotations' | 'problems' | 'edit'>;

export function modelHead(model: AnnotationFileModel): ModelHead {
  const { lineMap: _lineMap, annotations: _annotations, problems: _problems, edit: _edit, ...head } = model;
  const entry = head.topLevel.get('annotations');
  if (!entry?.value || !isSeq(entry.value)) return head;
  const topLevel = new Map(head.topLevel);
  topLevel.set('annotations', { ...entry, value: { ...entry.value, items: [] } });
  return { ...head, topLevel };
}

export function modelFromPieces(head: ModelHead, annotations: readonly Annotation[]): AnnotationFileModel {
  return assemble({ ...head, lineMap: new LineMap(head.text), annotations });
}

type ModelParts = Omit<AnnotationFileModel, 'problems'>;

function assemble(parts: ModelParts): AnnotationFileModel {
  const problems = [...parts.headerProblems];
  for (const annotation of parts.annotations) problems.push(...annotation.problems);
  return { ...parts, problems };
}

function itemRange(annotations: readonly Annotation[], chunks: AnnotationChunks | undefined, i: number): Span {
  if (!chunks) return annotations[i].span;
  return { start: chunks.starts[i], end: chunks.starts[i + 1] ?? chunks.end };
}

function distribute(problems: readonly Problem[], annotations: readonly Annotation[], chunks: AnnotationChunks | undefined): { header: Problem[]; byItem: Problem[][] } {
  const header: Problem[] = [];
  const byItem: Problem[][] = annotations.map(() => []);
  if (!problems.length) return { header, byItem };
  // Item ranges in file order without overlaps (always so for chunks) are searched by halves: a file with
  // a problem in each of many items must not scan every item for every problem.
  const ordered = annotations.every((_, k) => k === 0 || itemRange(annotations, chunks, k - 1).end <= itemRange(annotations, chunks, k).start);
  for (const problem of problems) {
    const at = problem.span.start;
    const contains = (k: number) => {
      const range = itemRange(annotations, chunks, k);
      return at >= range.start && at < range.end;
    };
    let i = -1;
    if (ordered) {
      let low = 0;
      let high = annotations.length - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const range = itemRange(annotations, chunks, mid);
        if (at < range.start) high = mid - 1;
        else if (at >= range.end) low = mid + 1;
        else {
          i = mid;
          break;
        }
      }
    } else {
      i = annotations.findIndex((_, k) => contains(k));
    }
    if (i >= 0) byItem[i].push(problem);
    else header.push(problem);
  }
  return { header, byItem };
}

const ITEM_PREFIX = /^( *)- +$/;

/** Item starts for a block list whose every item begins on its own `- ` line at one column; else undefined. `knownEnd`: where the list ends, when the caller knows. */
function findChunks(text: string, itemSpans: readonly Span[], knownEnd?: number): AnnotationChunks | undefined {
  if (!itemSpans.length) return undefined;
  const starts: number[] = [];
  let dashColumn = -1;
  for (const span of itemSpans) {
    const lineStart = lineStartOf(text, span.start);
    const prefix = ITEM_PREFIX.exec(text.slice(lineStart, span.start));
    if (!prefix) return undefined;
    if (dashColumn === -1) dashColumn = prefix[1].length;
    if (prefix[1].length !== dashColumn || (starts.length && lineStart <= starts[starts.length - 1])) return undefined;
    starts.push(lineStart);
  }
  const end = knownEnd ?? listEnd(text, starts[starts.length - 1], dashColumn);
  return { dashColumn, starts, end };
}

/** Where a block list at `dashColumn` ends: the first line after `from`'s that is less indented, or as indented without `-`. */
function listEnd(text: string, from: number, dashColumn: number): number {
  const pattern = /\r\n|\r|\n/g;
  pattern.lastIndex = from;
  let match = pattern.exec(text);
  while (match) {
    const lineStart = match.index + match[0].length;
    const lineEnd = text.slice(lineStart).search(/\r|\n/);
    const line = lineEnd === -1 ? text.slice(lineStart) : text.slice(lineStart, lineStart + lineEnd);
    const trimmed = line.trimStart();
    if (trimmed && !trimmed.startsWith('#')) {
      const indent = line.length - trimmed.length;
      if (indent < dashColumn || (indent === dashColumn && !/^-(\s|$)/.test(trimmed))) return lineStart;
    }
    pattern.lastIndex = lineStart;
    match = pattern.exec(text);
  }
  return text.length;
}

/**
 * The model of a new version of a file, re-parsing only the items an edit
 * touched when the layout allows it (else the whole file). The result is the
 * same as a full parse; a property test checks that. `fullParse` is called
 * when only a full parse will do (the server parses large files in steps).
 */
export function updateAnnotationFile(
  previous: AnnotationFileModel,
  text: string,
  fullParse: (text: string) => AnnotationFileModel = parseAnnotationFile,
  /** Take the full parse rather than have `yaml` parse the touched items (a step of a parse that can go elsewhere). */
  fastOnly = false,
): AnnotationFileModel {
  const chunks = previous.chunks;
  const old = previous.text;
  if (text === old) return previous;
  // Only from a file without YAML errors: with one, the structure may not be what the chunks say.
  if (!chunks || previous.problems.some((problem) => problem.code === 'yaml-syntax')) return fullParse(text);
  const limit = Math.min(old.length, text.length);
  const prefix = commonPrefix(old, text, limit);
  const suffix = commonSuffix(old, text, limit - prefix);
  const changeStart = prefix;
  const oldEnd = old.length - suffix;
  const delta = text.length - old.length;
  // Only edits inside the list, when nothing follows it (the last item runs to the end of the file).
  if (changeStart < chunks.starts[0] || chunks.end !== old.length) return fullParse(text);

  let first = 0;
  while (first + 1 < chunks.starts.length && chunks.starts[first + 1] <= changeStart) first++;
  let last = first;
  // An edit that reaches the next item's start (deleting the line break before it) involves that item too.
  while (last + 1 < chunks.starts.length && chunks.starts[last + 1] <= oldEnd) last++;
  const chunkStart = chunks.starts[first];
  const chunkEndOld = chunks.starts[last + 1] ?? chunks.end;
  const chunkEndNew = chunkEndOld + delta;
  if (chunkEndNew < text.length && lineStartOf(text, chunkEndNew) !== chunkEndNew) return fullParse(text);
  const chunkText = text.slice(chunkStart, chunkEndNew);
  // The re-parsed text must still be list items only (no new top-level key typed at its end).
  if (listEnd(chunkText, 0, chunks.dashColumn) !== chunkText.length) return fullParse(text);

  const fast = fastOnly ? parseYamlFast(chunkText, chunkStart) : undefined;
  if (fastOnly && !fast) return fullParse(text);
  const reader = new YamlReader(chunkText, chunkStart, fast);
  // YAML errors can change how the rest of a file parses: then only a full parse is faithful.
  if (reader.problems.length) return fullParse(text);
  const root = reader.rootNode;
  let fresh: Annotation[] = [];
  let freshStarts: number[] = [];
  if (root !== undefined) {
    if (!isSeq(root) || root.flow) return fullParse(text);
    const itemSpans = reader.itemSpans(root);
    const local = findChunks(text, itemSpans, chunkEndNew);
    if (!local || local.dashColumn !== chunks.dashColumn || local.starts[0] !== chunkStart) return fullParse(text);
    freshStarts = [...local.starts];
    const items = reader.items(root)!;
    fresh = items.map((item, k) => readAnnotation(reader, item, first + k, itemSpans[k]));
    const { header, byItem } = distribute(reader.problems, fresh, { dashColumn: chunks.dashColumn, starts: freshStarts, end: chunkEndNew });
    if (header.length) return fullParse(text);
    fresh = fresh.map((annotation, k) => (byItem[k].length ? { ...annotation, problems: [...byItem[k], ...annotation.problems] } : annotation));
  } else if (chunkText.trim() && !/^(\s*(#.*)?(\r\n|\r|\n|$))*$/.test(chunkText)) {
    return fullParse(text);
  }
  if (first === 0 && !fresh.length && last + 1 >= chunks.starts.length) return fullParse(text); // the list became empty

  const before = previous.annotations.slice(0, first);
  const after = previous.annotations.slice(last + 1).map((annotation, k) => shiftAnnotation(annotation, delta, first + fresh.length + k));
  const annotations = [...before, ...fresh, ...after];
  const starts = [...chunks.starts.slice(0, first), ...freshStarts, ...chunks.starts.slice(last + 1).map((start) => start + delta)];
  const annotationsEntry = previous.topLevel.get('annotations');
  const topLevel = new Map(previous.topLevel);
  if (annotationsEntry)
    topLevel.set('annotations', {
      ...annotationsEntry,
      valueSpan: { start: annotationsEntry.valueSpan.start, end: annotations.length ? annotations[annotations.length - 1].span.end : annotationsEntry.valueSpan.start },
    });
  return assemble({
    ...previous,
    text,
    lineMap: new LineMap(text),
    topLevel,
    annotations,
    chunks: { dashColumn: chunks.dashColumn, starts, end: text.length },
    edit: { previousText: previous.text, removed: previous.annotations.slice(first, last + 1), added: fresh },
  });
}

/** Length of the common prefix, by binary search over native substring comparisons (fast on long texts). */
function commonPrefix(a: string, b: string, limit: number): number {
  let low = 0;
  let high = limit;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (a.slice(low, mid) === b.slice(low, mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let low = 0;
  let high = limit;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (a.slice(a.length - mid, a.length - low) === b.slice(b.length - mid, b.length - low)) low = mid;
    else high = mid - 1;
  }
  return low;
}

const shiftSpan = (span: Span, delta: number): Span => ({ start: span.start + delta, end: span.end + delta });
function shiftLocated<T>(located: Located<T>, delta: number): Located<T>;
function shiftLocated<T>(located: Located<T> | undefined, delta: number): Located<T> | undefined;
function shiftLocated<T>(located: Located<T> | undefined, delta: number): Located<T> | undefined {
  return located && { value: located.value, span: shiftSpan(located.span, delta) };
}

/** The same annotation, `delta` characters later in the file. */
function shiftAnnotation(annotation: Annotation, delta: number, index: number): Annotation {
  if (delta === 0 && index === annotation.index) return annotation;
  return {
    index,
    valid: annotation.valid,
    origin: annotation.origin,
    problems: annotation.problems.length ? annotation.problems.map((problem) => ({ ...problem, span: shiftSpan(problem.span, delta) })) : annotation.problems,
    span: shiftSpan(annotation.span, delta),
    quoteEntry: annotation.quoteEntry && { keySpan: shiftSpan(annotation.quoteEntry.keySpan, delta), valueSpan: shiftSpan(annotation.quoteEntry.valueSpan, delta) },
    id: shiftLocated(annotation.id, delta),
    sentence: shiftLocated(annotation.sentence, delta),
    quote: shiftLocated(annotation.quote, delta),
    actors: annotation.actors.map((actor) => shiftLocated(actor, delta)),
    stances: annotation.stances.map((stance) => ({
      span: shiftSpan(stance.span, delta),
      actor: shiftLocated(stance.actor, delta),
      toward: shiftLocated(stance.toward, delta),
      stance: shiftLocated(stance.stance, delta),
    })),
    note: shiftLocated(annotation.note, delta),
  };
}

function readBoolean(reader: YamlReader, entry: MapEntry | undefined, problems: Problem[]): Located<boolean> | undefined {
  if (!entry || entry.value === undefined) return undefined;
  if (isScalar(entry.value) && typeof entry.value.value === 'boolean') return { value: entry.value.value, span: entry.valueSpan };
  problems.push(schemaError(entry.valueSpan, `\`${entry.key}\` must be \`true\` or \`false\`, not ${describeNode(entry.value)}.`));
  return undefined;
}

/** A text value that is not empty; wrong kinds and empty text are schema errors. No value (`key:`) is as if the key were not there. */
function readNonEmptyText(reader: YamlReader, entry: MapEntry, name: string, what: string, problems: Problem[]): Located<string> | undefined {
  if (entry.value === undefined) return undefined;
  if (!isScalar(entry.value)) {
    problems.push(schemaError(entry.valueSpan, `\`${name}\` must be ${what}, not ${describeNode(entry.value)}.`));
    return undefined;
  }
  const located = { value: scalarText(entry.value), span: reader.spanOf(entry.value, entry.valueSpan) };
  if (!located.value.trim()) {
    problems.push(schemaError(located.span, `\`${name}\` is empty: give ${what}, or remove the key.`));
    return undefined;
  }
  return located;
}

function readCoder(reader: YamlReader, entry: MapEntry | undefined, problems: Problem[]): Located<string> | undefined {
  if (!entry) return undefined;
  const what = 'an id naming who made these annotations (lower-case letters, digits and `-`, starting with a letter, e.g. `ana`)';
  if (entry.value !== undefined && isScalar(entry.value) && typeof entry.value.value !== 'string') {
    problems.push(schemaError(entry.valueSpan, `\`coder\` must be ${what}, not ${describeNode(entry.value)}.`));
    return undefined;
  }
  const coder = readNonEmptyText(reader, entry, 'coder', what, problems);
  if (!coder || ID_PATTERN.test(coder.value)) return coder;
  const suggestion = coder.value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '');
  problems.push(
    schemaError(coder.span, `\`${coder.value}\` is not a valid coder id: ids are lower-case letters, digits and \`-\`, starting with a letter${suggestion ? ` (e.g. \`${suggestion}\`)` : ''}.`),
  );
  return undefined;
}

const DOCUMENT_VALUES: Record<DocumentKey, string> = {
  title: "the article's title",
  date: `the date the article was published, as ISO 8601: ${DATE_EXAMPLES}`,
  source: 'where the article appeared (a newspaper, a site, an agency)',
  author: "the author's name (or several names)",
  url: 'the address of the article, a full URL such as `https://example.org/riyadh-talks`',
  section: 'the section it appeared in (e.g. `World`, `Opinion`)',
};

function readDocument(reader: YamlReader, entry: MapEntry | undefined, problems: Problem[]): DocumentBlock | undefined {
  if (!entry || entry.value === undefined) return undefined;
  const entries = reader.entries(entry.value);
  if (!entries) {
    problems.push(
      schemaError(entry.valueSpan, `\`document\` must be a mapping of facts about the article (\`title\`, \`date\`, \`source\`, \`author\`, \`url\`, \`section\`), not ${describeNode(entry.value)}.`),
    );
    return undefined;
  }
  checkKnownKeys(entries, DOCUMENT_KEYS, '`document`', problems);
  const values: { [K in DocumentKey]?: Located<string> } = {};
  const keySpans: { [K in DocumentKey]?: Span } = {};
  for (const [key, field] of entriesByKey(entries)) {
    if (!(DOCUMENT_KEYS as readonly string[]).includes(key)) continue;
    const name = key as DocumentKey;
    keySpans[name] = field.keySpan;
    const value = readNonEmptyText(reader, field, name, DOCUMENT_VALUES[name], problems);
    if (!value) continue;
    if (name === 'date') {
      const parsed = parseIsoDate(value.value);
      if (!parsed.ok) {
        problems.push(schemaError(value.span, dateProblem(value.value, parsed)));
        continue;
      }
    } else if (name === 'url' && !isAbsoluteUrl(value.value.trim())) {
      problems.push(schemaError(value.span, `\`url\` must be a full address with its scheme, such as \`https://example.org/riyadh-talks\`; \`${value.value.trim()}\` is not one.`));
      continue;
    }
    values[name] = value;
  }
  return { keySpan: entry.keySpan, valueSpan: entry.valueSpan, values, keySpans };
}

function isAbsoluteUrl(text: string): boolean {
  if (/\s/.test(text) || !/^[A-Za-z][A-Za-z0-9+.-]*:./.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

function readAnnotation(reader: YamlReader, node: Node | undefined, index: number, span: Span): Annotation {
  const problems: Problem[] = [];
  const entries = reader.entries(node);
  if (!entries) {
    // An alias left unexpanded after an alias bomb is ignored (the bomb is reported once).
    if (!(node === undefined && reader.aliasBomb)) problems.push(schemaError(span, `An annotation must be a mapping with \`sentence\` or \`quote\`, not ${describeNode(node)}.`));
    const origin = {};
    return { index, valid: false, origin, problems, span, actors: [], stances: [] };
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
    problems.push(schemaError(firstKey, `This annotation needs \`sentence\` (a number) or \`quote\` (words from the article), or both.`));
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

  const quoteEntryWritten = quoteEntry ? { keySpan: quoteEntry.keySpan, valueSpan: quoteEntry.valueSpan } : undefined;
  return { index, valid: true, origin: {}, problems, span: itemSpan, quoteEntry: quoteEntryWritten, id, sentence, quote, actors, stances, note };
}

function readStance(reader: YamlReader, node: Node | undefined, span: Span, problems: Problem[]): StanceEntry | undefined {
  const entries = reader.entries(node);
  if (!entries) {
    if (node === undefined && reader.aliasBomb) return undefined;
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

/**
 * A path YAML cut at ` #`: an unquoted one-line value followed on its line by
 * a comment (`article: ../articles/odd name #1.txt` reads `../articles/odd
 * name`). Gives the value as it would read with the rest of the line, and
 * where that ends; undefined for a quoted value or one with no comment after it.
 */
export function pathCutAtComment(text: string, located: Located<string>): { readonly uncut: string; readonly end: number } | undefined {
  const { start, end } = located.span;
  if (start >= end || /["'|>]/.test(text[start]) || /[\r\n]/.test(text.slice(start, end))) return undefined;
  const lineEnd = text.slice(end).search(/\r|\n|$/) + end;
  const rest = text.slice(end, lineEnd).trimEnd();
  if (!/^[ \t]+#/.test(rest)) return undefined;
  return { uncut: text.slice(start, end) + rest, end: end + rest.length };
}

function firstLineSpan(text: string): Span {
  const end = text.search(/\r|\n|$/);
  return { start: 0, end: Math.max(0, end) };
}
