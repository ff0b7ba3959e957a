/**
 * The read-only share page in a real Chromium, in Persian: right to left, Persian digits, the
 * numbers with their intervals, no script, no cookie, and none of the respondents' words; made,
 * copied and revoked from the dashboard's Digest & sharing screen (screenshots en/fa, desktop/phone).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardUrl, signedInContext } from './dashboard-helpers';
import { api, collectorUrl, createSite, createSurvey, createTouchpoint, launchBrowser, postResponse } from './helpers';
import { shots } from './widget-helpers';

const MARK = 'zqxmark';
const ORIGIN = 'https://share-e2e.example';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const BROWSER_LOCALE = { fa: 'fa-IR', ar: 'ar-EG', en: 'en-US' } as const;

let browser: Browser;
let apiKey: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const site = await createSite([ORIGIN], { name: 'فروشگاه نمونه', locale: 'fa' });
  apiKey = site.apiKey;
  await createTouchpoint(apiKey, { key: 'checkout', name: 'Checkout', stage: 'purchase' });
  const survey = await createSurvey(apiKey, {
    name: 'Relationship NPS',
    status: 'active',
    questions: [
      { id: 'nps', type: 'nps', prompt: { en: 'Recommend us?', fa: 'ما را توصیه می‌کنید؟' } },
      { id: 'csat', type: 'csat', prompt: { en: 'Satisfied?', fa: 'راضی هستید؟' } },
      { id: 'why', type: 'text', prompt: { en: 'Why?', fa: 'چرا؟' } },
    ],
  });
  for (let i = 0; i < 36; i++) {
    const status = await postResponse(ORIGIN, {
      id: crypto.randomUUID(),
      siteKey: site.site.key,
      surveyId: survey.id,
      touchpoint: 'checkout',
      answers: [
        { questionId: 'nps', value: i % 11 },
        { questionId: 'csat', value: 1 + (i % 5) },
        { questionId: 'why', value: `${MARK} پیک دیر رسید ${i}` },
      ],
      respondent: { id: `${MARK}-u${i}`, attributes: { plan: `${MARK}-plan` } },
      context: { locale: 'fa' },
      completed: true,
    });
    expect(status).toBe(202);
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

async function newLink(label: string) {
  const r = await api<{ id: string; url: string }>('/v1/share-links', { key: apiKey, json: { label } });
  expect(r.status).toBe(201);
  return r.body;
}

describe('the share page', () => {
  it('shows the overview right to left in Persian and Arabic, numbers only, no script or cookie', async () => {
    const link = await newLink('Board');
    // The planted answers (0–10 in turn, 36 of them) give NPS (6 − 24) / 36 = −50.
    const overview = await api<{ surveys: { metrics: { nps: { score: number } } }[] }>(
      `/v1/shared/${new URL(link.url).pathname.split('/').pop()}`,
    );
    expect(overview.body.surveys[0]!.metrics.nps.score).toBe(-50);
    for (const [name, device] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      for (const lang of ['fa', 'ar', 'en'] as const) {
        const ctx: BrowserContext = await browser.newContext({ ...device, locale: BROWSER_LOCALE[lang] });
        const page = await ctx.newPage();
        const res = await page.goto(`${link.url}?lang=${lang}`);
        expect(res?.status()).toBe(200);
        expect(res?.headers()['x-robots-tag']).toContain('noindex');
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        expect(await page.getAttribute('html', 'dir')).toBe(lang === 'en' ? 'ltr' : 'rtl');
        const text = await page.locator('body').innerText();
        expect(text).toContain('Relationship NPS');
        expect(text).toContain('NPS');
        if (lang === 'fa') {
          expect(text).toContain('فروشگاه نمونه');
          expect(text).toMatch(/[۰-۹]/);
          expect(text).not.toMatch(/\bn = \d/); // Persian digits, not Latin ones
          expect(text).not.toMatch(/[۰-۹][\u2066-\u2069]*\s*·|·\s*[\u2066-\u2069]*[۰-۹]/);
        }
        // The negative NPS as laid out on screen: the minus sign is drawn to the left of its digits
        // (it reads "−۵۰", never "۵۰−"), in right-to-left pages too.
        const minus = lang === 'fa' ? '−' : '-';
        const digits = lang === 'fa' ? '۵۰' : '50';
        const layout = await page
          .locator('.kpi .v')
          .first()
          .evaluate(
            (el, [m, d]) => {
              const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const at = n.textContent!.indexOf(`${m}${d}`);
                if (at < 0) continue;
                const box = (i: number) => {
                  const r = document.createRange();
                  r.setStart(n, i);
                  r.setEnd(n, i + 1);
                  return r.getBoundingClientRect();
                };
                return { minus: box(at).left, first: box(at + 1).left, last: box(at + d.length).left };
              }
              return null;
            },
            [minus, digits] as const,
          );
        expect(layout, `${lang}: "${minus}${digits}" in the NPS card`).not.toBeNull();
        expect(layout!.minus).toBeLessThan(layout!.first);
        expect(layout!.first).toBeLessThan(layout!.last);
        expect((await page.content()).toLowerCase()).not.toContain(MARK);
        expect(text).not.toContain('پیک دیر رسید');
        expect(await page.locator('script').count()).toBe(0);
        expect(await ctx.cookies()).toEqual([]);
        await page.screenshot({ path: `${shots}share-page-${lang}-${name}.png`, fullPage: name === 'desktop' });
        await ctx.close();
      }
    }
  });

  it('is made, copied and revoked on the Digest & sharing screen, and a revoked link is a 410 page', async () => {
    for (const [name, size] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      for (const locale of ['en', 'fa'] as const) {
        const ctx = await signedInContext(browser, apiKey, { locale, ...size });
        const page = await ctx.newPage();
        await page.goto(dashboardUrl('#/digest'));
        await page.waitForSelector('[data-testid="digest-schedule"] select');
        await page.waitForSelector('[data-testid="digest-preview"] h2');
        await page.screenshot({ path: `${shots}digest-${locale}-${name}.png`, fullPage: true });
        await ctx.close();
      }
    }

    const ctx = await signedInContext(browser, apiKey, { locale: 'fa' });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/digest'));
    // The schedule: weekly, Saturday 9:00 in Tehran.
    await page.waitForSelector('[data-testid="digest-schedule"] select');
    await page.selectOption('#f-schedule', 'weekly');
    await page.selectOption('#f-weekday', 'saturday');
    await page.fill('#f-timeZone', 'Asia/Tehran');
    await page.click('[data-action="save-digest"]');
    await expect
      .poll(async () => (await api('/v1/site/settings', { key: apiKey })).body.settings.digest)
      .toMatchObject({ schedule: 'weekly', weekday: 'saturday', timeZone: 'Asia/Tehran' });
    // A link, shown once, opens the page.
    await page.fill('#f-label', 'هیئت مدیره');
    await page.click('[data-action="create-share-link"]');
    const box = page.locator('#new-share-link');
    await box.waitFor();
    const url = (await box.inputValue()).trim();
    expect(url.startsWith(`${collectorUrl()}/share/`)).toBe(true);
    expect((await fetch(url)).status).toBe(200);
    await page.screenshot({ path: `${shots}digest-fa-desktop-link.png`, fullPage: true });
    // Revoked from the list: the page answers 410, in Persian.
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'ابطال پیوند هیئت مدیره' }).click();
    await expect.poll(async () => (await fetch(url)).status).toBe(410);
    const gone = await browser.newContext({ locale: 'fa-IR' });
    const p2 = await gone.newPage();
    const res = await p2.goto(url);
    expect(res?.status()).toBe(410);
    expect(await p2.getAttribute('html', 'dir')).toBe('rtl');
    await gone.close();
    await ctx.close();
  });
});
