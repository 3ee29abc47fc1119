/**
 * A keystroke costs what it changed, not what the file already carries (issue 10, item 3): the findings
 * across annotations (duplicate ids, conflicting stances, duplicate annotations) are placed again when an edit
 * changed nothing they read, and a diagnostic that did not change is the same object as before, so comparing
 * the new list with the last finds it equal at once. Whatever is reused, the result must be exactly what a
 * fresh service computes for the same text: the seeded test at the end edits anywhere (ids, stances, quotes,
 * sentences, notes, line breaks) and compares after each edit.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-types';
import { WorkspaceIndex } from '../src/service/workspaceIndex/workspaceIndex';
import { InMemoryWorkspace } from '../src/service/inMemoryWorkspace';
import { checkAnnotationFile } from '../src/service/features/annotationChecks';
import { ItemCheckCache } from '../src/service/features/itemCheckCache';
import { sameData } from '../src/service/features/diagnostics';
import { LineMap } from '../src/service/text/lineMap';
import type { Problem } from '../src/service/problems';
import { parseAnnotationFile, updateAnnotationFile } from '../src/service/model/annotationFile';
import { annotationAnchor } from '../src/service/features/sentenceMoved';
import { ARTICLE, CODEBOOK, workspace } from './helpers';

const FILE = 'annotations/a.stance.yaml';
const HEAD = 'article: ../articles/riyadh.txt\ncodebook: ../codebook.yaml\nannotations:\n';

/** Eight annotations; the fourth to sixth repeat the first three (three duplicate-annotation warnings), one id is used twice, the seventh contradicts the second's stance. */
const ITEMS = [
  '  - id: a1\n    sentence: 3\n    actors: [us, russia]\n    note: first pass\n',
  '  - id: a2\n    sentence: 4\n    stances:\n      - actor: russia\n        stance: opposes\n        toward: ukraine-nato-membership\n    note: the envoy\n',
  '  - id: a3\n    quote: welcomed the dialogue\n    actors: [saudi-arabia]\n',
  '  - id: a4\n    sentence: 3\n    actors: [russia, us]\n    note: second pass\n',
  '  - id: a2\n    sentence: 4\n    stances:\n      - actor: russia\n        stance: opposes\n        toward: ukraine-nato-membership\n    note: again\n',
  '  - id: a6\n    quote: welcomed the dialogue\n    actors: [saudi-arabia]\n',
  '  - id: a7\n    sentence: 5\n    stances:\n      - actor: russia\n        stance: supports\n        toward: ukraine-nato-membership\n    note: a change of heart\n',
  '  - id: a8\n    sentence: 3\n    actors: [us]\n    note: the last one\n',
];
const TEXT = HEAD + ITEMS.join('');

const FILES = { 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE };

/** The diagnostics a service that never saw any other version computes for `text`. */
async function fresh(text: string): Promise<Diagnostic[]> {
  const { ws, service } = workspace({ ...FILES, [FILE]: text });
  await service.initialize();
  return service.diagnostics(ws.uri(FILE), { limit: 1000 });
}

