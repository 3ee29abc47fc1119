import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseAnnotationFile, type AnnotationFileModel } from '../src/service/model/annotationFile';
import { parseAnnotationFileInSteps } from '../src/service/model/stepwiseParse';
import { codes, message, only, positionAt, rangeOf, workspace } from './helpers';
import { LineMap } from '../src/service/text/lineMap';
import { tempWorkspace } from './support/tempWorkspace';
import { main } from '../src/cli/main';
import { prng } from './support/prng';
import { createLanguageService, InMemoryWorkspace } from '../src/service/index';

/**
 * Files with very many annotations or problems (issue 10, item 2). Every step
 * of the diagnostics path must be linear in the number of annotations and of
 * problems: each case below was quadratic once, and took minutes on a file a
 * script can write. The test timeout is only a hang guard; the bench times them.
 */

const CODEBOOK = `actors:
  us:
    name: United States
    aliases: [Washington]
`;

/** The first `length` letters of a de Bruijn sequence over a–z of order 3: every run of 3 or more letters in it occurs once. */
function deBruijn(length: number): string {
  const k = 26;
  const n = 3;
  const a = new Array<number>(k * n).fill(0);
  let out = '';
  const db = (t: number, p: number): void => {
    if (out.length >= length) return;
    if (t > n) {
      if (n % p === 0) for (let j = 1; j <= p; j++) out += String.fromCharCode(97 + a[j]);
      return;
    }
    a[t] = a[t - p];
    db(t + 1, p);
    for (let j = a[t - p] + 1; j < k; j++) {
      a[t] = j;
      db(t + 1, t);
    }
  };
  db(1, 1);
  return out.slice(0, length);
}

function annotationFile(items: readonly string[]): string {
  return `article: ../articles/long.txt\nannotations:\n${items.join('')}`;
}

describe('linear in the number of annotations and problems', () => {
  it('30,000 annotations that share one id: each duplicate-id suggests the next free id', async () => {
    const n = 30_000;
    const items = Array.from({ length: n }, () => '  - id: same\n    sentence: 1\n    actors: [us]\n');
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/long.txt': 'Washington spoke first.\n', 'annotations/a.stance.yaml': annotationFile(items) });
    const diagnostics = await service.diagnostics(ws.uri('annotations/a.stance.yaml'));
    const duplicates = only(diagnostics, 'duplicate-id');
    expect(duplicates).toHaveLength(n - 1);
    // The k-th repeat (k from 1) is offered `same-(k+1)`: every suggestion is unused and used once.
    expect(message(duplicates[0])).toContain('`same-2`');
    expect(message(duplicates[n - 2])).toContain(`\`same-${n}\``);
  }, 30_000);

  it('40,000 annotations of one sentence, with the same actor and each its own quote, are not duplicates', async () => {
    // Quotes of 3 to 202 letters from the first 402 of a de Bruijn sequence: all different, all in the sentence.
    const letters = deBruijn(402);
    const quotes: string[] = [];
    for (let from = 0; from < 200; from++) for (let length = 3; length < 203; length++) quotes.push(letters.slice(from, from + length));
    expect(new Set(quotes).size).toBe(40_000);
    const items = quotes.map((quote) => `  - sentence: 1\n    quote: "${quote}"\n    actors: [us]\n`);
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/long.txt': `Washington said ${letters}.\n`, 'annotations/a.stance.yaml': annotationFile(items) });
    const diagnostics = await service.diagnostics(ws.uri('annotations/a.stance.yaml'));
    expect(codes(diagnostics)).toEqual([]);
    // Two of the same quote are one annotation written twice.
    const repeated = annotationFile([items[0], items[1], items[0]]);
    const { ws: ws2, service: service2 } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/long.txt': `Washington said ${letters}.\n`, 'annotations/a.stance.yaml': repeated });
    expect(codes(await service2.diagnostics(ws2.uri('annotations/a.stance.yaml')))).toEqual(['duplicate-annotation']);
  }, 30_000);
});

