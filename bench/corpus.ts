/**
 * A deterministic generator of realistic corpora for the benchmarks: articles
 * of generated analysis prose (headlines, bylines, curly quotes, dashes,
 * abbreviations, the odd emoji), one codebook, and annotation files with a
 * realistic mix of valid annotations and mistakes. Same seed, same bytes.
 */
import { mkdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { segmentSentences } from '../server/src/service/segmentation';
import { prng } from '../server/test/support/prng';

export interface CorpusSize {
  readonly name: 'S' | 'M' | 'L' | 'Q';
  readonly articles: number;
  readonly sentencesPerArticle: number;
  readonly annotations: number;
}

export const SIZES: Record<string, CorpusSize> = {
  Q: { name: 'Q', articles: 4, sentencesPerArticle: 120, annotations: 200 },
  S: { name: 'S', articles: 10, sentencesPerArticle: 200, annotations: 2_000 },
  M: { name: 'M', articles: 200, sentencesPerArticle: 200, annotations: 20_000 },
  L: { name: 'L', articles: 1_000, sentencesPerArticle: 300, annotations: 100_000 },
};

/** The large file the keystroke benchmark types in: 1,000 annotations of a 500-sentence article, with two more files on that article. */
export const HOT = { sentences: 500, annotations: 1_000, extraFiles: 2, extraAnnotations: 200 };

export const GENERATOR_VERSION = 5;

interface Actor {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  affiliation?: string;
}

const STATES: [string, string, string[]][] = [
  ['us', 'United States', ['Washington', 'the White House', 'the U.S.']],
  ['russia', 'Russia', ['Moscow', 'the Kremlin']],
  ['ukraine', 'Ukraine', ['Kyiv']],
  ['saudi-arabia', 'Saudi Arabia', ['Riyadh', 'the Saudis']],
  ['turkey', 'Turkey', ['Ankara', 'Türkiye']],
  ['china', 'China', ['Beijing']],
  ['france', 'France', ['Paris', 'the Élysée']],
  ['germany', 'Germany', ['Berlin']],
  ['poland', 'Poland', ['Warsaw']],
  ['uk', 'United Kingdom', ['London', 'Britain', 'the U.K.']],
  ['qatar', 'Qatar', ['Doha']],
  ['india', 'India', ['New Delhi']],
  ['iran', 'Iran', ['Tehran']],
  ['egypt', 'Egypt', ['Cairo']],
  ['japan', 'Japan', ['Tokyo']],
  ['hungary', 'Hungary', ['Budapest']],
];
const ORGANIZATIONS: [string, string, string[]][] = [
  ['nato', 'NATO', ['the alliance', 'the Atlantic alliance']],
  ['eu', 'European Union', ['the EU', 'Brussels']],
  ['un', 'United Nations', ['the U.N.', 'the Security Council']],
  ['iaea', 'International Atomic Energy Agency', ['the IAEA', 'the atomic agency']],
  ['opec', 'OPEC', ['the oil cartel']],
  ['imf', 'International Monetary Fund', ['the IMF', 'the Fund']],
];
const MEDIA: [string, string, string[]][] = [
  ['rt', 'RT', ['Russia Today']],
  ['al-arabiya', 'Al Arabiya', ['the Saudi broadcaster']],
  ['bbc', 'BBC', ['the British broadcaster']],
];
const GROUPS: [string, string, string[]][] = [
  ['hawks', 'Senate hawks', ['the hawks']],
  ['veterans', 'Veterans\u2019 groups', ['the veterans']],
];
const FIRST = ['Mara', 'Ilse', 'Tomas', 'Amir', 'Yulia', 'Dmytro', 'Helen', 'Rafael', 'Noor', 'Pavel', 'Grace', 'Osman', 'Lena', 'Samir', 'Ingrid', 'Viktor', 'Aisha', 'Jonas', 'Marek', 'Farah'];
const LAST = [
  'Lindqvist',
  'Brandt',
  'Okafor',
  'Haddad',
  'Koval',
  'Petrenko',
  'Marsh',
  'Quintero',
  'Rahimi',
  'Sokolov',
  'Whitfield',
  'Demir',
  'Varga',
  'Nasser',
  'Holm',
  'Orlov',
  'Bello',
  'Weiss',
  'Novak',
  'Karimi',
];
const ROLES = [
  'foreign minister',
  'defence minister',
  'national security adviser',
  'special envoy',
  'ambassador',
  'spokesperson',
  'senator',
  'prime minister',
  'deputy foreign minister',
  'chief negotiator',
];
/** id, label, and how the prose names it mid-sentence. */
const TOPICS: [string, string, string][] = [
  ['us-russia-dialogue', 'Direct US\u2013Russia dialogue', 'direct US\u2013Russia dialogue'],
  ['ukraine-nato-membership', 'Ukraine\u2019s membership in NATO', 'Ukraine\u2019s membership in NATO'],
  ['ceasefire', 'A ceasefire along the front line', 'a ceasefire along the front line'],
  ['sanctions-relief', 'Relief from sanctions on Russia', 'relief from sanctions'],
  ['territorial-concessions', 'Territorial concessions by Ukraine', 'territorial concessions'],
  ['security-guarantees', 'Security guarantees for Ukraine', 'security guarantees for Kyiv'],
  ['european-security-role', 'Europe\u2019s role in the talks', 'Europe\u2019s role in the talks'],
  ['peacekeeping-force', 'A European peacekeeping force', 'a European peacekeeping force'],
  ['grain-corridor', 'The Black Sea grain corridor', 'the Black Sea grain corridor'],
  ['prisoner-exchange', 'Prisoner exchanges', 'prisoner exchanges'],
  ['energy-deal', 'An energy deal', 'an energy deal'],
  ['reconstruction-fund', 'A reconstruction fund for Ukraine', 'a reconstruction fund'],
];

export function makeActors(): Actor[] {
  const actors: Actor[] = [];
  for (const [id, name, aliases] of STATES) actors.push({ id, name, type: 'state', aliases });
  for (const [id, name, aliases] of ORGANIZATIONS) actors.push({ id, name, type: 'organization', aliases });
  for (const [id, name, aliases] of MEDIA) actors.push({ id, name, type: 'media', aliases });
  for (const [id, name, aliases] of GROUPS) actors.push({ id, name, type: 'group', aliases });
  const random = prng(7);
  for (let i = 0; i < 40; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    const state = STATES[Math.floor(random() * STATES.length)][0];
    actors.push({
      id: `${first}-${last}`
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z-]/g, ''),
      name: `${first} ${last}`,
      type: 'person',
      aliases: [last],
      affiliation: state,
    });
  }
  return actors.filter((actor, i, all) => all.findIndex((a) => a.id === actor.id) === i && all.findIndex((a) => a.aliases[0] === actor.aliases[0]) === i);
}

