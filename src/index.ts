/** The library: the same pipeline the CLI runs, without any I/O. Re-exports only. */
export { DEFAULT_OPTIONS, resolveOptions, type Options, type OutputFormat } from './options.js';
export type { RecordItem, ColumnMapping, Warning } from './types.js';
export { ingestFiles, type InputFile, type IngestResult } from './ingest/index.js';
export { createNormaliser, parseAliasTables, type NormalisedItem } from './normalise/index.js';
export { analyse, type Analysis, type AnalysisStage, type StageRunner } from './pipeline.js';
export { buildReport, renderReport, type ThemesReport } from './report/index.js';
export { evaluate, assignmentsOf, parseGold, pairLabelScores, pairwiseScores, bcubedScores, adjustedRandIndex, type Evaluation } from './evaluate/index.js';
