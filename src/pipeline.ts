import { clusterDocuments, type Clustering } from './cluster/index.js';
import { actionsOppose, normaliseRecords, type BoilerplateSentence, type NormalisedItem } from './normalise/index.js';
import type { Normaliser } from './normalise/tokens.js';
import type { Options } from './options.js';
import { buildVectors, createCosineScorer, createPairScorer, nearestNeighbourPairs, scoreCandidatePairs, type PairScorer, type ScoredPairs, type SparseVectors } from './similarity/index.js';
import type { RecordItem } from './types.js';

/** Everything the report stages need, in canonical order (records sorted by id). */
export interface Analysis {
  records: RecordItem[];
  normalised: NormalisedItem[];
  boilerplate: BoilerplateSentence[];
  vectors: SparseVectors;
  pairs: ScoredPairs;
  clustering: Clustering;
  /** Scores any two documents by the same rule the candidate pairs were scored with. */
  scorer: PairScorer;
}

/** Which options the analysis depends on: the rest only change how the report is shown. */
export const ANALYSIS_OPTION_KEYS = [
  'threshold',
  'themeThreshold',
  'charWeight',
  'bigramWeight',
  'boilerplateMinSources',
  'boilerplateContextSimilarity',
  'maxIndexDocShare',
  'themeNeighbours',
  'oppositionPenalty',
] as const;
export type AnalysisOptions = Pick<Options, (typeof ANALYSIS_OPTION_KEYS)[number]>;

/**
 * Runs one named stage of the analysis. The default just runs it; a caller may pass one that
 * times stages (the benchmark) or shows progress — the analysis itself does no I/O.
 */
export type StageRunner = <T>(stage: AnalysisStage, run: (tick?: Tick) => T) => T;
export type AnalysisStage = 'normalise' | 'vectors' | 'pairs' | 'topics' | 'cluster';
/** How far a long stage has got: `done` of `total` documents. */
export type Tick = (done: number, total: number) => void;

const justRun: StageRunner = (_stage, run) => run();

/**
 * The whole pipeline: records → normalised → vectors → candidate pairs → groups → themes.
 * Records are first put in id order, so shuffling the input rows cannot change the result.
 */
export function analyse(input: readonly RecordItem[], normaliser: Normaliser, options: AnalysisOptions, stage: StageRunner = justRun): Analysis {
  const records = [...input].sort((a, b) => compareIds(a.id, b.id));
  const { items: normalised, boilerplate } = stage('normalise', (tick) => normaliseRecords(records, normaliser, options, tick));
  const excluded = (doc: number) => normalised[doc].terms.length === 0;
  const vectors = stage('vectors', () =>
    buildVectors(
      normalised.map((item) => item.terms),
      options,
    ),
  );
  const scorer = createPairScorer(
    vectors,
    normalised.map((item) => item.text),
    options,
    (a, b) => actionsOppose(normalised[a].actions, normalised[b].actions),
  );
  // Pairs below half the cut count as 0 in the averages: too weak to matter, too many to keep.
  const pairs = stage('pairs', (tick) =>
    scoreCandidatePairs(vectors, scorer, excluded, {
      maxIndexDocShare: options.maxIndexDocShare,
      minScore: options.threshold * 0.5,
      onProgress: tick,
    }),
  );
  const topics = stage('topics', (tick) => topicPairs(normalised, excluded, options, tick));
  const clustering = stage('cluster', () => clusterDocuments(records.length, pairs, topics, options));
  return { records, normalised, boilerplate, vectors, pairs, clustering, scorer };
}

/**
 * What the theme layer links on: word cosine over single words only (a topic is shared
 * vocabulary, word order matters less; measured better than the near-duplicate vectors with their
 * word pairs), each item keeping only its nearest topical neighbours.
 */
function topicPairs(normalised: readonly NormalisedItem[], excluded: (doc: number) => boolean, options: AnalysisOptions, onProgress?: Tick): ScoredPairs {
  const vectors = buildVectors(
    normalised.map((item) => item.terms),
    { bigramWeight: 0 },
  );
  const pairs = scoreCandidatePairs(vectors, createCosineScorer(vectors), excluded, {
    maxIndexDocShare: options.maxIndexDocShare,
    minScore: options.themeThreshold,
    onProgress,
  });
  return nearestNeighbourPairs(pairs, normalised.length, options.themeNeighbours);
}

/** Plain code-unit order: locale-independent, so every machine sorts alike. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
