/**
 * Agreement between coders (analysis contract §4; docs/agreement.md): the
 * units of each level built from plain per-article input, Krippendorff's alpha
 * per article and pooled over the corpus, percent agreement and Cohen's kappa
 * per pair of coders, and every disagreement with the places that gave it.
 *
 * The work is split so an edit re-does one article: `compareArticle` gives an
 * article's contribution (coincidence matrices and contingency tables, which
 * are additive), `assembleReport` sums contributions into the report.
 * `computeAgreement` does both for a whole input.
 */
import type {
  AgreementAnnotationInput,
  AgreementArticle,
  AgreementArticleInput,
  AgreementConflict,
  AgreementDisagreement,
  AgreementLevel,
  AgreementMerged,
  AgreementPair,
  AgreementPlace,
  AgreementReport,
  AgreementSkipped,
  AgreementValue,
  AlphaFigure,
  PairFigure,
} from './types';
import {
  addCell,
  addInto,
  addPair,
  addUnit,
  alphaOf,
  cohensKappaOf,
  newMatrix,
  observedAgreementOf,
  pairableValues,
  percentAgreementOf,
  unitsOf,
  type CoincidenceMatrix,
  type ContingencyTable,
  type Metric,
} from './reliability';

export const AGREEMENT_LEVELS: readonly AgreementLevel[] = ['sentences', 'actors', 'stances', 'polarity'];

export const LEVEL_METRIC: Readonly<Record<AgreementLevel, Metric>> = {
  sentences: 'nominal',
  actors: 'nominal',
  stances: 'nominal',
  polarity: 'interval',
};

/**
 * The name the report gives the coder of files without `coder:` (format §3:
 * they belong to one unnamed coder). Coder ids are lower-case letters, digits
 * and `-`, so this cannot clash with a real one; `--coders` may name it.
 */
export { UNNAMED_CODER } from '../../../../protocol/agreement';
import { UNNAMED_CODER } from '../../../../protocol/agreement';

export function coderName(coder: string | undefined): string {
  return coder === undefined || coder === '' ? UNNAMED_CODER : coder;
}

export interface AgreementOptions {
  /** Compare only these coders (`--coders A,B`); all coders when absent. */
  readonly coders?: readonly string[];
}

/** Bad options (e.g. `--coders` naming a coder no file has): a usage error, not a report. */
export interface AgreementUsageError {
  readonly error: 'usage';
  readonly message: string;
  /** Coders named in `--coders` that no annotation file has. */
  readonly unknown?: readonly string[];
}

export function isUsageError(value: unknown): value is AgreementUsageError {
  return typeof value === 'object' && value !== null && (value as { error?: unknown }).error === 'usage';
}

/** One level of one article (or the corpus): its coincidence matrix and how many units were built. */
export interface LevelTally {
  readonly matrix: CoincidenceMatrix;
  /** Units built at the level (pairable or not). */
  units: number;
}

/** Two coders over one article: a contingency table per level (rows: the first coder). */
export interface PairTally {
  readonly coders: readonly [string, string];
  readonly tables: Readonly<Record<AgreementLevel, ContingencyTable>>;
}

/** One article's contribution to the report. Plain data (Maps, arrays), so it can be cached per article. */
export interface ArticleComparison {
  readonly article: string;
  /** The compared coders who annotated it, sorted. */
  readonly coders: readonly string[];
  /** Their files, sorted. */
  readonly files: readonly string[];
  /** True when fewer than two compared coders annotated it (or it cannot be compared: `skipReason`): it adds nothing but its entry in `skipped`. */
  readonly skipped: boolean;
  /** Why it was skipped, when it is not that fewer than two coders annotated it. */
  readonly skipReason?: string;
  readonly merged: readonly AgreementMerged[];
  readonly conflicts: readonly AgreementConflict[];
  readonly outOfRange: number;
  readonly levels: Readonly<Record<AgreementLevel, LevelTally>>;
  readonly pairs: readonly PairTally[];
  readonly disagreements: readonly AgreementDisagreement[];
}

