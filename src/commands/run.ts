import { UsageError } from '../errors.js';
import { extractReports, isReportFile } from '../extract/documents.js';
import { ingestFiles, ingestWorkbook, isWorkbook, type IngestResult, type InputFile } from '../ingest/index.js';
import { parseBaseline, settingsChangedSince, type Baseline } from '../history/baseline.js';
import { makeIdsUnique } from '../ingest/records.js';
import { packageVersion, readInputFiles, readTextFile, shippedAliasTable, type CliIo } from '../io.js';
import { createNormaliser, parseAliasTables } from '../normalise/index.js';
import type { Normaliser } from '../normalise/tokens.js';
import type { Options } from '../options.js';
import { applyReportOverrides, parseOverrides, resolveLinks, type Overrides, type ResolvedLinks } from '../overrides/index.js';
import { analyse, analyseInParallel, type Analysis, type BackgroundThemeLayer, type GroupedAnalysis } from '../pipeline.js';
import { startThemeWorker } from '../parallel.js';
import { buildGroups, buildReport, type ReportGroup, type ThemesReport } from '../report/index.js';
import type { Progress } from '../progress.js';
import type { RecordItem, Warning } from '../types.js';

export interface PipelineRun {
  records: RecordItem[];
  analysis: Analysis;
  report: ThemesReport;
  normaliser: Normaliser;
  /** The alias tables' text the normaliser was built from, the shipped table first. */
  aliasTexts: string[];
}

/** What every analysing command does first: read, ingest, analyse, build the report model (with the overrides, if any). */
export async function runPipeline(inputs: readonly string[], options: Options, io: CliIo, progress: Progress): Promise<PipelineRun> {
  // Read first: a wrong baseline or a mistake in the overrides file should fail before minutes of work, not after.
  const baseline = options.baseline ? parseBaseline(await readTextFile(options.baseline, io.cwd), options.baseline) : undefined;
  const overrides = options.overridesFile ? parseOverrides(await readTextFile(options.overridesFile, io.cwd), options.overridesFile) : undefined;
  // Started now, the second thread is ready by the time the topic search can begin.
  const worker = options.threads > 1 ? startThemeWorker() : undefined;
  try {
    return await analyseInputs(inputs, options, io, progress, worker?.themeLayer, { baseline, overrides });
  } finally {
    worker?.stop();
  }
}

async function analyseInputs(
  inputs: readonly string[],
  options: Options,
  io: CliIo,
  progress: Progress,
  background: BackgroundThemeLayer | undefined,
  { baseline, overrides }: { baseline?: Baseline; overrides?: Overrides },
): Promise<PipelineRun> {
  progress.step(inputs.length === 1 ? `reading ${inputs[0] === '-' ? 'standard input' : inputs[0]}` : `reading ${inputs.length} inputs`);
  const files = await readInputFiles(inputs, io);
  const ingested = await ingestInputs(files, options);
  progress.setItems(ingested.records.length);
  printWarnings(ingested.warnings, io);
  if (ingested.records.length === 0) throw new UsageError(`${inputs.join(', ')}: no rows with text to group`);

  const aliasTexts = [shippedAliasTable()];
  if (options.aliasFile) aliasTexts.push(await readTextFile(options.aliasFile, io.cwd));
  const normaliser = createNormaliser(parseAliasTables(aliasTexts));
  const links = overrides && resolveLinks(overrides, new Set(ingested.records.map((r) => r.id)));
  if (links) printWarnings(links.warnings, io);
  // With a second thread, the report's groups are built while it still searches for the theme layer.
  let groups: ReportGroup[] | undefined;
  const buildReportGroups = (grouped: GroupedAnalysis) => (groups = buildGroups(grouped.groups, grouped, normaliser, options.minSources));
  const analysis = background
    ? await analyseInParallel(ingested.records, normaliser, options, background, progress.stage, links?.constraints, buildReportGroups)
    : analyse(ingested.records, normaliser, options, progress.stage, links?.constraints);
  progress.step('building the report');
  const built = buildReport(ingested.records, analysis, { version: packageVersion(), skipped: ingested.skippedEmpty, options, normaliser, baseline, groups });
  if (baseline && options.baseline) printWarnings(settingsChangedSince(baseline, built.parameters, options.baseline), io);
  const report = overrides && links ? withOverrides(built, overrides, links, analysis, io) : built;
  return { records: ingested.records, analysis, report, normaliser, aliasTexts };
}

/** Pins and renames on the built report; a moved item's similarity is scored as buildReport scores members. */
function withOverrides(report: ThemesReport, overrides: Overrides, links: ResolvedLinks, analysis: Analysis, io: CliIo): ThemesReport {
  const docOf = new Map(analysis.records.map((r, doc) => [r.id, doc]));
  const centralOf = (group: ReportGroup) => group.members.reduce((best, m) => (m.similarity > best.similarity ? m : best)).id;
  const applied = applyReportOverrides(report, overrides, {
    links,
    similarity: (itemId, group) => analysis.scorer(docOf.get(centralOf(group))!, docOf.get(itemId)!).score,
    boilerplateOnly: (itemId) => analysis.normalised[docOf.get(itemId)!].boilerplateOnly,
  });
  printWarnings(applied.warnings, io);
  return applied.report;
}

/**
 * Tables are read as tables; report text (.txt, .md, .html, .pdf) goes through extraction first.
 * Records keep input order, file by file, and ids are made unique across all of them.
 */
async function ingestInputs(files: readonly InputFile[], options: Options): Promise<IngestResult> {
  const records: RecordItem[] = [];
  const warnings: Warning[] = [];
  let skippedEmpty = 0;
  for (const file of files) {
    if (isReportFile(file.name)) {
      const extraction = await extractReports([file]);
      for (const record of extraction.items) records.push(record);
      warnings.push(...extraction.warnings);
      continue;
    }
    const table = isWorkbook(file.name) ? await ingestWorkbook(file, options.columns, options.sheet) : ingestFiles([file], options.columns);
    for (const record of table.records) records.push(record);
    warnings.push(...table.warnings);
    skippedEmpty += table.skippedEmpty;
  }
  const unique = makeIdsUnique(records);
  return { records: unique.records, skippedEmpty, warnings: [...warnings, ...unique.warnings] };
}

export function printWarnings(warnings: readonly Warning[], io: CliIo): void {
  for (const warning of warnings) io.stderr.write(`recdedup: warning: ${warning.message}\n`);
}
