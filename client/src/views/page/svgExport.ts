/**
 * The network as an SVG image (for papers and slides: it scales, and its
 * labels stay text). Built as DOM nodes and serialised, so names with `<`, `&`
 * or quotes come out escaped by the serialiser, never as markup.
 */
import type { DisplayGraph } from './graphModel';
import type { Positions } from './layout';
import type { Palette } from './theme';

const SVG = 'http://www.w3.org/2000/svg';

export interface SvgSize {
  readonly width: number;
  readonly height: number;
  readonly padding: number;
}

export const DEFAULT_SVG_SIZE: SvgSize = { width: 1200, height: 900, padding: 60 };

function element(document: Document, name: string, attributes: Record<string, string | number>, text?: string): Element {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Graph coordinates → image coordinates: the drawing fits inside the padding, y upward as on screen. */
export function fitToImage(positions: Positions, keys: readonly string[], size: SvgSize): (key: string) => [number, number] {
  const points = keys.map((key) => positions[key] ?? [0, 0]);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  const scale = Math.min((size.width - 2 * size.padding) / spanX, (size.height - 2 * size.padding) / spanY);
  const offsetX = (size.width - spanX * scale) / 2;
  const offsetY = (size.height - spanY * scale) / 2;
  const round = (n: number) => Math.round(n * 100) / 100;
  return (key) => {
    const [x, y] = positions[key] ?? [0, 0];
    return [round(offsetX + (x - minX) * scale), round(size.height - (offsetY + (y - minY) * scale))];
  };
}

export function networkSvg(document: Document, graph: DisplayGraph, positions: Positions, palette: Palette, title: string, size: SvgSize = DEFAULT_SVG_SIZE): string {
  const place = fitToImage(
    positions,
    graph.nodes.map((n) => n.key),
    size,
  );
  const svg = element(document, 'svg', { width: size.width, height: size.height, viewBox: `0 0 ${size.width} ${size.height}`, 'font-family': palette.fontFamily, 'font-size': palette.fontSize });
  svg.append(element(document, 'title', {}, title));
  svg.append(element(document, 'rect', { width: size.width, height: size.height, fill: palette.background }));
  const edges = element(document, 'g', { class: 'edges', 'stroke-linecap': 'round' });
  for (const edge of graph.edges) {
    const [x1, y1] = place(edge.source);
    const [x2, y2] = place(edge.target);
    const line = element(document, 'line', { x1, y1, x2, y2, stroke: edge.colour, 'stroke-width': Math.round(edge.size * 100) / 100, 'data-sign': edge.sign });
    line.append(element(document, 'title', {}, `${edge.source} — ${edge.target}: ${edge.edge.weight}`));
    edges.append(line);
  }
  const nodes = element(document, 'g', { class: 'nodes' });
  const labels = element(document, 'g', { class: 'labels', fill: palette.foreground });
  for (const node of graph.nodes) {
    const [x, y] = place(node.key);
    const r = Math.round(node.size * 100) / 100;
    const shape =
      node.shape === 'square' ? element(document, 'rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, fill: node.colour }) : element(document, 'circle', { cx: x, cy: y, r, fill: node.colour });
    shape.append(element(document, 'title', {}, node.label));
    nodes.append(shape);
    labels.append(element(document, 'text', { x: Math.round((x + r + 3) * 100) / 100, y: Math.round((y + palette.fontSize / 3) * 100) / 100 }, node.label));
  }
  svg.append(edges, nodes, labels);
  return new XMLSerializer().serializeToString(svg);
}
