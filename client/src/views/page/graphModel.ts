/**
 * What the network view draws, from the server's network: node shapes,
 * colours and sizes, and each tie's sign. Pure (no DOM, no WebGL), so the
 * choices are tested as data.
 */
import type { Network, NetworkEdge, NetworkNode } from '../../../../protocol/analysis';
import type { Palette } from './theme';

export type EdgeSign = 'supports' | 'opposes' | 'mixed' | 'neutral';

export interface NodeView {
  readonly key: string;
  readonly label: string;
  /** Actors are circles; targets of a two-mode network squares. */
  readonly shape: 'circle' | 'square';
  readonly colour: string;
  readonly size: number;
  /** Number of ties. */
  readonly degree: number;
  readonly node: NetworkNode;
}

export interface EdgeView {
  readonly key: string;
  readonly source: string;
  readonly target: string;
  readonly sign: EdgeSign;
  readonly colour: string;
  readonly size: number;
  readonly edge: NetworkEdge;
}

export interface DisplayGraph {
  readonly nodes: readonly NodeView[];
  readonly edges: readonly EdgeView[];
  /** Actor types in the order of their colours (the legend). */
  readonly types: readonly { readonly type: string; readonly colour: string }[];
  readonly twoMode: boolean;
}

/** A tie's key: both node keys, which cannot be confused whatever characters they contain. */
export const edgeKey = (source: string, target: string): string => JSON.stringify([source, target]);

export const MIN_NODE_SIZE = 4;
export const MAX_NODE_SIZE = 16;
export const MIN_EDGE_SIZE = 1;
export const MAX_EDGE_SIZE = 6;

/** Node sizes by statements: the area grows with the count (square root), the busiest node the largest. */
export function nodeSize(frequency: number, maxFrequency: number): number {
  if (maxFrequency <= 0 || frequency <= 0) return MIN_NODE_SIZE;
  return MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt(Math.min(frequency, maxFrequency) / maxFrequency);
}

/** Edge widths by the absolute weight, relative to the heaviest tie. */
export function edgeSize(weight: number, maxAbsWeight: number): number {
  if (maxAbsWeight <= 0) return MIN_EDGE_SIZE;
  return MIN_EDGE_SIZE + (MAX_EDGE_SIZE - MIN_EDGE_SIZE) * Math.sqrt(Math.min(Math.abs(weight), maxAbsWeight) / maxAbsWeight);
}

/**
 * A tie's sign, for its colour:
 * - two-mode: from the polarities of its statements (only positive: supports; only negative: opposes;
 *   both: mixed; only polarity 0: neutral), or with `--aggregate subtract` from the weight's sign, and with
 *   `combine` from its code (1 positive, 2 negative, 3 both, 4 polarity 0);
 * - congruence: agreement (supports); conflict: opposes; subtract: the weight's sign;
 * - co-occurrence and co-mention ignore stances: neutral.
 */
export function edgeSign(edge: NetworkEdge, network: Pick<Network, 'options' | 'twoMode'>): EdgeSign {
  const { type, aggregate } = network.options;
  const bySign = (value: number): EdgeSign => (value > 0 ? 'supports' : value < 0 ? 'opposes' : 'neutral');
  if (network.twoMode) {
    if (aggregate === 'subtract') return bySign(edge.weight);
    if (aggregate === 'combine') return ({ 1: 'supports', 2: 'opposes', 3: 'mixed' } as Record<number, EdgeSign>)[edge.weight] ?? 'neutral';
    const positive = edge.positive ?? 0;
    const negative = edge.negative ?? 0;
    if (positive > 0 && negative > 0) return 'mixed';
    if (positive > 0) return 'supports';
    if (negative > 0) return 'opposes';
    return 'neutral';
  }
  switch (type) {
    case 'congruence':
      return 'supports';
    case 'conflict':
      return 'opposes';
    case 'subtract':
      return bySign(edge.weight);
    default:
      return 'neutral';
  }
}

/**
 * Colours of actor types: by their place among every type of the workspace
 * (the facets), so a type keeps its colour when filters hide others. Types the
 * facets do not list follow, sorted. Topics have the target colour.
 */
export function typeColours(allTypes: readonly string[], present: readonly string[], palette: Palette): Map<string, string> {
  const order = [...allTypes];
  for (const type of [...present].sort()) if (!order.includes(type)) order.push(type);
  return new Map(order.map((type, i) => [type, palette.types[i % palette.types.length]]));
}

export function displayGraph(network: Network, palette: Palette, allTypes: readonly string[] = []): DisplayGraph {
  const degree = new Map<string, number>();
  for (const edge of network.edges) {
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
  }
  const actorTypes = [...new Set(network.nodes.filter((n) => n.mode === 'actor' || n.type !== 'topic').map((n) => n.type))];
  const colours = typeColours(allTypes, actorTypes, palette);
  const maxFrequency = network.nodes.reduce((max, n) => Math.max(max, n.frequency), 0);
  const maxWeight = network.edges.reduce((max, e) => Math.max(max, Math.abs(e.weight)), 0);
  const signColour: Record<EdgeSign, string> = { supports: palette.supports, opposes: palette.opposes, mixed: palette.mixed, neutral: palette.neutral };
  const nodes = network.nodes.map((node): NodeView => ({
    key: node.key,
    label: node.label,
    shape: node.mode === 'target' ? 'square' : 'circle',
    colour: node.mode === 'target' && node.type === 'topic' ? palette.target : (colours.get(node.type) ?? palette.target),
    size: nodeSize(node.frequency, maxFrequency),
    degree: degree.get(node.key) ?? 0,
    node,
  }));
  const edges = network.edges.map((edge): EdgeView => {
    const sign = edgeSign(edge, network);
    return { key: edgeKey(edge.source, edge.target), source: edge.source, target: edge.target, sign, colour: signColour[sign], size: edgeSize(edge.weight, maxWeight), edge };
  });
  const legend = [...colours].filter(([type]) => actorTypes.includes(type)).map(([type, colour]) => ({ type, colour }));
  return { nodes, edges, types: legend, twoMode: network.twoMode };
}
