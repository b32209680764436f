#!/usr/bin/env node
// `npm run bench`: the speed benchmark. Builds, then measures on this machine:
//   (a) the whole pipeline (ingest → normalise + boilerplate → vectors → candidate pairs →
//       topic pairs → clustering → report as JSON) over the 4,382 coroners' PFD concerns
//       (../shared/data/pfd_concerns_split.csv): wall time per stage and peak RSS, median of 3
//       cold runs, each in a fresh node process;
//   (b) scaling: synthetic corpora of 5k, 10k, 20k and 50k items made from the PFD concerns with a
//       seeded PRNG (sentences mixed across concerns, content words replaced, words dropped and
//       swapped, 20 % planted near-duplicates of earlier items); times analyse() stage by stage,
//       the inverted-index pair search (scoreCandidatePairs) among them, at each size;
//   (c) a naive baseline in the same run: every pair's cosine by a merge of sorted feature ids,
//       keeping pairs at the grouping floor (threshold × 0.5), up to 10k items (quadratic
//       extrapolation beyond), with the naive/index time ratio and the recall of the index search
//       against it.
// The stages are analyse()'s own: it takes a StageRunner `(stage, fn) => fn()` as its 4th
// argument and calls it for 'normalise', 'vectors', 'pairs', 'topics' and 'cluster'; the
// benchmark passes one that times each call.
// Prints the tables and writes them, with the machine, to bench/RESULTS.md.
//   node bench/run.mjs            full run (about 4 minutes on the 2-core machine)
//   node bench/run.mjs --quick    5k and 10k only, naive up to 5k; prints, writes nothing
// Each measurement runs in a child process (`--worker …`) so timings and peak RSS are its own.
// Inputs are deterministic; no text from the data is printed (it holds people's names).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse, buildReport, createNormaliser, DEFAULT_OPTIONS, ingestFiles, parseAliasTables, renderReport } from '../dist/index.js';
import { cosineOf, createCosineScorer, scoreCandidatePairs } from '../dist/similarity/index.js';

const SHARED = new URL('../../shared/', import.meta.url);
const PFD_FILE = new URL('data/pfd_concerns_split.csv', SHARED);
const ALIASES = new URL('../data/aliases.tsv', import.meta.url);
const RESULTS = new URL('RESULTS.md', import.meta.url);
const OPTIONS = { ...DEFAULT_OPTIONS, format: 'json', color: false, progress: false };

const PIPELINE_RUNS = 3;
const FULL = { sizes: [5000, 10000, 20000, 50000], naiveMax: 10000 };
const QUICK = { sizes: [5000, 10000], naiveMax: 5000 };
const SEED = 20240611;
/** Share of synthetic items that are a light word edit of an earlier item. */
const PLANTED_SHARE = 0.2;
/** Chance that a sentence of the base concern is replaced by one from another concern. */
const SENTENCE_SWAP = 0.3;
const EXTRA_SENTENCE = 0.2;

// ---------------------------------------------------------------------------------------------
// Shared by the workers

/** The settings analyse() gives scoreCandidatePairs for the grouping pairs (src/pipeline.ts). */
function candidateSettings(options) {
  return {
    maxIndexDocShare: options.maxIndexDocShare,
    minScore: options.threshold * 0.5,
  };
}

function loadPfd() {
  return ingestFiles([{ name: 'pfd_concerns_split.csv', bytes: readFileSync(PFD_FILE) }], {});
}

function loadNormaliser() {
  return createNormaliser(parseAliasTables([readFileSync(ALIASES, 'utf8')]));
}

