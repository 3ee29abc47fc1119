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
  addAgreeingUnits,
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
  type CodedValue,
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
export const UNNAMED_CODER = '(unnamed)';

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

interface LevelTally {
  readonly matrix: CoincidenceMatrix;
  /** Units built at the level (pairable or not). */
  units: number;
}

interface PairTally {
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
  /** True when fewer than two compared coders annotated it: it adds nothing but its entry in `skipped`. */
  readonly skipped: boolean;
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
  return assembleReport(articles.map((article) => compareArticle(article, only)), compared);
}

// ---------------------------------------------------------------------------
// One article

interface StanceEntry {
  readonly stance: string;
  readonly polarity: number;
  readonly place: AgreementPlace;
}

interface StanceUnit {
  readonly sentence: number;
  readonly actor: string;
  readonly target: string;
}

/** What one coder (all of their files of the article together) said. */
interface CoderWork {
  readonly name: string;
  /** sentence → places of the annotations on it */
  readonly sentences: Map<number, AgreementPlace[]>;
  /** sentence → actor → places of the annotations involving it there */
  readonly involvements: Map<number, Map<string, AgreementPlace[]>>;
  /** stance unit key → entries */
  readonly stances: Map<string, StanceEntry[]>;
}

/** A coder's value for a stance unit: the stance and its polarity, missing, or two different stances (a self-conflict). */
type StanceValue = { readonly stance: string; readonly polarity: number } | 'missing' | 'conflict';

function unitKey(sentence: number, actor: string, target: string): string {
  return `${sentence}\u0000${actor}\u0000${target}`;
}

