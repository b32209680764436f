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
  // This runs for every scored pair. Many items share one recipient field (every concern of a
  // report, a body written to often), so each distinct field is split once, into sorted body ids,
  // and each item looks its field up once: a pair then costs a merge of two short integer lists.
  const bodyIds = new Map<string, number>();
  const fields = new Map<string, Int32Array>();
  const bodiesOfField = (field: string) => {
    let bodies = fields.get(field);
    if (bodies === undefined) fields.set(field, (bodies = Int32Array.from(recipientParts(field), (part) => idOf(bodyIds, part)).sort()));
    return bodies;
  };
  const bodies: (Int32Array | undefined)[] = new Array(records.length);
  const bodiesOf = (doc: number) => (bodies[doc] ??= bodiesOfField(records[doc].recipient));
  // Sources as ids too: equal source names are separate strings, compared character by character.
  const sourceIds = new Map<string, number>();
  const sources = new Int32Array(records.length).fill(-1);
  const sourceOf = (doc: number) => (sources[doc] >= 0 ? sources[doc] : (sources[doc] = idOf(sourceIds, records[doc].source)));
  return (a, b) => {
    if (sourceOf(a) === sourceOf(b)) return 0;
    return jaccard(bodiesOf(a), bodiesOf(b));
  };
}

function idOf(ids: Map<string, number>, key: string): number {
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = ids.size));
  return id;
}

/**
 * |A ∩ B| / |A ∪ B| of two sorted lists of distinct ids. The merge is the one diceOf runs; it is
 * not shared because diceOf is the hot path, kept monomorphic on Uint16Array (body ids need 32 bits).
 */
function jaccard(a: Int32Array, b: Int32Array): number {
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
