import { Chalk } from 'chalk';
import type { ThemesReport } from './model.js';
import { excerpt } from './model.js';
import { CHANGES } from '../history/lineage.js';
import { overridesLines } from './overrides.js';
import { CHANGE_LABELS, newRecurringGroups, plural, recurringThemes, yearRange } from './select.js';

export interface TerminalSettings {
  explain: boolean;
  top: number;
  color: boolean;
}

const MEMBER_CHARS = 160;
const ONE_OFFS_SHOWN = 3;

const NEW_RECURRING_SHOWN = 10;

/** With a baseline, first: the counts of the JSON `changes` object, then the groups that began to recur. */
function changesLines(report: ThemesReport, c: InstanceType<typeof Chalk>): string[] {
  const { changes } = report;
  if (!changes) return [];
  const counts = (of: Record<string, number>) =>
    CHANGES.filter((change) => of[change] > 0)
      .map((change) => `${of[change]} ${CHANGE_LABELS[change]}`)
      .join(', ') || 'none';
  const out = [
    c.bold('Changes since baseline') + c.dim(` (earlier: ${plural(changes.baseline.items, 'item')}, ${plural(changes.baseline.groups, 'group')}, ${changes.baseline.recurringGroups} recurring)`),
    `groups: ${counts(changes.groups)}; ${changes.groups.removed} removed`,
    `recurring groups: ${counts(changes.recurringGroups)}; ${changes.removedRecurring.length} removed`,
    c.bold(`${plural(changes.newRecurring.length, 'new recurring group')}`) + (changes.newRecurring.length > 0 ? ':' : ''),
  ];
  const fresh = newRecurringGroups(report);
  for (const group of fresh.slice(0, NEW_RECURRING_SHOWN)) out.push(`  ${c.magenta('+')} ${group.label} ${c.dim(`(${plural(group.sources.length, 'source')}, ${yearRange(group.firstYear, group.lastYear)})`)}`);
  if (fresh.length > NEW_RECURRING_SHOWN) out.push(c.dim(`  … and ${fresh.length - NEW_RECURRING_SHOWN} more`));
  return [...out, ''];
}

/** Only this renderer knows colour; the caller decides whether the terminal wants it. */
export function renderTerminal(report: ThemesReport, settings: TerminalSettings): string {
  const c = new Chalk({ level: settings.color ? 1 : 0 });
  const { stats, parameters } = report;
  const out: string[] = [
    ...changesLines(report, c),
    c.bold('Recurring themes'),
    `${plural(stats.items, 'item')} from ${plural(stats.sources, 'source')} → ${plural(stats.groups, 'group')}, ` +
      `${c.bold(plural(stats.recurringGroups, 'recurring group'))} (≥ ${parameters.minSources} sources), ${plural(stats.themes, 'theme')}`,
  ];
  if (stats.skipped > 0 || stats.boilerplateItems > 0) {
    out.push(c.dim(`skipped ${stats.skipped} empty rows; ${stats.boilerplateItems} items were boilerplate only`));
  }
  if (report.overrides) out.push(c.dim('Overrides applied'), ...overridesLines(report.overrides).map((line) => c.dim(`  ${line}`)));
  const views = recurringThemes(report, settings.top);
  views.forEach((view, t) => {
    const { theme } = view;
    out.push('', c.bold.cyan(`${t + 1}. ${theme.label}`) + c.dim(`  ${plural(theme.sources.length, 'source')} · ${yearRange(theme.firstYear, theme.lastYear)} · ${plural(theme.size, 'item')}`));
    view.recurring.forEach((group, g) => {
      const since = group.change && group.change !== 'unchanged' ? c.magenta(` [${group.change}]`) : '';
      out.push(`  ${c.bold(`${t + 1}.${g + 1}`)} ${group.label}${since}`);
      const facts = [`${c.yellow(plural(group.sources.length, 'source'))}`, yearRange(group.firstYear, group.lastYear)];
      if (group.recipients.length > 0) facts.push(`to ${group.recipients.slice(0, 3).join('; ')}${group.recipients.length > 3 ? ' …' : ''}`);
      if (group.statuses.length > 0) facts.push(`responses: ${group.statuses.slice(0, 3).join('; ')}${group.statuses.length > 3 ? ' …' : ''}`);
      out.push(`      ${facts.join(c.dim(' · '))}`);
      if (settings.explain && group.sharedTerms.length > 0) out.push(c.dim(`      why: ${group.sharedTerms.join(', ')}`));
      for (const m of group.members) {
        out.push(`      ${c.green(m.id)} ${c.dim(`${m.source} ${m.year ?? ''}`.trim())} ${excerpt(m.text, MEMBER_CHARS)}`);
      }
    });
    for (const g of view.oneOff.slice(0, ONE_OFFS_SHOWN)) out.push(c.dim(`  · ${excerpt(g.label, MEMBER_CHARS)} (${g.sources[0]})`));
    if (view.oneOff.length > ONE_OFFS_SHOWN) out.push(c.dim(`  · … ${view.oneOff.length - ONE_OFFS_SHOWN} more one-source groups`));
  });
  if (views.length === 0) out.push('', `No theme spans ${parameters.minSources} or more sources.`);
  return `${out.join('\n')}\n`;
}
