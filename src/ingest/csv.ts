import { parse } from 'csv-parse/sync';
import { InputError, positionOf } from '../errors.js';
import type { Warning } from '../types.js';
import type { Table, TableRow } from './table.js';

export interface ParsedTable {
  table: Table;
  warnings: Warning[];
}

interface RawRecord {
  record: string[];
  info: { bytes: number };
}

/** CSV or TSV text → table. Quoted fields may hold newlines; CRLF and a BOM are accepted. */
/** `utf8`, when given, must be the bytes `text` was decoded from: rows' lines are counted on them rather than on a re-encoded copy of a large file. */
export function parseDelimited(text: string, file: string, delimiter = guessDelimiter(text), utf8?: Uint8Array): ParsedTable {
  let records: RawRecord[];
  try {
    // Handed the bytes when there are any: csv-parse works on bytes and would re-encode the text.
    records = parse(utf8 ?? text, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as RawRecord[];
  } catch (error) {
    throw csvInputError(text, file, delimiter, error);
  }
  if (records.length === 0) throw new InputError({ file, line: 1, column: 1 }, 'empty file: expected a header row');
  const columns = records[0].record.map((name) => name.trim());
  const warnings: Warning[] = [];
  const rows: TableRow[] = [];
  const lineAt = byteLineCounter(utf8 ?? Buffer.from(text, 'utf8'));
  let ragged = 0;
  for (let i = 1; i < records.length; i++) {
    const { record } = records[i];
    if (record.length !== columns.length) ragged++;
    const values: Record<string, string> = {};
    columns.forEach((name, c) => (values[name] = record[c] ?? ''));
    rows.push({ line: lineAt(records[i - 1].info.bytes), values });
  }
  if (ragged > 0) {
    warnings.push({ message: `${file}: ${ragged} rows have a different number of fields than the header (${columns.length}); missing fields read as empty` });
  }
  return { table: { file, columns, rows }, warnings };
}

/**
 * Line of the first character at or after a UTF-8 byte offset, skipping blank lines. csv-parse's
 * own line counter drifts after quoted CRLF newlines, but its byte count is exact. Offsets must
 * be asked for in increasing order.
 */
function byteLineCounter(bytes: Uint8Array): (byteOffset: number) => number {
  let position = 0;
  let line = 1;
  return (byteOffset) => {
    let target = byteOffset;
    while (target < bytes.length && (bytes[target] === 10 || bytes[target] === 13)) target++;
    for (; position < target; position++) if (bytes[position] === 10) line++;
    return line;
  };
}

/** Semicolon-separated exports are common in European spreadsheet locales; decide from the header line. */
function guessDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => header.split(ch).length - 1;
  if (count('\t') > count(',') && count('\t') >= count(';')) return '\t';
  return count(';') > count(',') ? ';' : ',';
}

function csvInputError(text: string, file: string, delimiter: string, error: unknown): InputError {
  const quoteProblem = findQuoteProblem(text, delimiter);
  if (quoteProblem) {
    return new InputError({ file, ...positionOf(text, quoteProblem.offset) }, quoteProblem.reason);
  }
  const err = error as { message?: string; lines?: number };
  const line = typeof err.lines === 'number' ? err.lines : 1;
  const reason = (err.message ?? String(error)).replace(/\s+/g, ' ');
  return new InputError({ file, line, column: 1 }, `not valid CSV: ${reason}`);
}

/**
 * csv-parse reports an unclosed quote at the end of the file; users need the place where the
 * quote was opened, so walk the text once with the same quoting rules.
 */
export function findQuoteProblem(text: string, delimiter: string): { offset: number; reason: string } | null {
  let inQuotes = false;
  let openedAt = -1;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch !== '"') continue;
      if (text[i + 1] === '"') {
        i++;
        continue;
      }
      inQuotes = false;
      const next = text[i + 1];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        return { offset: i + 1, reason: `unexpected character ${JSON.stringify(next)} after a closing quote` };
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      openedAt = i;
    }
    fieldStart = ch === delimiter || ch === '\n' || ch === '\r';
  }
  return inQuotes ? { offset: openedAt, reason: 'unterminated quoted field: the quote opened here is never closed' } : null;
}
