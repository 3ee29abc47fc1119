import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { importDna, readCorpusForDna, type DnaImportOptions } from '../src/dna/index';
import { buildNetwork } from '../src/service/analysis/networks';
import { affiliationRollUp, type ActorLookup } from '../src/service/analysis/filters';
import type { NetworkOptions, Statement } from '../src/service/analysis/types';
import { DnaFixture, dnaSpan } from './support/dnaFixture';
import { portDatabase } from './support/dnaSamples';

/**
 * The networks of an imported database equal DNA's over its affiliation
 * variable (analysis.md §7): statements rolled up to the persons'
 * organisations (`--actors affiliation`), then DNA's formulas. The expected
 * matrices are worked out by hand from the statements of `portDatabase`
 * (support/dnaSamples.ts: PORT_STATEMENTS).
 */

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function importedStatements(f: DnaFixture, options: Partial<DnaImportOptions> = {}): Promise<{ statements: Statement[]; lookupActor: ActorLookup }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'standpoint-dna-net-'));
  cleanup.push(dir);
  writeFileSync(path.join(dir, 'port.dna'), f.bytes());
  await importDna({ database: path.join(dir, 'port.dna'), output: path.join(dir, 'corpus'), options });
  const { input } = await readCorpusForDna(path.join(dir, 'corpus'));

  // The corpus's stances as the analysis layer's statements (the fields the networks read).
  const actors = new Map(input.codebook.actors.map((a) => [a.id, a]));
  const topics = new Map(input.codebook.topics.map((t) => [t.id, t]));
  const polarity = new Map(input.codebook.stances.map((s) => [s.id, s.polarity]));
  const lookupActor: ActorLookup = (id) => {
    const actor = actors.get(id);
    return actor && { id, name: actor.name, type: actor.type ?? 'other', affiliation: actor.affiliation };
  };
  const statements: Statement[] = input.files.flatMap((file) =>
    file.annotations.flatMap((annotation) =>
      annotation.stances.map((stance) => ({
        article: file.article,
        file: file.path,
        line: 0,
        annotation: String(annotation.index),
        sentence: 0,
        sentenceText: '',
        start: annotation.sentence.start,
        end: annotation.sentence.end,
        actor: stance.actor,
        actorName: actors.get(stance.actor)!.name,
        actorType: actors.get(stance.actor)!.type ?? 'other',
        actorAffiliation: actors.get(stance.actor)!.affiliation,
        toward: stance.toward,
        towardLabel: topics.get(stance.toward)!.label,
        towardKind: 'topic' as const,
        stance: stance.stance,
        polarity: polarity.get(stance.stance)!,
      })),
    ),
  );
  const rollUp = affiliationRollUp(lookupActor);
  return { statements: statements.map(rollUp), lookupActor };
}

async function edges(options: NetworkOptions, database?: DnaFixture, importOptions?: Partial<DnaImportOptions>): Promise<[string, string, number][]> {
  const { statements, lookupActor } = await importedStatements(database ?? (await portDatabase()), importOptions);
  const { network } = buildNetwork({ statements, options, lookupActor, range: 2 });
  return network.edges
    .map((e): [string, string, number] => (network.twoMode || e.source < e.target ? [e.source, e.target, e.weight] : [e.target, e.source, e.weight]))
    .sort(([a, b], [c, d]) => (a < c ? -1 : a > c ? 1 : b < d ? -1 : b > d ? 1 : 0));
}

describe('networks of an imported DNA database, as DNA computes them over organisations', () => {
  // Counts x[organisation][concept][agreement] from PORT_STATEMENTS:
  //   Harbour Union:   dredging +2 −1
  //   Port Authority:  dredging +1, curfew −1
  //   Green Coalition: dredging −1, curfew −1 +1

  it('two-mode, agreement subtracted (DNA: twomode, qualifier aggregation subtract): positive minus negative', async () => {
    expect(await edges({ type: 'affiliation', aggregate: 'subtract' })).toEqual([
      ['green-coalition', 'dredging-the-estuary', -1],
      // Green Coalition on the curfew: 1 − 1 = 0, a zero-weight tie, not written.
      ['harbour-union', 'dredging-the-estuary', 1],
      ['port-authority', 'dredging-the-estuary', 1],
      ['port-authority', 'night-shipping-curfew', -1],
    ]);
  });

  it('two-mode, agreement ignored: statement counts', async () => {
    expect(await edges({ type: 'affiliation', aggregate: 'ignore' })).toEqual([
      ['green-coalition', 'dredging-the-estuary', 1],
      ['green-coalition', 'night-shipping-curfew', 2],
      ['harbour-union', 'dredging-the-estuary', 3],
      ['port-authority', 'dredging-the-estuary', 1],
      ['port-authority', 'night-shipping-curfew', 1],
    ]);
  });

  it('one-mode congruence and conflict (boolean qualifier: same answer counts 1, different 0, and the reverse)', async () => {
    // Congruence: Harbour–Port 2·1 (dredging +) = 2; Harbour–Green 1·1 (dredging −) = 1; Port–Green 1·1 (curfew −) = 1.
    expect(await edges({ type: 'congruence' })).toEqual([
      ['green-coalition', 'harbour-union', 1],
      ['green-coalition', 'port-authority', 1],
      ['harbour-union', 'port-authority', 2],
    ]);
    // Conflict: Harbour–Port 1·1 (Harbour − vs Port +) = 1; Harbour–Green 2·1 = 2; Port–Green 1 (dredging) + 1 (curfew) = 2.
    expect(await edges({ type: 'conflict' })).toEqual([
      ['green-coalition', 'harbour-union', 2],
      ['green-coalition', 'port-authority', 2],
      ['harbour-union', 'port-authority', 1],
    ]);
  });

  it('one-mode congruence with an integer qualifier: DNA’s 1 − |q − q′| / (max − min) from the scaled polarities', async () => {
    const f = await DnaFixture.create();
    f.statementType(4, 'Position', [
      [20, 'speaker', 'short text'],
      [21, 'body', 'short text'],
      [22, 'issue', 'short text'],
      [23, 'score', 'integer'],
    ]);
    const text = 'The pilots’ guild scored the curfew highly. The shippers were lukewarm. The council was hostile.\n';
    f.document(1, { title: 'Scores', text, date: '2024-04-03' });
    f.statement({ document: 1, type: 4, ...dnaSpan(text, 'The pilots’ guild scored the curfew highly.'), values: { body: 'Pilots’ Guild', issue: 'Night shipping curfew', score: 3 } });
    f.statement({ document: 1, type: 4, ...dnaSpan(text, 'The shippers were lukewarm.'), values: { body: 'Shippers', issue: 'Night shipping curfew', score: 1 } });
    f.statement({ document: 1, type: 4, ...dnaSpan(text, 'The council was hostile.'), values: { body: 'City Council', issue: 'Night shipping curfew', score: -2 } });
    const result = await edges({ type: 'congruence' }, f, { statementType: 'Position', actor: 'speaker', affiliation: 'body', target: 'issue', qualifier: 'score' });
    // Values 3, 1, −2 (range 5): guild–shippers 1 − 2/5 = 0.6, shippers–council 1 − 3/5 = 0.4, guild–council 1 − 5/5 = 0 (not written).
    expect(result.map(([a, b]) => [a, b])).toEqual([
      ['city-council', 'shippers'],
      ['pilots-guild', 'shippers'],
    ]);
    expect(result[0][2]).toBeCloseTo(0.4, 12);
    expect(result[1][2]).toBeCloseTo(0.6, 12);
  });
});
