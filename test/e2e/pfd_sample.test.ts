import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { fixture, recdedup, ROOT } from './run.js';

const SAMPLE = fixture('pfd/pfd_sample.csv');

interface Report {
  items: { id: string; group: string; theme: string }[];
  themes: { groups: { recurring: boolean; sources: string[]; members: { id: string; text: string }[] }[] }[];
  stats: { items: number };
  boilerplate: { text: string; sources: number }[];
}

const themes = (path: string): Report => {
  const run = recdedup(['themes', path, '--format', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
};

const partition = (report: Report) => {
  const byGroup = new Map<string, string[]>();
  for (const item of report.items) byGroup.set(item.group, [...(byGroup.get(item.group) ?? []), item.id]);
  return [...byGroup.values()].map((ids) => ids.sort().join(' ')).sort();
};

describe('PFD sample (report_id as source, long multi-line texts)', () => {
  const report = themes(SAMPLE);

  it('places every row exactly once', () => {
    const rows = parse(readFileSync(join(ROOT, SAMPLE)), { columns: true }) as Record<string, string>[];
    expect(report.items.map((i) => i.id)).toEqual(rows.map((r) => r.id));
    expect(report.stats.items).toBe(rows.length);
  });

  it('counts recurrence in distinct reports, not in the constant source column', () => {
    const recurring = report.themes.flatMap((t) => t.groups).filter((g) => g.recurring);
    expect(recurring.length).toBeGreaterThan(0);
    for (const group of recurring) expect(group.sources).not.toContain("coroner_pfd_report");
  });

  it('gives the same groups when the rows are shuffled', () => {
    const rows = parse(readFileSync(join(ROOT, SAMPLE)), { columns: true }) as Record<string, string>[];
    const shuffled = rows.map((row, i) => ({ row, key: (i * 7919) % rows.length })).sort((a, b) => a.key - b.key).map((x) => x.row);
    const path = join(mkdtempSync(join(tmpdir(), 'recdedup-')), 'shuffled.csv');
    writeFileSync(path, stringify(shuffled, { header: true }));
    expect(partition(themes(path))).toEqual(partition(report));
  });

  it('is byte-identical across runs', () => {
    expect(recdedup(['themes', SAMPLE, '--format', 'markdown']).stdout).toBe(recdedup(['themes', SAMPLE, '--format', 'markdown']).stdout);
  });
});

describe('help', () => {
  it('is pinned', () => {
    expect(recdedup(['themes', '--help']).stdout).toMatchSnapshot();
  });
});
