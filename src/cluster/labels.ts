import type { SparseVectors } from '../similarity/index.js';

/**
 * Distinctive terms of each class (c-TF-IDF): how much of the class's text a term is, times how
 * rare the term is across classes. Frequent-everywhere words ("ensure", "patient") sink; the
 * words that make a theme different rise. Each document counts once per term (its vector row);
 * bare numbers (dates, counts) make poor labels and are left out.
 */
export function classKeywords(vectors: SparseVectors, classes: readonly (readonly number[])[], count: number): string[][] {
  const perClass = classes.map((docs) => countFeatures(vectors, docs));
  const total = new Float64Array(vectors.features.length);
  let grand = 0;
  for (const counts of perClass) {
    for (const [feature, n] of counts) total[feature] += n;
    for (const n of counts.values()) grand += n;
  }
  const averagePerClass = grand / Math.max(1, classes.length);
  return perClass.map((counts) => {
    let size = 0;
    for (const n of counts.values()) size += n;
    const ranked = topScored(counts, count * 4, (feature, n) => (n / size) * Math.log(1 + averagePerClass / total[feature]), vectors.features);
    return pickKeywords(ranked, count);
  });
}

/** The `limit` best labelable features, best first (ties: lower id), without sorting them all. */
function topScored(counts: Map<number, number>, limit: number, score: (feature: number, n: number) => number, features: readonly string[]): string[] {
  const best: { feature: number; score: number }[] = [];
  for (const [feature, n] of counts) {
    const value = score(feature, n);
    if (best.length === limit && !better(value, feature, best[limit - 1])) continue;
    if (!isLabelable(features[feature])) continue;
    let i = best.length < limit ? best.length : limit - 1;
    best[i] = { feature, score: value };
    while (i > 0 && better(best[i].score, best[i].feature, best[i - 1])) {
      [best[i], best[i - 1]] = [best[i - 1], best[i]];
      i--;
    }
  }
  return best.map((b) => features[b.feature]);
}

function better(score: number, feature: number, than: { feature: number; score: number }): boolean {
  return score > than.score || (score === than.score && feature < than.feature);
}

/** Words that carry meaning in a sentence but name no topic; kept as features, never as labels. */
const UNLABELLED = new Set(['no', 'not', 'nor', 'will', 'must', 'need', 'sure', 'make', 'made', 'consid', 'ensur', 'includ', 'can', 'use']);

function isLabelable(feature: string): boolean {
  if (/^[\d ]+$/.test(feature)) return false;
  return !feature.split(' ').some((term) => UNLABELLED.has(term));
}

function countFeatures(vectors: SparseVectors, docs: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const doc of docs) {
    for (let k = vectors.offsets[doc]; k < vectors.offsets[doc + 1]; k++) {
      const feature = vectors.ids[k];
      counts.set(feature, (counts.get(feature) ?? 0) + 1);
    }
  }
  return counts;
}

/** A bigram that ranks high makes its own words redundant as separate keywords. */
function pickKeywords(ranked: readonly string[], count: number): string[] {
  const chosen: string[] = [];
  const covered = new Set<string>();
  for (const term of ranked) {
    if (chosen.length >= count) break;
    const words = term.split(' ');
    if (words.every((w) => covered.has(w))) continue;
    if (words.length === 1 && chosen.some((c) => c.split(' ').includes(term))) continue;
    chosen.push(term);
    for (const w of words) covered.add(w);
  }
  return chosen;
}

/**
 * Groups larger than this get their central member from the centroid (one pass) rather than from
 * every member pair, which would be quadratic in the group's size.
 */
export const EXACT_MEDOID_MAX = 200;

/**
 * The group's central member: the medoid by `similarity` for groups of up to EXACT_MEDOID_MAX
 * members, else the member whose vector is closest to the group's summed vector.
 */
