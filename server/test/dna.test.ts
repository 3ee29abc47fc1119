import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { DnaFixture, dnaSpan, sqlJs } from './support/dnaFixture';
import { BRANT_QUOTE, CORRIDOR, LEVY, LEVY_SENTENCE_4, OSEI, richDatabase, SHRUG } from './support/dnaSamples';
import {
  buildDnaTables,
  dnaDate,
  DnaError,
  DnaOffsets,
  dnaPasswordHash,
  dnaPasswordMatches,
  exportDna,
  importDna,
  openDnaDatabase,
  parseDnaNote,
  writeDnaDatabase,
  readCorpusForDna,
  type DnaExportInput,
  type DnaImportOptions,
} from '../src/dna/index';
import { isoDate } from '../src/dna/importMapping';
import { scalar } from '../src/dna/yamlWrite';
import { slugBase } from '../src/dna/ids';
import { parseAnnotationFile } from '../src/service/model/annotationFile';
import { parseCodebook } from '../src/service/model/codebook';

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'standpoint-dna-'));
  cleanup.push(dir);
  return dir;
}

/** Every file under `root`, relative path → content. */
function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(root, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}

async function importBytes(bytes: Uint8Array, options: Partial<DnaImportOptions> = {}) {
  const dir = tempDir();
  const database = path.join(dir, 'input.dna');
  writeFileSync(database, bytes);
  const output = path.join(dir, 'corpus');
  const result = await importDna({ database, output, options });
  return { ...result, output, database, tree: readTree(output) };
}

const RICH_CODEBOOK = `# Codebook imported from a DNA database by \`standpoint import dna\`:
# persons and organisations are actors, concepts are topics (docs/dna.md).

actors:
  # persons
  aino-lehtinen:
    name: Aino Lehtinen
    type: person
    affiliation: european-commission
    aliases: [Commissioner Lehtinen]
  jose-nunez:
    name: Jose Nunez
    type: person
  jose-nunez-2:
    name: José Núñez
    type: person
  mara-quill:
    name: Mara Quill
    type: person
    affiliation: u-s-trade-office
  oleh-brant:
    name: Oleh Brant
    type: person
    affiliation: ministry-of-agrarian-policy
  person-1:
    name: Олег Брант
    type: person
  rafael-osei:
    name: Rafael Osei
    type: person
    affiliation: lagos-trade-institute
  # organisations
  european-commission:
    name: European Commission
    type: organization
  european-parliament:
    name: European Parliament
    type: organization
  grain-corridor:
    name: Grain Corridor
    type: organization
  lagos-trade-institute:
    name: Lagos Trade Institute
    type: organization
  ministry-of-agrarian-policy:
    name: Ministry of Agrarian Policy
    type: organization
  u-s-trade-office:
    name: U.S. Trade Office
    type: state

topics:
  carbon-levy-on-fertiliser:
    label: Carbon levy on fertiliser
  grain-corridor-2:
    label: Grain corridor
    description: Whether the Black Sea shipping lane reopens.
`;

