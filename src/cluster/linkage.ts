import { growableArray, grownArray } from '../growable.js';

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
 * edge order. Returns, for each node, its cluster's smallest node index. `constraints` (see
 * LinkConstraints) force or forbid some pairs; without them nothing changes. `completion` (see
 * NearMissCompletion) scores the missing pairs of links just under the threshold.
 */
export function averageLinkage(
  nodes: number,
  edges: Edges,
  threshold: number,
  sizes?: Int32Array,
  constraints?: LinkConstraints,
  completion?: NearMissCompletion,
): Int32Array {
  // With sizes, each node stands for that many items and edge weights are sums over their item
  // pairs, so linkage stays the mean item-to-item similarity (themes continue from groups this way).
  const size = sizes ? Int32Array.from(sizes) : new Int32Array(nodes).fill(1);
  const rep = Int32Array.from({ length: nodes }, (_, i) => i);
  const graph = new ClusterGraph(rep, edges);
  const heap = new MergeHeap();
  // A link is the mean over the two clusters' item pairs of the summed weight between them.
  const meanOf = (sum: number, x: number, y: number) => sum / (size[x] * size[y]);
  const linkOf = (x: number, y: number) => meanOf(graph.sum(x, y), x, y);
  // Without completion nothing below the threshold is queued; with it, near misses are too.
  const floor = completion ? threshold * completion.floorShare : threshold;
  const members = completion ? new MemberLists(nodes) : undefined;

  for (let e = 0; e < edges.count; e++) {
    const x = edges.a[e];
    const y = edges.b[e];
    if (x !== y) graph.add(x, y, edges.weight[e]);
  }
  let apart: CannotLinks | undefined;
  // About how many queued entries name a cluster merged away: each of the gone cluster's links may
  // have one. Once they are an eighth of the queue, they are dropped all at once (see STALE_SHARE).
  let staleGuess = 0;
  const bothLive = (x: number, y: number) => rep[x] === x && rep[y] === y;
  const merge = (x: number, y: number) => {
    // The node with more neighbours survives, so each merge costs the smaller neighbour list.
    const [keep, gone] = graph.degree(y) > graph.degree(x) ? [y, x] : [x, y];
    staleGuess += graph.degree(gone);
    rep[gone] = keep;
    size[keep] += size[gone];
    members?.join(keep, gone);
    apart?.merged(keep, gone);
    graph.take(keep, gone);
    graph.forEachNeighbour(gone, (other) => {
      if (other === keep) return;
      const sum = graph.add(keep, other, graph.take(gone, other));
      pushIfLinked(heap, Math.min(keep, other), Math.max(keep, other), meanOf(sum, keep, other), floor);
    });
    graph.clear(gone);
  };
  // Must-links are merged before anything else, as any merge is (their links summed); the heap is
  // filled after them, so it holds only live clusters.
  for (const [x, y] of constraints?.mustLink ?? []) {
    const [rx, ry] = [rootOf(rep, x), rootOf(rep, y)];
    if (rx !== ry) merge(rx, ry);
  }
  if (constraints && constraints.cannotLink.length > 0) apart = new CannotLinks(rep, constraints.cannotLink);
  heap.clear();
  for (let x = 0; x < nodes; x++) {
    if (rep[x] !== x) continue;
    graph.forEachNeighbour(x, (y) => {
      if (x < y) pushIfLinked(heap, x, y, linkOf(x, y), floor);
    });
  }

  // Entries are lazy: a merge only pushes the links it raised; a link lowered by a cluster's growth
  // is found stale when popped and pushed again at its current value. Every entry is at least its
  // pair's current link, so a popped entry that is current is the best merge.
  while (heap.pop()) {
    const { topLink: link, topX: x, topY: y } = heap;
    if (link < floor) break;
    if (!bothLive(x, y)) {
      staleGuess--;
      continue;
    }
    const current = linkOf(x, y);
    if (current !== link) {
      pushIfLinked(heap, x, y, current, floor);
      continue;
    }
    // Clusters only grow, so a merge refused once stays refused: the entry is simply dropped.
    if (apart?.forbids(x, y)) continue;
    // A near miss merges only if its exact mean reaches the threshold. Refused, it is dropped: it
    // comes back, re-queued by merge(), only when one of its clusters grows.
    if (link < threshold && !completion!.reaches(x, y, graph.sum(x, y), size, members!, threshold)) continue;
    merge(x, y);
    if (staleGuess > heap.length * STALE_SHARE) {
      heap.keepOnly(bothLive);
      staleGuess = 0;
    }
  }
  return smallestMemberOf(rep);
}

