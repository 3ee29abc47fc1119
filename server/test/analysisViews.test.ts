import { describe, expect, it } from 'vitest';
import { AnalysisOptionsError } from '../src/service/index';
import { rangeOf, workspace } from './helpers';
import { BRIEFING, BRIEFING_ANNOTATIONS, CODEBOOK, GENEVA, GENEVA_ANNOTATIONS } from './support/analysisCorpus';

async function setup() {
  const { ws, service } = workspace({
    'codebook.yaml': CODEBOOK,
    'articles/briefing.txt': BRIEFING,
    'annotations/briefing.stance.yaml': BRIEFING_ANNOTATIONS,
    'articles/geneva.txt': GENEVA,
    'annotations/geneva.stance.yaml': GENEVA_ANNOTATIONS,
  });
  await service.initialize();
  return { ws, service };
}

const ties = (edges: readonly { source: string; target: string; weight: number; statements: number }[]) => edges.map((e) => `${e.source}–${e.target} ${e.weight} (${e.statements})`);

describe('standpoint/network', () => {
  it('computes the network of the whole workspace, and counts what it left out and why', async () => {
    const { service } = await setup();
    const result = await service.network({ type: 'congruence' });
    // ceasefire: us +1, russia −1, ukraine −1 → only russia and ukraine agree (1); talks: russia +1, ukraine +1 (1).
    expect(ties(result.network.edges)).toEqual(['russia–ukraine 2 (4)']);
    expect(result.network.nodes.map((n) => [n.key, n.frequency])).toEqual([
      ['russia', 2],
      ['ukraine', 3],
      ['us', 1],
    ]);
    // The unknown stance `dismisses`, and Rubio's statement whose quote is not in sentence 5.
    expect(result.leftOut).toEqual({ total: 2, reasons: { unknownStance: 1, unresolvedQuote: 1 } });
    expect(result.notices).toEqual([]);
    // The briefing's file has no coder (""), Geneva's is ana's and dated.
    expect(result.facets).toEqual({ coders: ['', 'ana'], actorTypes: ['person', 'state'], firstDate: '2025-03-04', lastDate: '2025-03-04' });
  });

  it('gives two-mode ties their polarity counts', async () => {
    const { service } = await setup();
    const { network } = await service.network({ type: 'affiliation' });
    expect(network.edges.map((e) => [e.source, e.target, e.weight, e.positive, e.negative, e.zero])).toEqual([
      ['russia', 'ceasefire', 1, 0, 1, 0],
      ['russia', 'talks', 1, 1, 0, 0],
      ['ukraine', 'ceasefire', 1, 0, 1, 0],
      ['ukraine', 'talks', 1, 1, 0, 0],
      ['ukraine', 'target:us', 1, 0, 1, 0],
      ['us', 'ceasefire', 1, 1, 0, 0],
    ]);
  });

  it('filters by date and coder as the CLI does, counting what each filter left out', async () => {
    const { service } = await setup();
    // The briefing is undated: under a date filter its four valid statements are left out.
    const dated = await service.network({ type: 'affiliation', from: '2025-03-01' });
    expect(dated.network.edges.map((e) => `${e.source}–${e.target}`)).toEqual(['russia–talks', 'ukraine–talks']);
    expect(dated.leftOut).toEqual({ total: 6, reasons: { unknownStance: 1, unresolvedQuote: 1, undated: 4 } });
    const ana = await service.network({ type: 'affiliation', coders: ['ana'] });
    expect(ana.leftOut).toEqual({ total: 6, reasons: { unknownStance: 1, unresolvedQuote: 1, coder: 4 } });
    const unnamed = await service.network({ type: 'affiliation', coders: [''] });
    expect(unnamed.network.edges).toHaveLength(4);
    const nobody = await service.network({ type: 'affiliation', coders: ['ben'] });
    expect(nobody.notices).toEqual(['No annotation file has coder ben.']);
  });

  it('keeps to the articles asked for', async () => {
    const { ws, service } = await setup();
    const { network, leftOut } = await service.network({ type: 'conflict', articles: [ws.uri('articles/geneva.txt')] });
    expect(network.nodes.map((n) => n.key)).toEqual(['russia', 'ukraine']);
    expect(network.edges).toEqual([]);
    expect(leftOut.total).toBe(0);
    const none = await service.network({ type: 'conflict', articles: [] });
    expect(none.network.nodes).toEqual([]);
  });

  it('refuses what the CLI refuses, with its message', async () => {
    const { service } = await setup();
    await expect(service.network({ type: 'affiliation', normalize: 'jaccard' })).rejects.toThrow(AnalysisOptionsError);
    await expect(service.network({ type: 'affiliation', normalize: 'jaccard' })).rejects.toThrow(/--normalize jaccard is for one-mode networks/);
    await expect(service.network({ type: 'congruence', from: '19 Feb' })).rejects.toThrow(/--from "19 Feb" is not a date/);
  });

  it('follows an edit of an annotation file', async () => {
    const { ws, service } = await setup();
    const uri = ws.write('annotations/geneva.stance.yaml', GENEVA_ANNOTATIONS.replace('{ actor: ukraine, toward: talks, stance: supports }', '{ actor: ukraine, toward: talks, stance: opposes }'));
    service.changed([uri]);
    const { network } = await service.network({ type: 'conflict' });
    // Now russia and ukraine disagree on the talks; us–russia, us–ukraine disagree on the ceasefire.
    expect(ties(network.edges)).toEqual(['russia–ukraine 1 (2)', 'russia–us 1 (2)', 'ukraine–us 1 (2)']);
  });
});

