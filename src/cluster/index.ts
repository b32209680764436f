import type { ScoredPairs } from '../similarity/index.js';
import { averageLinkage, type LinkConstraints } from './linkage.js';

export { averageLinkage, type Edges, type LinkConstraints } from './linkage.js';
export { centralMemberOf, centralSentence, centralSentenceOf, classKeywords, EXACT_MEDOID_MAX, medoidOf, nearestToCentroid, sharedTerms, termWeights } from './labels.js';

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
}

/**
 * Near-duplicate groups from scored pairs, then themes over the groups. `constraints` (documents
 * that must or must not share a group: an overrides file's links) act on the groups only; themes
 * form over the groups as they come.
 */
export function clusterDocuments(docs: number, pairs: ScoredPairs, topicPairs: ScoredPairs, settings: ClusterSettings, constraints?: LinkConstraints): Clustering {
  return themeGroups(groupDocuments(docs, pairs, settings.threshold, constraints), topicPairs, settings.themeThreshold);
}

/** The near-duplicate groups alone (the first half of clusterDocuments): lists of documents, ordered by their first. */
export function groupDocuments(docs: number, pairs: ScoredPairs, threshold: number, constraints?: LinkConstraints): number[][] {
  return collect(averageLinkage(docs, { count: pairs.count, a: pairs.a, b: pairs.b, weight: pairs.score }, threshold, undefined, constraints));
}

/**
 * Themes over groups already formed (the second half of clusterDocuments). Groups are
 * near-duplicates (blended word and character score); themes are topics, linked by their own
 * pairs' topic scores (see themesOverGroups).
 */
export function themeGroups(groups: number[][], topicPairs: ScoredPairs, themeThreshold: number): Clustering {
  return withThemes(groups, themesOverGroups(groupIndexOf(groups), groups.length, topicPairs, themeThreshold));
}

/** Each document's group number: how the groups travel to another thread (a flat, transferable array). */
export function groupIndexOf(groups: readonly (readonly number[])[]): Int32Array {
  const groupOfDoc = new Int32Array(groups.reduce((n, g) => n + g.length, 0));
  groups.forEach((members, g) => members.forEach((doc) => (groupOfDoc[doc] = g)));
  return groupOfDoc;
}

/** The groups with the themes themesOverGroups found for them (a representative group per group). */
export function withThemes(groups: number[][], themeRepOf: Int32Array): Clustering {
  const themes = collect(themeRepOf);
  const themeOf = new Int32Array(groups.length);
  themes.forEach((members, t) => members.forEach((g) => (themeOf[g] = t)));
  return { groups, themeOf, themes };
}

/**
 * Themes continue average-link from the groups down to the theme threshold: each group is a node
 * weighted by its size, linked by the sums of its members' topic pair scores (word cosine, raised
 * where the two items share nearest neighbours), so a theme is held together by the mean
 * similarity of all its items, not by one close pair. Returns each group's representative group.
 */
export function themesOverGroups(groupOfDoc: Int32Array, groupCount: number, pairs: ScoredPairs, themeThreshold: number): Int32Array {
  const a = new Int32Array(pairs.count);
  const b = new Int32Array(pairs.count);
  const weight = new Float32Array(pairs.count);
  let count = 0;
  for (let i = 0; i < pairs.count; i++) {
    const x = groupOfDoc[pairs.a[i]];
    const y = groupOfDoc[pairs.b[i]];
    if (x === y) continue;
    a[count] = x;
    b[count] = y;
    weight[count++] = pairs.score[i];
  }
  const sizes = new Int32Array(groupCount);
  for (let doc = 0; doc < groupOfDoc.length; doc++) sizes[groupOfDoc[doc]]++;
  return averageLinkage(groupCount, { count, a, b, weight }, themeThreshold, sizes);
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
