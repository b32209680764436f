import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centralMemberOf, centralSentence, classKeywords, EXACT_MEDOID_MAX, groupWeights, medoidOf, termWeights, weightsOfMap, type GroupWeights } from '../../src/cluster/index.js';
import { buildVectors, cosineOf, rowOf, type SparseVectors } from '../../src/similarity/index.js';

/** centralSentence over texts whose terms are their lower-cased words. */
const central = (texts: string[], weights: ReadonlyMap<string, number>) => weighedCentral(texts, texts.map(termsOfText), weightsOfMap(weights));
/** centralSentence with each sentence's terms weighed by ofSentence. */
const weighedCentral = (texts: string[], terms: string[][], weights: GroupWeights) => centralSentence(texts, (i) => weights.ofSentence(terms[i]), weights);
const termsOfText = (text: string) => text.toLowerCase().split(' ');

describe('centralSentence', () => {
  it('passes over an opening sentence that carries little of the weights', () => {
    const weights = new Map([['helmet', 2], ['rider', 1.5], ['evidence', 0.1]]);
    const chosen = central(['I heard evidence at the inquest', 'Rider wore no helmet', 'Evidence evidence'], weights);
    expect(chosen).toBe('Rider wore no helmet');
  });

  it('counts word pairs too, and each feature once per sentence', () => {
    // "bend" four times counts once (1); "the speed limit" carries speed, limit and the pair (5).
    const weights = new Map([['speed limit', 3], ['speed', 1], ['limit', 1], ['bend', 1]]);
    expect(central(['bend bend bend bend', 'the speed limit'], weights)).toBe('the speed limit');
  });

  it('keeps the opening sentence when it carries at least a third of the heaviest one', () => {
    const weights = new Map([['ward', 2], ['staffing', 1], ['ligature', 3]]);
    expect(central(['ward staffing', 'ligature ward'], weights)).toBe('ward staffing');
    expect(central(['staffing', 'ligature ward'], weights)).toBe('ligature ward');
  });

  it('passes over a heavy sentence that only goes on from the one before', () => {
    const weights = new Map([['estate', 1], ['strategy', 1], ['returns', 2], ['surveys', 2], ['ligatures', 2]]);
    const texts = ['Estate strategy', 'Including returns surveys ligatures estate strategy'];
    expect(central(texts, weights)).toBe('Estate strategy');
    // With no other sentence carrying weight, it is still the answer.
    expect(central(['Nothing shared here', 'Including returns surveys'], weights)).toBe('Including returns surveys');
  });

  it('gives a lead-in with the sentence after it, and alone when nothing follows', () => {
    const weights = new Map([['clozapine', 2], ['levels', 1], ['recorded', 1]]);
    expect(central(['How to record clozapine levels:', 'levels were not recorded'], weights)).toBe('How to record clozapine levels: levels were not recorded');
    expect(central(['Nothing shared', 'How to record clozapine levels:'], weights)).toBe('How to record clozapine levels:');
    expect(central(['How to record clozapine levels:', '· levels were not recorded'], weights)).toBe('How to record clozapine levels: levels were not recorded');
    // What follows was cut away (page furniture): the lead-in stays as it is.
    expect(central(['How to record clozapine levels:', ''], weights)).toBe('How to record clozapine levels:');
  });

  it('prefers the earlier sentence on a tie and gives undefined when no sentence carries weight', () => {
    const weights = new Map([['ward', 1]]);
    expect(central(['ward one', 'ward two'], weights)).toBe('ward one');
    expect(central(['nothing shared'], weights)).toBeUndefined();
  });
});

