import type { SparseVectors } from '../similarity/index.js';

/**
 * What a group is about, feature by feature, as its label and its "why" read it: for a group, the
 * features at least two members share, weighted by how many share them times their summed weight;
 * for a single item, its own TF-IDF row.
 */
export interface GroupWeights {
  /** How many features carry a weight. */
  readonly size: number;
  /**
   * What one sentence carries (`terms` are its terms): each of its features — word, or adjacent
   * word pair — that has a weight, counted once however often it comes.
   */
  ofSentence(terms: readonly string[]): number;
  /**
   * The same for a sentence whose terms are numbers into `vocabulary` (SentenceTerms.numbersOf):
   * `ofSentence` of the terms they number, to the bit.
   */
  ofNumberedSentence(numbers: ArrayLike<number>, vocabulary: readonly string[]): number;
  /** All the weights together, the most a sentence can carry; Infinity when one is negative. */
  total(): number;
  /** The `count` heaviest features, heaviest first (ties: code-unit order of their texts). */
  heaviest(count: number): string[];
}

/**
 * The group's weights, looked up by feature id where the vectors can say which feature a term is
 * (FeatureLookup): every group of a run is weighed, most of them single items, and a map of each
 * row's feature texts, with every adjacent pair of a sentence made into a string to look it up,
 * was most of the time the report's groups took (1.5 s of 3.9 s at 100,000 items). The answers
 * are those of `weightsOfMap(termWeights(…))`, summed in the same order, to the bit. The weights
 * of one vectors' groups share one scratch table: an earlier group's weights stop answering once
 * the next group's are made.
 */
export function groupWeights(vectors: SparseVectors, members: readonly number[]): GroupWeights {
  const lookup = vectors.lookup;
  if (!lookup) return weightsOfMap(termWeights(vectors, members));
  const scratch = scratchOf(vectors);
  const weighed = weighMembers(vectors, members, scratch);
  const generation = ++scratch.generation;
  const { docs, weight, stamp } = scratch;
  const { features } = vectors;
  const current = () => {
    if (scratch.generation !== generation) throw new Error('group weights read after the next group was weighed');
  };
  /** What a sentence of `length` terms carries, `wordAt(i)` being its i-th term's word feature (-1 for none). */
  const carriedBy = (length: number, wordAt: (i: number) => number): number => {
    const sentence = ++scratch.sentence;
    let carried = 0;
    let previous = -1;
    for (let i = 0; i < length; i++) {
      const word = wordAt(i);
      const hasWeight = word >= 0 && docs[word] > 0;
      if (hasWeight && stamp[word] !== sentence) {
        stamp[word] = sentence;
        carried += weight[word];
      }
      // A pair is a feature of the group only where both its words are, so only then is it looked up.
      if (hasWeight && previous >= 0) {
        const pair = lookup.pairFeature(previous, word);
        if (pair >= 0 && docs[pair] > 0 && stamp[pair] !== sentence) {
          stamp[pair] = sentence;
          carried += weight[pair];
        }
      }
      previous = hasWeight ? word : -1;
    }
    return carried;
  };
  return {
    size: weighed.length,
    ofSentence(terms) {
      current();
      return carriedBy(terms.length, (i) => lookup.wordFeature(terms[i]));
    },
    ofNumberedSentence(numbers, vocabulary) {
      current();
      const featureOf = termFeatures(scratch, vocabulary);
      return carriedBy(numbers.length, (i) => {
        const number = numbers[i];
        if (featureOf[number] === UNSEEN) featureOf[number] = lookup.wordFeature(vocabulary[number]);
        return featureOf[number];
      });
    },
    total() {
      current();
      let total = 0;
      for (const id of weighed) {
        if (!(weight[id] >= 0)) return Infinity;
        total += weight[id];
      }
      return total;
    },
    heaviest(count) {
      current();
      return heaviestOf(
        weighed.map((id): [string, number] => [features.text(id), weight[id]]),
        count,
      );
    },
  };
}

/** The same questions answered from a map of feature texts to weights (tests, and vectors without a lookup). */
export function weightsOfMap(weights: ReadonlyMap<string, number>): GroupWeights {
  return {
    size: weights.size,
    ofSentence: (terms) => sentenceWeightOfMap(terms, weights),
    ofNumberedSentence: (numbers, vocabulary) => sentenceWeightOfMap(Array.from(numbers, (n) => vocabulary[n]), weights),
    total: () => totalOf(weights.values()),
    heaviest: (count) => heaviestOf(weights.entries(), count),
  };
}

/**
 * The group's weights as a map of feature texts, in the order groupWeights walks them (a single
 * item's row order; else each feature's first sight). Weighing it ends any earlier group's
 * groupWeights of the same vectors, as weighing the next group does.
 */
export function termWeights(vectors: SparseVectors, members: readonly number[]): Map<string, number> {
  const scratch = scratchOf(vectors);
  const weighed = weighMembers(vectors, members, scratch);
  scratch.generation++;
  return new Map(weighed.map((id) => [vectors.features.text(id), scratch.weight[id]]));
}

