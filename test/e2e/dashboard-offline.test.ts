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

const NOTICE = {
  en: 'No connection to the server',
  fa: 'اتصال به سرور برقرار نیست',
  ar: 'لا اتصال بالخادم',
} as const;

describe('dashboard offline', () => {
  for (const locale of ['en', 'fa', 'ar'] as const) {
    it(`keeps the numbers, says so in ${locale}, and recovers when back online`, { timeout: 90_000 }, async () => {
      // the day after the answers, so the cards hold numbers (rolling ranges end yesterday)
      const ctx = await signedInContext(browser, site.apiKey, { locale, dayAfter: true });
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
      expect(text).toContain(NOTICE[locale]);
      // the figures loaded before are still there
      expect(await page.locator('.metric-card .value').first().textContent()).toBe(before);
      expect(before).toMatch(locale === 'fa' ? /[۰-۹]/ : /\d/);
      if (locale === 'ar') {
        // Arabic reads right to left with the Latin digits CLDR gives it, never Arabic-Indic ones
        expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
        expect(`${before}${text}`).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
      }
      await page.screenshot({ path: `${SHOTS}offline-overview-${locale}-desktop.png` });
      // the same notice and figures on a phone, nothing pushed sideways
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await notice.isVisible()).toBe(true);
      expect(await page.locator('.metric-card .value').first().textContent()).toBe(before);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: `${SHOTS}offline-overview-${locale}-phone.png` });

      await ctx.setOffline(false);
      await notice.waitFor({ state: 'detached', timeout: 20_000 });
      await page.locator('.overview[data-state="ready"]').waitFor();
      expect(await page.locator('[role="alert"]').count()).toBe(0);
      await ctx.close();
    });
  }
});
