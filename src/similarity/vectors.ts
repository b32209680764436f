import { growableArray, grownArray } from '../growable.js';
import { idOfTerm } from '../normalise/sentence-terms.js';

/**
 * TF-IDF vectors in compressed sparse rows: one typed array of feature ids and one of weights for
 * all documents, so a million short texts cost a few arrays rather than a million maps.
 * Features are stemmed words plus, weighted down, adjacent word pairs (bigrams keep "not
 * introduce" apart from "introduce").
 */
export interface SparseVectors {
  /** Row r's features are ids[offsets[r] .. offsets[r+1]), sorted by id. */
  offsets: Int32Array;
  ids: Int32Array;
  weights: Float32Array;
  /** Documents containing each feature. */
  docFreq: Int32Array;
  /** Feature id → feature text ("ligatur" or "ligatur risk"). */
  features: FeatureTexts;
  /**
   * A term's feature id, and a word pair's from its two words' ids, for vectors built here
   * (buildVectors); absent for vectors read from an index file or made by hand. Labels look up
   * many sentences' words and pairs through it.
   */
  lookup?: FeatureLookup;
}

/**
 * The features' texts by id. Vectors built here make a word pair's text only when it is asked
 * for: a large input has tens of millions of distinct pairs and a report reads the texts of few,
 * and the texts were a tenth of the vectors' time and their largest part on the heap
 * (bench/side-by-side.md).
 */
export interface FeatureTexts {
  readonly count: number;
  /** "ligatur", or "ligatur risk" for a pair of words. */
  text(id: number): string;
  /** A word pair's first word; undefined for a single word. Makes no string. */
  firstWordOfPair(id: number): string | undefined;
  /** A word pair's second word; undefined for a single word. Makes no string. */
  secondWordOfPair(id: number): string | undefined;
}

/** FeatureTexts over a list of texts, a pair's words separated by one space (index files, tests). */
export function listedFeatures(texts: readonly string[]): FeatureTexts {
  const wordOfPair = (id: number, second: boolean) => {
    const text = texts[id];
    const space = text.indexOf(' ');
    if (space < 0) return undefined;
    return second ? text.slice(space + 1) : text.slice(0, space);
  };
  return {
    count: texts.length,
    text: (id) => texts[id],
    firstWordOfPair: (id) => wordOfPair(id, false),
    secondWordOfPair: (id) => wordOfPair(id, true),
  };
}

/** Every feature's text, in id order (an index file keeps them all). */
export function allFeatureTexts(features: FeatureTexts): string[] {
  return Array.from({ length: features.count }, (_, id) => features.text(id));
}

/** Feature ids by their words, without making a pair's text. */
export interface FeatureLookup {
  /** The id of a single-word feature; -1 when no document has the word. */
  wordFeature(term: string): number;
  /** The id of the adjacent pair of two words given by their feature ids; -1 when no document has it. */
  pairFeature(firstWord: number, secondWord: number): number;
}

export interface VectorSettings {
  bigramWeight: number;
}

export function buildVectors(docs: readonly (readonly string[])[], settings: VectorSettings): SparseVectors {
  return buildNumberedVectors(numberTerms(docs), settings);
}

/**
 * Documents' terms as numbers, each term numbered where it is first seen (document by document,
 * term by term). A single word's feature id is its number in every vectors built from them, so
 * the topic vectors (buildWordVectors) need no look-up, and another thread can be handed the
 * terms without a string.
 */
export interface NumberedTerms {
  /** Document r's terms are numbers[offsets[r] .. offsets[r + 1]), in text order. */
  offsets: Int32Array;
  numbers: Int32Array;
  /** Term number → term; one entry per distinct term. */
  vocabulary: string[];
  /** Term → its number. */
  numberOf: ReadonlyMap<string, number>;
}

/** NumberedTerms without their texts, for another thread: only how many distinct terms there are. */
export type TermNumbers = Pick<NumberedTerms, 'offsets' | 'numbers'> & { distinct: number };

/**
 * Numbers the documents' terms (see NumberedTerms). With `shared`, the arrays are in shared
 * memory: handed to another thread, they are read there in place, and this thread keeps them.
 */
