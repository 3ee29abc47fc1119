/**
 * Re-anchoring a drifted quote (issue 10, item 1): the `quote-not-found`
 * suggestion and its quick fix offer the article's own words, whole.
 *
 * The property: take a span of words of a real sentence (the example
 * articles, and two articles written for this test with curly quotes, em
 * dashes, emoji, non-BMP letters and CRLF), drift it as an article edit
 * would (replace its first, a middle or its last word; insert a word; drop
 * one; make a typo), annotate the drifted quote, and apply the quick fix the
 * service offers: the quote must read exactly the span again. Expected values
 * come from the span itself (its words, white space runs as one space), never
 * from the code under test.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { Diagnostic, Position, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService, InMemoryWorkspace, type LanguageService } from '../src/service/index';
import { message } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const example = (p: string) => readFileSync(path.join(ROOT, 'example', p), 'utf8');

/** Original prose for this test: curly quotes, em dashes, an abbreviation, emoji (one with a variation selector), blackletter letters outside the BMP. */
const BOSPORUS = `Grain, Guns and the Bosporus: Reading Ankara’s Balancing Act
By Ilse Marchetti | 4 Apr 2025

Turkey’s foreign minister, Hakan Fidan, told reporters in Antalya that Ankara would “keep every door open” — to Kyiv, to Moscow and to the Gulf capitals that now bankroll much of the region’s diplomacy. The remark was aimed as much at Brussels as at anyone else. Officials in the European Commission have spent months asking whether Türkiye will tighten its enforcement of export controls on dual-use goods; so far the answer has been a shrug 🤷 and a promise of further study.
Shipping insurers are less patient. Premiums for vessels calling at Odesa rose by roughly 0.4 percentage points in March, according to two London brokers, and several owners now route cargo through Constanța instead. One broker summed up the market’s mood for clients with two emoji, 🚢⚠️, and no words at all. Kyiv’s embassy answered a reporter’s question with a single 🇺🇦 and a 👩‍💻, which is to say, with nothing.
The Kremlin’s spokesman, Dmitry Peskov, said on Wednesday that Russia “sees no obstacle” to a renewed grain corridor, provided Western banks reconnect the Russian Agricultural Bank to SWIFT. Kyiv’s response was swift and unsentimental: no sanctions relief in exchange for promises that were broken before.
Analysts at the 𝔅𝔬𝔰𝔭𝔬𝔯𝔲𝔰 Institute — a small think tank whose name is set, absurdly, in blackletter — argue that Ankara’s leverage is real but perishable. If the war settles into a frozen line, Turkey’s role as the indispensable middleman will shrink, and with it the premium it can charge both sides.
`;

/** Original prose with CRLF line ends. */
const WARSAW = [
  'Notes from a Warsaw Briefing',
  '',
  'Poland’s deputy defence minister said the country will spend 4.7% of GDP on defence this year — the highest share in NATO. He added, with a smile, that “the Americans noticed.” Lithuanian and Latvian officials, who attended as observers, asked pointed questions about air-defence stocks.',
  'One of them, speaking on condition of anonymity, called the ammunition shortfall “a hole you could drive a tank through.” The minister did not dispute the figure, but said new production lines in Stalowa Wola would close the gap by 2027.',
  '',
].join('\r\n');

/** Lines of at most `width` characters (for the hard-wrapped copies). */
function hardWrap(text: string, width: number, eol: string): string {
  return text
    .split('\n')
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(' ')) {
        if (line && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      lines.push(line);
      return lines.join(eol);
    })
    .join(eol + eol);
}

/** Articles and their folders: in `wrapped/` the codebook says `hard-wrapped: true`, so sentences run across line breaks. */
const ARTICLES: Readonly<Record<string, string>> = {
  'articles/riyadh-talks.txt': example('articles/riyadh-talks.txt'),
  'articles/european-reaction.txt': example('articles/european-reaction.txt'),
  'articles/ceasefire-briefing.md': example('articles/ceasefire-briefing.md'),
  'articles/bosporus.txt': BOSPORUS,
  'articles/warsaw.txt': WARSAW,
  'wrapped/articles/ceasefire-briefing.md': example('articles/ceasefire-briefing.md'),
  'wrapped/articles/bosporus.txt': hardWrap(BOSPORUS, 64, '\r\n'),
};
const CODEBOOK = example('codebook.yaml');
const CODEBOOKS = { 'codebook.yaml': CODEBOOK, 'wrapped/codebook.yaml': `${CODEBOOK}\nhard-wrapped: true\n` };
const annotationPath = (article: string) => (article.startsWith('wrapped/') ? 'wrapped/annotations/drift.stance.yaml' : 'annotations/drift.stance.yaml');
const ANNOTATION_FILE = annotationPath('articles/');

