import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/ingest/index.js';
import { createNormaliser, normaliseRecords, normaliseText, boilerplateFilter, parseAliasTables } from '../../src/normalise/index.js';
import { DEFAULT_OPTIONS, type Options } from '../../src/options.js';
import { analyse } from '../../src/pipeline.js';
import { corpusFromAnalysis } from '../../src/query/corpus.js';
import { COVERAGE_WEIGHT, createQuerySearcher } from '../../src/query/search.js';
import { buildReport } from '../../src/report/index.js';
import { buildQueryReport, madeBeforeLine, recurrenceLine, renderQueryTerminal } from '../../src/report/query.js';
import type { RecordItem } from '../../src/types.js';
import { record, SHIPPED_ALIASES } from '../helpers.js';

/** The core as `recdedup query <inputs>` runs it, without I/O. */
function searcherOver(records: RecordItem[], overrides: Partial<Options> = {}) {
  const options = { ...DEFAULT_OPTIONS, ...overrides };
  const normaliser = createNormaliser(parseAliasTables([SHIPPED_ALIASES]));
  const analysis = analyse(records, normaliser, options);
  const report = buildReport(records, analysis, { version: 'test', skipped: 0, options, normaliser });
  const corpus = corpusFromAnalysis(analysis, report, normaliser, [SHIPPED_ALIASES]);
  return { analysis, report, corpus, normaliser, searcher: createQuerySearcher(corpus, normaliser) };
}

const CORPUS = [
  record('r1', 'Report A', 'NHS England should publish national guidance on the safe removal of ligature points from mental health wards.', { year: 2016, recipient: 'NHS England' }),
  record('r2', 'Report B', 'Trusts must review staffing levels on night shifts in maternity units and report the findings to their board.', { year: 2018 }),
  record('r3', 'Report C', 'The Department for Transport should install average speed cameras on rural single carriageway roads with a history of fatal collisions.', { year: 2019 }),
  record('r4', 'Report D', 'Prison healthcare providers should ensure that prisoners with epilepsy have their medication reviewed on arrival.', { year: 2020 }),
  record('r5', 'Report E', 'NHS England should issue national guidance on removing ligature anchor points from inpatient mental health wards.', { year: 2021, recipient: 'DHSC' }),
  record('r6', 'Report F', 'Local authorities should improve the lighting of pedestrian crossings near schools.', { year: 2022 }),
];

const idsOf = (hits: { doc: number }[], records: { id: string }[]) => hits.map((h) => records[h.doc].id);

