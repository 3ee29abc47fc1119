import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createLanguageService, InMemoryWorkspace } from '../src/service/index';

/*
 * The editor's update after an article edit maps the text the annotation
 * files agree with to the current one. Both texts were segmented when they
 * were checked: the update must not segment the old one again (that was
 * most of its time on a 1,000-sentence article; bench/README.md, "follow
 * edit"). Every whole-text segmentation is counted here through the module.
 */

const segmented: string[] = [];
vi.mock('../src/service/segmentation', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/service/segmentation')>();
  return {
    ...original,
    segmentSentences: (text: string, ...rest: unknown[]) => {
      segmented.push(text);
      return (original.segmentSentences as (text: string, ...rest: unknown[]) => ReturnType<typeof original.segmentSentences>)(text, ...rest);
    },
  };
});

const ARTICLE = [
  'Ferry Fares Rise Again on the Åland Route — Islanders Push Back',
  'By Ilse Marjamäki | 3 Mar. 2025 ⛴️',
  'The regional operator raised single fares by 12 per cent on Monday, the second rise in a year.',
  'Councillors in Mariehamn said the increase “punishes people who have no other way to the mainland”.',
  'The operator blamed fuel prices and an ageing fleet.',
  'A petition against the rise had 4,200 signatures by Tuesday night.',
  '',
].join('\n');
// 1 headline, 2 byline, 3 operator raised, 4 councillors, 5 operator blamed, 6 petition.

const CODEBOOK = `actors:
  operator: { name: regional operator, type: company }
  council: { name: Councillors, type: group }
`;

const ANNOTATIONS = `article: ../articles/ferry.txt
annotations:
  - id: rise
    sentence: 3
    actors: [operator]
  - id: councillors
    sentence: 4
    quote: punishes people who have no other way
    actors: [council]
  - id: blame
    sentence: 5
    actors: [operator]
`;

const PATHS = { codebook: 'codebook.yaml', article: 'articles/ferry.txt', annotations: 'annotations/ferry.stance.yaml' };
/** A correction inserted after the byline: 3→4, 4→5, 5→6. */
const EDITED = ARTICLE.replace('⛴️\n', '⛴️\nCorrection: an earlier version gave the wrong date for the rise.\n');

beforeEach(() => {
  segmented.length = 0;
});

describe('followArticleEdit reuses the sentences the index segmented', () => {
  it('after a checked article is edited, the old text is not segmented again, and the edits are the same', async () => {
    const ws = new InMemoryWorkspace({ [PATHS.codebook]: CODEBOOK, [PATHS.article]: ARTICLE, [PATHS.annotations]: ANNOTATIONS });
    const service = createLanguageService({ workspace: ws });
    const articleUri = ws.uri(PATHS.article);
    await service.initialize();
    await service.diagnostics(ws.uri(PATHS.annotations));
    expect(segmented).toContain(ARTICLE);

    // As the language server does on a change that moves numbers: the index drops the old version, then the anchors are taken.
    ws.write(PATHS.article, EDITED);
    service.changed([articleUri]);
    const anchors = await service.articleAnchors(articleUri, ARTICLE);
    segmented.length = 0;
    const result = await service.followArticleEdit(articleUri, ARTICLE, anchors);
    expect(segmented).not.toContain(ARTICLE);
    expect(result.files.map((file) => file.edits.map((edit) => edit.newText))).toEqual([['4', '5', '6']]);

    // A second look (the prompt's Update after the notification) segments nothing at all.
    segmented.length = 0;
    await service.followArticleEdit(articleUri, ARTICLE, anchors);
    expect(segmented).toEqual([]);
  });

  it('a text the index never held is segmented once, and gives the same edits', async () => {
    const ws = new InMemoryWorkspace({ [PATHS.codebook]: CODEBOOK, [PATHS.article]: EDITED, [PATHS.annotations]: ANNOTATIONS });
    const service = createLanguageService({ workspace: ws });
    const articleUri = ws.uri(PATHS.article);
    await service.initialize();
    await service.diagnostics(ws.uri(PATHS.annotations));
    segmented.length = 0;
    const result = await service.followArticleEdit(articleUri, ARTICLE);
    expect(segmented.filter((text) => text === ARTICLE)).toHaveLength(1);
    expect(result.files.map((file) => file.edits.map((edit) => edit.newText))).toEqual([['4', '5', '6']]);
  });
});
