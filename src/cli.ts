import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { evalCommand } from './commands/eval.js';
import { extractCommand } from './commands/extract.js';
import { indexCommand } from './commands/index.js';
import { queryCommand } from './commands/query.js';
import { pairsCommand } from './commands/pairs.js';
import { themesCommand } from './commands/themes.js';
import { EXIT_INTERNAL, EXIT_USAGE, RecdedupError, UsageError } from './errors.js';
import { packageVersion, type CliIo } from './io.js';
import { DEFAULT_OPTIONS, FAIL_CONDITIONS, OUTPUT_FORMATS, resolveOptions, TEXT_UNIT_DEFAULTS, TEXT_UNITS, type FailCondition, type Options, type TextUnitSetting } from './options.js';

export type { CliIo } from './io.js';

/**
 * Parses argv and runs a command; returns the exit code (only bin/recdedup calls process.exit).
 * User mistakes print one line; stack traces only with --verbose.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const verbose = argv.includes('--verbose');
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, io, verbose);
  }
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('recdedup')
    .description('Find recommendations that keep being made again.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // One line per error, like every other recdedup message: "recdedup: unknown option … (Did you mean …?)".
      outputError: (s, write) => write(`recdedup: ${s.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')}\n`),
    })
    .showSuggestionAfterError();

  const themes = program
    .command('themes')
    .description('group near-duplicate recommendations and write the layered recurring-themes report')
    .argument('<input...>', 'CSV, TSV, JSON or JSONL tables, or report text (.txt, .md, .html, .pdf: extracted first); - reads CSV from standard input');
  addAnalysisOptions(themes);
  addOutputOptions(themes);
  themes
    .option('--baseline <report.json>', 'an earlier `themes --format json` report: carry its ids forward and report what changed')
    .addOption(new Option('--fail-on <condition>', 'exit 3 (after writing the report) when the comparison with --baseline finds this').choices(FAIL_CONDITIONS));
  themes.action(async (inputs: string[], flags: Record<string, unknown>) => {
    setExit(await themesCommand(inputs, optionsFromFlags(flags, io), io));
  });

  const pairs = program
    .command('pairs')
    .description('scored candidate pairs with the parts of each score and the shared terms that drove it')
    .argument('<input...>', 'CSV, TSV, JSON or JSONL files; - reads CSV from standard input')
    .option('--min <0..1>', 'lowest score listed (default: the --threshold)', unitNumber);
  addAnalysisOptions(pairs);
  addOutputOptions(pairs, ['csv', 'json'], 'csv');
  pairs.action(async (inputs: string[], flags: Record<string, unknown>) => {
    setExit(await pairsCommand(inputs, flags.min as number | undefined, optionsFromFlags(flags, io), io));
  });

  const evaluation = program
    .command('eval')
    .description('agreement with a gold file: item labels (id,group[,theme]) or labelled pairs (id1,id2,label)')
    .argument('<input...>', 'the same inputs as for themes')
    .requiredOption('--gold <file>', 'gold CSV: id,group[,theme] or id1,id2,label (DUP, THEME, DIFF, BOILER)');
  addAnalysisOptions(evaluation);
  addOutputOptions(evaluation, ['terminal', 'json'], 'terminal');
  evaluation.action(async (inputs: string[], flags: Record<string, unknown>) => {
    setExit(await evalCommand(inputs, flags.gold as string, optionsFromFlags(flags, io), io));
  });
  const query = program
    .command('query')
    .description('the existing recommendations nearest to a text, with scores, shared terms and how often each was made')
    .argument('<text>', 'the recommendation to look for, in quotes')
    .argument('[input...]', 'the same inputs as for themes (or --index instead)')
    .option('--index <file>', 'read an index made by `recdedup index` instead of inputs');
  // --threads changes how the analysis runs, not its result, so it may go with --index.
  const fixedByIndex = addAnalysisOptions(query).filter((option) => option.long !== '--threads');
  query
    .option('--top <n>', 'how many results to list', wholeNumber(1), QUERY_TOP)
    .addOption(new Option('--format <format>', 'output format').choices(['terminal', 'json']).default('terminal'))
    .option('--out <file>', 'write the results to a file (atomically) instead of standard output')
    .option('--no-progress', 'never show progress on standard error')
    .option('--no-color', 'no colour in terminal output (NO_COLOR is honoured too)')
    .option('--verbose', 'show stack traces for internal errors');
  query.action(async (text: string, inputs: string[], flags: Record<string, unknown>, command: Command) => {
    const index = flags.index as string | undefined;
    if (index !== undefined) {
      // An index holds the analysis made with the options it was built with; one given now could not change it.
      const given = fixedByIndex.filter((option) => command.getOptionValueSource(option.attributeName()) === 'cli').map((option) => option.long);
      if (given.length > 0) throw new UsageError(`${given.join(', ')} cannot be used with --index: an index keeps the options it was built with (build it again with them)`);
    }
    setExit(await queryCommand(text, inputs, { top: flags.top as number, index }, optionsFromFlags(flags, io), io));
  });

  const index = program
    .command('index')
    .description('analyse inputs as themes does and write an index file that query --index reads')
    .argument('<input...>', 'the same inputs as for themes')
    .requiredOption('--out <file>', 'the index file to write (atomically)');
  addAnalysisOptions(index);
  index
    .option('--no-progress', 'never show progress on standard error')
    .option('--verbose', 'show stack traces for internal errors')
    .action(async (inputs: string[], flags: Record<string, unknown>) => {
      setExit(await indexCommand(inputs, flags.out as string, optionsFromFlags(flags, io), io));
    });

  program
    .command('extract')
    .description('pull recommendations, observations, concerns and actions out of report text and PDFs into a table')
    .argument('<report...>', 'report files: .txt, .md, .html or .pdf')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json', 'jsonl']).default('csv'))
    .option('--out <file>', 'write the table to a file (atomically) instead of standard output')
    .option('--excel', 'CSV for Excel: UTF-8 with a byte-order mark', false)
    .option('--verbose', 'show stack traces for internal errors')
    .action(async (inputs: string[], flags: Record<string, unknown>) => {
      setExit(await extractCommand(inputs, { format: flags.format as 'csv' | 'json' | 'jsonl', out: flags.out as string | undefined, excel: Boolean(flags.excel) }, io));
    });
  return program;
}

/** How many results `query` lists unless --top says otherwise. */
export const QUERY_TOP = 10;

