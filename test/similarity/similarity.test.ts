import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allFeatureTexts,
  buildVectors,
  buildNumberedVectors,
  buildWordVectors,
  numberTerms,
  cosineOf,
  createCosineScorer,
  createPairScorer,
  createDocumentDice,
  createTrigramSets,
  createTrigramStore,
  diceOf,
  indexDocFreqLimit,
  listedFeatures,
  matchesWithRow,
  MAX_INDEX_DOC_FREQ,
  rowOf,
  scoreCandidatePairs,
  sharedFeatures,
  shareTrigramSets,
  trigramSet,
  writeTrigramSets,
  type SparseVectors,
} from '../../src/similarity/index.js';

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

  it('from numbered terms: the topic vectors are the words-only vectors, each word numbered as its feature', () => {
    const words = fc.array(fc.constantFrom('a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7'), { maxLength: 10 });
    fc.assert(
      fc.property(fc.array(words, { maxLength: 8 }), fc.boolean(), (texts, shared) => {
        const terms = numberTerms(texts, shared);
        expect(terms.numbers.buffer instanceof SharedArrayBuffer).toBe(shared);
        expect(Array.from(terms.numbers, (n) => terms.vocabulary[n])).toEqual(texts.flat());
        const words = buildVectors(texts, { bigramWeight: 0 });
        const { offsets, ids, weights, docFreq } = buildWordVectors({ offsets: terms.offsets, numbers: terms.numbers, distinct: terms.vocabulary.length });
        expect({ offsets, ids, weights, docFreq }).toEqual({ offsets: words.offsets, ids: words.ids, weights: words.weights, docFreq: words.docFreq });
        expect(allFeatureTexts(words.features)).toEqual(terms.vocabulary);
        // The look-up and the texts are functions, compared by what they answer, not by identity.
        const data = (vectors: SparseVectors) => ({ ...vectors, lookup: undefined, features: allFeatureTexts(vectors.features) });
        expect(data(buildNumberedVectors(terms, { bigramWeight: 0.5 }))).toEqual(data(buildVectors(texts, { bigramWeight: 0.5 })));
      }),
    );
  });

  it('looks every word and adjacent pair up as the feature it is, and anything else as -1', () => {
    const words = fc.array(fc.constantFrom('a1', 'b2', 'c3', 'd4', 'e5'), { maxLength: 10 });
    fc.assert(
      fc.property(fc.array(words, { maxLength: 8 }), (texts) => {
        const vectors = buildVectors(texts, { bigramWeight: 0.5 });
        const lookup = vectors.lookup!;
        allFeatureTexts(vectors.features).forEach((feature, id) => {
          const [first, second] = feature.split(' ');
          const found = second === undefined ? lookup.wordFeature(first) : lookup.pairFeature(lookup.wordFeature(first), lookup.wordFeature(second));
          expect(found).toBe(id);
        });
        expect(lookup.wordFeature('z9')).toBe(-1);
        const adjacent = new Set(texts.flatMap((terms) => terms.slice(1).map((term, i) => `${terms[i]} ${term}`)));
        for (const first of ['a1', 'b2', 'c3']) {
          for (const second of ['a1', 'b2', 'c3']) {
            const [a, b] = [lookup.wordFeature(first), lookup.wordFeature(second)];
            if (a >= 0 && b >= 0 && !adjacent.has(`${first} ${second}`)) expect(lookup.pairFeature(a, b)).toBe(-1);
          }
        }
      }),
    );
  });
});

