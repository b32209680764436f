import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvTable, neutralised } from '../../src/report/csv-table.js';

describe('CSV cells a spreadsheet would run as formulas', () => {
  it('get a leading apostrophe when they start with =, +, -, @, tab or carriage return', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutralised(`${start}HYPERLINK("http://x")`)).toBe(`'${start}HYPERLINK("http://x")`);
    expect(neutralised('Staff should = be trained')).toBe('Staff should = be trained');
    expect(neutralised('')).toBe('');
  });

  it('round-trip through a CSV reader as the neutralised text, numbers untouched', () => {
    const cell = fc.string({ maxLength: 20 });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { maxLength: 5 }), (rows) => {
        const text = csvTable(['a', 'b', 'n'], rows.map(([a, b]) => [a, b, -1.5]));
        const read: string[][] = parse(text, { relax_column_count: false });
        expect(read.slice(1)).toEqual(rows.map(([a, b]) => [neutralised(a), neutralised(b), '-1.5']));
        return read.slice(1).every((row) => row.slice(0, 2).every((value) => !/^[=+\-@\t\r]/.test(value)));
      }),
    );
  });

  it('start with a byte-order mark only for Excel', () => {
    expect(csvTable(['a'], [['x']], { excel: true })).toBe('\uFEFFa\nx\n');
    expect(csvTable(['a'], [['x']])).toBe('a\nx\n');
  });
});
