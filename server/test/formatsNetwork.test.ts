import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Network } from '../src/service/analysis/types';
import { collect } from '../src/formats/chunks';
import { writeNetwork, NETWORK_FORMATS } from '../src/formats/network';

const OPTIONS_ONE_MODE = { type: 'congruence', aggregate: 'ignore', normalize: 'none', duplicates: 'include', minWeight: 0 } as const;

/** Two actors, one tie; names with quotes, markup and a formula. */
const SMALL: Network = {
  options: OPTIONS_ONE_MODE,
  twoMode: false,
  nodes: [
    { key: 'us', id: 'us', label: 'United "States" & <Allies>', mode: 'actor', type: 'state', frequency: 3 },
    { key: 'rubio', id: 'rubio', label: '=HYPERLINK("x")', mode: 'actor', type: 'person', affiliation: 'us', frequency: 1 },
  ],
  edges: [{ source: 'us', target: 'rubio', weight: 0.5, statements: 2 }],
};

/**
 * Two-mode, with an actor (`us`) that is also a target (key `target:us`), a
 * negative weight, an isolate, and every kind of awkward name: commas, quotes,
 * a line break, `<` and `&`, an emoji flag, a C0 control character (not
 * allowed in XML 1.0) and a formula.
 */
const TWO_MODE: Network = {
  options: { type: 'affiliation', aggregate: 'subtract', normalize: 'none', duplicates: 'include', minWeight: 0 },
  twoMode: true,
  nodes: [
    { key: 'us', id: 'us', label: 'United States, "the US"', mode: 'actor', type: 'state', frequency: 3 },
    { key: 'ru', id: 'ru', label: 'Russia 🇷🇺 <Kremlin> & Co', mode: 'actor', type: 'state', frequency: 2 },
    { key: 'rubio', id: 'rubio', label: '=HYPERLINK("http://example.invalid","Rubio")', mode: 'actor', type: 'person', affiliation: 'us', frequency: 1 },
    { key: 'lone', id: 'lone', label: 'Bell\u0007 and\ttab', mode: 'actor', type: 'person', frequency: 0 },
    { key: 'sanctions', id: 'sanctions', label: 'Sanctions\nrelief', mode: 'target', type: 'topic', frequency: 3 },
    { key: 'target:us', id: 'us', label: 'United States, "the US"', mode: 'target', type: 'state', frequency: 2 },
  ],
  edges: [
    { source: 'us', target: 'sanctions', weight: 2, statements: 2, positive: 2, negative: 0, zero: 0 },
    { source: 'ru', target: 'sanctions', weight: -1, statements: 1, positive: 0, negative: 1, zero: 0 },
    { source: 'ru', target: 'target:us', weight: -1, statements: 1, positive: 0, negative: 1, zero: 0 },
    { source: 'rubio', target: 'target:us', weight: 0, statements: 1, positive: 0, negative: 0, zero: 1 },
  ],
};

