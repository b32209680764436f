import type { Claims, Finding } from './blocks.js';
import { bulletText, isBlank, joinLines, tidy, type Line } from './lines.js';
import { pfdSection } from './markers.js';

/**
 * A coroner's Prevention of Future Deaths (Regulation 28) report: its "matters of concern", one
 * record per numbered concern, addressed to the people the report is sent to. The template's
 * procedural sentences are dropped; they are in every report and say nothing about this one.
 *
 * A report counts as one only by its concerns section (the heading, or the template's own
 * sentences), not by mentioning PFD reports, which other reports often do.
 */
export function isPfdReport(lines: readonly Line[]): boolean {
  return concernsSection(lines) !== null;
}

export function findConcerns(lines: readonly Line[], claims: Claims): Finding[] {
  const section = concernsSection(lines);
  if (!section) return [];
  const kept = section.lines.filter((i) => !claims.isClaimed(i));
  const pieces = kept.map((i) => ({ index: i, text: withoutBoilerplate(lines[i].text) })).filter((p) => p.text !== '');
  const recipient = addressees(lines);
  // A single line-start "1." is usually a web copy with the rest numbered inline ("… 1. X 2. Y").
  const numbered = numberedItems(pieces);
  const items = (numbered && numbered.length >= 2 ? numbered : inlineItems(pieces) ?? numbered) ?? wholeSection(pieces);
  claims.claim(section.from, section.to);
  return items.filter((item) => item.text !== '').map((item) => ({ kind: 'concern' as const, start: item.start, end: item.end, text: item.text, recipient }));
}

interface Piece {
  index: number;
  text: string;
}

interface Item {
  start: number;
  end: number;
  text: string;
}

/** The template's lines that open the concerns when the section heading is missing (texts copied from the web). */
const CONCERNS_OPENING = /^(?:the\s+)?matters?\s+of\s+concerns?(?:\s+(?:are|is))?(?:\s+as\s+follows)?\s*[:.\-–—]|\bmatters?\s+of\s+concerns?\s+(?:are|is)\s+as\s+follows\b|\bthe (?:inquest|investigation)\b[^.]{0,80}\bgiving rise to concern\b/i;

/** From "CORONER'S CONCERNS" (or the template's opening lines) to "ACTION SHOULD BE TAKEN" or the next section. */
function concernsSection(lines: readonly Line[]): { from: number; to: number; lines: number[] } | null {
  let from = lines.findIndex((l) => pfdSection(l.text) === "coroner's concerns");
  if (from < 0) from = lines.findIndex((l) => CONCERNS_OPENING.test(tidy(l.text)));
  if (from < 0) return null;
  const startsWithHeading = pfdSection(lines[from].text) !== null;
  let to = from + 1;
  while (to < lines.length && pfdSection(lines[to].text) === null) to++;
  const body: number[] = [];
  for (let i = startsWithHeading ? from + 1 : from; i < to; i++) if (!isBlank(lines[i])) body.push(i);
  return { from, to, lines: body };
}

/** The Regulation 28 template's own sentences: the same in every report. */
const BOILERPLATE = [
  /During the course of the (?:inquest|investigation)[^.]{0,120}?(?:revealed|disclosed|heard)[^.]{0,80}?concern[^.]{0,40}\.?/gi,
  /In my opinion there is a risk that future deaths (?:will|could|may) occur unless action is taken\.?/gi,
  /In the circumstances,? it is my statutory duty to report to you\.?/gi,
  /(?:The\s+)?MATTERS?\s+OF\s+CONCERNS?(?:\s+(?:are|is))?(?:\s+as\s+follows\s*[:.\-–—]*|\s*:)/gi,
];

function withoutBoilerplate(text: string): string {
  let out = tidy(text);
  for (const pattern of BOILERPLATE) out = out.replace(pattern, ' ');
  return tidy(out);
}

/** "1.", "(1)", "1)" at a line's start: concern numbers (sub-items "(a)", "i." stay inside). */
const ITEM = /^(?:\((\d{1,2})\)|(\d{1,2})[.)])\s*(.*)$/;

/** Concerns numbered at line starts, 1, 2, 3 …; what comes before concern 1 is the coroner's preamble. */
function numberedItems(pieces: readonly Piece[]): Item[] | null {
  const items: { start: number; texts: string[]; last: number }[] = [];
  for (const piece of pieces) {
    const match = ITEM.exec(piece.text);
    const number = match ? Number(match[1] ?? match[2]) : NaN;
    if (match && number === items.length + 1) {
      items.push({ start: piece.index, texts: [match[3]], last: piece.index });
    } else if (items.length > 0) {
      const item = items[items.length - 1];
      item.texts.push(bulletText(piece.text) ?? piece.text);
      item.last = piece.index;
    }
  }
  if (items.length === 0) return null;
  return items.map((item) => ({ start: item.start, end: item.last + 1, text: joinLines(item.texts) }));
}

/**
 * Concerns numbered inside running text ("… as follows: 1. The … 2. There …"), as PFD texts
 * copied from web pages are: split where the numbers 1, 2, 3 … appear in order before a capital.
 */
function inlineItems(pieces: readonly Piece[]): Item[] | null {
  if (pieces.length === 0) return null;
  const text = joinLines(pieces.map((p) => p.text));
  const starts: { at: number; textAt: number }[] = [];
  const pattern = /(?:^|\s)\(?(\d{1,2})[.)]\s+(?=[A-Z‘'"“(])/g;
  for (const match of text.matchAll(pattern)) {
    if (Number(match[1]) !== starts.length + 1) continue;
    starts.push({ at: match.index ?? 0, textAt: (match.index ?? 0) + match[0].length });
  }
  if (starts.length < 2) return null;
  const first = pieces[0].index;
  const end = pieces[pieces.length - 1].index + 1;
  return starts.map((s, k) => ({
    start: first,
    end,
    text: tidy(text.slice(s.textAt, k + 1 < starts.length ? starts[k + 1].at : text.length)),
  }));
}

/** An unnumbered concerns section is one concern. */
function wholeSection(pieces: readonly Piece[]): Item[] {
  if (pieces.length === 0) return [];
  return [{ start: pieces[0].index, end: pieces[pieces.length - 1].index + 1, text: joinLines(pieces.map((p) => p.text)) }];
}

/** "THIS REPORT IS BEING SENT TO: 1. NHS England 2. …": the addressees, who must respond. */
export function addressees(lines: readonly Line[]): string {
  const from = lines.findIndex((l) => pfdSection(l.text) === 'this report is being sent to' || SENT_TO_INLINE.test(tidy(l.text)));
  if (from < 0) return '';
  const inline = SENT_TO_INLINE.exec(tidy(lines[from].text));
  if (inline) return splitAddressees(inline[1]).join('; ');
  const names: string[] = [];
  // The list runs to the next section, or to the first blank line after it started.
  for (let i = from + 1; i < lines.length && pfdSection(lines[i].text) === null && names.length < 12; i++) {
    if (isBlank(lines[i]) && names.length > 0) break;
    names.push(...splitAddressees(lines[i].text));
  }
  return names.join('; ');
}

const SENT_TO_INLINE = /^(?:this report is being sent to|sent to)\s*:\s*(\S.*)$/i;

/** One line of the addressee list, which may hold several numbered names ("1. X 2. Y"). */
function splitAddressees(text: string): string[] {
  return tidy(text)
    .split(/;\s*|(?:^|\s)\(?\d{1,2}[.)]\s+/)
    .map((name) => name.replace(/^[-–—•*]\s*/, '').replace(/[.;,]$/, '').trim())
    .filter(Boolean);
}
