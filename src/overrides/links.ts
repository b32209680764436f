import type { GroupingConstraints } from '../pipeline.js';
import type { Warning } from '../types.js';
import type { EntryPosition, IdPairEntry, Overrides } from './parse.js';
import type { OverridesSummary } from './types.js';

/** The links of an overrides file that can take effect, for the clustering; the rest were warned about. */
export interface ResolvedLinks {
  constraints: GroupingConstraints;
  summary: Pick<OverridesSummary, 'mustLink' | 'cannotLink'>;
  warnings: Warning[];
}

/**
 * Checks the must-link and cannot-link pairs against the input's item ids: a pair naming an id
 * that is not in the input is skipped (one warning per unknown id), and so is a cannot-link pair
 * whose two items the must-links join, directly or through other items (they cannot be both in
 * one group and apart; the must-links win).
 */
export function resolveLinks(overrides: Overrides, itemIds: ReadonlySet<string>): ResolvedLinks {
  const warnings: Warning[] = [];
  const warn = (at: EntryPosition, message: string) => warnings.push({ message: `${overrides.file}:${at.line}:${at.column}: ${message}` });
  const known = (kind: string) => (entry: IdPairEntry) => {
    const unknown = entry.ids.filter((id) => !itemIds.has(id));
    for (const id of unknown) warn(entry.at, `unknown item id "${id}" in ${kind}; the pair is skipped`);
    return unknown.length === 0;
  };
  const mustLink = overrides.mustLink.filter(known('mustLink'));
  const components = new UnionFind();
  for (const { ids } of mustLink) components.union(ids[0], ids[1]);
  const cannotLink = overrides.cannotLink.filter(known('cannotLink')).filter((entry) => {
    const [a, b] = entry.ids;
    if (components.find(a) !== components.find(b)) return true;
    warn(entry.at, `cannotLink "${a}", "${b}" contradicts mustLink, which joins the two; the cannot-link is skipped`);
    return false;
  });
  const pairs = (entries: readonly IdPairEntry[]) => entries.map((e): [string, string] => [e.ids[0], e.ids[1]]);
  return {
    constraints: { mustLink: pairs(mustLink), cannotLink: pairs(cannotLink) },
    summary: {
      mustLink: { applied: mustLink.length, skipped: overrides.mustLink.length - mustLink.length, pairs: pairs(mustLink) },
      cannotLink: { applied: cannotLink.length, skipped: overrides.cannotLink.length - cannotLink.length, pairs: pairs(cannotLink) },
    },
    warnings,
  };
}

/** Union-find over string ids, path-halving; an id never seen is its own set. */
class UnionFind {
  private readonly parent = new Map<string, string>();

  find(id: string): string {
    let node = id;
    for (let up = this.parent.get(node); up !== undefined && up !== node; up = this.parent.get(node)) {
      const grand = this.parent.get(up) ?? up;
      this.parent.set(node, grand);
      node = grand;
    }
    return node;
  }

  union(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent.set(ra, rb);
  }
}
