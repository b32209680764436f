import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { PARALLEL_MIN_ITEMS } from '../../src/pipeline.js';
import { fixture, recdedup, ROOT } from './run.js';

/**
 * 3,000 items (past the 2,000 at which a second thread is used) remixed from the PFD sample's
 * sentences: each item takes two sentences chosen by its number, so the set has near-duplicates,
 * shared topics and unrelated items alike.
 */
function remixedSample(): string {
  const rows: { text: string }[] = parse(readFileSync(join(ROOT, fixture('pfd/pfd_sample.csv'))), { columns: true });
  const sentences = rows.flatMap((row) => row.text.split(/(?<=[.;])\s+/)).filter((s) => s.split(' ').length >= 6);
  const items = Array.from({ length: 3000 }, (_, i) => ({
    id: `mix-${String(i).padStart(5, '0')}`,
    source: `source-${i % 350}`,
    text: `${sentences[(i * 7) % sentences.length]} ${sentences[(i * 13 + Math.floor(i / 50)) % sentences.length]}`,
  }));
  const dir = mkdtempSync(join(tmpdir(), 'recdedup-threads-'));
  const path = join(dir, 'remixed.csv');
  writeFileSync(path, stringify(items, { header: true }));
  return path;
}

describe('two threads (a large input)', () => {
  it('give a report byte-identical to one thread', () => {
    expect(3000).toBeGreaterThanOrEqual(PARALLEL_MIN_ITEMS);
    const path = remixedSample();
    const one = recdedup(['themes', path, '--format', 'json', '--threads', '1']);
    const two = recdedup(['themes', path, '--format', 'json', '--threads', '2']);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    const report = JSON.parse(two.stdout);
    expect(report.items).toHaveLength(3000);
    // The theme layer must have found something, or the comparison proves little.
    expect(report.themes.some((theme: { groups: unknown[] }) => theme.groups.length > 1)).toBe(true);
    expect(two.stdout).toBe(one.stdout);
  }, 60_000);

  // The arrays that grow reserve 4 GB of address space each (src/growable.ts); where that cannot be
  // had, they must fall back to ordinary arrays, not fail.
  it.runIf(process.platform === 'linux')('give the same report under a limit on virtual memory (ulimit -v 6 GB)', () => {
    const path = remixedSample();
    const free = recdedup(['themes', path, '--format', 'json']);
    const limited = spawnSync('/bin/sh', ['-c', `ulimit -v 6000000 && exec "${process.execPath}" bin/recdedup themes "${path}" --format json`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(limited.status, limited.stderr).toBe(0);
    expect(limited.stdout).toBe(free.stdout);
  }, 60_000);

  it('refuse a thread count other than 1 or 2', () => {
    const run = recdedup(['themes', fixture('seeds/recommendations.csv'), '--threads', '3']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/threads/);
  });
});
