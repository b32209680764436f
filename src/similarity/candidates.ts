import { growableArray, grownArray } from '../growable.js';
import type { PairScorer } from './scorer.js';
import type { SparseVectors } from './vectors.js';

/**
 * Scored pairs as parallel typed arrays (a < b): no object per pair on the hot path. Only the
 * score is kept: a million items keep tens of millions of pairs, and the score's parts are
 * worked out again for the few pairs a report explains (see PairScorer).
 */
export interface ScoredPairs {
  count: number;
  a: Int32Array;
  b: Int32Array;
  score: Float32Array;
}

export interface CandidateSettings {
  /** Terms in more than this share of documents are not used to find candidates. */
  maxIndexDocShare: number;
  /** Pairs whose word cosine or blended score is below this are not kept. */
  minScore: number;
  /** See SearchSettings.minRareShare. */
  minRareShare?: number;
  /** Told every so many documents how far the search has got (for a progress line). */
  onProgress?: (done: number, total: number) => void;
}

const PROGRESS_EVERY = 1024;

/** Small inputs keep every term as an index key: pruning only pays on large ones. */
const MIN_INDEX_DOC_FREQ = 100;

/**
 * Terms in more documents than this are never index keys, however large the input. A term in
 * hundreds of documents carries little weight (its idf is low), so a pair it alone links is
 * weak; without the cap each such term costs the square of its document count, and the search
 * turns quadratic on large inputs. 256 is above the share limit on inputs of up to ~5,000 items,
 * so those are searched exactly as before the cap (measured: the PFD report is byte-identical).
 */
export const MAX_INDEX_DOC_FREQ = 256;