function codebookText(actors: readonly Actor[]): string {
  const lines = ['# Benchmark codebook (generated)', 'actors:'];
  for (const actor of actors) {
    lines.push(`  ${actor.id}:`, `    name: ${JSON.stringify(actor.name)}`, `    type: ${actor.type}`, `    aliases: [${actor.aliases.map((a) => JSON.stringify(a)).join(', ')}]`);
    if (actor.affiliation) lines.push(`    affiliation: ${actor.affiliation}`);
  }
  lines.push('topics:');
  for (const [id, label] of TOPICS) lines.push(`  ${id}:`, `    label: ${JSON.stringify(label)}`);
  lines.push('abbreviations: [Amb., Adm.]');
  return `${lines.join('\n')}\n`;
}

const OPENERS = [
  'In a statement on Tuesday,',
  'Speaking in Riyadh,',
  'Behind closed doors,',
  'Two days later,',
  'For now,',
  'According to two officials,',
  'Privately,',
  'In public at least,',
  'By Feb. 20,',
  'At the U.N. in New York,',
];
const VERBS = ['said', 'insisted', 'warned', 'argued', 'signalled', 'suggested', 'repeated', 'conceded'];
const CLAIMS = [
  'that {topic} was not on the table',
  'that any deal on {topic} would need {actor}\u2019s consent',
  'that {topic} could be discussed \u201conly after a ceasefire holds\u201d',
  'that the talks on {topic} had been \u201cuseful but premature\u201d',
  'that {actor} would not accept {topic} \u2014 at least not yet',
  'that {topic} was \u201cthe price of peace\u201d',
  'that Mr. {last} had raised {topic} twice',
  'that a compromise on {topic}, e.g. a phased plan, was possible',
];
const CLOSERS = ['', ' The reaction was muted.', '', ' Markets barely moved.', '', ''];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

