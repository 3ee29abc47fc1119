import type { Range } from 'vscode-languageserver-types';
import type { AnnotationContext } from './context';
import { DOCUMENT_KEYS, type AnnotationFileModel, type DocumentKey } from '../model/annotationFile';
import { ANNOTATION_WIDTH, statementFacts, wellFormedStatementFacts, type StatementFacts } from './statementFacts';

/** One valid `document:` value as written, and where (its value's range). */
export interface DocumentFact {
  readonly value: string;
  readonly range: Range;
}

/** The valid `document:` values of an annotation file. */
export type DocumentFacts = { readonly [K in DocumentKey]?: DocumentFact };

/** One place an id is used in an annotation file. */
export interface IdUseRecord {
  readonly id: string;
  readonly role: 'actor' | 'stance-actor' | 'toward';
  /** 0-based index of the annotation in its file. */
  readonly annotation: number;
  readonly range: Range;
}

export interface StanceRecord {
  readonly actor: string;
  readonly stance: string;
  readonly toward: string;
}

/**
 * What the rest of the workspace needs to know about an annotation file,
 * without its parsed model: where it points, which ids it uses and where,
 * and its stances. Worker threads and the persisted index produce these, so
 * a large corpus is indexed without holding (or re-parsing) every file; a
 * file's model is parsed only when it is opened or edited.
 *
 * Uses and stances are packed into integer arrays over a string table: a
 * large corpus has hundreds of thousands of them, and as objects they cost
 * memory, garbage collection, and copying from worker threads. Features read
 * them in place (features/usage.ts); `usesOf` and `stancesOf` unpack a whole
 * file (tests compare summaries through them). What statements and mentions
 * need (annotations and stance entries, resolved) is packed the same way
 * (statementFacts.ts).
 */
export interface FileSummary extends StatementFacts {
  readonly uri: string;
  /** The article's URI (resolved, inside the workspace), even if it does not exist. */
  readonly articleUri?: string;
  /** The codebook used (named or found), if any. */
  readonly codebookUri?: string;
  /** Files whose change alters this file's diagnostics (article, codebook, codebook candidates). */
  readonly dependencies: readonly string[];
  readonly usedIds: readonly string[];
  /** Strings that `uses`, `stances`, `annotations` and `entries` refer to by index. */
  readonly strings: readonly string[];
  /** Per use, USE_WIDTH numbers: id (string index), role (ROLES index), annotation index, start line, start character, end line, end character. */
  readonly uses: Int32Array;
  /** Per stance, STANCE_WIDTH string indexes: actor, stance, toward. */
  readonly stances: Int32Array;
  /** `coder:`, when it is a valid id. */
  readonly coder?: string;
  /** The valid `document:` values (undefined when there are none). */
  readonly document?: DocumentFacts;
  /** How many annotations involve each actor (tagged or taking a stance). */
  readonly annotationsByActor: Readonly<Record<string, number>>;
  readonly annotationCount: number;
}

export const ROLES: readonly IdUseRecord['role'][] = ['actor', 'stance-actor', 'toward'];
export const USE_WIDTH = 7;
export const STANCE_WIDTH = 3;

const summaries = new WeakMap<AnnotationContext, FileSummary>();

/** The summary of a resolved annotation file (computed once per context). */
export function summarize(context: AnnotationContext): FileSummary {
  const cached = summaries.get(context);
  if (cached) return cached;
  const strings: string[] = [];
  const numbers = new Map<string, number>();
  const number = (text: string) => {
    let n = numbers.get(text);
    if (n === undefined) {
      n = strings.push(text) - 1;
      numbers.set(text, n);
    }
    return n;
  };
  const uses: number[] = [];
  const stances: number[] = [];
  const annotationsByActor: Record<string, number> = {};
  const used = new Set<string>();
  const map = context.model.lineMap;
  const use = (id: string, role: number, annotation: number, span: { start: number; end: number }) => {
    const { start, end } = map.rangeOf(span);
    uses.push(number(id), role, annotation, start.line, start.character, end.line, end.character);
  };
  for (const annotation of context.model.annotations) {
    const involved = new Set<string>();
    for (const actor of annotation.actors) {
      use(actor.value, 0, annotation.index, actor.span);
      involved.add(actor.value);
    }
    for (const stance of annotation.stances) {
      if (stance.actor) {
        use(stance.actor.value, 1, annotation.index, stance.actor.span);
        involved.add(stance.actor.value);
      }
      if (stance.toward) {
        use(stance.toward.value, 2, annotation.index, stance.toward.span);
        used.add(stance.toward.value);
      }
      if (stance.actor && stance.toward && stance.stance) stances.push(number(stance.actor.value), number(stance.stance.value), number(stance.toward.value));
    }
    for (const actor of involved) {
      used.add(actor);
      annotationsByActor[actor] = (annotationsByActor[actor] ?? 0) + 1;
    }
  }
  const facts = statementFacts(context, number);
  const summary: FileSummary = {
    uri: context.uri,
    articleUri: context.article?.reference.kind === 'inside' ? context.article.reference.uri : undefined,
    codebookUri: context.codebook.uri,
    dependencies: context.dependencies,
    usedIds: [...used],
    strings,
    uses: Int32Array.from(uses),
    stances: Int32Array.from(stances),
    coder: context.model.coder?.value,
    document: documentFactsOf(context.model),
    annotationsByActor,
    annotationCount: context.model.annotations.length,
    ...facts,
  };
  summaries.set(context, summary);
  return summary;
}

