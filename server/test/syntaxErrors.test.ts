/**
 * No cascade after a syntax error (issue 10, item 4): the nodes a YAML syntax
 * error broke (docs/diagnostics.md, "After a syntax error") get no `schema`
 * problems and no checks against the article or codebook; every other node is
 * checked as usual. Each case runs with LF and CRLF line ends, through a fresh
 * parse and through an edit of a clean file (the incremental path), and the
 * expected ranges are worked out here from the text.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { parseAnnotationFile, updateAnnotationFile } from '../src/service/model/annotationFile';
import { ARTICLE, CODEBOOK, positionAt, workspace } from './helpers';

const FILE = 'annotations/a.stance.yaml';

/** Range of the `occurrence`-th `needle` in `text` (0-based), widened by `width` characters if given. */
function at(text: string, needle: string, occurrence = 0, width = needle.length): Range {
  let from = -1;
  for (let i = 0; i <= occurrence; i++) {
    from = text.indexOf(needle, from + 1);
    if (from === -1) throw new Error(`"${needle}" not in the text`);
  }
  return { start: positionAt(text, from), end: positionAt(text, from + width) };
}

const key = (d: Diagnostic) => ({ code: d.code, range: d.range });

async function diagnosticsOf(text: string): Promise<Diagnostic[]> {
  const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, [FILE]: text });
  await service.initialize();
  return service.diagnostics(ws.uri(FILE));
}

/** The diagnostics after editing `clean` into `broken` in a running service, then those after editing it back. */
async function edited(clean: string, broken: string): Promise<{ broken: Diagnostic[]; repaired: Diagnostic[] }> {
  const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, [FILE]: clean });
  await service.initialize();
  const uri = ws.uri(FILE);
  await service.diagnostics(uri);
  ws.write(FILE, broken);
  await service.check(service.changed([uri]));
  const whileBroken = await service.diagnostics(uri);
  ws.write(FILE, clean);
  await service.check(service.changed([uri]));
  return { broken: whileBroken, repaired: await service.diagnostics(uri) };
}

interface Case {
  readonly name: string;
  /** The file as it should be, and as the analyst broke it. */
  readonly clean: string;
  readonly broken: string;
  /** Every diagnostic of the broken file: code and range (worked out from the broken text). */
  readonly expected: (text: string) => { code: string; range: Range }[];
}

const HEAD = 'article: ../articles/riyadh.txt\nannotations:\n';