function mention(random: () => number, actor: Actor): string {
  return random() < 0.5 ? actor.name : pick(random, actor.aliases);
}

/** One article: a headline, a byline, paragraphs of `count - 2` generated sentences (one paragraph per line). */
function articleText(random: () => number, actors: readonly Actor[], count: number, index: number): string {
  const lines: string[] = [];
  const lead = pick(random, actors);
  lines.push(
    `${pick(random, ['Talks', 'Pressure', 'Doubts', 'Hopes'])} in ${pick(random, ['Riyadh', 'Istanbul', 'Geneva', 'Doha'])} \u2014 ${lead.name} ${pick(random, ['Weighs', 'Tests', 'Rejects', 'Courts'])} a Deal`,
  );
  lines.push(`By ${pick(random, FIRST)} ${pick(random, LAST)} | Feb ${1 + (index % 27)}, 2025${index % 17 === 0 ? ' \ud83c\uddfa\ud83c\udde6' : ''}`);
  lines.push('');
  let written = 2;
  while (written < count) {
    const sentences: string[] = [];
    const perParagraph = Math.min(count - written, 2 + Math.floor(random() * 4));
    for (let i = 0; i < perParagraph; i++) {
      const actor = pick(random, actors);
      const other = pick(random, actors);
      const topic = pick(random, TOPICS)[2];
      const claim = pick(random, CLAIMS)
        .replace('{topic}', topic)
        .replace('{actor}', mention(random, other))
        .replace('{last}', other.name.split(' ').pop() ?? other.name);
      const who = actor.type === 'person' ? `${actor.name}, the ${pick(random, ROLES)},` : mention(random, actor);
      sentences.push(`${random() < 0.3 ? `${pick(random, OPENERS)} ` : ''}${who} ${pick(random, VERBS)} ${claim}.${random() < 0.15 ? pick(random, CLOSERS) : ''}`);
    }
    const paragraph = sentences.join(random() < 0.1 ? '  ' : ' ');
    lines.push(paragraph);
    written += segmentSentences(paragraph).length;
  }
  lines.push('\u00a9 2025 Benchmark Review | All rights reserved');
  return `${lines.join('\n')}\n`;
}

/** One generated article of about `sentences` sentences (the same prose as the corpora's), for in-process benchmarks. */
export function generateArticle(sentences: number, seed: number): string {
  return articleText(prng(seed), makeActors(), sentences, seed);
}

/** A stable position of an actor toward a topic: coders rarely contradict themselves within a file. */
function position(actor: string, topic: string): string {
  let hash = 0;
  for (const ch of `${actor}>${topic}`) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return ['supports', 'opposes', 'neutral', 'mixed', 'supports', 'opposes'][hash % 6];
}

/**
 * Annotations of an article, as a coder writes them: sentences in order (some
 * tagged twice, with different actors or stances), the actors the sentence
 * names, consistent stances, a quote half the time, a note now and then; and
 * a few percent of mistakes of every kind (drifted quotes, aliases typed as
 * ids, typos, sentence numbers past the end, contradictions).
 */
