#!/usr/bin/env node
// `npm run eval`: every grouping-quality figure of the quality issue, with default options, in one run.
// Reads the shared data beside the repo (../shared); prints a table and exits 1 if a target is missed.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { analyse, assignmentsOf, buildReport, createNormaliser, DEFAULT_OPTIONS, evaluate, ingestFiles, parseAliasTables, parseGold } from '../dist/index.js';

const SHARED = new URL('../../shared/', import.meta.url);
const ALIASES = readFileSync(new URL('../data/aliases.tsv', import.meta.url), 'utf8');
const options = { ...DEFAULT_OPTIONS, ...overridesFromArgs(process.argv.slice(2)) };

function overridesFromArgs(args) {
  const out = {};
  for (const arg of args) {
    const [key, value] = arg.replace(/^--/, '').split('=');
    // Numbers as numbers; a word (--text-unit=paragraph) as it is.
    if (value !== undefined) out[key.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = Number.isNaN(Number(value)) ? value : Number(value);
  }
  return out;
}

function csv(path) {
  return parse(readFileSync(new URL(path, SHARED)), { columns: true, bom: true });
}

function report(records) {
  const normaliser = createNormaliser(parseAliasTables([ALIASES]));
  const analysis = analyse(records, normaliser, options);
  return buildReport(records, analysis, { version: 'eval', skipped: 0, options, normaliser });
}

const record = (id, source, text) => ({ id, source, text, year: null, recipient: '', status: '', origin: { file: 'eval', line: 0 } });
const results = [];
const check = (name, value, target, pass) => results.push({ name, value, target, pass });

// 1. PFD dev pairs over the whole split concerns file.
{
  const started = performance.now();
  const ingest = ingestFiles([{ name: 'pfd_concerns_split.csv', bytes: readFileSync(new URL('data/pfd_concerns_split.csv', SHARED)) }], {});
  const gold = parseGold(readFileSync(new URL('eval/pfd_pairs_dev.csv', SHARED), 'utf8'), 'pfd_pairs_dev.csv');
  const { scores } = evaluate(report(ingest.records), gold);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  check(`PFD dev: DUP recall (specificity ${scores.specificity.toFixed(3)})`, scores.dupRecall, '≥ 0.60 at ≥ 0.95', scores.dupRecall >= 0.6 && scores.specificity >= 0.95);
  check('PFD dev: specificity', scores.specificity, '≥ 0.95', scores.specificity >= 0.95);
  check(`PFD dev: theme recall (theme specificity ${scores.themeSpecificity.toFixed(3)})`, scores.themeRecall, '≥ 0.75 at ≥ 0.85', scores.themeRecall >= 0.75 && scores.themeSpecificity >= 0.85);
  check('PFD dev: theme specificity', scores.themeSpecificity, '≥ 0.85', scores.themeSpecificity >= 0.85);
  check(`PFD dev: BOILER pairs in one group (${seconds} s run)`, scores.boilerSameGroup, 'reported', true);
}

// 2. The same PFD report captured twice: both texts as items, ≥ 97 % in one group.
{
  const pairs = csv('data/pfd_same_report_text_variants.csv').filter((p) => Number(p.char_ratio_first4000) >= 0.8);
  const records = pairs.flatMap((p) => [record(`${p.id}/a`, `${p.id}/${p.origin_a}`, p.text_a), record(`${p.id}/b`, `${p.id}/${p.origin_b}`, p.text_b)]);
  const { groupOf } = assignmentsOf(report(records));
  const together = pairs.filter((p) => groupOf.get(`${p.id}/a`) === groupOf.get(`${p.id}/b`)).length;
  check(`Same report captured twice (${pairs.length} pairs)`, together / pairs.length, '≥ 0.97', together / pairs.length >= 0.97);
}

// 3. Rapid review recommendation ↔ its restatement in the government response.
{
  const recs = csv('data/dhsc_mh_inpatient_data_review_recs.csv');
  const records = recs.flatMap((r, i) => [record(`rec-${i + 1}`, 'review', r.text), record(`gov-${i + 1}`, 'response', r.text_as_restated_in_government_response)]);
  const { groupOf } = assignmentsOf(report(records));
  const paired = recs.filter((_, i) => groupOf.get(`rec-${i + 1}`) === groupOf.get(`gov-${i + 1}`)).length;
  const numbersByGroup = new Map();
  for (const [id, group] of groupOf) numbersByGroup.set(group, new Set([...(numbersByGroup.get(group) ?? []), id.split('-')[1]]));
  const mixed = [...numbersByGroup.values()].filter((numbers) => numbers.size > 1).length;
  check('Rapid review ↔ government response: pairs in one group', paired, '13 of 13', paired === 13);
  check('Rapid review: groups mixing different recommendations', mixed, '0', mixed === 0);
}

// 4. MRPC: all sentences as items; a pair is "paraphrase" when both land in one group. Train is the
// tuning set (reported, not a target); test is the target.
function mrpcAccuracy(file) {
  const pairs = csv(file);
  const sentences = new Map();
  for (const p of pairs) {
    sentences.set(p.id1, p.sentence1);
    sentences.set(p.id2, p.sentence2);
  }
  const records = [...sentences].map(([id, text]) => record(id, `mrpc-${id}`, text));
  const { groupOf } = assignmentsOf(report(records));
  const correct = pairs.filter((p) => (groupOf.get(p.id1) === groupOf.get(p.id2)) === (p.label === '1')).length;
  return { accuracy: correct / pairs.length, pairs: pairs.length };
}
{
  const train = mrpcAccuracy('data/mrpc_train.csv');
  check(`MRPC train accuracy (${train.pairs} pairs; tuning set)`, train.accuracy, 'reported', true);
  const test = mrpcAccuracy('data/mrpc_test.csv');
  check(`MRPC test accuracy (${test.pairs} pairs)`, test.accuracy, '≥ 0.72', test.accuracy >= 0.72);
}

// 5. STS-B test (reported, not a target): each pair's two sentences as items; pairs the annotators
// scored 4 or more (same meaning) should share a group, pairs scored 2 or less should not.
{
  const pairs = csv('data/stsb_test.csv');
  const records = pairs.flatMap((p, i) => [record(`stsb-${i}/1`, `stsb-${i}/1`, p.sentence1), record(`stsb-${i}/2`, `stsb-${i}/2`, p.sentence2)]);
  const { groupOf } = assignmentsOf(report(records));
  const together = (i) => groupOf.get(`stsb-${i}/1`) === groupOf.get(`stsb-${i}/2`);
  const clear = pairs.map((p, i) => ({ score: Number(p.score), together: together(i) })).filter((p) => p.score >= 4 || p.score <= 2);
  const right = clear.filter((p) => p.together === p.score >= 4).length;
  check(`STS-B test: clear pairs right (${clear.length}: ≥ 4 together, ≤ 2 apart)`, right / clear.length, 'reported', true);
}

const width = Math.max(...results.map((r) => r.name.length));
console.log(`${'measure'.padEnd(width)}  value   target            met`);
for (const r of results) {
  const value = Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(3);
  console.log(`${r.name.padEnd(width)}  ${value.padEnd(6)}  ${r.target.padEnd(16)}  ${r.pass ? 'yes' : 'NO'}`);
}
const options_ = Object.entries(options).filter(([k]) => k in overridesFromArgs(process.argv.slice(2)));
if (options_.length) console.log(`options changed from the defaults: ${options_.map(([k, v]) => `${k}=${v}`).join(', ')}`);
process.exitCode = results.every((r) => r.pass) ? 0 : 1;
