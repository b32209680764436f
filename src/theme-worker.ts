/**
 * Worker-thread entry for the theme layer (see src/parallel.ts). It is started before there is any
 * work, so its start-up overlaps reading and normalising the input. The first message is the
 * topic nearest-neighbour search (the items' term numbers, from which it builds the topic vectors), run at once; the second holds the near-duplicate groups, formed
 * meanwhile by the main thread. The topic pairs never leave this thread: they are linked into
 * themes here, and only each group's representative group is posted back (its buffer moved, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { themesOverGroups } from './cluster/index.js';
import type { ThemeLayerGroups } from './parallel.js';
import { runNeighbourJob, type NeighbourJob, type ScoredPairs } from './similarity/index.js';

let topicPairs: ScoredPairs | undefined;

parentPort!.on('message', (message: NeighbourJob | ThemeLayerGroups) => {
  if ('terms' in message) {
    topicPairs = runNeighbourJob(message);
    return;
  }
  const themeRepOf = themesOverGroups(message.groupOfDoc, message.groupCount, topicPairs!, message.themeThreshold);
  parentPort!.postMessage(themeRepOf, [themeRepOf.buffer as ArrayBuffer]);
});