describe('centralSentence, weighing', () => {
  it('weighs only the opening sentence when it carries a third of all the weights', () => {
    const texts = ['Ward staffing was short', 'Ligature points on the ward', 'Nothing else'];
    const asked: number[] = [];
    // The terms of each sentence, noting which sentences were weighed.
    const terms = new Proxy(texts.map(termsOfText), {
      get: (target, key, receiver) => (typeof key === 'string' && /^\d+$/.test(key) && asked.push(Number(key)), Reflect.get(target, key, receiver)),
    });
    expect(weighedCentral(texts, terms, weightsOfMap(new Map([['staffing', 2], ['ligature', 3]])))).toBe(texts[0]);
    expect(asked).toEqual([0]);
    asked.length = 0;
    expect(weighedCentral(texts, terms, weightsOfMap(new Map([['staffing', 0.5], ['ligature', 3]])))).toBe(texts[1]);
    expect(asked).toEqual([0, 1, 2]);
  });
});

describe('termWeights', () => {
  it('keeps only features two or more members share, and a lone item its own row', () => {
    const vectors = buildVectors([['helmet', 'rider'], ['helmet', 'scooter'], ['ward']], { bigramWeight: 0 });
    expect([...termWeights(vectors, [0, 1]).keys()]).toEqual(['helmet']);
    expect([...termWeights(vectors, [2]).keys()]).toEqual(['ward']);
  });
});

describe('centralMemberOf', () => {
  // Every member shares the core words; each also has a word of its own, and member `hub` has all
  // the core words and nothing else, so it is the most central by any measure.
  const groupOf = (size: number, hub: number) =>
    Array.from({ length: size }, (_, d) => (d === hub ? ['ligatur', 'point', 'ward', 'audit'] : ['ligatur', 'point', d % 2 ? 'ward' : 'audit', `own${d}`]));

  it('is the exact medoid for groups up to the limit', () => {
    const docs = groupOf(30, 17);
    const vectors = buildVectors(docs, { bigramWeight: 0 });
    const members = docs.map((_, d) => d);
    const similarity = (a: number, b: number) => cosineOf(vectors, a, b);
    expect(centralMemberOf(members, vectors, similarity)).toBe(medoidOf(members, similarity));
    expect(centralMemberOf(members, vectors, similarity)).toBe(17);
  });

  it('is never a fragment far shorter than the group’s typical member, though it is the most similar to all', () => {
    const concern = (own: string) => ['essex', 'partnership', 'trust', 'risk', ...'abcdefgh'.split('').map((c) => own + c)];
    const docs = [['essex', 'partnership', 'trust'], concern('p'), concern('q'), concern('r'), ['unrelated', 'words'], ['more', 'other']];
    const vectors = buildVectors(docs, { bigramWeight: 0 });
    const similarity = (a: number, b: number) => cosineOf(vectors, a, b);
    expect(medoidOf([0, 1, 2, 3], similarity)).toBe(0);
    expect(centralMemberOf([0, 1, 2, 3], vectors, similarity)).toBe(1);
    // Of two of a kind, the earlier stays the centre.
    expect(centralMemberOf([2, 3], vectors, similarity)).toBe(2);
  });

  it('is the member nearest the centroid for larger groups, without comparing every pair', () => {
    const docs = groupOf(EXACT_MEDOID_MAX + 50, 123);
    const vectors = buildVectors(docs, { bigramWeight: 0 });
    let calls = 0;
    const similarity = (a: number, b: number) => (calls++, cosineOf(vectors, a, b));
    expect(centralMemberOf(docs.map((_, d) => d), vectors, similarity)).toBe(123);
    expect(calls).toBe(0);
  });
});

