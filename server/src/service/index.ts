import type { CodeAction, CodeLens, CompletionList, Diagnostic, DocumentSymbol, Hover, InlayHint, Location, Position, Range, WorkspaceEdit, WorkspaceSymbol } from 'vscode-languageserver-types';
import { WorkspaceIndex } from './workspaceIndex/workspaceIndex';
import { DEFAULT_LIMITS, type ServiceLimits } from './workspaceIndex/context';
import { checkFiles, computeDiagnostics, limitDiagnostics, withCrossFileDiagnostics, type DiagnosticsOptions } from './features/diagnostics';
import { hover } from './features/hover';
import { definition } from './features/definition';
import { references } from './features/references';
import { completion } from './features/completion';
import { codeActions } from './features/codeActions';
import { prepareRename, rename, type RenameTarget } from './features/rename';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import { inlayHints, type InlayHintOptions } from './features/inlayHints';
import { codeLenses } from './features/codeLens';
import { AgreementFeature, type AgreementAnswer, type AgreementSelection } from './features/agreement';
import type { AgreementParams, AgreementResult } from '../../../protocol/agreement';
import { annotate } from './features/annotate';
import { articleSegmentation, numberedSentences, relatedFiles, sentenceMarks, type ArticleSegmentation } from './features/articleInfo';
import { resolvedAnnotations } from './features/resolution';
import type { ResolvedAnnotation } from './features/resolution';
import type { AnnotateArguments, AnnotateResult, NumberedSentence, RelatedFiles, SentenceMark } from '../../../protocol/protocol';
import { codebookSummary } from './features/codebookSummary';
import type { CodebookSummaryResult, NetworkParams, NetworkResult, StatementsParams, StatementsResult } from '../../../protocol/analysis';
import { Analysis, type AnalysisSelection, type MentionsExport, type NetworkExport, type StatementsExport, type W3cExport } from './features/analysis';
import { displayPath, normalizeUri, type Workspace } from './workspace';
import type { FileSummary } from './workspaceIndex/summary';
import type { AnnotationContext } from './workspaceIndex/context';
import { indexInBulk, type BulkIndexer, type IndexedFile } from './workspaceIndex/bulkIndexing';
import type { CancellationSignal } from './cancellation';
import { Pacer, type PacingOptions } from './pacing';
import type { ArticleHistory, FixedAnchors } from './articleHistory';
import { cleanFacts, fixedAnchors, historyChanged, prepareHistory, recordFixedAnchors, type CleanFacts } from './features/sentenceMoved';
import { articleAnchors, followArticleEdit, keepArticleVersion, type ArticleAnchors, type FollowResult } from './features/followEdits';
import { unambiguousSentenceFixes, type SentenceFix } from './features/sentenceFixes';
import type { AnnotationFileModel } from './model/annotationFile';
import type { ParseElsewhere } from './model/stepwiseParse';

export interface LanguageServiceOptions {
  readonly workspace: Workspace;
  readonly limits?: Partial<ServiceLimits>;
  /** Checks many annotation files elsewhere (worker threads) during initial indexing. */
  readonly indexer?: BulkIndexer;
  /** Below this many annotation files, indexing stays on this thread (starting workers costs more). */
  readonly indexerThreshold?: number;
  /**
   * Resolves once pending events have run (the language server: setImmediate). Given, long work (parsing
   * and checking a large file) gives way every few milliseconds, so other requests are answered meanwhile.
   */
  readonly yieldToEvents?: () => Promise<void>;
  /** How often work gives way, and from what size a file is parsed in steps (tests make these small). */
  readonly pacing?: PacingOptions;
  /** Where an article's earlier text comes from (git, the record of clean checks), for `sentence-moved`. */
  readonly articleHistory?: ArticleHistory;
  /**
   * With `yieldToEvents`: parses a large annotation file that cannot be parsed in steps (one with a YAML
   * syntax error) elsewhere (the language server: a worker thread), so that nothing waits for it.
   */
  readonly parseElsewhere?: ParseElsewhere;
}

