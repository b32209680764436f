import { MONTHS } from '../normalise/boilerplate.js';
import { isContinuation, isLeadIn } from '../normalise/fragments.js';
import { withoutListMarker } from '../normalise/index.js';
import type { FeatureTexts, SparseVectors } from '../similarity/index.js';
import { groupWeights, type GroupWeights } from './weights.js';

/**
 * Distinctive terms of each class (c-TF-IDF): how much of the class's text a term is, times how
 * rare the term is across classes. Frequent-everywhere words ("ensure", "patient") sink; the
 * words that make a theme different rise. Each document counts once per term (its vector row);
 * bare numbers (dates, counts) make poor labels and are left out.
 */
export function classKeywords(vectors: SparseVectors, classes: readonly (readonly number[])[], count: number): string[][] {
  const perClass = countFeaturesPerClass(vectors, classes);
  const total = new Float64Array(vectors.features.count);
  let grand = 0;
  for (const { features, counts } of perClass) {
    for (let i = 0; i < features.length; i++) {
      total[features[i]] += counts[i];
      grand += counts[i];
    }
  }
  const averagePerClass = grand / Math.max(1, classes.length);
  // How rare each feature is across classes, computed once per feature rather than once per class holding it.
  const rarity = total.map((n) => Math.log(1 + averagePerClass / n));
  const labelable = labelableFeatures(vectors.features, vectors.docFreq);
  return perClass.map((tally) => {
    let size = 0;
    for (const n of tally.counts) size += n;
    const ranked = topScored(tally, count * 4, (feature, n) => (n / size) * rarity[feature], labelable, vectors.features);
    return pickKeywords(ranked, count);
  });
}

/** Each distinct feature of a class and how many of its documents hold it. */
interface FeatureCounts {
  features: Int32Array;
  counts: Int32Array;
}

/**
 * The `limit` best labelable features, best first (ties: lower id), without sorting them all. The
 * order is total (score, then id), so the order the features come in cannot change the result.
 */
function topScored(
  { features: ids, counts }: FeatureCounts,
  limit: number,
  score: (feature: number, n: number) => number,
  labelable: (feature: number) => boolean,
  features: FeatureTexts,
): string[] {
  const best: { feature: number; score: number }[] = [];
  for (let i = 0; i < ids.length; i++) {
    const feature = ids[i];
    const value = score(feature, counts[i]);
    if (best.length === limit && !better(value, feature, best[limit - 1])) continue;
    if (!labelable(feature)) continue;
    let at = best.length < limit ? best.length : limit - 1;
    best[at] = { feature, score: value };
    while (at > 0 && better(best[at].score, best[at].feature, best[at - 1])) {
      [best[at], best[at - 1]] = [best[at - 1], best[at]];
      at--;
    }
  }
  return best.map((b) => features.text(b.feature));
}

function better(score: number, feature: number, than: { feature: number; score: number }): boolean {
  return score > than.score || (score === than.score && feature < than.feature);
}

/** Words that carry meaning in a sentence but name no topic; kept as features, never as labels. */
const UNLABELLED = new Set(['no', 'not', 'nor', 'will', 'must', 'need', 'sure', 'make', 'made', 'consid', 'ensur', 'includ', 'can', 'use']);

function isLabelable(feature: string, surnames: ReadonlySet<string>): boolean {
  if (/^[\d ]+$/.test(feature)) return false;
  return !feature.split(' ').some((term) => UNLABELLED.has(term) || isWhen(term) || HONORIFICS.has(term) || surnames.has(term));
}

/**
 * Titles before a person's name. "Miss" is left out: stemmed, it is also the verb ("missed
 * appointments").
 */
const HONORIFICS: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'dr']);
/** A term is a surname when at least this share of the items holding it hold it after a title. */
const SURNAME_SHARE = 0.5;

/**
 * Terms that are mostly someone's surname: "zedwick", seen after "Mrs" in the items that hold it,
 * so a theme is not labelled by a person's name. A word a title only sometimes comes before
 * ("nurse", when a name between them was dropped) is not one.
 */
