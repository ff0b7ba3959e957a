/**
 * Each view's Export applies exactly the filters that view applies, channel included, says so
 * beside the button with their values (English punctuation in English, Persian in Persian), and
 * reports how many rows the file holds.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardSite, dashboardUrl, ready, seedDashboardSite, signedInContext } from './dashboard-helpers';
import { launchBrowser, SIZES } from './helpers';

const SHOTS = new URL('../../screenshots/', import.meta.url).pathname;
let browser: Browser;
let site: DashboardSite;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), seedDashboardSite()]);
});
afterAll(async () => {
  await browser?.close();
});

/** Clicks Export; answers the export request's query and the saved file's data rows. */
async function exportFrom(page: Page) {
  const request = page.waitForRequest((r) => /\/v1\/surveys\/[^/]+\/(responses|verbatims)\?/.test(r.url()));
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.locator('[data-action="export"]').click(),
  ]);
  const query = new URL((await request).url()).searchParams;
  const csv = readFileSync((await download.path())!, 'utf8');
  return { query, rows: csv.trim().split('\r\n').length - 1 };
}

const note = (page: Page) => page.getByTestId('export-note');
const status = (page: Page) => page.locator('.toolbar-status');
/** Text without the bidi marks (isolates, RLM) put around values in right-to-left text. */
const plain = (s: string | null) => (s ?? '').replace(/[\u2066-\u2069\u200f]/g, '');

