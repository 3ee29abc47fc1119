/**
 * Agreement between coders as the service computes it from the index's
 * per-file records (features/agreement.ts): the report of the hand-worked
 * corpus written as files (server/test/support/agreementCorpus.ts; its alphas
 * are worked out by hand in agreement.test.ts), what counts (only valid
 * annotations and statements, as the exports), scope, --coders, the
 * request's limit and URIs, comparisons kept per article, the sentence count
 * per file's segmentation, and the code lenses of annotation files.
 */
import { describe, expect, it } from 'vitest';
import { createLanguageService, InMemoryWorkspace, isOperationCancelled, type LanguageService } from '../src/service/index';
import { AnalysisOptionsError } from '../src/service/features/analysis';
import { SEGMENTATION_REASON } from '../src/service/features/agreement';
import { SHOW_OTHER_CODINGS_COMMAND } from '../../protocol/agreement';
import { wellFormedSummary } from '../src/service/workspaceIndex/summary';
import { sentenceStampOf } from '../src/service/workspaceIndex/statementFacts';
import { AGREEMENT_FILES, GULF_ANA, GULF_BEN, lineOf, STRAIT_ANA, STRAIT_BEN, STRAIT_BEN_PART2, STRAIT_CLEO } from './support/agreementCorpus';

const GULF_ANA_PATH = 'annotations/gulf-ports.ana.stance.yaml';
const GULF_BEN_PATH = 'annotations/gulf-ports.ben.stance.yaml';

function corpus(extra: Record<string, string> = {}): { workspace: InMemoryWorkspace; service: LanguageService } {
  const workspace = new InMemoryWorkspace({ ...AGREEMENT_FILES, ...extra });
  return { workspace, service: createLanguageService({ workspace }) };
}