function surnamesOf(features: FeatureTexts, docFreq: Int32Array): Set<string> {
  const afterTitle = new Map<string, number>();
  for (let id = 0; id < features.count; id++) {
    const title = features.firstWordOfPair(id);
    if (title === undefined || !HONORIFICS.has(title)) continue;
    const term = features.secondWordOfPair(id)!;
    afterTitle.set(term, (afterTitle.get(term) ?? 0) + docFreq[id]);
  }
  const surnames = new Set<string>();
  if (afterTitle.size === 0) return surnames;
  for (let id = 0; id < features.count; id++) {
    if (features.firstWordOfPair(id) !== undefined) continue;
    const term = features.text(id);
    const titled = afterTitle.get(term);
    if (titled !== undefined && titled >= SURNAME_SHARE * docFreq[id]) surnames.add(term);
  }
  return surnames;
}

/**
 * When one case happened, which a theme's label should not show: a month, a year, a day of the
 * week or of the month ("25th"), a time of day ("4.33pm" leaves "33pm"). Counts and measures
 * ("60 mph") and road names ("A66") stay.
 */
const DAY_OR_TIME = /^\d{1,2}(?:st|nd|rd|th|am|pm)$/;
const YEAR = /^(?:19|20)\d\d$/;
const WEEKDAYS: ReadonlySet<string> = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

function isWhen(term: string): boolean {
  return MONTHS.has(term) || WEEKDAYS.has(term) || DAY_OR_TIME.test(term) || YEAR.test(term);
}

/** isLabelable by feature id, each feature tested once however many classes rank it. */
function labelableFeatures(features: FeatureTexts, docFreq: Int32Array): (feature: number) => boolean {
  const known = new Int8Array(features.count); // 0 untested, 1 labelable, -1 not
  let surnames: Set<string> | undefined;
  return (feature) => {
    if (known[feature] === 0) known[feature] = isLabelable(features.text(feature), (surnames ??= surnamesOf(features, docFreq))) ? 1 : -1;
    return known[feature] === 1;
  };
}

/** Counts per class through one dense tally, reset after each class by the class's own feature list. */
function countFeaturesPerClass(vectors: SparseVectors, classes: readonly (readonly number[])[]): FeatureCounts[] {
  const { offsets, ids } = vectors;
  const tally = new Int32Array(vectors.features.count);
  const seen: number[] = [];
  return classes.map((docs) => {
    for (const doc of docs) {
      for (let k = offsets[doc]; k < offsets[doc + 1]; k++) if (tally[ids[k]]++ === 0) seen.push(ids[k]);
    }
    const features = new Int32Array(seen.length);
    const counts = new Int32Array(seen.length);
    for (let i = 0; i < seen.length; i++) {
      features[i] = seen[i];
      counts[i] = tally[seen[i]];
      tally[seen[i]] = 0;
    }
    seen.length = 0;
    return { features, counts };
  });
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
 * The group's central member, fragments left out (see FRAGMENT_SHARE): the medoid by `similarity`
 * for groups of up to EXACT_MEDOID_MAX members, else the member whose vector is closest to the
 * group's summed vector.
 */
export function centralMemberOf(members: readonly number[], vectors: SparseVectors, similarity: (a: number, b: number) => number): number {
  const candidates = substantiveMembers(members, vectors);
  return candidates.length <= EXACT_MEDOID_MAX ? medoidOf(candidates, similarity) : nearestToCentroid(vectors, candidates);
}

/**
 * A member with fewer features than this share of the group's median member is a fragment — a
 * heading, an addressee line ("3 Essex Partnership NHS Foundation Trust.") — that a split left as
 * an item. It can be the most similar to all the others, as short text often is, but it does not
 * say the concern, so it is never the group's centre or label.
 */
const FRAGMENT_SHARE = 1 / 3;

/** The members that are not fragments, in their order; never empty (the median member is kept). */
function substantiveMembers(members: readonly number[], vectors: SparseVectors): readonly number[] {
  if (members.length < 2) return members;
  const length = (doc: number) => vectors.offsets[doc + 1] - vectors.offsets[doc];
  const lengths = members.map(length).sort((a, b) => a - b);
  const mid = lengths.length >> 1;
  const median = lengths.length % 2 ? lengths[mid] : (lengths[mid - 1] + lengths[mid]) / 2;
  const kept = members.filter((doc) => length(doc) >= FRAGMENT_SHARE * median);
  return kept.length === members.length ? members : kept;
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

/**
 * The member with the highest total similarity to the others; ties go to the earlier document.
 * `similarity` must be symmetric, as pair scores are (candidate pairs are scored once per
 * unordered pair): each pair is scored once and added to both members' sums, in the order a
 * member-by-member loop would add them, so the sums are the same to the last bit at half the cost.
 */
export function medoidOf(members: readonly number[], similarity: (a: number, b: number) => number): number {
  if (members.length <= 2) return members[0];
  const sums = new Float64Array(members.length);
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const score = similarity(members[i], members[j]);
      sums[i] += score;
      sums[j] += score;
    }
  }
  let best = members[0];
  let bestSum = -1;
  for (let i = 0; i < members.length; i++) {
    if (sums[i] > bestSum) {
      best = members[i];
      bestSum = sums[i];
    }
  }
  return best;
}