const CASES: readonly Case[] = [
  {
    name: 'a key one column to the left, under a list item (the issue’s case): no “needs `sentence` or `quote`” on its line',
    clean: `${HEAD}  - sentence: 3\n    actors: [us]\n    note: fine\n  - sentence: 4\n    actors: [Moscow]\n`,
    broken: `${HEAD}  - sentence: 3\n    actors: [us]\n   note: bad indent\n  - sentence: 4\n    actors: [Moscow]\n`,
    // The broken item is reported by the syntax error alone; the next item is still checked.
    expected: (t) => [
      { code: 'yaml-syntax', range: at(t, '   note', 0, 1) },
      { code: 'unknown-actor', range: at(t, 'Moscow') },
    ],
  },
  {
    name: 'a key one column to the left on the item’s second line: neither the artefact item nor the item it left is checked',
    clean: `${HEAD}  - sentence: 3\n    note: fine\n    actors: [Kyiv]\n  - sentence: 4\n    actors: [Moscow]\n`,
    broken: `${HEAD}  - sentence: 3\n   note: bad indent\n    actors: [Kyiv]\n  - sentence: 4\n    actors: [Moscow]\n`,
    expected: (t) => [
      { code: 'yaml-syntax', range: at(t, '   note', 0, 1) },
      // yaml reads `note: bad indent` and the next line as a nested mapping, and says so at its value.
      { code: 'yaml-syntax', range: at(t, 'bad indent', 0, 1) },
      { code: 'yaml-syntax', range: { start: at(t, 'bad indent').start, end: at(t, '    actors: [Kyiv]', 0, 10).end } },
      { code: 'unknown-actor', range: at(t, 'Moscow') },
    ],
  },
  {
    name: 'a stance key one column off: the stance’s “missing `toward` and `stance`” is not reported',
    clean: `${HEAD}  - sentence: 3\n    actors: [us]\n    stances:\n      - actor: us\n        toward: us-russia-dialogue\n        stance: supports\n  - sentence: 4\n    actors: [Moscow]\n`,
    broken: `${HEAD}  - sentence: 3\n    actors: [us]\n    stances:\n      - actor: us\n       toward: us-russia-dialogue\n        stance: supports\n  - sentence: 4\n    actors: [Moscow]\n`,
    expected: (t) => [
      { code: 'yaml-syntax', range: at(t, '       toward', 0, 1) },
      { code: 'yaml-syntax', range: at(t, 'us-russia', 0, 1) },
      { code: 'yaml-syntax', range: { start: at(t, 'us-russia').start, end: at(t, '        stance', 0, 14).end } },
      { code: 'unknown-actor', range: at(t, 'Moscow') },
    ],
  },
  {
    name: 'an unclosed flow list: YAML notices it at the next item, and neither item is checked',
    clean: `${HEAD}  - sentence: 3\n    actors: [us, Moscow]\n  - sentence: 4\n    actors: [rubio]\n  - sentence: 5\n    actors: [Kyiv]\n`,
    broken: `${HEAD}  - sentence: 3\n    actors: [us, Moscow\n  - sentence: 4\n    actors: [rubio]\n  - sentence: 5\n    actors: [Kyiv]\n`,
    expected: (t) => [
      { code: 'yaml-syntax', range: at(t, '- sentence: 4', 0, 1) },
      { code: 'yaml-syntax', range: at(t, '4', 0, 1) },
      { code: 'yaml-syntax', range: { start: at(t, '4').start, end: at(t, '    actors: [rubio]', 0, 10).end } },
      { code: 'unknown-actor', range: at(t, 'Kyiv') },
    ],
  },
  {
    name: 'an unclosed quote swallows the rest of the file: no quote-not-found for what it swallowed',
    clean: `${HEAD}  - sentence: 4\n    actors: [Moscow]\n  - sentence: 3\n    quote: "held a high-level meeting"\n  - sentence: 4\n    actors: [rubio]\n`,
    broken: `${HEAD}  - sentence: 4\n    actors: [Moscow]\n  - sentence: 3\n    quote: "held a high-level meeting\n  - sentence: 4\n    actors: [rubio]\n`,
    expected: (t) => [
      { code: 'unknown-actor', range: at(t, 'Moscow') },
      { code: 'yaml-syntax', range: { start: positionAt(t, t.length), end: positionAt(t, t.length) } },
    ],
  },
  {
    name: 'a missing colon after `article`: no “Missing `article`”, “Missing `annotations`” or unknown key',
    clean: `${HEAD}  - sentence: 3\n`,
    broken: `article ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n`,
    expected: (t) => [{ code: 'yaml-syntax', range: { start: positionAt(t, 0), end: at(t, 'annotations:', 0, 11).end } }],
  },
  {
    name: 'an unclosed flow list in `codebook`: no “`codebook` must be a path”',
    clean: `article: ../articles/riyadh.txt\ncodebook: ../codebook.yaml\nannotations:\n  - sentence: 3\n    actors: [Moscow]\n`,
    broken: `article: ../articles/riyadh.txt\ncodebook: [../codebook.yaml\nannotations:\n  - sentence: 3\n    actors: [Moscow]\n`,
    expected: (t) => [
      { code: 'yaml-syntax', range: at(t, 'annotations:', 0, 1) },
      { code: 'unknown-actor', range: at(t, 'Moscow') },
    ],
  },
  {
    name: 'a list item one column to the left: the item before it is broken too, even where its own text did not change (no result from before the edit)',
    clean: `${HEAD}  - sentence: 3\n    actors: [Moscow]\n  - sentence: 4\n    actors: [us]\n`,
    broken: `${HEAD}  - sentence: 3\n    actors: [Moscow]\n - sentence: 4\n    actors: [us]\n`,
    expected: (t) => [
      { code: 'yaml-syntax', range: at(t, ' - sentence: 4', 0, 1) },
      { code: 'yaml-syntax', range: at(t, '- sentence: 4', 0, 1) },
      { code: 'yaml-syntax', range: { start: at(t, '- sentence: 4').start, end: positionAt(t, t.length) } },
      { code: 'yaml-syntax', range: at(t, '4', 0, 1) },
      { code: 'yaml-syntax', range: { start: at(t, '4').start, end: at(t, '    actors: [us]', 0, 10).end } },
    ],
  },
  {
    name: 'a duplicate key breaks nothing: the item is still checked',
    clean: `${HEAD}  - sentence: 3\n    actors: [Moscow]\n`,
    broken: `${HEAD}  - sentence: 3\n    sentence: 4\n    actors: [Moscow]\n`,
    expected: (t) => [
      { code: 'yaml-syntax', range: at(t, 'sentence', 1) },
      { code: 'unknown-actor', range: at(t, 'Moscow') },
    ],
  },
];

