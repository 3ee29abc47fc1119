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
} from './messages';
import { errorText, LiveView, type LiveViewHost } from './liveView';

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
export interface AgreementHost extends LiveViewHost {
  readonly source: AgreementSource;
  /** Opens the places side by side, one editor group each, in the columns beside the view. */
  openSideBySide(places: readonly OpenPlace[], viewColumn: vscode.ViewColumn | undefined): Promise<void>;
  /** Opens an article with one of its sentences selected, beside the view. */
  openSentence(articleUri: string, sentence: number, viewColumn: vscode.ViewColumn | undefined): Promise<void>;
}

export const AGREEMENT_VIEW_TYPE = 'standpoint.agreement';
export const AGREEMENT_VIEW_TITLE = 'Compare Coders';
/** At most this many coders' files are opened side by side (the columns beside the view). */
export const MAX_SIDE_BY_SIDE = 3;

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
export class AgreementView extends LiveView<AgreementViewOptions, AgreementPageMessage, AgreementExtensionMessage> {
  private request = 0;
  private last: AgreementResult | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    private readonly host: AgreementHost,
    state?: AgreementPageState,
  ) {
    super(panel, { kind: 'agreement', script: 'agreement', title: AGREEMENT_VIEW_TITLE }, host, state?.options ?? DEFAULT_AGREEMENT_OPTIONS);
  }

  protected parse(raw: unknown): AgreementPageMessage | undefined {
    return agreementPageMessage(raw);
  }

  protected async handle(message: AgreementPageMessage): Promise<void> {
    switch (message.type) {
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

  /** Asks the server for the report of the current options; an older answer that arrives late is dropped. */
  async refresh(): Promise<void> {
    if (!this.ready || this.disposed) return;
    this.refreshing();
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
}
