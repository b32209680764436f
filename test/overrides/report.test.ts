import { describe, expect, it } from 'vitest';
import { applyReportOverrides, parseOverrides, resolveLinks, type ReportOverridesContext } from '../../src/overrides/index.js';
import type { ReportGroup, ReportMember, ReportTheme, ThemesReport } from '../../src/report/index.js';

const member = (id: string, source: string, year: number | null, recipient = '', status = ''): ReportMember => ({ id, source, year, recipient, status, text: `text of ${id}`, similarity: 1 });

function group(id: string, label: string, members: ReportMember[], recurring: boolean): ReportGroup {
  const sources = [...new Set(members.map((m) => m.source))].sort();
  const years = members.map((m) => m.year).filter((y): y is number => y !== null);
  return {
    id,
    label,
    size: members.length,
    recurring,
    sources,
    recipients: [...new Set(members.map((m) => m.recipient).filter(Boolean))].sort(),
    statuses: [...new Set(members.map((m) => m.status).filter(Boolean))].sort(),
    firstYear: years.length ? Math.min(...years) : null,
    lastYear: years.length ? Math.max(...years) : null,
    sharedTerms: [],
    members,
  };
}

function theme(id: string, label: string, groups: ReportGroup[]): ReportTheme {
  const members = groups.flatMap((g) => g.members);
  const years = members.map((m) => m.year).filter((y): y is number => y !== null);
  return {
    id,
    label,
    keywords: [label],
    size: members.length,
    recurringGroups: groups.filter((g) => g.recurring).length,
    sources: [...new Set(members.map((m) => m.source))].sort(),
    firstYear: Math.min(...years),
    lastYear: Math.max(...years),
    groups,
  };
}

/**
 * Theme t-1: group g-a (a1 from S1 2020 to NHS England, a2 from S2 2021) and singleton g-b (b1 from
 * S3 2019 to DHSC | CQC); theme t-2: singleton g-c (c1 from S1 2024).
 */
function sampleReport(): ThemesReport {
  const ga = group('g-a', 'Group A', [member('a1', 'S1', 2020, 'NHS England', 'supports'), member('a2', 'S2', 2021)], true);
  const gb = group('g-b', 'Group B', [member('b1', 'S3', 2019, 'DHSC | CQC', 'notes')], false);
  const gc = group('g-c', 'Group C', [member('c1', 'S1', 2024)], false);
  const themes = [theme('t-1', 'training', [ga, gb]), theme('t-2', 'records', [gc])];
  return {
    schemaVersion: 1,
    tool: { name: 'recdedup', version: 'test' },
    parameters: { threshold: 0.35, themeThreshold: 0.1, minSources: 2, charWeight: 0.3, bigramWeight: 0.5, boilerplateMinSources: 4, boilerplateContextSimilarity: 0.1, maxIndexDocShare: 0.05, themeNeighbours: 40, sharedNeighbourBoost: 4, oppositionPenalty: 0.7, recipientWeight: 0.1, textUnit: 'paragraph' },
    stats: { items: 4, sources: 3, groups: 3, recurringGroups: 1, themes: 2, skipped: 0, boilerplateItems: 0 },
    themes,
    items: [
      { id: 'a1', group: 'g-a', theme: 't-1' },
      { id: 'b1', group: 'g-b', theme: 't-1' },
      { id: 'c1', group: 'g-c', theme: 't-2' },
      { id: 'a2', group: 'g-a', theme: 't-1' },
    ],
    boilerplate: [],
  };
}

function apply(text: string, report = sampleReport(), extra: Partial<ReportOverridesContext> = {}) {
  const overrides = parseOverrides(text, 'o.yaml');
  const links = resolveLinks(overrides, new Set(report.items.map((i) => i.id)));
  return applyReportOverrides(report, overrides, { links, similarity: () => 0.25, boilerplateOnly: () => false, ...extra });
}

