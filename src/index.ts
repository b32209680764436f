/** The library: the same pipeline the CLI runs, without any I/O. Re-exports only. */
export { DEFAULT_OPTIONS, resolveOptions, type Options, type OutputFormat } from './options.js';
export type { RecordItem, ColumnMapping, Warning } from './types.js';
export { ingestFiles, type InputFile, type IngestResult } from './ingest/index.js';
export { createNormaliser, parseAliasTables, type NormalisedItem } from './normalise/index.js';
export { analyse, type Analysis, type AnalysisStage, type GroupingConstraints, type StageRunner } from './pipeline.js';
export { parseOverrides, resolveLinks, applyReportOverrides, type Overrides, type OverridesSummary } from './overrides/index.js';
export { buildReport, renderReport, type ThemesReport } from './report/index.js';
export { evaluate, assignmentsOf, parseGold, pairLabelScores, pairwiseScores, bcubedScores, adjustedRandIndex, type Evaluation } from './evaluate/index.js';
export { corpusFromAnalysis, type QueryCorpus, type GroupSummary } from './query/corpus.js';
export { createQuerySearcher, type QueryHit, type QueryResult, type QuerySearcher } from './query/search.js';
export { decodeIndex, encodeIndex, INDEX_FORMAT_VERSION } from './query/index-file.js';
export { buildQueryReport, renderQueryJson, renderQueryTerminal, type QueryReport } from './report/query.js';
