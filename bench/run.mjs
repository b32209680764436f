#!/usr/bin/env node
// `npm run bench`: the speed benchmark of issue 5 (the npm script builds first). Measures, on this
// machine, and writes to bench/RESULTS.md with the machine's description:
//   (a) the 4,382 coroners' PFD concerns through the CLI end to end (`themes … --format json`):
//       wall time and peak RSS of the whole process; analyse()'s stages in-process;
//   (b) synthetic corpora of 10k, 100k and 1M items made from the concerns (bench/corpus.mjs);
//   (c) each run through the CLI end to end: wall time, peak RSS, groups, themes, planted
//       near-duplicates recovered (from the JSON report);
//   (d) the same in-process, stage by stage, with the candidate pairs kept (bench/inprocess.mjs);
//   (e) the naive baseline at 2k and 5k items, string-similarity's Dice on every pair
//       (bench/naive.mjs), against the CLI on the same items;
//   (f) with --sklearn, scikit-learn TF-IDF + NearestNeighbors(radius) on 20k items
//       (bench/sklearn_radius.py) against the CLI on the same items;
//   (g) the recall the inverted index gives up against exact all-pairs (bench/recall.mjs).
// Every measurement is a child process under a time and memory guard (bench/child.mjs); a run
// that is stopped or dies is recorded as such in the tables.
//   node bench/run.mjs             full run (about 15–20 minutes; the naive 5k run alone takes 7)
//   node bench/run.mjs --quick     no 1M, one run per size, naive times extrapolated from samples
//                                  of pairs (20 s at 2k, a minute at 5k); prints, writes nothing
//   --sklearn   add (f)            --keep   keep the corpora (os.tmpdir()/recdedup-bench-XXXXXX)
//   --parallel  run the naive baseline alongside the rest: faster, but on this 2-vCPU machine two
//               busy processes slow each other by about 1.5×, so both sides' times inflate
//   --render    no runs: the tables again from the last run's figures (bench/out/last-run.json)
// No text from the data is ever printed or written: the concerns hold the names of people who died.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGuarded, runNode } from './child.mjs';
import * as corpus from './corpus.mjs';
import { loadDice, QUICK_THRESHOLD } from './naive.mjs';
import { familyPrecision, plantedRecall } from './planted.mjs';
import { renderResults } from './render.mjs';
import { scanReport } from './report.mjs';

const path = (relativePath) => fileURLToPath(new URL(relativePath, import.meta.url));
const REPO = path('..');
const BIN = path('../bin/recdedup');
const PFD_FILE = path('../../shared/data/pfd_concerns_split.csv');
const RESULTS = path('RESULTS.md');
/** Every figure of the last run (bench/out/ is git-ignored), for `--render`. */
const MEASUREMENTS = path('out/last-run.json');
const PYTHON = '/usr/bin/python3';

const NAIVE_SIZES = [2000, 5000];
const SKLEARN_SIZE = 20000;
/** Subsets of the PFD concerns whose pair density the corpus section quotes for comparison. */
const PFD_DENSITY_SIZES = [1000, 2000, 4382];
const MINUTE = 60;

const PLANS = {
  full: {
    pfdRuns: 5,
    stageRuns: 3,
    sizes: [10000, 100000, 1000000],
    runs: { 2000: 3, 5000: 3, 10000: 3, 20000: 3, 100000: 3, 1000000: 1 },
    /** A size is run again only while its runs stay this short: medians where cheap. */
    repeatBelowSeconds: 60,
    timeoutSeconds: (size) => (size >= 1000000 ? 15 * MINUTE : size >= 100000 ? 10 * MINUTE : 5 * MINUTE),
    inProcessSizes: [10000, 100000],
    recallSizes: [10000],
    /** Seconds of sampled pairs per naive size; none: every pair. */
    naiveSampleSeconds: {},
  },
  quick: {
    pfdRuns: 3,
    stageRuns: 1,
    sizes: [10000, 100000],
    runs: {},
    repeatBelowSeconds: 0,
    timeoutSeconds: (size) => (size >= 100000 ? MINUTE : 2 * MINUTE),
    inProcessSizes: [10000, 100000],
    recallSizes: [],
    naiveSampleSeconds: { 2000: 20, 5000: MINUTE },
  },
};

