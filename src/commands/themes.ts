import { writeReport, type CliIo } from '../io.js';
import type { Options } from '../options.js';
import { renderReport } from '../report/index.js';
import { runPipeline } from './run.js';

/** `recdedup themes`: the layered recurring-themes report. */
export async function themesCommand(inputs: readonly string[], options: Options, io: CliIo): Promise<number> {
  const { report } = await runPipeline(inputs, options, io);
  await writeReport(renderReport(report, options), options.out, io);
  return 0;
}