/** Adds the options that decide the analysis, and returns them (query --index refuses them: the index fixed them). */
function addAnalysisOptions(command: Command): readonly Option[] {
  const before = command.options.length;
  command
    .option('--threshold <0..1>', `near-duplicate cut (average-link similarity) (default: ${TEXT_UNIT_DEFAULTS.paragraph.threshold} for paragraphs, ${TEXT_UNIT_DEFAULTS.sentence.threshold} for sentences)`, unitNumber)
    .option('--theme-threshold <0..1>', 'theme cut (mean topic score over all item pairs of two groups)', unitNumber, DEFAULT_OPTIONS.themeThreshold)
    .option('--min-sources <n>', 'a group is recurring when it spans at least n distinct sources', wholeNumber(1), DEFAULT_OPTIONS.minSources)
    .option('--text <column>', 'column holding the recommendation text')
    .option('--id <column>', 'column holding the id')
    .option('--source <column>', 'column naming the source report')
    .option('--year <column>', 'column holding the year or date')
    .option('--recipient <column>', 'column naming who must act')
    .option('--status <column>', 'column holding the response or status')
    .option('--sheet <name>', 'the sheet of an .xlsx input to read (default: the first)')
    .option('--aliases <file>', 'extra alias table (TSV: canonical form, then variants)')
    .option('--overrides <file>', 'overrides file (YAML or .json): mustLink and cannotLink item pairs, pin items to groups, rename groups and themes')
    .addOption(
      new Option(
        '--char-weight <0..1>',
        `weight of character similarity in the pair score (default: ${TEXT_UNIT_DEFAULTS.paragraph.charWeight} for paragraphs, ${TEXT_UNIT_DEFAULTS.sentence.charWeight} for sentences)`,
      ).argParser(unitNumber),
    )
    .addOption(
      new Option('--text-unit <unit>', 'what an item is, which sets the defaults of --threshold and --char-weight (auto: sentence when 80 % of the items are one sentence)')
        .choices(TEXT_UNITS)
        .default(DEFAULT_OPTIONS.textUnit),
    )
    .addOption(new Option('--bigram-weight <w>', 'weight of word pairs in the TF-IDF vectors (0 = off)').argParser(nonNegative).default(DEFAULT_OPTIONS.bigramWeight))
    .addOption(new Option('--opposition-penalty <0..1>', 'share taken off the score of two items asking opposite actions (0 = off)').argParser(unitNumber).default(DEFAULT_OPTIONS.oppositionPenalty))
    .addOption(new Option('--recipient-weight <0..1>', 'added to the score of two items from different sources addressed to the same bodies (0 = off)').argParser(unitNumber).default(DEFAULT_OPTIONS.recipientWeight))
    .addOption(new Option('--theme-neighbours <n>', 'theme layer: each item links to at most its n most similar items').argParser(wholeNumber(1)).default(DEFAULT_OPTIONS.themeNeighbours))
    .addOption(
      new Option('--shared-neighbour-boost <w>', 'theme layer: topic cosine x (1 + w x share of nearest neighbours two items share) (0 = off)')
        .argParser(nonNegative)
        .default(DEFAULT_OPTIONS.sharedNeighbourBoost),
    )
    .addOption(new Option('--threads <n>', 'threads to use (1 or 2); the report is the same either way').choices(['1', '2']).argParser(Number).default(DEFAULT_OPTIONS.threads));
  return command.options.slice(before);
}

