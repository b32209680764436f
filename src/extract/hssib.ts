import { blockText, markedBlocks, readBlock, type Claims, type Finding } from './blocks.js';
import { isBlank, isHeading, previousContent, tidy, type Line } from './lines.js';
import { hssibMarker, isRecommendationIntro, REFERENCE_ID } from './markers.js';

/**
 * HSSIB safety recommendations and observations under their reference ("Safety recommendation
 * R/2025/063:"). HSSIB prints each twice, in the summary and in the body: one record per id, at its
 * first place, with the longer of the printed texts.
 */
export function findHssibRecords(lines: readonly Line[], claims: Claims): Finding[] {
  const byId = new Map<string, Finding>();
  for (const { marker, start, end, text, itemised } of markedBlocks(lines, claims, hssibMarker, { multiParagraph: false, claimEmpty: true })) {
    keepOnce(byId, { kind: marker.kind, ownId: marker.id, start, end, text, itemised });
  }
  return [...byId.values()];
}

function keepOnce(byId: Map<string, Finding>, finding: Finding): void {
  const id = finding.ownId ?? '';
  const earlier = byId.get(id);
  if (!earlier) byId.set(id, finding);
  else if (finding.text.length > earlier.text.length) Object.assign(earlier, { text: finding.text, itemised: finding.itemised });
}

/**
 * "HSSIB recommends that …", "The investigation recommends that …", "We recommend that …" opening a
 * paragraph: a recommendation without a printed reference.
 */
const RECOMMENDS_THAT = /^(?:(?:the\s+)?[A-Z][\w’'&.-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w’'&.-]*){0,5}|the\s+investigation|the\s+review|we|it\s+is)\s+recommend(?:s|ed)?\s+that\b/i;

export function findRecommendsThat(lines: readonly Line[], claims: Claims): Finding[] {
  const found: Finding[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (claims.isClaimed(i) || !RECOMMENDS_THAT.test(tidy(lines[i].text)) || !startsParagraph(lines, i)) continue;
    const { end, texts } = readBlock(lines, i, { multiParagraph: false });
    const text = blockText('', texts);
    if (!text) continue;
    found.push({ kind: 'recommendation', start: i, end, text, itemised: blockText('', texts, '; ') });
    claims.claim(i, end);
    i = end - 1;
  }
  return found;
}

/** A paragraph starts after a blank line, a finished sentence, a heading or an introduction. */
function startsParagraph(lines: readonly Line[], i: number): boolean {
  const prev = previousContent(lines, i);
  if (prev === null || prev.gap) return true;
  const text = lines[prev.index].text;
  return /[.!?:]['"’”)]?$/.test(tidy(text)) || isHeading(lines, prev.index) || isRecommendationIntro(text);
}

/** Ids cited in passing ("see R/2024/043"): every reference in the text that is not one of its own records. */
export function findCrossReferences(lines: readonly Line[], ownIds: ReadonlySet<string>): { id: string; line: Line }[] {
  const seen = new Set<string>();
  const found: { id: string; line: Line }[] = [];
  for (const line of lines) {
    if (isBlank(line)) continue;
    for (const match of line.text.matchAll(REFERENCE_ID)) {
      const id = match[0];
      if (ownIds.has(id) || seen.has(id)) continue;
      seen.add(id);
      found.push({ id, line });
    }
  }
  return found;
}
