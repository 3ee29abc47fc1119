import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { filterDnaExportInput, type DnaExportInput } from '../src/dna/index';
import { CLI, testEnvironment } from './support/lspClient';
import { sqlJs } from './support/dnaFixture';
import { richDatabase } from './support/dnaSamples';

/**
 * `standpoint export dna` with the filters of the other exports: a pure test of
 * what each filter keeps, then the command on the rich sample, its database read
 * back with SQL. Expected rows are worked out from the sample
 * (server/test/support/dnaSamples.ts), not from the code.
 */

const sentence = { start: 0, end: 10 };
/** Two articles; three files (ana and ben on the first, an undated file without coder on the second). */
const INPUT: DnaExportInput = {
  articles: [
    { path: 'articles/a.txt', text: 'A sentence.' },
    { path: 'articles/b.txt', text: 'B sentence.' },
  ],
  codebook: {
    actors: [
      { id: 'us', name: 'United States', type: 'state' },
      { id: 'state-department', name: 'State Department', type: 'organization', affiliation: 'us' },
      { id: 'rubio', name: 'Marco Rubio', type: 'person', affiliation: 'state-department' },
      { id: 'oxfam', name: 'Oxfam', type: 'ngo' },
    ],
    topics: [{ id: 'aid', label: 'Aid' }],
    stances: [
      { id: 'supports', label: 'Supports', polarity: 1 },
      { id: 'opposes', label: 'Opposes', polarity: -1 },
    ],
  },
  files: [
    {
      path: 'annotations/a.ana.stance.yaml',
      article: 'articles/a.txt',
      coder: 'ana',
      document: { date: '2025-03-04' },
      annotations: [
        {
          index: 1,
          sentence,
          actors: ['rubio', 'oxfam'],
          stances: [
            { actor: 'rubio', toward: 'aid', stance: 'opposes' },
            { actor: 'oxfam', toward: 'aid', stance: 'supports' },
          ],
        },
        { index: 2, sentence, actors: ['rubio'], stances: [] },
      ],
    },
    {
      path: 'annotations/a.ben.stance.yaml',
      article: 'articles/a.txt',
      coder: 'ben',
      document: { date: '2025-02-10' },
      annotations: [{ index: 1, sentence, actors: ['us'], stances: [{ actor: 'us', toward: 'aid', stance: 'opposes' }] }],
    },
    {
      path: 'annotations/b.stance.yaml',
      article: 'articles/b.txt',
      annotations: [{ index: 1, sentence, actors: ['oxfam'], stances: [{ actor: 'oxfam', toward: 'aid', stance: 'supports' }] }],
    },
  ],
};

const shape = (input: DnaExportInput) =>
  input.files.map((file) => `${file.path}: ${file.annotations.map((a) => (a.stances.length ? a.stances.map((s) => `${s.actor} ${s.stance}`).join(' + ') : `[${a.actors.join(', ')}]`)).join('; ')}`);