describe('the report of the hand-worked corpus, from files', () => {
  it('has the corpus alphas worked out by hand (agreement.test.ts), pooled over the two compared articles', async () => {
    const { service } = corpus();
    const { report, codersFound, withoutArticle } = await service.agreementReport({});
    expect(codersFound).toEqual(['ana', 'ben', 'cleo']);
    expect(withoutArticle).toBe(0);
    expect(report.coders).toEqual(['ana', 'ben', 'cleo']);
    expect(report.articles.map((a) => a.article)).toEqual(['articles/gulf-ports.txt', 'articles/strait-talks.txt']);
    expect(report.corpus.sentences.alpha).toBeCloseTo(-1 / 15, 10);
    expect(report.corpus.actors.alpha).toBeCloseTo(41 / 140, 10);
    expect(report.corpus.stances.alpha).toBeCloseTo(12 / 19, 10);
    expect(report.corpus.polarity.alpha).toBeCloseTo(48 / 55, 10);
    expect([report.corpus.sentences.units, report.corpus.actors.units, report.corpus.stances.units]).toEqual([7, 14, 5]);
    const gulf = report.articles[0];
    expect(gulf.sentences.alpha).toBeCloseTo(-1 / 6, 10);
    expect(gulf.actors.alpha).toBeCloseTo(2 / 7, 10);
    expect(gulf.stances.alpha).toBeCloseTo(0.4, 10);
    expect(gulf.polarity.alpha).toBeCloseTo(8 / 11, 10);
    const anaBen = report.pairs.find((p) => p.coders.join() === 'ana,ben')!;
    expect(anaBen.sentences.kappa).toBeCloseTo(0.3, 10);
    expect(anaBen.actors.kappa).toBeCloseTo(3 / 7, 10);
    expect(anaBen.stances.kappa).toBeCloseTo(0.6, 10);
    expect(anaBen.polarity.kappa).toBeCloseTo(6 / 7, 10);
  });

  it('says what was skipped, merged and self-conflicting, with the files’ own lines', async () => {
    const { service } = corpus();
    const { report } = await service.agreementReport({});
    expect(report.skipped).toEqual([{ article: 'articles/port-fees.txt', coders: ['ana'] }]);
    expect(report.merged).toEqual([{ article: 'articles/strait-talks.txt', coder: 'ben', files: ['annotations/strait-talks.ben-part2.stance.yaml', 'annotations/strait-talks.ben.stance.yaml'] }]);
    const cleo = 'annotations/strait-talks.cleo.stance.yaml';
    expect(report.conflicts).toEqual([
      {
        article: 'articles/strait-talks.txt',
        coder: 'cleo',
        sentence: 1,
        actor: 'eu',
        target: 'sanctions',
        stances: ['opposes', 'supports'],
        places: [
          { file: cleo, line: lineOf(STRAIT_CLEO, 'stance: supports'), coder: 'cleo' },
          { file: cleo, line: lineOf(STRAIT_CLEO, 'stance: opposes'), coder: 'cleo' },
        ],
      },
    ]);
  });

  it('lists the disagreements with the annotation’s first line or the stance entry’s line', async () => {
    const { service } = corpus();
    const { report } = await service.agreementReport({});
    const gulf = report.disagreements.filter((d) => d.article === 'articles/gulf-ports.txt');
    expect(gulf.map((d) => [d.level, d.sentence, d.actor ?? '', d.places.map((p) => `${p.file}:${p.line}`).join(' ')])).toEqual([
      ['sentences', 2, '', `${GULF_ANA_PATH}:${lineOf(GULF_ANA, 'id: port-silence')}`],
      ['actors', 2, 'iran', `${GULF_ANA_PATH}:${lineOf(GULF_ANA, 'id: port-silence')}`],
      ['actors', 3, 'us', `${GULF_ANA_PATH}:${lineOf(GULF_ANA, 'id: provocation')}`],
      ['stances', 3, 'iran', `${GULF_ANA_PATH}:${lineOf(GULF_ANA, 'stance: opposes')} ${GULF_BEN_PATH}:${lineOf(GULF_BEN, 'stance: mixed')}`],
      ['sentences', 4, '', `${GULF_BEN_PATH}:${lineOf(GULF_BEN, 'sentence: 4')}`],
      ['actors', 4, 'us', `${GULF_BEN_PATH}:${lineOf(GULF_BEN, 'sentence: 4')}`],
    ]);
    expect(report.disagreements).toHaveLength(11);
  });
});

describe('line ends', () => {
  it('places and lenses are on the right lines in files with a BOM, CRLF line ends and characters outside the BMP', async () => {
    // Ana's file with a BOM, a comment line (with an emoji) and CRLF; Ben's with CRLF: the same annotations, one line
    // lower for Ana. (A lone CR is no line end to YAML: such a file is a yaml-syntax error, as `standpoint check` says.)
    const anaText = `\uFEFF# Ana’s coding — 🚢 round two\r\n${GULF_ANA.replace(/\n/g, '\r\n')}`;
    const benText = GULF_BEN.replace(/\n/g, '\r\n');
    const { service, workspace } = corpus({ [GULF_ANA_PATH]: anaText, [GULF_BEN_PATH]: benText });
    const { report } = await service.agreementReport({});
    const stance = report.disagreements.find((d) => d.article === 'articles/gulf-ports.txt' && d.level === 'stances')!;
    // Counted by hand: in GULF_ANA `id: port-silence` is line 9, `id: provocation` 12 and the entry with `stance: opposes`
    // 16 (one more each here, after the comment); in GULF_BEN the entry with `stance: mixed` is line 11.
    expect([lineOf(GULF_ANA, 'id: port-silence'), lineOf(GULF_ANA, 'id: provocation'), lineOf(GULF_ANA, 'stance: opposes')]).toEqual([9, 12, 16]);
    expect(lineOf(GULF_BEN, 'stance: mixed')).toBe(11);
    expect(stance.places.map((p) => `${p.file}:${p.line}`)).toEqual([`${GULF_ANA_PATH}:17`, `${GULF_BEN_PATH}:11`]);
    const lenses = await service.codeLenses(workspace.uri(GULF_ANA_PATH));
    expect(lenses.map((lens) => [lens.range.start.line + 1, lens.command!.title])).toEqual([
      [10, 'ben: not annotated'],
      [10, 'ben: without iran'],
      [13, 'ben: without us'],
      [17, 'ben: mixed'],
    ]);
    const benLenses = await service.codeLenses(workspace.uri(GULF_BEN_PATH));
    expect(benLenses.find((lens) => lens.command!.title === 'ana: opposes')?.range.start.line).toBe(11 - 1);
  });
});

