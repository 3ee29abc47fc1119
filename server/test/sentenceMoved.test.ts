import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  applySentenceNumberEdits,
  createLanguageService,
  indexFile,
  InMemoryWorkspace,
  type ArticleHistory,
  type BulkIndexer,
  type CleanCheck,
  type EarlierArticle,
  type IndexedFile,
} from '../src/service/index';
import { positionAt, rangeOf } from './helpers';

/*
 * sentence-moved (issue 15, items 3 and 5): an article changed outside the
 * editor, and a history (git, the record) says what it was. Histories are
 * fakes here that keep the contract the real ones keep (server/src/node/):
 * git answers only while the annotation file is unchanged, the record only
 * for the annotations it saw. Expected ranges and messages are written out
 * by hand.
 */

const OLD_ARTICLE = [
  'Dockers Walk Out in Gdańsk — and the Baltic Feels It',
  'By Marta Oliwkowska | 14 Apr. 2025 ⚓',
  'Container traffic through Gdańsk slowed to a crawl on Monday as crane operators began an open-ended strike.',
  'The union says pay has lagged inflation for three years; the port authority calls the demand “unaffordable”.',
  'Shipping lines have started diverting vessels to Gdynia and Rostock.',
  'Maersk said two of its feeder services would skip the port this week.',
  'Economists at the Polish central bank expect little effect on prices unless the strike lasts into May.',
  '',
].join('\n');
// 1 headline, 2 byline, 3 Container, 4 union, 5 Shipping, 6 Maersk, 7 Economists.

/** An update inserted after the byline and the Maersk sentence deleted: 3→4, 4→5, 5→6, 6 gone, 7→7. */
const NEW_ARTICLE = OLD_ARTICLE.replace('⚓\n', '⚓\nUpdate, 15 April: talks resumed on Tuesday evening.\n').replace('Maersk said two of its feeder services would skip the port this week.\n', '');

const CODEBOOK = `actors:
  dockers: { name: Dockers, type: group }
  crane-operators: { name: crane operators, type: group }
  port-authority: { name: port authority, type: organization }
  shipping-lines: { name: Shipping lines, type: group }
  maersk: { name: Maersk, type: company }
topics:
  strike: { label: The strike }
`;

const ANNOTATIONS = `article: ../articles/gdansk.txt
annotations:
  - id: strike-start
    sentence: 3
    actors: [crane-operators]
  - id: union-demand
    sentence: 4   # the demand
    quote: calls the demand “unaffordable”
    actors: [port-authority]
  - id: diversions
    sentence: 5
    actors: [shipping-lines]
  - id: maersk
    sentence: 6
    actors: [maersk]
  - id: headline
    sentence: 1
    actors: [dockers]
`;

const PATHS = { codebook: 'codebook.yaml', article: 'articles/gdansk.txt', annotations: 'annotations/gdansk.stance.yaml' };

/** Git's contract: the article as of the file's last commit, only while the file is as committed. */
function gitLike(committedAnnotations: string, committedArticle: string, calls: string[] = []): ArticleHistory {
  return {
    async earlierArticles(query) {
      calls.push(query.annotationUri);
      if ((await query.annotationText()) !== committedAnnotations) return [];
      if ((await query.articleText()) === committedArticle) return [];
      return [{ text: committedArticle, source: 'git', since: "this file's last commit (abc1234)" }];
    },
  };
}

/** The record's contract: the text of the last clean check, for the annotations it saw (by anchor). */
function recordLike(text: string, anchors: readonly string[], recorded: CleanCheck[] = []): ArticleHistory {
  const seen = new Set(anchors);
  return {
    async earlierArticles(query) {
      if ((await query.articleText()) === text) return [];
      const earlier: EarlierArticle = { text, source: 'record', since: "this file's last clean check", covers: (anchor) => seen.has(anchor), segmentation: 'l|' };
      return [earlier];
    },
    recordClean: (check) => recorded.push(check),
  };
}

