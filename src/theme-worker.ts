/**
 * Worker-thread entry for the theme layer (see src/parallel.ts). It is started before there is any
 * work, so its start-up overlaps reading and normalising the input. The first message is the
 * topic nearest-neighbour search (the items' term numbers, from which it builds the topic
 * vectors), run at once, after writing the texts' trigram sets for the main thread's pair scores;
 * the second holds the near-duplicate groups, formed meanwhile by the main thread. The topic pairs
 * never leave this thread: they are linked into themes here, and only each group's representative
 * group is posted back (its buffer moved, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { themesOverGroups } from './cluster/index.js';
import type { ThemeLayerGroups, ThemeLayerJob } from './parallel.js';
import { startNeighbourJob, writeTrigramSets, type ScoredPairs } from './similarity/index.js';

let search: (() => ScoredPairs) | undefined;
let topicPairs: ScoredPairs | undefined;

/** The topic pairs, searching first if the search has not run yet. */
const searched = (): ScoredPairs => {
  if (search) {
    topicPairs = search();
    search = undefined;
  }
  return topicPairs!;
};

parentPort!.on('message', (message: ThemeLayerJob | ThemeLayerGroups) => {
  if ('job' in message) {
    // First, as the main thread scores pairs with them soon after (it makes what it needs sooner itself).
    if (message.trigrams) writeTrigramSets(message.trigrams);
    search = startNeighbourJob(message.job);
    // Searched once this handler has returned, so the message, and the term numbers in shared
    // memory with it, can be let go during the search; the groups, if they come first, start it.
    setImmediate(searched);
    return;
  }
  const themeRepOf = themesOverGroups(message.groupOfDoc, message.groupCount, searched(), message.themeThreshold);
  parentPort!.postMessage(themeRepOf, [themeRepOf.buffer as ArrayBuffer]);
});
