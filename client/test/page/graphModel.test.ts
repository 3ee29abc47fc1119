import { describe, expect, it } from 'vitest';
import type { Network, NetworkEdge } from '../../../protocol/analysis';
import { displayGraph, edgeKey, edgeSign, edgeSize, MAX_EDGE_SIZE, MAX_NODE_SIZE, MIN_EDGE_SIZE, MIN_NODE_SIZE, nodeSize, typeColours } from '../../src/views/page/graphModel';
import { affiliation, congruence, palette, XSS } from './fixtures';

const edge = (weight: number, counts: Partial<NetworkEdge> = {}): NetworkEdge => ({ source: 'a', target: 'b', weight, statements: 1, ...counts });
const options = (type: Network['options']['type'], aggregate: Network['options']['aggregate'] = 'ignore') => ({
  options: { type, aggregate, normalize: 'none' as const, duplicates: 'include' as const, minWeight: 0 },
  twoMode: type === 'affiliation',
});

describe('a tie’s sign', () => {
  it('two-mode: from the polarities of its statements', () => {
    const net = options('affiliation');
    expect(edgeSign(edge(3, { positive: 3, negative: 0, zero: 0 }), net)).toBe('supports');
    expect(edgeSign(edge(2, { positive: 0, negative: 2, zero: 0 }), net)).toBe('opposes');
    expect(edgeSign(edge(3, { positive: 1, negative: 1, zero: 1 }), net)).toBe('mixed');
    expect(edgeSign(edge(1, { positive: 0, negative: 0, zero: 1 }), net)).toBe('neutral');
    expect(edgeSign(edge(1, { positive: 1, negative: 0, zero: 4 }), net)).toBe('supports');
  });

  it('two-mode subtract: the weight’s sign; combine: its code', () => {
    expect(edgeSign(edge(-2, { positive: 1, negative: 3 }), options('affiliation', 'subtract'))).toBe('opposes');
    expect(edgeSign(edge(0.5), options('affiliation', 'subtract'))).toBe('supports');
    expect([1, 2, 3, 4].map((w) => edgeSign(edge(w), options('affiliation', 'combine')))).toEqual(['supports', 'opposes', 'mixed', 'neutral']);
  });

  it('one-mode: congruence agrees, conflict opposes, subtract by sign, the rest ignore stances', () => {
    expect(edgeSign(edge(4), options('congruence'))).toBe('supports');
    expect(edgeSign(edge(4), options('conflict'))).toBe('opposes');
    expect(edgeSign(edge(-1), options('subtract'))).toBe('opposes');
    expect(edgeSign(edge(1), options('subtract'))).toBe('supports');
    expect(edgeSign(edge(5), options('co-occurrence'))).toBe('neutral');
    expect(edgeSign(edge(5), options('co-mention'))).toBe('neutral');
  });
});

describe('sizes', () => {
  it('nodes grow with the square root of their statements, from the smallest to the largest size', () => {
    expect(nodeSize(0, 100)).toBe(MIN_NODE_SIZE);
    expect(nodeSize(100, 100)).toBe(MAX_NODE_SIZE);
    expect(nodeSize(25, 100)).toBe(MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * 0.5);
    expect(nodeSize(3, 0)).toBe(MIN_NODE_SIZE);
  });

  it('edges by the absolute weight', () => {
    expect(edgeSize(-9, 9)).toBe(MAX_EDGE_SIZE);
    expect(edgeSize(2.25, 9)).toBe(MIN_EDGE_SIZE + (MAX_EDGE_SIZE - MIN_EDGE_SIZE) * 0.5);
    expect(edgeSize(1, 0)).toBe(MIN_EDGE_SIZE);
  });
});

describe('the drawing', () => {
  it('draws actors as circles coloured by type and targets as squares; actor-targets keep their type’s colour', () => {
    const graph = displayGraph(affiliation, palette, ['organization', 'person', 'state']);
    const shapes = Object.fromEntries(graph.nodes.map((n) => [n.key, [n.shape, n.colour]]));
    // Colours by the place of the type among all the workspace's types: organization 0, person 1, state 2.
    expect(shapes).toEqual({
      us: ['circle', palette.types[2]],
      russia: ['circle', palette.types[2]],
      xss: ['circle', palette.types[1]],
      ceasefire: ['square', palette.target],
      nato: ['square', palette.target],
      'target:russia': ['square', palette.types[2]],
    });
    expect(graph.types).toEqual([
      { type: 'person', colour: palette.types[1] },
      { type: 'state', colour: palette.types[2] },
    ]);
    expect(graph.nodes.find((n) => n.key === 'xss')!.label).toBe(XSS);
  });

  it('colours ties by sign and counts each node’s ties', () => {
    const graph = displayGraph(affiliation, palette);
    expect(graph.edges.map((e) => [e.key, e.sign, e.colour])).toEqual([
      [edgeKey('us', 'ceasefire'), 'mixed', palette.mixed],
      [edgeKey('us', 'target:russia'), 'opposes', palette.opposes],
      [edgeKey('russia', 'ceasefire'), 'neutral', palette.neutral],
      [edgeKey('russia', 'nato'), 'opposes', palette.opposes],
      [edgeKey('xss', 'ceasefire'), 'supports', palette.supports],
    ]);
    expect(Object.fromEntries(graph.nodes.map((n) => [n.key, n.degree]))).toEqual({ us: 2, russia: 2, xss: 1, ceasefire: 3, nato: 1, 'target:russia': 1 });
    expect(displayGraph(congruence, palette).edges.every((e) => e.sign === 'supports')).toBe(true);
  });

  it('keeps a type’s colour when a filter hides other types', () => {
    const all = ['organization', 'person', 'state'];
    expect(typeColours(all, ['state'], palette).get('state')).toBe(typeColours(all, ['person', 'state'], palette).get('state'));
    // A type the facets do not know comes after them.
    expect(typeColours(['state'], ['zeta', 'alpha'], palette).get('alpha')).toBe(palette.types[1]);
  });

  it('gives ties keys that cannot be confused, whatever the node keys contain', () => {
    expect(edgeKey('a:b', 'c')).not.toBe(edgeKey('a', 'b:c'));
    expect(edgeKey('a","b', 'c')).not.toBe(edgeKey('a', 'b","c'));
  });
});
