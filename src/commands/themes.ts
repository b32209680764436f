import { writeReport, type CliIo } from '../io.js';
import type { Options } from '../options.js';
import { renderReportChunks } from '../report/index.js';
import { withProgress } from '../progress.js';
import { runPipeline } from './run.js';

/** `recdedup themes`: the layered recurring-themes report. */
export async function themesCommand(inputs: readonly string[], options: Options, io: CliIo): Promise<number> {
  return withProgress(options.progress, io.stderr, async (progress) => {
    const { report } = await runPipeline(inputs, options, io, progress);
    progress.step('writing the report');
    await writeReport(renderReportChunks(report, options), options.out, io);
    return 0;
  });
}
