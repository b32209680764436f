/**
 * TF-IDF vectors in compressed sparse rows: one typed array of feature ids and one of weights for
 * all documents, so a million short texts cost a few arrays rather than a million maps.
 * Features are stemmed words plus, weighted down, adjacent word pairs (bigrams keep "not
 * introduce" apart from "introduce").
 */
export interface SparseVectors {
  /** Row r's features are ids[offsets[r] .. offsets[r+1]), sorted by id. */
  offsets: Int32Array;
  ids: Int32Array;
  weights: Float32Array;
  /** Documents containing each feature. */
  docFreq: Int32Array;
  /** Feature id → feature text ("ligatur" or "ligatur risk"). */
  features: string[];
}

export interface VectorSettings {
  bigramWeight: number;
}

export function buildVectors(docs: readonly (readonly string[])[], settings: VectorSettings): SparseVectors {
  const interner = new FeatureInterner();
  const counted = docs.map((terms) => countFeatures(terms, interner, settings.bigramWeight > 0));
  const { features, isBigram } = interner;
  const docFreq = new Int32Array(features.length);
  for (const counts of counted) for (const id of counts.keys()) docFreq[id]++;

  const offsets = new Int32Array(docs.length + 1);
  counted.forEach((counts, r) => (offsets[r + 1] = offsets[r] + counts.size));
  const ids = new Int32Array(offsets[docs.length]);
  const weights = new Float32Array(offsets[docs.length]);
  counted.forEach((counts, r) => {
    const start = offsets[r];
    const row = Int32Array.from(counts.keys()).sort();
    let norm = 0;
    row.forEach((id, k) => {
      const idf = Math.log((docs.length + 1) / (docFreq[id] + 1)) + 1;
      const weight = (1 + Math.log(counts.get(id)!)) * idf * (isBigram[id] ? settings.bigramWeight : 1);
      ids[start + k] = id;
      weights[start + k] = weight;
      norm += weight * weight;
    });
    norm = Math.sqrt(norm) || 1;
    for (let k = start; k < start + row.length; k++) weights[k] /= norm;
  });
  return { offsets, ids, weights, docFreq, features };
}

/**
 * Feature ids for words and word pairs. A pair is keyed by its two word ids packed into one
 * number, so the hot loop builds no strings; a pair's text is made once, when first seen.
 */
class FeatureInterner {
  readonly features: string[] = [];
  readonly isBigram: boolean[] = [];
  private words = new Map<string, number>();
  private wordIds: number[] = [];
  private pairs = new Map<number, number>();

  word(term: string): number {
    let word = this.words.get(term);
    if (word === undefined) {
      word = this.words.size;
      this.words.set(term, word);
      this.wordIds.push(this.add(term, false));
    }
    return word;
  }

  featureOfWord(word: number): number {
    return this.wordIds[word];
  }

  pair(first: number, second: number, text: () => string): number {
    const key = first * 2 ** 26 + second;
    let id = this.pairs.get(key);
    if (id === undefined) {
      id = this.add(text(), true);
      this.pairs.set(key, id);
    }
    return id;
  }

  private add(feature: string, bigram: boolean): number {
    this.features.push(feature);
    this.isBigram.push(bigram);
    return this.features.length - 1;
  }
}

function countFeatures(terms: readonly string[], interner: FeatureInterner, bigrams: boolean): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (id: number) => counts.set(id, (counts.get(id) ?? 0) + 1);
  let previous = -1;
  terms.forEach((term, i) => {
    const word = interner.word(term);
    add(interner.featureOfWord(word));
    if (bigrams && previous >= 0) add(interner.pair(previous, word, () => `${terms[i - 1]} ${term}`));
    previous = word;
  });
  return counts;
}

/** Exact cosine of two rows by merging their sorted ids. */
export function cosineOf(vectors: SparseVectors, a: number, b: number): number {
  const { offsets, ids, weights } = vectors;
  let i = offsets[a];
  let j = offsets[b];
  const endA = offsets[a + 1];
  const endB = offsets[b + 1];
  let dot = 0;
  while (i < endA && j < endB) {
    const d = ids[i] - ids[j];
    if (d === 0) dot += weights[i++] * weights[j++];
    else if (d < 0) i++;
    else j++;
  }
  return Math.min(1, dot);
}

/** Features two rows share, strongest contribution first: the "why" of a pair. */
export function sharedFeatures(vectors: SparseVectors, a: number, b: number): { feature: string; weight: number }[] {
  const { offsets, ids, weights, features } = vectors;
  const shared: { feature: string; weight: number }[] = [];
  let i = offsets[a];
  let j = offsets[b];
  while (i < offsets[a + 1] && j < offsets[b + 1]) {
    const d = ids[i] - ids[j];
    if (d === 0) shared.push({ feature: features[ids[i]], weight: weights[i++] * weights[j++] });
    else if (d < 0) i++;
    else j++;
  }
  return shared.sort((x, y) => y.weight - x.weight || (x.feature < y.feature ? -1 : 1));
}