describe('standpoint/statements', () => {
  it('lists a two-mode tie’s statements with the stance entry’s and the sentence’s places, and offsets in code points', async () => {
    const { ws, service } = await setup();
    const { statements, total } = await service.statements({ tie: { type: 'affiliation', source: 'us', target: 'ceasefire' } });
    expect(total).toBe(1);
    const [backing] = statements;
    expect(backing).toMatchObject({
      article: 'articles/briefing.txt',
      file: 'annotations/briefing.stance.yaml',
      line: 8,
      annotation: 'backing',
      sentence: 2,
      sentenceText: 'Washington backs a ceasefire along the front line.',
      quote: 'backs a ceasefire',
      actor: 'us',
      actorName: 'United States',
      toward: 'ceasefire',
      towardLabel: 'A ceasefire along the front line',
      towardKind: 'topic',
      stance: 'supports',
      polarity: 1,
    });
    // The quote starts 11 characters into sentence 2, which follows the headline (36 code points: the emoji is
    // one code point, two UTF-16 units) and two line breaks.
    const headline = [...'Ceasefire talks resume in Geneva 🕊️'].length;
    expect(backing.start).toBe(headline + 2 + 'Washington '.length);
    expect(backing.end).toBe(backing.start + 'backs a ceasefire'.length);
    // The stance entry, from its first key.
    expect(backing.location.uri).toBe(ws.uri('annotations/briefing.stance.yaml'));
    expect(backing.location.range.start).toEqual(rangeOf(BRIEFING_ANNOTATIONS, 'actor: us, toward: ceasefire').start);
    expect(backing.sentenceLocation).toEqual({ uri: ws.uri('articles/briefing.txt'), range: rangeOf(BRIEFING, 'Washington backs a ceasefire along the front line.') });
  });

  it('gives each statement its file’s coder and its article’s title and date', async () => {
    const { service } = await setup();
    const { statements } = await service.statements({ node: { key: 'talks', type: 'affiliation' } });
    expect(statements.map((s) => [s.actor, s.coder, s.title, s.date])).toEqual([
      ['russia', 'ana', 'Geneva hosts the talks', '2025-03-04'],
      ['ukraine', 'ana', 'Geneva hosts the talks', '2025-03-04'],
    ]);
  });

  it('lists a node’s statements in document order, as actor or as target', async () => {
    const { service } = await setup();
    const asTarget = await service.statements({ node: { key: 'target:us', type: 'affiliation' } });
    expect(asTarget.statements.map((s) => `${s.actor} ${s.stance} ${s.toward}`)).toEqual(['ukraine opposes us']);
    const ukraine = await service.statements({ node: { key: 'ukraine', type: 'congruence' } });
    // Document order: dated articles first (Geneva), undated last (the briefing), then file and line.
    expect(ukraine.statements.map((s) => `${s.file}:${s.line} ${s.toward}`)).toEqual([
      'annotations/geneva.stance.yaml:11 talks',
      'annotations/briefing.stance.yaml:16 ceasefire',
      'annotations/briefing.stance.yaml:17 us',
    ]);
  });

  it('lists a one-mode tie’s statements on the targets that add to it', async () => {
    const { service } = await setup();
    // conflict us–russia: only the ceasefire (us +1, russia −1).
    const conflict = await service.statements({ tie: { type: 'conflict', source: 'russia', target: 'us' } });
    expect(conflict.statements.map((s) => `${s.actor} ${s.stance} ${s.toward}`)).toEqual(['us supports ceasefire', 'russia opposes ceasefire']);
    // congruence russia–ukraine: the ceasefire (both oppose) and the talks (both support): four statements, as the edge says.
    const congruence = await service.statements({ tie: { type: 'congruence', source: 'russia', target: 'ukraine' } });
    expect(congruence.total).toBe(4);
    // co-mention: the statements of the annotations that involve both.
    const together = await service.statements({ tie: { type: 'co-mention', source: 'russia', target: 'ukraine' } });
    expect(together.statements.map((s) => `${s.actor} ${s.toward}`)).toEqual(['russia talks', 'ukraine talks']);
  });

  it('applies the limit, and says how many there were', async () => {
    const { service } = await setup();
    const result = await service.statements({ limit: 2 });
    expect(result.statements).toHaveLength(2);
    expect(result.total).toBe(6);
    expect(result.leftOut).toEqual({ total: 2, reasons: { unknownStance: 1, unresolvedQuote: 1 } });
  });

  it('places statements of a CRLF file on the right lines', async () => {
    const { ws, service } = workspace({
      'codebook.yaml': CODEBOOK,
      'articles/briefing.txt': BRIEFING.replace(/\n/g, '\r\n'),
      'annotations/briefing.stance.yaml': BRIEFING_ANNOTATIONS.replace(/\n/g, '\r\n'),
    });
    await service.initialize();
    const { statements } = await service.statements({ node: { key: 'ukraine', type: 'affiliation' } });
    expect(statements.map((s) => s.line)).toEqual([16, 17]);
    const text = BRIEFING_ANNOTATIONS.replace(/\n/g, '\r\n');
    expect(statements[0].location.range.start).toEqual(rangeOf(text, 'actor: ukraine, toward: ceasefire').start);
    expect(statements[0].sentenceLocation?.uri).toBe(ws.uri('articles/briefing.txt'));
  });
});
