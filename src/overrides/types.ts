/** How one kind of override fared: how many entries took effect, how many were skipped (each with a warning). */
export interface OverrideCounts {
  applied: number;
  skipped: number;
}

/**
 * What an overrides file changed, as the report shows it (JSON `overrides`, the "Overrides
 * applied" section of markdown and terminal). Lists keep the file's order.
 */
export interface OverridesSummary {
  /** Item id pairs put in one group. */
  mustLink: OverrideCounts & { pairs: [string, string][] };
  /** Item id pairs kept in different groups. */
  cannotLink: OverrideCounts & { pairs: [string, string][] };
  /** Items moved into a group: the group they were in (`from`) and the one they were pinned to (`to`). */
  pin: OverrideCounts & { items: { id: string; from: string; to: string }[] };
  /** Groups and themes given a label of the user's choosing. */
  rename: OverrideCounts & { labels: { id: string; label: string }[] };
}
