/**
 * The stance network page: controls, the drawing (behind GraphRenderer),
 * hover details, the statements of a clicked tie or node, exports, and the
 * saved state (options and node positions) that survives a window reload.
 */
import type { NetworkResult } from '../../../../protocol/analysis';
import type { ExtensionMessage, PageState, ScopeArticle } from '../messages';
import { viewOptions, type ViewOptions } from '../options';
import type { Channel } from './channel';
import { Controls } from './controls';
import { formatNumber, h, plural, replaceChildren } from './dom';
import { displayGraph, edgeKey, type DisplayGraph, type EdgeSign, type EdgeView, type NodeView } from './graphModel';
import { layoutNetwork, type Position } from './layout';
import { describeLeftOut } from './leftOut';
import type { GraphRenderer, Highlight, RendererFactory } from './renderer';
import { StatementsPanel } from './statementsPanel';
import { networkSvg } from './svgExport';
import type { Palette } from './theme';

export interface NetworkPageDeps {
  readonly channel: Channel;
  readonly createRenderer: RendererFactory;
  readonly palette: () => Palette;
  readonly now: () => number;
  /** Runs after the next frame is drawn (requestAnimationFrame in the browser). */
  readonly afterFrame: (callback: () => void) => void;
}

/** Positions kept in the saved state, most recent first; older nodes beyond this are forgotten. */
const MAX_KEPT_POSITIONS = 5000;

/** Shown instead of the drawing when this window cannot draw it. */
export const NO_DRAWING =
  'This window cannot draw the network: its WebGL is unavailable (turned off, or no graphics acceleration, as on some remote desktops). ' +
  'The counts, legend and the GraphML, CSV and SVG exports still work, and the Matrix button shows the same statements as a table.';

const SIGN_TEXT: Record<EdgeSign, string> = { supports: 'supports', opposes: 'opposes', mixed: 'mixed', neutral: 'neutral' };