// ---------------------------------------------------------------------------
// Helpers written for the test (independent of the service's own).

/** A word as a reader sees it: letters and digits, with inner apostrophes, hyphens and dots. */
const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

interface Word {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

/** Text compared as quotes are: white space runs alike, quote marks alike. */
function loose(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}

function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const lf = text.indexOf('\n', offset);
    offset = lf + 1;
  }
  return offset + position.character;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** Replacement and inserted words: none of them occurs in any of the articles. */
const STRANGERS = ['harbour', 'ledger', 'lantern', 'granite', 'orchard', 'Zanzibar', 'velvet', 'quietly', 'seventeen', 'desk', 'Xylophone', 'marmalade'];

function annotationFile(article: string, sentence: number | undefined, quote: string, eol: string): string {
  const lines = [`article: ../${article.replace(/^wrapped\//, '')}`, 'annotations:', '  - id: drifted'];
  if (sentence !== undefined) lines.push(`    sentence: ${sentence}`);
  lines.push(`    quote: ${JSON.stringify(quote)}`, '    note: Written before the article was edited.', '');
  return lines.join(eol);
}

async function serviceWith(files: Record<string, string>): Promise<{ ws: InMemoryWorkspace; service: LanguageService }> {
  const ws = new InMemoryWorkspace({ ...CODEBOOKS, ...ARTICLES, ...files });
  const service = createLanguageService({ workspace: ws });
  await service.initialize();
  return { ws, service };
}

/** The quote-not-found diagnostic of the file, its preferred quick fix, and the file with the fix applied. */
async function reanchor(files: Record<string, string>, file = ANNOTATION_FILE): Promise<{ diagnostic: Diagnostic; title: string; fixed: string }> {
  const { ws, service } = await serviceWith(files);
  const uri = ws.uri(file);
  const diagnostics = (await service.diagnostics(uri)).filter((d) => d.code === 'quote-not-found');
  expect(diagnostics).toHaveLength(1);
  const actions = await service.codeActions(uri, diagnostics[0].range, diagnostics);
  const preferred = actions.filter((a) => a.isPreferred);
  expect(preferred).toHaveLength(1);
  return { diagnostic: diagnostics[0], title: preferred[0].title, fixed: applyEdits(files[file], preferred[0].edit?.changes?.[uri] ?? []) };
}

// ---------------------------------------------------------------------------
// Sentences and spans to drift

interface Sentence {
  readonly article: string;
  readonly n: number;
  readonly text: string;
  readonly words: readonly Word[];
}

async function loadSentences(): Promise<Sentence[]> {
  const { ws, service } = await serviceWith({});
  const all: Sentence[] = [];
  for (const article of Object.keys(ARTICLES)) {
    for (const s of await service.sentences(ws.uri(article))) {
      const words = wordsOf(s.text);
      if (words.length >= 6) all.push({ article, n: s.n, text: s.text, words });
    }
  }
  return all;
}

type Drift = 'replace-first' | 'replace-middle' | 'replace-last' | 'insert' | 'drop' | 'typo';
const DRIFTS: readonly Drift[] = ['replace-first', 'replace-middle', 'replace-last', 'insert', 'drop', 'typo'];

interface Case {
  readonly sentence: Sentence;
  /** Words [first, last] of the sentence make the span. */
  readonly first: number;
  readonly last: number;
  readonly drift: Drift;
  /** Which word (relative to the span) the drift touches, scaled to the words it may touch. */
  readonly pick: number;
  readonly stranger: string;
  readonly annotated: boolean;
  readonly crlf: boolean;
}

/** The span's text as the fix should write it: the article's words, white space runs as one space. */
function spanText(c: Case): string {
  return c.sentence.text.slice(c.sentence.words[c.first].start, c.sentence.words[c.last].end).replace(/\s+/g, ' ');
}

