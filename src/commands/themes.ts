import { EXIT_NEW_RECURRING, EXIT_OK } from '../errors.js';
import { writeReport, type CliIo } from '../io.js';
import { plural } from '../report/select.js';
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
    const newRecurring = report.changes?.newRecurring.length ?? 0;
    if (options.failOn === 'new-recurring' && newRecurring > 0) {
      io.stderr.write(`recdedup: ${plural(newRecurring, 'new recurring group')} since ${options.baseline} (--fail-on new-recurring)\n`);
      return EXIT_NEW_RECURRING;
    }
    return EXIT_OK;
  });
}
