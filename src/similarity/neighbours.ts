import { PairBuffer, searchPairs, type ScoredPairs, type SearchSettings } from './candidates.js';
import { buildWordVectors, listedFeatures, type SparseVectors, type TermNumbers } from './vectors.js';

/** How many nearest neighbours each document keeps, and how much the neighbours two documents share counts. */
export interface NeighbourSettings {
  k: number;
  /**
   * Each pair's `score` is its cosine × (1 + sharedNeighbourBoost × the share of their nearest
   * neighbours the two documents have in common: shared / max(both list lengths, 10)). 0 (the
   * default) leaves score = cosine.
   */
  sharedNeighbourBoost?: number;
}

/**
 * Each document's `k` most similar documents (word cosine ≥ minScore), as pairs: a pair is kept
 * when it is among either side's k strongest (ties go to the smaller document index). Equal to
 * searching every pair and then keeping nearestNeighbourPairs, but holds only k candidates per
 * document while searching — the full pair list at a theme-level cut is what grows past memory
 * on large inputs.
 *
 * Why shared neighbours: two items on one topic sit in the same crowd of items, while two items
 * that only share a few generic words ("risk", "staff", "assessment") have different crowds. The
 * overlap of nearest-neighbour lists (shared-nearest-neighbour similarity, as in Jarvis–Patrick
 * clustering) tells the two apart where the pair's own cosine cannot.
 */
export function nearestNeighbourSearch(vectors: SparseVectors, skip: (doc: number) => boolean, settings: SearchSettings & NeighbourSettings): ScoredPairs {
  const docs = vectors.offsets.length - 1;
  const nearest = new NeighbourHeaps(docs, settings.k);
  searchPairs(vectors, skip, settings, (earlier, later, cosine) => {
    // Scores are kept as the 32-bit floats pairs carry, so ties are judged as the report sees them.
    const score = Math.fround(cosine);
    nearest.offer(earlier, later, score);
    nearest.offer(later, earlier, score);
  });
  return nearest.pairs(settings.sharedNeighbourBoost ?? 0);
}

/**
 * A nearest-neighbour search over topic vectors as plain data, so another thread can run it: the
 * documents' term numbers (the vectors are built where the search runs), which documents to skip,
 * the settings.
 */
export interface NeighbourJob {
  terms: TermNumbers;
  /** 1 for documents that take no part. */
  skip: Uint8Array;
  settings: { maxIndexDocShare: number; minScore: number } & NeighbourSettings;
}

/**
 * Runs a neighbour job: in the pipeline's own thread, or in the theme-layer worker
 * (src/theme-worker.ts), which builds the topic vectors while the pipeline's thread builds the
 * near-duplicate ones.
 */
export function runNeighbourJob(job: NeighbourJob, onProgress?: (done: number, total: number) => void): ScoredPairs {
  return startNeighbourJob(job)(onProgress);
}

/**
 * Builds the job's topic vectors now and returns the search over them, which holds nothing else
 * of the job: its term numbers (a million items' take 120 MB) can be let go while it runs.
 */
export function startNeighbourJob(job: NeighbourJob): (onProgress?: (done: number, total: number) => void) => ScoredPairs {
  const vectors = { ...buildWordVectors(job.terms), features: listedFeatures([]) };
  const { skip, settings } = job;
  return (onProgress) => nearestNeighbourSearch(vectors, (doc) => skip[doc] === 1, { ...settings, onProgress });
}

/** Shared neighbours are counted out of at least this many (see NeighbourHeaps.sharedShare). */
const MIN_CROWD = 10;

/** One bounded min-heap per document (its weakest kept neighbour on top), in flat typed arrays. */
class NeighbourHeaps {
  private readonly others: Int32Array;
  private readonly scores: Float32Array;
  private readonly sizes: Int32Array;
  /**
   * Each full heap's weakest score (its top), -Infinity while it fills. Once heaps are full most
   * offers lose, and this small array decides most of them without reading the heap itself, which
   * on large inputs is a cache miss per offer (100,000 heaps of 40 take 32 MB).
   */
  private readonly weakest: Float32Array;

  constructor(
    private readonly docs: number,
    private readonly k: number,
  ) {
    this.others = new Int32Array(docs * k);
    this.scores = new Float32Array(docs * k);
    this.sizes = new Int32Array(docs);
    this.weakest = new Float32Array(docs).fill(-Infinity);
  }

  offer(doc: number, other: number, score: number): void {
    // Below the weakest kept score it loses whatever its index (ties are decided in the heap).
    if (score < this.weakest[doc]) return;
    const base = doc * this.k;
    const size = this.sizes[doc];
    if (size < this.k) {
      this.sizes[doc] = size + 1;
      this.siftUp(base, size, other, score);
    } else if (this.weaker(this.scores[base], this.others[base], score, other)) {
      this.siftDown(base, other, score);
    } else return;
    if (this.sizes[doc] === this.k) this.weakest[doc] = this.scores[base];
  }