/** Each run is stopped past this resident set: well under the machine's memory, above every target. */
const memoryLimitMb = () => Math.min(16 * 1024, (0.7 * os.totalmem()) / 2 ** 20);

function parseArgs(argv) {
  const known = ['--quick', '--sklearn', '--keep', '--parallel'];
  const unknown = argv.filter((arg) => !known.includes(arg));
  if (unknown.length > 0) throw new Error(`unknown option(s) ${unknown.join(' ')}; known: ${known.join(' ')}`);
  return { quick: argv.includes('--quick'), sklearn: argv.includes('--sklearn'), keep: argv.includes('--keep'), parallel: argv.includes('--parallel') };
}

const started = performance.now();
const elapsed = () => (performance.now() - started) / 1000;
const progress = (message) => process.stderr.write(`bench: ${message} (${elapsed().toFixed(0)} s)\n`);

// ---------------------------------------------------------------------------------------------
// Corpora

/** Which sizes get a file: the scaling sizes, the naive baseline's, and sklearn's when asked. */
function corpusSizes(plan, args) {
  return [...new Set([...NAIVE_SIZES, ...plan.sizes, ...(args.sklearn ? [SKLEARN_SIZE] : [])])].sort((a, b) => a - b);
}

/**
 * Drops sizes the disk cannot hold: every CSV (about 410 bytes an item) plus the largest JSON
 * report (about 1.7 kB an item, one at a time), with half as much again to spare.
 */
function fitToDisk(sizes, dir) {
  const { bavail, bsize } = statfsSync(dir);
  const free = bavail * bsize;
  const need = (kept) => 1.5 * (410 * kept.reduce((sum, n) => sum + n, 0) + 1700 * Math.max(...kept));
  const kept = [...sizes];
  const dropped = [];
  while (kept.length > 1 && need(kept) > free) dropped.push(kept.pop());
  return { kept, dropped, freeGb: free / 2 ** 30 };
}

/** Writes the corpora into a directory of this run's own, so that two benchmarks running at once cannot clobber each other's files. */
function buildCorpora(sizes) {
  const dir = mkdtempSync(join(os.tmpdir(), 'recdedup-bench-'));
  const disk = fitToDisk(sizes, dir);
  if (disk.dropped.length > 0) progress(`only ${disk.freeGb.toFixed(1)} GB free in ${dir}: leaving out ${disk.dropped.join(', ')} items`);
  progress(`writing synthetic corpora of ${disk.kept.map(count).join(', ')} items to ${dir}`);
  const pool = corpus.loadPool(PFD_FILE);
  const built = timed(() => corpus.writeCorpora(pool, disk.kept, dir));
  const plantedCounts = Object.fromEntries(disk.kept.map((n) => [n, built.value.plantedOf.subarray(0, n).filter((j) => j >= 0).length]));
  const poolSize = { sentences: pool.sentences.length, contentWords: pool.contentWords.length };
  return { ...built.value, dir, plantedCounts, sizes: disk.kept, dropped: disk.dropped, seconds: built.seconds, pool: poolSize };
}

// ---------------------------------------------------------------------------------------------
// Measured runs

/**
 * When the naive baseline ran (from, to; to is Infinity while it runs), so each measured run can
 * say whether it shared the machine with it.
 */
const naiveWindow = { from: Infinity, to: Infinity, parallel: false };
const overlapsNaive = (from, to) => from < naiveWindow.to && to > naiveWindow.from;

/** Runs a measured child and marks whether the naive baseline ran at the same time. */
async function measured(start) {
  const from = performance.now();
  const run = await start();
  run.alongsideNaive = overlapsNaive(from, performance.now());
  return run;
}

