import type { ThemesReport } from './model.js';
import { overridesLines } from './overrides.js';
import { plural, recurringThemes, yearRange } from './select.js';

/** A self-contained page (no external resources); every piece of input text is escaped. */
export function renderHtml(report: ThemesReport, top: number): string {
  const { stats } = report;
  const themes = recurringThemes(report, top)
    .map(({ theme, recurring }) => {
      const groups = recurring
        .map((g) => {
          const members = g.members
            .map((m) => `<li><code>${esc(m.id)}</code> <span class="meta">${esc(m.source)} · ${esc(String(m.year ?? ''))} · ${esc(m.recipient)}</span><br>${esc(m.text)}</li>`)
            .join('');
          // Who was asked, and what they answered: recurrence tied to accountability.
          const answers = [g.recipients.length > 0 ? `to ${g.recipients.join('; ')}` : '', g.statuses.length > 0 ? `responses: ${g.statuses.join('; ')}` : '', g.change ? `since baseline: ${g.change}` : '']
            .filter(Boolean)
            .map((fact) => ` · ${esc(fact)}`)
            .join('');
          return `<details><summary>${esc(g.label)} <span class="meta">${plural(g.sources.length, 'source')}, ${yearRange(g.firstYear, g.lastYear)}${answers}</span></summary><ul>${members}</ul></details>`;
        })
        .join('');
      return `<section><h2>${esc(theme.label)}</h2><p class="meta">${plural(theme.sources.length, 'source')} · ${yearRange(theme.firstYear, theme.lastYear)} · ${plural(theme.size, 'item')}</p>${groups}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Recurring themes</title>
<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}.meta{color:#666;font-size:.9em}details{margin:.4rem 0}summary{cursor:pointer}</style>
</head><body>
<h1>Recurring themes</h1>
<p>${plural(stats.items, 'item')} from ${plural(stats.sources, 'source')}: ${plural(stats.recurringGroups, 'recurring group')}, ${plural(stats.themes, 'theme')}.</p>
${report.overrides ? `<p class="meta">Overrides applied: ${overridesLines(report.overrides).map(esc).join(' · ')}</p>\n` : ''}${themes}
</body></html>
`;
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
