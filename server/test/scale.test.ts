import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseAnnotationFile, type AnnotationFileModel } from '../src/service/model/annotationFile';
import { parseAnnotationFileInSteps } from '../src/service/model/stepwiseParse';
import { codes, message, only, rangeOf, workspace } from './helpers';

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
    expect(message(summary)).toBe('This file has 1,503 problems; the editor is sent 1,000 (the most severe, then the first in the file). 503 more are not shown (503 warnings); the first of them is here. `standpoint check annotations/a.stance.yaml` lists them all.');
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
    expect(message(only(shown, 'too-many-problems')[0])).toBe("This file has 6 problems; the editor is sent 1 (the most severe, then the first in the file). 5 more are not shown (1 error, 4 warnings); the first of them is here. `standpoint check 'annotations/Bob'\\''s notes.stance.yaml'` lists them all.");
  });
});

describe('parsing a large file in steps (the language server gives way between them)', () => {
  /** What must be equal to a full parse (as in incremental.test.ts). */
  function comparable(model: AnnotationFileModel): unknown {
    return { problems: model.problems, annotations: model.annotations, chunks: model.chunks, article: model.article, codebook: model.codebook, hardWrapped: model.hardWrapped, headSpan: model.headSpan, text: model.text, edit: model.edit };
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
