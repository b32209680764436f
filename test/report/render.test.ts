import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderCsv, CSV_COLUMNS } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { escape, renderMarkdown } from '../../src/report/markdown.js';
import { excerpt, stableId } from '../../src/report/model.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { record, themesReport } from '../helpers.js';

const RECORDS = [
  record('x1', 'report A', 'Trusts should audit ligature anchor points on every mental health ward each year.', { recipient: 'NHS England | CQC', year: 2018 }),
  record('x2', 'report B', 'Every mental health ward should have its ligature anchor points audited by the trust each year.', { recipient: 'NHS England', year: 2023, status: 'supported' }),
  record('x3', 'report C', 'A <script>alert(1)</script> in | a *table* cell', { year: 2020 }),
];
const report = themesReport(RECORDS);

describe('JSON', () => {
  it('has exactly the contract fields at the top, group and member level', () => {
    const json = JSON.parse(renderJson(report));
    expect(Object.keys(json)).toEqual(['schemaVersion', 'tool', 'parameters', 'stats', 'themes', 'items', 'boilerplate']);
    expect(json.schemaVersion).toBe(1);
    const theme = json.themes[0];
    for (const key of ['id', 'label', 'keywords', 'size', 'sources', 'firstYear', 'lastYear', 'groups']) expect(theme).toHaveProperty(key);
    for (const key of ['id', 'label', 'size', 'recurring', 'sources', 'recipients', 'firstYear', 'lastYear', 'members']) expect(theme.groups[0]).toHaveProperty(key);
    expect(Object.keys(theme.groups[0].members[0])).toEqual(['id', 'source', 'year', 'recipient', 'status', 'text', 'similarity']);
    expect(json.themes[0].groups[0]).toMatchObject({ recurring: true, recipients: ['CQC', 'NHS England'], firstYear: 2018, lastYear: 2023 });
  });

  it('rounds numbers to 4 decimals', () => {
    const numbers = renderJson(report).match(/\d+\.\d+/g) ?? [];
    expect(numbers.every((n) => n.split('.')[1].length <= 4)).toBe(true);
  });
});

describe('markdown', () => {
  const markdown = renderMarkdown(report, { explain: true, top: 0 });

  it('shows the summary, then recurring groups with their sources and years', () => {
    expect(markdown).toMatch(/^# Recurring themes\n/);
    expect(markdown).toContain('| Recurring groups (≥ 2 sources) | 1 |');
    expect(markdown).toContain('Made in **2 distinct sources**, 2018–2023');
    expect(markdown).toMatch(/Why grouped: shared terms .*`ligature/);
  });

  it('escapes text that markdown or HTML would interpret', () => {
    expect(escape('A <b>|*x*')).toBe('A \\<b\\>\\|\\*x\\*');
  });
});

describe('terminal', () => {
  it('has no colour codes when colour is off, and some when on', () => {
    expect(renderTerminal(report, { explain: false, top: 0, color: false })).not.toMatch(/\u001b\[/);
    expect(renderTerminal(report, { explain: false, top: 0, color: true })).toMatch(/\u001b\[/);
  });
});

describe('CSV', () => {
  it('has one row per item in input order with its group and theme', () => {
    const rows = parse(renderCsv(report), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => r.id)).toEqual(['x1', 'x2', 'x3']);
    expect(rows[0].group).toBe(rows[1].group);
    expect(rows[2].text).toBe(RECORDS[2].text);
  });
});

describe('HTML', () => {
  it('escapes input text', () => {
    const withScript = themesReport([...RECORDS, record('x4', 'report D', 'A <script>alert(1)</script> in | a *table* cell')]);
    const html = renderHtml(withScript, 0);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert(1)');
  });
});

describe('helpers', () => {
  it('derives ids from member ids only, in any order', () => {
    expect(stableId('g', ['b', 'a'])).toBe(stableId('g', ['a', 'b']));
    expect(stableId('g', ['a', 'b'])).not.toBe(stableId('g', ['a', 'c']));
    expect(stableId('g', ['a'])).toMatch(/^g-[0-9a-f]{12}$/);
  });

  it('cuts excerpts at a word boundary', () => {
    expect(excerpt('one two three four five six', 14)).toBe('one two three…');
    expect(excerpt('short', 14)).toBe('short');
  });
});
