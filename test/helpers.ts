import { readFileSync } from 'node:fs';
import { createNormaliser, parseAliasTables } from '../src/normalise/index.js';
import { DEFAULT_OPTIONS, type Options } from '../src/options.js';
import { analyse } from '../src/pipeline.js';
import { buildReport, type ThemesReport } from '../src/report/index.js';
import type { RecordItem } from '../src/types.js';

export const SHIPPED_ALIASES = readFileSync(new URL('../data/aliases.tsv', import.meta.url), 'utf8');

/** A coroner's procedural opening, and concerns on six unrelated topics it opens in every source: boilerplate by construction. */
export const PROCEDURAL_PREAMBLE = 'During the course of the inquest the evidence revealed matters giving rise to concern.';
export const UNRELATED_CONCERNS = [
  'The ligature anchor points on the ward were not removed after the audit.',
  'Ambulance handover delays at the emergency department left crews queueing for hours.',
  'The road junction has no street lighting and the speed limit is too high.',
  'Prison officers were not trained in first aid or in using the defibrillator.',
  'The care home did not record fluid intake for residents with dementia.',
  'Online retailers sell the poison without checking why the buyer wants it.',
];

export function record(id: string, source: string, text: string, extra: Partial<RecordItem> = {}): RecordItem {
  return { id, source, text, year: 2020, recipient: '', status: '', origin: { file: 'test.csv', line: 1 }, ...extra };
}

/** The whole core, as the CLI runs it, without any I/O. */
export function themesReport(records: RecordItem[], overrides: Partial<Options> = {}): ThemesReport {
  const options = { ...DEFAULT_OPTIONS, ...overrides };
  const normaliser = createNormaliser(parseAliasTables([SHIPPED_ALIASES]));
  const analysis = analyse(records, normaliser, options);
  return buildReport(records, analysis, { version: 'test', skipped: 0, options, normaliser });
}

/** Groups as sorted lists of member ids, for comparing partitions. */
export function partition(report: ThemesReport, layer: 'group' | 'theme' = 'group'): string[][] {
  const byLabel = new Map<string, string[]>();
  for (const item of report.items) {
    const key = item[layer];
    byLabel.set(key, [...(byLabel.get(key) ?? []), item.id]);
  }
  return [...byLabel.values()].map((ids) => ids.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
