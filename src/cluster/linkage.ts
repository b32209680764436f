/** Undirected weighted edges between nodes, as parallel arrays. */
export interface Edges {
  count: number;
  a: Int32Array;
  b: Int32Array;
  weight: Float32Array;
}

/**
 * Average-link agglomerative clustering over a sparse similarity graph. Two clusters merge while
 * the mean similarity over *all* their member pairs reaches the threshold, counting pairs with no
 * edge as 0 — so a chain a~b~c does not pull a and c together unless they are similar too (the
 * failure of single-link). Ties break on the smaller node index, so results do not depend on
 * edge order. Returns, for each node, its cluster's smallest node index.
 */
export function averageLinkage(nodes: number, edges: Edges, threshold: number, sizes?: Int32Array): Int32Array {
  // With sizes, each node stands for that many items and edge weights are sums over their item
  // pairs, so linkage stays the mean item-to-item similarity (themes continue from groups this way).
  const size = sizes ? Int32Array.from(sizes) : new Int32Array(nodes).fill(1);
  const version = new Int32Array(nodes);
  const rep = Int32Array.from({ length: nodes }, (_, i) => i);
  const neighbours: Map<number, number>[] = Array.from({ length: nodes }, () => new Map());
  const heap = new MergeHeap();

  for (let e = 0; e < edges.count; e++) {
    const [x, y] = order(edges.a[e], edges.b[e]);
    if (x === y) continue;
    const weight = edges.weight[e];
    neighbours[x].set(y, (neighbours[x].get(y) ?? 0) + weight);
    neighbours[y].set(x, (neighbours[y].get(x) ?? 0) + weight);
  }
  for (let x = 0; x < nodes; x++) {
    for (const [y, sum] of neighbours[x]) {
      const link = sum / (size[x] * size[y]);
      if (x < y && link >= threshold) heap.push({ link, x, y, vx: 0, vy: 0 });
    }
  }

  for (let top = heap.pop(); top; top = heap.pop()) {
    if (top.link < threshold) break;
    if (version[top.x] !== top.vx || version[top.y] !== top.vy || rep[top.x] !== top.x || rep[top.y] !== top.y) continue;
    const keep = top.x;
    const gone = top.y;
    rep[gone] = keep;
    size[keep] += size[gone];
    version[keep]++;
    const keptLinks = neighbours[keep];
    keptLinks.delete(gone);
    for (const [other, sum] of neighbours[gone]) {
      if (other === keep) continue;
      keptLinks.set(other, (keptLinks.get(other) ?? 0) + sum);
      const links = neighbours[other];
      links.delete(gone);
      links.set(keep, (links.get(keep) ?? 0) + sum);
    }
    neighbours[gone] = new Map();
    for (const [other, sum] of keptLinks) {
      const link = sum / (size[keep] * size[other]);
      if (link < threshold) continue;
      const [x, y] = order(keep, other);
      heap.push({ link, x, y, vx: version[x], vy: version[y] });
    }
  }
  return resolveRepresentatives(rep);
}

function order(a: number, b: number): [number, number] {
  return a < b ? [a, b] : [b, a];
}

/** Merged nodes point at the node they merged into; follow the chain to the surviving one. */
function resolveRepresentatives(rep: Int32Array): Int32Array {
  const out = new Int32Array(rep.length);
  for (let i = 0; i < rep.length; i++) {
    let r = i;
    while (rep[r] !== r) r = rep[r];
    out[i] = r;
  }
  return out;
}

interface MergeCandidate {
  link: number;
  x: number;
  y: number;
  vx: number;
  vy: number;
}

/** Max-heap on link; equal links pop in (x, y) order so merges are reproducible. */
class MergeHeap {
  private items: MergeCandidate[] = [];

  push(item: MergeCandidate): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): MergeCandidate | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < items.length && before(items[left], items[best])) best = left;
        if (right < items.length && before(items[right], items[best])) best = right;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }
}

function before(p: MergeCandidate, q: MergeCandidate): boolean {
  if (p.link !== q.link) return p.link > q.link;
  if (p.x !== q.x) return p.x < q.x;
  return p.y < q.y;
}
