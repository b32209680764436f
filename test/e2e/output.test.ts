import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, recdedup, ROOT } from './run.js';

const SEEDS = fixture('seeds/recommendations.csv');

describe('output', () => {
  it('--help lists every themes option', () => {
    const run = recdedup(['themes', '--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--threshold', '--theme-threshold', '--min-sources', '--format', '--out', '--no-progress', '--no-color', '--text', '--explain']) expect(run.stdout).toContain(flag);
  });

  it('is byte-identical across runs, in every format', () => {
    for (const format of ['json', 'markdown', 'csv', 'terminal', 'html']) {
      const first = recdedup(['themes', SEEDS, '--format', format]);
      expect(first.code, first.stderr).toBe(0);
      expect(recdedup(['themes', SEEDS, '--format', format]).stdout).toBe(first.stdout);
    }
  });

  it('pairs each rapid review recommendation with its restatement in the government response', () => {
    const report = JSON.parse(recdedup(['themes', SEEDS, '--format', 'json']).stdout);
    const groupOf = new Map(report.items.map((i: { id: string; group: string }) => [i.id, i.group]));
    for (let n = 1; n <= 13; n++) expect(groupOf.get(`MHIDR-REC-${n}`), `recommendation ${n}`).toBe(groupOf.get(`GR-REC-${n}`));
  });

  it('honours NO_COLOR and writes no colour when not a TTY', () => {
    expect(recdedup(['themes', SEEDS]).stdout).not.toMatch(/\u001b\[/);
  });

  it('--out writes the report atomically and prints nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recdedup-'));
    const out = join(dir, 'report.md');
    const run = recdedup(['themes', SEEDS, '--format', 'markdown', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^# Recurring themes/);
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('writes the same JSON to --out as to standard output (output settings are not parameters)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recdedup-'));
    const out = join(dir, 'report.json');
    expect(recdedup(['themes', SEEDS, '--format', 'json', '--out', out, '--no-color']).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(recdedup(['themes', SEEDS, '--format', 'json']).stdout);
  });

  it('stops quietly when the reader closes the pipe early (recdedup … | head)', () => {
    // Large enough that the JSON is written in several pieces, and the pipe closes after the first.
    const run = spawnSync('bash', ['-c', `set -o pipefail; node bin/recdedup themes ${fixture('pfd/pfd_sample.csv')} --format json | head -c 50 > /dev/null`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    expect(run.stderr).not.toMatch(/EPIPE|Error/);
    expect(run.status).toBe(0);
  });

  it('--out leaves no file behind when the input is bad', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recdedup-'));
    const out = join(dir, 'report.json');
    expect(recdedup(['themes', fixture('quirks/unterminated_quote.csv'), '--out', out]).code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
