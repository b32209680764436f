import { parse } from 'csv-parse/sync';
import { InputError, positionOf } from '../errors.js';
import { hasUtf8Bom, type DecodedText } from './decode.js';
import type { Warning } from '../types.js';
import { headerRowIndex, MAX_ROWS_ABOVE_HEADER, type HeaderTest, type Table, type TableRow } from './table.js';

export interface ParsedTable {
  table: Table;
  warnings: Warning[];
}

interface RawRecord {
  record: string[];
  info: { bytes: number };
}

/** A row of fields and the line it starts on. */
export interface LinedRecord {
  record: string[];
  line: number;
}

/**
 * CSV or TSV text → table. Quoted fields may hold newlines; CRLF and a BOM are accepted. Given
 * decoded input with its UTF-8 bytes, rows are read, and their lines counted, on the bytes: its
 * text is never decoded whole unless the rows are out of the ordinary (see parsePlainDelimited).
 * `isHeader`, when given, finds a header that a title or notes push below the first row (see
 * headerRowIndex), and guides the delimiter guess.
 */
export function parseDelimited(input: string | DecodedText, file: string, delimiter?: string, isHeader?: HeaderTest): ParsedTable {
  const decoded: Pick<DecodedText, 'text' | 'utf8'> = typeof input === 'string' ? { text: input } : input;
  delimiter ??= guessDelimiter(openingText(decoded, MAX_ROWS_ABOVE_HEADER + 1), isHeader);
  const records = parsePlainDelimited(decoded.utf8 ?? decoded.text, delimiter) ?? parseWithCsvParse(decoded.text, file, delimiter, decoded.utf8);
  if (records.length === 0) throw new InputError({ file, line: 1, column: 1 }, 'empty file: expected a header row');
  const header = headerRowIndex(
    records.slice(0, MAX_ROWS_ABOVE_HEADER + 1).map(({ record }) => record),
    isHeader,
  );
  const columns = records[header].record.map((name) => name.trim());
  const warnings: Warning[] = [];
  const rows: TableRow[] = [];
  const headerBelow = header > 0 ? { line: records[header].line, rowsAbove: header } : undefined;
  let ragged = 0;
  for (let i = header + 1; i < records.length; i++) {
    const { record, line } = records[i];
    if (record.length !== columns.length) ragged++;
    const values: Record<string, string> = {};
    columns.forEach((name, c) => (values[name] = record[c] ?? ''));
    rows.push({ line, values });
  }
  if (ragged > 0) {
    warnings.push({ message: `${file}: ${ragged} rows have a different number of fields than the header (${columns.length}); missing fields read as empty` });
  }
  return { table: { file, columns, rows, ...(headerBelow && { headerBelow }) }, warnings };
}

/**
 * csv-parse, for any text the plain reader turns down: it reads what is valid and names what is not.
 * Rows are lined as the plain reader lines them.
 */
