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
});
