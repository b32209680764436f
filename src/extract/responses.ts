import { markedBlocks, type Claims, type Finding } from './blocks.js';
import type { Line } from './lines.js';
import { responseMarker } from './markers.js';

/** A response printed in the report: "Government response to recommendation N" and its text. */
export interface ResponseBlock {
  /** The recommendation it names ("4", "R/2024/043"), or null for a bare "Response" after one. */
  number: string | null;
  start: number;
  end: number;
  text: string;
}

export function findResponses(lines: readonly Line[], claims: Claims): ResponseBlock[] {
  return markedBlocks(lines, claims, responseMarker, { multiParagraph: true }).map(({ marker, start, end, text }) => ({ number: marker.number, start, end, text }));
}

/**
 * Each response onto the recommendation it answers: by its printed number (or HSSIB id), else the
 * nearest recommendation printed before it that has no response yet. Returns the responses that
 * answer nothing found, for a warning.
 */
export function pairResponses(findings: Finding[], responses: readonly ResponseBlock[]): ResponseBlock[] {
  const unmatched: ResponseBlock[] = [];
  for (const response of responses) {
    const target = response.number === null ? precedingUnanswered(findings, response.start) : byNumber(findings, response.number);
    if (!target) {
      unmatched.push(response);
      continue;
    }
    target.response = target.response ? `${target.response} ${response.text}` : response.text;
  }
  return unmatched;
}

function byNumber(findings: readonly Finding[], number: string): Finding | undefined {
  return findings.find((f) => f.number === number || f.ownId === number);
}

function precedingUnanswered(findings: readonly Finding[], start: number): Finding | undefined {
  let best: Finding | undefined;
  for (const finding of findings) {
    if (finding.start < start && !finding.response && (!best || finding.start > best.start)) best = finding;
  }
  return best;
}