/** The drifted quote, or undefined when the drift cannot apply (no word long enough for a typo). */
function drifted(c: Case): string | undefined {
  const { text, words } = c.sentence;
  const span = words.slice(c.first, c.last + 1);
  const base = span[0].start;
  const local = (w: Word) => ({ start: w.start - base, end: w.end - base });
  const quote = text.slice(base, span[span.length - 1].end);
  const choose = <T>(items: readonly T[]) => items[Math.floor(c.pick * items.length) % items.length];
  const splice = (start: number, end: number, insert: string) => quote.slice(0, start) + insert + quote.slice(end);
  switch (c.drift) {
    case 'replace-first':
      return splice(0, local(span[0]).end, c.stranger);
    case 'replace-last':
      return splice(local(span[span.length - 1]).start, quote.length, c.stranger);
    case 'replace-middle': {
      const w = local(choose(span.slice(1, -1)));
      return splice(w.start, w.end, c.stranger);
    }
    case 'insert': {
      // After an inner word: an extra word at either end of a quote reads the same as a replaced one (see docs/diagnostics.md).
      const w = local(choose(span.slice(0, -1)));
      return splice(w.end, w.end, ` ${c.stranger}`);
    }
    case 'drop': {
      // An inner word with the space after it (dropping an end word leaves a quote that is still in the article).
      const inner = span.slice(1, -1);
      const w = local(choose(inner));
      const next = local(span[span.indexOf(choose(inner)) + 1]);
      const gap = quote.slice(w.end, next.start);
      return /^\s+$/.test(gap) ? splice(w.start, next.start, '') : splice(w.start, w.end, '');
    }
    case 'typo': {
      const long = span.filter((w) => [...w.text].length >= 4 && /^[\p{L}]+$/u.test(w.text));
      if (!long.length) return undefined;
      const w = choose(long);
      const chars = [...w.text];
      const at = 1 + (Math.floor(c.pick * 997) % (chars.length - 2));
      if (chars[at] === chars[at + 1])
        chars.splice(at, 1); // a swap of equal letters changes nothing: drop one
      else [chars[at], chars[at + 1]] = [chars[at + 1], chars[at]];
      const l = local(w);
      return splice(l.start, l.end, chars.join(''));
    }
  }
}

function caseArbitrary(sentences: readonly Sentence[]): fc.Arbitrary<Case> {
  return fc
    .record({
      index: fc.nat({ max: sentences.length - 1 }),
      length: fc.integer({ min: 5, max: 12 }),
      offset: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      drift: fc.constantFrom(...DRIFTS),
      pick: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      stranger: fc.constantFrom(...STRANGERS),
      annotated: fc.boolean(),
      crlf: fc.boolean(),
    })
    .map(({ index, length, offset, ...rest }) => {
      const sentence = sentences[index];
      const size = Math.min(length, sentence.words.length);
      const first = Math.floor(offset * (sentence.words.length - size + 1));
      return { sentence, first, last: first + size - 1, ...rest };
    });
}

const SEED = 10_001 + (Number(process.env.STANDPOINT_FUZZ_SEED ?? 0) || 0);
const RUNS = Math.max(1, Math.round(300 * (Number(process.env.STANDPOINT_FUZZ_SCALE ?? 1) || 1)));

/** Runs the service over the example corpus as it is in the repository. */
async function exampleDiagnostic(file: string, quote: string): Promise<{ message: string; title: string }> {
  const files: Record<string, string> = { 'codebook.yaml': CODEBOOK, [file]: example(file), 'articles/riyadh-talks.txt': example('articles/riyadh-talks.txt') };
  const ws = new InMemoryWorkspace(files);
  const service = createLanguageService({ workspace: ws });
  await service.initialize();
  const uri = ws.uri(file);
  const diagnostic = (await service.diagnostics(uri)).find((d) => d.code === 'quote-not-found' && files[file].split('\n')[d.range.start.line].includes(quote))!;
  const [action] = await service.codeActions(uri, diagnostic.range, [diagnostic]);
  return { message: message(diagnostic), title: action.title };
}

/** The message and fix title for one drifted quote annotated on a sentence of an article written here. */
async function drift(article: string, sentence: number, quote: string): Promise<{ message: string; title: string; fixed: string }> {
  const files = { 'articles/own.txt': article, [ANNOTATION_FILE]: annotationFile('articles/own.txt', sentence, quote, '\n') };
  const { diagnostic, title, fixed } = await reanchor(files);
  return { message: message(diagnostic), title, fixed };
}

const CABINET = `Oslo Weighs In
Norway’s Foreign Minister, Espen Barth Eide, spoke first and longest. The Defence Minister met the Finance Minister at noon, and the three ministers left together.
`;

