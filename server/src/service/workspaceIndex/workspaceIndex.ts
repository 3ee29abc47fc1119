import { Article } from '../model/article';
import { parseAnnotationFile, pathCutAtComment, updateAnnotationFile, type AnnotationFileModel } from '../model/annotationFile';
import type { Located } from '../model/yamlReader';
import { parseCodebook, type CodebookModel } from '../model/codebook';
import { documentFactsOf, sameDocumentFacts, summarize, type DocumentFacts, type FileSummary } from './summary';
import { DEFAULT_LIMITS, type AnnotationContext, type ArticleLink, type CodebookLink, type ServiceLimits, type UncutPath } from './context';
import type { SegmentationOptions, UnitSentences } from '../segmentation';
import type { Pacer } from '../pacing';
import type { ArticleHistory } from '../articleHistory';
import { parseAnnotationFileInSteps, type ParseElsewhere } from '../model/stepwiseParse';
import { OperationCancelled, throwIfCancelled, type CancellationSignal } from '../cancellation';
import { basename, CODEBOOK_NAME, containingFolder, dirname, isAnnotationFileName, isCodebookFileName, normalizeUri, resolveReference, type ReadResult, type Workspace } from '../workspace';

/** What an annotation file points at: enough to route changes and to find a codebook's users. */
export interface FileLinks {
  readonly articleUri?: string;
  readonly codebookUri?: string;
  readonly dependencies: readonly string[];
  /** What the file says about itself, which the other files of its article compare with theirs. */
  readonly coder?: string;
  readonly document?: DocumentFacts;
}

/** An annotation file of an article, as the others of that article see it. */
export interface ArticleSibling {
  readonly uri: string;
  readonly coder?: string;
  readonly document?: DocumentFacts;
}

/** A file as last read, with the models parsed from it on demand. */
interface FileState {
  readonly result: ReadResult;
  annotations?: AnnotationFileModel;
  /** A large file's parse under way in steps (callers meanwhile share it). */
  parsing?: Promise<AnnotationFileModel>;
  codebook?: CodebookModel;
  article?: Article;
}