function setUp(history: ArticleHistory, annotations = ANNOTATIONS) {
  const ws = new InMemoryWorkspace({ [PATHS.codebook]: CODEBOOK, [PATHS.article]: NEW_ARTICLE, [PATHS.annotations]: annotations });
  const service = createLanguageService({ workspace: ws, articleHistory: history });
  return { ws, service, uri: ws.uri(PATHS.annotations), articleUri: ws.uri(PATHS.article) };
}

const moved = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.code === 'sentence-moved').map((d) => ({ range: d.range, severity: d.severity, message: d.message, data: d.data }));

/** The range of the number after `sentence: ` in the item with `id: <id>`. */
function numberRange(text: string, id: string): Diagnostic['range'] {
  const item = text.indexOf(`id: ${id}`);
  const at = text.indexOf('sentence: ', item) + 'sentence: '.length;
  const end = text.slice(at).search(/\D/) + at;
  return { start: positionAt(text, at), end: positionAt(text, end) };
}

const SINCE = "the article has changed since this file's last commit (abc1234)";

describe('sentence-moved from a history', () => {
  it('names the old text and the new number, or that it is gone, on the number; the moved quote’s mismatch is not repeated', async () => {
    const { service, uri } = setUp(gitLike(ANNOTATIONS, OLD_ARTICLE));
    const diagnostics = await service.diagnostics(uri);
    expect(moved(diagnostics)).toEqual([
      {
        range: numberRange(ANNOTATIONS, 'strike-start'),
        severity: 2,
        message: `Sentence 3 moved: ${SINCE}; the sentence it pointed at, “Container traffic through Gdańsk slowed to a crawl on Monday as crane operators…”, is now sentence 4. Set \`sentence: 4\`.`,
        data: { oldNumber: 3, newNumber: 4, unambiguous: true, source: 'git' },
      },
      {
        range: numberRange(ANNOTATIONS, 'union-demand'),
        severity: 2,
        message: `Sentence 4 moved: ${SINCE}; the sentence it pointed at, “The union says pay has lagged inflation for three years; the port authority cal…”, is now sentence 5. Set \`sentence: 5\`.`,
        data: { oldNumber: 4, newNumber: 5, unambiguous: true, source: 'git' },
      },
      {
        range: numberRange(ANNOTATIONS, 'diversions'),
        severity: 2,
        message: `Sentence 5 moved: ${SINCE}; the sentence it pointed at, “Shipping lines have started diverting vessels to Gdynia and Rostock.”, is now sentence 6. Set \`sentence: 6\`.`,
        data: { oldNumber: 5, newNumber: 6, unambiguous: true, source: 'git' },
      },
      {
        range: numberRange(ANNOTATIONS, 'maersk'),
        severity: 2,
        message: `Sentence 6 is gone: ${SINCE}, and the sentence it pointed at, “Maersk said two of its feeder services would skip the port this week.”, is no longer in it. Point the annotation at another sentence, or remove it.`,
        data: { oldNumber: 6, unambiguous: false, source: 'git' },
      },
    ]);
    // The quote of union-demand is now in sentence 5: sentence-moved says so, quote-sentence-mismatch does not say it again.
    expect(diagnostics.filter((d) => d.code === 'quote-sentence-mismatch')).toEqual([]);
  });

  it('without a history, or with the article unchanged, nothing moves (the quote still gets its mismatch)', async () => {
    const none = setUp({ earlierArticles: async () => [] });
    const diagnostics = await none.service.diagnostics(none.uri);
    expect(moved(diagnostics)).toEqual([]);
    expect(diagnostics.filter((d) => d.code === 'quote-sentence-mismatch').map((d) => d.range)).toEqual([rangeOf(ANNOTATIONS, 'calls the demand “unaffordable”')]);
    const unchanged = setUp(gitLike(ANNOTATIONS, NEW_ARTICLE));
    expect(moved(await unchanged.service.diagnostics(unchanged.uri))).toEqual([]);
  });

  it('rules: turns it off like any other code', async () => {
    const { ws, service, uri } = setUp(gitLike(ANNOTATIONS, OLD_ARTICLE));
    ws.write(PATHS.codebook, `${CODEBOOK}rules:\n  sentence-moved: off\n`);
    expect(moved(await service.diagnostics(uri))).toEqual([]);
  });

  it('--fix’s fixes: every unambiguous number, digits only; after them git no longer answers (the file changed), so nothing is flagged again', async () => {
    const { ws, service, uri } = setUp(gitLike(ANNOTATIONS, OLD_ARTICLE));
    const { fixes } = await service.sentenceFixes(uri);
    expect(fixes.map((f) => [f.oldNumber, f.newNumber, f.code])).toEqual([
      [3, 4, 'sentence-moved'],
      [4, 5, 'sentence-moved'],
      [5, 6, 'sentence-moved'],
    ]);
    const fixed = applySentenceNumberEdits(ANNOTATIONS, fixes);
    expect(fixed).toBe(`article: ../articles/gdansk.txt
annotations:
  - id: strike-start
    sentence: 4
    actors: [crane-operators]
  - id: union-demand
    sentence: 5   # the demand
    quote: calls the demand “unaffordable”
    actors: [port-authority]
  - id: diversions
    sentence: 6
    actors: [shipping-lines]
  - id: maersk
    sentence: 6
    actors: [maersk]
  - id: headline
    sentence: 1
    actors: [dockers]
`);
    ws.write(PATHS.annotations, fixed);
    await service.check(service.changed([uri]));
    expect((await service.diagnostics(uri)).filter((d) => d.code === 'sentence-moved' || String(d.code).startsWith('quote-'))).toEqual([]);
  });

  it('the record: only the annotations it saw are compared; one whose number was set by hand since is taken as written', async () => {
    // The record saw strike-start at 3 and maersk at 6 (union-demand and diversions were written later, against the new text).
    const anchors = ['3\u0001strike-start\u0001', '6\u0001maersk\u0001'];
    const edited = ANNOTATIONS.replace('sentence: 4   # the demand', 'sentence: 5   # the demand').replace('sentence: 5\n    actors: [shipping-lines]', 'sentence: 6\n    actors: [shipping-lines]');
    const { service, uri } = setUp(recordLike(OLD_ARTICLE, anchors), edited);
    const found = moved(await service.diagnostics(uri));
    expect(found.map((d) => [d.range, d.data])).toEqual([
      [numberRange(edited, 'strike-start'), { oldNumber: 3, newNumber: 4, unambiguous: true, source: 'record' }],
      [numberRange(edited, 'maersk'), { oldNumber: 6, unambiguous: false, source: 'record' }],
    ]);
    expect(found[0].message).toContain("the article has changed since this file's last clean check;");
  });

  it('a quote found in its current sentence shows the annotation is right: never reported', async () => {
    // union-demand set to 5 by hand, with its id changed too (so even the record would cover it): its quote is in sentence 5 now.
    const edited = ANNOTATIONS.replace('sentence: 4   # the demand', 'sentence: 5   # the demand');
    const { service, uri } = setUp({ earlierArticles: async () => [{ text: OLD_ARTICLE, source: 'git', since: "this file's last commit (abc1234)" }] }, edited);
    const found = moved(await service.diagnostics(uri));
    expect(found.map((d) => (d.data as { oldNumber: number }).oldNumber)).toEqual([3, 5, 6]);
  });

  it('tells the history about a clean check: the anchors of the annotations that held, and the article text', async () => {
    const recorded: CleanCheck[] = [];
    const clean = ANNOTATIONS.replace('sentence: 3', 'sentence: 4')
      .replace('sentence: 4   # the demand', 'sentence: 5   # the demand')
      .replace('sentence: 5\n', 'sentence: 6\n')
      .replace('  - id: maersk\n    sentence: 6\n    actors: [maersk]\n', '');
    const { service, uri, articleUri } = setUp(recordLike(NEW_ARTICLE, [], recorded), clean);
    expect(moved(await service.diagnostics(uri))).toEqual([]);
    expect(recorded.map((r) => ({ ...r, articleText: undefined }))).toEqual([
      {
        annotationUri: uri,
        articleUri,
        segmentation: 'l|',
        anchors: ['4\u0001strike-start\u0001', '5\u0001union-demand\u0001calls the demand “unaffordable”', '6\u0001diversions\u0001', '1\u0001headline\u0001'],
        articleText: undefined,
      },
    ]);
    expect(await recorded[0].articleText()).toBe(NEW_ARTICLE);
  });

  it('a moved file is not recorded (the record keeps the text its annotations were written against)', async () => {
    const recorded: CleanCheck[] = [];
    const { service, uri } = setUp(recordLike(OLD_ARTICLE, ['3\u0001strike-start\u0001'], recorded));
    expect(moved(await service.diagnostics(uri))).toHaveLength(1);
    expect(recorded).toEqual([]);
  });

  it('an annotation whose sentence failed is left out of the record', async () => {
    const recorded: CleanCheck[] = [];
    const broken = `article: ../articles/gdansk.txt\nannotations:\n  - id: far\n    sentence: 40\n  - id: ok\n    sentence: 2\n`;
    const { service, uri } = setUp(recordLike(NEW_ARTICLE, [], recorded), broken);
    await service.diagnostics(uri);
    expect(recorded.map((r) => r.anchors)).toEqual([['2\u0001ok\u0001']]);
  });
});

