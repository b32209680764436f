#!/usr/bin/env node
// Issue 6, acceptance 1 and 2 on the real data: `themes` on the first 3,000 PFD concerns, then on
// all 4,382 with --baseline the first report. Checks that every group whose members did not
// change keeps its id, that groups of unseen rows are marked new, that the JSON `changes` counts
// are the ones the markdown section shows, that reruns are byte-identical, and that
// --fail-on new-recurring exits 3 exactly when a new recurring group appears.
// Prints counts only: the concerns name people who died.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const BIN = fileURLToPath(new URL('../bin/recdedup', import.meta.url));
const PFD = fileURLToPath(new URL('../../shared/data/pfd_concerns_split.csv', import.meta.url));
const FIRST_ROWS = 3000;
const dir = mkdtempSync(join(tmpdir(), 'recdedup-baseline-check-'));
const run = (args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, CI: 'true' } });
const checks = [];
const check = (name, ok, detail = '') => checks.push({ name, ok, detail });

try {
  const rows = parse(readFileSync(PFD), { columns: true });
  const first = join(dir, 'first.csv');
  writeFileSync(first, stringify(rows.slice(0, FIRST_ROWS), { header: true, columns: Object.keys(rows[0]) }));
  const baseline = join(dir, 'before.json');
  const made = run(['themes', first, '--format', 'json', '--out', baseline]);
  if (made.status !== 0) throw new Error(`first run failed: ${made.stderr}`);
  const second = run(['themes', PFD, '--format', 'json', '--baseline', baseline]);
  const markdown = run(['themes', PFD, '--format', 'markdown', '--baseline', baseline]);
  const before = JSON.parse(readFileSync(baseline, 'utf8'));
  const after = JSON.parse(second.stdout);
  const groups = (report) => report.themes.flatMap((t) => t.groups);
  const key = (g) => g.members.map((m) => m.id).sort().join('\n');

  const earlier = new Map(groups(before).map((g) => [key(g), g.id]));
  const same = groups(after).filter((g) => earlier.has(key(g)));
  check('groups whose members did not change keep their id', same.every((g) => g.id === earlier.get(key(g)) && g.change === 'unchanged'), `${same.length} such groups`);
  const seen = new Set(groups(before).flatMap((g) => g.members.map((m) => m.id)));
  const unseen = groups(after).filter((g) => g.members.every((m) => !seen.has(m.id)));
  check('groups of rows the first run never saw are marked new', unseen.every((g) => g.change === 'new'), `${unseen.length} such groups`);
  const counted = {};
  for (const g of groups(after)) counted[g.change] = (counted[g.change] ?? 0) + 1;
  const { changes } = after;
  const countsAgree = Object.entries(changes.groups).every(([change, n]) => change === 'removed' || n === (counted[change] ?? 0));
  check('JSON changes counts equal the groups marked so', countsAgree, JSON.stringify(changes.groups));
  const section = markdown.stdout.slice(markdown.stdout.indexOf('## Changes since baseline'), markdown.stdout.indexOf('| Items |'));
  const rowsShown = ['new', 'grown', 'unchanged', 'merged', 'split'].every((c) => section.includes(`| ${c} | ${changes.groups[c]} | ${changes.recurringGroups[c]} |`));
  check('the markdown section shows the same counts, first', rowsShown && section.length > 0, JSON.stringify(changes.recurringGroups));
  const again = run(['themes', PFD, '--format', 'json', '--baseline', baseline]);
  check('identical inputs give byte-identical reports', again.stdout === second.stdout);
  const gate = run(['themes', PFD, '--format', 'json', '--baseline', baseline, '--fail-on', 'new-recurring']);
  check('--fail-on new-recurring exits 3 when new recurring groups appear', changes.newRecurring.length > 0 && gate.status === 3, `${changes.newRecurring.length} new recurring groups`);
  const selfBaseline = join(dir, 'after.json');
  writeFileSync(selfBaseline, second.stdout);
  const quiet = run(['themes', PFD, '--format', 'json', '--baseline', selfBaseline, '--fail-on', 'new-recurring']);
  check('… and exits 0 against a baseline with nothing new', quiet.status === 0 && JSON.parse(quiet.stdout).changes.newRecurring.length === 0);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? ` (${c.detail})` : ''}`);
process.exit(checks.every((c) => c.ok) ? 0 : 1);
