import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, recdedup, ROOT } from './run.js';

/**
 * The HTML report in a real browser: Debian's Chromium (apt-get install chromium), driven by
 * playwright-core. `.ci/run` installs it; without it the test fails in CI and skips locally.
 */
const CHROMIUM = process.env.RECDEDUP_CHROMIUM || '/usr/bin/chromium';
const IN_CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const ARTIFACTS = join(ROOT, 'test-artifacts');
const HOSTILE = '<img src=x onerror=alert(1)>';

if (!HAVE_CHROMIUM && !IN_CI) console.warn(`html_browser.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set RECDEDUP_CHROMIUM)`);

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('HTML report in Chromium (fixtures/quirks/hostile_html.csv)', () => {
  let browser: Browser;
  const report = join(ARTIFACTS, 'html-report.html');

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) return; // the test itself fails, so CI counts it
    mkdirSync(ARTIFACTS, { recursive: true });
    const run = recdedup(['themes', fixture('quirks/hostile_html.csv'), '--format', 'html']);
    expect(run.code, run.stderr).toBe(0);
    writeFileSync(report, run.stdout);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens offline with no error, runs no injected code, shows hostile text literally, and filters', async () => {
    if (!HAVE_CHROMIUM) throw new Error(`no Chromium at ${CHROMIUM}: CI must install it (apt-get install -y chromium)`);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    page.on('request', (request) => requests.push(request.url()));

    const url = pathToFileURL(report).href;
    await page.goto(url, { waitUntil: 'load' });

    // The summary, and the charts drawn as SVG by the tool.
    await expect.poll(() => page.locator('#summary').innerText()).toMatch(/Items\s+6/);
    expect(await page.locator('svg#recurrence-chart rect').count()).toBe(2);
    expect(await page.locator('svg#heat-map rect').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.timeline').count()).toBe(2);

    // Nothing injected became an element.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);

    const status = page.locator('#filter-status');
    const shown = () => page.locator('li[data-item]:visible').count();
    expect(await status.innerText()).toBe('5 items listed');

    // Filtering by text opens the matching theme and group: the hostile text reads as text.
    await page.locator('input[name=text]').fill('onerror');
    expect(await status.innerText()).toBe('1 of 5 listed items match');
    const hostile = page.locator('li[data-item]:visible');
    expect(await hostile.count()).toBe(1);
    expect(await hostile.innerText()).toContain(HOSTILE);
    expect(await page.getByText(HOSTILE, { exact: false }).isVisible()).toBe(true);

    await page.locator('input[name=text]').fill('gritting');
    expect(await shown()).toBe(2);
    expect(await page.locator('details.theme:visible').count()).toBe(1);

    await page.locator('input[name=text]').fill('');
    await page.locator('input[name=source]').fill('report c');
    expect(await shown()).toBe(1);
    await page.locator('input[name=source]').fill('');
    await page.locator('input[name=recipient]').fill('highways');
    expect(await shown()).toBe(1);
    await page.locator('input[name=recipient]').fill('');
    await page.locator('input[name=year]').fill('2019');
    expect(await shown()).toBe(1);
    await page.locator('input[name=year]').fill('201');
    expect(await shown()).toBe(0);
    await page.locator('input[name=year]').fill('');
    expect(await status.innerText()).toBe('5 items listed');

    // Everything open for the screenshot; then give any late handler a moment to fire.
    await page.locator('input[name=text]').fill('should');
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });
});
