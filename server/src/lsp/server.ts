import {
  CodeActionKind,
  createConnection,
  InlayHintRefreshRequest,
  ResponseError,
  ErrorCodes,
  LSPErrorCodes,
  CodeLensRefreshRequest,
  DiagnosticRefreshRequest,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  AnalysisOptionsError,
  EDITOR_DIAGNOSTICS_LIMIT,
  FIX_ALL_KIND,
  createLanguageService,
  isOperationCancelled,
  type BulkIndexer,
  type InlayHintOptions,
  type LanguageService,
} from '../service/index';
import {
  ANNOTATE_COMMAND,
  ANNOTATE_REQUEST,
  RELATED_FILES_REQUEST,
  SENTENCE_MARKS_REQUEST,
  SENTENCES_REQUEST,
  SENTENCE_NUMBERS_MOVED_NOTIFICATION,
  STATUS_NOTIFICATION,
  RECORD_FIXES_COMMAND,
  UPDATE_SENTENCE_NUMBERS_COMMAND,
  WORKSPACE_TRUSTED_NOTIFICATION,
  type AnnotateArguments,
  type FollowEditsMode,
  type InitializationOptions,
  type ProtocolNotification,
  type ProtocolRequest,
  type Settings,
} from '../../../protocol/protocol';
import { openVersions, versioned } from './versionedEdits';
import { ANALYSIS_CHANGED_NOTIFICATION, CODEBOOK_SUMMARY_REQUEST, EXPORT_NETWORK_REQUEST, NETWORK_REQUEST, STATEMENTS_REQUEST } from '../../../protocol/analysis';
import { AGREEMENT_REQUEST } from '../../../protocol/agreement';
import { collect, NETWORK_FORMATS, writeNetwork } from '../formats/index';
import { AnalysisNotifier } from './analysisNotifier';
import { DiskWorkspace } from '../node/diskWorkspace';
import { workerIndexer } from '../node/workerIndexer';
import { workerParser } from '../node/parseWorker';
import { persistentIndexer, type PersistenceOptions } from '../node/indexStore';
import { normalizeUri } from '../service/workspace';
import { stripBom } from '../service/text/decode';
import { DiagnosticsScheduler, type DiagnosticsSink } from './diagnosticsScheduler';
import { WorkspacePullQueue } from './pullDiagnostics';
import { registerDnaImport } from './dnaImport';
import { ReportStore } from './reportStore';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { DEFAULT_DELAY_MS, readClientCommands, readDelay, readFollowEdits, readGit, readInlayOptions, readPersistence, readRecordDirectory, workspaceFolderUris } from './settings';
import { ArticleFollower, EditorArticleHistory } from './followEdits';
import { diskArticleHistory, gitHistoryFor, type DiskArticleHistory } from '../node/articleHistory';

/** From this many characters an open file is large: it waits for a pause in typing of LARGE_FILE_DELAY_MS before it is checked. */
export const LARGE_FILE_CHARS = 256 * 1024;
export const LARGE_FILE_DELAY_MS = 300;

/** Handles one of Standpoint's own requests, typed by its protocol definition. */
function onRequest<P, R>(connection: Connection, request: ProtocolRequest<P, R>, handler: (params: P, token: CancellationToken) => R | Promise<R>): void {
  connection.onRequest(request.method, cancellable(handler));
}

function sendNotification<P>(connection: Connection, notification: ProtocolNotification<P>, params: P): Promise<void> {
  return connection.sendNotification(notification.method, params);
}

function requestCancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/**
 * Wraps a request handler so a cancelled request is answered with the LSP error
 * RequestCancelled, never with a result: vscode-jsonrpc runs a handler even for a
 * request cancelled while still queued (with its token already cancelled), and a
 * handler that already started would otherwise return its result regardless. The
 * token reaches the service, whose long operations stop early (OperationCancelled).
 */