/**
 * The workspace's files and how they depend on each other. It reads lazily,
 * caches parsed models until a file changes, and answers "which files must be
 * re-checked when this one changes?" from a reverse dependency map.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, FileState>();
  private readonly reading = new Map<string, Promise<FileState>>();
  /** Bumped on every invalidation of a file, so work started before a change is not cached after it. */
  private readonly stamps = new Map<string, number>();
  private readonly contexts = new Map<string, AnnotationContext>();
  private readonly dependents = new Map<string, Set<string>>();
  /** The annotation files whose context uses each codebook, and each article. */
  private readonly codebookUsersByUri = new Map<string, Set<string>>();
  private readonly articleUsersByUri = new Map<string, Set<string>>();
  /** What each annotation file points at (kept while its context is rebuilt, so changes still reach it). */
  private readonly links = new Map<string, FileLinks>();
  /** Summaries of files indexed elsewhere (worker threads, the persisted index) and not parsed here. */
  private readonly summaries = new Map<string, FileSummary>();
  /** Annotation files whose text changed since their context was last built: their summaries hold old positions. */
  private readonly changedText = new Set<string>();
  /** Annotation files whose summary may be out of date: they, their article or their codebook changed since it was made. */
  private readonly staleSummaries = new Set<string>();
  /** The last model of a changed annotation file, to update it incrementally. */
  private readonly previousModels = new Map<string, AnnotationFileModel>();
  /** Sentences by line of articles that changed, for their next segmentation. */
  private readonly previousArticleUnits = new Map<string, ReadonlyMap<string, UnitSentences>>();
  /** The last replaced version of articles that changed, segmented as they were: the text an editor's update follows from. */
  private readonly replacedArticles = new Map<string, Article>();
  /** Annotation files whose cross-file diagnostics (document-mismatch) may have changed since they were last checked. */
  private readonly crossFileStale = new Set<string>();
  /** Every annotation file known to exist. */
  readonly annotationFiles = new Set<string>();
  /** Every file named codebook.yaml known to exist. */
  readonly namedCodebooks = new Set<string>();
  private discovered = false;
  /** Derived results (usage counts, sentence maps) valid until the next change anywhere. */
  private readonly memos = new Map<string, Promise<unknown>>();
  private generation = 0;

  /** Where `sentence-moved` learns an article's earlier text (git, the record); none in worker threads and tests that do not set one. */
  articleHistory?: ArticleHistory;

  /** `pacer`: lets the parse of a large file give way between steps (the language server's; none in the CLI). */
  constructor(
    readonly workspace: Workspace,
    readonly limits: ServiceLimits = DEFAULT_LIMITS,
    readonly pacer?: Pacer,
    /** Where a large file that cannot be parsed in steps is parsed (the language server: a worker thread); else here. */
    readonly parseElsewhere?: ParseElsewhere,
  ) {}

  get folders(): readonly string[] {
    return this.workspace.folders;
  }

  /** Finds the annotation files and codebooks under the workspace folders (once). */
  async discover(): Promise<void> {
    if (this.discovered) return;
    const found = await this.workspace.findFiles();
    for (const uri of found.map(normalizeUri)) {
      if (isAnnotationFileName(uri)) this.annotationFiles.add(uri);
      else if (isCodebookFileName(uri)) this.namedCodebooks.add(uri);
    }
    this.discovered = true;
  }

  private readonly featureCaches = new Map<string, Map<string, unknown>>();

  /** A per-file cache a feature keeps between checks (dropped with the file). */
  featureCache<T>(uri: string, name: string, create: () => T): T {
    let caches = this.featureCaches.get(uri);
    if (!caches) this.featureCaches.set(uri, (caches = new Map()));
    let cache = caches.get(name) as T | undefined;
    if (cache === undefined) caches.set(name, (cache = create()));
    return cache;
  }

  private readonly changeWatchers = new Set<Set<string>>();

  /** Starts recording which files change (to tell whether work done elsewhere meanwhile is still current). */
  watchChanges(): Set<string> {
    const changed = new Set<string>();
    this.changeWatchers.add(changed);
    return changed;
  }

  stopWatchingChanges(changed: Set<string>): void {
    this.changeWatchers.delete(changed);
  }

  /** Computes a derived result once per state of the workspace. */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let pending = this.memos.get(key) as Promise<T> | undefined;
    if (!pending) {
      const generation = this.generation;
      pending = compute();
      this.memos.set(key, pending);
      // A result computed across a change is not kept.
      pending.then(
        () => {
          if (this.generation !== generation && this.memos.get(key) === pending) this.memos.delete(key);
        },
        () => this.memos.delete(key),
      );
    }
    return pending;
  }

  /** Forget everything (workspace folders changed). */
  reset(): void {
    this.generation++;
    this.memos.clear();
    this.files.clear();
    this.reading.clear();
    this.contexts.clear();
    this.dependents.clear();
    this.codebookUsersByUri.clear();
    this.articleUsersByUri.clear();
    this.links.clear();
    this.summaries.clear();
    this.changedText.clear();
    this.staleSummaries.clear();
    this.crossFileStale.clear();
    this.lastContexts.clear();
    this.previousModels.clear();
    this.previousArticleUnits.clear();
    this.replacedArticles.clear();
    this.featureCaches.clear();
    this.annotationFiles.clear();
    this.namedCodebooks.clear();
    this.discovered = false;
  }

  /** Codebooks: files named codebook.yaml, and any file an annotation file names with `codebook:`. */
  codebookFiles(): string[] {
    const all = new Set(this.namedCodebooks);
    for (const [uri, users] of this.codebookUsersByUri) if (users.size) all.add(uri);
    return [...all];
  }

  isCodebook(uri: string): boolean {
    return isCodebookFileName(uri) || (this.codebookUsersByUri.get(uri)?.size ?? 0) > 0;
  }

  isAnnotationFile(uri: string): boolean {
    return isAnnotationFileName(uri) || this.annotationFiles.has(uri);
  }

  /**
   * Drops what is cached about a file and returns the files whose diagnostics
   * may change: the file itself if it is checked, the annotation files that
   * depend on it, and the codebook an annotation file used (its usage counts).
   */
  invalidate(rawUri: string): Set<string> {
    const uri = normalizeUri(rawUri);
    this.workspace.changed?.(uri);
    for (const watcher of this.changeWatchers) watcher.add(uri);
    this.generation++;
    this.memos.clear();
    this.stamps.set(uri, (this.stamps.get(uri) ?? 0) + 1);
    const previousModel = this.files.get(uri)?.annotations ?? this.contexts.get(uri)?.model;
    if (previousModel) this.previousModels.set(uri, previousModel);
    const previousArticle = this.files.get(uri)?.article;
    if (previousArticle) {
      this.previousArticleUnits.delete(uri);
      this.previousArticleUnits.set(uri, previousArticle.unitMemo());
      // Articles being edited are few; a deleted article's memo must not stay forever.
      if (this.previousArticleUnits.size > 16) this.previousArticleUnits.delete(this.previousArticleUnits.keys().next().value!);
      this.replacedArticles.delete(uri);
      this.replacedArticles.set(uri, previousArticle);
      if (this.replacedArticles.size > 16) this.replacedArticles.delete(this.replacedArticles.keys().next().value!);
    }
    this.files.delete(uri);
    this.reading.delete(uri);
    const affected = new Set<string>();
    if (this.isAnnotationFile(uri)) {
      affected.add(uri);
      this.dropContext(uri);
      this.changedText.add(uri);
      this.staleSummaries.add(uri);
    }
    if (this.isCodebook(uri)) affected.add(uri);
    for (const dependent of this.dependents.get(uri) ?? []) {
      affected.add(dependent);
      this.dropContext(dependent);
      this.staleSummaries.add(dependent);
    }
    return affected;
  }

  private dropContext(uri: string): void {
    const context = this.contexts.get(uri);
    if (!context) return;
    this.contexts.delete(uri);
  }

  /**
   * Records what a file points at, replacing what it pointed at before
   * (undefined: the file is gone). `edited`: the file changed since it was
   * first indexed; then, if what it says about its article changed, the other
   * files of that article (before and after) are marked for a re-check.
   */
  private setLinks(uri: string, links: FileLinks | undefined, edited = false): void {
    const previous = this.links.get(uri);
    if ((previous || edited) && headerChanged(previous, links)) {
      for (const articleUri of new Set([previous?.articleUri, links?.articleUri])) {
        for (const user of (articleUri && this.articleUsersByUri.get(articleUri)) || []) if (user !== uri) this.crossFileStale.add(user);
      }
    }
    if (previous) {
      for (const dependency of previous.dependencies) this.dependents.get(dependency)?.delete(uri);
      if (previous.codebookUri) this.codebookUsersByUri.get(previous.codebookUri)?.delete(uri);
      if (previous.articleUri) this.articleUsersByUri.get(previous.articleUri)?.delete(uri);
    }
    if (!links) {
      this.links.delete(uri);
      return;
    }
    this.links.set(uri, links);
    const add = (map: Map<string, Set<string>>, key: string) => {
      let set = map.get(key);
      if (!set) map.set(key, (set = new Set()));
      set.add(uri);
    };
    for (const dependency of links.dependencies) add(this.dependents, dependency);
    if (links.codebookUri) add(this.codebookUsersByUri, links.codebookUri);
    if (links.articleUri) add(this.articleUsersByUri, links.articleUri);
  }

  /** Takes in a file indexed elsewhere (a worker thread, the persisted index); it is parsed here only when needed. */
  adoptSummary(summary: FileSummary): void {
    const uri = normalizeUri(summary.uri);
    this.annotationFiles.add(uri);
    this.summaries.set(uri, summary);
    this.setLinks(uri, { articleUri: summary.articleUri, codebookUri: summary.codebookUri, dependencies: summary.dependencies, coder: summary.coder, document: summary.document });
  }

  /** What an annotation file says about itself and where it points, as last indexed (no I/O). */
  linksOf(uri: string): FileLinks | undefined {
    return this.links.get(uri);
  }

  /**
   * The other annotation files of the article an annotation file annotates,
   * with their `coder` and `document`, in path order. Files edited since
   * their last check are read again first, so what they say is current.
   */
  async articleSiblings(uri: string): Promise<ArticleSibling[]> {
    // Indexing under way elsewhere is not waited for: results that need it are checked again when it ends.
    if (!this.bulkIndexing) await this.resolveAll();
    const articleUri = this.links.get(uri)?.articleUri;
    if (!articleUri) return [];
    for (const other of [...(this.articleUsersByUri.get(articleUri) ?? [])]) if (other !== uri && this.changedText.has(other)) await this.annotationContext(other);
    const siblings: ArticleSibling[] = [];
    for (const other of [...(this.articleUsersByUri.get(articleUri) ?? [])].sort()) {
      const links = this.links.get(other);
      if (other !== uri && links) siblings.push({ uri: other, coder: links.coder, document: links.document });
    }
    return siblings;
  }

  /** Marks annotation files for a re-check of their cross-file diagnostics (work that was cancelled). */
  markCrossFileStale(uris: Iterable<string>): void {
    for (const uri of uris) this.crossFileStale.add(uri);
  }

  /** Takes the annotation files marked for a re-check because another file of their article changed what it says. */
  takeCrossFileStale(): string[] {
    const stale = [...this.crossFileStale].filter((uri) => this.annotationFiles.has(uri));
    this.crossFileStale.clear();
    return stale;
  }

  /** What an annotation file uses, from its parsed model if there is one, else as indexed elsewhere. */
  summaryOf(uri: string): FileSummary | undefined {
    const context = this.contexts.get(uri);
    if (context) return summarize(context);
    const adopted = this.summaries.get(uri);
    if (adopted) return adopted;
    const last = this.lastContexts.get(uri);
    return last ? summarize(last) : undefined;
  }

  /** The context an annotation file had before its last change (kept until a new one is built). */
  private readonly lastContexts = new Map<string, AnnotationContext>();

  /** The context of an annotation file as of its previous check, if any. */
  previousContext(uri: string): AnnotationContext | undefined {
    return this.lastContexts.get(uri);
  }

  private stamp(uri: string): number {
    return this.stamps.get(uri) ?? 0;
  }

  async read(uri: string): Promise<FileState> {
    const cached = this.files.get(uri);
    if (cached) return cached;
    let pending = this.reading.get(uri);
    if (!pending) {
      const stamp = this.stamp(uri);
      pending = this.workspace
        .read(uri, Math.max(this.limits.maxArticleBytes, this.limits.maxYamlBytes))
        .catch((error: unknown): ReadResult => ({ kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) }))
        .then((result) => {
          const state: FileState = { result };
          if (this.stamp(uri) === stamp) {
            this.files.set(uri, state);
            this.reading.delete(uri);
          }
          return state;
        });
      this.reading.set(uri, pending);
    }
    return pending;
  }

  private async annotationModel(uri: string): Promise<{ state: FileState; model?: AnnotationFileModel }> {
    const state = await this.read(uri);
    if (state.result.kind !== 'text') return { state };
    if (state.result.text.length > this.limits.maxYamlBytes) return { state: { result: { kind: 'tooLarge', size: state.result.text.length } } };
    if (!state.annotations) {
      const text = state.result.text;
      const previous = this.previousModels.get(uri);
      const pacer = this.pacer;
      if (!pacer || text.length < pacer.parseInStepsFrom) {
        this.previousModels.delete(uri);
        state.annotations = previous ? updateAnnotationFile(previous, text) : parseAnnotationFile(text);
      } else {
        // A large file: an edit re-parses the items it touched; a first read, or an edit that needs a
        // full parse, parses in steps that give way to other requests. Requests meanwhile share the parse.
        if (!state.parsing) {
          this.previousModels.delete(uri);
          const elsewhere = this.parseElsewhere;
          // Stopped once the file has changed again (its next text is parsed instead); waiters of this text are cancelled.
          const wanted = () => this.files.get(uri) === state;
          const parseWhole =
            elsewhere &&
            (async (whole: string) => {
              const parsed = await elsewhere(whole, wanted);
              if (!parsed && !wanted()) throw new OperationCancelled();
              return parsed;
            });
          const inSteps = () => parseAnnotationFileInSteps(text, () => pacer.pause(), pacer.stepChars, parseWhole);
          let model: AnnotationFileModel | undefined;
          if (previous) {
            const full = Symbol('full parse');
            try {
              model = updateAnnotationFile(previous, text, () => {
                throw full;
              });
            } catch (error) {
              if (error !== full) throw error;
            }
          }
          state.parsing = model ? Promise.resolve(model) : inSteps();
          void state.parsing.then(
            (parsed) => {
              // Changed while parsing: the next version is best updated from this one.
              if (this.files.get(uri) !== state && !this.previousModels.has(uri)) this.previousModels.set(uri, parsed);
            },
            () => undefined,
          );
        }
        const parsed = await state.parsing;
        state.annotations ??= parsed;
      }
    }
    return { state, model: state.annotations };
  }

  async codebookModel(uri: string): Promise<{ result: ReadResult; model?: CodebookModel }> {
    const state = await this.read(uri);
    if (state.result.kind !== 'text') return { result: state.result };
    if (state.result.text.length > this.limits.maxYamlBytes) return { result: { kind: 'tooLarge', size: state.result.text.length } };
    state.codebook ??= parseCodebook(state.result.text);
    return { result: state.result, model: state.codebook };
  }

  async article(uri: string): Promise<{ result: ReadResult; article?: Article }> {
    const state = await this.read(uri);
    if (state.result.kind !== 'text') return { result: state.result };
    if (state.result.text.length > this.limits.maxArticleBytes) return { result: { kind: 'tooLarge', size: state.result.text.length } };
    if (!state.article) {
      const earlier = this.previousArticleUnits.get(uri);
      this.previousArticleUnits.delete(uri);
      state.article = new Article(uri, state.result.text, earlier);
    }
    return { result: state.result, article: state.article };
  }

  /**
   * The article as it is now or was just before its last change, if its text
   * is `text`: with the sentences already segmented, so an update after an
   * edit does not segment the old text again.
   */
  articleVersion(rawUri: string, text: string): Article | undefined {
    const uri = normalizeUri(rawUri);
    const current = this.files.get(uri)?.article;
    if (current?.text === text) return current;
    const replaced = this.replacedArticles.get(uri);
    return replaced?.text === text ? replaced : undefined;
  }

  /** The read result of an annotation file or codebook itself (missing, too large, binary…). */
  async readResult(uri: string): Promise<ReadResult> {
    const state = await this.read(normalizeUri(uri));
    if (state.result.kind === 'text' && state.result.text.length > this.limits.maxYamlBytes) return { kind: 'tooLarge', size: state.result.text.length };
    return state.result;
  }

  /** Resolves an annotation file's article and codebook; undefined if the file cannot be read as YAML. */
  async annotationContext(rawUri: string): Promise<AnnotationContext | undefined> {
    const uri = normalizeUri(rawUri);
    const cached = this.contexts.get(uri);
    if (cached) return cached;
    const stampsBefore = new Map<string, number>();
    const note = (dependency: string) => stampsBefore.set(dependency, this.stamp(dependency));
    note(uri);

    const { state, model } = await this.annotationModel(uri);
    if (state.result.kind === 'missing') {
      const edited = this.changedText.has(uri);
      this.annotationFiles.delete(uri);
      this.changedText.delete(uri);
      this.staleSummaries.delete(uri);
      this.featureCaches.delete(uri);
      this.summaries.delete(uri);
      this.lastContexts.delete(uri);
      this.setLinks(uri, undefined, edited);
    } else this.annotationFiles.add(uri);
    if (!model) return undefined;

    const folders = this.folders;
    // A missing path YAML cut at ` #`: does the file named by the whole line exist? (Noted, so creating it re-checks.)
    const uncutPath = async (written: Located<string>): Promise<UncutPath | undefined> => {
      const cut = pathCutAtComment(model.text, written);
      if (!cut) return undefined;
      const reference = resolveReference(uri, cut.uncut, folders);
      if (reference.kind !== 'inside') return { value: cut.uncut, end: cut.end, exists: false };
      note(reference.uri);
      return { value: cut.uncut, end: cut.end, exists: (await this.read(reference.uri)).result.kind === 'text' };
    };
    let article: ArticleLink | undefined;
    if (model.article) {
      const reference = resolveReference(uri, model.article.value, folders);
      if (reference.kind === 'inside') {
        note(reference.uri);
        const loaded = await this.article(reference.uri);
        const uncut = loaded.result.kind === 'missing' ? await uncutPath(model.article) : undefined;
        article = { written: model.article, reference, ...loaded, ...(uncut && { uncut }) };
      } else {
        article = { written: model.article, reference };
      }
    }

    let codebook: CodebookLink = {};
    if (model.codebook) {
      const reference = resolveReference(uri, model.codebook.value, folders);
      // An annotation file (this one included) is never read as a codebook; the check reports it.
      if (reference.kind === 'inside' && !isAnnotationFileName(reference.uri)) {
        note(reference.uri);
        const loaded = await this.codebookModel(reference.uri);
        const uncut = loaded.result.kind === 'missing' ? await uncutPath(model.codebook) : undefined;
        codebook = { written: model.codebook, reference, uri: reference.uri, ...loaded, ...(uncut && { uncut }) };
      } else {
        codebook = { written: model.codebook, reference };
      }
    } else {
      for (const candidate of codebookCandidates(uri, folders)) {
        note(candidate);
        const loaded = await this.codebookModel(candidate);
        if (loaded.result.kind !== 'missing') {
          codebook = { uri: candidate, ...loaded };
          break;
        }
      }
    }

    const segmentation: SegmentationOptions = {
      hardWrapped: model.hardWrapped?.value ?? codebook.model?.hardWrapped ?? false,
      abbreviations: codebook.model?.abbreviations ?? [],
    };
    const dependencies = [...stampsBefore.keys()].filter((dependency) => dependency !== uri);
    const context: AnnotationContext = { uri, model, article, codebook, segmentation, dependencies };

    // Cache only if nothing it was built from changed while it was being built.
    const unchanged = [...stampsBefore].every(([dependency, stamp]) => this.stamp(dependency) === stamp);
    if (unchanged) {
      const edited = this.changedText.has(uri);
      this.dropContext(uri);
      this.changedText.delete(uri);
      this.staleSummaries.delete(uri);
      this.contexts.set(uri, context);
      this.lastContexts.set(uri, context);
      this.summaries.delete(uri);
      const articleUri = article?.reference.kind === 'inside' ? article.reference.uri : undefined;
      const codebookUri = codebook.uri && codebook.result?.kind !== 'missing' ? codebook.uri : undefined;
      this.setLinks(uri, { articleUri, codebookUri, dependencies, coder: model.coder?.value, document: documentFactsOf(model) }, edited);
    }
    return context;
  }

  private bulkIndexing: Promise<unknown> | undefined;

  /** Indexing under way elsewhere (worker threads): workspace-wide answers wait for it instead of redoing it here. */
  setBulkIndexing(work: Promise<unknown> | undefined): void {
    this.bulkIndexing = work;
  }

  /** Resolves every annotation file not yet indexed, here (needed before a codebook's usage can be judged). */
  async resolveAll(onFile?: (done: number, total: number) => Promise<void> | void): Promise<void> {
    await this.discover();
    if (this.bulkIndexing) await this.bulkIndexing.catch(() => undefined);
    const uris = [...this.annotationFiles].filter((uri) => !this.links.has(uri));
    let done = 0;
    for (const uri of uris) {
      await this.annotationContext(uri);
      done++;
      await onFile?.(done, uris.length);
    }
  }

  /** The annotation files that use a codebook, as summaries (no parsing of files indexed elsewhere). */
  async codebookUsers(codebookUri: string): Promise<FileSummary[]> {
    await this.resolveAll();
    // A file edited since its last check is read again: its old summary's positions would send a rename to the wrong place.
    for (const uri of [...(this.codebookUsersByUri.get(codebookUri) ?? [])]) if (this.changedText.has(uri)) await this.annotationContext(uri);
    return [...(this.codebookUsersByUri.get(codebookUri) ?? [])].flatMap((uri) => this.summaryOf(uri) ?? []);
  }

  /** The annotation files that annotate an article, resolved (parsed here if they were not). */
  async articleUsers(articleUri: string): Promise<AnnotationContext[]> {
    await this.resolveAll();
    const contexts: AnnotationContext[] = [];
    for (const uri of [...(this.articleUsersByUri.get(articleUri) ?? [])].sort()) {
      const context = await this.annotationContext(uri);
      if (context) contexts.push(context);
    }
    return contexts;
  }

  /**
   * The first annotation file, in URI order, that annotates an article, resolved. The workspace is not
   * resolved for it: a file not resolved yet is read, and parsed only if its text names the article's file.
   */
  async firstArticleUser(articleUri: string): Promise<AnnotationContext | undefined> {
    await this.discover();
    const name = basename(articleUri); // decoded, as a file writes it
    for (const uri of [...this.annotationFiles].sort()) {
      const links = this.links.get(uri);
      if (links) {
        if (links.articleUri !== articleUri) continue;
      } else {
        const result = await this.readResult(uri);
        if (result.kind !== 'text' || !result.text.includes(name)) continue;
      }
      const context = await this.annotationContext(uri);
      if (context?.article?.reference.kind === 'inside' && context.article.reference.uri === articleUri) return context;
    }
    return undefined;
  }

  /**
   * Every annotation file's summary, in URI order, as of now: files that changed since their summary
   * was made (or whose article or codebook did) are resolved again first, and `prepare` is given each
   * context built so. The analyses read these.
   */
  async currentSummaries(token?: CancellationSignal, prepare?: (context: AnnotationContext) => void): Promise<FileSummary[]> {
    await this.resolveAll();
    for (const uri of [...this.staleSummaries]) {
      throwIfCancelled(token);
      if (!this.annotationFiles.has(uri)) {
        this.staleSummaries.delete(uri);
        continue;
      }
      const context = await this.annotationContext(uri);
      if (context) prepare?.(context);
    }
    const summaries: FileSummary[] = [];
    for (const uri of [...this.annotationFiles].sort()) {
      const summary = this.summaryOf(uri);
      if (summary) summaries.push(summary);
    }
    return summaries;
  }

  /** An article the index has already read and parsed, if any (no I/O). */
  loadedArticle(uri: string): Article | undefined {
    return this.files.get(uri)?.article;
  }

  /** An article's text: the one the index holds, else read without keeping it (an export reads each article once). */
  async articleText(uri: string): Promise<string | undefined> {
    const state = this.files.get(uri);
    const result = state ? state.result : await this.workspace.read(uri, this.limits.maxArticleBytes).catch((): ReadResult => ({ kind: 'missing' }));
    return result.kind === 'text' ? result.text : undefined;
  }

  /** The cached context of an annotation file, if resolved (no I/O). */
  cachedContext(uri: string): AnnotationContext | undefined {
    return this.contexts.get(uri);
  }
}

/** Whether a file's change alters what the other files of its article are compared with. */
function headerChanged(before: FileLinks | undefined, after: FileLinks | undefined): boolean {
  if (!before?.document && !after?.document) return false;
  return before?.articleUri !== after?.articleUri || before?.coder !== after?.coder || !sameDocumentFacts(before?.document, after?.document);
}

/** Where a codebook is looked for when an annotation file names none: its folder, then each parent up to the workspace folder. */
export function codebookCandidates(annotationUri: string, folders: readonly string[]): string[] {
  const root = containingFolder(folders, annotationUri);
  if (!root) return [];
  const candidates: string[] = [];
  let folder = dirname(annotationUri);
  for (let depth = 0; depth < 256; depth++) {
    candidates.push(normalizeUri(`${folder.replace(/\/$/, '')}/${CODEBOOK_NAME}`));
    if (normalizeUri(folder) === normalizeUri(root) || folder.length <= root.length) break;
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return candidates;
}
