import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DashboardSite, dashboardUrl, ready, seedDashboardSite, signedInContext } from './dashboard-helpers';
import { launchBrowser } from './helpers';

// The dashboard in Arabic (#15, #17), in Debian's Chromium against `wrangler dev`: chosen from the
// language picker, right to left, remembered across a reload, and with no English left in the
// headings, tabs, buttons and labels of a results screen, a set-up screen, an ops screen and a why
// screen. Also takes the Arabic screenshots (desktop and phone) of the main screens.
let browser: Browser;
let site: DashboardSite;
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 150 });
// The machine is shared: screenshots of eight screens at two sizes take a while.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), seedDashboardSite()]);
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Latin words in the UI's own text: headings, tabs, buttons, labels and legends. What the site's
 * people wrote (survey, touchpoint and question names, shown in «…» or as they are) and names that
 * stay as they are in Arabic (NPS, API, CSV…) are left out.
 */
async function englishLeft(page: Page): Promise<string[]> {
  const texts = await page
    .locator('h1, h2, h3, nav.tabs a, main button, main label, main legend, main th')
    .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.textContent ?? ''));
  const KEPT = /\b(NPS|CSAT|CES|API|CSV|QR|SMS|JSON|Slack|SVG|PNG|HTML|URL|Webhooks|n|p)\b/g;
  const DATA =
    /E2E relationship|plan = \w+|Checkout|Help centre|How likely are you to recommend us\?|How satisfied are you\?|Why\?|«[^»]*»/g;
  return texts
    .map((t) => t.replace(DATA, '').replace(KEPT, ''))
    .filter((t) => /[A-Za-z]{2,}/.test(t))
    .map((t) => t.trim());
}

const chooseArabic = async (page: Page) => {
  await page.getByLabel('Language', { exact: true }).selectOption('ar');
  await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ar');
};

describe('the dashboard in Arabic', () => {
  it('switches to العربية: right to left, Arabic on every kind of screen, remembered after a reload', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { locale: 'en' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(dashboardUrl('#/overview'));
    await ready(page);
    // The picker offers each language by its own name.
    expect(await page.locator('[data-action="locale"] option').allTextContents()).toEqual([
      'English',
      'فارسی',
      'العربية',
    ]);
    await chooseArabic(page);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await ready(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('نظرة عامة');
    expect(await page.getByLabel('اللغة', { exact: true }).inputValue()).toBe('ar');
    expect(await englishLeft(page)).toEqual([]);
    // Dates in the Gregorian calendar, Arabic month names and the digits CLDR gives Arabic (Western).
    const range = (await page.locator('.range-line').textContent()) ?? '';
    expect(range).toMatch(/يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر/);
    expect(range).toMatch(/\d/);
    expect(range).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);

    // a set-up screen
    await page.goto(dashboardUrl('#/surveys'));
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('الاستبيانات');
    await page.locator('main button').first().waitFor();
    expect(await englishLeft(page)).toEqual([]);

    // an ops screen
    await page.goto(dashboardUrl('#/alerts'));
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('قواعد التنبيه');
    await page.locator('main form button').first().waitFor();
    expect(await englishLeft(page)).toEqual([]);

    // a why screen
    await page.goto(dashboardUrl('#/drivers'));
    await ready(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('العوامل المؤثرة');
    expect(await englishLeft(page)).toEqual([]);

    // remembered: the reload renders in Arabic at once (its dictionary fetched before the first render)
    await page.reload();
    await ready(page);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('العوامل المؤثرة');
    expect(await page.evaluate(() => localStorage.getItem('seda.locale'))).toBe('ar');

    // and back to English through the same picker, now labelled in Arabic
    await page.getByLabel('اللغة', { exact: true }).selectOption('en');
    await poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Key drivers');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('offers Arabic on the sign-in screen and follows an Arabic browser', async () => {
    const ctx = await browser.newContext({ locale: 'ar-SA', viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl());
    await poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ar');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.locator('form.signin-form').waitFor();
    expect(await page.getByLabel('اللغة', { exact: true }).inputValue()).toBe('ar');
    expect(await englishLeft(page)).toEqual([]);
    await ctx.close();
  });

  it('screenshots in Arabic, desktop and phone', async () => {
    mkdirSync('screenshots', { recursive: true });
    const screens: [string, string, (p: Page) => Promise<unknown>][] = [
      ['overview', '#/overview', ready],
      ['journey', '#/journey', ready],
      ['verbatims', '#/verbatims', ready],
      ['surveys', '#/surveys', (p) => p.locator('main button').first().waitFor()],
      ['editor', `#/editor/${site.surveyId}`, (p) => p.locator('main form').first().waitFor()],
      ['alerts', '#/alerts', (p) => p.locator('main form button').first().waitFor()],
      ['members', '#/members', (p) => p.locator('main h1').first().waitFor()],
    ];
    for (const [width, height, size] of [
      [1280, 800, 'desktop'],
      [390, 844, 'phone'],
    ] as const) {
      const ctx = await signedInContext(browser, site.apiKey, { locale: 'ar', width, height });
      const page = await ctx.newPage();
      for (const [name, hash, loaded] of screens) {
        await page.goto(dashboardUrl(hash));
        await loaded(page);
        // Sideways scrolling on a phone is a layout fault (wide tables scroll inside their own box).
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
        await page.screenshot({ path: `screenshots/ar-${name}-${size}.png` });
      }
      await ctx.close();
      const out = await browser.newContext({ viewport: { width, height } });
      await out.addInitScript(() => localStorage.setItem('seda.locale', 'ar'));
      const signIn = await out.newPage();
      await signIn.goto(dashboardUrl());
      await signIn.locator('form.signin-form').waitFor();
      await signIn.screenshot({ path: `screenshots/ar-sign-in-${size}.png` });
      await out.close();
    }
  });
});
