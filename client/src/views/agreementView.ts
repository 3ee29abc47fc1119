import * as vscode from 'vscode';
import type { AgreementParams, AgreementPlace, AgreementResult } from '../../../protocol/agreement';
import {
  agreementPageMessage,
  DEFAULT_AGREEMENT_OPTIONS,
  type AgreementExtensionMessage,
  type AgreementList,
  type AgreementPageMessage,
  type AgreementPageState,
  type AgreementViewOptions,
  type ScopeArticle,
} from './messages';
import { REFRESH_DELAY_MS, type ArticleScope, type Logger } from './analysisView';
import { makeNonce, pageHtml } from './html';

/** The server's agreement report (the language client in the extension; a fake in tests). */
export interface AgreementSource {
  agreement(params: AgreementParams): Promise<AgreementResult>;
  /** Fires when results may have changed (the server's notification). */
  readonly onDidChange: vscode.Event<void>;
}

/** A place to open: a file by URI and a 1-based line. */
export interface OpenPlace {
  readonly uri: string;
  readonly line: number;
}

/** What the Compare Coders view asks of the extension around it. */
export interface AgreementHost {
  readonly source: AgreementSource;
  readonly articles: ArticleScope;
  readonly log: Logger;
  /** dist/views/ in the installed extension. */
  readonly pageRoot: vscode.Uri;
  /** Opens the places side by side, one editor group each, in the columns beside the view. */
  openSideBySide(places: readonly OpenPlace[], viewColumn: vscode.ViewColumn | undefined): Promise<void>;
  /** Opens an article with one of its sentences selected, beside the view. */
  openSentence(articleUri: string, sentence: number, viewColumn: vscode.ViewColumn | undefined): Promise<void>;
}

export const AGREEMENT_VIEW_TYPE = 'standpoint.agreement';
export const AGREEMENT_VIEW_TITLE = 'Compare Coders';
/** At most this many coders' files are opened side by side (the columns beside the view). */
export const MAX_SIDE_BY_SIDE = 3;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The `standpoint/agreement` request for the page's options; `article`: the current article's URI (scope `article`). */
export function agreementParams(options: AgreementViewOptions, article: string | undefined): AgreementParams {
  return {
    ...(options.coders.length >= 2 ? { coders: options.coders } : {}),
    ...(options.scope === 'article' ? { articles: article ? [article] : [] } : {}),
  };
}

/**
 * One place per coder, in the order of the coders: the first place each
 * coder's value came from, else (a coder who gave no value) where in their
 * file it would go. Places whose file has no URI are left out.
 */
export function placesToOpen(result: AgreementResult, list: AgreementList, index: number): OpenPlace[] {
  const entry = result.report[list][index];
  if (!entry) return [];
  const coders = 'values' in entry ? Object.keys(entry.values) : [entry.coder];
  const nearest = list === 'disagreements' ? (result.nearest[index] ?? []) : [];
  const places: OpenPlace[] = [];
  const chosen = (coder: string): AgreementPlace | undefined => entry.places.find((p) => p.coder === coder) ?? nearest.find((p) => p.coder === coder);
  for (const coder of coders) {
    if (list === 'conflicts') {
      // A self-conflict is one coder's two stances: open both.
      for (const place of entry.places) if (result.uris[place.file]) places.push({ uri: result.uris[place.file], line: place.line });
      break;
    }
    const place = chosen(coder);
    if (place && result.uris[place.file]) places.push({ uri: result.uris[place.file], line: place.line });
  }
  return places.slice(0, MAX_SIDE_BY_SIDE);
}

/**
 * The Compare Coders panel and its page. The page owns the options (restored
 * from its saved state, sent when ready); this side asks the server, keeps
 * the last report (the page refers to its entries by index), and follows
 * changes: the server's notification, the user moving to another article.
 */