export function numberTerms(docs: readonly (readonly string[])[], shared = false): NumberedTerms {
  let total = 0;
  for (const terms of docs) total += terms.length;
  const memory = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const offsets = new Int32Array(memory(4 * (docs.length + 1)));
  const numbers = new Int32Array(memory(4 * total));
  const numberOf = new Map<string, number>();
  const vocabulary: string[] = [];
  let at = 0;
  for (let r = 0; r < docs.length; r++) {
    for (const term of docs[r]) numbers[at++] = idOfTerm(term, numberOf, vocabulary);
    offsets[r + 1] = at;
  }
  return { offsets, numbers, vocabulary, numberOf };
}

/** The near-duplicate vectors (words, and word pairs when settings.bigramWeight > 0) of numbered terms. */
export function buildNumberedVectors(terms: NumberedTerms, settings: VectorSettings): SparseVectors {
  const bigrams = settings.bigramWeight > 0;
  const interner = new FeatureInterner(terms);
  const rows = countRows(terms, interner, bigrams);
  const features = interner.texts();
  const counted = { ...rows, featureCount: features.count, isBigram: (f: number) => interner.isPair(f) };
  return { ...weighFeatures(counted, settings.bigramWeight), features, lookup: interner.lookup() };
}

/**
 * The topic vectors: single words only, each word's feature id its term number. Equal to
 * buildVectors with bigramWeight 0, without the feature texts (the search never reads them).
 */
export function buildWordVectors(terms: TermNumbers): Omit<SparseVectors, 'features'> {
  const rows = countRows(terms, undefined, false);
  return weighFeatures({ ...rows, featureCount: terms.distinct }, 0);
}

/** Each document's distinct features with their counts, before weighting. */
interface CountedFeatures {
  offsets: Int32Array;
  ids: Int32Array;
  counts: Int32Array;
  featureCount: number;
  /** Whether a feature is a word pair (none when absent). */
  isBigram?: (feature: number) => boolean;
}

/**
 * Sublinear TF × smoothed IDF, word pairs scaled by bigramWeight, each row of unit length. IDF
 * comes from the rows themselves, so dropping a kind of feature leaves the others' IDF unchanged.
 */
function weighFeatures(counted: CountedFeatures, bigramWeight: number): Omit<SparseVectors, 'features'> {
  const { offsets, ids, counts, featureCount, isBigram } = counted;
  const docCount = offsets.length - 1;
  const docFreq = new Int32Array(featureCount);
  for (let k = 0; k < ids.length; k++) docFreq[ids[k]]++;
  const weights = new Float32Array(ids.length);
  // Each feature's idf and scale side by side (2f, 2f + 1): one memory read per entry where two
  // arrays of millions of features cost two cache misses. Filled by a loop: a typed array's
  // from() with a map function made a call per feature through the iterator protocol, and was
  // most of this function's time.
  const idfAndScale = new Float64Array(2 * featureCount);
  for (let f = 0; f < featureCount; f++) {
    idfAndScale[2 * f] = idfOf(docFreq[f], docCount);
    idfAndScale[2 * f + 1] = isBigram?.(f) ? bigramWeight : 1;
  }
  for (let r = 0; r < docCount; r++) {
    let norm = 0;
    for (let k = offsets[r]; k < offsets[r + 1]; k++) {
      const f = ids[k];
      // 1 + log(1) is exactly 1, and most features occur once in their row.
      const tf = counts[k] === 1 ? 1 : 1 + Math.log(counts[k]);
      const weight = tf * idfAndScale[2 * f] * idfAndScale[2 * f + 1];
      weights[k] = weight;
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = offsets[r]; k < offsets[r + 1]; k++) weights[k] /= norm;
  }
  return { offsets, ids, weights, docFreq };
}

/** Smoothed inverse document frequency: a feature in `docFreq` of `docCount` documents. */
export function idfOf(docFreq: number, docCount: number): number {
  return Math.log((docCount + 1) / (docFreq + 1)) + 1;
}

/** One row outside a matrix (a query): feature ids of the matrix, sorted, and their weights. */
export interface SparseRow {
  ids: Int32Array;
  weights: Float32Array;
}

