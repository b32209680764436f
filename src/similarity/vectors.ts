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
  const featureIds = new Map<string, number>();
  const features: string[] = [];
  const idOf = (feature: string) => {
    let id = featureIds.get(feature);
    if (id === undefined) {
      id = features.length;
      featureIds.set(feature, id);
      features.push(feature);
    }
    return id;
  };
  const counted = docs.map((terms) => countFeatures(terms, idOf, settings.bigramWeight > 0));
  const docFreq = new Int32Array(features.length);
  for (const counts of counted) for (const id of counts.keys()) docFreq[id]++;

  const offsets = new Int32Array(docs.length + 1);
  counted.forEach((counts, r) => (offsets[r + 1] = offsets[r] + counts.size));
  const ids = new Int32Array(offsets[docs.length]);
  const weights = new Float32Array(offsets[docs.length]);
  const bigram = features.map((f) => f.includes(' '));
  counted.forEach((counts, r) => {
    const start = offsets[r];
    const row = [...counts.keys()].sort((a, b) => a - b);
    let norm = 0;
    row.forEach((id, k) => {
      const idf = Math.log((docs.length + 1) / (docFreq[id] + 1)) + 1;
      const weight = (1 + Math.log(counts.get(id)!)) * idf * (bigram[id] ? settings.bigramWeight : 1);
      ids[start + k] = id;
      weights[start + k] = weight;
      norm += weight * weight;
    });
    norm = Math.sqrt(norm) || 1;
    for (let k = start; k < start + row.length; k++) weights[k] /= norm;
  });
  return { offsets, ids, weights, docFreq, features };
}

function countFeatures(terms: readonly string[], idOf: (f: string) => number, bigrams: boolean): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (feature: string) => {
    const id = idOf(feature);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  terms.forEach((term, i) => {
    add(term);
    if (bigrams && i > 0) add(`${terms[i - 1]} ${term}`);
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
