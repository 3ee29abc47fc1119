/**
 * Agreement between coders of the workspace (analysis contract §4;
 * docs/agreement.md): what `standpoint agree` prints, what
 * `standpoint/agreement` answers, and the code lenses that tell an annotation
 * file's coder where another coder coded differently.
 *
 * The input comes from the statement engine's per-file records (the index's
 * summaries; analysis/agreementInput.ts), so agreement counts exactly the
 * valid annotations and statements the exports count. Each article's
 * comparison (analysis/agreement.ts `compareArticle`) is kept with the records
 * it was made from; the report sums the comparisons, so after an edit only
 * the edited file's article is compared again.
 */
import type { CodeLens, Location } from 'vscode-languageserver-types';
import {
  AGREEMENT_DISAGREEMENTS_LIMIT,
  SHOW_OTHER_CODINGS_COMMAND,
  type AgreementDisagreement,
  type AgreementParams,
  type AgreementPlace,
  type AgreementReport,
  type AgreementResult,
} from '../../../../protocol/agreement';
import type { AgreementArticleInput } from '../analysis/types';
import { assembleReport, checkCoders, coderName, compareArticle, isUsageError, uncomparableArticle, type ArticleComparison } from '../analysis/agreement';
import { agreementArticleInput, agreementFileInput } from '../analysis/agreementInput';
import type { FileRecords } from '../analysis/records';
import { AnalysisOptionsError, type Analysis } from './analysis';
import type { CancellationSignal } from '../cancellation';

/** What `standpoint agree` compares: the request's options, and (the CLI's PATH…) which annotation files, by URI. */
export interface AgreementSelection extends AgreementParams {
  readonly files?: readonly string[];
}

/** The whole report and what the CLI says beside it. */
export interface AgreementAnswer {
  readonly report: AgreementReport;
  /** Every coder of the annotation files in scope, sorted. */
  readonly codersFound: readonly string[];
  /** Annotation files in scope whose article cannot be read (not inside the workspace, missing, unreadable): nothing of theirs is compared. */
  readonly withoutArticle: number;
}

/** Why an article whose files number its sentences differently is skipped (docs/agreement.md). */
export const SEGMENTATION_REASON = 'its annotation files number the sentences differently (hard-wrapped: or the codebooks’ abbreviations differ), so their sentence numbers cannot be compared';

/** At most this many coder selections keep their comparisons (a view switching between a few). */
const KEPT_SELECTIONS = 4;

/** One article's comparison, with the records it was made from. */
interface CachedArticle {
  readonly files: readonly FileRecords[];
  readonly input: AgreementArticleInput;
  readonly comparison: ArticleComparison;
  /** Per coder, their annotations by sentence (made when a disagreement first needs where a missing one would go). */
  byCoder?: Map<string, readonly AgreementPlaceAt[]>;
}

interface AgreementPlaceAt extends AgreementPlace {
  readonly sentence: number;
}

