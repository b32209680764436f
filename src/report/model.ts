import { hash } from 'node:crypto';
import { centralMemberOf, centralSentence, classKeywords, groupWeights, sharedTerms, type GroupWeights } from '../cluster/index.js';
import { sentencesOf, withoutListMarker } from '../normalise/index.js';
import { sentenceKey } from '../normalise/boilerplate.js';
import { withoutFurniture } from '../normalise/furniture.js';
import type { Baseline } from '../history/baseline.js';
import { traceGroups, type ChangesSinceBaseline } from '../history/changes.js';
import { traceLineage, type Change, type Lineage } from '../history/lineage.js';
import type { Normaliser } from '../normalise/tokens.js';
import type { Options } from '../options.js';
import { ANALYSIS_OPTION_KEYS, type Analysis, type AnalysisSettings, type GroupedAnalysis } from '../pipeline.js';
import type { RecordItem } from '../types.js';
import type { OverridesSummary } from '../overrides/types.js';
import { compareCodeUnits } from '../order.js';

/** The JSON report of CONTRACT.md (schemaVersion 1), plus documented extensions. */
export interface ThemesReport {
  schemaVersion: 1;
  tool: { name: 'recdedup'; version: string };
  /** The settings that decide the result (never output settings such as --out or colour). */
  parameters: AnalysisSettings & { minSources: number };
  stats: { items: number; sources: number; groups: number; recurringGroups: number; themes: number; skipped: number; boilerplateItems: number };
  /** With --baseline: what changed since the earlier report (extension). */
  changes?: ChangesSinceBaseline;
  themes: ReportTheme[];
  items: { id: string; group: string; theme: string }[];
  /** Sentences removed as boilerplate, with how many sources they were found in (extension). */
  boilerplate: { text: string; sources: number; contextSimilarity: number; repeated?: true }[];
  /** What an overrides file changed (extension; only when one was given). */
  overrides?: OverridesSummary;
}

export interface ReportTheme {
  id: string;
  /** With --baseline: how the theme relates to the earlier report's themes, and which it came from. */
  change?: Change;
  previous?: string[];
  label: string;
  keywords: string[];
  size: number;
  recurringGroups: number;
  sources: string[];
  firstYear: number | null;
  lastYear: number | null;
  groups: ReportGroup[];
}

export interface ReportGroup {
  id: string;
  /** With --baseline: how the group relates to the earlier report's groups, and which it came from. */
  change?: Change;
  previous?: string[];
  label: string;
  size: number;
  recurring: boolean;
  sources: string[];
  recipients: string[];
  statuses: string[];
  firstYear: number | null;
  lastYear: number | null;
  /** Terms most shared by the members: why they were grouped (extension). */
  sharedTerms: string[];
  members: ReportMember[];
  /** Present, and true, when every member is nothing but boilerplate: kept so every item is listed, never a concern (extension). */
  boilerplateOnly?: true;
}

/** A member as the contract shows it: the record's fields, and how close it is to the group's central member. */
export type ReportMember = Pick<RecordItem, 'id' | 'source' | 'year' | 'recipient' | 'status' | 'text'> & { similarity: number };

export interface ReportContext {
  version: string;
  skipped: number;
  /** The analysis's own settings come with it (Analysis.settings); of the rest, the report needs this. */
  options: Pick<Options, 'minSources'>;
  normaliser: Normaliser;
  /** An earlier report to carry ids forward from and compare with. */
  baseline?: Baseline;
  /** The analysis's groups as buildGroups made them (while the theme layer was still being searched); made here if absent. */
  groups?: readonly ReportGroup[];
}

const KEYWORDS = 5;
const LABEL_KEYWORDS = 3;
const SHARED_TERMS = 6;
const LABEL_CHARS = 120;

