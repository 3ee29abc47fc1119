/**
 * Node positions that stay where the user last saw them. ForceAtlas2
 * (graphology's implementation, Jacomy et al. 2014, the layout Gephi users
 * know) starts from the previous positions: known nodes keep theirs, a new node
 * starts beside its known neighbours, and only a few iterations run when little
 * changed, so an edit nudges the picture instead of redrawing it. Everything is
 * deterministic (no random numbers): the same network and start give the same
 * picture.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { Network } from '../../../../protocol/analysis';

export type Position = readonly [number, number];
export type Positions = Readonly<Record<string, Position>>;

/** Iterations when every node is new, when some are, and when only ties changed. */
export const ITERATIONS = { fresh: 300, someNew: 80, tiesChanged: 20 } as const;

/** A number in [0, 1) from a text (FNV-1a): stable jitter per node. */
export function unitHash(text: string, salt = 0): number {
  let hash = 0x811c9dc5 ^ salt;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** Where nodes start: known ones where they were, new ones beside their known neighbours or on a spiral around the rest. */
export function seedPositions(network: Network, previous: Positions): Record<string, [number, number]> {
  const seeded: Record<string, [number, number]> = {};
  const neighbours = new Map<string, string[]>();
  for (const { source, target } of network.edges) {
    (neighbours.get(source) ?? neighbours.set(source, []).get(source)!).push(target);
    (neighbours.get(target) ?? neighbours.set(target, []).get(target)!).push(source);
  }
  const known = network.nodes.filter((n) => previous[n.key]);
  for (const node of known) seeded[node.key] = [previous[node.key][0], previous[node.key][1]];
  // The extent of what is known, so new nodes start at its scale.
  let cx = 0;
  let cy = 0;
  for (const node of known) {
    cx += seeded[node.key][0] / known.length;
    cy += seeded[node.key][1] / known.length;
  }
  let radius = 0;
  for (const node of known) radius = Math.max(radius, Math.hypot(seeded[node.key][0] - cx, seeded[node.key][1] - cy));
  if (radius === 0) radius = 10 * Math.sqrt(Math.max(1, network.nodes.length));
  const fresh = network.nodes.filter((n) => !previous[n.key]);
  fresh.forEach((node, i) => {
    const placed = (neighbours.get(node.key) ?? []).filter((key) => previous[key]);
    const angle = unitHash(node.key) * 2 * Math.PI;
    if (placed.length) {
      const x = placed.reduce((sum, key) => sum + previous[key][0], 0) / placed.length;
      const y = placed.reduce((sum, key) => sum + previous[key][1], 0) / placed.length;
      const step = radius * 0.1;
      seeded[node.key] = [x + step * Math.cos(angle), y + step * Math.sin(angle)];
    } else if (known.length) {
      const r = radius * (1 + 0.2 * unitHash(node.key, 1));
      seeded[node.key] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    } else {
      // A sunflower spiral: evenly spread, in a stable order (the server lists nodes in a stable order).
      const r = radius * Math.sqrt((i + 0.5) / fresh.length);
      seeded[node.key] = [r * Math.cos(i * GOLDEN_ANGLE), r * Math.sin(i * GOLDEN_ANGLE)];
    }
  });
  return seeded;
}

/** True when every node has a position and the ties are those the positions were made for (weights aside). */
function sameShape(network: Network, previous: Positions, previousEdges: ReadonlySet<string> | undefined): boolean {
  if (!previousEdges || previousEdges.size !== network.edges.length) return false;
  if (!network.nodes.every((n) => previous[n.key])) return false;
  return network.edges.every((e) => previousEdges.has(JSON.stringify([e.source, e.target])));
}

export interface LayoutResult {
  readonly positions: Record<string, Position>;
  readonly iterations: number;
  /** The ties the layout was made for, to tell next time whether anything but weights changed. */
  readonly edges: ReadonlySet<string>;
}

export function layoutNetwork(network: Network, previous: Positions = {}, previousEdges?: ReadonlySet<string>): LayoutResult {
  const edges = new Set(network.edges.map((e) => JSON.stringify([e.source, e.target])));
  const seeded = seedPositions(network, previous);
  const newNodes = network.nodes.filter((n) => !previous[n.key]).length;
  const iterations = newNodes === network.nodes.length ? ITERATIONS.fresh : newNodes > 0 ? ITERATIONS.someNew : sameShape(network, previous, previousEdges) ? 0 : ITERATIONS.tiesChanged;
  if (iterations === 0 || network.nodes.length < 2) return { positions: seeded, iterations: 0, edges };

  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const node of network.nodes) graph.addNode(node.key, { x: seeded[node.key][0], y: seeded[node.key][1] });
  const maxWeight = network.edges.reduce((max, e) => Math.max(max, Math.abs(e.weight)), 0) || 1;
  for (const edge of network.edges) {
    if (edge.source === edge.target || graph.hasEdge(edge.source, edge.target)) continue;
    // Attraction by the tie's strength, whatever its sign (a subtract network's negative ties still bind).
    graph.addEdge(edge.source, edge.target, { strength: Math.abs(edge.weight) / maxWeight });
  }
  const settings = forceAtlas2.inferSettings(graph);
  const mapping = forceAtlas2(graph, {
    iterations,
    getEdgeWeight: 'strength',
    settings: { ...settings, gravity: 1, barnesHutOptimize: graph.order > 500 },
  });
  const positions: Record<string, Position> = {};
  for (const key of Object.keys(mapping)) {
    const { x, y } = mapping[key];
    // Kept in the page's saved state: three decimals are plenty.
    positions[key] = Number.isFinite(x) && Number.isFinite(y) ? [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000] : seeded[key];
  }
  return { positions, iterations, edges };
}
