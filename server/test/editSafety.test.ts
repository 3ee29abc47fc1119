import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isMap, isSeq, Lexer, parseDocument } from 'yaml';
import type { CodeAction, CreateFile, Diagnostic, Position, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { createLanguageService, InMemoryWorkspace, type LanguageService } from '../src/service/index';
import { LspTestClient, fileUri } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { ARTICLE, CODEBOOK, positionOf } from './helpers';

/*
 * Edits never lose data (issue 6, item 5). Every edit the service produces —
 * each quick fix for each diagnostic of the example corpus (clean and broken,
 * as written, with CRLF line ends, with a BOM) and of fuzzed variants of it,
 * each rename of an actor or topic, each "Annotate sentence" — is applied
 * here by an apply function of this file (not the service's), and checked:
 * ranges inside the document; lines outside the edits byte-for-byte the same;
 * inserted line breaks those of the file; the result still YAML with the same
 * comments and the same data apart from what the edit is for; the fixed
 * diagnostic gone and no new one elsewhere; the same fix asked again offers
 * nothing that would change the text a second time. Over LSP, edits carry the
 * version of each open document they were computed for.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const BOM = '\ufeff';
const WS = 'file:///ws';

// ---------------------------------------------------------------------------
// The corpus and its variants

function readTree(relative: string, into: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(path.join(ROOT, relative)).sort()) {
    const child = `${relative}/${name}`;
    if (statSync(path.join(ROOT, child)).isDirectory()) readTree(child, into);
    else into[child] = readFileSync(path.join(ROOT, child), 'utf8');
  }
  return into;
}

const EXAMPLE = readTree('example');
const stripBom = (text: string) => (text.startsWith(BOM) ? text.slice(1) : text);
const toCrlf = (text: string) => text.replace(/\r\n|\r|\n/g, '\r\n');

interface Variant {
  readonly name: string;
  readonly transform: (text: string) => string;
}

const VARIANTS: readonly Variant[] = [
  { name: 'as written', transform: (text) => text },
  { name: 'CRLF', transform: (text) => toCrlf(text) },
  { name: 'BOM', transform: (text) => BOM + stripBom(text) },
  { name: 'CRLF + BOM', transform: (text) => BOM + toCrlf(stripBom(text)) },
];

function variantOf(files: Record<string, string>, variant: Variant): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, variant.transform(text)]));
}

const uriOf = (relative: string) => new InMemoryWorkspace({}, [WS]).uri(relative);

/** How many edits of each kind were checked (printed with STANDPOINT_EDIT_COUNTS=1). */
const fixedCodes: Record<string, number> = {};
const counts = { fixedCodes, quickFixes: 0, quickFixDiagnostics: 0, fuzzRuns: 0, renames: 0, renameFiles: 0, annotates: 0, createdFiles: 0, lspEdits: 0 };
afterAll(() => {
  if (process.env.STANDPOINT_EDIT_COUNTS) console.info(JSON.stringify(counts));
});

/**
 * An in-memory workspace whose file contents are kept as bytes would be on
 * disk (BOM included). The service reads them without the BOM, as editors
 * show them; edits are applied to that text and the BOM put back, as an
 * editor saving the file does.
 */
class Corpus {
  readonly ws: InMemoryWorkspace;
  readonly service: LanguageService;
  private readonly raw = new Map<string, string>();
  private readonly original: ReadonlyMap<string, string>;

  constructor(files: Record<string, string>) {
    this.ws = new InMemoryWorkspace({}, [WS]);
    for (const [name, text] of Object.entries(files)) this.raw.set(this.ws.write(name, text), text);
    this.original = new Map(this.raw);
    this.service = createLanguageService({ workspace: this.ws });
  }

  rawText(uri: string): string | undefined {
    return this.raw.get(uri);
  }

  /** The text the service (and an editor) sees. */
  text(uri: string): string {
    const raw = this.raw.get(uri);
    if (raw === undefined) throw new Error(`no file ${uri}`);
    return stripBom(raw);
  }

  write(uri: string, raw: string | undefined): void {
    if (raw === undefined) {
      this.raw.delete(uri);
      this.ws.delete(uri);
    } else {
      this.raw.set(uri, raw);
      this.ws.write(uri, raw);
    }
    this.service.changed([uri]);
  }

  /** Puts every file back as it was. */
  restore(): void {
    for (const uri of [...this.raw.keys()]) if (!this.original.has(uri)) this.write(uri, undefined);
    for (const [uri, raw] of this.original) if (this.raw.get(uri) !== raw) this.write(uri, raw);
  }

  async allDiagnostics(): Promise<Map<string, Diagnostic[]>> {
    const result = new Map<string, Diagnostic[]>();
    for (const uri of this.service.checkedFiles()) result.set(uri, await this.service.diagnostics(uri));
    return result;
  }
}

// ---------------------------------------------------------------------------
// Applying edits (independently of the service's helpers)

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') {
      starts.push(i + 2);
      i++;
    } else if (text[i] === '\r' || text[i] === '\n') {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The end of a line's content (before its line break). */
function contentEnd(text: string, starts: readonly number[], line: number): number {
  const next = line + 1 < starts.length ? starts[line + 1] : text.length;
  if (next >= 2 && text[next - 2] === '\r' && text[next - 1] === '\n' && next - 2 >= starts[line]) return next - 2;
  if (next > starts[line] && (text[next - 1] === '\n' || text[next - 1] === '\r') && line + 1 < starts.length) return next - 1;
  return next;
}

function lineOfOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A position as an offset; throws unless it lies inside the document, on a character boundary. */
function offsetOf(text: string, starts: readonly number[], position: Position, what: string): number {
  if (!Number.isInteger(position.line) || position.line < 0 || position.line >= starts.length) {
    throw new Error(`${what}: line ${position.line} is outside the document (${starts.length} lines)`);
  }
  const start = starts[position.line];
  const end = contentEnd(text, starts, position.line);
  if (!Number.isInteger(position.character) || position.character < 0 || position.character > end - start) {
    throw new Error(`${what}: character ${position.character} is outside line ${position.line} (${end - start} characters)`);
  }
  const offset = start + position.character;
  const code = (i: number) => text.charCodeAt(i);
  if (offset > start && offset < end && code(offset - 1) >= 0xd800 && code(offset - 1) <= 0xdbff && code(offset) >= 0xdc00 && code(offset) <= 0xdfff) {
    throw new Error(`${what}: ${position.line}:${position.character} splits a surrogate pair`);
  }
  return offset;
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** Applies LSP text edits as a client does: all ranges refer to the original text; inserts at one place keep their order. */
function applyTextEdits(text: string, edits: readonly TextEdit[]): { text: string; spans: Span[] } {
  const starts = lineStartsOf(text);
  const spans = edits.map((edit, i) => {
    const start = offsetOf(text, starts, edit.range.start, 'range start');
    const end = offsetOf(text, starts, edit.range.end, 'range end');
    if (end < start) throw new Error(`range ends before it starts: ${JSON.stringify(edit.range)}`);
    return { start, end, newText: edit.newText, i };
  });
  spans.sort((a, b) => a.start - b.start || a.i - b.i);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) throw new Error(`edits overlap at offset ${span.start}`);
    out += text.slice(cursor, span.start) + span.newText;
    cursor = span.end;
  }
  return { text: out + text.slice(cursor), spans };
}

