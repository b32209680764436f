import { Worker } from 'node:worker_threads';
import type { BackgroundTopicSearch } from './pipeline.js';
import type { ScoredPairs } from './similarity/index.js';

/**
 * Runs the theme layer's topic search in a worker thread, so a two-core machine finds the
 * grouping pairs and the topic pairs at once. The vectors' buffers are moved to the worker, not
 * copied: the caller has no further use for them.
 */
export const searchTopicsInWorker: BackgroundTopicSearch = ({ vectors, skip, settings }) =>
  new Promise<ScoredPairs>((resolve, reject) => {
    const { offsets, ids, weights, docFreq } = vectors;
    const worker = new Worker(new URL('./similarity/topic-worker.js', import.meta.url), {
      workerData: { vectors: { offsets, ids, weights, docFreq }, skip, settings },
      transferList: [offsets.buffer, ids.buffer, weights.buffer, docFreq.buffer, skip.buffer] as ArrayBuffer[],
    });
    let settled = false;
    worker.once('message', (pairs: ScoredPairs) => {
      settled = true;
      resolve(pairs);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the topic search worker stopped early (exit code ${code})`));
    });
  });
