/**
 * Statements, mentions and W3C annotations as the service computes them from
 * the index's summaries (docs/analysis.md, "Statements and mentions"), on an
 * in-memory corpus whose expected values are counted by hand below.
 */
import { describe, expect, it } from 'vitest';
import { createLanguageService, InMemoryWorkspace, type LanguageService } from '../../src/service/index';
import type { Statement } from '../../src/service/analysis/types';

const CODEBOOK = `actors:
  us: { name: United States, type: state }
  russia: { name: Russia, type: state }
  ukraine: { name: Ukraine, type: state }
  lavrov: { name: Sergey Lavrov, type: person, affiliation: russia }
topics:
  ceasefire: { label: Ceasefire }
  security-guarantees: { label: Security guarantees }
`;

// A BOM, CRLF line ends, a flag (two astral code points, four UTF-16 units) and an emoji (one code point, two units).
// Sentences, with code points counted after the BOM:
//   1 `Talks in Geneva 🇺🇦 — a first look`              0–33   ("Talks in Geneva " 16 + flag 2 + " — a first look" 15)
//   2 `Washington backs the ceasefire plan.`           37–73  (33 + two CRLF = 37; 36 characters)
//   3 `Moscow calls it “premature” 🙄 and rejects it.`  75–120 (73 + CRLF; 45 code points)
//   4 `Kyiv wants guarantees first.`                   122–150
const GENEVA = '\uFEFFTalks in Geneva 🇺🇦 — a first look\r\n\r\nWashington backs the ceasefire plan.\r\nMoscow calls it “premature” 🙄 and rejects it.\r\nKyiv wants guarantees first.\r\n';

// Line numbers (1-based) are in the comments: the statements' `line` is the stance entry's.
const ANA = [
  'article: ../articles/geneva.txt', // 1
  'coder: ana', // 2
  'document:', // 3
  '  title: \'Geneva, "a first look"\'', // 4
  '  date: 2025-03-04', // 5
  '  source: Example Wire', // 6
  'annotations:', // 7
  '  - id: headline', // 8
  '    sentence: 1', // 9
  '    actors: [ukraine]', // 10
  '  - sentence: 2', // 11
  '    quote: backs the ceasefire', // 12
  '    stances:', // 13
  '      - { actor: us, toward: ceasefire, stance: supports }', // 14
  '  - sentence: 3', // 15
  '    quote: \'"premature"\'', // 16: straight quotes typed, curly in the article
  '    stances:', // 17
  '      - actor: russia', // 18
  '        toward: ceasefire', // 19
  '        stance: opposes', // 20
  "    note: Moscow's word, not ours.", // 21
  '  - sentence: 3', // 22
  '    quote: and rejects it', // 23: after the emoji
  '    stances:', // 24
  '      - { actor: russia, toward: ceasefire, stance: opposes }', // 25
  '  - sentence: 4', // 26
  '    stances:', // 27
  '      - { actor: ukraine, toward: security-guarantees, stance: supports }', // 28
  '      - { actor: ukraine, toward: nowhere, stance: supports }', // 29 unknown target
  '      - { actor: kyiv, toward: ceasefire, stance: supports }', // 30 unknown actor
  '      - { actor: ukraine, toward: ceasefire, stance: loves }', // 31 unknown stance
  '      - { actor: ukraine, toward: ceasefire }', // 32 incomplete
  '  - sentence: 9', // 33 no such sentence
  '    stances:', // 34
  '      - { actor: us, toward: ceasefire, stance: supports }', // 35
  '  - sentence: 2', // 36
  '    quote: not in this sentence', // 37 quote not in its sentence
  '    stances:', // 38
  '      - { actor: us, toward: ceasefire, stance: supports }', // 39
  '',
].join('\r\n');

// Ben gives no document: the article's facts come from Ana's file.
const BEN = ['article: ../articles/geneva.txt', 'coder: ben', 'annotations:', '  - sentence: 3', '    stances:', '      - { actor: lavrov, toward: ceasefire, stance: opposes }', ''].join('\n');

