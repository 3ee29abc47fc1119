/**
 * Acceptance test: the evaluator's view. The real language server, driven over
 * stdio by a plain LSP client, checks a corpus it has never seen
 * (fixtures/acceptance: a wire story and a Markdown policy brief, both
 * original, with a codebook, one clean and one seeded annotation file each).
 *
 * Every expectation here is written by hand: the sentence lists are numbered
 * as an analyst would number them following docs/sentences.md, and every range
 * is found by text search in the fixture (helpers.rangeOf / positionAt), never
 * by the code under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Hover, Location, Position, Range } from 'vscode-languageserver-protocol';
import { CLI, LspTestClient, fileUri } from './support/lspClient';
import { tempWorkspace } from './support/tempWorkspace';
import { positionAt, rangeOf } from './helpers';

const FIXTURES = path.join(__dirname, 'fixtures', 'acceptance');

const WIRE = 'articles/red-sea-convoys.txt';
const BRIEF = 'articles/insurance-brief.md';
const BRIEF_CRLF = 'articles/insurance-brief-crlf.md';
const WIRE_CLEAN = 'annotations/red-sea-convoys.stance.yaml';
const WIRE_SEEDED = 'annotations/red-sea-convoys.seeded.stance.yaml';
const BRIEF_CLEAN = 'annotations/insurance-brief.stance.yaml';
const BRIEF_SEEDED = 'annotations/insurance-brief.seeded.stance.yaml';
const BRIEF_CRLF_CLEAN = 'annotations/insurance-brief-crlf.stance.yaml';
const CODEBOOK = 'codebook.yaml';

const fixture = (relative: string) => readFileSync(path.join(FIXTURES, relative), 'utf8');

// ---------------------------------------------------------------------------
// The analyst's numbering, by hand (docs/sentences.md: every line break ends a
// sentence, blank lines are skipped, UAX #29 inside a line, no break after
// Gen./Feb./No./U.S./i.e.; `?”` before a lower-case word still breaks).
// ---------------------------------------------------------------------------

const WIRE_SENTENCES = [
  /* 1 */ 'Gulf states and U.S. sketch Red Sea convoy plan as Tehran cries foul',
  /* 2 */ 'By Tamsin Orrell and Idris Belkacem',
  /* 3 */ 'RIYADH, Feb 18 (Meridian Wire) – Saudi Arabia and the United States on Tuesday unveiled a plan for joint naval escorts through the Red Sea, the first concrete step toward a regional maritime pact since attacks on merchant vessels surged last year.',
  /* 4 */ 'The proposal, described to reporters by officials from both governments, would group commercial ships into convoys of up to 12 vessels.',
  /* 5 */ 'Warships from at least four navies would accompany them between the Bab el-Mandeb strait and the Gulf of Suez.',
  /* 6 */ '“Nobody should have to gamble a crew to move a cargo of wheat,” said Nawaf al-Harbi, Saudi Arabia’s minister of state for maritime affairs.',
  /* 7 */ '“This plan puts the gamble back where it belongs — on those who fire the missiles.”',
  /* 8 */ 'Gen. Dana Whitcomb, who commands the U.S. Navy task force in the region, said the first convoy could sail by Feb. 28.',
  /* 9 */ 'She declined to name the partner navies.',
  /* 10 */ 'Traffic through the Suez Canal has fallen by roughly 42% since the attacks began, according to the canal authority.',
  /* 11 */ 'Egypt says it is losing about $550 million in toll revenue a month.',
  /* 12 */ 'Hesham Farouk, a senior adviser to the Suez Canal Authority, welcomed the plan but said escorts alone would not bring carriers back.',
  /* 13 */ '“Insurers read headlines, not communiqués… and the headlines are still bad,” he said.',
  /* 14 */ 'Iran rejected the initiative within hours.',
  /* 15 */ 'A foreign ministry spokesman in Tehran called it “a pretext for a permanent foreign armada” in waters that belong to the region.',
  /* 16 */ 'Diplomats in Riyadh said Iran had not been invited to the talks.',
  /* 17 */ 'Reza Kamali, Tehran’s ambassador to the kingdom, said his government “will not be lectured about security in its own neighbourhood.”',
  // docs/sentences.md, "Behaviours worth knowing": UAX #29 breaks after `?”`
  // even before a lower-case word, so the attribution is a sentence of its own.
  /* 18 */ '“What is a convoy worth if the insurers stay away?”',
  /* 19 */ 'asked one broker in Dubai.',
  /* 20 */ 'War-risk premiums stand at 0.7% of a hull’s value per transit, brokers said, against 0.05% before the crisis.',
  /* 21 */ 'The European Union, which runs its own smaller escort mission, said it would study the proposal.',
  /* 22 */ 'China, the largest user of the route by cargo volume, called for “restraint by all parties.”',
  /* 23 */ 'The Red Sea Shippers’ Council, which represents 140 carriers, said members would wait for details before sending ships back from the Cape of Good Hope.',
  /* 24 */ 'Its secretary general, Lena Ostrova, called a convoy every few days “a start, not a solution.”',
  /* 25 */ 'Moscow, which has courted both Riyadh and Tehran, said nothing on Tuesday.',
  /* 26 */ '(Reporting by Tamsin Orrell in Riyadh and Idris Belkacem in Cairo; Editing by Piet Vandermolen)',
];

