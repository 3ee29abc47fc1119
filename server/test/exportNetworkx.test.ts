/**
 * Networks exported by `standpoint export network` from the example corpus,
 * read back by networkx (the library pandas and many analysts use) from
 * GraphML, GEXF and node-link JSON: the same graph each time, with the weights
 * docs/analysis.md works out by hand. Skipped, with a message, where python3
 * or networkx is missing; both are on the development machine and in CI.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, REPO_ROOT, testEnvironment } from './support/lspClient';

const python = spawnSync('python3', ['-c', 'import networkx; print(networkx.__version__)'], { encoding: 'utf8' });
const hasNetworkx = python.status === 0;
if (!hasNetworkx) console.warn(`Skipping the networkx reading of exported networks: python3 with networkx is not available (${python.error?.message ?? python.stderr.trim()}).`);

const READER = `
import json, sys, networkx as nx
graphml, gexf, nodelink = sys.argv[1:4]
def dump(G):
    return {
        "directed": G.is_directed(),
        "nodes": sorted([n, d] for n, d in G.nodes(data=True)),
        "edges": sorted([*sorted([u, v]), d["weight"], d["statements"]] for u, v, d in G.edges(data=True)),
    }
with open(nodelink, encoding="utf-8") as f:
    linked = nx.node_link_graph(json.load(f), edges="links")
print(json.dumps({"graphml": dump(nx.read_graphml(graphml)), "gexf": dump(nx.read_gexf(gexf, version="1.3")), "json": dump(linked)}))
`;

type Dump = { directed: boolean; nodes: [string, Record<string, unknown>][]; edges: [string, string, number, number][] };

/** Exports the network in the three formats with the CLI, as a user would, and reads them with networkx. */
function exportAndRead(args: string[]): Record<'graphml' | 'gexf' | 'json', Dump> {
  const folder = mkdtempSync(path.join(tmpdir(), 'standpoint-networkx-export-'));
  try {
    const files = { graphml: path.join(folder, 'n.graphml'), gexf: path.join(folder, 'n.gexf'), json: path.join(folder, 'n.json') };
    for (const format of ['graphml', 'gexf', 'json'] as const) {
      const result = spawnSync(process.execPath, [CLI, 'export', 'network', ...args, '--format', format, '--output', files[format]], { cwd: REPO_ROOT, encoding: 'utf8', env: testEnvironment() });
      expect(result.status, result.stderr).toBe(0);
    }
    const read = spawnSync('python3', ['-c', READER, files.graphml, files.gexf, files.json], { encoding: 'utf8', timeout: 60_000 });
    expect(read.status, read.stderr).toBe(0);
    return JSON.parse(read.stdout);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const EXAMPLE = ['example/annotations', '--workspace', 'example', '--coder', 'ana'];

describe.skipIf(!hasNetworkx)('networkx reads the networks exported from the example corpus', () => {
  it('congruence: the same undirected graph from GraphML, GEXF and node-link JSON, with the weights worked out in docs/analysis.md', () => {
    const read = exportAndRead([...EXAMPLE, '--type', 'congruence']);
    for (const format of ['graphml', 'gexf', 'json'] as const) {
      expect(read[format].directed, format).toBe(false);
      expect(read[format].edges, format).toEqual(read.graphml.edges);
      expect(
        read[format].nodes.map(([key]) => key),
        format,
      ).toEqual(read.graphml.nodes.map(([key]) => key));
    }
    const tie = (a: string, b: string) => read.graphml.edges.find(([u, v]) => u === a && v === b);
    expect(tie('russia', 'us')).toEqual(['russia', 'us', 6, 12]);
    expect(tie('russia', 'ukraine')).toEqual(['russia', 'ukraine', 1, 3]);
    const russia = Object.fromEntries(read.graphml.nodes)['russia'];
    expect(russia).toEqual({ label: 'Russia', id: 'russia', mode: 'actor', type: 'state', frequency: 10 });
    expect(Object.fromEntries(read.json.nodes)['putin']).toMatchObject({ label: 'Vladimir Putin', codebook_id: 'putin', affiliation: 'russia' });
  });

  it('affiliation: a target that is an actor is its own node (target:putin), beside the actor', () => {
    const read = exportAndRead([...EXAMPLE, '--type', 'affiliation', '--aggregate', 'subtract']);
    const nodes = Object.fromEntries(read.gexf.nodes);
    expect(nodes['target:putin']).toEqual({ label: 'Vladimir Putin', id: 'putin', mode: 'target', type: 'person', affiliation: 'russia', frequency: 1 });
    expect(nodes['putin']).toMatchObject({ mode: 'actor', type: 'person' });
    const ties = Object.fromEntries(read.gexf.edges.map(([u, v, weight]) => [`${u}–${v}`, weight]));
    expect(ties['target:putin–witkoff']).toBe(1);
    expect(ties['eu–sanctions-relief']).toBe(-2);
    expect(ties['russia–sanctions-relief']).toBe(2);
    expect(read.json.edges).toEqual(read.gexf.edges);
  });
});
