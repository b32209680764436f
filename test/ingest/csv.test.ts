import { describe, expect, it } from 'vitest';
import { findQuoteProblem, parseDelimited, parsePlainDelimited } from '../../src/ingest/csv.js';
import { parse } from 'csv-parse/sync';
import { InputError } from '../../src/errors.js';
import { decodeInput } from '../../src/ingest/decode.js';
import { ingestFiles } from '../../src/ingest/index.js';
import { namesTextColumn } from '../../src/ingest/columns.js';
import { headerRowIndex, MAX_ROWS_ABOVE_HEADER } from '../../src/ingest/table.js';
import fc from 'fast-check';

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

describe('parsePlainDelimited (the fast reader)', () => {
  /** What csv-parse reads from the same text, with each row's line; undefined when it refuses the text. */
  const byCsvParse = (text: string, delimiter: string) => {
    try {
      const rows = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { bytes: number } }[];
      const bytes = new TextEncoder().encode(text);
      const lineOf = (offset: number) => {
        let at = offset;
        while (at < bytes.length && (bytes[at] === 10 || bytes[at] === 13)) at++;
        return 1 + bytes.subarray(0, at).filter((b) => b === 10).length;
      };
      return rows.map(({ record }, i) => ({ record, line: lineOf(i === 0 ? 0 : rows[i - 1].info.bytes) }));
    } catch {
      return undefined;
    }
  };

  it('reads what csv-parse reads, with the same lines, or turns the text down', () => {
    // Characters of two, three and four UTF-8 bytes: the reader cuts fields from the bytes.
    const pieces = ['a', 'é', '’', '😀', ' ', ',', ';', '"', '""', '\n', '\r\n', '\r', 'text, "quoted"'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.constantFrom(',', ';'), fc.boolean(), (parts, delimiter, asBytes) => {
        const text = parts.join('');
        const fast = parsePlainDelimited(asBytes ? new TextEncoder().encode(text) : text, delimiter);
        if (fast === undefined) return true;
        expect(fast).toEqual(byCsvParse(text, delimiter));
        return true;
      }),
      { numRuns: 3000 },
    );
  });

  it('reads ordinary rows itself, and turns down stray quotes, lone CRs and mixed line endings', () => {
    expect(parsePlainDelimited('id,text\n1,"a, ""b""\nc"\n\n2,d,\n', ',')).toEqual([
      { record: ['id', 'text'], line: 1 },
      { record: ['1', 'a, "b"\nc'], line: 2 },
      { record: ['2', 'd', ''], line: 5 },
    ]);
    expect(parsePlainDelimited('id,text\n1,a"b\n', ',')).toBeUndefined();
    expect(parsePlainDelimited('id,text\n1,"a"b\n', ',')).toBeUndefined();
    expect(parsePlainDelimited('id,text\n1,"never closed\n', ',')).toBeUndefined();
    expect(parsePlainDelimited('id,text\r1,a\r', ',')).toBeUndefined();
    expect(parsePlainDelimited('id,text\r\n1,a\n', ',')).toBeUndefined();
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

describe('a header below the first row', () => {
  const isHeader = (cells: readonly string[]) => namesTextColumn(cells, {});

  it('is found under a title and a blank line, and the rows keep their own lines', () => {
    const { table } = parseDelimited('"Tracker export, May 2024"\n\nid,text\n1,Staff should be trained\n2,Audit ligature points\n', 'a.csv', undefined, isHeader);
    expect(table.columns).toEqual(['id', 'text']);
    expect(table.rows.map((r) => [r.line, r.values.text])).toEqual([
      [4, 'Staff should be trained'],
      [5, 'Audit ligature points'],
    ]);
    expect(table.headerBelow).toEqual({ line: 3, rowsAbove: 1 });
  });

  it('decides the delimiter: a title has none to count', () => {
    const { table } = parseDelimited('Tracker export\nid;text\n1;Staff, nurses and doctors should be trained\n', 'a.csv', undefined, isHeader);
    expect(table.rows[0].values.text).toBe('Staff, nurses and doctors should be trained');
  });

  it('is the first row whenever that row names a text column, or no row near the top does', () => {
    expect(parseDelimited('id,text\nx,concern\n', 'a.csv', undefined, isHeader).table.headerBelow).toBeUndefined();
    expect(parseDelimited('id,body\n1,a\n', 'a.csv', undefined, isHeader).table.columns).toEqual(['id', 'body']);
    const tooDeep = [...Array.from({ length: MAX_ROWS_ABOVE_HEADER + 1 }, (_, i) => `note ${i}`), 'id,text', '1,a'].join('\n');
    expect(parseDelimited(tooDeep, 'a.csv', undefined, isHeader).table.columns).toEqual(['note 0']);
  });

  it('is not a data row that happens to hold a header name: a header above it stays the header, and its error', () => {
    const text = 'ref,type,wording\nR1,recommendation,HSSIB recommends that staff are trained\nR2,observation,Wards were short-staffed\n';
    expect(parseDelimited(text, 'a.csv', undefined, isHeader).table.columns).toEqual(['ref', 'type', 'wording']);
    expect(() => ingestFiles([{ name: 'a.csv', bytes: new TextEncoder().encode(text) }], {})).toThrowError(/no text column found; columns found: "ref", "type", "wording"/);
  });

  it('follows --text: the named column is what makes a row the header', () => {
    expect(namesTextColumn(['Ref', 'Wording'], { text: 'wording' })).toBe(true);
    expect(namesTextColumn(['Ref', 'Text'], { text: 'wording' })).toBe(false);
    expect(headerRowIndex([['Title'], ['Ref', 'Wording']], (cells) => namesTextColumn(cells, { text: 'Wording' }))).toBe(1);
  });

  it('property: any 0–10 title lines above a table give its rows, values and all, shifted by as many lines', () => {
    const table = 'id,source,text\nr1,a,Staff should be trained\nr2,b,"Audit, then act"\n';
    const base = parseDelimited(table, 'a.csv', undefined, isHeader).table;
    const titleLine = fc.stringMatching(/^[A-Za-z0-9 :.-]{1,40}$/).filter((line) => line.trim() !== '' && !isHeader([line]));
    fc.assert(
      fc.property(fc.array(titleLine, { maxLength: MAX_ROWS_ABOVE_HEADER }), (titles) => {
        const text = titles.map((t) => `${t}\n`).join('') + table;
        const { table: parsed } = parseDelimited(text, 'a.csv', undefined, isHeader);
        // Read from the file's bytes, as ingest reads it, the same table.
        expect(parseDelimited(decodeInput(new TextEncoder().encode(text), 'a.csv'), 'a.csv', undefined, isHeader).table).toEqual(parsed);
        expect(parsed.columns).toEqual(base.columns);
        expect(parsed.rows.map((r) => r.values)).toEqual(base.rows.map((r) => r.values));
        expect(parsed.rows.map((r) => r.line)).toEqual(base.rows.map((r) => r.line + titles.length));
        expect(parsed.headerBelow).toEqual(titles.length > 0 ? { line: titles.length + 1, rowsAbove: titles.length } : undefined);
      }),
    );
  });
});
