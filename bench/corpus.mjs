// Synthetic corpora for the benchmark, made from the real PFD concerns, deterministically.
//
// Why this shape: real recommendation lists are short items (a sentence or three), most of them
// new, with a vocabulary that keeps growing as the collection grows (Heaps' law) and a skewed
// word distribution; a minority restate an earlier item almost word for word. So:
//   - a fresh item is 1–3 sentences drawn from the pool of every PFD concern sentence of at least
//     5 words; each content word (lower case, ≥ 5 letters) is replaced with probability
//     WORD_REPLACE by a word drawn from the concerns' own content-word counts (the real skew), or
//     with probability NEW_WORD by a made-up word whose rank comes from an unbounded Zipf-like
//     law, so new words keep appearing at every size;
//   - a planted near-duplicate (PLANTED_SHARE of items) is a light edit (1–3 word drops, swaps or
//     one replaced word) of a uniformly chosen earlier fresh item; plantedOf[i] = j records it.
// Every draw comes from one seeded PRNG in item order, so each size is a prefix of the next.
// No generated text is ever printed: the concerns hold the names of people who died.
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export const SEED = 20240611;
export const SENTENCE_MIN_WORDS = 5;
export const MAX_SENTENCES = 3;
export const WORD_REPLACE = 0.5;
export const NEW_WORD = 0.08;
export const PLANTED_SHARE = 0.1;
export const MAX_EDITS = 3;
/** Zipf–Mandelbrot law for the made-up words: P(rank r) ∝ (r + ZIPF_OFFSET)^-ZIPF_EXPONENT. */
export const ZIPF_EXPONENT = 1.6;
export const ZIPF_OFFSET = 50;
export const FIRST_YEAR = 2013;
export const LAST_YEAR = 2025;
/** Items per source: the PFD data has about two concerns per report (4,382 from 1,896). */
export const ITEMS_PER_SOURCE = 2;

/** Lower-case words of five letters or more, maybe followed by punctuation: the words we perturb. */
const CONTENT_WORD = /^([a-z]{5,})([.,;:!?)]*)$/;

/** The sentence pool, the content-word counts and the recipients of the PFD concerns. */
export function loadPool(file) {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true });
  const sentences = rows.flatMap((row) => sentencesOf(row.text)).filter((s) => s.split(' ').length >= SENTENCE_MIN_WORDS);
  const contentWords = sentences.flatMap((s) => s.split(' ').flatMap((w) => CONTENT_WORD.exec(w)?.[1] ?? []));
  const recipients = rows.map((row) => row.recipient.trim()).filter((r) => r !== '' && r !== 'nan');
  return { sentences, contentWords, recipients };
}

function sentencesOf(text) {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?;])\s+/)
    .filter((s) => s !== '');
}

/**
 * Yields `size` items in order: { index, source, year, recipient, text, plantedOf } where
 * plantedOf is the index of the fresh item a planted near-duplicate copies, or -1.
 */
export function* generateItems(pool, size, seed = SEED) {
  const rng = mulberry32(seed);
  const fresh = [];
  const texts = [];
  let meta;
  for (let i = 0; i < size; i++) {
    if (i % ITEMS_PER_SOURCE === 0) meta = sourceMeta(pool, i / ITEMS_PER_SOURCE, rng);
    let plantedOf = -1;
    let text;
    if (fresh.length > 0 && rng() < PLANTED_SHARE) {
      plantedOf = fresh[Math.floor(rng() * fresh.length)];
      text = lightEdit(texts[plantedOf], pool, rng);
    } else {
      text = freshItem(pool, rng);
      fresh.push(i);
    }
    // Only fresh items are ever copied, so only their texts need keeping.
    texts.push(plantedOf < 0 ? text : undefined);
    yield { index: i, ...meta, text, plantedOf };
  }
}

function sourceMeta(pool, n, rng) {
  return {
    source: `src-${String(n).padStart(6, '0')}`,
    year: FIRST_YEAR + Math.floor(rng() * (LAST_YEAR - FIRST_YEAR + 1)),
    recipient: pick(pool.recipients, rng),
  };
}

function freshItem(pool, rng) {
  const count = 1 + Math.floor(rng() * MAX_SENTENCES);
  const sentences = Array.from({ length: count }, () => perturbSentence(pick(pool.sentences, rng), pool, rng));
  return sentences.join(' ');
}

function perturbSentence(sentence, pool, rng) {
  return sentence
    .split(' ')
    .map((word) => {
      const match = CONTENT_WORD.exec(word);
      if (!match) return word;
      const u = rng();
      if (u < NEW_WORD) return madeUpWord(zipfRank(rng)) + match[2];
      if (u < NEW_WORD + WORD_REPLACE) return pick(pool.contentWords, rng) + match[2];
      return word;
    })
    .join(' ');
}

