import type { BaselineSet } from './baseline.js';
import { compareIds } from '../pipeline.js';

/**
 * How a group (or theme) of this run relates to the baseline's:
 * - unchanged: exactly the members of one earlier group;
 * - grown: every member one earlier group still has in this input, and new ones;
 * - shrunk: the members of one earlier group that are still in the input, some having been removed from it;
 * - split: part of one earlier group, whose other members went elsewhere;
 * - merged: members of two or more earlier groups;
 * - new: no member was in any earlier group (all are new items).
 */
export type Change = 'new' | 'grown' | 'unchanged' | 'shrunk' | 'merged' | 'split';
export const CHANGES: readonly Change[] = ['new', 'grown', 'unchanged', 'shrunk', 'merged', 'split'];

export interface Lineage {
  /** The id this run gives the set: the earlier id when the set is unchanged, grew or only lost removed items; else its own. */
  id: string;
  change: Change;
  /** Ids of the earlier sets its members came from, sorted. */
  previous: string[];
}

/**
 * Traces each current set (item ids) back to the baseline's. An id carries forward only when the
 * current set holds every member its earlier set still has in this input: the set a reader knew
 * is still there, whole. Sets that merged or split get the id their own members derive.
 */
/** A current set's own id, from its members (or, where the caller derived it already, by its index). */
export type OwnId = (members: readonly string[], index: number) => string;

export function traceLineage(current: readonly (readonly string[])[], baseline: readonly BaselineSet[], ownId: OwnId): Lineage[] {
  const present = new Set<string>();
  for (const members of current) for (const id of members) present.add(id);
  const earlierOf = new Map<string, number>();
  baseline.forEach((set, index) => {
    for (const id of set.members) earlierOf.set(id, index);
  });
  const stillPresent = baseline.map((set) => set.members.filter((id) => present.has(id)).length);

  return current.map((members, set) => {
    const from = new Map<number, number>();
    for (const id of members) {
      const earlier = earlierOf.get(id);
      if (earlier !== undefined) from.set(earlier, (from.get(earlier) ?? 0) + 1);
    }
    const previous = [...from.keys()].map((index) => baseline[index].id).sort(compareIds);
    if (from.size === 0) return { id: ownId(members, set), change: 'new', previous };
    if (from.size > 1) return { id: ownId(members, set), change: 'merged', previous };
    const [[index, shared]] = [...from];
    const earlier = baseline[index];
    if (shared < stillPresent[index]) return { id: ownId(members, set), change: 'split', previous };
    const change: Change = members.length > shared ? 'grown' : shared === earlier.members.length ? 'unchanged' : 'shrunk';
    return { id: earlier.id, change, previous };
  });
}

/** Earlier sets none of whose members are in this input any more. */
export function removedSets(current: readonly (readonly string[])[], baseline: readonly BaselineSet[]): BaselineSet[] {
  const present = new Set<string>();
  for (const members of current) for (const id of members) present.add(id);
  return baseline.filter((set) => !set.members.some((id) => present.has(id)));
}
