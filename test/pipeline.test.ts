import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partition, record, themesReport } from './helpers.js';

const RECORDS = [
  record('a1', 'review-2019', 'NHS England should ensure every mental health ward removes ligature anchor points identified in the annual audit.'),
  record('a2', 'hssib-2023', 'NHS England should make sure all mental health wards remove the ligature anchor points found by the annual audit.'),
  record('a3', 'coroner-2021', 'Mental health wards must remove ligature anchor points identified in their annual audit.'),
  record('b1', 'review-2019', 'Ambulance trusts should reduce handover delays at emergency departments so crews are released within 30 minutes.'),
  record('b2', 'coroner-2022', 'Handover delays of ambulance crews at the emergency department must be reduced so that crews are released within 30 minutes.'),
  record('c1', 'coroner-2021', 'The Highways Authority should install street lighting at the junction of the A470.'),
  record('d1', 'hssib-2023', 'The Department of Health and Social Care should publish a national dataset on restrictive practice in inpatient settings.'),
];

describe('the themes pipeline', () => {
  const report = themesReport(RECORDS);

  it('groups restatements of the same recommendation and keeps different ones apart', () => {
    expect(partition(report)).toEqual([['a1', 'a2', 'a3'], ['b1', 'b2'], ['c1'], ['d1']]);
  });

  it('marks a group recurring when it spans the minimum number of sources', () => {
    const recurring = report.themes.flatMap((t) => t.groups).filter((g) => g.recurring);
    expect(recurring.map((g) => g.sources)).toEqual([['coroner-2021', 'hssib-2023', 'review-2019'], ['coroner-2022', 'review-2019']]);
    expect(report.stats).toMatchObject({ items: 7, sources: 4, groups: 4, recurringGroups: 2 });
  });

  it('lists every item exactly once, in input order', () => {
    expect(report.items.map((i) => i.id)).toEqual(RECORDS.map((r) => r.id));
  });

  it('gives the same groups and ids whatever the input order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(RECORDS, { minLength: RECORDS.length }), (shuffled) => {
        const again = themesReport(shuffled);
        expect(partition(again)).toEqual(partition(report));
        expect(again.themes).toEqual(report.themes);
      }),
      { numRuns: 15 },
    );
  });

  it('keeps a group id when unrelated items are added', () => {
    const grown = themesReport([...RECORDS, record('e1', 'other', 'Prison officers should be trained in first aid and the use of defibrillators.')]);
    const ids = (r: typeof report) => new Set(r.themes.flatMap((t) => t.groups).filter((g) => g.size > 1).map((g) => g.id));
    expect([...ids(report)].every((id) => ids(grown).has(id))).toBe(true);
  });

  it('labels a group by its most central member and a theme by distinctive terms', () => {
    const ligature = report.themes.flatMap((t) => t.groups).find((g) => g.members.some((m) => m.id === 'a1'))!;
    expect(RECORDS.map((r) => r.text)).toContain(ligature.label);
    const theme = report.themes.find((t) => t.groups.includes(ligature))!;
    expect(theme.keywords.join(' ')).toMatch(/ligature|anchor|audit/);
  });

  it('can require more sources for a group to recur', () => {
    expect(themesReport(RECORDS, { minSources: 3 }).stats.recurringGroups).toBe(1);
  });
});
