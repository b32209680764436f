import { ingestFiles } from '../ingest/index.js';
import { createNormaliser, parseAliasTables } from '../normalise/index.js';
import type { Options } from '../options.js';
import { analyse } from '../pipeline.js';
import { buildReport, renderReport } from '../report/index.js';
import { packageVersion, readInputFiles, readTextFile, shippedAliasTable, writeAtomically, writeStdout, type CliIo } from '../io.js';
import type { Warning } from '../types.js';
import { UsageError } from '../errors.js';

/** `recdedup themes`: read → ingest → analyse → report → write. The only I/O is at either end. */
export async function themesCommand(inputs: readonly string[], options: Options, io: CliIo): Promise<number> {
  const files = await readInputFiles(inputs, io);
  const ingested = ingestFiles(files, options.columns);
  printWarnings(ingested.warnings, io);
  if (ingested.records.length === 0) throw new UsageError(`${inputs.join(', ')}: no rows with text to group`);

  const aliasTexts = [shippedAliasTable()];
  if (options.aliasFile) aliasTexts.push(await readTextFile(options.aliasFile, io.cwd));
  const normaliser = createNormaliser(parseAliasTables(aliasTexts));
  const analysis = analyse(ingested.records, normaliser, options);
  const report = buildReport(ingested.records, analysis, {
    version: packageVersion(),
    skipped: ingested.skippedEmpty,
    options,
    normaliser,
  });
  const rendered = renderReport(report, options);
  if (options.out) await writeAtomically(options.out, rendered, io.cwd);
  else await writeStdout(io, rendered);
  return 0;
}

export function printWarnings(warnings: readonly Warning[], io: CliIo): void {
  for (const warning of warnings) io.stderr.write(`recdedup: warning: ${warning.message}\n`);
}
