/**
 * Property-based tests of the whole language service (GitHub issue 6, item 1).
 *
 * Random mutations of the example corpus (and of the helpers' codebook and
 * article) are fed to a fresh service; every feature is called on them, at
 * random places too. The properties:
 *  1. no service call throws;
 *  2. every case ends (a watchdog thread kills the test process if one case
 *     runs for more than WATCHDOG_MS, and a case that ends late fails);
 *  3. every returned range lies inside its document and never splits a
 *     surrogate pair (lines and UTF-16 lengths computed here, independently);
 *  4. diagnostics are deterministic (twice in one service; in a fresh one, in
 *     another order);
 *  5. a no-op edit (the same text written again; a character inserted and
 *     removed) leaves every file's diagnostics as they were;
 * and sentence segmentation yields ordered, disjoint, trimmed sentences inside
 * the text that never split a surrogate pair and lose no visible character;
 * long lines and long quotes (handled without Intl.Segmenter over the whole
 * line, without a RegExp) give exactly what the direct way gives. Heavy
 * inputs (deep nesting, 1 MB scalars and lines, alias bombs) go through the
 * same checks once each, and the bugs these tests found stay fixed below.
 *
 * Every property has a fixed seed, so CI runs the same cases every time;
 * STANDPOINT_FUZZ_SCALE and STANDPOINT_FUZZ_SEED run more or other cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { createLanguageService, InMemoryWorkspace, segmentSentences, type LanguageService, type ReadResult } from '../src/service/index';
import { ANNOTATE_COMMAND } from '../../protocol/protocol';
import { sentenceSegments } from '../src/service/segmentation';
import { LineMap } from '../src/service/text/lineMap';
import { findFoldedQuote, findQuote } from '../src/service/text/quoteMatch';
import { normalizeUri } from '../src/service/workspace';
import { ARTICLE, CODEBOOK } from './helpers';
import { Watchdog } from './support/watchdog';

// ---------------------------------------------------------------------------
// The seed corpus

const ROOT = path.resolve(__dirname, '..', '..');

function readFolder(folder: string, prefix: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(path.join(ROOT, 'example', folder)).sort()) files[`${prefix}${name}`] = readFileSync(path.join(ROOT, 'example', folder, name), 'utf8');
  return files;
}

/** A small annotation file over the helpers' codebook and article. */
const SMALL_ANNOTATIONS = `article: articles/talks.txt
annotations:
  - id: meeting
    sentence: 3
    quote: held a high-level meeting in Riyadh
    actors: [us, russia, saudi-arabia]
    stances:
      - actor: us
        toward: us-russia-dialogue
        stance: supports
  - quote: "a useful first step."
    actors: [rubio]
  - sentence: 5
    actors: [lavrov, russia, ukraine]
    stances:
      - actor: russia
        toward: ukraine-nato-membership
        stance: opposes
`;

/** The example corpus laid out as in the repository, plus the helpers' files in `small/`. */
const SEEDS: Readonly<Record<string, string>> = {
  'codebook.yaml': readFileSync(path.join(ROOT, 'example', 'codebook.yaml'), 'utf8'),
  ...readFolder('annotations', 'annotations/'),
  ...readFolder('articles', 'articles/'),
  ...readFolder('broken', 'broken/'),
  'small/codebook.yaml': CODEBOOK,
  'small/articles/talks.txt': ARTICLE,
  'small/talks.stance.yaml': SMALL_ANNOTATIONS,
};
const SEED_PATHS = Object.keys(SEEDS).sort();
const ANNOTATION_PATHS = SEED_PATHS.filter((p) => p.endsWith('.stance.yaml'));
const CODEBOOK_PATHS = SEED_PATHS.filter((p) => p.endsWith('codebook.yaml'));
const ARTICLE_PATHS = SEED_PATHS.filter((p) => !ANNOTATION_PATHS.includes(p) && !CODEBOOK_PATHS.includes(p));
/** The files of the valid corpus (not example/broken). */
const CLEAN_PATHS = SEED_PATHS.filter((p) => !p.startsWith('broken/'));

// ---------------------------------------------------------------------------
// A workspace where some files are open in an editor (their text is returned as is:
// no UTF-8 round trip, so lone surrogates, NUL and a BOM reach the service)

class EditorWorkspace extends InMemoryWorkspace {
  private readonly open = new Map<string, string>();

  openText(pathOrUri: string, text: string): string {
    const uri = this.uri(pathOrUri);
    this.open.set(uri, text);
    return uri;
  }

  isOpen(uri: string): boolean {
    return this.open.has(normalizeUri(uri));
  }

  override async read(uri: string, maxBytes: number): Promise<ReadResult> {
    const text = this.open.get(normalizeUri(uri));
    if (text !== undefined) return { kind: 'text', text };
    return super.read(uri, maxBytes);
  }
}

/** How a mutated file reaches the service. */
type Storage = 'disk' | 'editor' | 'bytes';

/** A workspace of the seeds with some files replaced, and the text of every document as the service sees it. */
interface Built {
  readonly ws: EditorWorkspace;
  readonly texts: Map<string, string>;
  readonly mutated: string[];
}

const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function build(replaced: ReadonlyMap<string, { text: string; storage: Storage; bytes?: Uint8Array }>): Built {
  const ws = new EditorWorkspace();
  const texts = new Map<string, string>();
  const mutated: string[] = [];
  for (const p of SEED_PATHS) {
    const change = replaced.get(p);
    if (!change) {
      texts.set(ws.write(p, SEEDS[p]), stripBom(SEEDS[p]));
      continue;
    }
    let uri: string;
    if (change.storage === 'editor') {
      ws.write(p, SEEDS[p]); // on disk: the seed; in the editor: the mutation
      uri = ws.openText(p, change.text);
      texts.set(uri, change.text);
    } else {
      const bytes = change.bytes ?? new TextEncoder().encode(change.text);
      uri = ws.write(p, bytes);
      texts.set(uri, stripBom(lenient.decode(bytes)));
    }
    mutated.push(uri);
  }
  return { ws, texts, mutated };
}

// ---------------------------------------------------------------------------
// Ranges checked independently of the code under test

/** Lines split at \r\n, \r or \n (as helpers.positionAt does). */
function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

const isPosition = (v: unknown): v is Position =>
  typeof v === 'object' && v !== null && typeof (v as Position).line === 'number' && typeof (v as Position).character === 'number' && Object.keys(v).length === 2;
