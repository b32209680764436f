import { extname } from 'node:path';
import { decodeInput } from '../ingest/decode.js';
import type { InputFile } from '../ingest/index.js';
import type { RecordItem, Warning } from '../types.js';
import { htmlToPlainText } from './html.js';
import { extractDocument } from './index.js';
import { withoutPageFurniture } from './pages.js';
import { readPdfPages } from './pdf.js';
import type { Extraction, ExtractedRecord, ReportDocument } from './types.js';

const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md', '.markdown']);
const HTML_EXTENSIONS = new Set(['.html', '.htm']);
const PDF_EXTENSION = '.pdf';

/** Report text (not a table): what `extract` reads, and what `themes` runs through extraction. */
export function isReportFile(name: string): boolean {
  const extension = extname(name).toLowerCase();
  return TEXT_EXTENSIONS.has(extension) || HTML_EXTENSIONS.has(extension) || extension === PDF_EXTENSION;
}

/** A report file → its pages of text. PDFs are parsed here, at the edge: the recognisers stay pure. */
export async function readReportDocument(file: InputFile): Promise<{ document: ReportDocument; warnings: Warning[] }> {
  const extension = extname(file.name).toLowerCase();
  if (extension === PDF_EXTENSION) {
    const pages = withoutPageFurniture(await readPdfPages(file.bytes, file.name));
    const warnings = pages.every((page) => page.trim() === '') ? [{ message: `${file.name}: the PDF has no text layer (a scan?); nothing to extract` }] : [];
    return { document: { name: file.name, pages, paged: true }, warnings };
  }
  const decoded = decodeInput(file.bytes, file.name, 'report text (.txt, .md, .html) or a PDF');
  const text = HTML_EXTENSIONS.has(extension) ? htmlToPlainText(decoded.text) : decoded.text;
  return { document: { name: file.name, pages: [text], paged: false }, warnings: decoded.warnings };
}

/** Every report's extraction, in input order, as one; `items` are its records as `themes` takes them. */
export async function extractReports(files: readonly InputFile[]): Promise<Extraction & { items: RecordItem[] }> {
  const merged: Extraction & { items: RecordItem[] } = { records: [], crossReferences: [], warnings: [], items: [] };
  for (const file of files) {
    const { document, warnings } = await readReportDocument(file);
    const extraction = extractDocument(document);
    merged.records.push(...extraction.records);
    merged.items.push(...extraction.records.map((record) => toRecordItem(record, file.name)));
    merged.crossReferences.push(...extraction.crossReferences);
    merged.warnings.push(...warnings, ...extraction.warnings);
  }
  return merged;
}

/** An extracted record as `themes` takes it: the response's status travels, the response text does not. */
export function toRecordItem(record: ExtractedRecord, file: string): RecordItem {
  const line = /^line (\d+)$/.exec(record.location);
  return {
    id: record.id,
    source: record.source,
    year: record.year,
    recipient: record.recipient,
    status: record.status,
    text: record.text,
    origin: { file, line: line ? Number(line[1]) : 0 },
  };
}
