/**
 * The drawing seam of the network page: the page's logic talks to this
 * interface; sigma.js (WebGL) implements it in the browser, a fake in tests
 * (no WebGL in a DOM test environment).
 */
import type { DisplayGraph } from './graphModel';
import type { Positions } from './layout';
import type { Palette } from './theme';

export interface RendererEvents {
  /** The pointer entered a node (its key) or left it (undefined); x, y relative to the container. */
  hoverNode(key: string | undefined, x: number, y: number): void;
  hoverEdge(key: string | undefined, x: number, y: number): void;
  clickNode(key: string): void;
  clickEdge(key: string): void;
  clickStage(): void;
}

export interface Highlight {
  /** A node whose ties (and neighbours) stand out while the others fade. */
  readonly node?: string;
  /** A tie that stands out. */
  readonly edge?: string;
}

export interface GraphRenderer {
  /** Draws a graph at these positions (replacing what was drawn); `fit` re-frames the camera. */
  draw(graph: DisplayGraph, positions: Positions, fit: boolean): void;
  setPalette(palette: Palette): void;
  setHighlight(highlight: Highlight): void;
  /** Moves the camera to a node. */
  focusNode(key: string): void;
  /** Where a node is drawn, relative to the container (for tooltips and tests); undefined if not drawn. */
  viewportPosition(key: string): { x: number; y: number } | undefined;
  /** The drawing as a PNG data URL over the background, or undefined if it cannot be read back. */
  toPng(): string | undefined;
  dispose(): void;
}

export type RendererFactory = (container: HTMLElement, palette: Palette, events: RendererEvents) => GraphRenderer;
