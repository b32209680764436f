import { diceOf, trigramSet } from './chars.js';
import { cosineOf, type SparseVectors } from './vectors.js';

export interface PairScore {
  /** What decides grouping: ((1 − charWeight) · cosine + charWeight · chars) · (1 − penalty). */
  score: number;
  /** Word TF-IDF cosine. */
  cosine: number;
  /** Character-trigram Dice. */
  chars: number;
  /** The share taken off the blend because the two ask for opposite actions (0 when they do not). */
  penalty: number;
}

/** Scores two documents; a caller that already knows their cosine passes it in. */
export type PairScorer = (a: number, b: number, knownCosine?: number) => PairScore;

export interface ScorerSettings {
  charWeight: number;
  /** Taken off the score of two documents that ask for opposite actions. 0..1. */
  oppositionPenalty: number;
}

/**
 * One scoring rule for candidates, medoids and member similarities alike; trigram sets are built
 * once, on first use. `opposed` says whether two documents ask for opposite actions.
 */
export function createPairScorer(vectors: SparseVectors, texts: readonly string[], settings: ScorerSettings, opposed: (a: number, b: number) => boolean = () => false): PairScorer {
  const trigrams: (Uint16Array | undefined)[] = new Array(texts.length);
  const trigramsOf = (doc: number) => (trigrams[doc] ??= trigramSet(texts[doc]));
  const { charWeight, oppositionPenalty } = settings;
  return (a, b, knownCosine) => {
    const cosine = knownCosine ?? cosineOf(vectors, a, b);
    const chars = charWeight > 0 ? diceOf(trigramsOf(a), trigramsOf(b)) : 0;
    const penalty = oppositionPenalty > 0 && opposed(a, b) ? oppositionPenalty : 0;
    return { score: blendedScore(cosine, chars, penalty, charWeight), cosine, chars, penalty };
  };
}

/** The pair score from its parts: ((1 − charWeight) · cosine + charWeight · chars) · (1 − penalty). */
export function blendedScore(cosine: number, chars: number, penalty: number, charWeight: number): number {
  return ((1 - charWeight) * cosine + charWeight * chars) * (1 - penalty);
}

/** Word cosine alone: the topic layer's score. */
export function createCosineScorer(vectors: SparseVectors): PairScorer {
  return (a, b, knownCosine) => {
    const cosine = knownCosine ?? cosineOf(vectors, a, b);
    return { score: cosine, cosine, chars: 0, penalty: 0 };
  };
}