describe('an outside row against every row', () => {
  it('gives each row the cosine cosineOf gives, and the share of the outside row’s weight on the features the row holds', () => {
    const words = fc.array(fc.constantFrom('a1', 'b2', 'c3', 'd4', 'e5', 'f6'), { maxLength: 8 });
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 6 }), fc.nat(), (texts, pick) => {
        const v = buildVectors(texts, { bigramWeight: 0.5 });
        const outside = pick % texts.length;
        const row = rowOf(v, outside);
        const { cosine, coverage } = matchesWithRow(v, row);
        for (let d = 0; d < texts.length; d++) {
          expect(cosine[d]).toBeCloseTo(cosineOf(v, outside, d), 6);
          const held = new Set(rowOf(v, d).ids);
          const share = row.ids.reduce((sum, id, k) => sum + (held.has(id) ? row.weights[k] ** 2 : 0), 0);
          expect(coverage[d]).toBeCloseTo(Math.min(1, share), 6);
        }
        // A row holds all of itself.
        if (texts[outside].length > 0) expect(coverage[outside]).toBeCloseTo(1, 5);
      }),
    );
  });

  it('covers all of a short row from a longer row that holds its words, though their cosine is low', () => {
    const v = buildVectors([['ligatur', 'point'], ['ligatur', 'point', 'ward', 'audit', 'staff', 'observ', 'night', 'shift'], ['staff', 'rota']], { bigramWeight: 0 });
    const { cosine, coverage } = matchesWithRow(v, rowOf(v, 0));
    expect(coverage[1]).toBeCloseTo(1, 5);
    expect(cosine[1]).toBeLessThan(0.7);
    expect(coverage[2]).toBe(0);
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

  it('has exactly the distinct trigrams of the text read as letters and digits between single spaces', () => {
    // The definition, written the slow way: trigram strings of ` <words> ` over the first 3,000 characters.
    const definition = (text: string) => {
      const compact = ` ${text.slice(0, 3000).replace(/[^a-z0-9]+/g, ' ').trim()} `;
      const grams = new Set<string>();
      for (let i = 0; i + 3 <= compact.length; i++) grams.add(compact.slice(i, i + 3));
      return grams;
    };
    const words = fc.array(fc.constantFrom('a', 'b', 'z', '0', '9', ' ', '  ', '-', 'É', 'é', 'Ab', '\n', '.'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(words, fc.string()), (text) => {
        const codes = trigramSet(text);
        const sorted = codes.every((code, i) => i === 0 || codes[i - 1] < code);
        return sorted && codes.length === definition(text).size;
      }),
    );
    const definedDice = (x: Set<string>, y: Set<string>) => (x.size + y.size === 0 ? 0 : (2 * [...x].filter((g) => y.has(g)).length) / (x.size + y.size));
    fc.assert(fc.property(fc.oneof(words, fc.string()), fc.oneof(words, fc.string()), (x, y) => diceOf(trigramSet(x), trigramSet(y)) === definedDice(definition(x), definition(y))));
    const long = 'ab '.repeat(1500);
    expect(trigramSet(long + 'xyz').length).toBe(definition(long + 'xyz').size);
    expect(diceOf(trigramSet('Staff, should; be trained!'), trigramSet('taff hould e rained'))).toBeLessThan(1);
    expect(diceOf(trigramSet('staff -- should'), trigramSet('staff should'))).toBe(1);
  });

  it('gives every text the same set from one reused maker as from its own, whatever came before', () => {
    const words = fc.array(fc.constantFrom('ab', 'ba', 'abab', ' ', '-', 'z9'), { maxLength: 30 }).map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.array(fc.oneof(words, fc.string()), { maxLength: 20 }), (texts) => {
        const shared = createTrigramSets();
        for (const text of texts) expect([...shared(text)]).toEqual([...trigramSet(text)]);
      }),
    );
  });

  it('keeps each document\'s set as trigramSet makes it, asked in any order, however far its buffer grew', () => {
    // Forty texts of random letters hold about 110,000 codes: the store's buffer (65,536 to start) grows.
    const random = mulberry(7);
    const long = Array.from({ length: 40 }, () => Array.from({ length: 3000 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789  '[Math.floor(random() * 38)]).join(''));
    const grown = createTrigramStore((doc) => long[doc], long.length);
    const firstViews = long.map((_, doc) => grown.of(doc));
    for (const [doc, text] of long.entries()) {
      expect([...firstViews[doc]]).toEqual([...trigramSet(text)]);
      expect([...grown.of(doc)]).toEqual([...trigramSet(text)]);
    }
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom(...long)), { minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { maxLength: 80 }), (texts, order) => {
        const store = createTrigramStore((doc) => texts[doc], texts.length);
        const seen = order.map((n) => n % texts.length).concat(texts.map((_, doc) => doc));
        const views = seen.map((doc) => [doc, store.of(doc)] as const);
        for (const [doc, view] of views) expect([...view]).toEqual([...trigramSet(texts[doc])]);
      }),
      { numRuns: 30 },
    );
  });

  it('makes the same sets in another thread\'s shared memory, and a store reads them once they are done', () => {
    // Long texts (cut at 3,000 characters), characters past ASCII and past Latin-1, lone surrogates.
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('ab’c déjà 𝔘 z9 '.repeat(250), '\ud800ab cd'));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 30 }), fc.nat(), (texts, order, doneAfter) => {
        const sets = shareTrigramSets(texts)!;
        expect(sets).toBeDefined();
        const store = createTrigramStore((doc) => texts[doc], texts.length, sets);
        const asked = order.map((n) => n % texts.length);
        // Some sets are asked for before the other thread is done (made here), the rest after.
        const cut = doneAfter % (asked.length + 1);
        for (const doc of asked.slice(0, cut)) expect([...store.of(doc)]).toEqual([...trigramSet(texts[doc])]);
        writeTrigramSets(sets);
        for (const [doc, text] of texts.entries()) expect([...sets.codes.subarray(sets.starts[doc], sets.starts[doc] + sets.sizes[doc])]).toEqual([...trigramSet(text)]);
        for (const doc of [...asked.slice(cut), ...texts.keys()]) expect([...store.of(doc)]).toEqual([...trigramSet(texts[doc])]);
        const dice = createDocumentDice(createTrigramStore((doc) => texts[doc], texts.length, sets));
        for (const a of texts.keys()) for (const b of texts.keys()) expect(dice(a, b)).toBe(diceOf(trigramSet(texts[a]), trigramSet(texts[b])));
      }),
      { numRuns: 60 },
    );
  });

  it('scores documents by number exactly as diceOf does, in any order of pairs, repeated sides held or not', () => {
    const words = fc.array(fc.constantFrom('ab', 'ba', 'abab', 'staff', 'trained', ' ', 'z9'), { maxLength: 12 }).map((parts) => parts.join(' '));
    const pairs = (n: number) => fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 40 });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(words, fc.string()), { minLength: 1, maxLength: 8 }).chain((texts) => fc.tuple(fc.constant(texts), pairs(texts.length))),
        ([texts, asked]) => {
          const sets = texts.map((text) => trigramSet(text));
          const dice = createDocumentDice(createTrigramStore((doc) => texts[doc], texts.length));
          // Runs of one side repeated, as the candidate search asks them, then the pairs as drawn.
          const runs = asked.flatMap(([a, b]) => [[a, b], [(a + 1) % texts.length, b], [a, b]]);
          for (const [a, b] of [...runs, ...asked]) expect(dice(a, b)).toBe(diceOf(sets[a], sets[b]));
        },
      ),
    );
  });
});

