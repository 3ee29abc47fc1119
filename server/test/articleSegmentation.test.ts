import { describe, expect, it } from 'vitest';
import { createLanguageService, InMemoryWorkspace } from '../src/service/index';

// One rule decides how an article is numbered outside its annotation files: the editor's sentence list and
// `standpoint sentences` both ask the service for it (features/articleInfo.ts, articleSegmentation).
const ARTICLE = 'Amb. Reyes met the envoys on Tuesday. Talks resumed at noon.\n';
const CODEBOOK = 'actors:\n  us:\n    name: United States\nabbreviations: [Amb.]\n';

function service(files: Record<string, string>) {
  const ws = new InMemoryWorkspace(files);
  return { ws, service: createLanguageService({ workspace: ws }) };
}

describe('the segmentation an article is numbered with', () => {
  it('is that of the first annotation file, in URI order, that annotates it', async () => {
    const { ws, service: s } = service({
      'codebook.yaml': CODEBOOK,
      'articles/talks.txt': ARTICLE,
      'annotations/b.stance.yaml': 'article: ../articles/talks.txt\nannotations: []\n',
      'annotations/a.stance.yaml': 'article: ../articles/talks.txt\nhard-wrapped: true\nannotations: []\n',
      'annotations/other.stance.yaml': 'article: ../articles/other.txt\nhard-wrapped: false\nannotations: []\n',
    });
    const found = await s.articleSegmentation(ws.uri('articles/talks.txt'));
    expect(found).toEqual({ segmentation: { hardWrapped: true, abbreviations: ['Amb.'] }, source: ws.uri('annotations/a.stance.yaml') });
  });

  it('is that of the nearest codebook when no annotation file annotates it, else the defaults', async () => {
    const { ws, service: s } = service({
      'codebook.yaml': 'actors: {}\nhard-wrapped: true\n',
      'articles/codebook.yaml': CODEBOOK,
      'articles/talks.txt': ARTICLE,
    });
    expect(await s.articleSegmentation(ws.uri('articles/talks.txt'))).toEqual({
      segmentation: { hardWrapped: false, abbreviations: ['Amb.'] },
      source: ws.uri('articles/codebook.yaml'),
    });
    const bare = service({ 'articles/talks.txt': ARTICLE });
    expect(await bare.service.articleSegmentation(bare.ws.uri('articles/talks.txt'))).toEqual({ segmentation: { hardWrapped: false, abbreviations: [] } });
  });

  it('is that of a codebook the caller names, which wins over the annotation files; undefined if it cannot be read', async () => {
    const { ws, service: s } = service({
      'other/codebook.yaml': 'actors: {}\nhard-wrapped: true\n',
      'articles/talks.txt': ARTICLE,
      'annotations/a.stance.yaml': 'article: ../articles/talks.txt\nannotations: []\n',
    });
    expect(await s.articleSegmentation(ws.uri('articles/talks.txt'), ws.uri('other/codebook.yaml'))).toEqual({
      segmentation: { hardWrapped: true, abbreviations: [] },
      source: ws.uri('other/codebook.yaml'),
    });
    expect(await s.articleSegmentation(ws.uri('articles/talks.txt'), ws.uri('missing/codebook.yaml'))).toBeUndefined();
  });

  it('is what the sentence list uses: with the codebook\'s abbreviation, "Amb. Reyes" does not end a sentence', async () => {
    const { ws, service: s } = service({ 'codebook.yaml': CODEBOOK, 'articles/talks.txt': ARTICLE });
    const sentences = await s.sentences(ws.uri('articles/talks.txt'));
    expect(sentences.map((sentence) => sentence.text)).toEqual(['Amb. Reyes met the envoys on Tuesday.', 'Talks resumed at noon.']);
  });
});