const BRIEF_SENTENCES = [
  /* 1 */ '# Convoys Are Not Enough: Restoring Commercial Confidence in the Red Sea ⚓',
  /* 2 */ 'Policy Brief No. 7 | Halvard Institute for Maritime Affairs | Tobias Renwick | Feb. 2025',
  /* 3 */ 'In this brief, the Halvard Institute argues that a regional war-risk insurance pool would do more for Red Sea trade than warships alone.',
  /* 4 */ '## Key points',
  /* 5 */ '- 🛡️ Escorts lower the risk to a ship, but they do not lower the price of insuring one.',
  /* 6 */ '- 🇪🇬 Egypt has lost more than a third of its canal revenue since the attacks began [1].',
  /* 7 */ '- A regional insurance pool, capitalised by Gulf states, would bring carriers back faster than warships.',
  /* 8 */ '- Iran will treat any pact that excludes it as hostile, so the design should leave a door open.',
  /* 9 */ '## Background',
  /* 10 */ 'The Red Sea normally carries about 12% of world trade.',
  /* 11 */ 'Since the attacks on merchant ships began, most large carriers have sent their vessels around the Cape of Good Hope, adding ten to fourteen days to a voyage between Shanghai and Rotterdam.[2]',
  /* 12 */ 'The detour burns fuel, ties up ships and raises freight rates for importers who never touch the route.',
  /* 13 */ 'Saudi Arabia and the United States now propose to escort commercial convoys through the Bab el-Mandeb.',
  /* 14 */ 'The plan answers a real need.',
  /* 15 */ 'It is, however, a military answer to a problem that has become mostly financial.',
  /* 16 */ '## Why insurers matter more than frigates',
  /* 17 */ 'A carrier decides where to sail after reading two documents: the charter and the insurance quote.',
  /* 18 */ 'War-risk premiums for the Red Sea rose from 0.05% of hull value to as much as 1% at the height of the crisis.',
  /* 19 */ 'For a large container ship, that meant an extra charge of over $1 million per transit, i.e. more than the fuel saved by not sailing around Africa.',
  /* 20 */ 'Underwriters will cut those premiums only if they believe the escorts will be there every day.',
  /* 21 */ 'That takes a standing commitment, not convoys announced one at a time.',
  /* 22 */ 'Will Washington keep warships in the region for years?',
  /* 23 */ 'Nobody in the market is betting on it.',
  /* 24 */ '## What Riyadh and Cairo should do',
  /* 25 */ '**Build a regional insurance pool.**',
  /* 26 */ 'Riyadh and Abu Dhabi could capitalise it, with Cairo as a partner that shares in the premiums.',
  /* 27 */ '**Tie canal-toll discounts to the pool.**',
  /* 28 */ 'Egypt would rebate part of the toll to ships insured through it, trading margin for volume.',
  /* 29 */ '**Keep the pact open.**',
  /* 30 */ 'A clause inviting any coastal state to join, Iran included, costs little and takes away Tehran’s best argument.',
  /* 31 */ '## The outside powers',
  /* 32 */ 'Brussels and Beijing both depend on the route, yet neither has put money behind it.',
  /* 33 */ 'The European Union should be asked to reinsure part of the pool; China, the largest user of the canal by cargo volume, should be asked to pay in proportion.[3]',
  /* 34 */ '---',
  /* 35 */ '[1] Suez Canal Authority, monthly revenue statements, 2024.',
  /* 36 */ '[2] Carrier schedules compiled by the Institute.',
  /* 37 */ '[3] Broker quotations and a survey of underwriters by the Halvard Institute, Jan. 2025.',
];

