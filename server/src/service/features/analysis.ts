/**
 * Statements, mentions and networks of the workspace (analysis contract
 * §1–3, §5): what `standpoint export` writes and what the editor's views ask
 * for (`standpoint/network`, `standpoint/statements`).
 *
 * Everything is computed from the index's per-file summaries, never by
 * parsing annotation files again: each summary becomes its file's records
 * once (cached by summary, which the index replaces when the file, its
 * article or its codebook changes), and the counts networks are made from
 * are kept per selection (filters and duplicate rule) and updated file by
 * file (analysis/tally.ts). Article texts are read only for what needs them:
 * sentence texts, quotes and offsets of the statements written or shown.
 */
import type { AnalysisFacets, AnalysisFilters, LeftOut, LocatedStatement, NetworkParams, NetworkResult, NetworkType, StatementsParams, StatementsResult } from '../../../../protocol/analysis';
import type { AnnotatedArticle, DuplicateRule, Mention, Network, Statement } from '../analysis/types';
import { compareText, UNNAMED_CODER, type ActorInfo, type FilterOptions } from '../analysis/filters';
import { coMentionNetwork, duplicatesCompareStance, networkFromCounts, targetNodeKey } from '../analysis/networks';
import { AGGREGATES, checkNetworkOptions, DUPLICATE_RULES, filterOptionsError, NETWORK_TYPES, polarityRange, type ResolvedNetworkOptions } from '../analysis/networkOptions';
import { applyDuplicateRule, compareDocumentOrder, type DuplicateCandidate } from '../analysis/duplicates';
import { parseIsoDate } from '../analysis/dates';
import {
  addCounts,
  annotationRecords,
  ArticleChanged,
  codebookInfo,
  codePointsFor,
  fileRecords,
  type CodePoints,
  spansOf,
  toStatement,
  type ArticleDocument,
  type CodebookInfo,
  type FileRecords,
  type LeftOutCounts,
  type StatementRecord,
} from '../analysis/records';
import { Tally } from '../analysis/tally';
import { EntryField } from '../workspaceIndex/statementFacts';
import { checkAnnotationFile } from './annotationChecks';
import { ItemCheckCache } from './itemCheckCache';
import type { FileSummary } from '../workspaceIndex/summary';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import { displayPath } from '../workspace';
import { LineMap } from '../text/lineMap';
import { throwIfCancelled, type CancellationSignal } from '../cancellation';

/** Options the CLI refuses (exit 2): the message says what is allowed. The LSP answers them with InvalidParams. */
export class AnalysisOptionsError extends Error {
  override readonly name = 'AnalysisOptionsError';
}

/** Which statements count, as the CLI and the requests give it; `files` (annotation file URIs) is the CLI's PATH selection. */
export interface AnalysisSelection extends AnalysisFilters {
  readonly files?: readonly string[];
}

/** The corpus as the analyses see it now. */
interface Corpus {
  /** Every annotation file's records, in URI order. */
  readonly files: readonly FileRecords[];
  readonly lookupActor: (id: string) => ActorInfo | undefined;
  /** max − min polarity over the vocabularies in use. */
  readonly range: number;
  readonly actorTypes: readonly string[];
}

/** Statements left out and the sentences to tell the user, for any analysis. */
export interface AnalysisReport {
  readonly leftOut: LeftOut;
  readonly notices: readonly string[];
}

export interface StatementsExport extends AnalysisReport {
  /** Statements written, after the filters and the duplicate rule. */
  readonly total: number;
  /** The statements in document order, an article's run at a time (each article's text is read once, then let go). */
  readonly batches: AsyncIterable<readonly Statement[]>;
}

export interface MentionsExport extends AnalysisReport {
  readonly mentions: readonly Mention[];
}

export interface NetworkExport extends AnalysisReport {
  readonly network: Network;
}

export interface W3cExport {
  /** Annotations left out (their sentence or quote does not resolve), counted as `leftOut` says once `articles` has been read through. */
  readonly leftOut: () => LeftOut;
  readonly annotations: number;
  readonly articles: AsyncIterable<AnnotatedArticle>;
}

