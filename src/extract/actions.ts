import type { Claims, Finding } from './blocks.js';
import { bulletText, isBlank, joinLines, tidy, type Line } from './lines.js';
import { isBoundary } from './markers.js';
import { listItem } from './numbered.js';
import { findRecipient } from './recipients.js';

/**
 * A list of actions under a line that asks for them ("To deliver … we need to:", "We recommend:",
 * "NHS England should:"): one action per bullet or numbered item. Only marked items count, so the
 * running text after such a line is never cut into actions by guesswork.
 *
 * The ask must lead straight into the list: "we recommend" anywhere in the last sentence, a modal
 * ("should", "must", "need to") within the last few words before the colon. A modal further back
 * ("… should only occur where …, on either of the following assumptions:") or a counterfactual
 * ("should have triggered …, including:") introduces evidence, not actions.
 */
const RECOMMEND_LEAD = /\bwe\s+(?:would\s+)?recommend\b|\brecommendations?\b[^.]*:$/i;
const MODAL_LEAD = /\b(?:should|must|ought\s+to|needs?\s+to|calls?\s+on)\b(?:\s+[^\s:]+){0,3}\s*:$/i;
const COUNTERFACTUAL = /\b(?:(?:should|must|would|could|might)\s+(?:not\s+)?|ought\s+(?:not\s+)?to\s+)have\b/i;

function asksForActions(line: string): boolean {
  const lastSentence = line.split(/(?<=[.!?])\s+/).pop() ?? line;
  if (!/:$/.test(lastSentence) || COUNTERFACTUAL.test(lastSentence)) return false;
  return RECOMMEND_LEAD.test(lastSentence) || MODAL_LEAD.test(lastSentence);
}

export function findActionLists(lines: readonly Line[], claims: Claims): Finding[] {
  const found: Finding[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (claims.isClaimed(i)) continue;
    const intro = tidy(lines[i].text);
    if (!asksForActions(intro)) continue;
    const items = readItems(lines, i + 1, claims);
    if (items.length === 0) continue;
    const introRecipient = findRecipient(intro);
    for (const item of items) {
      found.push({ kind: 'action', start: item.start, end: item.end, text: item.text, recipient: findRecipient(item.text) || introRecipient });
    }
    claims.claim(i, items[items.length - 1].end);
    i = items[items.length - 1].end - 1;
  }
  return found;
}

interface Item {
  start: number;
  end: number;
  text: string;
}

/** Marked items from `from` on: "- text", a lone "-" with the text on the next line, "1. text", "(a) text". */
function readItems(lines: readonly Line[], from: number, claims: Claims): Item[] {
  const items: Item[] = [];
  let i = skipBlank(lines, from);
  while (i < lines.length && !claims.isClaimed(i)) {
    const first = itemStart(lines[i].text);
    if (first === null) break;
    const texts = [first];
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (isBlank(lines[j]) || itemStart(lines[j].text) !== null) break;
      // A lone marker's text is on the next line; after that a boundary ends the item.
      if (texts.join('') !== '' && isBoundary(lines, j)) break;
      texts.push(lines[j].text);
    }
    const text = joinLines(texts);
    if (text) items.push({ start: i, end: j, text });
    i = skipBlank(lines, j);
  }
  return items;
}

function itemStart(text: string): string | null {
  const bullet = bulletText(text);
  if (bullet !== null) return bullet;
  const numbered = listItem(text) ?? lettered(text);
  return numbered ? numbered.rest : null;
}

/** "(a) text", "a) text", "(iv) text". */
function lettered(text: string): { rest: string } | null {
  const match = /^\(?(?:[a-h]|i{1,3}|iv|v|vi{1,3})\)\s+(\S.*)$/.exec(tidy(text));
  return match ? { rest: match[1] } : null;
}

function skipBlank(lines: readonly Line[], from: number): number {
  let i = from;
  while (i < lines.length && isBlank(lines[i])) i++;
  return i;
}