describe('classKeywords', () => {
  // One theme of three items; a second class of other items makes its words common elsewhere.
  const theme = [
    ['mr', 'zedwick', 'ward', 'observ', '25th', 'april', '2019', '33pm', 'friday'],
    ['mrs', 'zedwick', 'ward', 'observ', 'june', '2019', 'nurse'],
    ['zedwick', 'ward', 'observ', 'staf', '2019', 'mr', 'nurse'],
  ];
  const others = [['road', 'junction', 'nurse', 'mr', 'nurse'], ['road', 'light', 'nurse'], ['prison', 'cell', 'nurse']];
  const keywordsOf = (count: number) => classKeywords(buildVectors([...theme, ...others], { bigramWeight: 0.5 }), [[0, 1, 2], [3, 4, 5]], count)[0];

  it('never labels a theme by when its cases happened or by a surname seen after a title', () => {
    const keywords = keywordsOf(10);
    expect(keywords).toContain('observ');
    for (const when of ['25th', 'april', 'june', '2019', '33pm', 'friday']) expect(keywords.join(' ')).not.toContain(when);
    expect(keywords.join(' ')).not.toMatch(/zedwick|\bmrs?\b/);
  });

  it('keeps a word that a title only sometimes comes before', () => {
    // "mr nurse" once, where a name between them was dropped; "nurse" is in five items.
    expect(keywordsOf(10).join(' ')).toContain('nurse');
  });
});

/**
 * What a group's weights are, written out plainly: a single item's own row; else each feature two
 * or more members hold, as how many hold it × its summed weight (summed member by member, in
 * feature order of first sight, as the tool sums them).
 */
function plainWeights(vectors: SparseVectors, members: readonly number[]): Map<string, number> {
  const rows = members.map((doc) => rowOf(vectors, doc));
  if (members.length === 1) return new Map([...rows[0].ids].map((id, k) => [vectors.features.text(id), rows[0].weights[k]]));
  const held = new Map<number, { docs: number; weight: number }>();
  for (const row of rows) {
    row.ids.forEach((id, k) => {
      const entry = held.get(id) ?? { docs: 0, weight: 0 };
      entry.docs++;
      entry.weight += row.weights[k];
      held.set(id, entry);
    });
  }
  return new Map([...held].filter(([, e]) => e.docs >= 2).map(([id, e]) => [vectors.features.text(id), e.docs * e.weight]));
}

describe('groupWeights', () => {
  const alphabet = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'];
  const terms = fc.array(fc.constantFrom(...alphabet), { maxLength: 9 });

  it('answers as the plainly written weights do, to the bit, for any group and sentence', () => {
    fc.assert(
      fc.property(
        fc.array(terms, { minLength: 1, maxLength: 7 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        // Sentences may hold words no document has.
        fc.array(fc.array(fc.constantFrom(...alphabet, 'z9'), { maxLength: 9 }), { maxLength: 4 }),
        fc.nat({ max: 8 }),
        (texts, picks, sentences, count) => {
          const vectors = buildVectors(texts, { bigramWeight: 0.5 });
          const members = [...new Set(picks.map((p) => p % texts.length))].sort((a, b) => a - b);
          const byMap = weightsOfMap(plainWeights(vectors, members));
          expect(termWeights(vectors, members)).toEqual(plainWeights(vectors, members));
          const byId = groupWeights(vectors, members);
          expect(byId.size).toBe(byMap.size);
          expect(byId.total()).toBe(byMap.total());
          expect(byId.heaviest(count)).toEqual(byMap.heaviest(count));
          // The sentences' terms numbered too, as SentenceTerms numbers them: one vocabulary for all.
          const vocabulary = [...new Set(sentences.flat())];
          for (const sentence of sentences) {
            const numbers = sentence.map((term) => vocabulary.indexOf(term));
            expect(byId.ofSentence(sentence)).toBe(byMap.ofSentence(sentence));
            expect(byId.ofNumberedSentence(numbers, vocabulary)).toBe(byMap.ofSentence(sentence));
            expect(byMap.ofNumberedSentence(numbers, vocabulary)).toBe(byMap.ofSentence(sentence));
          }
        },
      ),
    );
  });

  it('stops answering once the next group of the same vectors is weighed', () => {
    const vectors = buildVectors([['a1', 'b2'], ['a1', 'c3']], { bigramWeight: 0.5 });
    const first = groupWeights(vectors, [0]);
    expect(first.ofSentence(['a1', 'b2'])).toBeGreaterThan(0);
    groupWeights(vectors, [0, 1]);
    expect(() => first.ofSentence(['a1'])).toThrow(/next group/);
  });
});