const UNDATED_ARTICLE = 'Nobody dated this piece.\n';
const UNDATED = ['article: ../articles/undated.txt', 'annotations:', '  - sentence: 1', '    stances:', '      - { actor: us, toward: security-guarantees, stance: opposes }', ''].join('\n');

function corpus(extra: Record<string, string | Uint8Array> = {}, folders?: string[]) {
  const workspace = new InMemoryWorkspace(
    {
      'codebook.yaml': CODEBOOK,
      'articles/geneva.txt': GENEVA,
      'annotations/geneva.ana.stance.yaml': ANA,
      'annotations/geneva.ben.stance.yaml': BEN,
      'articles/undated.txt': UNDATED_ARTICLE,
      'annotations/undated.stance.yaml': UNDATED,
      ...extra,
    },
    folders,
  );
  return { workspace, service: createLanguageService({ workspace }) };
}

async function allStatements(
  service: LanguageService,
  params: Parameters<LanguageService['exportStatements']>[0] = {},
): Promise<{ statements: Statement[]; leftOut: Record<string, number>; notices: readonly string[] }> {
  const result = await service.exportStatements(params);
  const statements: Statement[] = [];
  for await (const batch of result.batches) statements.push(...batch);
  expect(statements).toHaveLength(result.total);
  return { statements, leftOut: result.leftOut.reasons, notices: result.notices };
}

const GENEVA_FACTS = { article: 'articles/geneva.txt', title: 'Geneva, "a first look"', date: '2025-03-04', source: 'Example Wire' };