/** The corpus's files by article, made once per `currentFiles` array. */
interface Grouped {
  readonly byArticle: Map<string, FileRecords[]>;
  readonly withoutArticle: readonly FileRecords[];
  readonly byUri: Map<string, FileRecords>;
}

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((item, i) => item === b[i]);
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class AgreementFeature {
  /** Comparisons per coder selection ('' = every coder), per article URI. */
  private readonly selections = new Map<string, Map<string, CachedArticle>>();
  private grouped: { files: readonly FileRecords[]; grouped: Grouped } | undefined;

  constructor(private readonly analysis: Analysis) {}

  /** The whole report of the selection (`standpoint agree`). Options the CLI refuses throw AnalysisOptionsError. */
  async report(selection: AgreementSelection, token?: CancellationSignal): Promise<AgreementAnswer> {
    const { answer } = await this.compute(selection, token);
    return answer;
  }

  /** `standpoint/agreement`: the report with at most `limit` disagreements, the URIs of its paths, and where missing annotations would go. */
  async request(params: AgreementParams, token?: CancellationSignal): Promise<AgreementResult> {
    const { answer, articles, uris } = await this.compute(params, token);
    const limit = params.limit === undefined ? AGREEMENT_DISAGREEMENTS_LIMIT : Math.max(0, Math.min(Math.floor(params.limit), AGREEMENT_DISAGREEMENTS_LIMIT));
    const all = answer.report.disagreements;
    const disagreements = all.length > limit ? all.slice(0, limit) : all;
    const report = disagreements === all ? answer.report : { ...answer.report, disagreements };
    const nearest = disagreements.map((d) => {
      const cached = articles.get(d.article);
      return cached ? missingPlaces(cached, d) : [];
    });
    return { report, disagreementsTotal: all.length, codersFound: answer.codersFound, uris: urisOf(report, nearest, uris), nearest };
  }

  private async compute(selection: AgreementSelection, token?: CancellationSignal): Promise<{ answer: AgreementAnswer; articles: Map<string, CachedArticle>; uris: Map<string, string> }> {
    checkSelection(selection);
    const { byArticle, withoutArticle } = this.group(await this.analysis.currentFiles(token));
    const articleScope = selection.articles ? new Set(selection.articles) : undefined;
    const fileScope = selection.files ? new Set(selection.files) : undefined;
    const scoped: [string, FileRecords[]][] = [];
    const found = new Set<string>();
    for (const [uri, list] of byArticle) {
      if (articleScope && !articleScope.has(uri)) continue;
      const inScope = fileScope ? list.filter((records) => fileScope.has(records.summary.uri)) : list;
      if (inScope.length === 0) continue;
      scoped.push([uri, inScope]);
      for (const records of inScope) found.add(coderName(records.summary.coder));
    }
    let orphans = 0;
    if (!articleScope) {
      for (const records of withoutArticle) {
        if (fileScope && !fileScope.has(records.summary.uri)) continue;
        orphans++;
        found.add(coderName(records.summary.coder));
      }
    }
    const codersFound = [...found].sort(compareText);
    let compared: readonly string[] | undefined;
    if (selection.coders !== undefined) {
      const checked = checkCoders(selection.coders, codersFound);
      if (isUsageError(checked)) throw new AnalysisOptionsError(checked.message);
      compared = checked;
    }
    const only = compared ? new Set(compared) : undefined;
    const cache = this.cacheFor(compared ? JSON.stringify([...compared].sort(compareText)) : '');
    const articles = new Map<string, CachedArticle>();
    const uris = new Map<string, string>();
    const comparisons = scoped.map(([uri, list]) => {
      const cached = this.compared(cache, uri, list, only);
      articles.set(cached.input.article, cached);
      uris.set(cached.input.article, uri);
      for (const records of list) uris.set(records.paths.file, records.summary.uri);
      return cached.comparison;
    });
    // A pass over the whole workspace knows which articles are gone.
    if (!articleScope && !fileScope) for (const uri of cache.keys()) if (!byArticle.has(uri)) cache.delete(uri);
    const report = assembleReport(comparisons, compared);
    return { answer: { report, codersFound, withoutArticle: orphans }, articles, uris };
  }

  /**
   * Code lenses in an annotation file on each annotation (or stance entry) another coder of its
   * article coded differently: "ben: opposes", "ben: also ukraine", "ben: not annotated". Clicking one
   * shows the other coders' annotations (SHOW_OTHER_CODINGS_COMMAND). From the kept comparison of
   * every coder of the article.
   */
  async codeLenses(uri: string, token?: CancellationSignal): Promise<CodeLens[]> {
    const { byArticle, byUri } = this.group(await this.analysis.currentFiles(token));
    const records = byUri.get(uri);
    const articleUri = records?.summary.articleUri;
    const list = articleUri ? byArticle.get(articleUri) : undefined;
    if (!records || !articleUri || !list || list.length < 2) return [];
    const cached = this.compared(this.cacheFor(''), articleUri, list, undefined);
    const me = coderName(records.summary.coder);
    if (cached.comparison.skipped || !cached.comparison.coders.includes(me)) return [];
    const mine = agreementFileInput(records);
    const myPath = records.paths.file;
    const uris = new Map(list.map((r) => [r.paths.file, r.summary.uri]));
    const linesOn = (sentence: number) => mine.annotations.filter((a) => a.sentence === sentence).map((a) => a.line);
    const lenses: CodeLens[] = [];
    for (const d of cached.comparison.disagreements) {
      const others = Object.keys(d.values).filter((coder) => coder !== me);
      let lines: number[];
      let words: string[];
      if (d.level === 'stances' || d.level === 'polarity') {
        lines = d.places.filter((p) => p.coder === me && p.file === myPath).map((p) => p.line);
        const polarities = d.polarities ?? {};
        words =
          d.level === 'stances'
            ? others.filter((c) => d.values[c] !== null && d.values[c] !== d.values[me]).map((c) => `${c}: ${d.values[c]}`)
            : others.filter((c) => polarities[c] != null && polarities[c] !== polarities[me]).map((c) => `${c}: polarity ${polarities[c]}`);
      } else if (d.values[me] === 1) {
        lines = d.level === 'sentences' ? linesOn(d.sentence) : d.places.filter((p) => p.coder === me && p.file === myPath).map((p) => p.line);
        words = others.filter((c) => d.values[c] === 0).map((c) => (d.level === 'sentences' ? `${c}: not annotated` : `${c}: without ${d.actor}`));
      } else {
        // This coder did not involve the actor: say so on their annotations of the sentence, if any.
        lines = d.level === 'actors' ? linesOn(d.sentence) : [];
        words = others.filter((c) => d.values[c] === 1).map((c) => `${c}: also ${d.actor}`);
      }
      if (lines.length === 0 || words.length === 0) continue;
      const locations: Location[] = [];
      for (const place of [...d.places.filter((p) => p.coder !== me), ...missingPlaces(cached, d).filter((p) => p.coder !== me)]) {
        const target = uris.get(place.file);
        if (target) locations.push({ uri: target, range: { start: { line: place.line - 1, character: 0 }, end: { line: place.line - 1, character: 0 } } });
      }
      const title = words.join(', ');
      for (const line of [...new Set(lines)]) {
        const position = { line: line - 1, character: 0 };
        lenses.push({ range: { start: position, end: position }, command: { title, command: SHOW_OTHER_CODINGS_COMMAND, arguments: [uri, position, locations] } });
      }
    }
    return lenses.sort((a, b) => a.range.start.line - b.range.start.line);
  }

  private group(files: readonly FileRecords[]): Grouped {
    if (this.grouped?.files === files) return this.grouped.grouped;
    const byArticle = new Map<string, FileRecords[]>();
    const withoutArticle: FileRecords[] = [];
    const byUri = new Map<string, FileRecords>();
    for (const records of files) {
      byUri.set(records.summary.uri, records);
      const article = records.summary.articleUri;
      // An article that could not be read has no sentences to compare.
      if (!article || records.summary.sentenceCount < 0) {
        withoutArticle.push(records);
        continue;
      }
      const list = byArticle.get(article);
      if (list) list.push(records);
      else byArticle.set(article, [records]);
    }
    const grouped = { byArticle, withoutArticle, byUri };
    this.grouped = { files, grouped };
    return grouped;
  }

  private cacheFor(key: string): Map<string, CachedArticle> {
    let cache = this.selections.get(key);
    if (cache) {
      this.selections.delete(key); // most recently used last
    } else {
      cache = new Map();
      if (this.selections.size >= KEPT_SELECTIONS) this.selections.delete(this.selections.keys().next().value!);
    }
    this.selections.set(key, cache);
    return cache;
  }

  /** The article's comparison: the kept one while its files' records are the same, else made again. */
  private compared(cache: Map<string, CachedArticle>, uri: string, files: readonly FileRecords[], only: ReadonlySet<string> | undefined): CachedArticle {
    const kept = cache.get(uri);
    if (kept && sameList(kept.files, files)) return kept;
    const { input, problem } = agreementArticleInput(files, only);
    const comparison = problem ? uncomparableArticle(input, SEGMENTATION_REASON, only) : compareArticle(input, only);
    const made: CachedArticle = { files, input, comparison };
    cache.set(uri, made);
    return made;
  }
}

