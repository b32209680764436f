import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, recdedup } from './run.js';

/** fixtures/quirks/recommendations.xlsx: the seed recommendations of seeds/recommendations.csv, in a workbook (make_xlsx_fixture.mjs). */
describe('.xlsx input', () => {
  it('gives the same JSON report as a CSV of the same rows', () => {
    const workbook = recdedup(['themes', fixture('quirks/recommendations.xlsx'), '--format', 'json']);
    const csv = recdedup(['themes', fixture('seeds/recommendations.csv'), '--format', 'json']);
    expect(workbook.code, workbook.stderr).toBe(0);
    expect(JSON.parse(workbook.stdout).stats.items).toBeGreaterThan(10);
    expect(workbook.stdout).toBe(csv.stdout);
  });

  it('reads the sheet --sheet names, and lists the sheets when there is no such sheet', () => {
    const five = recdedup(['themes', fixture('quirks/recommendations.xlsx'), '--sheet', 'First five', '--format', 'json']);
    expect(five.code, five.stderr).toBe(0);
    expect(JSON.parse(five.stdout).items).toHaveLength(5);
    const missing = recdedup(['themes', fixture('quirks/recommendations.xlsx'), '--sheet', 'Sheet9']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`recdedup: ${fixture('quirks/recommendations.xlsx')}: no sheet named "Sheet9"; its sheets are "Recommendations", "First five"`);
  });

  it('refuses a file that is not a workbook with one line and exit code 2', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'recdedup-xlsx-')), 'export.xlsx');
    writeFileSync(path, 'id,text\n1,not really a workbook\n');
    const run = recdedup(['themes', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/export\.xlsx: not a readable \.xlsx workbook/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
