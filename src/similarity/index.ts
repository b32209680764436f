export { allFeatureTexts, buildNumberedVectors, buildVectors, buildWordVectors, cosineOf, idfOf, listedFeatures, matchesWithRow, rowOf, rowOfTerms, sharedFeatures, sharedFeaturesOfRows, type FeatureLookup, type FeatureTexts, type NumberedTerms, type RowMatches, type SparseRow, type SparseVectors, type TermNumbers } from './vectors.js';
export { numberTerms } from './vectors.js';
export { GROUPING_MIN_RARE_SHARE, indexDocFreqLimit, MAX_INDEX_DOC_FREQ, scoreCandidatePairs, searchPairs, type CandidateSettings, type PairVisitor, type ScoredPairs, type SearchSettings } from './candidates.js';
export { createDocumentDice, createTrigramSets, createTrigramStore, diceOf, shareTrigramSets, trigramSet, writeTrigramSets, type SharedTrigramSets } from './chars.js';
export { blendedScore, createCosineScorer, createPairScorer, type PairScore, type PairScorer, type ScorerSettings } from './scorer.js';
export { nearestNeighbourPairs, nearestNeighbourSearch, runNeighbourJob, startNeighbourJob, type NeighbourJob } from './neighbours.js';
