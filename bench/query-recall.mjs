#!/usr/bin/env node
// `recdedup query` on the whole PFD concerns file (issue 6, part 4): for each labelled DUP pair of
// the dev set, does querying with one member's text return the other in the top 5 (both
// directions)? And how long do loading an index and one query take?
//
//   npm run build && node bench/query-recall.mjs [path/to/shared]
//
// Prints counts, shares and times only — never a text, id or source: the data names people who died.
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { analyse, buildReport, corpusFromAnalysis, createNormaliser, createQuerySearcher, decodeIndex, DEFAULT_OPTIONS, encodeIndex, ingestFiles, parseAliasTables } from '../dist/index.js';

const SHARED = process.argv[2] ? new URL(`file://${process.argv[2].replace(/\/?$/, '/')}`) : new URL('../../shared/', import.meta.url);
const ALIASES = readFileSync(new URL('../data/aliases.tsv', import.meta.url), 'utf8');
const TOP = 5;
const LOADS = 7;
const options = DEFAULT_OPTIONS;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => `${value.toFixed(1)} ms`;
const share = (n, d) => `${n}/${d} = ${((100 * n) / d).toFixed(1)} %`;

// The corpus and its index, as `recdedup index` makes them with default options.
const started = performance.now();
const bytes = readFileSync(new URL('data/pfd_concerns_split.csv', SHARED));
const { records } = ingestFiles([{ name: 'pfd_concerns_split.csv', bytes }], {});
const normaliser = createNormaliser(parseAliasTables([ALIASES]));
const analysis = analyse(records, normaliser, options);
const report = buildReport(records, analysis, { version: 'bench', skipped: 0, options, normaliser });
const corpus = corpusFromAnalysis(analysis, report, normaliser, [ALIASES]);
const dir = mkdtempSync(join(tmpdir(), 'recdedup-query-bench-'));
const indexPath = join(dir, 'pfd.idx');
const encoded = encodeIndex(corpus, 'bench');
writeFileSync(indexPath, encoded);
console.log(`corpus: ${records.length.toLocaleString('en-GB')} items analysed and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s; index file ${(encoded.length / 2 ** 20).toFixed(1)} MB`);

// Loading: read the file, check and decode it, build the searcher (feature lookup, normaliser) — all query --index does before searching.
const loadTimes = [];
let searcher;
for (let i = 0; i < LOADS; i++) {
  const t0 = performance.now();
  searcher = createQuerySearcher(decodeIndex(await readFile(indexPath), indexPath));
  loadTimes.push(performance.now() - t0);
}
rmSync(dir, { recursive: true, force: true });
console.log(`index load: median ${ms(median(loadTimes))} over ${LOADS} loads (first ${ms(loadTimes[0])}, max ${ms(Math.max(...loadTimes))})`);

// Recall of labelled pairs in the top 5 (and, for context, 10 and 20), each direction; the
// query's own item is listed too and counts as one of the 5.
const textOf = new Map(parse(bytes, { columns: true, bom: true }).map((row) => [row.id, row.text]));
const idOfDoc = corpus.records.map((r) => r.id);
const pairs = parse(readFileSync(new URL('eval/pfd_pairs_dev.csv', SHARED)), { columns: true, bom: true });
const DEPTHS = [TOP, 10, 20];
const queryTimes = [];
/** The other member's rank (1-based) among the first 20 results, or Infinity. */
const rankOf = (from, to) => {
  const t0 = performance.now();
  const { hits } = searcher.search(textOf.get(from), TOP);
  queryTimes.push(performance.now() - t0);
  const deeper = searcher.search(textOf.get(from), Math.max(...DEPTHS)).hits;
  const rank = deeper.findIndex((h) => idOfDoc[h.doc] === to) + 1;
  // The top-5 list is the first 5 of the deeper one (the same candidates are rescored).
  if (hits.some((h) => idOfDoc[h.doc] === to) !== (rank >= 1 && rank <= TOP)) throw new Error('top-5 list is not a prefix of the deeper list');
  return rank || Infinity;
};
const byLabel = new Map();
for (const pair of pairs) {
  if (!textOf.has(pair.id1) || !textOf.has(pair.id2)) {
    console.log(`a ${pair.label} pair names an id missing from the data: left out`);
    continue;
  }
  const tally = byLabel.get(pair.label) ?? { pairs: 0, forward: [], backward: [] };
  tally.pairs++;
  tally.forward.push(rankOf(pair.id1, pair.id2));
  tally.backward.push(rankOf(pair.id2, pair.id1));
  byLabel.set(pair.label, tally);
}
const within = (ranks, depth) => ranks.filter((r) => r <= depth).length;
for (const [label, t] of [...byLabel].sort()) {
  const n = t.pairs;
  console.log(
    `${label} pairs (${n}): other member in top ${TOP} — id1→id2 ${share(within(t.forward, TOP), n)}, id2→id1 ${share(within(t.backward, TOP), n)}, ` +
      `both directions together ${share(within(t.forward, TOP) + within(t.backward, TOP), 2 * n)}; ` +
      `in top 10 ${share(within(t.forward, 10) + within(t.backward, 10), 2 * n)}, in top 20 ${share(within(t.forward, 20) + within(t.backward, 20), 2 * n)}`,
  );
}
const dup = byLabel.get('DUP');
const pass = dup && within(dup.forward, TOP) / dup.pairs >= 0.9 && within(dup.backward, TOP) / dup.pairs >= 0.9;
console.log(`per query (top ${TOP}): median ${ms(median(queryTimes))}, max ${ms(Math.max(...queryTimes))} over ${queryTimes.length} queries`);
for (const top of [10, 50]) {
  const times = [];
  for (const pair of pairs.slice(0, 40)) {
    if (!textOf.has(pair.id1)) continue;
    const t0 = performance.now();
    searcher.search(textOf.get(pair.id1), top);
    times.push(performance.now() - t0);
  }
  console.log(`per query (top ${top}): median ${ms(median(times))}, max ${ms(Math.max(...times))} over ${times.length} queries`);
}
console.log(pass ? `target met: DUP top-${TOP} recall ≥ 90 % in each direction` : `target missed: DUP top-${TOP} recall below 90 % in a direction`);
process.exitCode = pass ? 0 : 1;
