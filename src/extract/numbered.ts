import { markedBlocks, type Claims, type Finding } from './blocks.js';
import { bulletText, isBlank, isHeading, joinLines, tidy, type Line } from './lines.js';
import { isBoundary, numberedMarker } from './markers.js';

/**
 * Recommendations printed under a marker line: "Recommendation 4" (or "Recommendation 4:",
 * "R4 …"), the text running over its paragraphs and bullet lists to the next marker or heading.
 */
export function findMarkedRecommendations(lines: readonly Line[], claims: Claims): Finding[] {
  return markedBlocks(lines, claims, numberedMarker, { multiParagraph: true }).map(({ marker, start, end, text, itemised }) => ({
    kind: 'recommendation',
    number: marker.number,
    start,
    end,
    text,
    itemised,
  }));
}

/** "Recommendations", "Summary of recommendations", "Our recommendations:" as a heading of its own. */
const RECOMMENDATIONS_HEADING = /^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:(?:summary|list)\s+of\s+(?:the\s+)?|our\s+|key\s+|the\s+)?recommendations\s*:?$/i;

/** "1. text", "1) text", "(1) text". */
const LIST_ITEM = /^(?:\((\d{1,2})\)|(\d{1,2})[.)])\s+(\S.*)$/;

export function listItem(text: string): { number: number; rest: string } | null {
  const match = LIST_ITEM.exec(tidy(text));
  if (!match) return null;
  return { number: Number(match[1] ?? match[2]), rest: match[3] };
}

/**
 * A numbered list ("1.", "2." …) under a "Recommendations" heading: each item one recommendation,
 * its bullet sub-items and wrapped lines kept with it. Only a list that starts at 1 counts, so a
 * list of findings that happens to follow the heading further down is not taken.
 */
export function findListedRecommendations(lines: readonly Line[], claims: Claims): Finding[] {
  const found: Finding[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (claims.isClaimed(i) || !RECOMMENDATIONS_HEADING.test(tidy(lines[i].text))) continue;
    const first = firstItemAfterHeading(lines, i + 1);
    if (first === null) continue;
    const items = readList(lines, first, claims);
    found.push(...items);
    if (items.length > 0) i = items[items.length - 1].end - 1;
  }
  return found;
}

/**
 * The line of item 1, allowing a short introduction between heading and list: one line, or a few
 * when they end in a colon ("We make the following recommendations:").
 */
function firstItemAfterHeading(lines: readonly Line[], from: number): number | null {
  let introLines = 0;
  for (let i = from; i < lines.length; i++) {
    if (isBlank(lines[i])) continue;
    const item = listItem(lines[i].text);
    if (item) return item.number === 1 ? i : null;
    introLines += 1;
    if (introLines > 3 || isHeading(lines, i)) return null;
    if (/:$/.test(tidy(lines[i].text))) continue;
    if (introLines > 1) return null;
  }
  return null;
}

function readList(lines: readonly Line[], first: number, claims: Claims): Finding[] {
  const items: Finding[] = [];
  let i = first;
  let expected = 1;
  while (i < lines.length && !claims.isClaimed(i)) {
    const item = listItem(lines[i].text);
    if (!item || item.number !== expected) break;
    const { end, texts } = readItem(lines, i + 1, expected + 1);
    const text = joinLines([item.rest, ...texts]);
    if (text) items.push({ kind: 'recommendation', number: String(item.number), start: i, end, text, itemised: joinLines([item.rest, ...texts], '; ') });
    claims.claim(i, end);
    i = end;
    while (i < lines.length && isBlank(lines[i])) i++;
    expected += 1;
  }
  return items;
}

/**
 * An item's continuation: wrapped lines and bullet sub-items, up to the next item, a heading,
 * or a paragraph after a blank line that is neither a bullet nor the lowercase rest of a sentence.
 */
function readItem(lines: readonly Line[], from: number, nextNumber: number): { end: number; texts: string[] } {
  const texts: string[] = [];
  let i = from;
  let afterBreak = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line)) {
      afterBreak = true;
      continue;
    }
    const item = listItem(line.text);
    if (item && item.number === nextNumber) break;
    if (isBoundary(lines, i) && !item) break;
    const text = tidy(line.text);
    if (afterBreak && bulletText(text) === null && !/^[a-z]/.test(text)) break;
    texts.push(line.text);
    afterBreak = false;
  }
  let end = i;
  while (end > from && isBlank(lines[end - 1])) end--;
  return { end, texts };
}
