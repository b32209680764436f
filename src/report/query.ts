import { Chalk } from 'chalk';
import type { QueryCorpus } from '../query/corpus.js';
import { COVERAGE_WEIGHT, type QueryResult } from '../query/search.js';
import { distinctSorted, excerpt, round, splitRecipients, yearSpan } from './model.js';
import { plural } from './select.js';

/** `query --format json`: the contract's fields first, then extensions (documented in the README). */
export interface QueryReport {
  query: string;
  results: QueryReportRow[];
  /** The settings the scores were made with (the index's, when read from one), the share of a score that is coverage, and the --top asked for. */
  parameters: QueryCorpus['parameters'] & { coverageWeight: number; top: number };
  stats: { items: number; matched: number; rescored: number };
  /** The answer to "has this been recommended before?": the items the text would be grouped with. */
  madeBefore: MadeBefore;
}

/** The items whose pair score with the text reaches the threshold (those it would be grouped with), listed or not, summed up. */
export interface MadeBefore {
  /** How many items (0: none reaches the threshold, though one may say the same in other words). */
  nearDuplicates: number;
  ids: string[];
  /** Distinct sources among them. */
  sources: number;
  firstYear: number | null;
  lastYear: number | null;
  recipients: string[];
  /** The highest pair score of any item with the text: how near the nearest came to the threshold. */
  highestPairScore: number;
}

export interface QueryReportRow {
  id: string;
  /** What the results are ranked by: the pair score blended with the coverage of the query (see search.ts). */
  score: number;
  source: string;
  year: number | null;
  recipient: string;
  /** The id of the item's group in the themes report made with the same settings. */
  group: string;
  text: string;
  sharedTerms: string[];
  status: string;
  /** The grouping's pair score: at or above the threshold, the two would be grouped. */
  pairScore: number;
  /** The share of the query's weight on words the item holds. */
  coverage: number;
  cosine: number;
  chars: number;
  penalty: number;
  groupLabel: string;
  groupSize: number;
  /** Distinct sources of the group. */
  groupSources: number;
  /** The group's first and last years. */
  firstYear: number | null;
  lastYear: number | null;
  /** Everyone the group's members were addressed to. */
  recipients: string[];
  recurring: boolean;
  /** "made 4 times across 3 sources since 2016, to NHS England and DHSC". */
  recurrence: string;
}

export function buildQueryReport(query: string, corpus: QueryCorpus, result: QueryResult, top: number): QueryReport {
  return {
    query,
    results: result.hits.map((hit) => {
      const record = corpus.records[hit.doc];
      const group = corpus.groups[corpus.groupOf[hit.doc]];
      return {
        id: record.id,
        score: round(hit.score),
        source: record.source,
        year: record.year,
        recipient: record.recipient,
        group: group.id,
        text: record.text,
        sharedTerms: hit.sharedTerms,
        status: record.status,
        pairScore: round(hit.pairScore),
        coverage: round(hit.coverage),
        cosine: round(hit.cosine),
        chars: round(hit.chars),
        penalty: round(hit.penalty),
        groupLabel: group.label,
        groupSize: group.size,
        groupSources: group.sources,
        firstYear: group.firstYear,
        lastYear: group.lastYear,
        recipients: group.recipients,
        recurring: group.recurring,
        recurrence: recurrenceLine(group),
      };
    }),
    parameters: { ...corpus.parameters, coverageWeight: COVERAGE_WEIGHT, top },
    stats: { items: corpus.records.length, matched: result.matched, rescored: result.rescored },
    madeBefore: madeBeforeOf(result.nearDuplicates.map((doc) => corpus.records[doc]), result.highestPairScore),
  };
}

function madeBeforeOf(items: readonly QueryCorpus['records'][number][], highestPairScore: number): MadeBefore {
  return {
    nearDuplicates: items.length,
    ids: items.map((item) => item.id),
    sources: new Set(items.map((item) => item.source)).size,
    ...yearSpan(items.map((item) => item.year)),
    recipients: distinctSorted(items.flatMap((item) => splitRecipients(item.recipient))),
    highestPairScore: round(highestPairScore),
  };
}

/** One line that answers the question: made before (how often, since when, to whom), or no near-duplicate found. */
export function madeBeforeLine(madeBefore: MadeBefore, threshold: number): string {
  if (madeBefore.nearDuplicates === 0) {
    // Not "not made before": a paraphrase in other words can score well below the threshold.
    return `No near-duplicate: no item reaches a pair score of ${threshold} (the highest is ${madeBefore.highestPairScore.toFixed(4)}); the nearest below may still make the same point in other words.`;
  }
  return `Made before: ${howOften({ size: madeBefore.nearDuplicates, ...madeBefore })} (pair score ${threshold} or more).`;
}

/** How often a group's recommendation was made, since when and to whom, in words. */
export function recurrenceLine(group: Recurrence): string {
  return `made ${howOften(group)}`;
}

