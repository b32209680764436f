import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fixture, recdedup } from './run.js';

const RESPONSE_TEXT = fixture('reports/rapid_review_response.txt');
const HSSIB_TEXT = fixture('reports/hssib_overarching.txt');
const BRIEFING_TEXT = fixture('reports/nhs_providers_briefing.txt');
const RESPONSE_PDF = fixture('reports/rapid-review-government-response.pdf');

interface Extracted {
  records: { id: string; kind: string; source: string; year: number | null; recipient: string; text: string; response: string; status: string; location: string }[];
  crossReferences: { id: string; source: string; location: string }[];
}

function extractJson(args: string[]): Extracted {
  const run = recdedup(['extract', ...args, '--format', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('recdedup extract', () => {
  it('gives the rapid review response its 13 recommendations, each with a response and a status', () => {
    const { records } = extractJson([RESPONSE_TEXT]);
    expect(records).toHaveLength(13);
    for (const record of records) {
      expect(record.kind).toBe('recommendation');
      expect(record.response.length, record.id).toBeGreaterThan(0);
      expect(record.status, record.id).toMatch(/^(supports|supports in part|does not support|notes)$/);
    }
    expect(records.find((r) => r.text.startsWith('NHS England should'))?.recipient).toBe('NHS England');
  });

  it('gives each HSSIB safety recommendation and observation once, and cited ids as cross-references', () => {
    const { records, crossReferences } = extractJson([HSSIB_TEXT]);
    expect(records.map((r) => r.id).sort()).toEqual(['O/2025/073', 'R/2025/063', 'R/2025/064']);
    expect(records.find((r) => r.id === 'O/2025/073')?.kind).toBe('observation');
    for (const record of records.filter((r) => r.kind === 'recommendation')) expect(record.recipient, record.id).not.toBe('');
    const cited = new Set(crossReferences.map((c) => c.id));
    expect(cited.has('R/2024/043')).toBe(true);
    for (const record of records) expect(cited.has(record.id)).toBe(false);
  });

  it('gives the three "we need to" actions of the NHS Providers briefing', () => {
    const { records } = extractJson([BRIEFING_TEXT]);
    expect(records).toHaveLength(3);
    expect(records.every((r) => r.kind === 'action')).toBe(true);
  });

  it('reads a real PDF: the same 13 recommendations and statuses as the text of the same document', () => {
    const fromText = extractJson([RESPONSE_TEXT]).records;
    const fromPdf = extractJson([RESPONSE_PDF]).records;
    expect(fromPdf.map((r) => r.status)).toEqual(fromText.map((r) => r.status));
    fromPdf.forEach((record, i) => expect(overlap(record.text, fromText[i].text), record.id).toBeGreaterThan(0.9));
    expect(fromPdf.every((r) => /^page \d+$/.test(r.location))).toBe(true);
  });

  it('writes CSV that themes reads as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recdedup-'));
    const table = join(dir, 'records.csv');
    expect(recdedup(['extract', RESPONSE_TEXT, HSSIB_TEXT, '--out', table]).code).toBe(0);
    const rows: Record<string, string>[] = parse(recdedup(['extract', RESPONSE_TEXT, HSSIB_TEXT]).stdout, { columns: true });
    expect(rows).toHaveLength(16);
    const themes = recdedup(['themes', table, '--format', 'json']);
    expect(themes.code, themes.stderr).toBe(0);
    expect(JSON.parse(themes.stdout).items).toHaveLength(16);
  });

  it('writes one JSON object per line with --format jsonl', () => {
    const run = recdedup(['extract', BRIEFING_TEXT, '--format', 'jsonl']);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => JSON.parse(line).kind)).toEqual(['action', 'action', 'action']);
  });

  it('warns, and writes an empty table, for text with no recommendation', () => {
    const run = recdedup(['extract', 'fixtures/README.md', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).records).toEqual([]);
    expect(run.stderr).toMatch(/warning: .*README\.md/);
  });

  it('says a binary file with a report extension is not report text, with exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recdedup-'));
    const binary = join(dir, 'scan.txt');
    writeFileSync(binary, Buffer.from([0x25, 0x50, 0x00, 0x01, 0x02]));
    const run = recdedup(['extract', binary]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/scan\.txt:1:3: not a text file \(NUL byte found\): expected report text/);
  });

  it('rejects an unreadable PDF with one line and exit 2, and writes no --out file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recdedup-'));
    const out = join(dir, 'records.csv');
    for (const bad of ['reports/not_a_pdf.pdf', 'reports/truncated.pdf']) {
      const run = recdedup(['extract', fixture(bad), '--out', out]);
      expect(run.code, bad).toBe(2);
      expect(run.stderr.trim().split('\n'), bad).toHaveLength(1);
      expect(run.stderr).toContain(bad.split('/')[1]);
    }
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('themes over report files', () => {
  it('runs report text through extraction and pairs each recommendation with its HSSIB neighbours by theme', () => {
    const run = recdedup(['themes', RESPONSE_TEXT, HSSIB_TEXT, BRIEFING_TEXT, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.items).toHaveLength(19);
    expect(report.stats.sources).toBe(3);
  });

  /** The three seed reports' themes report: each item's theme, and the NHS Providers action whose text matches. */
  function seedThemes() {
    const run = recdedup(['themes', RESPONSE_TEXT, HSSIB_TEXT, BRIEFING_TEXT, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { items: { id: string; theme: string }[]; themes: { groups: { members: { id: string; text: string }[] }[] }[] };
    const themeOf = new Map(report.items.map((item) => [item.id, item.theme]));
    const members = report.themes.flatMap((theme) => theme.groups.flatMap((group) => group.members));
    const briefingAction = (pattern: RegExp) => members.find((m) => m.id.startsWith('nhs_providers_briefing') && pattern.test(m.text));
    return { report, themeOf, briefingAction };
  }

  it('puts the NHS Providers action on sharing good practice in the theme of the review recommendation it echoes', () => {
    const { themeOf, briefingAction } = seedThemes();
    const goodPractice = briefingAction(/good practice/);
    expect(goodPractice).toBeDefined();
    expect(themeOf.get(goodPractice!.id)).toBe(themeOf.get('rapid-review-response-REC-3'));
  });

  it('puts the NHS Providers action on outcome metrics in the theme of "measuring what matters" (recommendation 1), not in one theme of everything', () => {
    const { report, themeOf, briefingAction } = seedThemes();
    const metrics = briefingAction(/outcomes? metrics/i);
    expect(metrics).toBeDefined();
    expect(themeOf.get(metrics!.id)).toBe(themeOf.get('rapid-review-response-REC-1'));
    expect(report.themes.length).toBeGreaterThan(1);
  });
});

/** Share of the shorter text's words found in the longer one. */
function overlap(a: string, b: string): number {
  const words = (t: string) => new Set(t.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  const [x, y] = [words(a), words(b)];
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  return [...small].filter((w) => large.has(w)).length / Math.max(1, small.size);
}
