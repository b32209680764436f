import { csvTable, type CsvSettings } from './csv-table.js';
import type { ThemesReport } from './model.js';

export const CSV_COLUMNS = [
  'id', 'source', 'year', 'recipient', 'status', 'group', 'group_label', 'group_size', 'group_sources',
  'recurring', 'theme', 'theme_label', 'similarity', 'text',
  // Added later, so at the end: the group's accountability (when, to whom, with what response) and,
  // with --baseline, how it changed.
  'group_first_year', 'group_last_year', 'group_recipients', 'group_statuses', 'group_change',
] as const;

/** One row per input item, in input order, with the group and theme it was placed in. */
export function renderCsv(report: ThemesReport, settings: CsvSettings = {}): string {
  const rows = new Map<string, (string | number)[]>();
  for (const theme of report.themes) {
    for (const group of theme.groups) {
      for (const m of group.members) {
        rows.set(m.id, [
          m.id, m.source, m.year ?? '', m.recipient, m.status, group.id, group.label, group.size, group.sources.length,
          group.recurring ? 'yes' : 'no', theme.id, theme.label, m.similarity, m.text,
          group.firstYear ?? '', group.lastYear ?? '', group.recipients.join('; '), group.statuses.join('; '), group.change ?? '',
        ]);
      }
    }
  }
  return csvTable(CSV_COLUMNS, report.items.map((item) => rows.get(item.id)!), settings);
}
