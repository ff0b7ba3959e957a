import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  type DashboardSite,
  dashboardUrl,
  FA_TEXT,
  plain,
  ready,
  seedDashboardSite,
  signedInContext,
  XSS_TEXT,
} from './dashboard-helpers';
import { collectorUrl, launchBrowser, SIZES } from './helpers';

// The CX dashboard in Debian's Chromium against `wrangler dev`, on a site of its own.
let browser: Browser;
let site: DashboardSite;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), seedDashboardSite()]);
});
afterAll(async () => {
  await browser?.close();
});

const PERSIAN_DIGIT = /[۰-۹]/;
/** expect.poll with room for a loaded machine (the default gives up after 1 s). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

/** The checkout touchpoint's cell as the journey API gives it: what its card on screen must show. */
async function checkoutCell() {
  const journey = await (
    await fetch(`${collectorUrl()}/v1/journey`, { headers: { authorization: `Bearer ${site.apiKey}` } })
  ).json();
  return journey.stages
    .flatMap((st: { touchpoints: { key: string }[] }) => st.touchpoints)
    .find((c: { key: string }) => c.key === 'checkout');
}

describe('dashboard', () => {
  it('signs in with the API key, keeps it in sessionStorage only and never puts it in a URL', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(dashboardUrl());
    // People sign in with email and password; the key is the operator's second way in.
    await page.getByRole('button', { name: 'Use an API key instead' }).click();
    await page.getByLabel('Site API key').fill('sk_aaaaaaaaaaaa_wrongwrongwrongwrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain('not accepted');

    await page.getByLabel('Site API key').fill(site.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await ready(page);
    await poll(() => page.locator('[data-metric="nps"] .value').getAttribute('data-value')).not.toBeNull();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');

    const storage = await page.evaluate(() => ({
      session: sessionStorage.getItem('seda.apiKey'),
      local: JSON.stringify({ ...localStorage }),
      cookie: document.cookie,
    }));
    expect(storage.session).toBe(site.apiKey);
    expect(storage.local).not.toContain(site.apiKey);
    expect(storage.cookie).toBe('');
    expect(urls.some((u) => u.includes(site.apiKey))).toBe(false);
    expect(page.url()).not.toContain(site.apiKey);

    // Signing out forgets the key.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Site API key').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('seda.apiKey'))).toBeNull();
    await ctx.close();
  });

  it('goes back to sign-in when the key is refused (401)', async () => {
    const ctx = await browser.newContext();
    await ctx.addInitScript(() => {
      if (!sessionStorage.getItem('seen')) {
        sessionStorage.setItem('seen', '1');
        sessionStorage.setItem('seda.apiKey', 'sk_bbbbbbbbbbbb_revokedrevokedrevoked');
      }
    });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl());
    await page.getByLabel('Site API key').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('sign in again');
    expect(await page.evaluate(() => sessionStorage.getItem('seda.apiKey'))).toBeNull();
    await ctx.close();
  });

  it('shows n, the 95% interval and the comparison on the cards', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/overview'));
    await ready(page);
    const nps = page.locator('[data-metric="nps"]');
    const text = (await nps.textContent()) ?? '';
    expect(text).toMatch(/n = 4[0-9]/); // 40 at checkout + the help centre answers
    expect(text).toContain('95% interval');
    // Nothing in the previous period: the card says it cannot compare rather than inventing a change.
    expect(await nps.locator('.delta').getAttribute('data-significant')).toBe('unknown');
    // The trend is offered as a table too.
    expect(await page.locator('figure.trend-nps svg[role="img"]').getAttribute('aria-label')).toContain('NPS');
    await ctx.close();
  });

  it('filters by touchpoint: the numbers, the request and the address follow', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/overview'));
    await ready(page);
    const results = page.waitForRequest((r) => r.url().includes('/results') && r.url().includes('touchpoint=checkout'));
    await page.getByLabel('Touchpoint', { exact: true }).selectOption('checkout');
    await results;
    await poll(() => page.locator('[data-metric="nps"] .n').textContent()).toBe(`n = ${site.checkoutNps}`);
    expect(page.url()).toContain('touchpoint=checkout');
    // The filter survives a reload (it lives in the address, not in memory).
    await page.reload();
    await ready(page);
    await poll(() => page.getByLabel('Touchpoint', { exact: true }).inputValue()).toBe('checkout');
    expect(await page.locator('[data-metric="nps"] .n').textContent()).toBe(`n = ${site.checkoutNps}`);

    // A segment filter (identify attribute) narrows further.
    await page.getByLabel('Segment', { exact: true }).selectOption('plan:pro');
    await poll(() =>
      page.locator('[data-metric="nps"] .n, [data-metric="nps"] .muted').first().textContent(),
    ).toContain('n = 20');
    await ctx.close();
  });

  it('switches to Persian: RTL, Persian digits, Jalali dates, remembered across reloads', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/overview'));
    await ready(page);
    await page.getByLabel('Language', { exact: true }).selectOption('fa');
    await poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fa');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('نمای کلی');
    expect(await page.locator('[data-metric="nps"] .n').textContent()).toMatch(PERSIAN_DIGIT);
    // The range line is in the Solar Hijri calendar: Persian digits and month names (the compact label
    // names the year only when the range leaves the current one).
    const range = (await page.locator('.range-line').textContent()) ?? '';
    expect(range).toMatch(PERSIAN_DIGIT);
    expect(range).toMatch(/فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند/);
    await page.reload();
    await ready(page);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => localStorage.getItem('seda.locale'))).toBe('fa');
    await ctx.close();
  });

  it('shows verbatims as text (markup stays text), searches them and filters by sentiment', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/overview'));
    await ready(page);
    await page.getByRole('link', { name: 'Verbatims' }).click();
    await ready(page);
    const list = page.locator('.verbatim-list');
    await poll(() => list.textContent()).toContain(XSS_TEXT);
    expect(await list.locator('script, img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __sedaXss?: number }).__sedaXss)).toBeUndefined();
    expect(await list.textContent()).toContain(FA_TEXT);

    await page.getByLabel('Search answers').fill('slow');
    await poll(() => page.url()).toContain('q=slow');
    await ready(page);
    await poll(async () => (await list.locator('.verbatim-text').allTextContents()).every((t) => /slow/i.test(t))).toBe(
      true,
    );
    expect(await list.locator('.verbatim-text').count()).toBeGreaterThan(0);

    await page.getByLabel('Search answers').fill('');
    await page.getByLabel('Sentiment', { exact: true }).selectOption('positive');
    await poll(() => page.url()).toContain('sentiment=positive');
    await ready(page);
    await poll(async () => {
      const classes = await list.locator('.verbatim').evaluateAll((els) => els.map((e) => e.className));
      return classes.length > 0 && classes.every((c) => c.includes('sentiment-positive'));
    }).toBe(true);
    await ctx.close();
  });

  it('lists at-risk customers with their last comment', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/at-risk'));
    await ready(page);
    const table = page.getByRole('table');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('cust-detractor');
    expect(text).toContain('Nobody answered my ticket');
    expect(text).toContain('cust-faller');
    expect(text).toMatch(/Fell by 4/);
    await ctx.close();
  });

  it('shows the journey map and drop-off per question', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/journey'));
    await ready(page);
    const checkout = page.locator('[data-touchpoint="checkout"]');
    expect(await checkout.textContent()).toContain('Checkout');
    expect(await page.locator('.stage').count()).toBe(7);
    // each score carries its own interval and n (not the cell's count of responses)
    const cell = await checkoutCell();
    expect(await checkout.locator('.cell-ci').first().textContent()).toContain(`n = ${cell.nps.n}`);
    expect(await checkout.locator('.cell-responses').textContent()).toContain(String(cell.n));
    // Friction points are the API's call: a metric is called out only when two touchpoints have enough
    // answers to compare. Here only checkout has, so the API names none and neither does the view
    // (it used to compute its own, and marked checkout).
    const journey = await (
      await fetch(`${collectorUrl()}/v1/journey`, { headers: { authorization: `Bearer ${site.apiKey}` } })
    ).json();
    expect(journey.friction).toEqual([]);
    expect(await page.locator('.friction li').count()).toBe(0);
    expect(await page.locator('.is-friction').count()).toBe(0);
    expect(await page.locator('.friction').textContent()).toContain('No significant friction');

    await page.getByRole('link', { name: 'Drop-off' }).click();
    await ready(page);
    const rows = await page.locator('.funnel-table tbody tr').allTextContents();
    expect(rows[0]).toContain('Survey shown');
    expect(rows.at(-1)).toContain('Completed');
    expect(rows.some((r) => r.includes('How likely are you to recommend us?'))).toBe(true);
    await ctx.close();
  });

  it('exports the current filter as CSV without the key in any URL', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    const seen: { url: string; auth?: string }[] = [];
    page.on('request', (r) => seen.push({ url: r.url(), auth: r.headers().authorization }));
    await page.goto(dashboardUrl('#/overview?touchpoint=checkout'));
    await ready(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-action="export"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^seda-E2E-relationship-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-checkout\.csv$/,
    );
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.length).toBe(1 + site.checkoutNps);
    const exportReq = seen.find((r) => r.url.includes('/responses?'));
    expect(exportReq?.url).toContain('touchpoint=checkout');
    expect(exportReq?.auth).toBe(`Bearer ${site.apiKey}`);
    expect(seen.some((r) => r.url.includes(site.apiKey))).toBe(false);
    await ctx.close();
  });

  it('counts the segment menu in the selected period', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    const segmentReads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/segments')) segmentReads.push(r.url());
    });
    await page.goto(dashboardUrl(`#/overview?survey=${site.surveyId}&range=7`));
    await ready(page);
    await expect.poll(() => segmentReads.length).toBeGreaterThan(0);
    const q = new URL(segmentReads.at(-1)!).searchParams;
    const today = new Date().toISOString().slice(0, 10);
    expect(q.get('to')).toBe(today);
    expect(q.get('from')).toBe(new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10));
    await ctx.close();
  });

  it('in Arabic, desktop and phone: each journey score with its own n and interval, segment counts in the period', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true, locale: 'ar' });
    const page = await ctx.newPage();
    const segmentReads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/segments')) segmentReads.push(r.url());
    });
    const cell = await checkoutCell();
    for (const [size, width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.goto(dashboardUrl('#/journey'));
      await ready(page);
      const checkout = page.locator('[data-touchpoint="checkout"]');
      // the score's interval and its own n (40 NPS answers), not the cell's responses
      const ci = plain(await checkout.locator('.cell-ci').first().textContent());
      expect(ci).toMatch(new RegExp(`^-?\\d+ إلى -?\\d+، n = ${cell.nps.n}$`));
      expect(plain(await checkout.locator('.cell-responses').textContent())).toBe(`الاستجابات${cell.n}`);
      // signs held to their digits, no "-0", the Arabic comma between items (never "·"), Latin digits
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main.match(/(?<!\u2066)[-−+]\d+/g) ?? []).toEqual([]);
      expect(main.match(/[-−]0(?![\d.,٫])/g) ?? []).toEqual([]);
      expect(main).not.toContain('·');
      expect(main).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: `screenshots/ar-journey-numbers-${size}.png`, fullPage: true });

      // the segment menu counts the selected period's answers (20 on the pro plan)
      // (on the second pass the same period's counts may come from the page's cache: no new read)
      await page.goto(dashboardUrl(`#/overview?survey=${site.surveyId}&range=7`));
      await ready(page);
      // (the journey page read the segments of its own 30 days first: look for the week's read)
      const week = `${new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10)}..${new Date().toISOString().slice(0, 10)}`;
      const span = (u: string) => {
        const q = new URL(u).searchParams;
        return `${q.get('from')}..${q.get('to')}`;
      };
      await expect.poll(() => segmentReads.map(span)).toContain(week);
      await expect
        .poll(async () => plain(await page.locator('#f-segment option[value="plan:pro"]').textContent()))
        .toBe('plan: pro (20)');
    }
    await ctx.close();
  });

  it('exports from the verbatims view exactly the answers it lists (search and sentiment too)', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl(`#/verbatims?survey=${site.surveyId}&q=slow&sentiment=negative`));
    await ready(page);
    const listed = await page.locator('.verbatim-text').allTextContents();
    expect(listed.length).toBeGreaterThan(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-action="export"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^seda-E2E-relationship-verbatims-/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF"responseId","createdAt","touchpoint","questionId","sentiment"')).toBe(true);
    const rows = csv.trim().split(/\r\n/).slice(1);
    // the same answers as on screen, every one matching the search and the sentiment
    expect(rows.length).toBe(listed.length);
    for (const r of rows) {
      expect(r.toLowerCase()).toContain('slow');
      expect(r).toContain('"negative"');
    }
    await expect.poll(() => page.locator('.toolbar-status').textContent()).toContain(`(${listed.length} answers)`);
    await ctx.close();
  });

  it('works from the keyboard: skip link, tabs, focus moves to the new heading', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/overview'));
    await ready(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Tab to the journey tab and follow it: the new view's heading takes focus and is announced.
    await page.getByRole('link', { name: 'Journey map' }).focus();
    await page.keyboard.press('Enter');
    await ready(page);
    await poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Journey map');
    expect(await page.title()).toContain('Journey map');
    // The colour-by choice is a radio group operated with the arrow keys.
    await page.getByRole('radio', { name: 'NPS' }).focus();
    await page.keyboard.press('ArrowRight');
    await poll(() => page.url()).toContain('metric=csat');
    await ctx.close();
  });

  it('prints the overview as a one-page report', async () => {
    const ctx = await signedInContext(browser, site.apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/overview'));
    await ready(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    expect(await page.locator('.filters').isVisible()).toBe(false);
    expect(await page.locator('.report-head').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBe(1);
    await ctx.close();
  });

  it('has no axe violations (WCAG 2 A/AA) and no sideways scrolling on a phone, in English and Persian', async () => {
    mkdirSync('screenshots', { recursive: true });
    const failures: string[] = [];
    for (const locale of ['en', 'fa'] as const) {
      for (const width of [1280, 390]) {
        const ctx = await signedInContext(browser, site.apiKey, { locale, width, height: 844, bypassCSP: true });
        const page = await ctx.newPage();
        for (const view of ['overview', 'journey', 'segments', 'verbatims', 'at-risk', 'drop-off']) {
          await page.goto(dashboardUrl(`#/${view}`));
          await ready(page);
          await page.screenshot({ path: `screenshots/e2e-${view}-${locale}-${width}.png`, fullPage: true });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 1) failures.push(`${view} ${locale} ${width}px scrolls sideways by ${overflow}px`);
          if (width === 1280)
            failures.push(...(await axeViolations(page, { openDetails: true })).map((v) => `${view} ${locale}: ${v}`));
        }
        await ctx.close();
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
