import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('./vscodeMock'));

import * as vscode from 'vscode';
import { EventEmitter, FakePanel, Uri } from './vscodeMock';
import { agreementParams, AgreementView, placesToOpen, type AgreementHost, type AgreementSource, type OpenPlace } from '../../src/views/agreementView';
import { REFRESH_DELAY_MS } from '../../src/views/liveView';
import { agreementPageState, type ScopeArticle } from '../../src/views/messages';
import type { AgreementParams, AgreementResult } from '../../../protocol/agreement';
import { agreementResult } from './agreementResult';

const ANA = 'file:///w/annotations/riyadh.ana.stance.yaml';
const BEN = 'file:///w/annotations/riyadh.ben.stance.yaml';
const ARTICLE = { uri: 'file:///w/articles/riyadh.txt', label: 'articles/riyadh.txt' };

/** A server whose answers the test releases one by one, in any order. */
class FakeSource implements AgreementSource {
  readonly changes = new EventEmitter<void>();
  readonly onDidChange = this.changes.event as unknown as vscode.Event<void>;
  readonly calls: { params: AgreementParams; resolve: (result: AgreementResult) => void; reject: (error: Error) => void }[] = [];
  agreement(params: AgreementParams): Promise<AgreementResult> {
    return new Promise((resolve, reject) => this.calls.push({ params, resolve, reject }));
  }
}

