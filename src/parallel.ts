import { Worker } from 'node:worker_threads';
import type { BackgroundTopicSearch } from './pipeline.js';
import type { ScoredPairs } from './similarity/index.js';

/** A second thread, started early, that runs the theme layer's topic search when handed the job. */
export interface TopicWorker {
  search: BackgroundTopicSearch;
  /** Ends the thread if it was never used (small inputs run everything in one thread). */
  stop(): void;
}

/**
 * Starts the topic-search worker at once: loading a thread's modules takes tens of milliseconds,
 * which then overlap reading and normalising the input instead of delaying the search. The
 * vectors' buffers are moved to the worker, not copied: the caller has no further use for them.
 * The idle thread does not keep the process alive.
 */
export function startTopicWorker(): TopicWorker {
  const worker = new Worker(new URL('./similarity/topic-worker.js', import.meta.url));
  worker.unref();
  const search: BackgroundTopicSearch = ({ vectors, skip, settings }) =>
    new Promise<ScoredPairs>((resolve, reject) => {
      const { offsets, ids, weights, docFreq } = vectors;
      let settled = false;
      worker.ref();
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
      const job = { vectors: { offsets, ids, weights, docFreq }, skip, settings };
      worker.postMessage(job, [offsets.buffer, ids.buffer, weights.buffer, docFreq.buffer, skip.buffer] as ArrayBuffer[]);
    });
  return { search, stop: () => void worker.terminate() };
}
