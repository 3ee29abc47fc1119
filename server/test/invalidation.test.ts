import { describe, expect, it } from 'vitest';
import { ARTICLE, CODEBOOK, codes, workspace } from './helpers';

function corpus() {
  return workspace({
    'codebook.yaml': CODEBOOK,
    'articles/riyadh.txt': ARTICLE,
    'articles/other.txt': 'Another article.\nIt has two lines.\n',
    'annotations/riyadh.stance.yaml': 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 6\n    quote: welcomed the dialogue\n    actors: [saudi-arabia]\n',
    'annotations/second.stance.yaml': 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    actors: [us, russia]\n',
    'annotations/other.stance.yaml': 'article: ../articles/other.txt\nannotations:\n  - sentence: 2\n',
  });
}

describe('cross-file invalidation', () => {
  it('an article edit re-checks exactly the annotation files that depend on it', async () => {
    const { ws, service } = corpus();
    await service.initialize();
    const articleUri = ws.write('articles/riyadh.txt', ARTICLE.replace('welcomed the dialogue', 'praised the dialogue'));
    const affected = service.changed([articleUri]);
    expect([...affected].sort()).toEqual([ws.uri('annotations/riyadh.stance.yaml'), ws.uri('annotations/second.stance.yaml')]);
    const results = await service.check(affected);
    expect(codes(results.get(ws.uri('annotations/riyadh.stance.yaml'))!)).toEqual(['quote-not-found']);
    expect(results.get(ws.uri('annotations/second.stance.yaml'))).toEqual([]);
  });

  it('re-reads only the changed file, not the rest of the workspace', async () => {
    const { ws, service } = corpus();
    await service.initialize();
    await service.check(service.checkedFiles());
    ws.reads.length = 0;
    const articleUri = ws.write('articles/riyadh.txt', `${ARTICLE}One more sentence.\n`);
    await service.check(service.changed([articleUri]));
    expect(ws.reads).toEqual([articleUri]);
  });

  it('a codebook edit re-checks every annotation file that uses it, and the codebook', async () => {
    const { ws, service } = corpus();
    await service.initialize();
    const codebookUri = ws.write('codebook.yaml', CODEBOOK.replace('  saudi-arabia:', '  saudi:'));
    const affected = service.changed([codebookUri]);
    expect(affected.size).toBe(4);
    const results = await service.check(affected);
    expect(codes(results.get(ws.uri('annotations/riyadh.stance.yaml'))!)).toEqual(['unknown-actor']);
  });

  it('an annotation edit re-checks the file, and its codebook only when the ids it uses change', async () => {
    const { ws, service } = corpus();
    await service.initialize();
    await service.check(service.checkedFiles());
    const uri = ws.write('annotations/other.stance.yaml', 'article: ../articles/other.txt\nannotations:\n  - sentence: 2\n    actors: [lavrov]\n');
    expect([...service.changed([uri])]).toEqual([uri]);
    let results = await service.check([uri]);
    expect([...results.keys()].sort()).toEqual([ws.uri('annotations/other.stance.yaml'), ws.uri('codebook.yaml')]);
    ws.write('annotations/other.stance.yaml', 'article: ../articles/other.txt\nannotations:\n  - sentence: 2\n    actors: [lavrov]\n    note: a note changes no usage\n');
    results = await service.check(service.changed([uri]));
    expect([...results.keys()]).toEqual([uri]);
  });

  it('deleting an article turns its annotations into article-not-found; restoring it clears that', async () => {
    const { ws, service } = corpus();
    await service.initialize();
    const articleUri = ws.delete('articles/other.txt');
    let results = await service.check(service.changed([articleUri]));
    expect(codes(results.get(ws.uri('annotations/other.stance.yaml'))!)).toEqual(['article-not-found']);
    ws.write('articles/other.txt', 'Back again.\nStill two lines.\n');
    results = await service.check(service.changed([articleUri]));
    expect(results.get(ws.uri('annotations/other.stance.yaml'))).toEqual([]);
  });

  it('a new codebook.yaml nearer to an annotation file takes over', async () => {
    const { ws, service } = corpus();
    await service.initialize();
    const nearer = ws.write('annotations/codebook.yaml', 'actors:\n  un:\n    name: United Nations\n    type: organization\n');
    const affected = service.changed([nearer]);
    expect(affected.has(ws.uri('annotations/riyadh.stance.yaml'))).toBe(true);
    const results = await service.check(affected);
    expect(codes(results.get(ws.uri('annotations/riyadh.stance.yaml'))!)).toEqual(['unknown-actor']);
    expect(results.has(ws.uri('annotations/codebook.yaml'))).toBe(true);
  });

  it('a deleted annotation file reports no diagnostics and leaves the checked set', async () => {
    const { ws, service } = corpus();
    await service.initialize();
    const uri = ws.delete('annotations/second.stance.yaml');
    const results = await service.check(service.changed([uri]));
    expect(results.get(uri)).toEqual([]);
    expect(service.checkedFiles()).not.toContain(uri);
  });

  it('a new annotation file is picked up when it appears', async () => {
    const { ws, service } = corpus();
    await service.initialize();
    const uri = ws.write('annotations/new.stance.yaml', 'article: ../articles/other.txt\nannotations:\n  - sentence: 9\n');
    const results = await service.check(service.changed([uri]));
    expect(codes(results.get(uri)!)).toEqual(['sentence-out-of-range']);
    expect(service.checkedFiles()).toContain(uri);
  });

  it('an unrelated file affects nothing', async () => {
    const { ws, service } = corpus();
    await service.initialize();
    expect(service.changed([ws.write('notes/todo.txt', 'unrelated')]).size).toBe(0);
  });
});

describe('results kept across an article edit', () => {
  it('moves the sentence of a reused result when text before it changes (decorations, article hovers)', async () => {
    const { ws, service } = corpus();
    await service.initialize();
    await service.check([ws.uri('annotations/riyadh.stance.yaml')]);
    const edited = ARTICLE.replace('Talks in Riyadh', 'Talks in Riyadh, Saudi Arabia,');
    const articleUri = ws.write('articles/riyadh.txt', edited);
    await service.check(service.changed([articleUri]));
    const marks = await service.sentenceMarks(articleUri);
    const sentence = 'The Saudis, who hosted the talks, welcomed the dialogue.';
    const offset = edited.indexOf(sentence);
    const line = edited.slice(0, offset).split('\n').length - 1;
    expect(marks.find((m) => m.n === 6)?.range).toEqual({ start: { line, character: 0 }, end: { line, character: sentence.length } });
  });
});
