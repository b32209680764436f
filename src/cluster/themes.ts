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
    minScore: settings.themeThreshold * 0.5,
  });
  return averageLinkage(groups.length, { count: pairs.count, a: pairs.a, b: pairs.b, weight: pairs.score }, settings.themeThreshold);
}

export function centroidVectors(vectors: SparseVectors, groups: readonly (readonly number[])[]): SparseVectors {
  const rows = groups.map((members) => topFeatures(sumRows(vectors, members), CENTROID_FEATURES));
  const offsets = new Int32Array(groups.length + 1);
  rows.forEach((row, g) => (offsets[g + 1] = offsets[g] + row.length));
  const ids = new Int32Array(offsets[groups.length]);
  const weights = new Float32Array(offsets[groups.length]);
  const docFreq = new Int32Array(vectors.features.length);
  rows.forEach((row, g) => {
    const norm = Math.sqrt(row.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
    row.forEach(([id, w], k) => {
      ids[offsets[g] + k] = id;
      weights[offsets[g] + k] = w / norm;
      docFreq[id]++;
    });
  });
  return { offsets, ids, weights, docFreq, features: vectors.features };
}

function sumRows(vectors: SparseVectors, members: readonly number[]): Map<number, number> {
  const sum = new Map<number, number>();
  for (const doc of members) {
    for (let k = vectors.offsets[doc]; k < vectors.offsets[doc + 1]; k++) {
      sum.set(vectors.ids[k], (sum.get(vectors.ids[k]) ?? 0) + vectors.weights[k]);
    }
  }
  return sum;
}

/** Strongest features, returned sorted by feature id (the order rows must have). */
function topFeatures(sum: Map<number, number>, count: number): [number, number][] {
  return [...sum]
    .sort((p, q) => q[1] - p[1] || p[0] - q[0])
    .slice(0, count)
    .sort((p, q) => p[0] - q[0]);
}