const isRange = (v: unknown): v is Range => typeof v === 'object' && v !== null && isPosition((v as Range).start) && isPosition((v as Range).end);

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

/**
 * Walks anything the service returned and checks every position and range in
 * it against the document it belongs to: the `uri` of the enclosing location,
 * text document edit or `changes` key, else the document asked about.
 */
class RangeChecker {
  private readonly lines = new Map<string, string[]>();
  readonly failures: string[] = [];
  checked = 0;

  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  private linesFor(uri: string): string[] {
    let lines = this.lines.get(uri);
    if (!lines) {
      // A file that does not exist (a missing article, a file an edit creates) is empty.
      lines = linesOf(this.texts.get(normalizeUri(uri)) ?? '');
      this.lines.set(uri, lines);
    }
    return lines;
  }

  private fail(what: string, uri: string, detail: string): void {
    if (this.failures.length < 20) this.failures.push(`${what} in ${uri}: ${detail}`);
  }

  position(what: string, uri: string, p: Position): void {
    this.checked++;
    const lines = this.linesFor(uri);
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return this.fail(what, uri, `bad position ${JSON.stringify(p)}`);
    if (p.line >= lines.length) return this.fail(what, uri, `line ${p.line} of ${lines.length} lines`);
    const line = lines[p.line];
    if (p.character > line.length) return this.fail(what, uri, `character ${p.character} past the end of line ${p.line} (${line.length} UTF-16 units)`);
    if (p.character > 0 && p.character < line.length && isHigh(line.charCodeAt(p.character - 1)) && isLow(line.charCodeAt(p.character))) {
      this.fail(what, uri, `position ${p.line}:${p.character} splits a surrogate pair`);
    }
  }

  range(what: string, uri: string, r: Range): void {
    this.position(`${what} start`, uri, r.start);
    this.position(`${what} end`, uri, r.end);
    if (!before(r.start, r.end)) this.fail(what, uri, `range ends before it starts: ${JSON.stringify(r)}`);
  }

  /** Edits of one document must not overlap (LSP). */
  private edits(what: string, uri: string, edits: readonly unknown[]): void {
    const ranges = edits.filter((e): e is { range: Range } => isRange((e as { range?: unknown })?.range)).map((e) => e.range);
    ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
    for (let i = 1; i < ranges.length; i++) {
      if (!before(ranges[i - 1].end, ranges[i].start)) this.fail(what, uri, `overlapping edits ${JSON.stringify(ranges[i - 1])} and ${JSON.stringify(ranges[i])}`);
    }
  }

  walk(what: string, uri: string, value: unknown, depth = 0): void {
    if (value === null || typeof value !== 'object' || depth > 50) return;
    if (Array.isArray(value)) {
      // A command's arguments: [uri, position, locations] (show references).
      if (typeof value[0] === 'string' && /^[a-z]+:\/\//.test(value[0])) {
        for (const item of value.slice(1)) this.walk(what, value[0], item, depth + 1);
        return;
      }
      for (const item of value) this.walk(what, uri, item, depth + 1);
      return;
    }
    if (isRange(value)) return this.range(what, uri, value);
    if (isPosition(value)) return this.position(what, uri, value);
    const record = value as Record<string, unknown>;
    let here = uri;
    if (typeof record.uri === 'string') here = record.uri;
    if (typeof record.targetUri === 'string') here = record.targetUri;
    const document = record.textDocument as { uri?: unknown } | undefined;
    if (document && typeof document.uri === 'string') {
      here = document.uri;
      if (Array.isArray(record.edits)) this.edits(what, here, record.edits);
    }
    if (record.range !== undefined && !isRange(record.range)) this.fail(what, here, `not a range: ${JSON.stringify(record.range)}`);
    // A document symbol's selection range lies inside its range (VS Code rejects the outline otherwise).
    if (isRange(record.range) && isRange(record.selectionRange) && !(before(record.range.start, record.selectionRange.start) && before(record.selectionRange.end, record.range.end))) {
      this.fail(what, here, `selectionRange ${JSON.stringify(record.selectionRange)} outside range ${JSON.stringify(record.range)}`);
    }
    for (const [key, item] of Object.entries(record)) {
      if (key === 'changes' && item && typeof item === 'object') {
        for (const [target, edits] of Object.entries(item as Record<string, unknown[]>)) {
          this.edits(what, target, edits);
          this.walk(what, target, edits, depth + 1);
        }
      } else if (key === 'arguments' && record.command === ANNOTATE_COMMAND) {
        // "Annotate sentence": its argument is the range the editor asked about, handed back as it was.
      } else if (key !== 'data' && key !== 'textDocument') {
        this.walk(what, here, item, depth + 1);
      }
    }
  }

  assertNone(context: string): void {
    if (this.failures.length) expect.fail(`${context}\n${this.failures.join('\n')}`);
  }
}

// ---------------------------------------------------------------------------
// The hang detector (support/watchdog.ts): a thread that kills this process if a case runs too long.
// (A timer in this thread cannot fire while a synchronous loop holds it.)

const WATCHDOG_MS = 10_000;

/**
 * Fixed seeds and case counts, so CI runs the same cases every time. For a
 * longer local search: STANDPOINT_FUZZ_SCALE=20 (cases × 20) and
 * STANDPOINT_FUZZ_SEED=n (another seed, added to each property's own).
 */
const SCALE = Number(process.env.STANDPOINT_FUZZ_SCALE ?? 1) || 1;
const SEED_SHIFT = Number(process.env.STANDPOINT_FUZZ_SEED ?? 0) || 0;

function fuzzOptions(seed: number, numRuns: number): { seed: number; numRuns: number } {
  return { seed: seed + SEED_SHIFT, numRuns: Math.max(1, Math.round(numRuns * SCALE)) };
}

const watchdog = new Watchdog(WATCHDOG_MS);
beforeAll(() => watchdog.start());
afterAll(() => watchdog.stop());

// ---------------------------------------------------------------------------
// Generators: mutations of a seed text

/** YAML keys whose values get replaced by other node types. */
const KEYS = [
  'sentence',
  'actors',
  'quote',
  'article',
  'stance',
  'stances',
  'actor',
  'toward',
  'codebook',
  'annotations',
  'id',
  'note',
  'hard-wrapped',
  'name',
  'aliases',
  'type',
  'affiliation',
  'topics',
  'label',
  'description',
  'rules',
  'abbreviations',
  'polarity',
];