describe('filterDnaExportInput', () => {
  it('keeps everything without filters', () => {
    const result = filterDnaExportInput(INPUT, {});
    expect(result.input).toEqual(INPUT);
    expect(result.leftOut).toEqual({ coder: 0, undated: 0, outsideDates: 0, actorType: 0 });
  });

  it('keeps the files of the coders named (and their articles only); "" is the files without coder', () => {
    const ana = filterDnaExportInput(INPUT, { coders: ['ana'] });
    expect(shape(ana.input)).toEqual(['annotations/a.ana.stance.yaml: rubio opposes + oxfam supports; [rubio]']);
    expect(ana.input.articles.map((a) => a.path)).toEqual(['articles/a.txt']);
    // Ben's one stance and the unnamed file's one stance: one statement each.
    expect(ana.leftOut).toEqual({ coder: 2, undated: 0, outsideDates: 0, actorType: 0 });
    const unnamed = filterDnaExportInput(INPUT, { coders: ['', 'zoe'] });
    expect(shape(unnamed.input)).toEqual(['annotations/b.stance.yaml: oxfam supports']);
    expect(unnamed.codersNotFound).toEqual(['zoe']);
  });

  it('keeps the files dated in the span; undated ones are left out under a date filter', () => {
    const march = filterDnaExportInput(INPUT, { from: '2025-03-01' });
    expect(shape(march.input)).toEqual(['annotations/a.ana.stance.yaml: rubio opposes + oxfam supports; [rubio]']);
    // Ben's file is dated 10 February (1 statement); b has no date (1 statement).
    expect(march.leftOut).toEqual({ coder: 0, undated: 1, outsideDates: 1, actorType: 0 });
    const february = filterDnaExportInput(INPUT, { to: '2025-02-10' });
    expect(shape(february.input)).toEqual(['annotations/a.ben.stance.yaml: us opposes']);
  });

  it('makes the top of the affiliation chain the actor of each stance (and of an annotation without stances)', () => {
    const rolled = filterDnaExportInput(INPUT, { actors: 'affiliation' });
    // rubio → state-department → us.
    expect(shape(rolled.input)).toEqual(['annotations/a.ana.stance.yaml: us opposes + oxfam supports; [us]', 'annotations/a.ben.stance.yaml: us opposes', 'annotations/b.stance.yaml: oxfam supports']);
  });

  it('keeps the stances whose actor has a type named, after the roll-up; the files stay', () => {
    const states = filterDnaExportInput(INPUT, { actorTypes: ['state'], actors: 'affiliation' });
    expect(shape(states.input)).toEqual(['annotations/a.ana.stance.yaml: us opposes; [us]', 'annotations/a.ben.stance.yaml: us opposes', 'annotations/b.stance.yaml: ']);
    expect(states.leftOut).toEqual({ coder: 0, undated: 0, outsideDates: 0, actorType: 2 });
    // As coded, Rubio is a person: his stance and his annotation without stances are left out.
    const asCoded = filterDnaExportInput(INPUT, { actorTypes: ['state'] });
    expect(shape(asCoded.input)).toEqual(['annotations/a.ana.stance.yaml: ', 'annotations/a.ben.stance.yaml: us opposes', 'annotations/b.stance.yaml: ']);
    expect(asCoded.leftOut.actorType).toBe(4);
    expect(asCoded.input.articles).toHaveLength(2);
  });
});

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: testEnvironment() });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Each statement of a DNA database as `id doc coder: person / organisation / concept = agreement`. */
async function statements(file: string): Promise<string[]> {
  const SQL = await sqlJs();
  const db = new SQL.Database(readFileSync(file));
  const value = (variable: number) => `(SELECT e.Value FROM DATASHORTTEXT d JOIN ENTITIES e ON e.ID = d.Entity WHERE d.StatementId = s.ID AND d.VariableId = ${variable})`;
  const rows =
    db.exec(`SELECT s.ID, s.DocumentId, s.Coder, ${value(1)}, ${value(2)}, ${value(3)}, (SELECT Value FROM DATABOOLEAN b WHERE b.StatementId = s.ID) FROM STATEMENTS s ORDER BY s.ID`)[0]?.values ?? [];
  db.close();
  return rows.map(([id, doc, coder, person, organization, concept, agreement]) => `${id} ${doc} ${coder}: ${person} / ${organization} / ${concept} = ${agreement}`);
}