function involvementKey(sentence: number, actor: string): string {
  return `${sentence}\u0000${actor}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pushPlace<K>(map: Map<K, AgreementPlace[]>, key: K, place: AgreementPlace): void {
  const places = map.get(key);
  if (places === undefined) map.set(key, [place]);
  else places.push(place);
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

function stanceValueOf(work: CoderWork, key: string): StanceValue {
  const entries = work.stances.get(key);
  if (entries === undefined) return 'missing';
  const first = entries[0];
  for (const entry of entries) if (entry.stance !== first.stance) return 'conflict';
  return { stance: first.stance, polarity: first.polarity };
}

/**
 * One article's contribution. `only`: the compared coders (all when absent);
 * files of other coders are ignored.
 */
export function compareArticle(input: AgreementArticleInput, only?: ReadonlySet<string>): ArticleComparison {
  const sentenceCount = Number.isInteger(input.sentences) && input.sentences > 0 ? input.sentences : 0;
  const works = new Map<string, CoderWork>();
  const filesByCoder = new Map<string, string[]>();
  let outOfRange = 0;
  for (const file of input.files) {
    const name = coderName(file.coder);
    if (only !== undefined && !only.has(name)) continue;
    let work = works.get(name);
    if (work === undefined) {
      work = { name, sentences: new Map(), involvements: new Map(), stances: new Map() };
      works.set(name, work);
      filesByCoder.set(name, []);
    }
    filesByCoder.get(name)!.push(file.file);
    for (const annotation of file.annotations) {
      const sentence = annotation.sentence;
      if (!Number.isInteger(sentence) || sentence < 1 || sentence > sentenceCount) {
        outOfRange++;
        continue;
      }
      const place: AgreementPlace = { file: file.file, line: annotation.line, coder: name };
      pushPlace(work.sentences, sentence, place);
      let involved = work.involvements.get(sentence);
      if (involved === undefined) {
        involved = new Map();
        work.involvements.set(sentence, involved);
      }
      // An actor named in `stances` is involved even if `actors` omits it (format §3); one place per annotation.
      const actors = new Set<string>(annotation.actors);
      for (const stance of annotation.stances) actors.add(stance.actor);
      for (const actor of actors) pushPlace(involved, actor, place);
      for (const stance of annotation.stances) {
        const key = unitKey(sentence, stance.actor, stance.toward);
        const entries = work.stances.get(key);
        const entry: StanceEntry = { stance: stance.stance, polarity: stance.polarity, place: { file: file.file, line: stance.line, coder: name } };
        if (entries === undefined) work.stances.set(key, [entry]);
        else entries.push(entry);
      }
    }
  }

  const coders = [...works.keys()].sort(compareText);
  const files = [...filesByCoder.values()].flat().sort(compareText);
  const merged: AgreementMerged[] = [];
  for (const coder of coders) {
    const own = filesByCoder.get(coder)!;
    if (own.length > 1) merged.push({ article: input.article, coder, files: [...own].sort(compareText) });
  }
  const ordered = coders.map((coder) => works.get(coder)!);

  const conflicts: AgreementConflict[] = [];
  const stanceUnits = new Map<string, StanceUnit>();
  for (const work of ordered) {
    for (const [key, entries] of work.stances) {
      if (!stanceUnits.has(key)) {
        const [sentence, actor, target] = key.split('\u0000');
        stanceUnits.set(key, { sentence: Number(sentence), actor, target });
      }
      if (stanceValueOf(work, key) === 'conflict') {
        const unit = stanceUnits.get(key)!;
        conflicts.push({
          article: input.article,
          coder: work.name,
          sentence: unit.sentence,
          actor: unit.actor,
          target: unit.target,
          stances: [...new Set(entries.map((entry) => entry.stance))].sort(compareText),
          places: entries.map((entry) => entry.place),
        });
      }
    }
  }
  conflicts.sort((a, b) => a.sentence - b.sentence || compareText(a.actor, b.actor) || compareText(a.target, b.target) || compareText(a.coder, b.coder));

  const base = { article: input.article, coders, files, merged, conflicts, outOfRange };
  if (coders.length < 2) return { ...base, skipped: true, levels: emptyLevels(), pairs: [], disagreements: [] };

  const levels = emptyLevels();
  const disagreements: AgreementDisagreement[] = [];
  const m = coders.length;

  // sentences: every sentence; 1 if the coder annotated it. Sentences nobody annotated are all-0 units, added in bulk.
  const annotated = new Set<number>();
  for (const work of ordered) for (const sentence of work.sentences.keys()) annotated.add(sentence);
  for (const sentence of [...annotated].sort((a, b) => a - b)) {
    const values = ordered.map((work) => (work.sentences.has(sentence) ? 1 : 0));
    addUnit(levels.sentences.matrix, values);
    if (values.some((value) => value !== values[0])) {
      disagreements.push({
        article: input.article,
        level: 'sentences',
        sentence,
        values: valuesRecord(coders, values),
        places: ordered.flatMap((work) => work.sentences.get(sentence) ?? []),
      });
    }
  }
  addAgreeingUnits(levels.sentences.matrix, 0, m, sentenceCount - annotated.size);
  levels.sentences.units = sentenceCount;

  // actors: every sentence × every actor some compared coder involved in the article.
  const actorSet = new Set<string>();
  const marked = new Map<string, { sentence: number; actor: string }>();
  for (const work of ordered) {
    for (const [sentence, involved] of work.involvements) {
      for (const actor of involved.keys()) {
        actorSet.add(actor);
        const key = involvementKey(sentence, actor);
        if (!marked.has(key)) marked.set(key, { sentence, actor });
      }
    }
  }
  const markedUnits = [...marked.values()].sort((a, b) => a.sentence - b.sentence || compareText(a.actor, b.actor));
  for (const { sentence, actor } of markedUnits) {
    const values = ordered.map((work) => (work.involvements.get(sentence)?.has(actor) ? 1 : 0));
    addUnit(levels.actors.matrix, values);
    if (values.some((value) => value !== values[0])) {
      disagreements.push({
        article: input.article,
        level: 'actors',
        sentence,
        actor,
        values: valuesRecord(coders, values),
        places: ordered.flatMap((work) => work.involvements.get(sentence)?.get(actor) ?? []),
      });
    }
  }
  const actorUnits = sentenceCount * actorSet.size;
  addAgreeingUnits(levels.actors.matrix, 0, m, actorUnits - markedUnits.length);
  levels.actors.units = actorUnits;

  // stances and polarity: every (sentence, actor, target) some coder stated.
  const units = [...stanceUnits.entries()].sort(
    ([, a], [, b]) => a.sentence - b.sentence || compareText(a.actor, b.actor) || compareText(a.target, b.target),
  );
  const stanceValues = new Map<string, StanceValue[]>();
  for (const [key, unit] of units) {
    const values = ordered.map((work) => stanceValueOf(work, key));
    stanceValues.set(key, values);
    const stances = values.map((value) => (typeof value === 'object' ? value.stance : undefined));
    const polarities = values.map((value) => (typeof value === 'object' ? value.polarity : undefined));
    addUnit(levels.stances.matrix, stances);
    addUnit(levels.polarity.matrix, polarities);
    const given = values.filter((value): value is { stance: string; polarity: number } => typeof value === 'object');
    if (given.length < 2) continue;
    const level: AgreementLevel | undefined = given.some((value) => value.stance !== given[0].stance)
      ? 'stances'
      : given.some((value) => value.polarity !== given[0].polarity)
        ? 'polarity'
        : undefined;
    if (level === undefined) continue;
    disagreements.push({
      article: input.article,
      level,
      sentence: unit.sentence,
      actor: unit.actor,
      target: unit.target,
      values: valuesRecord(coders, stances.map((value) => value ?? null)),
      polarities: Object.fromEntries(coders.map((coder, i) => [coder, polarities[i] ?? null])) as Record<string, number | null>,
      places: ordered.flatMap((work, i) => (typeof values[i] === 'object' ? work.stances.get(key)!.map((entry) => entry.place) : [])),
    });
  }
  levels.stances.units = units.length;
  levels.polarity.units = units.length;

  // Pairs: what `--coders A,B` would compare, restricted to units both coded.
  const pairs: PairTally[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const a = ordered[i];
      const b = ordered[j];
      const tables = emptyTables();
      const eitherSentences = new Set<number>([...a.sentences.keys(), ...b.sentences.keys()]);
      for (const sentence of eitherSentences) addPair(tables.sentences, a.sentences.has(sentence) ? 1 : 0, b.sentences.has(sentence) ? 1 : 0);
      if (sentenceCount > eitherSentences.size) addPair(tables.sentences, 0, 0, sentenceCount - eitherSentences.size);

      const pairActors = new Set<string>();
      const pairMarked = new Set<string>();
      for (const work of [a, b]) {
        for (const [sentence, involved] of work.involvements) {
          for (const actor of involved.keys()) {
            pairActors.add(actor);
            const key = involvementKey(sentence, actor);
            if (pairMarked.has(key)) continue;
            pairMarked.add(key);
            addPair(tables.actors, a.involvements.get(sentence)?.has(actor) ? 1 : 0, b.involvements.get(sentence)?.has(actor) ? 1 : 0);
          }
        }
      }
      const pairActorUnits = sentenceCount * pairActors.size;
      if (pairActorUnits > pairMarked.size) addPair(tables.actors, 0, 0, pairActorUnits - pairMarked.size);

      for (const values of stanceValues.values()) {
        const va = values[i];
        const vb = values[j];
        if (typeof va !== 'object' || typeof vb !== 'object') continue;
        addPair(tables.stances, va.stance, vb.stance);
        addPair(tables.polarity, va.polarity, vb.polarity);
      }
      pairs.push({ coders: [a.name, b.name], tables });
    }
  }

  return { ...base, skipped: false, levels, pairs, disagreements };
}

function valuesRecord(coders: readonly string[], values: readonly AgreementValue[]): Record<string, AgreementValue> {
  // fromEntries defines own properties, so even a coder named `__proto__` is a plain key.
  return Object.fromEntries(coders.map((coder, i) => [coder, values[i]]));
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

function compareDisagreements(a: AgreementDisagreement, b: AgreementDisagreement): number {
  return (
    compareText(a.article, b.article) ||
    a.sentence - b.sentence ||
    AGREEMENT_LEVELS.indexOf(a.level) - AGREEMENT_LEVELS.indexOf(b.level) ||
    compareText(a.actor ?? '', b.actor ?? '') ||
    compareText(a.target ?? '', b.target ?? '')
  );
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
      skipped.push({ article: comparison.article, coders: comparison.coders });
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
  disagreements.sort(compareDisagreements);

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
