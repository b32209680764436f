import type { Baseline } from './baseline.js';
import { CHANGES, removedSets, traceLineage, type Change, type Lineage, type OwnId } from './lineage.js';
import { compareIds } from '../pipeline.js';

/** The JSON report's `changes` object: what moved since the baseline, counted as the markdown shows it. */
export interface ChangesSinceBaseline {
  baseline: { items: number; groups: number; recurringGroups: number };
  /** Every group of this run by how it relates to the baseline; `removed`: earlier groups with no member left in the input. */
  groups: Record<Change | 'removed', number>;
  /** The recurring groups of this run by the same measure. */
  recurringGroups: Record<Change, number>;
  /** Recurring groups none of whose earlier groups was recurring: the recommendations that began to recur. */
  newRecurring: string[];
  /** Earlier recurring groups with no member left in the input. */
  removedRecurring: string[];
}

export interface TracedGroups {
  lineage: Lineage[];
  changes: ChangesSinceBaseline;
}

/**
 * Lineage of this run's groups (each as its member ids, with whether it recurs) and the summary
 * counts; `ownId` gives a group its own id (the report passes the one it derived) when no earlier id carries forward.
 */
export function traceGroups(groups: readonly { members: readonly string[]; recurring: boolean }[], baseline: Baseline, ownId: OwnId): TracedGroups {
  const memberLists = groups.map((g) => g.members);
  const lineage = traceLineage(memberLists, baseline.groups, ownId);
  const wasRecurring = new Set(baseline.groups.filter((g) => g.recurring).map((g) => g.id));
  const removed = removedSets(memberLists, baseline.groups);

  const counts = zeroCounts();
  const recurringCounts = zeroCounts();
  const newRecurring: string[] = [];
  lineage.forEach((traced, i) => {
    counts[traced.change]++;
    if (!groups[i].recurring) return;
    recurringCounts[traced.change]++;
    if (!traced.previous.some((id) => wasRecurring.has(id))) newRecurring.push(traced.id);
  });
  return {
    lineage,
    changes: {
      baseline: { items: baseline.items, groups: baseline.groups.length, recurringGroups: wasRecurring.size },
      groups: { ...counts, removed: removed.length },
      recurringGroups: recurringCounts,
      newRecurring: newRecurring.sort(compareIds),
      removedRecurring: removed
        .filter((g) => g.recurring)
        .map((g) => g.id)
        .sort(compareIds),
    },
  };
}

function zeroCounts(): Record<Change, number> {
  return Object.fromEntries(CHANGES.map((change) => [change, 0])) as Record<Change, number>;
}
