import { Worker } from 'node:worker_threads';
import type { BackgroundThemeLayer } from './pipeline.js';
import type { NeighbourJob, SharedTrigramSets } from './similarity/index.js';

/** A second thread, started early, that runs the theme layer (topic search, then theme linkage) when handed the job. */
export interface ThemeWorker {
  themeLayer: BackgroundThemeLayer;
  /** Ends the thread if it was never used (small inputs run everything in one thread). */
  stop(): void;
}

/** The worker's first message: the topic search, and the trigram sets to write for this thread first. */
export interface ThemeLayerJob {
  job: NeighbourJob;
  trigrams?: SharedTrigramSets;
}

/** The worker's second message: the near-duplicate groups its themes are formed over. */
export interface ThemeLayerGroups {
  /** Each document's group number. */
  groupOfDoc: Int32Array;
  groupCount: number;
  themeThreshold: number;
}

/**
 * Starts the theme-layer worker at once: loading a thread's modules takes tens of milliseconds,
 * which then overlap reading and normalising the input instead of delaying the search. Nothing
 * large is copied: the job's term numbers and the trigram sets' texts and codes are shared memory,
 * the other buffers handed over are moved (the caller has no further use for them). The idle thread does not keep the process alive.
 */
export function startThemeWorker(): ThemeWorker {
  const worker = new Worker(new URL('./theme-worker.js', import.meta.url));
  worker.unref();
  const themeLayer: BackgroundThemeLayer = (job, trigrams) => {
    worker.ref();
    const stopped = new Promise<never>((_resolve, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the theme-layer worker stopped early (exit code ${code})`)));
    });
    // Observed at once, so a failure while this thread is busy is not reported as unhandled.
    stopped.catch(() => undefined);
    // The term numbers, the texts for the trigram sets and the sets themselves are in shared memory
    // (read or written there in place, read here); the skip list is moved.
    const message: ThemeLayerJob = { job, trigrams };
    worker.postMessage(message, [job.skip.buffer] as ArrayBuffer[]);
    return {
      themesOf: (groupOfDoc, groupCount, themeThreshold) => {
        const answer = new Promise<Int32Array>((resolve) => worker.once('message', resolve));
        const message: ThemeLayerGroups = { groupOfDoc, groupCount, themeThreshold };
        worker.postMessage(message, [groupOfDoc.buffer] as ArrayBuffer[]);
        return Promise.race([answer, stopped]).finally(() => void worker.terminate());
      },
    };
  };
  return { themeLayer, stop: () => void worker.terminate() };
}
