/**
 * Completion and hover for `coder:` and `document:` (format.md §3).
 */
import { describe, expect, it } from 'vitest';
import type { CompletionItem, Hover } from 'vscode-languageserver-types';
import { LineMap } from '../src/service/text/lineMap';
import { ARTICLE, CODEBOOK, positionOf, rangeOf, workspace } from './helpers';

const ANA = `article: ../articles/riyadh.txt
coder: ana
document:
  title: Talks in Riyadh Test the Limits of a Thaw
  date: 2025-02-19
  source: Example Herald
  url: https://example.org/riyadh-talks
annotations: []
`;
const BEN = `article: ../articles/riyadh.txt
coder: ben
document:
  title: Talks in Riyadh Test the Limits of a Thaw
  date: 2025-02-18T14:30+01:00
annotations: []
`;

async function setup(files: Record<string, string>) {
  const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'annotations/riyadh.ana.stance.yaml': ANA, 'annotations/riyadh.ben.stance.yaml': BEN, ...files });
  await service.initialize();
  return { ws, service };
}

async function complete(text: string, files: Record<string, string> = {}) {
  const offset = text.indexOf('|');
  const clean = text.replace('|', '');
  const { ws, service } = await setup({ 'annotations/riyadh.cleo.stance.yaml': clean, ...files });
  return (await service.completion(ws.uri('annotations/riyadh.cleo.stance.yaml'), new LineMap(clean).positionAt(offset))).items;
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);

async function hoverOn(path: string, text: string, needle: string, occurrence = 0) {
  const { ws, service } = await setup({ [path]: text });
  const hover = await service.hover(ws.uri(path), positionOf(text, needle, occurrence));
  return hover as Hover & { contents: { value: string } };
}

describe('completion of coder and document', () => {
  it('offers the sub-keys of document that are not there yet, with what each means', async () => {
    const items = await complete('article: ../articles/riyadh.txt\ndocument:\n  title: Talks\n  |\nannotations: []\n');
    expect(labels(items)).toEqual(['date', 'source', 'author', 'url', 'section']);
    expect(items[0].textEdit?.newText).toBe('date: ');
    expect(String(items[0].documentation)).toContain('ISO 8601');
  });

  it('offers, as a value, what the other files of the article give for that key', async () => {
    const dates = await complete('article: ../articles/riyadh.txt\ndocument:\n  date: |\nannotations: []\n');
    expect(dates.map((i) => [i.label, i.detail])).toEqual([
      ['2025-02-19', 'As in riyadh.ana.stance.yaml (coder ana)'],
      ['2025-02-18T14:30+01:00', 'As in riyadh.ben.stance.yaml (coder ben)'],
    ]);
    const titles = await complete('article: ../articles/riyadh.txt\ndocument:\n  title: Ta|\nannotations: []\n');
    // Both give the same title: offered once. The replaced range is the value typed so far.
    expect(titles.map((i) => i.textEdit)).toEqual([{ range: { start: { line: 2, character: 9 }, end: { line: 2, character: 11 } }, newText: 'Talks in Riyadh Test the Limits of a Thaw' }]);
    const urls = await complete('article: ../articles/riyadh.txt\ndocument:\n  url: |\nannotations: []\n');
    expect(labels(urls)).toEqual(['https://example.org/riyadh-talks']);
  });

  it('offers the coders of the workspace as values of coder:, the most frequent first', async () => {
    const items = await complete('article: ../articles/riyadh.txt\ncoder: |\nannotations: []\n', { 'annotations/other.ben.stance.yaml': BEN.replace('riyadh.txt', 'other.txt') });
    expect(items.map((i) => [i.label, i.detail])).toEqual([
      ['ben', '2 annotation files'],
      ['ana', '1 annotation file'],
    ]);
  });

  it('offers a document block at the top level, one filled with another file’s facts', async () => {
    const items = await complete('article: ../articles/riyadh.txt\n|\nannotations: []\n');
    const blocks = items.filter((i) => String(i.label).startsWith('document'));
    expect(blocks.map((i) => [i.label, i.textEdit?.newText])).toEqual([
      ['document', 'document:\n  title: ${1:title}\n  date: ${2:YYYY-MM-DD}\n  source: ${3:source}\n  author: ${4:author}'],
      [
        'document (as in another file of this article)',
        'document:\n  title: ${1:Talks in Riyadh Test the Limits of a Thaw}\n  date: ${2:2025-02-19}\n  source: ${3:Example Herald}\n  author: ${4:author}\n  url: ${5:https://example.org/riyadh-talks}',
      ],
    ]);
    // Not offered again when the file has one.
    expect(labels(await complete('article: ../articles/riyadh.txt\ndocument:\n  title: T\n|\nannotations: []\n')).some((l) => String(l).startsWith('document'))).toBe(false);
  });
});

describe('hover on coder and document', () => {
  it('on a key: what it means', async () => {
    const hover = await hoverOn('annotations/riyadh.ana.stance.yaml', ANA, 'date:', 0);
    expect(hover.contents.value).toMatch(/^\*\*document\.date\*\* · When the article was published, ISO 8601/);
    expect(hover.range).toEqual(rangeOf(ANA, 'date'));
    expect((await hoverOn('annotations/riyadh.ana.stance.yaml', ANA, 'coder:')).contents.value).toMatch(/^\*\*coder\*\* · Who made these annotations/);
    expect((await hoverOn('annotations/riyadh.ana.stance.yaml', ANA, 'document:')).contents.value).toMatch(/^\*\*document\*\* · Facts about the article/);
  });

  it('on a date: the date in words, and what the other files say', async () => {
    const hover = await hoverOn('annotations/riyadh.ana.stance.yaml', ANA, '2025-02-19');
    expect(hover.range).toEqual(rangeOf(ANA, '2025-02-19'));
    expect(hover.contents.value).toBe(
      '**Wednesday, 19 February 2025 · ISO week 2025-W08**\n\n- [riyadh.ben.stance.yaml](file:///ws/annotations/riyadh.ben.stance.yaml#L5) (coder `ben`): says `2025-02-18T14:30+01:00`',
    );
    const ben = await hoverOn('annotations/riyadh.ben.stance.yaml', BEN, '2025-02-18');
    expect(ben.contents.value).toMatch(/^\*\*Tuesday, 18 February 2025, 14:30 \(UTC\+01:00\) · ISO week 2025-W08\*\*/);
  });

  it('on a title: agreement with the other files', async () => {
    const hover = await hoverOn('annotations/riyadh.ana.stance.yaml', ANA, 'Talks in Riyadh');
    expect(hover.contents.value).toBe("**document.title** · The article's title.\n\n- [riyadh.ben.stance.yaml](file:///ws/annotations/riyadh.ben.stance.yaml#L4) (coder `ben`): agrees");
  });

  it('on a coder: the other files of the article and their coders', async () => {
    const hover = await hoverOn('annotations/riyadh.ana.stance.yaml', ANA, 'ana');
    expect(hover.range).toEqual(rangeOf(ANA, 'ana'));
    expect(hover.contents.value).toBe('**Coder `ana`**\n\nOther annotation files of this article:\n\n- [riyadh.ben.stance.yaml](file:///ws/annotations/riyadh.ben.stance.yaml) (coder `ben`)');
    const alone = await hoverOn('annotations/other.ana.stance.yaml', ANA.replace('riyadh.txt', 'other.txt'), 'ana');
    expect(alone.contents.value).toBe('**Coder `ana`**\n\n2 annotation files of the workspace are by `ana`.\n\nNo other annotation file annotates this article.');
  });
});
