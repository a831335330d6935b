// Browser test of the example portal: signs in as guest, opens an example
// service's Build cache tab and the compliance page, asserts that real
// findings and numbers are visible and that the browser console stays free
// of errors, and saves the screenshots the README shows.
// Run through scripts/e2e.sh, which starts the portal when needed.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const APP = process.env.APP_URL ?? 'http://localhost:3000';
const SHOTS = process.env.SCREENSHOT_DIR ?? 'docs/screenshots';
mkdirSync(SHOTS, { recursive: true });
mkdirSync('.cache/e2e', { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
  ],
});
// axe needs a page of an explicit context
const context = await browser.newContext({
  viewport: { width: 1440, height: 1000 },
});
const page = await context.newPage();
let consoleErrors = [];
page.on(
  'console',
  m => m.type() === 'error' && consoleErrors.push(m.text().slice(0, 500)),
);
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
    console.log(
      `not ok - ${name}\n  ${String(error.message ?? error)
        .split('\n')
        .join('\n  ')}`,
    );
    await page
      .screenshot({
        path: `.cache/e2e/failure-${passed + failed}.png`,
        fullPage: true,
      })
      .catch(() => {});
  }
}

const visible = (text, timeout = 30_000) =>
  page.getByText(text, { exact: false }).first().waitFor({ timeout });

await check('guest sign-in', async () => {
  await page.goto(`${APP}/`);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.waitForURL(/\/catalog/);
});

await check('catalog lists the example components', async () => {
  await page.goto(`${APP}/catalog`);
  for (const name of [
    'ledger-export',
    'payment-gateway',
    'feature-flags-edge',
  ]) {
    await visible(name);
  }
});

await check(
  'entity overview shows the buildcache card with a score',
  async () => {
    await page.goto(`${APP}/catalog/default/component/ledger-export`);
    await visible('BuildKit cache');
    await visible('Scanned');
    const gauge = await page
      .locator('text=/^\\d{1,3}%?$/')
      .first()
      .textContent();
    assert.match(gauge ?? '', /\d/);
    await page.screenshot({ path: `${SHOTS}/entity-overview-card.png` });
  },
);

await check(
  'entity tab shows findings at file:line with a fix diff',
  async () => {
    await page.goto(
      `${APP}/catalog/default/component/ledger-export/buildcache`,
    );
    await visible('Score history');
    await visible('Dockerfile');
    await visible('BC1001');
    await visible('Suggested fix');
    await page.waitForTimeout(1000);
    await page.screenshot({
      path: `${SHOTS}/entity-buildcache-tab.png`,
      fullPage: true,
    });
  },
);

