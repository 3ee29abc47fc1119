/** Hand-written networks for the page tests (not produced by Standpoint). */
import type { LocatedStatement, Network, NetworkResult, StatementsResult } from '../../../protocol/analysis';
import type { ExtensionMessage, PageMessage, PageState } from '../../src/views/messages';
import type { Channel } from '../../src/views/page/channel';
import type { GraphRenderer, Highlight, RendererEvents } from '../../src/views/page/renderer';
import type { DisplayGraph } from '../../src/views/page/graphModel';
import type { Positions } from '../../src/views/page/layout';
import { FALLBACK_PALETTE, type Palette } from '../../src/views/page/theme';

export const XSS = '<img src=x onerror=alert(1)>';

/** Two-mode: three actors (one named like markup), two topics, Russia also a target. */
export const affiliation: Network = {
  options: { type: 'affiliation', aggregate: 'ignore', normalize: 'none', duplicates: 'include', minWeight: 0 },
  twoMode: true,
  nodes: [
    { key: 'us', id: 'us', label: 'United States', mode: 'actor', type: 'state', frequency: 5 },
    { key: 'russia', id: 'russia', label: 'Russia', mode: 'actor', type: 'state', frequency: 3 },
    { key: 'xss', id: 'xss', label: XSS, mode: 'actor', type: 'person', affiliation: 'us', frequency: 1 },
    { key: 'ceasefire', id: 'ceasefire', label: 'A ceasefire', mode: 'target', type: 'topic', frequency: 6 },
    { key: 'nato', id: 'nato', label: 'Ukraine’s NATO membership', mode: 'target', type: 'topic', frequency: 2 },
    { key: 'target:russia', id: 'russia', label: 'Russia', mode: 'target', type: 'state', frequency: 1 },
  ],
  edges: [
    { source: 'us', target: 'ceasefire', weight: 4, statements: 4, positive: 3, negative: 1, zero: 0 },
    { source: 'us', target: 'target:russia', weight: 1, statements: 1, positive: 0, negative: 1, zero: 0 },
    { source: 'russia', target: 'ceasefire', weight: 1, statements: 1, positive: 0, negative: 0, zero: 1 },
    { source: 'russia', target: 'nato', weight: 2, statements: 2, positive: 0, negative: 2, zero: 0 },
    { source: 'xss', target: 'ceasefire', weight: 1, statements: 1, positive: 1, negative: 0, zero: 0 },
  ],
};

export const congruence: Network = {
  options: { type: 'congruence', aggregate: 'ignore', normalize: 'none', duplicates: 'include', minWeight: 0 },
  twoMode: false,
  nodes: [
    { key: 'us', id: 'us', label: 'United States', mode: 'actor', type: 'state', frequency: 5 },
    { key: 'russia', id: 'russia', label: 'Russia', mode: 'actor', type: 'state', frequency: 3 },
    { key: 'xss', id: 'xss', label: XSS, mode: 'actor', type: 'person', affiliation: 'us', frequency: 1 },
  ],
  edges: [
    { source: 'us', target: 'xss', weight: 3, statements: 4 },
    { source: 'russia', target: 'us', weight: 1, statements: 2 },
  ],
};

export const result = (network: Network, extra: Partial<NetworkResult> = {}): NetworkResult => ({
  network,
  leftOut: { total: 0, reasons: {} },
  notices: [],
  facets: { coders: ['ana', 'ben'], actorTypes: ['organization', 'person', 'state'], firstDate: '2025-02-10', lastDate: '2025-03-02' },
  ...extra,
});

export function located(quote: string | undefined, actorName = 'United States'): LocatedStatement {
  return {
    article: 'articles/riyadh-talks.txt',
    title: 'Talks in Riyadh',
    date: '2025-02-18',
    coder: 'ana',
    file: 'annotations/riyadh-talks.stance.yaml',
    line: 12,
    annotation: 'first-meeting',
    sentence: 4,
    sentenceText: 'For the first time, senior officials sat down at the same table.',
    ...(quote !== undefined ? { quote } : {}),
    start: 0,
    end: 10,
    actor: 'us',
    actorName,
    actorType: 'state',
    toward: 'ceasefire',
    towardLabel: 'A ceasefire',
    towardKind: 'topic',
    stance: 'supports',
    polarity: 1,
    location: { uri: 'file:///w/a.stance.yaml', range: { start: { line: 11, character: 6 }, end: { line: 11, character: 60 } } },
  };
}

export const statements = (items: LocatedStatement[], total = items.length): StatementsResult => ({ statements: items, total, leftOut: { total: 0, reasons: {} } });

/** The page's channel, with the extension played by the test. */
export class FakeChannel implements Channel {
  readonly sent: PageMessage[] = [];
  saved: PageState | undefined;
  private receiver: ((message: ExtensionMessage) => void) | undefined;
  constructor(private readonly initial?: unknown) {}
  post(message: PageMessage): void {
    this.sent.push(message);
  }
  savedState(): unknown {
    return this.initial;
  }
  saveState(state: PageState): void {
    this.saved = JSON.parse(JSON.stringify(state));
  }
  listen(receive: (message: ExtensionMessage) => void): void {
    this.receiver = receive;
  }
  deliver(message: ExtensionMessage): void {
    this.receiver!(message);
  }
  ofType<T extends PageMessage['type']>(type: T): Extract<PageMessage, { type: T }>[] {
    return this.sent.filter((m): m is Extract<PageMessage, { type: T }> => m.type === type);
  }
}

/** Records what would be drawn; the test plays the pointer through `events`. */
export class FakeRenderer implements GraphRenderer {
  draws: { graph: DisplayGraph; positions: Positions; fit: boolean }[] = [];
  highlights: Highlight[] = [];
  focused: string[] = [];
  palettes: Palette[] = [];
  disposed = false;
  constructor(
    readonly container: HTMLElement,
    readonly events: RendererEvents,
  ) {}
  draw(graph: DisplayGraph, positions: Positions, fit: boolean): void {
    this.draws.push({ graph, positions, fit });
  }
  setPalette(palette: Palette): void {
    this.palettes.push(palette);
  }
  setHighlight(highlight: Highlight): void {
    this.highlights.push(highlight);
  }
  focusNode(key: string): void {
    this.focused.push(key);
  }
  viewportPosition(key: string) {
    const last = this.draws.at(-1);
    const p = last?.positions[key];
    return p ? { x: p[0], y: p[1] } : undefined;
  }
  toPng(): string | undefined {
    return 'data:image/png;base64,iVBORw0KGgo=';
  }
  dispose(): void {
    this.disposed = true;
  }
}

export const palette: Palette = FALLBACK_PALETTE;
