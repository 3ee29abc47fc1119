/**
 * The record of clean checks (node/articleRecord.ts) with a file of many
 * annotations: what it records, and that recording gives way to other work
 * (issue 10: the clean check of 100,000 annotations was hashed in one go, and
 * the language server answered no hover meanwhile). Order, not time.
 */
import { describe, expect, it } from 'vitest';
import { ArticleRecord } from '../src/node/articleRecord';

const ANNOTATIONS = 'file:///corpus/annotations/flood.stance.yaml';
const ARTICLE = 'file:///corpus/articles/report.txt';
/** Anchors as annotationAnchor writes them: sentence, id, quote, joined by U+0001. */
const anchors = Array.from({ length: 20_000 }, (_, k) => `${(k % 500) + 1}\u0001p${k + 1}\u0001`);
const OLD_TEXT = 'Ministers met in Geneva — briefly.\n';
const NEW_TEXT = 'A line added above.\nMinisters met in Geneva — briefly.\n';

describe('the record of clean checks, for a file of 20,000 annotations', () => {
  it('gives way to other work while it records, and then knows every anchor it was given', async () => {
    const record = new ArticleRecord({ folders: ['/corpus'] });
    const order: string[] = [];
    record.recordClean({ annotationUri: ANNOTATIONS, articleUri: ARTICLE, segmentation: 'plain', anchors, articleText: async () => OLD_TEXT });
    setImmediate(() => order.push('other work'));
    await record.flush();
    order.push('recorded');
    expect(order).toEqual(['other work', 'recorded']);

    // Once the article has changed, the earlier text is found, and it covers exactly the anchors recorded with it.
    const [earlier, ...others] = await record.earlier({ annotationUri: ANNOTATIONS, articleUri: ARTICLE, annotationText: async () => undefined, articleText: async () => NEW_TEXT });
    expect(others).toEqual([]);
    expect(earlier.text).toBe(OLD_TEXT);
    const covers = earlier.covers!;
    expect(anchors.every((anchor) => covers(anchor))).toBe(true);
    expect(covers('1\u0001p20001\u0001')).toBe(false);
  });
});
