import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInContext } from './dashboard-helpers';
import { api, collectorUrl, createSite, createSurvey, launchBrowser } from './helpers';

const SHOTS = new URL('../../screenshots/', import.meta.url).pathname;

/**
 * Unsaved edits never vanish (#17): with a changed survey, leaving the editor by a tab or the back
 * button asks first; staying keeps the edit on screen, leaving drops it and saves nothing. In English,
 * Persian and Arabic (Arabic on a desktop and a phone).
 */
describe('survey editor: unsaved edits', () => {
  let browser: Browser;
  let apiKey: string;
  let surveyId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    apiKey = (await createSite(['https://unsaved.example'], { name: 'Unsaved E2E' })).apiKey;
    surveyId = (
      await createSurvey(apiKey, {
        name: 'Before',
        questions: [{ id: 'nps', type: 'nps', prompt: { en: 'Recommend?' } }],
      })
    ).id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function editor(locale: 'en' | 'fa' | 'ar', width = 1280, height = 900): Promise<Page> {
    const ctx = await signedInContext(browser, apiKey, { locale, width, height });
    const page = await ctx.newPage();
    await page.goto(`${collectorUrl()}/dashboard/#/editor/${surveyId}`);
    await page.locator('#f-name').waitFor();
    return page;
  }

  const ASKS = { en: 'not saved', fa: 'ذخیره‌نشده', ar: 'في هذا الاستبيان تغييرات غير محفوظة. هل تغادر وتفقدها؟' };
  for (const [locale, sizes] of [
    ['en', [[1280, 900, 'desktop']]],
    ['fa', [[1280, 900, 'desktop']]],
    [
      'ar',
      [
        [1280, 800, 'desktop'],
        [390, 844, 'phone'],
      ],
    ],
  ] as const) {
    it(`asks before a tab or back leaves the editor with changes (${locale})`, { timeout: 90_000 }, async () => {
      for (const [width, height, size] of sizes) {
        const page = await editor(locale, width, height);
        const install = page.locator('nav.tabs a[href="#/install"]');
        // no changes: leaving asks nothing
        let asked = 0;
        page.on('dialog', (d) => {
          asked++;
          expect(d.message()).toContain(ASKS[locale]);
          void (asked === 1 ? d.dismiss() : d.accept());
        });
        await page.locator('#f-name').fill('After');
        await install.click();
        // stayed: same screen, the edit still there
        await expect.poll(() => asked).toBe(1);
        expect(new URL(page.url()).hash).toBe(`#/editor/${surveyId}`);
        expect(await page.locator('#f-name').inputValue()).toBe('After');
        if (locale === 'ar') {
          // the editor says so on screen too, in Arabic, right to left
          expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
          await expect.poll(() => page.locator('main').textContent()).toContain('تغييرات غير محفوظة');
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1)).toBe(true);
          await page.screenshot({ path: `${SHOTS}ar-editor-unsaved-${size}.png` });
        }
        // second time: leave
        await install.click();
        await page.locator('main #snippet').waitFor();
        expect(asked).toBe(2);
        expect((await api(`/v1/surveys/${surveyId}`, { key: apiKey })).body.survey.name).toBe('Before');
        await page.context().close();
      }
    });
  }

  it('leaving without changes asks nothing', { timeout: 60_000 }, async () => {
    const page = await editor('en');
    let asked = 0;
    page.on('dialog', (d) => {
      asked++;
      void d.accept();
    });
    await page.locator('nav.tabs a[href="#/install"]').click();
    await page.locator('main #snippet').waitFor();
    expect(asked).toBe(0);
    await page.context().close();
  });
});
