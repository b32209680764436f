import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fixture, recdedup } from './run.js';

const SEEDS = fixture('seeds/recommendations.csv');
const SEEDS_GOLD = fixture('seeds/gold_groups.csv');
const PFD = fixture('pfd/pfd_sample.csv');
const OVERRIDES = fixture('overrides/seeds.yaml');

/** Ids in fixtures/overrides/seeds.yaml: the groups of MHIDR-REC-2/GR-REC-2 and MHIDR-REC-3/GR-REC-3. */
const REC2_GROUP = 'g-465dafb221a2';
const REC3_GROUP = 'g-547a66530cb2';
const NEW_LABEL = 'Share good practice across ICSs';

interface JsonReport {
  items: { id: string; group: string; theme: string }[];
  themes: { id: string; label: string; groups: { id: string; label: string; size: number; members: { id: string }[] }[] }[];
  stats: { groups: number };
  overrides?: Record<string, { applied: number; skipped: number }>;
}

function themes(args: string[]): JsonReport {
  const run = recdedup(['themes', ...args, '--format', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as JsonReport;
}

const groupOf = (report: JsonReport) => new Map(report.items.map((i) => [i.id, i.group]));

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'recdedup-overrides-')), name);
  writeFileSync(path, text);
  return path;
}

describe('themes --overrides', () => {
  it('the fixture tests something: by default its must-link pair is apart and its cannot-link pair together', () => {
    const report = themes([SEEDS]);
    const group = groupOf(report);
    expect(group.get('NHSP-1')).not.toBe(group.get('R/2025/063'));
    expect(group.get('MHIDR-REC-1')).toBe(group.get('GR-REC-1'));
    expect(group.get('MHIDR-REC-2')).toBe(REC2_GROUP);
    expect(group.get('NHSP-2')).not.toBe(REC2_GROUP);
    expect(group.get('MHIDR-REC-3')).toBe(REC3_GROUP);
    expect(report.overrides).toBeUndefined();
  });

  it('applies must-link, cannot-link, pin and rename, with nothing on standard error', () => {
    const run = recdedup(['themes', SEEDS, '--overrides', OVERRIDES, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as JsonReport;
    const group = groupOf(report);
    expect(group.get('NHSP-1')).toBe(group.get('R/2025/063'));
    expect(group.get('MHIDR-REC-1')).not.toBe(group.get('GR-REC-1'));
    expect(group.get('NHSP-2')).toBe(REC2_GROUP);
    const allGroups = report.themes.flatMap((t) => t.groups);
    expect(allGroups.find((g) => g.id === REC2_GROUP)!.members.map((m) => m.id).sort()).toEqual(['GR-REC-2', 'MHIDR-REC-2', 'NHSP-2']);
    expect(allGroups.find((g) => g.id === REC3_GROUP)!.label).toBe(NEW_LABEL);
    expect(report.overrides).toEqual({
      mustLink: { applied: 1, skipped: 0, pairs: [['NHSP-1', 'R/2025/063']] },
      cannotLink: { applied: 1, skipped: 0, pairs: [['MHIDR-REC-1', 'GR-REC-1']] },
      pin: { applied: 1, skipped: 0, items: [{ id: 'NHSP-2', from: expect.stringMatching(/^g-/), to: REC2_GROUP }] },
      rename: { applied: 1, skipped: 0, labels: [{ id: REC3_GROUP, label: NEW_LABEL }] },
    });
    // Every item is still placed exactly once.
    expect(report.items.map((i) => i.id).sort()).toEqual(themes([SEEDS]).items.map((i) => i.id).sort());
  });

  it('reads the same overrides as JSON, with the same report', () => {
    expect(recdedup(['themes', SEEDS, '--overrides', fixture('overrides/seeds.json'), '--format', 'json']).stdout).toBe(
      recdedup(['themes', SEEDS, '--overrides', OVERRIDES, '--format', 'json']).stdout,
    );
  });

  it('shows the overrides and the new label in markdown, terminal, csv and html', () => {
    const markdown = recdedup(['themes', SEEDS, '--overrides', OVERRIDES, '--format', 'markdown']).stdout;
    expect(markdown).toContain('## Overrides applied');
    expect(markdown).toContain('- must-link pairs: 1 — NHSP-1 + R/2025/063');
    expect(markdown).toContain('- cannot-link pairs: 1 — MHIDR-REC-1 / GR-REC-1');
    expect(markdown).toContain(`- pinned items: 1 — NHSP-2 → ${REC2_GROUP}`);
    expect(markdown).toContain(`- renamed: 1 — ${REC3_GROUP} "${NEW_LABEL}"`);
    expect(markdown).toMatch(new RegExp(`### \\d+\\.\\d+ ${NEW_LABEL}`));
    const terminal = recdedup(['themes', SEEDS, '--overrides', OVERRIDES]).stdout;
    expect(terminal).toContain('Overrides applied');
    expect(terminal).toContain(NEW_LABEL);
    const rows: Record<string, string>[] = parse(recdedup(['themes', SEEDS, '--overrides', OVERRIDES, '--format', 'csv']).stdout, { columns: true });
    expect(rows.find((r) => r.id === 'MHIDR-REC-3')!.group_label).toBe(NEW_LABEL);
    expect(rows.find((r) => r.id === 'NHSP-2')!.group).toBe(REC2_GROUP);
    expect(recdedup(['themes', SEEDS, '--overrides', OVERRIDES, '--format', 'html']).stdout).toContain('Overrides applied');
  });

  it('renames a theme by its id', () => {
    const theme = themes([SEEDS]).themes[0].id;
    const file = tempFile('rename.yaml', `rename:\n  ${theme}: "Data and digital"\n`);
    const report = themes([SEEDS, '--overrides', file]);
    expect(report.themes.find((t) => t.id === theme)!.label).toBe('Data and digital');
    expect(recdedup(['themes', SEEDS, '--overrides', file, '--format', 'markdown']).stdout).toContain('## 1. Data and digital');
  });

  it('an empty overrides file changes nothing but adds an empty summary', () => {
    const plain = themes([SEEDS]);
    const { overrides, ...rest } = themes([SEEDS, '--overrides', fixture('overrides/empty.yaml')]);
    expect(rest).toEqual(plain);
    expect(overrides).toEqual({
      mustLink: { applied: 0, skipped: 0, pairs: [] },
      cannotLink: { applied: 0, skipped: 0, pairs: [] },
      pin: { applied: 0, skipped: 0, items: [] },
      rename: { applied: 0, skipped: 0, labels: [] },
    });
  });

  it('warns about each unknown id, naming it and where it is, and applies the rest', () => {
    const file = fixture('overrides/unknown_ids.yaml');
    const run = recdedup(['themes', SEEDS, '--overrides', file, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `recdedup: warning: ${file}:2:5: unknown item id "NO-SUCH-ITEM" in mustLink; the pair is skipped`,
      `recdedup: warning: ${file}:5:5: unknown item id "ALSO-MISSING" in cannotLink; the pair is skipped`,
      `recdedup: warning: ${file}:7:3: unknown item id "GHOST-ITEM" in pin; skipped`,
      `recdedup: warning: ${file}:8:3: unknown group id "g-000000000000" in pin (ids as in the report built without pins); skipped`,
      `recdedup: warning: ${file}:10:3: unknown group or theme id "t-ffffffffffff" in rename; skipped`,
    ]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(groupOf(report).get('MHIDR-REC-5')).not.toBe(groupOf(report).get('GR-REC-5'));
    expect(report.overrides).toMatchObject({
      mustLink: { applied: 0, skipped: 1 },
      cannotLink: { applied: 1, skipped: 1 },
      pin: { applied: 0, skipped: 2 },
      rename: { applied: 0, skipped: 1 },
    });
  });

  it('skips a cannot-link that the must-links contradict, with a warning', () => {
    const file = fixture('overrides/contradiction.yaml');
    const run = recdedup(['themes', SEEDS, '--overrides', file, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(`recdedup: warning: ${file}:5:5: cannotLink "NHSP-1", "NHSP-3" contradicts mustLink, which joins the two; the cannot-link is skipped\n`);
    const group = groupOf(JSON.parse(run.stdout) as JsonReport);
    expect(new Set(['NHSP-1', 'NHSP-2', 'NHSP-3'].map((id) => group.get(id))).size).toBe(1);
  });

  it.each([
    ['overrides/unknown_key.yaml', /^recdedup: fixtures\/overrides\/unknown_key\.yaml:3:1: unknown key "mustlink" \(expected mustLink, cannotLink, pin, rename\)\n$/],
    ['overrides/bad_pair.yaml', /^recdedup: fixtures\/overrides\/bad_pair\.yaml:3:5: each cannotLink entry must be a pair of two item ids, e\.g\. \[id-a, id-b\]\n$/],
    ['overrides/invalid.yaml', /^recdedup: fixtures\/overrides\/invalid\.yaml:3:3: not valid YAML: Map keys must be unique\n$/],
    ['overrides/invalid.json', /^recdedup: fixtures\/overrides\/invalid\.json:3:3: not valid JSON: .+\n$/],
    ['overrides/missing.yaml', /^recdedup: fixtures\/overrides\/missing\.yaml: cannot read: no such file or directory\n$/],
  ])('%s is a one-line error with exit code 2, naming file, line and column', (file, message) => {
    const run = recdedup(['themes', SEEDS, '--overrides', fixture(file)]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe('pairs and eval --overrides', () => {
  it('pairs says whether each pair ended in one group with the overrides applied', () => {
    const run = recdedup(['pairs', SEEDS, '--overrides', OVERRIDES, '--format', 'json', '--min', '0.2']);
    expect(run.code, run.stderr).toBe(0);
    const { pairs } = JSON.parse(run.stdout) as { pairs: { id1: string; id2: string; sameGroup: boolean }[] };
    const rec1 = pairs.find((p) => [p.id1, p.id2].sort().join(' ') === 'GR-REC-1 MHIDR-REC-1');
    expect(rec1).toBeDefined();
    expect(rec1!.sameGroup).toBe(false);
  });

  it('eval scores the grouping with the overrides: cannot-linking a gold pair costs recall', () => {
    const score = (extra: string[]) => {
      const run = recdedup(['eval', SEEDS, '--gold', SEEDS_GOLD, '--format', 'json', ...extra]);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout).groups.pairwise.recall as number;
    };
    const file = tempFile('cannot.yaml', 'cannotLink: [[MHIDR-REC-1, GR-REC-1]]\n');
    expect(score(['--overrides', file])).toBeLessThan(score([]));
  });
});

describe('acceptance on PFD concerns (the 400-row sample)', () => {
  it('a must-link pair that is apart by default ends in one group, a cannot-link pair that is together in two', () => {
    const before = themes([PFD]);
    const group = groupOf(before);
    // Ids only: the PFD texts and sources are never printed.
    const together = before.themes.flatMap((t) => t.groups).find((g) => g.size >= 2)!.members.map((m) => m.id);
    const apart = [before.items[0].id, before.items.find((i) => i.group !== before.items[0].group)!.id];
    expect(group.get(together[0])).toBe(group.get(together[1]));
    expect(group.get(apart[0])).not.toBe(group.get(apart[1]));

    const file = tempFile('pfd.json', JSON.stringify({ mustLink: [apart], cannotLink: [[together[0], together[1]]] }));
    const run = recdedup(['themes', PFD, '--overrides', file, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const after = groupOf(JSON.parse(run.stdout) as JsonReport);
    expect(after.get(apart[0])).toBe(after.get(apart[1]));
    expect(after.get(together[0])).not.toBe(after.get(together[1]));
  });
});
