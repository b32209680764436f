/**
 * Worker-thread entry: waits for one topic nearest-neighbour search (see src/parallel.ts), runs
 * it and posts the pairs back, their buffers transferred rather than copied. The worker is
 * started before the job exists, so its start-up overlaps reading and normalising the input.
 */
import { parentPort } from 'node:worker_threads';
import { runNeighbourJob, type NeighbourJob } from './neighbours.js';

parentPort!.once('message', (job: NeighbourJob) => {
  const pairs = runNeighbourJob(job);
  parentPort!.postMessage(pairs, [pairs.a.buffer, pairs.b.buffer, pairs.score.buffer, pairs.cosine.buffer, pairs.chars.buffer] as ArrayBuffer[]);
});
