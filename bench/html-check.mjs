#!/usr/bin/env node
// Issue 7, acceptance 1 on the real data: the HTML report of the 4,382 PFD concerns opened in
// Debian's Chromium (playwright-core): no src/href to anywhere else, no console error, no request
// but the file itself, the charts drawn; a screenshot is saved to test-artifacts/pfd-report.png.
// Prints counts only (the concerns name people who died). Run: node bench/html-check.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PFD = join(ROOT, '../shared/data/pfd_concerns_split.csv');
const out = join(mkdtempSync(join(tmpdir(), 'recdedup-html-')), 'r.html');
execFileSync(process.execPath, [join(ROOT, 'bin/recdedup'), 'themes', PFD, '--format', 'html', '--out', out], { env: { ...process.env, CI: 'true' } });
const html = readFileSync(out, 'utf8');
const links = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
const checks = [];
const check = (name, ok, detail = '') => checks.push({ name, ok, detail });
check('under 2 MB', statSync(out).size < 2e6, `${statSync(out).size.toLocaleString('en-GB')} bytes`);
check('no src or href pointing anywhere', links.length === 0, `${links.length} found`);

const browser = await chromium.launch({
  executablePath: process.env.RECDEDUP_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
  const errors = [];
  const requests = [];
  let dialogs = 0;
  page.on('console', (message) => (message.type() === 'error' || message.type() === 'warning') && errors.push(message.type()));
  page.on('pageerror', () => errors.push('pageerror'));
  page.on('dialog', async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(out).href, { waitUntil: 'load' });
  const svgs = await page.locator('svg').count();
  const themes = await page.locator('details').count();
  check('no console error or warning', errors.length === 0, `${errors.length}`);
  check('no dialog', dialogs === 0);
  check('no request but the file itself', requests.length === 1, `${requests.length} requests`);
  check('charts drawn (SVG elements)', svgs >= 3, `${svgs} SVG elements, ${themes} collapsible sections`);
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'test-artifacts/pfd-report.png') });
} finally {
  await browser.close();
}
for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? ` (${c.detail})` : ''}`);
process.exit(checks.every((c) => c.ok) ? 0 : 1);
