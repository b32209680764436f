import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fixture, recdedup, ROOT } from './run.js';
import type { QueryReport } from '../../src/report/query.js';

const SEEDS = fixture('seeds/recommendations.csv');
const PFD = fixture('pfd/pfd_sample.csv');

/** The JSON written by `query --format json`: the report model's own type, parsed back. */
type QueryJson = QueryReport;

const rowsOf = (path: string): Record<string, string>[] => parse(readFileSync(join(ROOT, path)), { columns: true });
const seedText = (id: string) => rowsOf(SEEDS).find((r) => r.id === id)!.text;

function query(args: string[]): QueryJson {
  const run = recdedup(['query', ...args, '--format', 'json']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as QueryJson;
}

describe('recdedup query', () => {
  it('--help lists the query options and index lists its own', () => {
    const run = recdedup(['query', '--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--index', '--top', '--format', '--out', '--threshold', '--char-weight', '--no-color']) expect(run.stdout).toContain(flag);
    expect(recdedup(['index', '--help']).stdout).toContain('--out');
  });

  it('finds a recommendation itself and its restatement in the government response first', () => {
    for (const n of [2, 5, 11]) {
      const { query: asked, results } = query([seedText(`MHIDR-REC-${n}`), SEEDS]);
      expect(asked).toBe(seedText(`MHIDR-REC-${n}`));
      // The response often restates the recommendation word for word: then the two tie at 1, in id order.
      expect(results.slice(0, 2).map((r) => r.id).sort(), `recommendation ${n}`).toEqual([`GR-REC-${n}`, `MHIDR-REC-${n}`]);
      expect(results.find((r) => r.id === `MHIDR-REC-${n}`)!.score).toBeGreaterThan(0.99);
      expect(results[1].score).toBeGreaterThan(results[2].score);
    }
  });

  it('says whether the text was made before: every item it would be grouped with, listed or not', () => {
    const { madeBefore, results } = query([seedText('MHIDR-REC-5'), SEEDS, '--top', '1']);
    expect(results).toHaveLength(1);
    expect(madeBefore.ids.sort()).toEqual(['GR-REC-5', 'MHIDR-REC-5']);
    expect(madeBefore).toMatchObject({ nearDuplicates: 2, sources: 2, firstYear: 2023, lastYear: 2024 });
    const run = recdedup(['query', seedText('MHIDR-REC-5'), SEEDS, '--top', '1']);
    expect(run.stdout).toContain('Made before: twice across 2 sources since 2023');
    const unrelated = recdedup(['query', 'Manufacturers should change the packaging of button batteries sold to patients', SEEDS]);
    expect(unrelated.stdout).toMatch(/No near-duplicate: no item reaches a pair score of 0\.35 \(the highest is 0\.\d{4}\)/);
  });

  it('gives the contract’s fields, best first (ties by id), at most 10 by default', () => {
    const text = rowsOf(PFD)[5].text;
    const { results, parameters } = query([text, PFD]);
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(10);
    expect(parameters.top).toBe(10);
    for (const r of results) {
      expect(Object.keys(r).slice(0, 8)).toEqual(['id', 'score', 'source', 'year', 'recipient', 'group', 'text', 'sharedTerms']);
      expect(r.score >= 0 && r.score <= 1).toBe(true);
      expect(r.group).toMatch(/^g-[0-9a-f]{12}$/);
      expect(r.sharedTerms.length).toBeGreaterThan(0);
      expect(r.groupSize).toBeGreaterThanOrEqual(1);
      expect(r.recurrence).toMatch(/^made /);
      // The ranking score: the grouping's pair score blended with the share of the query the item covers.
      expect(r.pairScore >= 0 && r.pairScore <= 1 && r.coverage > 0 && r.coverage <= 1).toBe(true);
      expect(Math.abs(r.score - ((1 - parameters.coverageWeight) * r.pairScore + parameters.coverageWeight * r.coverage))).toBeLessThan(1e-3);
    }
    expect(parameters.coverageWeight).toBeGreaterThan(0);
    for (let i = 1; i < results.length; i++) {
      const [p, q] = [results[i - 1], results[i]];
      expect(p.score > q.score || (p.score === q.score && p.id < q.id), `${p.id} before ${q.id}`).toBe(true);
    }
  });

  it('--top bounds the list to the best n', () => {
    const text = rowsOf(PFD)[12].text;
    const ten = query([text, PFD]).results;
    const three = query([text, PFD, '--top', '3']).results;
    expect(ten.length).toBeGreaterThan(3);
    expect(three).toEqual(ten.slice(0, 3));
  });

  it('places each result in the group the themes report puts it in', () => {
    const report = JSON.parse(recdedup(['themes', PFD, '--format', 'json']).stdout) as { items: { id: string; group: string }[] };
    const groupOf = new Map(report.items.map((i) => [i.id, i.group]));
    for (const r of query([rowsOf(PFD)[40].text, PFD]).results) expect(r.group, r.id).toBe(groupOf.get(r.id));
  });

  it('answers from an index exactly as from the inputs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recdedup-index-'));
    const index = join(dir, 'pfd.idx');
    const built = recdedup(['index', PFD, '--out', index]);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toBe('');
    for (const row of [rowsOf(PFD)[3], rowsOf(PFD)[77]]) {
      expect(query([row.text, '--index', index, '--top', '5'])).toEqual(query([row.text, PFD, '--top', '5']));
    }
    // Options change the analysis, so an index keeps the ones it was built with.
    const rebuilt = recdedup(['index', PFD, '--out', index, '--threshold', '0.5']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const text = rowsOf(PFD)[3].text;
    const fromIndex = query([text, '--index', index]);
    expect(fromIndex.parameters.threshold).toBe(0.5);
    expect(fromIndex).toEqual(query([text, PFD, '--threshold', '0.5']));
    // The text unit decided when the index was built is kept with it, and scores the query.
    const lines = fixture('quirks/one_sentence_items.csv');
    const sentences = join(dir, 'one_sentence_items.idx');
    expect(recdedup(['index', lines, '--out', sentences]).code).toBe(0);
    const ask = 'Trusts should audit ligature anchor points every year';
    const answered = query([ask, '--index', sentences]);
    expect(answered.parameters).toMatchObject({ textUnit: 'sentence', threshold: 0.53, charWeight: 0.8 });
    expect(answered).toEqual(query([ask, lines]));
  });

  it('prints a readable list at a terminal: scores, ids, why, and how often each was made', () => {
    const run = recdedup(['query', seedText('MHIDR-REC-2'), SEEDS, '--top', '2']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('MHIDR-REC-2');
    expect(run.stdout).toMatch(/why: /);
    expect(run.stdout).toMatch(/group g-[0-9a-f]{12}: made /);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('refuses a bad index file, inputs together with --index, no inputs, and analysis options with --index, in one line with exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recdedup-bad-'));
    const notIndex = join(dir, 'not.idx');
    writeFileSync(notIndex, 'id,text\n1,hello\n');
    const index = join(dir, 'good.idx');
    expect(recdedup(['index', SEEDS, '--out', index]).code).toBe(0);
    const truncated = join(dir, 'truncated.idx');
    writeFileSync(truncated, readFileSync(index).subarray(0, 2000));
    const cases: [string[], RegExp][] = [
      [['query', 'text', '--index', notIndex], /not a recdedup index file/],
      [['query', 'text', '--index', truncated], /corrupt index file/],
      [['query', 'text', '--index', join(dir, 'missing.idx')], /no such file/],
      [['query', 'text', SEEDS, '--index', index], /either inputs or --index/],
      [['query', 'text'], /nothing to search/],
      [['query', 'text', '--index', index, '--threshold', '0.5'], /--threshold cannot be used with --index/],
      [['query', 'text', '--index', index, '--recipient-weight', '0'], /--recipient-weight cannot be used with --index/],
      [['query', 'text', '--index', index, '--overrides', 'overrides.yaml'], /--overrides cannot be used with --index/],
      [['query', '  ', SEEDS], /query text is empty/],
      [['index', SEEDS], /--out/],
    ];
    for (const [args, message] of cases) {
      const run = recdedup(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
