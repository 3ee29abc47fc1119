import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ANALYSIS_CHANGED_NOTIFICATION, CODEBOOK_SUMMARY_REQUEST, EXPORT_NETWORK_REQUEST, NETWORK_REQUEST, STATEMENTS_REQUEST, type LocatedStatement } from '../../../protocol/analysis';
import { RELATED_FILES_REQUEST, SENTENCES_REQUEST, SHOW_REFERENCES_COMMAND } from '../../../protocol/protocol';
import { AGREEMENT_REQUEST, SHOW_OTHER_CODINGS_COMMAND } from '../../../protocol/agreement';
import type { Location as ProtocolLocation, Position as ProtocolPosition } from 'vscode-languageclient';
import { onNotification, sendRequest } from '../requests';
import { AnalysisView, VIEW_TITLES, VIEW_TYPES, type AnalysisSource, type ViewHost } from './analysisView';
import type { ArticleScope } from './liveView';
import { CodebookTreeProvider, type CodebookNode } from './codebookTree';
import { AGREEMENT_VIEW_TITLE, AGREEMENT_VIEW_TYPE, AgreementView, type AgreementHost } from './agreementView';
import { agreementPageState, pageState, type ScopeArticle } from './messages';
import type { ViewKind } from './options';

export const VIEW_COMMANDS = {
  showNetwork: 'standpoint.showNetwork',
  showMatrix: 'standpoint.showMatrix',
  compareCoders: 'standpoint.compareCoders',
  refreshCodebook: 'standpoint.codebook.refresh',
  reveal: 'standpoint.codebook.reveal',
  findReferences: 'standpoint.codebook.findReferences',
  rename: 'standpoint.codebook.rename',
  showInNetwork: 'standpoint.codebook.showInNetwork',
} as const;

export const CODEBOOK_VIEW = 'standpoint.codebook';

const ARTICLE_LANGUAGES = new Set(['plaintext', 'markdown']);
const ANNOTATION_LANGUAGE = 'standpoint-annotations';

/** Columns for an opened statement: the two lowest ones the view is not in, so the view stays visible. */
export function columnsBeside(viewColumn: vscode.ViewColumn | undefined): [vscode.ViewColumn, vscode.ViewColumn] {
  const free = [1, 2, 3, 4].filter((column) => column !== viewColumn) as vscode.ViewColumn[];
  return [free[0], free[1]];
}

/** Remembers the article of the last article or annotation file the user was in. */
class CurrentArticle implements ArticleScope, vscode.Disposable {
  private article: ScopeArticle | undefined;
  private readonly emitter = new vscode.EventEmitter<ScopeArticle | undefined>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;
  private lookup = 0;

  constructor(private readonly client: LanguageClient) {
    this.subscription = vscode.window.onDidChangeActiveTextEditor((editor) => void this.follow(editor));
    void this.follow(vscode.window.activeTextEditor);
  }

  current(): ScopeArticle | undefined {
    return this.article;
  }

  private async follow(editor: vscode.TextEditor | undefined): Promise<void> {
    const document = editor?.document;
    if (!document || document.uri.scheme !== 'file') return;
    if (!ARTICLE_LANGUAGES.has(document.languageId) && document.languageId !== ANNOTATION_LANGUAGE) return;
    const lookup = ++this.lookup;
    let uri: string | undefined;
    try {
      if (!this.client.isRunning()) return;
      const related = await sendRequest(this.client, RELATED_FILES_REQUEST, { uri: this.client.code2ProtocolConverter.asUri(document.uri) });
      uri = related.kind === 'annotations' ? related.articles[0] : related.kind === 'article' ? this.client.code2ProtocolConverter.asUri(document.uri) : undefined;
    } catch {
      return;
    }
    if (!uri || lookup !== this.lookup || uri === this.article?.uri) return;
    this.article = { uri, label: vscode.workspace.asRelativePath(vscode.Uri.parse(uri)) };
    this.emitter.fire(this.article);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** The server's analysis requests through the language client, and one event for "results may have changed". */
class ClientSource implements AnalysisSource, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  /** Until the server sends its own change notification, every re-check counts as a possible change. */
  private serverNotifies = false;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly client: LanguageClient) {
    this.subscription = onNotification(client, ANALYSIS_CHANGED_NOTIFICATION, () => {
      this.serverNotifies = true;
      this.emitter.fire();
    });
  }

  /** Called after each batch of checks (the status notification). */
  checked(): void {
    if (!this.serverNotifies) this.emitter.fire();
  }

