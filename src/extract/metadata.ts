import { isBlank, tidy, type Line } from './lines.js';

/** The file's own name, without folders: what `<file>#<n>` ids and messages use. */
export function fileLabel(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] || name || 'report';
}

/**
 * A short, stable key for a document's numbered recommendations ("rapid_review_response.txt" →
 * "rapid-review-response"), from its file name, which unlike a title is unique within a run.
 */
export function documentKey(name: string): string {
  const base = fileLabel(name).replace(/\.[A-Za-z0-9]{1,8}$/, '');
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'report';
}

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const DATE_LINE = new RegExp(`^(?:\\d{1,2}(?:st|nd|rd|th)?\\s+)?(?:${MONTHS})\\s+((?:19|20)\\d{2})$`, 'i');
const PUBLISHED_LINE = /^(?:first\s+)?(?:published|date\s+published|publication\s+date|date\s+of\s+publication)\s*:?\s*(?:on\s+)?(.{0,40})$/i;
const DATED_LINE = /^(?:date|dated|date\s+of\s+(?:report|issue))\s*:?\s*(.{0,40})$/i;
/** The last section of a Regulation 28 report is its date: "9 17 May 2023". */
const PFD_DATE_SECTION = new RegExp(`^9\\s+\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\s+((?:19|20)\\d{2})$`, 'i');

function yearIn(text: string): number | null {
  const match = /\b((?:19|20)\d{2})\b/.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * The year the document was published, as printed: a "Published 21 March 2024" line, else a
 * "Date:" line or a PFD report's dated last section, else a date standing alone near the top.
 * A year mentioned in running text (a cited report's) is never taken.
 */
export function publicationYear(lines: readonly Line[]): number | null {
  const texts = lines.map((l) => tidy(l.text)).filter(Boolean);
  for (const pattern of [PUBLISHED_LINE, DATED_LINE, PFD_DATE_SECTION]) {
    for (const text of texts) {
      const match = pattern.exec(text);
      const year = match ? yearIn(match[1]) : null;
      if (year !== null) return year;
    }
  }
  for (const text of texts.slice(0, 40)) {
    const match = DATE_LINE.exec(text);
    if (match) return Number(match[1]);
  }
  return null;
}

/** Lines that head a page without being its title: furniture, dates, licences, links. */
const NOT_A_TITLE = /^(?:©|\(c\)|https?:|www\.|isbn|contents\b|published\b|updated\b|first published\b|crown copyright|\|)|@/i;

/**
 * The document's title: the first substantial line near the top (four words or more, no full
 * stop), with the lowercase lines that continue it when a PDF wrapped it ("Government response to
 * the" / "rapid review into data on mental" / …). Null when nothing near the top looks like one.
 */
export function documentTitle(lines: readonly Line[]): string | null {
  let seen = 0;
  for (let i = 0; i < lines.length && seen < 60; i++) {
    if (isBlank(lines[i])) continue;
    seen += 1;
    const text = tidy(lines[i].text).replace(/^#+\s*/, '');
    if (!looksLikeTitle(text)) continue;
    return withContinuation(lines, i, text);
  }
  return null;
}

function looksLikeTitle(text: string): boolean {
  const words = text.split(' ').length;
  return words >= 4 && words <= 25 && !/[.,;]$/.test(text) && !NOT_A_TITLE.test(text) && !DATE_LINE.test(text) && /^[A-Z‘'"“]/.test(text);
}

function withContinuation(lines: readonly Line[], i: number, first: string): string {
  let title = first;
  for (let j = i + 1; j < lines.length; j++) {
    const next = tidy(lines[j].text);
    const words = next.split(' ').length;
    if (!next || !/^[a-z]/.test(next) || /[.;]$/.test(next) || words > 12) break;
    if (title.split(' ').length + words > 30) break;
    title = `${title} ${next}`;
  }
  return title;
}
