import type { ThemesReport } from '../report/index.js';
import type { Gold } from './gold.js';
import { adjustedRandIndex, bcubedScores, pairLabelFailures, pairLabelScores, pairwiseScores, type Assignment, type PairLabelFailure, type PairLabelScores, type PairwiseScores, type PrecisionRecall } from './metrics.js';

export { GoldFormatError, parseGold, type Gold } from './gold.js';
export * from './metrics.js';

export interface ClusterAgreement {
  pairwise: PairwiseScores;
  bcubed: PrecisionRecall;
  ari: number;
}

export type Evaluation =
  | { kind: 'items'; goldItems: number; matchedItems: number; groups: ClusterAgreement; themes?: ClusterAgreement }
  | { kind: 'pairs'; scores: PairLabelScores; failures: PairLabelFailure[] };

/** Where the report put each item: group and theme assignments by item id. */
export function assignmentsOf(report: ThemesReport): { groupOf: Map<string, string>; themeOf: Map<string, string> } {
  return {
    groupOf: new Map(report.items.map((item) => [item.id, item.group])),
    themeOf: new Map(report.items.map((item) => [item.id, item.theme])),
  };
}

/** Compares a report with a gold file: clustering metrics for item labels, rates for labelled pairs. */
export function evaluate(report: ThemesReport, gold: Gold): Evaluation {
  const { groupOf, themeOf } = assignmentsOf(report);
  if (gold.kind === 'pairs') {
    return { kind: 'pairs', scores: pairLabelScores(gold.pairs, groupOf, themeOf), failures: pairLabelFailures(gold.pairs, groupOf, themeOf) };
  }
  const matchedItems = [...gold.groups.keys()].filter((id) => groupOf.has(id)).length;
  return {
    kind: 'items',
    goldItems: gold.groups.size,
    matchedItems,
    groups: agreement(groupOf, gold.groups),
    ...(gold.themes ? { themes: agreement(themeOf, gold.themes) } : {}),
  };
}

function agreement(predicted: Assignment, gold: Assignment): ClusterAgreement {
  return { pairwise: pairwiseScores(predicted, gold), bcubed: bcubedScores(predicted, gold), ari: adjustedRandIndex(predicted, gold) };
}