describe('import dna: a database with two coders, several statement types and tricky spans', () => {
  it('writes the articles unchanged, one annotation file per document and coder, and the codebook', async () => {
    const { tree, summary } = await importBytes((await richDatabase()).bytes());
    expect(Object.keys(tree)).toEqual([
      'annotations/brussels-weighs-a-carbon-levy-2.ben-okafor.stance.yaml',
      'annotations/brussels-weighs-a-carbon-levy.ana-ruiz.stance.yaml',
      'annotations/brussels-weighs-a-carbon-levy.ben-okafor.stance.yaml',
      'annotations/kyivs-grain-corridor-talks-resume.ben-okafor.stance.yaml',
      'articles/brussels-weighs-a-carbon-levy-2.txt',
      'articles/brussels-weighs-a-carbon-levy.txt',
      'articles/kyivs-grain-corridor-talks-resume.txt',
      'codebook.yaml',
    ]);
    expect(tree['articles/brussels-weighs-a-carbon-levy.txt']).toBe(LEVY);
    expect(tree['articles/kyivs-grain-corridor-talks-resume.txt']).toBe(CORRIDOR);
    expect(tree['articles/brussels-weighs-a-carbon-levy-2.txt']).toBe(SHRUG);
    expect(tree['codebook.yaml']).toBe(RICH_CODEBOOK);

    const osei = dnaSpan(LEVY, OSEI);
    expect(tree['annotations/brussels-weighs-a-carbon-levy.ana-ruiz.stance.yaml']).toBe(`article: ../articles/brussels-weighs-a-carbon-levy.txt
coder: ana-ruiz
document:
  title: Brussels Weighs a Carbon Levy
  date: 2025-03-04
  author: Ilse Marchetti
  source: Example Ledger
  section: Trade
annotations:
  - sentence: 4
    actors: [aino-lehtinen, european-commission]
    stances:
      - actor: aino-lehtinen
        toward: carbon-levy-on-fertiliser
        stance: supports
    note: DNA statement 1
  - sentence: 5
    actors: [rafael-osei, lagos-trade-institute]
    stances:
      - actor: rafael-osei
        toward: carbon-levy-on-fertiliser
        stance: opposes
    note: "DNA statement 2, characters ${osei.start}–${osei.stop} (over 2 sentences)"
  - sentence: 8
    quote: studying the text
    actors: [mara-quill, u-s-trade-office]
    stances:
      - actor: mara-quill
        toward: carbon-levy-on-fertiliser
        stance: supports
    note: DNA statement 3
`);

    const spaced = dnaSpan(LEVY, ` ${LEVY_SENTENCE_4}`);
    expect(tree['annotations/brussels-weighs-a-carbon-levy.ben-okafor.stance.yaml']).toBe(`article: ../articles/brussels-weighs-a-carbon-levy.txt
coder: ben-okafor
document:
  title: Brussels Weighs a Carbon Levy
  date: 2025-03-04
  author: Ilse Marchetti
  source: Example Ledger
  section: Trade
annotations:
  - sentence: 3
    actors: [aino-lehtinen, european-commission]
    stances:
      - actor: aino-lehtinen
        toward: carbon-levy-on-fertiliser
        stance: supports
    note: DNA statement 5
  - sentence: 4
    actors: [aino-lehtinen, european-parliament]
    stances:
      - actor: aino-lehtinen
        toward: carbon-levy-on-fertiliser
        stance: supports
    note: "DNA statement 4, characters ${spaced.start}–${spaced.stop}"
`);

    expect(tree['annotations/kyivs-grain-corridor-talks-resume.ben-okafor.stance.yaml']).toBe(`article: ../articles/kyivs-grain-corridor-talks-resume.txt
coder: ben-okafor
document:
  title: Kyiv’s Grain Corridor Talks Resume
  date: 2025-02-12T16:45:00
  source: Example Wire
annotations:
  - sentence: 3
    quote: Oleh Brant said the talks were “constructive but slow.”
    actors: [oleh-brant, ministry-of-agrarian-policy]
    stances:
      - actor: oleh-brant
        toward: grain-corridor-2
        stance: supports
    note: DNA statement 6
  - sentence: 4
    actors: [grain-corridor]
    stances:
      - actor: grain-corridor
        toward: grain-corridor-2
        stance: opposes
    note: DNA statement 7
  - sentence: 4
    quote: a point Brant conceded
    actors: [oleh-brant]
    note: "DNA statement 8, agreement = 1, no organization"
`);

    expect(tree['annotations/brussels-weighs-a-carbon-levy-2.ben-okafor.stance.yaml']).toBe(`article: ../articles/brussels-weighs-a-carbon-levy-2.txt
coder: ben-okafor
document:
  title: Brussels Weighs a Carbon Levy
  date: 2025-03-05
annotations: []
`);

    expect(summary).toMatchObject({
      version: '3.0.11.5',
      statementType: 'DNA Statement',
      documents: 3,
      annotationFiles: 4,
      statements: {
        total: 10,
        imported: 8,
        otherTypes: [
          { type: 'Annotation', count: 1 },
          { type: 'NPF Story Element', count: 1 },
        ],
        skipped: [],
      },
      entities: { persons: 7, organizations: 6, topics: 2 },
      coders: [
        { name: 'Ana Ruiz', id: 'ana-ruiz' },
        { name: 'Ben Okafor', id: 'ben-okafor' },
      ],
      qualifier: 'boolean',
      approximations: {
        severalOrganizations: [{ person: 'Aino Lehtinen', chosen: 'European Commission', others: [{ name: 'European Parliament', statements: 1 }] }],
        overSeveralSentences: 1,
        spanInNote: 2,
      },
    });
    expect(summary.notCarried).toEqual(['entity attributes: Type (1)', 'the notes of 1 document']);
  });

  it('maps DNA offsets in UTF-16 units of the LF-normalised text onto the article as written (CR LF, non-BMP characters)', async () => {
    const { tree } = await importBytes((await richDatabase()).bytes());
    const annotations = parseAnnotationFile(tree['annotations/kyivs-grain-corridor-talks-resume.ben-okafor.stance.yaml']).annotations;
    // The quotes are exactly the text DNA's span covers, read from the CR LF text with the flag and the sheaf before them.
    expect(annotations.map((a) => a.quote?.value)).toEqual([BRANT_QUOTE, undefined, 'a point Brant conceded']);
    const span = dnaSpan(CORRIDOR, BRANT_QUOTE);
    // Two line ends before the span: 2 units fewer in DNA than in the stored text.
    expect(CORRIDOR.indexOf(BRANT_QUOTE)).toBe(span.start + 2);
  });
});