/** Every coder name in the input (the unnamed coder as UNNAMED_CODER), sorted. */
export function codersOf(articles: readonly AgreementArticleInput[]): string[] {
  const names = new Set<string>();
  for (const article of articles) for (const file of article.files) names.add(coderName(file.coder));
  return [...names].sort(compareText);
}

/**
 * Checks `--coders`: names are trimmed, empty names dropped, duplicates kept once.
 * Fewer than two names, or a name no file has, is a usage error.
 */
export function checkCoders(requested: readonly string[], known: readonly string[]): readonly string[] | AgreementUsageError {
  const names: string[] = [];
  for (const raw of requested) {
    const name = raw.trim();
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  const knownSet = new Set(known);
  const unknown = names.filter((name) => !knownSet.has(name));
  if (unknown.length > 0) {
    const list = known.length > 0 ? known.join(', ') : 'none';
    return {
      error: 'usage',
      message: `--coders: no annotation file has coder ${unknown.map((name) => `'${name}'`).join(', ')} (coders found: ${list})`,
      unknown,
    };
  }
  if (names.length < 2) return { error: 'usage', message: '--coders: name at least two coders to compare' };
  return names;
}

/** Agreement over a set of articles: the report, or a usage error for bad options. */
export function computeAgreement(articles: readonly AgreementArticleInput[], options: AgreementOptions = {}): AgreementReport | AgreementUsageError {
  let compared: readonly string[] | undefined;
  if (options.coders !== undefined) {
    const checked = checkCoders(options.coders, codersOf(articles));
    if (isUsageError(checked)) return checked;
    compared = checked;
  }
  const only = compared === undefined ? undefined : new Set(compared);
  return assembleReport(
    articles.map((article) => compareArticle(article, only)),
    compared,
  );
}

// ---------------------------------------------------------------------------
// One article
//
// Sized for 1,000 articles × 3 coders: the presence levels (sentences, actors)
// never build their all-0 units and need only, per unit, how many coders
// marked it (k of m): such a unit adds k(k−1) to o11, k(m−k) to o10 and to o01
// and (m−k)(m−k−1) to o00, all over m−1. Pairs need only the sizes of two
// coders' sets and of their intersection. Units are numbers (interned ids),
// and which coder gave what, and where, is looked up again only for the units
// that are disagreements.

interface StanceEntry {
  readonly stance: string;
  readonly polarity: number;
  readonly file: string;
  readonly line: number;
}

interface StanceUnit {
  readonly sentence: number;
  readonly actor: string;
  readonly target: string;
}

/** What one coder (all of their files of the article together) said. */
interface CoderWork {
  readonly name: string;
  /** The coder's annotations whose sentence is in the article, and the file of each. */
  readonly annotations: AgreementAnnotationInput[];
  readonly annotationFiles: string[];
  /** The place of each annotation, made when first needed and then shared by the disagreements that cite it. */
  readonly annotationPlaces: (AgreementPlace | undefined)[];
  /** sentence → indexes into `annotations` */
  readonly bySentence: Map<number, number[]>;
  /** involvement units: actor index × (sentences + 1) + sentence */
  readonly involved: Set<number>;
  /** actor indexes the coder involved somewhere in the article */
  readonly actors: Set<number>;
  /** stance unit key → entries */
  readonly stances: Map<number, StanceEntry[]>;
}

/** A coder's value for a stance unit: its (first) entry, missing, or two different stances (a self-conflict). */
type StanceValue = StanceEntry | 'missing' | 'conflict';

/** Interned ids of actors and targets are below this, so (actor, target) pairs are exact numbers. */
const ID_SPACE = 2 ** 21;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function emptyTables(): Record<AgreementLevel, ContingencyTable> {
  return { sentences: new Map(), actors: new Map(), stances: new Map(), polarity: new Map() };
}

function emptyLevels(): Record<AgreementLevel, LevelTally> {
  return {
    sentences: { matrix: newMatrix(), units: 0 },
    actors: { matrix: newMatrix(), units: 0 },
    stances: { matrix: newMatrix(), units: 0 },
    polarity: { matrix: newMatrix(), units: 0 },
  };
}

function stanceValueOf(work: CoderWork, key: number): StanceValue {
  const entries = work.stances.get(key);
  if (entries === undefined) return 'missing';
  const first = entries[0];
  for (let i = 1; i < entries.length; i++) if (entries[i].stance !== first.stance) return 'conflict';
  return first;
}

function involves(annotation: AgreementAnnotationInput, actor: string): boolean {
  if (annotation.actors.includes(actor)) return true;
  for (const stance of annotation.stances) if (stance.actor === actor) return true;
  return false;
}

/** Presence counts: per unit, how many coders marked it. */
function countMarks(sets: readonly ReadonlySet<number>[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const set of sets) for (const key of set) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Adds presence units (values 1/0, none missing) to a coincidence matrix: `counts` for the marked units, plus `unmarked` all-0 units. */
function addPresenceUnits(matrix: CoincidenceMatrix, counts: ReadonlyMap<number, number>, m: number, unmarked: number): void {
  let ones = 0;
  let mixed = 0;
  let zeros = m * (m - 1) * unmarked;
  for (const k of counts.values()) {
    ones += k * (k - 1);
    mixed += k * (m - k);
    zeros += (m - k) * (m - k - 1);
  }
  // Integer numerators, one division each.
  addCell(matrix, 1, 1, ones / (m - 1));
  addCell(matrix, 1, 0, mixed / (m - 1));
  addCell(matrix, 0, 1, mixed / (m - 1));
  addCell(matrix, 0, 0, zeros / (m - 1));
}

/** Two coders' presence sets as a 2×2 table over `units` units. */
function addPresencePair(table: ContingencyTable, a: ReadonlySet<number>, b: ReadonlySet<number>, units: number): void {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let both = 0;
  for (const key of small) if (large.has(key)) both++;
  addPair(table, 1, 1, both);
  addPair(table, 1, 0, a.size - both);
  addPair(table, 0, 1, b.size - both);
  addPair(table, 0, 0, units - a.size - b.size + both);
}

function compareUnits(a: AgreementDisagreement, b: AgreementDisagreement): number {
  return a.sentence - b.sentence || AGREEMENT_LEVELS.indexOf(a.level) - AGREEMENT_LEVELS.indexOf(b.level) || compareText(a.actor ?? '', b.actor ?? '') || compareText(a.target ?? '', b.target ?? '');
}

function valuesRecord<V>(coders: readonly string[], values: readonly V[]): Record<string, V> {
  const record: Record<string, V> = {};
  for (let i = 0; i < coders.length; i++) {
    // `record.__proto__ = v` would set the prototype; define it as a plain own key instead.
    if (coders[i] === '__proto__') Object.defineProperty(record, coders[i], { value: values[i], enumerable: true, writable: true, configurable: true });
    else record[coders[i]] = values[i];
  }
  return record;
}

/** The coders' work on one article, read from its files; units as interned numbers. */
interface ArticleWork {
  readonly sentenceCount: number;
  /** sentences + 1: involvement unit = actor index × stride + sentence; stance unit = (actor, target) index × stride + sentence */
  readonly stride: number;
  /** Interned actor and target ids (they share one id space: format §2). */
  readonly idNames: string[];
  /** Actor indexes some compared coder involved. */
  readonly actorsInvolved: Set<number>;
  readonly stanceUnits: Map<number, StanceUnit>;
  /** By coder name. */
  readonly works: Map<string, CoderWork>;
  readonly filesByCoder: Map<string, string[]>;
  readonly outOfRange: number;
}

function readArticle(input: AgreementArticleInput, only: ReadonlySet<string> | undefined): ArticleWork {
  const sentenceCount = Number.isInteger(input.sentences) && input.sentences > 0 ? input.sentences : 0;
  const stride = sentenceCount + 1;
  const idIndex = new Map<string, number>();
  const idNames: string[] = [];
  const indexOf = (id: string): number => {
    let index = idIndex.get(id);
    if (index === undefined) {
      index = idNames.length;
      idIndex.set(id, index);
      idNames.push(id);
    }
    return index;
  };
  const actorsInvolved = new Set<number>();
  const pairIndex = new Map<number, number>();
  const stanceUnits = new Map<number, StanceUnit>();
  const works = new Map<string, CoderWork>();
  const filesByCoder = new Map<string, string[]>();
  let outOfRange = 0;
  for (const file of input.files) {
    const name = coderName(file.coder);
    if (only !== undefined && !only.has(name)) continue;
    let work = works.get(name);
    if (work === undefined) {
      work = { name, annotations: [], annotationFiles: [], annotationPlaces: [], bySentence: new Map(), involved: new Set(), actors: new Set(), stances: new Map() };
      works.set(name, work);
      filesByCoder.set(name, []);
    }
    filesByCoder.get(name)!.push(file.file);
    const annotations = file.annotations;
    for (let a = 0; a < annotations.length; a++) {
      const annotation = annotations[a];
      const sentence = annotation.sentence;
      if (!Number.isInteger(sentence) || sentence < 1 || sentence > sentenceCount) {
        outOfRange++;
        continue;
      }
      const at = work.annotations.length;
      work.annotations.push(annotation);
      work.annotationFiles.push(file.file);
      const onSentence = work.bySentence.get(sentence);
      if (onSentence === undefined) work.bySentence.set(sentence, [at]);
      else onSentence.push(at);
      const actors = annotation.actors;
      for (let i = 0; i < actors.length; i++) {
        const index = indexOf(actors[i]);
        actorsInvolved.add(index);
        work.actors.add(index);
        work.involved.add(index * stride + sentence);
      }
      // An actor named in `stances` is involved even if `actors` omits it (format §3).
      const stances = annotation.stances;
      for (let i = 0; i < stances.length; i++) {
        const stance = stances[i];
        const actor = indexOf(stance.actor);
        actorsInvolved.add(actor);
        work.actors.add(actor);
        work.involved.add(actor * stride + sentence);
        const pairKey = actor * ID_SPACE + indexOf(stance.toward);
        let pair = pairIndex.get(pairKey);
        if (pair === undefined) {
          pair = pairIndex.size;
          pairIndex.set(pairKey, pair);
        }
        const key = pair * stride + sentence;
        if (!stanceUnits.has(key)) stanceUnits.set(key, { sentence, actor: stance.actor, target: stance.toward });
        const entry: StanceEntry = { stance: stance.stance, polarity: stance.polarity, file: file.file, line: stance.line };
        const entries = work.stances.get(key);
        if (entries === undefined) work.stances.set(key, [entry]);
        else entries.push(entry);
      }
    }
  }
  return { sentenceCount, stride, idNames, actorsInvolved, stanceUnits, works, filesByCoder, outOfRange };
}

function conflictsOf(article: string, ordered: readonly CoderWork[], stanceUnits: ReadonlyMap<number, StanceUnit>): AgreementConflict[] {
  const conflicts: AgreementConflict[] = [];
  for (const work of ordered) {
    for (const [key, entries] of work.stances) {
      if (stanceValueOf(work, key) !== 'conflict') continue;
      const unit = stanceUnits.get(key)!;
      conflicts.push({
        article,
        coder: work.name,
        sentence: unit.sentence,
        actor: unit.actor,
        target: unit.target,
        stances: [...new Set(entries.map((entry) => entry.stance))].sort(compareText),
        places: entries.map((entry) => ({ file: entry.file, line: entry.line, coder: work.name })),
      });
    }
  }
  return conflicts.sort((a, b) => a.sentence - b.sentence || compareText(a.actor, b.actor) || compareText(a.target, b.target) || compareText(a.coder, b.coder));
}

/** The places of the annotations of these coders on a sentence (that involve `actor`, if given). */
function annotationPlaces(ordered: readonly CoderWork[], sentence: number, actor: string | undefined): AgreementPlace[] {
  const places: AgreementPlace[] = [];
  for (let c = 0; c < ordered.length; c++) {
    const work = ordered[c];
    const indexes = work.bySentence.get(sentence);
    if (indexes === undefined) continue;
    for (let i = 0; i < indexes.length; i++) {
      const annotation = work.annotations[indexes[i]];
      if (actor !== undefined && !involves(annotation, actor)) continue;
      let place = work.annotationPlaces[indexes[i]];
      if (place === undefined) {
        place = { file: work.annotationFiles[indexes[i]], line: annotation.line, coder: work.name };
        work.annotationPlaces[indexes[i]] = place;
      }
      places.push(place);
    }
  }
  return places;
}

/**
 * The values record of a presence unit (1/0 per coder), shared by every unit
 * with the same pattern: an article has few patterns and may have many such units.
 */
function presenceValues(cache: Map<string, Record<string, AgreementValue>>, coders: readonly string[], sets: readonly ReadonlySet<number>[], key: number): Record<string, AgreementValue> {
  let pattern = '';
  for (let i = 0; i < sets.length; i++) pattern += sets[i].has(key) ? '1' : '0';
  let record = cache.get(pattern);
  if (record === undefined) {
    record = valuesRecord<AgreementValue>(
      coders,
      sets.map((set) => (set.has(key) ? 1 : 0)),
    );
    cache.set(pattern, record);
  }
  return record;
}

/** sentences: every sentence; 1 if the coder annotated it. */
function sentenceLevel(
  article: string,
  coders: readonly string[],
  sets: readonly Set<number>[],
  ordered: readonly CoderWork[],
  sentenceCount: number,
  tally: LevelTally,
  disagreements: AgreementDisagreement[],
): void {
  const m = coders.length;
  const counts = countMarks(sets);
  const patterns = new Map<string, Record<string, AgreementValue>>();
  addPresenceUnits(tally.matrix, counts, m, sentenceCount - counts.size);
  tally.units = sentenceCount;
  for (const [sentence, k] of counts) {
    if (k === m) continue;
    disagreements.push({
      article,
      level: 'sentences',
      sentence,
      values: presenceValues(patterns, coders, sets, sentence),
      places: annotationPlaces(ordered, sentence, undefined),
    });
  }
}

/** actors: every sentence × every actor some compared coder involved in the article. */
function actorLevel(article: string, coders: readonly string[], ordered: readonly CoderWork[], read: ArticleWork, tally: LevelTally, disagreements: AgreementDisagreement[]): void {
  const m = coders.length;
  const sets = ordered.map((work) => work.involved);
  const counts = countMarks(sets);
  const patterns = new Map<string, Record<string, AgreementValue>>();
  const units = read.sentenceCount * read.actorsInvolved.size;
  addPresenceUnits(tally.matrix, counts, m, units - counts.size);
  tally.units = units;
  for (const [key, k] of counts) {
    if (k === m) continue;
    const sentence = key % read.stride;
    const actor = read.idNames[(key - sentence) / read.stride];
    disagreements.push({
      article,
      level: 'actors',
      sentence,
      actor,
      values: presenceValues(patterns, coders, sets, key),
      places: annotationPlaces(
        ordered.filter((work) => work.involved.has(key)),
        sentence,
        actor,
      ),
    });
  }
}

/** stances and polarity: every (sentence, actor, target) some coder stated. Returns each unit's values by coder, for the pairs. */
function stanceLevels(
  article: string,
  coders: readonly string[],
  ordered: readonly CoderWork[],
  stanceUnits: ReadonlyMap<number, StanceUnit>,
  levels: Record<AgreementLevel, LevelTally>,
  disagreements: AgreementDisagreement[],
): StanceValue[][] {
  const m = coders.length;
  const all: StanceValue[][] = [];
  const stances: (string | undefined)[] = new Array<string | undefined>(m);
  const polarities: (number | undefined)[] = new Array<number | undefined>(m);
  for (const [key, unit] of stanceUnits) {
    const values: StanceValue[] = new Array<StanceValue>(m);
    let given = 0;
    let first: StanceEntry | undefined;
    let level: AgreementLevel | undefined;
    for (let i = 0; i < m; i++) {
      const value = stanceValueOf(ordered[i], key);
      values[i] = value;
      if (typeof value !== 'object') {
        stances[i] = undefined;
        polarities[i] = undefined;
        continue;
      }
      stances[i] = value.stance;
      polarities[i] = value.polarity;
      given++;
      if (first === undefined) first = value;
      else if (value.stance !== first.stance) level = 'stances';
      else if (value.polarity !== first.polarity && level === undefined) level = 'polarity';
    }
    all.push(values);
    addUnit(levels.stances.matrix, stances);
    addUnit(levels.polarity.matrix, polarities);
    if (given < 2 || level === undefined) continue;
    const places: AgreementPlace[] = [];
    for (let i = 0; i < m; i++) {
      if (typeof values[i] !== 'object') continue;
      for (const entry of ordered[i].stances.get(key)!) places.push({ file: entry.file, line: entry.line, coder: coders[i] });
    }
    disagreements.push({
      article,
      level,
      sentence: unit.sentence,
      actor: unit.actor,
      target: unit.target,
      values: valuesRecord(
        coders,
        stances.map((value) => value ?? null),
      ),
      polarities: valuesRecord(
        coders,
        polarities.map((value) => value ?? null),
      ),
      places,
    });
  }
  levels.stances.units = stanceUnits.size;
  levels.polarity.units = stanceUnits.size;
  return all;
}

/** Pairs: what `--coders A,B` would compare, restricted to units both coded. */
function pairTallies(ordered: readonly CoderWork[], sentenceSets: readonly Set<number>[], sentenceCount: number, stanceValues: readonly StanceValue[][]): PairTally[] {
  const pairs: PairTally[] = [];
  for (let i = 0; i < ordered.length; i++) {
    for (let j = i + 1; j < ordered.length; j++) {
      const a = ordered[i];
      const b = ordered[j];
      const tables = emptyTables();
      addPresencePair(tables.sentences, sentenceSets[i], sentenceSets[j], sentenceCount);
      let sharedActors = 0;
      for (const actor of a.actors) if (b.actors.has(actor)) sharedActors++;
      addPresencePair(tables.actors, a.involved, b.involved, sentenceCount * (a.actors.size + b.actors.size - sharedActors));
      for (let u = 0; u < stanceValues.length; u++) {
        const va = stanceValues[u][i];
        const vb = stanceValues[u][j];
        if (typeof va !== 'object' || typeof vb !== 'object') continue;
        addPair(tables.stances, va.stance, vb.stance);
        addPair(tables.polarity, va.polarity, vb.polarity);
      }
      pairs.push({ coders: [a.name, b.name], tables });
    }
  }
  return pairs;
}

/**
 * One article's contribution. `only`: the compared coders (all when absent);
 * files of other coders are ignored.
 */
export function compareArticle(input: AgreementArticleInput, only?: ReadonlySet<string>): ArticleComparison {
  const read = readArticle(input, only);
  const coders = [...read.works.keys()].sort(compareText);
  const ordered = coders.map((coder) => read.works.get(coder)!);
  const files = [...read.filesByCoder.values()].flat().sort(compareText);
  const merged: AgreementMerged[] = [];
  for (const coder of coders) {
    const own = read.filesByCoder.get(coder)!;
    if (own.length > 1) merged.push({ article: input.article, coder, files: [...own].sort(compareText) });
  }
  const conflicts = conflictsOf(input.article, ordered, read.stanceUnits);
  const base = { article: input.article, coders, files, merged, conflicts, outOfRange: read.outOfRange };
  if (coders.length < 2) return { ...base, skipped: true, levels: emptyLevels(), pairs: [], disagreements: [] };

  const levels = emptyLevels();
  const disagreements: AgreementDisagreement[] = [];
  const sentenceSets = ordered.map((work) => new Set(work.bySentence.keys()));
  sentenceLevel(input.article, coders, sentenceSets, ordered, read.sentenceCount, levels.sentences, disagreements);
  actorLevel(input.article, coders, ordered, read, levels.actors, disagreements);
  const stanceValues = stanceLevels(input.article, coders, ordered, read.stanceUnits, levels, disagreements);
  disagreements.sort(compareUnits);
  const pairs = pairTallies(ordered, sentenceSets, read.sentenceCount, stanceValues);
  return { ...base, skipped: false, levels, pairs, disagreements };
}

/**
 * An article whose files cannot be compared (say, they number its sentences
 * differently): skipped with a reason, whatever its coders; what is merged
 * is still said.
 */
export function uncomparableArticle(input: AgreementArticleInput, reason: string, only?: ReadonlySet<string>): ArticleComparison {
  const coders = new Set<string>();
  const byCoder = new Map<string, string[]>();
  for (const file of input.files) {
    const name = coderName(file.coder);
    if (only !== undefined && !only.has(name)) continue;
    coders.add(name);
    byCoder.set(name, [...(byCoder.get(name) ?? []), file.file]);
  }
  const merged = [...byCoder].filter(([, files]) => files.length > 1).map(([coder, files]) => ({ article: input.article, coder, files: files.sort(compareText) }));
  return {
    article: input.article,
    coders: [...coders].sort(compareText),
    files: [...byCoder.values()].flat().sort(compareText),
    skipped: true,
    skipReason: reason,
    merged: merged.sort((a, b) => compareText(a.coder, b.coder)),
    conflicts: [],
    outOfRange: 0,
    levels: emptyLevels(),
    pairs: [],
    disagreements: [],
  };
}

// ---------------------------------------------------------------------------
// The report

function alphaFigure(tally: LevelTally, metric: Metric): AlphaFigure {
  const alpha = alphaOf(tally.matrix, metric);
  const figure = {
    alpha: alpha.value,
    units: tally.units,
    pairable: Math.round(pairableValues(tally.matrix)),
    agreement: observedAgreementOf(tally.matrix),
  };
  return alpha.reason === undefined ? figure : { ...figure, reason: alpha.reason };
}

function pairFigure(table: ContingencyTable, metric: Metric): PairFigure {
  const kappa = cohensKappaOf(table, metric);
  const figure = { agreement: percentAgreementOf(table), kappa: kappa.value, units: unitsOf(table) };
  return kappa.reason === undefined ? figure : { ...figure, reason: kappa.reason };
}

/**
 * Sums article contributions into the report. `coders`: the checked `--coders`
 * list (the report lists them in that order); otherwise the report lists the
 * coders of the compared articles, sorted.
 */
export function assembleReport(comparisons: readonly ArticleComparison[], coders?: readonly string[]): AgreementReport {
  const corpus = emptyLevels();
  const pairTables = new Map<string, { coders: readonly [string, string]; articles: number; tables: Record<AgreementLevel, ContingencyTable> }>();
  const articles: AgreementArticle[] = [];
  const skipped: AgreementSkipped[] = [];
  const merged: AgreementMerged[] = [];
  const conflicts: AgreementConflict[] = [];
  const disagreements: AgreementDisagreement[] = [];
  const seenCoders = new Set<string>();
  let outOfRange = 0;
  const sorted = [...comparisons].sort((a, b) => compareText(a.article, b.article));
  for (const comparison of sorted) {
    outOfRange += comparison.outOfRange;
    merged.push(...comparison.merged);
    conflicts.push(...comparison.conflicts);
    if (comparison.skipped) {
      skipped.push(
        comparison.skipReason === undefined ? { article: comparison.article, coders: comparison.coders } : { article: comparison.article, coders: comparison.coders, reason: comparison.skipReason },
      );
      continue;
    }
    for (const coder of comparison.coders) seenCoders.add(coder);
    const figures = {} as Record<AgreementLevel, AlphaFigure>;
    for (const level of AGREEMENT_LEVELS) {
      const tally = comparison.levels[level];
      addInto(corpus[level].matrix, tally.matrix);
      corpus[level].units += tally.units;
      figures[level] = alphaFigure(tally, LEVEL_METRIC[level]);
    }
    articles.push({ article: comparison.article, coders: comparison.coders, files: comparison.files, ...figures });
    for (const pair of comparison.pairs) {
      const key = `${pair.coders[0]}\u0000${pair.coders[1]}`;
      let total = pairTables.get(key);
      if (total === undefined) {
        total = { coders: pair.coders, articles: 0, tables: emptyTables() };
        pairTables.set(key, total);
      }
      total.articles++;
      for (const level of AGREEMENT_LEVELS) addInto(total.tables[level], pair.tables[level]);
    }
    disagreements.push(...comparison.disagreements);
  }
  // Each article's disagreements are sorted and the articles are taken in path order.

  const listed = coders !== undefined ? [...coders] : [...seenCoders].sort(compareText);
  const rank = new Map(listed.map((coder, i) => [coder, i]));
  const pairs: AgreementPair[] = [...pairTables.values()]
    .map((pair) => {
      // Pairs follow the report's coder order.
      const [a, b] = pair.coders;
      const swap = (rank.get(a) ?? 0) > (rank.get(b) ?? 0);
      const figures = {} as Record<AgreementLevel, PairFigure>;
      for (const level of AGREEMENT_LEVELS) figures[level] = pairFigure(swap ? transpose(pair.tables[level]) : pair.tables[level], LEVEL_METRIC[level]);
      return { coders: (swap ? [b, a] : [a, b]) as [string, string], articles: pair.articles, ...figures };
    })
    .sort((x, y) => (rank.get(x.coders[0]) ?? 0) - (rank.get(y.coders[0]) ?? 0) || (rank.get(x.coders[1]) ?? 0) - (rank.get(y.coders[1]) ?? 0));

  const corpusFigures = {} as Record<AgreementLevel, AlphaFigure>;
  for (const level of AGREEMENT_LEVELS) corpusFigures[level] = alphaFigure(corpus[level], LEVEL_METRIC[level]);

  return { coders: listed, corpus: corpusFigures, articles, pairs, disagreements, conflicts, skipped, merged, outOfRange };
}

function transpose(table: ContingencyTable): ContingencyTable {
  const result: ContingencyTable = new Map();
  for (const [row, cells] of table) for (const [column, amount] of cells) addPair(result, column, row, amount);
  return result;
}

// ---------------------------------------------------------------------------
// The CI gate

export interface AlphaGateResult {
  readonly passed: boolean;
  readonly minAlpha: number;
  /** Corpus levels whose alpha is below the minimum. */
  readonly below: readonly { readonly level: AgreementLevel; readonly alpha: number }[];
  /** Corpus levels whose alpha is undefined: they neither pass nor fail the gate on their own. */
  readonly unmeasured: readonly { readonly level: AgreementLevel; readonly reason: string }[];
  /** Why the gate failed, in words (absent when it passed). */
  readonly message?: string;
}

/** Parses the value of `--min-alpha`: a number from −1 to 1. */
export function parseMinAlpha(text: string): number | AgreementUsageError {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value) || value < -1 || value > 1) {
    return { error: 'usage', message: `--min-alpha: expected a number from -1 to 1, got '${text}'` };
  }
  return value;
}

