/**
 * Scores for a clustering against gold labels. Pure functions: no I/O, no state, deterministic.
 *
 * An assignment maps item id → cluster label. Partition scores look only at items present in
 * both assignments (the caller reports coverage), and every count comes from the contingency
 * table, so scoring 100k items never enumerates pairs.
 */

export type Assignment = ReadonlyMap<string, string>;

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

export interface PairwiseScores extends PrecisionRecall {
  /** Pairs of items together in both the predicted and the gold clustering. */
  truePairs: number;
  predictedPairs: number;
  goldPairs: number;
}

/**
 * Counts over items in both assignments: `cells[k]` items are in predicted cluster `cellRow[k]`
 * and gold cluster `cellColumn[k]`. Only non-empty cells exist, so the table is O(n).
 */
interface Contingency {
  items: number;
  rowSizes: number[];
  columnSizes: number[];
  cells: number[];
  cellRow: number[];
  cellColumn: number[];
}

function contingency(predicted: Assignment, gold: Assignment): Contingency {
  const table: Contingency = { items: 0, rowSizes: [], columnSizes: [], cells: [], cellRow: [], cellColumn: [] };
  const rowOf = new Map<string, number>();
  const columnOf = new Map<string, number>();
  // Nested maps rather than a joined key, so no label can collide with another through a separator.
  const cellOf = new Map<number, Map<number, number>>();
  for (const [id, predictedLabel] of predicted) {
    const goldLabel = gold.get(id);
    if (goldLabel === undefined) continue;
    const row = indexOf(rowOf, predictedLabel, table.rowSizes);
    const column = indexOf(columnOf, goldLabel, table.columnSizes);
    let cellsInRow = cellOf.get(row);
    if (cellsInRow === undefined) cellOf.set(row, (cellsInRow = new Map()));
    let cell = cellsInRow.get(column);
    if (cell === undefined) {
      cell = table.cells.push(0) - 1;
      cellsInRow.set(column, cell);
      table.cellRow.push(row);
      table.cellColumn.push(column);
    }
    table.cells[cell]++;
    table.rowSizes[row]++;
    table.columnSizes[column]++;
    table.items++;
  }
  return table;
}

function indexOf(indices: Map<string, number>, label: string, sizes: number[]): number {
  let index = indices.get(label);
  if (index === undefined) {
    index = sizes.push(0) - 1;
    indices.set(label, index);
  }
  return index;
}

function pairsIn(size: number): number {
  return (size * (size - 1)) / 2;
}

// Pair counts are integers below 2^53 for any realistic input, so these sums are exact.
function sumOfPairs(sizes: readonly number[]): number {
  let total = 0;
  for (const size of sizes) total += pairsIn(size);
  return total;
}