/** The record's contract kept in memory (answers from what it was told), before git: what server/src/node/ does on disk. */
function memoryRecordThenGit(git: ArticleHistory): ArticleHistory {
  const entries = new Map<string, { text: string; anchors: Set<string>; segmentation: string }>();
  return {
    async earlierArticles(query) {
      const found: EarlierArticle[] = [];
      const entry = entries.get(query.annotationUri);
      if (entry && entry.text !== (await query.articleText())) {
        found.push({ text: entry.text, source: 'record', since: "this file's last clean check", covers: (anchor) => entry.anchors.has(anchor), segmentation: entry.segmentation });
      }
      return [...found, ...(await git.earlierArticles(query))];
    },
    recordClean(check) {
      void check.articleText().then((text) => entries.set(check.annotationUri, { text: text!, anchors: new Set(check.anchors), segmentation: check.segmentation }));
    },
  };
}

describe('sentence-moved after a partial fix', () => {
  it('git speaks only for an unchanged file: the record takes over, so the annotations not fixed yet are still reported', async () => {
    const { ws, service, uri } = setUp(memoryRecordThenGit(gitLike(ANNOTATIONS, OLD_ARTICLE)));
    expect(moved(await service.diagnostics(uri)).map((d) => (d.data as { source: string }).source)).toEqual(['git', 'git', 'git', 'git']);
    // One number fixed by hand: the file differs from its commit now.
    const partly = ANNOTATIONS.replace('sentence: 3', 'sentence: 4');
    ws.write(PATHS.annotations, partly);
    service.changed([uri]);
    expect(moved(await service.diagnostics(uri)).map((d) => [d.range, d.data])).toEqual([
      [numberRange(partly, 'union-demand'), { oldNumber: 4, newNumber: 5, unambiguous: true, source: 'record' }],
      [numberRange(partly, 'diversions'), { oldNumber: 5, newNumber: 6, unambiguous: true, source: 'record' }],
      [numberRange(partly, 'maersk'), { oldNumber: 6, unambiguous: false, source: 'record' }],
    ]);
    // The rest fixed, the gone one removed: clean, and the record now holds the new text.
    const done = partly
      .replace('sentence: 4   #', 'sentence: 5   #')
      .replace('sentence: 5\n    actors: [shipping', 'sentence: 6\n    actors: [shipping')
      .replace('  - id: maersk\n    sentence: 6\n    actors: [maersk]\n', '');
    ws.write(PATHS.annotations, done);
    service.changed([uri]);
    expect(moved(await service.diagnostics(uri))).toEqual([]);
    // Typing at the end of the headline (no number moves) keeps it clean.
    ws.write(PATHS.article, NEW_ARTICLE.replace('Feels It', 'Feels It Too'));
    service.changed([ws.uri(PATHS.article)]);
    expect(moved(await service.diagnostics(uri))).toEqual([]);
  });
});

