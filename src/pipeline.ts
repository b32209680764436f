import { clusterDocuments, groupDocuments, groupIndexOf, withThemes, type Clustering, type LinkConstraints, type PairScore } from './cluster/index.js';
import { createOppositionTest, normaliseRecords, singleSentenceShare, type BoilerplateSentence, type NormalisedItem, type SentenceTerms } from './normalise/index.js';
import { createRecipientOverlap } from './normalise/recipients.js';
import type { Normaliser } from './normalise/tokens.js';
import { settingsForTextUnit, type Options, type TextUnitDecided } from './options.js';
import {
  buildNumberedVectors,
  createPairScorer,
  GROUPING_MIN_RARE_SHARE,
  numberTerms,
  runNeighbourJob,
  scoreCandidatePairs,
  shareTrigramSets,
  type NeighbourJob,
  type NumberedTerms,
  type PairScorer,
  type ScoredPairs,
  type SharedTrigramSets,
  type SparseVectors,
} from './similarity/index.js';
import type { RecordItem } from './types.js';
import { compareCodeUnits } from './order.js';

/** Everything the report stages need, in canonical order (records sorted by id). */
export interface Analysis {
  records: RecordItem[];
  normalised: AnalysedItem[];
  boilerplate: BoilerplateSentence[];
  /** Each record's sentences' terms, as read (see NormaliseResult). */
  sentenceTerms: SentenceTerms;
  vectors: SparseVectors;
  pairs: ScoredPairs;
  clustering: Clustering;
  /** Scores any two documents by the same rule the candidate pairs were scored with. */
  scorer: PairScorer;
  /** The options the analysis ran with, the text unit decided (see AnalysisSettings). */
  settings: AnalysisSettings;
}

/**
 * A normalised item once its terms are in the vectors: what the later stages and the report read
 * of it. The terms themselves are let go (about 370 bytes an item); whether there were any is
 * kept by the analysis.
 */
export type AnalysedItem = Omit<NormalisedItem, 'terms'>;

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
  'sharedNeighbourBoost',
  'oppositionPenalty',
  'recipientWeight',
  'textUnit',
] as const;
export type AnalysisOptions = Pick<Options, (typeof ANALYSIS_OPTION_KEYS)[number]>;
/**
 * The analysis options once the input is read: the text unit decided, and the threshold and
 * character weight it implies wherever the options left them unset (settingsForTextUnit).
 */
export type AnalysisSettings = TextUnitDecided<AnalysisOptions>;

/**
 * Runs one named stage of the analysis. The default just runs it; a caller may pass one that
 * times stages (the benchmark) or shows progress — the analysis itself does no I/O.
 */
export type StageRunner = <T>(stage: AnalysisStage, run: (tick?: Tick) => T) => T;
export type AnalysisStage = 'normalise' | 'vectors' | 'pairs' | 'topics' | 'cluster';
/** How far a long stage has got: `done` of `total` documents. */
export type Tick = (done: number, total: number) => void;

const justRun: StageRunner = (_stage, run) => run();

/** The analysis once the near-duplicate groups are formed, before the theme layer: all a group's report needs. */
export type GroupedAnalysis = Omit<Analysis, 'clustering'> & { groups: number[][] };

/**
 * The theme layer run elsewhere (a worker thread) while the caller goes on: the topic search starts
 * as soon as it is handed the job, after the texts' trigram sets are written into `trigrams` (when
 * given) for the caller's pair scores; `themesOf` then gives it the groups and answers, for each
 * group, its theme's representative group (as themesOverGroups does).
 */
export type BackgroundThemeLayer = (job: NeighbourJob, trigrams?: SharedTrigramSets) => {
  themesOf(groupOfDoc: Int32Array, groupCount: number, themeThreshold: number): Promise<Int32Array>;
};

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
  const { prepared, handedOver: job } = readAndPrepare(input, normaliser, options, stage, (topics) => topics, false);
  const pairs = groupPairs(prepared, stage);
  const topics = stage('topics', (tick) => runNeighbourJob(job, tick));
  const clustering = stage('cluster', () =>
    clusterDocuments(prepared.records.length, pairs, topics, prepared.settings, linksOf(prepared.records, constraints), pairScoreOf(prepared)),
  );
  return { ...analysisOf(prepared), pairs, clustering };
}

/**
 * The same analysis, with the theme layer (its topic search, then the linkage of groups into
 * themes) run by `background`, a second thread, while this one finds the grouping pairs and forms
 * the groups: the two searches are independent and each takes a large share of the time on big
 * inputs. `whileSearching` is handed the groups as soon as they are formed, to do work of its own
 * (the report's groups) before this thread waits for the themes. The result is identical to analyse()'s.
 */