describe('standpoint export dna with filters', () => {
  // One imported corpus for every test here (each writes its own database beside it).
  let shared: string | undefined;
  async function imported() {
    if (shared) return shared;
    const dir = mkdtempSync(path.join(tmpdir(), 'standpoint-dna-filters-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, 'levy.dna'), (await richDatabase()).bytes());
    expect(run(['import', 'dna', 'levy.dna', '--output', 'corpus'], dir).status).toBe(0);
    return (shared = dir);
  }
  // The rich sample's statements of type "DNA Statement" (coder 2 Ana Ruiz, 3 Ben Okafor; document 1 of 4 March,
  // document 2 the corridor of 12 February, document 3 of 5 March has none), as DNA stores them and export writes them.
  const ALL = [
    '1 1 2: Aino Lehtinen / European Commission / Carbon levy on fertiliser = 1',
    '2 1 2: Rafael Osei / Lagos Trade Institute / Carbon levy on fertiliser = 0',
    '3 1 2: Mara Quill / U.S. Trade Office / Carbon levy on fertiliser = 1',
    '4 1 3: Aino Lehtinen / European Parliament / Carbon levy on fertiliser = 1',
    '5 1 3: Aino Lehtinen / European Commission / Carbon levy on fertiliser = 1',
    '6 3 3: Oleh Brant / Ministry of Agrarian Policy / Grain corridor = 1',
    '7 3 3:  / Grain Corridor / Grain corridor = 0',
    '8 3 3: Oleh Brant /  /  = 1',
  ];

  it('without filters writes every statement', async () => {
    const dir = await imported();
    const result = run(['export', 'dna', 'corpus', '--output', 'all.dna'], dir);
    expect(result.stderr).toBe('');
    expect(await statements(path.join(dir, 'all.dna'))).toEqual(ALL);
  });

  it('--coder keeps that coder’s documents and statements, and says what it left out', async () => {
    const dir = await imported();
    const result = run(['export', 'dna', 'corpus', '--output', 'ana.dna', '--coder', 'ana-ruiz'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('  documents      1\n  statements     3 (type "DNA Statement")\n');
    expect(result.stderr).toBe('5 statements left out: 5 of other coders than --coder names.\n');
    expect(await statements(path.join(dir, 'ana.dna'))).toEqual(ALL.slice(0, 3));
  });

  it('--from keeps the documents dated from that day on', async () => {
    const dir = await imported();
    const result = run(['export', 'dna', 'corpus', '--output', 'march.dna', '--from', '2025-03-01'], dir);
    expect(result.stdout).toContain('  documents      2\n  statements     5 (type "DNA Statement")\n');
    expect(result.stderr).toBe('3 statements left out: 3 dated outside --from/--to.\n');
    expect(await statements(path.join(dir, 'march.dna'))).toEqual(ALL.slice(0, 5));
  });

  it('--actors affiliation writes each person’s statements as their organisation’s; --actor-type after the roll-up', async () => {
    const dir = await imported();
    expect(run(['export', 'dna', 'corpus', '--output', 'orgs.dna', '--actors', 'affiliation'], dir).status).toBe(0);
    // Aino Lehtinen's affiliation is the European Commission (coded with it twice, with the Parliament once).
    expect(await statements(path.join(dir, 'orgs.dna'))).toEqual([
      '1 1 2:  / European Commission / Carbon levy on fertiliser = 1',
      '2 1 2:  / Lagos Trade Institute / Carbon levy on fertiliser = 0',
      '3 1 2:  / U.S. Trade Office / Carbon levy on fertiliser = 1',
      '4 1 3:  / European Commission / Carbon levy on fertiliser = 1',
      '5 1 3:  / European Commission / Carbon levy on fertiliser = 1',
      '6 3 3:  / Ministry of Agrarian Policy / Grain corridor = 1',
      '7 3 3:  / Grain Corridor / Grain corridor = 0',
      '8 3 3:  / Ministry of Agrarian Policy /  = 1',
    ]);
    // The U.S. Trade Office is the one state (its DNA Type attribute says State).
    const states = run(['export', 'dna', 'corpus', '--output', 'states.dna', '--actors', 'affiliation', '--actor-type', 'state'], dir);
    expect(states.stderr).toBe('7 statements left out: 7 whose actor has another type than --actor-type names.\n');
    expect(await statements(path.join(dir, 'states.dna'))).toEqual(['3 1 2:  / U.S. Trade Office / Carbon levy on fertiliser = 1']);
  });

  it('takes several files (PATH… within --workspace)', async () => {
    const dir = await imported();
    const result = run(
      [
        'export',
        'dna',
        'corpus/annotations/brussels-weighs-a-carbon-levy.ana-ruiz.stance.yaml',
        'corpus/annotations/kyivs-grain-corridor-talks-resume.ben-okafor.stance.yaml',
        '--workspace',
        'corpus',
        '--output',
        'two.dna',
      ],
      dir,
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('  documents      2\n');
    // Document ids are given anew: the corridor is the second document of this database.
    expect(await statements(path.join(dir, 'two.dna'))).toEqual([...ALL.slice(0, 3), ...ALL.slice(5).map((row) => row.replace(' 3 3:', ' 2 3:'))]);
  });

  it('refuses what the other exports refuse, with their words, and names a coder no file has', async () => {
    const dir = await imported();
    const type = run(['export', 'dna', 'corpus', '--output', 'x.dna', '--type', 'congruence'], dir);
    expect(type.status).toBe(2);
    expect(type.stderr).toContain('standpoint: --type is an option of `export network`; `export dna` does not take it');
    const date = run(['export', 'dna', 'corpus', '--output', 'x.dna', '--from', '2025-13-01'], dir);
    expect(date.status).toBe(2);
    expect(date.stderr).toContain('standpoint: --from "2025-13-01" is not a date');
    const actors = run(['export', 'dna', 'corpus', '--output', 'x.dna', '--actors', 'organisations'], dir);
    expect(actors.status).toBe(2);
    const nobody = run(['export', 'dna', 'corpus', '--output', 'x.dna', '--coder', 'nobody'], dir);
    expect(nobody.status).toBe(0);
    expect(nobody.stderr).toBe('8 statements left out: 8 of other coders than --coder names.\nNo annotation file has coder nobody.\n');
    const missing = run(['export', 'dna', 'nowhere', '--output', 'x.dna'], dir);
    expect(missing.stderr).toContain('standpoint: no such file or folder: nowhere');
  });
});