describe('query search', () => {
  it('ranks a near-copy of an item first, with a pair score above the grouping threshold', () => {
    const { searcher, corpus } = searcherOver(CORPUS);
    // A rewording of r1 (and r5, which says the same): both share "ligature", "mental health", "wards".
    const result = searcher.search('NHS England should publish national guidance on safely removing ligature points in mental health wards.', 10);
    expect(idsOf(result.hits, corpus.records)[0]).toBe('r1');
    expect(result.hits[0].pairScore).toBeGreaterThanOrEqual(corpus.parameters.threshold);
    expect(idsOf(result.hits, corpus.records).slice(0, 2)).toContain('r5');
    expect(result.hits[0].sharedTerms).toContain('ligature');
  });

  it('ranks unrelated items low: nothing reaches the threshold for a text on another subject', () => {
    const { searcher, corpus } = searcherOver(CORPUS);
    // Shares "review" with r2, and nothing else with anything.
    const result = searcher.search('Manufacturers should review the packaging of button batteries sold to families with young children.', 10);
    expect(result.hits.length).toBeGreaterThan(0);
    for (const hit of result.hits) expect(hit.pairScore).toBeLessThan(corpus.parameters.threshold / 2);
  });

  it('lists only items that share a feature with the query, and none for a text sharing nothing', () => {
    const { searcher } = searcherOver(CORPUS);
    expect(searcher.search('zzzz qqqq xxxx', 10).hits).toEqual([]);
    for (const hit of searcher.search('speed cameras', 10).hits) expect(hit.cosine).toBeGreaterThan(0);
  });

  it('orders equal scores by id, whatever the input order', () => {
    const text = 'Ambulance services should review how calls about chest pain are triaged.';
    const records = [record('z-9', 'Report Z', text), ...CORPUS, record('a-1', 'Report Y', text), record('m-5', 'Report X', text)];
    const { searcher, corpus } = searcherOver(records);
    const result = searcher.search(text, 3);
    expect(idsOf(result.hits, corpus.records)).toEqual(['a-1', 'm-5', 'z-9']);
    expect(new Set(result.hits.map((h) => h.score)).size).toBe(1);
  });

  it('gives a query that is an item’s text the pair scores the grouping gives that item’s pairs', () => {
    const { searcher, corpus, analysis } = searcherOver(CORPUS);
    const self = corpus.records.findIndex((r) => r.id === 'r1');
    const result = searcher.search(corpus.records[self].text, 10);
    expect(result.hits[0].doc).toBe(self);
    expect(result.hits[0]).toMatchObject({ score: expect.closeTo(1, 5), pairScore: expect.closeTo(1, 5), coverage: expect.closeTo(1, 5) });
    for (const hit of result.hits.slice(1)) expect(hit.pairScore).toBeCloseTo(analysis.scorer(self, hit.doc).score, 5);
  });

  it('ranks by the pair score blended with how much of the query each item covers', () => {
    const { searcher } = searcherOver(CORPUS);
    for (const hit of searcher.search('NHS England guidance on ligature points and speed cameras', 10).hits) {
      expect(hit.coverage).toBeGreaterThan(0);
      expect(hit.coverage).toBeLessThanOrEqual(1);
      expect(hit.score).toBeCloseTo((1 - COVERAGE_WEIGHT) * hit.pairScore + COVERAGE_WEIGHT * hit.coverage, 10);
    }
  });

  it('ranks a long item that says all of a short query above a short one sharing only its common words', () => {
    const long = record(
      'long',
      'Report L',
      'The ward had been refurbished in 2019. Staff told the inquest that the ligature anchor points in the en-suite bathrooms had been identified in an audit but were not removed. ' +
        'The trust had no plan for when the work would be done, and the board was not told. Observation levels were set by a junior doctor without a review of the care plan. ' +
        'Agency staff on the night shift had not been trained in the use of the observation policy, and handovers between shifts were verbal only.',
    );
    const short = record('short', 'Report S', 'Trusts should review the staffing of wards.');
    const others = CORPUS.filter((r) => !/ligature/.test(r.text));
    const { searcher, corpus } = searcherOver([...others, long, short]);
    const hits = searcher.search('Trusts should remove ligature anchor points from wards.', 10).hits;
    expect(idsOf(hits, corpus.records)[0]).toBe('long');
    const [first, other] = ['long', 'short'].map((id) => hits.find((h) => corpus.records[h.doc].id === id)!);
    // The symmetric pair score alone puts them the other way round: the long item says much else.
    expect(first.pairScore).toBeLessThan(other.pairScore);
    expect(first.coverage).toBeGreaterThan(other.coverage);
  });

  it('takes the opposition penalty off a query asking the opposite action', () => {
    const records = [...CORPUS, record('r7', 'Report G', 'The regulator should introduce mandatory reporting of restraint incidents in care homes.')];
    const { searcher, corpus } = searcherOver(records);
    const same = searcher.search('The regulator should introduce mandatory reporting of restraint incidents in care homes.', 1).hits[0];
    const opposite = searcher.search('The regulator should not introduce mandatory reporting of restraint incidents in care homes.', 1).hits[0];
    expect(corpus.records[opposite.doc].id).toBe('r7');
    expect(same.penalty).toBe(0);
    expect(opposite.penalty).toBe(DEFAULT_OPTIONS.oppositionPenalty);
    expect(opposite.pairScore).toBeLessThan(corpus.parameters.threshold);
  });

  it('counts every item that reaches the threshold as a near-duplicate, listed or not', () => {
    const { searcher, corpus } = searcherOver(CORPUS);
    const result = searcher.search('NHS England should publish national guidance on safely removing ligature points in mental health wards.', 1);
    expect(result.hits).toHaveLength(1);
    expect(result.nearDuplicates.map((doc) => corpus.records[doc].id).sort()).toEqual(['r1', 'r5']);
    expect(result.highestPairScore).toBeGreaterThanOrEqual(corpus.parameters.threshold);
    const none = searcher.search('Manufacturers should review the packaging of button batteries.', 10);
    expect(none.nearDuplicates).toEqual([]);
    expect(none.highestPairScore).toBe(Math.max(...none.hits.map((h) => h.pairScore)));
  });

  it('lists at most top results, the best of a longer list', () => {
    const { searcher } = searcherOver(CORPUS);
    const text = 'NHS England should publish guidance for trusts on staffing, speed cameras and the lighting of crossings.';
    const all = searcher.search(text, 10).hits;
    expect(all.length).toBeGreaterThan(2);
    expect(searcher.search(text, 2).hits).toEqual(all.slice(0, 2));
  });

  it('names each item’s group, the same group the themes report placed it in', () => {
    const { searcher, corpus, report } = searcherOver(CORPUS);
    const groupOf = new Map(report.items.map((i) => [i.id, i.group]));
    for (const hit of searcher.search('NHS England guidance ligature', 10).hits) {
      expect(corpus.groups[corpus.groupOf[hit.doc]].id).toBe(groupOf.get(corpus.records[hit.doc].id));
    }
  });
});