type Recurrence = { size: number; sources: number; firstYear: number | null; lastYear: number | null; recipients: readonly string[] };

/** "4 times across 3 sources since 2016, to DHSC and NHS England": recurrenceLine without its verb. */
function howOften(group: Recurrence): string {
  const parts = [group.size === 1 ? 'once' : group.size === 2 ? 'twice' : `${group.size} times`];
  if (group.size > 1 && group.sources > 1) parts.push(`across ${plural(group.sources, 'source')}`);
  else if (group.size > 1) parts.push('in one source');
  if (group.firstYear !== null) parts.push(group.firstYear === group.lastYear ? `in ${group.firstYear}` : `since ${group.firstYear}`);
  let line = parts.join(' ');
  if (group.recipients.length > 0) line += `, to ${listed(group.recipients, RECIPIENTS_SHOWN)}`;
  return line;
}

const RECIPIENTS_SHOWN = 3;
const TEXT_CHARS = 240;
const QUERY_CHARS = 120;
const LABEL_CHARS = 80;

/** "A", "A and B", "A, B and C", "A, B, C and 2 others". */
function listed(names: readonly string[], shown: number): string {
  if (names.length <= shown) return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const rest = names.length - shown;
  return `${names.slice(0, shown).join(', ')} and ${plural(rest, 'other')}`;
}

/**
 * Readable at a terminal; only this renderer knows colour. Results with the same text as one
 * listed above them (one report sent to several bodies, captured once for each) are named under
 * it rather than shown again: the list says each thing once.
 */
export function renderQueryTerminal(report: QueryReport, settings: { color: boolean }): string {
  const c = new Chalk({ level: settings.color ? 1 : 0 });
  const { stats, parameters } = report;
  const entries = withCopiesFolded(report.results);
  const folded = entries.length < report.results.length ? ` (${plural(entries.length, 'different text')}; copies are listed under the first)` : '';
  const out = [
    c.bold(`Nearest existing recommendations to “${excerpt(report.query, QUERY_CHARS)}”`),
    c.dim(
      `${plural(report.results.length, 'result')}${folded} · ${plural(stats.matched, 'item')} of ${stats.items.toLocaleString('en-GB')} share a term with it · ` +
        `ranked by pair score and how much of the query each covers · a pair score of ${parameters.threshold} or more would group them`,
    ),
  ];
  if (report.results.length === 0) out.push('', 'No existing item shares a term with this text.');
  else out.push('', c.bold(madeBeforeLine(report.madeBefore, parameters.threshold)));
  const width = String(entries.length).length;
  entries.forEach(({ row: r, copies }, i) => {
    const score = r.score.toFixed(4);
    const mark = r.pairScore >= parameters.threshold ? ` ${c.yellow('near-duplicate')}` : '';
    const indent = ' '.repeat(width + 2);
    out.push('', `${c.bold(`${String(i + 1).padStart(width)}.`)} ${c.bold(score)}${mark}  ${c.green(r.id)} ${c.dim(factsOf(r).join(' · '))}`);
    out.push(`${indent}${excerpt(r.text, TEXT_CHARS)}`);
    if (copies.length > 0) out.push(`${indent}${c.dim('the same text also as:')} ${copies.map((copy) => `${c.green(copy.id)} ${c.dim(`(${factsOf(copy).join(' · ')})`)}`).join(', ')}`);
    const measures = `pair score ${r.pairScore.toFixed(4)}, covers ${Math.round(100 * r.coverage)} % of the query`;
    out.push(c.dim(`${indent}${r.sharedTerms.length > 0 ? `why: ${r.sharedTerms.join(', ')} · ` : ''}${measures}`));
    const recurrence = r.recurring ? c.yellow(r.recurrence) : r.recurrence;
    out.push(`${indent}group ${c.cyan(r.group)}: ${recurrence}${r.groupSize > 1 ? c.dim(` — ${excerpt(r.groupLabel, LABEL_CHARS)}`) : ''}`);
  });
  return `${out.join('\n')}\n`;
}

function factsOf(row: QueryReportRow): string[] {
  return [row.source, row.year === null ? '' : String(row.year), row.recipient ? `to ${row.recipient}` : '', row.status].filter(Boolean);
}

/** The results in their order, each text once: a result whose text is one listed above goes under that one. */
function withCopiesFolded(rows: readonly QueryReportRow[]): { row: QueryReportRow; copies: QueryReportRow[] }[] {
  const entries: { row: QueryReportRow; copies: QueryReportRow[] }[] = [];
  const byText = new Map<string, QueryReportRow[]>();
  for (const row of rows) {
    const copies = byText.get(row.text);
    if (copies) {
      copies.push(row);
      continue;
    }
    const entry = { row, copies: [] as QueryReportRow[] };
    byText.set(row.text, entry.copies);
    entries.push(entry);
  }
  return entries;
}

export function renderQueryJson(report: QueryReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
