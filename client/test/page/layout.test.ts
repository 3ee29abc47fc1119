import { describe, expect, it } from 'vitest';
import type { Network } from '../../../protocol/analysis';
import { ITERATIONS, layoutNetwork, seedPositions, unitHash } from '../../src/views/page/layout';
import { affiliation, congruence } from './fixtures';

const spread = (positions: Record<string, readonly [number, number]>) => {
  const xs = Object.values(positions).map((p) => p[0]);
  const ys = Object.values(positions).map((p) => p[1]);
  return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
};

/** A ring of n actors, each tied to the next. */
function ring(n: number, extra: string[] = []): Network {
  const keys = [...Array.from({ length: n }, (_, i) => `a${i}`), ...extra];
  return {
    ...congruence,
    nodes: keys.map((key) => ({ key, id: key, label: key, mode: 'actor', type: 'state', frequency: 1 })),
    edges: [
      ...Array.from({ length: n }, (_, i) => ({ source: `a${i}`, target: `a${(i + 1) % n}`, weight: 1, statements: 1 })),
      ...extra.map((key) => ({ source: key, target: 'a0', weight: 1, statements: 1 })),
    ],
  };
}

describe('layout', () => {
  it('is deterministic: the same network from the same start gives the same positions', () => {
    expect(layoutNetwork(affiliation).positions).toEqual(layoutNetwork(affiliation).positions);
    expect(layoutNetwork(affiliation).iterations).toBe(ITERATIONS.fresh);
  });

  it('places every node at a finite, distinct position', () => {
    const { positions } = layoutNetwork(ring(30));
    expect(Object.keys(positions)).toHaveLength(30);
    for (const [x, y] of Object.values(positions)) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    expect(new Set(Object.values(positions).map((p) => p.join(','))).size).toBe(30);
  });

  it('leaves positions exactly as they were when only weights changed', () => {
    const first = layoutNetwork(ring(12));
    const heavier = { ...ring(12), edges: ring(12).edges.map((e) => ({ ...e, weight: 5 })) };
    const second = layoutNetwork(heavier, first.positions, first.edges);
    expect(second.iterations).toBe(0);
    expect(second.positions).toEqual(first.positions);
  });

  it('starts a new node beside its known neighbour and moves the others little', () => {
    const first = layoutNetwork(ring(20));
    const seeded = seedPositions(ring(20, ['newcomer']), first.positions);
    const size = spread(first.positions);
    const [nx, ny] = seeded.newcomer;
    const [ax, ay] = first.positions.a0;
    expect(Math.hypot(nx - ax, ny - ay)).toBeLessThanOrEqual(size * 0.11);

    const second = layoutNetwork(ring(20, ['newcomer']), first.positions, first.edges);
    expect(second.iterations).toBe(ITERATIONS.someNew);
    const moved = Object.keys(first.positions).map((key) => Math.hypot(second.positions[key][0] - first.positions[key][0], second.positions[key][1] - first.positions[key][1]));
    // No old node moves by more than a fifth of the drawing's size.
    expect(Math.max(...moved)).toBeLessThan(size * 0.2);
  });

  it('spreads nodes with no known neighbour around what is known', () => {
    const first = layoutNetwork(ring(6));
    const lone: Network = { ...ring(6), nodes: [...ring(6).nodes, { key: 'lone', id: 'lone', label: 'lone', mode: 'actor', type: 'state', frequency: 1 }] };
    const seeded = seedPositions(lone, first.positions);
    expect(Number.isFinite(seeded.lone[0])).toBe(true);
    expect(first.positions.lone).toBeUndefined();
  });

  it('hashes text to [0, 1) stably', () => {
    expect(unitHash('russia')).toBe(unitHash('russia'));
    expect(unitHash('russia')).not.toBe(unitHash('ukraine'));
    for (const text of ['', 'a', 'ü', '🦊']) expect(unitHash(text)).toBeGreaterThanOrEqual(0);
  });
});
