import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../src/ingest/columns.js';
import { decodeInput } from '../../src/ingest/decode.js';
import { ingestFiles } from '../../src/ingest/index.js';
import { makeIdsUnique, parseYear, tableToRecords } from '../../src/ingest/records.js';
import type { Table } from '../../src/ingest/table.js';

const table = (columns: string[], rows: string[][]): Table => ({
  file: 'f.csv',
  columns,
  rows: rows.map((values, i) => ({ line: i + 2, values: Object.fromEntries(columns.map((c, k) => [c, values[k]])) })),
});

describe('column mapping', () => {
  it('recognises header aliases case-insensitively', () => {
    expect(mapColumns(['Reference', 'Recommendation', 'Report', 'Published', 'Addressee', 'Response'], {}, 'f.csv')).toEqual({
      id: 'Reference', text: 'Recommendation', source: 'Report', year: 'Published', recipient: 'Addressee', status: 'Response',
    });
  });

  it('prefers report_id over a constant source column', () => {
    expect(mapColumns(['id', 'report_id', 'source', 'text'], {}, 'f.csv').source).toBe('report_id');
  });

  it('lists the columns found when there is no text column', () => {
    expect(() => mapColumns(['id', 'source', 'year'], {}, 'f.csv')).toThrowError(/^f\.csv:1:1: no text column found; columns found: "id", "source", "year"/);
  });

  it('names a missing explicit column', () => {
    expect(() => mapColumns(['id', 'body'], { text: 'words' }, 'f.csv')).toThrowError(/^f\.csv:1:1: no column "words" \(given with --text\) found; columns found: "id", "body"$/);
    expect(() => mapColumns(['id', 'body'], { year: 'published' }, 'f.csv')).toThrowError(/^f\.csv:1:1: no column "published" \(given with --year\) found; columns found: "id", "body"$/);
    expect(mapColumns(['id', 'body'], { text: 'BODY' }, 'f.csv').text).toBe('body');
  });
});

describe('records', () => {
  it('skips empty texts with one counted warning, and fills ids and sources', () => {
    const result = tableToRecords(table(['text', 'year'], [['a', '2021-03-01'], ['  ', ''], ['b', '']]), {}, 'f.csv');
    expect(result.records.map((r) => [r.id, r.source, r.year])).toEqual([['f.csv#1', 'f.csv', 2021], ['f.csv#3', 'f.csv', null]]);
    expect(result.skippedEmpty).toBe(1);
    expect(result.warnings.map((w) => w.message)).toEqual(['f.csv: skipped 1 rows with empty text (lines 3)']);
  });

  it('makes duplicate ids unique without touching the first', () => {
    const records = tableToRecords(table(['id', 'text'], [['x', 'a'], ['x', 'b'], ['x~2', 'c']]), {}, 'f.csv').records;
    const { records: unique, warnings } = makeIdsUnique(records);
    expect(unique.map((r) => r.id)).toEqual(['x', 'x~3', 'x~2']);
    expect(warnings).toHaveLength(1);
  });

  it('finds a year in years and dates', () => {
    expect(['2023', '2023-08-01', '21 March 2024', 'n/a', '12345'].map(parseYear)).toEqual([2023, 2023, 2024, null, null]);
  });
});

describe('decoding and ingest', () => {
  it('decodes Windows-1252 with a warning, and refuses binary files', () => {
    const decoded = decodeInput(Uint8Array.from([0x93, 0x61, 0x94, 0x20, 0xa3, 0x35]), 'w.csv');
    expect(decoded.text).toBe('\u201ca\u201d \u00a35');
    expect(decoded.warnings[0].message).toMatch(/Windows-1252/);
    expect(() => decodeInput(Uint8Array.from([0x61, 0x0a, 0x62, 0x00]), 'bin.csv')).toThrowError(/^bin\.csv:2:2: not a text file/);
  });

  it('reads several files in order, each its own source', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const result = ingestFiles([{ name: 'dir/a.csv', bytes: enc('text\none\n') }, { name: 'b.jsonl', bytes: enc('{"text":"two"}\n') }], {});
    expect(result.records.map((r) => [r.id, r.source, r.text])).toEqual([['a.csv#1', 'a.csv', 'one'], ['b.jsonl#1', 'b.jsonl', 'two']]);
  });
});

describe('missing-value markers', () => {
  it('reads nan, None and N/A as empty', () => {
    const result = tableToRecords(table(['text', 'recipient', 'status'], [['a', 'nan', 'N/A'], ['b', 'NHS England', 'None']]), {}, 'f.csv');
    expect(result.records.map((r) => [r.recipient, r.status])).toEqual([['', ''], ['NHS England', '']]);
  });
});

describe('source names', () => {
  it('counts one report typed with different dashes and spacing as one source', () => {
    const { records } = tableToRecords(table(['text', 'report_id'], [['a', '2016 – 0172'], ['b', '2016-0172'], ['c', ' Report  A — 2024 ']]), {}, 'f.csv');
    expect(records.map((r) => r.source)).toEqual(['2016-0172', '2016-0172', 'Report A - 2024']);
  });
});
