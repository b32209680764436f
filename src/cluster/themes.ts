import { createPairScorer, scoreCandidatePairs, type SparseVectors } from '../similarity/index.js';
import { averageLinkage } from './linkage.js';

/** A centroid keeps its strongest features only: enough to compare topics, cheap to index. */
const CENTROID_FEATURES = 60;

export interface ThemeSettings {
  themeThreshold: number;
  maxIndexDocShare: number;
}

/**
 * Themes are a coarser layer over groups: each group becomes the normalised sum of its members'
 * vectors, and groups whose centroids are similar on average join one theme (average-link again).
 * Returns, for each group, the index of its theme's first group.
 */
export function clusterThemes(vectors: SparseVectors, groups: readonly (readonly number[])[], skip: (group: number) => boolean, settings: ThemeSettings): Int32Array {
  const centroids = centroidVectors(vectors, groups);
  const pairs = scoreCandidatePairs(centroids, createPairScorer(centroids, [], 0), skip, {
    maxIndexDocShare: settings.maxIndexDocShare,
    minScore: settings.themeThreshold,
  });
  return averageLinkage(groups.length, { count: pairs.count, a: pairs.a, b: pairs.b, weight: pairs.score }, settings.themeThreshold);
}

export function centroidVectors(vectors: SparseVectors, groups: readonly (readonly number[])[]): SparseVectors {
  const rows = groups.map((members) => strongest(members.length === 1 ? rowOf(vectors, members[0]) : sumRows(vectors, members), CENTROID_FEATURES));
  const offsets = new Int32Array(groups.length + 1);
  rows.forEach((row, g) => (offsets[g + 1] = offsets[g] + row.ids.length));
  const ids = new Int32Array(offsets[groups.length]);
  const weights = new Float32Array(offsets[groups.length]);
  const docFreq = new Int32Array(vectors.features.length);
  rows.forEach((row, g) => {
    let norm = 0;
    for (const w of row.weights) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    ids.set(row.ids, offsets[g]);
    row.weights.forEach((w, k) => (weights[offsets[g] + k] = w / norm));
    for (const id of row.ids) docFreq[id]++;
  });
  return { offsets, ids, weights, docFreq, features: vectors.features };
}

interface Row {
  ids: Int32Array;
  weights: Float64Array;
}

/** Most groups are one item: its own row is its centroid. */
function rowOf(vectors: SparseVectors, doc: number): Row {
  const { offsets } = vectors;
  return { ids: vectors.ids.slice(offsets[doc], offsets[doc + 1]), weights: Float64Array.from(vectors.weights.subarray(offsets[doc], offsets[doc + 1])) };
}

function sumRows(vectors: SparseVectors, members: readonly number[]): Row {
  const sum = new Map<number, number>();
  for (const doc of members) {
    for (let k = vectors.offsets[doc]; k < vectors.offsets[doc + 1]; k++) {
      sum.set(vectors.ids[k], (sum.get(vectors.ids[k]) ?? 0) + vectors.weights[k]);
    }
  }
  const ids = Int32Array.from(sum.keys()).sort();
  return { ids, weights: Float64Array.from(ids, (id) => sum.get(id)!) };
}

/** The row's `count` heaviest features, still in id order; ties at the cut go to the smaller id. */
function strongest(row: Row, count: number): Row {
  if (row.ids.length <= count) return row;
  const cut = Float64Array.from(row.weights).sort()[row.weights.length - count];
  let above = 0;
  for (const w of row.weights) if (w > cut) above++;
  let tiesAllowed = count - above;
  const ids: number[] = [];
  const weights: number[] = [];
  row.ids.forEach((id, k) => {
    const w = row.weights[k];
    if (w > cut || (w === cut && tiesAllowed-- > 0)) {
      ids.push(id);
      weights.push(w);
    }
  });
  return { ids: Int32Array.from(ids), weights: Float64Array.from(weights) };
}
