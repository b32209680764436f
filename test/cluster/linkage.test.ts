import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageLinkage, type Edges } from '../../src/cluster/index.js';

const edges = (list: [number, number, number][]): Edges => ({
  count: list.length,
  a: Int32Array.from(list.map((e) => e[0])),
  b: Int32Array.from(list.map((e) => e[1])),
  weight: Float32Array.from(list.map((e) => e[2])),
});

describe('averageLinkage', () => {
  it('merges close pairs and leaves the rest alone', () => {
    expect([...averageLinkage(4, edges([[0, 1, 0.9], [2, 3, 0.2]]), 0.5)]).toEqual([0, 0, 2, 3]);
  });

  it('does not chain: a~b and b~c do not join a and c when a and c are unlike', () => {
    expect([...averageLinkage(3, edges([[0, 1, 0.8], [1, 2, 0.8]]), 0.5)]).toEqual([0, 0, 2]);
  });

  it('joins a triangle whose average similarity passes the threshold', () => {
    expect([...averageLinkage(3, edges([[0, 1, 0.9], [1, 2, 0.8], [0, 2, 0.6]]), 0.5)]).toEqual([0, 0, 0]);
  });

  it('does not depend on the order of the edges', () => {
    const pool: [number, number, number][] = [[0, 1, 0.9], [1, 2, 0.7], [2, 3, 0.9], [0, 3, 0.4], [4, 5, 0.6], [3, 4, 0.55]];
    const reference = [...averageLinkage(6, edges(pool), 0.5)];
    fc.assert(fc.property(fc.shuffledSubarray(pool, { minLength: pool.length }), (shuffled) => {
      expect([...averageLinkage(6, edges(shuffled), 0.5)]).toEqual(reference);
    }));
  });

  it('agrees with a naive average-link that recomputes every cluster pair after each merge', () => {
    const graph = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 1000 })), {
      selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`,
      maxLength: 24,
    });
    fc.assert(
      fc.property(graph, fc.double({ min: 0.05, max: 0.9, noNaN: true }), (list, threshold) => {
        // Distinct weights, so no ties: both must make the same merges in the same order. Weights
        // are rounded to 32 bits first, as the edge arrays store them.
        const weighted = list.filter(([a, b]) => a !== b).map(([a, b, w], i): [number, number, number] => [a, b, Math.fround(w / 1000 - i * 1e-6)]);
        const fast = averageLinkage(8, edges(weighted), threshold);
        expect(partitionOf(fast)).toEqual(partitionOf(naiveAverageLinkage(8, weighted, threshold)));
      }),
    );
  });

  it('agrees with the naive one on larger graphs, where most links move from merged clusters to their survivors', () => {
    const graph = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 29 }), fc.integer({ min: 1, max: 1000 })), {
      selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`,
      minLength: 60,
      maxLength: 200,
    });
    fc.assert(
      fc.property(graph, fc.double({ min: 0.01, max: 0.3, noNaN: true }), (list, threshold) => {
        const weighted = list.filter(([a, b]) => a !== b).map(([a, b, w], i): [number, number, number] => [a, b, Math.fround(w / 1000 - i * 1e-6)]);
        expect(partitionOf(averageLinkage(30, edges(weighted), threshold))).toEqual(partitionOf(naiveAverageLinkage(30, weighted, threshold)));
      }),
      { numRuns: 40 },
    );
  });

  it('treats sized nodes as that many items, with edge weights summed over their item pairs', () => {
    // Node 0 stands for 2 items, node 1 for 1: a summed weight of 1.2 over 2 item pairs is a mean of 0.6.
    const merged = averageLinkage(2, edges([[0, 1, 1.2]]), 0.55, Int32Array.from([2, 1]));
    const apart = averageLinkage(2, edges([[0, 1, 1.2]]), 0.65, Int32Array.from([2, 1]));
    expect([...merged]).toEqual([0, 0]);
    expect([...apart]).toEqual([0, 1]);
  });
});

/** Clusters as sorted member lists, sorted: compares partitions whatever their names. */
function partitionOf(repOf: ArrayLike<number>): number[][] {
  const byRep = new Map<number, number[]>();
  Array.from(repOf).forEach((rep, node) => byRep.set(rep, [...(byRep.get(rep) ?? []), node]));
  return [...byRep.values()].sort((p, q) => p[0] - q[0]);
}

function naiveAverageLinkage(nodes: number, list: [number, number, number][], threshold: number): number[] {
  const weight = (x: number, y: number) => list.find(([a, b]) => (a === x && b === y) || (a === y && b === x))?.[2] ?? 0;
  let clusters = Array.from({ length: nodes }, (_, i) => [i]);
  for (;;) {
    let best: [number, number, number] | undefined;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        let sum = 0;
        for (const x of clusters[i]) for (const y of clusters[j]) sum += weight(x, y);
        const link = sum / (clusters[i].length * clusters[j].length);
        if (link >= threshold && (!best || link > best[2])) best = [i, j, link];
      }
    }
    if (!best) break;
    const [i, j] = best;
    clusters = [...clusters.filter((_, k) => k !== i && k !== j), [...clusters[i], ...clusters[j]]];
  }
  const rep = new Array<number>(nodes);
  for (const members of clusters) for (const m of members) rep[m] = Math.min(...members);
  return rep;
}
