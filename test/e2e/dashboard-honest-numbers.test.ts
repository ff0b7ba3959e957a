// Honest numbers on screen (issue #14, #17's default views), in English and Persian, desktop and
// phone: the segment table's "No value" group with its n, a "worse than the rest" mark on a planted
// worse group and none on an equal one, drop-off rates ≤ 100% out of the answers that could show a
// follow-up, and "Last 7 days" as whole days without today. The browser's clock is set to the day
// after the answers were given, as a team opening the dashboard the next morning.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardUrl, ready, signedInContext } from './dashboard-helpers';
import { createSite, createSurvey, launchBrowser, postResponse } from './helpers';

let browser: Browser;
let apiKey: string;
let surveyId: string;
const origin = 'https://honest-e2e.example';

beforeAll(async () => {
  browser = await launchBrowser();
  const created = await createSite([origin], { name: 'Honest numbers E2E' });
  apiKey = created.apiKey;
  const survey = await createSurvey(apiKey, {
    name: 'Honest NPS',
    status: 'active',
    questions: [
      { id: 'nps', type: 'nps', prompt: { en: 'How likely are you to recommend us?', fa: 'چقدر ما را توصیه می‌کنید؟' } },
      {
        id: 'why',
        type: 'text',
        prompt: { en: 'What went wrong?', fa: 'چه چیزی بد بود؟' },
        showIf: { questionId: 'nps', max: 6 },
      },
    ],
  });
  surveyId = survey.id;
  // plan=pro and plan=free answer alike (half 10s, half 8s); plan=basic is planted far worse
  // (all 0–3); 60 more answer without a plan (the "(none)" group), like the pro/free ones.
  const jobs: Promise<number>[] = [];
  const post = (nps: number, plan: string | null, why?: string) =>
    jobs.push(
      postResponse(origin, {
        id: crypto.randomUUID(),
        siteKey: created.site.key,
        surveyId,
        answers: [{ questionId: 'nps', value: nps }, ...(why ? [{ questionId: 'why', value: why }] : [])],
        ...(plan ? { respondent: { attributes: { plan } } } : {}),
        context: { locale: 'en' },
        completed: true,
      }),
    );
  for (let i = 0; i < 60; i++) {
    post(i % 2 ? 10 : 8, 'pro');
    post(i % 2 ? 10 : 8, 'free');
    post(i % 2 ? 10 : 8, null);
    // 60 detractors at basic; one in three says why (the follow-up shows to all 60).
    post(i % 4, 'basic', i % 3 === 0 ? 'Too slow' : undefined);
  }
  expect(new Set(await Promise.all(jobs))).toEqual(new Set([202]));
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const tomorrow = () => Date.now() + 86_400_000;

describe.each([
  ['en', 1280, 800],
  ['fa', 390, 844],
  ['fa', 1280, 800],
  ['en', 390, 844],
] as const)('honest numbers in %s at %ipx', (locale, width, height) => {
  it('segments: "No value" with its n, "worse than the rest" only on the planted group', async () => {
    const ctx = await signedInContext(browser, apiKey, { locale, width, height });
    const page = await ctx.newPage();
    await page.clock.setFixedTime(tomorrow());
    await page.goto(dashboardUrl(`#/segments?survey=${surveyId}&range=7&by=plan`));
    await ready(page);
    const none = page.locator('tr[data-segment="(none)"]');
    await expect.poll(() => none.locator('th').innerText()).toContain(locale === 'fa' ? 'بدون مقدار' : 'No value');
    await expect.poll(() => none.locator('td.num').innerText()).toBe(locale === 'fa' ? '۶۰' : '60');
    await expect.poll(() => page.locator('tr[data-segment="basic"] [data-vs-rest="worse"]').count()).toBe(1);
    const mark = await page.locator('tr[data-segment="basic"] [data-vs-rest="worse"]').innerText();
    expect(mark).toContain(locale === 'fa' ? 'بدتر از بقیه' : 'significantly worse than the rest');
    expect(mark).toContain(locale === 'fa' ? 'هولم' : 'Holm');
    // pro answers like everyone but basic: no mark of worse on it.
    expect(await page.locator('tr[data-segment="pro"] [data-vs-rest="worse"]').count()).toBe(0);
    expect(await page.locator('[data-seg-worse] li').count()).toBe(1);
    await ctx.close();
  });

  it('drop-off: every rate ≤ 100%, the follow-up counted out of the answers that could show it', async () => {
    const ctx = await signedInContext(browser, apiKey, { locale, width, height });
    const page = await ctx.newPage();
    await page.clock.setFixedTime(tomorrow());
    await page.goto(dashboardUrl(`#/drop-off?survey=${surveyId}&range=7`));
    await ready(page);
    const rates = await page
      .locator('.funnel-pct[data-rate]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.rate).filter((r): r is string => !!r));
    expect(rates.length).toBeGreaterThanOrEqual(3);
    for (const r of rates) expect(Number(r)).toBeLessThanOrEqual(100);
    const why = page.locator('tr[data-step="q:why"]');
    // 20 of the 60 whose answer (0–6) showed it: 33%, not 20 of 240 (8%).
    expect(await why.locator('.out-of').getAttribute('data-base')).toBe('eligible');
    expect(await why.locator('.out-of').innerText()).toContain(locale === 'fa' ? '۶۰' : '60');
    expect(await why.locator('.funnel-pct').innerText()).toContain(locale === 'fa' ? '۳۳' : '33');
    await ctx.close();
  });

  it("'Last 7 days' are the 7 whole days before today; 'Include today' adds today", async () => {
    const ctx = await signedInContext(browser, apiKey, { locale, width, height });
    const page = await ctx.newPage();
    // Noon UTC on a fixed day: the site's zone is UTC, so today is 2026-03-15.
    await page.clock.setFixedTime(Date.parse('2026-03-15T12:00:00Z'));
    await page.goto(dashboardUrl(`#/overview?survey=${surveyId}&range=7`));
    await page.waitForSelector('[data-range-label]');
    const label = (await page.locator('[data-range-label]').innerText()).replace(/\s+/g, ' ');
    if (locale === 'fa') expect(label).toMatch(/۱۷.*۲۳ اسفند/);
    else expect(label).toBe('Mar 8 – 14');
    expect(await page.locator('[data-range-today]').innerText()).toContain(
      locale === 'fa' ? 'بدون امروز' : 'today not included',
    );
    await page.getByLabel(locale === 'fa' ? 'امروز هم شمرده شود' : 'Include today', { exact: true }).check();
    await expect
      .poll(async () => (await page.locator('[data-range-label]').innerText()).replace(/\s+/g, ' '))
      .toMatch(locale === 'fa' ? /۱۸.*۲۴ اسفند/ : /^Mar 9 – 15$/);
    expect(page.url()).toContain('today=1');
    await ctx.close();
  });
});