interface FileChange {
  readonly uri: string;
  /** As on disk (with its BOM, if any); '' for a created file. */
  readonly before: string;
  readonly after: string;
  readonly spans: readonly Span[];
  readonly edits: readonly TextEdit[];
  readonly created: boolean;
}

/** Applies a workspace edit (changes or documentChanges) to the corpus texts; the corpus itself is not changed. */
function applyWorkspaceEdit(edit: WorkspaceEdit, rawOf: (uri: string) => string | undefined): FileChange[] {
  const perFile = new Map<string, { edits: TextEdit[]; created: boolean }>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) perFile.set(uri, { edits: [...edits], created: false });
  for (const change of (edit.documentChanges ?? []) as (TextDocumentEdit | CreateFile | { kind: string })[]) {
    if ('kind' in change) {
      expect(change.kind, 'only file creation is expected').toBe('create');
      const create = change as CreateFile;
      expect(rawOf(create.uri), `created file ${create.uri} must not exist yet`).toBeUndefined();
      expect(create.options?.overwrite ?? false).toBe(false);
      perFile.set(create.uri, { edits: perFile.get(create.uri)?.edits ?? [], created: true });
    } else {
      const entry = perFile.get(change.textDocument.uri) ?? { edits: [], created: false };
      entry.edits.push(...(change.edits as TextEdit[]));
      perFile.set(change.textDocument.uri, entry);
    }
  }
  return [...perFile].map(([uri, { edits, created }]) => {
    const before = created ? '' : rawOf(uri);
    if (before === undefined) throw new Error(`an edit for ${uri}, which does not exist`);
    const bom = before.startsWith(BOM) ? BOM : '';
    const applied = applyTextEdits(stripBom(before), edits);
    return { uri, before, after: bom + applied.text, spans: applied.spans, edits, created };
  });
}

// ---------------------------------------------------------------------------
// What every edit must respect

function lineBreaks(text: string): { crlf: number; lf: number; cr: number } {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  return { crlf, lf: (text.match(/\n/g) ?? []).length - crlf, cr: (text.match(/\r/g) ?? []).length - crlf };
}

interface Analysis {
  readonly errors: readonly string[];
  readonly comments: readonly string[];
  readonly data: unknown;
  readonly entries: readonly Entry[];
}

/** A YAML text's parse errors, comments (in order), data and entries; memoized, since every edit compares with the same originals. */
const analyses = new Map<string, Analysis>();
function analyse(text: string): Analysis {
  let analysis = analyses.get(text);
  if (analysis) return analysis;
  const doc = parseDocument(text);
  analysis = {
    errors: doc.errors.map((e) => e.message),
    comments: [...new Lexer().lex(text)].filter((token) => token.startsWith('#')),
    data: doc.toJS({ maxAliasCount: -1 }),
    entries: entriesOfDocument(doc),
  };
  if (analyses.size > 500) analyses.delete(analyses.keys().next().value!);
  analyses.set(text, analysis);
  return analysis;
}

/**
 * Lines the edits leave alone must be byte-for-byte the same in the result
 * (their line break included), in the same order. A line counts as touched
 * when an edit changes its content or its line break; whole lines inserted
 * before a line, or after its content (starting with a line break), do not
 * touch it — then the line break the edit inserts must equal the line's own.
 * Returns where each untouched line went.
 */
function checkUntouchedLines(change: FileChange): Map<number, number> {
  const bom = change.before.startsWith(BOM) ? 1 : 0;
  const before = change.before.slice(bom);
  const after = change.after.slice(bom);
  const starts = lineStartsOf(before);
  const touched = new Set<number>();
  for (const span of change.spans) {
    const first = lineOfOffset(starts, span.start);
    const last = lineOfOffset(starts, span.end);
    if (span.start === span.end) {
      const lineEndsWithBreak = first + 1 < starts.length;
      if (span.start === starts[first] && /(\r\n|\r|\n)$/.test(span.newText)) continue;
      if (span.start === contentEnd(before, starts, first) && lineEndsWithBreak && /^(\r\n|\r|\n)/.test(span.newText)) continue;
      if (span.newText === '') continue;
      touched.add(first);
      continue;
    }
    for (let line = first; line <= last; line++) if (!(line === last && line > first && span.end === starts[line])) touched.add(line);
  }
  const afterStarts = lineStartsOf(after);
  const moved = new Map<number, number>();
  let previous = -1;
  for (let line = 0; line < starts.length; line++) {
    if (touched.has(line)) continue;
    const start = starts[line];
    const end = line + 1 < starts.length ? starts[line + 1] : before.length;
    let shift = 0;
    for (const span of change.spans)
      if (span.end <= start && !(span.start === start && span.end === start && !/(\r\n|\r|\n)$/.test(span.newText))) shift += span.newText.length - (span.end - span.start);
    const at = start + shift;
    const original = before.slice(start, end);
    const now = after.slice(at, at + original.length);
    if (now !== original) throw new Error(`line ${line + 1} of ${change.uri} changed: ${JSON.stringify(original)} became ${JSON.stringify(now)}`);
    const movedTo = lineOfOffset(afterStarts, at);
    expect(movedTo).toBeGreaterThan(previous);
    previous = movedTo;
    moved.set(line, movedTo);
  }
  return moved;
}