class FakeArticles {
  article: ScopeArticle | undefined;
  readonly changes = new EventEmitter<ScopeArticle | undefined>();
  readonly onDidChange = this.changes.event as unknown as vscode.Event<ScopeArticle | undefined>;
  current = () => this.article;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
/** The page says something; the panel's handling (async) has run once this resolves. */
async function send(message: unknown): Promise<void> {
  panel.send(message);
  await flush();
}

let panel: FakePanel;
let source: FakeSource;
let articles: FakeArticles;
let opened: { places: readonly OpenPlace[]; column: unknown }[];
let sentences: [string, number, unknown][];
let logs: string[];
let host: AgreementHost;

function makeView(state?: unknown): AgreementView {
  return new AgreementView(panel as unknown as vscode.WebviewPanel, host, state === undefined ? undefined : agreementPageState(state));
}

beforeEach(() => {
  panel = new FakePanel();
  source = new FakeSource();
  articles = new FakeArticles();
  opened = [];
  sentences = [];
  logs = [];
  host = {
    source,
    articles,
    log: { info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`), error: (m) => logs.push(`error ${m}`) },
    pageRoot: Uri.file('/ext/dist/views') as unknown as vscode.Uri,
    openSideBySide: async (places, column) => void opened.push({ places, column }),
    openSentence: async (uri, sentence, column) => void sentences.push([uri, sentence, column]),
  };
});

describe('the Compare Coders panel', () => {
  it('loads its own script by nonce under the views’ policy', () => {
    makeView();
    const html = panel.webview.html;
    const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
    expect(html).toContain(`<script nonce="${nonce}" src="https://webview.test/ext/dist/views/agreement.js"></script>`);
    expect(html).toContain('<body data-view="agreement">');
    expect(html).toContain(`default-src 'none'; style-src https://webview.test; script-src 'nonce-${nonce}'`);
  });

  it('asks the server when the page is ready, and sends the page the answer', async () => {
    makeView();
    await send({ type: 'ready', options: { scope: 'workspace', coders: [] } });
    expect(source.calls.map((c) => c.params)).toEqual([{}]);
    source.calls[0].resolve(agreementResult());
    await flush();
    expect(panel.posted.map((m) => (m as { type: string }).type)).toEqual(['loading', 'report']);
  });

  it('turns options into the request: --coders only with two or more, the current article as scope', () => {
    expect(agreementParams({ scope: 'workspace', coders: ['ana'] }, undefined)).toEqual({});
    expect(agreementParams({ scope: 'workspace', coders: ['ana', 'ben'] }, ARTICLE.uri)).toEqual({ coders: ['ana', 'ben'] });
    expect(agreementParams({ scope: 'article', coders: [] }, ARTICLE.uri)).toEqual({ articles: [ARTICLE.uri] });
  });

  it('with the article scope and no article, says what to do instead of asking', async () => {
    makeView();
    await send({ type: 'ready', options: { scope: 'article', coders: [] } });
    expect(source.calls).toHaveLength(0);
    expect(panel.ofType<{ message: string }>('reportError')[0].message).toMatch(/^Open an article or one of its annotation files/);
    articles.article = ARTICLE;
    articles.changes.fire(ARTICLE);
    await new Promise((resolve) => setTimeout(resolve, REFRESH_DELAY_MS + 10));
    expect(source.calls.map((c) => c.params)).toEqual([{ articles: [ARTICLE.uri] }]);
    expect(panel.ofType('scope')).toEqual([{ type: 'scope', scope: ARTICLE }]);
  });

  it('shows the server’s refusal on the page', async () => {
    makeView();
    await send({ type: 'ready', options: { scope: 'workspace', coders: ['ana', 'zed'] } });
    source.calls[0].reject(new Error("--coders: no annotation file has coder 'zed' (coders found: ana, ben)"));
    await flush();
    expect(panel.ofType('reportError')).toEqual([{ type: 'reportError', message: "--coders: no annotation file has coder 'zed' (coders found: ana, ben)" }]);
  });

  it('drops an older answer that arrives after a newer one', async () => {
    makeView();
    await send({ type: 'ready', options: { scope: 'workspace', coders: [] } });
    await send({ type: 'options', options: { scope: 'workspace', coders: ['ana', 'ben'] } });
    await flush();
    source.calls[1].resolve(agreementResult({ codersFound: ['new'] }));
    await flush();
    source.calls[0].resolve(agreementResult({ codersFound: ['old'] }));
    await flush();
    const reports = panel.ofType<{ result: AgreementResult }>('report');
    expect(reports.map((r) => r.result.codersFound)).toEqual([['new']]);
  });

  it('asks again after the server says results changed, once they settle, or when shown again', async () => {
    vi.useFakeTimers();
    try {
      makeView();
      panel.send({ type: 'ready', options: { scope: 'workspace', coders: [] } });
      await vi.advanceTimersByTimeAsync(0);
      expect(source.calls).toHaveLength(1);
      source.changes.fire();
      source.changes.fire();
      await vi.advanceTimersByTimeAsync(REFRESH_DELAY_MS);
      expect(source.calls).toHaveLength(2);
      panel.setVisible(false);
      source.changes.fire();
      await vi.advanceTimersByTimeAsync(REFRESH_DELAY_MS * 3);
      expect(source.calls).toHaveLength(2);
      panel.setVisible(true);
      await vi.advanceTimersByTimeAsync(REFRESH_DELAY_MS);
      expect(source.calls).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens each coder’s annotation of a disagreement side by side, and its sentence', async () => {
    makeView();
    await send({ type: 'ready', options: { scope: 'workspace', coders: [] } });
    source.calls[0].resolve(agreementResult());
    await flush();
    await send({ type: 'open', list: 'disagreements', index: 2 });
    await send({ type: 'openSentence', list: 'disagreements', index: 2 });
    expect(opened).toEqual([
      {
        places: [
          { uri: ANA, line: 95 },
          { uri: BEN, line: 77 },
        ],
        column: 2,
      },
    ]);
    expect(sentences).toEqual([[ARTICLE.uri, 21, 2]]);
  });

  it('ignores what the page cannot have sent, and entries it was never sent', async () => {
    makeView();
    await send({ type: 'open', list: 'disagreements', index: 0 });
    await send({ type: 'open', list: 'elsewhere', index: 0 });
    await send({ type: 'ready', options: { scope: 'workspace', coders: [] } });
    source.calls[0].resolve(agreementResult());
    await flush();
    await send({ type: 'open', list: 'disagreements', index: 99 });
    expect(opened).toEqual([]);
    expect(logs.filter((l) => l.startsWith('warn'))).toEqual(['warn Compare Coders: ignored a message from the page that is not one it sends']);
  });
});

describe('which places a disagreement opens', () => {
  const result = agreementResult();

  it('one per coder in the report’s order: where their value came from, else where it would go in their file', () => {
    expect(placesToOpen(result, 'disagreements', 0)).toEqual([
      { uri: ANA, line: 60 },
      { uri: BEN, line: 52 },
    ]);
    expect(placesToOpen(result, 'disagreements', 2)).toEqual([
      { uri: ANA, line: 95 },
      { uri: BEN, line: 77 },
    ]);
  });

  it('a self-conflict: both stance entries of the one coder', () => {
    expect(placesToOpen(result, 'conflicts', 0)).toEqual([
      { uri: BEN, line: 120 },
      { uri: BEN, line: 123 },
    ]);
  });

  it('at most three (the columns beside the view), none for an unknown entry', () => {
    const four = agreementResult();
    const d = four.report.disagreements[2];
    const many: AgreementResult = {
      ...four,
      report: {
        ...four.report,
        disagreements: [{ ...d, values: { a: 'x', b: 'y', c: 'z', e: 'w' }, places: ['a', 'b', 'c', 'e'].map((coder, i) => ({ file: 'annotations/riyadh.ana.stance.yaml', line: i + 1, coder })) }],
      },
      nearest: [[]],
    };
    expect(placesToOpen(many, 'disagreements', 0).map((p) => p.line)).toEqual([1, 2, 3]);
    expect(placesToOpen(four, 'disagreements', 7)).toEqual([]);
  });
});
