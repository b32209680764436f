import type { RecordItem } from '../types.js';
import { boilerplateVocabulary, findBoilerplate, sentenceKey, stripBoilerplateTerms, type BoilerplateFinding } from './boilerplate.js';
import { foldText, hasCharPastLatin1, oneByteWherePossible } from './fold.js';
import { withoutFormTail } from './form.js';
import { withoutFurniture } from './furniture.js';
import { createActionFinder, type Action, type ActionFinder } from './actions.js';
import { createAddresseeTest, isCoverNote, isLeadIn, isUnfinishedClause, type AddresseeTest } from './fragments.js';
import { packSentenceTerms, type SentenceTerms } from './sentence-terms.js';
import { isSpace } from './space.js';
import { wordsOfFolded, type Normaliser } from './tokens.js';

export { parseAliasTables } from './aliases.js';
export { createNormaliser, tokenizeWords } from './tokens.js';
export { actionsOppose, createActionFinder, createOppositionTest, type Action } from './actions.js';
export { foldText };
export { packSentenceTerms, type SentenceTerms };

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
  /**
   * The item states no concern: every sentence of it was boilerplate, or all it holds is a
   * fragment a split left behind (an addressee line, an unfinished clause; see fragments.ts). It
   * is kept in the report but never grouped.
   */
  boilerplateOnly: boolean;
}

export interface BoilerplateSentence extends BoilerplateFinding {
  /** The first place it was seen, as written, for the report. */
  example: string;
}

export interface NormaliseResult {
  items: NormalisedItem[];
  boilerplate: BoilerplateSentence[];
  /**
   * Each record's sentences' terms, as read (nothing cut), sentence by sentence as `sentencesOf`
   * splits the text: what a group's label is chosen by, kept so its sentences are not read twice.
   */
  sentenceTerms: SentenceTerms;
}

export interface NormaliseSettings {
  boilerplateMinSources: number;
  boilerplateContextSimilarity: number;
}

/** "1." "(2)" "a)" "iv." — how lists number their items. */
const NUMBERED_MARKER = String.raw`\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]`;
/**
 * A numbered list item run on after a comma, "… in this case, – 1. Evidence confirmed …" (web
 * copies of reports lose the line breaks). Numbers only: after a comma, "B. Smith" is a name.
 */
const INLINE_NUMBER = String.raw`\(?\d{1,2}[.)]`;
/** A numbered marker or a bullet. */
const LIST_MARKER = String.raw`(?:${NUMBERED_MARKER}|[-•*·])`;

/**
 * Sentence ends: . ! ? ; : followed by space (not after Mr., e.g. or a list marker such as 1.); a blank
 * line; " | " (how text extracted from PDFs marks page-header lines); a line break before a list
 * marker; or a comma before a numbered item that opens a sentence. Other line breaks are soft wraps from PDFs and web pages and must
 * not cut "giving rise / to concern" in two.
 */
const SENTENCE_BREAK = new RegExp(
  [
    String.raw`(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|no|Nos|Co|Ltd|vs|etc|e\.g|i\.e|approx|para|Reg)\.)(?<!(?:^|\s)${NUMBERED_MARKER})(?<=[.!?;:])\s+`,
    String.raw`\s*\n\s*\n\s*`,
    String.raw`\s+\|\s+`,
    String.raw`\s*\n\s*(?=${LIST_MARKER}\s)`,
    String.raw`(?<=,)\s+(?:[\u00AD–—-]\s*)?(?=${INLINE_NUMBER}\s+[A-Z])`,
  ].join('|'),
);

/** The same pattern, tried only where `mayBreak` says a break can start (see `splitSentences`). */
const SENTENCE_BREAK_AT = new RegExp(SENTENCE_BREAK.source, 'y');

/**
 * `text.split(SENTENCE_BREAK)` without blank pieces. Every break starts at the first character of
 * a run of white space, and only where the run follows sentence punctuation, holds a line break
 * or comes before "|"; those are the only places the pattern is tried, because trying it at every
 * character was most of the cost of reading the text.
 */
export function splitSentences(text: string): string[] {
  const pieces: string[] = [];
  let pieceStart = 0;
  for (let i = 0; i < text.length; ) {
    if (!isSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let runEnd = i + 1;
    while (runEnd < text.length && isSpace(text.charCodeAt(runEnd))) runEnd++;
    SENTENCE_BREAK_AT.lastIndex = i;
    if (mayBreak(text, i, runEnd) && SENTENCE_BREAK_AT.test(text)) {
      pushSentence(pieces, text.slice(pieceStart, i));
      pieceStart = i = SENTENCE_BREAK_AT.lastIndex;
    } else {
      i = runEnd;
    }
  }
  pushSentence(pieces, text.slice(pieceStart));
  return pieces;
}

function pushSentence(pieces: string[], piece: string): void {
  if (piece.trim() !== '') pieces.push(piece);
}

/** Whether SENTENCE_BREAK can match at the white-space run text[start, end): a cheap necessary condition. */
function mayBreak(text: string, start: number, end: number): boolean {
  if (start > 0 && SENTENCE_END.has(text.charCodeAt(start - 1))) return true;
  if (start > 0 && text.charCodeAt(start - 1) === COMMA && MAY_OPEN_INLINE_NUMBER.has(text.charCodeAt(end))) return true;
  if (text.charCodeAt(end) === PIPE) return true;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === NEWLINE) return true;
  return false;
}

