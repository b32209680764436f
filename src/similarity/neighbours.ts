import type { ScoredPairs } from './candidates.js';

/**
 * The pairs that are among either side's `k` strongest (by score; ties to the earlier pair), in
 * their original order. Topic similarity is dense — at a theme-level cut most items touch
 * hundreds of others — and a k-nearest-neighbour graph keeps what decides a theme (each item's
 * closest topics) at a fraction of the edges, so theme linkage stays fast on large inputs.
 */
export function nearestNeighbourPairs(pairs: ScoredPairs, docs: number, k: number): ScoredPairs {
  const incident = pairsByDocument(pairs, docs);
  const kept = new Uint8Array(pairs.count);
  for (let doc = 0; doc < docs; doc++) {
    const mine = incident.pairs.subarray(incident.offsets[doc], incident.offsets[doc + 1]);
    if (mine.length <= k) {
      for (const i of mine) kept[i] = 1;
      continue;
    }
    const strongest = Array.from(mine).sort((i, j) => pairs.score[j] - pairs.score[i] || i - j);
    for (let n = 0; n < k; n++) kept[strongest[n]] = 1;
  }
  return selectPairs(pairs, kept);
}

/** Pair indices grouped by the documents they touch (each pair listed under both its ends). */
function pairsByDocument(pairs: ScoredPairs, docs: number): { offsets: Int32Array; pairs: Int32Array } {
  const offsets = new Int32Array(docs + 1);
  for (let i = 0; i < pairs.count; i++) {
    offsets[pairs.a[i] + 1]++;
    offsets[pairs.b[i] + 1]++;
  }
  for (let doc = 0; doc < docs; doc++) offsets[doc + 1] += offsets[doc];
  const fill = offsets.slice(0, docs);
  const byDoc = new Int32Array(2 * pairs.count);
  for (let i = 0; i < pairs.count; i++) {
    byDoc[fill[pairs.a[i]]++] = i;
    byDoc[fill[pairs.b[i]]++] = i;
  }
  return { offsets, pairs: byDoc };
}

function selectPairs(pairs: ScoredPairs, kept: Uint8Array): ScoredPairs {
  const index: number[] = [];
  kept.forEach((on, i) => on && index.push(i));
  const pick = <T extends Int32Array | Float32Array>(from: T, to: T) => {
    index.forEach((i, n) => (to[n] = from[i]));
    return to;
  };
  const n = index.length;
  return {
    count: n,
    a: pick(pairs.a, new Int32Array(n)),
    b: pick(pairs.b, new Int32Array(n)),
    score: pick(pairs.score, new Float32Array(n)),
    cosine: pick(pairs.cosine, new Float32Array(n)),
    chars: pick(pairs.chars, new Float32Array(n)),
  };
}
