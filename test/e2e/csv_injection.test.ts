import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fixture, recdedup } from './run.js';

const FORMULA_START = /^[=+\-@\t\r]/;
const table = (csv: string): Record<string, string>[] => parse(csv, { columns: true, bom: true });

/** fixtures/quirks/formula_cells.csv: texts and recipients that start like spreadsheet formulas. */
describe('CSV output opened in a spreadsheet', () => {
  it('themes: no cell starts a formula; =HYPERLINK("http://x") is written with a leading apostrophe', () => {
    const run = recdedup(['themes', fixture('quirks/formula_cells.csv'), '--format', 'csv']);
    expect(run.code, run.stderr).toBe(0);
    const rows = table(run.stdout);
    expect(rows).toHaveLength(5);
    for (const row of rows) for (const [column, value] of Object.entries(row)) expect(FORMULA_START.test(value), `${row.id} ${column}`).toBe(false);
    const hyperlink = rows.find((row) => row.id === 'F1')!;
    expect(hyperlink.text.startsWith(`'=HYPERLINK("http://x"`)).toBe(true);
    expect(hyperlink.recipient).toBe(`'=cmd|' /C calc'!A0`);
    expect(run.stdout.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('pairs: neutralised too, and --excel starts the file with a byte-order mark', () => {
    const run = recdedup(['pairs', fixture('quirks/formula_cells.csv'), '--min', '0.1', '--excel']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.charCodeAt(0)).toBe(0xfeff);
    const rows = table(run.stdout);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) for (const value of Object.values(row)) expect(FORMULA_START.test(value)).toBe(false);
  });

  it('themes --excel: the same rows after a byte-order mark', () => {
    const plain = recdedup(['themes', fixture('quirks/formula_cells.csv'), '--format', 'csv']);
    const excel = recdedup(['themes', fixture('quirks/formula_cells.csv'), '--format', 'csv', '--excel']);
    expect(excel.stdout).toBe(`\uFEFF${plain.stdout}`);
  });
});
