import { diceOf, trigramSet } from './chars.js';
import { cosineOf, type SparseVectors } from './vectors.js';

export interface PairScore {
  /** The blend that decides grouping: (1 − charWeight) · cosine + charWeight · chars. */
  score: number;
  /** Word TF-IDF cosine. */
  cosine: number;
  /** Character-trigram Dice. */
  chars: number;
}

/** Scores two documents; a caller that already knows their cosine passes it in. */
export type PairScorer = (a: number, b: number, knownCosine?: number) => PairScore;

/** One scoring rule for candidates, medoids and member similarities alike; trigram sets are built once, on first use. */
export function createPairScorer(vectors: SparseVectors, texts: readonly string[], charWeight: number): PairScorer {
  const trigrams: (Float64Array | undefined)[] = new Array(texts.length);
  const trigramsOf = (doc: number) => (trigrams[doc] ??= trigramSet(texts[doc]));
  return (a, b, knownCosine) => {
    const cosine = knownCosine ?? cosineOf(vectors, a, b);
    const chars = charWeight > 0 ? diceOf(trigramsOf(a), trigramsOf(b)) : 0;
    return { score: (1 - charWeight) * cosine + charWeight * chars, cosine, chars };
  };
}
