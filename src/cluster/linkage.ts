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
  const rep = Int32Array.from({ length: nodes }, (_, i) => i);
  const neighbours: Map<number, number>[] = Array.from({ length: nodes }, () => new Map());
  const heap = new MergeHeap();
  const linkOf = (x: number, y: number) => (neighbours[x].get(y) ?? 0) / (size[x] * size[y]);

  for (let e = 0; e < edges.count; e++) {
    const [x, y] = [edges.a[e], edges.b[e]];
    if (x === y) continue;
    neighbours[x].set(y, (neighbours[x].get(y) ?? 0) + edges.weight[e]);
    neighbours[y].set(x, (neighbours[y].get(x) ?? 0) + edges.weight[e]);
  }
  for (let x = 0; x < nodes; x++) {
    for (const y of neighbours[x].keys()) if (x < y) pushIfLinked(heap, x, y, linkOf(x, y), threshold);
  }

  // Entries are lazy: a merge only pushes the links it raised; a link lowered by a cluster's growth
  // is found stale when popped and pushed again at its current value. Every entry is at least its
  // pair's current link, so a popped entry that is current is the best merge.
  for (let top = heap.pop(); top; top = heap.pop()) {
    if (top.link < threshold) break;
    if (rep[top.x] !== top.x || rep[top.y] !== top.y) continue;
    const current = linkOf(top.x, top.y);
    if (current !== top.link) {
      pushIfLinked(heap, top.x, top.y, current, threshold);
      continue;
    }
    // The node with more neighbours survives, so each merge costs the smaller neighbour list.
    const [keep, gone] = neighbours[top.y].size > neighbours[top.x].size ? [top.y, top.x] : [top.x, top.y];
    rep[gone] = keep;
    size[keep] += size[gone];
    const keptLinks = neighbours[keep];
    keptLinks.delete(gone);
    for (const [other, sum] of neighbours[gone]) {
      if (other === keep) continue;
      keptLinks.set(other, (keptLinks.get(other) ?? 0) + sum);
      const links = neighbours[other];
      links.delete(gone);
      links.set(keep, (links.get(keep) ?? 0) + sum);
      pushIfLinked(heap, Math.min(keep, other), Math.max(keep, other), linkOf(keep, other), threshold);
    }
    neighbours[gone] = new Map();
  }
  return smallestMemberOf(rep);
}

function pushIfLinked(heap: MergeHeap, x: number, y: number, link: number, threshold: number): void {
  if (link >= threshold) heap.push({ link, x, y });
}

/** Merged nodes point at the node they merged into: follow each chain, then name every cluster by its smallest member. */
function smallestMemberOf(rep: Int32Array): Int32Array {
  const root = new Int32Array(rep.length);
  const smallest = new Int32Array(rep.length).fill(-1);
  for (let i = 0; i < rep.length; i++) {
    let r = i;
    while (rep[r] !== r) r = rep[r];
    root[i] = r;
    if (smallest[r] === -1) smallest[r] = i;
  }
  return root.map((r) => smallest[r]);
}

interface MergeCandidate {
  link: number;
  x: number;
  y: number;
}

/**
 * Max-heap on link; equal links pop in (x, y) order so merges are reproducible. Entries live in
 * parallel typed arrays: a low threshold can queue millions, and objects would cost the GC dearly.
 */
class MergeHeap {
  private link = new Float64Array(1024);
  private x = new Int32Array(1024);
  private y = new Int32Array(1024);
  private size = 0;

  push(item: MergeCandidate): void {
    if (this.size === this.link.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.beatsEntry(parent, item.link, item.x, item.y)) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, item.link, item.x, item.y);
  }

  pop(): MergeCandidate | undefined {
    if (this.size === 0) return undefined;
    const top = { link: this.link[0], x: this.x[0], y: this.y[0] };
    const last = --this.size;
    const [link, x, y] = [this.link[last], this.x[last], this.y[last]];
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= last) break;
      const right = left + 1;
      const child = right < last && this.beatsEntry(right, this.link[left], this.x[left], this.y[left]) ? right : left;
      if (!this.beatsEntry(child, link, x, y)) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, link, x, y);
    return top;
  }

  /** Does entry j come before (link, x, y)? */
  private beatsEntry(j: number, link: number, x: number, y: number): boolean {
    if (this.link[j] !== link) return this.link[j] > link;
    if (this.x[j] !== x) return this.x[j] < x;
    return this.y[j] < y;
  }

  private move(from: number, to: number): void {
    this.set(to, this.link[from], this.x[from], this.y[from]);
  }

  private set(i: number, link: number, x: number, y: number): void {
    this.link[i] = link;
    this.x[i] = x;
    this.y[i] = y;
  }

  private grow(): void {
    const capacity = this.link.length * 2;
    const link = new Float64Array(capacity);
    const x = new Int32Array(capacity);
    const y = new Int32Array(capacity);
    link.set(this.link);
    x.set(this.x);
    y.set(this.y);
    [this.link, this.x, this.y] = [link, x, y];
  }
}