/** 1–3 edits: drop a word, swap two neighbours, or (once at most) replace a word by a corpus word. */
function lightEdit(text, pool, rng) {
  const words = text.split(' ');
  const edits = 1 + Math.floor(rng() * MAX_EDITS);
  let replaced = false;
  for (let e = 0; e < edits && words.length > 2; e++) {
    const at = Math.floor(rng() * (words.length - 1));
    const kind = rng();
    if (kind < 0.2 && !replaced) {
      words[at] = pick(pool.contentWords, rng);
      replaced = true;
    } else if (kind < 0.6) words.splice(at, 1);
    else [words[at], words[at + 1]] = [words[at + 1], words[at]];
  }
  return words.join(' ');
}

/**
 * A rank from an unbounded Zipf–Mandelbrot law, by inverting the continuous Pareto tail:
 * P(rank ≥ r) ≈ ((r + offset) / offset)^-(exponent - 1). Unbounded, so new ranks keep appearing
 * as more are drawn (about n^(1/exponent) distinct ranks in n draws).
 */
function zipfRank(rng) {
  const u = 1 - rng(); // (0, 1]
  return Math.floor(ZIPF_OFFSET * u ** (-1 / (ZIPF_EXPONENT - 1))) - ZIPF_OFFSET;
}

const SYLLABLES = [...'bdfgklmnprstvz'].flatMap((c) => [...'aeiou'].map((v) => c + v));

/**
 * Spells a rank as a pronounceable made-up word of at least three syllables (six letters: a
 * content word to the generator and the normaliser alike), with no digits. Bijective numeration,
 * so every rank has its own spelling.
 */
export function madeUpWord(rank) {
  const base = SYLLABLES.length;
  let n = rank + 1 + base + base * base; // skip the one- and two-syllable spellings
  let word = '';
  while (n > 0) {
    n -= 1;
    word = SYLLABLES[n % base] + word;
    n = Math.floor(n / base);
  }
  return word;
}

/**
 * Writes one CSV per size (each a prefix of the largest) into dir, in one pass, and the planted
 * map as planted.json. Returns the files, the planted map and a few corpus statistics.
 */
export function writeCorpora(pool, sizes, dir, seed = SEED) {
  const sorted = [...sizes].sort((a, b) => a - b);
  const max = sorted.at(-1);
  const outs = sorted.map((size) => ({ size, file: join(dir, `synthetic_${size}.csv`), fd: 0, buffer: [] }));
  for (const out of outs) out.fd = openSync(out.file, 'w');
  const header = 'id,source,year,recipient,text\n';
  for (const out of outs) writeSync(out.fd, header);
  const plantedOf = new Int32Array(max);
  const vocabulary = new Set();
  const stats = { vocabulary: {}, words: {} };
  let words = 0;
  for (const item of generateItems(pool, max, seed)) {
    plantedOf[item.index] = item.plantedOf;
    words += countWords(item.text, vocabulary);
    const line = csvLine(item);
    for (const out of outs) if (item.index < out.size) bufferedWrite(out, line);
    const n = item.index + 1;
    if (sorted.includes(n)) {
      stats.vocabulary[n] = vocabulary.size;
      stats.words[n] = words;
    }
  }
  for (const out of outs) {
    flush(out);
    closeSync(out.fd);
  }
  writeFileSync(join(dir, 'planted.json'), JSON.stringify(Array.from(plantedOf)));
  return { files: Object.fromEntries(outs.map((o) => [o.size, o.file])), plantedOf, stats };
}

export function readPlanted(dir) {
  return Int32Array.from(JSON.parse(readFileSync(join(dir, 'planted.json'), 'utf8')));
}

/** Counts words and adds their lower-case forms to the vocabulary (Heaps' law figure). */
function countWords(text, vocabulary) {
  const tokens = text.toLowerCase().match(/[a-z]+/g) ?? [];
  for (const token of tokens) vocabulary.add(token);
  return tokens.length;
}

export const itemId = (index) => `syn-${String(index).padStart(7, '0')}`;
export const indexOfId = (id) => (id.startsWith('syn-') ? Number(id.slice(4)) : -1);

function csvLine(item) {
  return [itemId(item.index), item.source, item.year, quote(item.recipient), quote(item.text)].join(',') + '\n';
}

const quote = (value) => `"${String(value).replace(/"/g, '""')}"`;

// Writes in blocks of a few thousand lines (1–2 MB): few syscalls, and no stream back-pressure to handle.
function bufferedWrite(out, line) {
  out.buffer.push(line);
  if (out.buffer.length >= 4096) flush(out);
}

function flush(out) {
  if (out.buffer.length === 0) return;
  writeSync(out.fd, out.buffer.join(''));
  out.buffer.length = 0;
}

/** Mulberry32: a small seeded PRNG, so every run builds the same corpora. */
export function mulberry32(seed) {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = (values, rng) => values[Math.floor(rng() * values.length)];