describe('sentence-moved: a guess that keeps the number is said, never silent', () => {
  // Sentence 4 split at its semicolon; everything after it moves on by one.
  const SPLIT = OLD_ARTICLE.replace('three years; the port authority calls', 'three years. The port authority calls');
  // 1 headline, 2 byline, 3 Container, 4 The union says pay…, 5 The port authority calls…, 6 Shipping, 7 Maersk, 8 Economists.
  const TWO = `article: ../articles/gdansk.txt
annotations:
  - id: pay
    sentence: 4
    actors: [dockers]
  - id: demand
    sentence: 4
    quote: calls the demand “unaffordable”
    actors: [port-authority]
`;

  it('a split sentence: without a quote, the first part keeps the number only as a guess (warned, no fix); with one, it follows the quote', async () => {
    const ws = new InMemoryWorkspace({ [PATHS.codebook]: CODEBOOK, [PATHS.article]: SPLIT, [PATHS.annotations]: TWO });
    const service = createLanguageService({ workspace: ws, articleHistory: gitLike(TWO, OLD_ARTICLE) });
    const uri = ws.uri(PATHS.annotations);
    const diagnostics = await service.diagnostics(uri);
    const pointed = 'the sentence it pointed at, “The union says pay has lagged inflation for three years; the port authority cal…”';
    expect(moved(diagnostics)).toEqual([
      {
        range: numberRange(TWO, 'pay'),
        severity: 2,
        message: `Sentence 4 may no longer be the sentence meant: ${SINCE}; ${pointed}, is probably still sentence 4 (it was split, and without a quote the first part is assumed), but that is a guess. Check it; a \`quote:\` from the sentence you mean settles it.`,
        data: { oldNumber: 4, unambiguous: false, source: 'git' },
      },
      {
        range: numberRange(TWO, 'demand'),
        severity: 2,
        message: `Sentence 4 moved: ${SINCE}; ${pointed}, is now sentence 5. Set \`sentence: 5\`.`,
        data: { oldNumber: 4, newNumber: 5, unambiguous: true, source: 'git' },
      },
    ]);
    // The guess has no number to set: no quick fix; the file-wide fix sets only the sure one.
    const guess = diagnostics.find((d) => d.code === 'sentence-moved' && d.range.start.line === numberRange(TWO, 'pay').start.line)!;
    const actions = await service.codeActions(uri, guess.range, [guess]);
    expect(actions.filter((a) => a.kind === 'quickfix')).toEqual([]);
    expect(actions.find((a) => a.kind === 'source.fixAll.standpoint')?.edit).toEqual({ changes: { [uri]: [{ range: numberRange(TWO, 'demand'), newText: '5' }] } });
  });

  it('in the editor’s update: the guess is not applied and is counted as left', async () => {
    const ws = new InMemoryWorkspace({ [PATHS.codebook]: CODEBOOK, [PATHS.article]: OLD_ARTICLE, [PATHS.annotations]: TWO });
    const service = createLanguageService({ workspace: ws });
    const articleUri = ws.uri(PATHS.article);
    await service.initialize();
    ws.write(PATHS.article, SPLIT);
    service.changed([articleUri]);
    const result = await service.followArticleEdit(articleUri, OLD_ARTICLE);
    expect(result.files.map((file) => file.edits)).toEqual([[{ range: numberRange(TWO, 'demand'), newText: '5' }]]);
    expect(result.left).toBe(1);
  });
});

