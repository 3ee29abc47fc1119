import { describe, expect, it } from 'vitest';
import type { AnnotatedArticle } from '../src/service/analysis/types';
import { collect } from '../src/formats/chunks';
import { writeW3c } from '../src/formats/w3c';

// A BOM, CRLF line ends, a flag emoji (two code points outside the BMP) before the quote, curly quotes.
const ANKARA = '\uFEFFAnkara 🇹🇷 hosted the talks.\r\nMoscow “welcomed” them; Kyiv did not.\r\n';
// Plain BMP text, LF only, no BOM.
const ZURICH = 'Bern said little. Zürich banks said less.\n';

const ARTICLES: AnnotatedArticle[] = [
  {
    article: 'articles/ankara talks.txt',
    text: ANKARA,
    annotations: [
      {
        file: 'annotations/ankara talks.stance.yaml',
        annotation: 'welcome',
        coder: 'ana',
        sentence: 2,
        // “welcomed”: code points 36–46 of the text after the BOM (worked out by hand: "Ankara " 0–6, the flag 7–8, …, CRLF 27–28, "Moscow " 29–35).
        start: 36,
        end: 46,
        actors: ['ru', 'ru'],
        stances: [{ actor: 'ru', stance: 'supports', toward: 'talks' }],
        note: 'First “reaction”, see <wire> & =SUM(1)',
      },
      {
        file: 'annotations/ankara talks.stance.yaml',
        annotation: '2',
        sentence: 1,
        start: 0,
        end: 27,
        actors: ['tr'],
        stances: [],
      },
    ],
  },
  { article: 'articles/empty.txt', text: 'Nothing annotated here.', annotations: [] },
  {
    article: 'articles/zürich.txt',
    text: ZURICH,
    annotations: [{ file: 'annotations/zürich.stance.yaml', annotation: 'z1', sentence: 2, start: 18, end: 41, actors: [], stances: [{ actor: 'ch-banks', stance: 'neutral', toward: 'sanctions' }] }],
  },
];

/** Code points, counted independently of the writer: Array.from splits a string into code points. */
const codePoints = (text: string) => Array.from(text.startsWith('\uFEFF') ? text.slice(1) : text);

describe('W3C Web Annotation export', () => {
  const output = collect(writeW3c(ARTICLES));
  const collection = JSON.parse(output);

  it('is one AnnotationCollection with the page of annotations embedded (expected value written by hand)', () => {
    expect(collection).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: '',
      type: 'AnnotationCollection',
      label: 'Standpoint annotations',
      first: {
        id: '#page-1',
        type: 'AnnotationPage',
        startIndex: 0,
        items: [
          {
            id: 'annotations/ankara%20talks.stance.yaml#welcome',
            type: 'Annotation',
            motivation: 'tagging',
            creator: { type: 'Person', nickname: 'ana' },
            body: [
              { type: 'TextualBody', purpose: 'tagging', value: 'ru' },
              { type: 'TextualBody', purpose: 'describing', value: 'ru supports talks' },
              { type: 'TextualBody', purpose: 'commenting', value: 'First “reaction”, see <wire> & =SUM(1)' },
            ],
            target: {
              source: 'articles/ankara%20talks.txt',
              selector: [
                { type: 'TextQuoteSelector', exact: '“welcomed”', prefix: 'ra 🇹🇷 hosted the talks.\r\nMoscow ', suffix: ' them; Kyiv did not.\r\n' },
                { type: 'TextPositionSelector', start: 36, end: 46 },
              ],
            },
          },
          {
            id: 'annotations/ankara%20talks.stance.yaml#2',
            type: 'Annotation',
            motivation: 'tagging',
            body: [{ type: 'TextualBody', purpose: 'tagging', value: 'tr' }],
            target: {
              source: 'articles/ankara%20talks.txt',
              selector: [
                { type: 'TextQuoteSelector', exact: 'Ankara 🇹🇷 hosted the talks.', suffix: '\r\nMoscow “welcomed” them; Kyiv d' },
                { type: 'TextPositionSelector', start: 0, end: 27 },
              ],
            },
          },
          {
            id: 'annotations/zürich.stance.yaml#z1',
            type: 'Annotation',
            motivation: 'tagging',
            body: [{ type: 'TextualBody', purpose: 'describing', value: 'ch-banks neutral sanctions' }],
            target: {
              source: 'articles/zürich.txt',
              selector: [
                { type: 'TextQuoteSelector', exact: 'Zürich banks said less.', prefix: 'Bern said little. ', suffix: '\n' },
                { type: 'TextPositionSelector', start: 18, end: 41 },
              ],
            },
          },
        ],
      },
      total: 3,
    });
  });

  it('each selector applied to its article text (code points after the BOM) gives back its quote and its context', () => {
    const texts = new Map(ARTICLES.map((a) => [encodeURI(a.article).replace(/%C3%BC/g, 'ü'), a.text]));
    for (const annotation of collection.first.items) {
      const points = codePoints(texts.get(annotation.target.source)!);
      const [quote, position] = annotation.target.selector;
      expect(points.slice(position.start, position.end).join('')).toBe(quote.exact);
      expect(points.slice(Math.max(0, position.start - 32), position.start).join('')).toBe(quote.prefix ?? '');
      expect(points.slice(position.end, position.end + 32).join('')).toBe(quote.suffix ?? '');
      // The quote selector alone finds the same place: prefix + exact + suffix occurs once, where the position says.
      const text = points.join('');
      const whole = `${quote.prefix ?? ''}${quote.exact}${quote.suffix ?? ''}`;
      const at = text.indexOf(whole);
      expect(at).not.toBe(-1);
      expect(text.indexOf(whole, at + 1)).toBe(-1);
      expect(Array.from(text.slice(0, at)).length + Array.from(quote.prefix ?? '').length).toBe(position.start);
    }
  });

  it('prefix and suffix are cut at 32 code points, never inside a surrogate pair', () => {
    const emoji = '😀'.repeat(40);
    const [item] = JSON.parse(
      collect(writeW3c([{ article: 'a.txt', text: `${emoji}X${emoji}`, annotations: [{ file: 'a.stance.yaml', annotation: '1', sentence: 1, start: 40, end: 41, actors: [], stances: [] }] }])),
    ).first.items;
    expect(item.target.selector[0]).toEqual({ type: 'TextQuoteSelector', exact: 'X', prefix: '😀'.repeat(32), suffix: '😀'.repeat(32) });
  });

  it('no annotations: an empty collection', () => {
    expect(collect(writeW3c([]))).toBe(
      '{\n  "@context": "http://www.w3.org/ns/anno.jsonld",\n  "id": "",\n  "type": "AnnotationCollection",\n  "label": "Standpoint annotations",\n' +
        '  "first": {\n    "id": "#page-1",\n    "type": "AnnotationPage",\n    "startIndex": 0,\n    "items": []\n  },\n  "total": 0\n}\n',
    );
  });

  it('offsets outside the article are a clear error', () => {
    const bad: AnnotatedArticle = { article: 'a.txt', text: '\uFEFFab😀', annotations: [{ file: 'a.stance.yaml', annotation: 'x', sentence: 1, start: 1, end: 4, actors: [], stances: [] }] };
    expect(() => collect(writeW3c([bad]))).toThrow('annotation x of a.stance.yaml: code points 1–4 are not within a.txt (3 code points)');
  });
});