/** Where a search may look: which documents, how common a key may be, and the weakest pair kept. */
export interface SearchSettings {
  maxIndexDocShare: number;
  /** An absolute cap on a key's document count (default MAX_INDEX_DOC_FREQ). */
  maxIndexDocFreq?: number;
  minScore: number;
  /**
   * A pair is met only when its rare features carry at least this share of minScore (0: when it
   * shares any); pairs found by a finder key are always met. See searchPairs.
   */
  minRareShare?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The share of the grouping search's minScore a pair's rare features must carry for the pair to
 * be met (a seventh: 0.025 of cosine at the default floor of 0.175). On large inputs most words
 * are common, and a pair linked by one weak rare feature is nearly always held up by common words
 * alone: at 100,000 synthetic items 61 % of the pairs met were such pairs, and their common parts
 * were most of the search's work, for 1.7 % of the pairs kept at the floor. On the PFD concerns
 * it loses 19 of 4,211 pairs at the floor (none at the threshold) and no group changes; the
 * reports at 5,000 and 10,000 items are byte-identical too, and at 100,000 no planted
 * near-duplicate is lost (bench/side-by-side.md).
 */
export const GROUPING_MIN_RARE_SHARE = 1 / 7;

/** Called once per pair (earlier, later) whose word cosine reaches the search's minScore. */
export type PairVisitor = (earlier: number, later: number, cosine: number) => void;

/** The document frequency above which a term is not an index key, for an input of `docs` documents. */
export function indexDocFreqLimit(docs: number, maxIndexDocShare: number, maxIndexDocFreq = MAX_INDEX_DOC_FREQ): number {
  return Math.min(maxIndexDocFreq, Math.max(MIN_INDEX_DOC_FREQ, Math.ceil(maxIndexDocShare * docs)));
}

/**
 * All pairs worth scoring, found through an inverted index rather than by comparing every pair.
 * Features are split by document frequency: rare ones are index keys, and each document meets
 * only the earlier documents sharing one of them, accumulating their exact partial dot product;
 * common ones (in more than maxIndexDocShare of documents, or MAX_INDEX_DOC_FREQ) are not indexed,
 * and their share of the cosine is added by a short pass only for pairs that can still reach
 * minScore — the Cauchy–Schwarz bound ‖common part of a‖·‖common part of b‖ decides that without
 * loss. Pairs that share no rare feature are never met, nor, when settings.minRareShare is set,
 * pairs whose rare features carry less than that share of minScore: that is the recall the index
 * gives up.
 */
export function searchPairs(vectors: SparseVectors, skip: (doc: number) => boolean, settings: SearchSettings, visit: PairVisitor): void {
  const docs = vectors.offsets.length - 1;
  const maxDocFreq = indexDocFreqLimit(docs, settings.maxIndexDocShare, settings.maxIndexDocFreq);
  const common = splitCommon(vectors, maxDocFreq);
  const { postings, finderKeyOf } = buildPostings(vectors, maxDocFreq, skip);
  const partial = new Float64Array(docs);
  const touched = new Int32Array(docs);
  // Which document last touched each one: a finder key adds weight 0, so partial alone cannot tell.
  const touchedBy = new Int32Array(docs).fill(-1);
  const { offsets, ids, weights } = vectors;
  const minScore = settings.minScore;
  const minRare = minScore * (settings.minRareShare ?? 0);

  for (let doc = 0; doc < docs; doc++) {
    if (settings.onProgress && doc % PROGRESS_EVERY === 0) settings.onProgress(doc, docs);
    if (skip(doc)) continue;
    let touchedCount = 0;
    for (let k = offsets[doc]; k < offsets[doc + 1]; k++) {
      const feature = ids[k];
      const weight = weights[k];
      // Postings are in document order: read only the documents before this one.
      for (let p = postings.offsets[feature]; p < postings.offsets[feature + 1]; p++) {
        const other = postings.docs[p];
        if (other >= doc) break;
        if (touchedBy[other] !== doc) {
          touchedBy[other] = doc;
          touched[touchedCount++] = other;
        }
        partial[other] += weight * postings.weights[p];
      }
    }
    if (touchedCount === 0) continue;
    common.load(doc);
    const docCommonNorm = common.norm[doc];
    // Pairs that reach minScore are moved to the front of `touched`, their cosine left in partial.
    let found = 0;
    for (let t = 0; t < touchedCount; t++) {
      const other = touched[t];
      const rare = partial[other];
      partial[other] = 0;
      // A finder key carries weight 0: the pairs it finds have no rare part to weigh.
      if (rare < minRare && finderKeyOf[other] < 0 && finderKeyOf[doc] < 0) continue;
      if (rare + common.norm[other] * docCommonNorm < minScore) continue;
      const cosine = Math.min(1, rare + common.dotWithLoaded(other));
      if (cosine < minScore) continue;
      partial[other] = cosine;
      touched[found++] = other;
    }
    common.unload(doc);
    // Met in document order, so every caller sees pairs in one order whatever the features.
    touched.subarray(0, found).sort();
    for (let t = 0; t < found; t++) {
      const other = touched[t];
      const cosine = partial[other];
      partial[other] = 0;
      visit(other, doc, cosine);
    }
  }
}

/** Candidate pairs with their blended scores: the pairs whose word cosine and score both reach minScore. */
export function scoreCandidatePairs(vectors: SparseVectors, scorer: PairScorer, skip: (doc: number) => boolean, settings: CandidateSettings): ScoredPairs {
  const out = new PairBuffer();
  searchPairs(vectors, skip, settings, (other, doc, cosine) => {
    const scored = scorer(other, doc, cosine);
    if (scored.score >= settings.minScore) out.push(other, doc, scored.score);
  });
  return out.finish();
}

/**
 * Inverted index of the rare features in compressed rows: feature → documents (ascending) and
 * weights; and each document's finder key (-1 for none).
 */
function buildPostings(vectors: SparseVectors, maxDocFreq: number, skip: (doc: number) => boolean) {
  const { offsets: rows, ids, weights, docFreq } = vectors;
  const docs = rows.length - 1;
  const finder = finderKeys(vectors, maxDocFreq, skip);
  const offsets = new Int32Array(docFreq.length + 1);
  for (let f = 0; f < docFreq.length; f++) offsets[f + 1] = offsets[f] + (docFreq[f] <= maxDocFreq ? docFreq[f] : finder.count[f]);
  const fill = offsets.slice(0, docFreq.length);
  const postingDocs = new Int32Array(offsets[docFreq.length]);
  const postingWeights = new Float32Array(offsets[docFreq.length]);
  for (let doc = 0; doc < docs; doc++) {
    if (skip(doc)) continue;
    for (let k = rows[doc]; k < rows[doc + 1]; k++) {
      const feature = ids[k];
      if (docFreq[feature] > maxDocFreq) continue;
      postingDocs[fill[feature]] = doc;
      postingWeights[fill[feature]++] = weights[k];
    }
    // Weight 0: the feature is common, so its share of the cosine is added with the common part.
    const key = finder.keyOf[doc];
    if (key >= 0) postingDocs[fill[key]++] = doc;
  }
  // Skipped documents leave their slots unused; mark them past every document so reads stop there.
  for (let f = 0; f < docFreq.length; f++) postingDocs.fill(docs, fill[f], offsets[f + 1]);
  return { postings: { offsets, docs: postingDocs, weights: postingWeights }, finderKeyOf: finder.keyOf };
}

/**
 * A document with no rare feature at all (short, generic wording) could never be met, not even
 * by an exact copy. Each such document is filed under its rarest feature as a finder key, which
 * an identical or near-identical document shares; it only finds the pair, the score is exact.
 */
function finderKeys(vectors: SparseVectors, maxDocFreq: number, skip: (doc: number) => boolean) {
  const { offsets: rows, ids, docFreq } = vectors;
  const docs = rows.length - 1;
  const keyOf = new Int32Array(docs).fill(-1);
  const count = new Int32Array(docFreq.length);
  for (let doc = 0; doc < docs; doc++) {
    if (skip(doc) || rows[doc] === rows[doc + 1]) continue;
    let rarest = -1;
    for (let k = rows[doc]; k < rows[doc + 1]; k++) {
      const feature = ids[k];
      if (docFreq[feature] <= maxDocFreq) {
        rarest = -1;
        break;
      }
      if (rarest < 0 || docFreq[feature] < docFreq[rarest]) rarest = feature;
    }
    if (rarest >= 0) {
      keyOf[doc] = rarest;
      count[rarest]++;
    }
  }
  return { keyOf, count };
}

/** The common (unindexed) features of every row, with their norms, for the bound and the exact remainder. */
function splitCommon(vectors: SparseVectors, maxDocFreq: number) {
  const { offsets, ids, weights, docFreq } = vectors;
  const docs = offsets.length - 1;
  // Common features get compact indices of their own, so the scratch row below stays small
  // enough to sit in cache however many features the input has.
  const compact = new Int32Array(docFreq.length).fill(-1);
  let commonFeatures = 0;
  for (let f = 0; f < docFreq.length; f++) if (docFreq[f] > maxDocFreq) compact[f] = commonFeatures++;
  const commonOffsets = new Int32Array(docs + 1);
  for (let doc = 0; doc < docs; doc++) {
    let n = 0;
    for (let k = offsets[doc]; k < offsets[doc + 1]; k++) if (compact[ids[k]] >= 0) n++;
    commonOffsets[doc + 1] = commonOffsets[doc] + n;
  }
  // Each common feature as its compact index and its weight side by side in one buffer (entry k at
  // 2k and 2k + 1): a candidate's features are one run of memory, read once per pair met. Float32
  // like the weights they copy: no precision lost, half the memory read per candidate.
  const entries = new ArrayBuffer(8 * commonOffsets[docs]);
  const cIds = new Int32Array(entries);
  const cWeights = new Float32Array(entries);
  const norm = new Float64Array(docs);
  for (let doc = 0; doc < docs; doc++) {
    let at = 2 * commonOffsets[doc];
    let sum = 0;
    for (let k = offsets[doc]; k < offsets[doc + 1]; k++) {
      if (compact[ids[k]] < 0) continue;
      cIds[at] = compact[ids[k]];
      cWeights[at + 1] = weights[k];
      at += 2;
      sum += weights[k] * weights[k];
    }
    norm[doc] = Math.sqrt(sum);
  }
  // The current document's common weights, scattered by compact index: each candidate then costs
  // one pass over its own common features instead of a merge.
  const scratch = new Float32Array(commonFeatures);
  const setLoaded = (doc: number, on: boolean) => {
    for (let k = 2 * commonOffsets[doc]; k < 2 * commonOffsets[doc + 1]; k += 2) scratch[cIds[k]] = on ? cWeights[k + 1] : 0;
  };
  return {
    norm,
    load: (doc: number) => setLoaded(doc, true),
    unload: (doc: number) => setLoaded(doc, false),
    // A function of its own, which V8 inlines into the search: the same loop written inline there,
    // on local arrays, measured 1.5× slower on 100k items (7.5 s against 12 s for the whole search).
    dotWithLoaded: (other: number) => {
      let sum = 0;
      for (let k = 2 * commonOffsets[other]; k < 2 * commonOffsets[other + 1]; k += 2) sum += cWeights[k + 1] * scratch[cIds[k]];
      return sum;
    },
  };
}

/** Pairs appended into typed arrays that double when full: no per-pair objects, no boxed numbers. */
export class PairBuffer {
  private count = 0;
  // Grown in place (growable.ts); what finish() hands out are views of them, never copies.
  private a = growableArray(Int32Array, 1024);
  private b = growableArray(Int32Array, 1024);
  private score = growableArray(Float32Array, 1024);

  push(a: number, b: number, score: number): void {
    if (this.count === this.a.length) this.grow();
    const i = this.count++;
    this.a[i] = a;
    this.b[i] = b;
    this.score[i] = score;
  }

  finish(): ScoredPairs {
    const n = this.count;
    return { count: n, a: this.a.subarray(0, n), b: this.b.subarray(0, n), score: this.score.subarray(0, n) };
  }

  private grow(): void {
    this.a = grownArray(this.a, this.count + 1);
    this.b = grownArray(this.b, this.count + 1);
    this.score = grownArray(this.score, this.count + 1);
  }
}