interface Sentence {
  n: number;
  start: Position;
  end: Position;
  text: string;
}

/** The hand list located in the article by plain text search, in order: positions independent of the server. */
function located(article: string, sentences: readonly string[]): Sentence[] {
  let cursor = 0;
  return sentences.map((text, i) => {
    const from = article.indexOf(text, cursor);
    if (from === -1) throw new Error(`hand sentence ${i + 1} not found in order: ${text}`);
    cursor = from + text.length;
    return { n: i + 1, start: positionAt(article, from), end: positionAt(article, cursor), text };
  });
}

/** The range of `inner` inside the `occurrence`-th `context` found after `anchor`. */
function within(text: string, context: string, inner: string, anchor = '', occurrence = 0): Range {
  let from = anchor ? text.indexOf(anchor) : 0;
  if (from === -1) throw new Error(`anchor "${anchor}" not in the text`);
  from -= 1;
  for (let i = 0; i <= occurrence; i++) {
    from = text.indexOf(context, from + 1);
    if (from === -1) throw new Error(`"${context}" (#${occurrence}) after "${anchor}" not in the text`);
  }
  const at = context.indexOf(inner);
  if (at === -1) throw new Error(`"${inner}" not in "${context}"`);
  return { start: positionAt(text, from + at), end: positionAt(text, from + at + inner.length) };
}

/** Position on the number of the line `sentence: N` (first occurrence). */
function sentenceNumberAt(annotation: string, n: number): Position {
  const match = new RegExp(`sentence: ${n}(?=\\r?\\n)`).exec(annotation);
  if (!match) throw new Error(`no "sentence: ${n}" line`);
  return positionAt(annotation, match.index + 'sentence: '.length + 1);
}