/** Input-order records and the analysis → the report; ids come from member ids, so they are stable. */
export function buildReport(inputOrder: readonly RecordItem[], analysis: Analysis, context: ReportContext): ThemesReport {
  const { records, clustering, vectors, normaliser } = { ...analysis, normaliser: context.normaliser };
  const minSources = context.options.minSources;
  const built = context.groups ?? buildGroups(analysis.clustering.groups, analysis, normaliser, minSources);
  const traced = context.baseline ? traceGroups(built.map(memberIdsOf), context.baseline, (_ids, g) => built[g].id) : undefined;
  const groups = traced ? built.map((group, g) => withLineage(group, traced.lineage[g])) : built;
  const keywords = classKeywords(
    vectors,
    clustering.themes.map((gs) => gs.flatMap((g) => clustering.groups[g])),
    KEYWORDS,
  );
  const builtThemes = clustering.themes.map((groupIndexes, t) => buildTheme(groupIndexes.map((g) => groups[g]), keywords[t], normaliser));
  const themes = context.baseline ? themesWithLineage(builtThemes, context.baseline) : builtThemes;
  themes.sort(byRecurrence);

  const placement = new Map<string, ThemesReport['items'][number]>();
  for (const theme of themes) for (const group of theme.groups) for (const m of group.members) placement.set(m.id, { id: m.id, group: group.id, theme: theme.id });
  const items = inputOrder.map((r) => placement.get(r.id)!);

  return {
    schemaVersion: 1,
    tool: { name: 'recdedup', version: context.version },
    parameters: reportParameters(analysis.settings, context.options.minSources),
    stats: {
      items: records.length,
      sources: new Set(records.map((r) => r.source)).size,
      groups: groups.length,
      recurringGroups: groups.filter((g) => g.recurring).length,
      themes: themes.length,
      skipped: context.skipped,
      boilerplateItems: analysis.normalised.filter((n) => n.boilerplateOnly).length,
    },
    ...(traced ? { changes: traced.changes } : {}),
    themes,
    items,
    boilerplate: analysis.boilerplate
      .map((b) => ({ text: b.example, sources: b.sources, contextSimilarity: round(b.contextSimilarity), ...(b.repeated ? { repeated: b.repeated } : {}) }))
      .sort((p, q) => q.sources - p.sources || compare(p.text, q.text)),
  };
}

function memberIdsOf(group: ReportGroup): { members: string[]; recurring: boolean } {
  return { members: group.members.map((m) => m.id), recurring: group.recurring };
}

/** The traced id replaces the derived one; change and origin follow it, ahead of the other fields. */
function withLineage<T extends ReportGroup | ReportTheme>(set: T, lineage: Lineage): T {
  const { id: _derived, ...rest } = set;
  return { id: lineage.id, change: lineage.change, previous: lineage.previous, ...rest } as T;
}

function themesWithLineage(themes: ReportTheme[], baseline: Baseline): ReportTheme[] {
  const members = themes.map((theme) => theme.groups.flatMap((g) => g.members.map((m) => m.id)));
  const lineage = traceLineage(members, baseline.themes, (_ids, t) => themes[t].id);
  return themes.map((theme, t) => withLineage(theme, lineage[t]));
}

/**
 * The settings that decide the result, and only those: where the report was written, its format
 * or colour must not change its bytes (CI jobs diff these files).
 */
function reportParameters(settings: AnalysisSettings, minSources: number): ThemesReport['parameters'] {
  const all = { ...settings, minSources };
  // The contract's three come first, in its order.
  const keys = ['threshold', 'themeThreshold', 'minSources', ...ANALYSIS_OPTION_KEYS.filter((k) => k !== 'threshold' && k !== 'themeThreshold')] as const;
  return Object.fromEntries(keys.map((key) => [key, all[key]])) as ThemesReport['parameters'];
}

/** Each group's part of the report: it needs the groups only, not the themes they will fall into. */
export function buildGroups(groups: readonly (readonly number[])[], analysis: GroupedAnalysis | Analysis, normaliser: Normaliser, minSources: number): ReportGroup[] {
  const boilerplateKeys = new Set(analysis.boilerplate.map((finding) => finding.key));
  return groups.map((members) => buildGroup(members, analysis, normaliser, minSources, boilerplateKeys));
}

function buildGroup(
  members: readonly number[],
  analysis: GroupedAnalysis | Analysis,
  normaliser: Normaliser,
  minSources: number,
  boilerplateKeys: ReadonlySet<string>,
): ReportGroup {
  const { records, scorer, vectors } = analysis;
  const medoid = centralMemberOf(members, vectors, (a, b) => scorer(a, b).score);
  const rows = members.map((doc) => toMember(records[doc], doc === medoid ? 1 : scorer(medoid, doc).score));
  rows.sort(byMemberOrder);
  const sources = distinctSorted(rows.map((m) => m.source));
  const boilerplateOnly = members.every((doc) => analysis.normalised[doc].boilerplateOnly);
  // One map of the group's shared features serves both the label and the shared terms.
  const weights = groupWeights(vectors, members);
  return {
    id: stableId('g', rows.map((m) => m.id)),
    label: excerpt(labelOf(medoid, weights, analysis, normaliser, boilerplateKeys), LABEL_CHARS),
    size: rows.length,
    recurring: !boilerplateOnly && sources.length >= minSources,
    sources,
    recipients: distinctSorted(rows.flatMap((m) => splitRecipients(m.recipient))),
    statuses: distinctSorted(rows.map((m) => m.status).filter(Boolean)),
    ...yearSpan(rows.map((m) => m.year)),
    sharedTerms: sharedTerms(vectors, members, SHARED_TERMS, weights).map((f) => displayFeature(f, normaliser)),
    members: rows,
    ...(boilerplateOnly ? { boilerplateOnly: true as const } : {}),
  };
}