function annotationFileText(random: () => number, actors: readonly Actor[], article: string, articlePath: string, count: number): string {
  return annotationFileFrom(articlePath, annotationEntries(random, actors, article, count));
}

function annotationFileFrom(articlePath: string, entries: readonly string[]): string {
  return `# Generated annotations\narticle: ${articlePath}\nannotations:\n${entries.join('\n')}\n`;
}

/** The annotation items (`  - id: …` blocks) of annotationFileText. */
function annotationEntries(random: () => number, actors: readonly Actor[], article: string, count: number): string[] {
  const sentences = segmentSentences(article).map((s) => article.slice(s.start, s.end));
  const mentioned = sentences.map((text) => actors.filter((actor) => [actor.name, ...actor.aliases].some((term) => text.includes(term))));
  const entries: string[] = [];
  const usable = Math.max(1, sentences.length - 3);
  for (let i = 0; i < count; i++) {
    const n = 3 + Math.floor((i * usable) / count) + (random() < 0.2 ? Math.floor(random() * 3) : 0);
    const sentenceIndex = Math.min(n, sentences.length) - 1;
    const text = sentences[sentenceIndex];
    const visit = i % 3;
    const named = mentioned[sentenceIndex];
    const involved = named.length ? named.slice(visit % named.length, (visit % named.length) + 1 + (visit % 2)).map((a) => a.id) : [pick(random, actors).id];
    const lines = [`  - id: a${i + 1}`, `    sentence: ${Math.min(n, sentences.length)}`];
    const words = text.split(/\s+/);
    const mistake = random();
    if (random() < 0.5 && words.length > 6) {
      const from = Math.floor(random() * (words.length - 4));
      let quote = words
        .slice(from, from + 3 + Math.floor(random() * 3))
        .join(' ')
        .replace(/[.,]$/, '');
      if (mistake < 0.01) quote = quote.replace(/[a-z]/, 'x'); // a quote that drifted after an article edit
      lines.push(`    quote: ${JSON.stringify(quote)}`);
    }
    let ids = involved;
    if (mistake >= 0.01 && mistake < 0.02) ids = [...ids, pick(random, ['Moscow', 'kremlin', 'usa', 'nato-alliance'])]; // an alias typed as an id, a typo
    lines.push(`    actors: [${ids.join(', ')}]`);
    if (visit !== 0 || random() < 0.4) {
      const topic = TOPICS[(i + visit) % TOPICS.length][0];
      let stance = position(involved[0], topic);
      if (mistake >= 0.02 && mistake < 0.025) stance = 'support'; // not in the vocabulary
      if (mistake >= 0.025 && mistake < 0.03) stance = stance === 'supports' ? 'opposes' : 'supports'; // a contradiction
      const toward = mistake >= 0.03 && mistake < 0.035 ? 'ceasfire' : topic;
      lines.push('    stances:', `      - { actor: ${involved[0]}, toward: ${toward}, stance: ${stance} }`);
    }
    if (random() < 0.2) lines.push(`    note: ${JSON.stringify(`Coder note ${i + 1}: the framing matters here.`)}`);
    if (mistake >= 0.035 && mistake < 0.04) lines[1] = `    sentence: ${sentences.length + 5}`; // past the end
    entries.push(lines.join('\n'));
  }
  return entries;
}

export interface GeneratedCorpus {
  readonly root: string;
  readonly size: CorpusSize;
  /** The 1,000-annotation file typed in by the keystroke benchmark. */
  readonly hotAnnotations: string;
  readonly hotArticle: string;
  readonly hotDependents: readonly string[];
  /** All annotation files. */
  readonly annotationFiles: readonly string[];
  readonly codebook: string;
  readonly bytes: number;
}