/** What an editor shows for a hover: Markdown with backslash escapes resolved. */
function hoverText(hover: Hover | null): string {
  const value = (hover?.contents as { value?: string } | undefined)?.value ?? '';
  return value.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function cliSentences(root: string, article: string): Sentence[] {
  const run = spawnSync(process.execPath, [CLI, 'sentences', article, '--json'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`standpoint sentences failed (${run.status}): ${run.stderr}`);
  return (JSON.parse(run.stdout) as Sentence[]).map(({ n, start, end, text }) => ({ n, start, end, text }));
}

// ---------------------------------------------------------------------------
// Workspace: the fixture corpus copied to a temp folder, plus a CRLF copy of
// the brief with its own (clean) annotation file.
// ---------------------------------------------------------------------------

let ws: ReturnType<typeof tempWorkspace>;
let client: LspTestClient;
const uri = (relative: string) => fileUri(ws.path(relative));

beforeAll(async () => {
  ws = tempWorkspace({});
  cpSync(FIXTURES, ws.root, { recursive: true });
  ws.write(BRIEF_CRLF, fixture(BRIEF).replace(/\n/g, '\r\n'));
  ws.write(BRIEF_CRLF_CLEAN, fixture(BRIEF_CLEAN).replace('../articles/insurance-brief.md', '../articles/insurance-brief-crlf.md').replace(/\n/g, '\r\n'));
  client = await LspTestClient.start({ root: ws.root, settings: { diagnostics: { delayMs: 0 } } });
  await client.waitFor(() => client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 20_000, 'indexing to end');
  for (const file of [WIRE_CLEAN, WIRE_SEEDED, BRIEF_CLEAN, BRIEF_SEEDED, BRIEF_CRLF_CLEAN, CODEBOOK]) await client.waitForDiagnostics(uri(file));
});

afterAll(async () => {
  await client?.stop();
  ws?.dispose();
});

// ---------------------------------------------------------------------------
// b. Segmentation
// ---------------------------------------------------------------------------

describe('segmentation: CLI `sentences --json` equals the hand numbering', () => {
  it('the fixtures are what the hand lists describe (sanity)', () => {
    expect(located(fixture(WIRE), WIRE_SENTENCES)).toHaveLength(26);
    expect(located(fixture(BRIEF), BRIEF_SENTENCES)).toHaveLength(37);
    expect(readFileSync(ws.path(BRIEF_CRLF), 'utf8')).toContain('\r\n');
  });

  it('wire story: all 26 sentences, texts and exact positions', () => {
    expect(cliSentences(ws.root, WIRE)).toEqual(located(fixture(WIRE), WIRE_SENTENCES));
  });

  // The sentences not involved in the two segmentation cases below.
  const agreeing = [...range(1, 10), ...range(13, 24), 31, 32];
  it('brief: sentences 1–10, 13–24, 31 and 32', () => {
    const expected = located(fixture(BRIEF), BRIEF_SENTENCES).filter((s) => agreeing.includes(s.n));
    expect(cliSentences(ws.root, BRIEF).filter((s) => agreeing.includes(s.n))).toEqual(expected);
  });

  it('brief with CRLF line ends: the same sentences 1–10, 13–24, 31, 32 at the same positions, and the same numbering as LF', () => {
    const crlf = cliSentences(ws.root, BRIEF_CRLF);
    expect(crlf.filter((s) => agreeing.includes(s.n))).toEqual(located(fixture(BRIEF), BRIEF_SENTENCES).filter((s) => agreeing.includes(s.n)));
    expect(crlf).toEqual(cliSentences(ws.root, BRIEF));
  });

  // A footnote marker right after a sentence's period ("…Rotterdam.[2] The
  // detour…") is cut in two by UAX #29 alone ("…Rotterdam.[" / "2] The…");
  // Standpoint keeps such glued closers with their sentence (this test found it).
  it('brief: a footnote marker after the period stays with its sentence (11, 12)', () => {
    const expected = located(fixture(BRIEF), BRIEF_SENTENCES).filter((s) => s.n === 11 || s.n === 12);
    expect(cliSentences(ws.root, BRIEF).filter((s) => s.n === 11 || s.n === 12)).toEqual(expected);
  });

  // Closing bold after a period ("**Build a regional insurance pool.** Riyadh…")
  // stays with its sentence (UAX #29 alone cuts before the `**`).
  it('brief: closing `**` after a period stays with its sentence (25–30)', () => {
    const six = range(25, 30);
    const expected = located(fixture(BRIEF), BRIEF_SENTENCES).filter((s) => six.includes(s.n));
    expect(cliSentences(ws.root, BRIEF).filter((s) => six.includes(s.n))).toEqual(expected);
  });

  // At the end of a line, "…pay in proportion.[3]" is one sentence, so the
  // brief has 37 sentences, not 38.
  it('brief: 37 sentences in all, the whole numbering as the analyst counts it', () => {
    expect(cliSentences(ws.root, BRIEF)).toEqual(located(fixture(BRIEF), BRIEF_SENTENCES));
  });

  // At the end of a line, an italic standfirst "*…alone.*" keeps its closing `*`.
  it('a line ending in `.*` (closing emphasis) is one sentence', () => {
    const probe = tempWorkspace({ 'a.md': '*Escorts are not enough.*\nInsurers decide.\n' });
    try {
      expect(cliSentences(probe.root, 'a.md').map((s) => s.text)).toEqual(['*Escorts are not enough.*', 'Insurers decide.']);
    } finally {
      probe.dispose();
    }
  });
});

describe('segmentation through the LSP: hover and definition on `sentence: N`', () => {
  const cases: { file: string; article: string; sentences: string[]; n: number; total?: number }[] = [
    { file: WIRE_CLEAN, article: WIRE, sentences: WIRE_SENTENCES, n: 3, total: 26 },
    { file: WIRE_CLEAN, article: WIRE, sentences: WIRE_SENTENCES, n: 8, total: 26 },
    { file: WIRE_CLEAN, article: WIRE, sentences: WIRE_SENTENCES, n: 13, total: 26 },
    { file: WIRE_CLEAN, article: WIRE, sentences: WIRE_SENTENCES, n: 18, total: 26 },
    { file: WIRE_CLEAN, article: WIRE, sentences: WIRE_SENTENCES, n: 24, total: 26 },
    { file: BRIEF_CLEAN, article: BRIEF, sentences: BRIEF_SENTENCES, n: 2 },
    { file: BRIEF_CLEAN, article: BRIEF, sentences: BRIEF_SENTENCES, n: 6 },
    { file: BRIEF_CLEAN, article: BRIEF, sentences: BRIEF_SENTENCES, n: 20 },
    { file: BRIEF_CRLF_CLEAN, article: BRIEF_CRLF, sentences: BRIEF_SENTENCES, n: 13 },
  ];
  for (const { file, article, sentences, n, total } of cases) {
    it(`${path.basename(file)}: sentence ${n}`, async () => {
      const annotation = readFileSync(ws.path(file), 'utf8');
      const articleText = readFileSync(ws.path(article), 'utf8');
      const at = { textDocument: { uri: uri(file) }, position: sentenceNumberAt(annotation, n) };
      const hover = hoverText(await client.request<Hover | null>('textDocument/hover', at));
      expect(hover).toContain(sentences[n - 1]);
      expect(hover).toContain(total ? `Sentence ${n} of ${total}` : `Sentence ${n} of`);
      const locations = await client.request<Location[]>('textDocument/definition', at);
      expect(locations).toEqual([{ uri: uri(article), range: rangeOf(articleText, sentences[n - 1]) }]);
    });
  }

  // The bold lead-in case as the editor shows it: definition selects exactly the sentence.
  it('insurance-brief.stance.yaml: sentence 26 (after a bold lead-in) selects exactly the sentence', async () => {
    const annotation = fixture(BRIEF_CLEAN);
    const at = { textDocument: { uri: uri(BRIEF_CLEAN) }, position: sentenceNumberAt(annotation, 26) };
    const locations = await client.request<Location[]>('textDocument/definition', at);
    expect(locations).toEqual([{ uri: uri(BRIEF), range: rangeOf(fixture(BRIEF), BRIEF_SENTENCES[25]) }]);
  });

  // The footnote case as the editor shows it: the hover counts 37 sentences.
  it('insurance-brief.stance.yaml: the hover on sentence 20 says "of 37"', async () => {
    const at = { textDocument: { uri: uri(BRIEF_CLEAN) }, position: sentenceNumberAt(fixture(BRIEF_CLEAN), 20) };
    expect(hoverText(await client.request<Hover | null>('textDocument/hover', at))).toContain('Sentence 20 of 37');
  });
});

// ---------------------------------------------------------------------------
// c. Seeded errors, clean files, codebook
// ---------------------------------------------------------------------------

const ERROR = 1;
const WARNING = 2;
const INFORMATION = 3;

interface Seeded {
  code: string;
  severity: number;
  /** The offending key or value in the annotation file. */
  range: (text: string) => Range;
  /** What the message must contain for the analyst to fix it. */
  names: (string | RegExp)[];
  /** Where related information must point (same file). */
  related?: (text: string) => Range;
}

const WIRE_SEEDS: Seeded[] = [
  { code: 'sentence-out-of-range', severity: ERROR, range: (t) => within(t, 'sentence: 27', '27'), names: ['26'] },
  {
    code: 'quote-not-found',
    severity: ERROR,
    range: (t) => within(t, 'quote: Warships from at least five navies', 'Warships from at least five navies'),
    names: [/sentence 5\b/, 'four', 'Warships from at least four navies'],
  },
  { code: 'quote-sentence-mismatch', severity: WARNING, range: (t) => within(t, 'quote: welcomed the plan', 'welcomed the plan'), names: [/sentence:? 12\b/] },
  { code: 'quote-ambiguous', severity: WARNING, range: (t) => within(t, 'quote: in Riyadh', 'in Riyadh'), names: [/\b16\b/, /\b26\b/, 'sentence'] },
  { code: 'unknown-actor', severity: ERROR, range: (t) => within(t, 'actors: [Kremlin]', 'Kremlin'), names: ['`russia`'] },
  { code: 'unknown-target', severity: ERROR, range: (t) => within(t, 'toward: convoy-escort\n', 'convoy-escort'), names: ['`convoy-escorts`'] },
  { code: 'unknown-stance', severity: ERROR, range: (t) => within(t, 'stance: backs', 'backs'), names: ['supports', 'opposes', 'neutral', 'mixed'] },
  {
    code: 'duplicate-id',
    severity: ERROR,
    range: (t) => within(t, 'id: harbi\n', 'harbi', '', 1),
    names: [/`harbi-\w+`/],
    related: (t) => within(t, 'id: harbi\n', 'harbi'),
  },
  { code: 'actor-not-mentioned', severity: INFORMATION, range: (t) => within(t, 'actors: [iran, china]', 'china'), names: ['China', 'alias'] },
  {
    code: 'conflicting-stance',
    severity: WARNING,
    range: (t) => within(t, 'stance: supports', 'supports', 'id: not-invited'),
    names: ['iran', 'opposes'],
    related: (t) => within(t, 'stance: opposes', 'opposes', 'id: rejection'),
  },
  {
    code: 'duplicate-annotation',
    severity: WARNING,
    range: (t) => within(t, 'sentence: 21', '21', 'id: eu-again'),
    names: [/sentence 21\b/, 'Remove'],
    related: (t) => within(t, 'sentence: 21', '21', 'id: eu-first'),
  },
  { code: 'schema', severity: ERROR, range: (t) => within(t, '- actor: shippers-council\n        stance: mixed', 'actor'), names: ['`toward`'] },
];

const BRIEF_SEEDS: Seeded[] = [
  {
    code: 'sentence-out-of-range',
    severity: ERROR,
    range: (t) => within(t, 'sentence: 40', '40'),
    names: [/\b37 sentences/],
  },
  {
    code: 'quote-not-found',
    severity: ERROR,
    range: (t) => within(t, 'quote: rose from 0.05% of hull value to as much as 2%', 'rose from 0.05% of hull value to as much as 2%'),
    names: [/sentence 18\b/, 'rose from 0.05% of hull value to as much as 1%'],
  },
  { code: 'quote-sentence-mismatch', severity: WARNING, range: (t) => within(t, 'quote: The plan answers a real need.', 'The plan answers a real need.'), names: [/sentence:? 14\b/] },
  { code: 'quote-ambiguous', severity: WARNING, range: (t) => within(t, 'quote: the pool', 'the pool'), names: [/\b27\b/, /\b33\b/, 'sentence'] },
  { code: 'unknown-actor', severity: ERROR, range: (t) => within(t, 'actors: [saudi-arabia, Abu Dhabi]', 'Abu Dhabi'), names: ['`uae`'] },
  { code: 'unknown-target', severity: ERROR, range: (t) => within(t, 'toward: insurance-fund', 'insurance-fund'), names: ['`insurance-pool`'] },
  { code: 'unknown-stance', severity: ERROR, range: (t) => within(t, 'stance: Supports', 'Supports'), names: ['`supports`'] },
  {
    code: 'duplicate-id',
    severity: ERROR,
    range: (t) => within(t, 'id: escorts\n', 'escorts', '', 1),
    names: [/`escorts-\w+`/],
    related: (t) => within(t, 'id: escorts\n', 'escorts'),
  },
  { code: 'actor-not-mentioned', severity: INFORMATION, range: (t) => within(t, 'actors: [saudi-arabia]', 'saudi-arabia', 'id: need'), names: ['Saudi Arabia', 'alias'] },
  {
    code: 'conflicting-stance',
    severity: WARNING,
    range: (t) => within(t, 'stance: supports', 'supports', 'id: rebate'),
    names: ['egypt', 'opposes'],
    related: (t) => within(t, 'stance: opposes', 'opposes', 'id: revenue-loss'),
  },
  {
    code: 'duplicate-annotation',
    severity: WARNING,
    range: (t) => within(t, 'sentence: 32', '32', 'id: outside-again'),
    names: [/sentence 32\b/, 'Remove'],
    related: (t) => within(t, 'sentence: 32', '32', 'id: outside-first'),
  },
  { code: 'schema', severity: ERROR, range: (t) => within(t, '- id: floating', 'id'), names: ['`sentence`', '`quote`'] },
];

const diagnosticsOf = (file: string): Diagnostic[] => client.latest(uri(file))?.diagnostics ?? [];
const key = (d: { code?: unknown; range: Range }) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

for (const [file, seeds] of [
  [WIRE_SEEDED, WIRE_SEEDS],
  [BRIEF_SEEDED, BRIEF_SEEDS],
] as const) {
  describe(`seeded errors in ${path.basename(file)}`, () => {
    const text = fixture(file);
    for (const seed of seeds) {
      it(`${seed.code}: found at its place, with its severity and related information`, () => {
        const range = seed.range(text);
        const found = diagnosticsOf(file).filter((d) => d.code === seed.code && key(d) === key({ code: seed.code, range }));
        expect(found, `${seed.code} at ${JSON.stringify(range)}; got ${JSON.stringify(diagnosticsOf(file).map(key))}`).toHaveLength(1);
        expect(found[0].severity).toBe(seed.severity);
        if (seed.related) expect(found[0].relatedInformation?.map((r) => ({ uri: r.location.uri, range: r.location.range }))).toContainEqual({ uri: uri(file), range: seed.related(text) });
      });
      it(`${seed.code}: the message names the fix`, () => {
        const found = diagnosticsOf(file).find((d) => d.code === seed.code && key(d) === key({ code: seed.code, range: seed.range(text) }));
        expect(found).toBeDefined();
        for (const name of seed.names) {
          if (typeof name === 'string') expect(found!.message).toContain(name);
          else expect(found!.message).toMatch(name);
        }
      });
    }

    it('exactly the seeded diagnostics: no false alarm, none missed', () => {
      const expected = seeds.map((s) => key({ code: s.code, range: s.range(text) })).sort();
      expect(diagnosticsOf(file).map(key).sort()).toEqual(expected);
    });
  });
}

describe('clean files and the codebook', () => {
  for (const file of [WIRE_CLEAN, BRIEF_CLEAN, BRIEF_CRLF_CLEAN]) {
    it(`${path.basename(file)} publishes no diagnostics`, () => {
      expect(client.latest(uri(file))).toBeDefined();
      expect(diagnosticsOf(file).map((d) => `${key(d)} ${d.message}`)).toEqual([]);
    });
  }

  it('codebook.yaml publishes no diagnostics (every actor and topic is used)', () => {
    expect(client.latest(uri(CODEBOOK))).toBeDefined();
    expect(diagnosticsOf(CODEBOOK).map((d) => `${key(d)} ${d.message}`)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// d. Re-check after an article edit in the editor
// ---------------------------------------------------------------------------

describe('re-check after an article edit', () => {
  it('an edit to the open wire story flags the clean annotation quoting it, and undoing the edit clears it', async () => {
    const article = fixture(WIRE);
    const annotation = fixture(WIRE_CLEAN);
    const articleUri = uri(WIRE);
    const annotationUri = uri(WIRE_CLEAN);
    const quoteRange = within(annotation, 'quote: unveiled a plan for joint naval escorts', 'unveiled a plan for joint naval escorts');
    expect(diagnosticsOf(WIRE_CLEAN)).toEqual([]);

    await client.open(articleUri, article, 'plaintext', 1);
    // "unveiled a plan" → "unveiled a scheme" in sentence 3, as an incremental edit.
    await client.change(articleUri, 2, [{ range: rangeOf(article, 'plan for joint'), text: 'scheme for joint' }]);
    const flagged = await client.waitForDiagnostics(annotationUri, (p) => p.diagnostics.length > 0);
    expect(flagged.diagnostics.map(key)).toEqual([key({ code: 'quote-not-found', range: quoteRange })]);
    expect(flagged.diagnostics[0].message).toMatch(/sentence 3\b/);
    expect(flagged.diagnostics[0].message).toContain('unveiled a scheme for joint naval escorts');

    const edited = article.replace('plan for joint', 'scheme for joint');
    await client.change(articleUri, 3, [{ range: rangeOf(edited, 'scheme for joint'), text: 'plan for joint' }]);
    const cleared = await client.waitForDiagnostics(annotationUri, (p) => p.diagnostics.length === 0);
    expect(cleared.diagnostics).toEqual([]);
    await client.close(articleUri);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
