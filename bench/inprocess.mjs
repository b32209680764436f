#!/usr/bin/env node
// In-process measurements through the library (dist/index.js), for what the CLI's JSON report
// does not show: the time of each of analyse()'s stages and the pairs each stage kept. Run as a
// child of bench/run.mjs, one task per process, so the timings and peak RSS are its own:
//   node bench/inprocess.mjs stages <table.csv> [--report] [--recall]
//   node bench/inprocess.mjs density <table.csv> <n>…
// Prints one JSON object on stdout.
//
// analyse() takes a StageRunner `(stage, fn) => fn()` as its 4th argument and calls it for each
// of its stages ('normalise', 'vectors', 'pairs', 'topics', 'cluster' at the time of writing);
// the runner here times each call and keeps the pair count of what it returned, whatever the
// stages are called, so the table follows src/pipeline.ts as it changes.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse, buildReport, createNormaliser, DEFAULT_OPTIONS, ingestFiles, parseAliasTables, renderReport } from '../dist/index.js';
import { mulberry32 } from './corpus.mjs';

const ALIASES = new URL('../data/aliases.tsv', import.meta.url);
export const OPTIONS = { ...DEFAULT_OPTIONS, format: 'json', color: false, progress: false };

function timed(fn) {
  const started = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/**
 * A StageRunner that records each stage's seconds (in call order) and its result's pair count,
 * and says on stderr when each stage starts and ends, so that the parent knows how far a run got
 * if it is stopped (time or memory limit) or dies.
 */
function stageTimer() {
  const seconds = {};
  const counts = {};
  const stage = (name, fn) => {
    process.stderr.write(`bench-stage-start ${name}\n`);
    const run = timed(fn);
    seconds[name] = (seconds[name] ?? 0) + run.seconds;
    if (typeof run.value?.count === 'number') counts[name] = run.value.count;
    process.stderr.write(`bench-stage-end ${JSON.stringify({ name, seconds: run.seconds, count: counts[name], rssMb: process.memoryUsage().rss / 2 ** 20 })}\n`);
    return run.value;
  };
  return { seconds, counts, stage };
}

const loadTable = (file) => ingestFiles([{ name: basename(file), bytes: readFileSync(file) }], {});
const loadNormaliser = () => createNormaliser(parseAliasTables([readFileSync(ALIASES, 'utf8')]));

/** Ingest, analyse() stage by stage, and optionally the JSON report and the index's recall. */
async function stagesTask(file, flags) {
  const { seconds, counts, stage } = stageTimer();
  const ingested = stage('ingest', () => loadTable(file));
  const normaliser = loadNormaliser();
  const run = timed(() => analyse(ingested.records, normaliser, OPTIONS, stage));
  const analysis = run.value;
  const result = {
    items: analysis.records.length,
    seconds,
    counts,
    analyseSeconds: run.seconds,
    pairsKept: analysis.pairs.count,
    groups: analysis.clustering.groups.length,
    themes: analysis.clustering.themes.length,
    boilerplate: analysis.boilerplate.length,
  };
  if (flags.includes('--report')) {
    const json = stage('report', () => renderReport(buildReport(ingested.records, analysis, { version: 'bench', skipped: ingested.skippedEmpty, options: OPTIONS, normaliser }), OPTIONS));
    result.reportBytes = Buffer.byteLength(json);
  }
  result.peakRssMb = peakRssMb();
  if (flags.includes('--recall')) result.recall = await indexRecall(analysis);
  return result;
}

/** The index's recall against exact all-pairs; see recall.mjs. Internal modules: may fail as src/ changes. */
async function indexRecall(analysis) {
  try {
    const { againstExact } = await import('./recall.mjs');
    return againstExact(analysis);
  } catch (error) {
    return { error: String(error.message ?? error).split('\n')[0] };
  }
}

/** Candidate pairs per item on random subsets of a table: how pair density grows with size. */
function densityTask(file, sizes) {
  const records = shuffled(loadTable(file).records, mulberry32(7));
  const normaliser = loadNormaliser();
  return sizes.map(Number).map((n) => {
    const { counts, stage } = stageTimer();
    const analysis = analyse(records.slice(0, n), normaliser, OPTIONS, stage);
    return { items: n, pairsKept: analysis.pairs.count, topicPairs: counts.topics };
  });
}

function shuffled(values, rng) {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function main([task, file, ...rest]) {
  if (task === 'stages') return stagesTask(file, rest);
  if (task === 'density') return densityTask(file, rest);
  throw new Error(`unknown task ${task}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await main(process.argv.slice(2)))}\n`);
}
