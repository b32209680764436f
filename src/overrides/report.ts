import { byGroupRank, byMemberOrder, byRecurrence, distinctSorted, round, splitRecipients, yearSpan, type ReportGroup, type ReportTheme, type ThemesReport } from '../report/model.js';
import type { Warning } from '../types.js';
import type { ResolvedLinks } from './links.js';
import type { EntryPosition, Overrides, PinEntry } from './parse.js';
import type { OverridesSummary } from './types.js';

/** What applying pins needs from the analysis; the function itself stays pure. */
export interface ReportOverridesContext {
  /** The links that took effect in the clustering (pins must not undo them) and their summary. */
  links: ResolvedLinks;
  /** A moved item's similarity (0..1) to the central member of the group it is pinned to. */
  similarity: (itemId: string, group: ReportGroup) => number;
  /** Was the item nothing but boilerplate? A group of only such items never recurs. */
  boilerplateOnly: (itemId: string) => boolean;
}

/**
 * Pins and renames, applied to a built report: ids were assigned before, from the grouping, and
 * stay as they are (a pinned item's old and new group keep their ids). A pin moves one item into
 * the named group and recomputes both groups' size, sources, recipients, statuses, years and
 * recurring flag, their themes' figures, the order of groups and themes, the stats and the
 * item's placement; a group or theme left empty is dropped. A pin that would separate a
 * must-linked pair or join a cannot-linked one is skipped, as is one naming an unknown item or
 * group (each with a warning). A rename replaces a group's or theme's label. The input report is
 * not changed; the result carries an `overrides` summary.
 */
export function applyReportOverrides(report: ThemesReport, overrides: Overrides, context: ReportOverridesContext): { report: ThemesReport; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const warn = (at: EntryPosition, message: string) => warnings.push({ message: `${overrides.file}:${at.line}:${at.column}: ${message}` });

  // Copies of everything a pin or rename may change; members themselves are never changed.
  const themes = report.themes.map((t) => ({ ...t, groups: t.groups.map((g) => ({ ...g, members: [...g.members] })) }));
  const groupById = new Map<string, ReportGroup>();
  const themeOfGroup = new Map<string, ReportTheme>();
  const originalGroup = new Map<string, ReportGroup>();
  for (const theme of report.themes) for (const group of theme.groups) originalGroup.set(group.id, group);
  for (const theme of themes) {
    for (const group of theme.groups) {
      groupById.set(group.id, group);
      themeOfGroup.set(group.id, theme);
    }
  }
  const groupOfItem = new Map(report.items.map((item) => [item.id, item.group]));

  const moves = checkedPins(overrides, groupOfItem, groupById, context.links, warn);
  const rename = renameAll(overrides, themes, groupById, warn);

  const touchedThemes = new Set<ReportTheme>();
  for (const move of moves) {
    if (move.from === move.to) continue;
    const [from, to] = [groupById.get(move.from)!, groupById.get(move.to)!];
    const at = from.members.findIndex((m) => m.id === move.item);
    const [member] = from.members.splice(at, 1);
    to.members.push({ ...member, similarity: round(context.similarity(move.item, originalGroup.get(move.to)!)) });
    for (const group of [from, to]) {
      refreshGroup(group, report.parameters.minSources, context.boilerplateOnly);
      touchedThemes.add(themeOfGroup.get(group.id)!);
    }
  }
  for (const theme of touchedThemes) refreshTheme(theme);
  const kept = themes.filter((t) => t.groups.length > 0).sort(byRecurrence);

  const placement = new Map<string, { group: string; theme: string }>();
  for (const move of moves) placement.set(move.item, { group: move.to, theme: themeOfGroup.get(move.to)!.id });
  const items = report.items.map((item) => (placement.has(item.id) ? { id: item.id, ...placement.get(item.id)! } : item));
  const groups = kept.flatMap((t) => t.groups);

  const summary: OverridesSummary = {
    ...context.links.summary,
    pin: { applied: moves.length, skipped: overrides.pin.length - moves.length, items: moves.map((m) => ({ id: m.item, from: m.from, to: m.to })) },
    rename,
  };
  return {
    report: {
      ...report,
      stats: { ...report.stats, groups: groups.length, recurringGroups: groups.filter((g) => g.recurring).length, themes: kept.length },
      themes: kept,
      items,
      overrides: summary,
    },
    warnings,
  };
}

interface Move {
  item: string;
  from: string;
  to: string;
  entry: PinEntry;
}

