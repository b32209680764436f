import type { Change } from '../history/lineage.js';
import type { ReportGroup, ReportTheme, ThemesReport } from './model.js';

/** What the human-readable formats show: recurring themes, their recurring groups in full, the rest in brief. */
export interface ThemeView {
  theme: ReportTheme;
  recurring: ReportGroup[];
  oneOff: ReportGroup[];
}

/** A theme is worth showing when it spans at least minSources sources (its groups need not each recur). */
export function recurringThemes(report: ThemesReport, top: number): ThemeView[] {
  const shown = report.themes
    .filter((theme) => theme.sources.length >= report.parameters.minSources)
    .map((theme) => ({
      theme,
      recurring: theme.groups.filter((g) => g.recurring),
      oneOff: theme.groups.filter((g) => !g.recurring),
    }));
  return top > 0 ? shown.slice(0, top) : shown;
}

export function yearRange(first: number | null, last: number | null): string {
  if (first === null || last === null) return 'year unknown';
  return first === last ? String(first) : `${first}–${last}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** How each kind of change reads in the human formats, in the order they are listed. */
export const CHANGE_LABELS: Readonly<Record<Change, string>> = {
  new: 'new',
  grown: 'grown',
  unchanged: 'unchanged',
  shrunk: 'shrunk (members left the input)',
  merged: 'merged',
  split: 'split',
};

/** The groups the baseline comparison flags, found by id, in the order the changes list them. */
export function newRecurringGroups(report: ThemesReport): ReportGroup[] {
  const wanted = new Set(report.changes?.newRecurring ?? []);
  const found: ReportGroup[] = [];
  for (const theme of report.themes) for (const group of theme.groups) if (wanted.has(group.id)) found.push(group);
  return found.sort((p, q) => q.sources.length - p.sources.length || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
}