export async function analyseInParallel(
  input: readonly RecordItem[],
  normaliser: Normaliser,
  options: AnalysisOptions,
  background: BackgroundThemeLayer,
  stage: StageRunner = justRun,
  constraints?: GroupingConstraints,
  whileSearching?: (grouped: GroupedAnalysis) => void,
): Promise<Analysis> {
  if (input.length < PARALLEL_MIN_ITEMS) {
    const analysis = analyse(input, normaliser, options, stage, constraints);
    whileSearching?.({ ...analysisOf(analysis), pairs: analysis.pairs, groups: analysis.clustering.groups });
    return analysis;
  }
  const { prepared, handedOver: themeLayer } = readAndPrepare(input, normaliser, options, stage, background, true);
  const pairs = groupPairs(prepared, stage);
  const groups = stage('cluster', () =>
    groupDocuments(prepared.records.length, pairs, prepared.settings.threshold, linksOf(prepared.records, constraints), pairScoreOf(prepared)),
  );
  const pendingThemes = themeLayer.themesOf(groupIndexOf(groups), groups.length, prepared.settings.themeThreshold);
  // Observed at once, so a failing worker is not reported as unhandled while this thread is busy.
  pendingThemes.catch(() => undefined);
  whileSearching?.({ ...analysisOf(prepared), pairs, groups });
  const themeRepOf = await stage('topics', () => pendingThemes);
  return { ...analysisOf(prepared), pairs, clustering: withThemes(groups, themeRepOf) };
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
function analysisOf(prepared: Omit<Analysis, 'pairs' | 'clustering'>): Omit<Analysis, 'pairs' | 'clustering'> {
  const { records, normalised, boilerplate, sentenceTerms, vectors, scorer, settings } = prepared;
  return { records, normalised, boilerplate, sentenceTerms, vectors, scorer, settings };
}

/** The input read: records in id order, normalised, their terms numbered. */
interface ReadItems {
  records: RecordItem[];
  items: NormalisedItem[];
  boilerplate: BoilerplateSentence[];
  sentenceTerms: SentenceTerms;
  terms: NumberedTerms;
  settings: AnalysisSettings;
  /** 1 for a document with no terms: it is neither searched nor grouped with another. */
  withoutTerms: Uint8Array;
}

type Prepared = Omit<Analysis, 'pairs' | 'clustering'> & {
  excluded: (doc: number) => boolean;
};

/**
 * Reads the input and prepares what the grouping needs. The theme layer's job goes to `handOver`
 * as soon as the terms are numbered, before the near-duplicate vectors are built: with `shared`,
 * a second thread writes the texts' trigram sets and builds the topic vectors from the numbers
 * (all in shared memory) meanwhile, and its search starts that much sooner. What `handOver`
 * returns is handed back. The items' terms are let go on return.
 */
function readAndPrepare<T>(
  input: readonly RecordItem[],
  normaliser: Normaliser,
  options: AnalysisOptions,
  stage: StageRunner,
  handOver: (job: NeighbourJob, trigrams: SharedTrigramSets | undefined) => T,
  shared: boolean,
): { prepared: Prepared; handedOver: T } {
  const read = readItems(input, normaliser, options, stage, shared);
  const trigrams = shared ? shareTrigramSets(read.items.map((item) => item.text)) : undefined;
  const handedOver = handOver(topicJob(read), trigrams);
  return { prepared: prepare(read, stage, trigrams), handedOver };
}

function readItems(input: readonly RecordItem[], normaliser: Normaliser, options: AnalysisOptions, stage: StageRunner, shared: boolean): ReadItems {
  const records = [...input].sort((a, b) => compareIds(a.id, b.id));
  const { items, boilerplate, sentenceTerms, terms } = stage('normalise', (tick) => {
    const normalised = normaliseRecords(records, normaliser, options, tick);
    return { ...normalised, terms: numberTerms(normalised.items.map((item) => item.terms), shared) };
  });
  const settings = settingsForTextUnit(options, singleSentenceShare(sentenceTerms));
  const withoutTerms = Uint8Array.from(items, (item) => (item.terms.length === 0 ? 1 : 0));
  return { records, items, boilerplate, sentenceTerms, terms, settings, withoutTerms };
}

function prepare(read: ReadItems, stage: StageRunner, trigrams: SharedTrigramSets | undefined): Prepared {
  const { records, items, boilerplate, sentenceTerms, terms, settings, withoutTerms } = read;
  const vectors = stage('vectors', () => buildNumberedVectors(terms, settings));
  const excluded = (doc: number) => withoutTerms[doc] === 1;
  const normalised = items.map(({ text, actions, boilerplateOnly }): AnalysedItem => ({ text, actions, boilerplateOnly }));
  const scorer = createPairScorer(
    vectors,
    normalised.map((item) => item.text),
    settings,
    {
      opposed: createOppositionTest((doc) => normalised[doc].actions, normalised.length),
      recipientOverlap: createRecipientOverlap(records),
    },
    trigrams,
  );
  return { records, normalised, boilerplate, sentenceTerms, vectors, scorer, settings, excluded };
}

/** The grouping score of any two documents, for the near misses the linkage completes. */
function pairScoreOf(prepared: Prepared): PairScore {
  return (first, second) => prepared.scorer(first, second).score;
}

/** Pairs below half the cut count as 0 in the averages: too weak to matter, too many to keep. */
function groupPairs(prepared: Prepared, stage: StageRunner): ScoredPairs {
  const { maxIndexDocShare, threshold } = prepared.settings;
  return stage('pairs', (tick) =>
    scoreCandidatePairs(prepared.vectors, prepared.scorer, prepared.excluded, {
      maxIndexDocShare,
      minScore: threshold * 0.5,
      minRareShare: GROUPING_MIN_RARE_SHARE,
      onProgress: tick,
    }),
  );
}

/**
 * What the theme layer links on: word cosine over single words only (a topic is shared
 * vocabulary, word order matters less; measured better than the near-duplicate vectors with their
 * word pairs), each item keeping only its nearest topical neighbours, raised by the neighbours two
 * items share. As for groups, pairs below half the cut count as 0 in the averages.
 */
function topicJob(read: ReadItems): NeighbourJob {
  const { offsets, numbers, vocabulary } = read.terms;
  // A copy: the skip list is handed over to the theme thread (parallel.ts).
  const skip = read.withoutTerms.slice();
  const { maxIndexDocShare, themeThreshold, themeNeighbours: k, sharedNeighbourBoost } = read.settings;
  return { terms: { offsets, numbers, distinct: vocabulary.length }, skip, settings: { maxIndexDocShare, minScore: themeThreshold * 0.5, k, sharedNeighbourBoost } };
}

/** Ids in plain code-unit order: locale-independent, so every machine sorts alike. */
export const compareIds = compareCodeUnits;