describe('what counts', () => {
  it('leaves out what exports leave out: an unresolved sentence or quote, an unknown actor, an invalid stance', async () => {
    // Ben's sentence-4 annotation gets a quote not in the sentence, and his sentence-1 stance an unknown stance: without
    // them, Gulf's units are those of ana against ben's sentence 3 alone (and sentence 1 without the stance).
    const broken = GULF_BEN.replace('  - sentence: 4\n', '  - sentence: 4\n    quote: words nowhere in it\n').replace(
      '{ actor: us, toward: tariffs, stance: supports }',
      '{ actor: us, toward: tariffs, stance: adores }',
    );
    const { service } = corpus({
      [GULF_BEN_PATH]: broken,
      'annotations/stray.ben.stance.yaml': 'article: ../articles/gulf-ports.txt\ncoder: ben\nannotations:\n  - sentence: 2\n    actors: [atlantis]\n',
    });
    const { report } = await service.agreementReport({ articles: [new InMemoryWorkspace({}).uri('articles/gulf-ports.txt')] });
    const gulf = report.articles[0];
    // sentences: ana 1,2,3; ben 1,2 (the stray file: its annotation resolves, its actor is unknown),3: s1 11, s2 11, s3 11, s4 00.
    // o11 = 6, o00 = 2, n1 = 6, n0 = 2: perfect agreement, alpha 1.
    expect(gulf.sentences).toEqual({ alpha: 1, units: 4, pairable: 8, agreement: 1 });
    // stances: (1,us,tariffs) ana only now; (3,iran,us) opposes/mixed → one pairable unit, alpha 0 (no variation beyond it).
    expect(gulf.stances).toMatchObject({ units: 2, pairable: 2, agreement: 0 });
    expect(report.merged).toEqual([{ article: 'articles/gulf-ports.txt', coder: 'ben', files: [GULF_BEN_PATH, 'annotations/stray.ben.stance.yaml'] }]);
  });

  it('counts the sentences as each file numbers them, and skips an article whose files number them differently', async () => {
    // Hard-wrapped: one sentence per blank-line paragraph is not what changes here; the line break inside sentence 3 is
    // what hard-wrapped joins, so ben's file would number the article's sentences like ana's (4) — but a file that sets
    // hard-wrapped: false where the codebook says true would not. Here: ana keeps the default, ben declares hard-wrapped.
    const wrapped = 'The U.S. tariffs on Gulf shipping\nare meant to squeeze Tehran.\nIran’s port authority has said nothing.\n';
    const { service } = corpus({
      'articles/wrapped.txt': wrapped,
      'annotations/wrapped.ana.stance.yaml': 'article: ../articles/wrapped.txt\ncoder: ana\nannotations:\n  - sentence: 1\n    actors: [us]\n',
      'annotations/wrapped.ben.stance.yaml': 'article: ../articles/wrapped.txt\ncoder: ben\nhard-wrapped: true\nannotations:\n  - sentence: 1\n    actors: [us]\n',
    });
    const { report } = await service.agreementReport({});
    expect(report.skipped).toContainEqual({ article: 'articles/wrapped.txt', coders: ['ana', 'ben'], reason: SEGMENTATION_REASON });
    expect(report.articles.map((a) => a.article)).not.toContain('articles/wrapped.txt');
  });
});

