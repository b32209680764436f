import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildVectors, cosineOf, createCosineScorer, nearestNeighbourPairs, nearestNeighbourSearch, scoreCandidatePairs, type ScoredPairs } from '../../src/similarity/index.js';

function pairsOf(list: [number, number, number][]): ScoredPairs {
  return {
    count: list.length,
    a: Int32Array.from(list, (p) => p[0]),
    b: Int32Array.from(list, (p) => p[1]),
    score: Float32Array.from(list, (p) => p[2]),
  };
}

const keys = (pairs: ScoredPairs) => Array.from({ length: pairs.count }, (_, i) => `${pairs.a[i]}-${pairs.b[i]}`);

describe('nearestNeighbourPairs', () => {
  it('keeps a pair when it is among the k strongest of either of its documents', () => {
    // Document 0 is a hub: its 2 strongest are 0-1 and 0-2; 0-3 survives as document 3's only pair.
    const pairs = pairsOf([[0, 1, 0.9], [0, 2, 0.8], [0, 3, 0.1], [1, 2, 0.05]]);
    expect(keys(nearestNeighbourPairs(pairs, 4, 2))).toEqual(['0-1', '0-2', '0-3', '1-2']);
    expect(keys(nearestNeighbourPairs(pairs, 4, 1))).toEqual(['0-1', '0-2', '0-3']);
  });

  it('keeps every pair of each document with at most k pairs, and never more than k·docs pairs', () => {
    const graph = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.float({ min: 0, max: 1, noNaN: true })), {
      selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`,
      maxLength: 40,
    });
    fc.assert(
      fc.property(graph, fc.integer({ min: 1, max: 5 }), (raw, k) => {
        const list = raw.filter(([a, b]) => a !== b).map(([a, b, w]): [number, number, number] => [Math.min(a, b), Math.max(a, b), w]);
        const kept = new Set(keys(nearestNeighbourPairs(pairsOf(list), 10, k)));
        expect(kept.size).toBeLessThanOrEqual(k * 10);
        for (let doc = 0; doc < 10; doc++) {
          const mine = list.filter(([a, b]) => a === doc || b === doc);
          const strongest = [...mine].sort((p, q) => q[2] - p[2]).slice(0, k);
          // Each document's k strongest are kept (ties may pick either of equal pairs).
          const keptOfMine = mine.filter(([a, b]) => kept.has(`${a}-${b}`));
          expect(keptOfMine.length).toBeGreaterThanOrEqual(strongest.length);
          if (mine.length <= k) expect(keptOfMine.length).toBe(mine.length);
        }
      }),
    );
  });
});

describe('nearestNeighbourSearch', () => {
  const vocabulary = ['ward', 'ligatur', 'audit', 'ambul', 'delay', 'handov', 'train', 'staff', 'polic', 'guidanc'];
  const corpus = fc.array(fc.array(fc.constantFrom(...vocabulary), { minLength: 0, maxLength: 6 }), { minLength: 2, maxLength: 40 });

  it('keeps the same pairs as searching every pair and then keeping each side’s k nearest', () => {
    fc.assert(
      fc.property(corpus, fc.integer({ min: 1, max: 4 }), fc.constantFrom(0.05, 0.2, 0.5), (docs, k, minScore) => {
        const vectors = buildVectors(docs, { bigramWeight: 0 });
        const skip = (d: number) => docs[d].length === 0;
        const settings = { maxIndexDocShare: 0.05, minScore };
        const all = scoreCandidatePairs(vectors, createCosineScorer(vectors), skip, settings);
        const expected = nearestNeighbourPairs(all, docs.length, k);
        const found = nearestNeighbourSearch(vectors, skip, { ...settings, k });
        expect(new Set(keys(found))).toEqual(new Set(keys(expected)));
        expect(found.count).toBe(expected.count);
      }),
    );
  });

  it('keeps each document’s nearest by word cosine', () => {
    const docs = [['ward', 'ligatur'], ['ward', 'ligatur', 'audit'], ['ambul', 'delay'], ['ambul', 'delay', 'handov']];
    const vectors = buildVectors(docs, { bigramWeight: 0 });
    const found = nearestNeighbourSearch(vectors, () => false, { maxIndexDocShare: 0.05, minScore: 0.1, k: 1 });
    expect(keys(found).sort()).toEqual(['0-1', '2-3']);
  });
});

describe('shared-neighbour boost', () => {
  const vocabulary = ['ward', 'ligatur', 'audit', 'ambul', 'delay', 'handov', 'train', 'staff'];
  const corpus = fc.array(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 30 });

  /** Each document's own k nearest (score, then the smaller index), by brute force over every pair. */
  function nearestLists(pairs: ScoredPairs, docs: number, k: number): Set<number>[] {
    const lists = Array.from({ length: docs }, () => [] as [number, number][]);
    for (let i = 0; i < pairs.count; i++) {
      lists[pairs.a[i]].push([pairs.b[i], pairs.score[i]]);
      lists[pairs.b[i]].push([pairs.a[i], pairs.score[i]]);
    }
    return lists.map((list) => new Set(list.sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, k).map(([other]) => other)));
  }

  it('scores each pair cosine × (1 + boost × neighbours in common / the longer list, at least 10)', () => {
    fc.assert(
      fc.property(corpus, fc.integer({ min: 1, max: 5 }), fc.constantFrom(1, 4), (docs, k, boost) => {
        const vectors = buildVectors(docs, { bigramWeight: 0 });
        const settings = { maxIndexDocShare: 0.05, minScore: 0.05 };
        const lists = nearestLists(scoreCandidatePairs(vectors, createCosineScorer(vectors), () => false, settings), docs.length, k);
        const found = nearestNeighbourSearch(vectors, () => false, { ...settings, k, sharedNeighbourBoost: boost });
        for (let i = 0; i < found.count; i++) {
          const [x, y] = [lists[found.a[i]], lists[found.b[i]]];
          const shared = [...x].filter((other) => y.has(other)).length / Math.max(x.size, y.size, 10);
          expect(found.score[i]).toBeCloseTo(cosineOf(vectors, found.a[i], found.b[i]) * (1 + boost * shared), 5);
        }
      }),
    );
  });

  it('raises a pair inside one crowd above a pair of equal cosine whose crowds differ', () => {
    // 0 and 1 share their neighbours 2 and 3; 4 and 5 share a word but have no neighbour in common.
    const docs = [
      ['ward', 'ligatur', 'audit'],
      ['ward', 'ligatur', 'train'],
      ['ward', 'ligatur'],
      ['ligatur', 'audit', 'train'],
      ['ambul', 'delay', 'staff'],
      ['ambul', 'handov', 'train'],
    ];
    const vectors = buildVectors(docs, { bigramWeight: 0 });
    const found = nearestNeighbourSearch(vectors, () => false, { maxIndexDocShare: 0.05, minScore: 0.01, k: 3, sharedNeighbourBoost: 4 });
    const raised = (a: number, b: number) => found.score[keys(found).indexOf(`${a}-${b}`)] / cosineOf(vectors, a, b);
    expect(raised(0, 1)).toBeGreaterThan(1.01);
    expect(raised(0, 1)).toBeGreaterThan(raised(4, 5) + 0.01);
  });

  it('leaves score equal to cosine without a boost', () => {
    const docs = [['ward', 'ligatur'], ['ward', 'ligatur', 'audit'], ['ward', 'audit']];
    const vectors = buildVectors(docs, { bigramWeight: 0 });
    const found = nearestNeighbourSearch(vectors, () => false, { maxIndexDocShare: 0.05, minScore: 0.01, k: 2 });
    expect(found.count).toBe(3);
    for (let i = 0; i < found.count; i++) expect(found.score[i]).toBe(Math.fround(cosineOf(vectors, found.a[i], found.b[i])));
  });
});
