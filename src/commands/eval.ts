import { evaluate, parseGold, type ClusterAgreement, type Evaluation } from '../evaluate/index.js';
import { readTextFile, writeReport, type CliIo } from '../io.js';
import type { Options } from '../options.js';
import { round } from '../report/model.js';
import { withProgress } from '../progress.js';
import { printWarnings, runPipeline } from './run.js';

/** `recdedup eval`: the same pipeline as `themes`, scored against a gold file. */
export async function evalCommand(inputs: readonly string[], goldFile: string, options: Options, io: CliIo): Promise<number> {
  const gold = parseGold(await readTextFile(goldFile, io.cwd), goldFile);
  const { report } = await withProgress(options.progress, io.stderr, (progress) => runPipeline(inputs, options, io, progress));
  const result = evaluate(report, gold);
  warnAboutCoverage(result, goldFile, io);
  const rendered = options.format === 'json' ? `${JSON.stringify(roundAll(result), null, 2)}\n` : renderTable(result);
  await writeReport(rendered, options.out, io);
  return 0;
}

function warnAboutCoverage(result: Evaluation, goldFile: string, io: CliIo): void {
  if (result.kind === 'pairs' && result.scores.counts.missing > 0) {
    printWarnings([{ message: `${goldFile}: ${result.scores.counts.missing} pairs name an id that is not in the input; they are not scored` }], io);
  }
  if (result.kind === 'items' && result.matchedItems < result.goldItems) {
    printWarnings([{ message: `${goldFile}: ${result.goldItems - result.matchedItems} of ${result.goldItems} gold ids are not in the input; they are not scored` }], io);
  }
}

function renderTable(result: Evaluation): string {
  const rows: [string, string][] = [];
  const rate = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));
  if (result.kind === 'pairs') {
    const { scores } = result;
    const c = scores.counts;
    rows.push(
      ['DUP recall (DUP pairs in one group)', `${rate(scores.dupRecall)}  (${c.DUP} pairs)`],
      ['specificity (THEME+DIFF pairs apart)', `${rate(scores.specificity)}  (${c.THEME + c.DIFF} pairs)`],
      ['theme recall (DUP+THEME pairs in one theme)', `${rate(scores.themeRecall)}  (${c.DUP + c.THEME} pairs)`],
      ['theme specificity (DIFF pairs apart)', `${rate(scores.themeSpecificity)}  (${c.DIFF} pairs)`],
      ['BOILER pairs in one group (not scored)', `${scores.boilerSameGroup} of ${c.BOILER}`],
    );
  } else {
    rows.push(['gold items found in the input', `${result.matchedItems} of ${result.goldItems}`]);
    addAgreement(rows, 'groups', result.groups);
    if (result.themes) addAgreement(rows, 'themes', result.themes);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  return `${rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')}\n`;
}

function addAgreement(rows: [string, string][], layer: string, a: ClusterAgreement): void {
  rows.push(
    [`${layer}: pairwise precision / recall / F1`, `${a.pairwise.precision.toFixed(3)} / ${a.pairwise.recall.toFixed(3)} / ${a.pairwise.f1.toFixed(3)}`],
    [`${layer}: B-cubed precision / recall / F1`, `${a.bcubed.precision.toFixed(3)} / ${a.bcubed.recall.toFixed(3)} / ${a.bcubed.f1.toFixed(3)}`],
    [`${layer}: adjusted Rand index`, a.ari.toFixed(3)],
  );
}

/** JSON numbers are rounded to 4 decimals, as in every recdedup report. */
function roundAll(value: unknown): unknown {
  if (typeof value === 'number') return round(value);
  if (Array.isArray(value)) return value.map(roundAll);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundAll(v)]));
  return value;
}
