/**
 * Boilerplate is found in the data, not in a phrase list: a sentence is boilerplate when it recurs
 * in several distinct sources *and* those sources otherwise have nothing in common. A real
 * recommendation copied into several reports recurs too, but the reports around it are about the
 * same thing; "In the circumstances it is my statutory duty to report to you" sits in reports
 * about everything. The words of those sentences then find procedure too rare to count: its
 * rewordings, and one coroner's own formula repeated in a few reports (`proceduralRepeats`).
 */

import { compareCodeUnits } from '../order.js';

export interface SentenceTerms {
  /** Index of the source the sentence's record came from. */
  source: number;
  terms: readonly string[];
  /** `sentenceKey(terms)`, when the caller has already made it. */
  key?: string;
}

export interface BoilerplateSettings {
  minSources: number;
  maxContextSimilarity: number;
}

export interface BoilerplateFinding {
  key: string;
  sources: number;
  contextSimilarity: number;
  /**
   * Present, and true, on a sentence found by the second rule: mostly procedural words and
   * repeated near-verbatim in another source (see `proceduralRepeats`). Its words do not join the
   * procedural vocabulary, which stays the widespread findings' own.
   */
  repeated?: true;
}

/** Contexts compared per candidate; a deterministic spread keeps the cost flat on huge inputs. */
const MAX_CONTEXTS = 24;

/** A sentence this much boilerplate vocabulary is a reworded boilerplate sentence ("giving raise to concern"). */
const VOCABULARY_SHARE = 0.7;
const VOCABULARY_MIN_TERMS = 3;
/** This many boilerplate words in a row, inside a sentence with content, are a procedural phrase to cut out. */
const VOCABULARY_RUN = 5;
/**
 * A sentence repeated near-verbatim in another source is boilerplate when more than this share of
 * its words are procedural vocabulary; at half, "I remain concerned that delays are continuing
 * and that deaths will continue to occur" would go, and it names the concern (delays).
 */
const REPEAT_SHARE = 0.55;
/** Two sentences are near-verbatim copies when their sets of terms overlap this much (Jaccard). */
const REPEAT_OVERLAP = 0.8;
/**
 * Only sentences this long are judged by the second rule: a short one repeated ("Matters of
 * concern: ligatures") may be a heading with the concern's one word in it, and two short sentences
 * agree by chance.
 */
const REPEAT_MIN_TERMS = 6;
/**
 * A term held by more candidate sentences than this does not find copies (as with the candidate
 * search's index keys): sets whose rarest terms are all that common are not compared, so the
 * search stays near-linear however many procedural sentences a collection has.
 */
const REPEAT_MAX_KEY_SENTENCES = 256;

/**
 * Month names as the stemmer leaves them. Dates and counts vary between copies of the same
 * procedural sentence ("within 56 days … by 3 May").
 */
export const MONTHS: ReadonlySet<string> = new Set(['januari', 'februari', 'march', 'april', 'may', 'june', 'juli', 'august', 'septemb', 'octob', 'novemb', 'decemb']);

export function sentenceKey(terms: readonly string[]): string {
  return terms.some(variesBetweenCopies) ? terms.filter((t) => !variesBetweenCopies(t)).join(' ') : terms.join(' ');
}

function variesBetweenCopies(term: string): boolean {
  return /\d/.test(term) || MONTHS.has(term);
}