/**
 * Entries naming a cluster merged away are only skipped when popped, and on large inputs they are
 * most of what is popped (two in three at a million items: 40 of 59 million), each pop a walk down
 * a heap too large for the caches, about half a microsecond. Dropping them in one pass and
 * rebuilding the heap costs a few nanoseconds an entry, so once they are about this share of the
 * queue that is cheaper. Each drop is paid for by the merges that made the entries stale (a
 * share of the queue must go stale again before the next). Which merges happen, and in what
 * order, is unchanged: a dropped entry would have been popped and skipped.
 */
const STALE_SHARE = 1 / 8;

/**
 * Pairs of nodes that must, or must not, end in one cluster. Must-links win over the threshold:
 * their nodes are merged before average-link starts. Cannot-links refuse any merge that would put
 * their two nodes in one cluster; when must-links join a cannot-link pair anyway, the must-links
 * win (callers drop such contradictions first).
 */
export interface LinkConstraints {
  mustLink: readonly (readonly [number, number])[];
  cannotLink: readonly (readonly [number, number])[];
}

/**
 * Average-link over a sparse graph counts a pair with no edge as 0, so a cluster pair's link is a
 * lower bound on its true mean whenever some of its item pairs were never scored (they fell below
 * the search's floor). Near misses — links between `floorShare` × threshold and the threshold — are
 * completed: the missing pairs are scored and the merge happens if the exact mean reaches the
 * threshold. Products of sizes over `maxPairs` are not completed, to bound the cost.
 */
export class NearMissCompletion {
  /** How many near misses were completed, and how many of them merged (for tests and measurements). */
  completed = 0;
  merged = 0;
  // A refused pair can be queued twice at one link (once under each of its old names); clusters
  // only grow, so the same size product means the same two clusters, already refused.
  private readonly refused = new RefusedMerges();

  constructor(
    readonly floorShare: number,
    private readonly maxPairs: number,
    /** The summed score of the cross pairs of two member lists that have no edge. */
    private readonly missingSum: (xs: readonly number[], ys: readonly number[]) => number,
  ) {}

  reaches(x: number, y: number, edgeSum: number, size: Int32Array, members: MemberLists, threshold: number): boolean {
    const pairs = size[x] * size[y];
    // Two single items with a link were scored: their link is exact already.
    if (pairs === 1 || pairs > this.maxPairs) return false;
    if (this.refused.productOf(x, y) === pairs) return false;
    this.completed++;
    const reached = (edgeSum + this.missingSum(members.of(x), members.of(y))) / pairs >= threshold;
    if (reached) this.merged++;
    else this.refused.set(x, y, pairs);
    return reached;
  }
}

/**
 * Each refused cluster pair's size product, in an open-addressing table of typed arrays: a million
 * items refuse millions of near misses, and a Map boxed every key (a pair's key is past the small
 * integers) for the garbage collector to trace.
 */
export class RefusedMerges {
  /** Slot s holds a pair's key (or EMPTY) and the size product it was refused at. */
  private keys: Float64Array;
  private products: Int32Array;
  /** A pair's home slot is the top `bits` bits of its hash (the best mixed). */
  private bits: number;
  private count = 0;

  constructor(bits = 10) {
    this.bits = bits;
    this.keys = new Float64Array(2 ** bits);
    this.products = new Int32Array(2 ** bits);
  }

  /** How many pairs are held. */
  get size(): number {
    return this.count;
  }

  /** The size product (x, y) was last refused at; 0 when never refused. */
  productOf(x: number, y: number): number {
    const slot = this.slotOf(pairKey(x, y));
    return this.keys[slot] === EMPTY ? 0 : this.products[slot];
  }

  set(x: number, y: number, product: number): void {
    const key = pairKey(x, y);
    let slot = this.slotOf(key);
    if (this.keys[slot] === EMPTY) {
      // Kept at most half full, so probes stay short.
      if (2 * (this.count + 1) > this.keys.length) {
        this.grow();
        slot = this.slotOf(key);
      }
      this.keys[slot] = key;
      this.count++;
    }
    this.products[slot] = product;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = pairHash(firstOf(key), secondOf(key)) >>> (32 - this.bits);
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const [keys, products] = [this.keys, this.products];
    this.bits++;
    this.keys = new Float64Array(2 * keys.length);
    this.products = new Int32Array(2 * keys.length);
    for (let s = 0; s < keys.length; s++) {
      if (keys[s] === EMPTY) continue;
      const slot = this.slotOf(keys[s]);
      this.keys[slot] = keys[s];
      this.products[slot] = products[s];
    }
  }
}

