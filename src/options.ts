import { UsageError } from './errors.js';
import type { ColumnMapping } from './types.js';

export const FAIL_CONDITIONS = ['new-recurring'] as const;
export type FailCondition = (typeof FAIL_CONDITIONS)[number];

export const OUTPUT_FORMATS = ['terminal', 'markdown', 'json', 'csv', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What an item of the input is: a passage of one or more sentences, or a single sentence. */
export const TEXT_UNITS = ['auto', 'paragraph', 'sentence'] as const;
export type TextUnitSetting = (typeof TEXT_UNITS)[number];
export type TextUnit = Exclude<TextUnitSetting, 'auto'>;

/**
 * The near-duplicate cut and character weight each text unit takes unless --threshold or
 * --char-weight says otherwise. Two sentences share few terms, so a few shared words make a high
 * word cosine by chance: single sentences need a higher cut, and character trigrams — which see
 * the function words, numbers, names and word forms that terms leave out — count for more
 * (chosen on MRPC train, bench/quality.md).
 */
export const TEXT_UNIT_DEFAULTS: Readonly<Record<TextUnit, Readonly<{ threshold: number; charWeight: number }>>> = Object.freeze({
  paragraph: Object.freeze({ threshold: 0.35, charWeight: 0.3 }),
  sentence: Object.freeze({ threshold: 0.53, charWeight: 0.8 }),
});

/**
 * A collection is read as sentences when at least this share of its items with content are one
 * sentence. Lists of one-line recommendations and paraphrase sets are (MRPC 0.90, STS-B 0.96);
 * concerns split from reports are not, whichever part of them is taken (the PFD concerns 0.38 in
 * all, 0.30–0.52 year by year, 0.41 in their first 3,000 rows).
 */
export const SENTENCE_COLLECTION_SHARE = 0.8;

/**
 * Every setting of a run, resolved once (defaults < flags). The core reads nothing else: no
 * environment, no globals. Ranges are checked by `validateOptions`.
 */
export interface Options {
  /**
   * Near-duplicate cut: items join one group when their average-link similarity is at least this.
   * 0..1. Default: by the text unit (TEXT_UNIT_DEFAULTS: 0.35 for paragraphs, 0.53 for sentences).
   */
  threshold?: number;
  /**
   * Theme cut: groups join one theme while the mean topic score over all their item pairs is at
   * least this (word cosine × (1 + sharedNeighbourBoost × shared-neighbour share)). 0..1.
   */
  themeThreshold: number;
  /**
   * Theme layer: each item links to at most this many of its most similar items (its topical
   * nearest neighbours); the rest count as 0 in the averages. Keeps theme linkage fast on dense
   * topics. The same lists decide which neighbours two items share. >= 1.
   */
  themeNeighbours: number;
  /**
   * Theme layer: a topic pair's word cosine is multiplied by 1 + this × the share of their
   * themeNeighbours nearest items the two have in common (out of the longer of the two lists, and
   * of at least 10). Items on one topic sit in the same
   * crowd; items sharing only generic words do not, whatever their cosine. 0 turns it off. >= 0.
   */
  sharedNeighbourBoost: number;
  /** A group is *recurring* when its members come from at least this many distinct sources. >= 1. */
  minSources: number;
  /**
   * Weight of the character-trigram Dice score in the blended pair score (the rest is word TF-IDF
   * cosine). 0..1. Default: by the text unit (0.3 for paragraphs, 0.8 for sentences).
   */
  charWeight?: number;
  /**
   * What an item is, which sets the defaults of threshold and charWeight: `paragraph`, `sentence`,
   * or `auto` (the default): sentence when at least SENTENCE_COLLECTION_SHARE of the items with
   * content are a single sentence, as in a list of one-line recommendations; else paragraph.
   */
  textUnit: TextUnitSetting;
  /** Weight of adjacent-word (bigram) features relative to single words in the TF-IDF vectors. 0 turns bigrams off. */
  bigramWeight: number;
  /**
   * Share taken off the pair score of two items that ask for opposite actions ("should introduce"
   * / "should not introduce", "increase" / "reduce"), so near-identical wording with opposite asks
   * is not grouped. 0 turns the guard off. 0..1.
   */
  oppositionPenalty: number;
  /**
   * Added to the pair score of two items from different sources in proportion to how far they are
   * addressed to the same bodies (Jaccard overlap of their recipients): the same body told the
   * same thing again is the recurrence this tool looks for. 0 turns it off. 0..1.
   */
  recipientWeight: number;
  /** A sentence recurring in at least this many distinct sources is a boilerplate candidate. >= 2. */
  boilerplateMinSources: number;
  /**
   * A boilerplate candidate is dropped when the sources it appears in are this dissimilar or more:
   * their mean pairwise cosine, with the sentence itself removed, is below this. 0..1.
   */
  boilerplateContextSimilarity: number;
  /** Terms in more than this share of items (or in more than 256 items) are not used as index keys when looking for candidate pairs. 0..1. */
  maxIndexDocShare: number;
  /** Columns to read; unset ones are detected from the header. */
  columns: ColumnMapping;
  /** Which sheet of an .xlsx input to read (default: the first). */
  sheet?: string;
  /** Extra alias file (TSV: canonical, then variants) added to the shipped table. */
  aliasFile?: string;
  /**
   * Overrides file (YAML, or JSON by its `.json` extension): must-link and cannot-link item pairs,
   * items pinned to a group, labels for groups and themes. Applied on every run and shown in the
   * report. Default: none (undefined), and the report is exactly as without the option.
   */
  overridesFile?: string;
  format: OutputFormat;
  /** Write the report here (atomically) instead of standard output. */
  out?: string;
  /** An earlier `themes --format json` report: ids carry forward from it and the report says what changed. */
  baseline?: string;
  /** Exit with EXIT_NEW_RECURRING (3) when the comparison with the baseline finds this. Needs baseline. */
  failOn?: FailCondition;
  /** Show each group's top shared terms in terminal and markdown output. */
  explain: boolean;
  /** How many themes terminal and markdown output show; 0 shows every recurring theme. */
  top: number;
  color: boolean;
  /** CSV for Excel: a UTF-8 byte-order mark first. (Formula-like cells are neutralised in every CSV.) */
  excel: boolean;
  progress: boolean;
  /**
   * Threads to use: 2 runs the theme layer (topic search, then theme linkage) beside the grouping search on inputs of
   * 2,000 items or more; 1 runs everything in one thread. The report is the same either way. 1..2.
   */
  threads: number;
}

export const DEFAULT_OPTIONS: Readonly<Options> = Object.freeze({
  themeThreshold: 0.1,
  themeNeighbours: 40,
  sharedNeighbourBoost: 4,
  minSources: 2,
  textUnit: 'auto',
  bigramWeight: 0.5,
  oppositionPenalty: 0.7,
  recipientWeight: 0.1,
  boilerplateMinSources: 4,
  boilerplateContextSimilarity: 0.1,
  maxIndexDocShare: 0.05,
  columns: Object.freeze({}),
  format: 'terminal',
  explain: false,
  top: 0,
  color: true,
  excel: false,
  progress: true,
  threads: 2,
});

export function resolveOptions(overrides: Partial<Options>): Options {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const options = { ...DEFAULT_OPTIONS, ...defined, columns: { ...DEFAULT_OPTIONS.columns, ...overrides.columns } };
  validateOptions(options);
  return options;
}

/** Throws a UsageError naming the option, its bad value and the accepted range. */
export function validateOptions(options: Options): void {
  const unit: (keyof Options)[] = [
    'threshold',
    'themeThreshold',
    'charWeight',
    'oppositionPenalty',
    'recipientWeight',
    'boilerplateContextSimilarity',
    'maxIndexDocShare',
  ];
  for (const key of unit) {
    const value = options[key] as number | undefined;
    if (value === undefined && (key === 'threshold' || key === 'charWeight')) continue;
    if (value === undefined || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new UsageError(`${key} must be a number from 0 to 1, got ${value}`);
    }
  }
  for (const key of ['bigramWeight', 'sharedNeighbourBoost'] as const) {
    if (!Number.isFinite(options[key]) || options[key] < 0) throw new UsageError(`${key} must be 0 or more, got ${options[key]}`);
  }
  requireWhole('minSources', options.minSources, 1);
  requireWhole('themeNeighbours', options.themeNeighbours, 1);
  requireWhole('boilerplateMinSources', options.boilerplateMinSources, 2);
  requireWhole('top', options.top, 0);
  if (options.threads !== 1 && options.threads !== 2) throw new UsageError(`threads must be 1 or 2, got ${options.threads}`);
  if (options.failOn !== undefined && options.baseline === undefined) {
    throw new UsageError(`--fail-on ${options.failOn} needs --baseline <earlier report.json> to compare with`);
  }
  if (!TEXT_UNITS.includes(options.textUnit)) {
    throw new UsageError(`textUnit must be one of ${TEXT_UNITS.join(', ')}, got ${options.textUnit}`);
  }
  if (!OUTPUT_FORMATS.includes(options.format)) {
    throw new UsageError(`format must be one of ${OUTPUT_FORMATS.join(', ')}, got ${options.format}`);
  }
}

function requireWhole(key: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new UsageError(`${key} must be a whole number of at least ${min}, got ${value}`);
  }
}

/** Options with the text unit decided, and a cut and a character weight whether or not they were given. */
export type TextUnitDecided<T> = Omit<T, 'threshold' | 'charWeight' | 'textUnit'> & { threshold: number; charWeight: number; textUnit: TextUnit };

/** The settings an analysis runs with: the text unit decided, and the cut and weight it implies where no flag set them. */
export function settingsForTextUnit<T extends Pick<Options, 'threshold' | 'charWeight' | 'textUnit'>>(options: T, singleSentenceShare: number): TextUnitDecided<T> {
  const textUnit: TextUnit = options.textUnit !== 'auto' ? options.textUnit : singleSentenceShare >= SENTENCE_COLLECTION_SHARE ? 'sentence' : 'paragraph';
  const defaults = TEXT_UNIT_DEFAULTS[textUnit];
  return { ...options, threshold: options.threshold ?? defaults.threshold, charWeight: options.charWeight ?? defaults.charWeight, textUnit };
}