/** Every kind of YAML node where a scalar (or a list) is expected. */
const NODE_VALUES = [
  '{}',
  '{a: 1}',
  '{us: russia, ? x}',
  '[]',
  '[1, [2, [3]]]',
  '[us, {a: b}]',
  '[us, [russia]]',
  '[us, null, 7, true]',
  '\n      - a\n      - b',
  '\n      k: v\n      l: [w]',
  '',
  '~',
  'null',
  'Null',
  'true',
  'false',
  'yes',
  'no',
  'on',
  '0',
  '-1',
  '1.5',
  '1e309',
  '-1e309',
  '.inf',
  '-.inf',
  '.nan',
  '0x1F',
  '0o17',
  '-0',
  '99999999999999999999999',
  '1_000',
  '007',
  '2025-02-19',
  '2001-12-14t21:59:43.10-05:00',
  '&a us',
  '*a',
  '&anchor [us, russia]',
  '*undefined-alias',
  '&a &b x',
  '!!binary aGVsbG8gd29ybGQ=',
  '!!binary |\n      R0lGODlhDAAMAIQAAP',
  '!!str 5',
  '!!int "3"',
  '!!int x',
  '!!float 1',
  '!!null',
  '!!map {}',
  '!!seq []',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '!!timestamp 2001-12-14',
  '!custom x',
  '!<tag:yaml.org,2002:str> s',
  '!! x',
  '!',
  '|\n      block\n      text',
  '|-\n      block',
  '>-\n      folded\n      text',
  '|+\n\n',
  '>',
  '|',
  '|2\n        x',
  '"double \\u0000 \\ud83d \\x41 \\\\"',
  '"\\uD83C\\uDDFA\\uD83C\\uDDE6"',
  "'single ''q'''",
  '"unterminated',
  "'unterminated",
  '"multi\n      line"',
  '? complex key',
  '- x',
  '-',
  ':',
  'a: b',
  '@reserved',
  '`backtick',
  '%YAML 1.2',
  '# only a comment',
  '<<: *a',
  '"\t"',
  '\t',
  '\u00a0',
  '"\ufeff"',
  '🇺🇦',
  '\ud83c',
];

/** Short strings with YAML indicators, line breaks and odd code points. */
const TOKENS = [
  '\0',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\ufeff',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u00a0',
  '\u200b',
  '\ud83c',
  '\udf0d',
  '\udc00\ud800',
  '🇺🇦',
  '👍🏽',
  '👨‍👩‍👧',
  'é',
  'e\u0301',
  '&',
  '*',
  '!',
  '|',
  '>',
  '%',
  '@',
  '`',
  '{',
  '}',
  '[',
  ']',
  '-',
  '?',
  ':',
  '#',
  ',',
  '"',
  "'",
  '\\',
  ' ',
  '- ',
  ': ',
  '---',
  '...',
  '? ',
  '!!binary ',
  '&a ',
  '*a',
  '<<: ',
  'sentence: 3',
  'sentence: 0',
  'sentence: 999999',
  'quote: x',
  'actors: [us]',
  'stances:\n  - actor: us',
  '\n  - sentence: 1\n',
  'article: ../articles/riyadh-talks.txt',
  'codebook: codebook.yaml',
  'Mr.',
  'U.S.',
  '.',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Random strings: full Unicode, lone surrogates, control characters and YAML indicators. */
const insertion = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom(...TOKENS), loneSurrogate, anyCodeUnit, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

type Mutation =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'duplicate-line'; readonly at: number; readonly times: number }
  | { readonly kind: 'replace-value'; readonly key: string | undefined; readonly occurrence: number; readonly value: string }
  | { readonly kind: 'tabs'; readonly all: boolean; readonly at: number }
  | { readonly kind: 'line-ends'; readonly eol: '\r\n' | '\r' | '\n\r' }
  | { readonly kind: 'bom' }
  | { readonly kind: 'nest'; readonly at: number; readonly depth: number; readonly style: '[' | '{' | '- ' | '[ ]' | 'indent' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: insertion }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 400 })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 3 }) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('replace-value' as const),
      key: fc.option(fc.constantFrom(...KEYS), { nil: undefined }),
      occurrence: fc.nat(),
      value: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NODE_VALUES) }, { weight: 1, arbitrary: insertion }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tabs' as const), all: fc.boolean(), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('line-ends' as const), eol: fc.constantFrom('\r\n' as const, '\r' as const, '\n\r' as const) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('nest' as const),
      at: fc.nat(),
      depth: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant(5000)),
      style: fc.constantFrom('[' as const, '{' as const, '- ' as const, '[ ]' as const, 'indent' as const),
    }),
  },
);

const VALUE_LINE = /^([ \t]*(?:- )?)([^\s:#'"][^:\r\n]*?):(?=[ \t]|$)([^\r\n]*)/gm;

function nested(style: Extract<Mutation, { kind: 'nest' }>['style'], depth: number): string {
  switch (style) {
    case '[':
      return '['.repeat(depth);
    case '{':
      return '{a: '.repeat(depth);
    case '- ':
      return `${'- '.repeat(depth)}x`;
    case '[ ]':
      return `${'['.repeat(depth)}us${']'.repeat(depth)}`;
    case 'indent': {
      const levels = Math.min(depth, 200); // block nesting costs depth² characters
      return Array.from({ length: levels }, (_, i) => `${' '.repeat(2 * i)}k${i}:`).join('\n') + ' x';
    }
  }
}

function applyMutation(text: string, m: Mutation): string {
  const at = (n: number) => n % (text.length + 1);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at(m.at)); // anywhere, also between the halves of a surrogate pair
    case 'insert': {
      const i = at(m.at);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'delete': {
      const i = at(m.at);
      return text.slice(0, i) + text.slice(i + m.length);
    }
    case 'duplicate-line': {
      const lines = text.split(/(?<=\n)/);
      const i = m.at % lines.length;
      const line = lines[i].endsWith('\n') ? lines[i] : `${lines[i]}\n`;
      return [...lines.slice(0, i), line.repeat(m.times), ...lines.slice(i)].join('');
    }
    case 'replace-value': {
      const matches = [...text.matchAll(VALUE_LINE)].filter((match) => m.key === undefined || match[2] === m.key);
      if (!matches.length) return text;
      const match = matches[m.occurrence % matches.length];
      const start = match.index! + match[1].length + match[2].length + 1;
      const end = match.index! + match[0].length;
      const value = m.value.startsWith('\n') || m.value === '' ? m.value : ` ${m.value}`;
      return text.slice(0, start) + value + text.slice(end);
    }
    case 'tabs': {
      if (m.all) return text.replace(/^(?: {2})+/gm, (s) => '\t'.repeat(s.length / 2));
      const lines = text.split('\n');
      const i = m.at % lines.length;
      lines[i] = lines[i].replace(/^ +/, (s) => '\t'.repeat(Math.max(1, s.length >> 1)));
      return lines.join('\n');
    }
    case 'line-ends':
      return text.replace(/\r?\n/g, m.eol);
    case 'bom':
      return `\ufeff${text}`;
    case 'nest': {
      const i = at(m.at);
      return text.slice(0, i) + nested(m.style, m.depth) + text.slice(i);
    }
  }
}

/** Byte sequences that are not UTF-8 (and a few that are, at odd places). */
const BAD_BYTES = [
  [0xff],
  [0xfe],
  [0xc0, 0x80],
  [0x80],
  [0xbf],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf0, 0x9f],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x00],
  [0xef, 0xbb, 0xbf],
];