/** Where each compared coder without a place in the disagreement would have put it: their annotation of the nearest sentence before, else their first. */
function missingPlaces(cached: CachedArticle, d: AgreementDisagreement): AgreementPlace[] {
  const byCoder = (cached.byCoder ??= annotationsByCoder(cached.input));
  const places: AgreementPlace[] = [];
  for (const coder of Object.keys(d.values)) {
    if (d.places.some((place) => place.coder === coder)) continue;
    const annotations = byCoder.get(coder);
    if (!annotations || annotations.length === 0) continue;
    let chosen = annotations[0];
    for (const annotation of annotations) {
      if (annotation.sentence > d.sentence) break;
      if (annotation.sentence > chosen.sentence || chosen.sentence > d.sentence) chosen = annotation;
    }
    places.push({ file: chosen.file, line: chosen.line, coder });
  }
  return places;
}

/** Each coder's annotations, by sentence then file and line; a coder who annotated nothing gets their file's first line. */
function annotationsByCoder(input: AgreementArticleInput): Map<string, readonly AgreementPlaceAt[]> {
  const byCoder = new Map<string, AgreementPlaceAt[]>();
  for (const file of input.files) {
    const coder = coderName(file.coder);
    let list = byCoder.get(coder);
    if (!list) byCoder.set(coder, (list = []));
    for (const annotation of file.annotations) list.push({ file: file.file, line: annotation.line, coder, sentence: annotation.sentence });
  }
  for (const file of input.files) {
    const list = byCoder.get(coderName(file.coder))!;
    if (list.length === 0) list.push({ file: file.file, line: 1, coder: coderName(file.coder), sentence: 0 });
  }
  for (const list of byCoder.values()) list.sort((a, b) => a.sentence - b.sentence || compareText(a.file, b.file) || a.line - b.line);
  return byCoder;
}

