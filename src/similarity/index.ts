export { buildVectors, cosineOf, sharedFeatures, type SparseVectors } from './vectors.js';
export { scoreCandidatePairs, type ScoredPairs, type CandidateSettings } from './candidates.js';
export { diceOf, trigramSet } from './chars.js';
export { createCosineScorer, createPairScorer, type PairScore, type PairScorer, type ScorerSettings } from './scorer.js';
export { nearestNeighbourPairs } from './neighbours.js';