describe('the editor is sent at most 1,000 diagnostics of a file', () => {
  const ARTICLE = 'Washington spoke first. Then Washington spoke again.\n';
  /** 1,501 annotations of sentence 1 (1,500 duplicate-annotation warnings), then 3 unknown actors (errors) at the end. */
  function flooded(): string {
    const items = Array.from({ length: 1501 }, (_, i) => `  - id: d${i}\n    sentence: 1\n    actors: [us]\n`);
    for (const id of ['nobody-a', 'nobody-b', 'nobody-c']) items.push(`  - sentence: 2\n    actors: [${id}]\n`);
    return annotationFile(items);
  }

  it('keeps every error, then the first warnings in file order, and says at the first left out how many more there are', async () => {
    const text = flooded();
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/long.txt': ARTICLE, 'annotations/a.stance.yaml': text });
    const uri = ws.uri('annotations/a.stance.yaml');
    const all = await service.diagnostics(uri);
    expect(all).toHaveLength(1503);
    const shown = await service.diagnostics(uri, { limit: 1000 });
    expect(shown).toHaveLength(1001);
    expect(only(shown, 'unknown-actor').map((d) => d.range)).toEqual(['nobody-a', 'nobody-b', 'nobody-c'].map((id) => rangeOf(text, id)));
    // Annotation k (from 0) has its `sentence: 1` value on line 3 + 3k, at column 14; the warnings of annotations 1–997 are shown.
    const warnings = only(shown, 'duplicate-annotation');
    expect(warnings.map((d) => d.range.start.line)).toEqual(Array.from({ length: 997 }, (_, k) => 3 + 3 * (k + 1)));
    const [summary, ...more] = only(shown, 'too-many-problems');
    expect(more).toEqual([]);
    expect(summary.severity).toBe(DiagnosticSeverity.Information);
    expect(summary.source).toBe('standpoint');
    expect(summary.range).toEqual({ start: { line: 3 + 3 * 998, character: 14 }, end: { line: 3 + 3 * 998, character: 15 } });
    expect(message(summary)).toBe(
      'This file has 1,503 problems; the editor is sent 1,000 (the most severe, then the first in the file). 503 more are not shown (503 warnings); the first of them is here. `standpoint check annotations/a.stance.yaml` lists them all.',
    );
    // Sorted by position, as every list of diagnostics is.
    const lines = shown.map((d) => d.range.start.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('cuts lists computed in full elsewhere (worker threads, the persisted index) the same way', async () => {
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/long.txt': ARTICLE, 'annotations/a.stance.yaml': flooded() });
    const uri = ws.uri('annotations/a.stance.yaml');
    const all = await service.diagnostics(uri);
    expect(service.limitDiagnostics(uri, all, 1000)).toEqual(await service.diagnostics(uri, { limit: 1000 }));
    expect(service.limitDiagnostics(uri, all.slice(0, 999), 1000)).toEqual(all.slice(0, 999));
  });

  it('counts only what `rules:` leaves on, and sends a file within the limit whole', async () => {
    const { ws, service } = workspace({ 'codebook.yaml': `${CODEBOOK}rules:\n  duplicate-annotation: off\n`, 'articles/long.txt': ARTICLE, 'annotations/a.stance.yaml': flooded() });
    expect(codes(await service.diagnostics(ws.uri('annotations/a.stance.yaml'), { limit: 1000 }))).toEqual(['unknown-actor', 'unknown-actor', 'unknown-actor']);
  });

  it('quotes a path with spaces for the shell, and names each kind left out', async () => {
    const items = Array.from({ length: 4 }, () => '  - sentence: 1\n    actors: [us]\n');
    items.push('  - sentence: 1\n    actors: [nobody]\n', '  - sentence: 1\n    actors: [nobody]\n');
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/long.txt': ARTICLE, "annotations/Bob's notes.stance.yaml": annotationFile(items) });
    const shown = await service.diagnostics(ws.uri("annotations/Bob's notes.stance.yaml"), { limit: 1 });
    // 2 errors and 4 warnings (3 repeats of the first annotation, and the second unknown actor repeats the first): one error is shown.
    expect(codes(shown).sort()).toEqual(['too-many-problems', 'unknown-actor']);
    expect(message(only(shown, 'too-many-problems')[0])).toBe(
      "This file has 6 problems; the editor is sent 1 (the most severe, then the first in the file). 5 more are not shown (1 error, 4 warnings); the first of them is here. `standpoint check 'annotations/Bob'\\''s notes.stance.yaml'` lists them all.",
    );
  });
});

describe('parsing a large file in steps (the language server gives way between them)', () => {
  /** What must be equal to a full parse (as in incremental.test.ts). */
  function comparable(model: AnnotationFileModel): unknown {
    return {
      problems: model.problems,
      annotations: model.annotations,
      chunks: model.chunks,
      article: model.article,
      codebook: model.codebook,
      hardWrapped: model.hardWrapped,
      headSpan: model.headSpan,
      text: model.text,
      edit: model.edit,
    };
  }

  /** A file of `n` annotations of every shape: quotes, stances in both styles, notes, comments and blank lines between items. */
  function generated(n: number): string {
    const items: string[] = [];
    for (let i = 0; i < n; i++) {
      const lines = [`  - id: a${i}`, `    sentence: ${(i % 7) + 1}`];
      if (i % 3 === 0) lines.push('    quote: “Washington” said — again');
      lines.push(`    actors: [us${i % 5 === 0 ? ', 🇺🇦' : ''}]`);
      if (i % 4 === 1) lines.push('    stances:', '      - actor: us', '        toward: ceasefire', '        stance: supports');
      if (i % 4 === 2) lines.push('    stances:', '      - { actor: us, toward: talks, stance: opposes }');
      if (i % 6 === 5) lines.push(`    note: "note ${i}: it's a “quoted” note"`);
      if (i % 10 === 9) lines.push('', '  # a comment between items');
      items.push(lines.join('\n'));
    }
    return `# Generated\narticle: ../articles/a.txt\ncodebook: ../codebook.yaml\nannotations:\n${items.join('\n')}\n`;
  }

  async function inSteps(text: string): Promise<{ model: AnnotationFileModel; pauses: number }> {
    let pauses = 0;
    const model = await parseAnnotationFileInSteps(text, async () => void pauses++, 300);
    return { model, pauses };
  }

  it('gives the model a full parse gives, pausing between steps', async () => {
    const text = generated(400);
    const { model, pauses } = await inSteps(text);
    expect(comparable(model)).toEqual(comparable(parseAnnotationFile(text)));
    // About one step per 300 characters of items.
    expect(pauses).toBeGreaterThan(text.length / 600);
  });

  it('parses in one go what it cannot cut (YAML errors, a key after the list, CRLF, a flow list), with the same result', async () => {
    const text = generated(120);
    const variants = [
      text.replace('  - id: a60\n', '  - id: a60\n    quote: "unclosed\n'),
      `${text}coder: ana\n`,
      text.replace(/\n/g, '\r\n'),
      'article: a.txt\nannotations: [{ sentence: 1 }, { sentence: 2 }]\n',
      text.replace('annotations:\n', 'annotations:\n  - sentence: 1\n   note: one column off\n'),
    ];
    for (const variant of variants) expect(comparable((await inSteps(variant)).model)).toEqual(comparable(parseAnnotationFile(variant)));
  });

  it('random edits of a large file, parsed in steps, always equal a full parse (seeded)', async () => {
    const start = generated(80);
    const pieces = ['', 'x', ' ', '\n', '\n  - sentence: 3\n    actors: [us]\n', '- ', ': ', '#', '"', '[', ']', '{', '}', '\t', 'codebook: x\n', '🇺🇦', '\r\n', '  - '];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: start.length }), fc.nat({ max: 40 }), fc.constantFrom(...pieces), async (at, remove, insert) => {
        const text = start.slice(0, at) + insert + start.slice(Math.min(start.length, at + remove));
        expect(comparable((await inSteps(text)).model)).toEqual(comparable(parseAnnotationFile(text)));
      }),
      { seed: 20261201, numRuns: 60 },
    );
  });
});

