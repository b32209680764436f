import type { ScoredPairs } from '../similarity/index.js';
import { averageLinkage, NearMissCompletion, type LinkConstraints } from './linkage.js';

export { averageLinkage, NearMissCompletion, type Edges, type LinkConstraints } from './linkage.js';
export { centralMemberOf, centralSentence, classKeywords, EXACT_MEDOID_MAX, medoidOf, nearestToCentroid, sharedTerms } from './labels.js';
export { groupWeights, termWeights, weightsOfMap, type GroupWeights } from './weights.js';

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
export function clusterDocuments(
  docs: number,
  pairs: ScoredPairs,
  topicPairs: ScoredPairs,
  settings: ClusterSettings,
  constraints?: LinkConstraints,
  pairScore?: PairScore,
): Clustering {
  return themeGroups(groupDocuments(docs, pairs, settings.threshold, constraints, pairScore), topicPairs, settings.themeThreshold);
}

/**
 * The near-duplicate groups alone (the first half of clusterDocuments): lists of documents, ordered
 * by their first. With `pairScore`, near misses are completed (see nearMissCompletion).
 */
export function groupDocuments(docs: number, pairs: ScoredPairs, threshold: number, constraints?: LinkConstraints, pairScore?: PairScore): number[][] {
  const completion = pairScore ? nearMissCompletion(docs, pairs, pairScore) : undefined;
  return collect(averageLinkage(docs, { count: pairs.count, a: pairs.a, b: pairs.b, weight: pairs.score }, threshold, undefined, constraints, completion));
}

/** The grouping score of two documents (first < second), as the candidate search scored its pairs. */
export type PairScore = (first: number, second: number) => number;

/**
 * Group links at or above this share of the threshold are completed. The search keeps only pairs
 * whose word cosine reaches half the threshold; a pair below that can still carry a fair score (its
 * characters and recipient agree), and a cluster pair with several of them is a near miss only
 * because they count as 0. On the PFD dev pairs every share from 0.5 to 0.8 merges the same groups;
 * 0.8 scores the fewest pairs (5 instead of 176 at 10,000 synthetic items).
 */
export const NEAR_MISS_SHARE = 0.8;
/** Cluster pairs with more item pairs than this are not completed: the cost grows with the product. */
export const NEAR_MISS_MAX_PAIRS = 2500;

/** Completion over scored pairs: a cross pair with no scored pair is scored by `pairScore`. */
function nearMissCompletion(docs: number, pairs: ScoredPairs, pairScore: PairScore): NearMissCompletion {
  let isScored: ((first: number, second: number) => boolean) | undefined;
  return new NearMissCompletion(NEAR_MISS_SHARE, NEAR_MISS_MAX_PAIRS, (xs, ys) => {
    // Made at the first near miss: a run with none never pays for it.
    isScored ??= scoredPairLookup(docs, pairs);
    let sum = 0;
    for (const x of xs) {
      for (const y of ys) {
        const [first, second] = x < y ? [x, y] : [y, x];
        if (!isScored(first, second)) sum += pairScore(first, second);
      }
    }
    return sum;
  });
}

/**
 * Whether a pair (first < second) is among the scored pairs. The search emits them by later, then
 * earlier document, so the pairs themselves are a sorted table: each later document's pairs are
 * one run of it, found by an offset per document, and only that run is searched (a search over
 * the whole table read a cache line per step, tens of millions of pairs at a million items).
 * Pairs in any other order (made by hand, as tests do) are copied into sorted keys first.
 */
function scoredPairLookup(docs: number, pairs: ScoredPairs): (first: number, second: number) => boolean {
  const keyOf = (i: number) => Math.max(pairs.a[i], pairs.b[i]) * docs + Math.min(pairs.a[i], pairs.b[i]);
  let inSearchOrder = true;
  for (let i = 1; i < pairs.count && inSearchOrder; i++) inSearchOrder = keyOf(i - 1) < keyOf(i);
  if (!inSearchOrder) {
    const keys = Float64Array.from({ length: pairs.count }, (_, i) => keyOf(i)).sort();
    return (first, second) => binaryHas(0, keys.length, (i) => keys[i], second * docs + first);
  }
  const runStart = new Int32Array(docs + 1);
  for (let i = 0; i < pairs.count; i++) runStart[Math.max(pairs.a[i], pairs.b[i]) + 1]++;
  for (let doc = 0; doc < docs; doc++) runStart[doc + 1] += runStart[doc];
  const earlierOf = (i: number) => Math.min(pairs.a[i], pairs.b[i]);
  return (first, second) => binaryHas(runStart[second], runStart[second + 1], earlierOf, first);
}

/** Whether `key` is among keyAt(from) … keyAt(to − 1), which ascend. */
function binaryHas(from: number, to: number, keyAt: (i: number) => number, key: number): boolean {
  let low = from;
  let high = to - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = keyAt(mid);
    if (at === key) return true;
    if (at < key) low = mid + 1;
    else high = mid - 1;
  }
  return false;
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
