// What the inverted index gives up (issue 5: report it; keep ≥ 99 % of the exact pairs on the PFD
// data). The index search alone (scoreCandidatePairs with the cosine-only scorer: no trigram
// Dice, no opposition penalty) against an exact double loop over all n(n−1)/2 pairs of the same
// vectors, both at the grouping floor. Uses dist/similarity's internals, so it lives apart from
// the rest of the benchmark: if src/ changes them, only this section reports an error.
import { cosineOf, createCosineScorer, GROUPING_MIN_RARE_SHARE, scoreCandidatePairs } from '../dist/similarity/index.js';

/**
 * Both searches' times, the index's recall at the floor and at the threshold, and what the misses
 * would have scored. The settings are the analysis's own: its threshold is decided by the text
 * unit, not given.
 */
export function againstExact({ vectors, pairs, scorer, settings: options }) {
  const floor = options.threshold * 0.5; // as analyse() passes it (src/pipeline.ts)
  const settings = { maxIndexDocShare: options.maxIndexDocShare, minScore: floor, minRareShare: GROUPING_MIN_RARE_SHARE };
  // A document with no terms, which the pipeline leaves out, is one with an empty row (every term weighs > 0).
  const excluded = (doc) => vectors.offsets[doc + 1] === vectors.offsets[doc];
  const search = timed(() => scoreCandidatePairs(vectors, createCosineScorer(vectors), excluded, settings));
  const exact = timed(() => exactPairs(vectors, floor, excluded));
  const docs = vectors.offsets.length - 1;
  const { missed, ...recall } = recallOf(exact.value, search.value, docs, [floor, options.threshold]);
  return {
    floor,
    threshold: options.threshold,
    searchSeconds: search.seconds,
    exactSeconds: exact.seconds,
    searchPairs: search.value.count,
    pipelinePairs: pairs.count,
    searchCoversPipeline: covers(search.value, pairs, docs),
    ...recall,
    missedScores: missedScores(missed, scorer, floor, options.threshold),
  };
}

function timed(fn) {
  const started = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/** Every pair's cosine by merging the two rows' sorted feature ids; pairs at or above floor, in (a, b) order. */
function exactPairs(vectors, floor, excluded) {
  const docs = vectors.offsets.length - 1;
  const out = { a: [], b: [], cosine: [] };
  for (let a = 0; a < docs; a++) {
    if (excluded(a)) continue;
    for (let b = a + 1; b < docs; b++) {
      if (excluded(b)) continue;
      const cosine = cosineOf(vectors, a, b);
      if (cosine < floor) continue;
      out.a.push(a);
      out.b.push(b);
      out.cosine.push(cosine);
    }
  }
  return out;
}

/** Whether every pair the pipeline kept is among the pairs the index search found. */
function covers(found, kept, docs) {
  const keys = new Set();
  for (let k = 0; k < found.count; k++) keys.add(found.a[k] * docs + found.b[k]);
  for (let k = 0; k < kept.count; k++) if (!keys.has(kept.a[k] * docs + kept.b[k])) return false;
  return true;
}

/**
 * How many of the exact pairs at or above each cosine level the index found; `extra` counts index
 * pairs the exact search did not keep (rounding at the floor); `missed` lists the missed pairs.
 */
function recallOf(exact, indexed, docs, levels) {
  const found = Float64Array.from({ length: indexed.count }, (_, k) => indexed.a[k] * docs + indexed.b[k]).sort();
  const rows = levels.map((level) => ({ level, exact: 0, missed: 0, maxMissedCosine: 0 }));
  const missed = [];
  let k = 0;
  let matched = 0;
  for (let p = 0; p < exact.a.length; p++) {
    const key = exact.a[p] * docs + exact.b[p];
    while (k < found.length && found[k] < key) k++;
    const hit = k < found.length && found[k] === key;
    if (hit) matched++;
    else missed.push([exact.a[p], exact.b[p]]);
    for (const row of rows) {
      if (exact.cosine[p] < row.level) continue;
      row.exact++;
      if (!hit) {
        row.missed++;
        row.maxMissedCosine = Math.max(row.maxMissedCosine, exact.cosine[p]);
      }
    }
  }
  return { levels: rows, extra: found.length - matched, missed };
}

/** What the missed pairs would have scored in the pipeline (blend and penalty): how many reach the floor and the threshold. */
function missedScores(missed, scorer, floor, threshold) {
  const scores = missed.map(([a, b]) => scorer(a, b).score);
  return {
    pairs: missed.length,
    atFloor: scores.filter((score) => score >= floor).length,
    atThreshold: scores.filter((score) => score >= threshold).length,
    best: Math.max(0, ...scores),
  };
}
