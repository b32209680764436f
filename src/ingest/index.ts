import { basename, extname } from 'node:path';
import type { ColumnMapping, RecordItem, Warning } from '../types.js';
import { parseDelimited } from './csv.js';
import { decodeInput, type DecodedText } from './decode.js';
import { parseJsonArray, parseJsonLines } from './json.js';
import { namesTextColumn } from './columns.js';
import { makeIdsUnique, tableToRecords } from './records.js';
import type { HeaderTest, Table } from './table.js';
import { parseWorkbook } from './xlsx.js';

export { isWorkbook } from './xlsx.js';

export type InputFormat = 'csv' | 'tsv' | 'json' | 'jsonl';

/** Reading is the caller's job (the CLI edge); ingest only sees names and bytes. */
export interface InputFile {
  /** As the user named it; `-` is standard input. */
  name: string;
  bytes: Uint8Array;
}

export interface IngestResult {
  records: RecordItem[];
  skippedEmpty: number;
  warnings: Warning[];
}

/** Files → records, in input order: file by file, row by row. */
export function ingestFiles(files: readonly InputFile[], columns: ColumnMapping): IngestResult {
  const all: RecordItem[] = [];
  const warnings: Warning[] = [];
  let skippedEmpty = 0;
  for (const file of files) {
    const display = file.name === '-' ? '<stdin>' : file.name;
    const decoded = decodeInput(file.bytes, display);
    warnings.push(...decoded.warnings);
    const table = parseTable(decoded, display, formatOf(file.name, decoded), warnings, (cells) => namesTextColumn(cells, columns));
    const label = file.name === '-' ? 'stdin' : basename(file.name);
    const result = tableToRecords(table, columns, label);
    // A loop, not push(...records): spreading a million arguments overflows the stack.
    for (const record of result.records) all.push(record);
    skippedEmpty += result.skippedEmpty;
    warnings.push(...result.warnings);
  }
  const unique = makeIdsUnique(all);
  return { records: unique.records, skippedEmpty, warnings: [...warnings, ...unique.warnings] };
}

/** An .xlsx file → records, with the same column mapping as a CSV of the same rows (its ids are not yet made unique). */
export async function ingestWorkbook(file: InputFile, columns: ColumnMapping, sheet?: string): Promise<IngestResult> {
  const table = await parseWorkbook(file.bytes, file.name, sheet, (cells) => namesTextColumn(cells, columns));
  return tableToRecords(table, columns, basename(file.name));
}

function parseTable(decoded: DecodedText, file: string, format: InputFormat, warnings: Warning[], isHeader: HeaderTest): Table {
  switch (format) {
    case 'json':
      return parseJsonArray(decoded.text, file);
    case 'jsonl':
      return parseJsonLines(decoded.text, file);
    case 'tsv': {
      const parsed = parseDelimited(decoded, file, '\t', isHeader);
      warnings.push(...parsed.warnings);
      return parsed.table;
    }
    case 'csv': {
      const parsed = parseDelimited(decoded, file, undefined, isHeader);
      warnings.push(...parsed.warnings);
      return parsed.table;
    }
  }
}

const BY_EXTENSION: Record<string, InputFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** By extension; `-` is CSV (the contract); anything else is sniffed from its first character. */
export function formatOf(name: string, decoded: Pick<DecodedText, 'text'>): InputFormat {
  if (name === '-') return 'csv';
  const extension = extname(name).toLowerCase();
  const known = BY_EXTENSION[extension];
  if (known) return known;
  const first = decoded.text.trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'jsonl';
  return 'csv';
}