describe('sentence-moved: quick fix and file-wide fix', () => {
  it('offers “Set sentence to N” per annotation (preferred when unambiguous) and one source.fixAll.standpoint', async () => {
    const { service, uri } = setUp(gitLike(ANNOTATIONS, OLD_ARTICLE));
    const diagnostics = await service.diagnostics(uri);
    const first = diagnostics.find((d) => d.code === 'sentence-moved')!;
    const actions = await service.codeActions(uri, first.range, [first]);
    const quickFix = actions.find((a) => a.kind === 'quickfix')!;
    expect(quickFix.title).toBe('Set sentence to 4: “Container traffic through Gdańsk slowed to a craw…”');
    expect(quickFix.isPreferred).toBe(true);
    expect(quickFix.edit).toEqual({ changes: { [uri]: [{ range: numberRange(ANNOTATIONS, 'strike-start'), newText: '4' }] } });
    // Once applied, the client runs the command: the server's record learns which number Standpoint set.
    expect(quickFix.command).toEqual({
      title: 'Record the sentence numbers set',
      command: 'standpoint.recordSentenceFixes',
      arguments: [uri, { before: ['3\u0001strike-start\u0001'], after: ['4\u0001strike-start\u0001'] }],
    });
    const fixAll = actions.find((a) => a.kind === 'source.fixAll.standpoint')!;
    expect(fixAll.title).toBe('Fix 3 sentence numbers that moved');
    expect(fixAll.edit).toEqual({
      changes: {
        [uri]: [
          { range: numberRange(ANNOTATIONS, 'strike-start'), newText: '4' },
          { range: numberRange(ANNOTATIONS, 'union-demand'), newText: '5' },
          { range: numberRange(ANNOTATIONS, 'diversions'), newText: '6' },
        ],
      },
    });
    // Asked for on save (only: source.fixAll), with no diagnostics at hand: the same action.
    const onSave = await service.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    expect(onSave.map((a) => a.title)).toEqual(['Fix 3 sentence numbers that moved']);
    // A gone sentence has no fix.
    const gone = diagnostics.find((d) => d.code === 'sentence-moved' && (d.data as { newNumber?: number }).newNumber === undefined)!;
    expect((await service.codeActions(uri, gone.range, [gone])).filter((a) => a.kind === 'quickfix')).toEqual([]);
  });

  it('a quick fix of a diagnostic older than an edit to its value offers nothing', async () => {
    const { ws, service, uri } = setUp(gitLike(ANNOTATIONS, OLD_ARTICLE));
    const first = (await service.diagnostics(uri)).find((d) => d.code === 'sentence-moved')!;
    ws.write(PATHS.annotations, ANNOTATIONS.replace('sentence: 3', 'sentence: 9'));
    service.changed([uri]);
    expect((await service.codeActions(uri, first.range, [first])).filter((a) => a.kind === 'quickfix')).toEqual([]);
  });

  it('CRLF and a BOM: the fix replaces only the digits (ranges without the BOM, as editors count)', async () => {
    const crlf = ANNOTATIONS.replace(/\n/g, '\r\n');
    const { service, uri } = setUp(gitLike(crlf, OLD_ARTICLE), `\ufeff${crlf}`);
    const diagnostics = await service.diagnostics(uri);
    expect(moved(diagnostics)[0].range).toEqual(numberRange(crlf, 'strike-start'));
    const { fixes } = await service.sentenceFixes(uri);
    expect(applySentenceNumberEdits(`\ufeff${crlf}`, fixes)).toBe(
      `\ufeff${crlf.replace('sentence: 3', 'sentence: 4').replace('sentence: 4   #', 'sentence: 5   #').replace('sentence: 5\r\n', 'sentence: 6\r\n')}`,
    );
  });
});