/** An article's text as a statement list needs it: lines for the sentence's range, code points for the offsets. */
interface ArticleLines {
  readonly text: string;
  readonly lineMap: LineMap;
  readonly codePoints: CodePoints;
}

/** At most this many selections keep their counts (a view switching between a few filters). */
const KEPT_TALLIES = 6;
/** At most this many statements in a `standpoint/statements` answer. */
const STATEMENTS_LIMIT = 10_000;

export class Analysis {
  private readonly records = new WeakMap<FileSummary, FileRecords>();
  private readonly tallies = new Map<string, Tally>();
  /** The actors of the corpus last read: the roll-up of every tally reads them (a codebook change replaces every file's records, so no share keeps an older roll-up). */
  private lookupActor: (id: string) => ActorInfo | undefined = () => undefined;
  /** The corpus last read, with the summaries and codebooks it was made from. */
  private last: { summaries: readonly FileSummary[]; codebooks: ReadonlyMap<string | undefined, CodebookInfo>; corpus: Corpus } | undefined;
  private readonly facetsOf = new WeakMap<Corpus, AnalysisFacets>();

  constructor(private readonly index: WorkspaceIndex) {}

  /** Every file's records as of now (files changed since their summary are resolved again first). */
  private async corpus(token?: CancellationSignal): Promise<Corpus> {
    // A file edited since its summary is checked as the scheduler checks it (with the same per-annotation cache), so its
    // unchanged annotations are not resolved again, and the check that follows finds everything cached.
    const index = this.index;
    const summaries = await index.currentSummaries(token, (context) => {
      checkAnnotationFile(
        context,
        index.folders,
        index.limits,
        index.featureCache(context.uri, 'item-checks', () => new ItemCheckCache()),
      );
    });
    throwIfCancelled(token);
    const codebooks = new Map<string | undefined, CodebookInfo>();
    for (const summary of summaries) {
      if (codebooks.has(summary.codebookUri)) continue;
      const model = summary.codebookUri ? (await this.index.codebookModel(summary.codebookUri)).model : undefined;
      codebooks.set(summary.codebookUri, codebookInfo(model));
    }
    // A view asks again after every batch of checks, mostly with nothing changed: the same summaries and codebooks, the same corpus.
    const last = this.last;
    if (
      last &&
      last.summaries.length === summaries.length &&
      summaries.every((summary, i) => summary === last.summaries[i]) &&
      [...codebooks].every(([uri, info]) => last.codebooks.get(uri) === info)
    ) {
      return last.corpus;
    }
    const documents = articleDocuments(summaries);
    const folders = this.index.folders;
    const files = summaries.map((summary) => {
      const codebook = codebooks.get(summary.codebookUri)!;
      const document = documents.get(summary.articleUri ?? summary.uri)!;
      const known = this.records.get(summary);
      if (known && known.codebook === codebook && sameDocument(known.document, document)) return known;
      const made = fileRecords(summary, codebook, { file: displayPath(summary.uri, folders), article: summary.articleUri ? displayPath(summary.articleUri, folders) : '' }, document);
      this.records.set(summary, made);
      return made;
    });
    // The first codebook that names an actor describes it; the range spans every vocabulary in use.
    const actors = new Map<string, ActorInfo>();
    const polarities = new Set<number>();
    const types = new Set<string>();
    for (const info of codebooks.values()) {
      for (const [id, actor] of info.actors) if (!actors.has(id)) actors.set(id, actor);
      for (const polarity of info.stances.values()) polarities.add(polarity);
      for (const type of info.actorTypes) types.add(type);
    }
    this.lookupActor = (id) => actors.get(id);
    const corpus: Corpus = { files, lookupActor: this.lookupActor, range: polarityRange(polarities), actorTypes: [...types].sort(compareText) };
    this.last = { summaries, codebooks, corpus };
    return corpus;
  }