function insertAt(text: string, needle: string, insert: string): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in the text`);
  return text.slice(0, at + needle.length) + insert + text.slice(at + needle.length);
}

describe('a keystroke in a file with warnings', () => {
  it('the text assumed here has the warnings it is about', async () => {
    const codes = (await fresh(TEXT)).map((d) => d.code);
    expect(codes.filter((c) => c === 'duplicate-annotation')).toHaveLength(3);
    expect(codes.filter((c) => c === 'duplicate-id')).toHaveLength(1);
    expect(codes.filter((c) => c === 'conflicting-stance')).toHaveLength(1);
  });

  it('keeps every diagnostic object the keystroke did not change, and equals a fresh check', async () => {
    const { ws, service } = workspace({ ...FILES, [FILE]: TEXT });
    await service.initialize();
    const uri = ws.uri(FILE);
    const before = await service.diagnostics(uri, { limit: 1000 });
    // A character typed in the second annotation's note: everything after it moves by one, on the same lines.
    const typed = insertAt(TEXT, 'note: the envoy', 's');
    service.changed([ws.write(FILE, typed)]);
    const after = await service.diagnostics(uri, { limit: 1000 });
    expect(after).toEqual(await fresh(typed));
    expect(after).toHaveLength(before.length);
    for (let i = 0; i < after.length; i++) expect(after[i]).toBe(before[i]);
  });

  it('a line added above moves every diagnostic down a line, as a fresh check places them', async () => {
    const { ws, service } = workspace({ ...FILES, [FILE]: TEXT });
    await service.initialize();
    const uri = ws.uri(FILE);
    const before = await service.diagnostics(uri, { limit: 1000 });
    const moved = `# coded twice\n${TEXT}`;
    service.changed([ws.write(FILE, moved)]);
    const after = await service.diagnostics(uri, { limit: 1000 });
    expect(after).toEqual(await fresh(moved));
    expect(after.map((d) => d.range.start.line)).toEqual(before.map((d) => d.range.start.line + 1));
    expect(after.map((d) => d.relatedInformation?.map((r) => r.location.range.start.line))).toEqual(
      before.map((d) => d.relatedInformation?.map((r) => r.location.range.start.line + (r.location.uri === uri ? 1 : 0))),
    );
  });

  it('the problems across annotations of annotations that did not change or move are the same objects (found once, placed again)', async () => {
    const ws = new InMemoryWorkspace({ ...FILES, [FILE]: TEXT });
    const index = new WorkspaceIndex(ws);
    await index.discover();
    const uri = ws.uri(FILE);
    const cache = new ItemCheckCache();
    const across = (problems: Problem[]) => problems.filter((p) => ['duplicate-annotation', 'duplicate-id', 'conflicting-stance'].includes(p.code));
    const first = across(await checkAnnotationFile((await index.annotationContext(uri))!, index.folders, index.limits, cache));
    // Typed in the last annotation's note: the annotations of every finding are before it, unchanged and unmoved.
    ws.write(FILE, insertAt(TEXT, 'note: the last one', '!'));
    index.invalidate(uri);
    const second = across(await checkAnnotationFile((await index.annotationContext(uri))!, index.folders, index.limits, cache));
    expect(second.map((p) => p.code)).toEqual(['duplicate-id', 'conflicting-stance', 'duplicate-annotation', 'duplicate-annotation', 'duplicate-annotation']);
    for (let i = 0; i < second.length; i++) expect(second[i]).toBe(first[i]);
    // Typed in the first annotation's note: every finding moves, and none is the same object.
    ws.write(FILE, insertAt(TEXT, 'note: first pass', '!'));
    index.invalidate(uri);
    const third = across(await checkAnnotationFile((await index.annotationContext(uri))!, index.folders, index.limits, cache));
    expect(third.map((p) => p.message)).toEqual(first.map((p) => p.message));
    for (let i = 0; i < third.length; i++) {
      expect(third[i]).not.toBe(first[i]);
      expect(third[i].span.start).toBe(first[i].span.start + 1);
    }
  });

  it('an annotation a syntax error breaks is not read as the one it was (its id is gone), however little else it had', async () => {
    // Two annotations with one id and nothing else the checks across annotations read: a duplicate-id.
    const text = `${HEAD}  - id: twice\n    note: first\n  - id: twice\n    note: second\n  - id: third\n    note: last\n`;
    const { ws, service } = workspace({ ...FILES, [FILE]: text });
    await service.initialize();
    const uri = ws.uri(FILE);
    expect((await service.diagnostics(uri, { limit: 1000 })).map((d) => d.code)).toContain('duplicate-id');
    // The third one's dash one column to the left: the syntax error breaks the item before it too, whose text did
    // not change (the broken items keep their places).
    const broken = text.replace('  - id: third', ' - id: third');
    service.changed([ws.write(FILE, broken)]);
    const after = await service.diagnostics(uri, { limit: 1000 });
    expect(after).toEqual(await fresh(broken));
    expect(after.map((d) => d.code)).not.toContain('duplicate-id');
  });

  it('after any series of edits, the diagnostics equal those of a fresh service (seeded)', async () => {
    const pieces = [
      '',
      'x',
      ' ',
      '\n',
      '\r\n',
      'a2',
      'a1',
      'us',
      'russia',
      'opposes',
      'supports',
      'rejects',
      '3',
      '4',
      '5',
      'welcomed',
      '- ',
      ': ',
      '#',
      '😀',
      '“',
      '\n  - id: a9\n    sentence: 3\n    actors: [us, russia]\n',
    ];
    const edit = fc.record({ at: fc.nat({ max: TEXT.length + 200 }), remove: fc.nat({ max: 12 }), insert: fc.constantFrom(...pieces) });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 8 }), async (edits) => {
        const { ws, service } = workspace({ ...FILES, [FILE]: TEXT });
        await service.initialize();
        const uri = ws.uri(FILE);
        await service.diagnostics(uri, { limit: 1000 });
        let text = TEXT;
        for (const { at, remove, insert } of edits) {
          const from = Math.min(at, text.length);
          text = text.slice(0, from) + insert + text.slice(Math.min(text.length, from + remove));
          ws.write(FILE, text);
          service.changed([uri]);
          expect(await service.diagnostics(uri, { limit: 1000 })).toEqual(await fresh(text));
        }
      }),
      { seed: 20261201, numRuns: 60 },
    );
  });
});

