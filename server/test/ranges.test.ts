import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineMap } from '../src/service/text/lineMap';
import { CODEBOOK, message, only, positionOf, rangeOf, workspace } from './helpers';

const BOM = '\ufeff';

/** A CRLF article with a BOM, emoji (surrogate pairs) and curly quotes. */
const ARTICLE_CRLF = [
  'Europe Watches the Riyadh Talks 🇪🇺',
  'By Ilse Brandt | Feb 20, 2025',
  '',
  '🕊️ Diplomats in Brussels called the meeting “premature” — and Kyiv agreed.',
  'Moscow’s envoy, Sergey V. Lavrov, said the U.S. “finally listens.”',
].join('\r\n');

describe('LineMap', () => {
  it('maps offsets and positions across CRLF, CR and LF', () => {
    const map = new LineMap('ab\r\ncd\ref\ngh');
    expect(map.positionAt(4)).toEqual({ line: 1, character: 0 });
    expect(map.positionAt(7)).toEqual({ line: 2, character: 0 });
    expect(map.positionAt(10)).toEqual({ line: 3, character: 0 });
    expect(map.offsetAt({ line: 1, character: 1 })).toBe(5);
    expect(map.lineText(0)).toBe('ab');
    expect(map.offsetAt({ line: 0, character: 99 })).toBe(2); // past the end of a line: the line's end, before \r\n
  });

  it('agrees with splitting the text at every line break, with and without CR (seeded fuzz)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', '🇺🇦', ' ', '\n', '\r\n', '\r', '\n\n'), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const map = new LineMap(text);
        const lines = text.split(/\r\n|\r|\n/);
        expect(map.lineCount).toBe(lines.length);
        let offset = 0;
        lines.forEach((line, n) => {
          expect(map.lineStart(n)).toBe(offset);
          expect(map.lineText(n)).toBe(line);
          offset += line.length + (text.startsWith('\r\n', offset + line.length) ? 2 : offset + line.length < text.length ? 1 : 0);
        });
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('counts UTF-16 code units: an emoji is two', () => {
    const map = new LineMap('🇺🇦 x');
    expect(map.positionAt(5)).toEqual({ line: 0, character: 5 });
  });
});

describe('exact ranges in a CRLF article with a BOM, emoji and curly quotes', () => {
  it('definition of a sentence lands exactly on it, in BOM-free UTF-16 positions', async () => {
    const annotation = 'article: ../articles/europe.txt\r\nannotations:\r\n  - sentence: 3\r\n    quote: called the meeting "premature"\r\n  - sentence: 4\r\n';
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/europe.txt': BOM + ARTICLE_CRLF, 'annotations/europe.stance.yaml': annotation });
    await service.initialize();
    const uri = ws.uri('annotations/europe.stance.yaml');

    const [sentence] = await service.definition(uri, positionOf(annotation, '3'));
    expect(sentence.uri).toBe(ws.uri('articles/europe.txt'));
    const expectedSentence = '🕊️ Diplomats in Brussels called the meeting “premature” — and Kyiv agreed.';
    expect(sentence.range).toEqual(rangeOf(ARTICLE_CRLF, expectedSentence));
    expect(sentence.range).toEqual({ start: { line: 3, character: 0 }, end: { line: 3, character: 75 } });

    const [quote] = await service.definition(uri, positionOf(annotation, 'called the meeting'));
    expect(quote.range).toEqual(rangeOf(ARTICLE_CRLF, 'called the meeting “premature”'));
    // 🕊️ is U+1F54A (two UTF-16 units) + U+FE0F: "called" starts at character 26.
    expect(quote.range).toEqual({ start: { line: 3, character: 26 }, end: { line: 3, character: 56 } });

    const [last] = await service.definition(uri, positionOf(annotation, '4'));
    expect(last.range).toEqual(rangeOf(ARTICLE_CRLF, 'Moscow’s envoy, Sergey V. Lavrov, said the U.S. “finally listens.”'));
  });

  it('diagnostics in a CRLF annotation file point at the exact value, after emoji in the YAML', async () => {
    const annotation =
      '# Notes 🇺🇦 on the talks\r\narticle: ../articles/europe.txt\r\nannotations:\r\n  - sentence: 3 # 🕊️ dove\r\n    note: “quoted” — fine 🇪🇺\r\n    actors: [ukraine, moscow]\r\n  - sentence: 99\r\n';
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/europe.txt': BOM + ARTICLE_CRLF, 'annotations/europe.stance.yaml': annotation });
    await service.initialize();
    const diagnostics = await service.diagnostics(ws.uri('annotations/europe.stance.yaml'));
    expect(only(diagnostics, 'unknown-actor')[0].range).toEqual(rangeOf(annotation, 'moscow'));
    expect(only(diagnostics, 'sentence-out-of-range')[0].range).toEqual(rangeOf(annotation, '99'));
    expect(message(only(diagnostics, 'sentence-out-of-range')[0])).toContain('has 4 sentences');
  });

  it('hover over a quote emphasises the matched words inside the sentence', async () => {
    const annotation = 'article: ../articles/europe.txt\nannotations:\n  - quote: finally listens\n';
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/europe.txt': BOM + ARTICLE_CRLF, 'annotations/europe.stance.yaml': annotation });
    await service.initialize();
    const hover = await service.hover(ws.uri('annotations/europe.stance.yaml'), positionOf(annotation, 'finally'));
    const value = (hover?.contents as { value: string }).value;
    expect(value).toContain('**Sentence 4 of 4**');
    expect(value).toContain('**finally listens**');
    expect(value).toContain('Moscow’s envoy');
    expect(hover?.range).toEqual(rangeOf(annotation, 'finally listens'));
  });

  it('a BOM in an annotation file does not shift ranges', async () => {
    const annotation = 'article: ../articles/europe.txt\nannotations:\n  - sentence: 77\n';
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/europe.txt': ARTICLE_CRLF, 'annotations/europe.stance.yaml': BOM + annotation });
    await service.initialize();
    const [diagnostic] = await service.diagnostics(ws.uri('annotations/europe.stance.yaml'));
    expect(diagnostic.range).toEqual(rangeOf(annotation, '77'));
  });

  it('a quote with curly quotes in the YAML matches straight quotes in the article and vice versa', async () => {
    const article = 'He said "no deal" and called it \'premature\'.\n';
    const annotation = 'article: a.txt\nannotations:\n  - quote: said “no deal”\n  - quote: called it ’premature’\n';
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'a.txt': article, 'a.stance.yaml': annotation });
    await service.initialize();
    expect(await service.diagnostics(ws.uri('a.stance.yaml'))).toEqual([]);
  });
});
