/**
 * The network drawn with sigma.js 3 (WebGL) over a graphology graph. Labels are
 * drawn on a canvas with fillText: text, never markup. sigma sizes its canvases
 * through element.style (CSSOM), which the page's Content-Security-Policy allows.
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import { NodeSquareProgram } from '@sigma/node-square';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';
import type { Settings } from 'sigma/settings';
import type { DisplayGraph } from './graphModel';
import type { Positions } from './layout';
import type { GraphRenderer, Highlight, RendererEvents } from './renderer';
import { formatColour, over, parseColour, type Palette } from './theme';

interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  type: 'circle' | 'square';
}

interface EdgeAttributes {
  size: number;
  color: string;
}

/** A colour faded toward the background (for what a highlight puts in the back). */
function faded(colour: string, background: string, amount = 0.85): string {
  const c = parseColour(colour);
  const b = parseColour(background);
  if (!c || !b) return colour;
  return formatColour(over({ ...c, a: 1 - amount }, b));
}

type LabelData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'>;

export class SigmaRenderer implements GraphRenderer {
  private readonly graph = new Graph<NodeAttributes, EdgeAttributes>({ type: 'undirected', multi: false, allowSelfLoops: false });
  private readonly sigma: Sigma<NodeAttributes, EdgeAttributes>;
  private highlight: Highlight = {};
  private palette: Palette;

  constructor(
    private readonly container: HTMLElement,
    palette: Palette,
    events: RendererEvents,
  ) {
    this.palette = palette;
    this.sigma = new Sigma(this.graph, container, {
      nodeProgramClasses: { square: NodeSquareProgram },
      enableEdgeEvents: true,
      renderEdgeLabels: false,
      zIndex: true,
      allowInvalidContainer: true,
      labelRenderedSizeThreshold: 7,
      ...this.paletteSettings(palette),
      nodeReducer: (key, data) => this.reduceNode(key, data),
      edgeReducer: (key, data) => this.reduceEdge(key, data),
    });
    const pointer = (on: boolean) => container.classList.toggle('pointer', on);
    this.sigma.on('enterNode', ({ node, event }) => {
      pointer(true);
      events.hoverNode(node, event.x, event.y);
    });
    this.sigma.on('leaveNode', ({ event }) => {
      pointer(false);
      events.hoverNode(undefined, event.x, event.y);
    });
    this.sigma.on('enterEdge', ({ edge, event }) => {
      pointer(true);
      events.hoverEdge(edge, event.x, event.y);
    });
    this.sigma.on('leaveEdge', ({ event }) => {
      pointer(false);
      events.hoverEdge(undefined, event.x, event.y);
    });
    this.sigma.on('clickNode', ({ node }) => events.clickNode(node));
    this.sigma.on('clickEdge', ({ edge }) => events.clickEdge(edge));
    this.sigma.on('clickStage', () => events.clickStage());
  }

  private paletteSettings(palette: Palette): Partial<Settings<NodeAttributes, EdgeAttributes>> {
    const font = palette.fontFamily;
    const size = palette.fontSize;
    return {
      labelFont: font,
      labelSize: size,
      labelColor: { color: palette.foreground },
      defaultEdgeColor: palette.neutral,
      defaultNodeColor: palette.target,
      // The hover box in the theme's colours (sigma's default is white, unreadable in dark themes).
      defaultDrawNodeHover: (context: CanvasRenderingContext2D, data: LabelData) => {
        context.font = `${size}px ${font}`;
        const label = typeof data.label === 'string' ? data.label : '';
        const width = label ? context.measureText(label).width + 8 : 0;
        const height = size + 6;
        const radius = data.size + 3;
        context.fillStyle = palette.background;
        context.strokeStyle = palette.highlight;
        context.lineWidth = 1;
        context.beginPath();
        context.rect(data.x - radius, data.y - Math.max(radius, height / 2), radius * 2 + width, Math.max(radius, height / 2) * 2);
        context.fill();
        context.stroke();
        context.fillStyle = data.color;
        context.beginPath();
        context.arc(data.x, data.y, data.size, 0, Math.PI * 2);
        context.fill();
        if (label) {
          context.fillStyle = palette.foreground;
          context.fillText(label, data.x + radius + 4, data.y + size / 3);
        }
      },
    };
  }

