import type { PairScorer } from './scorer.js';
import type { SparseVectors } from './vectors.js';

/** Scored pairs as parallel typed arrays (a < b): no object per pair on the hot path. */
export interface ScoredPairs {
  count: number;
  a: Int32Array;
  b: Int32Array;
  score: Float32Array;
  cosine: Float32Array;
  chars: Float32Array;
}

export interface CandidateSettings {
  /** Terms in more than this share of documents are not used to find candidates. */
  maxIndexDocShare: number;
  /** Pairs whose word cosine or blended score is below this are not kept. */
  minScore: number;
  /** Told every so many documents how far the search has got (for a progress line). */
  onProgress?: (done: number, total: number) => void;
}

const PROGRESS_EVERY = 1024;

/** Small inputs keep every term as an index key: pruning only pays on large ones. */
const MIN_INDEX_DOC_FREQ = 100;

/**
 * All pairs worth scoring, found through an inverted index rather than by comparing every pair.
 * Features are split by document frequency: rare ones are index keys, and each document meets
 * only the earlier documents sharing one of them, accumulating their exact partial dot product;
 * common ones (in more than maxIndexDocShare of documents) are not indexed, and their share of
 * the cosine is added by a short merge only for pairs that can still reach minScore — the
 * Cauchy–Schwarz bound ‖common part of a‖·‖common part of b‖ decides that without loss.
 * Pairs that share no rare feature are never met: that is the recall the index gives up.
 */
export function scoreCandidatePairs(vectors: SparseVectors, scorer: PairScorer, skip: (doc: number) => boolean, settings: CandidateSettings): ScoredPairs {
  const docs = vectors.offsets.length - 1;
  const maxDocFreq = Math.max(MIN_INDEX_DOC_FREQ, Math.ceil(settings.maxIndexDocShare * docs));
  const common = splitCommon(vectors, maxDocFreq);
  const postings = buildPostings(vectors, maxDocFreq, skip);
  const partial = new Float64Array(docs);
  const touched: number[] = [];
  const out = new PairBuffer();
  const { offsets, ids, weights } = vectors;
  const minScore = settings.minScore;

  for (let doc = 0; doc < docs; doc++) {
    if (settings.onProgress && doc % PROGRESS_EVERY === 0) settings.onProgress(doc, docs);
    if (skip(doc)) continue;
    common.load(doc);
    for (let k = offsets[doc]; k < offsets[doc + 1]; k++) {
      const feature = ids[k];
      const weight = weights[k];
      // Postings are in document order: read only the documents before this one.
      for (let p = postings.offsets[feature]; p < postings.offsets[feature + 1]; p++) {
        const other = postings.docs[p];
        if (other >= doc) break;
        if (partial[other] === 0) touched.push(other);
        partial[other] += weight * postings.weights[p];
      }
    }
    for (const other of touched) {
      const rare = partial[other];
      partial[other] = 0;
      if (rare + common.norm[other] * common.norm[doc] < minScore) continue;
      const cosine = Math.min(1, rare + common.dotWithLoaded(other));
      if (cosine < minScore) continue;
      const scored = scorer(other, doc, cosine);
      if (scored.score >= minScore) out.push(other, doc, scored.score, cosine, scored.chars);
    }
    touched.length = 0;
    common.unload(doc);
  }
  return out.finish();
}

/** Inverted index of the rare features in compressed rows: feature → documents (ascending) and weights. */
function buildPostings(vectors: SparseVectors, maxDocFreq: number, skip: (doc: number) => boolean) {
  const { offsets: rows, ids, weights, docFreq } = vectors;
  const docs = rows.length - 1;
  const offsets = new Int32Array(docFreq.length + 1);
  for (let f = 0; f < docFreq.length; f++) offsets[f + 1] = offsets[f] + (docFreq[f] <= maxDocFreq ? docFreq[f] : 0);
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
  }
  // Skipped documents leave their slots unused; mark them past every document so reads stop there.
  for (let f = 0; f < docFreq.length; f++) postingDocs.fill(docs, fill[f], offsets[f + 1]);
  return { offsets, docs: postingDocs, weights: postingWeights };
}

/** The common (unindexed) features of every row, with their norms, for the bound and the exact remainder. */
function splitCommon(vectors: SparseVectors, maxDocFreq: number) {
  const { offsets, ids, weights, docFreq } = vectors;
  const docs = offsets.length - 1;
  const commonOffsets = new Int32Array(docs + 1);
  const commonIds: number[] = [];
  const commonWeights: number[] = [];
  const norm = new Float64Array(docs);
  for (let doc = 0; doc < docs; doc++) {
    let sum = 0;
    for (let k = offsets[doc]; k < offsets[doc + 1]; k++) {
      if (docFreq[ids[k]] <= maxDocFreq) continue;
      commonIds.push(ids[k]);
      commonWeights.push(weights[k]);
      sum += weights[k] * weights[k];
    }
    norm[doc] = Math.sqrt(sum);
    commonOffsets[doc + 1] = commonIds.length;
  }
  const cIds = Int32Array.from(commonIds);
  const cWeights = Float64Array.from(commonWeights);
  // The current document's common weights, scattered by feature id: each candidate then costs one
  // pass over its own common features instead of a merge.
  const scratch = new Float64Array(vectors.features.length);
  const setLoaded = (doc: number, on: boolean) => {
    for (let k = commonOffsets[doc]; k < commonOffsets[doc + 1]; k++) scratch[cIds[k]] = on ? cWeights[k] : 0;
  };
  return {
    norm,
    load: (doc: number) => setLoaded(doc, true),
    unload: (doc: number) => setLoaded(doc, false),
    dotWithLoaded: (other: number) => {
      let sum = 0;
      for (let k = commonOffsets[other]; k < commonOffsets[other + 1]; k++) sum += cWeights[k] * scratch[cIds[k]];
      return sum;
    },
  };
}

class PairBuffer {
  private a: number[] = [];
  private b: number[] = [];
  private score: number[] = [];
  private cosine: number[] = [];
  private chars: number[] = [];

  push(a: number, b: number, score: number, cosine: number, chars: number): void {
    this.a.push(a);
    this.b.push(b);
    this.score.push(score);
    this.cosine.push(cosine);
    this.chars.push(chars);
  }

  finish(): ScoredPairs {
    return {
      count: this.a.length,
      a: Int32Array.from(this.a),
      b: Int32Array.from(this.b),
      score: Float32Array.from(this.score),
      cosine: Float32Array.from(this.cosine),
      chars: Float32Array.from(this.chars),
    };
  }
}