  network = (params: Parameters<AnalysisSource['network']>[0]) => sendRequest(this.client, NETWORK_REQUEST, params);
  statements = (params: Parameters<AnalysisSource['statements']>[0]) => sendRequest(this.client, STATEMENTS_REQUEST, params);
  exportNetwork = (params: Parameters<AnalysisSource['exportNetwork']>[0]) => sendRequest(this.client, EXPORT_NETWORK_REQUEST, params);
  agreement = (params: Parameters<AgreementHost['source']['agreement']>[0]) => sendRequest(this.client, AGREEMENT_REQUEST, params);
  codebooks = () => sendRequest(this.client, CODEBOOK_SUMMARY_REQUEST, {});

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

export interface Views {
  /** The server finished a batch of checks (its status notification). */
  checked(): void;
}

/**
 * The stance network and matrix panels, the Compare Coders panel (commands,
 * serializers that restore them after a reload) and the codebook view in the
 * Explorer. The views only read, so they work in untrusted workspaces.
 */
export function registerViews(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel): Views {
  // The Explorer's codebook view shows in workspaces where Standpoint is active.
  void vscode.commands.executeCommand('setContext', 'standpoint.active', true);
  const source = new ClientSource(client);
  const articles = new CurrentArticle(client);
  const open = new Map<ViewKind, AnalysisView>();
  const converter = client.protocol2CodeConverter;

  const host: ViewHost = {
    source,
    articles,
    log: output,
    pageRoot: vscode.Uri.joinPath(context.extensionUri, 'dist', 'views'),
    async openStatement(statement: LocatedStatement, viewColumn) {
      const [annotationColumn, articleColumn] = columnsBeside(viewColumn);
      if (statement.sentenceLocation) {
        const sentence = converter.asRange(statement.sentenceLocation.range);
        const article = await vscode.window.showTextDocument(converter.asUri(statement.sentenceLocation.uri), { viewColumn: articleColumn, selection: sentence, preserveFocus: true, preview: true });
        article.revealRange(sentence, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
      const entry = converter.asRange(statement.location.range);
      const start = new vscode.Selection(entry.start, entry.start);
      const annotation = await vscode.window.showTextDocument(converter.asUri(statement.location.uri), { viewColumn: annotationColumn, selection: start, preview: true });
      annotation.revealRange(entry, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    },
    async saveFile(defaultName, filters, content) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined, filters, saveLabel: 'Export' });
      if (!target) return undefined;
      await vscode.workspace.fs.writeFile(target, content);
      return target;
    },
    showView: (kind) => void show(kind),
  };

  const adopt = (view: AnalysisView) => {
    view.panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', `view-${view.kind}.svg`);
    open.set(view.kind, view);
    view.onDidDispose(() => {
      if (open.get(view.kind) === view) open.delete(view.kind);
    });
    return view;
  };

  const show = (kind: ViewKind): AnalysisView => {
    const existing = open.get(kind);
    if (existing) {
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPES[kind],
      VIEW_TITLES[kind],
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true, localResourceRoots: [host.pageRoot] },
    );
    return adopt(new AnalysisView(panel, kind, host));
  };

