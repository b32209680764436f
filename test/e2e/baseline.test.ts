import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, recdedup, ROOT } from './run.js';

interface Group {
  id: string;
  change?: string;
  previous?: string[];
  recurring: boolean;
  members: { id: string }[];
}
interface Report {
  themes: { id: string; groups: Group[] }[];
  changes?: { groups: Record<string, number>; recurringGroups: Record<string, number>; newRecurring: string[] };
}

const groupsOf = (report: Report) => report.themes.flatMap((t) => t.groups);
const memberKey = (group: Group) => group.members.map((m) => m.id).sort().join('\n');

/** The PFD sample grows: the first run sees the first 250 of its 400 rows, the second all of them. */
describe('themes --baseline (the sample, then the sample with more rows)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'recdedup-baseline-'));
  const firstRows = join(dir, 'first.csv');
  const baselinePath = join(dir, 'before.json');
  let before: Report;
  let after: Report;
  let afterJson: string;

  beforeAll(() => {
    const rows: Record<string, string>[] = parse(readFileSync(join(ROOT, fixture('pfd/pfd_sample.csv'))), { columns: true });
    writeFileSync(firstRows, stringify(rows.slice(0, 250), { header: true }));
    const first = recdedup(['themes', firstRows, '--format', 'json', '--out', baselinePath]);
    expect(first.code, first.stderr).toBe(0);
    before = JSON.parse(readFileSync(baselinePath, 'utf8'));
    const second = recdedup(['themes', fixture('pfd/pfd_sample.csv'), '--format', 'json', '--baseline', baselinePath]);
    expect(second.code, second.stderr).toBe(0);
    afterJson = second.stdout;
    after = JSON.parse(afterJson);
  }, 60_000);

  it('keeps the id of every group whose members did not change, and marks it unchanged', () => {
    const earlier = new Map(groupsOf(before).map((g) => [memberKey(g), g.id]));
    const unchanged = groupsOf(after).filter((g) => earlier.has(memberKey(g)));
    expect(unchanged.length).toBeGreaterThan(100);
    for (const group of unchanged) expect([group.id, group.change]).toEqual([earlier.get(memberKey(group)), 'unchanged']);
  });

  it('marks groups of rows the first run never saw as new', () => {
    const seen = new Set(groupsOf(before).flatMap((g) => g.members.map((m) => m.id)));
    const unseen = groupsOf(after).filter((g) => g.members.every((m) => !seen.has(m.id)));
    expect(unseen.length).toBeGreaterThan(0);
    for (const group of unseen) expect(group.change).toBe('new');
    const grown = groupsOf(after).filter((g) => g.change === 'grown');
    for (const group of grown) expect(group.previous).toHaveLength(1);
  });

  it('counts in the changes object what the groups say, and the markdown section shows the same counts', () => {
    const counted: Record<string, number> = {};
    for (const group of groupsOf(after)) counted[group.change!] = (counted[group.change!] ?? 0) + 1;
    const { groups, recurringGroups } = after.changes!;
    for (const [change, n] of Object.entries(groups)) if (change !== 'removed') expect(n, change).toBe(counted[change] ?? 0);
    const markdown = recdedup(['themes', fixture('pfd/pfd_sample.csv'), '--format', 'markdown', '--baseline', baselinePath]);
    expect(markdown.code, markdown.stderr).toBe(0);
    const section = markdown.stdout.slice(markdown.stdout.indexOf('## Changes since baseline'), markdown.stdout.indexOf('| Items |'));
    for (const change of ['new', 'grown', 'unchanged', 'merged', 'split']) {
      expect(section).toContain(`| ${change} | ${groups[change]} | ${recurringGroups[change]} |`);
    }
    expect(markdown.stdout.indexOf('## Changes since baseline')).toBeLessThan(markdown.stdout.indexOf('| Items |'));
  });

  it('shows the same counts first in the HTML page', () => {
    const html = recdedup(['themes', fixture('pfd/pfd_sample.csv'), '--format', 'html', '--baseline', baselinePath]);
    expect(html.code, html.stderr).toBe(0);
    const { groups, recurringGroups, newRecurring } = after.changes!;
    for (const change of ['new', 'grown', 'unchanged', 'merged', 'split']) {
      expect(html.stdout).toContain(`<tr><th scope="row">${change}</th><td>${groups[change]}</td><td>${recurringGroups[change]}</td></tr>`);
    }
    expect(html.stdout).toContain(`<strong>${newRecurring.length} new recurring group`);
    expect(html.stdout.indexOf('Changes since baseline')).toBeLessThan(html.stdout.indexOf('id="summary"'));
  });

  it('gives byte-identical reports for identical inputs', () => {
    const again = recdedup(['themes', fixture('pfd/pfd_sample.csv'), '--format', 'json', '--baseline', baselinePath]);
    expect(again.stdout).toBe(afterJson);
  });

  it('--fail-on new-recurring exits 3 exactly when a new recurring group appears', () => {
    expect(after.changes!.newRecurring.length).toBeGreaterThan(0);
    const failing = recdedup(['themes', fixture('pfd/pfd_sample.csv'), '--format', 'json', '--baseline', baselinePath, '--fail-on', 'new-recurring']);
    expect(failing.code).toBe(3);
    expect(failing.stdout).toBe(afterJson);
    expect(failing.stderr).toMatch(/new recurring group/);
    // Against itself nothing is new: the same run passes the gate.
    const selfBaseline = join(dir, 'after.json');
    writeFileSync(selfBaseline, afterJson);
    const passing = recdedup(['themes', fixture('pfd/pfd_sample.csv'), '--format', 'json', '--baseline', selfBaseline, '--fail-on', 'new-recurring']);
    expect(passing.code, passing.stderr).toBe(0);
    const self: Report = JSON.parse(passing.stdout);
    expect(self.changes!.newRecurring).toEqual([]);
    expect(groupsOf(self).every((g) => g.change === 'unchanged')).toBe(true);
  });

  it('without --baseline adds no change fields, and --fail-on alone is a usage error', () => {
    const plain = recdedup(['themes', firstRows, '--format', 'json']);
    expect(plain.stdout).toBe(readFileSync(baselinePath, 'utf8'));
    expect(plain.stdout).not.toContain('"change"');
    const alone = recdedup(['themes', firstRows, '--fail-on', 'new-recurring']);
    expect(alone.code).toBe(2);
    expect(alone.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('warns, in one line, when the baseline was made with other settings, and says nothing when they agree', () => {
    const same = recdedup(['themes', fixture('pfd/pfd_sample.csv'), '--format', 'json', '--baseline', baselinePath]);
    expect(same.stderr).toBe('');
    const other = recdedup(['themes', fixture('pfd/pfd_sample.csv'), '--format', 'json', '--baseline', baselinePath, '--threshold', '0.4']);
    expect(other.code, other.stderr).toBe(0);
    expect(other.stderr.trim().split('\n')).toEqual([
      `recdedup: warning: ${baselinePath} was made with threshold 0.35; this run has threshold 0.4, so some changes since it come from the settings, not the data`,
    ]);
  });

  it('names the file when the baseline is not a themes report', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"records": []}');
    const run = recdedup(['themes', firstRows, '--baseline', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.json: not a recdedup themes report/);
  });
});
