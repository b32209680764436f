import { Chalk } from 'chalk';
import type { ThemesReport } from './model.js';
import { excerpt } from './model.js';
import { plural, recurringThemes, yearRange } from './select.js';

export interface TerminalSettings {
  explain: boolean;
  top: number;
  color: boolean;
}

const MEMBER_CHARS = 160;
const ONE_OFFS_SHOWN = 3;

/** Only this renderer knows colour; the caller decides whether the terminal wants it. */
export function renderTerminal(report: ThemesReport, settings: TerminalSettings): string {
  const c = new Chalk({ level: settings.color ? 1 : 0 });
  const { stats, parameters } = report;
  const out: string[] = [
    c.bold('Recurring themes'),
    `${plural(stats.items, 'item')} from ${plural(stats.sources, 'source')} → ${plural(stats.groups, 'group')}, ` +
      `${c.bold(plural(stats.recurringGroups, 'recurring group'))} (≥ ${parameters.minSources} sources), ${plural(stats.themes, 'theme')}`,
  ];
  if (stats.skipped > 0 || stats.boilerplateItems > 0) {
    out.push(c.dim(`skipped ${stats.skipped} empty rows; ${stats.boilerplateItems} items were boilerplate only`));
  }
  const views = recurringThemes(report, settings.top);
  views.forEach((view, t) => {
    const { theme } = view;
    out.push('', c.bold.cyan(`${t + 1}. ${theme.label}`) + c.dim(`  ${plural(theme.sources.length, 'source')} · ${yearRange(theme.firstYear, theme.lastYear)} · ${plural(theme.size, 'item')}`));
    view.recurring.forEach((group, g) => {
      out.push(`  ${c.bold(`${t + 1}.${g + 1}`)} ${group.label}`);
      const facts = [`${c.yellow(plural(group.sources.length, 'source'))}`, yearRange(group.firstYear, group.lastYear)];
      if (group.recipients.length > 0) facts.push(`to ${group.recipients.slice(0, 3).join('; ')}${group.recipients.length > 3 ? ' …' : ''}`);
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