/** Writes (or reuses) the corpus of a size under `baseDir`; generation is deterministic. */
export function generateCorpus(sizeName: string, baseDir: string, seed = 2025): GeneratedCorpus {
  const size = SIZES[sizeName];
  const root = path.join(baseDir, `corpus-${size.name}-v${GENERATOR_VERSION}-${seed}`);
  const manifestFile = path.join(root, 'corpus.json');
  if (existsSync(manifestFile)) return JSON.parse(readFileSync(manifestFile, 'utf8')) as GeneratedCorpus;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'articles'), { recursive: true });
  mkdirSync(path.join(root, 'annotations'), { recursive: true });
  const random = prng(seed);
  const actors = makeActors();
  let bytes = 0;
  const write = (relative: string, text: string) => {
    writeFileSync(path.join(root, relative), text);
    bytes += Buffer.byteLength(text);
    return path.join(root, relative);
  };
  const codebook = write('codebook.yaml', codebookText(actors));
  const annotationFiles: string[] = [];
  const perArticle = Math.round(size.annotations / size.articles);
  for (let i = 0; i < size.articles; i++) {
    const name = `article-${String(i + 1).padStart(4, '0')}`;
    const article = articleText(random, actors, size.sentencesPerArticle, i);
    write(`articles/${name}.txt`, article);
    annotationFiles.push(write(`annotations/${name}.stance.yaml`, annotationFileText(random, actors, article, `../articles/${name}.txt`, perArticle)));
  }
  const hotArticleText = articleText(random, actors, HOT.sentences, 9999);
  const hotArticle = write('articles/hot-report.txt', hotArticleText);
  const hotAnnotations = write('annotations/hot-report.stance.yaml', annotationFileText(random, actors, hotArticleText, '../articles/hot-report.txt', HOT.annotations));
  const hotDependents = [hotAnnotations];
  for (let k = 0; k < HOT.extraFiles; k++)
    hotDependents.push(write(`annotations/hot-report-${k + 2}.stance.yaml`, annotationFileText(random, actors, hotArticleText, '../articles/hot-report.txt', HOT.extraAnnotations)));
  annotationFiles.push(...hotDependents);
  const corpus: GeneratedCorpus = { root, size, hotAnnotations, hotArticle, hotDependents, annotationFiles, codebook, bytes };
  writeFileSync(manifestFile, JSON.stringify(corpus));
  return corpus;
}

/** The corpora of the warnings benchmarks (issue 10): files that carry many warnings, next to clean ones. */
export interface WarningsCorpus {
  /** A workspace to type in: the codebook, the article, `clean` and `repeated`. */
  readonly typingRoot: string;
  /** 1,000 annotations as the hot file has them (a few realistic mistakes). */
  readonly clean: string;
  /** 1,000 annotations whose second half repeats the first (ids renumbered): 500 more `duplicate-annotation` warnings. */
  readonly repeated: string;
  /** A workspace with the flood: the codebook, the article, `neighbour` and `flood`. */
  readonly floodRoot: string;
  /** A 200-annotation file on the article (hovered while the flood is checked). */
  readonly neighbour: string;
  /** `floodAnnotations` copies of one annotation: every one after the first is a `duplicate-annotation` warning. */
  readonly flood: string;
  readonly floodAnnotations: number;
}

export const WARNINGS = { annotations: 1_000, flood: 100_000 };