describe('an annotation’s anchor (kept between checks by its item)', () => {
  it('follows the annotation’s text: kept for an item the edit did not touch, new for one it changed, none for one a syntax error broke', () => {
    const first = parseAnnotationFile(TEXT);
    const a1 = first.annotations[0];
    expect(annotationAnchor(a1)).toBe('3\u0001a1\u0001');
    // Another sentence number asked for (what Standpoint is about to set) is not the annotation's own anchor.
    expect(annotationAnchor(a1, 9)).toBe('9\u0001a1\u0001');
    expect(annotationAnchor(a1)).toBe('3\u0001a1\u0001');
    // Typed in the second annotation: the first keeps its anchor; the third's quote anchor is unchanged too.
    const typed = updateAnnotationFile(first, insertAt(TEXT, 'note: the envoy', 's'));
    expect(annotationAnchor(typed.annotations[0])).toBe('3\u0001a1\u0001');
    expect(annotationAnchor(typed.annotations[2])).toBe(annotationAnchor(first.annotations[2]));
    // The first annotation's id and sentence edited: a new anchor.
    const edited = updateAnnotationFile(typed, insertAt(TEXT.replace('id: a1\n    sentence: 3', 'id: a1x\n    sentence: 4'), 'note: the envoy', 's'));
    expect(annotationAnchor(edited.annotations[0])).toBe('4\u0001a1x\u0001');
    // A syntax error in it: the item is not valid, so it has no anchor (even though it keeps its place).
    const broken = updateAnnotationFile(first, TEXT.replace('    sentence: 3\n    actors: [us, russia]\n    note: first pass', '    sentence: 3\n   actors: [us, russia]\n    note: first pass'));
    expect(broken.annotations[0].valid).toBe(false);
    expect(annotationAnchor(broken.annotations[0])).toBeUndefined();
  });
});

describe('LineMap.isRangeOf', () => {
  it('holds only when rangeOf gives that range, and for every span not ending inside a CRLF (LF, CRLF, lone CR, BOM, emoji)', () => {
    const text = '\uFEFFa😀\r\nb\rc\n\r\n“d”\n';
    const map = new LineMap(text);
    const insideCrlf = (offset: number) => text[offset] === '\n' && text[offset - 1] === '\r';
    const ranges = [];
    for (let start = 0; start <= text.length; start++) for (let end = start; end <= text.length; end++) ranges.push({ span: { start, end }, range: map.rangeOf({ start, end }) });
    for (const { span, range } of ranges) {
      // An offset between \r and \n has no position of its own (rangeOf gives the line's end): such a diagnostic is built again.
      expect(map.isRangeOf(range, span)).toBe(!insideCrlf(span.start) && !insideCrlf(span.end));
      for (const other of ranges) if (map.isRangeOf(other.range, span)) expect(other.range).toEqual(range);
    }
    // Positions past a line's end or outside the text are never taken for an offset.
    expect(map.isRangeOf({ start: { line: 1, character: 5 }, end: { line: 1, character: 5 } }, { start: 7, end: 7 })).toBe(false);
    expect(map.isRangeOf({ start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, { start: text.length, end: text.length })).toBe(false);
  });
});

describe('sameData', () => {
  it('compares a quick fix’s facts by value', () => {
    expect(sameData({ actor: 'us', sentence: 3 }, { sentence: 3, actor: 'us' })).toBe(true);
    expect(sameData({ candidates: [1, 2], nested: { a: ['x'] } }, { candidates: [1, 2], nested: { a: ['x'] } })).toBe(true);
    expect(sameData(undefined, undefined)).toBe(true);
    expect(sameData({ actor: 'us' }, { actor: 'russia' })).toBe(false);
    expect(sameData({ actor: 'us' }, { actor: 'us', sentence: 3 })).toBe(false);
    expect(sameData({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameData([1, 2], [2, 1])).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData({}, undefined)).toBe(false);
    expect(sameData(null, {})).toBe(false);
  });
});
