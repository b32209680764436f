import type { RecordItem } from '../types.js';
import { boilerplateVocabulary, findBoilerplate, sentenceKey, stripBoilerplateTerms, type BoilerplateFinding } from './boilerplate.js';
import { foldText } from './fold.js';
import { withoutFurniture } from './furniture.js';
import { createActionFinder, type Action } from './actions.js';
import { wordsOfFolded, type Normaliser } from './tokens.js';

export { parseAliasTables } from './aliases.js';
export { createNormaliser, tokenizeWords } from './tokens.js';
export { actionsOppose, createActionFinder, type Action } from './actions.js';
export { foldText };

/** A record's text as the similarity stage sees it. */
export interface NormalisedItem {
  /** Stemmed content terms in text order, boilerplate sentences removed. */
  terms: string[];
  /**
   * What character similarity compares: kept sentences as written (folded); a sentence with
   * boilerplate cut out contributes only its remaining terms, so the cut part adds no trigrams.
   */
  text: string;
  /** The actions it asks for ("should not introduce …"), to keep opposite asks apart. */
  actions: Action[];
  /** Every sentence of the text was boilerplate: the item is kept in the report but never grouped. */
  boilerplateOnly: boolean;
}

export interface BoilerplateSentence extends BoilerplateFinding {
  /** The first place it was seen, as written, for the report. */
  example: string;
}

export interface NormaliseResult {
  items: NormalisedItem[];
  boilerplate: BoilerplateSentence[];
}

export interface NormaliseSettings {
  boilerplateMinSources: number;
  boilerplateContextSimilarity: number;
}

/**
 * Sentence ends: . ! ? ; : followed by space (not after Mr., e.g. or a list marker such as 1.); a blank
 * line; " | " (how text extracted from PDFs marks page-header lines); or a line break before a list marker. Other line breaks are soft wraps from PDFs and web pages and must
 * not cut "giving rise / to concern" in two.
 */
const SENTENCE_BREAK = new RegExp(
  [
    String.raw`(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|no|Nos|Co|Ltd|vs|etc|e\.g|i\.e|approx|para|Reg)\.)(?<!(?:^|\s)\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)])(?<=[.!?;:])\s+`,
    String.raw`\s*\n\s*\n\s*`,
    String.raw`\s+\|\s+`,
    String.raw`\s*\n\s*(?=(?:\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]|[-•*·])\s)`,
  ].join('|'),
);

export function splitSentences(text: string): string[] {
  return text.split(SENTENCE_BREAK).filter((s) => s !== undefined && s.trim() !== '');
}

/** Boilerplate must recur in at least this share of all sources, however many there are. */
const BOILERPLATE_MIN_SOURCE_SHARE = 0.002;

/**
 * How many sources a sentence must recur in to be boilerplate: the setting, or 0.2 % of all
 * sources when that is more. Procedure recurs in a share of every collection's reports; on a
 * national collection of hundreds of thousands of sources, a plain sentence ("The ward was
 * short-staffed.") recurs in a handful of unrelated ones by chance, and taking it — and its words,
 * from every item — as boilerplate would strip real content. At the PFD data's 1,897 sources the
 * share is 3.8, so the setting (4) decides.
 */
export function boilerplateSourceFloor(setting: number, sources: number): number {
  return Math.max(setting, Math.ceil(BOILERPLATE_MIN_SOURCE_SHARE * sources));
}

export function normaliseRecords(
  records: readonly RecordItem[],
  normaliser: Normaliser,
  settings: NormaliseSettings,
  onProgress?: (done: number, total: number) => void,
): NormaliseResult {
  const sourceIndex = new Map<string, number>();
  const perRecord = records.map((record, index) => {
    if (onProgress && index % 1024 === 0) onProgress(index, records.length);
    let source = sourceIndex.get(record.source);
    if (source === undefined) sourceIndex.set(record.source, (source = sourceIndex.size));
    return splitSentences(record.text).map(withoutFurniture).map((sentence) => {
      const folded = foldText(sentence);
      return { source: source!, sentence, folded, terms: normaliser.termsOfFolded(folded) };
    });
  });
  const minSources = boilerplateSourceFloor(settings.boilerplateMinSources, sourceIndex.size);
  const findings = findBoilerplate(perRecord.flat(), {
    minSources,
    maxContextSimilarity: settings.boilerplateContextSimilarity,
  });
  const findingKeys = new Set(findings.map((finding) => finding.key));
  // Two strengths of procedural vocabulary: a lenient one to cut procedural runs and sentences, and
  // a strict one (words spread by boilerplate across twice as many sources) dropped from every item.
  const vocabulary = boilerplateVocabulary(findings, minSources);
  const dominant = boilerplateVocabulary(findings, 2 * minSources);
  const examples = new Map<string, string>();
  for (const sentence of perRecord.flat()) {
    const key = sentenceKey(sentence.terms);
    if (findingKeys.has(key) && !examples.has(key)) examples.set(key, sentence.sentence.trim());
  }
  const boilerplate = findings.map((finding) => ({ ...finding, example: examples.get(finding.key)! }));
  const actionFinder = createActionFinder(normaliser.termOfWord);
  const items = perRecord.map((sentences) => {
    const kept = sentences
      .map((s) => {
        const terms = findingKeys.has(sentenceKey(s.terms)) ? [] : stripBoilerplateTerms(s.terms, vocabulary);
        return { terms, folded: s.folded, text: terms.length === s.terms.length ? s.folded : terms.join(' ') };
      })
      .filter((s) => s.terms.length > 0);
    const hadContent = sentences.some((s) => s.terms.length > 0);
    return {
      terms: kept.flatMap((s) => s.terms).filter((t) => !dominant.has(t)),
      text: kept.map((s) => s.text).join(' '),
      actions: kept.flatMap((s) => actionFinder.actionsOf(wordsOfFolded(s.folded))),
      boilerplateOnly: hadContent && kept.length === 0,
    };
  });
  return { items, boilerplate };
}
