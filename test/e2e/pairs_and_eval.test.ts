import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fixture, recdedup, ROOT } from './run.js';

const SEEDS = fixture('seeds/recommendations.csv');
const SEEDS_GOLD = fixture('seeds/gold_groups.csv');
const PFD = fixture('pfd/pfd_sample.csv');
const PFD_PAIRS = fixture('pfd/pfd_pairs_sample.csv');

interface PairJson {
  id1: string;
  id2: string;
  score: number;
  cosine: number;
  chars: number;
  penalty: number;
  recipient: number;
  sameGroup: boolean;
  sharedTerms: string[];
}

function groupsOf(args: string[]): Map<string, string> {
  const run = recdedup(['themes', ...args, '--format', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return new Map(JSON.parse(run.stdout).items.map((i: { id: string; group: string }) => [i.id, i.group]));
}

describe('recdedup pairs', () => {
  it('lists each review recommendation with its restatement, explained by shared terms, as CSV', () => {
    const run = recdedup(['pairs', SEEDS]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const rows: Record<string, string>[] = parse(run.stdout, { columns: true });
    const key = (r: Record<string, string>) => [r.id1, r.id2].sort().join(' ');
    for (let n = 1; n <= 13; n++) {
      const row = rows.find((r) => key(r) === [`GR-REC-${n}`, `MHIDR-REC-${n}`].sort().join(' '));
      expect(row, `recommendation ${n}`).toBeDefined();
      expect(row!.same_group).toBe('yes');
      expect(row!.shared_terms.length).toBeGreaterThan(0);
    }
  });

  it('lists only pairs at or above --min, best first, with the parts of each score in [0, 1]', () => {
    const run = recdedup(['pairs', PFD, '--min', '0.5', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const { min, pairs } = JSON.parse(run.stdout) as { min: number; pairs: PairJson[] };
    expect(min).toBe(0.5);
    expect(pairs.length).toBeGreaterThan(0);
    for (const p of pairs) {
      expect(p.score).toBeGreaterThanOrEqual(0.5);
      for (const part of [p.cosine, p.chars]) expect(part >= 0 && part <= 1).toBe(true);
    }
    const scores = pairs.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('gives the recipient overlap of each pair, and its score is the documented blend of the parts', () => {
    const rowsOf = (name: string, flags: readonly string[]) => {
      const run = recdedup(['pairs', fixture(`quirks/${name}`), '--min', '0', '--format', 'csv', ...flags]);
      expect(run.code, run.stderr).toBe(0);
      return parse(run.stdout, { columns: true }) as Record<string, string>[];
    };
    const asParagraphs = rowsOf('same_recipient.csv', ['--text-unit', 'paragraph']);
    const handover = asParagraphs.find((r) => r.id1 === 'handover-2019' && r.id2 === 'handover-2021')!;
    expect(Number(handover.recipient)).toBe(1);
    // A list of one-line items is read as sentences: character weight 0.8, unless told otherwise.
    const sentences = [rowsOf('one_sentence_items.csv', []), rowsOf('one_sentence_items.csv', ['--char-weight', '0.5'])];
    for (const [rows, charWeight] of [[asParagraphs, 0.3], [sentences[0], 0.8], [sentences[1], 0.5]] as const) {
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        const blend = ((1 - charWeight) * Number(r.cosine) + charWeight * Number(r.chars) + 0.1 * Number(r.recipient)) * (1 - Number(r.penalty));
        expect(Number(r.score)).toBeCloseTo(Math.min(1, blend), 3);
      }
    }
  });

  it('says whether each pair ended in one group, as the themes report does', () => {
    const groupOf = groupsOf([PFD]);
    const { pairs } = JSON.parse(recdedup(['pairs', PFD, '--min', '0.2', '--format', 'json']).stdout) as { pairs: PairJson[] };
    for (const p of pairs) expect(p.sameGroup, `${p.id1} ~ ${p.id2}`).toBe(groupOf.get(p.id1) === groupOf.get(p.id2));
  });
});

describe('recdedup eval', () => {
  it('scores item labels with pairwise, B-cubed and adjusted Rand figures', () => {
    const run = recdedup(['eval', SEEDS, '--gold', SEEDS_GOLD, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.kind).toBe('items');
    expect(result.matchedItems).toBe(result.goldItems);
    // Every restatement is grouped with its recommendation, so no gold pair is split.
    expect(result.groups.pairwise.recall).toBe(1);
    for (const value of [result.groups.pairwise.precision, result.groups.bcubed.f1, result.groups.ari]) expect(value > 0 && value <= 1).toBe(true);
  });

  it('scores labelled pairs by the same placement the themes report makes', () => {
    const groupOf = groupsOf([PFD]);
    const gold: Record<string, string>[] = parse(readFixture(PFD_PAIRS), { columns: true });
    const dups = gold.filter((p) => p.label === 'DUP');
    const together = dups.filter((p) => groupOf.get(p.id1) === groupOf.get(p.id2)).length;
    const run = recdedup(['eval', PFD, '--gold', PFD_PAIRS, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const { scores } = JSON.parse(run.stdout);
    expect(scores.counts.DUP).toBe(dups.length);
    expect(scores.dupRecall).toBeCloseTo(together / dups.length, 4);
  });

  it('prints a readable table by default', () => {
    const run = recdedup(['eval', PFD, '--gold', PFD_PAIRS]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^DUP recall .* \d\.\d{3}/m);
    expect(run.stdout).toMatch(/^theme specificity .* \d\.\d{3}/m);
  });

  it('rejects a gold file of neither format with exit 2 and one line naming file, line and column', () => {
    const run = recdedup(['eval', SEEDS, '--gold', fixture('quirks/missing_text_column.csv')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/missing_text_column\.csv:1:1: unrecognised gold header/);
  });

  it('requires --gold', () => {
    const run = recdedup(['eval', SEEDS]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--gold/);
  });
});

function readFixture(path: string): string {
  return readFileSync(`${ROOT}/${path}`, 'utf8');
}