/**
 * Per-feature tables of one set of vectors: `docs` (members holding the feature; above 0 marks a
 * feature of the current group), `weight` (its weight), `stamp` (the last sentence that counted it).
 */
interface Scratch {
  docs: Int32Array;
  weight: Float64Array;
  stamp: Int32Array;
  /** The current group's features, cleared when the next group is weighed. */
  weighed: number[];
  generation: number;
  sentence: number;
  /** Each term of the last vocabulary read (SentenceTerms.vocabulary) as its word feature, looked up on first use. */
  terms?: { vocabulary: readonly string[]; features: Int32Array };
}

/** A term whose word feature has not been looked up yet. */
const UNSEEN = -2;

/** The word feature of each term of `vocabulary`, kept with the scratch: one vocabulary serves every group of a run. */
function termFeatures(scratch: Scratch, vocabulary: readonly string[]): Int32Array {
  if (scratch.terms?.vocabulary !== vocabulary) scratch.terms = { vocabulary, features: new Int32Array(vocabulary.length).fill(UNSEEN) };
  return scratch.terms.features;
}

const scratches = new WeakMap<SparseVectors, Scratch>();

function scratchOf(vectors: SparseVectors): Scratch {
  let scratch = scratches.get(vectors);
  if (!scratch) {
    const count = vectors.features.count;
    scratch = { docs: new Int32Array(count), weight: new Float64Array(count), stamp: new Int32Array(count), weighed: [], generation: 0, sentence: 0 };
    scratches.set(vectors, scratch);
  }
  return scratch;
}

/** Fills the scratch with the group's weights (as termWeights computes them); returns its features in termWeights's order. */
function weighMembers(vectors: SparseVectors, members: readonly number[], scratch: Scratch): number[] {
  const { offsets, ids } = vectors;
  const { docs, weight } = scratch;
  for (const id of scratch.weighed) {
    docs[id] = 0;
    weight[id] = 0;
  }
  const weighed: number[] = [];
  if (members.length === 1) {
    for (let k = offsets[members[0]]; k < offsets[members[0] + 1]; k++) {
      docs[ids[k]] = 1;
      weight[ids[k]] = vectors.weights[k];
      weighed.push(ids[k]);
    }
  } else {
    const seen: number[] = [];
    for (const doc of members) {
      for (let k = offsets[doc]; k < offsets[doc + 1]; k++) {
        const id = ids[k];
        if (docs[id]++ === 0) seen.push(id);
        weight[id] += vectors.weights[k];
      }
    }
    for (const id of seen) {
      if (docs[id] >= 2) {
        weight[id] = docs[id] * weight[id];
        weighed.push(id);
      } else {
        docs[id] = 0;
        weight[id] = 0;
      }
    }
  }
  scratch.weighed = weighed;
  return weighed;
}

/**
 * Each feature of the sentence (word, or adjacent word pair) counted once. A word pair is a
 * feature of a row only where both its words are (the pair is made from two of the row's words),
 * and shared by members only where both words are shared, so a pair is looked up only when both
 * its words have a weight: most pairs are never made into a string.
 */
function sentenceWeightOfMap(terms: readonly string[], weights: ReadonlyMap<string, number>): number {
  // Only features that have a weight need remembering: the rest add nothing however often seen.
  const seen = new Set<string>();
  let weight = 0;
  let previousWeighed = false;
  for (let i = 0; i < terms.length; i++) {
    const value = weights.get(terms[i]);
    const weighed = value !== undefined;
    if (weighed && !seen.has(terms[i])) {
      seen.add(terms[i]);
      weight += value;
    }
    if (weighed && previousWeighed) {
      const pair = `${terms[i - 1]} ${terms[i]}`;
      const pairValue = weights.get(pair);
      if (pairValue !== undefined && !seen.has(pair)) {
        seen.add(pair);
        weight += pairValue;
      }
    }
    previousWeighed = weighed;
  }
  return weight;
}

function totalOf(weights: Iterable<number>): number {
  let total = 0;
  for (const weight of weights) {
    if (!(weight >= 0)) return Infinity;
    total += weight;
  }
  return total;
}

/**
 * The `count` heaviest features, heaviest first (ties: code-unit order), as sorting them all would
 * give them; a group's map holds hundreds of features and only a handful are shown.
 */
function heaviestOf(weights: Iterable<[string, number]>, count: number): string[] {
  if (count <= 0) return [];
  const best: [string, number][] = [];
  for (const entry of weights) {
    if (best.length === count && !heavier(entry, best[count - 1])) continue;
    let at = best.length < count ? best.length : count - 1;
    best[at] = entry;
    while (at > 0 && heavier(best[at], best[at - 1])) {
      [best[at], best[at - 1]] = [best[at - 1], best[at]];
      at--;
    }
  }
  return best.map(([feature]) => feature);
}

function heavier(entry: [string, number], than: [string, number]): boolean {
  return entry[1] > than[1] || (entry[1] === than[1] && entry[0] < than[0]);
}
