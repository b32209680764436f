import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { themesOverGroups } from '../src/cluster/index.js';
import { createNormaliser, parseAliasTables } from '../src/normalise/index.js';
import { DEFAULT_OPTIONS } from '../src/options.js';
import { analyse, analyseInParallel, PARALLEL_MIN_ITEMS, type BackgroundThemeLayer, type GroupedAnalysis } from '../src/pipeline.js';
import { runNeighbourJob } from '../src/similarity/index.js';
import { partition, record, SHIPPED_ALIASES, themesReport } from './helpers.js';

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

  it('labels a group without the list marker its sentence opens with', () => {
    const listed = themesReport([
      record('l1', 'coroner-2020', 'i. The junction of the A470 has no street lighting and pedestrians cannot see approaching traffic.'),
      record('l2', 'coroner-2023', '(2) The junction of the A470 has no street lighting, so pedestrians cannot see approaching traffic.'),
    ]);
    expect(listed.themes.flatMap((t) => t.groups).map((g) => g.label)).toEqual([
      expect.stringMatching(/^The junction of the A470 has no street lighting/),
    ]);
  });

  it('labels a group without a form caption in front of its sentence, when the run found the caption to be boilerplate', () => {
    const caption = '(brief summary of matters of concern)';
    const others = [
      'Prison officers were not trained to use the defibrillator kept on the wing.',
      'The care home had no written policy for checking bed rails at night.',
      'Ambulance crews waited four hours to hand over patients at the emergency department.',
      'The council had not repaired the broken railings beside the canal towpath.',
      'The pharmacy dispensed the wrong strength of insulin without a second check.',
    ];
    const listed = themesReport([
      ...others.map((text, i) => record(`o${i}`, `coroner-${i}`, `${caption}\n\n${text}`)),
      record('l1', 'coroner-a', `${caption} The junction of the A470 has no street lighting and pedestrians cannot see approaching traffic.`),
      record('l2', 'coroner-b', `${caption} The junction of the A470 has no street lighting, so pedestrians cannot see approaching traffic.`),
    ]);
    expect(listed.boilerplate.map((b) => b.text)).toContain(caption);
    const junction = listed.themes.flatMap((t) => t.groups).find((g) => g.members.some((m) => m.id === 'l1'))!;
    expect(junction.members.map((m) => m.id)).toEqual(['l1', 'l2']);
    expect(junction.label).toMatch(/^The junction of the A470 has no street lighting/);
    // An item that is nothing but the caption keeps a group of its own, marked as boilerplate.
    const withBare = themesReport([...others.map((text, i) => record(`o${i}`, `coroner-${i}`, `${caption}\n\n${text}`)), record('bare', 'coroner-z', caption)]);
    const groups = withBare.themes.flatMap((t) => t.groups);
    expect(groups.filter((g) => g.boilerplateOnly).map((g) => g.members.map((m) => m.id))).toEqual([['bare']]);
    expect(groups.filter((g) => 'boilerplateOnly' in g)).toHaveLength(1);
  });

  it('can require more sources for a group to recur', () => {
    expect(themesReport(RECORDS, { minSources: 3 }).stats.recurringGroups).toBe(1);
  });
});

describe('the analysis with the theme layer in the background', () => {
  // Past the size at which the background is used: the RECORDS' texts, each with a varying clause.
  const places = ['ward', 'unit', 'trust', 'hospital', 'prison', 'school', 'station', 'home', 'clinic', 'practice', 'board'];
  const records = Array.from({ length: PARALLEL_MIN_ITEMS + 100 }, (_, i) => {
    const base = RECORDS[i % RECORDS.length];
    return record(`r${String(i).padStart(5, '0')}`, `source-${i % 97}`, `${base.text} This applies to every ${places[i % places.length]} in area ${Math.floor(i / 40)}.`);
  });
  // The worker's work, done in this thread: the same functions the worker runs.
  const inThisThread: BackgroundThemeLayer = (job) => {
    const topicPairs = runNeighbourJob(job);
    return { themesOf: async (groupOfDoc, groupCount, themeThreshold) => themesOverGroups(groupOfDoc, groupCount, topicPairs, themeThreshold) };
  };

  it('gives the clustering of the one-thread analysis, and hands over its groups before the themes', async () => {
    const normaliser = () => createNormaliser(parseAliasTables([SHIPPED_ALIASES]));
    const serial = analyse(records, normaliser(), DEFAULT_OPTIONS);
    let handed: GroupedAnalysis | undefined;
    const parallel = await analyseInParallel(records, normaliser(), DEFAULT_OPTIONS, inThisThread, undefined, undefined, (grouped) => (handed = grouped));
    expect(serial.clustering.themes.some((theme) => theme.length > 1)).toBe(true);
    expect(parallel.clustering).toEqual(serial.clustering);
    expect(handed?.groups).toEqual(serial.clustering.groups);
  });
});