await check('fix all in this file shows one combined patch', async () => {
  await page.goto(`${APP}/catalog/default/component/ledger-export/buildcache`);
  const toggle = page.getByRole('button', {
    name: /^Fix all in this file \(\d+ fix(es)?\): Dockerfile$/,
  });
  await toggle.waitFor({ timeout: 30_000 });
  await toggle.click();
  const diff = page.getByLabel('All fixes of Dockerfile (unified diff)');
  await diff.waitFor({ timeout: 10_000 });
  assert.match((await diff.textContent()) ?? '', /--mount=type=cache/);
  await page
    .getByRole('button', { name: 'Download .patch of the fixes of Dockerfile' })
    .waitFor();
  await diff.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/entity-fix-all.png` });
});

await check('a service without a Dockerfile is not applicable', async () => {
  await page.goto(
    `${APP}/catalog/default/component/feature-flags-edge/buildcache`,
  );
  await visible('No Docker builds found');
  await visible('does not apply');
});

await check(
  'compliance page shows levels, adoption and the services table',
  async () => {
    await page.goto(`${APP}/buildcache`);
    await visible('Rule adoption');
    await visible('ledger-export');
    const services = await page
      .getByText(/^\d+ services$/)
      .first()
      .textContent();
    assert.ok(
      Number.parseInt(services ?? '0', 10) >= 10,
      `expected ≥ 10 services, saw "${services}"`,
    );
    await page.waitForTimeout(1000);
    await page.screenshot({
      path: `${SHOTS}/compliance-page.png`,
      fullPage: true,
    });
  },
);

await check('compliance filters live in the URL', async () => {
  await page.goto(`${APP}/buildcache?level=Gold`);
  await visible('Rule adoption');
  await page.waitForTimeout(1500);
  const rows = page.locator('tbody tr');
  const count = await rows.count();
  assert.ok(count > 0, 'no Gold services listed');
  for (let i = 0; i < count; i++) {
    const text = (await rows.nth(i).textContent()) ?? '';
    if (text.trim())
      assert.match(text, /Gold/, `row ${i} is not Gold: ${text}`);
  }
});

await check('compliance tiles follow a filter', async () => {
  const servicesTile = async () => {
    const text = await page
      .getByText(/^\d+ services?$/)
      .first()
      .textContent();
    return Number.parseInt(text ?? '', 10);
  };
  await page.goto(`${APP}/buildcache`);
  await visible('Rule adoption');
  const all = await servicesTile();
  await page.goto(`${APP}/buildcache?level=Gold`);
  await visible('Rule adoption');
  await page.waitForFunction(
    n =>
      [...document.querySelectorAll('*')].some(
        e =>
          /^\d+ services?$/.test(e.textContent ?? '') &&
          Number.parseInt(e.textContent, 10) < n,
      ),
    all,
    { timeout: 30_000 },
  );
  const gold = await servicesTile();
  assert.ok(gold > 0 && gold < all, `Gold services ${gold} of ${all}`);
});

await check(
  'org view → rule page → failing service → finding → code, and back',
  async () => {
    await page.goto(`${APP}/buildcache?groupBy=rule`);
    const ruleLink = page.getByRole('link', { name: 'BC1001', exact: true });
    await ruleLink.waitFor({ timeout: 30_000 });
    await ruleLink.click();
    await page.waitForURL(/\/buildcache\/rules\/BC1001$/);
    await page
      .getByRole('heading', { level: 1, name: /^BC1001 / })
      .waitFor({ timeout: 30_000 });
    await visible('Services failing BC1001');
    await page.screenshot({ path: `${SHOTS}/rule-page.png`, fullPage: true });
    const service = page.locator('table a[href$="/buildcache"]').first();
    await service.waitFor({ timeout: 30_000 });
    const name = (await service.textContent())?.trim();
    await service.click();
    await page.waitForURL(/\/catalog\/default\/component\/[^/]+\/buildcache$/);
    const line = page
      .getByRole('link', { name: /^line \d+(–\d+)? of / })
      .first();
    await line.waitFor({ timeout: 30_000 });
    const href = (await line.getAttribute('href')) ?? '';
    const match = href.match(
      /^http:\/\/127\.0\.0\.1:7070\/acme\/[^/]+\/blob\/main\/.+#L(\d+)$/,
    );
    assert.ok(match, `code link of ${name}: ${href}`);
    // the SCM link opens in a new tab, as the portal's external links do
    const codePage = await context.newPage();
    await codePage.goto(href);
    const code = codePage.locator(`#L${match[1]}`);
    assert.ok(
      ((await code.textContent()) ?? '').trim().length > 0,
      'the linked line is shown',
    );
    await codePage.close();
    await page.goBack();
    await page.waitForURL(/\/buildcache\/rules\/BC1001$/);
    await page
      .getByRole('heading', { level: 1, name: /^BC1001 / })
      .waitFor({ timeout: 30_000 });
    await page.goBack();
    await page.waitForURL(/\/buildcache\?groupBy=rule$/);
    await visible('Services by failing rule');
  },
);

await check('the source view shows a scanned file at a line', async () => {
  await page.goto(
    `${APP}/buildcache/source/default/component/ledger-export?path=Dockerfile&line=2`,
  );
  const listing = page.getByRole('region', { name: 'Dockerfile, line 2' });
  await listing.waitFor({ timeout: 30_000 });
  assert.match((await listing.textContent()) ?? '', /FROM /);
  await page.screenshot({ path: `${SHOTS}/source-view.png` });
});

await check('the waivers page lists waivers with who waived them', async () => {
  await page.goto(`${APP}/buildcache/waivers`);
  await visible('Waivers');
  await page.waitForTimeout(1000);
  await page.screenshot({ path: `${SHOTS}/waivers-page.png`, fullPage: true });
});