/** Features most shared across a group's members: the "why" shown with --explain. */
export function sharedTerms(vectors: SparseVectors, members: readonly number[], count: number, weights = groupWeights(vectors, members)): string[] {
  if (members.length < 2) return [];
  return weights.heaviest(count);
}

/**
 * The opening sentence among those that carry the group's shared features: the earliest whose
 * weight is at least a third of the heaviest sentence's, or undefined when none carries any
 * (`terms[i]` are `sentences[i]`'s terms). A preamble ("The evidence revealed matters giving rise
 * to concern") carries nearly none and is passed over; in verbatim copies, where every sentence is
 * shared, the label stays the opening one rather than whichever sentence happens to hold the
 * rarest words. No sentence can carry more than all the weights together (each feature counts
 * once), so an opening sentence with a third of that total is the answer whatever the others
 * hold, and they are not weighed: a label is most often its text's opening sentence. A sentence
 * that only goes on from the one before (fragments.ts, isContinuation) is chosen only when no other
 * carries any weight; a lead-in comes with the sentence after it. `carried(i)` is what sentence i
 * carries of the group's weights (GroupWeights.ofSentence of its terms).
 */
export function centralSentence(sentences: readonly string[], carried: (sentence: number) => number, weights: Pick<GroupWeights, 'size' | 'total'>): string | undefined {
  if (sentences.length === 0 || weights.size === 0) return undefined;
  const opening = carried(0);
  // The margin covers rounding: the sums are of positive numbers, in different orders.
  if (opening > 0 && opening >= (weights.total() / 3) * (1 + 1e-9) && !isContinuation(sentences[0])) return withWhatFollows(sentences, 0);
  const weighed = [opening];
  for (let i = 1; i < sentences.length; i++) weighed.push(carried(i));
  // A sentence that only goes on from the one before ("Including, where appropriate, …") is passed
  // over while another carries any weight: long, it can outweigh the sentence that says what it is about.
  const standing = weighed.map((weight, i) => (isContinuation(sentences[i]) ? 0 : weight));
  const chosen = firstCentral(standing);
  const index = chosen >= 0 ? chosen : firstCentral(weighed);
  return index >= 0 ? withWhatFollows(sentences, index) : undefined;
}

/**
 * The sentence, and when it is a lead-in ("How to record high clozapine levels:") the sentence
 * after it too (without the list marker it opens with): the lead-in names the subject, what
 * follows says what is wrong with it.
 */
function withWhatFollows(sentences: readonly string[], index: number): string {
  const sentence = sentences[index];
  const next = isLeadIn(sentence) && index + 1 < sentences.length ? withoutListMarker(sentences[index + 1]).trim() : '';
  return next === '' ? sentence : `${sentence.trimEnd()} ${next}`;
}

/** Index of the earliest weight at least a third of the heaviest; -1 when none is above 0. */
function firstCentral(carried: readonly number[]): number {
  const heaviest = Math.max(0, ...carried);
  if (heaviest === 0) return -1;
  return carried.findIndex((weight) => weight >= heaviest / 3);
}
