import { UsageError } from '../errors.js';
import { headerRowIndex, MAX_ROWS_ABOVE_HEADER, type HeaderTest, type Table, type TableRow } from './table.js';

/** A spreadsheet cell as read-excel-file gives it. */
type Cell = string | number | boolean | Date | null | undefined;

/**
 * The first sheet of an .xlsx workbook (or the one named), as the same table a CSV export of it
 * would give: the first row names the columns, every cell becomes text, and each row keeps its
 * spreadsheet row number, so messages point where the user will look. `isHeader` finds a header
 * that a title or notes push below the first row, as for CSV.
 */
export async function parseWorkbook(bytes: Uint8Array, file: string, sheetName?: string, isHeader?: HeaderTest): Promise<Table> {
  // Loaded here, not at start-up: the reader costs ~50 ms to load and most inputs are CSV.
  const { default: readExcelFile } = await import('read-excel-file/node');
  let sheets: { sheet: string; data: Cell[][] }[];
  try {
    sheets = (await readExcelFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) as { sheet: string; data: Cell[][] }[];
  } catch (error) {
    throw new UsageError(`${file}: not a readable .xlsx workbook (${error instanceof Error ? error.message : String(error)})`);
  }
  const chosen = sheetName === undefined ? sheets[0] : sheets.find((s) => s.sheet === sheetName);
  if (!chosen) throw new UsageError(`${file}: no sheet named "${sheetName}"; its sheets are ${sheets.map((s) => `"${s.sheet}"`).join(', ')}`);
  const texts = chosen.data.slice(0, MAX_ROWS_ABOVE_HEADER + 1).map((cells) => cells.map(cellText));
  const headerIndex = headerRowIndex(texts, isHeader);
  const header = chosen.data[headerIndex] ?? [];
  const columns = header.map((cell, i) => cellText(cell) || `column ${i + 1}`);
  const rows: TableRow[] = [];
  for (let index = headerIndex + 1; index < chosen.data.length; index++) {
    const cells = chosen.data[index];
    if (cells.every((cell) => cellText(cell) === '')) continue;
    const values: Record<string, string> = {};
    columns.forEach((column, i) => (values[column] = cellText(cells[i])));
    rows.push({ line: index + 1, values });
  }
  const headerBelow = headerIndex > 0 ? { headerBelow: { line: headerIndex + 1, rowsAbove: headerIndex } } : {};
  return { file, columns, rows, ...headerBelow };
}

/** Text as a CSV export would hold it; a date cell as its ISO day (years are read from it). */
function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell);
}

export function isWorkbook(name: string): boolean {
  return name.toLowerCase().endsWith('.xlsx');
}