interface BytePatch {
  readonly at: number;
  readonly bytes: readonly number[];
  readonly truncate: boolean;
}

const bytePatch: fc.Arbitrary<BytePatch> = fc.record({ at: fc.nat(), bytes: fc.constantFrom(...BAD_BYTES), truncate: fc.boolean() });

function patchBytes(text: string, patches: readonly BytePatch[]): Uint8Array {
  let bytes = new TextEncoder().encode(text);
  for (const patch of patches) {
    const at = patch.at % (bytes.length + 1);
    // Truncation at any byte: also inside a multi-byte sequence.
    const tail = patch.truncate ? new Uint8Array(0) : bytes.subarray(at);
    const next = new Uint8Array(at + patch.bytes.length + tail.length);
    next.set(bytes.subarray(0, at), 0);
    next.set(patch.bytes, at);
    next.set(tail, at + patch.bytes.length);
    bytes = next;
  }
  return bytes;
}

/** One file changed: which, how, and how it reaches the service. */
interface FileChange {
  readonly file: string;
  /** The text to start from, if not the seed's. */
  readonly base?: string;
  readonly mutations: readonly Mutation[];
  readonly storage: Storage;
  readonly patches: readonly BytePatch[];
}

const fileChange = (paths: readonly string[], storage: fc.Arbitrary<Storage> = fc.constantFrom<Storage>('disk', 'editor', 'editor')): fc.Arbitrary<FileChange> =>
  fc.record({
    file: fc.constantFrom(...paths),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
    storage,
    patches: fc.constant([] as readonly BytePatch[]),
  });

const byteChange = (paths: readonly string[]): fc.Arbitrary<FileChange> =>
  fc.record({
    file: fc.constantFrom(...paths),
    mutations: fc.array(mutation, { maxLength: 2 }),
    storage: fc.constant<Storage>('bytes'),
    patches: fc.array(bytePatch, { minLength: 1, maxLength: 3 }),
  });

/** A place in a document: an offset into it, sometimes past the end of its line or of the file. */
interface Place {
  readonly at: number;
  readonly pastLine: number;
  readonly pastFile: number;
  readonly width: number;
}

const place: fc.Arbitrary<Place> = fc.record({
  at: fc.nat(),
  pastLine: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, 2, 50, 1_000_000) }),
  pastFile: fc.oneof({ weight: 10, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, 3, 1000) }),
  width: fc.oneof(fc.constant(0), fc.nat({ max: 40 }), fc.nat({ max: 2000 })),
});

const NEW_NAMES = ['renamed-id', 'us', 'russia', '', 'Bad Name', '🇺🇦', 'a', 'x-1', 'new\nline', ' us '];

interface Case {
  readonly changes: readonly FileChange[];
  readonly places: readonly Place[];
  readonly newName: string;
  readonly query: string;
}

const caseOf = (changes: fc.Arbitrary<FileChange[]>): fc.Arbitrary<Case> =>
  fc.record({
    changes,
    places: fc.array(place, { minLength: 1, maxLength: 5 }),
    newName: fc.constantFrom(...NEW_NAMES),
    query: fc.oneof(fc.constantFrom('', 'us', 'ru', 'Ukraine', '🇺🇦', '*', '\\'), insertion),
  });

function mutatedText(change: FileChange): string {
  let text = change.base ?? SEEDS[change.file];
  for (const m of change.mutations) text = applyMutation(text, m);
  return text;
}

function buildCase(changes: readonly FileChange[]): Built {
  const replaced = new Map<string, { text: string; storage: Storage; bytes?: Uint8Array }>();
  for (const change of changes) {
    const text = mutatedText(change);
    replaced.set(change.file, { text, storage: change.storage, bytes: change.storage === 'bytes' ? patchBytes(text, change.patches) : undefined });
  }
  return build(replaced);
}

