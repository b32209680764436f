import { actionsOppose, boilerplateFilter, createNormaliser, normaliseText, parseAliasTables, type BoilerplateFilter } from '../normalise/index.js';
import type { Normaliser } from '../normalise/tokens.js';
import { blendedScore, createTrigramSets, createTrigramStore, diceOf, matchesWithRow, rowOf, rowOfTerms, sharedFeaturesOfRows } from '../similarity/index.js';
import type { QueryCorpus } from './corpus.js';

/** One existing item near the query: its row in the corpus and the parts of its score. */
export interface QueryHit {
  /** Row (= record index) in the corpus. */
  doc: number;
  /** What results are ranked by: (1 − COVERAGE_WEIGHT) · pairScore + COVERAGE_WEIGHT · coverage. */
  score: number;
  /** The pair score of the grouping: ((1 − charWeight) · cosine + charWeight · chars) · (1 − penalty). */
  pairScore: number;
  /** The share of the query's weight on words the item holds (0..1): how much of the query it says. */
  coverage: number;
  cosine: number;
  chars: number;
  penalty: number;
  /** The features query and item share, strongest first, as displayed ("ligature point"). */
  sharedTerms: string[];
}

export interface QueryResult {
  /** How many items shared at least one feature with the query. */
  matched: number;
  /** How many of those were rescored with the full pair score. */
  rescored: number;
  hits: QueryHit[];
  /** Every rescored item whose pair score reaches the threshold (listed or not), best first: what the text would be grouped with. */
  nearDuplicates: number[];
  /** The highest pair score among the rescored items (0 when none was). */
  highestPairScore: number;
}

/** Finds the items of one corpus nearest to any text; built once, asked many times. */
export interface QuerySearcher {
  corpus: QueryCorpus;
  search(text: string, top: number): QueryResult;
}

/** Every item is ranked by a first estimate; at least this many of the best are rescored with the full score. */
export const MIN_RESCORED = 50;
/** … and at least this many per result asked for. */
export const RESCORED_PER_RESULT = 5;
const SHARED_TERMS = 8;

/**
 * How much of a result's score is its coverage of the query. The pair score is symmetric, so a
 * short query scores low against a long item that says all of it and more, and a short item
 * sharing two common words can rank above it. Measured on the labelled PFD pairs (a member's text
 * as the query, its duplicate wanted in the top 5; `bench/quality.md`): 0.2 lists 2 more of 118
 * duplicates, 3 more of 85 when the query is only the member's most distinctive sentence, and 6
 * fewer of 208 different-concern pairs; 0.4 starts to lose duplicates.
 */
export const COVERAGE_WEIGHT = 0.2;

/**
 * A searcher over a corpus. `normaliser` is the run's own when the corpus comes straight from an
 * analysis; a loaded corpus builds one from its alias tables (the terms do not depend on what the
 * normaliser has seen, only the display forms do, and those come with the corpus).
 */
export function createQuerySearcher(corpus: QueryCorpus, normaliser: Normaliser = createNormaliser(parseAliasTables(corpus.aliasTexts))): QuerySearcher {
  const featureIds = new Map<string, number>();
  const { features } = corpus.vectors;
  for (let id = 0; id < features.count; id++) featureIds.set(features.text(id), id);
  const filter = boilerplateFilter(corpus.boilerplate.findings, corpus.boilerplate.minSources);
  const trigramSet = createTrigramSets();
  const trigrams = createTrigramStore((doc) => corpus.texts[doc], corpus.records.length);
  const trigramsOf = (doc: number) => trigrams.of(doc);
  const display = (term: string) => corpus.displays.get(term) ?? normaliser.display(term);
  return {
    corpus,
    search: (text, top) => searchCorpus(corpus, { normaliser, filter, featureIds, trigramSet, trigramsOf, display }, text, top),
  };
}

interface SearchContext {
  normaliser: Normaliser;
  filter: BoilerplateFilter;
  featureIds: ReadonlyMap<string, number>;
  trigramSet: (text: string) => Uint16Array;
  trigramsOf: (doc: number) => Uint16Array;
  display: (term: string) => string;
}

/**
 * The query is normalised as an item of the corpus (same normaliser, same boilerplate cuts) and
 * weighed with the corpus's document frequencies. Every item sharing a feature with it is
 * estimated from its word cosine and its coverage of the query; the best max(50, 5 × top) are
 * rescored with the grouping's full pair score (character Dice and the opposition guard), so
 * `pairScore` means what it means against --threshold, and ranked by that blended with coverage.
 * Best first; ties by id (records are in id order).
 */
function searchCorpus(corpus: QueryCorpus, context: SearchContext, text: string, top: number): QueryResult {
  const { charWeight, bigramWeight, oppositionPenalty } = corpus.parameters;
  const item = normaliseText(text, context.normaliser, context.filter);
  const row = rowOfTerms(item.terms, corpus.vectors, (feature) => context.featureIds.get(feature), bigramWeight);
  const { cosine: cosines, coverage } = matchesWithRow(corpus.vectors, row);
  const estimate = (doc: number) => rankingScore(cosines[doc], coverage[doc]);
  const matched: number[] = [];
  for (let doc = 0; doc < cosines.length; doc++) if (cosines[doc] > 0) matched.push(doc);
  matched.sort((a, b) => estimate(b) - estimate(a) || a - b);
  const candidates = matched.slice(0, Math.max(MIN_RESCORED, RESCORED_PER_RESULT * top));

  const queryTrigrams = charWeight > 0 ? context.trigramSet(item.text) : new Uint16Array(0);
  const scored = candidates.map((doc) => {
    const cosine = cosines[doc];
    const chars = charWeight > 0 ? diceOf(queryTrigrams, context.trigramsOf(doc)) : 0;
    const penalty = oppositionPenalty > 0 && actionsOppose(item.actions, corpus.actions[doc]) ? oppositionPenalty : 0;
    // A query names no recipient, so none counts toward its score.
    const pairScore = blendedScore({ cosine, chars, penalty, recipient: 0 }, { charWeight, recipientWeight: 0 });
    return { doc, score: rankingScore(pairScore, coverage[doc]), pairScore, coverage: coverage[doc], cosine, chars, penalty };
  });
  scored.sort((a, b) => b.score - a.score || a.doc - b.doc);
  const nearDuplicates = scored.filter((hit) => hit.pairScore >= corpus.parameters.threshold).map((hit) => hit.doc);
  const hits = scored.slice(0, top).map((hit) => ({
    ...hit,
    sharedTerms: sharedFeaturesOfRows(corpus.vectors.features, row, rowOf(corpus.vectors, hit.doc))
      .slice(0, SHARED_TERMS)
      .map((shared) => shared.feature.split(' ').map(context.display).join(' ')),
  }));
  const highestPairScore = scored.reduce((highest, hit) => Math.max(highest, hit.pairScore), 0);
  return { matched: matched.length, rescored: candidates.length, hits, nearDuplicates, highestPairScore };
}

/** A result's score: its pair score (or, before rescoring, its cosine) blended with its coverage of the query. */
function rankingScore(pairScore: number, coverage: number): number {
  return (1 - COVERAGE_WEIGHT) * pairScore + COVERAGE_WEIGHT * coverage;
}
