import { describe, expect, it } from 'vitest';
import { findQuoteProblem, parseDelimited } from '../../src/ingest/csv.js';
import { InputError } from '../../src/errors.js';
import { ingestFiles } from '../../src/ingest/index.js';

describe('parseDelimited', () => {
  it('reads quoted fields with newlines and doubled quotes, CRLF and a BOM', () => {
    const { table } = parseDelimited('\uFEFFid,text\r\n1,"first line\r\nsecond ""quoted"""\r\n2,plain\r\n', 'a.csv');
    expect(table.columns).toEqual(['id', 'text']);
    expect(table.rows.map((r) => r.values.text)).toEqual(['first line\r\nsecond "quoted"', 'plain']);
    expect(table.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('guesses tab and semicolon delimiters from the header', () => {
    expect(parseDelimited('id\ttext\n1\ta,b\n', 'a.tsv').table.rows[0].values.text).toBe('a,b');
    expect(parseDelimited('id;text\n1;a,b\n', 'a.csv').table.rows[0].values.text).toBe('a,b');
  });

  it('reads ragged rows with a warning instead of failing', () => {
    const { table, warnings } = parseDelimited('id,text,year\n1,short\n2,long,2020,extra\n', 'a.csv');
    expect(table.rows[0].values.year).toBe('');
    expect(warnings[0].message).toMatch(/2 rows have a different number of fields/);
  });

  it('names the line and column where an unterminated quote opened', () => {
    const text = 'id,text\n1,fine\n2,"never closed\n3,more\n';
    expect(() => parseDelimited(text, 'bad.csv')).toThrowError(InputError);
    expect(() => parseDelimited(text, 'bad.csv')).toThrowError(/^bad\.csv:3:3: unterminated quoted field/);
  });

  it('names the character after a stray closing quote', () => {
    expect(findQuoteProblem('a,b\n1,"x"y\n', ',')).toEqual({ offset: 9, reason: 'unexpected character "y" after a closing quote' });
  });
});

describe('row lines', () => {
  it('are the lines rows start on, counted on the file\'s own bytes after a BOM, multi-byte text, blank lines and quoted line breaks', () => {
    const csv = '\ufeffid,text\r\n1,"Café staff — first line\r\nsecond line"\r\n\r\n2,naïve résumé\r\n3,"a ""quoted"" word"\r\n';
    const expected = [2, 5, 6];
    const fromText = parseDelimited(csv.slice(1), 'x.csv').table.rows.map((row) => row.line);
    const ingested = ingestFiles([{ name: 'x.csv', bytes: new TextEncoder().encode(csv) }], {});
    expect(fromText).toEqual(expected);
    expect(ingested.records.map((r) => r.origin.line)).toEqual(expected);
  });
});