/** A short description of a case for failure messages (long inserted strings cut). */
function describeCase(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…(${v.length} units)` : v));
}

// ---------------------------------------------------------------------------
// Properties 1-3: every feature, on every changed file, at random places

function positionFor(text: string, p: Place): Position {
  const lines = linesOf(text);
  if (p.pastFile) return { line: lines.length - 1 + p.pastFile, character: p.at % 7 };
  const offset = p.at % (text.length + 1);
  const position = positionAt(text, offset);
  return { line: position.line, character: position.character + p.pastLine };
}

function rangeFor(text: string, p: Place): Range {
  const start = positionFor(text, p);
  if (p.pastFile) return { start, end: start };
  const end = positionAt(text, Math.min(text.length, (p.at % (text.length + 1)) + p.width));
  return { start, end: p.pastLine && end.line === start.line ? { line: end.line, character: Math.max(end.character, start.character) } : end };
}

/** Offsets to positions, lines split at \r\n, \r or \n (one pass, for long texts too). */
function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  const re = /\r\n|\r|\n/g;
  for (let match = re.exec(text); match && match.index < offset; match = re.exec(text)) {
    if (match.index + match[0].length > offset) break; // inside a \r\n: the line's end
    line++;
    lineStart = match.index + match[0].length;
  }
  return { line, character: Math.min(offset, lineEnd(text, lineStart)) - lineStart };
}

function lineEnd(text: string, from: number): number {
  const re = /\r|\n/g;
  re.lastIndex = from;
  const match = re.exec(text);
  return match ? match.index : text.length;
}

const overlaps = (d: Diagnostic, r: Range) => before(d.range.start, r.end) && before(r.start, d.range.end);
const WHOLE_FILE: Range = { start: { line: 0, character: 0 }, end: { line: 1_000_000_000, character: 0 } };

/** Diagnostics of the unchanged seeds (computed once): stale diagnostics an editor may still send with a code action request. */
let seedDiagnostics: Map<string, Diagnostic[]> | undefined;

async function seedDiagnosticsOf(file: string): Promise<Diagnostic[]> {
  if (!seedDiagnostics) {
    const { ws } = build(new Map());
    const service = createLanguageService({ workspace: ws });
    await service.initialize();
    seedDiagnostics = new Map();
    for (const p of SEED_PATHS) seedDiagnostics.set(p, await service.diagnostics(ws.uri(p)));
  }
  return seedDiagnostics.get(file) ?? [];
}

/** The annotation files that name an article (by its file name), for articles that changed. */
function annotationFilesOf(articlePath: string): string[] {
  const name = path.basename(articlePath);
  return ANNOTATION_PATHS.filter((p) => SEEDS[p].includes(name));
}

async function exercise(c: Case): Promise<void> {
  const { ws, texts, mutated } = buildCase(c.changes);
  const service = createLanguageService({ workspace: ws });
  const checker = new RangeChecker(texts);
  await service.initialize();

  // Diagnostics of every checked file (a changed article or codebook changes others' diagnostics).
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const uri of new Set([...service.checkedFiles(), ...mutated])) {
    const list = await service.diagnostics(uri);
    diagnostics.set(uri, list);
    checker.walk('diagnostics', uri, list);
  }

  const focus = new Set(mutated);
  for (const change of c.changes) if (ARTICLE_PATHS.includes(change.file)) for (const p of annotationFilesOf(change.file)) focus.add(ws.uri(p));

  for (const uri of focus) {
    const text = texts.get(uri) ?? '';
    const own = diagnostics.get(uri) ?? [];
    checker.walk('documentSymbols', uri, await service.documentSymbols(uri));
    checker.walk('codeLenses', uri, await service.codeLenses(uri));
    checker.walk('inlayHints', uri, await service.inlayHints(uri, WHOLE_FILE));
    checker.walk('inlayHints', uri, await service.inlayHints(uri, WHOLE_FILE, { sentenceNumbers: true, sentencePreviews: false }));
    // Every quick fix of every diagnostic.
    for (const d of own) checker.walk(`codeActions for ${String(d.code)}`, uri, await service.codeActions(uri, d.range, [d]));
    for (const p of c.places) {
      const position = positionFor(text, p);
      const range = rangeFor(text, p);
      const at = `at ${JSON.stringify(position)}`;
      checker.walk(`hover ${at}`, uri, await service.hover(uri, position));
      checker.walk(`definition ${at}`, uri, await service.definition(uri, position));
      checker.walk(`references ${at}`, uri, await service.references(uri, position, true));
      checker.walk(`references ${at}`, uri, await service.references(uri, position, false));
      checker.walk(`completion ${at}`, uri, await service.completion(uri, position));
      checker.walk(
        `codeActions ${JSON.stringify(range)}`,
        uri,
        await service.codeActions(
          uri,
          range,
          own.filter((d) => overlaps(d, range)),
        ),
      );
      checker.walk(`prepareRename ${at}`, uri, await service.prepareRename(uri, position));
      checker.walk(`rename ${at}`, uri, await service.rename(uri, position, c.newName));
      checker.walk(`inlayHints ${JSON.stringify(range)}`, uri, await service.inlayHints(uri, range, { sentenceNumbers: true }));
      const annotated = await service.annotate({ uri, range });
      if ('edit' in annotated) checker.walk(`annotate ${JSON.stringify(range)}`, uri, annotated.edit); // `reveal` is a place in the edited file
    }
    checker.walk('sentences', uri, await service.sentences(uri));
    checker.walk('sentenceMarks', uri, await service.sentenceMarks(uri));
    await service.relatedFiles(uri);
  }
  // Code actions with the diagnostics of the file before it changed (an editor may send stale ones): they must not throw.
  for (const change of c.changes) await service.codeActions(ws.uri(change.file), WHOLE_FILE, await seedDiagnosticsOf(change.file));
  checker.walk('workspaceSymbols', '', await service.workspaceSymbols(c.query));
  checker.assertNone(`ranges outside their documents for ${describeCase(c)}`);
  expect(checker.checked).toBeGreaterThan(0);
}

/** Runs a property over cases, each under the watchdog. */
function checkCases(arbitrary: fc.Arbitrary<Case>, seed: number, numRuns: number): Promise<void> {
  return fc.assert(
    fc.asyncProperty(arbitrary, (c) =>
      watchdog.run(
        () => describeCase(c),
        () => exercise(c),
      ),
    ),
    fuzzOptions(seed, numRuns),
  );
}

const one = (changes: fc.Arbitrary<FileChange>) => changes.map((change) => [change]);
const FUZZ_TIMEOUT = 240_000; // the per-case watchdog is the hang detector; this only bounds a whole property

describe('no service call throws, hangs or returns a range outside its document (seeded fuzz)', () => {
  it('on random mutations of annotation files', () => checkCases(caseOf(one(fileChange(ANNOTATION_PATHS))), 6001, 100), FUZZ_TIMEOUT);

  it('on random mutations of codebooks', () => checkCases(caseOf(one(fileChange(CODEBOOK_PATHS))), 6002, 40), FUZZ_TIMEOUT);

  it('on random mutations of articles', () => checkCases(caseOf(one(fileChange(ARTICLE_PATHS))), 6003, 40), FUZZ_TIMEOUT);

  it('on several files changed at once', () => checkCases(caseOf(fc.uniqueArray(fileChange(SEED_PATHS), { minLength: 2, maxLength: 3, selector: (change) => change.file })), 6004, 30), FUZZ_TIMEOUT);

  it('on files with invalid UTF-8 (Uint8Array contents)', () => checkCases(caseOf(one(byteChange(SEED_PATHS))), 6005, 40), FUZZ_TIMEOUT);
});

// ---------------------------------------------------------------------------
// Heavy inputs, each once: deep nesting, huge scalars, an alias bomb

const SMALL = 'small/talks.stance.yaml';
const replaceLine = (text: string, key: string, value: string) => text.replace(new RegExp(`^(\\s*(?:- )?${key}:).*$`, 'm'), (_m, head: string) => `${head} ${value}`);
const ALIAS_BOMB = Array.from(
  { length: 10 },
  (_, i) =>
    `x${i}: &a${i} [${Array(10)
      .fill(i ? `*a${i - 1}` : 'us')
      .join(', ')}]`,
).join('\n');
const HEAVY: readonly { readonly name: string; readonly files: Readonly<Record<string, string>> }[] = [
  { name: '5,000 nested [ as actors', files: { [SMALL]: replaceLine(SMALL_ANNOTATIONS, 'actors', '['.repeat(5000)) } },
  { name: '5,000 balanced nested [ ] as actors', files: { [SMALL]: replaceLine(SMALL_ANNOTATIONS, 'actors', `${'['.repeat(5000)}us${']'.repeat(5000)}`) } },
  { name: '5,000 nested `- ` levels', files: { [SMALL]: `${SMALL_ANNOTATIONS}${'- '.repeat(5000)}x\n` } },
  { name: '5,000 nested `- ` levels under annotations', files: { [SMALL]: `article: articles/talks.txt\nannotations:\n${'  - '.repeat(5000)}sentence: 1\n` } },
  { name: '5,000 nested flow maps as aliases', files: { 'small/codebook.yaml': replaceLine(CODEBOOK, 'aliases', '{a: '.repeat(5000)) } },
  { name: '2,000 levels of indentation', files: { 'small/codebook.yaml': `actors:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n')} x\n` } },
  { name: 'a 1 MB quote', files: { [SMALL]: replaceLine(SMALL_ANNOTATIONS, 'quote', `"${'held a high-level meeting '.repeat(40_000)}"`) } },
  {
    name: 'a 1 MB plain note and a 1 MB id',
    files: { [SMALL]: SMALL_ANNOTATIONS.replace('  - sentence: 5\n', `  - sentence: 5\n    note: ${'x'.repeat(1 << 20)}\n    id: ${'y'.repeat(1 << 20)}\n`) },
  },
  { name: 'a 1 MB single-line article', files: { 'small/articles/talks.txt': ARTICLE.replace(/\n/g, ' ').repeat(Math.ceil((1 << 20) / ARTICLE.length)) } },
  { name: 'a 1 MB article of one-word lines', files: { 'small/articles/talks.txt': 'Riyadh.\n'.repeat(1 << 17) } },
  { name: 'an alias bomb in an annotation file', files: { [SMALL]: `${ALIAS_BOMB}\n${replaceLine(SMALL_ANNOTATIONS, 'actors', '*a9')}` } },
  { name: 'an alias bomb in a codebook', files: { 'small/codebook.yaml': `${ALIAS_BOMB}\n${replaceLine(CODEBOOK, 'aliases', '*a9')}` } },
  { name: '10,000 annotations', files: { [SMALL]: `article: articles/talks.txt\nannotations:\n${'  - sentence: 4\n    quote: useful\n    actors: [rubio, us]\n'.repeat(10_000)}` } },
  {
    name: '5,000 actors with 5 aliases each',
    files: { 'small/codebook.yaml': `actors:\n${Array.from({ length: 5000 }, (_, i) => `  a${i}:\n    name: Actor ${i}\n    aliases: [A${i}, B${i}, C${i}, Riyadh, Moscow]\n`).join('')}` },
  },
];