describe('the sentence facts in each file’s summary', () => {
  it('count the article’s sentences as the file numbers them, with a stamp of their boundaries', async () => {
    const { service, workspace } = corpus();
    await service.agreementReport({});
    const ana = service.summaryOf(workspace.uri(GULF_ANA_PATH))!;
    const ben = service.summaryOf(workspace.uri(GULF_BEN_PATH))!;
    expect([ana.sentenceCount, ben.sentenceCount]).toEqual([4, 4]);
    expect(ana.sentenceStamp).toBe(ben.sentenceStamp);
    // The stamp is of the boundaries: the same count with one boundary moved differs.
    expect(
      sentenceStampOf([
        { start: 0, end: 10 },
        { start: 11, end: 20 },
      ]),
    ).not.toBe(
      sentenceStampOf([
        { start: 0, end: 9 },
        { start: 10, end: 20 },
      ]),
    );
    expect(sentenceStampOf([])).toBe(sentenceStampOf([]));
  });

  it('a summary read from elsewhere (the persisted index) whose sentence facts do not hold together is refused', async () => {
    const { service, workspace } = corpus();
    await service.agreementReport({});
    const ana = service.summaryOf(workspace.uri(GULF_ANA_PATH))!;
    expect(wellFormedSummary(ana)).toBe(true);
    expect(wellFormedSummary({ ...ana, sentenceCount: 2.5 })).toBe(false);
    expect(wellFormedSummary({ ...ana, sentenceCount: -1 })).toBe(false);
    // Ana annotates sentence 3: an article of two sentences cannot have it.
    expect(wellFormedSummary({ ...ana, sentenceCount: 2 })).toBe(false);
    expect(wellFormedSummary({ ...ana, sentenceStamp: 'x' as unknown as number })).toBe(false);
  });
});

describe('scope and coders', () => {
  it('--coders compares only those coders, and a coder no file in scope has is refused with the CLI’s message', async () => {
    const { service, workspace } = corpus();
    const { report } = await service.agreementReport({ coders: ['cleo', 'ana'] });
    expect(report.coders).toEqual(['cleo', 'ana']);
    expect(report.corpus.sentences.alpha).toBeCloseTo(-0.25, 10);
    await expect(service.agreementReport({ coders: ['ana', 'zed'] })).rejects.toThrow(new AnalysisOptionsError("--coders: no annotation file has coder 'zed' (coders found: ana, ben, cleo)"));
    await expect(service.agreement({ coders: ['ana', 'cleo'], articles: [workspace.uri('articles/gulf-ports.txt')] })).rejects.toThrow(
      "--coders: no annotation file has coder 'cleo' (coders found: ana, ben)",
    );
    await expect(service.agreement({ coders: 'ana' as never })).rejects.toThrow('coders must be a list of strings');
    await expect(service.agreement({ limit: -1 })).rejects.toThrow(AnalysisOptionsError);
  });

  it('the files given (the CLI’s PATH…) are the files compared', async () => {
    const { service, workspace } = corpus();
    const files = ['annotations/strait-talks.ana.stance.yaml', 'annotations/strait-talks.cleo.stance.yaml', 'annotations/gulf-ports.ana.stance.yaml'].map((p) => workspace.uri(p));
    const { report, codersFound } = await service.agreementReport({ files });
    expect(codersFound).toEqual(['ana', 'cleo']);
    expect(report.articles.map((a) => [a.article, a.coders])).toEqual([['articles/strait-talks.txt', ['ana', 'cleo']]]);
    expect(report.skipped).toEqual([{ article: 'articles/gulf-ports.txt', coders: ['ana'] }]);
  });
});