/** Writes (or reuses) the warnings corpora; `floodAnnotations` is 100,000 for the full bench (6.8 MB, under the 8 MB limit). */
export function generateWarningsCorpus(baseDir: string, floodAnnotations: number = WARNINGS.flood, seed = 2025): WarningsCorpus {
  const root = path.join(baseDir, `warnings-${floodAnnotations}-v${GENERATOR_VERSION}-${seed}`);
  const manifestFile = path.join(root, 'corpus.json');
  if (existsSync(manifestFile)) return JSON.parse(readFileSync(manifestFile, 'utf8')) as WarningsCorpus;
  rmSync(root, { recursive: true, force: true });
  const typingRoot = path.join(root, 'typing');
  const floodRoot = path.join(root, 'flood');
  const random = prng(seed);
  const actors = makeActors();
  const article = articleText(random, actors, HOT.sentences, 9999);
  const write = (folder: string, relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    writeFileSync(path.join(folder, relative), text);
    return path.join(folder, relative);
  };
  for (const folder of [typingRoot, floodRoot]) {
    write(folder, 'codebook.yaml', codebookText(actors));
    write(folder, 'articles/report.txt', article);
  }
  const articlePath = '../articles/report.txt';
  const clean = write(typingRoot, 'annotations/clean.stance.yaml', annotationFileText(random, actors, article, articlePath, WARNINGS.annotations));
  const half = annotationEntries(random, actors, article, WARNINGS.annotations / 2);
  const copies = half.map((entry) => entry.replace(/^ {2}- id: a(\d+)/, (_, n: string) => `  - id: a${Number(n) + half.length}`));
  const repeated = write(typingRoot, 'annotations/repeated.stance.yaml', annotationFileFrom(articlePath, [...half, ...copies]));
  const neighbour = write(floodRoot, 'annotations/neighbour.stance.yaml', annotationFileText(random, actors, article, articlePath, HOT.extraAnnotations));
  // One annotation pasted over and over (a script gone wrong): ids stay unique, everything else repeats.
  const sentences = segmentSentences(article);
  const n = Math.min(10, sentences.length);
  const sentence = article.slice(sentences[n - 1].start, sentences[n - 1].end);
  const named = actors.find((actor) => [actor.name, ...actor.aliases].some((term) => sentence.includes(term))) ?? actors[0];
  const lines: string[] = [];
  for (let i = 1; i <= floodAnnotations; i++) lines.push(`  - id: p${i}\n    sentence: ${n}\n    actors: [${named.id}]\n    note: pasted`);
  const flood = write(floodRoot, 'annotations/flood.stance.yaml', annotationFileFrom(articlePath, lines));
  const corpus: WarningsCorpus = { typingRoot, clean, repeated, floodRoot, neighbour, flood, floodAnnotations };
  writeFileSync(manifestFile, JSON.stringify(corpus));
  return corpus;
}

/** The agreement benchmark (issue 14): every article coded independently by each coder. */
export interface AgreementCorpus {
  readonly root: string;
  readonly articles: number;
  readonly coders: readonly string[];
  /** Annotation files, article by article (one per coder). */
  readonly annotationFiles: readonly string[];
  /** The file the after-an-edit measurement types in (the first coder's file of the middle article). */
  readonly hotFile: string;
  readonly annotations: number;
  readonly bytes: number;
}

export const AGREEMENT = { articles: 1_000, coders: ['ana', 'ben', 'cleo'], sentences: 40, annotated: 12 };
const OTHER_STANCES = ['supports', 'opposes', 'neutral', 'mixed'];

/**
 * Writes (or reuses) `articles` articles of about `AGREEMENT.sentences` sentences, each coded by
 * every coder: a reading of the article (about 12 sentences with their actors and stances) that
 * each coder reproduces with the disagreements real coders have — a sentence skipped (8 %) or
 * added (4 % of the others), an actor left out (5 %) or added (4 %), a stance read the other way
 * (8 %) or not coded (5 %). Seeded: same seed, same bytes.
 */