  /**
   * Every annotation file's records as of now, in URI order: what other analyses (agreement between
   * coders) read, so that every analysis counts the same valid statements. The same array while
   * nothing changed; a file's records are the same object while its summary and codebook are.
   */
  async currentFiles(token?: CancellationSignal): Promise<readonly FileRecords[]> {
    return (await this.corpus(token)).files;
  }

  /** The counts of a selection, brought up to date with the corpus. */
  private tally(corpus: Corpus, selection: AnalysisSelection, duplicates: DuplicateRule, compareStance: boolean): Tally {
    const sorted = (values: readonly string[] | undefined) => (values && values.length ? [...new Set(values)].sort() : undefined);
    const key = JSON.stringify([
      selection.from,
      selection.to,
      sorted(selection.coders),
      selection.actors ?? 'as-coded',
      sorted(selection.actorTypes),
      sorted(selection.articles),
      sorted(selection.files),
      duplicates,
      duplicates !== 'include' && compareStance,
    ]);
    let tally = this.tallies.get(key);
    if (tally) {
      this.tallies.delete(key); // most recently used last
    } else {
      const filters: FilterOptions = {
        from: selection.from,
        to: selection.to,
        coders: selection.coders,
        actors: selection.actors,
        actorTypes: selection.actorTypes,
        lookupActor: (id) => this.lookupActor(id),
      };
      tally = new Tally({
        filters,
        ...(selection.articles && { articles: new Set(selection.articles) }),
        ...(selection.files && { files: new Set(selection.files) }),
        duplicates,
        compareStance,
      });
      if (this.tallies.size >= KEPT_TALLIES) this.tallies.delete(this.tallies.keys().next().value!);
    }
    this.tallies.set(key, tally);
    tally.update(corpus.files);
    return tally;
  }

  private report(corpus: Corpus, selection: AnalysisSelection, tally: Tally, of: 'statements' | 'mentions'): AnalysisReport {
    const reasons = tally.leftOut(of);
    const leftOut: LeftOut = { total: Object.values(reasons).reduce((sum, n) => sum + (n ?? 0), 0), reasons: reasons as Record<string, number> };
    const notices: string[] = [];
    const several = tally.articlesWithSeveralCoders(of);
    if (several.length) {
      const which = several.length === 1 ? `${several[0]} has` : `${several.length} articles have (${several.slice(0, 3).join(', ')}${several.length > 3 ? ', …' : ''})`;
      notices.push(`${which} annotation files from several coders: each coder's ${of} are counted, so what two coders both coded counts twice; keep one coder to count it once.`);
    }
    if (selection.coders?.length) {
      const present = new Set(corpus.files.map((f) => f.summary.coder ?? UNNAMED_CODER));
      for (const coder of selection.coders) if (!present.has(coder)) notices.push(`No annotation file has ${coder === UNNAMED_CODER ? 'no coder' : `coder ${coder}`}.`);
    }
    return { leftOut, notices };
  }

  private facets(corpus: Corpus): AnalysisFacets {
    const known = this.facetsOf.get(corpus);
    if (known) return known;
    const facets = this.makeFacets(corpus);
    this.facetsOf.set(corpus, facets);
    return facets;
  }

  private makeFacets(corpus: Corpus): AnalysisFacets {
    const coders = new Set<string>();
    let first: { text: string; start: number } | undefined;
    let last: { text: string; end: number } | undefined;
    for (const file of corpus.files) {
      coders.add(file.summary.coder ?? UNNAMED_CODER);
      const date = file.document.date;
      const span = date === undefined ? undefined : parseIsoDate(date);
      if (!span) continue;
      if (!first || span.start < first.start) first = { text: date!, start: span.start };
      if (!last || span.end > last.end) last = { text: date!, end: span.end };
    }
    return { coders: [...coders].sort(compareText), actorTypes: corpus.actorTypes, ...(first && { firstDate: first.text }), ...(last && { lastDate: last.text }) };
  }

