/**
 * Worker-thread entry: runs one topic nearest-neighbour search (see src/parallel.ts) and posts
 * the pairs back, their buffers transferred rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nearestNeighbourSearch } from './neighbours.js';
import type { SparseVectors } from './vectors.js';

interface WorkerJob {
  vectors: Omit<SparseVectors, 'features'>;
  skip: Uint8Array;
  settings: { maxIndexDocShare: number; minScore: number; k: number };
}

const job = workerData as WorkerJob;
const pairs = nearestNeighbourSearch({ ...job.vectors, features: [] }, (doc) => job.skip[doc] === 1, job.settings);
parentPort!.postMessage(pairs, [pairs.a.buffer, pairs.b.buffer, pairs.score.buffer, pairs.cosine.buffer, pairs.chars.buffer] as ArrayBuffer[]);
