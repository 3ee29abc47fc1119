import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('./vscodeMock'));

import * as vscode from 'vscode';
import { EventEmitter, FakePanel, Uri } from './vscodeMock';
import { AnalysisView, type AnalysisSource, type ViewHost } from '../../src/views/analysisView';
import { REFRESH_DELAY_MS } from '../../src/views/liveView';
import { pageState, type ScopeArticle } from '../../src/views/messages';
import { DEFAULT_OPTIONS } from '../../src/views/options';
import type { LocatedStatement, NetworkParams, NetworkResult, StatementsParams, StatementsResult } from '../../../protocol/analysis';

const range = (line: number) => ({ start: { line, character: 4 }, end: { line, character: 60 } });

function statement(line: number, quote: string): LocatedStatement {
  return {
    article: 'articles/riyadh-talks.txt',
    file: 'annotations/riyadh-talks.stance.yaml',
    line: line + 1,
    annotation: 'first-meeting',
    sentence: 4,
    sentenceText: 'Senior officials sat down at the same table.',
    quote,
    start: 0,
    end: 10,
    actor: 'us',
    actorName: 'United States',
    actorType: 'state',
    toward: 'us-russia-dialogue',
    towardLabel: 'Direct US–Russia dialogue',
    towardKind: 'topic',
    stance: 'supports',
    polarity: 1,
    location: { uri: 'file:///w/annotations/riyadh-talks.stance.yaml', range: range(line) },
    sentenceLocation: { uri: 'file:///w/articles/riyadh-talks.txt', range: range(3) },
  };
}

const network = (label: string): NetworkResult => ({
  network: {
    options: { type: 'congruence', aggregate: 'ignore', normalize: 'none', duplicates: 'include', minWeight: 0 },
    twoMode: false,
    nodes: [
      { key: 'us', id: 'us', label, mode: 'actor', type: 'state', frequency: 2 },
      { key: 'russia', id: 'russia', label: 'Russia', mode: 'actor', type: 'state', frequency: 1 },
    ],
    edges: [{ source: 'us', target: 'russia', weight: 1, statements: 2 }],
  },
  leftOut: { total: 0, reasons: {} },
  notices: [],
  facets: { coders: [], actorTypes: ['state'] },
});

/** A server whose answers the test releases one by one, in any order. */
class FakeSource implements AnalysisSource {
  readonly changes = new EventEmitter<void>();
  readonly onDidChange = this.changes.event as unknown as vscode.Event<void>;
  readonly networkCalls: { params: NetworkParams; resolve: (result: NetworkResult) => void; reject: (error: Error) => void }[] = [];
  readonly statementCalls: StatementsParams[] = [];
  statementsAnswer: StatementsResult = { statements: [statement(10, 'sat down'), statement(20, 'at the same table')], total: 2, leftOut: { total: 0, reasons: {} } };
  exportCalls: unknown[] = [];

  network(params: NetworkParams): Promise<NetworkResult> {
    return new Promise((resolve, reject) => this.networkCalls.push({ params, resolve, reject }));
  }
  async statements(params: StatementsParams): Promise<StatementsResult> {
    this.statementCalls.push(params);
    return this.statementsAnswer;
  }
  async exportNetwork(params: unknown): Promise<{ text: string }> {
    this.exportCalls.push(params);
    return { text: '<graphml/>' };
  }
}

