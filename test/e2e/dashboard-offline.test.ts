import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardSite, dashboardUrl, seedDashboardSite, signedInContext } from './dashboard-helpers';
import { launchBrowser } from './helpers';

const SHOTS = new URL('../../screenshots/', import.meta.url).pathname;

// Losing the connection (#17): the figures already on screen stay, the screen says in its own
// language that the server is unreachable (never the browser's "Failed to fetch"), and it reads
// again by itself when the connection returns.
let browser: Browser;
let site: DashboardSite;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), seedDashboardSite()]);
});
afterAll(async () => {
  await browser?.close();
});

describe('dashboard offline', () => {
  for (const locale of ['en', 'fa'] as const) {
    it(`keeps the numbers, says so in ${locale}, and recovers when back online`, { timeout: 90_000 }, async () => {
      const ctx = await signedInContext(browser, site.apiKey, { locale });
      const page = await ctx.newPage();
      await page.goto(dashboardUrl(`#/overview?survey=${site.surveyId}&range=30`));
      await page.locator('.overview[data-state="ready"] .metric-card .value').first().waitFor({ timeout: 20_000 });
      const before = await page.locator('.metric-card .value').first().textContent();

      await ctx.setOffline(true);
      await page.locator('#f-range').selectOption('90');
      const notice = page.locator('[data-stale="yes"]');
      await notice.waitFor({ timeout: 20_000 });
      const text = (await notice.textContent()) ?? '';
      expect(text).not.toMatch(/Failed to fetch|network/i);
      expect(text).toContain(locale === 'fa' ? 'اتصال به سرور برقرار نیست' : 'No connection to the server');
      // the figures loaded before are still there
      expect(await page.locator('.metric-card .value').first().textContent()).toBe(before);
      await page.screenshot({ path: `${SHOTS}offline-overview-${locale}-desktop.png` });

      await ctx.setOffline(false);
      await notice.waitFor({ state: 'detached', timeout: 20_000 });
      await page.locator('.overview[data-state="ready"]').waitFor();
      expect(await page.locator('[role="alert"]').count()).toBe(0);
      await ctx.close();
    });
  }
});
