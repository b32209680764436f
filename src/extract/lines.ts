import type { ReportDocument } from './types.js';

/** One physical line of a report, with where it sits, so every record can say where it starts. */
export interface Line {
  /** The line as printed (right-trimmed); recognisers tidy it themselves. */
  text: string;
  /** 1-based page (always 1 for a text file). */
  page: number;
  /** 1-based line number across the whole document. */
  lineNo: number;
}

/** A report split into lines, pages kept apart so a PDF's page breaks stay visible. */
export function documentLines(doc: ReportDocument): Line[] {
  const lines: Line[] = [];
  let lineNo = 0;
  doc.pages.forEach((page, pageIndex) => {
    for (const raw of String(page ?? '').replace(/^\uFEFF/, '').split(/\r\n|\r|\n|\f/)) {
      lineNo += 1;
      lines.push({ text: raw.replace(/\s+$/, ''), page: pageIndex + 1, lineNo });
    }
  });
  return lines;
}

/** "page 3" for a PDF (its line numbers mean nothing to a reader of the PDF), "line 120" for text. */
export function locationOf(line: Line | undefined, paged: boolean): string {
  if (!line) return paged ? 'page 1' : 'line 1';
  return paged ? `page ${line.page}` : `line ${line.lineNo}`;
}

/**
 * Whitespace tidied and markdown link syntax reduced to its words: seed texts copied from web pages
 * carry `[label](url) (<url>)` and `\(` escapes, which would otherwise leak into every record.
 */
export function tidy(text: string): string {
  return text
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\[([^\]\n]{0,400})\]\((?:[^()\s]|\([^()\s]*\))*\)/g, '$1')
    .replace(/\(<(https?:[^>\s]+)>\)/g, '($1)')
    .replace(/<(https?:[^>\s]+)>/g, '$1')
    .replace(/\\([()[\]*_#\\-])/g, '$1')
    .replace(/\*\*|__/g, '')
    .replace(/[\s\u200b]+/g, ' ')
    .trim();
}

export function isBlank(line: Line | undefined): boolean {
  return !line || tidy(line.text) === '';
}

/** Bullet characters seen in exported reports: hyphens and dashes, round and square bullets, "o" from Word. */
const BULLET = /^(?:[-–—•●▪■◦○·*]|o(?=\s))(?:\s+|$)/;

/** The item text after a bullet marker ('' for a marker alone on its line), or null when the line is no bullet. */
export function bulletText(text: string): string | null {
  const trimmed = tidy(text);
  const match = BULLET.exec(trimmed);
  return match ? trimmed.slice(match[0].length) : null;
}

/**
 * Lines joined into one text: a line ending in a hyphen before a lowercase word is joined without a
 * space ("non-" + "governmental"), because PDF text breaks lines at hyphens; bullet markers are
 * dropped. `itemSeparator` is put before each bullet item instead of a space, for readers (the
 * recipient finder) that need to know where one item ended and the next began.
 */
export function joinLines(texts: readonly string[], itemSeparator = ' '): string {
  let out = '';
  for (const raw of texts) {
    const bullet = bulletText(raw);
    const piece = tidy(bullet ?? raw);
    if (!piece) continue;
    if (/[A-Za-z]-$/.test(out) && /^[a-z]/.test(piece)) out += piece;
    else if (!out) out = piece;
    else out = `${out}${bullet !== null ? itemSeparator : ' '}${piece}`;
  }
  return out;
}

/** Words that end a sentence fragment, never a title: a line ending in one continues on the next. */
const TRAILING_FUNCTION_WORDS = new Set(
  'a an and as at by for from in including into of on or that the to with which who whose'.split(' '),
);

function wordsOf(text: string): string[] {
  return text.split(' ').filter(Boolean);
}

/** "2.3 The physical health of …" or "1. Background and context": a numbered section title. */
const NUMBERED_TITLE = /^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+[A-Z‘'"“]/;

/** The line looks like a section heading by its own shape: short, capitalised, no closing punctuation. */
export function headingShape(text: string): boolean {
  const t = tidy(text);
  if (!t || t.length > 120 || bulletText(t) !== null) return false;
  if (/[.,;:!?…-]$/.test(t)) return false;
  const words = wordsOf(t);
  const numbered = NUMBERED_TITLE.test(t);
  if (!numbered && !/^[A-Z‘'"“]/.test(t)) return false;
  if (words.length > (numbered ? 16 : 10)) return false;
  const last = words[words.length - 1].toLowerCase();
  return !TRAILING_FUNCTION_WORDS.has(last);
}

function endsSentence(text: string): boolean {
  return /[.!?]['"’”)\]]?$/.test(tidy(text));
}

/**
 * A section heading, judged with its neighbours: in PDF text a heading is only told from the
 * wrapped last line of a paragraph by the line before it ending a sentence (or a page/paragraph
 * break) and the line after it starting a new one.
 */
export function isHeading(lines: readonly Line[], i: number): boolean {
  const line = lines[i];
  if (!line || !headingShape(line.text)) return false;
  const prev = previousContent(lines, i);
  const afterBreak = prev === null || prev.gap || lines[prev.index].page !== line.page;
  const prevText = prev === null ? '' : lines[prev.index].text;
  if (!afterBreak && !endsSentence(prevText) && !headingShape(prevText)) return false;
  // What follows a heading starts afresh; a lowercase word ("2023 and the …") or a bracket
  // ("(https://…), NHS England …") goes on with a sentence the line only seemed to finish.
  const next = nextContent(lines, i);
  return next === null || !/^(?:(?:[\d,.]+\s+)?[a-z]|[(,;])/.test(tidy(lines[next].text));
}

/** The nearest non-blank line before i, and whether blank lines (a paragraph break) lie between. */
export function previousContent(lines: readonly Line[], i: number): { index: number; gap: boolean } | null {
  let gap = false;
  for (let j = i - 1; j >= 0; j--) {
    if (isBlank(lines[j])) gap = true;
    else return { index: j, gap };
  }
  return null;
}

/** The index of the nearest non-blank line after i, or null. */
export function nextContent(lines: readonly Line[], i: number): number | null {
  for (let j = i + 1; j < lines.length; j++) if (!isBlank(lines[j])) return j;
  return null;
}

/** Sentences, split at a full stop, question or exclamation mark followed by a capital or a quote. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?]['"’”)]?)\s+(?=[A-Z‘'"“(])/)
    .map((s) => s.trim())
    .filter(Boolean);
}