  private checkedNetworkOptions(params: NetworkParams): ResolvedNetworkOptions {
    const checked = checkNetworkOptions({ type: params.type, aggregate: params.aggregate, normalize: params.normalize, duplicates: params.duplicates, minWeight: params.minWeight });
    if (!checked.ok) throw new AnalysisOptionsError(checked.error);
    return checked.options;
  }

  /** A network with the CLI's options (`standpoint/network`, `standpoint export network`). */
  async network(params: NetworkParams & AnalysisSelection, token?: CancellationSignal): Promise<NetworkResult> {
    checkSelection(params);
    const options = this.checkedNetworkOptions(params);
    const corpus = await this.corpus(token);
    const coMention = options.type === 'co-mention';
    // Co-mention networks read mentions, whatever the duplicate rule; they share the statements' tally.
    const tally = this.tally(corpus, params, coMention ? 'include' : options.duplicates, duplicatesCompareStance(options));
    const context = { range: corpus.range, lookupActor: corpus.lookupActor };
    // A view asks again after every batch of checks: an unchanged tally gives the network it gave.
    const network = tally.derive(`network ${JSON.stringify(options)} ${corpus.range}`, () =>
      coMention ? coMentionNetwork(tally.keptMentions(), options, context).network : networkFromCounts(tally.counts(), options, context),
    );
    return { network, ...this.report(corpus, params, tally, coMention ? 'mentions' : 'statements'), facets: this.facets(corpus) };
  }

  /** Statements through the filters and the duplicate rule, in document order. */
  private async selected(params: StatementsParams & AnalysisSelection, token?: CancellationSignal): Promise<{ corpus: Corpus; tally: Tally; statements: StatementRecord[] }> {
    checkSelection(params);
    if (params.duplicates !== undefined && !DUPLICATE_RULES.includes(params.duplicates))
      throw new AnalysisOptionsError(`--duplicates ${JSON.stringify(params.duplicates)} is not allowed; use ${DUPLICATE_RULES.join(', ')}`);
    if (params.aggregate !== undefined && !AGGREGATES.includes(params.aggregate))
      throw new AnalysisOptionsError(`--aggregate ${JSON.stringify(params.aggregate)} is not allowed; use ${AGGREGATES.join(', ')}`);
    for (const which of ['tie', 'node'] as const) {
      const type = params[which]?.type;
      if (params[which] !== undefined && (typeof params[which] !== 'object' || !(NETWORK_TYPES as readonly unknown[]).includes(type)))
        throw new AnalysisOptionsError(`${which}.type must be one of ${NETWORK_TYPES.join(', ')}`);
    }
    const corpus = await this.corpus(token);
    const duplicates = params.duplicates ?? 'include';
    // The statements of a tie or a node count as the network's do; a plain list compares stances unless told `ignore`.
    const network = params.tie?.type ?? params.node?.type;
    const compareStance = network ? duplicatesCompareStance({ type: network, aggregate: params.aggregate ?? 'ignore' }) : params.aggregate !== 'ignore';
    // The filtered statements are the same whatever the rule: share the `include` tally, then apply the rule.
    const tally = this.tally(corpus, params, 'include', true);
    let statements = tally.keptStatements();
    if (duplicates !== 'include') statements = applyDuplicateRule(statements, duplicates, { compareStance }).kept;
    const matches = matcher(params, statements, () => tally.keptMentions(), corpus.range);
    if (matches) statements = statements.filter(matches);
    return { corpus, tally, statements: inDocumentOrder(statements) };
  }

  /** `standpoint/statements`: the statements of a tie or a node (or all), each with where its stance entry and its sentence are. */
  async statements(params: StatementsParams, token?: CancellationSignal): Promise<StatementsResult> {
    const { corpus, tally, statements } = await this.selected(params, token);
    const limit = Math.max(0, Math.min(params.limit ?? STATEMENTS_LIMIT, STATEMENTS_LIMIT));
    const located: LocatedStatement[] = [];
    // Each article once per request; one the index does not hold is read without being kept (a long list may span many).
    const articles = new Map<string, Promise<ArticleLines | undefined>>();
    const linesOf = (uri: string) => {
      let lines = articles.get(uri);
      if (!lines) articles.set(uri, (lines = this.articleLines(uri)));
      return lines;
    };
    for (const record of statements.slice(0, limit)) {
      throwIfCancelled(token);
      const statement = await this.locate(record, linesOf);
      if (statement) located.push(statement);
    }
    return { statements: located, total: statements.length, leftOut: this.report(corpus, params, tally, 'statements').leftOut };
  }