describe('standpoint/agreement', () => {
  it('cuts the disagreements to the limit, counts them all, and names the URI of every path it mentions', async () => {
    const { service, workspace } = corpus();
    const result = await service.agreement({ limit: 2 });
    expect(result.disagreementsTotal).toBe(11);
    expect(result.report.disagreements).toHaveLength(2);
    expect(result.nearest).toHaveLength(2);
    for (const path of [GULF_ANA_PATH, GULF_BEN_PATH, 'articles/gulf-ports.txt', 'articles/strait-talks.txt', 'articles/port-fees.txt', 'annotations/strait-talks.cleo.stance.yaml']) {
      expect(result.uris[path], path).toBe(workspace.uri(path));
    }
  });

  it('says where a coder without a place would have put it: their annotation of the nearest sentence before', async () => {
    const { service } = corpus();
    const result = await service.agreement({});
    // Gulf, sentence 2: ana annotated it, ben did not: ben's nearest earlier annotation is his sentence 1.
    const index = result.report.disagreements.findIndex((d) => d.article === 'articles/gulf-ports.txt' && d.level === 'sentences' && d.sentence === 2);
    expect(result.nearest[index]).toEqual([{ file: GULF_BEN_PATH, line: lineOf(GULF_BEN, 'sentence: 1'), coder: 'ben' }]);
    // Gulf, sentence 4: only ben; ana's nearest earlier annotation is her sentence 3.
    const four = result.report.disagreements.findIndex((d) => d.article === 'articles/gulf-ports.txt' && d.level === 'sentences' && d.sentence === 4);
    expect(result.nearest[four]).toEqual([{ file: GULF_ANA_PATH, line: lineOf(GULF_ANA, 'id: provocation'), coder: 'ana' }]);
    // Strait, sentence 3: only cleo; ana's and ben's nearest are their sentence 2 (ben's in his second file).
    const three = result.report.disagreements.findIndex((d) => d.article === 'articles/strait-talks.txt' && d.level === 'sentences' && d.sentence === 3);
    expect(result.nearest[three]).toEqual([
      { file: 'annotations/strait-talks.ana.stance.yaml', line: lineOf(STRAIT_ANA, 'sentence: 2'), coder: 'ana' },
      { file: 'annotations/strait-talks.ben-part2.stance.yaml', line: lineOf(STRAIT_BEN_PART2, 'sentence: 2'), coder: 'ben' },
    ]);
  });

  it('a cancelled request rejects', async () => {
    const { service } = corpus();
    const error = await service.agreement({}, { isCancellationRequested: true }).catch((e: unknown) => e);
    expect(isOperationCancelled(error)).toBe(true);
  });
});

describe('kept per article', () => {
  it('after an edit, only the edited file’s article is compared again, and the report equals one made afresh', async () => {
    const { service, workspace } = corpus();
    const { report: before } = await service.agreementReport({});
    // Ben now reads Iran's stance on sentence 3 as opposes, like ana.
    const edited = GULF_BEN.replace('stance: mixed', 'stance: opposes');
    service.changed([workspace.write(GULF_BEN_PATH, edited)]);
    const { report: after } = await service.agreementReport({});
    const { report: fresh } = await corpus({ [GULF_BEN_PATH]: edited }).service.agreementReport({});
    expect(after).toEqual(fresh);
    // Gulf's stances: (1,us,tariffs) supports/supports, (3,iran,us) opposes/opposes, (4,us,tariffs) ben only:
    // o(sup,sup) = 2, o(opp,opp) = 2, n = 4, no disagreement: alpha 1.
    expect(after.articles[0].stances).toEqual({ alpha: 1, units: 3, pairable: 4, agreement: 1 });
    expect(after.articles[1]).toEqual(before.articles[1]);
    // Strait's comparison was kept: its disagreements are the very objects of the first report; Gulf's were made again.
    const of = (report: typeof before, article: string) => report.disagreements.filter((d) => d.article === article);
    const straitBefore = of(before, 'articles/strait-talks.txt');
    expect(of(after, 'articles/strait-talks.txt').every((d, i) => d === straitBefore[i])).toBe(true);
    expect(of(after, 'articles/gulf-ports.txt')[0]).not.toBe(of(before, 'articles/gulf-ports.txt')[0]);
    expect(after.disagreements.some((d) => d.level === 'stances' && d.article === 'articles/gulf-ports.txt')).toBe(false);
  });
});