function timed(fn) {
  const started = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/**
 * `stage(name, fn)` runs fn and records its wall time under name in `seconds`, and the pair count
 * of what it returned, if it has one, in `counts`. Its signature is analyse()'s StageRunner.
 */
function stageTimer() {
  const seconds = {};
  const counts = {};
  const stage = (name, fn) => {
    const run = timed(fn);
    seconds[name] = run.seconds;
    if (typeof run.value?.count === 'number') counts[name] = run.value.count;
    return run.value;
  };
  return { seconds, counts, stage };
}

// ---------------------------------------------------------------------------------------------
// (a) The whole pipeline: ingest, analyse() with its stages timed, then the report.

function pipelineWorker() {
  const { seconds, counts, stage } = stageTimer();
  const ingested = stage('ingest', loadPfd);
  const normaliser = loadNormaliser();
  const analysis = analyse(ingested.records, normaliser, OPTIONS, stage);
  const json = stage('report', () => reportOf(ingested, normaliser, analysis));
  return {
    seconds,
    peakRssMb: peakRssMb(),
    items: analysis.records.length,
    pairsKept: analysis.pairs.count,
    topicPairs: counts.topics,
    groups: analysis.clustering.groups.length,
    themes: analysis.clustering.themes.length,
    boilerplate: analysis.boilerplate.length,
    reportBytes: Buffer.byteLength(json),
  };
}

function reportOf(ingested, normaliser, analysis) {
  const report = buildReport(ingested.records, analysis, { version: 'bench', skipped: ingested.skippedEmpty, options: OPTIONS, normaliser });
  return renderReport(report, OPTIONS);
}

// ---------------------------------------------------------------------------------------------
// (b) + (c) Scaling, index against the naive baseline

function scaleWorker(size, withNaive) {
  const pfd = loadPfd().records;
  const corpus = size === 'pfd' ? { records: pfd, planted: 0 } : syntheticCorpus(pfd, Number(size));
  const normaliser = loadNormaliser();
  const { seconds, counts, stage } = stageTimer();
  const run = timed(() => analyse(corpus.records, normaliser, OPTIONS, stage));
  const analysis = run.value;
  const result = {
    size: corpus.records.length,
    planted: corpus.planted,
    seconds,
    analyseSeconds: run.seconds,
    pairsKept: analysis.pairs.count,
    topicPairs: counts.topics,
    groups: analysis.clustering.groups.length,
    themes: analysis.clustering.themes.length,
    peakRssMb: peakRssMb(),
  };
  if (withNaive) Object.assign(result, againstNaive(analysis));
  return result;
}

/**
 * The index search alone (scoreCandidatePairs with the cosine-only scorer, so no trigram Dice and
 * no opposition penalty) against the naive double loop over the same vectors, both at the grouping
 * floor: both times, and the index's recall.
 */
function againstNaive({ vectors, normalised, pairs, scorer }) {
  const settings = candidateSettings(OPTIONS);
  const excluded = (doc) => normalised[doc].terms.length === 0;
  const cosineOnly = createCosineScorer(vectors);
  const search = timed(() => scoreCandidatePairs(vectors, cosineOnly, excluded, settings));
  const naive = timed(() => naiveAllPairs(vectors, settings.minScore));
  const docs = vectors.offsets.length - 1;
  const { missed, ...recall } = recallAgainst(naive.value, search.value, docs, [settings.minScore, OPTIONS.threshold]);
  return {
    searchSeconds: search.seconds,
    naiveSeconds: naive.seconds,
    searchPairs: search.value.count,
    searchCoversPipeline: covers(search.value, pairs, docs),
    recall,
    missedScores: missedScores(missed, scorer, settings.minScore),
  };
}

/** Whether every pair the pipeline kept is among the pairs the index search found. */
function covers(found, kept, docs) {
  const keys = new Set();
  for (let k = 0; k < found.count; k++) keys.add(found.a[k] * docs + found.b[k]);
  for (let k = 0; k < kept.count; k++) if (!keys.has(kept.a[k] * docs + kept.b[k])) return false;
  return true;
}

/** Every pair's cosine by merging the two rows' sorted feature ids; pairs at or above floor, in (a, b) order. */
function naiveAllPairs(vectors, floor) {
  const docs = vectors.offsets.length - 1;
  const out = { a: [], b: [], cosine: [] };
  for (let a = 0; a < docs; a++) {
    for (let b = a + 1; b < docs; b++) {
      const cosine = cosineOf(vectors, a, b);
      if (cosine < floor) continue;
      out.a.push(a);
      out.b.push(b);
      out.cosine.push(cosine);
    }
  }
  return out;
}

/**
 * How many of the naive pairs at or above each cosine level the index found; `extra` counts index
 * pairs the naive search did not keep (rounding at the floor, if any); `missed` lists every missed
 * pair (all are at or above the first level, the floor).
 */
function recallAgainst(naive, indexed, docs, levels) {
  const found = Float64Array.from({ length: indexed.count }, (_, k) => indexed.a[k] * docs + indexed.b[k]).sort();
  const rows = levels.map((level) => ({ level, naive: 0, missed: 0, maxMissedCosine: 0 }));
  const missed = [];
  let k = 0;
  let matched = 0;
  for (let p = 0; p < naive.a.length; p++) {
    const key = naive.a[p] * docs + naive.b[p];
    while (k < found.length && found[k] < key) k++;
    const hit = k < found.length && found[k] === key;
    if (hit) matched++;
    else missed.push([naive.a[p], naive.b[p]]);
    for (const row of rows) {
      if (naive.cosine[p] < row.level) continue;
      row.naive++;
      if (!hit) {
        row.missed++;
        row.maxMissedCosine = Math.max(row.maxMissedCosine, naive.cosine[p]);
      }
    }
  }
  return { levels: rows, extra: found.length - matched, missed };
}

/** What the missed pairs would have scored in the pipeline (blend and opposition penalty): how many reach the grouping floor and the threshold. */
function missedScores(missed, scorer, minScore) {
  const scores = missed.map(([a, b]) => scorer(a, b).score);
  return {
    pairs: missed.length,
    atFloor: scores.filter((score) => score >= minScore).length,
    atThreshold: scores.filter((score) => score >= OPTIONS.threshold).length,
    best: Math.max(0, ...scores),
  };
}

// ---------------------------------------------------------------------------------------------
// Synthetic corpora: real concerns remixed, deterministic, and each size a prefix of the next.

function syntheticCorpus(concerns, size) {
  const rng = mulberry32(SEED);
  const bases = concerns.map((record) => sentencesOf(record.text));
  const pool = bases.flat();
  const vocabulary = pool.flatMap((sentence) => sentence.split(' ').filter((word) => CONTENT_WORD.test(word)));
  const order = shuffled(
    bases.map((_, i) => i),
    rng,
  );
  const texts = [];
  let planted = 0;
  let fresh = 0;
  for (let i = 0; i < size; i++) {
    if (i > 0 && rng() < PLANTED_SHARE) {
      planted++;
      texts.push(editWords(texts[Math.floor(rng() * i)], 1 + Math.floor(rng() * 3), rng));
    } else {
      texts.push(mixedItem(bases[order[fresh++ % order.length]], pool, vocabulary, rng));
    }
  }
  // About two items per source, as in the PFD data (4,382 concerns from 1,897 reports).
  const records = texts.map((text, i) => syntheticRecord(`syn-${String(i).padStart(6, '0')}`, `src-${Math.floor(i / 2)}`, text));
  return { records, planted };
}

/**
 * A base concern with some sentences swapped for other concerns' ones, maybe one more, one content
 * word of each sentence replaced, and a few words dropped or swapped. The word replacement keeps
 * reused sentences from recurring verbatim in many sources, which boilerplate detection would
 * (rightly) remove.
 */
function mixedItem(sentences, pool, vocabulary, rng) {
  const out = sentences.map((sentence) => (rng() < SENTENCE_SWAP ? pick(pool, rng) : sentence));
  if (rng() < EXTRA_SENTENCE) out.splice(Math.floor(rng() * (out.length + 1)), 0, pick(pool, rng));
  const text = out.map((sentence) => replaceContentWord(sentence, vocabulary, rng)).join(' ');
  return editWords(text, 1 + Math.floor(text.split(' ').length / 20), rng);
}

/** Lower-case words of five letters or more: content words (capitalised names are never drawn). */
const CONTENT_WORD = /^[a-z]{5,}$/;

function replaceContentWord(sentence, vocabulary, rng) {
  const words = sentence.split(' ');
  const slots = words.flatMap((word, i) => (CONTENT_WORD.test(word) ? [i] : []));
  if (slots.length > 0) words[pick(slots, rng)] = pick(vocabulary, rng);
  return words.join(' ');
}

/** Drops a word or swaps two neighbours, `edits` times. */
function editWords(text, edits, rng) {
  const words = text.split(' ');
  for (let e = 0; e < edits && words.length > 2; e++) {
    const at = Math.floor(rng() * (words.length - 1));
    if (rng() < 0.5) words.splice(at, 1);
    else [words[at], words[at + 1]] = [words[at + 1], words[at]];
  }
  return words.join(' ');
}

function sentencesOf(text) {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?;])\s+/)
    .filter((s) => s.trim() !== '');
}