  private async articleLines(uri: string): Promise<ArticleLines | undefined> {
    const loaded = this.index.loadedArticle(uri);
    if (loaded) return { text: loaded.text, lineMap: loaded.lineMap, codePoints: codePointsFor(loaded, loaded.text) };
    const text = await this.index.articleText(uri);
    return text === undefined ? undefined : { text, lineMap: new LineMap(text), codePoints: codePointsFor({}, text) };
  }

  private async locate(record: StatementRecord, linesOf: (uri: string) => Promise<ArticleLines | undefined>): Promise<LocatedStatement | undefined> {
    const { summary, entry } = record;
    const articleUri = summary.articleUri;
    const article = articleUri ? await linesOf(articleUri) : undefined;
    // An article that changed since the summary: the next analysisChanged brings the new one.
    if (!article || article.text.length !== summary.articleLength) return undefined;
    const statement = toStatement(record, article.text, article.codePoints);
    const e = summary.entries;
    const location = {
      uri: summary.uri,
      range: {
        start: { line: e[entry + EntryField.startLine], character: e[entry + EntryField.startCharacter] },
        end: { line: e[entry + EntryField.endLine], character: e[entry + EntryField.endCharacter] },
      },
    };
    const { sentenceStart, sentenceEnd } = spansOf(record);
    return { ...statement, location, sentenceLocation: { uri: articleUri!, range: article.lineMap.rangeOf({ start: sentenceStart, end: sentenceEnd }) } };
  }

  // -------------------------------------------------------------------------
  // What `standpoint export` writes.

  async exportStatements(params: StatementsParams & AnalysisSelection, token?: CancellationSignal): Promise<StatementsExport> {
    const { corpus, tally, statements } = await this.selected(params, token);
    const index = this.index;
    return {
      ...this.report(corpus, params, tally, 'statements'),
      total: statements.length,
      batches: (async function* () {
        // An article's run: consecutive statements of one article (document order groups them by date, then article).
        const runs: [start: number, end: number][] = [];
        for (let start = 0; start < statements.length;) {
          let end = start + 1;
          while (end < statements.length && statements[end].summary.articleUri === statements[start].summary.articleUri) end++;
          runs.push([start, end]);
          start = end;
        }
        const texts = readAhead(runs.length, (r) => index.articleText(statements[runs[r][0]].summary.articleUri!));
        for (let r = 0; r < runs.length; r++) {
          const [start, end] = runs[r];
          const text = await texts(r);
          if (text === undefined) throw new ArticleChanged(`${statements[start].article} can no longer be read; run the export again`);
          const codePoints = codePointsFor({}, text);
          yield statements.slice(start, end).map((record) => toStatement(record, text, codePoints));
        }
      })(),
    };
  }

  async exportMentions(params: AnalysisSelection, token?: CancellationSignal): Promise<MentionsExport> {
    checkSelection(params);
    const corpus = await this.corpus(token);
    const tally = this.tally(corpus, params, 'include', true);
    const mentions = tally.keptMentions();
    const order = mentions.map((mention, i) => ({ mention, i }));
    order.sort((a, b) => compareDocumentOrder(asCandidate(a.mention), a.i, asCandidate(b.mention), b.i));
    return { ...this.report(corpus, params, tally, 'mentions'), mentions: order.map((o) => o.mention) };
  }

  async exportNetwork(params: NetworkParams & AnalysisSelection, token?: CancellationSignal): Promise<NetworkExport> {
    const { network, leftOut, notices } = await this.network(params, token);
    return { network, leftOut, notices };
  }

