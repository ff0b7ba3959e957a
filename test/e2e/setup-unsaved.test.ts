import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInContext } from './dashboard-helpers';
import { api, collectorUrl, createSite, createSurvey, launchBrowser } from './helpers';

/**
 * Unsaved edits never vanish (#17): with a changed survey, leaving the editor by a tab or the back
 * button asks first; staying keeps the edit on screen, leaving drops it and saves nothing.
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

  async function editor(locale: 'en' | 'fa'): Promise<Page> {
    const ctx = await signedInContext(browser, apiKey, { locale });
    const page = await ctx.newPage();
    await page.goto(`${collectorUrl()}/dashboard/#/editor/${surveyId}`);
    await page.locator('#f-name').waitFor();
    return page;
  }

  for (const locale of ['en', 'fa'] as const) {
    it(`asks before a tab or back leaves the editor with changes (${locale})`, { timeout: 60_000 }, async () => {
      const page = await editor(locale);
      const install = page.locator('nav.tabs a[href="#/install"]');
      // no changes: leaving asks nothing
      let asked = 0;
      page.on('dialog', (d) => {
        asked++;
        expect(d.message()).toContain(locale === 'fa' ? 'ذخیره‌نشده' : 'not saved');
        void (asked === 1 ? d.dismiss() : d.accept());
      });
      await page.locator('#f-name').fill('After');
      await install.click();
      // stayed: same screen, the edit still there
      await expect.poll(() => asked).toBe(1);
      expect(new URL(page.url()).hash).toBe(`#/editor/${surveyId}`);
      expect(await page.locator('#f-name').inputValue()).toBe('After');
      // second time: leave
      await install.click();
      await page.locator('main #snippet').waitFor();
      expect(asked).toBe(2);
      expect((await api(`/v1/surveys/${surveyId}`, { key: apiKey })).body.survey.name).toBe('Before');
      await page.context().close();
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