function parseWithCsvParse(text: string, file: string, delimiter: string, utf8: Uint8Array | undefined): LinedRecord[] {
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
  const lineAt = byteLineCounter(utf8 ?? Buffer.from(text, 'utf8'));
  // A row starts where the one before it ended (blank lines skipped); the first at byte 0.
  return records.map(({ record }, i) => ({ record, line: lineAt(i === 0 ? 0 : records[i - 1].info.bytes) }));
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Rows of well-formed delimited text, read in one pass over its UTF-8 bytes: about ten times
 * faster than csv-parse on the large exports this tool is for. Each field is decoded from its own
 * bytes, so it is a string of its own: a slice of the decoded file would keep the whole file
 * alive as long as any field is, and as two bytes a character once the file holds one character
 * past Latin-1 (a curly quote is enough), and so would every string made from it. Returns
 * undefined for anything out of the ordinary — a quote inside an unquoted field, text after a
 * closing quote, an unclosed quote, a lone CR, line endings that change from LF to CRLF or back,
 * a byte-order mark — and csv-parse then reads it, so such input is read, or refused, as before.
 * Blank lines are skipped; quoted fields may hold delimiters, newlines and doubled quotes.
 */
export function parsePlainDelimited(input: string | Uint8Array, delimiter: string): LinedRecord[] | undefined {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const separator = delimiter.charCodeAt(0);
  // A delimiter past ASCII would be several bytes; csv-parse reads such files.
  if (delimiter.length !== 1 || separator >= 0x80 || separator === QUOTE || separator === LF || separator === CR || hasUtf8Bom(bytes)) return undefined;
  const records: LinedRecord[] = [];
  const end = bytes.length;
  let position = 0;
  let line = 1;
  let crlf: boolean | undefined;
  /** Past the line break at `position`, or false when it breaks the file's own convention. */
  const lineBreak = (): boolean => {
    const isCrlf = bytes[position] === CR;
    if (isCrlf && bytes[position + 1] !== LF) return false;
    if (crlf !== undefined && crlf !== isCrlf) return false;
    crlf = isCrlf;
    position += isCrlf ? 2 : 1;
    line++;
    return true;
  };
  while (position < end) {
    const first = bytes[position];
    if (first === LF || first === CR) {
      if (!lineBreak()) return undefined;
      continue;
    }
    const record: string[] = [];
    const startLine = line;
    for (;;) {
      if (bytes[position] === QUOTE) {
        const quoted = readQuoted(bytes, position);
        if (quoted === undefined) return undefined;
        record.push(quoted.value);
        line += quoted.newlines;
        position = quoted.next;
      } else {
        const start = position;
        let code = 0;
        while (position < end && (code = bytes[position]) !== separator && code !== LF && code !== CR) {
          if (code === QUOTE) return undefined;
          position++;
        }
        record.push(bytes.toString('utf8', start, position));
      }
      if (position >= end) break;
      const next = bytes[position];
      if (next === separator) {
        position++;
        if (position >= end) record.push('');
        else continue;
        break;
      }
      if ((next === LF || next === CR) && lineBreak()) break;
      return undefined;
    }
    records.push({ record, line: startLine });
  }
  return records;
}

/** A quoted field opening at byte `open`: its value, the newlines inside it, and where it ends; undefined when it never closes. */
function readQuoted(bytes: Buffer, open: number): { value: string; newlines: number; next: number } | undefined {
  let value = '';
  let from = open + 1;
  for (;;) {
    const close = bytes.indexOf(QUOTE, from);
    if (close < 0) return undefined;
    if (bytes[close + 1] === QUOTE) {
      value += bytes.toString('utf8', from, close + 1);
      from = close + 2;
      continue;
    }
    value += bytes.toString('utf8', from, close);
    return { value, newlines: countNewlines(bytes, open + 1, close), next: close + 1 };
  }
}

function countNewlines(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  for (let at = bytes.indexOf(LF, from); at >= 0 && at < to; at = bytes.indexOf(LF, at + 1)) count++;
  return count;
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

/**
 * Semicolon-separated exports are common in European spreadsheet locales; decide from the header
 * line: the first line, or the first of the next few that `isHeader` accepts when the first does
 * not (a title above the table has no delimiters to count).
 */
function guessDelimiter(text: string, isHeader?: HeaderTest): string {
  const lines = openingLines(text, MAX_ROWS_ABOVE_HEADER + 1);
  const guesses = lines.map(delimiterOfLine);
  const index = headerRowIndex(
    lines.map((line, i) => line.split(guesses[i])),
    isHeader,
  );
  return guesses[index] ?? ',';
}

/**
 * Text enough to hold the first `count` non-blank lines: what guessing the delimiter reads. From
 * UTF-8 bytes only those lines are decoded; the rows are read from the bytes themselves.
 */
function openingText(decoded: Pick<DecodedText, 'text' | 'utf8'>, count: number): string {
  const bytes = decoded.utf8;
  if (!bytes) return decoded.text;
  const decoder = new TextDecoder();
  let end = 0;
  for (let found = 0; found < count && end < bytes.length; ) {
    const newline = bytes.indexOf(LF, end);
    const lineEnd = newline === -1 ? bytes.length : newline;
    if (decoder.decode(bytes.subarray(end, lineEnd)).trim() !== '') found++;
    end = lineEnd + 1;
  }
  return decoder.decode(bytes.subarray(0, Math.min(end, bytes.length)));
}

/** The first `count` non-blank lines, without a BOM; only the opening of a large file is read. */
function openingLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (lines.length < count && start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.trim() !== '') lines.push(line);
    start = end + 1;
  }
  return lines;
}

function delimiterOfLine(line: string): string {
  const count = (ch: string) => line.split(ch).length - 1;
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