/**
 * The medoid's sentence that carries most of what the group shares; the whole text if none does.
 * Its sentences' terms are the analysis's own (the same split of the same text). The list marker
 * it opens with, and a caption in front of it that the run found to be boilerplate, are cut.
 */
function labelOf(
  medoid: number,
  weights: GroupWeights,
  analysis: GroupedAnalysis | Analysis,
  normaliser: Normaliser,
  boilerplateKeys: ReadonlySet<string>,
): string {
  const text = analysis.records[medoid].text;
  const sentences = sentencesOf(text).map(withoutFurniture);
  const { sentenceTerms } = analysis;
  const numbers = sentenceTerms.numbersOf(medoid);
  const central = centralSentence(sentences, (i) => weights.ofNumberedSentence(numbers[i], sentenceTerms.vocabulary), weights) ?? text;
  return withoutCaption(withoutListMarker(central), (caption) => boilerplateKeys.has(sentenceKey(normaliser.lookupTerms(caption))));
}

/** A bracketed lead-in, "(brief summary of matters of concern)" or "[BRIEF SUMMARY …]", and the space after it. */
const CAPTION = /^\s*[([]([^()[\]]{1,100})[)\]]\s+(?=\S)/;

/**
 * The label without a form's caption in front of it, when the caption is boilerplate the run
 * found: a form field's prompt that a sentence runs on from, not what the group says.
 */
function withoutCaption(label: string, isBoilerplate: (caption: string) => boolean): string {
  const caption = CAPTION.exec(label);
  return caption && isBoilerplate(caption[1]) ? label.slice(caption[0].length) : label;
}

function buildTheme(groups: ReportGroup[], keywords: string[], normaliser: Normaliser): ReportTheme {
  groups.sort(byGroupRank);
  const members = groups.flatMap((g) => g.members);
  const shown = keywords.map((k) => displayFeature(k, normaliser));
  return {
    id: stableId('t', members.map((m) => m.id)),
    label: shown.slice(0, LABEL_KEYWORDS).join(', ') || groups[0].label,
    keywords: shown,
    size: members.length,
    recurringGroups: groups.filter((g) => g.recurring).length,
    sources: distinctSorted(members.map((m) => m.source)),
    ...yearSpan(members.map((m) => m.year)),
    groups,
  };
}

/** A group's members: by year (unknown last), source, id. */
export function byMemberOrder(p: ReportMember, q: ReportMember): number {
  return yearOrder(p.year, q.year) || compare(p.source, q.source) || compare(p.id, q.id);
}

/** A theme's groups: recurring ones first; then by sources, size, id. */
export function byGroupRank(p: ReportGroup, q: ReportGroup): number {
  return Number(q.recurring) - Number(p.recurring) || q.sources.length - p.sources.length || q.size - p.size || compare(p.id, q.id);
}

/** Themes that recur across the most sources first; then by recurring groups, size, id. */
export function byRecurrence(p: ReportTheme, q: ReportTheme): number {
  return q.sources.length - p.sources.length || q.recurringGroups - p.recurringGroups || q.size - p.size || compare(p.id, q.id);
}

function toMember(record: RecordItem, similarity: number): ReportMember {
  const { id, source, year, recipient, status, text } = record;
  return { id, source, year, recipient, status, text, similarity: round(similarity) };
}

/** A hash of the sorted member ids: the same members give the same id on any machine, in any run. */
export function stableId(prefix: string, memberIds: readonly string[]): string {
  // The one-shot hash: a group's id is a short string, and there are as many ids as groups.
  const digest = hash('sha256', [...memberIds].sort(compare).join('\n'), 'hex');
  return `${prefix}-${digest.slice(0, 12)}`;
}

export function splitRecipients(recipient: string): string[] {
  return recipient.split(/\s*[|;]\s*/).map((r) => r.trim()).filter(Boolean);
}

function displayFeature(feature: string, normaliser: Normaliser): string {
  return feature.split(' ').map((term) => normaliser.display(term)).join(' ');
}

/** The first sentence-ish run of a text, cut at a word boundary. */
export function excerpt(text: string, max: number): string {
  const flat = text.slice(0, max * 2 + 200).replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** A loop rather than Math.min(...years): a theme can hold more members than a call takes arguments. */
export function yearSpan(years: readonly (number | null)[]): { firstYear: number | null; lastYear: number | null } {
  let firstYear: number | null = null;
  let lastYear: number | null = null;
  for (const year of years) {
    if (year === null) continue;
    if (firstYear === null || year < firstYear) firstYear = year;
    if (lastYear === null || year > lastYear) lastYear = year;
  }
  return { firstYear, lastYear };
}

export function yearOrder(a: number | null, b: number | null): number {
  return (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER);
}

export function distinctSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compare);
}

export const compare = compareCodeUnits;

export function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