describe('document Dice on a growing store', () => {
  it('reads every set where it is after the buffer grows, a side held or not', () => {
    // Forty texts of random letters hold about 110,000 codes: the buffer (65,536 to start) grows
    // while sets are held and asked.
    const random = mulberry(11);
    const texts = Array.from({ length: 40 }, () => Array.from({ length: 3000 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789  '[Math.floor(random() * 38)]).join(''));
    const sets = texts.map((text) => trigramSet(text));
    const dice = createDocumentDice(createTrigramStore((doc) => texts[doc], texts.length));
    // Each document against the earlier ones in a run (one side repeats), then in reverse.
    const asked = texts.flatMap((_, b) => Array.from({ length: b }, (__, a) => [a, b]));
    for (const [a, b] of [...asked, ...asked.reverse()]) expect(dice(a, b)).toBe(diceOf(sets[a], sets[b]));
  });
});

describe('candidate pairs', () => {
  it('finds exactly the pairs an all-pairs scan finds above the floor', () => {
    const texts = docs.map((d) => d.join(' '));
    const vectors = buildVectors(docs, { bigramWeight: 0.5 });
    const scorer = createPairScorer(vectors, texts, { charWeight: 0.3, oppositionPenalty: 0, recipientWeight: 0 });
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

describe('the pair score', () => {
  const texts = ['ambulance handover delays at hospital', 'ambulance crews queue at hospital to hand over'];
  const vectors = buildVectors(texts.map((t) => t.split(' ')), { bigramWeight: 0.5 });
  const related = (overlap: number, opposed = false) => ({ opposed: () => opposed, recipientOverlap: () => overlap });

  it('adds the recipient overlap at its weight, and nothing at weight 0', () => {
    const plain = createPairScorer(vectors, texts, { charWeight: 0.3, oppositionPenalty: 0.7, recipientWeight: 0 }, related(1))(0, 1);
    const weighted = createPairScorer(vectors, texts, { charWeight: 0.3, oppositionPenalty: 0.7, recipientWeight: 0.1 }, related(0.5))(0, 1);
    expect(plain.recipient).toBe(0);
    expect(weighted.recipient).toBe(0.5);
    expect(weighted.score).toBeCloseTo(plain.score + 0.05, 10);
  });

  it('takes the opposition penalty off the whole score, and never exceeds 1', () => {
    const opposed = createPairScorer(vectors, texts, { charWeight: 0.3, oppositionPenalty: 0.7, recipientWeight: 0.1 }, related(1, true))(0, 1);
    const agreed = createPairScorer(vectors, texts, { charWeight: 0.3, oppositionPenalty: 0.7, recipientWeight: 0.1 }, related(1))(0, 1);
    expect(opposed.score).toBeCloseTo(agreed.score * 0.3, 10);
    const self = createPairScorer(vectors, texts, { charWeight: 0.3, oppositionPenalty: 0, recipientWeight: 1 }, related(1))(0, 0);
    expect(self.score).toBe(1);
  });
});

describe('index keys', () => {
  it('take terms up to the document share, at least 100 documents, at most MAX_INDEX_DOC_FREQ', () => {
    expect(indexDocFreqLimit(500, 0.05)).toBe(100);
    expect(indexDocFreqLimit(4382, 0.05)).toBe(220);
    expect(indexDocFreqLimit(1_000_000, 0.05)).toBe(MAX_INDEX_DOC_FREQ);
    expect(indexDocFreqLimit(1_000_000, 0.05, 5000)).toBe(5000);
  });

  it('find every pair an all-pairs scan finds when all pairs share a rare term, on inputs of thousands of documents', () => {
    // 3,000 documents: two rare words each (a pair per rare word) plus words common to most of
    // them, so the common part of the cosine is added after the index meets a pair.
    const docs = Array.from({ length: 3000 }, (_, d) => [`rare${Math.floor(d / 2)}`, `other${d}`, 'common', d % 2 ? 'half' : 'twin', `tail${d % 7}`]);
    const vectors = buildVectors(docs, { bigramWeight: 0.5 });
    const scorer = createCosineScorer(vectors);
    const found = scoreCandidatePairs(vectors, scorer, () => false, { maxIndexDocShare: 0.05, minScore: 0.1 });
    const keys = new Set(Array.from({ length: found.count }, (_, i) => `${found.a[i]}-${found.b[i]}`));
    for (let d = 0; d < 3000; d += 2) {
      expect(keys.has(`${d}-${d + 1}`)).toBe(true);
      const i = [...keys].indexOf(`${d}-${d + 1}`);
      // The cosine scorer's score is the word cosine the search found.
      expect(found.score[i]).toBeCloseTo(cosineOf(vectors, d, d + 1), 6);
      if (d > 40) break;
    }
    expect(found.count).toBeGreaterThanOrEqual(1500);
  });
});

describe('documents with no rare feature', () => {
  it('still meet their exact copies', () => {
    // 300 documents share two common words; the last two are nothing but those words.
    const docs = Array.from({ length: 300 }, (_, d) => (d >= 298 ? ['alpha', 'beta'] : ['alpha', 'beta', `own${d}`, `more${d}`]));
    const vectors = buildVectors(docs, { bigramWeight: 0.5 });
    const found = scoreCandidatePairs(vectors, createCosineScorer(vectors), () => false, { maxIndexDocShare: 0.05, minScore: 0.9 });
    const keys = Array.from({ length: found.count }, (_, i) => `${found.a[i]}-${found.b[i]}`);
    expect(keys).toEqual(['298-299']);
    expect(found.score[0]).toBeCloseTo(1, 5);
  });
});

describe('pairs held up by common words', () => {
  // 400 documents over 20 words each in over 100 documents (common at this size), so every
  // cosine is mostly common words; documents 0 and 1 also share one rare word, and 2 and 3 two.
  const commonWords = (d: number) => Array.from({ length: 8 }, (_, i) => `w${(d * 7 + i * 3) % 20}`);
  const docs = Array.from({ length: 400 }, (_, d) => [...commonWords(d), `own${d}`]);
  docs[0].push('shared');
  docs[1].push('shared');
  docs[1].push(...commonWords(0));
  docs[2].push('first', 'second', 'third');
  docs[3].push('first', 'second', 'third', ...commonWords(2));
  const vectors = buildVectors(docs, { bigramWeight: 0 });
  const rareWeight = (a: number, b: number) => sharedFeatures(vectors, a, b).filter((f) => !f.feature.startsWith('w')).reduce((sum, f) => sum + f.weight, 0);
  const found = (minRareShare: number) => {
    const pairs = scoreCandidatePairs(vectors, createCosineScorer(vectors), () => false, { maxIndexDocShare: 0.05, minScore: 0.3, minRareShare });
    return new Set(Array.from({ length: pairs.count }, (_, i) => `${pairs.a[i]}-${pairs.b[i]}`));
  };

  it('are met through a rare word, however little it carries, when no share is asked', () => {
    expect(cosineOf(vectors, 0, 1)).toBeGreaterThan(0.3);
    expect(found(0).has('0-1')).toBe(true);
    expect(found(0).has('2-3')).toBe(true);
  });

  it('are not met when their rare words carry less than the share of the floor asked, and are when they carry more', () => {
    const share = (rareWeight(0, 1) + rareWeight(2, 3)) / 2 / 0.3;
    expect(rareWeight(0, 1)).toBeLessThan(share * 0.3);
    expect(rareWeight(2, 3)).toBeGreaterThan(share * 0.3);
    const pairs = found(share);
    expect(pairs.has('0-1')).toBe(false);
    expect(pairs.has('2-3')).toBe(true);
  });
});

describe('feature texts', () => {
  it('are made on demand from the words, and answer as a list of the same texts does', () => {
    const words = fc.array(fc.constantFrom('a1', 'b2', 'c3', 'mr', 'd4'), { maxLength: 10 });
    fc.assert(
      fc.property(fc.array(words, { maxLength: 8 }), (texts) => {
        const built = buildVectors(texts, { bigramWeight: 0.5 }).features;
        const listed = listedFeatures(allFeatureTexts(built));
        expect(listed.count).toBe(built.count);
        for (let id = 0; id < built.count; id++) {
          const [first, second] = built.text(id).split(' ');
          expect(built.firstWordOfPair(id)).toBe(second === undefined ? undefined : first);
          expect(built.secondWordOfPair(id)).toBe(second);
          expect([listed.text(id), listed.firstWordOfPair(id), listed.secondWordOfPair(id)]).toEqual([built.text(id), built.firstWordOfPair(id), built.secondWordOfPair(id)]);
        }
      }),
    );
  });
});

describe('TF-IDF vectors on many distinct word pairs', () => {
  it('name every bigram feature by its own two words (the pair table grows past its first size)', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const docs = Array.from({ length: 400 }, () => Array.from({ length: 120 }, () => `w${Math.floor(next() / 65536) % 3000}`));
    const vectors = buildVectors(docs, { bigramWeight: 0.5 });
    const texts = allFeatureTexts(vectors.features);
    const bigrams = texts.filter((f) => f.includes(' '));
    expect(bigrams.length).toBeGreaterThan(40000);
    expect(new Set(bigrams).size).toBe(bigrams.length);
    // Row 0's features are exactly its words and adjacent word pairs.
    const row = Array.from(vectors.ids.subarray(vectors.offsets[0], vectors.offsets[1]), (id) => vectors.features.text(id)).sort();
    const expected = new Set(docs[0]);
    docs[0].forEach((w, i) => i > 0 && expected.add(`${docs[0][i - 1]} ${w}`));
    expect(row).toEqual([...expected].sort());
  });
});

/** A seeded generator (mulberry32), so the long texts are the same on every run. */
function mulberry(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
