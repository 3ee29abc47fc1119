import * as vscode from 'vscode';
import type { ExportNetworkParams, ExportNetworkResult, LocatedStatement, NetworkParams, NetworkResult, StatementsParams, StatementsResult } from '../../../protocol/analysis';
import { pageMessage, type ExtensionMessage, type FileExportFormat, type ImageExportFormat, type PageMessage, type PageState } from './messages';
import { DEFAULT_OPTIONS, networkParams, statementsParams, viewOptions, type ViewKind, type ViewOptions } from './options';
import { errorText, LiveView, type LiveViewHost } from './liveView';

/** The server's answers a view needs (the language client in the extension; a fake in tests). */
export interface AnalysisSource {
  network(params: NetworkParams): Promise<NetworkResult>;
  statements(params: StatementsParams): Promise<StatementsResult>;
  exportNetwork(params: ExportNetworkParams): Promise<ExportNetworkResult>;
  /** Fires when results may have changed (the server's notification). */
  readonly onDidChange: vscode.Event<void>;
}

/** What a view asks of the extension around it. */
export interface ViewHost extends LiveViewHost {
  readonly source: AnalysisSource;
  openStatement(statement: LocatedStatement, besideColumn: vscode.ViewColumn | undefined): Promise<void>;
  /** Asks where to save (VS Code's save dialog) and writes; undefined when the user cancels. */
  saveFile(defaultName: string, filters: Record<string, string[]>, content: Uint8Array): Promise<vscode.Uri | undefined>;
  showView(kind: ViewKind): void;
}

export const VIEW_TYPES: Readonly<Record<ViewKind, string>> = { network: 'standpoint.network', matrix: 'standpoint.matrix' };
export const VIEW_TITLES: Readonly<Record<ViewKind, string>> = { network: 'Stance Network', matrix: 'Stance Matrix' };

/** Statement lists a page can still open entries of (older ones are forgotten). */
const KEPT_LISTS = 8;

const FILE_EXPORTS: Readonly<Record<FileExportFormat, { extension: string; filter: string }>> = {
  graphml: { extension: 'graphml', filter: 'GraphML' },
  csv: { extension: 'csv', filter: 'CSV edge list' },
};
const IMAGE_EXPORTS: Readonly<Record<ImageExportFormat, { extension: string; filter: string }>> = {
  svg: { extension: 'svg', filter: 'SVG image' },
  png: { extension: 'png', filter: 'PNG image' },
};

/**
 * One view panel (network or matrix) and its page. The page owns the options
 * (it restores them from its saved state and sends them when ready); this side
 * asks the server, keeps what the page may refer back to (the statement lists
 * it was sent), and follows changes: the server's notification, the user
 * moving to another article.
 */
export class AnalysisView extends LiveView<ViewOptions, PageMessage, ExtensionMessage> {
  private networkRequest = 0;
  private lastParams: NetworkParams | undefined;
  private pendingFocus: { key: string; id: string } | undefined;
  private readonly lists = new Map<number, readonly LocatedStatement[]>();

  constructor(
    panel: vscode.WebviewPanel,
    readonly kind: ViewKind,
    private readonly host: ViewHost,
    state?: PageState,
  ) {
    super(panel, { kind, script: kind, title: VIEW_TITLES[kind] }, host, state?.options ?? viewOptions(DEFAULT_OPTIONS, kind));
  }

  protected parse(raw: unknown): PageMessage | undefined {
    return pageMessage(raw, this.kind);
  }