describe('heavy inputs: no throw, no hang, ranges inside their documents', () => {
  for (const heavy of HEAVY) {
    it(
      heavy.name,
      async () => {
        const changes: FileChange[] = Object.entries(heavy.files).map(([file, base]) => ({ file, base, mutations: [], storage: 'editor', patches: [] }));
        const places: Place[] = [
          { at: 7, pastLine: 0, pastFile: 0, width: 5 },
          { at: 1_000_003, pastLine: 0, pastFile: 0, width: 100 },
          { at: 0, pastLine: 0, pastFile: 2, width: 0 },
        ];
        await watchdog.run(
          () => heavy.name,
          () => exercise({ changes, places, newName: 'renamed-id', query: 'a' }),
        );
      },
      FUZZ_TIMEOUT,
    );
  }
});

// ---------------------------------------------------------------------------
// Property 4: diagnostics are deterministic

async function diagnosticsOfAll(service: LanguageService, uris: readonly string[]): Promise<Map<string, Diagnostic[]>> {
  const result = new Map<string, Diagnostic[]>();
  for (const uri of uris) result.set(uri, await service.diagnostics(uri));
  return result;
}

const sorted = (map: Map<string, Diagnostic[]>) => new Map([...map].sort(([a], [b]) => a.localeCompare(b)));

describe('diagnostics are deterministic (seeded fuzz)', () => {
  it(
    'twice in one service, in a fresh service in the reverse order, and through check()',
    () =>
      fc.assert(
        fc.asyncProperty(fc.uniqueArray(fc.oneof(fileChange(SEED_PATHS), byteChange(SEED_PATHS)), { minLength: 1, maxLength: 2, selector: (change) => change.file }), (changes) =>
          watchdog.run(
            () => describeCase(changes),
            async () => {
              const first = buildCase(changes);
              const service = createLanguageService({ workspace: first.ws });
              await service.initialize();
              const uris = [...new Set([...service.checkedFiles(), ...first.mutated])];
              const once = await diagnosticsOfAll(service, uris);
              expect(await diagnosticsOfAll(service, uris)).toEqual(once);

              const fresh = createLanguageService({ workspace: buildCase(changes).ws });
              await fresh.initialize();
              expect(sorted(await diagnosticsOfAll(fresh, [...uris].reverse()))).toEqual(sorted(once));

              const checked = createLanguageService({ workspace: buildCase(changes).ws });
              await checked.initialize();
              const results = await checked.check(uris);
              for (const [uri, list] of results) expect(list, uri).toEqual(once.get(uri));
            },
          ),
        ),
        fuzzOptions(6101, 40),
      ),
    FUZZ_TIMEOUT,
  );
});