describe('sentence-moved for files indexed elsewhere', () => {
  it('is added on this thread from the history, parsing only the files whose article changed; clean files are recorded from what the indexer sent', async () => {
    const other = `article: ../articles/other.txt\nannotations:\n  - id: alone\n    sentence: 1\n    actors: [dockers]\n`;
    const files = { [PATHS.codebook]: CODEBOOK, [PATHS.article]: NEW_ARTICLE, [PATHS.annotations]: ANNOTATIONS, 'articles/other.txt': 'One sentence only.\n', 'annotations/other.stance.yaml': other };
    const indexer: BulkIndexer = async function* (uris) {
      const elsewhere = createLanguageService({ workspace: new InMemoryWorkspace(files) });
      const batch: IndexedFile[] = [];
      for (const uri of uris) batch.push(await indexFile(elsewhere, uri));
      yield batch;
    };
    const ws = new InMemoryWorkspace(files);
    const recorded: CleanCheck[] = [];
    const calls: string[] = [];
    const git = gitLike(ANNOTATIONS, OLD_ARTICLE, calls);
    const history: ArticleHistory = { earlierArticles: (query) => git.earlierArticles(query), recordClean: (check) => recorded.push(check) };
    const service = createLanguageService({ workspace: ws, indexer, indexerThreshold: 1, articleHistory: history });
    const computed = await service.initialize();
    const uri = ws.uri(PATHS.annotations);
    expect(moved(computed.get(uri)!).map((d) => [d.range, (d.data as { newNumber?: number }).newNumber])).toEqual([
      [numberRange(ANNOTATIONS, 'strike-start'), 4],
      [numberRange(ANNOTATIONS, 'union-demand'), 5],
      [numberRange(ANNOTATIONS, 'diversions'), 6],
      [numberRange(ANNOTATIONS, 'maersk'), undefined],
    ]);
    expect(computed.get(uri)!.filter((d) => d.code === 'quote-sentence-mismatch')).toEqual([]);
    // The moved file: the record takes over what git knew (its annotations agree with the committed article).
    // The other file is clean and unchanged: recorded, never parsed here.
    expect(recorded.map((r) => [r.annotationUri, r.anchors, r.earlier])).toEqual([
      [uri, ['3\u0001strike-start\u0001', '4\u0001union-demand\u0001calls the demand “unaffordable”', '5\u0001diversions\u0001', '6\u0001maersk\u0001', '1\u0001headline\u0001'], true],
      [ws.uri('annotations/other.stance.yaml'), ['1\u0001alone\u0001'], undefined],
    ]);
    expect(await recorded[0].articleText()).toBe(OLD_ARTICLE);
    expect(calls.sort()).toEqual([uri, ws.uri('annotations/other.stance.yaml')].sort());
  });
});