describe('after a syntax error, the nodes it broke are reported by it alone', () => {
  for (const c of CASES) {
    for (const eol of ['\n', '\r\n']) {
      const name = `${c.name}${eol === '\r\n' ? ' (CRLF)' : ''}`;
      const clean = c.clean.replace(/\n/g, eol);
      const broken = c.broken.replace(/\n/g, eol);
      it(name, async () => {
        const expected = c.expected(broken);
        const byPosition = (a: { range: Range }, b: { range: Range }) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
        expect((await diagnosticsOf(broken)).map(key).sort(byPosition)).toEqual([...expected].sort(byPosition));
        // Through an edit of the clean file, and back: the same as a fresh check each time.
        const session = await edited(clean, broken);
        expect(session.broken.map(key).sort(byPosition)).toEqual([...expected].sort(byPosition));
        expect(session.repaired).toEqual(await diagnosticsOf(clean));
        // The incremental parse of the edit agrees with a full parse.
        const updated = updateAnnotationFile(parseAnnotationFile(clean), broken);
        expect(updated.problems).toEqual(parseAnnotationFile(broken).problems);
        expect(updated.annotations.map((a) => a.valid)).toEqual(parseAnnotationFile(broken).annotations.map((a) => a.valid));
      });
    }
  }

  it('the issue’s case, message by message: the syntax error and nothing on its line', async () => {
    const text = `${HEAD}  - sentence: 3\n    actors: [us]\n   note: bad indent\n`;
    const diagnostics = await diagnosticsOf(text);
    expect(diagnostics.map((d) => [d.code, d.range, d.message])).toEqual([['yaml-syntax', at(text, '   note', 0, 1), 'YAML syntax: Sequence item without - indicator']]);
  });

  it('a broken item gets no result cached from before the edit (results are found by item text after a full parse)', async () => {
    // Ten items, so that the check cache looks results up by item text; the last but one is the one the error breaks.
    const items = Array.from({ length: 10 }, (_, k) => `  - sentence: ${(k % 6) + 1}\n    actors: [Moscow]\n    note: item ${k}\n`);
    const clean = `${HEAD}${items.join('')}`;
    const broken = `${HEAD}${items.slice(0, 9).join('')}${items[9].replace('  - sentence', ' - sentence')}`;
    const session = await edited(clean, broken);
    const expected = (await diagnosticsOf(broken)).map(key);
    expect(session.broken.map(key)).toEqual(expected);
    // Items 1–8 are checked (unknown-actor each); item 9, before the mis-indented dash, is broken, and so is item 10.
    expect(expected.filter((d) => d.code === 'unknown-actor').map((d) => d.range)).toEqual(Array.from({ length: 8 }, (_, k) => at(broken, 'Moscow', k)));
  });

  it('a broken item keeps its place: items after it keep their numbers and ids', async () => {
    const text = `${HEAD}  - id: first\n    sentence: 3\n   note: bad indent\n  - id: first\n    sentence: 4\n`;
    const model = parseAnnotationFile(text);
    expect(model.annotations.map((a) => [a.index, a.valid, a.id?.value])).toEqual([
      [0, false, undefined],
      [1, false, undefined],
      [2, true, 'first'],
    ]);
    // The broken items have no values, so the repeated id is not reported until the file parses again.
    expect((await diagnosticsOf(text)).map((d) => d.code)).toEqual(['yaml-syntax']);
  });
});

