import stem from 'wink-porter2-stemmer';
// Only the English list: the package's main file holds all its languages, and loading it was a
// tenth of the tool's start-up (26 ms of every run). The package has no exports map, so this
// published file is reachable.
import { eng as STOPWORDS_EN } from 'stopword/src/stopwords_eng.js';
import { aliasKey, matchAlias, type AliasTable } from './aliases.js';
import { foldSpelling, foldText } from './fold.js';

/**
 * Reference ids (R/2025/063, O/2025/073) stay whole; words may carry digits (A19, NEWS2). The
 * "s" of a possessive becomes a one-letter token, which is dropped as noise.
 */
const WORD_PATTERN = /[a-z0-9]+(?:\/\d{4}\/\d{2,4})?/g;
const REFERENCE_ID = /^[a-z]{1,3}\/\d{4}\/\d{2,4}$/;
const ROMAN_LIST_MARKERS = new Set(['ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii']);

/** Words in recommendations that carry no topic (the library's list lacks some of them). */
const EXTRA_STOPWORDS = ['also', 'may', 'might', 'could', 'would', 'shall', 'upon', 'within', 'whether', 'etc', 'eg', 'ie', 'per', 'via'];

/** Lower-case word tokens of a text, before stop words and stemming (aliases are matched on these). */
export function tokenizeWords(text: string): string[] {
  return wordsOfFolded(foldText(text));
}

/** Lower-case word tokens of text already folded by `foldText`. */
export function wordsOfFolded(folded: string): string[] {
  return folded.match(WORD_PATTERN) ?? [];
}

export interface Normaliser {
  /** Text → terms: aliases resolved, stop words and list markers dropped, spelling folded, stemmed. */
  terms(text: string): string[];
  /** The same, for text already folded by `foldText` or `foldKeepingLines`. */
  termsOfFolded(folded: string): string[];
  /** The same, for the words `wordsOfFolded` gives (callers that need the words too split once). */
  termsOfWords(words: readonly string[]): string[];
  /**
   * The same terms, without counting the words toward display forms: for texts looked at after
   * the analysis (labels, queries), which must not change what the analysis shows.
   */
  lookupTerms(text: string): string[];
  /** `termsOfWords` without counting toward display forms, as `lookupTerms` is to `terms`. */
  lookupTermsOfWords(words: readonly string[]): string[];
  /** One lower-case word → its term (spelling folded, stemmed), as `terms` makes them. */
  termOfWord(word: string): string;
  /** The most frequent original word seen for a term, for labels ("organis" → "organisation"). */
  display(term: string): string;
}

/** Every cache lives in the returned object, so separate runs never share state. */
export function createNormaliser(aliases: AliasTable): Normaliser {
  const stopwords = new Set([...STOPWORDS_EN, ...EXTRA_STOPWORDS]);
  const stems = new Map<string, string>();
  // One entry per distinct word: its term (null for noise) and how often the analysis saw it, so
  // each word of the text costs one lookup.
  const entries = new Map<string, WordEntry>();
  let displays: Map<string, string> | undefined;

  const termOf = (word: string): string => {
    let term = stems.get(word);
    if (term === undefined) {
      term = /\d/.test(word) ? word : stem(foldSpelling(word));
      stems.set(word, term);
    }
    return term;
  };
  const entryOf = (word: string): WordEntry => {
    let entry = entries.get(word);
    if (entry === undefined) {
      const term = isNoise(word, stopwords) ? null : word.includes('/') && REFERENCE_ID.test(word) ? word : termOf(word);
      const key = aliasKey(word);
      entries.set(word, (entry = { term, count: 0, aliasKey: key, startsAlias: aliases.root.next.has(key) }));
    }
    return entry;
  };
  const aliasKeyOf = (word: string): string => entryOf(word).aliasKey;
  /** Built on first use, after all text is seen: the most frequent word of each term (ties: alphabetical). */
  const displayTable = (): Map<string, string> => {
    const table = new Map<string, string>();
    const best = new Map<string, number>();
    for (const [word, { term, count }] of entries) {
      if (term === null || count === 0) continue;
      const current = table.get(term);
      const bestCount = best.get(term) ?? -1;
      if (count > bestCount || (count === bestCount && current !== undefined && word < current)) {
        table.set(term, word);
        best.set(term, count);
      }
    }
    return table;
  };

  const termsOfWords = (words: readonly string[], count = true): string[] => {
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      // One lookup per word: its entry knows whether an alias can start with it.
      const entry = entryOf(words[i]);
      const alias = entry.startsAlias ? matchAlias(words, i, aliases, aliasKeyOf) : undefined;
      if (alias) {
        out.push(alias.target.term);
        i = alias.end;
        continue;
      }
      i++;
      if (entry.term === null) continue;
      if (count) {
        entry.count++;
        displays = undefined;
      }
      out.push(entry.term);
    }
    return out;
  };

  return {
    terms: (text) => termsOfWords(tokenizeWords(text)),
    termsOfFolded: (folded) => termsOfWords(wordsOfFolded(folded)),
    termsOfWords: (words) => termsOfWords(words),
    lookupTerms: (text) => termsOfWords(tokenizeWords(text), false),
    lookupTermsOfWords: (words) => termsOfWords(words, false),
    termOfWord: termOf,
    display(term) {
      const alias = aliases.displays.get(term);
      if (alias) return alias;
      displays ??= displayTable();
      return displays.get(term) ?? term;
    },
  };
}

interface WordEntry {
  term: string | null;
  count: number;
  /** The word as the alias tables key it, and whether some alias begins with that key. */
  aliasKey: string;
  startsAlias: boolean;
}

/** Stop words, single letters and digits, and roman numerals are list markers or glue, not content. */
function isNoise(word: string, stopwords: ReadonlySet<string>): boolean {
  return word.length < 2 || stopwords.has(word) || ROMAN_LIST_MARKERS.has(word);
}