describe('applyReportOverrides', () => {
  it('renames a group and a theme: the label changes, nothing else', () => {
    const before = sampleReport();
    const { report, warnings } = apply('rename:\n  g-b: "Staff training"\n  t-2: Record keeping\n', before);
    expect(warnings).toEqual([]);
    expect(report.themes[0].groups.find((g) => g.id === 'g-b')!.label).toBe('Staff training');
    expect(report.themes[1].label).toBe('Record keeping');
    expect(report.overrides!.rename).toEqual({
      applied: 2,
      skipped: 0,
      labels: [
        { id: 'g-b', label: 'Staff training' },
        { id: 't-2', label: 'Record keeping' },
      ],
    });
    // Pure: the report passed in is unchanged.
    expect(before).toEqual(sampleReport());
    const { overrides: _overrides, ...rest } = report;
    expect(JSON.stringify(rest).replace('Staff training', 'Group B').replace('Record keeping', 'records')).toBe(JSON.stringify(before));
  });

  it('a pin moves the member and fixes both groups, their themes, the stats and the placement', () => {
    const before = sampleReport();
    const { report, warnings } = apply('pin:\n  c1: g-b\n', before);
    expect(warnings).toEqual([]);
    // g-c is left empty and dropped, and with it theme t-2.
    expect(report.themes.map((t) => t.id)).toEqual(['t-1']);
    const gb = report.themes[0].groups.find((g) => g.id === 'g-b')!;
    expect(gb.members.map((m) => m.id)).toEqual(['b1', 'c1']); // by year
    expect(gb.members[1].similarity).toBe(0.25);
    expect(gb).toMatchObject({ size: 2, sources: ['S1', 'S3'], recipients: ['CQC', 'DHSC'], statuses: ['notes'], firstYear: 2019, lastYear: 2024, recurring: true });
    expect(report.themes[0]).toMatchObject({ size: 4, recurringGroups: 2, sources: ['S1', 'S2', 'S3'], firstYear: 2019, lastYear: 2024 });
    expect(report.stats).toMatchObject({ groups: 2, recurringGroups: 2, themes: 1 });
    expect(report.items.find((i) => i.id === 'c1')).toEqual({ id: 'c1', group: 'g-b', theme: 't-1' });
    expect(report.items.map((i) => i.id)).toEqual(['a1', 'b1', 'c1', 'a2']);
    expect(report.overrides!.pin).toEqual({ applied: 1, skipped: 0, items: [{ id: 'c1', from: 'g-c', to: 'g-b' }] });
    expect(before).toEqual(sampleReport());
  });

  it('a pin out of a recurring group can end its recurrence, and reorders the theme and the themes', () => {
    const { report } = apply('pin:\n  a2: g-c\n');
    const ga = report.themes.flatMap((t) => t.groups).find((g) => g.id === 'g-a')!;
    expect(ga).toMatchObject({ size: 1, sources: ['S1'], recurring: false, firstYear: 2020, lastYear: 2020, recipients: ['NHS England'] });
    const gc = report.themes.flatMap((t) => t.groups).find((g) => g.id === 'g-c')!;
    expect(gc).toMatchObject({ size: 2, sources: ['S1', 'S2'], recurring: true, firstYear: 2021, lastYear: 2024 });
    // Both themes now span two sources; t-2 has the recurring group, so it comes first.
    expect(report.themes.map((t) => t.id)).toEqual(['t-2', 't-1']);
    expect(report.themes[1].groups.map((g) => g.id)).toEqual(['g-a', 'g-b']);
    expect(report.stats).toMatchObject({ groups: 3, recurringGroups: 1, themes: 2 });
  });

  it('a group of only boilerplate items does not recur, whatever its sources', () => {
    const { report } = apply('pin:\n  c1: g-b\n', sampleReport(), { boilerplateOnly: () => true });
    const group = report.themes[0].groups.find((g) => g.id === 'g-b')!;
    expect(group.recurring).toBe(false);
    expect(group.boilerplateOnly).toBe(true);
    const real = apply('pin:\n  c1: g-b\n', sampleReport()).report.themes[0].groups.find((g) => g.id === 'g-b')!;
    expect('boilerplateOnly' in real).toBe(false);
  });

  it('skips unknown ids with a warning each, and pins that would undo a must-link or cannot-link', () => {
    const text = [
      'mustLink: [[a1, a2]]',
      'cannotLink: [[b1, c1]]',
      'pin:',
      '  nobody: g-a',
      '  c1: g-zzz',
      '  a1: g-b', // would leave a2 behind
      '  b1: g-c', // would join c1
      'rename:',
      '  g-nope: X',
      '',
    ].join('\n');
    const { report, warnings } = apply(text);
    expect(warnings.map((w) => w.message)).toEqual([
      'o.yaml:4:3: unknown item id "nobody" in pin; skipped',
      'o.yaml:5:3: unknown group id "g-zzz" in pin (ids as in the report built without pins); skipped',
      'o.yaml:6:3: pin of "a1" to g-b would separate it from "a2", which mustLink keeps with it; skipped',
      'o.yaml:7:3: pin of "b1" to g-c would put it with "c1", which cannotLink keeps apart; skipped',
      'o.yaml:9:3: unknown group or theme id "g-nope" in rename; skipped',
    ]);
    expect(report.overrides!.pin).toEqual({ applied: 0, skipped: 4, items: [] });
    expect(report.overrides!.rename).toEqual({ applied: 0, skipped: 1, labels: [] });
    expect(report.themes).toEqual(sampleReport().themes);
  });

  it('pins two must-linked items together, and a pin into the group an item is in changes nothing', () => {
    const { report, warnings } = apply('mustLink: [[a1, a2]]\npin:\n  a1: g-c\n  a2: g-c\n  b1: g-b\n');
    expect(warnings).toEqual([]);
    const gc = report.themes.flatMap((t) => t.groups).find((g) => g.id === 'g-c')!;
    expect(gc.members.map((m) => m.id)).toEqual(['a1', 'a2', 'c1']);
    expect(report.themes.flatMap((t) => t.groups).map((g) => g.id).sort()).toEqual(['g-b', 'g-c']);
    expect(report.overrides!.pin.applied).toBe(3);
  });
});