describe('codebook: after a syntax error, the entries it broke are reported by it alone', () => {
  // One deliberate schema problem the errors below never touch: it must still be reported.
  const BASE = CODEBOOK.replace('    aliases: [Lavrov]\n', '    aliases: [Lavrov]\n    colour: red\n');
  const ANNOTATIONS = 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    actors: [rubio, us]\n';
  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

  async function codebookDiagnostics(codebook: string): Promise<{ codebook: Diagnostic[]; annotations: Diagnostic[] }> {
    const { ws, service } = workspace({ 'codebook.yaml': codebook, 'articles/riyadh.txt': ARTICLE, [FILE]: ANNOTATIONS });
    await service.initialize();
    return { codebook: await service.diagnostics(ws.uri('codebook.yaml')), annotations: await service.diagnostics(ws.uri(FILE)) };
  }
  const unusedIds = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'unused-entry').map((d) => /`([^`]+)`/.exec(typeof d.message === 'string' ? d.message : d.message.value)![1]);
  const others = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code !== 'unused-entry').map((d) => [d.code, d.range.start.line, d.range.start.character]);
  const colour = (text: string) => ['schema', lineOf(text, '    colour: red'), 4];

  it('the clean codebook: the deliberate unknown key and the unused entries', async () => {
    const { codebook } = await codebookDiagnostics(BASE);
    expect(others(codebook)).toEqual([colour(BASE)]);
    expect(unusedIds(codebook)).toEqual(['russia', 'ukraine', 'saudi-arabia', 'lavrov', 'ukraine-nato-membership', 'us-russia-dialogue']);
  });

  it('a key one column to the left inside an actor: no “needs a `name`”, unknown key or unused entry for what it made of the line', async () => {
    const text = BASE.replace('    type: person\n    affiliation: us', '    type: person\n   affiliation: us');
    const line = lineOf(text, '   affiliation: us');
    const { codebook, annotations } = await codebookDiagnostics(text);
    // YAML reads `affiliation` as an actor of its own (line 0), and `us aliases` as one of its keys (column 16).
    expect(others(codebook)).toEqual([['yaml-syntax', line, 0], ['yaml-syntax', line, 16], ['yaml-syntax', line, 16], colour(text)]);
    expect(unusedIds(codebook)).toEqual(['russia', 'ukraine', 'saudi-arabia', 'lavrov', 'ukraine-nato-membership', 'us-russia-dialogue']);
    // `rubio` (the entry before the error's line) still exists for the annotation files.
    expect(annotations.map((d) => d.code)).not.toContain('unknown-actor');
  });

  it('an actor id one column to the left: no “Unknown key” for the ids YAML now reads as top-level keys', async () => {
    const text = BASE.replace('  ukraine:\n', ' ukraine:\n');
    const { codebook } = await codebookDiagnostics(text);
    const lines = [' ukraine:', '  saudi-arabia:', '  rubio:', '  lavrov:'].map((needle) => lineOf(text, needle));
    // `lavrov` is one of them: its entry is not read as an actor, so its unknown `colour` goes unreported with it.
    expect(others(codebook)).toEqual(lines.map((line) => ['yaml-syntax', line, 0]));
    // `russia`, whose entry ends where the error is noticed, is broken too: not reported unused.
    expect(unusedIds(codebook)).toEqual(['ukraine-nato-membership', 'us-russia-dialogue']);
  });

  it('a missing colon after `actors`: no “Missing `actors`” and no unknown keys', async () => {
    const text = BASE.replace('actors:\n', 'actors\n');
    const { codebook } = await codebookDiagnostics(text);
    expect(codebook.filter((d) => d.code === 'schema')).toEqual([]);
    expect(codebook.some((d) => d.code === 'yaml-syntax')).toBe(true);
  });

  it('a key without its colon inside an actor: no “needs a `name`” and no unknown key; that actor is not reported unused (CRLF)', async () => {
    const text = BASE.replace('    name: Russia\n', '    name Russia\n').replace(/\n/g, '\r\n');
    const { codebook } = await codebookDiagnostics(text);
    expect(others(codebook)).toEqual([['yaml-syntax', lineOf(text, '    name Russia'), 4], colour(text)]);
    expect(unusedIds(codebook)).toEqual(['ukraine', 'saudi-arabia', 'lavrov', 'ukraine-nato-membership', 'us-russia-dialogue']);
  });
});
