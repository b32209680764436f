import { csvTable, type CsvSettings } from './csv-table.js';
import type { Normaliser } from '../normalise/tokens.js';
import type { Analysis } from '../pipeline.js';
import { sharedFeatures } from '../similarity/index.js';
import { round } from './model.js';

/** One scored pair with the parts of its score and the terms that drove it. */
export interface PairRow {
  id1: string;
  id2: string;
  score: number;
  cosine: number;
  chars: number;
  /** Share taken off for asking opposite actions (0 when they do not). */
  penalty: number;
  /** Overlap of the two recipients (from different sources), added to the score at --recipient-weight. */
  recipient: number;
  sameGroup: boolean;
  sharedTerms: string[];
  source1: string;
  source2: string;
}

const SHARED_TERMS = 8;

/** Candidate pairs scoring at least `min`, best first (ties by ids), explained. */
export function pairRows(analysis: Analysis, groupOf: ReadonlyMap<string, string>, min: number, normaliser: Normaliser): PairRow[] {
  const { pairs, records, vectors, scorer } = analysis;
  const rows: PairRow[] = [];
  for (let i = 0; i < pairs.count; i++) {
    if (pairs.score[i] < min) continue;
    const [a, b] = [records[pairs.a[i]], records[pairs.b[i]]];
    const parts = scorer(pairs.a[i], pairs.b[i]);
    rows.push({
      id1: a.id,
      id2: b.id,
      score: round(pairs.score[i]),
      cosine: round(parts.cosine),
      chars: round(parts.chars),
      penalty: round(parts.penalty),
      recipient: round(parts.recipient),
      sameGroup: groupOf.get(a.id) === groupOf.get(b.id),
      sharedTerms: sharedFeatures(vectors, pairs.a[i], pairs.b[i])
        .slice(0, SHARED_TERMS)
        .map((s) => s.feature.split(' ').map((t) => normaliser.display(t)).join(' ')),
      source1: a.source,
      source2: b.source,
    });
  }
  return rows.sort((p, q) => q.score - p.score || (p.id1 < q.id1 ? -1 : p.id1 > q.id1 ? 1 : p.id2 < q.id2 ? -1 : p.id2 > q.id2 ? 1 : 0));
}

/** `recipient` came last, after the columns scripts already read by position. */
export const PAIR_COLUMNS = ['id1', 'id2', 'score', 'cosine', 'chars', 'penalty', 'same_group', 'shared_terms', 'source1', 'source2', 'recipient'] as const;

export function renderPairsCsv(rows: readonly PairRow[], settings: CsvSettings = {}): string {
  const body = rows.map((r) => [r.id1, r.id2, r.score, r.cosine, r.chars, r.penalty, r.sameGroup ? 'yes' : 'no', r.sharedTerms.join('; '), r.source1, r.source2, r.recipient]);
  return csvTable(PAIR_COLUMNS, body, settings);
}

export function renderPairsJson(rows: readonly PairRow[], min: number): string {
  return `${JSON.stringify({ min, pairs: rows }, null, 2)}\n`;
}