describe('exports', () => {
  it('overview: the channel filter applies to the file as on screen, and the note names every filter', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl(`#/overview?survey=${site.surveyId}&touchpoint=checkout&channel=email`));
    await ready(page);
    await expect
      .poll(async () => plain(await note(page).textContent()), { timeout: 15_000 })
      .toMatch(/^One row per response to E2E relationship: .+ – .+, Touchpoint: Checkout,? and Channel: Email\.$/);
    await expect(note(page).isVisible()).resolves.toBe(true);
    const byEmail = await exportFrom(page);
    expect(byEmail.query.get('channel')).toBe('email');
    expect(byEmail.query.get('touchpoint')).toBe('checkout');
    expect(byEmail.rows).toBe(0); // every seeded answer came from the web widget
    await expect.poll(() => status(page).textContent(), { timeout: 15_000 }).toMatch(/\(0 responses\)\.$/);

    await page.goto(dashboardUrl(`#/overview?survey=${site.surveyId}&touchpoint=checkout&channel=web`));
    await ready(page);
    await expect.poll(async () => plain(await note(page).textContent())).toContain('Channel: Web page');
    const byWeb = await exportFrom(page);
    expect(byWeb.rows).toBe(site.checkoutNps);
    await expect
      .poll(() => status(page).textContent(), { timeout: 15_000 })
      .toContain(`(${site.checkoutNps} responses).`);
    await page.screenshot({ path: `${SHOTS}export-overview-en-desktop.png` });
    await ctx.close();
  });

  it('a view that ignores a filter exports without it, and its note does not name it', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    // the drivers view applies the survey and the dates only
    await page.goto(dashboardUrl(`#/drivers?survey=${site.surveyId}&touchpoint=checkout&channel=email`));
    await expect
      .poll(async () => plain(await note(page).textContent()), { timeout: 20_000 })
      .toMatch(/^One row per response to E2E relationship: \w{3} \d+, \d{4} – \w{3} \d+, \d{4}\.$/);
    const { query } = await exportFrom(page);
    expect(query.get('touchpoint')).toBeNull();
    expect(query.get('channel')).toBeNull();
    await ctx.close();
  });

  it('verbatims: the note names the search and the sentiment, and the channel applies there too', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl(`#/verbatims?survey=${site.surveyId}&q=slow&sentiment=negative&channel=web`));
    await ready(page);
    await expect
      .poll(async () => plain(await note(page).textContent()), { timeout: 15_000 })
      .toMatch(
        /^One row per answer listed here, from E2E relationship: .+, Channel: Web page, Search answers: “slow”,? and Sentiment: Negative\.$/,
      );
    const listed = await page.locator('.verbatim-text').count();
    const { query, rows } = await exportFrom(page);
    expect(query.get('channel')).toBe('web');
    expect(rows).toBe(listed);
    await page.screenshot({ path: `${SHOTS}export-verbatims-en-desktop.png` });
    await ctx.close();
  });

  for (const [label, width, height] of SIZES) {
    it(`in Persian: the note and the count in Persian words, digits and punctuation (${label})`, async () => {
      const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true, locale: 'fa', width, height });
      const page = await ctx.newPage();
      await page.goto(dashboardUrl(`#/overview?survey=${site.surveyId}&touchpoint=checkout&channel=web`));
      await ready(page);
      await expect
        .poll(async () => plain(await note(page).textContent()), { timeout: 15_000 })
        .toMatch(/^یک سطر برای هر پاسخ‌نامهٔ E2E relationship: .+، نقطهٔ تماس: Checkout،? و کانال: .+\.$/);
      const { rows } = await exportFrom(page);
      expect(rows).toBe(site.checkoutNps);
      await expect
        .poll(async () => plain(await status(page).textContent()), { timeout: 15_000 })
        .toContain(`(${site.checkoutNps.toLocaleString('fa')} پاسخ‌نامه)`);
      // nothing sideways on a phone
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: `${SHOTS}export-overview-fa-${label}.png` });
      await ctx.close();
    });
  }

  it('in Arabic, desktop then phone: the notes and counts in Arabic words and punctuation, Latin digits', {
    timeout: 120_000,
  }, async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true, locale: 'ar' });
    const page = await ctx.newPage();
    const and = '(?:، | و)'; // CLDR's Arabic list: "أ، ب و ج" or "أ وب وج", by ICU version
    for (const [label, width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.goto(dashboardUrl(`#/overview?survey=${site.surveyId}&touchpoint=checkout&channel=web`));
      await ready(page);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await expect
        .poll(async () => plain(await note(page).textContent()), { timeout: 15_000 })
        .toMatch(
          new RegExp(
            `^صفّ لكل استجابة في E2E relationship: \\d+ \\S+ 20\\d\\d – \\d+ \\S+ 20\\d\\d${and}نقطة التواصل: Checkout${and}القناة: صفحة ويب\\.$`,
          ),
        );
      expect(await note(page).isVisible()).toBe(true);
      const byWeb = await exportFrom(page);
      expect(byWeb.query.get('channel')).toBe('web');
      expect(byWeb.rows).toBe(site.checkoutNps);
      await expect
        .poll(async () => plain(await status(page).textContent()), { timeout: 15_000 })
        .toContain(`(عدد الاستجابات: ${site.checkoutNps}).`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: `${SHOTS}ar-export-overview-${label}.png` });

      // verbatims: the search and the sentiment named, the file holds what the list shows
      await page.goto(dashboardUrl(`#/verbatims?survey=${site.surveyId}&q=slow&sentiment=negative&channel=web`));
      await ready(page);
      await expect
        .poll(async () => plain(await note(page).textContent()), { timeout: 15_000 })
        .toMatch(
          new RegExp(
            `^صفّ لكل إجابة معروضة هنا، من E2E relationship: .+${and}القناة: صفحة ويب${and}البحث في الإجابات: «slow»${and}المشاعر: سلبية\\.$`,
          ),
        );
      const listed = await page.locator('.verbatim-text').count();
      expect(listed).toBeGreaterThan(0);
      const { query, rows } = await exportFrom(page);
      expect(query.get('q')).toBe('slow');
      expect(query.get('sentiment')).toBe('negative');
      expect(rows).toBe(listed);
      await expect
        .poll(async () => plain(await status(page).textContent()), { timeout: 15_000 })
        .toContain(`(عدد الإجابات: ${listed}).`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: `${SHOTS}ar-export-verbatims-${label}.png` });
    }
    await ctx.close();
  });
});
