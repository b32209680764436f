import { createDocumentDice, createTrigramStore, type SharedTrigramSets } from './chars.js';
import { cosineOf, type SparseVectors } from './vectors.js';

export interface PairScore {
  /** What decides grouping: min(1, (1 − charWeight) · cosine + charWeight · chars + recipientWeight · recipient) · (1 − penalty). */
  score: number;
  /** Word TF-IDF cosine. */
  cosine: number;
  /** Character-trigram Dice. */
  chars: number;
  /** The share taken off the blend because the two ask for opposite actions (0 when they do not). */
  penalty: number;
  /** How far the two are addressed to the same bodies, from different sources (0..1). */
  recipient: number;
}

/** Scores two documents; a caller that already knows their cosine passes it in. */
export type PairScorer = (a: number, b: number, knownCosine?: number) => PairScore;

export interface ScorerSettings {
  charWeight: number;
  /** Taken off the score of two documents that ask for opposite actions. 0..1. */
  oppositionPenalty: number;
  /** Added to the score of two documents from different sources in full when they are addressed to the same bodies. 0..1. */
  recipientWeight: number;
}

/** What the scorer knows of pairs besides their text: opposite asks, shared recipients. */
export interface PairRelations {
  opposed(a: number, b: number): boolean;
  /** 0..1; see createRecipientOverlap. */
  recipientOverlap(a: number, b: number): number;
}

const UNRELATED: PairRelations = { opposed: () => false, recipientOverlap: () => 0 };

/**
 * One scoring rule for candidates, medoids and member similarities alike; trigram sets are built
 * once, on first use, or by another thread into `trigrams`. `relations` says which documents ask
 * for opposite actions and how far two are addressed to the same bodies.
 */
export function createPairScorer(
  vectors: SparseVectors,
  texts: readonly string[],
  settings: ScorerSettings,
  relations: PairRelations = UNRELATED,
  trigrams?: SharedTrigramSets,
): PairScorer {
  const dice = createDocumentDice(createTrigramStore((doc) => texts[doc], texts.length, trigrams));
  const { charWeight, oppositionPenalty, recipientWeight } = settings;
  return (a, b, knownCosine) => {
    const cosine = knownCosine ?? cosineOf(vectors, a, b);
    const chars = charWeight > 0 ? dice(a, b) : 0;
    const penalty = oppositionPenalty > 0 && relations.opposed(a, b) ? oppositionPenalty : 0;
    const recipient = recipientWeight > 0 ? relations.recipientOverlap(a, b) : 0;
    return { score: blendedScore({ cosine, chars, penalty, recipient }, settings), cosine, chars, penalty, recipient };
  };
}

/** The pair score from its parts: min(1, (1 − charWeight) · cosine + charWeight · chars + recipientWeight · recipient) · (1 − penalty). */
export function blendedScore(parts: Omit<PairScore, 'score'>, settings: Pick<ScorerSettings, 'charWeight' | 'recipientWeight'>): number {
  const text = (1 - settings.charWeight) * parts.cosine + settings.charWeight * parts.chars;
  return Math.min(1, text + settings.recipientWeight * parts.recipient) * (1 - parts.penalty);
}

/** Word cosine alone: the topic layer's score. */
export function createCosineScorer(vectors: SparseVectors): PairScorer {
  return (a, b, knownCosine) => {
    const cosine = knownCosine ?? cosineOf(vectors, a, b);
    return { score: cosine, cosine, chars: 0, penalty: 0, recipient: 0 };
  };
}