/**
 * `--min-alpha X`: fails if a corpus alpha is below X. A level whose alpha is
 * null (undefined: too few values, or no variation) does not fail the gate,
 * but is listed; if no level has an alpha at all, nothing was measured and the
 * gate fails, so a CI job cannot pass on a corpus with nothing to compare.
 */
export function checkMinAlpha(report: AgreementReport, minAlpha: number): AlphaGateResult {
  const below: { level: AgreementLevel; alpha: number }[] = [];
  const unmeasured: { level: AgreementLevel; reason: string }[] = [];
  for (const level of AGREEMENT_LEVELS) {
    const figure = report.corpus[level];
    if (figure.alpha === null) unmeasured.push({ level, reason: figure.reason ?? 'undefined' });
    else if (figure.alpha < minAlpha) below.push({ level, alpha: figure.alpha });
  }
  if (below.length > 0) {
    const list = below.map(({ level, alpha }) => `${level} ${formatBelow(alpha, minAlpha)}`).join(', ');
    return { passed: false, minAlpha, below, unmeasured, message: `alpha below ${minAlpha}: ${list}` };
  }
  if (unmeasured.length === AGREEMENT_LEVELS.length) {
    return { passed: false, minAlpha, below, unmeasured, message: `no alpha could be computed, so --min-alpha ${minAlpha} cannot be met` };
  }
  return { passed: true, minAlpha, below, unmeasured };
}

/** Enough decimals to show that a value is below the minimum (0.7996 is not "0.800"). */
export function formatBelow(alpha: number, minAlpha: number): string {
  for (let digits = 3; digits < 12; digits++) {
    const text = alpha.toFixed(digits);
    if (Number(text) < minAlpha) return text;
  }
  return String(alpha);
}