describe('import dna: qualifiers, options and choices', () => {
  async function integerDatabase() {
    const f = await DnaFixture.create();
    f.statementType(4, 'Policy Stance', [
      [20, 'speaker', 'short text'],
      [21, 'party', 'short text'],
      [22, 'issue', 'short text'],
      [23, 'intensity', 'integer'],
    ]);
    f.document(1, {
      title: 'Budget Night in Westminster',
      text: 'The Chancellor defended the fuel duty freeze.\nLabour’s shadow minister called it “a gift to nobody”.\nThe Greens wanted it scrapped outright.\nA Treasury aide said the freeze was provisional.\n',
      date: '2024-11-20',
    });
    const text =
      'The Chancellor defended the fuel duty freeze.\nLabour’s shadow minister called it “a gift to nobody”.\nThe Greens wanted it scrapped outright.\nA Treasury aide said the freeze was provisional.\n';
    f.statement({
      document: 1,
      type: 4,
      ...dnaSpan(text, 'The Chancellor defended the fuel duty freeze.'),
      values: { speaker: 'Rachel Vane', party: 'Treasury', issue: 'Fuel duty freeze', intensity: 3 },
    });
    f.statement({ document: 1, type: 4, ...dnaSpan(text, 'called it “a gift to nobody”'), values: { speaker: 'Tom Ashby', party: 'Labour', issue: 'Fuel duty freeze', intensity: -2 } });
    f.statement({ document: 1, type: 4, ...dnaSpan(text, 'The Greens wanted it scrapped outright.'), values: { party: 'Green Party', issue: 'Fuel duty freeze', intensity: 1 } });
    // No issue: no stance; its value stays in the note (and in the vocabulary, as DNA counts it).
    f.statement({ document: 1, type: 4, ...dnaSpan(text, 'A Treasury aide'), values: { party: 'Treasury', intensity: 0 } });
    f.statement({ document: 1, type: 1, ...dnaSpan(text, 'The Greens'), values: { person: 'Ivy Marsh', concept: 'Fuel duty freeze' } });
    return f;
  }

  const policyOptions = { statementType: 'Policy Stance', actor: 'speaker', affiliation: 'party', target: 'issue', qualifier: 'intensity' };

  it('turns an integer qualifier into a stance vocabulary with polarities scaled to −1…1', async () => {
    const { tree, summary } = await importBytes((await integerDatabase()).bytes(), policyOptions);
    // Values −2, 0, 1, 3: min −2, max 3, range 5; p = −1 + 2(v + 2)/5.
    expect(tree['codebook.yaml'].split('\nstances:\n')[1]).toBe(`  intensity-minus-2:
    label: intensity = -2
    polarity: -1
  intensity-0:
    label: intensity = 0
    polarity: -0.2
  intensity-1:
    label: intensity = 1
    polarity: 0.2
  intensity-3:
    label: intensity = 3
    polarity: 1
`);
    const file = parse(tree['annotations/budget-night-in-westminster.admin.stance.yaml']);
    expect(file.annotations.map((a: { stances?: { stance: string }[] }) => a.stances?.[0]?.stance)).toEqual(['intensity-3', 'intensity-minus-2', 'intensity-1', undefined]);
    expect(file.annotations[3].note).toBe('DNA statement 4, intensity = 0');
    expect(summary.qualifier).toBe('integer');
    expect(summary.statements.otherTypes).toEqual([{ type: 'DNA Statement', count: 1 }]);
    // The Greens (no speaker) take the stance as an organisation.
    expect(file.annotations[2].stances).toEqual([{ actor: 'green-party', toward: 'fuel-duty-freeze', stance: 'intensity-1' }]);
    const codebook = parseCodebook(tree['codebook.yaml']);
    expect(codebook.problems).toEqual([]);
    expect([...codebook.stances.values()].map((s) => s.polarity)).toEqual([-1, -0.2, 0.2, 1]);
  });

  it('imports every stance as neutral with --qualifier none, and no organisations with --affiliation none', async () => {
    const { tree } = await importBytes((await integerDatabase()).bytes(), { ...policyOptions, qualifier: null, affiliation: null });
    const file = parse(tree['annotations/budget-night-in-westminster.admin.stance.yaml']);
    expect(file.annotations.map((a: { actors?: string[]; stances?: { stance: string }[] }) => [a.actors, a.stances?.[0]?.stance])).toEqual([
      [['rachel-vane'], 'neutral'],
      [['tom-ashby'], 'neutral'],
      [undefined, undefined],
      [undefined, undefined],
    ]);
    expect(tree['codebook.yaml']).not.toContain('stances:');
  });

  it('says which statement types and variables exist when an option names none', async () => {
    const bytes = (await integerDatabase()).bytes();
    await expect(importBytes(bytes, { statementType: 'Policy' })).rejects.toThrow(
      /no statement type "Policy"; its statement types: "DNA Statement", "NPF Story Element", "Annotation", "Policy Stance"/,
    );
    await expect(importBytes(bytes, { ...policyOptions, actor: 'person' })).rejects.toThrow(
      /"Policy Stance" has no variable "person" for the actor; its variables: speaker \(short text\), party \(short text\), issue \(short text\), intensity \(integer\)/,
    );
    await expect(importBytes(bytes, { ...policyOptions, qualifier: 'issue' })).rejects.toThrow(/"issue" .* is short text, but the qualifier must be boolean or integer/);
  });

  it('chooses the organisation a person is coded with most often, ties to the first by name', async () => {
    const f = await DnaFixture.create();
    const text = 'Nadia Forde spoke for the coalition. Later she spoke for the union. Then for the coalition again.\n';
    f.document(1, { title: 'Forde', text, date: '2023-05-01' });
    f.statement({ ...dnaSpan(text, 'Nadia Forde spoke for the coalition.'), document: 1, values: { person: 'Nadia Forde', organization: 'Union of Dockers', concept: 'Port reform' } });
    f.statement({ ...dnaSpan(text, 'Later she spoke for the union.'), document: 1, values: { person: 'Nadia Forde', organization: 'Coalition for Ports', concept: 'Port reform' } });
    const { tree, summary } = await importBytes(f.bytes());
    // One statement each: the tie goes to "Coalition for Ports", first by name.
    expect(parse(tree['codebook.yaml']).actors['nadia-forde'].affiliation).toBe('coalition-for-ports');
    expect(summary.approximations.severalOrganizations).toEqual([{ person: 'Nadia Forde', chosen: 'Coalition for Ports', others: [{ name: 'Union of Dockers', statements: 1 }] }]);
    // Each statement keeps its own organisation.
    expect(parse(tree['annotations/forde.admin.stance.yaml']).annotations.map((a: { actors: string[] }) => a.actors)).toEqual([
      ['nadia-forde', 'union-of-dockers'],
      ['nadia-forde', 'coalition-for-ports'],
    ]);
  });

  it('lists statements whose span lies outside the text or covers only white space, and imports the rest', async () => {
    const f = await DnaFixture.create();
    const text = 'First line of the piece.\n\n\nLast line.\n';
    f.document(1, { title: 'Spans', text, date: '2020-01-01' });
    f.statement({ document: 1, start: 25, stop: 27, values: { person: 'Kai Berg', concept: 'Gaps' } });
    f.statement({ document: 1, start: 5, stop: 500, values: { person: 'Kai Berg', concept: 'Gaps' } });
    f.statement({ document: 1, ...dnaSpan(text, 'Last line.'), values: { person: 'Kai Berg', concept: 'Gaps' } });
    const { summary } = await importBytes(f.bytes());
    expect(summary.statements.imported).toBe(1);
    expect(summary.statements.skipped).toEqual([
      { id: 1, document: 'Spans', reason: 'its span 25–27 holds no sentence (only white space)' },
      { id: 2, document: 'Spans', reason: `its span 5–500 lies outside the document's ${text.length} characters` },
    ]);
  });

  it('writes the date as DNA shows it: the wall-clock date, with the time unless it is midnight', () => {
    expect(isoDate(Date.UTC(2025, 1, 19) / 1000)).toBe('2025-02-19');
    expect(isoDate(Date.UTC(2025, 1, 19, 7, 5, 9) / 1000)).toBe('2025-02-19T07:05:09');
    expect(isoDate(-86400)).toBe('1969-12-31');
    expect(dnaDate('2025-02-19')).toBe(Date.UTC(2025, 1, 19) / 1000);
    expect(dnaDate('2025-02-19T07:05:09+02:00')).toBe(Date.UTC(2025, 1, 19, 7, 5, 9) / 1000);
    expect(dnaDate('2025-02-30')).toBeUndefined();
    expect(dnaDate('19 Feb 2025')).toBeUndefined();
  });
});