describe('code lenses in annotation files', () => {
  const lensesOf = async (service: LanguageService, workspace: InMemoryWorkspace, path: string) =>
    (await service.codeLenses(workspace.uri(path))).map((lens) => [lens.range.start.line + 1, lens.command!.title]);

  it('say, on the annotation or stance entry, what the other coder coded instead', async () => {
    const { service, workspace } = corpus();
    expect(await lensesOf(service, workspace, GULF_ANA_PATH)).toEqual([
      [lineOf(GULF_ANA, 'id: port-silence'), 'ben: not annotated'],
      [lineOf(GULF_ANA, 'id: port-silence'), 'ben: without iran'],
      // (3, iran) is no disagreement: ana involves iran through its stance.
      [lineOf(GULF_ANA, 'id: provocation'), 'ben: without us'],
      [lineOf(GULF_ANA, 'stance: opposes'), 'ben: mixed'],
    ]);
    expect(await lensesOf(service, workspace, GULF_BEN_PATH)).toEqual([
      [lineOf(GULF_BEN, 'sentence: 3'), 'ana: also us'],
      [lineOf(GULF_BEN, 'stance: mixed'), 'ana: opposes'],
      [lineOf(GULF_BEN, 'sentence: 4'), 'ana: not annotated'],
      [lineOf(GULF_BEN, 'sentence: 4'), 'ana: without us'],
    ]);
  });

  it('with three coders, name each coder who differs; a lens opens the other coders’ places', async () => {
    const { service, workspace } = corpus();
    const lenses = await service.codeLenses(workspace.uri('annotations/strait-talks.ana.stance.yaml'));
    const two = lineOf(STRAIT_ANA, 'sentence: 2');
    expect(lenses.map((lens) => [lens.range.start.line + 1, lens.command!.title])).toEqual([
      [two, 'cleo: not annotated'],
      [two, 'cleo: without china'],
      [two, 'ben: without eu, cleo: without eu'],
    ]);
    const [first] = lenses;
    expect(first.command!.command).toBe(SHOW_OTHER_CODINGS_COMMAND);
    const [uri, position, locations] = first.command!.arguments as [string, { line: number }, { uri: string; range: { start: { line: number } } }[]];
    expect(uri).toBe(workspace.uri('annotations/strait-talks.ana.stance.yaml'));
    expect(position).toEqual({ line: two - 1, character: 0 });
    // ben annotated sentence 2 (in his second file); cleo did not: her nearest annotation before it is her sentence 1.
    expect(locations.map((l) => [l.uri, l.range.start.line + 1])).toEqual([
      [workspace.uri('annotations/strait-talks.ben-part2.stance.yaml'), lineOf(STRAIT_BEN_PART2, 'sentence: 2')],
      [workspace.uri('annotations/strait-talks.cleo.stance.yaml'), lineOf(STRAIT_CLEO, 'sentence: 1')],
    ]);
    expect(await lensesOf(service, workspace, 'annotations/strait-talks.ben.stance.yaml')).toEqual([]);
    expect(STRAIT_BEN).toContain('sentence: 1');
  });

  it('none for a file whose article has one coder, and a codebook keeps its own lenses', async () => {
    const { service, workspace } = corpus();
    expect(await lensesOf(service, workspace, 'annotations/port-fees.ana.stance.yaml')).toEqual([]);
    const codebook = await service.codeLenses(workspace.uri('codebook.yaml'));
    expect(codebook.map((lens) => lens.command!.title)).toContain('4 annotations');
  });

  it('follow an edit of the other coder’s file', async () => {
    const { service, workspace } = corpus();
    service.changed([workspace.write(GULF_BEN_PATH, GULF_BEN.replace('stance: mixed', 'stance: opposes'))]);
    const titles = (await lensesOf(service, workspace, GULF_ANA_PATH)).map(([, title]) => title);
    expect(titles).not.toContain('ben: mixed');
    expect(titles).toContain('ben: not annotated');
  });
});