/** Checks one annotation file for a bulk indexer: its own diagnostics (not those comparing it with other files) and its summary. */
export async function indexFile(service: LanguageService, uri: string): Promise<IndexedFile> {
  const diagnostics = await service.diagnostics(uri, { crossFile: false });
  return { uri: normalizeUri(uri), diagnostics, summary: service.summaryOf(uri), clean: service.cleanFacts(uri) };
}

/** An annotation file as the checks see it, for exports and analyses. */
export interface ResolvedFile {
  readonly uri: string;
  /** Its model, article and codebook; undefined when the file cannot be read as YAML. */
  readonly context?: AnnotationContext;
  /** Where each annotation points in the article (none without a context). */
  readonly annotations: readonly ResolvedAnnotation[];
}

export interface LanguageService {
  /** Forgets everything read (the workspace folders changed); the next request reads afresh. */
  reset(): void;
  /**
   * Finds and indexes every annotation file (in worker threads when an indexer
   * is given and the workspace is large). Returns the diagnostics already
   * computed on the way; the other checked files still need `check`.
   */
  initialize(onProgress?: (done: number, total: number) => Promise<void> | void): Promise<Map<string, Diagnostic[]>>;
  /** Files that are checked: annotation files and codebooks. */
  checkedFiles(): string[];
  /** How many files are checked (cheap: no list is built). */
  checkedFileCount(): number;
  /** Forget cached contents of changed files; returns the files to re-check. */
  changed(uris: Iterable<string>): Set<string>;
  /** Diagnostics of the given files and of the codebooks their annotation files now use. */
  check(uris: Iterable<string>, token?: CancellationSignal, options?: DiagnosticsOptions): Promise<Map<string, Diagnostic[]>>;
  diagnostics(uri: string, options?: DiagnosticsOptions): Promise<Diagnostic[]>;
  /** Diagnostics computed in full elsewhere (worker threads, the persisted index), cut to `limit` as `options.limit` would. */
  limitDiagnostics(uri: string, diagnostics: readonly Diagnostic[], limit: number): Diagnostic[];
  hover(uri: string, position: Position): Promise<Hover | undefined>;
  definition(uri: string, position: Position): Promise<Location[]>;
  /**
   * The long operations below take an optional signal: once it is cancelled they stop early and
   * reject with OperationCancelled (they never resolve with a partial result).
   */
  references(uri: string, position: Position, includeDeclaration: boolean, token?: CancellationSignal): Promise<Location[]>;
  completion(uri: string, position: Position): Promise<CompletionList>;
  /** `only`: the kinds asked for (the file-wide `source.fixAll.standpoint` is worked out only when asked, or when a fixable problem is at hand). */
  codeActions(uri: string, range: Range, diagnostics: readonly Diagnostic[], only?: readonly string[]): Promise<CodeAction[]>;
  prepareRename(uri: string, position: Position): Promise<RenameTarget>;
  rename(uri: string, position: Position, newName: string, token?: CancellationSignal): Promise<WorkspaceEdit | { error: string }>;
  documentSymbols(uri: string): Promise<DocumentSymbol[]>;
  workspaceSymbols(query: string, token?: CancellationSignal): Promise<WorkspaceSymbol[]>;
  inlayHints(uri: string, range: Range, options?: InlayHintOptions): Promise<InlayHint[]>;
  codeLenses(uri: string, token?: CancellationSignal): Promise<CodeLens[]>;
  /** The edit that adds an annotation for the sentence at a place in an article. */
  annotate(args: AnnotateArguments): Promise<AnnotateResult | { error: string }>;
  /** An article's annotation files, or an annotation file's article and codebook. */
  relatedFiles(uri: string): Promise<RelatedFiles>;
  /** An article's numbered sentences. */
  sentences(uri: string): Promise<NumberedSentence[]>;
  /** The annotated sentences of an article, with their stance polarity (for decorations). */
  sentenceMarks(uri: string): Promise<SentenceMark[]>;
  /** The options an article is split into sentences with, and where they come from (or those of a named codebook; undefined if it cannot be read). */
  articleSegmentation(uri: string, codebookUri?: string): Promise<ArticleSegmentation | undefined>;
  /** What the workspace knows of an annotation file without its model: where it points, its ids and stances. */
  summaryOf(uri: string): FileSummary | undefined;
  /** Every annotation file of the workspace, in URI order, resolved as the checks resolve it. */
  resolvedFiles(): AsyncIterable<ResolvedFile>;
  /** After an open article was edited from `before` to its current text: the `sentence:` edits of its annotation files (unambiguous ones only). */
  followArticleEdit(articleUri: string, before: string, baseAnchors?: ArticleAnchors): Promise<FollowResult>;
  /**
   * The anchors of every annotation file of an article now (taken when an edit that moves numbers begins; see
   * followArticleEdit). `before`: the text the update will follow from; its segmented version is kept for it.
   */
  articleAnchors(articleUri: string, before?: string): Promise<ArticleAnchors>;
  /** Keeps the segmented version of an open article's text that its annotation files agree with (call before the change that replaces it). */
  keepArticleVersion(articleUri: string, text: string): void;
  /** The fixes of an annotation file that may be applied without asking (`standpoint check --fix`), from its current diagnostics. */
  sentenceFixes(uri: string): Promise<{ fixes: SentenceFix[]; model?: AnnotationFileModel; preview: (n: number) => string | undefined; fixed: FixedAnchors }>;
  /** Standpoint set these numbers (check --fix, a quick fix, the editor's update): tells the article history (see ArticleHistory.recordFixed). */
  recordFixed(uri: string, fixed: FixedAnchors): Promise<void>;
  /** What a bulk indexer sends back of a file's last clean check in this thread (IndexedFile.clean). */
  cleanFacts(uri: string): CleanFacts | undefined;
  /** The article history may answer differently now (git: a commit, a pull): `sentence-moved` is worked out again. */
  historyChanged(): void;
  /** Every codebook's actors and topics with their number of uses (an editor's codebook tree). */
  codebookSummary(token?: CancellationSignal): Promise<CodebookSummaryResult>;
  /**
   * The network of the workspace (or of some articles or files) with the CLI's options (`standpoint/network`).
   * Options the CLI refuses throw AnalysisOptionsError, whose message says what is allowed.
   */
  network(params: NetworkParams & AnalysisSelection, token?: CancellationSignal): Promise<NetworkResult>;
  /** The statements of a tie or a node of a network (or all), each with where it is (`standpoint/statements`). */
  statements(params: StatementsParams, token?: CancellationSignal): Promise<StatementsResult>;
  /** What `standpoint export statements` writes: statements in document order, read article by article. */
  exportStatements(params: StatementsParams & AnalysisSelection, token?: CancellationSignal): Promise<StatementsExport>;
  /** What `standpoint export mentions` writes. */
  exportMentions(params: AnalysisSelection, token?: CancellationSignal): Promise<MentionsExport>;
  /** What `standpoint export network` writes. */
  exportNetwork(params: NetworkParams & AnalysisSelection, token?: CancellationSignal): Promise<NetworkExport>;
  /** What `standpoint export w3c` writes: every resolved annotation, article by article. */
  exportW3c(selection: AnalysisSelection, token?: CancellationSignal): Promise<W3cExport>;
  /**
   * `standpoint/agreement`: agreement between the coders of the workspace or some articles, at most `limit`
   * disagreements. Options the CLI refuses (an unknown coder, fewer than two) throw AnalysisOptionsError.
   */
  agreement(params: AgreementParams, token?: CancellationSignal): Promise<AgreementResult>;
  /** What `standpoint agree` prints: the whole report of the selected annotation files (`files`: URIs), and what it says beside it. */
  agreementReport(selection: AgreementSelection, token?: CancellationSignal): Promise<AgreementAnswer>;
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const pacer = options.yieldToEvents ? new Pacer(options.yieldToEvents, options.pacing) : undefined;
  const index = new WorkspaceIndex(options.workspace, { ...DEFAULT_LIMITS, ...options.limits }, pacer, options.parseElsewhere);
  const analysis = new Analysis(index);
  const agreement = new AgreementFeature(analysis);
  index.articleHistory = options.articleHistory;