/** The saved state of a network page, checked (it comes back from disk after a reload). */
export function restoreNetworkState(saved: unknown): PageState {
  const raw = (typeof saved === 'object' && saved !== null ? saved : {}) as { options?: unknown; positions?: unknown };
  const positions: Record<string, Position> = {};
  if (typeof raw.positions === 'object' && raw.positions !== null) {
    for (const [key, value] of Object.entries(raw.positions as Record<string, unknown>).slice(0, MAX_KEPT_POSITIONS)) {
      if (Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number' && Number.isFinite(n))) positions[key] = [value[0], value[1]];
    }
  }
  return { kind: 'network', options: viewOptions(raw.options, 'network'), positions };
}

export class NetworkPage {
  private state: PageState;
  private result: NetworkResult | undefined;
  private display: DisplayGraph | undefined;
  private nodesByKey = new Map<string, NodeView>();
  private edgesByKey = new Map<string, EdgeView>();
  private layoutEdges: ReadonlySet<string> | undefined;
  private renderer: GraphRenderer | undefined;
  private palette: Palette;
  private highlight: Highlight = {};
  private statementsRequest = 0;
  private draws = 0;
  private lastType: string | undefined;
  /** Why the drawing could not be made (no WebGL), once that is known; the page then shows NO_DRAWING. */
  private cannotDraw: string | undefined;

  readonly controls: Controls;
  readonly statements: StatementsPanel;
  private readonly status: HTMLElement;
  private readonly notices: HTMLElement;
  private readonly graphBox: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly noDrawing: HTMLElement;
  private readonly tooltip: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly searchList: HTMLDataListElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly deps: NetworkPageDeps,
  ) {
    this.state = restoreNetworkState(deps.channel.savedState());
    this.palette = deps.palette();
    this.controls = new Controls('network', this.state.options, (options) => this.optionsChanged(options));
    this.statements = new StatementsPanel((requestId, index) => deps.channel.post({ type: 'open', requestId, index }));
    this.status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading the network…');
    this.notices = h('ul', { class: 'notices' });
    this.empty = h('p', { class: 'empty', hidden: true });
    this.noDrawing = h('p', { class: 'no-drawing', role: 'alert', hidden: true });
    this.tooltip = h('div', { class: 'tooltip', role: 'tooltip', hidden: true });
    this.graphBox = h('div', { class: 'graph', role: 'img', 'aria-label': 'Stance network' });
    this.legend = h('ul', { class: 'legend', 'aria-label': 'Legend' });
    this.searchList = h('datalist', { id: 'node-names' });
    this.search = h('input', { type: 'search', id: 'find-node', list: 'node-names', placeholder: 'Find an actor or target', 'aria-label': 'Find an actor or target' });
    this.search.addEventListener('change', () => this.find(this.search.value));

    const button = (label: string, title: string, run: () => void) => {
      const element = h('button', { type: 'button', title }, label);
      element.addEventListener('click', run);
      return element;
    };
    const actions = h(
      'div',
      { class: 'actions', role: 'group', 'aria-label': 'Export and views' },
      this.search,
      this.searchList,
      button('GraphML', 'Export this network as GraphML (Gephi, igraph, networkx)', () => deps.channel.post({ type: 'export', format: 'graphml' })),
      button('CSV', 'Export this network as a CSV edge list', () => deps.channel.post({ type: 'export', format: 'csv' })),
      button('SVG', 'Export this drawing as an SVG image', () => this.exportSvg()),
      button('PNG', 'Export this drawing as a PNG image', () => this.exportPng()),
      button('Matrix', 'Show the same statements as a table (Stance Matrix)', () => deps.channel.post({ type: 'showView', kind: 'matrix' })),
    );
    replaceChildren(
      root,
      h('header', { class: 'toolbar' }, this.controls.element, actions),
      this.status,
      this.notices,
      h('div', { class: 'body' }, h('div', { class: 'graph-area' }, this.graphBox, this.noDrawing, this.empty, this.tooltip, this.legend), this.statements.element),
    );
    deps.channel.listen((message) => this.receive(message));
    deps.channel.post({ type: 'ready', options: this.state.options });
  }

  receive(message: ExtensionMessage): void {
    switch (message.type) {
      case 'loading':
        this.graphBox.setAttribute('aria-busy', 'true');
        return;
      case 'network':
        this.showNetwork(message.result, message.options, message.scope);
        return;
      case 'networkError':
        this.graphBox.removeAttribute('aria-busy');
        this.status.textContent = message.message;
        this.status.classList.add('error');
        return;
      case 'statements':
        this.statements.show(message.requestId, message.result);
        return;
      case 'statementsError':
        this.statements.error(message.requestId, message.message);
        return;
      case 'focus':
        this.focus(message.key, message.id);
        return;
      case 'scope':
        this.controls.setScope(message.scope?.label);
        return;
    }
  }

  /** Re-reads the theme's colours and redraws (VS Code switched theme). */
  themeChanged(): void {
    this.palette = this.deps.palette();
    this.renderer?.setPalette(this.palette);
    if (this.result) this.draw(this.result, false);
  }

  private optionsChanged(options: ViewOptions): void {
    this.state = { ...this.state, options };
    this.deps.channel.saveState(this.state);
    this.deps.channel.post({ type: 'options', options });
  }

  private showNetwork(result: NetworkResult, options: ViewOptions, scope: ScopeArticle | undefined): void {
    const started = this.deps.now();
    this.graphBox.removeAttribute('aria-busy');
    this.status.classList.remove('error');
    this.result = result;
    this.controls.setFacets(result.facets);
    this.controls.setScope(scope?.label);
    const fit = this.lastType !== options.type;
    this.lastType = options.type;
    this.draw(result, fit);
    this.describe(result, scope);
    // Keep a selection that still exists (its statements may have changed); drop one that does not.
    if (this.highlight.node && !this.nodesByKey.has(this.highlight.node)) this.select({});
    else if (this.highlight.edge && !this.edgesByKey.has(this.highlight.edge)) this.select({});
    else if (this.highlight.node || this.highlight.edge) this.select(this.highlight);
    const { nodes, edges } = result.network;
    this.deps.afterFrame(() => {
      const ms = this.deps.now() - started;
      this.draws++;
      // For the end-to-end test: how many drawings so far, and how long the last took until the frame was shown.
      document.body.dataset.draws = String(this.draws);
      document.body.dataset.renderMs = String(Math.round(ms));
      this.deps.channel.post({ type: 'rendered', nodes: nodes.length, edges: edges.length, ms });
    });
  }

  private draw(result: NetworkResult, fit: boolean): void {
    const network = result.network;
    const display = displayGraph(network, this.palette, result.facets.actorTypes);
    this.display = display;
    this.nodesByKey = new Map(display.nodes.map((n) => [n.key, n]));
    this.edgesByKey = new Map(display.edges.map((e) => [e.key, e]));
    const layout = layoutNetwork(network, this.state.positions ?? {}, this.layoutEdges);
    this.layoutEdges = layout.edges;
    const kept = { ...layout.positions };
    for (const [key, position] of Object.entries(this.state.positions ?? {})) {
      if (Object.keys(kept).length >= MAX_KEPT_POSITIONS) break;
      if (!kept[key]) kept[key] = position;
    }
    this.state = { ...this.state, positions: kept };
    this.deps.channel.saveState(this.state);

    this.empty.hidden = network.nodes.length > 0;
    this.empty.textContent = 'No statements match these options.';
    if (!this.renderer && !this.cannotDraw) {
      try {
        this.renderer = this.deps.createRenderer(this.graphBox, this.palette, {
          hoverNode: (key, x, y) => this.hoverNode(key, x, y),
          hoverEdge: (key, x, y) => this.hoverEdge(key, x, y),
          clickNode: (key) => this.select({ node: key }),
          clickEdge: (key) => this.select({ edge: key }),
          clickStage: () => this.select({}),
        });
      } catch (error) {
        // sigma.js needs WebGL, which a remote desktop, a VM without a GPU or a browser policy can take away;
        // the page stays useful (counts, legend, search, exports, the matrix) instead of going blank.
        this.cannotDraw = error instanceof Error ? error.message : String(error);
        this.graphBox.hidden = true;
        this.noDrawing.hidden = false;
        this.noDrawing.textContent = NO_DRAWING;
      }
    }
    this.renderer?.draw(display, layout.positions, fit);
    this.renderLegend(display);
    replaceChildren(this.searchList, ...display.nodes.map((n) => h('option', { value: n.label })));
    document.body.dataset.nodes = String(network.nodes.length);
    document.body.dataset.edges = String(network.edges.length);
  }

  private describe(result: NetworkResult, scope: ScopeArticle | undefined): void {
    const { network, leftOut, notices } = result;
    const actors = network.nodes.filter((n) => n.mode === 'actor').length;
    const targets = network.nodes.length - actors;
    const parts = [plural(actors, 'actor'), ...(network.twoMode ? [plural(targets, 'target')] : []), plural(network.edges.length, 'tie')];
    const where = scope ? ` in ${scope.label}` : '';
    this.status.textContent = `${network.options.type} network${where}: ${parts.join(', ')}.`;
    this.graphBox.setAttribute('aria-label', `Stance network (${network.options.type}${where}): ${parts.join(', ')}. The Stance Matrix lists the same statements as a table.`);
    const lines = [describeLeftOut(leftOut), ...notices].filter((line): line is string => Boolean(line));
    replaceChildren(this.notices, ...lines.map((line) => h('li', {}, line)));
  }

  private renderLegend(display: DisplayGraph): void {
    const swatch = (colour: string, shape: string) => {
      const element = h('span', { class: `swatch ${shape}`, 'aria-hidden': 'true' });
      element.style.backgroundColor = colour; // CSSOM, which the CSP allows (unlike a style attribute)
      return element;
    };
    const items = display.types.map(({ type, colour }) => h('li', {}, swatch(colour, 'circle'), type));
    if (display.twoMode) items.push(h('li', {}, swatch(this.palette.target, 'square'), 'topic (target)'));
    const signs = new Set(display.edges.map((e) => e.sign));
    for (const sign of ['supports', 'opposes', 'mixed', 'neutral'] as const) {
      if (signs.has(sign)) items.push(h('li', {}, h('span', { class: `swatch line sign-${sign}`, 'aria-hidden': 'true' }), SIGN_TEXT[sign]));
    }
    replaceChildren(this.legend, ...items);
  }

  private nodeLabel(key: string): string {
    return this.nodesByKey.get(key)?.label ?? key;
  }

  private hoverNode(key: string | undefined, x: number, y: number): void {
    const view = key ? this.nodesByKey.get(key) : undefined;
    if (!view) {
      this.tooltip.hidden = true;
      return;
    }
    const { node } = view;
    const kind = node.mode === 'target' ? (node.type === 'topic' ? 'topic' : `actor as target (${node.type})`) : node.type;
    const affiliation = node.affiliation ? (this.nodesByKey.get(node.affiliation)?.label ?? node.affiliation) : undefined;
    this.showTooltip(x, y, node.label, [kind, affiliation ? `affiliated with ${affiliation}` : undefined, `${plural(node.frequency, 'statement')} · ${plural(view.degree, 'tie')}`]);
  }

  private hoverEdge(key: string | undefined, x: number, y: number): void {
    const view = key ? this.edgesByKey.get(key) : undefined;
    if (!view) {
      this.tooltip.hidden = true;
      return;
    }
    const { edge } = view;
    const signs = edge.positive !== undefined ? ` (${[`${edge.positive ?? 0} positive`, `${edge.negative ?? 0} negative`, `${edge.zero ?? 0} neutral`].join(', ')})` : '';
    this.showTooltip(x, y, `${this.nodeLabel(edge.source)} — ${this.nodeLabel(edge.target)}`, [
      `weight ${formatNumber(edge.weight)} · ${SIGN_TEXT[view.sign]}`,
      `${plural(edge.statements, 'statement')}${signs}`,
    ]);
  }

  private showTooltip(x: number, y: number, title: string, lines: (string | undefined)[]): void {
    replaceChildren(this.tooltip, h('strong', {}, title), ...lines.filter(Boolean).map((line) => h('span', {}, line)));
    this.tooltip.hidden = false;
    // Beside the pointer, on the side where it fits in the drawing.
    const area = this.graphBox.getBoundingClientRect();
    const left = x + 14 + this.tooltip.offsetWidth > area.width ? x - 14 - this.tooltip.offsetWidth : x + 14;
    const top = y + 14 + this.tooltip.offsetHeight > area.height ? y - 14 - this.tooltip.offsetHeight : y + 14;
    this.tooltip.style.left = `${Math.round(Math.max(0, left))}px`;
    this.tooltip.style.top = `${Math.round(Math.max(0, top))}px`;
  }

  /** Selects a node or a tie (or nothing) and lists its statements. */
  private select(highlight: Highlight): void {
    this.highlight = highlight;
    this.renderer?.setHighlight(highlight);
    const requestId = ++this.statementsRequest;
    if (highlight.node) {
      const view = this.nodesByKey.get(highlight.node);
      this.statements.loading(requestId, `Statements of ${view?.label ?? highlight.node}`);
      this.deps.channel.post({ type: 'statements', requestId, query: { node: { key: highlight.node } } });
    } else if (highlight.edge) {
      const view = this.edgesByKey.get(highlight.edge);
      if (!view) return;
      this.statements.loading(requestId, `${this.nodeLabel(view.source)} — ${this.nodeLabel(view.target)}`);
      this.deps.channel.post({ type: 'statements', requestId, query: { tie: { source: view.source, target: view.target } } });
    } else {
      this.statements.clear();
    }
  }

  /** Shows a node by key (or its label, from the search box). */
  private find(text: string): void {
    const wanted = text.trim();
    if (!wanted) return;
    const view = this.nodesByKey.get(wanted) ?? this.display?.nodes.find((n) => n.label === wanted || n.node.id === wanted);
    if (view) this.focus(view.key, view.node.id);
    else this.status.textContent = `“${wanted}” is not in this network.`;
  }

  private focus(key: string, id: string): void {
    if (!this.nodesByKey.has(key)) {
      this.status.textContent = `${id} is not in this network (filters, the network type or the minimum weight leave it out).`;
      return;
    }
    this.renderer?.focusNode(key);
    this.select({ node: key });
  }

  private exportSvg(): void {
    if (!this.display) return;
    const title = this.result ? `Standpoint ${this.result.network.options.type} network` : 'Standpoint network';
    this.deps.channel.post({ type: 'exportImage', format: 'svg', data: networkSvg(document, this.display, this.state.positions ?? {}, this.palette, title) });
  }

  private exportPng(): void {
    const data = this.renderer?.toPng();
    if (data) this.deps.channel.post({ type: 'exportImage', format: 'png', data });
    else this.status.textContent = 'This drawing cannot be read back as an image here; export SVG instead.';
  }

  /** For the end-to-end test: where a node, or the middle of a tie, is drawn (relative to the graph's box). */
  testHooks() {
    return {
      nodeKeys: () => this.display?.nodes.map((n) => n.key) ?? [],
      nodePosition: (key: string) => this.renderer?.viewportPosition(key),
      tieMiddle: (source: string, target: string) => {
        const a = this.renderer?.viewportPosition(source);
        const b = this.renderer?.viewportPosition(target);
        return a && b && (this.edgesByKey.has(edgeKey(source, target)) || this.edgesByKey.has(edgeKey(target, source))) ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : undefined;
      },
    };
  }
}
