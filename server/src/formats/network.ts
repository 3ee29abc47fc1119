import type { Network, NetworkEdge, NetworkNode } from '../service/analysis/types';
import { finiteNumber, formatNumber, jsonText, ROWS_PER_CHUNK, type Chunks } from './chunks';
import { csvLine, csvTable, type Cell } from './csv';
import { escapeXmlText, xmlAttributes } from './xml';

export type NetworkFormat = 'graphml' | 'gexf' | 'csv' | 'matrix' | 'json';
export const NETWORK_FORMATS: readonly NetworkFormat[] = ['graphml', 'gexf', 'csv', 'matrix', 'json'];

export interface NetworkWriterOptions {
  /** Written as the GEXF `<creator>`, e.g. `Standpoint 0.1.0`. */
  readonly creator?: string;
}

/** A network in one of the formats of `standpoint export network`. */
export function writeNetwork(network: Network, format: NetworkFormat, options: NetworkWriterOptions = {}): Chunks {
  switch (format) {
    case 'graphml':
      return networkGraphml(network);
    case 'gexf':
      return networkGexf(network, options);
    case 'csv':
      return networkEdgeList(network);
    case 'matrix':
      return networkMatrix(network);
    case 'json':
      return networkNodeLink(network);
  }
}

/**
 * Node and edge attributes, the same in GraphML, GEXF and node-link JSON. The
 * GraphML key ids and GEXF attribute ids are spelled out rather than `d0…`
 * (Gephi reads a node key `d3` as the label, yEd's convention) and the codebook
 * id's key is `codebook_id` (Gephi's node table reserves the column id `id`);
 * the names consumers see (`attr.name`, `title`) are the contract's.
 */
interface Attribute<T> {
  readonly key: string;
  readonly name: string;
  readonly graphmlType: 'string' | 'int' | 'double';
  readonly gexfType: 'string' | 'integer' | 'double';
  readonly value: (item: T) => string | number | undefined;
}

const NODE_LABEL: Attribute<NetworkNode> = { key: 'label', name: 'label', graphmlType: 'string', gexfType: 'string', value: (n) => n.label };
const NODE_ATTRIBUTES: readonly Attribute<NetworkNode>[] = [
  { key: 'codebook_id', name: 'id', graphmlType: 'string', gexfType: 'string', value: (n) => n.id },
  { key: 'mode', name: 'mode', graphmlType: 'string', gexfType: 'string', value: (n) => n.mode },
  { key: 'type', name: 'type', graphmlType: 'string', gexfType: 'string', value: (n) => n.type },
  { key: 'affiliation', name: 'affiliation', graphmlType: 'string', gexfType: 'string', value: (n) => n.affiliation },
  { key: 'frequency', name: 'frequency', graphmlType: 'int', gexfType: 'integer', value: (n) => n.frequency },
];
const EDGE_WEIGHT: Attribute<NetworkEdge> = { key: 'weight', name: 'weight', graphmlType: 'double', gexfType: 'double', value: (e) => e.weight };
const EDGE_STATEMENTS: Attribute<NetworkEdge> = { key: 'statements', name: 'statements', graphmlType: 'int', gexfType: 'integer', value: (e) => e.statements };
const EDGE_SIGNS: readonly Attribute<NetworkEdge>[] = [
  { key: 'positive', name: 'positive', graphmlType: 'int', gexfType: 'integer', value: (e) => e.positive },
  { key: 'negative', name: 'negative', graphmlType: 'int', gexfType: 'integer', value: (e) => e.negative },
  { key: 'zero', name: 'zero', graphmlType: 'int', gexfType: 'integer', value: (e) => e.zero },
];

/** The sign counts are written when the network code gives them (two-mode networks). */
function edgeAttributes(network: Network): Attribute<NetworkEdge>[] {
  const hasSigns = network.edges.some((e) => e.positive !== undefined || e.negative !== undefined || e.zero !== undefined);
  return [EDGE_STATEMENTS, ...(hasSigns ? EDGE_SIGNS : [])];
}

function attributeText<T>(attribute: Attribute<T>, item: T, what: string): string | undefined {
  const value = attribute.value(item);
  if (value === undefined) return undefined;
  return typeof value === 'number' ? formatNumber(value, `${attribute.name} of ${what}`) : value;
}

const nodeWhat = (node: NetworkNode) => `node ${node.key}`;
const edgeWhat = (edge: NetworkEdge) => `the tie ${edge.source}–${edge.target}`;

/** One line for the GraphML `<desc>`, the GEXF `<description>`: what was computed, with which options. */
export function networkDescription(network: Network): string {
  const { type, aggregate, normalize, duplicates, minWeight } = network.options;
  return `Standpoint ${type} network (${network.twoMode ? 'two-mode' : 'one-mode'}); aggregate ${aggregate}, normalize ${normalize}, duplicates ${duplicates}, min weight ${minWeight}`;
}