describe('import dna: databases it refuses', () => {
  it('imports an empty DNA database into a codebook with no entries', async () => {
    const { tree, summary } = await importBytes((await DnaFixture.create()).bytes());
    expect(tree).toEqual({
      'codebook.yaml': '# Codebook imported from a DNA database by `standpoint import dna`:\n# persons and organisations are actors, concepts are topics (docs/dna.md).\n\nactors: {}\n\ntopics: {}\n',
    });
    expect(summary.documents).toBe(0);
    expect(parseCodebook(tree['codebook.yaml']).problems).toEqual([]);
  });

  it('refuses a DNA 2 database, another major version, a non-DNA SQLite file, a text file and an empty file', async () => {
    const SQL = await sqlJs();
    const dna2 = new SQL.Database();
    dna2.run('CREATE TABLE SETTINGS(Property TEXT PRIMARY KEY, Value TEXT)');
    dna2.run("INSERT INTO SETTINGS VALUES ('version', '2.0 beta 19')");
    await expect(openDnaDatabase(dna2.export(), 'old.dna')).rejects.toThrow(
      'old.dna is not a DNA 3 database (version 2.0 beta 19); Standpoint reads databases of DNA 3.x. In DNA 3, create a new database and bring the old one in with Document → Import from DNA database, then import that.',
    );
    await expect(openDnaDatabase((await DnaFixture.create('4.0.1')).bytes(), 'new.dna')).rejects.toThrow('new.dna is not a DNA 3 database (version 4.0.1); Standpoint reads databases of DNA 3.x.');
    const other = new SQL.Database();
    other.run('CREATE TABLE photos(id INTEGER)');
    await expect(openDnaDatabase(other.export(), 'photos.db')).rejects.toThrow('photos.db is an SQLite database but not a DNA database: it has no SETTINGS table.');
    await expect(openDnaDatabase(new TextEncoder().encode('article: notes.txt\n'), 'notes.dna')).rejects.toThrow(
      'notes.dna is not a DNA database: DNA 3 databases are SQLite files, and this file is not one.',
    );
    await expect(openDnaDatabase(new Uint8Array(), 'empty.dna')).rejects.toThrow('empty.dna is empty, not a DNA database.');
    // A damaged file: a valid header, then garbage.
    const damaged = new Uint8Array(4096).fill(7);
    damaged.set(new TextEncoder().encode('SQLite format 3\u0000'));
    await expect(openDnaDatabase(damaged, 'damaged.dna')).rejects.toBeInstanceOf(DnaError);
  });

  it('refuses a DNA 3 version whose tables lack DNA 3 columns', async () => {
    const f = await DnaFixture.create();
    f.db.run('ALTER TABLE ENTITIES RENAME TO ATTRIBUTES');
    await expect(openDnaDatabase(f.bytes(), 'odd.dna')).rejects.toThrow('odd.dna says DNA 3.0.11.5 but lacks table ENTITIES: it is damaged or was not written by DNA 3.');
  });

  it('never overwrites files in the output folder without force, and then writes nothing at all', async () => {
    const bytes = (await richDatabase()).bytes();
    const first = await importBytes(bytes);
    writeFileSync(path.join(first.output, 'codebook.yaml'), 'actors: {}  # mine\n');
    await expect(importDna({ database: first.database, output: first.output })).rejects.toThrow(
      `${first.output} already has codebook.yaml, articles/brussels-weighs-a-carbon-levy.txt, annotations/brussels-weighs-a-carbon-levy.ana-ruiz.stance.yaml, annotations/brussels-weighs-a-carbon-levy.ben-okafor.stance.yaml, articles/brussels-weighs-a-carbon-levy-2.txt and 3 more; nothing was written. Add --force to overwrite, or choose another --output folder.`,
    );
    expect(readFileSync(path.join(first.output, 'codebook.yaml'), 'utf8')).toBe('actors: {}  # mine\n');
    await importDna({ database: first.database, output: first.output, force: true });
    expect(readTree(first.output)).toEqual(first.tree);

    // One file in the way: nothing else is written either.
    const other = tempDir();
    writeFileSync(path.join(other, 'codebook.yaml'), 'actors: {}\n');
    await expect(importDna({ database: first.database, output: other })).rejects.toThrow(`${other} already has codebook.yaml; nothing was written.`);
    expect(readdirSync(other)).toEqual(['codebook.yaml']);
  });

  it('never writes to the database it reads', async () => {
    const bytes = (await richDatabase()).bytes();
    const { database } = await importBytes(bytes);
    expect(new Uint8Array(readFileSync(database))).toEqual(bytes);
  });
});

