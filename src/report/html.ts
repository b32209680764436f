import { CONTENT_SECURITY_POLICY, SCRIPT, STYLE } from './html-assets.js';
import { heatMap, recurrenceChart, timeline, timelineYears, CHART_LIMITS } from './html-charts.js';
import { distinctSorted, excerpt, type ReportGroup, type ReportMember, type ThemesReport } from './model.js';
import { overridesLines } from './overrides.js';
import { CHANGES } from '../history/lineage.js';
import { CHANGE_LABELS, newRecurringGroups, plural, recurringThemes, yearRange, type ThemeView } from './select.js';

const BOILERPLATE_SHOWN = 10;
/** One-source groups are listed by a shorter label: there can be thousands of them. */
const ONE_OFF_LABEL_CHARS = 90;

/**
 * One self-contained page: summary → recurrence chart → source × theme heat map → the theme →
 * group → item tree with a timeline per theme and a filter. Nothing is fetched (a CSP forbids it),
 * every piece of input text is escaped, and the bytes depend only on the report.
 * Members' texts are written for recurring groups only; one-source groups are listed by label,
 * which keeps the full PFD data's page near 1 MB.
 */
export function renderHtml(report: ThemesReport, top: number): string {
  const { parameters } = report;
  const recurring = recurringThemes(report, 0).map((view) => view.theme);
  const views = recurringThemes(report, top);
  const span = timelineYears(report.themes);
  const tree = views.map((view) => themeSection(view, span)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Recurring themes</title>
<style>${STYLE}</style>
</head><body>
<h1>Recurring themes</h1>
${changes(report)}${summary(report)}
${report.overrides ? `<p class="meta">Overrides applied: ${overridesLines(report.overrides).map(esc).join(' · ')}</p>\n` : ''}<h2>Recurrence</h2>
<p class="meta">Themes found in at least ${plural(parameters.minSources, 'source')}, by number of distinct sources (top ${CHART_LIMITS.recurrenceThemes}).</p>
${recurrenceChart(recurring, esc)}
<h2>Sources × themes</h2>
<p class="meta">Items per source (the ${CHART_LIMITS.heatSources} with most items in these themes) and recurring theme (top ${CHART_LIMITS.heatThemes}); darker is more.</p>
${heatMap(recurring, esc)}
<h2>Themes, groups and items</h2>
<p class="meta">${span ? `Each theme's bars: items per year, ${span.first}–${span.last}. ` : ''}Members are listed for groups recurring across sources; one-source groups by label.</p>
<form class="filter" id="filter" role="search">
<label>Text <input name="text" type="search" autocomplete="off"></label>
<label>Source <input name="source" type="search" autocomplete="off"></label>
<label>Recipient <input name="recipient" type="search" autocomplete="off"></label>
<label>Year <input name="year" type="search" inputmode="numeric" size="6" autocomplete="off"></label>
<output id="filter-status" class="meta"></output>
</form>
${tree || '<p>No theme recurs across sources.</p>'}
${boilerplate(report)}<script>${SCRIPT}</script>
</body></html>
`;
}

/** With --baseline, first, as in markdown and terminal: the JSON `changes` counts and the groups that began to recur. */
function changes(report: ThemesReport): string {
  const { changes: since } = report;
  if (!since) return '';
  const rows = CHANGES.map((change) => `<tr><th scope="row">${esc(CHANGE_LABELS[change])}</th><td>${since.groups[change]}</td><td>${since.recurringGroups[change]}</td></tr>`);
  rows.push(`<tr><th scope="row">removed (no member left in the input)</th><td>${since.groups.removed}</td><td>${since.removedRecurring.length}</td></tr>`);
  const fresh = newRecurringGroups(report)
    .map((group) => `<li>${esc(group.label)} <span class="meta">${plural(group.sources.length, 'source')} · ${yearRange(group.firstYear, group.lastYear)} · ${esc(group.change ?? '')} · <code>${esc(group.id)}</code></span></li>`)
    .join('');
  return `<h2>Changes since baseline</h2>
<p class="meta">Compared with an earlier report of ${plural(since.baseline.items, 'item')} in ${plural(since.baseline.groups, 'group')}, ${since.baseline.recurringGroups} of them recurring.</p>
<table class="summary" id="changes"><tr><th></th><th>Groups</th><th>Recurring groups</th></tr>${rows.join('')}</table>
<p><strong>${plural(since.newRecurring.length, 'new recurring group')}</strong> (recurring now; none of its earlier groups was)</p>${fresh ? `<ul class="oneoff">${fresh}</ul>` : ''}
`;
}

function summary(report: ThemesReport): string {
  const { stats, parameters } = report;
  const rows: [string, number][] = [
    ['Items', stats.items],
    ['Sources', stats.sources],
    ['Groups', stats.groups],
    [`Recurring groups (≥ ${parameters.minSources} sources)`, stats.recurringGroups],
    ['Themes', stats.themes],
  ];
  if (stats.skipped > 0) rows.push(['Rows skipped (no text)', stats.skipped]);
  if (stats.boilerplateItems > 0) rows.push(['Items that were only boilerplate', stats.boilerplateItems]);
  const body = rows.map(([name, n]) => `<tr><th scope="row">${esc(name)}</th><td>${n.toLocaleString('en-GB')}</td></tr>`).join('');
  return `<table class="summary" id="summary">${body}</table>`;
}

function themeSection(view: ThemeView, span: { first: number; last: number } | null): string {
  const { theme } = view;
  const facts = [plural(theme.sources.length, 'source'), yearRange(theme.firstYear, theme.lastYear), plural(theme.size, 'item'), plural(view.recurring.length, 'recurring group')];
  const chart = span ? timeline(theme, span, esc) : '';
  const keywords = theme.keywords.length > 0 ? `<p class="why">Keywords: ${theme.keywords.map(term).join(' ')}</p>` : '';
  const oneOff =
    view.oneOff.length > 0
      ? `<details class="oneoffs"><summary>${plural(view.oneOff.length, 'one-source group')}</summary><ul class="oneoff">${view.oneOff.map(oneOffItem).join('')}</ul></details>`
      : '';
  return `<details class="theme" id="${esc(theme.id)}"><summary>${esc(theme.label)} <span class="meta">${facts.join(' · ')}</span>${chart}</summary>${keywords}${view.recurring.map(groupSection).join('')}${oneOff}</details>`;
}

function groupSection(group: ReportGroup): string {
  const facts = [
    group.sharedTerms.length > 0 ? `Why grouped: ${group.sharedTerms.map(term).join(' ')}` : '',
    group.recipients.length > 0 ? `Recipients: ${esc(group.recipients.join('; '))}` : '',
    group.statuses.length > 0 ? `Responses: ${esc(group.statuses.join('; '))}` : '',
    group.change ? `Since baseline: ${esc(group.change)}` : '',
  ].filter(Boolean);
  const meta = `${plural(group.sources.length, 'source')} · ${yearRange(group.firstYear, group.lastYear)} · ${plural(group.size, 'item')}`;
  return `<details class="group" id="${esc(group.id)}"><summary>${esc(group.label)} <span class="meta">${meta}</span></summary>${facts.map((f) => `<p class="why">${f}</p>`).join('')}<ul class="members">${group.members.map(memberItem).join('')}</ul></details>`;
}

function memberItem(m: ReportMember): string {
  const year = m.year === null ? 'year unknown' : String(m.year);
  const facts = [source(m.source), esc(year), m.recipient ? recipients(m.recipient) : '', esc(m.status)].filter(Boolean);
  return `<li data-item${years(m.year === null ? [] : [year])}><code>${esc(m.id)}</code> <span class="meta">${facts.join(' · ')} · similarity ${m.similarity}</span><br>${esc(m.text)}</li>`;
}

function oneOffItem(group: ReportGroup): string {
  const known = distinctSorted(group.members.flatMap((m) => (m.year === null ? [] : [String(m.year)])));
  const facts = [source(group.sources.join('; ')), yearRange(group.firstYear, group.lastYear), group.size > 1 ? plural(group.size, 'item') : '', group.recipients.length > 0 ? recipients(group.recipients.join('; ')) : ''];
  return `<li data-item${years(known)}>${esc(excerpt(group.label, ONE_OFF_LABEL_CHARS))} <span class="meta">${facts.filter(Boolean).join(' · ')}</span></li>`;
}

/** What the filter reads: the text of .src and .rcp, and data-year (omitted when no year is known). */
function source(text: string): string {
  return `<span class="src">${esc(text)}</span>`;
}

function recipients(text: string): string {
  return `<span class="rcp">${esc(text)}</span>`;
}

function years(known: readonly string[]): string {
  return known.length > 0 ? ` data-year="${esc(known.join(' '))}"` : '';
}

function term(text: string): string {
  return `<span class="term">${esc(text)}</span>`;
}

function boilerplate(report: ThemesReport): string {
  if (report.boilerplate.length === 0) return '';
  const shown = report.boilerplate.slice(0, BOILERPLATE_SHOWN).map((b) => `<li>“${esc(excerpt(b.text, 160))}” <span class="meta">${plural(b.sources, 'source')}${b.repeated ? ', procedural repeat' : ''}</span></li>`);
  if (report.boilerplate.length > BOILERPLATE_SHOWN) shown.push(`<li>… and ${report.boilerplate.length - BOILERPLATE_SHOWN} more</li>`);
  return `<h2>Boilerplate removed before grouping</h2>\n<ul>${shown.join('')}</ul>\n`;
}

/** Text → HTML text or attribute value (quoted with either quote); also right inside inline SVG. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