// ---------------------------------------------------------------- GraphML

/**
 * GraphML, undirected, with typed keys. There are no graph-level keys (Gephi
 * reports each as a severe import error); the options are in `<desc>`.
 */
export function* networkGraphml(network: Network): Chunks {
  const edgeAttrs = edgeAttributes(network);
  let head =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  for (const a of [NODE_LABEL, ...NODE_ATTRIBUTES]) head += graphmlKey('node', a);
  for (const a of [EDGE_WEIGHT, ...edgeAttrs]) head += graphmlKey('edge', a);
  head += `  <graph id="G" edgedefault="undirected">\n    <desc>${escapeXmlText(networkDescription(network))}</desc>\n`;
  yield head;

  let chunk = '';
  let count = 0;
  for (const node of network.nodes) {
    chunk += `    <node${xmlAttributes({ id: node.key })}>\n`;
    for (const a of [NODE_LABEL, ...NODE_ATTRIBUTES]) chunk += graphmlData(a, node, nodeWhat(node));
    chunk += '    </node>\n';
    if (++count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  for (const edge of network.edges) {
    chunk += `    <edge${xmlAttributes({ source: edge.source, target: edge.target })}>\n`;
    for (const a of [EDGE_WEIGHT, ...edgeAttrs]) chunk += graphmlData(a, edge, edgeWhat(edge));
    chunk += '    </edge>\n';
    if (++count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}  </graph>\n</graphml>\n`;
}

function graphmlKey<T>(domain: 'node' | 'edge', a: Attribute<T>): string {
  return `  <key${xmlAttributes({ id: a.key, for: domain, 'attr.name': a.name, 'attr.type': a.graphmlType })}/>\n`;
}

function graphmlData<T>(a: Attribute<T>, item: T, what: string): string {
  const text = attributeText(a, item, what);
  return text === undefined ? '' : `      <data${xmlAttributes({ key: a.key })}>${escapeXmlText(text)}</data>\n`;
}

// ---------------------------------------------------------------- GEXF

/** GEXF 1.3, undirected; the label and weight as GEXF's own attributes, the rest as typed attribute values. */
export function* networkGexf(network: Network, options: NetworkWriterOptions = {}): Chunks {
  const edgeAttrs = edgeAttributes(network);
  let head =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n  <meta>\n';
  if (options.creator !== undefined) head += `    <creator>${escapeXmlText(options.creator)}</creator>\n`;
  head += `    <description>${escapeXmlText(networkDescription(network))}</description>\n  </meta>\n`;
  head += '  <graph defaultedgetype="undirected">\n';
  head += gexfAttributeModel('node', NODE_ATTRIBUTES) + gexfAttributeModel('edge', edgeAttrs);
  head += '    <nodes>\n';
  yield head;

  let chunk = '';
  let count = 0;
  for (const node of network.nodes) {
    chunk += `      <node${xmlAttributes({ id: node.key, label: node.label })}>\n${gexfValues(NODE_ATTRIBUTES, node, nodeWhat(node))}      </node>\n`;
    if (++count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  chunk += '    </nodes>\n    <edges>\n';
  for (const edge of network.edges) {
    const weight = formatNumber(edge.weight, `weight of ${edgeWhat(edge)}`);
    chunk += `      <edge${xmlAttributes({ source: edge.source, target: edge.target, weight })}>\n${gexfValues(edgeAttrs, edge, edgeWhat(edge))}      </edge>\n`;
    if (++count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}    </edges>\n  </graph>\n</gexf>\n`;
}

function gexfAttributeModel<T>(domain: 'node' | 'edge', attributes: readonly Attribute<T>[]): string {
  let text = `    <attributes class="${domain}">\n`;
  for (const a of attributes) text += `      <attribute${xmlAttributes({ id: a.key, title: a.name, type: a.gexfType })}/>\n`;
  return `${text}    </attributes>\n`;
}

function gexfValues<T>(attributes: readonly Attribute<T>[], item: T, what: string): string {
  let text = '';
  for (const a of attributes) {
    const value = attributeText(a, item, what);
    if (value !== undefined) text += `          <attvalue${xmlAttributes({ for: a.key, value })}/>\n`;
  }
  return text ? `        <attvalues>\n${text}        </attvalues>\n` : '';
}

// ---------------------------------------------------------------- CSV edge list

/**
 * One row per tie: `source,target,weight,statements,source_label,target_label`
 * (then `positive,negative,zero` when the network has them). Source and target
 * are node keys (codebook ids); the labels ride along so the file alone reads
 * well. Nodes without ties are not in an edge list: use GraphML, GEXF or JSON
 * for node attributes and isolates.
 */
export function networkEdgeList(network: Network): Chunks {
  const labels = new Map(network.nodes.map((n) => [n.key, n.label]));
  const signs = edgeAttributes(network).length > 1;
  const header = ['source', 'target', 'weight', 'statements', 'source_label', 'target_label', ...(signs ? ['positive', 'negative', 'zero'] : [])];
  return csvTable(header, network.edges, (e): Cell[] => [
    e.source,
    e.target,
    finiteNumber(e.weight, `weight of ${edgeWhat(e)}`),
    e.statements,
    labels.get(e.source),
    labels.get(e.target),
    ...(signs ? [e.positive, e.negative, e.zero] : []),
  ]);
}

// ---------------------------------------------------------------- matrix

/**
 * The weighted adjacency matrix (one-mode: actors × actors, symmetric, zero
 * diagonal) or the actor × target matrix (two-mode), as CSV with an empty
 * corner cell, the column labels in the header and the row label first in
 * each row; no tie is 0. Labels are the node labels, made unique by adding
 * ` (id)` where two nodes on one axis share a label, so
 * `pandas.read_csv(f, index_col=0)` and R's `read.csv(f, row.names = 1,
 * check.names = FALSE)` read it directly.
 */
export function* networkMatrix(network: Network): Chunks {
  const rows = network.twoMode ? network.nodes.filter((n) => n.mode === 'actor') : network.nodes;
  const columns = network.twoMode ? network.nodes.filter((n) => n.mode === 'target') : network.nodes;
  const rowIndex = new Map(rows.map((n, i) => [n.key, i]));
  const columnIndex = new Map(columns.map((n, i) => [n.key, i]));
  const weights = rows.map(() => new Float64Array(columns.length));
  for (const edge of network.edges) {
    const weight = finiteNumber(edge.weight, `weight of ${edgeWhat(edge)}`);
    const place = (row: string, column: string) => {
      const i = rowIndex.get(row);
      const j = columnIndex.get(column);
      if (i !== undefined && j !== undefined) weights[i][j] = weight;
      return i !== undefined && j !== undefined;
    };
    const placed = network.twoMode ? place(edge.source, edge.target) || place(edge.target, edge.source) : place(edge.source, edge.target) && place(edge.target, edge.source);
    if (!placed) throw new RangeError(`${edgeWhat(edge)} joins nodes that are not in the network`);
  }
  yield csvLine(['', ...uniqueLabels(columns)]);
  const rowLabels = uniqueLabels(rows);
  let chunk = '';
  for (let i = 0; i < rows.length; i++) {
    // Numbers never need quoting: only the label goes through the CSV writer (a 3,000-actor matrix is 9 million cells).
    chunk += `${csvLine([rowLabels[i]]).slice(0, -2)},${weights[i].join(',')}\r\n`;
    if ((i + 1) % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

function uniqueLabels(nodes: readonly NetworkNode[]): string[] {
  const uses = new Map<string, number>();
  for (const n of nodes) uses.set(n.label, (uses.get(n.label) ?? 0) + 1);
  return nodes.map((n) => ((uses.get(n.label) ?? 0) > 1 ? `${n.label} (${n.id})` : n.label));
}

// ---------------------------------------------------------------- node-link JSON

/**
 * networkx's node-link shape. `id` is the node key (networkx's node identifier,
 * the codebook id except for a target that is also an actor in a two-mode
 * network); the codebook id itself is `codebook_id`, since node-link data has
 * no room for an attribute called `id`. `graph` carries the options.
 */
export function* networkNodeLink(network: Network): Chunks {
  const { type, aggregate, normalize, duplicates, minWeight } = network.options;
  const graph = { type, two_mode: network.twoMode, aggregate, normalize, duplicates, min_weight: minWeight };
  yield `{\n  "directed": false,\n  "multigraph": false,\n  "graph": ${jsonText(graph)},\n  "nodes": [`;
  const edgeAttrs = edgeAttributes(network);
  let chunk = '';
  let count = 0;
  for (const node of network.nodes) {
    const record: Record<string, string | number> = { id: node.key, codebook_id: node.id, label: node.label };
    for (const a of NODE_ATTRIBUTES.slice(1)) {
      const value = a.value(node);
      if (value !== undefined) record[a.name] = typeof value === 'number' ? finiteNumber(value, `${a.name} of ${nodeWhat(node)}`) : value;
    }
    chunk += `${count ? ',' : ''}\n    ${jsonText(record)}`;
    if (++count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  chunk += `${count ? '\n  ' : ''}],\n  "links": [`;
  let links = 0;
  for (const edge of network.edges) {
    const record: Record<string, string | number> = { source: edge.source, target: edge.target, weight: finiteNumber(edge.weight, `weight of ${edgeWhat(edge)}`) };
    for (const a of edgeAttrs) {
      const value = a.value(edge);
      if (value !== undefined) record[a.name] = finiteNumber(value as number, `${a.name} of ${edgeWhat(edge)}`);
    }
    chunk += `${links ? ',' : ''}\n    ${jsonText(record)}`;
    if (++links % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${links ? '\n  ' : ''}]\n}\n`;
}
