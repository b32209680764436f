import { csvTable, type CsvSettings } from './csv-table.js';
import type { Extraction, ExtractedRecord } from '../extract/types.js';

export type ExtractionFormat = 'csv' | 'json' | 'jsonl';

/**
 * The contract's fields, in its order, then the extension (statusEvidence: the phrase of the
 * response that decided the status). CSV and JSON Lines use the same names, so the CSV is a table
 * `recdedup themes` reads as it is.
 */
export const EXTRACTION_FIELDS = ['id', 'kind', 'source', 'year', 'recipient', 'text', 'response', 'status', 'location', 'statusEvidence'] as const;

function ordered(record: ExtractedRecord): Record<string, string | number | null> {
  return Object.fromEntries(EXTRACTION_FIELDS.map((field) => [field, record[field]]));
}

export function renderExtraction(extraction: Extraction, format: ExtractionFormat, settings: CsvSettings = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ records: extraction.records.map(ordered), crossReferences: extraction.crossReferences }, null, 2)}\n`;
    case 'jsonl':
      return extraction.records.map((record) => `${JSON.stringify(ordered(record))}\n`).join('');
    case 'csv':
      return csvTable(
        EXTRACTION_FIELDS,
        extraction.records.map((record) => EXTRACTION_FIELDS.map((field) => record[field] ?? '')),
        settings,
      );
  }
}
