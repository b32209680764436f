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
 * of the next MAX_ROWS_ABOVE_HEADER rows passes while every row above that one looks like a title
 * or a note (see looksLikeNote). A table with no such row keeps its first row, so the error that
 * follows lists that row's columns as before.
 */
export function headerRowIndex(rows: readonly (readonly string[])[], isHeader: HeaderTest | undefined): number {
  if (isHeader === undefined || rows.length === 0 || isHeader(rows[0])) return 0;
  const last = Math.min(rows.length - 1, MAX_ROWS_ABOVE_HEADER);
  for (let i = 1; i <= last; i++) {
    if (!isHeader(rows[i])) continue;
    const header = filledCells(rows[i]);
    return rows.slice(0, i).every((row) => looksLikeNote(filledCells(row), header)) ? i : 0;
  }
  return 0;
}

/**
 * A title or a note fills one cell, or fewer than the header does. A real header above a data row
 * fills as many cells as the row: a table headed "ref, type, wording" whose first row has the type
 * "recommendation" keeps its own header, and its error, rather than reading that row as one.
 */
function looksLikeNote(filled: number, headerFilled: number): boolean {
  return filled <= 1 || filled < headerFilled;
}

function filledCells(row: readonly string[]): number {
  let filled = 0;
  for (const cell of row) if (cell.trim() !== '') filled++;
  return filled;
}