describe('standpoint check prints every problem, as it goes', () => {
  it('writes 30,000 problems in pieces of about 64 KB, waiting whenever the output is full, in the order and format of a whole print', async () => {
    const ws = tempWorkspace({
      'codebook.yaml': CODEBOOK,
      'articles/long.txt': 'Washington spoke first.\n',
      'annotations/a.stance.yaml': annotationFile(Array.from({ length: 30_001 }, (_, i) => `  - id: d${i}\n    sentence: 1\n    actors: [us]\n`)),
    });
    try {
      for (const format of ['text', 'json'] as const) {
        const pieces: string[] = [];
        let drains = 0;
        const io = {
          cwd: ws.root,
          env: { STANDPOINT_NO_CACHE: '1' },
          stdout: (text: string) => pieces.push(text) % 2 === 0, // the 1st, 3rd, 5th… write fills the stream
          stderr: () => undefined,
          drain: async () => void drains++,
        };
        expect(await main(['check', '.', '--format', format], io)).toBe(0);
        const output = pieces.join('');
        expect(pieces.length).toBeGreaterThan(20);
        for (const piece of pieces) expect(piece.length).toBeLessThan(64 * 1024 + 1024);
        expect(drains).toBe(Math.ceil(pieces.length / 2));
        // Annotation k (k ≥ 1) repeats annotation 0; its `1` is on line 4 + 3k (1-based), column 15.
        if (format === 'text') {
          const lines = output.split('\n').slice(0, -1);
          expect(lines).toHaveLength(30_000);
          expect(lines[0]).toBe(
            'annotations/a.stance.yaml:7:15: warning duplicate-annotation: Annotation 2 repeats annotation 1: both tag sentence 1 with the same actors and stances. Remove one, or merge their notes.',
          );
          expect(lines[29_999].startsWith('annotations/a.stance.yaml:90004:15: warning duplicate-annotation: Annotation 30001 repeats annotation 1')).toBe(true);
        } else {
          const parsed = JSON.parse(output) as { file: string; range: { start: { line: number } }; code: string }[];
          expect(parsed).toHaveLength(30_000);
          expect(parsed.map((p) => p.range.start.line)).toEqual(Array.from({ length: 30_000 }, (_, k) => 3 + 3 * (k + 1)));
          // The same bytes as printing the whole array at once.
          expect(output).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
        }
      }
    } finally {
      ws.dispose();
    }
  }, 60_000);
});