/** One `recdedup themes FILE --format json` run; reads its report when `read` is given. */
async function cliRun(file, limits, read) {
  const dir = mkdtempSync(join(os.tmpdir(), 'recdedup-report-'));
  const out = join(dir, 'report.json');
  const run = await measured(() => runNode([BIN, 'themes', file, '--format', 'json', '--out', out, '--no-progress'], limits));
  try {
    if (run.outcome === 'ok' && read) run.report = read(out);
  } catch (error) {
    // A report the benchmark cannot read is a finding, not a reason to lose the other figures.
    run.outcome = 'failed';
    run.stderrTail = `the report could not be read: ${error.message}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return run;
}

/** Runs the CLI on one corpus up to `runs` times (fewer if a run is slow or fails). */
async function cliRuns(file, runs, plan, limits, read) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const run = await cliRun(file, limits, i === 0 ? read : undefined);
    out.push(run);
    if (run.outcome !== 'ok' || run.wallSeconds > plan.repeatBelowSeconds) break;
  }
  return out;
}

/** Reads a synthetic report: stats, and the planted near-duplicates' recall and precision. */
function plantedReader(size, plantedOf) {
  return (file) => {
    const groupIds = new Map();
    const groupOf = new Int32Array(size).fill(-1);
    const { stats } = scanReport(file, (item) => {
      const index = corpus.indexOfId(item.id);
      if (index < 0 || index >= size) return;
      if (!groupIds.has(item.group)) groupIds.set(item.group, groupIds.size);
      groupOf[index] = groupIds.get(item.group);
    });
    // Items the report left out (empty text) each count as a group of their own.
    for (let i = 0; i < size; i++) if (groupOf[i] < 0) groupOf[i] = groupIds.size + i;
    return { stats, planted: plantedRecall(groupOf, plantedOf, size), precision: familyPrecision(groupOf, plantedOf, size) };
  };
}

/** `node bench/inprocess.mjs …` under the guard; what it printed, and how far it got if it did not finish. */
async function inProcessRun(args, limits) {
  const run = await measured(() => runNode([path('inprocess.mjs'), ...args], limits));
  run.stages = run.markers.filter((m) => m.startsWith('bench-stage-end ')).map((m) => JSON.parse(m.slice('bench-stage-end '.length)));
  const lastStart = run.markers.filter((m) => m.startsWith('bench-stage-start ')).at(-1)?.slice('bench-stage-start '.length);
  if (run.outcome === 'ok') run.result = JSON.parse(run.stdout.trim().split('\n').at(-1));
  else run.diedIn = lastStart;
  return run;
}

// ---------------------------------------------------------------------------------------------
// Sections

async function pfdSection(plan) {
  const limits = { timeoutSeconds: 5 * MINUTE, memoryLimitMb: memoryLimitMb() };
  const cli = [];
  for (let i = 0; i < plan.pfdRuns; i++) {
    progress(`PFD concerns through the CLI, run ${i + 1} of ${plan.pfdRuns}`);
    cli.push(await cliRun(PFD_FILE, limits, i === 0 ? (file) => scanReport(file, () => {}) : undefined));
  }
  const stages = [];
  for (let i = 0; i < plan.stageRuns; i++) {
    progress(`PFD concerns in-process by stage, run ${i + 1} of ${plan.stageRuns}`);
    stages.push(await inProcessRun(['stages', PFD_FILE, '--report', ...(i === 0 ? ['--recall'] : [])], limits));
  }
  progress('pair density of PFD subsets');
  const density = await inProcessRun(['density', PFD_FILE, ...PFD_DENSITY_SIZES.map(String)], limits);
  return { cli, stages, density };
}

/** The CLI, then (for some sizes) the in-process stage run, on each synthetic size. */
async function syntheticSection(plan, built, sizes) {
  const results = [];
  for (const size of sizes) {
    const previous = results.at(-1);
    // Past 100k items a size that did not finish rules out the next, ten times larger, one.
    if (previous && previous.size >= 100000 && previous.runs?.[0].outcome !== 'ok') {
      results.push({ size, notRun: `not run: ${count(previous.size)} items did not complete` });
      continue;
    }
    results.push(await syntheticSize(plan, built, size));
  }
  return results;
}

async function syntheticSize(plan, built, size) {
  const limits = { timeoutSeconds: plan.timeoutSeconds(size), memoryLimitMb: memoryLimitMb() };
  const runs = plan.runs[size] ?? 1;
  progress(`${count(size)} items through the CLI (up to ${runs} run${runs > 1 ? 's' : ''}, limit ${limits.timeoutSeconds} s)`);
  const cli = await cliRuns(built.files[size], runs, plan, limits, plantedReader(size, built.plantedOf));
  const result = { size, runs: cli, ...(cli[0].report ?? {}) };
  // A failed run shows where it stopped through the in-process run (section (d)); in a quick run that costs too much.
  const skip = plan === PLANS.quick && cli[0].outcome !== 'ok';
  if (plan.inProcessSizes.includes(size) && !skip) {
    progress(`${count(size)} items in-process by stage`);
    const recall = plan.recallSizes.includes(size) ? ['--recall'] : [];
    result.inProcess = await inProcessRun(['stages', built.files[size], ...recall], limits);
  }
  return result;
}

/** The naive baseline at each size, one after the other, in its own process. */
async function naiveSection(plan, built) {
  if (!loadDice()) return { skipped: 'string-similarity is not installed: `npm install -D string-similarity@4.0.4`' };
  const results = [];
  for (const size of NAIVE_SIZES) {
    const sample = plan.naiveSampleSeconds[size];
    const flags = sample ? ['--sample', String(sample), '--threshold', String(QUICK_THRESHOLD)] : [];
    progress(`naive baseline: ${count(size)} items, ${sample ? `a ${sample}-second sample of the pairs` : 'every pair'}`);
    const run = await runGuarded(process.execPath, [path('naive.mjs'), built.files[size], built.dir, String(size), ...flags], { timeoutSeconds: 30 * MINUTE, memoryLimitMb: 8 * 1024 });
    const result = run.outcome === 'ok' ? JSON.parse(run.stdout.trim().split('\n').at(-1)) : { items: size, outcome: run.outcome, stderrTail: run.stderrTail };
    results.push({ ...result, alongsideOthers: naiveWindow.parallel });
  }
  return { results };
}

/** Starts the naive baseline, noting when it runs (and, with --parallel, that other runs overlap it). */
function startNaive(plan, built, parallel) {
  naiveWindow.parallel = parallel;
  naiveWindow.from = performance.now();
  naiveWindow.to = Infinity;
  return naiveSection(plan, built).finally(() => {
    naiveWindow.to = performance.now();
  });
}

async function sklearnSection(args, plan, built, pfd) {
  if (!args.sklearn) return { skipped: 'not run: add `-- --sklearn` (`npm run bench -- --sklearn`), with Debian\'s python3-sklearn installed' };
  if (!hasSklearn()) return { skipped: 'not run: /usr/bin/python3 cannot import sklearn (`apt-get install -y python3-sklearn`)' };
  const limits = { timeoutSeconds: 10 * MINUTE, memoryLimitMb: memoryLimitMb() };
  const file = built.files[SKLEARN_SIZE];
  // The level recdedup's own pair search works at: the grouping floor, half the threshold (src/pipeline.ts).
  const threshold = (pfd.cli.find((run) => run.report)?.report.parameters?.threshold ?? 0.35) * 0.5;
  progress(`scikit-learn radius neighbours on ${count(SKLEARN_SIZE)} items`);
  const python = await runGuarded(PYTHON, [path('sklearn_radius.py'), file, String(threshold), join(built.dir, 'planted.json')], limits);
  const sklearn = python.outcome === 'ok' ? { ...python, result: JSON.parse(python.stdout.trim().split('\n').at(-1)) } : python;
  progress(`${count(SKLEARN_SIZE)} items through the CLI for the scikit-learn comparison`);
  const cli = await cliRuns(file, plan.runs[SKLEARN_SIZE] ?? 1, plan, limits, plantedReader(SKLEARN_SIZE, built.plantedOf));
  return { sklearn, cli, threshold, size: SKLEARN_SIZE };
}

function hasSklearn() {
  return existsSync(PYTHON) && shell(PYTHON, ['-c', 'import sklearn']) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// The machine and the build

function machine() {
  return {
    node: process.version,
    nproc: shell('nproc') ?? String(os.availableParallelism()),
    cpu: cpuModel(),
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    heapLimit: `${(v8.getHeapStatistics().heap_size_limit / 2 ** 30).toFixed(1)} GiB`,
    commit: commitLabel(),
    dist: distFingerprint(),
  };
}

function cpuModel() {
  const line = readFileSync('/proc/cpuinfo', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('model name'));
  return line ? line.split(':')[1].trim() : (os.cpus()[0]?.model ?? 'unknown');
}

/** HEAD, and the files of the tool that differ from it (dist/ is built from the working tree). */
function commitLabel() {
  const commit = shell('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']);
  if (!commit) return 'unknown';
  const paths = ['--', 'src', 'bin', 'data', 'package.json'];
  const changed = shell('git', ['-C', REPO, 'diff', '--name-only', 'HEAD', ...paths]);
  const untracked = shell('git', ['-C', REPO, 'ls-files', '--others', '--exclude-standard', ...paths]);
  const files = [changed, untracked].flatMap((list) => (list ? list.split('\n') : []));
  return files.length > 0 ? `${commit} + uncommitted changes to ${files.join(', ')}` : commit;
}

/** A hash of every file under dist/, to tell whether the build changed while the benchmark ran. */
function distFingerprint() {
  const dist = path('../dist/');
  const hash = createHash('sha256');
  const files = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
  for (const file of files) {
    hash.update(relative(dist, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 12);
}

function shell(command, args = []) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function timed(fn) {
  const t = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - t) / 1000 };
}

const count = (n) => n.toLocaleString('en-GB');

// ---------------------------------------------------------------------------------------------

async function main(argv) {
  // --render: the tables again from the last run's measurements (after editing render.mjs), no runs.
  if (argv.includes('--render')) return publish(JSON.parse(readFileSync(MEASUREMENTS, 'utf8')));
  const args = parseArgs(argv);
  const plan = args.quick ? PLANS.quick : PLANS.full;
  const host = machine();
  const built = buildCorpora(corpusSizes(plan, args));
  try {
    const measurements = await measure(args, plan, host, built);
    mkdirSync(dirname(MEASUREMENTS), { recursive: true });
    writeFileSync(MEASUREMENTS, JSON.stringify(measurements));
    publish(measurements);
  } finally {
    // Half a gigabyte of CSV with 1M items: kept only when asked, even if the run failed.
    if (args.keep) progress(`corpora kept in ${built.dir}`);
    else rmSync(built.dir, { recursive: true, force: true });
  }
}

/** Every section, in an order that keeps the timed runs alone on the machine. */
async function measure(args, plan, host, built) {
  // Two busy processes slow each other down by about 1.5× on this 2-vCPU machine (measured), so
  // by default the naive baseline runs last, on its own; --parallel trades accuracy for time.
  const naive = args.parallel ? startNaive(plan, built, true) : undefined;
  const pfd = await pfdSection(plan);
  const sklearn = await sklearnSection(args, plan, built, pfd);
  const sizes = [...new Set([...NAIVE_SIZES, ...plan.sizes])].filter((n) => built.sizes.includes(n)).sort((a, b) => a - b);
  const synthetic = await syntheticSection(plan, built, sizes);
  const naiveResults = await (naive ?? startNaive(plan, built, false));
  host.distChanged = distFingerprint() !== host.dist;
  if (host.distChanged) progress('WARNING: dist/ changed during the run; the timings may mix two builds');
  const { plantedOf, ...corpora } = built; // a million numbers: the counts per size are enough
  const date = new Date().toISOString().slice(0, 10);
  return { date, args, plan, host, built: corpora, pfd, synthetic, naive: naiveResults, sklearn, seconds: elapsed() };
}

/** Prints the results and, after a full run, writes them to bench/RESULTS.md. */
function publish(measurements) {
  const document = renderResults(measurements);
  console.log(document);
  if (measurements.args.quick) progress('quick run: bench/RESULTS.md not written');
  else writeFileSync(RESULTS, document);
}

await main(process.argv.slice(2));