  protected async handle(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'statements':
        return this.sendStatements(message.requestId, message.query);
      case 'open': {
        const statement = this.lists.get(message.requestId)?.[message.index];
        if (statement) await this.host.openStatement(statement, this.panel.viewColumn);
        return;
      }
      case 'export':
        return this.exportFile(message.format);
      case 'exportImage':
        return this.exportImage(message.format, message.data);
      case 'showView':
        this.host.showView(message.kind);
        return;
      case 'rendered':
        this.host.log.info(`${VIEW_TITLES[this.kind]}: drew ${message.nodes} nodes and ${message.edges} ties in ${Math.round(message.ms)} ms`);
        return;
      case 'problem':
        this.host.log.warn(`${VIEW_TITLES[this.kind]} page: ${message.message}`);
        return;
    }
  }

  /** Show one node: from the codebook view. Sent once the page has its network. */
  focus(key: string, id: string): void {
    this.panel.reveal(undefined, false);
    if (this.ready && this.lastParams) void this.post({ type: 'focus', key, id });
    else this.pendingFocus = { key, id };
  }

  /** Asks the server for the network of the current options; an older answer that arrives late is dropped. */
  async refresh(): Promise<void> {
    if (!this.ready || this.disposed) return;
    this.refreshing();
    const request = ++this.networkRequest;
    const scope = this.options.scope === 'article' ? this.host.articles.current() : undefined;
    this.lastScope = scope;
    if (this.options.scope === 'article' && !scope) {
      this.lastParams = undefined;
      await this.post({ type: 'networkError', message: 'Open an article or one of its annotation files to see its network (or set the scope to the workspace).' });
      return;
    }
    const params = networkParams(this.options, scope?.uri);
    await this.post({ type: 'loading' });
    let result: NetworkResult;
    try {
      result = await this.host.source.network(params);
    } catch (error) {
      if (request !== this.networkRequest) return;
      this.lastParams = undefined;
      await this.post({ type: 'networkError', message: errorText(error) });
      return;
    }
    if (request !== this.networkRequest || this.disposed) return;
    this.lastParams = params;
    await this.post({ type: 'network', options: this.options, result, ...(scope ? { scope } : {}) });
    if (this.pendingFocus) {
      await this.post({ type: 'focus', ...this.pendingFocus });
      this.pendingFocus = undefined;
    }
  }

  private async sendStatements(requestId: number, query: Parameters<typeof statementsParams>[1]): Promise<void> {
    const params = statementsParams(this.options, query, this.lastScope?.uri);
    try {
      const result = await this.host.source.statements(params);
      this.lists.set(requestId, result.statements);
      for (const id of this.lists.keys()) if (this.lists.size > KEPT_LISTS) this.lists.delete(id);
      await this.post({ type: 'statements', requestId, result });
    } catch (error) {
      await this.post({ type: 'statementsError', requestId, message: errorText(error) });
    }
  }

  private baseName(): string {
    const params = this.lastParams;
    return params ? `${params.type}-network${this.lastScope ? `-${this.lastScope.label.replace(/^.*\//, '').replace(/\.[^.]*$/, '')}` : ''}` : 'network';
  }

  private async exportFile(format: FileExportFormat): Promise<void> {
    if (!this.lastParams) {
      void vscode.window.showInformationMessage('There is no network to export yet.');
      return;
    }
    const { text } = await this.host.source.exportNetwork({ params: this.lastParams, format });
    const { extension, filter } = FILE_EXPORTS[format];
    const saved = await this.host.saveFile(`${this.baseName()}.${extension}`, { [filter]: [extension] }, new TextEncoder().encode(text));
    if (saved) this.host.log.info(`${VIEW_TITLES[this.kind]}: exported ${format} to ${saved.toString(true)}`);
  }

  private async exportImage(format: ImageExportFormat, data: string): Promise<void> {
    const bytes = format === 'svg' ? new TextEncoder().encode(data) : Uint8Array.from(Buffer.from(data.slice(data.indexOf(',') + 1), 'base64'));
    const { extension, filter } = IMAGE_EXPORTS[format];
    const saved = await this.host.saveFile(`${this.baseName()}.${extension}`, { [filter]: [extension] }, bytes);
    if (saved) this.host.log.info(`${VIEW_TITLES[this.kind]}: exported ${format} to ${saved.toString(true)}`);
  }
}
