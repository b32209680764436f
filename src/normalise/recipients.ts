/**
 * Who a recommendation is addressed to, as comparable parts: a recipient field may name several
 * bodies ("NHS England | Department of Health and Social Care"); each is compared case- and
 * spacing-blind, so two exports of the same letter agree.
 */
export function recipientParts(recipient: string): string[] {
  const parts = recipient
    .split(/[|;]/)
    .map((part) => part.toLowerCase().replace(/\s+/g, ' ').trim())
    .filter((part) => part !== '');
  return [...new Set(parts)].sort();
}

/**
 * How far two recommendations from different sources are addressed to the same bodies: the
 * Jaccard overlap of their recipient parts, 0 when either names none. Items from one source share
 * its recipient by construction, so within a source the overlap says nothing and counts 0.
 */
export function createRecipientOverlap(records: readonly { source: string; recipient: string }[]): (a: number, b: number) => number {
  // Split on first use: only scored pairs' items are ever asked about.
  const parts: (string[] | undefined)[] = new Array(records.length);
  const partsOf = (doc: number) => (parts[doc] ??= recipientParts(records[doc].recipient));
  return (a, b) => {
    if (records[a].source === records[b].source) return 0;
    return jaccard(partsOf(a), partsOf(b));
  };
}

/**
 * |A ∩ B| / |A ∪ B| of two sorted lists of distinct strings. The merge is the one diceOf runs;
 * it is not shared because diceOf is the hot path, kept monomorphic on Uint16Array.
 */
function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}