// ---------------------------------------------------------------------------
// Property 5: a no-op edit changes nothing

describe('a no-op edit leaves every diagnostic as it was (seeded fuzz)', () => {
  it('the example corpus is clean to begin with', async () => {
    const { ws } = build(new Map());
    const service = createLanguageService({ workspace: ws });
    await service.initialize();
    for (const p of CLEAN_PATHS.filter((p) => !p.startsWith('small/'))) expect(await service.diagnostics(ws.uri(p)), p).toEqual([]);
  });

  it(
    'the same text written again, or a character inserted and removed, on disk or in the editor',
    () =>
      fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CLEAN_PATHS),
          fc.nat(),
          insertion.filter((s) => s.length > 0),
          fc.boolean(),
          (file, at, inserted, inEditor) =>
            watchdog.run(
              () => describeCase({ file, at, inserted, inEditor }),
              async () => {
                const { ws } = build(new Map());
                const service = createLanguageService({ workspace: ws });
                await service.initialize();
                const all = () => diagnosticsOfAll(service, [...new Set([...service.checkedFiles(), ws.uri(file)])]);
                const before = await all();
                const text = SEEDS[file];
                const put = (content: string) => (inEditor ? ws.openText(file, content) : ws.write(file, content));

                // The same text again.
                await service.check(service.changed([put(text)]));
                expect(await all()).toEqual(before);

                // A character typed and deleted again (checked in between, so the edit is parsed incrementally).
                const i = at % (text.length + 1);
                await service.check(service.changed([put(text.slice(0, i) + inserted + text.slice(i))]));
                await service.check(service.changed([put(text)]));
                expect(await all()).toEqual(before);
              },
            ),
        ),
        fuzzOptions(6201, 50),
      ),
    FUZZ_TIMEOUT,
  );
});

// ---------------------------------------------------------------------------
// Sentence segmentation and quote matching

const SEGMENT_TOKENS = [
  'Talks',
  'in',
  'Riyadh',
  'the',
  'Kremlin',
  'said',
  'Мир',
  'мир',
  '中文',
  'Mr.',
  'Dr.',
  'U.S.',
  'e.g.',
  'etc.',
  'Feb.',
  'V.',
  'Amb.',
  'No.',
  '5',
  '2.5',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '\n \n',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u200b',
  '\ufeff',
  '.',
  '?',
  '!',
  '…',
  '‼',
  '。',
  ',',
  ';',
  ':',
  '—',
  '"',
  '“',
  '”',
  '’',
  '(',
  ')',
  '[',
  ']',
  '*',
  '**',
  '_',
  '[2]',
  '.[3]',
  '|',
  '©',
  '🇺🇦',
  '👍🏽',
  '\ud83c',
  '\udf0d',
  'e\u0301',
];

const isVisible = (ch: string) => /[^\s\p{Cf}]/u.test(ch);

describe('sentence segmentation (seeded fuzz)', () => {
  it('numbers ordered, disjoint, trimmed sentences inside the text that never split a surrogate pair, and loses no visible character', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...SEGMENT_TOKENS) },
            { weight: 1, arbitrary: fc.string({ unit: fc.oneof(loneSurrogate, anyCodeUnit, fc.constantFrom(...TOKENS)), maxLength: 4 }) },
          ),
          { maxLength: 120 },
        ),
        fc.boolean(),
        fc.array(fc.constantFrom('Amb.', 'Adm', ' ', '', '.', 'U.N.', '🇺🇦.'), { maxLength: 3 }),
        (parts, hardWrapped, abbreviations) =>
          watchdog.guard(
            () => describeCase({ parts, hardWrapped, abbreviations }),
            () => {
              const text = parts.join(' ');
              const sentences = segmentSentences(text, { hardWrapped, abbreviations });
              const covered = new Uint8Array(text.length);
              let previousEnd = 0;
              sentences.forEach((s, i) => {
                expect(s.n).toBe(i + 1);
                expect(s.start).toBeGreaterThanOrEqual(previousEnd);
                expect(s.end).toBeGreaterThan(s.start);
                expect(s.end).toBeLessThanOrEqual(text.length);
                previousEnd = s.end;
                const sentence = text.slice(s.start, s.end);
                expect(/^\s|\s$/.test(sentence), JSON.stringify(sentence)).toBe(false);
                expect(isHigh(text.charCodeAt(s.start - 1)) && isLow(text.charCodeAt(s.start))).toBe(false);
                expect(isHigh(text.charCodeAt(s.end - 1)) && isLow(text.charCodeAt(s.end))).toBe(false);
                // A line break ends a sentence; in hard-wrapped text only a blank line does.
                if (hardWrapped) expect(/(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:\r\n|\r(?!\n)|\n)/.test(sentence)).toBe(false);
                else expect(/[\r\n]/.test(sentence)).toBe(false);
                covered.fill(1, s.start, s.end);
              });
              for (let i = 0; i < text.length; i++)
                if (!covered[i] && isVisible(text[i])) expect.fail(`visible character ${JSON.stringify(text[i])} at ${i} is in no sentence of ${JSON.stringify(text)}`);
              expect(segmentSentences(text, { hardWrapped, abbreviations })).toEqual(sentences);
            },
          ),
      ),
      fuzzOptions(6301, 1500),
    );
  });

  it('segments a long line in windows exactly as Intl.Segmenter segments it whole', () => {
    const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...SEGMENT_TOKENS), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 400 }), fc.integer({ min: 2, max: 64 }), (parts, window) =>
        watchdog.guard(
          () => describeCase({ parts, window }),
          () => {
            const text = parts.join('');
            expect(sentenceSegments(text, window)).toEqual(Array.from(segmenter.segment(text), ({ index, segment }) => ({ index, segment })));
          },
        ),
      ),
      fuzzOptions(6302, 1500),
    );
  });
});