describe('export dna', () => {
  const ARTICLE = 'Oslo Hosts Arctic Talks 🧊\r\nNorway’s envoy, Dr. Siri Vold, backed a fishing moratorium. Iceland’s delegate hesitated.\r\n';

  function input(stances: DnaExportInput['codebook']['stances']): DnaExportInput {
    const sentence = (s: string) => ({ start: ARTICLE.indexOf(s), end: ARTICLE.indexOf(s) + s.length });
    return {
      articles: [{ path: 'articles/oslo.txt', text: ARTICLE }],
      codebook: {
        actors: [
          { id: 'norway', name: 'Norway', type: 'state', aliases: ['Oslo'] },
          { id: 'vold', name: 'Siri Vold', type: 'person', affiliation: 'norway' },
          { id: 'iceland', name: 'Iceland', type: 'state' },
        ],
        topics: [{ id: 'moratorium', label: 'Arctic fishing moratorium', description: 'A pause on new fishing licences.' }],
        stances,
      },
      files: [
        {
          path: 'annotations/oslo.stance.yaml',
          article: 'articles/oslo.txt',
          coder: 'lena',
          document: { title: 'Oslo Hosts Arctic Talks', date: '2024-09-03', source: 'Polar Desk' },
          annotations: [
            {
              index: 1,
              sentence: sentence('Norway’s envoy, Dr. Siri Vold, backed a fishing moratorium.'),
              quote: sentence('backed a fishing moratorium'),
              actors: ['vold'],
              stances: [{ actor: 'vold', toward: 'moratorium', stance: 'supports' }],
            },
            {
              index: 2,
              sentence: sentence('Iceland’s delegate hesitated.'),
              actors: ['iceland'],
              stances: [
                { actor: 'iceland', toward: 'moratorium', stance: 'neutral' },
                { actor: 'iceland', toward: 'norway', stance: 'opposes' },
              ],
            },
          ],
        },
      ],
    };
  }
  const DEFAULT_VOCABULARY = [
    { id: 'supports', label: 'Supports', polarity: 1 },
    { id: 'opposes', label: 'Opposes', polarity: -1 },
    { id: 'neutral', label: 'Neutral', polarity: 0 },
    { id: 'mixed', label: 'Mixed or ambivalent', polarity: 0 },
  ];

  it('builds DNA rows: spans in DNA units, persons and organisations, a qualifier for the stances', () => {
    const { tables, summary } = buildDnaTables(input(DEFAULT_VOCABULARY));
    // The title line ends in CR LF after an emoji (2 units): DNA counts the line end as one unit.
    const quoteStart = ARTICLE.indexOf('backed a fishing moratorium') - 1;
    const sentence2Start = ARTICLE.indexOf('Iceland’s delegate') - 1;
    expect(tables.statements.map((s) => [s.id, s.start, s.stop, s.coder])).toEqual([
      [1, quoteStart, quoteStart + 'backed a fishing moratorium'.length, 2],
      [2, sentence2Start, sentence2Start + 'Iceland’s delegate hesitated.'.length, 2],
      [3, sentence2Start, sentence2Start + 'Iceland’s delegate hesitated.'.length, 2],
    ]);
    expect(tables.coders.map((c) => [c.id, c.name])).toEqual([
      [1, 'Admin'],
      [2, 'lena'],
    ]);
    const entity = (id: number) => tables.entities.find((e) => e.id === id)!;
    const values = (statementId: number) => tables.shortText.filter((v) => v.statementId === statementId).map((v) => entity(v.entity).value);
    expect(values(1)).toEqual(['Siri Vold', 'Norway', 'Arctic fishing moratorium']);
    expect(values(2)).toEqual(['', 'Iceland', 'Arctic fishing moratorium']);
    // Toward an actor: the concept is the actor's name.
    expect(values(3)).toEqual(['', 'Iceland', 'Norway']);
    // Polarities 1, −1, 0 are whole numbers: an integer qualifier with those values.
    expect(tables.variables.map((v) => [v.id, v.name, v.dataType])).toEqual([
      [1, 'person', 'short text'],
      [2, 'organization', 'short text'],
      [3, 'concept', 'short text'],
      [4, 'agreement', 'integer'],
    ]);
    expect(tables.integers.map((v) => v.value)).toEqual([1, 0, -1]);
    expect(tables.documents).toEqual([
      { id: 1, title: 'Oslo Hosts Arctic Talks', text: ARTICLE, coder: 2, author: '', source: 'Polar Desk', section: '', notes: '', type: '', date: Date.UTC(2024, 8, 3) / 1000 },
    ]);
    expect(summary.notes).toEqual(["1 stance is toward an actor: DNA's concept variable holds the actor's name"]);
    // Attributes: aliases, the organisation's type, the topic's description.
    const attribute = (value: string, name: string) => {
      const e = tables.entities.find((x) => x.value === value)!;
      const variable = tables.attributeVariables.find((a) => a.variableId === e.variableId && a.name === name)!;
      return tables.attributeValues.find((a) => a.entityId === e.id && a.attributeVariableId === variable.id)?.value;
    };
    expect([attribute('Norway', 'Alias'), attribute('Norway', 'Type'), attribute('Arctic fishing moratorium', 'Notes')]).toEqual(['Oslo', 'state', 'A pause on new fishing licences.']);
  });

  it('uses DNA’s boolean agreement when every stance used is for or against', () => {
    const base = input(DEFAULT_VOCABULARY);
    const only = { ...base, files: [{ ...base.files[0], annotations: [base.files[0].annotations[0]] }] };
    const { tables, summary } = buildDnaTables(only);
    expect(tables.variables[3]).toEqual({ id: 4, name: 'agreement', dataType: 'boolean', statementTypeId: 1 });
    expect(tables.booleans.map((v) => v.value)).toEqual([1]);
    expect(summary.qualifier.values).toEqual([
      { stance: 'supports', value: 1 },
      { stance: 'opposes', value: 0 },
    ]);
  });

  it('keeps a note’s span only while it still holds the annotation, and fits names into DNA’s 190 characters', async () => {
    const base = input(DEFAULT_VOCABULARY);
    const [first, second] = base.files[0].annotations;
    const long = `The Standing Committee on Arctic Fisheries, Maritime Boundaries and Polar Research ${'of the Nordic Council '.repeat(6)}`;
    const variant = {
      ...base,
      codebook: {
        ...base.codebook,
        actors: [...base.codebook.actors, { id: 'council-a', name: `${long}(first)`, type: 'organization' }, { id: 'council-b', name: `${long}(second)`, type: 'organization' }],
      },
    };
    const withNotes = {
      ...variant,
      files: [
        {
          ...base.files[0],
          annotations: [
            // Its span still holds the quote: kept (one character before it, as DNA had it).
            { ...first, note: `DNA statement 7, characters ${first.quote!.start - 2}–${first.quote!.end - 1}` },
            // The annotation moved to another sentence since the import: the stale span is ignored, the id is kept.
            { ...second, note: 'DNA statement 9, characters 0–5' },
          ],
        },
      ],
    };
    const { tables } = buildDnaTables(withNotes);
    const sentence2Start = ARTICLE.indexOf('Iceland’s delegate') - 1;
    expect(tables.statements.map((s) => [s.id, s.start, s.stop])).toEqual([
      [7, first.quote!.start - 2, first.quote!.end - 1],
      [9, sentence2Start, sentence2Start + 'Iceland’s delegate hesitated.'.length],
      [10, sentence2Start, sentence2Start + 'Iceland’s delegate hesitated.'.length],
    ]);
    const councils = tables.entities.filter((e) => e.value.startsWith('The Standing Committee'));
    expect(councils.map((e) => Array.from(e.value).length)).toEqual([190, 190]);
    expect(councils[1].value.endsWith(' (council-b)')).toBe(true);
    // SQLite's checks (LENGTH < 191, UNIQUE names per variable) accept them.
    await expect(writeDnaDatabase(tables, 'x')).resolves.toBeInstanceOf(Uint8Array);
  });

  it('writes an SQLite file with DNA’s own tables that the import reads back, atomically', async () => {
    const dir = tempDir();
    const output = path.join(dir, 'arctic.dna');
    writeFileSync(output, 'an older export');
    await exportDna({ input: input(DEFAULT_VOCABULARY), output, password: 'polar night' });
    expect(readdirSync(dir)).toEqual(['arctic.dna']);
    const bytes = readFileSync(output);
    const SQL = await sqlJs();
    const db = new SQL.Database(bytes);
    const ddl = Object.fromEntries(db.exec("SELECT name, sql FROM sqlite_master WHERE type = 'table'")[0].values as [string, string][]);
    // As in the sample database DNA 3.0.7 wrote (rDNA's sample.dna), read with sqlite3.
    expect(ddl.STATEMENTS).toBe(
      'CREATE TABLE STATEMENTS(ID INTEGER NOT NULL PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER, Start INTEGER NOT NULL CHECK(Start >= 0), Stop INTEGER NOT NULL CHECK(Stop >= 0), Coder INTEGER, CHECK (Start < Stop), FOREIGN KEY(StatementTypeId) REFERENCES STATEMENTTYPES(ID) ON DELETE CASCADE, FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE, FOREIGN KEY(DocumentId) REFERENCES DOCUMENTS(ID) ON DELETE CASCADE)',
    );
    expect(ddl.ENTITIES).toBe(
      "CREATE TABLE ENTITIES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL, Value TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Value) < 191), Red INTEGER CHECK (Red BETWEEN 0 AND 255), Green INTEGER CHECK (Green BETWEEN 0 AND 255), Blue INTEGER CHECK (Blue BETWEEN 0 AND 255), ChildOf INTEGER CHECK(ChildOf > 0), UNIQUE (VariableId, Value), FOREIGN KEY(ChildOf) REFERENCES ENTITIES(ID) ON DELETE CASCADE, FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE)",
    );
    expect(Object.keys(ddl).sort()).toEqual([
      'ATTRIBUTEVALUES',
      'ATTRIBUTEVARIABLES',
      'CODERRELATIONS',
      'CODERS',
      'DATABOOLEAN',
      'DATAINTEGER',
      'DATALONGTEXT',
      'DATASHORTTEXT',
      'DOCUMENTS',
      'ENTITIES',
      'REGEXES',
      'SETTINGS',
      'STATEMENTS',
      'STATEMENTTYPES',
      'VARIABLELINKS',
      'VARIABLES',
    ]);
    expect(db.exec("SELECT Value FROM SETTINGS WHERE Property = 'version'")[0].values).toEqual([['3.0.11.5']]);
    const [hash] = db.exec('SELECT Password FROM CODERS WHERE ID = 2')[0].values[0] as [string];
    expect(dnaPasswordMatches('polar night', hash)).toBe(true);
    expect(dnaPasswordMatches('polar day', hash)).toBe(false);
    db.close();
    const opened = await openDnaDatabase(bytes, 'arctic.dna');
    expect(opened.metadata.statements).toHaveLength(3);
    expect(opened.documentText(1)).toBe(ARTICLE);
    opened.close();
  });
});