export function findBoilerplate(sentences: readonly SentenceTerms[], settings: BoilerplateSettings): BoilerplateFinding[] {
  // Most keys occur in one source only: a bare source number until a second source needs a set.
  const sourcesByKey = new Map<string, number | Set<number>>();
  for (const sentence of sentences) {
    const key = sentence.key ?? sentenceKey(sentence.terms);
    if (key === '') continue;
    const sources = sourcesByKey.get(key);
    if (sources === undefined) sourcesByKey.set(key, sentence.source);
    else if (typeof sources !== 'number') sources.add(sentence.source);
    else if (sources !== sentence.source) sourcesByKey.set(key, new Set([sources, sentence.source]));
  }
  const candidates: [string, Set<number>][] = [];
  for (const [key, sources] of sourcesByKey) {
    const count = typeof sources === 'number' ? 1 : sources.size;
    if (count >= settings.minSources) candidates.push([key, typeof sources === 'number' ? new Set([sources]) : sources]);
  }
  if (candidates.length === 0) return [];

  const needed = new Set(candidates.flatMap(([, sources]) => [...sources]));
  const bags = sourceBags(sentences, needed);
  const idf = sourceIdf(sentences);
  const findings: BoilerplateFinding[] = [];
  for (const [key, sources] of candidates.sort(([a], [b]) => compareCodeUnits(a, b))) {
    const contextSimilarity = meanContextSimilarity(key, [...sources].sort((a, b) => a - b), bags, idf);
    if (contextSimilarity !== null && contextSimilarity < settings.maxContextSimilarity) {
      findings.push({ key, sources: sources.size, contextSimilarity });
    }
  }
  const found = new Set(findings.map((finding) => finding.key));
  const repeats = proceduralRepeats(sentences, boilerplateVocabulary(findings, settings.minSources)).filter(([key]) => !found.has(key));
  if (repeats.length === 0) return findings;
  // The repeats' own sources are bagged too, for their context similarity (reported, not a test).
  for (const [source, bag] of sourceBags(sentences, new Set(repeats.flatMap(([, sources]) => sources)))) bags.set(source, bag);
  for (const [key, sources] of repeats) {
    const contextSimilarity = meanContextSimilarity(key, sources, bags, idf) ?? 0;
    findings.push({ key, sources: sources.length, contextSimilarity, repeated: true });
  }
  return findings;
}

/** A distinct sentence (by key) that may be a procedural repeat: its term set, and the sources it was seen in. */
interface RepeatCandidate {
  key: string;
  terms: Set<string>;
  sources: Set<number>;
}

/**
 * The second rule. Some procedure is one coroner's own formula, used in two or three reports on
 * related cases ("I consider that the issues raised in this case should be addressed so that
 * future deaths do not occur in similar circumstances …", "In my opinion action should be taken …
 * I believe you have the power …"): too rare to count, and the reports around it are alike, so the
 * first rule cannot see it. What gives it away is its words: more than REPEAT_SHARE of them are
 * the procedural vocabulary the first rule found, and it recurs near-verbatim (REPEAT_OVERLAP) in
 * another source, where a real concern phrased with many such words would not. Returns each such
 * sentence's key and the sources it or its near copies were seen in, by key.
 */
export function proceduralRepeats(sentences: readonly SentenceTerms[], vocabulary: ReadonlySet<string>): [string, number[]][] {
  if (vocabulary.size === 0) return [];
  const candidates = repeatCandidates(sentences, vocabulary);
  const reached = candidates.map((candidate) => new Set(candidate.sources));
  forEachNearCopy(candidates, (a, b) => {
    for (const source of candidates[b].sources) reached[a].add(source);
    for (const source of candidates[a].sources) reached[b].add(source);
  });
  const repeats: [string, number[]][] = [];
  candidates.forEach((candidate, index) => {
    if (reached[index].size >= 2) repeats.push([candidate.key, [...reached[index]].sort((a, b) => a - b)]);
  });
  return repeats.sort(([a], [b]) => compareCodeUnits(a, b));
}

/** Sentences of at least REPEAT_MIN_TERMS terms, between REPEAT_SHARE and VOCABULARY_SHARE procedural, one per key. */
function repeatCandidates(sentences: readonly SentenceTerms[], vocabulary: ReadonlySet<string>): RepeatCandidate[] {
  const byKey = new Map<string, RepeatCandidate>();
  for (const sentence of sentences) {
    const { terms } = sentence;
    if (terms.length < REPEAT_MIN_TERMS) continue;
    const share = proceduralShare(terms, vocabulary);
    // At VOCABULARY_SHARE and above, a sentence is cut wherever it occurs.
    if (share <= REPEAT_SHARE || share >= VOCABULARY_SHARE) continue;
    const key = sentence.key ?? sentenceKey(terms);
    let candidate = byKey.get(key);
    if (!candidate) byKey.set(key, (candidate = { key, terms: new Set(terms), sources: new Set() }));
    candidate.sources.add(sentence.source);
  }
  return [...byKey.values()];
}