function harmonicMean(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/**
 * Pair counting: a pair of items is predicted if they share a predicted cluster, gold if they
 * share a gold cluster. Convention: precision is 1 when nothing was paired (no claim was wrong)
 * and recall is 1 when gold pairs nothing (nothing was there to find).
 */
export function pairwiseScores(predicted: Assignment, gold: Assignment): PairwiseScores {
  const table = contingency(predicted, gold);
  const truePairs = sumOfPairs(table.cells);
  const predictedPairs = sumOfPairs(table.rowSizes);
  const goldPairs = sumOfPairs(table.columnSizes);
  const precision = predictedPairs === 0 ? 1 : truePairs / predictedPairs;
  const recall = goldPairs === 0 ? 1 : truePairs / goldPairs;
  return { precision, recall, f1: harmonicMean(precision, recall), truePairs, predictedPairs, goldPairs };
}

/**
 * B-cubed (Bagga & Baldwin 1998): for each item, the share of its predicted cluster that shares
 * its gold cluster (precision) and the share of its gold cluster that shares its predicted
 * cluster (recall), averaged over items. All items in one cell score alike, so per cell it is
 * cell²/rowSize and cell²/columnSize. With no items in common every score is 1, as for pairs.
 */
export function bcubedScores(predicted: Assignment, gold: Assignment): PrecisionRecall {
  const table = contingency(predicted, gold);
  if (table.items === 0) return { precision: 1, recall: 1, f1: 1 };
  // Sum the integer squares per cluster before dividing, so identical partitions give exactly 1.
  const squaresByRow = new Array<number>(table.rowSizes.length).fill(0);
  const squaresByColumn = new Array<number>(table.columnSizes.length).fill(0);
  table.cells.forEach((count, k) => {
    squaresByRow[table.cellRow[k]] += count * count;
    squaresByColumn[table.cellColumn[k]] += count * count;
  });
  const precision = averageShare(squaresByRow, table.rowSizes, table.items);
  const recall = averageShare(squaresByColumn, table.columnSizes, table.items);
  return { precision, recall, f1: harmonicMean(precision, recall) };
}

function averageShare(squares: readonly number[], sizes: readonly number[], items: number): number {
  let total = 0;
  squares.forEach((sum, i) => (total += sum / sizes[i]));
  return total / items;
}

/**
 * Adjusted Rand index (Hubert & Arabie 1985): pair agreement corrected for the agreement
 * expected by chance given the cluster sizes. When the maximum equals the chance level (both
 * partitions all singletons, both one cluster, or fewer than two items) the partitions are
 * identical and the formula is 0/0, so the answer is 1.
 */
export function adjustedRandIndex(predicted: Assignment, gold: Assignment): number {
  const table = contingency(predicted, gold);
  const allPairs = pairsIn(table.items);
  if (allPairs === 0) return 1;
  const index = sumOfPairs(table.cells);
  const predictedPairs = sumOfPairs(table.rowSizes);
  const goldPairs = sumOfPairs(table.columnSizes);
  const expected = (predictedPairs * goldPairs) / allPairs;
  const maximum = (predictedPairs + goldPairs) / 2;
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}

export type PairLabel = 'DUP' | 'THEME' | 'DIFF' | 'BOILER';

export interface LabelledPair {
  id1: string;
  id2: string;
  label: PairLabel;
}

export type PairRate = 'dupRecall' | 'specificity' | 'themeRecall' | 'themeSpecificity';

export interface PairLabelScores {
  /** Share of DUP pairs put in one group. */
  dupRecall: number | null;
  /** Share of THEME and DIFF pairs kept in different groups. */
  specificity: number | null;
  /** Share of DUP and THEME pairs put in one theme. */
  themeRecall: number | null;
  /** Share of DIFF pairs kept in different themes. */
  themeSpecificity: number | null;
  /**
   * Scored pairs by label, plus `missing` pairs with an id that has no group (excluded from every
   * rate), so the five add up to all pairs. `missingTheme` pairs have groups but an id without a
   * theme: they count in the group rates only.
   */
  counts: Record<PairLabel, number> & { missing: number; missingTheme: number };
  /** BOILER pairs (shared template text, not a shared recommendation) that landed in one group. */
  boilerSameGroup: number;
}

export interface PairLabelFailure<P extends LabelledPair = LabelledPair> {
  pair: P;
  /** Every rate this pair lowers: a DUP pair split across themes hurts two. */
  hurts: PairRate[];
  group1: string;
  group2: string;
  theme1: string | undefined;
  theme2: string | undefined;
}

/** Which labels each rate is measured on, and what a pair must do to count in its favour. */
const RATES: readonly { rate: PairRate; labels: readonly PairLabel[]; layer: 'group' | 'theme'; together: boolean }[] = [
  { rate: 'dupRecall', labels: ['DUP'], layer: 'group', together: true },
  { rate: 'specificity', labels: ['THEME', 'DIFF'], layer: 'group', together: false },
  { rate: 'themeRecall', labels: ['DUP', 'THEME'], layer: 'theme', together: true },
  { rate: 'themeSpecificity', labels: ['DIFF'], layer: 'theme', together: false },
];

interface PairPlacement {
  group1: string;
  group2: string;
  theme1: string | undefined;
  theme2: string | undefined;
}

function placePair(pair: LabelledPair, groupOf: Assignment, themeOf: Assignment): PairPlacement | undefined {
  const group1 = groupOf.get(pair.id1);
  const group2 = groupOf.get(pair.id2);
  if (group1 === undefined || group2 === undefined) return undefined;
  return { group1, group2, theme1: themeOf.get(pair.id1), theme2: themeOf.get(pair.id2) };
}

/** The rates a placed pair takes part in, and whether it counts for (true) or against each. */
function judgePair(label: PairLabel, placement: PairPlacement): { rate: PairRate; passed: boolean }[] {
  const { group1, group2, theme1, theme2 } = placement;
  const hasThemes = theme1 !== undefined && theme2 !== undefined;
  const outcomes: { rate: PairRate; passed: boolean }[] = [];
  for (const { rate, labels, layer, together } of RATES) {
    if (!labels.includes(label)) continue;
    if (layer === 'theme' && !hasThemes) continue;
    const same = layer === 'group' ? group1 === group2 : theme1 === theme2;
    outcomes.push({ rate, passed: same === together });
  }
  return outcomes;
}

/** Scores a clustering on hand-labelled pairs; see {@link PairLabelScores} for each rate. Zero denominators give null. */
export function pairLabelScores(pairs: readonly LabelledPair[], groupOf: Assignment, themeOf: Assignment): PairLabelScores {
  const counts = { DUP: 0, THEME: 0, DIFF: 0, BOILER: 0, missing: 0, missingTheme: 0 };
  const passed = new Map<PairRate, number>();
  const judged = new Map<PairRate, number>();
  let boilerSameGroup = 0;
  for (const pair of pairs) {
    const placement = placePair(pair, groupOf, themeOf);
    if (placement === undefined) {
      counts.missing++;
      continue;
    }
    counts[pair.label]++;
    if (placement.theme1 === undefined || placement.theme2 === undefined) counts.missingTheme++;
    if (pair.label === 'BOILER' && placement.group1 === placement.group2) boilerSameGroup++;
    for (const outcome of judgePair(pair.label, placement)) {
      judged.set(outcome.rate, (judged.get(outcome.rate) ?? 0) + 1);
      if (outcome.passed) passed.set(outcome.rate, (passed.get(outcome.rate) ?? 0) + 1);
    }
  }
  const rate = (name: PairRate): number | null => {
    const total = judged.get(name) ?? 0;
    return total === 0 ? null : (passed.get(name) ?? 0) / total;
  };
  return {
    dupRecall: rate('dupRecall'),
    specificity: rate('specificity'),
    themeRecall: rate('themeRecall'),
    themeSpecificity: rate('themeSpecificity'),
    counts,
    boilerSameGroup,
  };
}

/** The scored pairs that count against some rate, in input order, for an analyst to read. */
export function pairLabelFailures<P extends LabelledPair>(pairs: readonly P[], groupOf: Assignment, themeOf: Assignment): PairLabelFailure<P>[] {
  const failures: PairLabelFailure<P>[] = [];
  for (const pair of pairs) {
    const placement = placePair(pair, groupOf, themeOf);
    if (placement === undefined) continue;
    const hurts = judgePair(pair.label, placement)
      .filter((outcome) => !outcome.passed)
      .map((outcome) => outcome.rate);
    if (hurts.length > 0) failures.push({ pair, hurts, ...placement });
  }
  return failures;
}
