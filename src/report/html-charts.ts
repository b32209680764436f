import { compare, excerpt, type ReportTheme } from './model.js';
import { plural } from './select.js';

/**
 * The HTML report's charts: plain SVG strings, drawn from the report alone (no charting library,
 * nothing fetched). Every piece of input text passes through `esc`, in text, <title> and attributes.
 */

/** The first year of every timeline (the PFD archive starts then); earlier data widens it. */
export const TIMELINE_FIRST_YEAR = 2013;
/** Bounds that keep the charts readable and the page small on inputs of thousands of rows. */
export const CHART_LIMITS = { recurrenceThemes: 20, heatSources: 25, heatThemes: 20 } as const;

const AXIS_LABEL_CHARS = 42;
const SHADES = ['#f4f7fb', '#dbe7f3', '#b3cde3', '#7fabd1', '#4a84bb', '#215a94'];

/** Horizontal bars: the themes that recur across most distinct sources, most first. */
export function recurrenceChart(themes: readonly ReportTheme[], esc: (text: string) => string): string {
  const shown = themes.slice(0, CHART_LIMITS.recurrenceThemes);
  if (shown.length === 0) return '<p class="meta">No theme recurs across sources.</p>';
  const max = Math.max(...shown.map((t) => t.sources.length));
  const labelWidth = 300;
  const barWidth = 380;
  const row = 20;
  const height = shown.length * row + 6;
  const bars = shown
    .map((theme, i) => {
      const y = i * row + 3;
      const width = Math.max(2, Math.round((theme.sources.length / max) * barWidth));
      const title = `${theme.label}: ${plural(theme.sources.length, 'source')}, ${plural(theme.size, 'item')}`;
      return (
        `<g><title>${esc(title)}</title>` +
        `<text x="${labelWidth - 6}" y="${y + 13}" text-anchor="end">${esc(excerpt(theme.label, AXIS_LABEL_CHARS))}</text>` +
        `<rect x="${labelWidth}" y="${y}" width="${width}" height="${row - 5}" fill="#4a84bb"/>` +
        `<text x="${labelWidth + width + 4}" y="${y + 13}">${theme.sources.length}</text></g>`
      );
    })
    .join('');
  return `<svg class="chart" id="recurrence-chart" role="img" aria-label="Recurring themes by number of distinct sources" width="${labelWidth + barWidth + 40}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 40} ${height}">${bars}</svg>`;
}

/** The years every timeline spans: TIMELINE_FIRST_YEAR (or the earliest year, if earlier) to the latest. */
export function timelineYears(themes: readonly ReportTheme[]): { first: number; last: number } | null {
  let first: number | null = null;
  let last: number | null = null;
  for (const theme of themes) {
    if (theme.firstYear !== null && (first === null || theme.firstYear < first)) first = theme.firstYear;
    if (theme.lastYear !== null && (last === null || theme.lastYear > last)) last = theme.lastYear;
  }
  if (first === null || last === null) return null;
  return { first: Math.min(first, TIMELINE_FIRST_YEAR, last), last };
}

/** Items per year of one theme: small bars, one per year of the span, titled with every count. */
export function timeline(theme: ReportTheme, span: { first: number; last: number }, esc: (text: string) => string): string {
  const counts = new Map<number, number>();
  for (const group of theme.groups) for (const m of group.members) if (m.year !== null) counts.set(m.year, (counts.get(m.year) ?? 0) + 1);
  const years = span.last - span.first + 1;
  const step = 7;
  const height = 22;
  const max = Math.max(1, ...counts.values());
  const bars: string[] = [];
  for (let y = span.first; y <= span.last; y++) {
    const n = counts.get(y) ?? 0;
    if (n === 0) continue;
    const h = Math.max(2, Math.round((n / max) * height));
    bars.push(`<rect x="${(y - span.first) * step}" y="${height - h}" width="${step - 1}" height="${h}"/>`);
  }
  const perYear = [...counts.entries()].sort((p, q) => p[0] - q[0]).map(([y, n]) => `${y}: ${n}`);
  const width = years * step;
  return `<svg class="timeline" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${esc(`Items per year (others 0): ${perYear.join(', ')}`)}</title>${bars.join('')}</svg>`;
}

/** Sources (most items in the charted themes first) × themes, each cell shaded by its item count. */
export function heatMap(themes: readonly ReportTheme[], esc: (text: string) => string): string {
  const columns = themes.slice(0, CHART_LIMITS.heatThemes);
  const cells = new Map<string, number[]>();
  columns.forEach((theme, t) => {
    for (const group of theme.groups)
      for (const m of group.members) {
        const row = cells.get(m.source) ?? new Array<number>(columns.length).fill(0);
        row[t]++;
        cells.set(m.source, row);
      }
  });
  const total = (row: number[]) => row.reduce((sum, n) => sum + n, 0);
  const rows = [...cells.entries()].sort((p, q) => total(q[1]) - total(p[1]) || compare(p[0], q[0])).slice(0, CHART_LIMITS.heatSources);
  if (rows.length === 0) return '<p class="meta">No recurring theme to map.</p>';
  const max = Math.max(...rows.flatMap(([, row]) => row));
  const cell = 18;
  const left = 190;
  const top = 150;
  const width = left + columns.length * cell + 120; // room for the last slanted heading
  const height = top + rows.length * cell + 4;
  const heads = columns
    .map((theme, t) => {
      const x = left + t * cell + cell / 2 + 4;
      return `<text transform="translate(${x} ${top - 6}) rotate(-55)"><title>${esc(theme.label)}</title>${esc(excerpt(theme.label, 26))}</text>`;
    })
    .join('');
  const body = rows
    .map(([source, row], r) => {
      const y = top + r * cell;
      const squares = row
        .map((n, t) => {
          const shade = SHADES[shadeLevel(n, max)];
          return `<rect x="${left + t * cell}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="${shade}"><title>${esc(`${source} × ${columns[t].label}: ${plural(n, 'item')}`)}</title></rect>`;
        })
        .join('');
      return `<text x="${left - 6}" y="${y + 13}" text-anchor="end"><title>${esc(source)}</title>${esc(excerpt(source, 28))}</text>${squares}`;
    })
    .join('');
  return `<svg class="chart" id="heat-map" role="img" aria-label="Items per source and theme" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${heads}${body}</svg>`;
}

/** 0 for none; 1 (one item) to the darkest (the busiest cell), linear in between. */
export function shadeLevel(n: number, max: number): number {
  if (n <= 0) return 0;
  const darkest = SHADES.length - 1;
  return max <= 1 ? darkest : 1 + Math.round(((n - 1) / (max - 1)) * (darkest - 1));
}