describe('DNA details', () => {
  it('hashes passwords as DNA (jasypt StrongPasswordEncryptor) does', () => {
    // The hash DNA 3.0.7 stored for coder Admin, password "sample", in rDNA's sample database.
    expect(dnaPasswordMatches('sample', 't7STqOHxpl+RXxRUgjsEno+e/38banaYjANbdYQ1geGfH6Xlc2roWgYrPbpCeg5M')).toBe(true);
    expect(dnaPasswordMatches('Sample', 't7STqOHxpl+RXxRUgjsEno+e/38banaYjANbdYQ1geGfH6Xlc2roWgYrPbpCeg5M')).toBe(false);
    const hash = dnaPasswordHash('standpoint');
    expect(Buffer.from(hash, 'base64')).toHaveLength(48);
    expect(dnaPasswordMatches('standpoint', hash)).toBe(true);
  });

  it('converts offsets between DNA (UTF-16 of the text with CR LF and CR read as LF) and the stored text', () => {
    // Stored:  a \r \n b \r c \r \n 😀 d   (indexes 0 1 2 3 4 5 6 7 8-9 10)
    // DNA:     a \n b \n c \n 😀 d         (indexes 0 1 2 3 4 5 6-7 8)
    const offsets = new DnaOffsets('a\r\nb\rc\r\n😀d');
    expect(offsets.dnaLength).toBe(9);
    expect([0, 1, 2, 3, 4, 5, 6, 8, 9].map((d) => offsets.storedFromDna(d))).toEqual([0, 1, 3, 4, 5, 6, 8, 10, 11]);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11].map((s) => offsets.dnaFromStored(s))).toEqual([0, 1, 1, 2, 3, 4, 5, 5, 6, 8, 9]);
    // A BOM is text in DNA but not in Standpoint.
    const bom = new DnaOffsets('\ufeffab');
    expect([bom.standpointFromDna(1), bom.dnaFromStandpoint(0)]).toEqual([0, 1]);
  });

  it('reads back the notes the import writes', () => {
    expect(parseDnaNote('DNA statement 12, characters 40–96 (over 2 sentences), agreement = 0, no organization')).toEqual({
      statementId: 12,
      span: { start: 40, stop: 96 },
      noOrganization: true,
      qualifier: { variable: 'agreement', value: 0 },
    });
    expect(parseDnaNote('DNA statement 3')).toEqual({ statementId: 3, span: undefined, noOrganization: false, qualifier: undefined });
    expect(parseDnaNote('Checked twice.')).toEqual({ statementId: undefined, span: undefined, noOrganization: false, qualifier: undefined });
  });

  it('writes YAML scalars that read back as the same text', () => {
    for (const text of [
      'plain words',
      'DNA statement 2, characters 1–9',
      '“quoted” — dash',
      'yes',
      '12',
      '- dash first',
      'a: b',
      'tab\there',
      'line\u2028separator',
      'C1\u0085control',
      'zero\u0000width',
      '🇺🇦 flag',
      "it's",
      '#hash',
      'trailing ',
      '\ufeffbom',
    ]) {
      expect(parse(`key: ${scalar(text)}\n`).key).toBe(text);
    }
  });

  it('derives ids from names: lower-case ASCII, accents dropped, apostrophes joined, capped near 48 characters', () => {
    expect(slugBase('José Núñez')).toBe('jose-nunez');
    expect(slugBase('Kyiv’s Grain Corridor')).toBe('kyivs-grain-corridor');
    expect(slugBase('109-876: Bluestein, Joel')).toBe('bluestein-joel');
    expect(slugBase('Олег Брант')).toBe('');
    expect(slugBase('The Extraordinarily Long Name of a Parliamentary Subcommittee on Fisheries')).toBe('the-extraordinarily-long-name-of-a');
  });
});

