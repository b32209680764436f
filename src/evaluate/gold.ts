import { parse } from 'csv-parse/sync';
import { EXIT_USAGE, RecdedupError, positionOf } from '../errors.js';
import type { LabelledPair, PairLabel } from './metrics.js';

/**
 * Gold labels for evaluation, read from CSV text. The format is chosen by the header (any case,
 * any order, extra columns ignored):
 *   id,group[,theme]  → item labels: the true group (and theme) of each item;
 *   id1,id2,label     → labelled pairs, label one of DUP, THEME, DIFF, BOILER.
 * Values are trimmed; rows whose fields are all blank (spreadsheet padding) are skipped.
 */
export interface GoldItems {
  kind: 'items';
  groups: Map<string, string>;
  /** Present when the file has a theme column; items with a blank theme are left out. */
  themes?: Map<string, string>;
}

export interface GoldPair extends LabelledPair {
  /** Line of the pair's row, so an analyst can find it in the file. */
  line: number;
}

export interface GoldPairs {
  kind: 'pairs';
  /** In file order; a repeat of a pair with the same label is dropped. */
  pairs: GoldPair[];
}

export type Gold = GoldItems | GoldPairs;

/** A mistake in a gold file; the message starts with `file:line:column:` like a compiler's. */
export class GoldFormatError extends RecdedupError {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message, EXIT_USAGE);
  }
}

const PAIR_LABELS: readonly PairLabel[] = ['DUP', 'THEME', 'DIFF', 'BOILER'];
const ITEM_COLUMNS = ['id', 'group', 'theme'] as const;
const PAIR_COLUMNS = ['id1', 'id2', 'label'] as const;
const ACCEPTED_HEADERS = 'expected "id,group[,theme]" for item labels or "id1,id2,label" for labelled pairs';

interface CsvRecord {
  record: string[];
  info: { bytes: number };
}

/** One data row: trimmed values by lower-case column name, and a way to point at a field. */
interface Row {
  line: number;
  get(column: string): string;
  fail(column: string, reason: string): never;
}

export function parseGold(text: string, fileName: string): Gold {
  // Without the BOM, csv-parse's byte offsets and our character columns start from the same place.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records = readRecords(body, fileName);
  if (records.length === 0) throw goldError(fileName, 1, 1, `empty file: ${ACCEPTED_HEADERS}`);
  const starts = recordStarts(body, records);
  const locate = (record: number, field: number) => fieldPosition(body, starts[record].byte, field);
  const header = records[0].record.map((name) => name.trim());
  const columnIndex = indexColumns(header, (index, reason) => {
    const { line, column } = locate(0, index);
    throw goldError(fileName, line, column, reason);
  });
  const rows: Row[] = [];
  for (let r = 1; r < records.length; r++) {
    const values = records[r].record;
    if (values.every((value) => value.trim() === '')) continue;
    const fieldOf = (column: string) => columnIndex.get(column) ?? values.length;
    rows.push({
      line: starts[r].line,
      get: (column) => (values[fieldOf(column)] ?? '').trim(),
      fail: (column, reason) => {
        const at = locate(r, fieldOf(column));
        throw goldError(fileName, at.line, at.column, reason);
      },
    });
  }
  const has = (columns: readonly string[]) => columns.every((column) => columnIndex.has(column));
  const isPairs = has(PAIR_COLUMNS);
  const isItems = has(['id', 'group']);
  if (isPairs && isItems) throw goldError(fileName, 1, 1, `header has the columns of both gold formats (found ${listColumns(header)}); ${ACCEPTED_HEADERS}`);
  if (isPairs) return { kind: 'pairs', pairs: readPairs(rows) };
  if (isItems) return readItems(rows, columnIndex.has('theme'));
  throw goldError(fileName, 1, 1, `unrecognised gold header (found ${listColumns(header)}); ${ACCEPTED_HEADERS}`);
}

function goldError(fileName: string, line: number, column: number, reason: string): GoldFormatError {
  return new GoldFormatError(`${fileName}:${line}:${column}: ${reason}`, line, column);
}