/**
 * The pins that can take effect. After unknown ids are dropped, pins are checked against the links
 * with every other pin in place; a pin that breaks one is dropped, and the check runs again (one
 * dropped pin can leave another breaking a link) until no pin breaks any.
 */
function checkedPins(
  overrides: Overrides,
  groupOfItem: ReadonlyMap<string, string>,
  groupById: ReadonlyMap<string, ReportGroup>,
  links: ResolvedLinks,
  warn: (at: EntryPosition, message: string) => void,
): Move[] {
  let moves: Move[] = [];
  for (const entry of overrides.pin) {
    const from = groupOfItem.get(entry.item);
    if (from === undefined) warn(entry.at, `unknown item id "${entry.item}" in pin; skipped`);
    else if (!groupById.has(entry.group)) warn(entry.at, `unknown group id "${entry.group}" in pin (ids as in the report built without pins); skipped`);
    else moves.push({ item: entry.item, from, to: entry.group, entry });
  }
  const partners = new Map<string, { other: string; must: boolean }[]>();
  const addPartner = (a: string, b: string, must: boolean) => partners.set(a, [...(partners.get(a) ?? []), { other: b, must }]);
  for (const [a, b] of links.constraints.mustLink) {
    addPartner(a, b, true);
    addPartner(b, a, true);
  }
  for (const [a, b] of links.constraints.cannotLink) {
    addPartner(a, b, false);
    addPartner(b, a, false);
  }

  for (let dropped = true; dropped; ) {
    dropped = false;
    const finalGroup = new Map(moves.map((m) => [m.item, m.to]));
    const groupAfter = (id: string) => finalGroup.get(id) ?? groupOfItem.get(id);
    moves = moves.filter((move) => {
      const broken = (partners.get(move.item) ?? []).find(({ other, must }) => (groupAfter(other) === move.to) !== must);
      if (!broken) return true;
      const why = broken.must ? `would separate it from "${broken.other}", which mustLink keeps with it` : `would put it with "${broken.other}", which cannotLink keeps apart`;
      warn(move.entry.at, `pin of "${move.item}" to ${move.to} ${why}; skipped`);
      dropped = true;
      return false;
    });
  }
  return moves;
}

function renameAll(
  overrides: Overrides,
  themes: readonly ReportTheme[],
  groupById: ReadonlyMap<string, ReportGroup>,
  warn: (at: EntryPosition, message: string) => void,
): OverridesSummary['rename'] {
  const themeById = new Map(themes.map((t) => [t.id, t]));
  const labels: { id: string; label: string }[] = [];
  for (const entry of overrides.rename) {
    const target = groupById.get(entry.id) ?? themeById.get(entry.id);
    if (!target) {
      warn(entry.at, `unknown group or theme id "${entry.id}" in rename; skipped`);
      continue;
    }
    target.label = entry.label;
    labels.push({ id: entry.id, label: entry.label });
  }
  return { applied: labels.length, skipped: overrides.rename.length - labels.length, labels };
}

/** A group's figures from its members, as buildReport derives them; its label, id and shared terms stay. */
function refreshGroup(group: ReportGroup, minSources: number, boilerplateOnly: (id: string) => boolean): void {
  group.members.sort(byMemberOrder);
  group.size = group.members.length;
  group.sources = distinctSorted(group.members.map((m) => m.source));
  group.recipients = distinctSorted(group.members.flatMap((m) => splitRecipients(m.recipient)));
  group.statuses = distinctSorted(group.members.map((m) => m.status).filter(Boolean));
  Object.assign(group, yearSpan(group.members.map((m) => m.year)));
  const onlyBoilerplate = group.size > 0 && group.members.every((m) => boilerplateOnly(m.id));
  group.recurring = group.size > 0 && !onlyBoilerplate && group.sources.length >= minSources;
  if (onlyBoilerplate) group.boilerplateOnly = true;
  else delete group.boilerplateOnly;
}

/** A theme's figures from its groups, with empty groups dropped; its label, id and keywords stay. */
function refreshTheme(theme: ReportTheme): void {
  theme.groups = theme.groups.filter((g) => g.size > 0).sort(byGroupRank);
  const members = theme.groups.flatMap((g) => g.members);
  theme.size = members.length;
  theme.recurringGroups = theme.groups.filter((g) => g.recurring).length;
  theme.sources = distinctSorted(members.map((m) => m.source));
  Object.assign(theme, yearSpan(members.map((m) => m.year)));
}
