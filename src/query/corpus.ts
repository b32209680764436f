import { boilerplateSourceFloor, type Action } from '../normalise/index.js';
import type { Normaliser } from '../normalise/tokens.js';
import type { Analysis } from '../pipeline.js';
import type { ThemesReport } from '../report/model.js';
import type { SparseVectors } from '../similarity/index.js';
import type { RecordItem } from '../types.js';

/**
 * Everything a query needs of an analysed collection, and nothing else: what `recdedup index`
 * writes and `query --index` reads back. Built from a run (`corpusFromAnalysis`) or loaded from an
 * index file; a query gives the same results either way.
 */
export interface QueryCorpus {
  /** The settings the collection was analysed with: a query scores by the same rule. */
  parameters: ThemesReport['parameters'];
  /** In id order: record r is row r of `vectors`. */
  records: CorpusRecord[];
  /** The near-duplicate TF-IDF vectors (words and word pairs), with their features and document frequencies. */
  vectors: SparseVectors;
  /** Each record's normalised text, what character similarity compares. */
  texts: string[];
  /** The actions each record asks for, for the opposition guard. */
  actions: Action[][];
  /** Index into `groups` of each record's group. */
  groupOf: Int32Array;
  groups: GroupSummary[];
  /** The collection's boilerplate: whole sentences (keys) and how many sources each was found in, and the floor they were found at. */
  boilerplate: { minSources: number; findings: { key: string; sources: number; repeated?: true }[] };
  /** The alias tables' text (the shipped table first), so the normaliser can be built again. */
  aliasTexts: string[];
  /** How the analysis displayed each word term, where that differs from the term ("organis" → "organisation"). */
  displays: Map<string, string>;
}

export type CorpusRecord = Pick<RecordItem, 'id' | 'source' | 'year' | 'recipient' | 'status' | 'text'>;

/** A group's recurrence, as the themes report shows it. */
export interface GroupSummary {
  id: string;
  label: string;
  size: number;
  /** Distinct sources. */
  sources: number;
  recipients: string[];
  firstYear: number | null;
  lastYear: number | null;
  recurring: boolean;
}

/** A run's analysis and report → the corpus a query reads. */
export function corpusFromAnalysis(analysis: Analysis, report: ThemesReport, normaliser: Normaliser, aliasTexts: readonly string[]): QueryCorpus {
  const groups: GroupSummary[] = [];
  const groupIndex = new Map<string, number>();
  for (const theme of report.themes) {
    for (const g of theme.groups) {
      groupIndex.set(g.id, groups.length);
      groups.push({
        id: g.id,
        label: g.label,
        size: g.size,
        sources: g.sources.length,
        recipients: g.recipients,
        firstYear: g.firstYear,
        lastYear: g.lastYear,
        recurring: g.recurring,
      });
    }
  }
  const groupOfId = new Map(report.items.map((item) => [item.id, groupIndex.get(item.group)!]));
  const { records, vectors, normalised } = analysis;
  const displays = new Map<string, string>();
  for (let id = 0; id < vectors.features.count; id++) {
    if (vectors.features.firstWordOfPair(id) !== undefined) continue;
    const feature = vectors.features.text(id);
    const shown = normaliser.display(feature);
    if (shown !== feature) displays.set(feature, shown);
  }
  const sources = new Set(records.map((r) => r.source)).size;
  return {
    parameters: report.parameters,
    records: records.map(({ id, source, year, recipient, status, text }) => ({ id, source, year, recipient, status, text })),
    vectors,
    texts: normalised.map((item) => item.text),
    actions: normalised.map((item) => item.actions),
    groupOf: Int32Array.from(records, (r) => groupOfId.get(r.id)!),
    groups,
    boilerplate: {
      minSources: boilerplateSourceFloor(report.parameters.boilerplateMinSources, sources),
      findings: analysis.boilerplate.map(({ key, sources, repeated }) => ({ key, sources, ...(repeated ? { repeated } : {}) })),
    },
    aliasTexts: [...aliasTexts],
    displays,
  };
}