/** Checks shared by every edit of every kind, for one file. */
function checkFileChange(change: FileChange): Map<number, number> {
  const before = stripBom(change.before);
  const after = stripBom(change.after);
  // The BOM stays (or stays away).
  expect(change.after.startsWith(BOM)).toBe(change.before.startsWith(BOM));
  expect(after.startsWith(BOM), 'no second BOM').toBe(false);
  // Inserted line breaks are the file's own: a CRLF file stays CRLF, an LF file LF.
  const style = lineBreaks(before);
  for (const span of change.spans) {
    const inserted = lineBreaks(span.newText);
    if (style.crlf > 0 && style.lf === 0 && style.cr === 0) expect(inserted.lf + inserted.cr, `bare line breaks inserted into a CRLF file: ${JSON.stringify(span.newText)}`).toBe(0);
    if (style.lf > 0 && style.crlf === 0 && style.cr === 0) expect(inserted.crlf + inserted.cr, `CRLF inserted into an LF file: ${JSON.stringify(span.newText)}`).toBe(0);
    // A replacement is tight: it does not rewrite a whole line it leaves as it was.
    if (span.end > span.start) {
      const old = before.slice(span.start, span.end);
      let prefix = 0;
      while (prefix < old.length && prefix < span.newText.length && old[prefix] === span.newText[prefix]) prefix++;
      let suffix = 0;
      while (suffix < old.length - prefix && suffix < span.newText.length - prefix && old[old.length - 1 - suffix] === span.newText[span.newText.length - 1 - suffix]) suffix++;
      const rewritten = /[\r\n]/.test(old.slice(0, prefix)) || /[\r\n]/.test(old.slice(old.length - suffix));
      expect(rewritten, `edit rewrites unchanged lines: ${JSON.stringify(old)} → ${JSON.stringify(span.newText)}`).toBe(false);
    }
  }
  if (change.created) {
    const created = lineBreaks(after);
    expect([created.crlf > 0, created.lf > 0, created.cr > 0].filter(Boolean).length, 'a created file uses one kind of line break').toBeLessThanOrEqual(1);
  }
  const moved = change.created ? new Map<number, number>() : checkUntouchedLines(change);
  if (change.uri.endsWith('.yaml')) {
    const errorsBefore = change.created ? 0 : analyse(before).errors.length;
    const errorsAfter = analyse(after).errors;
    if (errorsBefore === 0) expect(errorsAfter, `${change.uri} must still be YAML`).toEqual([]);
    else expect(errorsAfter.length, `${change.uri}: no new YAML errors`).toBeLessThanOrEqual(errorsBefore);
    expect(analyse(after).comments, 'comments are kept, in order').toEqual(change.created ? [] : analyse(before).comments);
  }
  return moved;
}

// ---------------------------------------------------------------------------
// Entries: an annotation item, a codebook actor or topic