// axe on every view of the plugin, wide and at 800 px: no serious or
// critical violation (moderate and minor ones are printed, not failed)
const AXE_VIEWS = [
  ['catalog', '/catalog', 'ledger-export'],
  [
    'entity tab',
    '/catalog/default/component/ledger-export/buildcache',
    'Score history',
  ],
  ['compliance page', '/buildcache', 'Rule adoption'],
  ['rule page', '/buildcache/rules/BC1001', 'Services failing BC1001'],
  ['waivers page', '/buildcache/waivers', 'Waivers'],
];
for (const width of [1440, 800]) {
  for (const [name, path, ready] of AXE_VIEWS) {
    await check(`axe: ${name} at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(`${APP}${path}`);
      await visible(ready);
      await page.waitForTimeout(1000);
      await assertAccessible(`${name} at ${width} px`);
      if (width === 800)
        await page.screenshot({
          path: `.cache/e2e/800-${name.replace(/ /g, '-')}.png`,
          fullPage: true,
        });
    });
  }
  await check(`axe: waive dialog at ${width} px`, async () => {
    await page.setViewportSize({ width, height: 1000 });
    await page.goto(
      `${APP}/catalog/default/component/ledger-export/buildcache`,
    );
    await page
      .getByRole('button', { name: /^Waive BC\d+ in / })
      .first()
      .click();
    await page.getByRole('dialog').waitFor({ timeout: 30_000 });
    // contrast is measured once the dialog has faded in
    await page.waitForFunction(() => {
      for (
        let e = document.querySelector('[role="dialog"]');
        e;
        e = e.parentElement
      )
        if (getComputedStyle(e).opacity !== '1') return false;
      return true;
    });
    // the page behind the modal backdrop is checked on its own above
    await assertAccessible(`waive dialog at ${width} px`, '[role="dialog"]');
    await page.keyboard.press('Escape');
  });
}
await page.setViewportSize({ width: 1440, height: 1000 });

async function assertAccessible(view, include) {
  const builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
  ]);
  const results = await (include
    ? builder.include(include)
    : builder
  ).analyze();
  const describe = v =>
    `${v.impact} ${v.id}: ${v.help} (${
      v.nodes.length
    }×, e.g. ${v.nodes[0]?.target.join(' ')})`;
  const blocking = results.violations.filter(
    v => v.impact === 'serious' || v.impact === 'critical',
  );
  for (const v of results.violations.filter(x => !blocking.includes(x)))
    console.log(`  # ${view}: ${describe(v)}`);
  assert.deepEqual(blocking.map(describe), [], `axe on ${view}`);
}

// Tickets and fix pull requests land in the SCM simulator the portal runs
// against (scripts/start-simulated.sh): checked there over its API too.
const SIMULATOR = process.env.SIMULATOR_URL ?? 'http://127.0.0.1:7070';
const simulator = async path => {
  const res = await fetch(`${SIMULATOR}/api/v3${path}`, {
    headers: { authorization: 'token simulator-token' },
  });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.json();
};

await check(
  'create ticket files one issue in the simulated GitHub',
  async () => {
    await page.goto(
      `${APP}/catalog/default/component/build-notifier/buildcache`,
    );
    await page.getByRole('button', { name: 'Create ticket' }).click();
    const dialog = page.getByRole('dialog', { name: /Create ticket/ });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByText(/step 2 of 3/).waitFor({ timeout: 30_000 });
    // a portal that already filed these findings offers to update the issue
    await dialog
      .getByText(
        /^github:127\.0\.0\.1:7070\/acme\/build-notifier$|already filed/,
      )
      .first()
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/ticket-preview.png` });
    await dialog
      .getByRole('button', { name: /^(Create issue|Update the open ticket)$/ })
      .click();
    const link = dialog.getByRole('link', { name: /Issue #\d+/ });
    await link.waitFor({ timeout: 30_000 });
    const href = await link.getAttribute('href');
    assert.match(
      href ?? '',
      /^http:\/\/127\.0\.0\.1:7070\/acme\/build-notifier\/issues\/\d+$/,
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    const issues = (
      await simulator('/repos/acme/build-notifier/issues?state=all')
    ).filter(i => !i.pull_request);
    assert.equal(issues.length, 1, 'exactly one issue');
    assert.match(issues[0].body, /buildcache-fingerprint: [0-9a-f]{32}/);
    // the chip beside the finding links the same issue
    await page
      .getByRole('link', { name: /^Issue #\d+ · open, for / })
      .first()
      .waitFor({ timeout: 30_000 });
  },
);

await check(
  'open fix PR commits the combined fix on its own branch',
  async () => {
    await page.goto(
      `${APP}/catalog/default/component/ledger-export/buildcache`,
    );
    await page.getByRole('button', { name: 'Open fix PR' }).click();
    const dialog = page.getByRole('dialog', { name: /Open fix pull request/ });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByText(/step 2 of 3/).waitFor({ timeout: 30_000 });
    // a portal that already filed this PR offers to update it instead
    await dialog
      .getByText(/--mount=type=cache|already filed/)
      .first()
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/fix-pr-preview.png` });
    await dialog
      .getByRole('button', {
        name: /^(Open pull request|Update the open ticket)$/,
      })
      .click();
    await dialog
      .getByRole('link', { name: /PR #\d+/ })
      .waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    const pulls = await simulator('/repos/acme/ledger-export/pulls?state=all');
    assert.equal(pulls.length, 1, 'exactly one pull request');
    assert.match(pulls[0].head.ref, /^buildcache\/fix-ledger-export-/);
    assert.equal(pulls[0].base.ref, 'main');
    const file = await simulator(
      `/repos/acme/ledger-export/contents/Dockerfile?ref=${encodeURIComponent(
        pulls[0].head.ref,
      )}`,
    );
    assert.match(
      Buffer.from(file.content, 'base64').toString('utf8'),
      /--mount=type=cache/,
    );
    await page
      .getByRole('link', { name: /^PR #\d+ · open, for / })
      .first()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({
      path: `${SHOTS}/entity-ticket-chips.png`,
      fullPage: true,
    });
  },
);

await check(
  'a campaign dry run lists what each service would get',
  async () => {
    await page.goto(`${APP}/buildcache`);
    await page
      .getByRole('button', { name: /Campaign/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: /campaign/i });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog
      .getByText(/would create/i)
      .first()
      .waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${SHOTS}/campaign-dry-run.png` });
    await dialog
      .getByRole('button', { name: /Cancel|Close/ })
      .first()
      .click();
  },
);

await browser.close();
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
