/** A parsed input table: header names and rows of strings, each row with the line it starts on. */
export interface Table {
  file: string;
  columns: string[];
  rows: TableRow[];
  /**
   * Set when the header is not the first row: its line, and how many rows above it were skipped
   * (a title, an export date, notes written above the table).
   */
  headerBelow?: { line: number; rowsAbove: number };
}

export interface TableRow {
  line: number;
  values: Record<string, string>;
}

/** Whether a row, read as a header, names the columns the records need (the text column). */
export type HeaderTest = (cells: readonly string[]) => boolean;

/** How far down a header is looked for: spreadsheets put a title, a date or notes above their table. */
export const MAX_ROWS_ABOVE_HEADER = 10;

/**
 * Which of a table's first rows is its header: the first row, unless it fails `isHeader` and one
 * of the next MAX_ROWS_ABOVE_HEADER rows passes. A table with no such row keeps its first row, so
 * the error that follows lists that row's columns as before.
 */
export function headerRowIndex(rows: readonly (readonly string[])[], isHeader: HeaderTest | undefined): number {
  if (isHeader === undefined || rows.length === 0 || isHeader(rows[0])) return 0;
  const last = Math.min(rows.length - 1, MAX_ROWS_ABOVE_HEADER);
  for (let i = 1; i <= last; i++) if (isHeader(rows[i])) return i;
  return 0;
}