interface Entry {
  /** `document`: one key of `document:` (a fix there may change that value only). */
  readonly kind: 'annotations' | 'actors' | 'topics' | 'document';
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

function entriesOf(text: string): readonly Entry[] {
  return analyse(text).entries;
}

function entriesOfDocument(doc: ReturnType<typeof parseDocument>): Entry[] {
  const entries: Entry[] = [];
  if (!isMap(doc.contents)) return entries;
  const annotations = doc.contents.get('annotations', true);
  if (isSeq(annotations)) {
    annotations.items.forEach((item, index) => {
      const range = (item as { range?: [number, number, number] }).range;
      if (range) entries.push({ kind: 'annotations', index, start: range[0], end: range[2] });
    });
  }
  for (const kind of ['actors', 'topics', 'document'] as const) {
    const section = doc.contents.get(kind, true);
    if (!isMap(section)) continue;
    section.items.forEach((pair, index) => {
      const key = pair.key as { range?: [number, number, number] };
      const value = pair.value as { range?: [number, number, number] } | null;
      if (key.range) entries.push({ kind, index, start: key.range[0], end: (value?.range ?? key.range)[2] });
    });
  }
  return entries;
}

function entryAt(entries: readonly Entry[], offset: number): Entry | undefined {
  return entries.filter((e) => e.start <= offset && offset <= e.end).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
}

const sameEntry = (a: Entry | undefined, b: Entry | undefined) => !!a && !!b && a.kind === b.kind && a.index === b.index;

/** The file's data without one entry (or with only the entries present in both). */
function dataWithout(text: string, entry: Entry | undefined): unknown {
  const data = analyse(text).data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object' || !entry) return data;
  const copy: Record<string, unknown> = { ...data };
  if (entry.kind === 'annotations' && Array.isArray(copy.annotations)) copy.annotations = copy.annotations.filter((_, i) => i !== entry.index);
  else if (copy[entry.kind] && typeof copy[entry.kind] === 'object') copy[entry.kind] = Object.fromEntries(Object.entries(copy[entry.kind] as object).filter((_, i) => i !== entry.index));
  return copy;
}

function offsetAtPosition(text: string, position: Position): number {
  const starts = lineStartsOf(text);
  return offsetOf(text, starts, position, 'diagnostic');
}

// ---------------------------------------------------------------------------
// Quick fixes

/** Codes whose diagnostic sits on one entry but is caused by another (the fixed one may be that other). */
const RELATIONAL = new Set(['duplicate-annotation', 'conflicting-stance', 'duplicate-id']);

function resultRegions(change: FileChange): { start: number; end: number }[] {
  let shift = 0;
  const regions: { start: number; end: number }[] = [];
  for (const span of change.spans) {
    regions.push({ start: span.start + shift, end: span.start + shift + span.newText.length });
    shift += span.newText.length - (span.end - span.start);
  }
  return regions;
}

/** Whether an edit span changes anything inside a region the first fix wrote. */
function overlaps(region: { start: number; end: number }, span: { start: number; end: number }): boolean {
  if (region.end === region.start) return false;
  if (span.start === span.end) return span.start > region.start && span.start < region.end;
  return span.start < region.end && region.start < span.end;
}

/** Checks one quick fix: applies it, re-checks, and asks again. Leaves the corpus as it was. */
async function checkQuickFix(corpus: Corpus, uri: string, diagnostic: Diagnostic, action: CodeAction, before: Map<string, Diagnostic[]>): Promise<void> {
  const where = `${action.title} for ${diagnostic.code} at ${uri}:${diagnostic.range.start.line + 1}`;
  const changes = applyWorkspaceEdit(action.edit!, (u) => corpus.rawText(u));
  expect(changes.length, where).toBeGreaterThan(0);
  const text = corpus.text(uri);
  const entries = entriesOf(text);
  const entry = entryAt(entries, offsetAtPosition(text, diagnostic.range.start));
  const movedLines = new Map<string, Map<number, number>>();
  for (const change of changes) {
    const moved = checkFileChange(change);
    movedLines.set(change.uri, moved);
    const before = stripBom(change.before);
    const after = stripBom(change.after);
    if (change.uri === uri) {
      // Edits stay inside the entry being fixed (or on the diagnostic's own lines).
      for (const span of change.spans) {
        if (entry) {
          expect(span.start >= entry.start && span.end <= entry.end + 1, `${where}: edit ${JSON.stringify(span)} outside the entry ${JSON.stringify(entry)}`).toBe(true);
        } else {
          expect(lineOfOffset(lineStartsOf(before), span.start), where).toBe(diagnostic.range.start.line);
        }
      }
      expect(dataWithout(after, entry), `${where}: data outside the fixed entry changed`).toEqual(dataWithout(before, entry));
    } else {
      // Another file (the codebook) only gains whole lines: a new entry, nothing else changes.
      for (const span of change.spans) {
        expect(span.end, `${where}: only insertions in ${change.uri}`).toBe(span.start);
        const starts = lineStartsOf(before);
        const line = lineOfOffset(starts, span.start);
        const atLineStart = span.start === starts[line] && /(\r\n|\r|\n)$/.test(span.newText);
        const atLineEnd = span.start === contentEnd(before, starts, line) && /^(\r\n|\r|\n)/.test(span.newText);
        expect(atLineStart || atLineEnd, `${where}: ${JSON.stringify(span.newText)} is not whole lines`).toBe(true);
      }
      const a = analyse(before).data as Record<string, Record<string, unknown> | undefined>;
      const b = analyse(after).data as Record<string, Record<string, unknown> | undefined>;
      const added: string[] = [];
      for (const key of Object.keys(b)) {
        if (key === 'actors' || key === 'topics') {
          const old = a[key] ?? {};
          const now = b[key] ?? {};
          expect(
            Object.keys(now).filter((k) => k in old),
            'existing entries keep their order',
          ).toEqual(Object.keys(old));
          for (const id of Object.keys(old)) expect(now[id]).toEqual(old[id]);
          added.push(...Object.keys(now).filter((k) => !(k in old)));
        } else {
          expect(b[key]).toEqual(a[key]);
        }
      }
      expect(Object.keys(a).every((key) => key in b)).toBe(true);
      expect(added, `${where}: adds exactly one entry`).toHaveLength(1);
    }
  }

  // Apply it, re-check: the diagnostic is gone, and nothing new appears outside what was edited.
  for (const change of changes) corpus.write(change.uri, change.after);
  const after = await corpus.allDiagnostics();
  const fixedText = corpus.text(uri);
  const fixedEntries = entriesOf(fixedText);
  const fixedEntry = entry && fixedEntries.find((e) => sameEntry(e, entry));
  const inEntry = (diagnostics: readonly Diagnostic[], t: string, e: Entry | undefined) =>
    diagnostics.filter((d) => d.code === diagnostic.code && (e ? sameEntry(entryAt(entriesOf(t), offsetAtPosition(t, d.range.start)), e) : d.range.start.line === diagnostic.range.start.line));
  expect(inEntry(after.get(uri) ?? [], fixedText, fixedEntry ?? entry).length, `${where}: the diagnostic is still there`).toBeLessThan(inEntry(before.get(uri) ?? [], text, entry).length);
  const regions = new Map(changes.map((change) => [change.uri, resultRegions(change)]));
  for (const [file, diagnostics] of after) {
    const fileText = corpus.text(file);
    const moved = movedLines.get(file);
    const back = new Map([...(moved ?? new Map<number, number>())].map(([from, to]) => [to, from]));
    for (const d of diagnostics) {
      if (file === uri && fixedEntry && sameEntry(entryAt(fixedEntries, offsetAtPosition(fileText, d.range.start)), fixedEntry)) continue;
      const originalLine = moved ? back.get(d.range.start.line) : d.range.start.line;
      if (originalLine === undefined) continue; // on a line the fix wrote
      const existed = (before.get(file) ?? []).some((o) => o.code === d.code && o.range.start.line === originalLine && o.range.start.character === d.range.start.character);
      if (existed) continue;
      const causedByFix =
        RELATIONAL.has(String(d.code)) &&
        (d.relatedInformation ?? []).some((r) => {
          const fileRegions = regions.get(r.location.uri);
          const t = corpus.text(r.location.uri);
          const at = offsetAtPosition(t, r.location.range.start);
          return (r.location.uri === uri && fixedEntry && at >= fixedEntry.start && at <= fixedEntry.end) || fileRegions?.some((region) => at >= region.start && at <= region.end);
        });
      // An entry added to the codebook also resolves the same unknown id elsewhere: its successor (not mentioned, …) may appear there.
      const addedToCodebook = changes.some((c) => c.uri !== uri);
      const successor = addedToCodebook && (before.get(file) ?? []).some((o) => (o.code === 'unknown-actor' || o.code === 'unknown-target') && o.range.start.line === originalLine);
      if (successor) continue;
      expect(causedByFix, `${where}: a new ${d.code} in ${file}:${d.range.start.line + 1} (${typeof d.message === 'string' ? d.message : ''})`).toBe(true);
    }
  }

  // Asked again with the diagnostic the editor still holds: nothing that changes the text again.
  for (const again of await corpus.service.codeActions(uri, diagnostic.range, [diagnostic])) {
    if (!again.edit) continue;
    for (const change of applyWorkspaceEdit(again.edit, (u) => corpus.rawText(u))) {
      expect(change.after, `${where}: asked again, “${again.title}” changes ${change.uri} a second time`).toBe(change.before);
    }
  }
  // Asked again with the fresh diagnostics there: nothing that rewrites what the fix wrote.
  const fresh = (after.get(uri) ?? []).filter((d) => d.range.start.line <= diagnostic.range.end.line + 1 && d.range.end.line >= diagnostic.range.start.line - 1);
  for (const again of await corpus.service.codeActions(uri, diagnostic.range, fresh)) {
    if (!again.edit) continue;
    for (const change of applyWorkspaceEdit(again.edit, (u) => corpus.rawText(u))) {
      if (change.after === change.before) continue;
      for (const region of regions.get(change.uri) ?? []) {
        for (const span of change.spans) {
          expect(overlaps(region, span), `${where}: “${again.title}” rewrites the fixed text`).toBe(false);
        }
      }
    }
  }
  corpus.restore();
}

/** Every quick fix of every diagnostic of every checked file; returns how many were checked. */
async function checkAllQuickFixes(corpus: Corpus, only?: (uri: string) => boolean): Promise<number> {
  await corpus.service.initialize();
  const before = await corpus.allDiagnostics();
  let checked = 0;
  for (const [uri, diagnostics] of before) {
    if (only && !only(uri)) continue;
    for (const diagnostic of diagnostics) {
      counts.quickFixDiagnostics++;
      const actions = await corpus.service.codeActions(uri, diagnostic.range, [diagnostic]);
      for (const action of actions) {
        if (!action.edit) continue;
        await checkQuickFix(corpus, uri, diagnostic, action, before);
        fixedCodes[String(diagnostic.code)] = (fixedCodes[String(diagnostic.code)] ?? 0) + 1;
        checked++;
      }
    }
  }
  counts.quickFixes += checked;
  return checked;
}

describe('quick fixes never lose data', () => {
  it.each(VARIANTS.map((v) => [v.name, v] as const))('every fix of the example corpus (%s)', async (_, variant) => {
    const corpus = new Corpus(variantOf(EXAMPLE, variant));
    const checked = await checkAllQuickFixes(corpus);
    // example/broken has a fix for unknown-actor (3), unknown-target (3), unknown-stance, quote-*, duplicate-id, unknown-affiliation.
    expect(checked).toBeGreaterThanOrEqual(12);
  });

  it('every fix of fuzzed variants of the example annotation files and codebook', async () => {
    const annotationFiles = Object.keys(EXAMPLE).filter((name) => name.endsWith('.stance.yaml'));
    const replacements = {
      actor: ['Moscow', 'Russia', 'the Kremlin', 'US', 'Saudi Arabia', 'nato-membership', 'ukrain', 'Putin', 'xavier', '"russia"', "'us'", 'Zelensky'],
      toward: ['nato-membership', 'ceasefir', 'Dialogue', 'sanctions', 'us-russia', '"ceasefire"'],
      stance: ['support', 'Supports', 'against', 'opposed', "'mixed'"],
      comment: ['   # checked twice', ' # “curly” note', '\t# tab before'],
    };
    const op = fc.record({
      kind: fc.constantFrom('sentence', 'actor', 'toward', 'stance', 'quote', 'dropSentence', 'duplicateId', 'comment', 'blank', 'noFinalNewline', 'affiliation', 'topicClash'),
      pick: fc.nat(),
      choice: fc.nat(),
    });
    const scenario = fc.record({ file: fc.constantFrom(...annotationFiles), ops: fc.array(op, { minLength: 1, maxLength: 4 }), variant: fc.constantFrom(...VARIANTS) });

    await fc.assert(
      fc.asyncProperty(scenario, async ({ file, ops, variant }) => {
        const files = { ...EXAMPLE };
        let text = files[file];
        let codebook = files['example/codebook.yaml'];
        const pickLine = (source: string, pattern: RegExp, pick: number, edit: (line: string, choice: number) => string, choice: number) => {
          const lines = source.split('\n');
          const candidates = lines.map((line, i) => (pattern.test(line) ? i : -1)).filter((i) => i >= 0);
          if (!candidates.length) return source;
          const i = candidates[pick % candidates.length];
          lines[i] = edit(lines[i], choice);
          return lines.join('\n');
        };
        const from = <T>(list: readonly T[], choice: number) => list[choice % list.length];
        for (const { kind, pick, choice } of ops) {
          switch (kind) {
            case 'sentence':
              text = pickLine(text, /^\s+(- )?sentence: \d+/, pick, (line) => line.replace(/\d+/, String(choice % 70)), choice);
              break;
            case 'actor':
              text = pickLine(text, /actors: \[[^\]]+\]/, pick, (line, c) => line.replace(/\[([^\],]+)/, `[${from(replacements.actor, c)}`), choice);
              break;
            case 'toward':
              text = pickLine(text, /toward: [a-z-]+/, pick, (line, c) => line.replace(/toward: [a-z-]+/, `toward: ${from(replacements.toward, c)}`), choice);
              break;
            case 'stance':
              text = pickLine(text, /stance: [a-z]+/, pick, (line, c) => line.replace(/stance: [a-z]+/, `stance: ${from(replacements.stance, c)}`), choice);
              break;
            case 'quote':
              text = pickLine(
                text,
                /quote: [^'"#]+$/,
                pick,
                (line, c) => {
                  const [key, value] = [line.slice(0, line.indexOf('quote: ') + 7), line.slice(line.indexOf('quote: ') + 7)];
                  const variants = [
                    value.replace(/-/g, ' '),
                    value.split(' ').slice(1).join(' '),
                    value.replace(/e/, 'a'),
                    `'${value.replace(/'/g, "''").replace(/-/, ' ')}'`,
                    `"${value.replace(/"/g, '\\"').replace(/ \S+$/, ' xyz')}"`,
                  ];
                  return key + from(variants, c);
                },
                choice,
              );
              break;
            case 'dropSentence': {
              const lines = text.split('\n');
              const candidates = lines.map((line, i) => (/^\s+sentence: \d+/.test(line) && /^\s+quote:/.test(lines[i + 1] ?? '') ? i : -1)).filter((i) => i >= 0);
              if (candidates.length) lines.splice(candidates[pick % candidates.length], 1);
              text = lines.join('\n');
              break;
            }
            case 'duplicateId': {
              const ids = [...text.matchAll(/^\s+- id: ([a-z0-9-]+)/gm)].map((m) => m[1]);
              if (ids.length > 1) text = pickLine(text, /^\s+- id: [a-z0-9-]+/, pick, (line) => line.replace(/id: [a-z0-9-]+/, `id: ${ids[0]}`), choice);
              break;
            }
            case 'comment':
              text = pickLine(text, /^\s+(- )?(sentence: \d+|actors: \[[^\]]*\]|toward: \S+|stance: \S+)$/, pick, (line, c) => line + from(replacements.comment, c), choice);
              break;
            case 'blank':
              text = pickLine(text, /^ {2}- /, pick, (line, c) => `${from(['', '  # a comment line', '   '], c)}\n${line}`, choice);
              break;
            case 'noFinalNewline':
              text = text.replace(/\n+$/, '');
              break;
            case 'topicClash': {
              // A topic id that is also an actor id (duplicate-id in the codebook).
              const topics = codebook.indexOf('\ntopics:');
              const head = codebook.slice(0, topics);
              const tail = codebook.slice(topics);
              const ids = ['russia', 'us', 'nato', 'eu'];
              codebook = head + tail.replace(/\n {2}([a-z][a-z0-9-]*):/, `\n  ${from(ids, choice)}:`);
              break;
            }
            case 'affiliation':
              codebook = pickLine(
                codebook,
                /^\s+affiliation: [a-z-]+/,
                pick,
                (line, c) => line.replace(/affiliation: [a-z-]+/, `affiliation: ${from(['usa', 'Russia', 'kremlin', 'eu-'], c)}`),
                choice,
              );
              break;
          }
        }
        files[file] = text;
        files['example/codebook.yaml'] = codebook;
        const corpus = new Corpus(variantOf(files, variant));
        counts.fuzzRuns++;
        const target = uriOf(file);
        await checkAllQuickFixes(corpus, (uri) => uri === target || uri.endsWith('/example/codebook.yaml'));
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 20250219), numRuns: Number(process.env.FUZZ_RUNS ?? 40) },
    );
  });
});

