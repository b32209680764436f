/**
 * Page furniture: what a printer or browser adds to every page — running headers and footers (the
 * document title, a print date and time), the print URL, page counters. Left in, it splices into
 * the text of a recommendation that runs over a page break.
 *
 * Lines are judged by their shape (a counter, a bare URL, a print timestamp) and by recurrence
 * (the same line at the top or bottom of most pages), never by their words, so that no subject can
 * be caught by accident. Everything else is kept as it was, line breaks included.
 */

/** How many lines at each end of a page are looked at as possible headers and footers. */
const EDGE_LINES = 3;
/** A line is running furniture when it sits at an edge of at least this share of the pages with text… */
const RECURRENCE_SHARE = 0.5;
/** …and of at least this many pages: with one page, recurrence says nothing. */
const RECURRENCE_MIN_PAGES = 2;

/** "3/20", "3 of 20", "Page 3", "Page 3 of 20", "- 3 -". */
const COUNTER_SHAPE = String.raw`(?:\bpage\s+\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?\b|\b\d{1,4}\s*(?:of|\/)\s*\d{1,4}\b|[-–—]\s*\d{1,4}\s*[-–—])`;
/**
 * A counter at either end of a line, as running headers carry it ("Report title | Page 3"). In the
 * middle of a line it is text ("see page 4 of the report") and must not make lines look alike.
 */
const COUNTER_AT_END = new RegExp(String.raw`^${COUNTER_SHAPE}[\s|·•,:-]*|[\s|·•,:-]*${COUNTER_SHAPE}$`, 'gi');
/** A line that is only a number: a page number on its own. Only ever removed when it recurs. */
const BARE_NUMBER = /^\d{1,4}$/;
/** A whole line that is one URL (pdf.js may cut a long one with "…"). */
const URL_ONLY = /^(?:(?:https?|file):\/\/|www\.)\S+$/i;
/**
 * A print timestamp as browsers put it in a page header: "21/03/2024, 10:15", "11/24/25, 8:19 PM",
 * "2024-03-21 10:15". The date alone is not enough: reports are full of dates.
 */
const PRINT_TIMESTAMP_SHAPE = String.raw`(?:\b\d{1,2}\/\d{1,2}\/\d{2,4}|\b\d{4}-\d{2}-\d{2}),?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?=\s|$)`;
const PRINT_TIMESTAMP = new RegExp(PRINT_TIMESTAMP_SHAPE, 'g');
const STARTS_WITH_PRINT_TIMESTAMP = new RegExp(`^${PRINT_TIMESTAMP_SHAPE}`);

/** The pages with headers, footers, print URLs and page counters taken out. */
export function withoutPageFurniture(pages: string[]): string[] {
  let current = pages.map((page) => page.split('\n'));
  // Peel in rounds: once a footer is gone, a two-line header above it becomes the page's edge.
  for (;;) {
    const running = runningLineKeys(current);
    const next = current.map((lines) => withoutFurnitureLines(lines, running));
    if (next.every((lines, i) => lines.length === current[i].length)) break;
    current = next;
  }
  return current.map((lines) => lines.join('\n'));
}

/** The page's lines less those that are furniture by shape anywhere, or by recurrence at an edge. */
function withoutFurnitureLines(lines: readonly string[], running: ReadonlySet<string>): string[] {
  const edges = edgeIndexes(lines);
  return lines.filter((line, index) => {
    if (isFurnitureByShape(line)) return false;
    if (!edges.has(index)) return true;
    return !running.has(recurrenceKey(line)) && !startsWithPrintTimestamp(line);
  });
}

/** Counters and print URLs, alone or together ("https://… 3/20"), whatever the line's place. */
export function isFurnitureByShape(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '') return false;
  const rest = trimmed.replace(COUNTER_AT_END, ' ').trim();
  return rest === '' || URL_ONLY.test(rest);
}

/** A browser's print header: a timestamp first, then (usually) the page title. */
function startsWithPrintTimestamp(line: string): boolean {
  return STARTS_WITH_PRINT_TIMESTAMP.test(line.trim());
}

/** Keys of lines found at an edge of most pages: running headers and footers. */
function runningLineKeys(pages: readonly (readonly string[])[]): Set<string> {
  const pagesWithText = pages.filter((lines) => lines.some((line) => line.trim() !== '')).length;
  const needed = Math.max(RECURRENCE_MIN_PAGES, Math.ceil(pagesWithText * RECURRENCE_SHARE));
  const pagesPerKey = new Map<string, number>();
  for (const lines of pages) {
    const keys = new Set<string>();
    for (const index of edgeIndexes(lines)) keys.add(recurrenceKey(lines[index]));
    keys.delete('');
    for (const key of keys) pagesPerKey.set(key, (pagesPerKey.get(key) ?? 0) + 1);
  }
  return new Set([...pagesPerKey].filter(([, count]) => count >= needed).map(([key]) => key));
}

/** Indexes of the first and last few non-blank lines: where headers and footers are drawn. */
function edgeIndexes(lines: readonly string[]): Set<number> {
  const filled = lines.flatMap((line, index) => (line.trim() === '' ? [] : [index]));
  return new Set([...filled.slice(0, EDGE_LINES), ...filled.slice(-EDGE_LINES)]);
}

/**
 * What a running header or footer keeps from page to page: the print time and the page counter
 * change, the rest does not. Other numbers are kept, so "Recommendation 1" and "Recommendation 2"
 * at the tops of two pages are not taken for one header.
 */
export function recurrenceKey(line: string): string {
  const key = line
    .trim()
    .replace(PRINT_TIMESTAMP, '<time>')
    .replace(COUNTER_AT_END, ' <page> ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return BARE_NUMBER.test(key) ? '<page>' : key;
}