/** The URIs of the paths an answer names. */
function urisOf(report: AgreementReport, nearest: readonly (readonly AgreementPlace[])[], known: ReadonlyMap<string, string>): Record<string, string> {
  const uris: Record<string, string> = {};
  const add = (path: string) => {
    const uri = known.get(path);
    if (uri !== undefined) Object.defineProperty(uris, path, { value: uri, enumerable: true, writable: true, configurable: true });
  };
  for (const article of report.articles) {
    add(article.article);
    article.files.forEach(add);
  }
  for (const d of report.disagreements) {
    add(d.article);
    for (const place of d.places) add(place.file);
  }
  for (const places of nearest) for (const place of places) add(place.file);
  for (const c of report.conflicts) {
    add(c.article);
    for (const place of c.places) add(place.file);
  }
  for (const s of report.skipped) add(s.article);
  for (const m of report.merged) m.files.forEach(add);
  return uris;
}

/** The options come as JSON from any client: what the CLI would refuse is an AnalysisOptionsError. */
function checkSelection(selection: AgreementSelection): void {
  if (!selection || typeof selection !== 'object') throw new AnalysisOptionsError('the parameters must be an object with the options of standpoint agree');
  for (const key of ['coders', 'articles', 'files'] as const) {
    const list = selection[key];
    if (list !== undefined && (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))) throw new AnalysisOptionsError(`${key} must be a list of strings`);
  }
  if (selection.limit !== undefined && (typeof selection.limit !== 'number' || !(selection.limit >= 0))) throw new AnalysisOptionsError('limit must be a number of disagreements, 0 or more');
}