  for (const kind of ['network', 'matrix'] as const) {
    context.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPES[kind], {
        async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
          const existing = open.get(kind);
          if (existing) {
            // Two restored panels of one kind: keep the first.
            panel.dispose();
            return;
          }
          adopt(new AnalysisView(panel, kind, host, pageState(state, kind)));
        },
      }),
    );
  }

  // Compare Coders: one panel; a disagreement opens each coder's annotation side by side.
  const agreementHost: AgreementHost = {
    source,
    articles,
    log: output,
    pageRoot: host.pageRoot,
    async openSideBySide(places, viewColumn) {
      const free = [1, 2, 3, 4].filter((column) => column !== viewColumn) as vscode.ViewColumn[];
      for (const [i, place] of places.entries()) {
        const line = Math.max(0, place.line - 1);
        const at = new vscode.Selection(line, 0, line, 0);
        const editor = await vscode.window.showTextDocument(converter.asUri(place.uri), { viewColumn: free[i], selection: at, preview: true, preserveFocus: i > 0 });
        editor.revealRange(at, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
    },
    async openSentence(articleUri, sentence, viewColumn) {
      const sentences = await sendRequest(client, SENTENCES_REQUEST, { uri: articleUri });
      const found = sentences.find((s) => s.n === sentence);
      const range = found ? converter.asRange(found.range) : undefined;
      const [column] = columnsBeside(viewColumn);
      const editor = await vscode.window.showTextDocument(converter.asUri(articleUri), {
        viewColumn: column,
        preview: true,
        ...(range ? { selection: new vscode.Selection(range.start, range.end) } : {}),
      });
      if (range) editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    },
  };
  let agreementView: AgreementView | undefined;
  const adoptAgreement = (view: AgreementView) => {
    view.panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'view-matrix.svg');
    agreementView = view;
    view.onDidDispose(() => {
      if (agreementView === view) agreementView = undefined;
    });
  };
  const compareCoders = () => {
    if (agreementView) {
      agreementView.panel.reveal(undefined, false);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      AGREEMENT_VIEW_TYPE,
      AGREEMENT_VIEW_TITLE,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true, localResourceRoots: [host.pageRoot] },
    );
    adoptAgreement(new AgreementView(panel, agreementHost));
  };
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(AGREEMENT_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        if (agreementView) {
          panel.dispose();
          return;
        }
        adoptAgreement(new AgreementView(panel, agreementHost, agreementPageState(state)));
      },
    }),
    { dispose: () => agreementView?.dispose() },
  );

  const tree = new CodebookTreeProvider(
    () => source.codebooks(),
    (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)),
    (message) => output.warn(`Codebook view: ${message}`),
  );
  const treeView = vscode.window.createTreeView(CODEBOOK_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  let treeStale = false;
  let treeTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshTree = () => {
    if (!treeView.visible) {
      treeStale = true;
      return;
    }
    if (treeTimer) clearTimeout(treeTimer);
    treeTimer = setTimeout(() => tree.refresh(), 300);
  };

  const entryOf = (node: CodebookNode | undefined) => (node?.kind === 'entry' ? node : undefined);
  const openEntry = async (node: CodebookNode | undefined) => {
    const entry = entryOf(node);
    if (!entry) return undefined;
    const range = converter.asRange(entry.entry.range);
    const editor = await vscode.window.showTextDocument(converter.asUri(entry.uri), { selection: new vscode.Selection(range.start, range.start), preview: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return { editor, entry, range };
  };
  const register = (id: string, run: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register(VIEW_COMMANDS.showNetwork, () => void show('network'));
  register(VIEW_COMMANDS.showMatrix, () => void show('matrix'));
  register(VIEW_COMMANDS.compareCoders, compareCoders);
  // A disagreement's code lens in an annotation file: the other coders' places, in a peek under the line.
  register(SHOW_OTHER_CODINGS_COMMAND, async (uri: string, position: ProtocolPosition, locations: ProtocolLocation[]) => {
    await vscode.commands.executeCommand(
      'editor.action.showReferences',
      converter.asUri(uri),
      converter.asPosition(position),
      (locations ?? []).map((location) => converter.asLocation(location)),
    );
  });
  register(VIEW_COMMANDS.refreshCodebook, () => tree.refresh());
  register(VIEW_COMMANDS.reveal, (node: CodebookNode) => openEntry(node));
  register(VIEW_COMMANDS.rename, async (node: CodebookNode) => {
    if (await openEntry(node)) await vscode.commands.executeCommand('editor.action.rename');
  });
  register(VIEW_COMMANDS.findReferences, async (node: CodebookNode) => {
    const entry = entryOf(node);
    if (!entry) return;
    const position = entry.entry.range.start;
    try {
      // The References view ("Find All References") lists them beside the editor.
      await vscode.commands.executeCommand('references-view.findReferences', converter.asUri(entry.uri), converter.asPosition(position));
    } catch {
      await vscode.commands.executeCommand(SHOW_REFERENCES_COMMAND, entry.uri, position);
    }
  });
  register(VIEW_COMMANDS.showInNetwork, (node: CodebookNode) => {
    const entry = entryOf(node);
    if (!entry) return;
    show('network').focus(entry.entry.id, entry.entry.id);
  });

  context.subscriptions.push(
    source,
    articles,
    tree,
    treeView,
    treeView.onDidChangeVisibility(({ visible }) => {
      if (visible && treeStale) {
        treeStale = false;
        tree.refresh();
      }
    }),
    source.onDidChange(refreshTree),
    { dispose: () => treeTimer && clearTimeout(treeTimer) },
    { dispose: () => [...open.values()].forEach((view) => view.dispose()) },
  );

  return { checked: () => source.checked() };
}
