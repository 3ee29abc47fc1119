/**
 * `standpoint export statements|mentions|network|w3c`, spawned as a user runs
 * it (dist/cli.js): every format and option, awkward names escaped in every
 * format, left-out counts, --strict, --output (atomic, clear errors) and
 * usage errors (exit 2, saying what is allowed). Expected values are counted
 * by hand from the corpus below.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CLI, testEnvironment } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { openOutput } from '../src/cli/output';
import { UsageError } from '../src/cli/args';

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = testEnvironment()) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((dispose) => dispose()));

// Names a spreadsheet, an XML parser or a CSV reader could trip on.
const FORMULA = '=HYPERLINK("http://evil.example","click")';
const CODEBOOK = `actors:
  quoted: { name: 'She said "no", twice', type: person, affiliation: bloc }
  lines: { name: "Line one\\nline two", type: organization }
  markup: { name: "<b>Kyiv</b> & co", type: state }
  bloc: { name: "Peace 🕊️ bloc", type: group }
  formula: { name: '${FORMULA}', type: media }
topics:
  talks: { label: 'Talks, "round 2"' }
  minus: { label: "-5% tariffs" }
`;
const ARTICLE = 'Mediators met again.\nShe said “no”, twice, to the talks.\nThe bloc backed them; the channel mocked them.\n';
const ANNOTATIONS = `article: ../articles/round2.txt
coder: ana
document:
  title: Round 2, "again"
  date: 2025-05-06
  source: Wire & Co
annotations:
  - sentence: 2
    quote: '"no", twice'
    actors: [quoted]
    stances:
      - { actor: quoted, toward: talks, stance: opposes }
    note: '=1+2'
  - sentence: 3
    actors: [lines, markup]
    stances:
      - { actor: bloc, toward: talks, stance: supports }
      - { actor: formula, toward: talks, stance: opposes }
      - { actor: markup, toward: minus, stance: supports }
      - { actor: formula, toward: nowhere, stance: supports }
      - { actor: lines, toward: talks, stance: shrugs }
  - sentence: 12
    stances:
      - { actor: bloc, toward: minus, stance: opposes }
`;

function corpus(extra: Record<string, string> = {}) {
  const ws = tempWorkspace({ 'codebook.yaml': CODEBOOK, 'articles/round2.txt': ARTICLE, 'annotations/round2.stance.yaml': ANNOTATIONS, ...extra });
  disposers.push(ws.dispose);
  return ws;
}

const STATEMENT_COLUMNS =
  'article,title,date,source,coder,file,line,annotation,sentence,sentence_text,quote,start,end,actor,actor_name,actor_type,toward,toward_label,toward_kind,stance,polarity,note'.split(',');
const MENTION_COLUMNS = 'article,title,date,source,coder,file,line,annotation,sentence,actor,actor_name,actor_type'.split(',');

describe('standpoint export statements', () => {
  it('writes RFC 4180 CSV that a CSV parser reads back, formula-like text prefixed with a quote; the invalid statements are counted on stderr', () => {
    const ws = corpus();
    const result = run(['export', 'statements'], ws.root);
    expect(result.status).toBe(0);
    const rows: string[][] = parse(result.stdout, { relax_column_count: false });
    expect(rows[0]).toEqual(STATEMENT_COLUMNS);
    const records = rows.slice(1).map((row) => Object.fromEntries(STATEMENT_COLUMNS.map((c, i) => [c, row[i]])));
    expect(records.map((r) => `${r.line} ${r.actor} ${r.stance} ${r.toward}`)).toEqual(['12 quoted opposes talks', '17 bloc supports talks', '18 formula opposes talks', '19 markup supports minus']);
    expect(records[0]).toMatchObject({
      article: 'articles/round2.txt',
      title: 'Round 2, "again"',
      date: '2025-05-06',
      source: 'Wire & Co',
      coder: 'ana',
      file: 'annotations/round2.stance.yaml',
      annotation: '1',
      sentence: '2',
      sentence_text: 'She said “no”, twice, to the talks.',
      quote: '“no”, twice',
      // Line 1 is 20 characters and its line break: sentence 2 starts at 21, "“no”" 9 further.
      start: '30',
      end: '41',
      actor_name: 'She said "no", twice',
      actor_type: 'person',
      toward_label: 'Talks, "round 2"',
      toward_kind: 'topic',
      polarity: '-1',
      note: "'=1+2",
    });
    expect(records[2].actor_name).toBe(`'${FORMULA}`);
    expect(records[3].toward_label).toBe("'-5% tariffs");
    // Unknown target, unknown stance, and the statement on sentence 12 (the article has 3).
    expect(result.stderr).toContain('3 statements left out: 1 with a target the codebook does not have, 1 with a stance outside the vocabulary, 1 whose sentence cannot be told');
    expect(result.stderr).toContain('`standpoint check` shows where');
  });

  it('writes JSON (numbers as numbers, names exact) and JSON Lines with the same records', () => {
    const ws = corpus();
    const json = JSON.parse(run(['export', 'statements', '--format', 'json'], ws.root).stdout) as Record<string, unknown>[];
    expect(Object.keys(json[0])).toEqual(STATEMENT_COLUMNS);
    expect(json[0]).toMatchObject({ line: 12, sentence: 2, start: 30, end: 41, polarity: -1, note: '=1+2' });
    expect(json.map((r) => r.actor_name)).toEqual(['She said "no", twice', 'Peace 🕊️ bloc', FORMULA, '<b>Kyiv</b> & co']);
    // Sentence 3 starts after line 1 (20 + 1) and line 2 (35 + 1).
    expect(json[1]).toMatchObject({ quote: null, start: 57, end: 103 });
    const lines = run(['export', 'statements', '--format', 'jsonl'], ws.root).stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(json);
  });

  it('filters by coder, dates, actor type and affiliation roll-up; --duplicates article counts a repeated statement once', () => {
    const ws = corpus({
      'annotations/round2.ben.stance.yaml': 'article: ../articles/round2.txt\ncoder: ben\nannotations:\n  - sentence: 2\n    stances:\n      - { actor: quoted, toward: talks, stance: opposes }\n',
    });
    const lines = (args: string[]) => {
      const result = run(['export', 'statements', '--format', 'jsonl', ...args], ws.root);
      expect(result.status, result.stderr).toBe(0);
      return {
        rows: result.stdout
          .trimEnd()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>),
        stderr: result.stderr,
      };
    };
    const all = lines([]);
    expect(all.rows).toHaveLength(5);
    expect(all.stderr).toContain('articles/round2.txt has annotation files from several coders');
    expect(lines(['--coder', 'ben']).rows.map((r) => r.coder)).toEqual(['ben']);
    expect(lines(['--coder', 'ben', '--coder', 'ana']).rows).toHaveLength(5);
    const ben = lines(['--coder', 'ben']);
    expect(ben.stderr).toContain('4 of other coders than --coder names');
    expect(lines(['--from', '2025-05-07']).rows).toHaveLength(0);
    expect(lines(['--from', '2025-05-01', '--to', '2025-05-06']).rows).toHaveLength(5);
    expect(lines(['--actor-type', 'media', '--actor-type', 'state']).rows.map((r) => r.actor)).toEqual(['formula', 'markup']);
    // quoted (a person of the bloc) rolls up to the bloc.
    expect(lines(['--actors', 'affiliation']).rows.map((r) => r.actor)).toEqual(['bloc', 'bloc', 'bloc', 'formula', 'markup']);
    // Ben's file comes first in document order (same article and date; its path sorts first): his statement is the one kept.
    expect(lines(['--duplicates', 'article']).rows.map((r) => `${r.coder} ${r.actor}`)).toEqual(['ben quoted', 'ana bloc', 'ana formula', 'ana markup']);
  });

  it('--strict exits 1 when statements were left out as invalid (not when a filter left them out)', () => {
    const ws = corpus();
    expect(run(['export', 'statements', '--strict'], ws.root).status).toBe(1);
    const clean = corpus({ 'annotations/round2.stance.yaml': ANNOTATIONS.slice(0, ANNOTATIONS.indexOf('      - { actor: formula, toward: nowhere')) });
    expect(run(['export', 'statements', '--strict'], clean.root).status).toBe(0);
    expect(run(['export', 'statements', '--strict', '--coder', 'ben'], clean.root).status).toBe(0);
    // An undated article under a date filter is a gap in the data: --strict counts it.
    const undated = corpus({ 'annotations/round2.stance.yaml': ANNOTATIONS.slice(0, ANNOTATIONS.indexOf('      - { actor: formula, toward: nowhere')).replace(/document:\n(  .*\n)+/, '') });
    const result = run(['export', 'statements', '--strict', '--from', '2025-01-01'], undated.root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('4 statements left out: 4 from undated articles (a date filter is given).');
  });
});

describe('standpoint export mentions', () => {
  it('writes one row per actor an annotation involves, in CSV, JSON and JSON Lines', () => {
    const ws = corpus();
    const rows: string[][] = parse(run(['export', 'mentions'], ws.root).stdout);
    expect(rows[0]).toEqual(MENTION_COLUMNS);
    // Annotation 2 involves lines and markup (actors), then bloc and formula (stances): an actor once.
    expect(rows.slice(1).map((r) => `${r[6]} ${r[7]} ${r[9]} ${r[10]}`)).toEqual([
      '8 1 quoted She said "no", twice',
      '14 2 lines Line one\nline two',
      '14 2 markup <b>Kyiv</b> & co',
      '14 2 bloc Peace 🕊️ bloc',
      `14 2 formula '${FORMULA}`,
    ]);
    const json = JSON.parse(run(['export', 'mentions', '--format', 'json'], ws.root).stdout) as Record<string, unknown>[];
    expect(Object.keys(json[0])).toEqual(MENTION_COLUMNS);
    expect(json[1]).toMatchObject({ line: 14, sentence: 3, actor_name: 'Line one\nline two' });
    expect(run(['export', 'mentions', '--format', 'jsonl'], ws.root).stdout.trimEnd().split('\n')).toHaveLength(5);
  });
});

describe('standpoint export network', () => {
  it('writes every format; the weights agree across them', () => {
    const ws = corpus();
    const args = ['export', 'network', '--type', 'affiliation', '--aggregate', 'subtract'];
    const json = JSON.parse(run([...args, '--format', 'json'], ws.root).stdout) as {
      directed: boolean;
      nodes: { id: string; label: string }[];
      links: { source: string; target: string; weight: number }[];
    };
    expect(json.directed).toBe(false);
    const ties = json.links.map((l) => `${l.source}–${l.target} ${l.weight}`);
    expect(ties).toEqual(['bloc–talks 1', 'formula–talks -1', 'markup–minus 1', 'quoted–talks -1']);
    const csv: string[][] = parse(run([...args, '--format', 'csv'], ws.root).stdout);
    expect(csv.slice(1).map((r) => `${r[0]}–${r[1]} ${r[2]}`)).toEqual(ties);
    expect(csv[1][4]).toBe('Peace 🕊️ bloc');
    expect(csv[2][4]).toBe(`'${FORMULA}`);
    const matrix: string[][] = parse(run([...args, '--format', 'matrix'], ws.root).stdout);
    expect(matrix[0]).toEqual(['', "'-5% tariffs", 'Talks, "round 2"']);
    // Rows and columns in id order: bloc, formula, markup, quoted × minus, talks.
    expect(matrix.slice(1).map((r) => r.join('|'))).toEqual(['Peace 🕊️ bloc|0|1', `'${FORMULA}|0|-1`, '<b>Kyiv</b> & co|1|0', 'She said "no", twice|0|-1']);
    const graphml = run([...args, '--format', 'graphml'], ws.root).stdout;
    expect(graphml).toContain('<data key="label">&lt;b&gt;Kyiv&lt;/b&gt; &amp; co</data>');
    expect((graphml.match(/<edge /g) ?? []).length).toBe(4);
    const gexf = run([...args, '--format', 'gexf'], ws.root).stdout;
    expect(gexf).toContain('label="&lt;b&gt;Kyiv&lt;/b&gt; &amp; co"');
    // A line break in an attribute is a reference (a literal one would be read as a space); "lines" is in the co-mention network.
    expect(run(['export', 'network', '--type', 'co-mention', '--format', 'gexf'], ws.root).stdout).toContain('label="Line one&#10;line two"');
    expect(gexf).toMatch(/<creator>Standpoint [^<]+<\/creator>/);
    // GraphML is the default format.
    expect(run(args, ws.root).stdout).toBe(graphml);
  });

  it('one-mode networks, normalised, above --min-weight; co-mention from the mentions', () => {
    const ws = corpus();
    const ties = (args: string[]) =>
      (JSON.parse(run(['export', 'network', '--format', 'json', ...args], ws.root).stdout) as { links: { source: string; target: string; weight: number }[] }).links.map(
        (l) => `${l.source}–${l.target} ${l.weight}`,
      );
    // talks: bloc +1, formula −1, quoted −1.
    expect(ties(['--type', 'conflict'])).toEqual(['bloc–formula 1', 'bloc–quoted 1']);
    expect(ties(['--type', 'congruence'])).toEqual(['formula–quoted 1']);
    expect(ties(['--type', 'subtract'])).toEqual(['bloc–formula -1', 'bloc–quoted -1', 'formula–quoted 1']);
    expect(ties(['--type', 'co-occurrence', '--normalize', 'average'])).toEqual(['bloc–formula 1', 'bloc–quoted 1', 'formula–quoted 1']);
    expect(ties(['--type', 'co-occurrence', '--min-weight', '2'])).toEqual([]);
    // Annotation 2 involves lines, markup, bloc and formula: six pairs.
    expect(ties(['--type', 'co-mention'])).toEqual(['bloc–formula 1', 'bloc–lines 1', 'bloc–markup 1', 'formula–lines 1', 'formula–markup 1', 'lines–markup 1']);
  });
});

describe('standpoint export w3c', () => {
  it('writes one Web Annotation per resolved annotation, whose selectors give back the quote from the article', () => {
    const ws = corpus();
    const result = run(['export', 'w3c'], ws.root);
    expect(result.status).toBe(0);
    const collection = JSON.parse(result.stdout) as {
      type: string;
      total: number;
      first: { items: { target: { source: string; selector: { type: string; exact?: string; start?: number; end?: number }[] }; body: { purpose: string; value: string }[] }[] };
    };
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(2);
    const text = [...ARTICLE];
    for (const item of collection.first.items) {
      const [quote, position] = item.target.selector;
      expect(text.slice(position.start, position.end).join('')).toBe(quote.exact);
    }
    expect(collection.first.items[0].target.source).toBe('articles/round2.txt');
    expect(collection.first.items[0].body).toContainEqual({ type: 'TextualBody', purpose: 'commenting', value: '=1+2' });
    expect(result.stderr).toContain('1 annotation left out: 1 whose sentence cannot be told');
  });
});

describe('--output', () => {
  it('writes the file and says so; an existing file is replaced whole', () => {
    const ws = corpus();
    writeFileSync(ws.path('out.csv'), 'old');
    const result = run(['export', 'statements', '--output', 'out.csv'], ws.root);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Wrote 4 statements to out.csv.');
    expect(readFileSync(ws.path('out.csv'), 'utf8')).toBe(run(['export', 'statements'], ws.root).stdout);
    expect(readdirSync(ws.root).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('names the network it wrote with its article: a congruence network, an affiliation network', () => {
    const ws = corpus();
    const congruence = run(['export', 'network', '--type', 'congruence', '--output', 'c.graphml'], ws.root);
    expect(congruence.stderr).toMatch(/Wrote a congruence network of \d+ nodes? and \d+ ties? to c\.graphml\./);
    const affiliation = run(['export', 'network', '--type', 'affiliation', '--output', 'a.graphml'], ws.root);
    expect(affiliation.stderr).toMatch(/Wrote an affiliation network of \d+ nodes? and \d+ ties? to a\.graphml\./);
  });

  it('into a missing folder or a place it may not write is a clear error (exit 2), and no file is left', () => {
    const ws = corpus();
    const missing = run(['export', 'network', '--type', 'conflict', '--output', 'no/such/folder/net.graphml'], ws.root);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot write --output no/such/folder/net.graphml: the folder no/such/folder does not exist');
    const folder = run(['export', 'statements', '--output', 'annotations'], ws.root);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain('--output annotations is a folder');
    // Root may write anywhere a mode allows: then /sys, which refuses every new file.
    const place = process.getuid?.() === 0 ? '/sys/standpoint-test.csv' : path.join(ws.write('locked/.keep', ''), '..', 'out.csv');
    if (process.getuid?.() !== 0) chmodSync(ws.path('locked'), 0o555);
    const denied = run(['export', 'statements', '--output', place], ws.root);
    if (process.getuid?.() !== 0) chmodSync(ws.path('locked'), 0o755);
    expect(denied.status).toBe(2);
    expect(denied.stderr).toMatch(/cannot write --output .*: permission denied/);
    expect(existsSync(place)).toBe(false);
  });

  it('a run that fails while writing leaves the old file as it was and no temporary file', async () => {
    const ws = corpus();
    writeFileSync(ws.path('out.csv'), 'the previous export\n');
    const output = await openOutput('out.csv', { cwd: ws.root, stdout: () => undefined });
    const failing = (function* () {
      yield 'article,title\n';
      yield 'a'.repeat(100_000);
      throw new Error('an article changed while it was read');
    })();
    await expect(output.write(failing)).rejects.toThrow('an article changed');
    await output.abort();
    expect(readFileSync(ws.path('out.csv'), 'utf8')).toBe('the previous export\n');
    expect(readdirSync(ws.root).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await expect(openOutput('missing/out.csv', { cwd: ws.root, stdout: () => undefined })).rejects.toBeInstanceOf(UsageError);
  });
});

describe('usage errors (exit 2, saying what is allowed)', () => {
  const cases: [string, string[], RegExp][] = [
    ['no export kind', ['export'], /export what\? `standpoint export statements\|mentions\|network\|w3c\|dna …`/],
    ['an unknown kind', ['export', 'edges'], /cannot export `edges`; use statements, mentions, network, w3c or dna/],
    ['network without --type', ['export', 'network'], /--type is required: affiliation \(two-mode\), or congruence, conflict, subtract, co-occurrence or co-mention \(one-mode\)/],
    [
      'jaccard on two-mode',
      ['export', 'network', '--type', 'affiliation', '--normalize', 'jaccard'],
      /--normalize jaccard is for one-mode networks; the two-mode affiliation network allows --normalize none, activity or prominence/,
    ],
    [
      'activity on one-mode',
      ['export', 'network', '--type', 'congruence', '--normalize', 'activity'],
      /--normalize activity is for the two-mode affiliation network; a one-mode network \(--type congruence\) allows --normalize none, average, jaccard or cosine/,
    ],
    ['combine on one-mode', ['export', 'network', '--type', 'conflict', '--aggregate', 'combine'], /--aggregate combine is for the two-mode affiliation network/],
    ['a network format for statements', ['export', 'statements', '--format', 'graphml'], /--format "graphml" is not a format of `export statements`; use csv, json or jsonl/],
    ['an option of another export', ['export', 'statements', '--type', 'conflict'], /--type is an option of `export network`; `export statements` does not take it/],
    ['an unknown option', ['export', 'mentions', '--colour'], /unknown option --colour/],
    ['a bad date', ['export', 'statements', '--from', '19/02/2025'], /--from "19\/02\/2025" is not a date; use an ISO 8601 date \(2025-02-19\)/],
    ['dates the wrong way round', ['export', 'statements', '--from', '2025-03-01', '--to', '2025-02-01'], /--from 2025-03-01 is after --to 2025-02-01/],
    ['a bad duplicate rule', ['export', 'statements', '--duplicates', 'week2'], /--duplicates "week2" is not allowed; use include, article, week, month, year or all/],
    ['a negative minimum weight', ['export', 'network', '--type', 'conflict', '--min-weight', '-1'], /--min-weight "-1" is not allowed; use a number of 0 or more/],
    ['a bad roll-up', ['export', 'statements', '--actors', 'parents'], /--actors "parents" is not allowed; use as-coded or affiliation/],
    ['w3c with a format', ['export', 'w3c', '--format', 'json'], /--format is an option of `export statements`, `export mentions` and `export network`; `export w3c` does not take it/],
    ['a missing path', ['export', 'statements', 'nowhere'], /no such file or folder: nowhere/],
    ['no annotation files', ['export', 'statements', 'articles'], /no annotation files \(\*\.stance\.yaml\) in articles/],
    ['a value missing', ['export', 'statements', '--coder'], /--coder needs a value/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const ws = corpus();
      writeFileSync(ws.path('kept.csv'), 'kept');
      const result = run([...args, ...(args.length > 1 && args[1] !== 'edges' ? ['--output', 'kept.csv'] : [])], ws.root);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('Run `standpoint --help` for usage.');
      expect(result.stdout).toBe('');
      expect(readFileSync(ws.path('kept.csv'), 'utf8')).toBe('kept');
    });
  }

  it('the help lists the exports and their options', () => {
    const help = run(['--help'], process.cwd()).stdout;
    for (const text of ['standpoint export statements [PATH…]', 'standpoint export network    [PATH…] --type T', '--min-weight W', '--actor-type T (repeatable)', 'standpoint export w3c'])
      expect(help).toContain(text);
  });
});

describe('a large corpus', () => {
  it('is indexed in workers on the first run and read from the persisted index on the second, with the same export', () => {
    const files: Record<string, string> = { 'codebook.yaml': CODEBOOK, 'articles/round2.txt': ARTICLE };
    for (let i = 0; i < 70; i++) files[`annotations/copy-${String(i).padStart(2, '0')}.stance.yaml`] = ANNOTATIONS;
    const ws = tempWorkspace(files);
    disposers.push(ws.dispose);
    const env = testEnvironment({ STANDPOINT_CACHE_DIR: ws.path('cache') });
    const first = run(['export', 'statements', 'annotations', '--workspace', '.'], ws.root, env);
    expect(first.status).toBe(0);
    expect(parse(first.stdout)).toHaveLength(1 + 70 * 4);
    expect(readdirSync(ws.path('cache')).filter((name) => name.startsWith('index-'))).toHaveLength(1);
    const second = run(['export', 'statements', 'annotations', '--workspace', '.'], ws.root, env);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe(first.stderr);
  });
});
