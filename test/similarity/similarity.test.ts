import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildVectors, cosineOf, createPairScorer, diceOf, scoreCandidatePairs, sharedFeatures, trigramSet } from '../../src/similarity/index.js';

const docs = [
  ['ligatur', 'point', 'ward', 'remov'],
  ['ligatur', 'point', 'ward', 'audit'],
  ['ambul', 'handov', 'delay'],
  ['ambul', 'handov', 'delay', 'ed'],
  [],
];

describe('TF-IDF vectors', () => {
  const vectors = buildVectors(docs, { bigramWeight: 0.5 });

  it('are unit length, or empty', () => {
    for (let d = 0; d < docs.length; d++) expect(cosineOf(vectors, d, d)).toBeCloseTo(docs[d].length ? 1 : 0, 5);
  });

  it('score similar texts above unrelated ones', () => {
    expect(cosineOf(vectors, 0, 1)).toBeGreaterThan(0.3);
    expect(cosineOf(vectors, 0, 2)).toBe(0);
  });

  it('explain a pair by its strongest shared features, bigrams included', () => {
    expect(sharedFeatures(vectors, 0, 1).map((s) => s.feature).sort()).toEqual(['ligatur', 'ligatur point', 'point', 'point ward', 'ward']);
  });

  it('give a symmetric cosine in [0, 1]', () => {
    const words = fc.array(fc.constantFrom('a1', 'b2', 'c3', 'd4', 'e5', 'f6'), { maxLength: 8 });
    fc.assert(
      fc.property(fc.array(words, { minLength: 2, maxLength: 6 }), (texts) => {
        const v = buildVectors(texts, { bigramWeight: 0.5 });
        const ab = cosineOf(v, 0, 1);
        return ab === cosineOf(v, 1, 0) && ab >= 0 && ab <= 1;
      }),
    );
  });
});

describe('character Dice', () => {
  it('is 1 for identical texts, high for a typo, low for different ones, and symmetric', () => {
    const a = trigramSet('staff should be trained in ligature removal');
    expect(diceOf(a, a)).toBe(1);
    expect(diceOf(a, trigramSet('staff shuold be trained in ligature removal'))).toBeGreaterThan(0.8);
    expect(diceOf(a, trigramSet('ambulance handover delays'))).toBeLessThan(0.2);
    fc.assert(fc.property(fc.string(), fc.string(), (x, y) => diceOf(trigramSet(x), trigramSet(y)) === diceOf(trigramSet(y), trigramSet(x))));
  });
});

describe('candidate pairs', () => {
  it('finds exactly the pairs an all-pairs scan finds above the floor', () => {
    const texts = docs.map((d) => d.join(' '));
    const vectors = buildVectors(docs, { bigramWeight: 0.5 });
    const scorer = createPairScorer(vectors, texts, { charWeight: 0.3, oppositionPenalty: 0 });
    const pairs = scoreCandidatePairs(vectors, scorer, (d) => docs[d].length === 0, { maxIndexDocShare: 0.05, minScore: 0.2 });
    const found = Array.from({ length: pairs.count }, (_, i) => `${pairs.a[i]}-${pairs.b[i]}`).sort();
    const expected: string[] = [];
    for (let a = 0; a < docs.length; a++) {
      for (let b = a + 1; b < docs.length; b++) {
        const s = scorer(a, b);
        if (s.cosine >= 0.2 && s.score >= 0.2) expected.push(`${a}-${b}`);
      }
    }
    expect(found).toEqual(expected.sort());
    expect(found).toEqual(['0-1', '2-3']);
  });
});