// ---------------------------------------------------------------------------
// Rename

/** The data with every occurrence of `to` (keys and values) read back as `from`. */
function renamedBack(value: unknown, from: string, to: string): unknown {
  if (value === to) return from;
  if (Array.isArray(value)) return value.map((v) => renamedBack(v, from, to));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k === to ? from : k, renamedBack(v, from, to)]));
  return value;
}

/**
 * Renames the id at a place to `<id>-renamed` and checks the edit; then, if
 * `recheck`, applies it (the workspace has the same problems in the same
 * places) and renames it back from the same place, which must give back the
 * original bytes of every file. Returns the edit (undefined if not an id).
 */
async function checkRename(corpus: Corpus, uri: string, position: Position, before: Map<string, Diagnostic[]>, recheck: boolean): Promise<WorkspaceEdit | undefined> {
  const prepared = await corpus.service.prepareRename(uri, position);
  if ('error' in prepared) return undefined;
  const oldId = prepared.placeholder;
  const newId = `${oldId}-renamed`;
  const edit = await corpus.service.rename(uri, position, newId);
  if ('error' in edit) throw new Error(edit.error);
  const changes = applyWorkspaceEdit(edit, (u) => corpus.rawText(u));
  expect(
    changes.some((c) => c.uri === prepared.codebookUri),
    'the codebook key is renamed',
  ).toBe(true);
  for (const change of changes) {
    const text = stripBom(change.before);
    expect(change.created).toBe(false);
    // Each edit replaces exactly the id (quotes around it stay), nothing else.
    for (const span of change.spans) {
      expect(text.slice(span.start, span.end), `rename ${oldId} in ${change.uri}`).toBe(oldId);
      expect(span.newText).toBe(newId);
    }
    checkFileChange(change);
    expect(renamedBack(analyse(stripBom(change.after)).data, oldId, newId), `rename ${oldId}: data of ${change.uri}`).toEqual(analyse(text).data);
    counts.renameFiles++;
  }
  counts.renames++;
  if (!recheck) return edit;
  for (const change of changes) corpus.write(change.uri, change.after);
  const after = await corpus.allDiagnostics();
  const summary = (map: Map<string, Diagnostic[]>) => [...map].flatMap(([file, diagnostics]) => diagnostics.map((d) => `${file}:${d.range.start.line}:${d.code}`)).sort();
  expect(summary(after), `rename ${oldId} → ${newId}`).toEqual(summary(before));
  // Renamed back from the same place (the new id is longer, so the place is still inside it): the original bytes.
  const back = await corpus.service.rename(uri, position, oldId);
  if ('error' in back) throw new Error(back.error);
  for (const change of applyWorkspaceEdit(back, (u) => corpus.rawText(u))) {
    expect(change.after, `rename ${newId} back to ${oldId} in ${change.uri}`).toBe(changes.find((c) => c.uri === change.uri)?.before);
  }
  corpus.restore();
  return edit;
}