export function cancellable<P, R>(handler: (params: P, token: CancellationToken) => R | Promise<R>): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    if (token.isCancellationRequested) throw requestCancelled();
    let result: R;
    try {
      result = await handler(params, token);
    } catch (error) {
      if (isOperationCancelled(error) || token.isCancellationRequested) throw requestCancelled();
      throw error;
    }
    if (token.isCancellationRequested) throw requestCancelled();
    return result;
  };
}

export interface ServerOptions {
  /** The running bundle, to start indexing worker threads from (large workspaces are indexed on all cores). */
  readonly workerScript?: string;
}

/** Starts the language server on stdio (or the transport given on the command line). */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all), serverOptions: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  // Open documents by normalized URI: a client may spell a URI differently (lower-case escapes, unescaped letters) from ours.
  const spellings = new Map<string, string>();
  documents.onDidOpen((event) => spellings.set(normalizeUri(event.document.uri), event.document.uri));
  documents.onDidClose((event) => spellings.delete(normalizeUri(event.document.uri)));
  const openDocument = (uri: string) => documents.get(uri) ?? documents.get(spellings.get(normalizeUri(uri)) ?? '');
  const openText = (uri: string) => {
    const document = openDocument(uri);
    return document ? stripBom(document.getText()) : undefined;
  };
  const workspace = new DiskWorkspace([], (uri) => openText(uri));
  // The index reads the folders from the workspace, so one service serves the whole session.
  // The persisted index is configured at initialize (initializationOptions), after the service exists.
  let persistence: PersistenceOptions | undefined;
  const workers = serverOptions.workerScript ? workerIndexer(serverOptions.workerScript) : undefined;
  const indexer: BulkIndexer | undefined = workers && ((uris, folders) => (persistence ? persistentIndexer(persistence, workers) : workers)(uris, folders));
  // Where sentence-moved learns an article's earlier text (git, the record); set up at initialize, when folders and trust are known.
  let follower: ArticleFollower | undefined;
  const editorHistory = new EditorArticleHistory(() => follower);
  // Long work (a file of 100,000 annotations) gives way every few milliseconds, so requests are answered meanwhile.
  const service: LanguageService = createLanguageService({
    workspace,
    indexer,
    yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
    articleHistory: editorHistory,
    // A large file `yaml` must parse whole (one with a syntax error: 20–40 s for 7 MB) is parsed in a worker thread.
    parseElsewhere: serverOptions.workerScript ? workerParser(serverOptions.workerScript) : undefined,
  });
  const log = (message: string) => connection.console.log(message);

  let pullMode = false;
  /** The client reads publishDiagnostics' version (it may set aside diagnostics of an older version). */
  let versionSupport = false;
  let refreshSupported = false;
  let configurationSupported = false;
  let watcherRegistration = false;
  let workspaceFoldersSupported = false;
  let documentChangesSupported = false;
  let inlayRefreshSupported = false;
  let inlayOptions: InlayHintOptions = readInlayOptions(undefined);
  let initialDelay: number | undefined;
  let followMode: FollowEditsMode = 'prompt';
  let initialFollowMode: FollowEditsMode | undefined;
  let git = { trusted: true, allowed: true };
  let recordDirectory: string | undefined;
  let diskHistory: DiskArticleHistory | undefined;
  const setUpHistory = () => {
    void diskHistory?.flush();
    diskHistory = diskArticleHistory({ folders: () => workspace.folders, directory: recordDirectory, git: git.trusted && git.allowed, isOpen: (uri) => workspace.isOpen(uri) });
    editorHistory.target = diskHistory;
  };
  let recordFlush: ReturnType<typeof setTimeout> | undefined;
  /** The record is written a few seconds after checks settle (and at shutdown), not after every batch. */
  const flushRecordSoon = () => {
    if (recordFlush) clearTimeout(recordFlush);
    recordFlush = setTimeout(() => void diskHistory?.flush(), 3000);
    recordFlush.unref?.();
  };
  const reports = new ReportStore();
  const publisher = new DiagnosticsPublisher({
    reports,
    versionSupport: () => versionSupport,
    send: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
  });
  const workspacePulls = new WorkspacePullQueue(reports.reports);
  let indexing: Promise<void> = Promise.resolve();
  let codeLensRefreshSupported = false;
  const analysisChanged = new AnalysisNotifier((version) => {
    void sendNotification(connection, ANALYSIS_CHANGED_NOTIFICATION, { version }).catch(() => undefined);
    // An annotation file's lenses say what the other coders of its article coded: another file's edit changes them.
    if (codeLensRefreshSupported) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });

  const sink: DiagnosticsSink = {
    deliver(uri, diagnostics, version) {
      publisher.deliver(uri, diagnostics, version, !pullMode);
    },
    batchDone(uris) {
      sendStatus(false);
      if (uris.length) flushRecordSoon();
      // Views ask again for their network and statements: the files re-checked may say something else now.
      if (uris.length) analysisChanged.changed();
      if (!pullMode || !uris.length) return;
      workspacePulls.changed();
      if (refreshSupported) void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
    },
  };
  // An open file of 256 K characters or more (a check takes a second) is checked once typing pauses for 300 ms.
  const minDelayOf = (uri: string) => ((openDocument(uri)?.getText().length ?? 0) >= LARGE_FILE_CHARS ? LARGE_FILE_DELAY_MS : 0);
  const scheduler = new DiagnosticsScheduler({ service, log, versionOf: (uri) => openDocument(uri)?.version, sink, minDelayOf });

  function sendStatus(indexingNow: boolean): void {
    void sendNotification(connection, STATUS_NOTIFICATION, { indexing: indexingNow, files: service.checkedFileCount() }).catch(() => undefined);
  }

  const recheck = (uris: Iterable<string>, delay?: number) => scheduler.schedule(service.changed([...uris].map(normalizeUri)), delay);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    pullMode = capabilities.textDocument?.diagnostic !== undefined;
    versionSupport = capabilities.textDocument?.publishDiagnostics?.versionSupport === true;
    refreshSupported = capabilities.workspace?.diagnostics?.refreshSupport === true;
    configurationSupported = capabilities.workspace?.configuration === true;
    watcherRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    workspaceFoldersSupported = capabilities.workspace?.workspaceFolders === true;
    documentChangesSupported = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    inlayRefreshSupported = capabilities.workspace?.inlayHint?.refreshSupport === true;
    codeLensRefreshSupported = capabilities.workspace?.codeLens?.refreshSupport === true;
    const options = params.initializationOptions as InitializationOptions | undefined;
    inlayOptions = readInlayOptions(options);
    const clientCommands = readClientCommands(options);
    const serverCommands = [ANNOTATE_COMMAND, UPDATE_SENTENCE_NUMBERS_COMMAND, RECORD_FIXES_COMMAND].filter((command) => !clientCommands.includes(command));
    initialDelay = readDelay(options);
    persistence = readPersistence(options, typeof STANDPOINT_VERSION === 'string' ? STANDPOINT_VERSION : 'dev', serverOptions.workerScript);
    initialFollowMode = readFollowEdits(options);
    followMode = initialFollowMode ?? 'prompt';
    git = readGit(options);
    recordDirectory = readRecordDirectory(options);
    follower = new ArticleFollower({
      service,
      mode: () => followMode,
      prompts: () => options?.followEditsPrompt === true,
      prompt: (moved) => void sendNotification(connection, SENTENCE_NUMBERS_MOVED_NOTIFICATION, moved).catch(() => undefined),
      applyEdit: async (label, edit) => (await connection.workspace.applyEdit({ label, edit })).applied,
      versions: () => {
        const versions = openVersions(documents);
        return (edit) => versioned(edit, versions, documentChangesSupported);
      },
      openText,
      log,
    });
    workspace.setFolders(workspaceFolderUris(params));
    setUpHistory();
    service.reset();
    scheduler.delayMs = initialDelay ?? DEFAULT_DELAY_MS;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '[', ',', '-'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor, FIX_ALL_KIND] },
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: serverCommands },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(pullMode ? { diagnosticProvider: { identifier: 'standpoint', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
      },
      serverInfo: { name: 'standpoint', version: typeof STANDPOINT_VERSION === 'string' ? STANDPOINT_VERSION : undefined },
    };
  });

  connection.onInitialized(() => {
    if (workspaceFoldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders(() => {
        void (async () => {
          const folders = await connection.workspace.getWorkspaceFolders();
          workspace.setFolders((folders ?? []).map((f) => f.uri));
          setUpHistory();
          service.reset();
          const before = [...reports.reports.keys()];
          await initialCheck();
          for (const uri of before) {
            if (!service.checkedFiles().includes(uri)) scheduler.schedule([uri], 0);
          }
        })();
      });
    }
    if (watcherRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    indexing = (async () => {
      await loadDelaySetting();
      await initialCheck();
    })().catch((error) => log(`Indexing failed: ${error instanceof Error ? error.stack : String(error)}`));
  });

  async function loadDelaySetting(): Promise<void> {
    if (!configurationSupported) return;
    try {
      const settings = (await connection.workspace.getConfiguration('standpoint')) as Settings | null;
      const delay = readDelay(settings) ?? initialDelay;
      if (delay !== undefined) scheduler.delayMs = delay;
      if (settings) inlayOptions = readInlayOptions(settings);
      followMode = readFollowEdits(settings) ?? initialFollowMode ?? 'prompt';
    } catch {
      // A client that declares configuration support but fails the request keeps the default.
    }
  }

  async function initialCheck(): Promise<void> {
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Standpoint: indexing', 0, 'finding annotation files', false);
    sendStatus(true);
    let lastReport = 0;
    const computed = await service.initialize(async (done, total) => {
      const percent = Math.floor((done / Math.max(1, total)) * 100);
      if (percent !== lastReport) {
        lastReport = percent;
        progress.report(percent, `${done}/${total} annotation files`);
      }
      // Let requests (hover, edits) in between files.
      await new Promise((resolve) => setImmediate(resolve));
    });
    // Diagnostics computed while indexing (in worker threads) are published as they are; the rest are checked now.
    for (const [uri, diagnostics] of computed) sink.deliver(uri, service.limitDiagnostics(uri, diagnostics, EDITOR_DIAGNOSTICS_LIMIT), openDocument(uri)?.version);
    if (computed.size) sink.batchDone([...computed.keys()]);
    const files = service.checkedFiles();
    scheduler.schedule(
      files.filter((uri) => !computed.has(uri)),
      0,
    );
    await scheduler.whenIdle();
    progress.done();
    sendStatus(false);
    log(`Indexed ${files.length} files (${computed.size} in worker threads).`);
  }

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as { standpoint?: Settings } | null)?.standpoint;
    const fromPush = readDelay(pushed);
    if (fromPush !== undefined) scheduler.delayMs = fromPush;
    if (pushed) {
      inlayOptions = readInlayOptions(pushed);
      followMode = readFollowEdits(pushed) ?? 'prompt';
    } else await loadDelaySetting();
    if (inlayRefreshSupported) void connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
  });

  // An open article's text is followed: an edit that moves sentence numbers updates (or offers to update) its annotation files.
  documents.onDidOpen((event) => follower?.opened(event.document.uri, stripBom(event.document.getText())));
  documents.onDidChangeContent((event) => {
    follower?.changed(event.document.uri, stripBom(event.document.getText()));
    recheck([event.document.uri]);
  });
  documents.onDidClose((event) => {
    follower?.closed(event.document.uri);
    recheck([event.document.uri], 0);
  });

  connection.onDidChangeWatchedFiles((params) => {
    // A commit, a pull or a checkout may lie behind changes on disk: git is asked afresh.
    diskHistory?.invalidate();
    service.historyChanged();
    // Changes to open documents come through didChange; disk events for them are ignored (open text wins).
    const uris = params.changes.map((change) => change.uri).filter((uri) => !openDocument(uri));
    if (uris.length) recheck(uris, 0);
  });

  // Trust granted after the start: git may be run from now on, and sentence-moved is worked out again with it.
  connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION.method, () => {
    if (git.trusted) return;
    git = { ...git, trusted: true };
    if (!git.allowed || !diskHistory) return;
    void diskHistory.setGit(gitHistoryFor({ folders: () => workspace.folders, isOpen: (uri) => workspace.isOpen(uri) }, diskHistory.record)).then(() => {
      service.historyChanged();
      scheduler.schedule(service.checkedFiles(), 0);
    });
  });

  connection.onHover(cancellable((params) => service.hover(params.textDocument.uri, params.position)));
  connection.onDefinition(cancellable((params) => service.definition(params.textDocument.uri, params.position)));
  connection.onReferences(cancellable((params, token) => service.references(params.textDocument.uri, params.position, params.context.includeDeclaration, token)));
  connection.onCompletion(cancellable((params) => service.completion(params.textDocument.uri, params.position)));
  connection.onCodeAction(
    cancellable(async (params) => {
      // Versions as the request arrives: the edits are computed from this text, even if a change comes in meanwhile.
      const versions = openVersions(documents);
      const wanted = params.context.only;
      const actions = await service.codeActions(params.textDocument.uri, params.range, params.context.diagnostics, wanted);
      const follow = await follower?.codeAction(params.textDocument.uri);
      if (follow) actions.push(follow);
      return actions
        .filter((action) => !wanted || wanted.some((kind) => action.kind === kind || action.kind?.startsWith(`${kind}.`)))
        .map((action) => (action.edit ? { ...action, edit: versioned(action.edit, versions, documentChangesSupported) } : action));
    }),
  );
  connection.onPrepareRename(
    cancellable(async (params) => {
      const target = await service.prepareRename(params.textDocument.uri, params.position);
      if ('error' in target) throw new ResponseError(ErrorCodes.InvalidRequest, target.error);
      return { range: target.range, placeholder: target.placeholder };
    }),
  );
  connection.onRenameRequest(
    cancellable(async (params, token) => {
      const versions = openVersions(documents);
      const edit = await service.rename(params.textDocument.uri, params.position, params.newName, token);
      if ('error' in edit) throw new ResponseError(ErrorCodes.InvalidRequest, edit.error);
      return versioned(edit, versions, documentChangesSupported);
    }),
  );
  connection.onDocumentSymbol(cancellable((params) => service.documentSymbols(params.textDocument.uri)));
  connection.onWorkspaceSymbol(cancellable((params, token) => service.workspaceSymbols(params.query, token)));
  connection.languages.inlayHint.on(cancellable((params) => service.inlayHints(params.textDocument.uri, params.range, inlayOptions)));
  connection.onCodeLens(cancellable((params, token) => service.codeLenses(params.textDocument.uri, token)));

  async function annotateEdit(args: AnnotateArguments) {
    const versions = openVersions(documents);
    const result = await service.annotate(args);
    if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
    return { ...result, edit: versioned(result.edit, versions, documentChangesSupported) };
  }
  onRequest(connection, ANNOTATE_REQUEST, (args) => annotateEdit(args));
  onRequest(connection, RELATED_FILES_REQUEST, (params) => service.relatedFiles(params.uri));
  onRequest(connection, SENTENCES_REQUEST, (params) => service.sentences(params.uri));
  onRequest(connection, SENTENCE_MARKS_REQUEST, (params) => service.sentenceMarks(params.uri));
  onRequest(connection, CODEBOOK_SUMMARY_REQUEST, (_params, token) => service.codebookSummary(token));
  // Options the CLI refuses are the client's mistake: InvalidParams, with the CLI's message.
  const analysis = async <R>(run: () => Promise<R>): Promise<R> => {
    try {
      return await run();
    } catch (error) {
      throw error instanceof AnalysisOptionsError ? new ResponseError(ErrorCodes.InvalidParams, error.message) : error;
    }
  };
  onRequest(connection, NETWORK_REQUEST, (params, token) => analysis(() => service.network(params, token)));
  onRequest(connection, STATEMENTS_REQUEST, (params, token) => analysis(() => service.statements(params, token)));
  onRequest(connection, AGREEMENT_REQUEST, (params, token) => analysis(() => service.agreement(params, token)));
  onRequest(connection, EXPORT_NETWORK_REQUEST, ({ params, format }, token) =>
    analysis(async () => {
      if (!(NETWORK_FORMATS as readonly unknown[]).includes(format))
        throw new AnalysisOptionsError(`--format ${JSON.stringify(format)} is not a format of \`export network\`; use ${NETWORK_FORMATS.join(', ')}`);
      const { network } = await service.network(params, token);
      return { text: collect(writeNetwork(network, format, { creator: `Standpoint ${typeof STANDPOINT_VERSION === 'string' ? STANDPOINT_VERSION : 'dev'}` })) };
    }),
  );
  registerDnaImport(connection, log);
  connection.onExecuteCommand(
    cancellable(async (params) => {
      if (params.command === UPDATE_SENTENCE_NUMBERS_COMMAND) {
        const [uri] = (params.arguments ?? []) as unknown[];
        if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${UPDATE_SENTENCE_NUMBERS_COMMAND} takes the article's URI`);
        return (await follower?.update(uri)) ?? false;
      }
      if (params.command === RECORD_FIXES_COMMAND) {
        const [uri, fixed] = (params.arguments ?? []) as unknown[];
        const anchors = fixed as { before?: unknown; after?: unknown } | undefined;
        const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
        if (typeof uri !== 'string' || !strings(anchors?.before) || !strings(anchors?.after))
          throw new ResponseError(ErrorCodes.InvalidParams, `${RECORD_FIXES_COMMAND} takes a uri and the anchors before and after`);
        await service.recordFixed(uri, { before: anchors.before, after: anchors.after });
        return null;
      }
      if (params.command !== ANNOTATE_COMMAND) throw new ResponseError(ErrorCodes.InvalidRequest, `Unknown command ${params.command}`);
      const result = await annotateEdit((params.arguments ?? [])[0] as AnnotateArguments);
      const applied = await connection.workspace.applyEdit({ label: `Annotate sentence ${result.sentence}`, edit: result.edit });
      return applied.applied ? result.reveal : null;
    }),
  );

  connection.languages.diagnostics.on(
    cancellable(async (params) => {
      const uri = normalizeUri(params.textDocument.uri);
      const version = openDocument(uri)?.version;
      let report = reports.get(uri);
      // The scheduler's last result is current unless a check is queued or the text moved on.
      if (!report || scheduler.isPending(uri) || report.version !== version) {
        reports.store(uri, await service.diagnostics(uri, { limit: EDITOR_DIAGNOSTICS_LIMIT }), version);
        report = reports.get(uri)!;
      }
      if (params.previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.diagnostics };
    }),
  );

  // A long poll: a pull the client cancels while it waits is answered with RequestCancelled.
  connection.languages.diagnostics.onWorkspace(
    cancellable(async (params, token) => {
      await indexing;
      await scheduler.whenIdle();
      const items: WorkspaceDocumentDiagnosticReport[] = await workspacePulls.next(params.previousResultIds, token);
      return { items };
    }),
  );

  connection.onShutdown(async () => {
    follower?.dispose();
    if (recordFlush) clearTimeout(recordFlush);
    await diskHistory?.flush();
    scheduler.dispose();
    publisher.dispose();
    analysisChanged.dispose();
    workspacePulls.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

declare const STANDPOINT_VERSION: string | undefined;