describe('quote matching (seeded fuzz)', () => {
  it('long quotes (matched without a RegExp) match exactly where the RegExp matches', () => {
    const tokens = ['a', 'b', 'A', ' ', '  ', '\t', '\n', '\u00a0', "'", '’', '"', '“', '′', '„', '.', '🇺🇦', '\ud83c', '\udde6', 'e\u0301', '\u2028', '-', '\\', '[', '(', '*'];
    const text = fc.array(fc.constantFrom(...tokens), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, text, fc.nat(50), fc.nat(50), fc.integer({ min: 1, max: 4 }), (article, quote, a, b, limit) => {
        // Sentence ranges never split a surrogate pair.
        const splits = (i: number) => isHigh(article.charCodeAt(i - 1)) && isLow(article.charCodeAt(i));
        const from = Math.min(a, article.length) - (splits(Math.min(a, article.length)) ? 1 : 0);
        const end = Math.max(from, Math.min(article.length, from + b));
        const to = end + (splits(end) ? 1 : 0);
        expect(findFoldedQuote(article, quote, from, to, limit)).toEqual(findQuote(article, quote, from, to, limit));
      }),
      fuzzOptions(6401, 3000),
    );
  });
});

// ---------------------------------------------------------------------------
// Regressions: the shrunk counterexamples of bugs these properties found

describe('regressions found by the fuzz tests', () => {
  const BASE = { 'codebook.yaml': CODEBOOK, 'articles/talks.txt': ARTICLE };

  async function diagnosticsOf(files: Record<string, string>, open: Record<string, string> = {}): Promise<{ code: unknown; message: string; range: Range }[]> {
    const ws = new EditorWorkspace(files);
    for (const [p, text] of Object.entries(open)) ws.openText(p, text);
    const service = createLanguageService({ workspace: ws });
    await service.initialize();
    return (await service.diagnostics(ws.uri('a.stance.yaml'))).map((d) => ({ code: d.code, message: typeof d.message === 'string' ? d.message : d.message.value, range: d.range }));
  }

  const range = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

  it('a lone surrogate in `article:` or `codebook:` (editor text) is a path that is not found, not a URIError from initialize', async () => {
    const text = 'article: articles/talks.txt\ud800\ncodebook: \udc00codebook.yaml\nannotations: []\n';
    const diagnostics = await diagnosticsOf({ ...BASE, 'a.stance.yaml': '' }, { 'a.stance.yaml': text });
    expect(diagnostics.map((d) => [d.code, d.range])).toEqual([
      ['article-not-found', range(0, 9, 0, 28)],
      ['codebook-not-found', range(1, 10, 1, 24)],
    ]);
  });

  it('a YAML error reported one unit into an emoji covers the whole emoji', async () => {
    const diagnostics = await diagnosticsOf({ ...BASE, 'a.stance.yaml': 'a: 𐀀\n b: c\n' });
    expect(diagnostics.filter((d) => d.code === 'yaml-syntax')).toEqual([
      { code: 'yaml-syntax', message: 'YAML syntax: Nested mappings are not allowed in compact mappings', range: range(0, 3, 0, 5) },
      { code: 'yaml-syntax', message: 'YAML syntax: Implicit keys need to be on a single line', range: range(0, 3, 1, 2) },
    ]);
  });

  it("a YAML error at an empty CRLF line ends at that line's end, not between its \\r and \\n", async () => {
    const diagnostics = await diagnosticsOf({ ...BASE, 'a.stance.yaml': 'a: 1\r\n  b: 2\r\n\r\n- x\r\n' });
    expect(diagnostics.find((d) => d.message.includes('block sequence'))?.range).toEqual(range(2, 0, 2, 0));
    expect(new LineMap('ab\r\ncd').positionAt(3)).toEqual({ line: 0, character: 2 });
  });

  it('5,000 nested `- ` (or `[`) are one yaml-syntax error on their line, not a stack overflow', async () => {
    const message = 'YAML syntax: Lists or mappings are nested more than 256 levels deep; the file cannot be read.';
    expect(await diagnosticsOf({ ...BASE, 'a.stance.yaml': `article: articles/talks.txt\nannotations:\n${'- '.repeat(5000)}x\n` })).toEqual([
      { code: 'yaml-syntax', message, range: range(2, 0, 2, 10_001) },
    ]);
    const ws = new EditorWorkspace({ 'codebook.yaml': `actors:\n  us: ${'['.repeat(5000)}\n` });
    const service = createLanguageService({ workspace: ws });
    await service.initialize();
    expect((await service.diagnostics(ws.uri('codebook.yaml'))).map((d) => [d.code, d.message, d.range])).toEqual([['yaml-syntax', message, range(1, 0, 1, 5006)]]);
  });

  it('a 1 MB quote is looked up without compiling a 1 MB RegExp (which threw "Stack overflow")', async () => {
    const big = 'held a high-level meeting '.repeat(40_000);
    expect(findQuote(`${big}x`, big)).toEqual([{ start: 0, end: big.length - 1 }]);
    const diagnostics = await watchdog.run(
      () => '1 MB quote',
      () => diagnosticsOf({ ...BASE, 'a.stance.yaml': `article: articles/talks.txt\nannotations:\n  - quote: ${big}\n` }),
    );
    expect(diagnostics.map((d) => [d.code, d.range])).toEqual([['quote-not-found', range(2, 11, 2, 1_040_010)]]);
  });

  it('a 256 KB line of short sentences is segmented in linear time (Intl.Segmenter alone took 20 s)', async () => {
    const text = 'Go. '.repeat(65_536);
    const sentences = await watchdog.run(
      () => '256 KB of short sentences',
      async () => segmentSentences(text),
    );
    expect(sentences.length).toBe(65_536);
    expect(sentences.every((s, i) => s.n === i + 1 && s.start === 4 * i && s.end === 4 * i + 3)).toBe(true);
  });

  it('completion in a codebook with a 200,000-space indentation answers at once (a /\\s+$/ took quadratic time)', async () => {
    const ws = new EditorWorkspace({ 'codebook.yaml': `actors:\n${' '.repeat(200_000)}k:\n` });
    const service = createLanguageService({ workspace: ws });
    await service.initialize();
    const list = await watchdog.run(
      () => 'completion after a long indentation',
      () => service.completion(ws.uri('codebook.yaml'), { line: 2, character: 0 }),
    );
    expect(list.items.map((item) => item.label)).toEqual(['topics', 'stances', 'rules', 'abbreviations', 'hard-wrapped']);
    expect(list.items.map((item) => (item.textEdit && 'range' in item.textEdit ? item.textEdit.range : undefined))).toEqual(list.items.map(() => range(2, 0, 2, 0)));
  });
});