const SENTENCE_END = new Set([...'.!?;:'].map((c) => c.charCodeAt(0)));
const COMMA = ','.charCodeAt(0);
/** What can follow the white space after a comma where a numbered item is run on: a digit, "(", a dash. */
const MAY_OPEN_INLINE_NUMBER = new Set([...'0123456789(\u00AD–—-'].map((c) => c.charCodeAt(0)));
const PIPE = '|'.charCodeAt(0);
const NEWLINE = 10;

/**
 * The sentences of a text as every stage reads them: up to the report form's closing sections
 * (see form.ts), split as `splitSentences` does. The analysis, a query and a group's label all
 * read a text through this, so they cut it alike.
 */
export function sentencesOf(text: string): string[] {
  return splitSentences(withoutFormTail(text));
}

/**
 * The list markers opening a text, and the space after them (only when words follow): one, or a
 * dash or soft hyphen before one ("– 1. The birth …", as web copies of PFD reports print them).
 */
const LIST_MARKER_AT_START = new RegExp(String.raw`^[\s\u00AD]*(?:[-–—\u00AD]\s*)*${LIST_MARKER}\s+(?=\S)`);

/**
 * The sentence without the list marker it opens with ("i. The junction …" → "The junction …"):
 * a label names what a group says, and the marker only said where it stood in its list.
 */
