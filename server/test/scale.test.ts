import { describe, expect, it } from 'vitest';
import { codes, message, only, workspace } from './helpers';

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