describe('import → export → import', () => {
  /** `again`: the options of the second import (export writes DNA's default variable names, except the qualifier's). */
  async function roundTrip(bytes: Uint8Array, options: Partial<DnaImportOptions> = {}, again: Partial<DnaImportOptions> = options) {
    const first = await importBytes(bytes, options);
    const reading = await readCorpusForDna(first.output);
    expect(reading.problems).toEqual([]);
    const exported = path.join(tempDir(), 'back.dna');
    await exportDna({ input: reading.input, output: exported, password: 'standpoint' });
    const second = await importBytes(readFileSync(exported), again);
    return { first, second };
  }

  it('gives identical files for a database with two coders, CR LF, non-BMP text, spans over sentences and two organisations', async () => {
    const { first, second } = await roundTrip((await richDatabase()).bytes());
    expect(second.tree).toEqual(first.tree);
    expect(second.summary.statements.imported).toBe(8);
  });

  it('gives identical files for an integer qualifier', async () => {
    const f = await DnaFixture.create();
    f.statementType(4, 'Claim', [
      [20, 'speaker', 'short text'],
      [21, 'bloc', 'short text'],
      [22, 'claim', 'short text'],
      [23, 'strength', 'integer'],
    ]);
    const text = 'Two envoys met in Geneva.\r\nOne welcomed the draft; the other called it “premature”.\r\n';
    f.document(5, { title: 'Geneva', text, date: '2022-06-30T09:30:00' });
    f.statement({ id: 40, document: 5, type: 4, ...dnaSpan(text, 'One welcomed the draft'), values: { speaker: 'Envoy A', bloc: 'North', claim: 'Draft treaty', strength: 2 } });
    f.statement({ id: 41, document: 5, type: 4, ...dnaSpan(text, 'Two envoys met in Geneva.\r\nOne'), values: { speaker: 'Envoy B', bloc: 'South', claim: 'Draft treaty', strength: -1 } });
    f.statement({ id: 42, document: 5, type: 4, ...dnaSpan(text, 'the other called it'), values: { speaker: 'Envoy B', claim: '', strength: 5 } });
    const options = { statementType: 'Claim', actor: 'speaker', affiliation: 'bloc', target: 'claim', qualifier: 'strength' };
    const { first, second } = await roundTrip(f.bytes(), options, { qualifier: 'strength' });
    expect(second.tree).toEqual(first.tree);
    expect(first.tree['codebook.yaml']).toContain('strength-5:\n    label: strength = 5\n    polarity: 1\n');
  });
});
