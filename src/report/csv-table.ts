import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet would run as a formula: one that starts with =, +, -, @, a tab or a
 * carriage return (the OWASP CSV-injection rule). Recommendation text is written by others and
 * may be hostile, or merely start with a dash; either way Excel must show it, not evaluate it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell with a leading apostrophe when it would start a formula: Excel shows it as text. */
export function neutralised(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export interface CsvSettings {
  /** Start with a UTF-8 byte-order mark, so Excel reads the file as UTF-8 rather than the system code page. */
  excel?: boolean;
}

const BYTE_ORDER_MARK = '\uFEFF';

/** Every CSV the tool writes: a header, rows, "\n" line ends, text cells neutralised. */
export function csvTable(header: readonly string[], rows: readonly (readonly (string | number | null)[])[], settings: CsvSettings = {}): string {
  const text = stringify([[...header], ...rows.map((row) => [...row])], { record_delimiter: '\n', cast: { string: (value) => neutralised(value) } });
  return settings.excel ? BYTE_ORDER_MARK + text : text;
}
