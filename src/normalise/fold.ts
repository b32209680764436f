/**
 * Character-level folding shared by every later stage: NFKC (full-width forms, ligatures),
 * typographic quotes and dashes to ASCII, all white space to one space, lower case.
 */
export function foldText(text: string): string {
  return foldKeepingLines(text).replace(/\s+/g, ' ').trim();
}

/** The same folding, but line breaks survive (sentence splitting needs them); other spaces become one. */
export function foldKeepingLines(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text.replace(/[^\S\n]+/g, ' ').toLowerCase();
  // NFKC is the costly step and changes nothing in plain ASCII, which most text is.
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[\u200B\uFEFF]/g, '')
    .replace(/[^\S\n]+/g, ' ')
    .toLowerCase();
}

/** Whole-word British ↔ American pairs that suffix rules below would get wrong. */
const SPELLING_WORDS: Readonly<Record<string, string>> = {
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
};

/**
 * Folds British spellings to American ones, cheaply. A rule that also rewrites an unrelated word
 * (advise → advize) is harmless: it rewrites it the same way in every text.
 */
export function foldSpelling(word: string): string {
  const known = SPELLING_WORDS[word];
  if (known) return known;
  if (word.length < 5) return word;
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
