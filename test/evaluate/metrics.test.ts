import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  bcubedScores,
  pairLabelFailures,
  pairLabelScores,
  pairwiseScores,
  type Assignment,
  type LabelledPair,
} from '../../src/evaluate/metrics.js';

/** Clusters written as arrays of ids → assignment labelled by position. */
function partition(...clusters: string[][]): Map<string, string> {
  const assignment = new Map<string, string>();
  clusters.forEach((ids, c) => ids.forEach((id) => assignment.set(id, `c${c}`)));
  return assignment;
}

function singletons(n: number): Map<string, string> {
  return new Map(Array.from({ length: n }, (_, i) => [`i${i}`, `s${i}`]));
}

function oneCluster(n: number): Map<string, string> {
  return new Map(Array.from({ length: n }, (_, i) => [`i${i}`, 'all']));
}

/** Reference implementation by enumerating every pair: only for small inputs. */
function naivePairCounts(predicted: Assignment, gold: Assignment) {
  const ids = [...predicted.keys()].filter((id) => gold.has(id));
  let both = 0, predictedOnly = 0, goldOnly = 0, neither = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const samePredicted = predicted.get(ids[i]) === predicted.get(ids[j]);
      const sameGold = gold.get(ids[i]) === gold.get(ids[j]);
      if (samePredicted && sameGold) both++;
      else if (samePredicted) predictedOnly++;
      else if (sameGold) goldOnly++;
      else neither++;
    }
  }
  return { both, predictedOnly, goldOnly, neither };
}

function naiveBcubedPrecision(predicted: Assignment, gold: Assignment): number {
  const ids = [...predicted.keys()].filter((id) => gold.has(id));
  let total = 0;
  for (const id of ids) {
    const cluster = ids.filter((other) => predicted.get(other) === predicted.get(id));
    total += cluster.filter((other) => gold.get(other) === gold.get(id)).length / cluster.length;
  }
  return ids.length === 0 ? 1 : total / ids.length;
}

/** Two assignments over ids 0..n-1 with labels from a small alphabet, so clusters collide often. */
const assignmentPair = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { maxLength: 40 })
  .map((labels) => {
    const predicted = new Map<string, string>();
    const gold = new Map<string, string>();
    labels.forEach(([p, g], i) => {
      predicted.set(`id${i}`, `p${p}`);
      gold.set(`id${i}`, `g${g}`);
    });
    return { predicted, gold };
  });

describe('partition scores on a hand-computed example', () => {
  // Gold A={1,2,3} B={4,5,6}; predicted X={1,2} Y={3,4,5,6}. Cells: X∩A=2, Y∩A=1, Y∩B=3.
  const gold = partition(['1', '2', '3'], ['4', '5', '6']);
  const predicted = partition(['1', '2'], ['3', '4', '5', '6']);

  it('pairwise: true C(2,2)+C(3,2)=4, predicted C(2,2)+C(4,2)=7, gold 3+3=6', () => {
    // P = 4/7, R = 4/6 = 2/3, F1 = 2·(4/7)(2/3) / (4/7 + 2/3) = (16/21) / (26/21) = 8/13.
    const scores = pairwiseScores(predicted, gold);
    expect(scores).toMatchObject({ truePairs: 4, predictedPairs: 7, goldPairs: 6 });
    expect(scores.precision).toBeCloseTo(4 / 7, 12);
    expect(scores.recall).toBeCloseTo(2 / 3, 12);
    expect(scores.f1).toBeCloseTo(8 / 13, 12);
  });

  it('B-cubed: precision (1+1+1/4+3/4·3)/6 = 3/4, recall (2/3·2+1/3+1·3)/6 = 7/9', () => {
    // F1 = 2·(3/4)(7/9) / (3/4 + 7/9) = (42/36) / (55/36) = 42/55.
    const scores = bcubedScores(predicted, gold);
    expect(scores.precision).toBeCloseTo(3 / 4, 12);
    expect(scores.recall).toBeCloseTo(7 / 9, 12);
    expect(scores.f1).toBeCloseTo(42 / 55, 12);
  });

  it('ARI: expected index 7·6/C(6,2) = 2.8, max (7+6)/2 = 6.5, so (4−2.8)/(6.5−2.8) = 12/37', () => {
    expect(adjustedRandIndex(predicted, gold)).toBeCloseTo(12 / 37, 12);
  });

  it('ignores items that only one side knows', () => {
    const widened = new Map([...predicted, ['extra', 'c0'], ['other', 'c9']]);
    const goldWidened = new Map([...gold, ['gold-only', 'c0']]);
    expect(pairwiseScores(widened, goldWidened)).toEqual(pairwiseScores(predicted, gold));
    expect(bcubedScores(widened, goldWidened)).toEqual(bcubedScores(predicted, gold));
    expect(adjustedRandIndex(widened, goldWidened)).toBe(adjustedRandIndex(predicted, gold));
  });

  it('ARI goes negative for crossed pairs: {1,2},{3,4} vs {1,3},{2,4} → (0−2/3)/(2−2/3) = −1/2', () => {
    expect(adjustedRandIndex(partition(['1', '2'], ['3', '4']), partition(['1', '3'], ['2', '4']))).toBeCloseTo(-0.5, 12);
  });
});