/** Ids written with quotes, in every style YAML has: a rename must keep them. */
function quoteIds(text: string): string {
  let n = 0;
  const styles = [(id: string) => `'${id}'`, (id: string) => `"${id}"`, (id: string) => id];
  return text
    .replace(
      /(actors: \[)([^\]\n]*)\]/g,
      (_, head: string, list: string) =>
        `${head}${list
          .split(', ')
          .map((id) => styles[n++ % 3](id))
          .join(', ')}]`,
    )
    .replace(/((?:actor|toward): )([a-z][a-z0-9-]*)$/gm, (_, key: string, id: string) => `${key}${styles[n++ % 3](id)}`);
}

const RENAME_CASES: readonly (readonly [string, Variant, boolean])[] = [
  ...VARIANTS.map((v) => [v.name, v, v.name === 'as written' || v.name === 'CRLF + BOM'] as const),
  ['ids in quotes', { name: 'ids in quotes', transform: (text) => text }, true],
];

describe('rename never loses data', () => {
  it.each(RENAME_CASES)('every actor and topic, from the codebook and from annotation files (%s)', async (name, variant, recheck) => {
    const files = variantOf(EXAMPLE, variant);
    if (name === 'ids in quotes') for (const file of Object.keys(files)) if (file.endsWith('.stance.yaml')) files[file] = quoteIds(files[file]);
    const corpus = new Corpus(files);
    await corpus.service.initialize();
    const before = await corpus.allDiagnostics();
    let fromCodebooks = 0;
    for (const codebook of ['example/codebook.yaml', 'example/broken/codebook.yaml']) {
      const uri = uriOf(codebook);
      const text = corpus.text(uri);
      for (const entry of entriesOf(text).filter((e) => e.kind !== 'annotations')) {
        const edit = await checkRename(corpus, uri, positionAt(text, entry.start + 1), before, recheck);
        expect(edit, `${codebook}: entry ${entry.kind}[${entry.index}]`).toBeDefined();
        fromCodebooks++;
      }
    }
    // From annotation files (applied and re-checked above from the codebook; here the edit itself is checked).
    let fromAnnotations = 0;
    for (const file of Object.keys(files).filter((n) => n.endsWith('.stance.yaml'))) {
      const uri = uriOf(file);
      const text = corpus.text(uri);
      const seen = new Set<string>();
      for (const match of text.matchAll(/(?:actors: \[|actor: |toward: |, )['"]?([a-z][a-z0-9-]*)/g)) {
        if (seen.has(match[1])) continue;
        seen.add(match[1]);
        const edit = await checkRename(corpus, uri, positionAt(text, match.index! + match[0].length - 1), before, false);
        if (edit) fromAnnotations++;
      }
    }
    expect(fromCodebooks).toBeGreaterThan(40);
    expect(fromAnnotations).toBeGreaterThan(25);
  });
});

function positionAt(text: string, offset: number): Position {
  const starts = lineStartsOf(text);
  const line = lineOfOffset(starts, offset);
  return { line, character: offset - starts[line] };
}

// ---------------------------------------------------------------------------
// Annotate

async function checkAnnotate(corpus: Corpus, articleUri: string, range: { start: Position; end: Position }, n: number, before: Map<string, Diagnostic[]>): Promise<void> {
  const result = await corpus.service.annotate({ uri: articleUri, range });
  if ('error' in result) throw new Error(result.error);
  expect(result.sentence).toBe(n);
  const changes = applyWorkspaceEdit(result.edit, (u) => corpus.rawText(u));
  expect(changes).toHaveLength(1);
  const [change] = changes;
  const where = `annotate sentence ${n} of ${articleUri} into ${change.uri}`;
  const moved = checkFileChange(change);
  const back = new Map([...moved].map(([from, to]) => [to, from]));
  const before_ = stripBom(change.before);
  const after_ = stripBom(change.after);
  // Only insertions of whole lines.
  for (const span of change.spans) expect(span.end, where).toBe(span.start);
  const a = (analyse(before_).data ?? {}) as { annotations?: unknown[] };
  const b = analyse(after_).data as { annotations: { sentence: number; quote?: string; actors: string[] }[] };
  const added = b.annotations.findIndex((item, i) => JSON.stringify(item) !== JSON.stringify((a.annotations ?? [])[i]));
  expect(added, where).toBeGreaterThanOrEqual(0);
  expect(
    b.annotations.filter((_, i) => i !== added),
    `${where}: the other annotations are as they were`,
  ).toEqual(a.annotations ?? []);
  if (!change.created) expect({ ...b, annotations: undefined }, `${where}: the other keys are as they were`).toEqual({ ...a, annotations: undefined });
  expect(b.annotations[added].sentence).toBe(n);
  // The reveal position is the new item's dash.
  const revealLine = after_.split(/\r\n|\r|\n/)[result.reveal.range.start.line];
  expect(revealLine.slice(result.reveal.range.start.character), where).toMatch(new RegExp(`^- sentence: ${n}\\b`));
  if (change.created) counts.createdFiles++;

  // Applied, the new annotation checks clean, and nothing new appears elsewhere.
  corpus.write(change.uri, change.after);
  const after = await corpus.allDiagnostics();
  const entries = entriesOf(after_);
  const newEntry = entries.find((e) => e.kind === 'annotations' && e.index === added)!;
  for (const d of after.get(change.uri) ?? []) {
    const at = offsetAtPosition(after_, d.range.start);
    if (at >= newEntry.start && at <= newEntry.end) {
      expect(
        ['sentence-out-of-range', 'quote-not-found', 'quote-sentence-mismatch', 'quote-ambiguous', 'unknown-actor', 'schema', 'yaml-syntax', 'actor-not-mentioned'],
        `${where}: ${d.message}`,
      ).not.toContain(d.code);
      continue;
    }
    const originalLine = back.get(d.range.start.line);
    const existed =
      originalLine !== undefined && (before.get(change.uri) ?? []).some((o) => o.code === d.code && o.range.start.line === originalLine && o.range.start.character === d.range.start.character);
    const related =
      d.code === 'duplicate-annotation' &&
      (d.relatedInformation ?? []).some((r) => {
        const o = offsetAtPosition(after_, r.location.range.start);
        return o >= newEntry.start && o <= newEntry.end;
      });
    expect(existed || related, `${where}: new ${d.code} at line ${d.range.start.line + 1}: ${d.message}`).toBe(true);
  }
  corpus.restore();
  counts.annotates++;
}

describe('annotate never loses data', () => {
  it.each(VARIANTS.map((v) => [v.name, v] as const))('every sentence of every example article, with and without a selection (%s)', async (_, variant) => {
    const corpus = new Corpus(variantOf(EXAMPLE, variant));
    await corpus.service.initialize();
    const before = await corpus.allDiagnostics();
    const random = fc.sample(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { seed: 7, numRuns: 400 });
    let r = 0;
    for (const name of Object.keys(EXAMPLE).filter((n) => n.startsWith('example/articles/'))) {
      const articleUri = uriOf(name);
      const text = corpus.text(articleUri);
      const sentences = await corpus.service.sentences(articleUri);
      expect(sentences.length).toBeGreaterThan(10);
      // Every sentence as written and with CRLF + BOM; every third one in the other two variants.
      const every = variant.name === 'as written' || variant.name === 'CRLF + BOM' ? 1 : 3;
      for (const sentence of sentences.filter((_, i) => i % every === 0)) {
        await checkAnnotate(corpus, articleUri, { start: sentence.range.start, end: sentence.range.start }, sentence.n, before);
        // A selection inside the sentence becomes its quote.
        const start = offsetAtPosition(text, sentence.range.start);
        const end = offsetAtPosition(text, sentence.range.end);
        const [x, y] = random[r++ % random.length];
        let from = start + Math.floor(Math.min(x, y) * (end - start));
        let to = start + Math.ceil(Math.max(x, y) * (end - start));
        // Keep surrogate pairs whole.
        if (from > start && /[\udc00-\udfff]/.test(text[from])) from--;
        if (to < end && /[\udc00-\udfff]/.test(text[to])) to++;
        if (to > from) await checkAnnotate(corpus, articleUri, { start: positionAt(text, from), end: positionAt(text, to) }, sentence.n, before);
      }
    }
  });

  it.each(VARIANTS.map((v) => [v.name, v] as const))('a new annotation file for an article that has none (%s)', async (_, variant) => {
    const files = Object.fromEntries(Object.entries(EXAMPLE).filter(([name]) => !name.endsWith('.stance.yaml')));
    const corpus = new Corpus(variantOf(files, variant));
    await corpus.service.initialize();
    const before = await corpus.allDiagnostics();
    for (const name of Object.keys(files).filter((n) => n.startsWith('example/articles/'))) {
      const articleUri = uriOf(name);
      for (const sentence of (await corpus.service.sentences(articleUri)).filter((_, i) => i % 5 === 0)) {
        await checkAnnotate(corpus, articleUri, sentence.range, sentence.n, before);
      }
    }
    expect(counts.createdFiles).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------
// Versions over LSP

describe('edits over LSP carry the version they were computed for', () => {
  const ANNOTATIONS = 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    actors: [us, Moscow]   # typed from memory\n  - quote: the\n    actors: [us]\n';
  let client: LspTestClient;
  let ws: ReturnType<typeof tempWorkspace>;
  let uri: string;
  let codebookUri: string;
  let articleUri: string;
  let applied: WorkspaceEdit[] = [];

  beforeAll(async () => {
    ws = tempWorkspace({
      'codebook.yaml': CODEBOOK,
      'articles/riyadh.txt': ARTICLE,
      'annotations/riyadh.stance.yaml': ANNOTATIONS,
      'annotations/second.stance.yaml': 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    actors: [us, russia]\n',
    });
    client = await LspTestClient.start({ root: ws.root, settings: { diagnostics: { delayMs: 0 } } });
    client.connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      applied.push(params.edit);
      return { applied: true };
    });
    uri = fileUri(ws.path('annotations/riyadh.stance.yaml'));
    codebookUri = fileUri(ws.path('codebook.yaml'));
    articleUri = fileUri(ws.path('articles/riyadh.txt'));
    await client.waitForDiagnostics(uri);
  });

  afterAll(async () => {
    await client.stop();
    ws.dispose();
  });

  /** Every text edit of a workspace edit, with the version it names. */
  function versions(edit: WorkspaceEdit | undefined): Map<string, number | null> {
    expect(edit?.changes, 'a client that supports documentChanges gets them, not changes').toBeUndefined();
    const result = new Map<string, number | null>();
    for (const change of (edit?.documentChanges ?? []) as (TextDocumentEdit | CreateFile)[]) {
      if ('kind' in change) continue;
      result.set(change.textDocument.uri, change.textDocument.version);
    }
    counts.lspEdits++;
    return result;
  }

  async function diagnosticsAt(version: number): Promise<Diagnostic[]> {
    return (await client.waitForDiagnostics(uri, (p) => p.version === version)).diagnostics;
  }

  function quickFixes(diagnostics: Diagnostic[], code: string): Promise<CodeAction[]> {
    const chosen = diagnostics.filter((d) => d.code === code);
    expect(chosen.length, code).toBeGreaterThan(0);
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: chosen[0].range, context: { diagnostics: chosen } });
  }

  it('quick fixes, rename and annotate name version N of the open document (and null for files not open), then N+1 after a change', async () => {
    await client.open(uri, ANNOTATIONS, 'yaml', 5);
    const atFive = await diagnosticsAt(5);
    for (const code of ['unknown-actor', 'quote-ambiguous']) {
      const actions = await quickFixes(atFive, code);
      expect(actions.length).toBeGreaterThan(0);
      for (const action of actions) {
        const v = versions(action.edit);
        expect(v.get(uri), action.title).toBe(5);
        if (v.has(codebookUri)) expect(v.get(codebookUri), `${action.title}: the codebook is not open`).toBeNull();
      }
    }
    const renamed = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(ANNOTATIONS, 'us,'), newName: 'united-states' });
    expect(Object.fromEntries(versions(renamed))).toEqual({ [uri]: 5, [codebookUri]: null, [fileUri(ws.path('annotations/second.stance.yaml'))]: null });
    const at = positionOf(ARTICLE, 'welcomed');
    const annotated = await client.request<{ edit: WorkspaceEdit }>('standpoint/annotate', { uri: articleUri, range: { start: at, end: at } });
    expect(Object.fromEntries(versions(annotated.edit))).toEqual({ [uri]: 5 });
    applied = [];
    await client.request('workspace/executeCommand', { command: 'standpoint.annotateSentence', arguments: [{ uri: articleUri, range: { start: at, end: at } }] });
    expect(applied).toHaveLength(1);
    expect(Object.fromEntries(versions(applied[0]))).toEqual({ [uri]: 5 });

    // The codebook opened too: its edits name its version.
    const codebookText = CODEBOOK.replace('# Test codebook', '# Test codebook (open)');
    await client.open(codebookUri, codebookText, 'yaml', 11);
    const add = (await quickFixes(atFive, 'unknown-actor')).find((a) => a.title.startsWith('Add actor'))!;
    expect(Object.fromEntries(versions(add.edit))).toEqual({ [uri]: 5, [codebookUri]: 11 });

    // Version 6 moves every line down: the new edits name 6 and fit the new text.
    const six = `# a comment line above\n${ANNOTATIONS}`;
    await client.changeFull(uri, 6, six);
    const atSix = await diagnosticsAt(6);
    const [change] = await quickFixes(atSix, 'unknown-actor');
    expect(versions(change.edit).get(uri)).toBe(6);
    const edits = (change.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
    expect(applyTextEdits(six, edits).text).toBe(six.replace('Moscow', 'russia'));
    const renamedSix = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(six, 'us,'), newName: 'united-states' });
    expect(versions(renamedSix).get(uri)).toBe(6);
    const annotatedSix = await client.request<{ edit: WorkspaceEdit }>('standpoint/annotate', { uri: articleUri, range: { start: at, end: at } });
    expect(versions(annotatedSix.edit).get(uri)).toBe(6);
    await client.close(codebookUri);
  });

  it('an edit asked for at version N and answered after N+1 arrived names N, unless it fits N+1 (so the client never applies it to other text)', async () => {
    const secondUri = fileUri(ws.path('annotations/second.stance.yaml'));
    const texts = new Map<number, string>();
    let version = 40;
    let racedRounds = 0;
    for (let round = 0; round < 8; round++) {
      const asked = ++version;
      const text = `# version ${asked}\n${ANNOTATIONS}`;
      texts.set(asked, text);
      await client.changeFull(uri, asked, text);
      const unknown = (await diagnosticsAt(asked)).filter((d) => d.code === 'unknown-actor');
      expect(unknown).toHaveLength(1);
      // Answering now takes file reads (another annotation file changed on disk), and the next version arrives meanwhile.
      await client.watched([
        { uri: articleUri, type: 2 },
        { uri: secondUri, type: 2 },
      ]);
      const action = client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unknown[0].range, context: { diagnostics: unknown } }).catch((error: Error) => error);
      const renamed = client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(text, 'us,'), newName: 'united-states' }).catch((error: Error) => error);
      const next = ++version;
      texts.set(next, `# version ${next}\n${text}`);
      void client.changeFull(uri, next, texts.get(next)!);
      const answers: [WorkspaceEdit | undefined, string][] = [];
      const actions = await action;
      if (!(actions instanceof Error)) for (const a of actions) answers.push([a.edit, 'Moscow']);
      const edit = await renamed;
      if (!(edit instanceof Error)) answers.push([edit, 'us']);
      for (const [answer, replaced] of answers) {
        if (!answer) continue;
        const change = (answer.documentChanges ?? []).find((c) => 'textDocument' in c && c.textDocument.uri === uri) as TextDocumentEdit | undefined;
        if (!change) continue;
        const label = change.textDocument.version;
        expect([asked, next], `round ${round}`).toContain(label);
        if (label === next) racedRounds++;
        // The client holds `next` now: an edit naming `asked` is refused, whatever text it was computed from.
        // A client applies an edit only to the version it names: named the newest version, the edit must fit it.
        if (label !== next) continue;
        const labelled = texts.get(label)!;
        for (const e of change.edits as TextEdit[]) {
          const starts = lineStartsOf(labelled);
          const from = offsetOf(labelled, starts, e.range.start, 'start');
          const to = offsetOf(labelled, starts, e.range.end, 'end');
          if (e.newText === 'russia' || e.newText === 'united-states') expect(labelled.slice(from, to), `round ${round}: an edit labelled ${label} must fit version ${label}`).toBe(replaced);
        }
      }
    }
    if (process.env.STANDPOINT_EDIT_COUNTS) console.info(`answers labelled with the newer version: ${racedRounds}`);
  });
});
