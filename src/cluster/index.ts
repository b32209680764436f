import type { ScoredPairs, SparseVectors } from '../similarity/index.js';
import { averageLinkage } from './linkage.js';
import { clusterThemes } from './themes.js';

export { averageLinkage, type Edges } from './linkage.js';
export { classKeywords, medoidOf, sharedTerms } from './labels.js';
export { centroidVectors, clusterThemes } from './themes.js';

export interface Clustering {
  /** Groups as lists of documents, each sorted, ordered by their first document. */
  groups: number[][];
  /** For each group, the index of its theme; themes are numbered by their first group. */
  themeOf: Int32Array;
  themes: number[][];
}

export interface ClusterSettings {
  threshold: number;
  themeThreshold: number;
  maxIndexDocShare: number;
}

/** Near-duplicate groups from scored pairs, then themes over the groups. */
export function clusterDocuments(docs: number, pairs: ScoredPairs, vectors: SparseVectors, excluded: (doc: number) => boolean, settings: ClusterSettings): Clustering {
  const repOf = averageLinkage(docs, { count: pairs.count, a: pairs.a, b: pairs.b, weight: pairs.score }, settings.threshold);
  const groups = collect(repOf);
  const groupExcluded = (g: number) => groups[g].every(excluded);
  const themeRepOf = clusterThemes(vectors, groups, groupExcluded, settings);
  const themes = collect(themeRepOf);
  const themeOf = new Int32Array(groups.length);
  themes.forEach((members, t) => members.forEach((g) => (themeOf[g] = t)));
  return { groups, themeOf, themes };
}

/** Representative array → lists of members, in order of first member. */
function collect(repOf: Int32Array): number[][] {
  const byRep = new Map<number, number[]>();
  for (let i = 0; i < repOf.length; i++) {
    let list = byRep.get(repOf[i]);
    if (!list) byRep.set(repOf[i], (list = []));
    list.push(i);
  }
  return [...byRep.values()].sort((p, q) => p[0] - q[0]);
}