/**
 * A text's terms as a row of an existing matrix, as if it had been one of its documents but
 * without changing any document frequency: features counted as `buildVectors` counts them (words,
 * and adjacent word pairs when `bigramWeight` > 0), sublinear TF × the matrix's IDF, unit length.
 * A feature the matrix lacks counts as in no document: it lengthens the row (a query with much
 * that no item has is close to none) but matches nothing, so it is not kept.
 */
export function rowOfTerms(terms: readonly string[], vectors: SparseVectors, featureId: (feature: string) => number | undefined, bigramWeight: number): SparseRow {
  const counts = new Map<string, number>();
  for (let i = 0; i < terms.length; i++) {
    counts.set(terms[i], (counts.get(terms[i]) ?? 0) + 1);
    if (bigramWeight > 0 && i > 0) {
      const pair = `${terms[i - 1]} ${terms[i]}`;
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
  }
  const docCount = vectors.offsets.length - 1;
  const known: [number, number][] = [];
  let norm = 0;
  for (const [feature, count] of counts) {
    const id = featureId(feature);
    const scale = feature.includes(' ') ? bigramWeight : 1;
    const weight = (1 + Math.log(count)) * idfOf(id === undefined ? 0 : vectors.docFreq[id], docCount) * scale;
    norm += weight * weight;
    if (id !== undefined) known.push([id, weight]);
  }
  known.sort((x, y) => x[0] - y[0]);
  norm = Math.sqrt(norm) || 1;
  return { ids: Int32Array.from(known, ([id]) => id), weights: Float32Array.from(known, ([, weight]) => weight / norm) };
}

/** Row r of a matrix as a `SparseRow` (views, no copy). */
export function rowOf(vectors: SparseVectors, r: number): SparseRow {
  const { offsets, ids, weights } = vectors;
  return { ids: ids.subarray(offsets[r], offsets[r + 1]), weights: weights.subarray(offsets[r], offsets[r + 1]) };
}

/**
 * Each document's distinct feature ids (sorted) and their counts, in compressed rows. Features
 * come from `interner` (words, and word pairs with `bigrams`), or without one are the term numbers.
 */
function countRows(terms: Pick<NumberedTerms, 'offsets' | 'numbers'>, interner: FeatureInterner | undefined, bigrams: boolean) {
  const { offsets: termOffsets, numbers } = terms;
  const docCount = termOffsets.length - 1;
  const offsets = new Int32Array(docCount + 1);
  // Every array here that grows with the input grows in place (growable.ts).
  let ids = growableArray(Int32Array, 1 << 16);
  let counts = growableArray(Int32Array, 1 << 16);
  // Dense counts by feature id, reset after each row through the row's own list of ids.
  let scratch = new Int32Array(1 << 16);
  let size = 0;
  // The row's distinct feature ids, in a typed array: it sorts numerically without a comparator.
  let row = new Int32Array(1024);
  let rowLength = 0;
  const add = (feature: number) => {
    if (feature >= scratch.length) scratch = grownArray(scratch, feature + 1);
    if (scratch[feature]++ !== 0) return;
    if (rowLength === row.length) row = grownArray(row, rowLength + 1);
    row[rowLength++] = feature;
  };
  for (let r = 0; r < docCount; r++) {
    let previous = -1;
    for (let i = termOffsets[r]; i < termOffsets[r + 1]; i++) {
      const word = interner ? interner.word(numbers[i]) : numbers[i];
      add(word);
      if (bigrams && previous >= 0) add(interner!.pair(previous, word, numbers[i - 1], numbers[i]));
      previous = word;
    }
    const sorted = row.subarray(0, rowLength).sort();
    if (size + rowLength > ids.length) {
      ids = grownArray(ids, size + rowLength);
      counts = grownArray(counts, size + rowLength);
    }
    for (let i = 0; i < rowLength; i++) {
      const feature = sorted[i];
      ids[size] = feature;
      counts[size++] = scratch[feature];
      scratch[feature] = 0;
    }
    rowLength = 0;
    offsets[r + 1] = size;
  }
  return { offsets, ids: ids.subarray(0, size), counts: counts.subarray(0, size) };
}

/**
 * Feature ids for words and word pairs. A pair is found by its two words' feature ids in an
 * open-addressing table of typed arrays, so the hot loop builds no strings and boxes no numbers; a
 * pair's text is made once, when first seen.
 */
class FeatureInterner {
  /** Each feature's term number, and for a word pair its second word's (-1 for a single word). */
  private firstTerm = growableArray(Int32Array, 1 << 16);
  private secondTerm = growableArray(Int32Array, 1 << 16);
  private featureCount = 0;
  /** Term number → its word's feature id, -1 until first seen. */
  private featureOfTerm: Int32Array;
  private pairFirst = new Int32Array(1 << 16).fill(-1);
  private pairSecond = new Int32Array(1 << 16);
  private pairId = new Int32Array(1 << 16);
  private pairCount = 0;

  private readonly vocabulary: readonly string[];
  private readonly numberOf: ReadonlyMap<string, number>;

  constructor(terms: Pick<NumberedTerms, 'vocabulary' | 'numberOf'>) {
    this.vocabulary = terms.vocabulary;
    this.numberOf = terms.numberOf;
    this.featureOfTerm = new Int32Array(terms.vocabulary.length).fill(-1);
  }

  /** The feature id of term number `term`, made on first sight. */
  word(term: number): number {
    let word = this.featureOfTerm[term];
    if (word < 0) {
      word = this.add(term, -1);
      this.featureOfTerm[term] = word;
    }
    return word;
  }

  /** The pair's feature id, made on first sight; `first` and `second` are the words' feature ids, the terms their numbers. */
  pair(first: number, second: number, firstTerm: number, secondTerm: number): number {
    const found = slotOfPair(this.pairFirst, this.pairSecond, first, second);
    if (found >= 0) return this.pairId[found];
    const slot = -found - 1;
    const id = this.add(firstTerm, secondTerm);
    this.pairFirst[slot] = first;
    this.pairSecond[slot] = second;
    this.pairId[slot] = id;
    // Kept at most half full, so probes stay short.
    if (++this.pairCount * 2 > this.pairFirst.length) this.rehash();
    return id;
  }

  /**
   * Look-ups into what was counted, for after the counting (nothing may be added once it is
   * made). It holds the words' ids and the pair table, not the feature texts.
   */
  lookup(): FeatureLookup {
    const { numberOf, featureOfTerm, pairFirst, pairSecond, pairId } = this;
    return {
      wordFeature: (term) => {
        const number = numberOf.get(term);
        return number === undefined ? -1 : featureOfTerm[number];
      },
      pairFeature: (first, second) => {
        const found = slotOfPair(pairFirst, pairSecond, first, second);
        return found >= 0 ? pairId[found] : -1;
      },
    };
  }

  private rehash(): void {
    const [first, second, id] = [this.pairFirst, this.pairSecond, this.pairId];
    this.pairFirst = new Int32Array(first.length * 2).fill(-1);
    this.pairSecond = new Int32Array(first.length * 2);
    this.pairId = new Int32Array(first.length * 2);
    const mask = this.pairFirst.length - 1;
    for (let s = 0; s < first.length; s++) {
      if (first[s] === -1) continue;
      let slot = (Math.imul(first[s], 0x9e3779b1) ^ Math.imul(second[s], 0x85ebca77)) & mask;
      while (this.pairFirst[slot] !== -1) slot = (slot + 1) & mask;
      this.pairFirst[slot] = first[s];
      this.pairSecond[slot] = second[s];
      this.pairId[slot] = id[s];
    }
  }

  isPair(id: number): boolean {
    return this.secondTerm[id] >= 0;
  }

  /** The features' texts, for after the counting (nothing may be added once they are made). */
  texts(): FeatureTexts {
    const { vocabulary, featureCount } = this;
    const firstTerm = this.firstTerm.subarray(0, featureCount);
    const secondTerm = this.secondTerm.subarray(0, featureCount);
    const pairWord = (id: number, terms: Int32Array) => (secondTerm[id] < 0 ? undefined : vocabulary[terms[id]]);
    return {
      count: featureCount,
      text: (id) => (secondTerm[id] < 0 ? vocabulary[firstTerm[id]] : `${vocabulary[firstTerm[id]]} ${vocabulary[secondTerm[id]]}`),
      firstWordOfPair: (id) => pairWord(id, firstTerm),
      secondWordOfPair: (id) => pairWord(id, secondTerm),
    };
  }

  /** A new feature: a word (secondTerm -1) or a pair of words, by their term numbers. */
  private add(firstTerm: number, secondTerm: number): number {
    if (this.featureCount === this.firstTerm.length) {
      this.firstTerm = grownArray(this.firstTerm, this.featureCount + 1);
      this.secondTerm = grownArray(this.secondTerm, this.featureCount + 1);
    }
    this.firstTerm[this.featureCount] = firstTerm;
    this.secondTerm[this.featureCount] = secondTerm;
    return this.featureCount++;
  }
}

/** The slot of the pair table holding (first, second), or −(the empty slot where it would go) − 1. */
function slotOfPair(pairFirst: Int32Array, pairSecond: Int32Array, first: number, second: number): number {
  const mask = pairFirst.length - 1;
  let slot = (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca77)) & mask;
  while (pairFirst[slot] !== -1) {
    if (pairFirst[slot] === first && pairSecond[slot] === second) return slot;
    slot = (slot + 1) & mask;
  }
  return -slot - 1;
}

