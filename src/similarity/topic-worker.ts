/**
 * Worker-thread entry: runs one topic nearest-neighbour search (see src/parallel.ts) and posts
 * the pairs back, their buffers transferred rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runNeighbourJob, type NeighbourJob } from './neighbours.js';

const pairs = runNeighbourJob(workerData as NeighbourJob);
parentPort!.postMessage(pairs, [pairs.a.buffer, pairs.b.buffer, pairs.score.buffer, pairs.cosine.buffer, pairs.chars.buffer] as ArrayBuffer[]);
