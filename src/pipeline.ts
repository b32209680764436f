import { clusterDocuments, type Clustering, type LinkConstraints } from './cluster/index.js';
import { actionsOppose, normaliseRecords, type BoilerplateSentence, type NormalisedItem } from './normalise/index.js';
import type { Normaliser } from './normalise/tokens.js';
import type { Options } from './options.js';
import { buildVectorsWithWordsOnly, createPairScorer, runNeighbourJob, scoreCandidatePairs, type NeighbourJob, type PairScorer, type ScoredPairs, type SparseVectors } from './similarity/index.js';
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

/** Runs the theme layer's neighbour search elsewhere (a worker thread) while the caller goes on. */
export type BackgroundTopicSearch = (job: NeighbourJob) => Promise<ScoredPairs>;

/**
 * Pairs of record ids that must, or must not, end in one group (an overrides file's links, checked
 * and stripped of unknown ids and contradictions by resolveLinks). Kept apart from the options:
 * they are data, and the report's parameters stay those of the options.
 */
export interface GroupingConstraints {
  mustLink: readonly (readonly [string, string])[];
  cannotLink: readonly (readonly [string, string])[];
}

/** Below this many items a second thread costs more to start than it saves. */
export const PARALLEL_MIN_ITEMS = 2000;

/**
 * The whole pipeline: records → normalised → vectors → candidate pairs → groups → themes.
 * Records are first put in id order, so shuffling the input rows cannot change the result.
 * `constraints` (must-link / cannot-link record ids) act on the grouping; without them, nothing changes.
 */
export function analyse(
  input: readonly RecordItem[],
  normaliser: Normaliser,
  options: AnalysisOptions,
  stage: StageRunner = justRun,
  constraints?: GroupingConstraints,
): Analysis {
  const prepared = prepare(input, normaliser, options, stage);
  const pairs = groupPairs(prepared, options, stage);
  const topics = stage('topics', (tick) => runNeighbourJob(topicJob(prepared, options), tick));
  const clustering = stage('cluster', () => clusterDocuments(prepared.records.length, pairs, topics, options, linksOf(prepared.records, constraints)));
  return analysisOf(prepared, pairs, clustering);
}

/**
 * The same analysis, with the theme layer's topic search run by `background` (a second thread)
 * while this one finds the grouping pairs: the two searches are independent and each takes a
 * large share of the time on big inputs. The result is identical to analyse()'s.
 */
export async function analyseInParallel(
  input: readonly RecordItem[],
  normaliser: Normaliser,
  options: AnalysisOptions,
  background: BackgroundTopicSearch,
  stage: StageRunner = justRun,
  constraints?: GroupingConstraints,
): Promise<Analysis> {
  if (input.length < PARALLEL_MIN_ITEMS) return analyse(input, normaliser, options, stage, constraints);
  const prepared = prepare(input, normaliser, options, stage);
  const pendingTopics = background(topicJob(prepared, options));
  // Settled at once, so a failing search is not reported as unhandled while this thread is busy.
  pendingTopics.catch(() => undefined);
  const pairs = groupPairs(prepared, options, stage);
  const topics = await stage('topics', () => pendingTopics);
  const clustering = stage('cluster', () => clusterDocuments(prepared.records.length, pairs, topics, options, linksOf(prepared.records, constraints)));
  return analysisOf(prepared, pairs, clustering);
}

/** Record ids → document numbers (records in id order); a pair naming an id not in the input is left out. */
function linksOf(records: readonly RecordItem[], constraints: GroupingConstraints | undefined): LinkConstraints | undefined {
  if (!constraints || (constraints.mustLink.length === 0 && constraints.cannotLink.length === 0)) return undefined;
  const docOf = new Map(records.map((r, doc) => [r.id, doc]));
  const toDocs = (pairs: GroupingConstraints['mustLink']) =>
    pairs.flatMap(([a, b]): [number, number][] => (docOf.has(a) && docOf.has(b) ? [[docOf.get(a)!, docOf.get(b)!]] : []));
  return { mustLink: toDocs(constraints.mustLink), cannotLink: toDocs(constraints.cannotLink) };
}

/** Only what the report reads: the topic vectors and the search's skip rule are let go. */
function analysisOf(prepared: Prepared, pairs: ScoredPairs, clustering: Clustering): Analysis {
  const { records, normalised, boilerplate, vectors, scorer } = prepared;
  return { records, normalised, boilerplate, vectors, scorer, pairs, clustering };
}

type Prepared = Omit<Analysis, 'pairs' | 'clustering'> & { excluded: (doc: number) => boolean; topicVectors: SparseVectors };

function prepare(input: readonly RecordItem[], normaliser: Normaliser, options: AnalysisOptions, stage: StageRunner): Prepared {
  const records = [...input].sort((a, b) => compareIds(a.id, b.id));
  const { items: normalised, boilerplate } = stage('normalise', (tick) => normaliseRecords(records, normaliser, options, tick));
  const excluded = (doc: number) => normalised[doc].terms.length === 0;
  const { vectors, wordsOnly: topicVectors } = stage('vectors', () =>
    buildVectorsWithWordsOnly(
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
  return { records, normalised, boilerplate, vectors, scorer, excluded, topicVectors };
}

/** Pairs below half the cut count as 0 in the averages: too weak to matter, too many to keep. */
function groupPairs(prepared: Prepared, options: AnalysisOptions, stage: StageRunner): ScoredPairs {
  return stage('pairs', (tick) =>
    scoreCandidatePairs(prepared.vectors, prepared.scorer, prepared.excluded, {
      maxIndexDocShare: options.maxIndexDocShare,
      minScore: options.threshold * 0.5,
      onProgress: tick,
    }),
  );
}

/**
 * What the theme layer links on: word cosine over single words only (a topic is shared
 * vocabulary, word order matters less; measured better than the near-duplicate vectors with their
 * word pairs), each item keeping only its nearest topical neighbours.
 */
function topicJob(prepared: Prepared, options: AnalysisOptions): NeighbourJob {
  const vectors = prepared.topicVectors;
  const skip = Uint8Array.from(prepared.normalised, (item) => (item.terms.length === 0 ? 1 : 0));
  return { vectors, skip, settings: { maxIndexDocShare: options.maxIndexDocShare, minScore: options.themeThreshold, k: options.themeNeighbours } };
}

/** Plain code-unit order: locale-independent, so every machine sorts alike. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
