import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { CHART_LIMITS, heatMap, shadeLevel, timeline } from '../../src/report/html-charts.js';
import type { ReportGroup, ReportTheme, ThemesReport } from '../../src/report/model.js';
import { record, themesReport } from '../helpers.js';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';
const BREAKOUT = `x" onmouseover="alert(3)' onfocus='alert(4)`;
const HOSTILE = `${IMG} ${SCRIPT} ${BREAKOUT} </title></svg></details>`;

/** A real report, then every text field the page shows replaced by hostile text. */
function hostileReport(): ThemesReport {
  const report = themesReport([
    record('h1', 'report A', `Trusts should audit ligature anchor points on every mental health ward each year. ${HOSTILE}`, { year: 2016, recipient: `NHS England | ${HOSTILE}`, status: HOSTILE }),
    record('h2', `report B ${HOSTILE}`, 'Every mental health ward should have its ligature anchor points audited by the trust each year.', { year: 2019 }),
    record(`h3 ${HOSTILE}`, 'report C', `Trusts should audit ligature anchor points on mental health wards each year ${HOSTILE}`, { year: 2023, recipient: HOSTILE }),
    record('h4', 'report D', 'Councils should publish winter gritting routes for rural roads before the first frost.', { year: 2024 }),
  ]);
  for (const theme of report.themes) {
    Object.assign(theme, { label: `${theme.label} ${HOSTILE}`, keywords: [...theme.keywords, HOSTILE] });
    for (const group of theme.groups) Object.assign(group, { label: `${group.label} ${HOSTILE}`, sharedTerms: [...group.sharedTerms, HOSTILE], statuses: [...group.statuses, HOSTILE], change: HOSTILE });
  }
  report.boilerplate.push({ text: HOSTILE, sources: 3, contextSimilarity: 0.1 });
  return report;
}

/** Every start tag of the page (escaped text has no raw '<', so these are the page's own). */
const tags = (html: string) => html.match(/<[a-zA-Z][^>]*>/g) ?? [];