describe('re-anchoring: the messages and fixes of issue 10 (regressions)', () => {
  it('the broken example: a replaced last word is offered back whole (was “sat down at the same ”)', async () => {
    expect(await exampleDiagnostic('broken/riyadh-talks.stance.yaml', 'sat down at the same desk')).toEqual({
      message:
        'The quote is not in the article. Closest: sentence 4 (the annotated one), which has “table” where the quote has “desk”. Replace the quote with “sat down at the same table” to re-anchor it.',
      title: 'Re-anchor the quote to sentence 4: “sat down at the same table”',
    });
  });

  it('a replaced first word: the suggestion starts at the article’s word, not inside it or at a space (was “retary of State …”, “ Russia’s …”)', async () => {
    const riyadh = example('articles/riyadh-talks.txt');
    const deputy = await drift(riyadh, 7, 'Deputy of State Marco Rubio led the American side');
    expect(deputy.message).toBe(
      'The quote is not in the article. Closest: sentence 7 (the annotated one), which has “Secretary” where the quote has “Deputy”. Replace the quote with “Secretary of State Marco Rubio led the American side” to re-anchor it.',
    );
    expect(deputy.fixed).toContain('quote: "Secretary of State Marco Rubio led the American side"\n');
    const kremlin = await drift(riyadh, 4, 'Kremlin’s full-scale invasion of Ukraine');
    expect(kremlin.message).toBe(
      'The quote is not in the article. Closest: sentence 4 (the annotated one), which has “Russia’s” where the quote has “Kremlin’s”. Replace the quote with “Russia’s full-scale invasion of Ukraine” to re-anchor it.',
    );
  });

  it('a replaced last word: the suggestion ends with the article’s word, not inside it (was “… led the Ame”)', async () => {
    const { message: text } = await drift(example('articles/riyadh-talks.txt'), 7, 'of State Marco Rubio led the xylophone');
    expect(text).toBe(
      'The quote is not in the article. Closest: sentence 7 (the annotated one), which has “American” where the quote has “xylophone”. Replace the quote with “of State Marco Rubio led the American” to re-anchor it.',
    );
  });

  it('one replaced word is one difference, said once (was said twice, “and 1 more difference”)', async () => {
    const { message: text } = await drift(CABINET, 2, 'Norway’s Foreign Secretary, Espen Barth Eide, spoke first');
    expect(text).toBe(
      'The quote is not in the article. Closest: sentence 2 (the annotated one), which has “Minister” where the quote has “Secretary”. Replace the quote with “Norway’s Foreign Minister, Espen Barth Eide, spoke first” to re-anchor it.',
    );
  });

  it('the same difference twice is listed once, and “more” counts the other differences', async () => {
    const twice = await drift(CABINET, 3, 'The Defence Secretary met the Finance Secretary at noon');
    expect(twice.message).toBe(
      'The quote is not in the article. Closest: sentence 3 (the annotated one), which has “Minister” where the quote has “Secretary”. Replace the quote with “The Defence Minister met the Finance Minister at noon” to re-anchor it.',
    );
    const three = await drift(CABINET, 3, 'The Defense Secretary met the Finance Secretary at midday, and the three ministers');
    expect(three.message).toBe(
      'The quote is not in the article. Closest: sentence 3 (the annotated one), which has “Defence Minister” where the quote has “Defense Secretary”, and which has “Minister” where the quote has “Secretary” (and 1 more difference). Replace the quote with “The Defence Minister met the Finance Minister at noon, and the three ministers” to re-anchor it.',
    );
  });

  it('an inserted, a dropped word and a typo: the suggestion is the article’s words', async () => {
    const cases: [string, string][] = [
      ['Norway’s Foreign Minister, Espen Barth Eide, also spoke first', 'which lacks “also”'],
      ['Norway’s Foreign Minister, Espen Eide, spoke first', 'which has “Barth” where the quote has nothing'],
      ['Norway’s Foreign Minsiter, Espen Barth Eide, spoke first', 'which has “Minister” where the quote has “Minsiter”'],
    ];
    for (const [quote, difference] of cases) {
      expect((await drift(CABINET, 2, quote)).message, quote).toBe(
        `The quote is not in the article. Closest: sentence 2 (the annotated one), ${difference}. Replace the quote with “Norway’s Foreign Minister, Espen Barth Eide, spoke first” to re-anchor it.`,
      );
    }
  });

  it('white space inside the article’s words is written as one space; emoji and non-BMP letters stay whole', async () => {
    const wrapped = 'A Wrapped Note\r\n\r\nThe envoy 🤷 said\r\nthe 𝔅𝔬𝔰𝔭𝔬𝔯𝔲𝔰   talks would resume.\r\n';
    const file = 'wrapped/annotations/drift.stance.yaml';
    const files = { 'wrapped/articles/own.txt': wrapped, [file]: annotationFile('articles/own.txt', 2, 'The envoy 🤷 said the 𝔅𝔬𝔰𝔭𝔬𝔯𝔲𝔰 talks will', '\n') };
    const { diagnostic, fixed } = await reanchor(files, file);
    expect(message(diagnostic)).toBe(
      'The quote is not in the article. Closest: sentence 2 (the annotated one), which has “would” where the quote has “will”. Replace the quote with “The envoy 🤷 said the 𝔅𝔬𝔰𝔭𝔬𝔯𝔲𝔰 talks would” to re-anchor it.',
    );
    expect(fixed).toContain('quote: "The envoy 🤷 said the 𝔅𝔬𝔰𝔭𝔬𝔯𝔲𝔰 talks would"\n');
    // A flag (two code points) and a zero-width-joined emoji are one token each: never cut.
    const flag = await drift(BOSPORUS, 9, 'answered a reporter’s question with a lone 🇺🇦 and a 👩‍💻, which is to say');
    expect(flag.message).toBe(
      'The quote is not in the article. Closest: sentence 9 (the annotated one), which has “single” where the quote has “lone”. Replace the quote with “answered a reporter’s question with a single 🇺🇦 and a 👩‍💻, which is to say” to re-anchor it.',
    );
    const emojiEnd = await drift(BOSPORUS, 9, 'with a single 🇺🇦 and a 👩‍🔬');
    expect(emojiEnd.message).toBe(
      'The quote is not in the article. Closest: sentence 9 (the annotated one), which has “👩‍💻” where the quote has “👩‍🔬”. Replace the quote with “with a single 🇺🇦 and a 👩‍💻” to re-anchor it.',
    );
  });
});