/** Exact cosine of two rows by merging their sorted ids. */
export function cosineOf(vectors: SparseVectors, a: number, b: number): number {
  const { offsets, ids, weights } = vectors;
  let i = offsets[a];
  let j = offsets[b];
  const endA = offsets[a + 1];
  const endB = offsets[b + 1];
  let dot = 0;
  while (i < endA && j < endB) {
    const d = ids[i] - ids[j];
    if (d === 0) dot += weights[i++] * weights[j++];
    else if (d < 0) i++;
    else j++;
  }
  return Math.min(1, dot);
}

/** Features two rows share, strongest contribution first: the "why" of a pair. */
export function sharedFeatures(vectors: SparseVectors, a: number, b: number): { feature: string; weight: number }[] {
  return sharedFeaturesOfRows(vectors.features, rowOf(vectors, a), rowOf(vectors, b));
}

/** `sharedFeatures` of any two rows over the same features (a query and a document). */
export function sharedFeaturesOfRows(features: FeatureTexts, a: SparseRow, b: SparseRow): { feature: string; weight: number }[] {
  const shared: { feature: string; weight: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const d = a.ids[i] - b.ids[j];
    if (d === 0) shared.push({ feature: features.text(a.ids[i]), weight: a.weights[i++] * b.weights[j++] });
    else if (d < 0) i++;
    else j++;
  }
  return shared.sort((x, y) => y.weight - x.weight || (x.feature < y.feature ? -1 : 1));
}

