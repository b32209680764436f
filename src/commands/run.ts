import { UsageError } from '../errors.js';
import { ingestFiles } from '../ingest/index.js';
import { packageVersion, readInputFiles, readTextFile, shippedAliasTable, type CliIo } from '../io.js';
import { createNormaliser, parseAliasTables } from '../normalise/index.js';
import type { Normaliser } from '../normalise/tokens.js';
import type { Options } from '../options.js';
import { analyse, type Analysis } from '../pipeline.js';
import { buildReport, type ThemesReport } from '../report/index.js';
import type { RecordItem, Warning } from '../types.js';

export interface PipelineRun {
  records: RecordItem[];
  analysis: Analysis;
  report: ThemesReport;
  normaliser: Normaliser;
}

/** What every analysing command does first: read, ingest, analyse, build the report model. */
export async function runPipeline(inputs: readonly string[], options: Options, io: CliIo): Promise<PipelineRun> {
  const files = await readInputFiles(inputs, io);
  const ingested = ingestFiles(files, options.columns);
  printWarnings(ingested.warnings, io);
  if (ingested.records.length === 0) throw new UsageError(`${inputs.join(', ')}: no rows with text to group`);

  const aliasTexts = [shippedAliasTable()];
  if (options.aliasFile) aliasTexts.push(await readTextFile(options.aliasFile, io.cwd));
  const normaliser = createNormaliser(parseAliasTables(aliasTexts));
  const analysis = analyse(ingested.records, normaliser, options);
  const report = buildReport(ingested.records, analysis, { version: packageVersion(), skipped: ingested.skippedEmpty, options, normaliser });
  return { records: ingested.records, analysis, report, normaliser };
}

export function printWarnings(warnings: readonly Warning[], io: CliIo): void {
  for (const warning of warnings) io.stderr.write(`recdedup: warning: ${warning.message}\n`);
}