function readRecords(body: string, fileName: string): CsvRecord[] {
  try {
    return parse(body, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as CsvRecord[];
  } catch (error) {
    const { message, lines } = error as { message?: string; lines?: number };
    const line = typeof lines === 'number' && lines > 0 ? lines : 1;
    throw goldError(fileName, line, 1, `invalid CSV: ${message ?? String(error)}`);
  }
}

/** Lower-case name → field index for the columns we read; a repeat of one of them is ambiguous. */
function indexColumns(header: readonly string[], fail: (index: number, reason: string) => never): Map<string, number> {
  const known = new Set<string>([...ITEM_COLUMNS, ...PAIR_COLUMNS]);
  const columnIndex = new Map<string, number>();
  header.forEach((name, index) => {
    const key = name.toLowerCase();
    if (!known.has(key)) return;
    if (columnIndex.has(key)) fail(index, `column "${name}" appears twice in the header`);
    columnIndex.set(key, index);
  });
  return columnIndex;
}

function listColumns(header: readonly string[]): string {
  return header.length === 0 ? 'no columns' : header.map((name) => `"${name}"`).join(', ');
}

function required(row: Row, column: string): string {
  const value = row.get(column);
  if (value === '') row.fail(column, `missing ${column}`);
  return value;
}

function readItems(rows: readonly Row[], hasThemes: boolean): GoldItems {
  const groups = new Map<string, string>();
  const themes = new Map<string, string>();
  const groupSeenAt = new Map<string, number>();
  // A group is one recommendation made again, so all of it must sit in one theme.
  const themeOfGroup = new Map<string, { theme: string; line: number }>();
  for (const row of rows) {
    const id = required(row, 'id');
    const group = required(row, 'group');
    const earlier = groups.get(id);
    if (earlier !== undefined && earlier !== group) {
      row.fail('group', `id "${id}" is in group "${earlier}" at line ${groupSeenAt.get(id)}, here "${group}"`);
    }
    groups.set(id, group);
    if (!groupSeenAt.has(id)) groupSeenAt.set(id, row.line);
    const theme = hasThemes ? row.get('theme') : '';
    if (theme === '') continue;
    const known = themeOfGroup.get(group);
    if (known !== undefined && known.theme !== theme) {
      row.fail('theme', `group "${group}" is in theme "${known.theme}" at line ${known.line}, here "${theme}"`);
    }
    if (known === undefined) themeOfGroup.set(group, { theme, line: row.line });
    themes.set(id, theme);
  }
  return hasThemes ? { kind: 'items', groups, themes } : { kind: 'items', groups };
}

function readPairs(rows: readonly Row[]): GoldPair[] {
  const pairs: GoldPair[] = [];
  const seen = new Map<string, GoldPair>();
  for (const row of rows) {
    const id1 = required(row, 'id1');
    const id2 = required(row, 'id2');
    const label = parseLabel(row);
    if (id1 === id2) row.fail('id2', `a pair needs two different ids, both are "${id1}"`);
    // Order within a pair carries no meaning, and JSON quoting keeps any id from forging the key.
    const key = JSON.stringify(id1 < id2 ? [id1, id2] : [id2, id1]);
    const earlier = seen.get(key);
    if (earlier !== undefined && earlier.label !== label) {
      row.fail('label', `pair "${id1}", "${id2}" is labelled ${earlier.label} at line ${earlier.line}, here ${label}`);
    }
    if (earlier !== undefined) continue;
    const pair = { id1, id2, label, line: row.line };
    seen.set(key, pair);
    pairs.push(pair);
  }
  return pairs;
}

function parseLabel(row: Row): PairLabel {
  const raw = required(row, 'label');
  const label = PAIR_LABELS.find((candidate) => candidate === raw.toUpperCase());
  if (label === undefined) row.fail('label', `unknown label "${raw}" (expected DUP, THEME, DIFF or BOILER)`);
  return label;
}

/**
 * Where each record starts, as a byte offset and a line. csv-parse's line counter drifts after
 * quoted newlines, but its byte count is exact: a record starts where the previous one ended,
 * past any blank lines. One pass over the bytes, since records come in order.
 */
function recordStarts(body: string, records: readonly CsvRecord[]): { byte: number; line: number }[] {
  const bytes = Buffer.from(body, 'utf8');
  const starts: { byte: number; line: number }[] = [];
  let position = 0;
  let line = 1;
  records.forEach((_, r) => {
    let byte = r === 0 ? 0 : records[r - 1].info.bytes;
    while (byte < bytes.length && (bytes[byte] === 10 || bytes[byte] === 13)) byte++;
    for (; position < byte; position++) if (bytes[position] === 10) line++;
    starts.push({ byte, line });
  });
  return starts;
}

/** Line and column (1-based) of a field; only worked out for an error, so it may take a pass over the text. */
function fieldPosition(body: string, recordStartByte: number, field: number): { line: number; column: number } {
  const recordStart = Buffer.from(body, 'utf8').subarray(0, recordStartByte).toString('utf8').length;
  return positionOf(body, fieldStart(body, recordStart, field));
}

/** Character offset where a field's value begins (past leading blanks); the record's end if it has fewer fields. */
function fieldStart(body: string, recordStart: number, field: number): number {
  let at = recordStart;
  for (let f = 0; f < field; f++) {
    if (body[at] === '"') {
      at++;
      while (at < body.length && !(body[at] === '"' && body[at + 1] !== '"')) at += body[at] === '"' ? 2 : 1;
      at++;
    }
    while (at < body.length && !',\r\n'.includes(body[at])) at++;
    if (body[at] !== ',') return at;
    at++;
  }
  while (body[at] === ' ' || body[at] === '\t') at++;
  return at;
}