/** Each live cluster's members as a linked list through typed arrays: joining two costs O(1). */
class MemberLists {
  private readonly next: Int32Array;
  private readonly tail: Int32Array;

  constructor(nodes: number) {
    this.next = new Int32Array(nodes).fill(-1);
    this.tail = Int32Array.from({ length: nodes }, (_, i) => i);
  }

  join(keep: number, gone: number): void {
    this.next[this.tail[keep]] = gone;
    this.tail[keep] = this.tail[gone];
  }

  /** The members of a live cluster, smallest first. */
  of(cluster: number): number[] {
    const out: number[] = [];
    for (let node = cluster; node >= 0; node = this.next[node]) out.push(node);
    return out.sort((a, b) => a - b);
  }
}

function rootOf(rep: Int32Array, node: number): number {
  let r = node;
  while (rep[r] !== r) r = rep[r];
  return r;
}

/**
 * The cannot-link pairs, checked only when both clusters of a merge hold a constrained node (a
 * flag per cluster, carried to the survivor), so a run with a few constraints pays one typed-array
 * read per merge; only then are the pairs' clusters looked up.
 */
class CannotLinks {
  private readonly flagged: Uint8Array;

  constructor(private readonly rep: Int32Array, private readonly pairs: readonly (readonly [number, number])[]) {
    this.flagged = new Uint8Array(rep.length);
    for (const [a, b] of pairs) this.flagged[rootOf(rep, a)] = this.flagged[rootOf(rep, b)] = 1;
  }

  merged(keep: number, gone: number): void {
    this.flagged[keep] |= this.flagged[gone];
  }

  /** Would merging live clusters x and y put a cannot-link pair together? */
  forbids(x: number, y: number): boolean {
    if (!this.flagged[x] || !this.flagged[y]) return false;
    for (const [a, b] of this.pairs) {
      const [ra, rb] = [rootOf(this.rep, a), rootOf(this.rep, b)];
      if ((ra === x && rb === y) || (ra === y && rb === x)) return true;
    }
    return false;
  }
}

function pushIfLinked(heap: MergeHeap, x: number, y: number, link: number, threshold: number): void {
  if (link >= threshold) heap.push(link, x, y);
}

/** Merged nodes point at the node they merged into: follow each chain, then name every cluster by its smallest member. */
function smallestMemberOf(rep: Int32Array): Int32Array {
  const root = new Int32Array(rep.length);
  const smallest = new Int32Array(rep.length).fill(-1);
  for (let i = 0; i < rep.length; i++) {
    const r = (root[i] = rootOf(rep, i));
    if (smallest[r] === -1) smallest[r] = i;
  }
  return root.map((r) => smallest[r]);
}

/**
 * Two node numbers as one exact double, ordered as (x, y) are: heap entries and table slots hold
 * a pair in one number, so each holds all it needs in one place in memory (on large inputs the
 * heap and the table outgrow the caches, and every separate array read is a miss).
 */
const PAIR_SCALE = 2 ** 26;

function pairKey(x: number, y: number): number {
  return x * PAIR_SCALE + y;
}

function firstOf(key: number): number {
  return Math.floor(key / PAIR_SCALE);
}

function secondOf(key: number): number {
  return key - firstOf(key) * PAIR_SCALE;
}

/** A pair's 32-bit hash, unsigned; its high bits are the best mixed. */
function pairHash(x: number, y: number): number {
  return (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) >>> 0;
}

/**
 * Max-heap on link; equal links pop in (x, y) order so merges are reproducible. Each entry is two
 * doubles side by side, its link and its pair key: a low threshold can queue millions, and objects
 * would cost the GC dearly.
 */
export class MergeHeap {
  private entries = growableArray(Float64Array, 2 * 1024);
  private size = 0;

  /** The entry the last pop() removed. */
  topLink = 0;
  topX = 0;
  topY = 0;

