import { bulletText, isBlank, joinLines, tidy, type Line } from './lines.js';
import { isBoundary, isMarker } from './markers.js';
import type { RecordKind } from './types.js';

/** What a recogniser found, before ids, source and year are given: where it is and what it says. */
export interface Finding {
  kind: RecordKind;
  /** The report's own id (an HSSIB reference), if printed. */
  ownId?: string;
  /** The printed number of a numbered recommendation ("4", "2.1"). */
  number?: string;
  /** Index of the line it starts on (its marker, if it has one). */
  start: number;
  /** Index one past its last line. */
  end: number;
  text: string;
  /** The text with its bullet items kept apart ("…; item"), for reading who each item addresses. */
  itemised?: string;
  /** Who must act, when the recogniser knows better than the text (a PFD report's addressees). */
  recipient?: string;
  response?: string;
}

/** Which lines some recogniser has already taken, so a later one never reads them again. */
export class Claims {
  private readonly taken: boolean[];

  constructor(size: number) {
    this.taken = new Array<boolean>(size).fill(false);
  }

  claim(start: number, end: number): void {
    for (let i = Math.max(0, start); i < Math.min(end, this.taken.length); i++) this.taken[i] = true;
  }

  isClaimed(i: number): boolean {
    return this.taken[i] === true;
  }
}

export interface BlockOptions {
  /**
   * Whether the block runs on over blank lines. A numbered recommendation often has several
   * paragraphs and ends only at the next marker; an HSSIB recommendation is one paragraph
   * (with its list, if it introduces one).
   */
  multiParagraph: boolean;
}

/** A marker line's block: the marker, where the block starts and ends, its text and its items. */
export interface MarkedBlock<M> {
  marker: M;
  start: number;
  end: number;
  text: string;
  /** The same text with list items separated by "; ". */
  itemised: string;
}

/**
 * Every unclaimed line that `markerOf` recognises, with the block under it, claimed as it is read.
 * A marker with nothing under it is a cross-heading or a contents entry: skipped, and claimed only
 * when `claimEmpty` says so (a repeated HSSIB reference must not be read again by a looser
 * recogniser).
 */
export function markedBlocks<M extends { rest: string }>(
  lines: readonly Line[],
  claims: Claims,
  markerOf: (text: string) => M | null | undefined,
  options: BlockOptions & { claimEmpty?: boolean },
): MarkedBlock<M>[] {
  const found: MarkedBlock<M>[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (claims.isClaimed(i)) continue;
    const marker = markerOf(lines[i].text);
    if (!marker) continue;
    const { end, texts } = readBlock(lines, i + 1, options);
    const text = blockText(marker.rest, texts);
    if (!text && !options.claimEmpty) continue;
    claims.claim(i, end);
    if (text) found.push({ marker, start: i, end, text, itemised: blockText(marker.rest, texts, '; ') });
    i = Math.max(i, end - 1);
  }
  return found;
}

/** The lines of a record's body from `from` up to (not including) the next boundary. */
export function readBlock(lines: readonly Line[], from: number, options: BlockOptions): { end: number; texts: string[] } {
  const texts: string[] = [];
  let i = from;
  for (; i < lines.length; i++) {
    if (isBlank(lines[i])) {
      if (texts.length > 0 && !options.multiParagraph && !continuesAfterBreak(lines, i, texts)) break;
      continue;
    }
    // The first line under a marker is its text even when it is short enough to pass for a heading.
    if (texts.length === 0 ? isMarker(lines[i].text) : isBoundary(lines, i)) break;
    texts.push(lines[i].text);
  }
  return { end: trimTrailingBlank(lines, from, i), texts };
}

/** After a paragraph break a one-paragraph block still goes on when it introduced a list, or a list follows. */
function continuesAfterBreak(lines: readonly Line[], blank: number, texts: readonly string[]): boolean {
  const last = tidy(texts[texts.length - 1] ?? '');
  let next = blank;
  while (next < lines.length && isBlank(lines[next])) next++;
  if (next >= lines.length) return false;
  const nextText = lines[next].text;
  if (/:$/.test(last)) return true;
  if (bulletText(nextText) !== null) return true;
  return /^[a-z]/.test(tidy(nextText)) && !/[.!?]['"’”)]?$/.test(last);
}

function trimTrailingBlank(lines: readonly Line[], from: number, end: number): number {
  let e = end;
  while (e > from && isBlank(lines[e - 1])) e--;
  return e;
}

/** A block's text: the marker line's own remainder first, then its body. */
export function blockText(rest: string, texts: readonly string[], itemSeparator = ' '): string {
  return joinLines(rest ? [rest, ...texts] : [...texts], itemSeparator);
}