/**
 * Calls `meet` once for each pair of candidates whose term sets overlap at least REPEAT_OVERLAP
 * and that were not both seen in one source only. Prefix filtering: with each set's terms ordered
 * rarest first, two sets that overlap that much share a term among the first |set| − ⌈overlap ·
 * |set|⌉ + 1 of either, so only those terms are indexed and looked up (the common ones not at all;
 * see REPEAT_MAX_KEY_SENTENCES).
 */
function forEachNearCopy(candidates: readonly RepeatCandidate[], meet: (a: number, b: number) => void): void {
  const frequency = new Map<string, number>();
  for (const { terms } of candidates) for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const rarestFirst = (a: string, b: string) => frequency.get(a)! - frequency.get(b)! || compareCodeUnits(a, b);
  const byTerm = new Map<string, number[]>();
  candidates.forEach((candidate, index) => {
    const ordered = [...candidate.terms].sort(rarestFirst);
    const prefix = ordered.length - Math.ceil(REPEAT_OVERLAP * ordered.length) + 1;
    const met = new Set<number>();
    for (const term of ordered.slice(0, prefix)) {
      // Rarest first: every later term is as common.
      if (frequency.get(term)! > REPEAT_MAX_KEY_SENTENCES) break;
      const earlier = byTerm.get(term);
      if (!earlier) {
        byTerm.set(term, [index]);
        continue;
      }
      for (const other of earlier) met.add(other);
      earlier.push(index);
    }
    for (const other of [...met].sort((a, b) => a - b)) {
      if (onlyInOneSource(candidate, candidates[other])) continue;
      if (overlap(candidate.terms, candidates[other].terms) >= REPEAT_OVERLAP) meet(other, index);
    }
  });
}

function onlyInOneSource(a: RepeatCandidate, b: RepeatCandidate): boolean {
  if (a.sources.size !== 1 || b.sources.size !== 1) return false;
  return a.sources.values().next().value === b.sources.values().next().value;
}

/** Jaccard overlap of two term sets. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const term of small) if (large.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

type Bag = Map<string, number>;

/** Term counts of the sources a candidate appears in; other sources are never compared. */
function sourceBags(sentences: readonly SentenceTerms[], needed: ReadonlySet<number>): Map<number, Bag> {
  const bags = new Map<number, Bag>();
  for (const { source, terms } of sentences) {
    if (!needed.has(source)) continue;
    let bag = bags.get(source);
    if (!bag) bags.set(source, (bag = new Map()));
    for (const term of terms) bag.set(term, (bag.get(term) ?? 0) + 1);
  }
  return bags;
}

/** Inverse source frequency of every term. Sentences are visited source by source, so a term's distinct sources are counted with one marker each. */
function sourceIdf(sentences: readonly SentenceTerms[]): Map<string, number> {
  const termIndex = new Map<string, number>();
  const lastSource: number[] = [];
  const sourceCount: number[] = [];
  let sources = 0;
  let previousSource = -1;
  for (const index of bySource(sentences)) {
    const { source, terms } = sentences[index];
    if (source !== previousSource) sources++;
    previousSource = source;
    for (const term of terms) {
      let t = termIndex.get(term);
      if (t === undefined) {
        termIndex.set(term, (t = lastSource.length));
        lastSource.push(-1);
        sourceCount.push(0);
      }
      if (lastSource[t] !== source) {
        lastSource[t] = source;
        sourceCount[t]++;
      }
    }
  }
  const idf = new Map<string, number>();
  for (const [term, t] of termIndex) idf.set(term, Math.log((sources + 1) / sourceCount[t]));
  return idf;
}

