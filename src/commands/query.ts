import { UsageError } from '../errors.js';
import { writeReport, type CliIo } from '../io.js';
import type { Options } from '../options.js';
import { withProgress } from '../progress.js';
import { corpusFromAnalysis } from '../query/corpus.js';
import { createQuerySearcher, type QuerySearcher } from '../query/search.js';
import { buildQueryReport, renderQueryJson, renderQueryTerminal } from '../report/query.js';
import { loadIndex } from './index.js';
import { runPipeline } from './run.js';

export interface QuerySettings {
  /** How many results to list. */
  top: number;
  /** An index file written by `recdedup index`, read instead of inputs. */
  index?: string;
}

/** `recdedup query`: the existing recommendations nearest to a text, scored as the grouping scores pairs. */
export async function queryCommand(text: string, inputs: readonly string[], settings: QuerySettings, options: Options, io: CliIo): Promise<number> {
  if (text.trim() === '') throw new UsageError('the query text is empty: give the recommendation to look for, in quotes');
  if (settings.index !== undefined && inputs.length > 0) throw new UsageError('give either inputs or --index <file>, not both');
  if (settings.index === undefined && inputs.length === 0) throw new UsageError('nothing to search: give inputs, or --index <file> made by `recdedup index`');
  return withProgress(options.progress, io.stderr, async (progress) => {
    let searcher: QuerySearcher;
    if (settings.index !== undefined) {
      progress.step(`reading ${settings.index}`);
      searcher = createQuerySearcher(await loadIndex(settings.index, io));
    } else {
      const run = await runPipeline(inputs, options, io, progress);
      searcher = createQuerySearcher(corpusFromAnalysis(run.analysis, run.report, run.normaliser, run.aliasTexts), run.normaliser);
    }
    progress.step('searching');
    const report = buildQueryReport(text, searcher.corpus, searcher.search(text, settings.top), settings.top);
    await writeReport(options.format === 'json' ? renderQueryJson(report) : renderQueryTerminal(report, { color: options.color }), options.out, io);
    return 0;
  });
}