export function generateAgreementCorpus(baseDir: string, articles: number = AGREEMENT.articles, seed = 2026): AgreementCorpus {
  const root = path.join(baseDir, `agreement-${articles}-v${GENERATOR_VERSION}-${seed}`);
  const manifestFile = path.join(root, 'corpus.json');
  if (existsSync(manifestFile)) return JSON.parse(readFileSync(manifestFile, 'utf8')) as AgreementCorpus;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'articles'), { recursive: true });
  mkdirSync(path.join(root, 'annotations'), { recursive: true });
  const random = prng(seed);
  const actors = makeActors();
  let bytes = 0;
  let annotations = 0;
  const write = (relative: string, text: string) => {
    writeFileSync(path.join(root, relative), text);
    bytes += Buffer.byteLength(text);
    return path.join(root, relative);
  };
  write('codebook.yaml', codebookText(actors));
  const annotationFiles: string[] = [];
  for (let i = 0; i < articles; i++) {
    const name = `article-${String(i + 1).padStart(4, '0')}`;
    const article = articleText(random, actors, AGREEMENT.sentences, i);
    write(`articles/${name}.txt`, article);
    const sentences = segmentSentences(article).map((s) => article.slice(s.start, s.end));
    const named = sentences.map((text) => actors.filter((actor) => [actor.name, ...actor.aliases].some((term) => text.includes(term))));
    // The reading every coder starts from: sentences after the headline and byline, their actors and stances.
    const reading = new Map<number, { actors: string[]; stances: [string, string, string][] }>();
    while (reading.size < Math.min(AGREEMENT.annotated, sentences.length - 2)) {
      const n = 3 + Math.floor(random() * (sentences.length - 2));
      if (n > sentences.length || reading.has(n)) continue;
      const candidates = named[n - 1].length ? named[n - 1] : [pick(random, actors)];
      const involved = candidates.slice(0, 1 + Math.floor(random() * Math.min(3, candidates.length))).map((a) => a.id);
      const stances: [string, string, string][] = [];
      for (const actor of involved) if (random() < 0.6) stances.push([actor, pick(random, TOPICS)[0], pick(random, OTHER_STANCES)]);
      reading.set(n, { actors: involved, stances });
    }
    for (const coder of AGREEMENT.coders) {
      const entries: string[] = [];
      for (let n = 1; n <= sentences.length; n++) {
        const base = reading.get(n);
        let coded: { actors: string[]; stances: [string, string, string][] } | undefined;
        if (base && random() >= 0.08) {
          const kept = base.actors.filter(() => random() >= 0.05);
          if (random() < 0.04) kept.push(pick(random, actors).id);
          const stances = base.stances
            .filter(() => random() >= 0.05)
            .map(([actor, topic, stance]): [string, string, string] => [
              actor,
              topic,
              random() < 0.08
                ? pick(
                    random,
                    OTHER_STANCES.filter((s) => s !== stance),
                  )
                : stance,
            ]);
          coded = { actors: [...new Set(kept)], stances };
        } else if (!base && n > 2 && random() < 0.04) {
          coded = { actors: [(named[n - 1][0] ?? pick(random, actors)).id], stances: [] };
        }
        if (!coded) continue;
        const lines = [`  - sentence: ${n}`];
        if (coded.actors.length) lines.push(`    actors: [${coded.actors.join(', ')}]`);
        if (coded.stances.length) lines.push('    stances:', ...coded.stances.map(([actor, topic, stance]) => `      - { actor: ${actor}, toward: ${topic}, stance: ${stance} }`));
        if (lines.length === 1) lines.push('    actors: []');
        entries.push(lines.join('\n'));
      }
      annotations += entries.length;
      annotationFiles.push(
        write(`annotations/${name}.${coder}.stance.yaml`, `# Generated: ${coder}'s coding\narticle: ../articles/${name}.txt\ncoder: ${coder}\nannotations:\n${entries.join('\n')}\n`),
      );
    }
  }
  const hotFile = annotationFiles[Math.floor(articles / 2) * AGREEMENT.coders.length];
  const corpus: AgreementCorpus = { root, articles, coders: AGREEMENT.coders, annotationFiles, hotFile, annotations, bytes };
  writeFileSync(manifestFile, JSON.stringify(corpus));
  return corpus;
}