/** Sentence indices ordered by source (a counting sort: sources are small whole numbers). */
function bySource(sentences: readonly SentenceTerms[]): Int32Array {
  let maxSource = -1;
  for (const { source } of sentences) maxSource = Math.max(maxSource, source);
  const start = new Int32Array(maxSource + 2);
  for (const { source } of sentences) start[source + 1]++;
  for (let s = 0; s <= maxSource; s++) start[s + 1] += start[s];
  const order = new Int32Array(sentences.length);
  sentences.forEach(({ source }, index) => (order[start[source]++] = index));
  return order;
}

/** Mean pairwise cosine of the candidate's sources with the candidate's own words taken out; null when fewer than two have anything else. */
function meanContextSimilarity(key: string, sources: number[], bags: Map<number, Bag>, idf: Map<string, number>): number | null {
  const own = new Set(key.split(' '));
  const vectors = evenlySpread(sources, MAX_CONTEXTS)
    .map((source) => contextVector(bags.get(source)!, own, idf))
    .filter((vector) => vector.size > 0);
  if (vectors.length < 2) return null;
  let total = 0;
  let pairs = 0;
  for (let a = 0; a < vectors.length; a++) {
    for (let b = a + 1; b < vectors.length; b++) {
      total += cosine(vectors[a], vectors[b]);
      pairs++;
    }
  }
  return total / pairs;
}

function evenlySpread<T>(values: readonly T[], count: number): T[] {
  if (values.length <= count) return [...values];
  return Array.from({ length: count }, (_, k) => values[Math.floor((k * values.length) / count)]);
}

function contextVector(bag: Bag, exclude: ReadonlySet<string>, idf: Map<string, number>): Map<string, number> {
  const vector = new Map<string, number>();
  let norm = 0;
  for (const [term, count] of bag) {
    if (exclude.has(term)) continue;
    const weight = (1 + Math.log(count)) * (idf.get(term) ?? 0);
    if (weight <= 0) continue;
    vector.set(term, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm);
  for (const [term, weight] of vector) vector.set(term, weight / norm);
  return vector;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  return dot;
}

/**
 * Procedural sentences come in many rewordings, too rare one by one to be found by counting. The
 * words of the sentences that *were* found name the procedure ("inquest", "evidence", "revealed",
 * "statutory duty"), when those sentences are widespread: a term joins the vocabulary when the
 * boilerplate sentences using it span at least `minSources` sources in all, so a word from one
 * borderline finding ("FOR NHS ENGLAND:") does not.
 */
export function boilerplateVocabulary<F extends Pick<BoilerplateFinding, 'key' | 'sources' | 'repeated'>>(findings: readonly F[], minSources: number): Set<string> {
  const reach = new Map<string, number>();
  for (const finding of findings) {
    if (finding.repeated) continue;
    for (const term of new Set(finding.key.split(' '))) reach.set(term, (reach.get(term) ?? 0) + finding.sources);
  }
  return new Set([...reach].filter(([, n]) => n >= minSources).map(([term]) => term));
}

/**
 * A sentence's terms with procedure removed: none when the sentence is mostly boilerplate
 * vocabulary, else the terms outside long runs of it.
 */
export function stripBoilerplateTerms(terms: readonly string[], vocabulary: ReadonlySet<string>): readonly string[] {
  if (vocabulary.size === 0) return terms;
  const share = proceduralShare(terms, vocabulary);
  if (share === 0) return terms;
  if (terms.length >= VOCABULARY_MIN_TERMS && share >= VOCABULARY_SHARE) return [];
  const inVocabulary = terms.map((t) => vocabulary.has(t));
  const kept: string[] = [];
  let runStart = 0;
  for (let i = 0; i <= terms.length; i++) {
    if (i < terms.length && inVocabulary[i]) continue;
    if (i - runStart < VOCABULARY_RUN) kept.push(...terms.slice(runStart, i));
    if (i < terms.length) kept.push(terms[i]);
    runStart = i + 1;
  }
  return kept;
}

/** The share of a sentence's terms that are procedural vocabulary; 0 for no terms. */
function proceduralShare(terms: readonly string[], vocabulary: ReadonlySet<string>): number {
  let inside = 0;
  for (const term of terms) if (vocabulary.has(term)) inside++;
  return inside / Math.max(1, terms.length);
}