  push(link: number, x: number, y: number): void {
    if (2 * this.size === this.entries.length) this.grow();
    const key = pairKey(x, y);
    const entries = this.entries;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (beats(entries, parent, link, key)) break;
      entries[2 * i] = entries[2 * parent];
      entries[2 * i + 1] = entries[2 * parent + 1];
      i = parent;
    }
    entries[2 * i] = link;
    entries[2 * i + 1] = key;
  }

  clear(): void {
    this.size = 0;
  }

  /** How many entries are queued. */
  get length(): number {
    return this.size;
  }

  /** Removes the best entry into topLink/topX/topY (no object per pop); false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const entries = this.entries;
    this.topLink = entries[0];
    this.topX = firstOf(entries[1]);
    this.topY = secondOf(entries[1]);
    const last = --this.size;
    this.siftDown(0, entries[2 * last], entries[2 * last + 1]);
    return true;
  }

  /** Drops every entry whose pair `keep` refuses, then restores the heap order (bottom up, linear time). */
  keepOnly(keep: (x: number, y: number) => boolean): void {
    const entries = this.entries;
    let kept = 0;
    for (let i = 0; i < this.size; i++) {
      const key = entries[2 * i + 1];
      if (!keep(firstOf(key), secondOf(key))) continue;
      entries[2 * kept] = entries[2 * i];
      entries[2 * kept++ + 1] = key;
    }
    this.size = kept;
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.siftDown(i, entries[2 * i], entries[2 * i + 1]);
  }

  /** Puts (link, key) at slot `start` or below it, moving better children up, among the first `size` entries. */
  private siftDown(start: number, link: number, key: number): void {
    const entries = this.entries;
    const size = this.size;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const best = right < size && beats(entries, right, entries[2 * left], entries[2 * left + 1]) ? right : left;
      if (!beats(entries, best, link, key)) break;
      entries[2 * i] = entries[2 * best];
      entries[2 * i + 1] = entries[2 * best + 1];
      i = best;
    }
    entries[2 * i] = link;
    entries[2 * i + 1] = key;
  }

  private grow(): void {
    this.entries = grownArray(this.entries, this.entries.length + 1);
  }
}

/** Does entry j come before (link, key)? */
function beats(entries: Float64Array, j: number, link: number, key: number): boolean {
  const other = entries[2 * j];
  if (other !== link) return other > link;
  return entries[2 * j + 1] < key;
}

/**
 * The links between live clusters: each linked pair's summed weight in one open-addressing table
 * (no Map per node, no object per link), and each node's neighbours in a list that may keep ids
 * of clusters merged away since — readers skip those. Pairs are only ever moved from a merged
 * cluster to its survivor, so the table never holds more pairs than the input had edges.
 *
 * Neighbours are visited in the order their links were made, and sums are added in the order
 * edges and merges arrive: the floating-point results, and so the ties, are reproducible.
 */
class ClusterGraph {
  /** Slot s is entries[2s] (the pair's key, or EMPTY) and entries[2s + 1] (its summed weight). */
  private readonly entries: Float64Array;
  private readonly capacity: number;
  private readonly degrees: Int32Array;
  private readonly lists: NeighbourLists;

  /** rep[node] === node while the node is a live cluster; `edges` are the links to come. */
  constructor(rep: Int32Array, edges: Edges) {
    if (rep.length > PAIR_SCALE) throw new Error(`average linkage takes at most ${PAIR_SCALE} nodes, not ${rep.length}`);
    // Sized to the edges, not rounded up to a power of two: the table is most of the linkage's
    // memory (16 bytes a slot), and doubling past 2 × the edges left it 25–50 % full.
    this.capacity = Math.max(16, Math.ceil(edges.count / MAX_LOAD));
    this.entries = new Float64Array(2 * this.capacity);
    this.degrees = new Int32Array(rep.length);
    this.lists = new NeighbourLists(rep, edgeEnds(rep.length, edges));
  }

  degree(node: number): number {
    return this.degrees[node];
  }

  /** The summed weight between x and y (0 when unlinked). */
  sum(x: number, y: number): number {
    const slot = this.find(Math.min(x, y), Math.max(x, y));
    return this.entries[2 * slot] === EMPTY ? 0 : this.entries[2 * slot + 1];
  }

  /** Adds weight to the x–y link, making the link (and each side's neighbour entry) if new; returns the link's sum. */
  add(x: number, y: number, weight: number): number {
    const low = Math.min(x, y);
    const high = Math.max(x, y);
    const slot = this.find(low, high);
    if (this.entries[2 * slot] !== EMPTY) return (this.entries[2 * slot + 1] += weight);
    this.entries[2 * slot] = pairKey(low, high);
    this.entries[2 * slot + 1] = 0 + weight;
    this.degrees[x]++;
    this.degrees[y]++;
    this.lists.append(x, y);
    this.lists.append(y, x);
    return this.entries[2 * slot + 1];
  }

