import { sentences } from './lines.js';

export type Status = 'supports' | 'supports in part' | 'does not support' | 'notes' | '';

export interface StatusReading {
  status: Status;
  /** The sentence of the response that decided it. */
  evidence: string;
}

/**
 * The phrasings UK government and NHS responses use for their position on a recommendation. The
 * partial forms are tried before the plain ones because "accepts in principle" contains "accepts".
 */
const VERB = '(?:supports?|accepts?|agrees?(?:\\s+with)?|endorses?|supported|accepted|agreed)';
const PARTIAL = [
  new RegExp(`\\b${VERB}\\b[^.;]{0,80}?\\bin\\s+(?:part|principle)\\b`, 'i'),
  new RegExp(`\\b(?:partially|partly|in\\s+part)\\s+${VERB}\\b`, 'i'),
  new RegExp(`\\b${VERB}\\s+(?:the|its)\\s+(?:intent|intention|spirit|principle|principles|aim|aims|ambition)\\b`, 'i'),
  /^(?:status\s*:\s*)?(?:partially\s+accepted|accepted\s+in\s+(?:part|principle)|partially\s+agreed|agreed\s+in\s+principle|supported\s+in\s+part)\b/i,
];
const NEGATIVE = [
  /\b(?:do|does|did|can|could|will|would)\s*(?:not|n['’]t)\s+(?:support|accept|agree|endorse)\b/i,
  /\b(?:rejects?|rejected|declines?\s+to\s+(?:accept|support|implement))\b/i,
  /\bnot\s+(?:accepted|supported|agreed)\b/i,
];
const POSITIVE = [
  /(?<!\bnot\s|n['’]t\s)\b(?:supports?|accepts?|agrees?\s+with|welcomes?|endorses?)\s+(?:this|the|these|each|all|that|its)\b[^.;]{0,60}?\brecommendations?\b/i,
  /\b(?:the\s+)?(?:government|department|dhsc|we)\s+(?:fully\s+)?(?:supports?|accepts?|agrees?)\b/i,
  /^(?:status\s*:\s*)?(?:accepted|agreed|supported)\b/i,
];
const NOTING = [
  /\bnotes?\s+(?:this|the|these|that)\b[^.;]{0,60}?\brecommendations?\b/i,
  /^(?:status\s*:\s*)?noted\b/i,
  /\b(?:is|are|remains?)\s+committed\s+to\b/i,
  /\backnowledges?\b/i,
  /\brecognises?\s+the\s+(?:importance|need|value)\b/i,
  /\bwill\s+consider\b/i,
];

/** The status a response gives its recommendation, read from its wording, with the deciding sentence. */
export function readStatus(response: string): StatusReading {
  const parts = sentences(response);
  const partial = firstMatching(parts, PARTIAL);
  if (partial) return { status: 'supports in part', evidence: partial };
  const negative = firstMatching(parts, NEGATIVE);
  const positive = firstMatching(parts, POSITIVE);
  // A response that backs the recommendation but refuses part of it supports it in part.
  if (negative && positive) return { status: 'supports in part', evidence: inOrder(parts, positive, negative) };
  if (negative) return { status: 'does not support', evidence: negative };
  if (positive) return { status: 'supports', evidence: positive };
  const noting = firstMatching(parts, NOTING);
  if (noting) return { status: 'notes', evidence: noting };
  return { status: '', evidence: '' };
}

function firstMatching(parts: readonly string[], patterns: readonly RegExp[]): string | null {
  for (const part of parts) if (patterns.some((p) => p.test(part))) return part;
  return null;
}

function inOrder(parts: readonly string[], a: string, b: string): string {
  return parts.indexOf(a) <= parts.indexOf(b) ? `${a} … ${b}` : `${b} … ${a}`;
}