class FakeArticles {
  article: ScopeArticle | undefined;
  readonly changes = new EventEmitter<ScopeArticle | undefined>();
  readonly onDidChange = this.changes.event as unknown as vscode.Event<ScopeArticle | undefined>;
  current = () => this.article;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

let panel: FakePanel;
let source: FakeSource;
let articles: FakeArticles;
let host: ViewHost & { opened: unknown[]; saved: { name: string; filters: Record<string, string[]>; content: Uint8Array }[]; shown: string[]; logs: string[] };

function makeView(state?: Parameters<typeof pageState>[0], kind: 'network' | 'matrix' = 'network'): AnalysisView {
  return new AnalysisView(panel as unknown as vscode.WebviewPanel, kind, host, state === undefined ? undefined : pageState(state, kind));
}

beforeEach(() => {
  panel = new FakePanel();
  source = new FakeSource();
  articles = new FakeArticles();
  const opened: unknown[] = [];
  const saved: { name: string; filters: Record<string, string[]>; content: Uint8Array }[] = [];
  const shown: string[] = [];
  const logs: string[] = [];
  host = {
    source,
    articles,
    log: { info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`), error: (m) => logs.push(`error ${m}`) },
    pageRoot: Uri.file('/ext/dist/views') as unknown as vscode.Uri,
    opened,
    saved,
    shown,
    logs,
    openStatement: async (s, column) => void opened.push([s.line, column]),
    saveFile: async (name, filters, content) => {
      saved.push({ name, filters, content });
      return Uri.file(`/w/${name}`) as unknown as vscode.Uri;
    },
    showView: (kind) => void shown.push(kind),
  };
});

describe('the page HTML', () => {
  it('loads the kind’s script by nonce and the stylesheet from the extension, under a policy that allows nothing else', () => {
    makeView();
    const html = panel.webview.html;
    const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(html).toContain(`default-src 'none'; style-src https://webview.test; script-src 'nonce-${nonce}'`);
    expect(html).toContain(`<script nonce="${nonce}" src="https://webview.test/ext/dist/views/network.js"></script>`);
    expect(html).toContain('<link rel="stylesheet" href="https://webview.test/ext/dist/views/views.css">');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/style=|<style/);
    expect(panel.webview.options).toEqual({ enableScripts: true, localResourceRoots: [host.pageRoot] });
  });

  it('gives each page load its own nonce', () => {
    makeView();
    const first = panel.webview.html;
    panel = new FakePanel();
    makeView();
    expect(/nonce-([^']+)/.exec(panel.webview.html)![1]).not.toBe(/nonce-([^']+)/.exec(first)![1]);
  });
});

