import type { ReportGroup, ThemesReport } from './model.js';
import { excerpt } from './model.js';
import { CHANGES } from '../history/lineage.js';
import { overridesLines } from './overrides.js';
import { CHANGE_LABELS, newRecurringGroups, plural, recurringThemes, yearRange } from './select.js';

export interface TextReportSettings {
  explain: boolean;
  top: number;
}

const MEMBER_CHARS = 300;
const ONE_OFFS_SHOWN = 5;
const BOILERPLATE_SHOWN = 10;
const NEW_RECURRING_SHOWN = 20;

/** The layered report for people: summary → themes by recurrence → recurring groups → members. */
export function renderMarkdown(report: ThemesReport, settings: TextReportSettings): string {
  const views = recurringThemes(report, settings.top);
  const out: string[] = ['# Recurring themes', '', ...changesSection(report), ...summaryTable(report), ''];
  if (report.overrides) out.push('## Overrides applied', '', ...overridesLines(report.overrides).map((line) => `- ${escape(line)}`), '');
  if (views.length === 0) out.push(`No theme spans ${report.parameters.minSources} or more sources.`, '');
  views.forEach((view, t) => {
    const { theme } = view;
    out.push(`## ${t + 1}. ${escape(theme.label)}`, '');
    out.push(`${plural(theme.sources.length, 'source')} · ${yearRange(theme.firstYear, theme.lastYear)} · ${plural(theme.size, 'item')} · ${plural(view.recurring.length, 'recurring group')}  `);
    out.push(`Keywords: ${theme.keywords.map(escape).join(', ')}`, '');
    view.recurring.forEach((group, g) => {
      // A loop, not push(...lines): a group of many thousand members would overflow the call stack.
      for (const line of groupSection(group, `${t + 1}.${g + 1}`, settings.explain)) out.push(line);
    });
    if (view.oneOff.length > 0) out.push(...oneOffList(view.oneOff), '');
  });
  out.push(...boilerplateSection(report));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function summaryTable(report: ThemesReport): string[] {
  const { stats, parameters } = report;
  return [
    '| | |',
    '| --- | ---: |',
    `| Items | ${stats.items} |`,
    `| Sources | ${stats.sources} |`,
    `| Groups | ${stats.groups} |`,
    `| Recurring groups (≥ ${parameters.minSources} sources) | ${stats.recurringGroups} |`,
    `| Themes | ${stats.themes} |`,
    `| Skipped (empty text) | ${stats.skipped} |`,
    `| Boilerplate-only items | ${stats.boilerplateItems} |`,
    '',
    `Items read as ${parameters.textUnit}s: threshold ${parameters.threshold}, character weight ${parameters.charWeight}; theme threshold ${parameters.themeThreshold}, minimum sources ${parameters.minSources}.`,
  ];
}

/** With a baseline: the counts of the JSON `changes` object, then the groups that began to recur. */
function changesSection(report: ThemesReport): string[] {
  const { changes } = report;
  if (!changes) return [];
  const out = [
    '## Changes since baseline',
    '',
    `Compared with an earlier report of ${plural(changes.baseline.items, 'item')} in ${plural(changes.baseline.groups, 'group')}, ${changes.baseline.recurringGroups} of them recurring.`,
    '',
    '| Change | Groups | Recurring groups |',
    '| --- | ---: | ---: |',
    ...CHANGES.map((change) => `| ${CHANGE_LABELS[change]} | ${changes.groups[change]} | ${changes.recurringGroups[change]} |`),
    `| removed (no member left in the input) | ${changes.groups.removed} | ${changes.removedRecurring.length} |`,
    '',
    `**${plural(changes.newRecurring.length, 'new recurring group')}** (recurring now; none of its earlier groups was):`,
    '',
  ];
  const fresh = newRecurringGroups(report);
  for (const group of fresh.slice(0, NEW_RECURRING_SHOWN)) {
    out.push(`- ${escape(group.label)} (${plural(group.sources.length, 'source')}, ${yearRange(group.firstYear, group.lastYear)}; ${group.change}; \`${group.id}\`)`);
  }
  if (fresh.length > NEW_RECURRING_SHOWN) out.push(`- … and ${fresh.length - NEW_RECURRING_SHOWN} more`);
  return [...out, ''];
}

function groupSection(group: ReportGroup, number: string, explain: boolean): string[] {
  const out = [`### ${number} ${escape(group.label)}`, ''];
  if (group.change) out.push(`Since the baseline: **${CHANGE_LABELS[group.change]}**${group.previous?.length ? ` (from ${group.previous.map((id) => `\`${id}\``).join(', ')})` : ''}  `);
  out.push(`Made in **${plural(group.sources.length, 'distinct source')}**, ${yearRange(group.firstYear, group.lastYear)} · ${plural(group.size, 'item')}  `);
  if (group.recipients.length > 0) out.push(`Recipients: ${group.recipients.map(escape).join('; ')}  `);
  if (group.statuses.length > 0) out.push(`Responses: ${group.statuses.map(escape).join('; ')}  `);
  if (explain && group.sharedTerms.length > 0) out.push(`Why grouped: shared terms ${group.sharedTerms.map((t) => `\`${t}\``).join(', ')}  `);
  out.push('');
  for (const m of group.members) {
    const facts = [m.source, m.year ?? 'year unknown', m.recipient, m.status].filter((f) => f !== '').map((f) => escape(String(f)));
    out.push(`- **${escape(m.id)}** (${facts.join(' · ')}; similarity ${m.similarity}): ${escape(excerpt(m.text, MEMBER_CHARS))}`);
  }
  out.push('');
  return out;
}

function oneOffList(groups: readonly ReportGroup[]): string[] {
  const out = [`Related one-source groups (${groups.length}):`, ''];
  for (const g of groups.slice(0, ONE_OFFS_SHOWN)) out.push(`- ${escape(g.label)} (${escape(g.sources[0])}, ${yearRange(g.firstYear, g.lastYear)})`);
  if (groups.length > ONE_OFFS_SHOWN) out.push(`- … and ${groups.length - ONE_OFFS_SHOWN} more`);
  return out;
}

function boilerplateSection(report: ThemesReport): string[] {
  if (report.boilerplate.length === 0) return [];
  const out = [
    '## Boilerplate removed before grouping',
    '',
    'Sentences that recur across sources whose content otherwise differs, and mostly procedural sentences repeated near-verbatim in another source (*repeat*):',
    '',
  ];
  for (const b of report.boilerplate.slice(0, BOILERPLATE_SHOWN)) out.push(`- "${escape(excerpt(b.text, 160))}" (${plural(b.sources, 'source')}${b.repeated ? ', *repeat*' : ''})`);
  if (report.boilerplate.length > BOILERPLATE_SHOWN) out.push(`- … and ${report.boilerplate.length - BOILERPLATE_SHOWN} more`);
  return [...out, ''];
}

/** Input text must not become markup: escape what markdown or HTML would interpret. */
export function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`).replace(/\s+/g, ' ');
}
