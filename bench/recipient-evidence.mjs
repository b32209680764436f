#!/usr/bin/env node
// The pair-level evidence for --recipient-weight (bench/quality.md, "Same recipient as evidence"):
// over the dev pairs, how a same-recipient term added to the pair score separates DUP from
// THEME + DIFF pairs, on the whole set and on 300 random halves. Prints counts and figures only.
//   npm run build && node bench/recipient-evidence.mjs
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { createNormaliser, DEFAULT_OPTIONS, ingestFiles, parseAliasTables, analyse } from '../dist/index.js';
const ingest = ingestFiles([{ name: 'x.csv', bytes: readFileSync(new URL('../../shared/data/pfd_concerns_split.csv', import.meta.url)) }], {});
const normaliser = createNormaliser(parseAliasTables([readFileSync(new URL('../data/aliases.tsv', import.meta.url), 'utf8')]));
const a = analyse(ingest.records, normaliser, { ...DEFAULT_OPTIONS, recipientWeight: 0 });
const doc = new Map(a.records.map((r, d) => [r.id, d]));
const pairs = parse(readFileSync(new URL('../../shared/eval/pfd_pairs_dev.csv', import.meta.url)), { columns: true }).filter((p) => p.label !== 'BOILER');
const parts = (r) => new Set(r.split(/\s*[|;]\s*/).map((x) => x.toLowerCase().replace(/\s+/g, ' ').trim()).filter(Boolean));
const rows = pairs.map((p) => {
  const x = doc.get(p.id1), y = doc.get(p.id2);
  const ra = a.records[x].recipient, rb = a.records[y].recipient;
  const pa = parts(ra), pb = parts(rb);
  const shared = [...pa].filter((v) => pb.has(v)).length;
  const jac = shared / Math.max(1, new Set([...pa, ...pb]).size);
  return { dup: p.label === 'DUP', score: a.scorer(x, y).score, exact: ra !== '' && ra.toLowerCase().trim() === rb.toLowerCase().trim(), anyPart: shared > 0, jac };
});
const recallAt = (vals) => {
  const neg = vals.filter((v) => !v.dup).map((v) => v.s).sort((p, q) => q - p);
  const cut = neg[Math.floor(neg.length * 0.05)];
  const pos = vals.filter((v) => v.dup);
  return (pos.filter((v) => v.s > cut).length / pos.length).toFixed(3);
};
const auc = (vals) => { const pos = vals.filter((v) => v.dup), neg = vals.filter((v) => !v.dup); let w = 0; for (const p of pos) for (const n of neg) w += p.s > n.s ? 1 : p.s === n.s ? 0.5 : 0; return (w / pos.length / neg.length).toFixed(3); };
console.log('exact same recipient: dup', rows.filter((r) => r.dup && r.exact).length, 'neg', rows.filter((r) => !r.dup && r.exact).length);
console.log('any shared part: dup', rows.filter((r) => r.dup && r.anyPart).length, 'neg', rows.filter((r) => !r.dup && r.anyPart).length);
for (const kind of ['exact', 'anyPart', 'jac']) for (const beta of [0, 0.05, 0.1, 0.15, 0.2, 0.3]) {
  const vals = rows.map((r) => ({ dup: r.dup, s: r.score + beta * Number(r[kind]) }));
  console.log(kind, beta, 'recall@95', recallAt(vals), 'auc', auc(vals));
}
// at the grouping threshold 0.35: pairs above
for (const beta of [0, 0.05, 0.1, 0.15]) {
  const vals = rows.map((r) => ({ dup: r.dup, s: r.score + beta * Number(r.anyPart) }));
  console.log('anyPart', beta, '>=0.35: dup', vals.filter((v) => v.dup && v.s >= 0.35).length, 'neg', vals.filter((v) => !v.dup && v.s >= 0.35).length);
}
// idf-weighted: parts weighted by log(N/df) over all records
const df = new Map(); for (const r of a.records) for (const p of parts(r.recipient)) df.set(p, (df.get(p) ?? 0) + 1);
const N = a.records.length; const idf = (p) => Math.log(N / (df.get(p) ?? 1));
const rows2 = pairs.map((p, i) => {
  const x = doc.get(p.id1), y = doc.get(p.id2);
  const pa = parts(a.records[x].recipient), pb = parts(a.records[y].recipient);
  const inter = [...pa].filter((v) => pb.has(v)).reduce((s, v) => s + idf(v), 0);
  const uni = [...new Set([...pa, ...pb])].reduce((s, v) => s + idf(v), 0);
  const sameSource = a.records[x].source === a.records[y].source;
  return { ...rows[i], wj: uni > 0 ? inter / uni : 0, rare: inter / Math.log(N), sameSource };
});
console.log('same source pairs in dev:', rows2.filter((r) => r.sameSource).length);
for (const kind of ['wj', 'rare']) for (const beta of [0.05, 0.1, 0.15, 0.2]) {
  const vals = rows2.map((r) => ({ dup: r.dup, s: r.score + beta * Math.min(1, r[kind]) }));
  console.log(kind, beta, 'recall@95', recallAt(vals), 'auc', auc(vals), '>=0.35 dup', vals.filter((v) => v.dup && v.s >= 0.35).length, 'neg', vals.filter((v) => !v.dup && v.s >= 0.35).length);
}
for (const beta of [0.05, 0.1, 0.15, 0.2]) { const vals = rows2.map((r) => ({ dup: r.dup, s: r.score + beta * r.jac })); console.log('jac', beta, '>=0.35 dup', vals.filter((v) => v.dup && v.s >= 0.35).length, 'neg', vals.filter((v) => !v.dup && v.s >= 0.35).length); }
// split-half: choose beta on one half, measure the gain on the other (300 splits)
let s = 7; const rnd = () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s / 0x7fffffff; };
const betas = [0, 0.05, 0.1, 0.15, 0.2, 0.3];
const score = (set, beta) => { const vals = set.map((r) => ({ dup: r.dup, s: r.score + beta * r.jac })); return [Number(recallAt(vals)), Number(auc(vals))]; };
let gains = [], aucGains = [], chosen = {};
for (let k = 0; k < 300; k++) {
  const A = [], B = []; for (const r of rows2) (rnd() < 0.5 ? A : B).push(r);
  let best = 0, bestV = -1; for (const b of betas) { const v = score(A, b)[0]; if (v > bestV + 1e-9) { bestV = v; best = b; } }
  chosen[best] = (chosen[best] ?? 0) + 1;
  const [r1, a1] = score(B, best), [r0, a0] = score(B, 0); gains.push(r1 - r0); aucGains.push(a1 - a0);
}
gains.sort((x, y) => x - y); aucGains.sort((x, y) => x - y);
const mean = (xs) => xs.reduce((p, q) => p + q, 0) / xs.length;
console.log('split-half: chosen', chosen, 'recall gain mean', mean(gains).toFixed(3), 'p10', gains[30].toFixed(3), 'p90', gains[270].toFixed(3), 'auc gain mean', mean(aucGains).toFixed(3), 'p10', aucGains[30].toFixed(3));
for (const beta of [0.1, 0.15]) {
  const g = [], ag = [];
  for (let k = 0; k < 300; k++) { const B = rows2.filter(() => rnd() < 0.5); const [r1, a1] = score(B, beta), [r0, a0] = score(B, 0); g.push(r1 - r0); ag.push(a1 - a0); }
  g.sort((x, y) => x - y); ag.sort((x, y) => x - y);
  console.log('fixed beta', beta, 'half-sample recall@95 gain mean', mean(g).toFixed(3), 'p10', g[30].toFixed(3), 'p90', g[270].toFixed(3), '| auc gain mean', mean(ag).toFixed(3), 'p10', ag[30].toFixed(3), 'share>0', (ag.filter((x) => x > 0).length / 300).toFixed(2));
}