/** The valid `document:` values of a model with their ranges; undefined when it gives none. */
export function documentFactsOf(model: AnnotationFileModel): DocumentFacts | undefined {
  const values = model.document?.values;
  if (!values) return undefined;
  const facts: { [K in DocumentKey]?: DocumentFact } = {};
  let any = false;
  for (const key of DOCUMENT_KEYS) {
    const value = values[key];
    if (!value) continue;
    facts[key] = { value: value.value, range: model.lineMap.rangeOf(value.span) };
    any = true;
  }
  return any ? facts : undefined;
}

/** Whether two files' `document:` values are the same, values and places. */
export function sameDocumentFacts(a: DocumentFacts | undefined, b: DocumentFacts | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return DOCUMENT_KEYS.every((key) => {
    const x = a[key];
    const y = b[key];
    if (!x || !y) return x === y;
    return x.value === y.value && sameRange(x.range, y.range);
  });
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Every use of an id in the file, unpacked. */
export function usesOf(summary: FileSummary): IdUseRecord[] {
  const records: IdUseRecord[] = [];
  const u = summary.uses;
  for (let i = 0; i + USE_WIDTH <= u.length; i += USE_WIDTH) {
    records.push({ id: summary.strings[u[i]], role: ROLES[u[i + 1]], annotation: u[i + 2], range: { start: { line: u[i + 3], character: u[i + 4] }, end: { line: u[i + 5], character: u[i + 6] } } });
  }
  return records;
}

/** The file's stances (actor, stance, toward), unpacked. */
export function stancesOf(summary: FileSummary): StanceRecord[] {
  const records: StanceRecord[] = [];
  const st = summary.stances;
  for (let i = 0; i + STANCE_WIDTH <= st.length; i += STANCE_WIDTH) records.push({ actor: summary.strings[st[i]], stance: summary.strings[st[i + 1]], toward: summary.strings[st[i + 2]] });
  return records;
}

/** Whether packed data read from elsewhere (the persisted index) is well formed: every index in range. */
export function wellFormedSummary(summary: FileSummary): boolean {
  const { strings, uses, stances } = summary;
  if (!Array.isArray(strings) || !strings.every((s) => typeof s === 'string')) return false;
  if (!(uses instanceof Int32Array) || !(stances instanceof Int32Array) || uses.length % USE_WIDTH || stances.length % STANCE_WIDTH) return false;
  for (let i = 0; i < uses.length; i += USE_WIDTH) {
    if (uses[i] < 0 || uses[i] >= strings.length || !ROLES[uses[i + 1]]) return false;
    for (let k = 2; k < USE_WIDTH; k++) if (uses[i + k] < 0) return false;
  }
  for (const n of stances) if (n < 0 || n >= strings.length) return false;
  if (summary.coder !== undefined && typeof summary.coder !== 'string') return false;
  if (!wellFormedStatementFacts(summary, strings.length) || summary.annotations.length / ANNOTATION_WIDTH !== summary.annotationCount) return false;
  return summary.document === undefined || wellFormedFacts(summary.document);
}

function wellFormedFacts(facts: unknown): boolean {
  if (!facts || typeof facts !== 'object' || Array.isArray(facts)) return false;
  const position = (p: unknown) => {
    const { line, character } = (p ?? {}) as { line?: unknown; character?: unknown };
    return Number.isInteger(line) && Number.isInteger(character) && (line as number) >= 0 && (character as number) >= 0;
  };
  return Object.entries(facts).every(([key, fact]) => {
    if (!(DOCUMENT_KEYS as readonly string[]).includes(key) || !fact || typeof fact !== 'object') return false;
    const { value, range } = fact as { value?: unknown; range?: { start?: unknown; end?: unknown } };
    return typeof value === 'string' && typeof range === 'object' && range !== null && position(range.start) && position(range.end);
  });
}
