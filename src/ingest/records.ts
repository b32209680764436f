import type { ColumnMapping, RecordItem, Warning } from '../types.js';
import { mapColumns } from './columns.js';
import type { Table } from './table.js';

export interface TableRecords {
  records: RecordItem[];
  skippedEmpty: number;
  warnings: Warning[];
}

/**
 * Table → records. Rows without text are counted and reported, never dropped silently; a file
 * without a source column is its own source; ids the data lacks become `<file>#<row>`.
 */
export function tableToRecords(table: Table, explicit: ColumnMapping, fileLabel: string): TableRecords {
  const mapping = mapColumns(table.columns, explicit, table.file);
  const records: RecordItem[] = [];
  const emptyLines: number[] = [];
  table.rows.forEach((row, index) => {
    const get = (field: keyof ColumnMapping) => {
      const column = mapping[field];
      return column === undefined ? '' : blankIfMissingMarker((row.values[column] ?? '').trim());
    };
    const text = get('text');
    if (text === '') {
      emptyLines.push(row.line);
      return;
    }
    records.push({
      id: get('id') || `${fileLabel}#${index + 1}`,
      source: tidySourceName(get('source')) || fileLabel,
      year: parseYear(get('year')),
      recipient: get('recipient'),
      status: get('status'),
      text,
      origin: { file: table.file, line: row.line },
    });
  });
  const warnings: Warning[] = [];
  if (table.headerBelow) {
    const { line, rowsAbove } = table.headerBelow;
    const above = rowsAbove === 1 ? 'the row above it was' : `the ${rowsAbove} rows above it were`;
    warnings.push({ message: `${table.file}: the header is on line ${line}; ${above} skipped (a title or notes above the table)` });
  }
  if (emptyLines.length > 0) {
    warnings.push({ message: `${table.file}: skipped ${emptyLines.length} rows with empty text (lines ${listLines(emptyLines)})` });
  }
  return { records, skippedEmpty: emptyLines.length, warnings };
}

/**
 * Recurrence is counted in distinct sources, so one report typed two ways ("2016 – 0172",
 * "2016-0172") must not count twice: dashes are unified, spaces around a dash between digits
 * dropped, runs of white space collapsed.
 */
export function tidySourceName(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/(\d)\s*-\s*(?=\d)/g, '$1-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Spreadsheet and pandas exports write missing values as words; they are no one's recipient. */
const MISSING_MARKERS = new Set(['nan', 'none', 'null', 'n/a', 'na', '#n/a', 'undefined']);

/** Lower-casing never shortens a text, so a longer value is no marker and need not be copied lower-cased. */
const LONGEST_MARKER = Math.max(...[...MISSING_MARKERS].map((marker) => marker.length));

function blankIfMissingMarker(value: string): string {
  return value.length <= LONGEST_MARKER && MISSING_MARKERS.has(value.toLowerCase()) ? '' : value;
}

/** First plausible year in a year or date field ("2023", "2023-08-01", "21 March 2024"). */
export function parseYear(value: string): number | null {
  const match = /(?:^|\D)((?:19|20)\d{2})(?!\d)/.exec(value);
  return match ? Number(match[1]) : null;
}

function listLines(lines: number[]): string {
  const shown = lines.slice(0, 10).join(', ');
  return lines.length > 10 ? `${shown}, …` : shown;
}

/**
 * Duplicate ids across all inputs get `~2`, `~3` … in input order, so every record stays
 * addressable; one warning line says how many and names the first.
 */
export function makeIdsUnique(records: readonly RecordItem[]): { records: RecordItem[]; warnings: Warning[] } {
  const taken = new Set(records.map((r) => r.id));
  const seen = new Map<string, number>();
  const renamed: RecordItem[] = [];
  const unique = records.map((record) => {
    const count = (seen.get(record.id) ?? 0) + 1;
    seen.set(record.id, count);
    if (count === 1) return record;
    let suffix = count;
    while (taken.has(`${record.id}~${suffix}`)) suffix++;
    const id = `${record.id}~${suffix}`;
    taken.add(id);
    renamed.push(record);
    return { ...record, id };
  });
  if (renamed.length === 0) return { records: unique, warnings: [] };
  const first = renamed[0];
  const message = `${first.origin.file}: ${renamed.length} duplicate ids made unique with a ~N suffix (first: ${first.id} at line ${first.origin.line})`;
  return { records: unique, warnings: [{ message }] };
}
