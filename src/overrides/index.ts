/**
 * Overrides: a user's corrections to the grouping, read from a YAML or JSON file and applied on
 * every run. Must-link and cannot-link pairs act inside the clustering (resolveLinks → the
 * pipeline's constraints); pins and renames act on the built report (applyReportOverrides).
 */
export { parseOverrides, type Overrides, type IdPairEntry, type PinEntry, type RenameEntry, type EntryPosition } from './parse.js';
export { resolveLinks, type ResolvedLinks } from './links.js';
export { applyReportOverrides, type ReportOverridesContext } from './report.js';
export type { OverridesSummary, OverrideCounts } from './types.js';