describe('network writers: exact output for a small network (written by hand)', () => {
  it('GraphML', () => {
    expect(collect(writeNetwork(SMALL, 'graphml'))).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="codebook_id" for="node" attr.name="id" attr.type="string"/>
  <key id="mode" for="node" attr.name="mode" attr.type="string"/>
  <key id="type" for="node" attr.name="type" attr.type="string"/>
  <key id="affiliation" for="node" attr.name="affiliation" attr.type="string"/>
  <key id="frequency" for="node" attr.name="frequency" attr.type="int"/>
  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
  <key id="statements" for="edge" attr.name="statements" attr.type="int"/>
  <graph id="G" edgedefault="undirected">
    <desc>Standpoint congruence network (one-mode); aggregate ignore, normalize none, duplicates include, min weight 0</desc>
    <node id="us">
      <data key="label">United "States" &amp; &lt;Allies&gt;</data>
      <data key="codebook_id">us</data>
      <data key="mode">actor</data>
      <data key="type">state</data>
      <data key="frequency">3</data>
    </node>
    <node id="rubio">
      <data key="label">=HYPERLINK("x")</data>
      <data key="codebook_id">rubio</data>
      <data key="mode">actor</data>
      <data key="type">person</data>
      <data key="affiliation">us</data>
      <data key="frequency">1</data>
    </node>
    <edge source="us" target="rubio">
      <data key="weight">0.5</data>
      <data key="statements">2</data>
    </edge>
  </graph>
</graphml>
`,
    );
  });

  it('GEXF 1.3', () => {
    expect(collect(writeNetwork(SMALL, 'gexf', { creator: 'Standpoint 9.9.9' }))).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
  <meta>
    <creator>Standpoint 9.9.9</creator>
    <description>Standpoint congruence network (one-mode); aggregate ignore, normalize none, duplicates include, min weight 0</description>
  </meta>
  <graph defaultedgetype="undirected">
    <attributes class="node">
      <attribute id="codebook_id" title="id" type="string"/>
      <attribute id="mode" title="mode" type="string"/>
      <attribute id="type" title="type" type="string"/>
      <attribute id="affiliation" title="affiliation" type="string"/>
      <attribute id="frequency" title="frequency" type="integer"/>
    </attributes>
    <attributes class="edge">
      <attribute id="statements" title="statements" type="integer"/>
    </attributes>
    <nodes>
      <node id="us" label="United &quot;States&quot; &amp; &lt;Allies&gt;">
        <attvalues>
          <attvalue for="codebook_id" value="us"/>
          <attvalue for="mode" value="actor"/>
          <attvalue for="type" value="state"/>
          <attvalue for="frequency" value="3"/>
        </attvalues>
      </node>
      <node id="rubio" label="=HYPERLINK(&quot;x&quot;)">
        <attvalues>
          <attvalue for="codebook_id" value="rubio"/>
          <attvalue for="mode" value="actor"/>
          <attvalue for="type" value="person"/>
          <attvalue for="affiliation" value="us"/>
          <attvalue for="frequency" value="1"/>
        </attvalues>
      </node>
    </nodes>
    <edges>
      <edge source="us" target="rubio" weight="0.5">
        <attvalues>
          <attvalue for="statements" value="2"/>
        </attvalues>
      </edge>
    </edges>
  </graph>
</gexf>
`,
    );
  });

  it('node-link JSON', () => {
    const text = collect(writeNetwork(SMALL, 'json'));
    expect(text).toBe(
      `{
  "directed": false,
  "multigraph": false,
  "graph": {"type":"congruence","two_mode":false,"aggregate":"ignore","normalize":"none","duplicates":"include","min_weight":0},
  "nodes": [
    {"id":"us","codebook_id":"us","label":"United \\"States\\" & <Allies>","mode":"actor","type":"state","frequency":3},
    {"id":"rubio","codebook_id":"rubio","label":"=HYPERLINK(\\"x\\")","mode":"actor","type":"person","affiliation":"us","frequency":1}
  ],
  "links": [
    {"source":"us","target":"rubio","weight":0.5,"statements":2}
  ]
}
`,
    );
  });

  it('CSV edge list: keys, weight, statements, labels; a formula-like label gets a leading quote', () => {
    expect(collect(writeNetwork(SMALL, 'csv'))).toBe('source,target,weight,statements,source_label,target_label\r\n' + 'us,rubio,0.5,2,"United ""States"" & <Allies>","\'=HYPERLINK(""x"")"\r\n');
  });

  it('matrix: symmetric one-mode adjacency with labels on both axes', () => {
    expect(collect(writeNetwork(SMALL, 'matrix'))).toBe(',"United ""States"" & <Allies>","\'=HYPERLINK(""x"")"\r\n' + '"United ""States"" & <Allies>",0,0.5\r\n' + '"\'=HYPERLINK(""x"")",0.5,0\r\n');
  });

  it('matrix: two-mode is actors × targets; negative weights stay numbers; shared labels get their id', () => {
    const rows = parse(collect(writeNetwork(TWO_MODE, 'matrix')), { relax_column_count: false }) as string[][];
    expect(rows).toEqual([
      ['', 'Sanctions\nrelief', 'United States, "the US"'],
      ['United States, "the US"', '2', '0'],
      ['Russia 🇷🇺 <Kremlin> & Co', '-1', '-1'],
      ['\'=HYPERLINK("http://example.invalid","Rubio")', '0', '0'],
      ['Bell\u0007 and\ttab', '0', '0'],
    ]);
    const sameLabel: Network = { ...SMALL, nodes: [SMALL.nodes[0], { ...SMALL.nodes[1], label: SMALL.nodes[0].label }] };
    expect(parse(collect(writeNetwork(sameLabel, 'matrix')))[0]).toEqual(['', 'United "States" & <Allies> (us)', 'United "States" & <Allies> (rubio)']);
  });

  it('CSV edge list of a two-mode network: the sign counts follow; csv-parse reads back every awkward label', () => {
    const records = parse(collect(writeNetwork(TWO_MODE, 'csv')), { columns: true }) as Record<string, string>[];
    expect(records).toEqual([
      { source: 'us', target: 'sanctions', weight: '2', statements: '2', source_label: 'United States, "the US"', target_label: 'Sanctions\nrelief', positive: '2', negative: '0', zero: '0' },
      { source: 'ru', target: 'sanctions', weight: '-1', statements: '1', source_label: 'Russia 🇷🇺 <Kremlin> & Co', target_label: 'Sanctions\nrelief', positive: '0', negative: '1', zero: '0' },
      { source: 'ru', target: 'target:us', weight: '-1', statements: '1', source_label: 'Russia 🇷🇺 <Kremlin> & Co', target_label: 'United States, "the US"', positive: '0', negative: '1', zero: '0' },
      {
        source: 'rubio',
        target: 'target:us',
        weight: '0',
        statements: '1',
        source_label: '\'=HYPERLINK("http://example.invalid","Rubio")',
        target_label: 'United States, "the US"',
        positive: '0',
        negative: '0',
        zero: '1',
      },
    ]);
  });

  it('a control character not allowed in XML 1.0 becomes U+FFFD; tab and line break survive as references', () => {
    const graphml = collect(writeNetwork(TWO_MODE, 'graphml'));
    expect(graphml).toContain('<data key="label">Bell\uFFFD and\ttab</data>');
    expect(graphml).toContain('<data key="label">Sanctions\nrelief</data>');
    // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 cannot carry are what is looked for
    expect(graphml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const gexf = collect(writeNetwork(TWO_MODE, 'gexf'));
    expect(gexf).toContain('label="Bell\uFFFD and&#9;tab"');
    expect(gexf).toContain('label="Sanctions&#10;relief"');
    // JSON keeps the character, escaped as JSON does.
    expect(collect(writeNetwork(TWO_MODE, 'json'))).toContain('"label":"Bell\\u0007 and\\ttab"');
  });

  it('an empty network is still a valid document in every format', () => {
    const empty: Network = { options: OPTIONS_ONE_MODE, twoMode: false, nodes: [], edges: [] };
    expect(JSON.parse(collect(writeNetwork(empty, 'json')))).toEqual({
      directed: false,
      multigraph: false,
      graph: { type: 'congruence', two_mode: false, aggregate: 'ignore', normalize: 'none', duplicates: 'include', min_weight: 0 },
      nodes: [],
      links: [],
    });
    expect(collect(writeNetwork(empty, 'csv'))).toBe('source,target,weight,statements,source_label,target_label\r\n');
    expect(collect(writeNetwork(empty, 'matrix'))).toBe('\r\n');
    expect(collect(writeNetwork(empty, 'graphml'))).toContain('</desc>\n  </graph>\n</graphml>\n');
    expect(collect(writeNetwork(empty, 'gexf'))).toContain('<nodes>\n    </nodes>\n    <edges>\n    </edges>');
  });

  it('a weight that is not a finite number is a clear error, not NaN in the file', () => {
    const broken: Network = { ...SMALL, edges: [{ source: 'us', target: 'rubio', weight: Number.NaN, statements: 1 }] };
    for (const format of NETWORK_FORMATS) expect(() => collect(writeNetwork(broken, format)), format).toThrow(/weight of the tie us–rubio is NaN/);
  });

  it('a large network comes out in several chunks (streams)', () => {
    const nodes = Array.from({ length: 3000 }, (_, i) => ({ key: `a${i}`, id: `a${i}`, label: `Actor ${i}`, mode: 'actor' as const, type: 'person', frequency: 1 }));
    const edges = nodes.slice(1).map((n, i) => ({ source: nodes[i].key, target: n.key, weight: 1, statements: 1 }));
    const big: Network = { options: OPTIONS_ONE_MODE, twoMode: false, nodes, edges };
    for (const format of NETWORK_FORMATS) expect([...writeNetwork(big, format)].length, format).toBeGreaterThan(3);
  });
});

