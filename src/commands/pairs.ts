import { assignmentsOf } from '../evaluate/index.js';
import { writeReport, type CliIo } from '../io.js';
import type { Options } from '../options.js';
import { pairRows, renderPairsCsv, renderPairsJson } from '../report/pairs.js';
import { withProgress } from '../progress.js';
import { runPipeline } from './run.js';

/** `recdedup pairs`: scored candidate pairs, to review or explain the grouping. */
export async function pairsCommand(inputs: readonly string[], min: number | undefined, options: Options, io: CliIo): Promise<number> {
  return withProgress(options.progress, io.stderr, async (progress) => {
    const { analysis, report, normaliser } = await runPipeline(inputs, options, io, progress);
    progress.step('writing the pairs');
    const floor = min ?? analysis.settings.threshold;
    const rows = pairRows(analysis, assignmentsOf(report).groupOf, floor, normaliser);
    await writeReport(options.format === 'json' ? renderPairsJson(rows, floor) : renderPairsCsv(rows, { excel: options.excel }), options.out, io);
    return 0;
  });
}
