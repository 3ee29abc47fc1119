import { describe, expect, it } from 'vitest';
import type { Hover } from 'vscode-languageserver-types';
import { ARTICLE, CODEBOOK, positionOf, rangeOf, workspace } from './helpers';

const ANNOTATIONS = `article: ../articles/riyadh.txt
codebook: ../codebook.yaml
annotations:
  - sentence: 3
    quote: held a high-level meeting
    actors: [us, russia]
    stances:
      - { actor: russia, toward: us-russia-dialogue, stance: supports }
      - { actor: russia, toward: ukraine, stance: opposes }
  - quote: still opposes
    actors: [lavrov]
`;

async function setup(codebook = CODEBOOK) {
  const { ws, service } = workspace({ 'codebook.yaml': codebook, 'articles/riyadh.txt': ARTICLE, 'annotations/a.stance.yaml': ANNOTATIONS });
  await service.initialize();
  return { ws, service, uri: ws.uri('annotations/a.stance.yaml') };
}

const hoverText = (hover: Hover | undefined) => (hover?.contents as { value: string } | undefined)?.value ?? '';

describe('hover', () => {
  it('on a sentence number shows the sentence as a quote, its number of the total, the article and line', async () => {
    const { service, uri } = await setup();
    const hover = await service.hover(uri, positionOf(ANNOTATIONS, '3'));
    expect(hoverText(hover)).toBe('**Sentence 3 of 6** · `riyadh.txt`, line 4\n\n> Senior officials from Washington and Moscow held a high-level meeting in Riyadh on Tuesday.');
    expect(hover?.range).toEqual(rangeOf(ANNOTATIONS, '3'));
  });

  it('on a quote alone shows the sentence it was found in, with the quote in bold', async () => {
    const { service, uri } = await setup();
    const text = hoverText(await service.hover(uri, positionOf(ANNOTATIONS, 'still opposes')));
    expect(text).toContain('**Sentence 5 of 6**');
    expect(text).toContain('said Russia **still opposes** Ukraine’s NATO membership');
  });

  it('on an out-of-range sentence says how many there are', async () => {
    const annotation = 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 40\n';
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'annotations/b.stance.yaml': annotation });
    await service.initialize();
    expect(hoverText(await service.hover(ws.uri('annotations/b.stance.yaml'), positionOf(annotation, '40')))).toContain('has 6 sentences');
  });

  it('answers nothing on keys and white space', async () => {
    const { service, uri } = await setup();
    expect(await service.hover(uri, positionOf(ANNOTATIONS, 'annotations', 0, 2))).toBeUndefined();
  });
});

describe('go to definition', () => {
  it('sentence → the sentence range in the article', async () => {
    const { ws, service, uri } = await setup();
    expect(await service.definition(uri, positionOf(ANNOTATIONS, '3'))).toEqual([
      { uri: ws.uri('articles/riyadh.txt'), range: rangeOf(ARTICLE, 'Senior officials from Washington and Moscow held a high-level meeting in Riyadh on Tuesday.') },
    ]);
  });

  it('quote → the matched words exactly', async () => {
    const { ws, service, uri } = await setup();
    expect(await service.definition(uri, positionOf(ANNOTATIONS, 'held a high-level'))).toEqual([{ uri: ws.uri('articles/riyadh.txt'), range: rangeOf(ARTICLE, 'held a high-level meeting') }]);
  });

  it('article and codebook paths → the files', async () => {
    const { ws, service, uri } = await setup();
    const start = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    expect(await service.definition(uri, positionOf(ANNOTATIONS, '../articles'))).toEqual([{ uri: ws.uri('articles/riyadh.txt'), range: start }]);
    expect(await service.definition(uri, positionOf(ANNOTATIONS, '../codebook'))).toEqual([{ uri: ws.uri('codebook.yaml'), range: start }]);
  });

  it('actor ids (in actors, stance actor and toward) and topic ids → their codebook entry', async () => {
    const { ws, service, uri } = await setup();
    const codebook = ws.uri('codebook.yaml');
    expect(await service.definition(uri, positionOf(ANNOTATIONS, 'russia]'))).toEqual([{ uri: codebook, range: rangeOf(CODEBOOK, 'russia') }]);
    expect(await service.definition(uri, positionOf(ANNOTATIONS, 'russia, toward'))).toEqual([{ uri: codebook, range: rangeOf(CODEBOOK, 'russia') }]);
    expect(await service.definition(uri, positionOf(ANNOTATIONS, 'ukraine, stance'))).toEqual([{ uri: codebook, range: rangeOf(CODEBOOK, 'ukraine') }]);
    expect(await service.definition(uri, positionOf(ANNOTATIONS, 'us-russia-dialogue'))).toEqual([{ uri: codebook, range: rangeOf(CODEBOOK, 'us-russia-dialogue') }]);
  });

  it('a stance value → its codebook entry when the codebook declares the vocabulary', async () => {
    const codebook = `${CODEBOOK}stances:\n  supports: { label: Supports, polarity: 1 }\n  opposes: { label: Opposes, polarity: -1 }\n`;
    const { ws, service, uri } = await setup(codebook);
    expect(await service.definition(uri, positionOf(ANNOTATIONS, 'supports'))).toEqual([{ uri: ws.uri('codebook.yaml'), range: rangeOf(codebook, 'supports') }]);
  });

  it('in a codebook, an affiliation → the actor it names', async () => {
    const { ws, service } = await setup();
    const codebook = ws.uri('codebook.yaml');
    expect(await service.definition(codebook, positionOf(CODEBOOK, 'affiliation: us', 0, 14))).toEqual([{ uri: codebook, range: rangeOf(CODEBOOK, 'us') }]);
  });

  it('an unknown id has no definition', async () => {
    const annotation = 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    actors: [nobody]\n';
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'annotations/b.stance.yaml': annotation });
    await service.initialize();
    expect(await service.definition(ws.uri('annotations/b.stance.yaml'), positionOf(annotation, 'nobody'))).toEqual([]);
  });
});