  /** Every kept neighbour pair once, smaller index first; scored as NeighbourSettings.sharedNeighbourBoost says. */
  pairs(sharedNeighbourBoost: number): ScoredPairs {
    const out = new PairBuffer();
    // mark[d] === doc + 1 while d is one of doc's neighbours: one pass over the other's list counts the shared ones.
    const mark = sharedNeighbourBoost > 0 ? new Int32Array(this.docs) : undefined;
    for (let doc = 0; doc < this.docs; doc++) {
      const base = doc * this.k;
      const end = base + this.sizes[doc];
      if (mark) for (let i = base; i < end; i++) mark[this.others[i]] = doc + 1;
      for (let i = base; i < end; i++) {
        const other = this.others[i];
        // A pair both sides kept is written from the smaller side only.
        if (other < doc && this.holds(other, doc)) continue;
        const cosine = this.scores[i];
        const score = mark ? Math.fround(cosine * (1 + sharedNeighbourBoost * this.sharedShare(doc, other, mark))) : cosine;
        out.push(Math.min(doc, other), Math.max(doc, other), score);
      }
    }
    return out.finish();
  }

  /**
   * The share of the longer of the two neighbour lists that the other list holds too (`mark`
   * stamps doc's list), counted out of at least MIN_CROWD: on a small input no list is full, and
   * one neighbour in common out of one or two is no crowd.
   */
  private sharedShare(doc: number, other: number, mark: Int32Array): number {
    const base = other * this.k;
    let shared = 0;
    for (let i = base; i < base + this.sizes[other]; i++) if (mark[this.others[i]] === doc + 1) shared++;
    return shared / Math.max(this.sizes[doc], this.sizes[other], MIN_CROWD);
  }

  private holds(doc: number, other: number): boolean {
    const base = doc * this.k;
    for (let i = base; i < base + this.sizes[doc]; i++) if (this.others[i] === other) return true;
    return false;
  }

  /** Whether neighbour (s1, o1) ranks below (s2, o2): lower score, or the same score and a larger index. */
  private weaker(s1: number, o1: number, s2: number, o2: number): boolean {
    return s1 < s2 || (s1 === s2 && o1 > o2);
  }

  private siftUp(base: number, at: number, other: number, score: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.weaker(score, other, this.scores[base + parent], this.others[base + parent])) break;
      this.scores[base + at] = this.scores[base + parent];
      this.others[base + at] = this.others[base + parent];
      at = parent;
    }
    this.scores[base + at] = score;
    this.others[base + at] = other;
  }

  /** Replaces the top (weakest) entry and restores the heap below it. */
  private siftDown(base: number, other: number, score: number): void {
    const size = this.k;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && this.weaker(this.scores[base + child + 1], this.others[base + child + 1], this.scores[base + child], this.others[base + child])) child++;
      if (!this.weaker(this.scores[base + child], this.others[base + child], score, other)) break;
      this.scores[base + at] = this.scores[base + child];
      this.others[base + at] = this.others[base + child];
      at = child;
    }
    this.scores[base + at] = score;
    this.others[base + at] = other;
  }
}

/**
 * The pairs that are among either side's `k` strongest (by score; ties to the earlier pair), in
 * their original order. Topic similarity is dense — at a theme-level cut most items touch
 * hundreds of others — and a k-nearest-neighbour graph keeps what decides a theme (each item's
 * closest topics) at a fraction of the edges, so theme linkage stays fast on large inputs.
 */
export function nearestNeighbourPairs(pairs: ScoredPairs, docs: number, k: number): ScoredPairs {
  const incident = pairsByDocument(pairs, docs);
  const kept = new Uint8Array(pairs.count);
  for (let doc = 0; doc < docs; doc++) {
    const mine = incident.pairs.subarray(incident.offsets[doc], incident.offsets[doc + 1]);
    if (mine.length <= k) {
      for (const i of mine) kept[i] = 1;
      continue;
    }
    const strongest = Array.from(mine).sort((i, j) => pairs.score[j] - pairs.score[i] || i - j);
    for (let n = 0; n < k; n++) kept[strongest[n]] = 1;
  }
  return selectPairs(pairs, kept);
}

/** Pair indices grouped by the documents they touch (each pair listed under both its ends). */
function pairsByDocument(pairs: ScoredPairs, docs: number): { offsets: Int32Array; pairs: Int32Array } {
  const offsets = new Int32Array(docs + 1);
  for (let i = 0; i < pairs.count; i++) {
    offsets[pairs.a[i] + 1]++;
    offsets[pairs.b[i] + 1]++;
  }
  for (let doc = 0; doc < docs; doc++) offsets[doc + 1] += offsets[doc];
  const fill = offsets.slice(0, docs);
  const byDoc = new Int32Array(2 * pairs.count);
  for (let i = 0; i < pairs.count; i++) {
    byDoc[fill[pairs.a[i]]++] = i;
    byDoc[fill[pairs.b[i]]++] = i;
  }
  return { offsets, pairs: byDoc };
}

function selectPairs(pairs: ScoredPairs, kept: Uint8Array): ScoredPairs {
  const index: number[] = [];
  kept.forEach((on, i) => on && index.push(i));
  const pick = <T extends Int32Array | Float32Array>(from: T, to: T) => {
    index.forEach((i, n) => (to[n] = from[i]));
    return to;
  };
  const n = index.length;
  return {
    count: n,
    a: pick(pairs.a, new Int32Array(n)),
    b: pick(pairs.b, new Int32Array(n)),
    score: pick(pairs.score, new Float32Array(n)),
  };
}