function addOutputOptions(command: Command, formats: readonly string[] = OUTPUT_FORMATS, format: string = DEFAULT_OPTIONS.format): void {
  command
    .addOption(new Option('--format <format>', 'output format').choices(formats).default(format))
    .option('--out <file>', 'write the report to a file (atomically) instead of standard output')
    .option('--explain', 'show why each group was grouped (its shared terms)', false)
    .option('--top <n>', 'show only the first n themes in terminal/markdown/html output (0 = all)', wholeNumber(0), DEFAULT_OPTIONS.top)
    .option('--no-progress', 'never show progress on standard error')
    .option('--no-color', 'no colour in terminal output (NO_COLOR is honoured too)')
    .option('--excel', 'CSV for Excel: UTF-8 with a byte-order mark', false)
    .option('--verbose', 'show stack traces for internal errors');
}

function optionsFromFlags(flags: Record<string, unknown>, io: CliIo): Options {
  const format = flags.format as Options['format'];
  const colorWanted = flags.color !== false && !io.env.NO_COLOR && Boolean(io.stdout.isTTY);
  return resolveOptions({
    threshold: flags.threshold as number | undefined,
    themeThreshold: flags.themeThreshold as number,
    minSources: flags.minSources as number,
    charWeight: flags.charWeight as number | undefined,
    textUnit: flags.textUnit as TextUnitSetting,
    bigramWeight: flags.bigramWeight as number,
    themeNeighbours: flags.themeNeighbours as number,
    sharedNeighbourBoost: flags.sharedNeighbourBoost as number,
    oppositionPenalty: flags.oppositionPenalty as number,
    recipientWeight: flags.recipientWeight as number,
    threads: flags.threads as number,
    columns: {
      text: flags.text as string | undefined,
      id: flags.id as string | undefined,
      source: flags.source as string | undefined,
      year: flags.year as string | undefined,
      recipient: flags.recipient as string | undefined,
      status: flags.status as string | undefined,
    },
    aliasFile: flags.aliases as string | undefined,
    sheet: flags.sheet as string | undefined,
    baseline: flags.baseline as string | undefined,
    failOn: flags.failOn as FailCondition | undefined,
    overridesFile: flags.overrides as string | undefined,
    format,
    out: flags.out as string | undefined,
    explain: Boolean(flags.explain),
    top: flags.top as number,
    excel: Boolean(flags.excel),
    color: colorWanted && format === 'terminal' && !flags.out,
    progress: flags.progress !== false && !io.env.CI && Boolean(io.stderr.isTTY),
  });
}

function unitNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number from 0 to 1.');
  return n;
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of 0 or more.');
  return n;
}

function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
    return n;
  };
}

function reportFailure(error: unknown, io: CliIo, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message. Asked-for help and version succeed; help shown
    // because no command was given is a usage error.
    return error.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (error instanceof RecdedupError) {
    io.stderr.write(`recdedup: ${error.message}\n`);
    if (verbose && error.exitCode !== EXIT_USAGE) io.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  io.stderr.write(`recdedup: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (verbose && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  else io.stderr.write('recdedup: run again with --verbose for details, and please report it\n');
  return EXIT_INTERNAL;
}
