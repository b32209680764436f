import { isHeading, tidy, type Line } from './lines.js';

/**
 * The line-start markers every recogniser looks for, in one place: each recogniser's block of text
 * runs until the next marker of any kind, so they must all agree on what a marker is.
 */

/** An HSSIB-style reference: R/2025/063 (recommendation), O/2025/073 (observation), ICB/2024/010 (learning). */
export const REFERENCE_ID = /\b[A-Z]{1,4}\/(?:19|20)\d{2}\/\d{2,4}\b/g;

/** "Safety recommendation R/2025/063:" / "Safety observation O/2025/073" (the text may follow on the line). */
const HSSIB_MARKER = /^(?:safety\s+)?(recommendation|observation)\s+([A-Z]{1,4}\/(?:19|20)\d{2}\/\d{2,4})(?:\s*[:.–—-]\s*(.*)|\s+([A-Z‘'"“].*)|\s*)$/i;

/**
 * Markers open a line with a capital: in PDF text a sentence that mentions "recommendation 13"
 * can wrap so that the mention starts a line, and must not be taken for a marker.
 */
function capitalised(text: string): boolean {
  return /^[A-Z]/.test(text);
}

export interface HssibMarker {
  kind: 'recommendation' | 'observation';
  id: string;
  rest: string;
}

export function hssibMarker(text: string): HssibMarker | null {
  const t = tidy(text);
  const match = capitalised(t) ? HSSIB_MARKER.exec(t) : null;
  if (!match) return null;
  return { kind: match[1].toLowerCase() === 'observation' ? 'observation' : 'recommendation', id: match[2], rest: match[3] ?? match[4] ?? '' };
}

/** "HSSIB makes the following safety recommendation(s)": an introduction, never part of a record. */
export function isRecommendationIntro(text: string): boolean {
  return /\bmakes? the following (?:safety )?(?:recommendations?|observations?)\b/i.test(tidy(text)) && tidy(text).length < 160;
}

/** "Recommendation 4", "Recommendation 4:", "Recommendation 2.1 – text", "R4: text". */
const NUMBERED_MARKER = /^(?:recommendation|rec\.)\s+(\d{1,4}(?:\.\d{1,3}){0,2}[a-z]?)(?:\s*[:.)–—-]\s*(.*)|\s*)$/i;
const SHORT_MARKER = /^R(\d{1,3})(?:\s*[:.)–—-]\s*(.*)|\s+([A-Z‘'"“].*)|\s*)$/;

export interface NumberedMarker {
  number: string;
  rest: string;
}

export function numberedMarker(text: string): NumberedMarker | null {
  const t = tidy(text);
  if (!capitalised(t)) return null;
  const match = NUMBERED_MARKER.exec(t);
  if (match) return { number: match[1].toLowerCase(), rest: match[2] ?? '' };
  const short = SHORT_MARKER.exec(t);
  if (short) return { number: short[1], rest: short[2] ?? short[3] ?? '' };
  return null;
}

/**
 * "Government response to recommendation 4", "Response to recommendation R/2024/043:", or a bare
 * "Government response" / "Response:" heading, which answers the recommendation printed just before it.
 */
const NUMBERED_RESPONSE = /^(?:the\s+)?(?:government(?:['’]s)?\s+|department(?:['’]s)?\s+|dhsc(?:['’]s)?\s+|our\s+)?response\s+to\s+(?:safety\s+)?recommendation\s+(\d{1,4}(?:\.\d{1,3}){0,2}[a-z]?|[A-Z]{1,4}\/(?:19|20)\d{2}\/\d{2,4})(?:\s*[:.–—-]\s*(.*)|\s*)$/i;
const BARE_RESPONSE = /^(?:the\s+)?(?:government(?:['’]s)?\s+|department(?:['’]s)?\s+|our\s+)?response(?:\s*[:–—-]\s*(.*)|\s*)$/i;

export interface ResponseMarker {
  /** The recommendation it answers, when printed. */
  number: string | null;
  rest: string;
}

export function responseMarker(text: string): ResponseMarker | null {
  const t = tidy(text);
  if (!capitalised(t)) return null;
  const numbered = NUMBERED_RESPONSE.exec(t);
  if (numbered) return { number: /\//.test(numbered[1]) ? numbered[1] : numbered[1].toLowerCase(), rest: numbered[2] ?? '' };
  const bare = BARE_RESPONSE.exec(t);
  if (bare) return { number: null, rest: bare[1] ?? '' };
  return null;
}

/** The numbered sections of a coroner's Regulation 28 report, in its printed template. */
const PFD_SECTION = /^(?:\d{1,2}\s*[.)]?\s*)?(?:this report is being sent to|coroner['’`]?s? concerns|coroner['’`]?s? legal powers|coroner|investigation and inquest|investigation & inquest|circumstances of the death|action should be taken|your response|copies and publication|copies & publication)\s*:?$/i;

export function pfdSection(text: string): string | null {
  const t = tidy(text);
  if (!PFD_SECTION.test(t)) return null;
  return t.replace(/^\d{1,2}\s*[.)]?\s*/, '').replace(/\s*:$/, '').toLowerCase().replace(/[’`]/g, "'");
}

/** "2.1.14 Patient safety …": a numbered paragraph of a report body, which no record runs into. */
export function isNumberedParagraph(text: string): boolean {
  return /^\d{1,2}\.\d{1,2}(?:\.\d{1,3})*\s+\S/.test(tidy(text));
}

/** A line that opens something else: a record, a response, an introduction or a PFD section. */
export function isMarker(text: string): boolean {
  return (
    hssibMarker(text) !== null ||
    numberedMarker(text) !== null ||
    responseMarker(text) !== null ||
    isRecommendationIntro(text) ||
    pfdSection(text) !== null
  );
}

/** Where a record's text must stop: any marker, a heading or a numbered paragraph. */
export function isBoundary(lines: readonly Line[], i: number): boolean {
  const text = lines[i]?.text ?? '';
  return isMarker(text) || isNumberedParagraph(text) || isHeading(lines, i);
}
