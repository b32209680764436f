import type { Warning } from '../types.js';

/** What a report asks for: the contract's four kinds. */
export type RecordKind = 'recommendation' | 'observation' | 'concern' | 'action';

/** One recommendation (or observation, concern, action) found in a report's text. */
export interface ExtractedRecord {
  /** The report's own id ("R/2025/063", "Recommendation 4" → "<source-key>-REC-4") or `<file>#<n>`. */
  id: string;
  kind: RecordKind;
  /** The document's title when it has one, else its file name. */
  source: string;
  year: number | null;
  /** Who must act, when the text names them ("NHS England should …" → "NHS England"). */
  recipient: string;
  text: string;
  /** The response printed with it (a government response to the recommendation), or ''. */
  response: string;
  /** supports / supports in part / does not support / notes, read from the response, or ''. */
  status: string;
  /** The phrase of the response that decided the status, or ''. */
  statusEvidence: string;
  /** Where it starts: "page 3" for a PDF, "line 120" for text. */
  location: string;
}

/** An id cited in passing ("see R/2024/043"): recorded, never taken for a recommendation. */
export interface CrossReference {
  id: string;
  source: string;
  location: string;
}

export interface Extraction {
  records: ExtractedRecord[];
  crossReferences: CrossReference[];
  warnings: Warning[];
}

/**
 * A report as text: one entry per page for a PDF (furniture removed), one page for text files.
 * Reading files and PDFs is the caller's job; extraction itself is pure.
 */
export interface ReportDocument {
  /** As the user named it, for ids and messages. */
  name: string;
  pages: string[];
  /** True when the pages come from a PDF: locations are pages, not lines. */
  paged: boolean;
}
