import { UsageError } from '../errors.js';
import type { Warning } from '../types.js';
import { compareIds } from '../pipeline.js';

/**
 * An earlier run's JSON report, reduced to what comparing runs needs: which items each group and
 * theme held, and which groups were recurring.
 */
export interface Baseline {
  groups: BaselineSet[];
  themes: BaselineSet[];
  items: number;
  /** The earlier run's `parameters`, as it wrote them (an empty object when it wrote none). */
  parameters: Record<string, unknown>;
}

export interface BaselineSet {
  id: string;
  members: string[];
  recurring: boolean;
  label: string;
}

/** Reads a `themes --format json` report. Anything else is a usage error naming the file. */
export function parseBaseline(text: string, file: string): Baseline {
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not a JSON report (${error instanceof Error ? error.message : String(error)})`);
  }
  const fail = (what: string): never => {
    throw new UsageError(`${file}: not a recdedup themes report (${what}); make the baseline with \`recdedup themes … --format json\``);
  };
  if (!isObject(report)) return fail('not an object');
  if (report.schemaVersion !== 1) return fail(`schemaVersion ${JSON.stringify(report.schemaVersion)}, expected 1`);
  if (!Array.isArray(report.items)) return fail('no items list');
  if (!Array.isArray(report.themes)) return fail('no themes list');

  const groupMembers = new Map<string, string[]>();
  const themeMembers = new Map<string, string[]>();
  report.items.forEach((item: unknown, i: number) => {
    if (!isObject(item) || typeof item.id !== 'string' || typeof item.group !== 'string' || typeof item.theme !== 'string') {
      return fail(`items[${i}] needs string id, group and theme`);
    }
    memberList(groupMembers, item.group).push(item.id);
    memberList(themeMembers, item.theme).push(item.id);
  });
  const groupFacts = new Map<string, { recurring: boolean; label: string }>();
  const themeLabels = new Map<string, string>();
  report.themes.forEach((theme: unknown, t: number) => {
    if (!isObject(theme) || typeof theme.id !== 'string' || !Array.isArray(theme.groups)) return fail(`themes[${t}] needs an id and groups`);
    themeLabels.set(theme.id, typeof theme.label === 'string' ? theme.label : '');
    theme.groups.forEach((group: unknown, g: number) => {
      if (!isObject(group) || typeof group.id !== 'string') return fail(`themes[${t}].groups[${g}] needs an id`);
      groupFacts.set(group.id, { recurring: group.recurring === true, label: typeof group.label === 'string' ? group.label : '' });
    });
  });
  const sets = (members: Map<string, string[]>, facts: (id: string) => { recurring: boolean; label: string }) =>
    [...members].map(([id, ids]) => ({ id, members: ids, ...facts(id) })).sort((p, q) => compareIds(p.id, q.id));
  return {
    groups: sets(groupMembers, (id) => groupFacts.get(id) ?? { recurring: false, label: '' }),
    themes: sets(themeMembers, (id) => ({ recurring: false, label: themeLabels.get(id) ?? '' })),
    items: report.items.length,
    parameters: isObject(report.parameters) ? report.parameters : {},
  };
}

/**
 * The settings this run and the baseline's run disagree on, as one warning line (none when they
 * agree). Groups formed under another cut, weight or text unit differ for that alone, so "new",
 * "merged" and "split" would then say more about the settings than about the data. Only settings
 * both reports name are compared: a report written before a setting existed says nothing of it.
 */
export function settingsChangedSince(baseline: Baseline, parameters: Readonly<Record<string, unknown>>, file: string): Warning[] {
  const changed = Object.keys(parameters).filter((key) => key in baseline.parameters && baseline.parameters[key] !== parameters[key]);
  if (changed.length === 0) return [];
  const list = (values: Readonly<Record<string, unknown>>) => changed.map((key) => `${key} ${String(values[key])}`).join(', ');
  return [{ message: `${file} was made with ${list(baseline.parameters)}; this run has ${list(parameters)}, so some changes since it come from the settings, not the data` }];
}

function memberList(lists: Map<string, string[]>, id: string): string[] {
  let list = lists.get(id);
  if (!list) lists.set(id, (list = []));
  return list;
}

function isObject(value: unknown): value is Record<string, unknown> & { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
