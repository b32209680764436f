/**
 * The text layer of a PDF, one string per page, one line per printed line.
 *
 * unpdf ships a serverless pdf.js build with its worker inlined, so nothing is downloaded and no
 * worker file is looked up. `extractText` would join items on pdf.js's `hasEOL` flag alone; the
 * lines are rebuilt here from the items' positions as well, because the recognisers work line by
 * line and a heading ("Recommendation 4") must not run into the text printed beside or after it.
 */
import { extractTextItems, getDocumentProxy, type StructuredTextItem } from 'unpdf';
import { EXIT_USAGE, RecdedupError } from '../errors.js';

/** A PDF the user gave that cannot be read: one line naming the file, exit 2. */
export class PdfReadError extends RecdedupError {
  constructor(readonly file: string, readonly reason: string) {
    super(`${file}: cannot read PDF: ${reason}`, EXIT_USAGE);
  }
}

/** Readers accept the "%PDF-" marker anywhere in the first 1024 bytes (some files have junk before it). */
const HEADER_WINDOW = 1024;
/** pdf.js's level for "errors only": its warnings go to console.log, which would corrupt JSON on stdout. */
const PDFJS_ERRORS_ONLY = 0;
/** Items whose baselines differ by more than this share of the font size are on different lines. */
const SAME_LINE_BASELINE_SHARE = 0.5;
/** A horizontal gap wider than this share of the font size, with no space item in it, is a word gap. */
const WORD_GAP_SHARE = 0.2;

/** Text of each page, in page order; '' for a page with no text layer (a scan). */
export async function readPdfPages(bytes: Uint8Array, name: string): Promise<string[]> {
  const document = await openPdf(bytes, name);
  try {
    const { items } = await readItems(document, name);
    return items.map(pageText);
  } finally {
    await document.destroy();
  }
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

async function openPdf(bytes: Uint8Array, name: string): Promise<PdfDocument> {
  // pdf.js would try to repair anything; a file without the header was never a PDF, and saying so
  // is more use to the user than "damaged".
  if (!hasPdfHeader(bytes)) throw new PdfReadError(name, 'it is not a PDF (no %PDF- header)');
  // A copy: pdf.js may transfer (detach) the buffer it is given, and refuses Node Buffers.
  const data = new Uint8Array(bytes);
  try {
    return await getDocumentProxy(data, { verbosity: PDFJS_ERRORS_ONLY });
  } catch (error) {
    throw new PdfReadError(name, reasonFor(error));
  }
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, HEADER_WINDOW));
  return head.includes('%PDF-');
}

async function readItems(document: PdfDocument, name: string): Promise<{ items: StructuredTextItem[][] }> {
  try {
    return await extractTextItems(document);
  } catch (error) {
    throw new PdfReadError(name, reasonFor(error));
  }
}

/** pdf.js's exception classes, by name, in words a user can act on. */
function reasonFor(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return 'it is encrypted (it needs a password)';
  if (name === 'InvalidPDFException') return 'it is damaged or truncated';
  const detail = error instanceof Error ? error.message : String(error);
  return `it is damaged or truncated (${oneLine(detail)})`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

interface LineInProgress {
  text: string;
  baseline: number;
  fontSize: number;
  /** Where the last item ended, to tell a word gap from letters drawn one by one. */
  end: number;
}

/** Items in content-stream order → lines; a line ends at pdf.js's end-of-line flag or a baseline change. */
function pageText(items: readonly StructuredTextItem[]): string {
  const lines: string[] = [];
  let line: LineInProgress | null = null;
  for (const item of items) {
    if (line && !onSameLine(line, item)) {
      lines.push(line.text);
      line = null;
    }
    if (item.str !== '') line = line ? extendLine(line, item) : startLine(item);
    if (item.hasEOL && line) {
      lines.push(line.text);
      line = null;
    }
  }
  if (line) lines.push(line.text);
  return lines.map(tidyLine).filter((text) => text !== '').join('\n');
}

function onSameLine(line: LineInProgress, item: StructuredTextItem): boolean {
  // Empty items carry no glyphs, and space items may sit at a stray height: neither breaks a line.
  if (item.str.trim() === '') return true;
  const size = Math.max(line.fontSize, item.fontSize, 1);
  return Math.abs(item.y - line.baseline) <= size * SAME_LINE_BASELINE_SHARE;
}

function startLine(item: StructuredTextItem): LineInProgress {
  return { text: item.str, baseline: item.y, fontSize: item.fontSize, end: item.x + item.width };
}

function extendLine(line: LineInProgress, item: StructuredTextItem): LineInProgress {
  const gap = item.x - line.end;
  const size = Math.max(line.fontSize, item.fontSize, 1);
  const needsSpace = gap > size * WORD_GAP_SHARE && !/\s$/.test(line.text) && !/^\s/.test(item.str);
  return {
    text: line.text + (needsSpace ? ' ' : '') + item.str,
    baseline: line.baseline,
    fontSize: Math.max(line.fontSize, item.fontSize),
    end: Math.max(line.end, item.x + item.width),
  };
}

/** Runs of spaces (no-break ones included) are layout, not text. */
function tidyLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
