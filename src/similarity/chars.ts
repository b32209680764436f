/**
 * Character-trigram Dice, for near-verbatim copies whose words differ by typos, OCR slips or
 * punctuation. Each text becomes a sorted array of distinct trigram codes (three UTF-16 units
 * packed exactly into one double), so a pair costs one merge and no string work.
 */
/** Long reports are compared on their opening: a copy differs from its original there too, and cost stays bounded. */
const MAX_CHARS = 3000;

export function trigramSet(text: string): Float64Array {
  const compact = ` ${text.slice(0, MAX_CHARS).replace(/[^a-z0-9]+/g, ' ').trim()} `;
  const codes = new Float64Array(Math.max(0, compact.length - 2));
  for (let i = 0; i + 2 < compact.length; i++) {
    codes[i] = compact.charCodeAt(i) * 4294967296 + compact.charCodeAt(i + 1) * 65536 + compact.charCodeAt(i + 2);
  }
  codes.sort();
  let unique = 0;
  for (let i = 0; i < codes.length; i++) if (i === 0 || codes[i] !== codes[i - 1]) codes[unique++] = codes[i];
  return codes.slice(0, unique);
}

export function diceOf(a: Float64Array, b: Float64Array): number {
  if (a.length + b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length);
}
