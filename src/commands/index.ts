import { packageVersion, readInputFiles, writeAtomically, type CliIo } from '../io.js';
import type { Options } from '../options.js';
import { withProgress } from '../progress.js';
import { corpusFromAnalysis, type QueryCorpus } from '../query/corpus.js';
import { decodeIndex, encodeIndex } from '../query/index-file.js';
import { runPipeline } from './run.js';

/**
 * `recdedup index`: analyse the inputs as `themes` does and write what `query --index` needs to
 * one file, atomically, so later queries skip the analysis.
 */
export async function indexCommand(inputs: readonly string[], out: string, options: Options, io: CliIo): Promise<number> {
  return withProgress(options.progress, io.stderr, async (progress) => {
    const run = await runPipeline(inputs, options, io, progress);
    progress.step('writing the index');
    const corpus = corpusFromAnalysis(run.analysis, run.report, run.normaliser, run.aliasTexts);
    await writeAtomically(out, encodeIndex(corpus, packageVersion()), io.cwd);
    return 0;
  });
}

/** Reads an index file written by `recdedup index`; a missing, foreign, damaged or other-version file is a one-line error (exit 2). */
export async function loadIndex(path: string, io: CliIo): Promise<QueryCorpus> {
  const [file] = await readInputFiles([path], io);
  return decodeIndex(file.bytes, path);
}