export function withoutListMarker(sentence: string): string {
  return sentence.replace(LIST_MARKER_AT_START, '');
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

/** One sentence of a record, read once: everything the passes after reading need of it. */
interface ReadSentence {
  source: number;
  /** As written (furniture cut), for the report's example of a boilerplate sentence. */
  sentence: string;
  folded: string;
  terms: string[];
  /** `sentenceKey(terms)`. */
  key: string;
  actions: Action[];
}

export function normaliseRecords(
  records: readonly RecordItem[],
  normaliser: Normaliser,
  settings: NormaliseSettings,
  onProgress?: (done: number, total: number) => void,
): NormaliseResult {
  const sourceIndex = new Map<string, number>();
  const actionFinder = createActionFinder(normaliser.termOfWord);
  const perRecord = records.map((record, index) => {
    if (onProgress && index % 1024 === 0) onProgress(index, records.length);
    let source = sourceIndex.get(record.source);
    if (source === undefined) sourceIndex.set(record.source, (source = sourceIndex.size));
    return compactSentencesOf(record.text).map((written) => readSentence(written, source!, normaliser, actionFinder));
  });
  const allSentences = perRecord.flat();
  const minSources = boilerplateSourceFloor(settings.boilerplateMinSources, sourceIndex.size);
  const findings = findBoilerplate(allSentences, {
    minSources,
    maxContextSimilarity: settings.boilerplateContextSimilarity,
  });
  const filter = boilerplateFilter(findings, minSources);
  const examples = new Map<string, string>();
  for (const sentence of allSentences) {
    if (filter.findingKeys.has(sentence.key) && !examples.has(sentence.key)) examples.set(sentence.key, sentence.sentence.trim());
  }
  const boilerplate = findings.map((finding) => ({ ...finding, example: examples.get(finding.key)! }));
  const isAddressee = createAddresseeTest(
    records.map((record) => record.recipient),
    normaliser.lookupTerms,
  );
  const items = perRecord.map((sentences) => withoutAddresseeLine(itemOf(sentences, filter, false), isAddressee));
  return { items, boilerplate, sentenceTerms: packSentenceTerms(perRecord, (sentence) => sentence.terms) };
}

/**
 * The share of the records with content that are a single sentence, counting only sentences with
 * terms (`sentenceTerms` as normaliseRecords gives them): what decides whether a collection is read
 * as sentences (see Options.textUnit). 0 when none has content.
 */
export function singleSentenceShare(sentenceTerms: SentenceTerms): number {
  let withContent = 0;
  let single = 0;
  for (let record = 0; record < sentenceTerms.length; record++) {
    const count = sentenceTerms.sentencesWithTerms(record);
    if (count > 0) withContent++;
    if (count === 1) single++;
  }
  return withContent === 0 ? 0 : single / withContent;
}

/** What a collection's boilerplate findings take out of any text read against that collection. */
export interface BoilerplateFilter {
  /** Keys of whole sentences that are boilerplate. */
  findingKeys: ReadonlySet<string>;
  /** Lenient procedural vocabulary: cuts procedural runs and mostly-procedural sentences. */
  vocabulary: ReadonlySet<string>;
  /** Strict procedural vocabulary (spread across twice as many sources): dropped from every item. */
  dominant: ReadonlySet<string>;
}

/**
 * The filter of a collection's findings, `minSources` being the floor they were found at
 * (`boilerplateSourceFloor`). Two strengths of procedural vocabulary: a lenient one to cut
 * procedural runs and sentences, and a strict one dropped from every item.
 */
export function boilerplateFilter(findings: readonly Pick<BoilerplateFinding, 'key' | 'sources' | 'repeated'>[], minSources: number): BoilerplateFilter {
  return {
    findingKeys: new Set(findings.map((finding) => finding.key)),
    vocabulary: boilerplateVocabulary(findings, minSources),
    dominant: boilerplateVocabulary(findings, 2 * minSources),
  };
}

/**
 * One text read as an item of an already-normalised collection (a query against it): the same
 * sentences, terms, actions and boilerplate cuts the collection's own items got. Its words are
 * looked up without counting toward display forms, so reading it changes nothing the analysis shows.
 */
export function normaliseText(text: string, normaliser: Normaliser, filter: BoilerplateFilter): NormalisedItem {
  const actionFinder = createActionFinder(normaliser.termOfWord);
  const sentences = sentencesOf(text).map((written) => readSentence(written, 0, normaliser, actionFinder, normaliser.lookupTermsOfWords));
  // A question is read as written: even one that is only a body's name or a clause is what was asked.
  return itemOf(sentences, filter, true);
}

/**
 * `sentencesOf`, one byte a character where a sentence can be. Cut from a text that holds a
 * character past Latin-1, a sentence is two bytes a character even where it has none itself, and
 * so is everything read from it (see oneByteWherePossible).
 */
function compactSentencesOf(text: string): string[] {
  const sentences = sentencesOf(text);
  return hasCharPastLatin1(text) ? sentences.map(oneByteWherePossible) : sentences;
}

/** Furniture cut, folded, split into words once: terms, key and actions all come from those words. */
function readSentence(
  written: string,
  source: number,
  normaliser: Normaliser,
  actionFinder: ActionFinder,
  termsOfWords: (words: readonly string[]) => string[] = normaliser.termsOfWords,
): ReadSentence {
  const sentence = withoutFurniture(written);
  const folded = foldText(sentence);
  const words = wordsOfFolded(folded);
  const terms = termsOfWords(words);
  return { source, sentence, folded, terms, key: sentenceKey(terms), actions: actionFinder.actionsOf(words) };
}

/**
 * A record's item from its sentences: boilerplate sentences dropped, procedural runs cut from the
 * rest, dominant procedural terms left out of the terms, and the fragments a split leaves (an
 * unfinished clause anywhere; a lead-in at the end, whose list went to the next item) too, unless
 * `keepLoneFragment` and nothing else would be left.
 */
function itemOf(sentences: readonly ReadSentence[], filter: BoilerplateFilter, keepLoneFragment: boolean): NormalisedItem {
  const item = itemOfSentences(sentences, filter, fragmentsOf(sentences));
  return keepLoneFragment && item.terms.length === 0 ? itemOfSentences(sentences, filter, new Set()) : item;
}

/** Which sentences are fragments: unfinished clauses and cover notes, and a trailing lead-in after other words. */
function fragmentsOf(sentences: readonly ReadSentence[]): Set<ReadSentence> {
  const fragments = new Set(sentences.filter((sentence) => isUnfinishedClause(sentence.sentence) || isCoverNote(sentence.sentence)));
  const withTerms = sentences.filter((sentence) => sentence.terms.length > 0);
  const last = withTerms[withTerms.length - 1];
  if (last && isLeadIn(last.sentence) && withTerms.some((sentence) => sentence !== last && !fragments.has(sentence))) fragments.add(last);
  return fragments;
}

/** An item that only names one of the collection's recipients states no concern (see fragments.ts). */
function withoutAddresseeLine(item: NormalisedItem, isAddressee: AddresseeTest): NormalisedItem {
  return isAddressee(item.terms) ? { terms: [], text: '', actions: [], boilerplateOnly: true } : item;
}

function itemOfSentences(
  sentences: readonly ReadSentence[],
  { findingKeys, vocabulary, dominant }: BoilerplateFilter,
  fragments: ReadonlySet<ReadSentence>,
): NormalisedItem {
  const terms: string[] = [];
  const texts: string[] = [];
  const actions: Action[] = [];
  let hadContent = false;
  for (const sentence of sentences) {
    if (sentence.terms.length > 0) hadContent = true;
    const kept = findingKeys.has(sentence.key) || fragments.has(sentence) ? [] : stripBoilerplateTerms(sentence.terms, vocabulary);
    if (kept.length === 0) continue;
    for (const term of kept) if (!dominant.has(term)) terms.push(term);
    texts.push(kept.length === sentence.terms.length ? sentence.folded : kept.join(' '));
    actions.push(...sentence.actions);
  }
  return { terms, text: texts.join(' '), actions, boilerplateOnly: hadContent && texts.length === 0 };
}