describe('followArticleEdit: the editor’s edits after an open article changed', () => {
  it('gives each annotation file’s unambiguous number edits, byte-exact, and counts what it leaves (a deleted sentence)', async () => {
    const second = `article: ../articles/gdansk.txt\r\nannotations:\r\n  - { id: late, sentence: 7, actors: [dockers] }\r\n  - { id: head, sentence: 2 }\r\n`;
    const ws = new InMemoryWorkspace({ [PATHS.codebook]: CODEBOOK, [PATHS.article]: OLD_ARTICLE, [PATHS.annotations]: ANNOTATIONS, 'annotations/second.stance.yaml': second });
    const service = createLanguageService({ workspace: ws });
    const articleUri = ws.uri(PATHS.article);
    await service.initialize();
    ws.write(PATHS.article, NEW_ARTICLE);
    service.changed([articleUri]);
    const result = await service.followArticleEdit(articleUri, OLD_ARTICLE);
    // The second file's sentences 7 and 2 keep their numbers (one inserted, one deleted before 7): no edit.
    expect(result).toEqual({
      files: [
        {
          uri: ws.uri(PATHS.annotations),
          edits: [
            { range: numberRange(ANNOTATIONS, 'strike-start'), newText: '4' },
            { range: numberRange(ANNOTATIONS, 'union-demand'), newText: '5' },
            { range: numberRange(ANNOTATIONS, 'diversions'), newText: '6' },
          ],
          annotations: 3,
          fixed: {
            before: ['3\u0001strike-start\u0001', '4\u0001union-demand\u0001calls the demand “unaffordable”', '5\u0001diversions\u0001'],
            after: ['4\u0001strike-start\u0001', '5\u0001union-demand\u0001calls the demand “unaffordable”', '6\u0001diversions\u0001'],
          },
        },
      ],
      left: 1,
      articleText: NEW_ARTICLE,
    });
    // Typing inside a sentence: nothing to do.
    expect(await service.followArticleEdit(articleUri, NEW_ARTICLE.replace('talks resumed', 'talks restarted'))).toEqual({ files: [], left: 0, articleText: NEW_ARTICLE });
    // An annotation renumbered by hand since the edit began (not among the anchors taken then) is taken as written.
    const anchors = new Map([[ws.uri(PATHS.annotations), new Set(['3\u0001strike-start\u0001', '5\u0001diversions\u0001'])]]);
    const partial = await service.followArticleEdit(articleUri, OLD_ARTICLE, anchors);
    expect(partial.files.map((file) => file.edits)).toEqual([
      [
        { range: numberRange(ANNOTATIONS, 'strike-start'), newText: '4' },
        { range: numberRange(ANNOTATIONS, 'diversions'), newText: '6' },
      ],
    ]);
    expect(partial.left).toBe(0);
  });
});
