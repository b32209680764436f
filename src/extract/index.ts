import type { Warning } from '../types.js';
import { findActionLists } from './actions.js';
import { Claims, type Finding } from './blocks.js';
import { findCrossReferences, findHssibRecords, findRecommendsThat } from './hssib.js';
import { documentLines, locationOf, type Line } from './lines.js';
import { documentKey, documentTitle, fileLabel, publicationYear } from './metadata.js';
import { findListedRecommendations, findMarkedRecommendations } from './numbered.js';
import { findConcerns, isPfdReport } from './pfd.js';
import { findRecipient } from './recipients.js';
import { findResponses, pairResponses, type ResponseBlock } from './responses.js';
import { readStatus } from './status.js';
import type { ExtractedRecord, Extraction, ReportDocument } from './types.js';

export type { CrossReference, ExtractedRecord, Extraction, RecordKind, ReportDocument } from './types.js';

/**
 * The recommendations (observations, concerns, actions) of one report, with the responses printed
 * beside them and the ids it cites in passing. Pure: the same document always gives the same result.
 *
 * Recognisers run from the most specific marker to the loosest, each taking the lines it reads, so
 * a later, looser one (an action list) never re-reads text an earlier one (a numbered
 * recommendation) already holds.
 */
export function extractDocument(doc: ReportDocument): Extraction {
  const lines = documentLines(doc);
  const claims = new Claims(lines.length);
  const findings: Finding[] = [
    ...findHssibRecords(lines, claims),
    ...mergeRepeatedNumbers(findMarkedRecommendations(lines, claims)),
  ];
  const responses = findResponses(lines, claims);
  findings.push(...mergeRepeatedNumbers(findListedRecommendations(lines, claims)));
  const pfd = isPfdReport(lines);
  if (pfd) findings.push(...findConcerns(lines, claims));
  findings.push(...findRecommendsThat(lines, claims));
  // A PFD report's asks are its concerns; its other lists are evidence.
  if (!pfd) findings.push(...findActionLists(lines, claims));
  findings.sort((a, b) => a.start - b.start);
  const unmatched = pairResponses(findings, responses);

  const source = documentSource(doc, lines, pfd);
  const records = toRecords(doc, lines, findings, source);
  const ownIds = new Set(records.map((r) => r.id));
  const crossReferences = findCrossReferences(lines, ownIds).map(({ id, line }) => ({ id, source, location: locationOf(line, doc.paged) }));
  const warnings = [...unmatchedWarnings(doc, lines, unmatched), ...numberingWarnings(doc, findings)];
  if (records.length === 0) {
    warnings.push({ message: `${doc.name}: no recommendations, observations, concerns or actions found` });
  }
  return { records, crossReferences, warnings };
}

/**
 * The title printed at the top, else the file name. A PFD report's title is the template's
 * ("Regulation 28: report to prevent future deaths"), the same for every report, so the file name is
 * added: otherwise all PFD reports would count as one source.
 */
function documentSource(doc: ReportDocument, lines: readonly Line[], pfd: boolean): string {
  const title = documentTitle(lines);
  if (!title) return fileLabel(doc.name);
  return pfd ? `${title} (${fileLabel(doc.name)})` : title;
}

function toRecords(doc: ReportDocument, lines: readonly Line[], findings: readonly Finding[], source: string): ExtractedRecord[] {
  const year = publicationYear(lines);
  const key = documentKey(doc.name);
  const file = fileLabel(doc.name);
  const used = new Set<string>();
  let unnumbered = 0;
  return findings.map((finding) => {
    let id = finding.ownId ?? (finding.number !== undefined ? `${key}-REC-${finding.number}` : `${file}#${++unnumbered}`);
    id = uniqueId(id, used);
    const response = finding.response ?? '';
    const reading = response ? readStatus(response) : { status: '', evidence: '' };
    return {
      id,
      kind: finding.kind,
      source,
      year: year ?? yearOfReference(finding.ownId),
      recipient: finding.recipient ?? (finding.kind === 'observation' ? '' : findRecipient(finding.itemised ?? finding.text)),
      text: finding.text,
      response,
      status: reading.status,
      statusEvidence: reading.evidence,
      location: locationOf(lines[finding.start], doc.paged),
    };
  });
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
}

/** An HSSIB reference carries the year it was made (R/2025/063): the fallback when no date is printed. */
function yearOfReference(id: string | undefined): number | null {
  const match = id ? /\/((?:19|20)\d{2})\//.exec(id) : null;
  return match ? Number(match[1]) : null;
}

/**
 * One record per printed number when a report prints a recommendation twice (a summary, then the
 * body): the longer text at the first place. Two different texts under one number (chapters that
 * each start at 1) stay two records.
 */
function mergeRepeatedNumbers(findings: Finding[]): Finding[] {
  const kept: Finding[] = [];
  for (const finding of findings) {
    const same = kept.find((k) => k.number === finding.number && similar(k.text, finding.text));
    if (!same) kept.push(finding);
    else if (finding.text.length > same.text.length) Object.assign(same, { text: finding.text, itemised: finding.itemised });
  }
  return kept;
}

/** Most of the shorter text's words are in the longer one. */
function similar(a: string, b: string): boolean {
  const words = (t: string) => new Set(t.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  const [x, y] = [words(a), words(b)];
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  if (small.size === 0) return true;
  return [...small].filter((w) => large.has(w)).length / small.size >= 0.6;
}

/** One warning for all the responses that answer nothing found: a report of commitments can have many. */
function unmatchedWarnings(doc: ReportDocument, lines: readonly Line[], unmatched: readonly ResponseBlock[]): Warning[] {
  if (unmatched.length === 0) return [];
  const places = unmatched.map((r) => locationOf(lines[r.start], doc.paged).replace(/^(?:line|page) /, ''));
  const unit = doc.paged ? 'page' : 'line';
  const what = unmatched.length === 1 ? 'a response answers' : `${unmatched.length} responses answer`;
  return [{ message: `${doc.name}: ${what} no recommendation found (${unit}${unmatched.length > 1 ? 's' : ''} ${places.join(', ')})` }];
}

/** Numbered recommendations 1, 2, 4: number 3 was probably printed in a shape not recognised. */
function numberingWarnings(doc: ReportDocument, findings: readonly Finding[]): Warning[] {
  const numbers = new Set(findings.filter((f) => f.number && /^\d+$/.test(f.number)).map((f) => Number(f.number)));
  if (numbers.size === 0) return [];
  const missing: number[] = [];
  for (let n = 1; n < Math.max(...numbers); n++) if (!numbers.has(n)) missing.push(n);
  if (missing.length === 0) return [];
  return [{ message: `${doc.name}: recommendation${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not found (the numbering skips)` }];
}
