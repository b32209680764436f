import { sentences } from './lines.js';

/**
 * Who a recommendation asks to act, read from its grammar: the organisation after "<body>
 * recommends that", else the subject of a "should / must / needs to" clause.
 */
export function findRecipient(text: string): string {
  const named = recommendsThatSubject(text) || addressedTo(text);
  if (named) return named;
  return modalSubjects(text).join('; ');
}

/**
 * "This recommendation is for local ICSs to review …", "… is aimed at NHS England": the body a
 * recommendation says it is for, when it names an actor. Reports use this where the
 * recommendation itself is written as a statement ("ICSs will develop strategies …").
 */
function addressedTo(text: string): string {
  const match = /\brecommendations?\s+(?:is|are)\s+(?:for|aimed\s+at|addressed\s+to|directed\s+at)\s+([^.;:]{1,120}?)(?:\s+to\s+[a-z]|[.;:]|$)/i.exec(text);
  if (!match) return '';
  const subject = match[1].replace(DETERMINERS, '').replace(/,.*$/, '').trim();
  if (!subject || DEICTIC.test(subject) || subject.split(/\s+/).length > 10 || !namesAnActor(subject)) return '';
  return subject.charAt(0).toUpperCase() + subject.slice(1);
}

/** Words that join the parts of an organisation's name ("Secretary of State for Health and Social Care"). */
const NAME_JOINERS = new Set(['of', 'and', 'for', 'the', '&', 'in', 'on', 'to']);

/**
 * "HSSIB recommends that the Department of Health and Social Care continues …" → the run of
 * capitalised words (and the small words inside names) after "that", up to the first lowercase verb.
 */
function recommendsThatSubject(text: string): string {
  const match = /\brecommend(?:s|ed)?\s+that\s+([^.;:]{1,300})/i.exec(text);
  if (!match) return '';
  const words = match[1].split(/\s+/);
  const run: string[] = [];
  for (const raw of words) {
    const word = raw.replace(/[,)]+$/, '');
    const capitalised = /^[A-Z(‘'"“]/.test(word) || /^[A-Z]/.test(word.replace(/^[(‘'"“]/, ''));
    if (!capitalised && !NAME_JOINERS.has(word.toLowerCase())) break;
    run.push(word);
    if (word !== raw) break;
  }
  while (run.length > 0 && NAME_JOINERS.has(run[run.length - 1].toLowerCase())) run.pop();
  while (run.length > 0 && NAME_JOINERS.has(run[0].toLowerCase())) run.shift();
  if (run.length > 0) return run.join(' ');
  const clause = modalSubjects(match[1]);
  return clause[0] ?? '';
}

/** The modal verbs of a recommendation: what someone is asked to do. */
const MODAL = /\s(?:should|must|shall|ought\s+to|needs?\s+to|(?:is|are)\s+(?:asked|required|expected|encouraged)\s+to)(?=[\s:,])/i;

/** Subjects that point back at something, never an actor. */
const DEICTIC = /^(?:this|these|that|those|it|its|they|them|their|there|we|us|our|he|she|such|which|who|what|more|further|consideration|priority|action|work|attention|care)\b/i;

/** Words that stand before an actor without being part of its name. */
const DETERMINERS = /^(?:every|all|each|any|both|the|a|an)\s+/i;

/** Nouns for the people and organisations recommendations are addressed to, in any report. */
const ROLE_NOUNS = new Set(
  (
    'board trust provider commissioner regulator government department ministry minister secretary service team ' +
    'organisation organization body authority council college practitioner clinician hospital committee group ' +
    'leader manager director executive system partnership collaborative agency inspectorate coroner police force ' +
    'school employer insurer manufacturer company practice unit owner operator contractor supplier pharmacy'
  ).split(' '),
);

/**
 * Subjects of the recommendation's "should" clauses, first one first. The first sentence's subject is
 * taken when it names an actor at all ("Trust and provider leaders"); later ones only when they carry
 * a proper name ("CQC", "NHS England's Transformation Directorate"), which keeps "Boards" and
 * "The review" out of the list.
 */
function modalSubjects(text: string): string[] {
  const found: string[] = [];
  for (const clause of clauses(text)) {
    const subject = subjectBeforeModal(clause);
    if (!subject) continue;
    const acceptable = found.length === 0 ? namesAnActor(subject) : hasProperName(subject);
    if (acceptable && !found.some((f) => f.toLowerCase() === subject.toLowerCase())) found.push(subject);
    if (found.length >= 4) break;
  }
  return found;
}

/** Sentences, further split at colons and semicolons, because a list's items each have their own subject. */
function clauses(text: string): string[] {
  return sentences(text).flatMap((s) => s.split(/[:;]\s+/));
}

function subjectBeforeModal(clause: string): string {
  const modal = MODAL.exec(` ${clause} `);
  if (!modal) return '';
  let subject = ` ${clause} `.slice(0, modal.index).trim();
  // "Except where specified, these recommendations should …": drop the leading adverbial clause.
  if (/^(?:except|where|when|if|to|in\s+order|as|following|given|by|for|once|until|with|without|subject)\b/i.test(subject)) {
    const comma = subject.indexOf(', ');
    if (comma < 0) return '';
    subject = subject.slice(comma + 2);
  }
  // "DHSC, in partnership with NHS England …, should convene": the insert between commas is not the actor.
  const comma = subject.indexOf(',');
  if (comma > 0) subject = subject.slice(0, comma);
  subject = subject.replace(DETERMINERS, '').replace(/^[‘'"“(]+|[’'"”)]+$/g, '').trim();
  if (!subject || DEICTIC.test(subject) || !/^[A-Za-z]/.test(subject)) return '';
  const words = subject.split(/\s+/);
  if (words.length > 10 || /\b(?:is|are|was|were|has|have|had|be|been|which|who|that|if|when|where)\b/i.test(subject)) return '';
  return subject.charAt(0).toUpperCase() + subject.slice(1);
}

/** A proper name or acronym anywhere but a sentence's first letter: "NHS England", "CQC", "ICSs". */
function hasProperName(subject: string): boolean {
  const words = subject.split(/\s+/);
  return words.some((w, i) => /^[A-Z]{2,}/.test(w) || (i > 0 && /^[A-Z]/.test(w)));
}

function namesAnActor(subject: string): boolean {
  if (hasProperName(subject)) return true;
  const head = subject.split(/\s+(?:of|for|in|at|on|within|across)\s+/i)[0].split(/\s+/).pop() ?? '';
  const singular = head.toLowerCase().replace(/(?:ies)$/, 'y').replace(/(?<!s)s$/, '');
  return ROLE_NOUNS.has(singular);
}