describe('asking the server', () => {
  it('asks for nothing until the page is ready, then for the network of the page’s options, and sends it', async () => {
    makeView();
    await flush();
    expect(source.networkCalls).toHaveLength(0);
    panel.send({ type: 'ready', options: { ...DEFAULT_OPTIONS, type: 'conflict', duplicates: 'article', minWeight: 2 } });
    await flush();
    expect(source.networkCalls.map((c) => c.params)).toEqual([{ type: 'conflict', duplicates: 'article', minWeight: 2 }]);
    source.networkCalls[0].resolve(network('United States'));
    await flush();
    const sent = panel.ofType<{ type: 'network'; result: NetworkResult; options: { type: string } }>('network');
    expect(sent).toHaveLength(1);
    expect(sent[0].options.type).toBe('conflict');
    expect(sent[0].result.network.nodes[0].label).toBe('United States');
    expect(panel.ofType('loading')).toHaveLength(1);
  });

  it('drops an older answer that arrives after a newer one', async () => {
    makeView();
    panel.send({ type: 'ready', options: DEFAULT_OPTIONS });
    await flush();
    panel.send({ type: 'options', options: { ...DEFAULT_OPTIONS, type: 'conflict' } });
    await flush();
    expect(source.networkCalls).toHaveLength(2);
    source.networkCalls[1].resolve(network('newer'));
    source.networkCalls[0].resolve(network('older'));
    await flush();
    const labels = panel.ofType<{ type: 'network'; result: NetworkResult }>('network').map((m) => m.result.network.nodes[0].label);
    expect(labels).toEqual(['newer']);
  });

  it('says what went wrong when the server refuses', async () => {
    makeView();
    panel.send({ type: 'ready', options: DEFAULT_OPTIONS });
    await flush();
    source.networkCalls[0].reject(new Error('Unhandled method standpoint/network'));
    await flush();
    expect(panel.ofType('networkError')).toEqual([{ type: 'networkError', message: 'Unhandled method standpoint/network' }]);
  });

  it('asks again shortly after the server says results changed, while visible; when hidden, once it is shown', async () => {
    vi.useFakeTimers();
    try {
      makeView();
      panel.send({ type: 'ready', options: DEFAULT_OPTIONS });
      await vi.advanceTimersByTimeAsync(0);
      source.networkCalls[0].resolve(network('a'));
      source.changes.fire();
      source.changes.fire();
      await vi.advanceTimersByTimeAsync(REFRESH_DELAY_MS - 1);
      expect(source.networkCalls).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(source.networkCalls).toHaveLength(2);

      panel.setVisible(false);
      source.changes.fire();
      await vi.advanceTimersByTimeAsync(1000);
      expect(source.networkCalls).toHaveLength(2);
      panel.setVisible(true);
      await vi.advanceTimersByTimeAsync(REFRESH_DELAY_MS);
      expect(source.networkCalls).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('with scope article, asks for the current article’s annotations, follows the user to another article, and says when there is none', async () => {
    makeView();
    panel.send({ type: 'ready', options: { ...DEFAULT_OPTIONS, scope: 'article' } });
    await flush();
    expect(source.networkCalls).toHaveLength(0);
    expect(panel.ofType<{ message: string }>('networkError')[0].message).toMatch(/^Open an article/);

    vi.useFakeTimers();
    try {
      articles.article = { uri: 'file:///w/articles/a.txt', label: 'articles/a.txt' };
      articles.changes.fire(articles.article);
      await vi.advanceTimersByTimeAsync(REFRESH_DELAY_MS);
      expect(source.networkCalls.map((c) => c.params)).toEqual([{ type: 'congruence', articles: ['file:///w/articles/a.txt'] }]);
      expect(panel.ofType('scope')).toEqual([{ type: 'scope', scope: articles.article }]);
      source.networkCalls[0].resolve(network('a'));
      await vi.advanceTimersByTimeAsync(0);
      expect(panel.ofType<{ scope?: ScopeArticle }>('network')[0].scope).toEqual(articles.article);
    } finally {
      vi.useRealTimers();
    }
  });

  it('restores the options the page saved (the serializer’s state), mending what is invalid', async () => {
    makeView({ kind: 'network', options: { type: 'affiliation', normalize: 'jaccard', aggregate: 'combine', coders: ['ana', 7], from: 'yesterday' } });
    panel.send({ type: 'ready', options: { type: 'affiliation', normalize: 'jaccard', aggregate: 'combine', coders: ['ana', 7], from: 'yesterday' } });
    await flush();
    expect(source.networkCalls[0].params).toEqual({ type: 'affiliation', aggregate: 'combine', coders: ['ana'] });
  });
});

describe('statements', () => {
  async function readyView() {
    const view = makeView();
    panel.send({ type: 'ready', options: { ...DEFAULT_OPTIONS, type: 'affiliation', duplicates: 'month', coders: ['ana'] } });
    await flush();
    source.networkCalls[0].resolve(network('United States'));
    await flush();
    return view;
  }

  it('lists a tie’s statements with the view’s filters, and opens the one the page names', async () => {
    await readyView();
    panel.send({ type: 'statements', requestId: 7, query: { tie: { source: 'us', target: 'us-russia-dialogue' } } });
    await flush();
    expect(source.statementCalls).toEqual([{ coders: ['ana'], duplicates: 'month', tie: { type: 'affiliation', source: 'us', target: 'us-russia-dialogue' }, limit: 200 }]);
    expect(panel.ofType<{ requestId: number }>('statements').map((m) => m.requestId)).toEqual([7]);

    panel.send({ type: 'open', requestId: 7, index: 1 });
    await flush();
    expect(host.opened).toEqual([[21, vscode.ViewColumn.Two]]);
  });

  it('opens nothing for a list it never sent or an index past its end', async () => {
    await readyView();
    panel.send({ type: 'statements', requestId: 1, query: { node: { key: 'us' } } });
    await flush();
    panel.send({ type: 'open', requestId: 2, index: 0 });
    panel.send({ type: 'open', requestId: 1, index: 2 });
    panel.send({ type: 'open', requestId: 1, index: -1 });
    await flush();
    expect(host.opened).toEqual([]);
  });

  it('ignores and logs messages a page does not send', async () => {
    await readyView();
    panel.send({ type: 'open', requestId: '1', index: 0 });
    panel.send({ type: 'exportImage', format: 'svg', data: '<script>alert(1)</script>' });
    panel.send('hello');
    await flush();
    expect(host.logs.filter((l) => l.startsWith('warn')).length).toBe(3);
    expect(host.saved).toEqual([]);
  });
});

describe('exports', () => {
  it('writes GraphML the server wrote for the network on screen, through the save dialog', async () => {
    makeView();
    panel.send({ type: 'ready', options: { ...DEFAULT_OPTIONS, type: 'conflict' } });
    await flush();
    source.networkCalls[0].resolve(network('x'));
    await flush();
    panel.send({ type: 'export', format: 'graphml' });
    await flush();
    expect(source.exportCalls).toEqual([{ params: { type: 'conflict' }, format: 'graphml' }]);
    expect(host.saved.map((s) => [s.name, s.filters, new TextDecoder().decode(s.content)])).toEqual([['conflict-network.graphml', { GraphML: ['graphml'] }, '<graphml/>']]);
  });

  it('decodes a PNG the page drew and writes its bytes', async () => {
    makeView();
    panel.send({ type: 'ready', options: DEFAULT_OPTIONS });
    await flush();
    source.networkCalls[0].resolve(network('x'));
    await flush();
    // The 8-byte PNG signature, base64.
    panel.send({ type: 'exportImage', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' });
    await flush();
    expect([...host.saved[0].content]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(host.saved[0].name).toBe('congruence-network.png');
  });

  it('has nothing to export before a network arrived', async () => {
    makeView();
    panel.send({ type: 'export', format: 'csv' });
    await flush();
    expect(source.exportCalls).toEqual([]);
    expect(vscode.window.showInformationMessage).toHaveBeenCalledWith('There is no network to export yet.');
  });
});

describe('focus and life cycle', () => {
  it('sends a node to focus once the page has its network', async () => {
    const view = makeView();
    view.focus('rubio', 'rubio');
    expect(panel.ofType('focus')).toEqual([]);
    panel.send({ type: 'ready', options: DEFAULT_OPTIONS });
    await flush();
    source.networkCalls[0].resolve(network('x'));
    await flush();
    expect(panel.ofType('focus')).toEqual([{ type: 'focus', key: 'rubio', id: 'rubio' }]);
    expect(panel.revealed).toBe(1);
  });

  it('stops listening when the panel closes', async () => {
    const view = makeView();
    let disposed = 0;
    view.onDidDispose(() => disposed++);
    panel.send({ type: 'ready', options: DEFAULT_OPTIONS });
    await flush();
    panel.dispose();
    source.changes.fire();
    await new Promise((resolve) => setTimeout(resolve, REFRESH_DELAY_MS + 10));
    expect(source.networkCalls).toHaveLength(1);
    expect(disposed).toBe(1);
  });

  it('shows the other view when the page asks, and logs how long drawing took', async () => {
    makeView();
    panel.send({ type: 'showView', kind: 'matrix' });
    panel.send({ type: 'rendered', nodes: 80, edges: 3000, ms: 123.4 });
    await flush();
    expect(host.shown).toEqual(['matrix']);
    expect(host.logs).toContain('info Stance Network: drew 80 nodes and 3000 ties in 123 ms');
  });

  it('gives the matrix the two-mode counts whatever the page asks', async () => {
    makeView(undefined, 'matrix');
    panel.send({ type: 'ready', options: { ...DEFAULT_OPTIONS, type: 'conflict', normalize: 'cosine', minWeight: 3 } });
    await flush();
    expect(source.networkCalls[0].params).toEqual({ type: 'affiliation' });
    expect(panel.webview.html).toContain('/ext/dist/views/matrix.js');
  });
});
