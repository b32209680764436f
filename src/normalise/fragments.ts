/**
 * Pieces of text that state no concern of their own, left behind where a report was split into
 * items: a lead-in whose list went to other items ("The following matters remain:"), an unfinished
 * clause ("Although not identified as causative of the death in this case,"), a cover note
 * ("letters are enclosed from the medical directors of both trusts"), and a bare addressee line
 * ("3 Essex Partnership NHS Foundation Trust."). Their words are real words, so two of them from
 * two reports look alike and would be counted as a concern made twice.
 */
import { recipientParts } from './recipients.js';
import { isSpace } from './space.js';

/** A sentence that announces what comes after it: it ends in a colon. */
export function isLeadIn(sentence: string): boolean {
  return lastVisible(sentence) === ':';
}

/** The last character that is not white space ('' for none): every sentence is asked, so nothing is copied. */
function lastVisible(text: string): string {
  let end = text.length - 1;
  while (end >= 0 && isSpace(text.charCodeAt(end))) end--;
  return end >= 0 ? text[end] : '';
}

/**
 * Words that open a subordinate clause or a turn in the argument: a sentence opening with one and
 * ending in a comma is a clause whose main part never came ("However, as indicated in Court
 * today,"). A sentence ending in a comma otherwise is usually a statement cut short that still
 * says what it is about ("I believe that this matter should be looked at by National Highways,").
 */
const CLAUSE_OPENERS = new Set(['although', 'though', 'while', 'whilst', 'whereas', 'however', 'unless', 'despite', 'notwithstanding']);

/**
 * Words that make a sentence the rest of the one before it: "Including, where appropriate,
 * updating the returns …" after "The review should include: …", or "And the board should …". Such
 * a sentence says something only with its predecessor, so it is a poor label on its own.
 */
const CONTINUATION_OPENERS = new Set(['and', 'or', 'but', 'nor', 'including', 'which', 'whereby', 'plus']);

/** A sentence that goes on from the one before it (see CONTINUATION_OPENERS): read by its first word only. */
export function isContinuation(sentence: string): boolean {
  const first = firstWordOf(sentence);
  return first !== undefined && CONTINUATION_OPENERS.has(first);
}

/** The sentence's first word in lower case, past any dash, bracket or list marker before it. */
function firstWordOf(sentence: string): string | undefined {
  return /^[^A-Za-z]*([A-Za-z]+)/.exec(sentence)?.[1]?.toLowerCase();
}

/** "Although not identified as causative of the death in this case," — a clause whose main part never came. */
export function isUnfinishedClause(sentence: string): boolean {
  if (lastVisible(sentence) !== ',') return false;
  const first = firstWordOf(sentence);
  return first !== undefined && CLAUSE_OPENERS.has(first);
}

/**
 * A cover note says what comes with the report ("I enclose a copy of the collision investigator's
 * report", "letters are enclosed from the medical directors of both trusts"), not what went wrong:
 * a short sentence with a first-person enclose / attach / append, or a present passive one that is
 * not "attached to" something (a code attached to an incident is a fact of the case). An aside in
 * brackets ("… markings on the road (a copy of the TfL report is attached).") leaves the sentence
 * around it a concern, and so does a bracket the split left open ("… markings on the road (A copy
 * of the TfL report is appended for ease of reference.").
 */
const FIRST_PERSON_ENCLOSURE = /(?:\bI|\b[Ww]e)(?:\s+(?:have|also|am|now|would|will|do))*\s+(?:enclose|enclosed|enclosing|attach|attached|attaching|append|appended)\b/;
const PASSIVE_ENCLOSURE = /\b(?:is|are)\s+(?:also\s+)?(?:enclosed|attached|appended)\b(?!\s+to\b)/i;

/** A bracketed aside, or a bracket opened and never closed: everything after it is the aside. */
const BRACKETED = /\([^()]*(?:\)|$)/g;

/**
 * A cover note is at most this many words. The PFD concerns' cover notes run to 28 ("I attach the
 * summing up in relation to this case which …"); a longer sentence that mentions an enclosure
 * says more than that — a concern run on without full stops that ends "… is attached" is still a
 * concern.
 */
const COVER_NOTE_MAX_WORDS = 30;

export function isCoverNote(sentence: string): boolean {
  // Every sentence is asked; plain substring tests turn almost all of them away before a regex runs.
  if (!sentence.includes('nclos') && !sentence.includes('ttach') && !sentence.includes('ppend')) return false;
  if (wordCount(sentence) > COVER_NOTE_MAX_WORDS) return false;
  const outsideBrackets = sentence.includes('(') ? sentence.replace(BRACKETED, ' ') : sentence;
  return FIRST_PERSON_ENCLOSURE.test(outsideBrackets) || PASSIVE_ENCLOSURE.test(outsideBrackets);
}

/** Runs of characters between white space. */
function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** An addressee line names at most this many terms (a body's name, a department, a place). */
const ADDRESSEE_MAX_TERMS = 8;
/** …and most of one recipient's name: "Social care" is not the Department of Health and Social Care. */
const ADDRESSEE_MIN_COVER = 0.6;

/**
 * Whether an item's terms are only a body's name: all of them within one recipient named in the
 * collection, covering most of that name. Recipients come from the data (the recipient column),
 * never from a list of bodies.
 */
export type AddresseeTest = (terms: readonly string[]) => boolean;

export function createAddresseeTest(recipients: Iterable<string>, termsOf: (text: string) => string[]): AddresseeTest {
  // Built on the first short item: most items are longer than any name, and never need it.
  let namesWithTerm: Map<string, Set<string>[]> | undefined;
  return (terms) => {
    // A longer item is no line, whatever it repeats; most items end here.
    if (terms.length > 4 * ADDRESSEE_MAX_TERMS) return false;
    const distinct = [...new Set(terms)];
    if (distinct.length === 0 || distinct.length > ADDRESSEE_MAX_TERMS) return false;
    namesWithTerm ??= indexNames(recipients, termsOf);
    const candidates = namesWithTerm.get(distinct[0]) ?? [];
    return candidates.some((name) => distinct.length >= ADDRESSEE_MIN_COVER * name.size && distinct.every((term) => name.has(term)));
  };
}

/** Each distinct recipient name's terms, listed under every term it holds. */
function indexNames(recipients: Iterable<string>, termsOf: (text: string) => string[]): Map<string, Set<string>[]> {
  const names: Set<string>[] = [];
  const seenFields = new Set<string>();
  const seenNames = new Set<string>();
  for (const field of recipients) {
    if (seenFields.has(field)) continue;
    seenFields.add(field);
    for (const part of recipientParts(field)) {
      const terms = [...new Set(termsOf(part))].sort();
      const key = terms.join(' ');
      if (terms.length === 0 || seenNames.has(key)) continue;
      seenNames.add(key);
      names.push(new Set(terms));
    }
  }
  const namesWithTerm = new Map<string, Set<string>[]>();
  for (const name of names) {
    for (const term of name) {
      let list = namesWithTerm.get(term);
      if (!list) namesWithTerm.set(term, (list = []));
      list.push(name);
    }
  }
  return namesWithTerm;
}
