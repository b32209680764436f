/**
 * Character-level folding shared by every later stage: NFKC (full-width forms, ligatures),
 * typographic quotes and dashes to ASCII, all white space to one space, lower case.
 */
export function foldText(text: string): string {
  // Replacing only runs of two or more, or a lone tab or line break, gives the same text as
  // replacing every run, without rewriting each single space between words.
  return foldCharacters(text).replace(/\s\s+|[^ \S]/g, ' ').trim().toLowerCase();
}

/** The same folding, but line breaks survive (sentence splitting needs them); other spaces become one. */
export function foldKeepingLines(text: string): string {
  return foldCharacters(text).replace(/[^\S\n]+/g, ' ').toLowerCase();
}

/** NFKC, quotes, dashes and zero-width characters: nothing to do in plain ASCII, which most text is. */
function foldCharacters(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  const folded = text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[\u200B\uFEFF]/g, '');
  return oneByteWherePossible(folded);
}

/**
 * The same characters, one byte each when all fit. A string made from one that held a curly quote
 * stays two bytes a character after the quote is replaced, and so does every word, sentence and
 * item text cut from it: twice the memory, and slower to match and compare.
 */
export function oneByteWherePossible(text: string): string {
  return hasCharPastLatin1(text) ? text : Buffer.from(text, 'latin1').toString('latin1');
}

/** Whether any character needs more than one byte: a string that holds one is two bytes a character throughout. */
export function hasCharPastLatin1(text: string): boolean {
  return PAST_LATIN1.test(text);
}

const PAST_LATIN1 = /[^\x00-\xff]/;

/** Whole-word British ↔ American pairs that suffix rules below would get wrong. */
const SPELLING_WORDS: ReadonlyMap<string, string> = new Map(Object.entries({
  licence: 'license',
  licences: 'licenses',
  defence: 'defense',
  offence: 'offense',
  offences: 'offenses',
  practise: 'practice',
  practised: 'practiced',
  programme: 'program',
  programmes: 'programs',
  judgement: 'judgment',
  judgements: 'judgments',
  ageing: 'aging',
  enrolment: 'enrollment',
  fulfil: 'fulfill',
  tyre: 'tire',
  tyres: 'tires',
  kerb: 'curb',
  kerbs: 'curbs',
  grey: 'gray',
  storey: 'story',
  storeys: 'stories',
  manoeuvre: 'maneuver',
  manoeuvres: 'maneuvers',
}));

/**
 * What any rule below needs in the word, looser than the rules themselves: a word without it is
 * left alone by every rule, so it skips the chain of replacements (most words do).
 */
const SPELLING_HINT = /(?:is|ys)(?:e|es|ed|ing|ation|ations|er|ers)$|our(?:s|ed|ing|ite|ites|able)?$|tres?$|ogues?$|ae|^oe|oea$/;

/**
 * Folds British spellings to American ones, cheaply. A rule that also rewrites an unrelated word
 * (advise → advize) is harmless: it rewrites it the same way in every text.
 */
export function foldSpelling(word: string): string {
  // A Map, not an object: looking up an arbitrary word as a property name costs far more.
  const known = SPELLING_WORDS.get(word);
  if (known) return known;
  if (word.length < 5 || !SPELLING_HINT.test(word)) return word;
  return word
    .replace(/(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$/, 'iz$1')
    .replace(/(?<=[a-z]{2})ys(e|es|ed|ing)$/, 'yz$1')
    .replace(/(?<=[a-z]{3})our(s|ed|ing|ite|ites|able)?$/, 'or$1')
    .replace(/(?<=[a-z]{3})tre(s)?$/, 'ter$1')
    .replace(/(?<=[a-z]{3})ogue(s)?$/, 'og$1')
    .replace(/(?<=[a-z])ae(?=[a-z])/g, 'e')
    .replace(/^oe(?=[a-z]{3})/, 'e')
    .replace(/oea$/, 'ea');
}