describe('checks after edits equal a fresh check (seeded random edit sequences)', () => {
  const ARTICLE = 'Washington spoke first. Then Moscow answered. Washington and Moscow agreed on a ceasefire. Kyiv was not asked.\n';
  const BOOK = `actors:
  us:
    name: United States
    aliases: [Washington]
  russia:
    name: Russia
    aliases: [Moscow]
  ukraine:
    name: Ukraine
    aliases: [Kyiv]
topics:
  ceasefire:
    label: A ceasefire
`;
  /** 40 annotations whose second half repeats the first (ids renumbered, a few ids kept): duplicates, conflicts, duplicate ids. */
  function start(): string {
    const half = Array.from({ length: 20 }, (_, i) => {
      const lines = [`  - id: a${i}`, `    sentence: ${(i % 4) + 1}`];
      if (i % 3 === 0) lines.push(`    quote: ${['Washington spoke', 'Moscow answered', 'agreed on a ceasefire', 'Kyiv was not asked'][i % 4]}`);
      lines.push(`    actors: [${['us', 'russia', 'us, russia', 'ukraine'][i % 4]}]`);
      if (i % 2 === 0) lines.push('    stances:', `      - { actor: ${['us', 'russia'][i % 2 === 0 && i % 4 === 2 ? 1 : 0]}, toward: ceasefire, stance: ${i % 8 === 0 ? 'opposes' : 'supports'} }`);
      if (i % 5 === 0) lines.push(`    note: "Coder note ${i}"`);
      return lines.join('\n');
    });
    const copies = half.map((item, i) => (i % 7 === 3 ? item : item.replace(/id: a(\d+)/, (_, n: string) => `id: a${Number(n) + 20}`)));
    return `article: ../articles/a.txt\nannotations:\n${[...half, ...copies].join('\n')}\n`;
  }

  /** One random edit, as someone typing or pasting would make it. */
  function edit(text: string, random: () => number): string {
    const lines = text.split('\n');
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const items = lines.flatMap((line, i) => (line.startsWith('  - ') ? [i] : []));
    const kind = Math.floor(random() * 9);
    if (kind === 0) {
      // Type or delete a character anywhere.
      const at = Math.floor(random() * (text.length + 1));
      return random() < 0.5 ? text.slice(0, at) + pick(['x', ' ', '"', ':', '-', '\n', '#', 'é', '🇺🇦']) + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    }
    const i = pick(items);
    const end = items.find((k) => k > i) ?? lines.length - 1;
    const item = lines.slice(i, end);
    if (kind === 1) return [...lines.slice(0, end), ...item, ...lines.slice(end)].join('\n'); // paste a copy after it
    if (kind === 2) return [...lines.slice(0, i), ...lines.slice(end)].join('\n'); // delete it
    const line = i + Math.floor(random() * item.length);
    const replace = (from: RegExp, to: string) => [...lines.slice(0, line), lines[line].replace(from, to), ...lines.slice(line + 1)].join('\n');
    if (kind === 3) return replace(/sentence: \d+/, `sentence: ${1 + Math.floor(random() * 5)}`);
    if (kind === 4) return replace(/actors: \[[^\]]*\]/, `actors: [${pick(['us', 'russia', 'ukraine', 'russia, us', 'nobody'])}]`);
    if (kind === 5) return replace(/stance: \w+/, `stance: ${pick(['supports', 'opposes', 'neutral', 'backs'])}`);
    if (kind === 6) return replace(/id: a\d+/, `id: a${Math.floor(random() * 45)}`);
    if (kind === 7) return replace(/note: "Coder note/, 'note: "Coder notes');
    return replace(/quote: .*/, `quote: ${pick(['Washington spoke', 'Moscow answered', 'agreed on a ceasefire', 'Moscow agreed'])}`);
  }

  it('25 sequences of 12 edits: every check of the edited file, paced and capped or not, is what a new service finds', async () => {
    for (let sequence = 0; sequence < 25; sequence++) {
      const random = prng(20261201 + sequence);
      let text = start();
      const files = { 'codebook.yaml': BOOK, 'articles/a.txt': ARTICLE, 'annotations/a.stance.yaml': text };
      const ws = new InMemoryWorkspace(files);
      // Parsed in steps of 300 characters from 1,000 on, giving way at every chance: the paths of the server.
      const service = createLanguageService({ workspace: ws, yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)), pacing: { sliceMs: 0, parseInStepsFrom: 1000, stepChars: 300 } });
      await service.initialize();
      const uri = ws.uri('annotations/a.stance.yaml');
      for (let step = 0; step < 12; step++) {
        text = edit(text, random);
        ws.write('annotations/a.stance.yaml', text);
        const limit = step % 2 ? 5 : undefined;
        const checked = await service.check(service.changed([uri]), undefined, { limit });
        // What a new service finds in the same texts (a new one for each question: nothing remembered).
        const fresh = async (asked: number | undefined) => {
          const service = createLanguageService({ workspace: new InMemoryWorkspace({ ...files, 'annotations/a.stance.yaml': text }) });
          await service.initialize();
          return service.diagnostics(uri, { limit: asked });
        };
        expect(checked.get(uri), `sequence ${sequence}, edit ${step}`).toEqual(await fresh(limit));
        // Asked again (as a pull after the scheduler's check), with the other limit, then the same one.
        const other = limit === undefined ? 5 : undefined;
        expect(await service.diagnostics(uri, { limit: other }), `sequence ${sequence}, edit ${step}, asked again`).toEqual(await fresh(other));
        expect(await service.diagnostics(uri, { limit })).toEqual(checked.get(uri));
      }
    }
  }, 120_000);
});

describe('LineMap', () => {
  it('rangeOf (one search when a span ends on its first line) equals positionAt of both ends, with LF, CRLF and CR (seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', '🇺🇦', ' ', '\n', '\r\n', '\r', '\n\n'), { maxLength: 40 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const text = pieces.join('');
        const lineMap = new LineMap(text);
        const start = a % (text.length + 2);
        const end = start + (b % 6);
        expect(lineMap.rangeOf({ start, end })).toEqual({ start: lineMap.positionAt(start), end: lineMap.positionAt(end) });
        // Away from the middle of a CRLF, as the test helper counts them.
        if (text[start - 1] !== '\r' && text[end - 1] !== '\r')
          expect(lineMap.rangeOf({ start, end })).toEqual({ start: positionAt(text, Math.min(start, text.length)), end: positionAt(text, Math.min(end, text.length)) });
      }),
      { seed: 20261201, numRuns: 2000 },
    );
  });
});