// ---------------------------------------------------------------- networkx

const python = spawnSync('python3', ['-c', 'import networkx; print(networkx.__version__)'], { encoding: 'utf8' });
const hasNetworkx = python.status === 0;
if (!hasNetworkx) console.warn(`Skipping the networkx interop tests: python3 with networkx is not available (${python.error?.message ?? python.stderr.trim()}).`);

/** Reads the three files with networkx and prints nodes and edges (endpoints sorted) as JSON. */
const READER = `
import json, sys, networkx as nx
graphml, gexf, nodelink = sys.argv[1:4]
def dump(G):
    return {
        "directed": G.is_directed(), "multigraph": G.is_multigraph(),
        "nodes": sorted([n, d] for n, d in G.nodes(data=True)),
        "edges": sorted([*sorted([u, v]), d] for u, v, d in G.edges(data=True)),
    }
with open(nodelink, encoding="utf-8") as f:
    linked = nx.node_link_graph(json.load(f), edges="links")
print(json.dumps({
    "graphml": dump(nx.read_graphml(graphml)),
    "gexf": dump(nx.read_gexf(gexf, version="1.3")),
    "json": dump(linked),
}))
`;

function readWithNetworkx(network: Network) {
  const folder = mkdtempSync(path.join(tmpdir(), 'standpoint-networkx-'));
  try {
    const files = { graphml: path.join(folder, 'n.graphml'), gexf: path.join(folder, 'n.gexf'), json: path.join(folder, 'n.json') };
    for (const format of ['graphml', 'gexf', 'json'] as const) writeFileSync(files[format], collect(writeNetwork(network, format)), 'utf8');
    const result = spawnSync('python3', ['-c', READER, files.graphml, files.gexf, files.json], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr.replace(/.*FutureWarning.*\n?/g, '')).toBe('');
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout) as Record<
      'graphml' | 'gexf' | 'json',
      { directed: boolean; multigraph: boolean; nodes: [string, Record<string, unknown>][]; edges: [string, string, Record<string, unknown>][] }
    >;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe.skipIf(!hasNetworkx)('networkx reads GraphML, GEXF and node-link JSON to the same graph', () => {
  it('two-mode network with an actor that is also a target, awkward names and an isolate', () => {
    const read = readWithNetworkx(TWO_MODE);
    // Worked out by hand from TWO_MODE; the GraphML/GEXF attribute `id` is the codebook id.
    const expectedNodes: [string, Record<string, unknown>][] = [
      ['lone', { label: 'Bell\uFFFD and\ttab', id: 'lone', mode: 'actor', type: 'person', frequency: 0 }],
      ['ru', { label: 'Russia 🇷🇺 <Kremlin> & Co', id: 'ru', mode: 'actor', type: 'state', frequency: 2 }],
      ['rubio', { label: '=HYPERLINK("http://example.invalid","Rubio")', id: 'rubio', mode: 'actor', type: 'person', affiliation: 'us', frequency: 1 }],
      ['sanctions', { label: 'Sanctions\nrelief', id: 'sanctions', mode: 'target', type: 'topic', frequency: 3 }],
      ['target:us', { label: 'United States, "the US"', id: 'us', mode: 'target', type: 'state', frequency: 2 }],
      ['us', { label: 'United States, "the US"', id: 'us', mode: 'actor', type: 'state', frequency: 3 }],
    ];
    const expectedEdges: [string, string, Record<string, unknown>][] = [
      ['ru', 'sanctions', { weight: -1, statements: 1, positive: 0, negative: 1, zero: 0 }],
      ['ru', 'target:us', { weight: -1, statements: 1, positive: 0, negative: 1, zero: 0 }],
      ['rubio', 'target:us', { weight: 0, statements: 1, positive: 0, negative: 0, zero: 1 }],
      ['sanctions', 'us', { weight: 2, statements: 2, positive: 2, negative: 0, zero: 0 }],
    ];
    for (const format of ['graphml', 'gexf'] as const) {
      expect(read[format].directed, format).toBe(false);
      expect(read[format].multigraph, format).toBe(false);
      expect(read[format].nodes, format).toEqual(expectedNodes);
      expect(read[format].edges, format).toEqual(expectedEdges);
    }
    // Node-link JSON: the node identifier is `id`, the codebook id rides as `codebook_id`, and JSON keeps the control character.
    expect(read.json.directed).toBe(false);
    expect(read.json.multigraph).toBe(false);
    expect(read.json.nodes).toEqual(expectedNodes.map(([key, { id, label, ...rest }]) => [key, { codebook_id: id, label: key === 'lone' ? 'Bell\u0007 and\ttab' : label, ...rest }]));
    expect(read.json.edges).toEqual(expectedEdges);
  });

  it('one-mode network with a fractional weight', () => {
    const read = readWithNetworkx({ ...SMALL, edges: [{ source: 'us', target: 'rubio', weight: 1 / 3, statements: 2 }] });
    for (const format of ['graphml', 'gexf', 'json'] as const) {
      expect(read[format].edges, format).toEqual([['rubio', 'us', { weight: 0.3333333333333333, statements: 2 }]]);
      expect(
        read[format].nodes.map(([key, data]) => [key, data.label]),
        format,
      ).toEqual([
        ['rubio', '=HYPERLINK("x")'],
        ['us', 'United "States" & <Allies>'],
      ]);
    }
  });
});
