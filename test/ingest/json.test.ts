import { describe, expect, it } from 'vitest';
import { parseJsonArray, parseJsonLines } from '../../src/ingest/json.js';

describe('JSON input', () => {
  it('reads an array of objects with the line each starts on', () => {
    const table = parseJsonArray('[\n  {"id": "a", "text": "one"},\n  {"id": "b", "text": "two", "year": 2020}\n]', 'x.json');
    expect(table.rows.map((r) => [r.line, r.values.id, r.values.year ?? ''])).toEqual([[2, 'a', ''], [3, 'b', '2020']]);
    expect(table.columns).toEqual(['id', 'text', 'year']);
  });

  it('joins array fields such as several recipients', () => {
    expect(parseJsonArray('[{"text":"t","recipient":["NHS England","DHSC"]}]', 'x.json').rows[0].values.recipient).toBe('NHS England | DHSC');
  });

  it('reports a syntax error with line and column', () => {
    expect(() => parseJsonArray('[\n {"text": "a"}\n {"text": "b"}\n]', 'x.json')).toThrowError(/^x\.json:3:2: not valid JSON/);
  });

  it('refuses JSON that is not an array', () => {
    expect(() => parseJsonArray('\n {"text": "a"}', 'x.json')).toThrowError(/^x\.json:2:2: expected a JSON array/);
  });

  it('reads JSON Lines, skipping blank lines, and names the bad line', () => {
    expect(parseJsonLines('{"text":"a"}\n\n{"text":"b"}\n', 'x.jsonl').rows.map((r) => r.line)).toEqual([1, 3]);
    expect(() => parseJsonLines('{"text":"a"}\n{"text": }\n', 'x.jsonl')).toThrowError(/^x\.jsonl:2:\d+: not valid JSON/);
  });
});
