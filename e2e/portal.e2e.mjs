// Browser test of the example portal: signs in as guest, opens an example
// service's Build cache tab and the compliance page, asserts that real
// findings and numbers are visible and that the browser console stays free
// of errors, and saves the screenshots the README shows.
// Run through scripts/e2e.sh, which starts the portal when needed.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const APP = process.env.APP_URL ?? 'http://localhost:3000';
const SHOTS = process.env.SCREENSHOT_DIR ?? 'docs/screenshots';
mkdirSync(SHOTS, { recursive: true });
mkdirSync('.cache/e2e', { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
let consoleErrors = [];
page.on('console', m => m.type() === 'error' && consoleErrors.push(m.text().slice(0, 500)));
page.on('pageerror', e => consoleErrors.push(String(e)));

let passed = 0;
let failed = 0;
async function check(name, fn) {
  consoleErrors = [];
  try {
    await fn();
    assert.deepEqual(consoleErrors, [], `browser console errors on "${name}"`);
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}\n  ${String(error.message ?? error).split('\n').join('\n  ')}`);
    await page.screenshot({ path: `.cache/e2e/failure-${passed + failed}.png`, fullPage: true }).catch(() => {});
  }
}

const visible = (text, timeout = 30_000) => page.getByText(text, { exact: false }).first().waitFor({ timeout });

await check('guest sign-in', async () => {
  await page.goto(`${APP}/`);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.waitForURL(/\/catalog/);
});

await check('catalog lists the example components', async () => {
  await page.goto(`${APP}/catalog`);
  for (const name of ['ledger-export', 'payment-gateway', 'feature-flags-edge']) {
    await visible(name);
  }
});

await check('entity overview shows the buildcache card with a score', async () => {
  await page.goto(`${APP}/catalog/default/component/ledger-export`);
  await visible('BuildKit cache');
  await visible('Scanned');
  const gauge = await page.locator('text=/^\\d{1,3}%?$/').first().textContent();
  assert.match(gauge ?? '', /\d/);
  await page.screenshot({ path: `${SHOTS}/entity-overview-card.png` });
});

await check('entity tab shows findings at file:line with a fix diff', async () => {
  await page.goto(`${APP}/catalog/default/component/ledger-export/buildcache`);
  await visible('Score history');
  await visible('Dockerfile');
  await visible('BC1001');
  await visible('Suggested fix');
  await page.waitForTimeout(1000);
  await page.screenshot({ path: `${SHOTS}/entity-buildcache-tab.png`, fullPage: true });
});

await check('fix all in this file shows one combined patch', async () => {
  await page.goto(`${APP}/catalog/default/component/ledger-export/buildcache`);
  const toggle = page.getByRole('button', { name: /^Fix all in this file \(\d+ fix(es)?\): Dockerfile$/ });
  await toggle.waitFor({ timeout: 30_000 });
  await toggle.click();
  const diff = page.getByLabel('All fixes of Dockerfile (unified diff)');
  await diff.waitFor({ timeout: 10_000 });
  assert.match((await diff.textContent()) ?? '', /--mount=type=cache/);
  await page.getByRole('button', { name: 'Download the fixes of Dockerfile as a .patch' }).waitFor();
  await diff.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/entity-fix-all.png` });
});

await check('a service without a Dockerfile is not applicable', async () => {
  await page.goto(`${APP}/catalog/default/component/feature-flags-edge/buildcache`);
  await visible('No Docker builds found');
  await visible('does not apply');
});

await check('compliance page shows levels, adoption and the services table', async () => {
  await page.goto(`${APP}/buildcache`);
  await visible('Rule adoption');
  await visible('ledger-export');
  const services = await page.getByText(/^\d+ services$/).first().textContent();
  assert.ok(Number.parseInt(services ?? '0', 10) >= 10, `expected ≥ 10 services, saw "${services}"`);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: `${SHOTS}/compliance-page.png`, fullPage: true });
});

await check('compliance filters live in the URL', async () => {
  await page.goto(`${APP}/buildcache?level=Gold`);
  await visible('Rule adoption');
  await page.waitForTimeout(1500);
  const rows = page.locator('tbody tr');
  const count = await rows.count();
  assert.ok(count > 0, 'no Gold services listed');
  for (let i = 0; i < count; i++) {
    const text = (await rows.nth(i).textContent()) ?? '';
    if (text.trim()) assert.match(text, /Gold/, `row ${i} is not Gold: ${text}`);
  }
});

await browser.close();
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