describe('partition scores at the extremes', () => {
  it('scores identical partitions 1 everywhere, whatever the labels are called', () => {
    const gold = partition(['a', 'b', 'c'], ['d'], ['e', 'f']);
    const predicted = new Map([...gold].map(([id, label]) => [id, `renamed-${label}`]));
    expect(pairwiseScores(predicted, gold)).toEqual({ precision: 1, recall: 1, f1: 1, truePairs: 4, predictedPairs: 4, goldPairs: 4 });
    expect(bcubedScores(predicted, gold)).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(adjustedRandIndex(predicted, gold)).toBe(1);
  });

  it('all singletons against one cluster of 4: nothing claimed, nothing found', () => {
    // Pairwise: 0 predicted pairs → precision 1 by convention; 0 of C(4,2)=6 gold pairs → recall 0.
    // B-cubed: each item is alone (precision 1) and finds 1 of its 4 (recall 1/4); F1 = 0.5/1.25 = 0.4.
    // ARI: expected index 0·6/6 = 0, max 3, index 0 → 0.
    expect(pairwiseScores(singletons(4), oneCluster(4))).toEqual({ precision: 1, recall: 0, f1: 0, truePairs: 0, predictedPairs: 0, goldPairs: 6 });
    const bcubed = bcubedScores(singletons(4), oneCluster(4));
    expect(bcubed.precision).toBe(1);
    expect(bcubed.recall).toBeCloseTo(0.25, 12);
    expect(bcubed.f1).toBeCloseTo(0.4, 12);
    expect(adjustedRandIndex(singletons(4), oneCluster(4))).toBe(0);
  });

  it('one cluster against all singletons mirrors it', () => {
    expect(pairwiseScores(oneCluster(4), singletons(4))).toMatchObject({ precision: 0, recall: 1, f1: 0 });
    expect(bcubedScores(oneCluster(4), singletons(4)).precision).toBeCloseTo(0.25, 12);
    expect(bcubedScores(oneCluster(4), singletons(4)).recall).toBe(1);
    expect(adjustedRandIndex(oneCluster(4), singletons(4))).toBe(0);
  });

  it('gives ARI 1 when both sides are trivial in the same way (0/0 in the formula)', () => {
    expect(adjustedRandIndex(singletons(5), singletons(5))).toBe(1);
    expect(adjustedRandIndex(oneCluster(5), oneCluster(5))).toBe(1);
    expect(adjustedRandIndex(singletons(1), oneCluster(1))).toBe(1);
  });

  it('scores no common items as 1 by the same convention', () => {
    const nothing = new Map<string, string>();
    expect(pairwiseScores(nothing, oneCluster(3))).toMatchObject({ precision: 1, recall: 1, f1: 1, goldPairs: 0 });
    expect(bcubedScores(oneCluster(3), nothing)).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(adjustedRandIndex(nothing, nothing)).toBe(1);
  });

  it('handles 100k items without enumerating their 5·10⁹ pairs', () => {
    const started = performance.now();
    const scores = pairwiseScores(oneCluster(100_000), singletons(100_000));
    expect(scores.predictedPairs).toBe(4_999_950_000);
    expect(bcubedScores(oneCluster(100_000), singletons(100_000)).precision).toBeCloseTo(1e-5, 15);
    expect(adjustedRandIndex(oneCluster(100_000), singletons(100_000))).toBe(0);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('partition score properties', () => {
  it('keeps every score in range: [0,1], ARI in [−1,1]', () => {
    fc.assert(
      fc.property(assignmentPair, ({ predicted, gold }) => {
        const pairwise = pairwiseScores(predicted, gold);
        const bcubed = bcubedScores(predicted, gold);
        for (const value of [pairwise.precision, pairwise.recall, pairwise.f1, bcubed.precision, bcubed.recall, bcubed.f1]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
        const ari = adjustedRandIndex(predicted, gold);
        expect(ari).toBeGreaterThanOrEqual(-1);
        expect(ari).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('swapping predicted and gold swaps precision and recall and leaves ARI alone', () => {
    fc.assert(
      fc.property(assignmentPair, ({ predicted, gold }) => {
        const forward = pairwiseScores(predicted, gold);
        const backward = pairwiseScores(gold, predicted);
        expect(forward.precision).toBe(backward.recall);
        expect(forward.recall).toBe(backward.precision);
        expect(bcubedScores(predicted, gold).precision).toBeCloseTo(bcubedScores(gold, predicted).recall, 12);
        expect(adjustedRandIndex(predicted, gold)).toBe(adjustedRandIndex(gold, predicted));
      }),
    );
  });

  it('does not depend on what the clusters are called', () => {
    const permutation = fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(assignmentPair, permutation, ({ predicted, gold }, order) => {
        const renamed = new Map([...predicted].map(([id, label]) => [id, `q${order[Number(label.slice(1))]}`]));
        expect(pairwiseScores(renamed, gold)).toEqual(pairwiseScores(predicted, gold));
        expect(bcubedScores(renamed, gold)).toEqual(bcubedScores(predicted, gold));
        expect(adjustedRandIndex(renamed, gold)).toBe(adjustedRandIndex(predicted, gold));
      }),
    );
  });

  it('agrees with counting every pair, and ARI with the pair-count formula 2(ad−bc)/((a+b)(b+d)+(a+c)(c+d))', () => {
    fc.assert(
      fc.property(assignmentPair, ({ predicted, gold }) => {
        const { both: a, predictedOnly: b, goldOnly: c, neither: d } = naivePairCounts(predicted, gold);
        expect(pairwiseScores(predicted, gold)).toMatchObject({ truePairs: a, predictedPairs: a + b, goldPairs: a + c });
        expect(bcubedScores(predicted, gold).precision).toBeCloseTo(naiveBcubedPrecision(predicted, gold), 12);
        const denominator = (a + b) * (b + d) + (a + c) * (c + d);
        if (denominator !== 0) expect(adjustedRandIndex(predicted, gold)).toBeCloseTo((2 * (a * d - b * c)) / denominator, 12);
      }),
    );
  });
});

describe('pairLabelScores', () => {
  // Groups g1={a,b} g2={c,d} g3={e,f}; themes T1 = g1+g2, T2 = g3.
  const groupOf = new Map([['a', 'g1'], ['b', 'g1'], ['c', 'g2'], ['d', 'g2'], ['e', 'g3'], ['f', 'g3']]);
  const themeOf = new Map([['a', 'T1'], ['b', 'T1'], ['c', 'T1'], ['d', 'T1'], ['e', 'T2'], ['f', 'T2']]);
  const pairs: LabelledPair[] = [
    { id1: 'a', id2: 'b', label: 'DUP' }, //    same group ✓, same theme ✓
    { id1: 'a', id2: 'c', label: 'DUP' }, //    split group ✗, same theme ✓
    { id1: 'a', id2: 'e', label: 'DUP' }, //    split group ✗, split theme ✗
    { id1: 'c', id2: 'd', label: 'THEME' }, //  same group ✗ (specificity), same theme ✓
    { id1: 'a', id2: 'd', label: 'THEME' }, //  split group ✓, same theme ✓
    { id1: 'c', id2: 'e', label: 'THEME' }, //  split group ✓, split theme ✗
    { id1: 'b', id2: 'e', label: 'DIFF' }, //   split group ✓, split theme ✓
    { id1: 'b', id2: 'c', label: 'DIFF' }, //   split group ✓, same theme ✗
    { id1: 'e', id2: 'f', label: 'BOILER' }, // one group: reported, not scored
    { id1: 'a', id2: 'f', label: 'BOILER' },
    { id1: 'a', id2: 'zz', label: 'DUP' }, //   zz has no group: missing
    { id1: 'zz', id2: 'b', label: 'DIFF' }, //  missing
  ];

  it('scores each rate on its own labels and leaves out pairs with an unknown id', () => {
    // dupRecall 1/3; specificity over THEME+DIFF 4/5; themeRecall over DUP+THEME 4/6; themeSpecificity 1/2.
    const scores = pairLabelScores(pairs, groupOf, themeOf);
    expect(scores.counts).toEqual({ DUP: 3, THEME: 3, DIFF: 2, BOILER: 2, missing: 2, missingTheme: 0 });
    expect(scores.dupRecall).toBeCloseTo(1 / 3, 12);
    expect(scores.specificity).toBeCloseTo(4 / 5, 12);
    expect(scores.themeRecall).toBeCloseTo(2 / 3, 12);
    expect(scores.themeSpecificity).toBeCloseTo(1 / 2, 12);
    expect(scores.boilerSameGroup).toBe(1);
  });

  it('lists the failing pairs with every rate each one lowers', () => {
    const failures = pairLabelFailures(pairs, groupOf, themeOf);
    expect(failures.map((f) => [f.pair.id1, f.pair.id2, f.hurts])).toEqual([
      ['a', 'c', ['dupRecall']],
      ['a', 'e', ['dupRecall', 'themeRecall']],
      ['c', 'd', ['specificity']],
      ['c', 'e', ['themeRecall']],
      ['b', 'c', ['themeSpecificity']],
    ]);
    expect(failures[1]).toMatchObject({ group1: 'g1', group2: 'g3', theme1: 'T1', theme2: 'T2' });
  });

  it('returns null for a rate with nothing to measure', () => {
    const scores = pairLabelScores([{ id1: 'e', id2: 'f', label: 'BOILER' }], groupOf, themeOf);
    expect(scores).toMatchObject({ dupRecall: null, specificity: null, themeRecall: null, themeSpecificity: null, boilerSameGroup: 1 });
  });

  it('scores a pair without themes on groups only', () => {
    const scores = pairLabelScores([{ id1: 'e', id2: 'f', label: 'DUP' }], groupOf, new Map([['e', 'T2']]));
    expect(scores).toMatchObject({ dupRecall: 1, themeRecall: null });
    expect(scores.counts).toMatchObject({ DUP: 1, missing: 0, missingTheme: 1 });
  });
});