  const service: LanguageService = {
    reset() {
      index.reset();
    },

    async initialize(onProgress) {
      await index.discover();
      const cleanOf = new Map<string, CleanFacts>();
      const computed = options.indexer ? await indexInBulk(index, options.indexer, options.indexerThreshold ?? 64, onProgress, cleanOf) : new Map<string, Diagnostic[]>();
      await index.resolveAll(onProgress);
      await prepareHistory(index);
      // What was computed elsewhere is per file: add what compares files of one article, and what moved, from the summaries and the history.
      for (const [uri, diagnostics] of computed) computed.set(uri, await withCrossFileDiagnostics(index, uri, diagnostics, cleanOf.get(uri)));
      return computed;
    },

    checkedFiles() {
      return [...new Set([...index.annotationFiles, ...index.codebookFiles()])].sort();
    },

    checkedFileCount() {
      return index.annotationFiles.size + index.codebookFiles().length;
    },

    changed(uris) {
      const affected = new Set<string>();
      for (const uri of uris) for (const file of index.invalidate(uri)) affected.add(file);
      return affected;
    },

    check(uris, token, checkOptions) {
      return checkFiles(index, uris, token, checkOptions, pacer);
    },

    diagnostics(uri, diagnosticsOptions) {
      return computeDiagnostics(index, normalizeUri(uri), { ...diagnosticsOptions, pacing: { pacer } });
    },

    limitDiagnostics(uri, diagnostics, limit) {
      return limitDiagnostics(diagnostics, { limit, path: displayPath(normalizeUri(uri), index.folders) });
    },

    hover(uri, position) {
      return hover(index, normalizeUri(uri), position);
    },

    definition(uri, position) {
      return definition(index, normalizeUri(uri), position);
    },

    references(uri, position, includeDeclaration, token) {
      return references(index, normalizeUri(uri), position, includeDeclaration, token);
    },

    completion(uri, position) {
      return completion(index, normalizeUri(uri), position);
    },

    codeActions(uri, range, diagnostics, only) {
      return codeActions(index, normalizeUri(uri), range, diagnostics, only);
    },

    prepareRename(uri, position) {
      return prepareRename(index, normalizeUri(uri), position);
    },

    rename(uri, position, newName, token) {
      return rename(index, normalizeUri(uri), position, newName, token);
    },

    documentSymbols(uri) {
      return documentSymbols(index, normalizeUri(uri));
    },

    workspaceSymbols(query, token) {
      return workspaceSymbols(index, query, token);
    },

    inlayHints(uri, range, options) {
      return inlayHints(index, normalizeUri(uri), range, options);
    },

    codeLenses(uri, token) {
      return codeLenses(index, normalizeUri(uri), agreement, token);
    },

    followArticleEdit(articleUri, before, baseAnchors) {
      return followArticleEdit(index, normalizeUri(articleUri), before, baseAnchors);
    },

    articleAnchors(articleUri, before) {
      return articleAnchors(index, normalizeUri(articleUri), before);
    },

    keepArticleVersion(articleUri, text) {
      keepArticleVersion(index, normalizeUri(articleUri), text);
    },

    async sentenceFixes(uri) {
      const normalized = normalizeUri(uri);
      const context = await index.annotationContext(normalized);
      if (!context) return { fixes: [], preview: () => undefined, fixed: { before: [], after: [] } };
      const diagnostics = await computeDiagnostics(index, normalized, { pacing: { pacer } });
      const fixes = unambiguousSentenceFixes(context.model, diagnostics);
      return { fixes, model: context.model, preview: (n) => sentenceText(context, n), fixed: fixedAnchors(context, fixes) };
    },

    recordFixed(uri, fixed) {
      return recordFixedAnchors(index, normalizeUri(uri), fixed);
    },

    cleanFacts(uri) {
      return cleanFacts(index, normalizeUri(uri));
    },

    historyChanged() {
      historyChanged(index);
    },

    codebookSummary(token) {
      return codebookSummary(index, token);
    },

    network: (params, token) => analysis.network(params, token),
    agreement: (params, token) => agreement.request(params, token),
    agreementReport: (selection, token) => agreement.report(selection, token),
    statements: (params, token) => analysis.statements(params, token),
    exportStatements: (params, token) => analysis.exportStatements(params, token),
    exportMentions: (params, token) => analysis.exportMentions(params, token),
    exportNetwork: (params, token) => analysis.exportNetwork(params, token),
    exportW3c: (selection, token) => analysis.exportW3c(selection, token),

    annotate(args) {
      return annotate(index, args);
    },

    relatedFiles(uri) {
      return relatedFiles(index, uri);
    },

    sentences(uri) {
      return numberedSentences(index, uri);
    },

    sentenceMarks(uri) {
      return sentenceMarks(index, uri);
    },

    articleSegmentation(uri, codebookUri) {
      return articleSegmentation(index, uri, codebookUri);
    },

    summaryOf(uri) {
      return index.summaryOf(normalizeUri(uri));
    },

    async *resolvedFiles() {
      await index.discover();
      for (const uri of [...index.annotationFiles].sort()) {
        const context = await index.annotationContext(uri);
        yield { uri, context, annotations: context ? resolvedAnnotations(context) : [] };
      }
    },
  };
  return service;
}

