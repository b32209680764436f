#!/usr/bin/env node
// The naive all-pairs baseline the issue asks for: string-similarity's compareTwoStrings (Dice
// on character bigrams) on every pair of the first n items of a synthetic corpus, grouping the
// items joined by pairs at or above a Dice threshold (connected components), scored on the
// planted near-duplicates. Run as its own process so it can use the second core while the
// parent times recdedup:
//   node bench/naive.mjs <corpus.csv> <corpus dir> <n>                  every pair, with a threshold sweep
//   node bench/naive.mjs <corpus.csv> <corpus dir> <n> --sample S --threshold T
//       random pairs for S seconds, the all-pairs time extrapolated from their rate, and the
//       planted pairs scored directly at threshold T (the one chosen on the full run)
// Prints one JSON object on stdout.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { readPlanted, mulberry32 } from './corpus.mjs';
import { components, familyPrecision, plantedRecall } from './planted.mjs';

/** Pairs below this Dice are dropped at once: no threshold worth sweeping is lower. */
export const KEEP_DICE = 0.5;
export const THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
/** The precision (against the planted families) a threshold must reach to be chosen. */
export const MIN_PRECISION = 0.9;
/** The threshold a sampled (--quick) run scores planted pairs at: the full run's choice on these corpora. */
export const QUICK_THRESHOLD = 0.8;

/** compareTwoStrings, or undefined when the devDependency is not installed. */
export function loadDice() {
  try {
    return createRequire(import.meta.url)('string-similarity').compareTwoStrings;
  } catch {
    return undefined;
  }
}

function allPairs(texts, dice) {
  const a = [];
  const b = [];
  const score = [];
  const started = performance.now();
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const d = dice(texts[i], texts[j]);
      if (d < KEEP_DICE) continue;
      a.push(i);
      b.push(j);
      score.push(d);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const pairs = (texts.length * (texts.length - 1)) / 2;
  return { a, b, score, seconds, pairs, pairsPerSecond: pairs / seconds };
}

/**
 * Groups at each threshold and their planted recall and precision. The chosen threshold has the
 * best recall among those reaching MIN_PRECISION, then the best precision, then the highest cut.
 */
function sweep(found, plantedOf, n) {
  const rows = THRESHOLDS.map((threshold) => {
    const groupOf = components(n, found.a, found.b, (k) => found.score[k] >= threshold);
    return { threshold, ...plantedRecall(groupOf, plantedOf, n), ...familyPrecision(groupOf, plantedOf, n) };
  });
  const eligible = rows.filter((row) => row.precision >= MIN_PRECISION);
  const better = (row, best) => row.recall > best.recall || (row.recall === best.recall && row.precision >= best.precision);
  const chosen = (eligible.length > 0 ? eligible : rows).reduce((best, row) => (better(row, best) ? row : best));
  return { rows, chosen };
}

/** Scores uniformly drawn pairs for `seconds`; the rate gives the all-pairs time. */
function samplePairs(texts, dice, seconds) {
  const rng = mulberry32(7);
  const n = texts.length;
  let scored = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    for (let k = 0; k < 1000; k++) {
      const i = Math.floor(rng() * n);
      let j = Math.floor(rng() * (n - 1));
      if (j >= i) j++;
      dice(texts[i], texts[j]);
    }
    scored += 1000;
  }
  const elapsed = (performance.now() - started) / 1000;
  const pairs = (n * (n - 1)) / 2;
  const pairsPerSecond = scored / elapsed;
  return { sampled: scored, sampleSeconds: elapsed, pairs, pairsPerSecond, seconds: pairs / pairsPerSecond };
}

/** The planted pairs scored directly: a lower bound on what grouping by components recovers. */
function directRecall(texts, dice, plantedOf, threshold) {
  let pairs = 0;
  let recovered = 0;
  for (let i = 0; i < texts.length; i++) {
    if (plantedOf[i] < 0) continue;
    pairs++;
    if (dice(texts[i], texts[plantedOf[i]]) >= threshold) recovered++;
  }
  return { threshold, pairs, recovered, recall: recovered / pairs };
}

function main([file, dir, size, ...flags]) {
  const dice = loadDice();
  if (!dice) throw new Error('string-similarity is not installed (npm install -D string-similarity@4.0.4)');
  const n = Number(size);
  const texts = parse(readFileSync(file), { columns: true })
    .slice(0, n)
    .map((row) => row.text);
  const plantedOf = readPlanted(dir).subarray(0, n);
  const sampleAt = flags.indexOf('--sample');
  if (sampleAt >= 0) {
    const timing = samplePairs(texts, dice, Number(flags[sampleAt + 1]));
    const threshold = Number(flags[flags.indexOf('--threshold') + 1]);
    return { items: n, extrapolated: true, ...timing, direct: directRecall(texts, dice, plantedOf, threshold) };
  }
  const found = allPairs(texts, dice);
  const { rows, chosen } = sweep(found, plantedOf, n);
  return { items: n, extrapolated: false, seconds: found.seconds, pairs: found.pairs, pairsPerSecond: found.pairsPerSecond, kept: found.a.length, sweep: rows, chosen };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(main(process.argv.slice(2)))}\n`);
}