  /** Removes the x–y link and returns its sum; the neighbour entries go stale and are skipped. */
  take(x: number, y: number): number {
    const entries = this.entries;
    let slot = this.find(Math.min(x, y), Math.max(x, y));
    if (entries[2 * slot] === EMPTY) return 0;
    const sum = entries[2 * slot + 1];
    this.degrees[x]--;
    this.degrees[y]--;
    // Backward-shift deletion: later entries of the probe run move up, so no tombstones pile up.
    for (let next = this.after(slot); entries[2 * next] !== EMPTY; next = this.after(next)) {
      const key = entries[2 * next];
      const home = this.home(firstOf(key), secondOf(key));
      const between = slot <= next ? slot < home && home <= next : slot < home || home <= next;
      if (between) continue;
      entries[2 * slot] = key;
      entries[2 * slot + 1] = entries[2 * next + 1];
      slot = next;
    }
    entries[2 * slot] = EMPTY;
    return sum;
  }

  /** Calls visit for each live neighbour of node, in the order the links were made. visit must not link node itself. */
  forEachNeighbour(node: number, visit: (neighbour: number) => void): void {
    this.lists.forEachLive(node, visit);
  }

  clear(node: number): void {
    this.lists.clear(node);
  }

  /** The pair's first slot: its 32-bit hash scaled to the table (the hash's high bits, its best mixed). */
  private home(x: number, y: number): number {
    return Math.floor((pairHash(x, y) / 4294967296) * this.capacity);
  }

  private after(slot: number): number {
    return slot + 1 === this.capacity ? 0 : slot + 1;
  }

  /** The slot holding x < y, or the empty slot where it would go. */
  private find(x: number, y: number): number {
    const key = pairKey(x, y);
    let slot = this.home(x, y);
    while (this.entries[2 * slot] !== EMPTY && this.entries[2 * slot] !== key) slot = this.after(slot);
    return slot;
  }
}

/**
 * The most of the pair table's slots in use: it never holds more pairs than the input's edges. Linear
 * probing stays short up to here (about 1.75 probes to find a pair, 3.6 to find none, when full).
 */
const MAX_LOAD = 0.6;

/** An empty slot's key: no pair has key 0, as x < y makes y at least 1; a new table is all empty with nothing to fill. */
const EMPTY = 0;

/** How many edges end at each node (a loop counts none): the most neighbours it can have before any merge. */
function edgeEnds(nodes: number, edges: Edges): Int32Array {
  const ends = new Int32Array(nodes);
  for (let e = 0; e < edges.count; e++) {
    if (edges.a[e] === edges.b[e]) continue;
    ends[edges.a[e]]++;
    ends[edges.b[e]]++;
  }
  return ends;
}

/**
 * One growable list of neighbour ids per node, all in one pooled array: a list that fills up
 * first drops its stale entries (clusters merged away), and only then moves to a larger block.
 * Each list starts with room for its node's edges, so loading them moves no list: grown from
 * empty, the blocks a list outgrew were left behind in the pool, about twice what it holds.
 */
class NeighbourLists {
  private pool: Int32Array;
  private used = 0;
  private readonly start: Int32Array;
  private readonly length: Int32Array;
  private readonly capacity: Int32Array;

  constructor(
    private readonly rep: Int32Array,
    room: Int32Array,
  ) {
    this.start = new Int32Array(rep.length);
    this.length = new Int32Array(rep.length);
    this.capacity = room;
    for (let node = 0; node < rep.length; node++) {
      this.start[node] = this.used;
      this.used += room[node];
    }
    this.pool = growableArray(Int32Array, Math.max(1024, this.used));
  }

  append(node: number, neighbour: number): void {
    if (this.length[node] === this.capacity[node]) this.makeRoom(node);
    this.pool[this.start[node] + this.length[node]++] = neighbour;
  }

  forEachLive(node: number, visit: (neighbour: number) => void): void {
    // The pool may be replaced while visiting (other lists grow); this list's place in it stays.
    for (let i = 0; i < this.length[node]; i++) {
      const neighbour = this.pool[this.start[node] + i];
      if (this.rep[neighbour] === neighbour) visit(neighbour);
    }
  }

  clear(node: number): void {
    this.length[node] = 0;
  }

  private makeRoom(node: number): void {
    const from = this.start[node];
    let live = 0;
    for (let i = from; i < from + this.length[node]; i++) if (this.rep[this.pool[i]] === this.pool[i]) this.pool[from + live++] = this.pool[i];
    this.length[node] = live;
    if (live < this.capacity[node]) return;
    const capacity = Math.max(4, 2 * live);
    if (this.used + capacity > this.pool.length) this.pool = grownArray(this.pool, this.used + capacity);
    this.pool.copyWithin(this.used, from, from + live);
    this.start[node] = this.used;
    this.capacity[node] = capacity;
    this.used += capacity;
  }
}
