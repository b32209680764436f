#!/usr/bin/env node
// Acceptance for overrides (issue 6, part 3) on the full PFD concerns, through the built CLI:
// a must-link pair that is apart by default must end in one group, a cannot-link pair that is
// together by default in two. Picks the pairs a reviewer would: the best-scoring pair left apart
// (a near miss) and the weakest pair grouped together. Prints ids and counts only — never texts or
// sources (the PFD data names people who died), and ids that embed a report's URL slug only as a
// hash. Exits 1 if the acceptance fails.
//
//   npm run build && node bench/overrides.mjs [path/to/pfd_concerns_split.csv]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const input = process.argv[2] ?? fileURLToPath(new URL('../../shared/data/pfd_concerns_split.csv', import.meta.url));

function cli(args) {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['bin/recdedup', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`recdedup ${args[0]} exited ${run.status}: ${run.stderr}`);
  return { json: JSON.parse(run.stdout), stderr: run.stderr, seconds: (performance.now() - started) / 1000 };
}

const groupsOf = (report) => new Map(report.items.map((i) => [i.id, i.group]));
// Some PFD ids carry a report's URL slug, which names the person who died: such ids are shown as a hash.
const shown = (id) => (/^[\d-]+#c\d+$/.test(id) ? id : `id#${createHash('sha256').update(id).digest('hex').slice(0, 10)}`);

const before = cli(['themes', input, '--format', 'json']);
const { pairs } = cli(['pairs', input, '--format', 'json', '--min', '0.2']).json;
const nearMiss = pairs.find((p) => !p.sameGroup);
const weakest = pairs.filter((p) => p.sameGroup).at(-1);
const mustLink = [nearMiss.id1, nearMiss.id2];
const cannotLink = [weakest.id1, weakest.id2];

const file = join(mkdtempSync(join(tmpdir(), 'recdedup-acceptance-')), 'overrides.json');
writeFileSync(file, JSON.stringify({ mustLink: [mustLink], cannotLink: [cannotLink] }, null, 2));
const after = cli(['themes', input, '--format', 'json', '--overrides', file]);

const [g0, g1] = [groupsOf(before.json), groupsOf(after.json)];
const moved = [...g0.keys()].filter((id) => {
  // An item "moved" when the set of items it shares a group with changed.
  const mates = (groups, id) => [...groups].filter(([, g]) => g === groups.get(id)).map(([other]) => other).sort().join(' ');
  return g0.get(id) !== g1.get(id) && mates(g0, id) !== mates(g1, id);
});
const checks = [
  ['must-link pair apart by default', g0.get(mustLink[0]) !== g0.get(mustLink[1])],
  ['must-link pair in one group with the overrides', g1.get(mustLink[0]) === g1.get(mustLink[1])],
  ['cannot-link pair together by default', g0.get(cannotLink[0]) === g0.get(cannotLink[1])],
  ['cannot-link pair in two groups with the overrides', g1.get(cannotLink[0]) !== g1.get(cannotLink[1])],
  ['no warnings', after.stderr === ''],
];
console.log(`input: ${g0.size} items; groups ${before.json.stats.groups} → ${after.json.stats.groups}; items whose group changed: ${moved.length}`);
console.log(`must-link  ${mustLink.map(shown).join(' + ')} (pair score ${nearMiss.score}, the best-scoring pair left apart)`);
console.log(`cannot-link ${cannotLink.map(shown).join(' / ')} (pair score ${weakest.score}, the weakest pair grouped together)`);
console.log(`wall: ${before.seconds.toFixed(1)} s without overrides, ${after.seconds.toFixed(1)} s with`);
for (const [name, pass] of checks) console.log(`${pass ? 'ok  ' : 'FAIL'} ${name}`);
process.exitCode = checks.every(([, pass]) => pass) ? 0 : 1;
