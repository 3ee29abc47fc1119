import * as vscode from 'vscode';
import type { ScopeArticle } from './messages';
import { makeNonce, pageHtml, type PageResources } from './html';

/** The article of the last article or annotation file the user was in (scope `article`). */
export interface ArticleScope {
  current(): ScopeArticle | undefined;
  readonly onDidChange: vscode.Event<ScopeArticle | undefined>;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What every live view asks of the extension around it. */
export interface LiveViewHost {
  /** Fires when the server's results may have changed (its notification). */
  readonly source: { readonly onDidChange: vscode.Event<void> };
  readonly articles: ArticleScope;
  readonly log: Logger;
  /** dist/views/ in the installed extension. */
  readonly pageRoot: vscode.Uri;
}

/** How a view's page is loaded: its bundle (`<script>.js` in dist/views/) and the panel's title. */
export interface LivePage {
  readonly kind: PageResources['kind'];
  readonly script: string;
  readonly title: string;
}

/** Results may change in bursts (one batch of checks per keystroke): ask once they settle. */
export const REFRESH_DELAY_MS = 30;

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A webview panel that shows the server's answer for its page's options and
 * stays live: it asks again when the server says results changed (at once if
 * visible, else when shown) and, with scope `article`, when the user moves to
 * another article. The page owns the options (restored from its saved state,
 * sent when ready); subclasses check the page's messages, handle them and ask
 * the server in `refresh`.
 */
export abstract class LiveView<Options extends { readonly scope: string }, PageMessage extends { readonly type: string }, ExtensionMessage> implements vscode.Disposable {
  protected options: Options;
  protected ready = false;
  protected disposed = false;
  protected lastScope: ScopeArticle | undefined;
  private stale = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly page: LivePage,
    private readonly liveHost: LiveViewHost,
    options: Options,
  ) {
    this.options = options;
    const webview = panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: [liveHost.pageRoot] };
    webview.html = pageHtml({
      kind: page.kind,
      cspSource: webview.cspSource,
      nonce: makeNonce((bytes) => crypto.getRandomValues(bytes)),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(liveHost.pageRoot, `${page.script}.js`)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(liveHost.pageRoot, 'views.css')).toString(),
      title: page.title,
    });
    this.subscriptions.push(
      webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.scheduleRefresh();
      }),
      liveHost.source.onDidChange(() => this.changed()),
      liveHost.articles.onDidChange((scope) => {
        if (this.options.scope !== 'article' || scope?.uri === this.lastScope?.uri) return;
        void this.post({ type: 'scope', scope } as ExtensionMessage);
        this.changed();
      }),
    );
  }

  /** The page's message, checked (a page sends nothing else); undefined for anything else. */
  protected abstract parse(raw: unknown): PageMessage | undefined;
  /** A page message other than `ready` and `options` (which this class handles). */
  protected abstract handle(message: PageMessage): Promise<void>;
  /** Asks the server for the answer to the current options and posts it to the page. */
  abstract refresh(): Promise<void>;

  /** Handles one message from the page (public for tests). */
  async receive(raw: unknown): Promise<void> {
    const message = this.parse(raw);
    if (!message) {
      this.liveHost.log.warn(`${this.page.title}: ignored a message from the page that is not one it sends`);
      return;
    }
    try {
      // Every page says it is ready, and sends its options when they change, in the same words: ask for the answer to them.
      const options = optionsOf<Options>(message);
      if (options) {
        if (message.type === 'ready') this.ready = true;
        this.options = options;
        await this.refresh();
      } else {
        await this.handle(message);
      }
    } catch (error) {
      this.liveHost.log.error(`${this.page.title}: ${errorText(error)}`);
      void vscode.window.showErrorMessage(`${this.page.title}: ${errorText(error)}`);
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

  /** Called at the start of `refresh`: the page is about to be up to date. */
  protected refreshing(): void {
    this.stale = false;
  }

  private scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  protected async post(message: ExtensionMessage): Promise<void> {
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

/** The options a `ready` or `options` message carries (the pages' messages are checked before they get here). */
function optionsOf<Options>(message: { readonly type: string }): Options | undefined {
  return message.type === 'ready' || message.type === 'options' ? (message as { readonly options?: Options }).options : undefined;
}
