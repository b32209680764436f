import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderJson, renderJsonChunks, renderJsonPieces } from '../../src/report/json.js';
import type { ThemesReport } from '../../src/report/index.js';
import { record, themesReport } from '../helpers.js';

describe('JSON in pieces', () => {
  it('joins to exactly JSON.stringify(report, null, 2) and a newline, for a real report', () => {
    const report = themesReport([
      record('a', 'Report A', 'Trusts should remove ligature points from inpatient wards.', { recipient: 'NHS England' }),
      record('b', 'Report B', 'Trusts should remove ligature anchor points from inpatient wards.', { year: null }),
      record('c', 'Report C', 'Ambulance handover delays at emergency departments must be reduced.'),
    ]);
    const pieces = [...renderJsonPieces(report)];
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(renderJson(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('joins to exactly JSON.stringify for any JSON object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        expect([...renderJsonPieces(value)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
    );
  });

  it('writes a small report as one string and a large one in pieces, the same text either way', () => {
    const small = themesReport([record('a', 'Report A', 'Trusts should remove ligature points from inpatient wards.')]);
    expect([...renderJsonChunks(small)]).toEqual([`${JSON.stringify(small, null, 2)}\n`]);
    const items = Array.from({ length: 20_001 }, (_, i) => ({ id: `r${i}`, group: `g-${i}`, theme: `t-${i}` }));
    const large = { ...small, items } as ThemesReport;
    const pieces = [...renderJsonChunks(large)];
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(`${JSON.stringify(large, null, 2)}\n`);
  });
});
