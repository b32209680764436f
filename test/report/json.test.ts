import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderJson, renderJsonChunks } from '../../src/report/json.js';
import type { ThemesReport } from '../../src/report/index.js';
import { record, themesReport } from '../helpers.js';

describe('JSON in pieces', () => {
  it('joins to exactly JSON.stringify(report, null, 2) and a newline, for a real report', () => {
    const report = themesReport([
      record('a', 'Report A', 'Trusts should remove ligature points from inpatient wards.', { recipient: 'NHS England' }),
      record('b', 'Report B', 'Trusts should remove ligature anchor points from inpatient wards.', { year: null }),
      record('c', 'Report C', 'Ambulance handover delays at emergency departments must be reduced.'),
    ]);
    const pieces = [...renderJsonChunks(report)];
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(renderJson(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('joins to exactly JSON.stringify for any JSON object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        expect([...renderJsonChunks(value as unknown as ThemesReport)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
    );
  });
});