  /** Every resolved annotation of the selected files, article by article (W3C Web Annotations). */
  async exportW3c(selection: AnalysisSelection, token?: CancellationSignal): Promise<W3cExport> {
    const corpus = await this.corpus(token);
    const files = selection.files ? new Set(selection.files) : undefined;
    const byArticle = new Map<string, FileRecords[]>();
    for (const records of corpus.files) {
      const articleUri = records.summary.articleUri;
      if (!articleUri || (files && !files.has(records.summary.uri)) || records.summary.articleLength < 0) continue;
      const list = byArticle.get(articleUri);
      if (list) list.push(records);
      else byArticle.set(articleUri, [records]);
    }
    const reasons: LeftOutCounts = {};
    for (const records of corpus.files) {
      if (records.summary.articleLength >= 0 || (files && !files.has(records.summary.uri))) continue;
      if (records.summary.annotationCount) reasons.noArticle = (reasons.noArticle ?? 0) + records.summary.annotationCount;
    }
    const index = this.index;
    const articles = [...byArticle].sort(([, a], [, b]) => compareText(a[0].paths.article, b[0].paths.article));
    return {
      annotations: articles.reduce((sum, [, list]) => sum + list.reduce((n, r) => n + r.summary.annotationCount, 0), 0),
      leftOut: () => {
        const total = Object.values(reasons).reduce((sum, n) => sum + (n ?? 0), 0);
        return { total, reasons: { ...reasons } as Record<string, number> };
      },
      articles: (async function* () {
        const texts = readAhead(articles.length, (a) => index.articleText(articles[a][0]));
        for (let a = 0; a < articles.length; a++) {
          const [, list] = articles[a];
          const text = await texts(a);
          if (text === undefined) throw new ArticleChanged(`${list[0].paths.article} can no longer be read; run the export again`);
          const codePoints = codePointsFor({}, text);
          const annotations = [];
          for (const records of list) {
            const made = annotationRecords(records, text, codePoints);
            addCounts(reasons, made.leftOut);
            annotations.push(...made.annotations);
          }
          yield { article: list[0].paths.article, text, annotations };
        }
      })(),
    };
  }
}

/** Checks the filters of a request (they come as JSON from any client): what the CLI would refuse is an AnalysisOptionsError. */
function checkSelection(selection: AnalysisSelection): void {
  if (!selection || typeof selection !== 'object') throw new AnalysisOptionsError('the parameters must be an object with the options of standpoint export');
  for (const key of ['from', 'to', 'actors'] as const) {
    if (selection[key] !== undefined && typeof selection[key] !== 'string') throw new AnalysisOptionsError(`${key} must be a string`);
  }
  for (const key of ['coders', 'actorTypes', 'articles', 'files'] as const) {
    const list = selection[key];
    if (list !== undefined && (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))) throw new AnalysisOptionsError(`${key} must be a list of strings`);
  }
  const problem = filterOptionsError({ from: selection.from, to: selection.to, actors: selection.actors });
  if (problem) throw new AnalysisOptionsError(problem);
}

/** Articles are read this many ahead of the one being written, so reading overlaps writing (and the reads each other). */
const READ_AHEAD = 8;

/** `get(i)` for i = 0, 1, 2…, in order: item i's read has started by the time it is asked for, with the next few. */
function readAhead<T>(count: number, read: (i: number) => Promise<T>): (i: number) => Promise<T> {
  const pending = new Map<number, Promise<T>>();
  let started = 0;
  return (i) => {
    while (started < count && started <= i + READ_AHEAD) {
      pending.set(started, read(started));
      started++;
    }
    const result = pending.get(i)!;
    pending.delete(i);
    return result;
  };
}