describe('statements from the index', () => {
  it('carry exact code point offsets after the BOM (emoji, flags, CRLF), the sentence and the quote as the article has them, in document order', async () => {
    const { service } = corpus();
    const { statements } = await allStatements(service);
    const pick = (s: Statement) => ({
      article: s.article,
      title: s.title,
      date: s.date,
      source: s.source,
      coder: s.coder,
      file: s.file,
      line: s.line,
      annotation: s.annotation,
      sentence: s.sentence,
      sentenceText: s.sentenceText,
      quote: s.quote,
      start: s.start,
      end: s.end,
      actor: s.actor,
      actorName: s.actorName,
      actorType: s.actorType,
      toward: s.toward,
      towardLabel: s.towardLabel,
      towardKind: s.towardKind,
      stance: s.stance,
      polarity: s.polarity,
      note: s.note,
    });
    const ana = { ...GENEVA_FACTS, coder: 'ana', file: 'annotations/geneva.ana.stance.yaml' };
    const us = { actor: 'us', actorName: 'United States', actorType: 'state' };
    const russia = { actor: 'russia', actorName: 'Russia', actorType: 'state' };
    const ceasefire = { toward: 'ceasefire', towardLabel: 'Ceasefire', towardKind: 'topic' };
    const sentence3 = 'Moscow calls it “premature” 🙄 and rejects it.';
    expect(statements.map(pick)).toEqual([
      {
        ...ana,
        line: 14,
        annotation: '2',
        sentence: 2,
        sentenceText: 'Washington backs the ceasefire plan.',
        quote: 'backs the ceasefire',
        start: 48,
        end: 67,
        ...us,
        ...ceasefire,
        stance: 'supports',
        polarity: 1,
        note: undefined,
      },
      {
        ...ana,
        line: 18,
        annotation: '3',
        sentence: 3,
        sentenceText: sentence3,
        quote: '“premature”',
        start: 91,
        end: 102,
        ...russia,
        ...ceasefire,
        stance: 'opposes',
        polarity: -1,
        note: "Moscow's word, not ours.",
      },
      {
        ...ana,
        line: 25,
        annotation: '4',
        sentence: 3,
        sentenceText: sentence3,
        quote: 'and rejects it',
        start: 105,
        end: 119,
        ...russia,
        ...ceasefire,
        stance: 'opposes',
        polarity: -1,
        note: undefined,
      },
      {
        ...ana,
        line: 28,
        annotation: '5',
        sentence: 4,
        sentenceText: 'Kyiv wants guarantees first.',
        quote: undefined,
        start: 122,
        end: 150,
        actor: 'ukraine',
        actorName: 'Ukraine',
        actorType: 'state',
        toward: 'security-guarantees',
        towardLabel: 'Security guarantees',
        towardKind: 'topic',
        stance: 'supports',
        polarity: 1,
        note: undefined,
      },
      // Ben's file gives no document: the article's title, date and source come from Ana's.
      {
        ...GENEVA_FACTS,
        coder: 'ben',
        file: 'annotations/geneva.ben.stance.yaml',
        line: 6,
        annotation: '1',
        sentence: 3,
        sentenceText: sentence3,
        quote: undefined,
        start: 75,
        end: 120,
        actor: 'lavrov',
        actorName: 'Sergey Lavrov',
        actorType: 'person',
        ...ceasefire,
        stance: 'opposes',
        polarity: -1,
        note: undefined,
      },
      // Undated articles come last.
      {
        article: 'articles/undated.txt',
        title: undefined,
        date: undefined,
        source: undefined,
        coder: undefined,
        file: 'annotations/undated.stance.yaml',
        line: 5,
        annotation: '1',
        sentence: 1,
        sentenceText: 'Nobody dated this piece.',
        quote: undefined,
        start: 0,
        end: 24,
        ...us,
        toward: 'security-guarantees',
        towardLabel: 'Security guarantees',
        towardKind: 'topic',
        stance: 'opposes',
        polarity: -1,
        note: undefined,
      },
    ]);
    expect(statements[4].actorAffiliation).toBe('russia');
  });

  it('leave out what is not a valid statement, counted by reason', async () => {
    const { service } = corpus();
    const { leftOut } = await allStatements(service);
    expect(leftOut).toEqual({ unknownTarget: 1, unknownActor: 1, unknownStance: 1, incompleteStance: 1, unresolvedSentence: 1, unresolvedQuote: 1 });
  });

  it('leave out a file without article or codebook, and a quote alone found in several sentences, each by its reason', async () => {
    const noArticle = 'article: ../articles/missing.txt\nannotations:\n  - sentence: 1\n    stances:\n      - { actor: us, toward: ceasefire, stance: supports }\n';
    const ambiguous = 'article: ../articles/twice.txt\nannotations:\n  - quote: the same words\n    stances:\n      - { actor: us, toward: ceasefire, stance: supports }\n';
    const { workspace, service } = corpus(
      {
        'annotations/missing.stance.yaml': noArticle,
        'articles/twice.txt': 'It says the same words.\nIt says the same words again.\n',
        'annotations/twice.stance.yaml': ambiguous,
      },
      ['file:///ws', 'file:///other'],
    );
    // A second workspace folder without any codebook.yaml.
    workspace.write('file:///other/article.txt', 'A lone sentence.\n');
    workspace.write('file:///other/lone.stance.yaml', 'article: article.txt\nannotations:\n  - sentence: 1\n    stances:\n      - { actor: us, toward: ceasefire, stance: supports }\n');
    const { leftOut } = await allStatements(service);
    expect(leftOut).toMatchObject({ noArticle: 1, noCodebook: 1, unresolvedSentence: 2 });
  });

  it('filter by coder, dates (undated articles left out), affiliation roll-up and actor type', async () => {
    const { service } = corpus();
    const ben = await allStatements(service, { coders: ['ben'] });
    expect(ben.statements.map((s) => s.line)).toEqual([6]);
    // Ana's 4 and the unnamed coder's 1; the invalid ones are counted as such.
    expect(ben.leftOut).toMatchObject({ coder: 5 });

    const unnamed = await allStatements(service, { coders: [''] });
    expect(unnamed.statements.map((s) => s.file)).toEqual(['annotations/undated.stance.yaml']);

    const march = await allStatements(service, { from: '2025-03-04', to: '2025-03-04' });
    expect(march.statements).toHaveLength(5);
    expect(march.leftOut).toMatchObject({ undated: 1 });
    const april = await allStatements(service, { from: '2025-04-01' });
    expect(april.statements).toHaveLength(0);
    expect(april.leftOut).toMatchObject({ outsideDates: 5, undated: 1 });

    const rolled = await allStatements(service, { actors: 'affiliation' });
    const lavrov = rolled.statements.find((s) => s.file === 'annotations/geneva.ben.stance.yaml')!;
    expect([lavrov.actor, lavrov.actorName, lavrov.actorType]).toEqual(['russia', 'Russia', 'state']);

    const persons = await allStatements(service, { actorTypes: ['person'] });
    expect(persons.statements.map((s) => s.actor)).toEqual(['lavrov']);
    expect(persons.leftOut).toMatchObject({ actorType: 5 });
    // Rolled up, nobody is a person any more.
    expect((await allStatements(service, { actorTypes: ['person'], actors: 'affiliation' })).statements).toEqual([]);
  });

  it('say when an article has files from several coders, and when a coder named has no file', async () => {
    const { service } = corpus();
    const all = await allStatements(service);
    expect(all.notices).toEqual([expect.stringMatching(/^articles\/geneva\.txt has annotation files from several coders: each coder's statements are counted/)]);
    expect((await allStatements(service, { coders: ['ana'] })).notices).toEqual([]);
    expect((await allStatements(service, { coders: ['ana', 'zoe'] })).notices).toEqual(['No annotation file has coder zoe.']);
  });

  it('apply the duplicate rule: russia opposes the ceasefire twice in the article, once per article; another stance is another statement unless told to ignore stances', async () => {
    const { service } = corpus({
      'annotations/geneva.cleo.stance.yaml':
        'article: ../articles/geneva.txt\ncoder: cleo\nannotations:\n  - sentence: 3\n    stances:\n      - { actor: russia, toward: ceasefire, stance: supports }\n',
    });
    const { statements } = await allStatements(service, { duplicates: 'article', coders: ['ana'] });
    expect(statements.map((s) => s.line)).toEqual([14, 18, 28]);
    // Cleo's russia supports the ceasefire: a statement of its own, unless stances are ignored (then Ana's earlier one counts).
    const both = await allStatements(service, { duplicates: 'article', coders: ['ana', 'cleo'] });
    expect(both.statements.map((s) => `${s.coder} ${s.line} ${s.stance}`)).toEqual(['ana 14 supports', 'ana 18 opposes', 'ana 28 supports', 'cleo 6 supports']);
    const ignoring = await allStatements(service, { duplicates: 'article', coders: ['ana', 'cleo'], aggregate: 'ignore' });
    expect(ignoring.statements.map((s) => `${s.coder} ${s.line}`)).toEqual(['ana 14', 'ana 18', 'ana 28']);
  });
});

describe('mentions from the index', () => {
  it('are the known actors each resolved annotation involves, an actor once per annotation, at the annotation first line', async () => {
    const { service } = corpus();
    const { mentions, leftOut } = await service.exportMentions({ coders: ['ana'] });
    expect(mentions.map((m) => `${m.line} ${m.annotation} ${m.sentence} ${m.actor}`)).toEqual([
      '8 headline 1 ukraine',
      '11 2 2 us',
      '15 3 3 russia',
      '22 4 3 russia',
      // The stance actors of annotation 5: ukraine (three times: once), kyiv left out.
      '26 5 4 ukraine',
    ]);
    // kyiv is no actor; the two unresolved annotations' us.
    expect(leftOut.reasons).toMatchObject({ unknownActor: 1, unresolvedSentence: 1, unresolvedQuote: 1 });
    expect(mentions[0]).toMatchObject({ ...GENEVA_FACTS, coder: 'ana', file: 'annotations/geneva.ana.stance.yaml', actorName: 'Ukraine', actorType: 'state' });
  });
});

describe('W3C annotations from the index', () => {
  it("give each resolved annotation's code points; applied to the article text they give back its quote", async () => {
    const { service } = corpus();
    const result = await service.exportW3c({});
    const articles = [];
    for await (const article of result.articles) articles.push(article);
    expect(articles.map((a) => a.article)).toEqual(['articles/geneva.txt', 'articles/undated.txt']);
    const geneva = articles[0];
    const codePoints = [...geneva.text.replace(/^\uFEFF/, '')];
    const cut = (a: { start: number; end: number }) => codePoints.slice(a.start, a.end).join('');
    expect(geneva.annotations.map((a) => [a.file.split('/').pop(), a.annotation, cut(a)])).toEqual([
      ['geneva.ana.stance.yaml', 'headline', 'Talks in Geneva 🇺🇦 — a first look'],
      ['geneva.ana.stance.yaml', '2', 'backs the ceasefire'],
      ['geneva.ana.stance.yaml', '3', '“premature”'],
      ['geneva.ana.stance.yaml', '4', 'and rejects it'],
      ['geneva.ana.stance.yaml', '5', 'Kyiv wants guarantees first.'],
      ['geneva.ben.stance.yaml', '1', 'Moscow calls it “premature” 🙄 and rejects it.'],
    ]);
    // Only valid statements describe an annotation; kyiv is not tagged.
    expect(geneva.annotations[4]).toMatchObject({ actors: ['ukraine'], stances: [{ actor: 'ukraine', stance: 'supports', toward: 'security-guarantees' }] });
    expect(result.leftOut()).toEqual({ total: 2, reasons: { unresolvedSentence: 1, unresolvedQuote: 1 } });
  });
});

describe('after an edit', () => {
  it('statements and networks follow the edited file, its article and its codebook (as a new service finds them)', async () => {
    const { workspace, service } = corpus();
    const before = await service.network({ type: 'conflict' });
    // ceasefire: us +1 against russia −1 twice (2) and lavrov −1 (1); security guarantees: ukraine +1 against us −1 (1).
    expect(before.network.edges.map((e) => `${e.source}–${e.target} ${e.weight}`)).toEqual(['lavrov–us 1', 'russia–us 2', 'ukraine–us 1']);

    const edits: [string, string][] = [
      ['annotations/geneva.ben.stance.yaml', BEN.replace('lavrov, toward: ceasefire, stance: opposes', 'lavrov, toward: ceasefire, stance: supports')],
      ['articles/geneva.txt', GENEVA.replace('Washington backs', 'Washington, too, backs')],
      ['codebook.yaml', CODEBOOK.replace('name: Sergey Lavrov', 'name: Sergei Lavrov')],
      ['annotations/undated.stance.yaml', UNDATED.replace('actor: us', 'actor: lavrov')],
    ];
    for (const [file, text] of edits) {
      service.changed([workspace.write(file, text)]);
      const fresh = createLanguageService({ workspace });
      for (const type of ['conflict', 'congruence', 'affiliation', 'co-mention'] as const) {
        expect(await service.network({ type }), `${type} after editing ${file}`).toEqual(await fresh.network({ type }));
      }
      expect(await allStatements(service)).toEqual(await allStatements(fresh));
    }
    const statements = (await allStatements(service)).statements;
    // The article edit moved sentence 2's quote by 6 code points (", too," after "Washington").
    expect(statements.find((s) => s.line === 14)).toMatchObject({ start: 54, end: 73, sentenceText: 'Washington, too, backs the ceasefire plan.' });
    expect(statements.find((s) => s.coder === 'ben')).toMatchObject({ actorName: 'Sergei Lavrov', stance: 'supports' });
  });
});