export class AgreementView implements vscode.Disposable {
  private options: AgreementViewOptions;
  private ready = false;
  private disposed = false;
  private stale = false;
  private request = 0;
  private lastScope: ScopeArticle | undefined;
  private last: AgreementResult | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly host: AgreementHost,
    state?: AgreementPageState,
  ) {
    this.options = state?.options ?? DEFAULT_AGREEMENT_OPTIONS;
    const webview = panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: [host.pageRoot] };
    webview.html = pageHtml({
      kind: 'agreement',
      cspSource: webview.cspSource,
      nonce: makeNonce((bytes) => crypto.getRandomValues(bytes)),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(host.pageRoot, 'agreement.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(host.pageRoot, 'views.css')).toString(),
      title: AGREEMENT_VIEW_TITLE,
    });
    this.subscriptions.push(
      webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.scheduleRefresh();
      }),
      host.source.onDidChange(() => this.changed()),
      host.articles.onDidChange((scope) => {
        if (this.options.scope !== 'article' || scope?.uri === this.lastScope?.uri) return;
        void this.post({ type: 'scope', scope });
        this.changed();
      }),
    );
  }

  /** Handles one message from the page (public for tests). */
  async receive(raw: unknown): Promise<void> {
    const message = agreementPageMessage(raw);
    if (!message) {
      this.host.log.warn(`${AGREEMENT_VIEW_TITLE}: ignored a message from the page that is not one it sends`);
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.host.log.error(`${AGREEMENT_VIEW_TITLE}: ${errorText(error)}`);
      void vscode.window.showErrorMessage(`${AGREEMENT_VIEW_TITLE}: ${errorText(error)}`);
    }
  }

  private async handle(message: AgreementPageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.options = message.options;
        await this.refresh();
        return;
      case 'options':
        this.options = message.options;
        await this.refresh();
        return;
      case 'open': {
        if (!this.last) return;
        const places = placesToOpen(this.last, message.list, message.index);
        if (places.length) await this.host.openSideBySide(places, this.panel.viewColumn);
        return;
      }
      case 'openSentence': {
        const entry = this.last?.report[message.list][message.index];
        const uri = entry && this.last?.uris[entry.article];
        if (entry && uri) await this.host.openSentence(uri, entry.sentence, this.panel.viewColumn);
        return;
      }
      case 'rendered':
        this.host.log.info(`${AGREEMENT_VIEW_TITLE}: showed ${message.disagreements} disagreements in ${Math.round(message.ms)} ms`);
        return;
      case 'problem':
        this.host.log.warn(`${AGREEMENT_VIEW_TITLE} page: ${message.message}`);
        return;
    }
  }

  /** The server's results may have changed: ask again now if the page is visible, else when it is shown. */
  changed(): void {
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  /** Asks the server for the report of the current options; an older answer that arrives late is dropped. */
  async refresh(): Promise<void> {
    if (!this.ready || this.disposed) return;
    this.stale = false;
    const request = ++this.request;
    const scope = this.options.scope === 'article' ? this.host.articles.current() : undefined;
    this.lastScope = scope;
    if (this.options.scope === 'article' && !scope) {
      this.last = undefined;
      await this.post({ type: 'reportError', message: 'Open an article or one of its annotation files to compare its coders (or set the scope to the workspace).' });
      return;
    }
    await this.post({ type: 'loading' });
    let result: AgreementResult;
    try {
      result = await this.host.source.agreement(agreementParams(this.options, scope?.uri));
    } catch (error) {
      if (request !== this.request) return;
      this.last = undefined;
      await this.post({ type: 'reportError', message: errorText(error) });
      return;
    }
    if (request !== this.request || this.disposed) return;
    this.last = result;
    await this.post({ type: 'report', options: this.options, result, ...(scope ? { scope } : {}) });
  }

  private async post(message: AgreementExtensionMessage): Promise<void> {
    if (this.disposed) return;
    await this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    this.panel.dispose();
  }
}