describe('re-anchoring a drifted quote restores the article’s words (seeded property)', () => {
  it('the strangers really are strangers, and the test prose has what it claims', () => {
    const all = Object.values(ARTICLES).join('\n').toLowerCase();
    for (const word of STRANGERS) expect(all, word).not.toMatch(new RegExp(`\\b${word.toLowerCase()}\\b`));
    expect(WARSAW).toContain('\r\n');
    expect(BOSPORUS).toMatch(/\u{1F937}/u);
    expect(BOSPORUS).toMatch(/\u{1D505}/u); // blackletter B, outside the BMP
    expect(BOSPORUS).toContain('\u{1F1FA}\u{1F1E6}'); // a flag: two regional indicators
    expect(BOSPORUS).toContain('\u{1F469}\u200D\u{1F4BB}'); // a zero-width-joined emoji
  });

  it(
    `${RUNS} drifted spans of real sentences: the quick fix writes the span back exactly`,
    async () => {
      const sentences = await loadSentences();
      expect(sentences.length).toBeGreaterThan(60);
      expect(sentences.filter((s) => s.article.startsWith('wrapped/') && s.text.includes('\r\n')).length).toBeGreaterThan(5);
      expect(sentences.filter((s) => s.article.startsWith('wrapped/') && /\S\n\S/.test(s.text)).length).toBeGreaterThan(5);
      const articleText = loose(Object.values(ARTICLES).join('\n'));
      let checked = 0;
      await fc.assert(
        fc.asyncProperty(caseArbitrary(sentences), async (c) => {
          const quote = drifted(c);
          // A drift that leaves words found verbatim in some article is no drift at all.
          fc.pre(quote !== undefined && !articleText.includes(loose(quote.trim())));
          const expected = spanText(c);
          const file = annotationFile(c.sentence.article, c.annotated ? c.sentence.n : undefined, quote!, c.crlf ? '\r\n' : '\n');
          const where = annotationPath(c.sentence.article);
          const { diagnostic, fixed } = await reanchor({ [where]: file }, where);
          const [annotation] = (parse(fixed) as { annotations: { quote: string; sentence?: number }[] }).annotations;
          expect({ quote: annotation.quote, sentence: annotation.sentence ?? c.sentence.n }, `${c.drift}: “${quote}”`).toEqual({ quote: expected, sentence: c.sentence.n });
          if (expected.length <= 80) expect(message(diagnostic)).toContain(`Replace the quote with “${expected}” to re-anchor it.`);
          // Nothing but the quote changed, and the line ends are the file's.
          expect(fixed.replace(/quote: .*/, '')).toBe(file.replace(/quote: .*/, ''));
          checked++;
        }),
        { seed: SEED, numRuns: RUNS },
      );
      expect(checked).toBeGreaterThan(RUNS * 0.8);
    },
    60_000 * Math.max(1, RUNS / 300),
  );
});