  private reduceNode(key: string, data: NodeAttributes): Partial<NodeDisplayData> {
    const { node, edge } = this.highlight;
    if (node) {
      if (key === node) return { ...data, highlighted: true, zIndex: 2 };
      if (this.graph.hasNode(node) && this.graph.areNeighbors(node, key)) return { ...data, zIndex: 1 };
      return { ...data, color: faded(data.color, this.palette.background), label: '', zIndex: 0 };
    }
    if (edge && this.graph.hasEdge(edge)) {
      const [source, target] = this.graph.extremities(edge);
      if (key === source || key === target) return { ...data, highlighted: true, zIndex: 2 };
    }
    return data;
  }

  private reduceEdge(key: string, data: EdgeAttributes): Partial<{ color: string; size: number; zIndex: number; hidden: boolean }> {
    const { node, edge } = this.highlight;
    if (edge) return key === edge ? { ...data, size: data.size + 2, zIndex: 2 } : { ...data, color: faded(data.color, this.palette.background, 0.6), zIndex: 0 };
    if (node && this.graph.hasNode(node)) return this.graph.hasExtremity(key, node) ? { ...data, zIndex: 1 } : { ...data, color: faded(data.color, this.palette.background), zIndex: 0 };
    return data;
  }

  draw(display: DisplayGraph, positions: Positions, fit: boolean): void {
    this.graph.clear();
    for (const node of display.nodes) {
      const [x, y] = positions[node.key] ?? [0, 0];
      this.graph.addNode(node.key, { x, y, size: node.size, color: node.colour, label: node.label, type: node.shape });
    }
    for (const edge of display.edges) {
      if (edge.source === edge.target || !this.graph.hasNode(edge.source) || !this.graph.hasNode(edge.target)) continue;
      this.graph.addEdgeWithKey(edge.key, edge.source, edge.target, { size: edge.size, color: edge.colour });
    }
    if (fit) this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    this.sigma.refresh();
  }

  setPalette(palette: Palette): void {
    this.palette = palette;
    this.sigma.setSettings(this.paletteSettings(palette));
  }

  setHighlight(highlight: Highlight): void {
    this.highlight = highlight;
    this.sigma.refresh({ skipIndexation: true });
  }

  focusNode(key: string): void {
    const data = this.sigma.getNodeDisplayData(key);
    if (!data) return;
    void this.sigma.getCamera().animate({ x: data.x, y: data.y, ratio: 0.5 }, { duration: 400 });
  }

  viewportPosition(key: string): { x: number; y: number } | undefined {
    if (!this.graph.hasNode(key)) return undefined;
    const { x, y } = this.graph.getNodeAttributes(key);
    return this.sigma.graphToViewport({ x, y });
  }

  /** The layers sigma draws (edges, nodes, labels) composed over the background, read back right after a synchronous render. */
  toPng(): string | undefined {
    this.sigma.refresh();
    const canvases = this.sigma.getCanvases();
    const { width, height } = this.sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    const output = document.createElement('canvas');
    output.width = Math.round(width * ratio);
    output.height = Math.round(height * ratio);
    const context = output.getContext('2d');
    if (!context) return undefined;
    context.fillStyle = this.palette.background;
    context.fillRect(0, 0, output.width, output.height);
    for (const layer of ['edges', 'nodes', 'edgeLabels', 'labels']) {
      const canvas = canvases[layer];
      if (canvas) context.drawImage(canvas, 0, 0, output.width, output.height);
    }
    return output.toDataURL('image/png');
  }

  dispose(): void {
    this.sigma.kill();
    this.container.classList.remove('pointer');
  }
}

export const createSigmaRenderer = (container: HTMLElement, palette: Palette, events: RendererEvents): GraphRenderer => new SigmaRenderer(container, palette, events);