export function centralMemberOf(members: readonly number[], vectors: SparseVectors, similarity: (a: number, b: number) => number): number {
  return members.length <= EXACT_MEDOID_MAX ? medoidOf(members, similarity) : nearestToCentroid(vectors, members);
}

/** The member with the largest dot product with the sum of all members' rows; ties go to the earlier document. */
export function nearestToCentroid(vectors: SparseVectors, members: readonly number[]): number {
  const { offsets, ids, weights } = vectors;
  const centroid = new Map<number, number>();
  for (const doc of members) for (let k = offsets[doc]; k < offsets[doc + 1]; k++) centroid.set(ids[k], (centroid.get(ids[k]) ?? 0) + weights[k]);
  let best = members[0];
  let bestDot = -1;
  for (const doc of members) {
    let dot = 0;
    for (let k = offsets[doc]; k < offsets[doc + 1]; k++) dot += weights[k] * centroid.get(ids[k])!;
    if (dot > bestDot) {
      best = doc;
      bestDot = dot;
    }
  }
  return best;
}

/** The member with the highest total similarity to the others; ties go to the earlier document. */
export function medoidOf(members: readonly number[], similarity: (a: number, b: number) => number): number {
  if (members.length <= 2) return members[0];
  let best = members[0];
  let bestSum = -1;
  for (const a of members) {
    let sum = 0;
    for (const b of members) if (a !== b) sum += similarity(a, b);
    if (sum > bestSum) {
      best = a;
      bestSum = sum;
    }
  }
  return best;
}

/** Features most shared across a group's members: the "why" shown with --explain. */
export function sharedTerms(vectors: SparseVectors, members: readonly number[], count: number): string[] {
  if (members.length < 2) return [];
  return [...termWeights(vectors, members)]
    .sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1))
    .slice(0, count)
    .map(([feature]) => feature);
}

/**
 * What a group is about, feature by feature: for a group, the features at least two members
 * share, weighted by how many share them times their summed weight; for a single item, its own
 * TF-IDF row.
 */
export function termWeights(vectors: SparseVectors, members: readonly number[]): Map<string, number> {
  const support = new Map<number, { docs: number; weight: number }>();
  for (const doc of members) {
    for (let k = vectors.offsets[doc]; k < vectors.offsets[doc + 1]; k++) {
      const entry = support.get(vectors.ids[k]) ?? { docs: 0, weight: 0 };
      entry.docs++;
      entry.weight += vectors.weights[k];
      support.set(vectors.ids[k], entry);
    }
  }
  const minDocs = members.length < 2 ? 1 : 2;
  const weights = new Map<string, number>();
  for (const [id, { docs, weight }] of support) if (docs >= minDocs) weights.set(vectors.features[id], docs * weight);
  return weights;
}

/**
 * The opening sentence among those that carry the group's shared features: the earliest whose
 * weight is at least a third of the heaviest sentence's, or undefined when none carries any. A
 * preamble ("The evidence revealed matters giving rise to concern") carries nearly none and is
 * passed over; in verbatim copies, where every sentence is shared, the label stays the opening
 * one rather than whichever sentence happens to hold the rarest words.
 */
export function centralSentence(sentences: readonly { text: string; terms: readonly string[] }[], weights: ReadonlyMap<string, number>): string | undefined {
  const carried = sentences.map(({ terms }) => sharedWeight(terms, weights));
  const heaviest = Math.max(0, ...carried);
  if (heaviest === 0) return undefined;
  return sentences[carried.findIndex((weight) => weight >= heaviest / 3)].text;
}

/** Each feature of the sentence (word, or adjacent word pair) counted once. */
function sharedWeight(terms: readonly string[], weights: ReadonlyMap<string, number>): number {
  const seen = new Set<string>();
  let weight = 0;
  terms.forEach((term, i) => {
    for (const feature of i > 0 ? [term, `${terms[i - 1]} ${term}`] : [term]) {
      if (seen.has(feature)) continue;
      seen.add(feature);
      weight += weights.get(feature) ?? 0;
    }
  });
  return weight;
}
