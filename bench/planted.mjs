// How well a grouping recovers the planted near-duplicates of a synthetic corpus.
// A planted item i copies the fresh item plantedOf[i]; an item and its copies form a family.
//   recall:    share of planted pairs (i, plantedOf[i]) whose two items share a group;
//   precision: share of the item pairs put in one group that belong to one family — a lower
//              bound, since two fresh items built from the same sentence may rightly be grouped.

/** Pairs (i, plantedOf[i]) among the first n items, and how many share a group in groupOf. */
export function plantedRecall(groupOf, plantedOf, n) {
  let pairs = 0;
  let recovered = 0;
  for (let i = 0; i < n; i++) {
    const j = plantedOf[i];
    if (j < 0) continue;
    pairs++;
    if (groupOf[i] === groupOf[j]) recovered++;
  }
  return { pairs, recovered, recall: pairs ? recovered / pairs : NaN };
}

/** Pairwise precision of groupOf against the planted families, over the first n items. */
export function familyPrecision(groupOf, plantedOf, n) {
  const groupSize = new Map();
  const cellSize = new Map(); // (group, family) → items
  for (let i = 0; i < n; i++) {
    const family = plantedOf[i] < 0 ? i : plantedOf[i];
    groupSize.set(groupOf[i], (groupSize.get(groupOf[i]) ?? 0) + 1);
    const cell = groupOf[i] * n + family;
    cellSize.set(cell, (cellSize.get(cell) ?? 0) + 1);
  }
  const together = sumPairs(groupSize.values());
  const sameFamily = sumPairs(cellSize.values());
  return { together, sameFamily, precision: together ? sameFamily / together : NaN };
}

const sumPairs = (sizes) => {
  let sum = 0;
  for (const k of sizes) sum += (k * (k - 1)) / 2;
  return sum;
};

/** Connected components of n items joined by the pairs (a[k], b[k]) for which keep(k) holds. */
export function components(n, a, b, keep) {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x) => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let k = 0; k < a.length; k++) {
    if (!keep(k)) continue;
    const ra = find(a[k]);
    const rb = find(b[k]);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  return Int32Array.from({ length: n }, (_, i) => find(i));
}