/** The text of sentence `n` of an annotation file's article, white space runs as one space. */
function sentenceText(context: AnnotationContext, n: number): string | undefined {
  const article = context.article?.article;
  const sentence = article?.sentences(context.segmentation)[n - 1];
  return sentence && article ? article.text.slice(sentence.start, sentence.end).replace(/\s+/g, ' ') : undefined;
}

export type { Workspace, ReadResult } from './workspace';
export { OperationCancelled, isOperationCancelled, type CancellationSignal } from './cancellation';
export type { ParseElsewhere } from './model/stepwiseParse';
export type { FileSummary } from './workspaceIndex/summary';
export { AnalysisOptionsError, type AnalysisSelection, type AnalysisReport, type StatementsExport, type MentionsExport, type NetworkExport, type W3cExport } from './features/analysis';
export { ArticleChanged } from './analysis/records';
export type { AgreementAnswer, AgreementSelection } from './features/agreement';
export type { BulkIndexer, IndexedFile } from './workspaceIndex/bulkIndexing';
export type { AnnotationContext } from './workspaceIndex/context';
export type { ResolvedAnnotation } from './features/resolution';
export type { ArticleSegmentation } from './features/articleInfo';
export { InMemoryWorkspace } from './inMemoryWorkspace';
export { segmentSentences, type SentenceSpan, type SegmentationOptions } from './segmentation';
export * from './anchors/index';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './problems';
export { EDITOR_DIAGNOSTICS_LIMIT, TOO_MANY_PROBLEMS, type DiagnosticsOptions } from './features/diagnostics';
export type { InlayHintOptions } from './features/inlayHints';
export type { ArticleHistory, CleanCheck, EarlierArticle, EarlierArticleQuery, FixedAnchors, FixedCheck } from './articleHistory';
export type { CleanFacts, SentenceMovedData } from './features/sentenceMoved';
export type { ArticleAnchors, FollowResult, FollowedFile } from './features/followEdits';
export type { SentenceFix } from './features/sentenceFixes';
export { FIX_ALL_KIND } from './features/codeActions';