describe('normaliseText', () => {
  it('reads every item of a collection as the collection’s own normalisation did, boilerplate cuts included', () => {
    const bytes = readFileSync(new URL('../../fixtures/pfd/pfd_sample.csv', import.meta.url));
    const { records } = ingestFiles([{ name: 'pfd_sample.csv', bytes }], {});
    const { analysis, corpus, normaliser } = searcherOver(records);
    expect(analysis.boilerplate.length).toBeGreaterThan(0);
    const filter = boilerplateFilter(corpus.boilerplate.findings, corpus.boilerplate.minSources);
    // The analysis keeps no terms once they are in the vectors: the collection's items as read, terms and all.
    const asRead = normaliseRecords(analysis.records, createNormaliser(parseAliasTables([SHIPPED_ALIASES])), DEFAULT_OPTIONS).items;
    let statedNothing = 0;
    analysis.records.forEach((r, doc) => {
      const item = normaliseText(r.text, normaliser, filter);
      // An item that states no concern (all boilerplate, or a fragment such as a lead-in) is read
      // as written when it is the question: a question is what was asked.
      if (analysis.normalised[doc].boilerplateOnly && item.terms.length > 0) statedNothing++;
      else {
        expect(item, r.id).toEqual(asRead[doc]);
        const { terms: _terms, ...analysed } = item;
        expect(analysed, r.id).toEqual(analysis.normalised[doc]);
      }
    });
    expect(statedNothing).toBeLessThan(analysis.records.length / 100);
  });
});

describe('recurrenceLine', () => {
  it('says how often, across how many sources, since when and to whom', () => {
    expect(recurrenceLine({ size: 4, sources: 3, firstYear: 2016, lastYear: 2023, recipients: ['DHSC', 'NHS England'] })).toBe('made 4 times across 3 sources since 2016, to DHSC and NHS England');
    expect(recurrenceLine({ size: 1, sources: 1, firstYear: 2019, lastYear: 2019, recipients: [] })).toBe('made once in 2019');
    expect(recurrenceLine({ size: 2, sources: 1, firstYear: null, lastYear: null, recipients: ['A', 'B', 'C', 'D', 'E'] })).toBe('made twice in one source, to A, B, C and 2 others');
  });
});

describe('madeBeforeLine', () => {
  it('answers "made before" with how often, since when and to whom, or says no item reached the threshold', () => {
    const made = { nearDuplicates: 3, ids: ['a', 'b', 'c'], sources: 2, firstYear: 2016, lastYear: 2023, recipients: ['DHSC', 'NHS England'], highestPairScore: 0.8 };
    expect(madeBeforeLine(made, 0.35)).toBe('Made before: 3 times across 2 sources since 2016, to DHSC and NHS England (pair score 0.35 or more).');
    const none = { nearDuplicates: 0, ids: [], sources: 0, firstYear: null, lastYear: null, recipients: [], highestPairScore: 0.2 };
    expect(madeBeforeLine(none, 0.35)).toBe(
      'No near-duplicate: no item reaches a pair score of 0.35 (the highest is 0.2000); the nearest below may still make the same point in other words.',
    );
  });
});

describe('renderQueryTerminal', () => {
  // One report sent to three bodies is three items with one text; the terminal says it once.
  const sent = 'Trusts must review staffing levels on night shifts in maternity units and report the findings to their board.';
  const records = [
    ...CORPUS,
    record('r2b', 'Report B2', sent, { year: 2018, recipient: 'CQC' }),
    record('r2c', 'Report B3', sent, { year: 2019, recipient: 'DHSC' }),
  ];

  it('lists a text once, naming its copies under it, while the JSON lists every item', () => {
    const { searcher, corpus } = searcherOver(records);
    const report = buildQueryReport(sent, corpus, searcher.search(sent, 10), 10);
    expect(report.results.filter((r) => r.text === sent).map((r) => r.id)).toEqual(['r2', 'r2b', 'r2c']);
    const shown = renderQueryTerminal(report, { color: false });
    // The text shown once, as an entry's own line (the header and group labels excerpt it too).
    expect(shown.split('\n').filter((line) => line.trim() === sent)).toHaveLength(1);
    expect(shown).toMatch(/the same text also as: r2b \(Report B2 · 2018 · to CQC\), r2c \(Report B3 · 2019 · to DHSC\)/);
    expect(shown).toContain(`${report.results.length} results (${report.results.length - 2} different texts; copies are listed under the first)`);
    // Entries are numbered as shown: the next text is number 2.
    expect(shown).toMatch(/\n2\. [\d.]+ {1,2}/);
  });

  it('says nothing of copies when every text differs', () => {
    const { searcher, corpus } = searcherOver(CORPUS);
    const shown = renderQueryTerminal(buildQueryReport(sent, corpus, searcher.search(sent, 10), 10), { color: false });
    expect(shown).not.toContain('the same text also as');
    expect(shown).not.toContain('different texts');
  });
});