/** How one outside row meets each row of a matrix. */
export interface RowMatches {
  /** The cosine with each row. */
  cosine: Float64Array;
  /**
   * The share of the outside row's own weight (its squared, normalised TF-IDF weights) on the
   * features each row holds: 1 when a row holds every word of it, however much else it says.
   */
  coverage: Float64Array;
}

/**
 * The cosine of one outside row with every row of a matrix, and the share of it each row covers,
 * in one pass over the matrix (no index needed at tens of thousands of rows): the same products,
 * summed in the same order, as `cosineOf` would give had the row been in the matrix.
 */
export function matchesWithRow(vectors: SparseVectors, row: SparseRow): RowMatches {
  const { offsets, ids, weights, features } = vectors;
  const dense = new Float32Array(features.count);
  for (let k = 0; k < row.ids.length; k++) dense[row.ids[k]] = row.weights[k];
  const docs = offsets.length - 1;
  const cosine = new Float64Array(docs);
  const coverage = new Float64Array(docs);
  for (let r = 0; r < docs; r++) {
    let dot = 0;
    let covered = 0;
    for (let k = offsets[r]; k < offsets[r + 1]; k++) {
      const q = dense[ids[k]];
      if (q !== 0) {
        dot += weights[k] * q;
        covered += q * q;
      }
    }
    cosine[r] = Math.min(1, dot);
    coverage[r] = Math.min(1, covered);
  }
  return { cosine, coverage };
}