describe('renderHtml: hostile input text', () => {
  const html = renderHtml(hostileReport(), 0);

  it('never becomes markup: one script element (the page own), no img, no injected attribute', () => {
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('</title></svg>');
    for (const tag of tags(html)) expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('is escaped as text in every place: member text, ids, sources, recipients, responses, labels, why terms, SVG titles', () => {
    const escaped = '&#60;img src=x onerror=alert(1)&#62;';
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(10);
    expect(html).toMatch(/<title>[^<]*&#60;img src=x onerror=alert\(1\)&#62;/); // inside an SVG <title>
    expect(html).toMatch(/<span class="term">[^<]*&#60;script&#62;alert\(2\)/); // why terms
    expect(html).toMatch(/<code>h3 &#60;img/); // ids
    expect(html).toMatch(/<span class="rcp">[^<]*&#60;img/); // recipients, read by the filter
    expect(html).toContain('x&#34; onmouseover=&#34;alert(3)&#39; onfocus=&#39;alert(4)');
  });

  it('puts only escaped text in attributes', () => {
    for (const tag of tags(html)) for (const [, value] of tag.matchAll(/="([^"]*)"/g)) expect(value).not.toMatch(/[<>'"]/);
  });
});

describe('renderHtml: self-contained and deterministic', () => {
  const records = [
    record('x1', 'report A', 'Trusts should audit ligature anchor points on every mental health ward each year.', { year: 2018, recipient: 'NHS England' }),
    record('x2', 'report B', 'Every mental health ward should have its ligature anchor points audited by the trust each year.', { year: 2023, status: 'supported' }),
    record('x3', 'report C', 'Ligature anchor points on mental health wards should be audited by trusts every year.', { year: 2020 }),
  ];

  it('loads nothing from anywhere: no src or href, no url(), a CSP that forbids every fetch', () => {
    const html = renderHtml(hostileReport(), 0);
    for (const tag of tags(html)) expect(tag).not.toMatch(/\s(src|href|xlink:href|srcset|action|formaction)\s*=/i);
    expect(html).not.toMatch(/url\(|@import|https?:\/\//i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
  });

  it('allows exactly its own script by hash', () => {
    const html = renderHtml(themesReport(records), 0);
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1];
    expect(html).toContain(`sha256-${createHash('sha256').update(script).digest('base64')}`);
  });

  it('is the same bytes for the same report, and for the input rows in another order', () => {
    const html = renderHtml(themesReport(records), 0);
    expect(renderHtml(themesReport(records), 0)).toBe(html);
    expect(renderHtml(themesReport([...records].reverse()), 0)).toBe(html);
  });

  it('has the summary, both charts, a timeline per shown theme, the tree and the filter', () => {
    const report = themesReport(records);
    const html = renderHtml(report, 0);
    expect(html).toContain('<table class="summary" id="summary">');
    for (const [name, n] of [['Items', 3], ['Sources', 3], ['Groups', report.stats.groups], ['Themes', report.stats.themes]] as const) expect(html).toContain(`<th scope="row">${name}</th><td>${n}</td>`);
    expect(html).toContain('<svg class="chart" id="recurrence-chart"');
    expect(html).toContain('<svg class="chart" id="heat-map"');
    expect(html.match(/<svg class="timeline"/g)).toHaveLength(1);
    expect(html.match(/<details class="group"/g)).toHaveLength(1);
    expect(html.match(/<li data-item/g)).toHaveLength(3);
    for (const name of ['text', 'source', 'recipient', 'year']) expect(html).toContain(`<input name="${name}"`);
    expect(html).toContain('Why grouped: <span class="term">');
    expect(html).toContain('Responses: supported');
  });
});

describe('charts', () => {
  const member = (id: string, source: string, year: number | null) => ({ id, source, year, recipient: '', status: '', text: id, similarity: 1 });
  const theme = (id: string, members: ReturnType<typeof member>[]): ReportTheme => {
    const group = { id: `g-${id}`, label: id, size: members.length, recurring: true, sources: [...new Set(members.map((m) => m.source))], recipients: [], statuses: [], firstYear: null, lastYear: null, sharedTerms: [], members } as ReportGroup;
    return { id, label: id, keywords: [], size: members.length, recurringGroups: 1, sources: group.sources, firstYear: null, lastYear: null, groups: [group] };
  };

  it('timeline: one bar per year with items, from 2013 to the latest year, every count in the title', () => {
    const svg = timeline(theme('t', [member('a', 's', 2015), member('b', 's', 2015), member('c', 's', 2020), member('d', 's', null)]), { first: 2013, last: 2025 }, (t) => t);
    expect(svg.match(/<rect/g)).toHaveLength(2);
    expect(svg).toContain('width="91"'); // 13 years × 7 px
    expect(svg).toContain('2015: 2, 2020: 1');
  });

  it('heat map: bounded to the top sources × top themes, busiest source first', () => {
    const themes = Array.from({ length: 30 }, (_, t) => theme(`t${t}`, Array.from({ length: 40 }, (_, s) => member(`${t}-${s}`, `s${String(s).padStart(2, '0')}`, 2020)).concat(t === 0 ? [member('extra', 's39', 2020)] : [])));
    const svg = heatMap(themes, (t) => t);
    expect(svg.match(/<rect/g)).toHaveLength(CHART_LIMITS.heatSources * CHART_LIMITS.heatThemes);
    expect(svg.indexOf('<title>s39</title>')).toBeLessThan(svg.indexOf('<title>s00</title>'));
  });
});

describe('heat map shading', () => {
  it('is blank for none, darkest for the busiest cell, lightest for one item', () => {
    expect(shadeLevel(0, 9)).toBe(0);
    expect(shadeLevel(1, 9)).toBe(1);
    expect(shadeLevel(9, 9)).toBe(5);
    expect(shadeLevel(1, 1)).toBe(5);
    expect(shadeLevel(5, 9)).toBe(3);
  });
});