/** Per article (or, for a file without one, per file), the `document:` facts: each from the first file in URI order that gives it. */
function articleDocuments(summaries: readonly FileSummary[]): Map<string, ArticleDocument> {
  const documents = new Map<string, { title?: string; date?: string; source?: string }>();
  for (const summary of summaries) {
    const key = summary.articleUri ?? summary.uri;
    let document = documents.get(key);
    if (!document) documents.set(key, (document = {}));
    const facts = summary.document;
    if (!facts) continue;
    document.title ??= facts.title?.value;
    document.date ??= facts.date?.value;
    document.source ??= facts.source?.value;
  }
  for (const document of documents.values()) for (const key of ['title', 'date', 'source'] as const) if (document[key] === undefined) delete document[key];
  return documents;
}

function sameDocument(a: ArticleDocument, b: ArticleDocument): boolean {
  return a.title === b.title && a.date === b.date && a.source === b.source;
}

function inDocumentOrder<T extends StatementRecord>(statements: readonly T[]): T[] {
  const order = statements.map((statement, i) => ({ statement, i }));
  order.sort((a, b) => compareDocumentOrder(a.statement, a.i, b.statement, b.i));
  return order.map((o) => o.statement);
}

/** A mention as document order reads it. */
function asCandidate(mention: Mention): DuplicateCandidate {
  return { article: mention.article, ...(mention.date !== undefined && { date: mention.date }), file: mention.file, line: mention.line, actor: mention.actor, toward: '', stance: '' };
}

/** The targets on which two actors' terms of a one-mode tie are not zero (congruence: some pair of stances not fully apart; conflict: some pair apart; subtract: the difference; co-occurrence: any). */
function sharedTargets(type: NetworkType, kept: readonly StatementRecord[], a: string, b: string, range: number): Set<string> {
  const polarities = new Map<string, { a: number[]; b: number[] }>();
  for (const s of kept) {
    if (s.actor !== a && s.actor !== b) continue;
    let entry = polarities.get(s.toward);
    if (!entry) polarities.set(s.toward, (entry = { a: [], b: [] }));
    (s.actor === a ? entry.a : entry.b).push(s.polarity);
  }
  const shared = new Set<string>();
  for (const [target, { a: pa, b: pb }] of polarities) {
    if (!pa.length || !pb.length) continue;
    let agreement = 0;
    let distance = 0;
    for (const p of pa) {
      for (const q of pb) {
        const d = range > 0 ? Math.abs(p - q) / range : 0;
        agreement += 1 - d;
        distance += d;
      }
    }
    const term = type === 'congruence' ? agreement : type === 'conflict' ? distance : type === 'subtract' ? agreement - distance : 1;
    if (Math.abs(term) > 1e-12) shared.add(target);
  }
  return shared;
}

/** The statements whose (rolled-up) actor and target make a tie or a node of a network of this type. */
function matcher(params: StatementsParams, kept: readonly StatementRecord[], mentions: () => readonly Mention[], range: number): ((s: StatementRecord) => boolean) | undefined {
  const targetKey = (s: StatementRecord) => targetNodeKey(s.toward, s.towardKind);
  if (params.tie) {
    const { type, source, target } = params.tie;
    if (type === 'affiliation') return (s) => (s.actor === source && targetKey(s) === target) || (s.actor === target && targetKey(s) === source);
    if (type === 'co-mention') {
      // The statements of the annotations that involve both actors.
      const byAnnotation = new Map<string, Set<string>>();
      for (const m of mentions()) {
        const key = `${m.file}\u0000${m.annotation}`;
        let involved = byAnnotation.get(key);
        if (!involved) byAnnotation.set(key, (involved = new Set()));
        involved.add(m.actor);
      }
      return (s) => {
        const involved = byAnnotation.get(`${s.file}\u0000${s.annotation}`);
        return Boolean(involved?.has(source) && involved.has(target));
      };
    }
    // One-mode ties come from shared targets: the two actors' statements toward the targets whose term adds to the tie.
    const shared = sharedTargets(type, kept, source, target, range);
    return (s) => (s.actor === source || s.actor === target) && shared.has(s.toward);
  }
  if (params.node) {
    const { key, type } = params.node;
    return type === 'affiliation' ? (s) => s.actor === key || targetKey(s) === key : (s) => s.actor === key;
  }
  return undefined;
}
