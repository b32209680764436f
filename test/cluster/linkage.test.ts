import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageLinkage, groupDocuments, NearMissCompletion, type Edges, type LinkConstraints } from '../../src/cluster/index.js';
import { MergeHeap, RefusedMerges } from '../../src/cluster/linkage.js';

const edges = (list: [number, number, number][]): Edges => ({
  count: list.length,
  a: Int32Array.from(list.map((e) => e[0])),
  b: Int32Array.from(list.map((e) => e[1])),
  weight: Float32Array.from(list.map((e) => e[2])),
});

/** Random edge lists over nodes 0..nodes − 1 with weights minWeight..1000, each unordered pair at most once. */
const edgeLists = (nodes: number, length: { minLength?: number; maxLength: number }, minWeight = 1) =>
  fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: nodes - 1 }), fc.integer({ min: 0, max: nodes - 1 }), fc.integer({ min: minWeight, max: 1000 })), {
    selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`,
    ...length,
  });

/**
 * Self-loops dropped and weights made distinct, so no two links tie and the merges cannot depend
 * on order; rounded to 32 bits first, as the edge arrays store them. Each weight is moved by its
 * own irrational amount: a step of equal size per edge let averages tie (two edges of 0.222 −
 * 1e-6 and 0.444 − 2e-6 give one pair's mean and another's the same link), and a tie is broken
 * by node index in the tool but by list position in the naive version, once must-links reorder it.
 */
const distinctWeights = (list: [number, number, number][]) =>
  list.filter(([a, b]) => a !== b).map(([a, b, w], i): [number, number, number] => [a, b, Math.fround(w / 1000 + Math.sqrt(i + 2) * 1e-7)]);

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
    const graph = edgeLists(8, { maxLength: 24 });
    fc.assert(
      fc.property(graph, fc.double({ min: 0.05, max: 0.9, noNaN: true }), (list, threshold) => {
        // No ties: both must make the same merges in the same order.
        const weighted = distinctWeights(list);
        const fast = averageLinkage(8, edges(weighted), threshold);
        expect(partitionOf(fast)).toEqual(partitionOf(naiveAverageLinkage(8, weighted, threshold)));
      }),
    );
  });

  it('agrees with the naive one on larger graphs, where most links move from merged clusters to their survivors', () => {
    const graph = edgeLists(30, { minLength: 60, maxLength: 200 });
    fc.assert(
      fc.property(graph, fc.double({ min: 0.01, max: 0.3, noNaN: true }), (list, threshold) => {
        const weighted = distinctWeights(list);
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

describe('averageLinkage completing near misses', () => {
  // Two tight pairs whose cross pairs were half found: the found ones alone average 0.25.
  const split: [number, number, number][] = [[0, 1, 0.9], [2, 3, 0.9], [0, 2, 0.5], [1, 3, 0.5]];

  it('merges two clusters whose unscored pairs lift the exact mean over the cut', () => {
    expect(partitionOf(averageLinkage(4, edges(split), 0.35))).toEqual([[0, 1], [2, 3]]);
    const completion = completionOf(split, () => 0.3);
    expect(partitionOf(averageLinkage(4, edges(split), 0.35, undefined, undefined, completion))).toEqual([[0, 1, 2, 3]]);
    expect([completion.completed, completion.merged]).toEqual([1, 1]);
  });

  it('leaves them apart when the exact mean stays under the cut, and does not look below the floor', () => {
    const weak = completionOf(split, () => 0.05);
    expect(partitionOf(averageLinkage(4, edges(split), 0.35, undefined, undefined, weak))).toEqual([[0, 1], [2, 3]]);
    expect([weak.completed, weak.merged]).toEqual([1, 0]);
    // 0.25 is under 0.8 × 0.35: not a near miss at all, however high the unscored pairs.
    const strict = completionOf(split, () => 1, 0.8);
    expect(partitionOf(averageLinkage(4, edges(split), 0.35, undefined, undefined, strict))).toEqual([[0, 1], [2, 3]]);
    expect(strict.completed).toBe(0);
  });

  it('agrees with a naive average-link that scores the unscored pairs of every near miss', () => {
    const graph = edgeLists(10, { maxLength: 30 });
    fc.assert(
      fc.property(graph, fc.double({ min: 0.1, max: 0.6, noNaN: true }), fc.integer({ min: 1, max: 1000 }), (list, threshold, seed) => {
        const weighted = distinctWeights(list);
        // Unscored pairs score under half the cut, as pairs the search did not keep do.
        const missing = (x: number, y: number) => (((Math.min(x, y) * 31 + Math.max(x, y) * 17 + seed) % 97) / 97) * threshold * 0.5;
        const fast = averageLinkage(10, edges(weighted), threshold, undefined, undefined, completionOf(weighted, missing));
        expect(partitionOf(fast)).toEqual(partitionOf(naiveAverageLinkage(10, weighted, threshold, undefined, { floorShare: 0.7, missing })));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the plain result when every unscored pair scores 0', () => {
    const graph = edgeLists(20, { maxLength: 80 });
    fc.assert(
      fc.property(graph, fc.double({ min: 0.05, max: 0.6, noNaN: true }), (list, threshold) => {
        const weighted = list.filter(([a, b]) => a !== b).map(([a, b, w]): [number, number, number] => [a, b, Math.fround(w / 1000)]);
        const plain = averageLinkage(20, edges(weighted), threshold);
        expect([...averageLinkage(20, edges(weighted), threshold, undefined, undefined, completionOf(weighted, () => 0))]).toEqual([...plain]);
      }),
    );
  });
});

describe('groupDocuments with a pair score', () => {
  it('scores only the pairs the search did not keep, each as (smaller, larger)', () => {
    const pairs = edgeLists(12, { maxLength: 40 }, 100);
    fc.assert(
      fc.property(pairs, (list) => {
        // Distinct weights, so no ties: the merges cannot depend on the order the pairs come in.
        const kept = distinctWeights(list).map(([a, b, w]): [number, number, number] => [Math.min(a, b), Math.max(a, b), w]);
        const keptKeys = new Set(kept.map(([a, b]) => `${a}-${b}`));
        const run = (order: [number, number, number][]) => {
          const scored = { count: order.length, a: Int32Array.from(order, (p) => p[0]), b: Int32Array.from(order, (p) => p[1]), score: Float32Array.from(order, (p) => p[2]) };
          const asked: string[] = [];
          const pairScore = (first: number, second: number) => {
            asked.push(`${first}-${second}`);
            return 0.3;
          };
          return { groups: groupDocuments(12, scored, 0.35, undefined, pairScore), asked };
        };
        // As given, and in the order the search emits pairs (by later, then earlier document).
        const given = run(kept);
        const searchOrder = run([...kept].sort((p, q) => p[1] - q[1] || p[0] - q[0]));
        for (const key of given.asked) {
          const [first, second] = key.split('-').map(Number);
          expect(first).toBeLessThan(second);
          expect(keptKeys.has(key)).toBe(false);
        }
        expect(new Set(searchOrder.asked)).toEqual(new Set(given.asked));
        expect(given.groups.flat().sort((p, q) => p - q)).toEqual(Array.from({ length: 12 }, (_, i) => i));
      }),
    );
  });
});

describe('averageLinkage with must-link and cannot-link constraints', () => {
  const NODES = 12;
  const graph = edgeLists(NODES, { maxLength: 50 });
  const node = fc.integer({ min: 0, max: NODES - 1 });
  const pair = fc.tuple(node, node).filter(([a, b]) => a !== b);
  const threshold = fc.double({ min: 0.02, max: 0.6, noNaN: true });

  it('never puts a cannot-link pair in one cluster', () => {
    fc.assert(
      fc.property(graph, pair, threshold, (list, [u, v], cut) => {
        const rep = averageLinkage(NODES, edges(distinctWeights(list)), cut, undefined, { mustLink: [], cannotLink: [[u, v]] });
        expect(rep[u]).not.toBe(rep[v]);
      }),
      { numRuns: 200 },
    );
  });

  it('always puts a must-link pair in one cluster, even with no edge between them', () => {
    fc.assert(
      fc.property(graph, pair, threshold, (list, [u, v], cut) => {
        const rep = averageLinkage(NODES, edges(distinctWeights(list)), cut, undefined, { mustLink: [[u, v]], cannotLink: [] });
        expect(rep[u]).toBe(rep[v]);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with the naive average-link that merges must-links first and never makes a forbidden merge', () => {
    fc.assert(
      fc.property(graph, fc.array(pair, { maxLength: 3 }), fc.array(pair, { maxLength: 3 }), threshold, (list, must, cannot, cut) => {
        // Contradictions are the caller's to drop (resolveLinks does); keep only cannot-links the must-links do not join.
        const joined = naiveAverageLinkage(NODES, [], 1, { mustLink: must, cannotLink: [] });
        const constraints = { mustLink: must, cannotLink: cannot.filter(([a, b]) => joined[a] !== joined[b]) };
        const fast = averageLinkage(NODES, edges(distinctWeights(list)), cut, undefined, constraints);
        expect(partitionOf(fast)).toEqual(partitionOf(naiveAverageLinkage(NODES, distinctWeights(list), cut, constraints)));
        for (const [a, b] of constraints.cannotLink) expect(fast[a]).not.toBe(fast[b]);
        for (const [a, b] of constraints.mustLink) expect(fast[a]).toBe(fast[b]);
      }),
      { numRuns: 200 },
    );
  });

  it('with no constraints, or empty ones, gives exactly the unconstrained result', () => {
    fc.assert(
      fc.property(graph, threshold, (list, cut) => {
        const plain = [...averageLinkage(NODES, edges(distinctWeights(list)), cut)];
        expect([...averageLinkage(NODES, edges(distinctWeights(list)), cut, undefined, undefined)]).toEqual(plain);
        expect([...averageLinkage(NODES, edges(distinctWeights(list)), cut, undefined, { mustLink: [], cannotLink: [] })]).toEqual(plain);
      }),
    );
  });

  it('keeps a cannot-link pair apart on sized nodes too, while the rest still merge', () => {
    // Three nodes all alike; 0 and 2 may not meet: 1 goes with 0 (smaller index on a tie), 2 stays alone.
    const rep = averageLinkage(3, edges([[0, 1, 0.9], [1, 2, 0.9], [0, 2, 0.9]]), 0.5, Int32Array.from([1, 1, 1]), { mustLink: [], cannotLink: [[0, 2]] });
    expect([...rep]).toEqual([0, 0, 2]);
  });
});

/** Clusters as sorted member lists, sorted: compares partitions whatever their names. */
function partitionOf(repOf: ArrayLike<number>): number[][] {
  const byRep = new Map<number, number[]>();
  Array.from(repOf).forEach((rep, node) => byRep.set(rep, [...(byRep.get(rep) ?? []), node]));
  return [...byRep.values()].sort((p, q) => p[0] - q[0]);
}

/** Completion as the near-miss tests use it: every pair with no edge scores `missing(x, y)`. */
function completionOf(list: [number, number, number][], missing: (x: number, y: number) => number, floorShare = 0.7): NearMissCompletion {
  const hasEdge = (x: number, y: number) => list.some(([a, b]) => (a === x && b === y) || (a === y && b === x));
  return new NearMissCompletion(floorShare, 2500, (xs, ys) => {
    let sum = 0;
    for (const x of xs) for (const y of ys) if (!hasEdge(x, y)) sum += missing(x, y);
    return sum;
  });
}

/** Every cluster pair's link recomputed after each merge; with `completion`, near misses as the contract describes them. */
function naiveAverageLinkage(
  nodes: number,
  list: [number, number, number][],
  threshold: number,
  constraints?: LinkConstraints,
  completion?: { floorShare: number; missing: (x: number, y: number) => number },
): number[] {
  const weight = (x: number, y: number) => list.find(([a, b]) => (a === x && b === y) || (a === y && b === x))?.[2] ?? 0;
  let clusters = Array.from({ length: nodes }, (_, i) => [i]);
  for (const [x, y] of constraints?.mustLink ?? []) {
    const [i, j] = [clusters.findIndex((c) => c.includes(x)), clusters.findIndex((c) => c.includes(y))];
    if (i !== j) clusters = [...clusters.filter((_, k) => k !== i && k !== j), [...clusters[i], ...clusters[j]]];
  }
  const forbidden = (p: number[], q: number[]) => (constraints?.cannotLink ?? []).some(([x, y]) => (p.includes(x) && q.includes(y)) || (p.includes(y) && q.includes(x)));
  for (;;) {
    let best: [number, number, number] | undefined;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        if (forbidden(clusters[i], clusters[j])) continue;
        let sum = 0;
        for (const x of clusters[i]) for (const y of clusters[j]) sum += weight(x, y);
        const link = sum / (clusters[i].length * clusters[j].length);
        // A near miss (a lower bound: pairs with no edge count 0) merges when its exact mean reaches the cut.
        let exact = link;
        if (completion && link < threshold && link > 0 && link >= threshold * completion.floorShare) {
          for (const x of clusters[i]) for (const y of clusters[j]) if (!list.some(([a, b]) => (a === x && b === y) || (a === y && b === x))) sum += completion.missing(x, y);
          exact = sum / (clusters[i].length * clusters[j].length);
        }
        if (exact >= threshold && (!best || link > best[2])) best = [i, j, link];
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

describe('MergeHeap', () => {
  /** Best first: higher link, then lower (x, y). */
  const byRank = (p: number[], q: number[]) => q[0] - p[0] || p[1] - q[1] || p[2] - q[2];
  const entry = fc.tuple(fc.integer({ min: 0, max: 20 }).map((n) => n / 20), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }));

  it('pops entries best first, after any mix of pushes, pops and drops', () => {
    const operation = fc.oneof(
      fc.record({ push: entry }),
      fc.record({ pop: fc.constant(true) }),
      fc.record({ dropEvery: fc.integer({ min: 2, max: 5 }) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), (operations) => {
        const heap = new MergeHeap();
        let model: number[][] = [];
        for (const op of operations) {
          if ('push' in op) {
            heap.push(...op.push);
            model.push(op.push);
          } else if ('pop' in op) {
            model.sort(byRank);
            expect(heap.pop()).toBe(model.length > 0);
            if (model.length > 0) expect([heap.topLink, heap.topX, heap.topY]).toEqual(model.shift());
          } else {
            const keep = (x: number, y: number) => (x + y) % op.dropEvery !== 0;
            heap.keepOnly(keep);
            model = model.filter(([, x, y]) => keep(x, y));
          }
          expect(heap.length).toBe(model.length);
        }
      }),
    );
  });
});

describe('RefusedMerges', () => {
  it('answers as a map of pairs does, through many growths from a small table', () => {
    // x < y as the linkage asks; few distinct nodes, so pairs are set again and probes collide.
    const pair = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 2 ** 26 - 1 })).filter(([x, y]) => x < y);
    const operation = fc.oneof(fc.record({ set: fc.tuple(pair, fc.integer({ min: 2, max: 2500 })) }), fc.record({ ask: pair }));
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 400 }), (operations) => {
        const table = new RefusedMerges(2);
        const model = new Map<string, number>();
        for (const op of operations) {
          if ('set' in op) {
            const [[x, y], product] = op.set;
            table.set(x, y, product);
            model.set(`${x}-${y}`, product);
          } else {
            const [x, y] = op.ask;
            expect(table.productOf(x, y)).toBe(model.get(`${x}-${y}`) ?? 0);
          }
          expect(table.size).toBe(model.size);
        }
        for (const [key, product] of model) {
          const [x, y] = key.split('-').map(Number);
          expect(table.productOf(x, y)).toBe(product);
        }
      }),
    );
  });
});