function syntheticRecord(id, source, text) {
  return { id, source, text, year: null, recipient: '', status: '', origin: { file: 'synthetic', line: 0 } };
}

/** Mulberry32: a small seeded PRNG, so every run builds the same corpora. */
function mulberry32(seed) {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(values, rng) {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return values;
}

const pick = (values, rng) => values[Math.floor(rng() * values.length)];

// ---------------------------------------------------------------------------------------------
// The parent: runs the workers, prints, writes RESULTS.md

/** Runs `node bench/run.mjs --worker …` and returns its JSON answer and its wall time (start to exit). */
function runWorker(args) {
  const started = performance.now();
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--worker', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`worker ${args.join(' ')} failed with exit code ${child.status}`);
  const answer = JSON.parse(child.stdout.trim().split('\n').at(-1));
  return { ...answer, processSeconds: (performance.now() - started) / 1000 };
}

const TOPIC_LABEL = `topic pairs (theme layer: single-word vectors, pairs ≥ ${OPTIONS.themeThreshold}, each item's ${OPTIONS.themeNeighbours} nearest)`;
const STAGES = [
  ['ingest', 'ingest (read + parse CSV)'],
  ['normalise', 'normalise + boilerplate'],
  ['vectors', 'vectors (TF-IDF rows)'],
  ['pairs', 'candidate pairs (index + Dice)'],
  ['topics', TOPIC_LABEL],
  ['cluster', 'clustering (groups + themes)'],
  ['report', 'report (build + render JSON)'],
];

/** analyse()'s stages, as its StageRunner names them. */
const ANALYSE_STAGES = ['normalise', 'vectors', 'pairs', 'topics', 'cluster'];
const total = (seconds, keys = Object.keys(seconds)) => keys.reduce((sum, key) => sum + seconds[key], 0);

function pipelineSection(runs) {
  const missing = STAGES.filter(([key]) => runs.some((run) => run.seconds[key] === undefined)).map(([key]) => key);
  if (missing.length > 0) throw new Error(`analyse() did not report the stage(s) ${missing.join(', ')}: update STAGES to src/pipeline.ts`);
  const totals = runs.map((run) => total(run.seconds));
  const rows = STAGES.map(([key, label]) => [label, ...runs.map((run) => s(run.seconds[key])), s(median(runs.map((run) => run.seconds[key])))]);
  rows.push(['total of the stages', ...totals.map(s), s(median(totals))]);
  rows.push(['process wall (node start → exit)', ...runs.map((run) => s(run.processSeconds)), s(median(runs.map((run) => run.processSeconds)))]);
  rows.push(['peak RSS', ...runs.map((run) => mb(run.peakRssMb)), mb(median(runs.map((run) => run.peakRssMb)))]);
  const first = runs[0];
  const { minScore } = candidateSettings(OPTIONS);
  return [
    `## (a) Whole pipeline: ${count(first.items)} PFD concerns, ${runs.length} cold runs`,
    '',
    table(['stage', ...runs.map((_, i) => `run ${i + 1}`), 'median'], rows),
    '',
    `The five middle stages are analyse()'s own, timed through the stage runner it takes as its 4th argument; ` +
      `outside them it only sorts the records by id and sets up the pair scorer. ` +
      `${count(first.items)} items → ${count(first.pairsKept)} candidate pairs kept for grouping (word cosine and blended score both ≥ ${minScore}, the grouping floor), ` +
      `${count(first.topicPairs)} topic pairs for the theme layer, ${count(first.groups)} groups, ${count(first.themes)} themes, ` +
      `${count(first.boilerplate)} boilerplate sentences; JSON report ${mb(first.reportBytes / 2 ** 20)}. ` +
      `Out of ${count((first.items * (first.items - 1)) / 2)} possible pairs.`,
  ];
}

function scalingSection(results) {
  const { minScore } = candidateSettings(OPTIONS);
  const rows = results.map((r) => [
    r.label,
    count(r.pairsKept),
    count(r.topicPairs),
    count(r.groups),
    count(r.themes),
    ...ANALYSE_STAGES.map((key) => s(r.seconds[key])),
    s(r.analyseSeconds),
    mb(r.peakRssMb),
  ]);
  const synthetic = results.filter((r) => r.planted);
  return [
    '## (b) Scaling: analyse() by stage',
    '',
    table(
      ['items', 'candidate pairs kept', 'topic pairs kept', 'groups', 'themes', 'normalise + boilerplate', 'vectors', 'candidate pairs (index + Dice)', 'topic pairs (theme layer)', 'clustering', 'analyse() total', 'peak RSS'],
      rows,
    ),
    '',
    `One run per size, each in a fresh process; the stages are analyse()'s own, timed through its stage runner, and "analyse() total" is the whole call. ` +
      `"candidate pairs kept": pairs kept for grouping, word cosine and blended score ≥ ${minScore} (half the ${OPTIONS.threshold} threshold); ` +
      `"topic pairs kept": the theme layer's own pairs, word cosine over single words ≥ ${OPTIONS.themeThreshold} (the theme threshold), each item keeping its ${OPTIONS.themeNeighbours} nearest. ` +
      `Peak RSS is the worker process's (the corpus included), read before section (c)'s runs.`,
    '',
    `Synthetic corpora (seed ${SEED}; each size is a prefix of the next): ${Math.round(PLANTED_SHARE * 100)} % of items are 1–3 word edits of an earlier item ` +
      `(${synthetic.map((r) => `${count(r.planted)} at ${count(r.size)}`).join(', ')}); the rest take the 4,382 concerns in a shuffled cycle, ` +
      `${Math.round(SENTENCE_SWAP * 100)} % of their sentences swapped for another concern's, one content word per sentence replaced by a word drawn from the concerns, ` +
      `and a few words dropped or swapped. A concern comes back every 4,382 fresh items, reworded, so near-duplicates grow with N ` +
      `(candidate pairs per item: ${results.map((r) => `${(r.pairsKept / r.size).toFixed(1)} at ${r.label}`).join(', ')}).`,
  ];
}

function naiveSection(results, naiveMax) {
  const measured = results.filter((r) => r.naiveSeconds !== undefined);
  const basis = measured.at(-1);
  const { minScore } = candidateSettings(OPTIONS);
  const rows = results.map((r) => {
    if (r.naiveSeconds !== undefined) return [r.label, s(r.searchSeconds), s(r.seconds.pairs), s(r.naiveSeconds), ratio(r.naiveSeconds / r.searchSeconds)];
    const naive = basis.naiveSeconds * (r.size / basis.size) ** 2;
    return [r.label, '–', s(r.seconds.pairs), `~${s(naive)} (extrapolated)`, `≥ ~${ratio(naive / r.seconds.pairs)} (vs the pair stage)`];
  });
  return [
    '## (c) Naive all-pairs baseline',
    '',
    table(['items', 'index search alone', 'pair stage (index + Dice)', 'naive all pairs', 'naive / index search'], rows),
    '',
    `"index search alone": scoreCandidatePairs at the grouping floor with the cosine-only scorer (createCosineScorer: no trigram Dice, no opposition penalty), ` +
      `so it does the naive loop's job (every pair with word cosine ≥ ${minScore}) and nothing else. "naive": a double loop over all ` +
      `n(n−1)/2 pairs, each cosine by a merge of the two rows' sorted feature ids, over the same vectors, keeping pairs at the same floor. ` +
      `The naive loop runs up to ${count(naiveMax)} items; beyond, its time is extrapolated quadratically from the ${count(basis.size)}-item run, ` +
      `and the ratio is taken against the whole pair stage, so it is a lower bound. ` +
      `The pair stage keeps the pairs the index search finds whose blended score also reaches ${minScore} ` +
      `(${measured.map((r) => `${count(r.pairsKept)} of ${count(r.searchPairs)} at ${r.label}`).join(', ')}); ` +
      `every pair it kept was among the index search's at every measured size: ${measured.every((r) => r.searchCoversPipeline) ? 'yes' : 'NO'}.`,
  ];
}

function recallSection(results) {
  const measured = results.filter((r) => r.recall);
  const rows = measured.flatMap((r) =>
    r.recall.levels.map((level, i) => [
      i === 0 ? r.label : '',
      `cosine ≥ ${level.level}`,
      count(level.naive),
      count(level.naive - level.missed),
      count(level.missed),
      level.naive ? (1 - level.missed / level.naive).toFixed(4) : '–',
      level.missed ? level.maxMissedCosine.toFixed(3) : '–',
    ]),
  );
  const { minScore } = candidateSettings(OPTIONS);
  const wordWeight = Number((1 - OPTIONS.charWeight).toFixed(2));
  return [
    '### Recall of the index search against the naive baseline',
    '',
    table(['items', 'pairs with', 'naive', 'index found', 'missed', 'recall', 'best missed cosine'], rows),
    '',
    'Missed pairs share no feature found in at most ' +
      `${Math.round(OPTIONS.maxIndexDocShare * 100)} % of items (at least 100 items): only common features link them, so the index never meets them. ` +
      `${minScore} is the grouping floor (pairs below it are not kept and count as 0 in the averages), ${OPTIONS.threshold} the default grouping threshold. ` +
      `Scored as the pipeline would (${wordWeight} · cosine + ${OPTIONS.charWeight} · trigram Dice, less ${OPTIONS.oppositionPenalty} of it for opposite asks), ` +
      `the missed pairs reach ${minScore} / ${OPTIONS.threshold} (so would have been kept / could join a group): ` +
      measured.map((r) => `${r.label}: ${r.missedScores.atFloor} / ${r.missedScores.atThreshold} of ${r.missedScores.pairs} (best ${r.missedScores.best.toFixed(3)})`).join('; ') +
      '. ' +
      `Pairs the index kept that the naive loop did not (rounding at the floor): ${measured.map((r) => `${r.recall.extra} at ${r.label}`).join(', ')}.`,
  ];
}

function machineSection(quick, build) {
  return [
    '# Speed benchmark',
    '',
    `Generated by \`node bench/run.mjs${quick ? ' --quick' : ''}\` (\`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    table(
      ['', ''],
      [
        ['node', process.version],
        ['nproc', shell('nproc') ?? String(os.availableParallelism())],
        ['CPU', cpuModel()],
        ['memory', `${Math.round(os.totalmem() / 2 ** 30)} GB`],
        ['commit', build.commit],
        ['dist/', build.distChanged ? 'CHANGED during the run: the workers may have run different builds; rerun' : `unchanged during the run (${build.dist.slice(0, 12)})`],
      ],
    ),
  ];
}

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {}
  return os.cpus()[0]?.model ?? 'unknown';
}

/** HEAD, and the src/ files that differ from it (the benchmark runs dist/, built from the working tree). */
function commitLabel() {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const commit = shell('git', ['-C', repo, 'rev-parse', '--short', 'HEAD']);
  if (!commit) return 'unknown';
  const changed = shell('git', ['-C', repo, 'diff', '--name-only', 'HEAD', '--', 'src']);
  const untracked = shell('git', ['-C', repo, 'ls-files', '--others', '--exclude-standard', '--', 'src']);
  const files = [changed, untracked].flatMap((list) => (list ? list.split('\n') : []));
  return files.length > 0 ? `${commit} + uncommitted changes to ${files.join(', ')}` : commit;
}

/** A hash of every file under dist/, to tell whether the build changed while the benchmark ran. */
function distFingerprint() {
  const dist = fileURLToPath(new URL('../dist/', import.meta.url));
  const hash = createHash('sha256');
  const files = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
  for (const file of files) {
    hash.update(relative(dist, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function shell(command, args = []) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** A markdown table with padded columns: readable in a terminal and in a rendered page. */
function table(headers, rows) {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((row) => String(row[c]).length)));
  const line = (cells) => `| ${cells.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

const s = (seconds) => `${seconds.toFixed(2)} s`;
const mb = (megabytes) => `${megabytes.toFixed(0)} MB`;
const count = (n) => n.toLocaleString('en-GB');
const ratio = (x) => `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

function main(args) {
  const quick = args.includes('--quick');
  const plan = quick ? QUICK : FULL;
  const started = performance.now();
  const progress = (message) => process.stderr.write(`bench: ${message} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  const build = { commit: commitLabel(), dist: distFingerprint() };

  const runs = [];
  for (let i = 0; i < PIPELINE_RUNS; i++) {
    progress(`pipeline run ${i + 1} of ${PIPELINE_RUNS}`);
    runs.push(runWorker(['pipeline']));
  }
  const scaling = [];
  for (const size of ['pfd', ...plan.sizes]) {
    const naive = size === 'pfd' || size <= plan.naiveMax;
    progress(`scaling at ${size === 'pfd' ? 'the PFD concerns' : `${size} items`}${naive ? ', with the naive baseline' : ''}`);
    const result = runWorker(['scale', String(size), ...(naive ? ['--naive'] : [])]);
    scaling.push({ ...result, label: size === 'pfd' ? `${count(result.size)} (PFD)` : count(result.size) });
  }

  const body = [...pipelineSection(runs), '', ...scalingSection(scaling), '', ...naiveSection(scaling, plan.naiveMax), '', ...recallSection(scaling)];
  const totalSeconds = (performance.now() - started) / 1000;
  build.distChanged = distFingerprint() !== build.dist;
  if (build.distChanged) progress('WARNING: dist/ changed during the run; the timings may mix two builds');
  const document = [...machineSection(quick, build), '', ...body, '', `Whole benchmark: ${totalSeconds.toFixed(0)} s.`, ''].join('\n');
  console.log(document);
  if (quick) progress('quick run: bench/RESULTS.md not written');
  else writeFileSync(RESULTS, document);
}

function worker([task, ...rest]) {
  const tasks = { pipeline: pipelineWorker, scale: () => scaleWorker(rest[0], rest.includes('--naive')) };
  const result = tasks[task]();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const argv = process.argv.slice(2);
if (argv[0] === '--worker') worker(argv.slice(1));
else main(argv);
