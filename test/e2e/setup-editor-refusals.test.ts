import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInContext } from './dashboard-helpers';
import { api, collectorUrl, createSite, createSurvey, launchBrowser } from './helpers';

const SHOTS = new URL('../../screenshots/', import.meta.url).pathname;

/**
 * The editor refuses what could never work (#17): a follow-up rule that can never fire (at least 4
 * and at most 3) and a survey with an empty prompt in one of its languages (those visitors would see
 * another language). The error summary names the field, nothing is saved; in English and Persian.
 */
describe('survey editor: refusals', () => {
  let browser: Browser;
  let apiKey: string;
  let surveyId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    apiKey = (await createSite(['https://refusals.example'], { name: 'Refusals E2E' })).apiKey;
    surveyId = (
      await createSurvey(apiKey, {
        name: 'Refusals',
        locales: ['en', 'fa'],
        questions: [
          { id: 'nps', type: 'nps', prompt: { en: 'Recommend?', fa: 'پیشنهاد می‌کنید؟' } },
          { id: 'why', type: 'text', prompt: { en: 'Why?', fa: 'چرا؟' }, showIf: { questionId: 'nps', max: 6 } },
        ],
      })
    ).id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function editor(locale: 'en' | 'fa'): Promise<Page> {
    const ctx = await signedInContext(browser, apiKey, { locale });
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${collectorUrl()}/dashboard/#/editor/${surveyId}`);
    await page.locator('#f-name').waitFor({ timeout: 30_000 });
    return page;
  }

  const stored = async () => (await api(`/v1/surveys/${surveyId}`, { key: apiKey })).body.survey;

  for (const locale of ['en', 'fa'] as const) {
    it(`refuses a rule that can never fire and an empty prompt, saving nothing (${locale})`, {
      timeout: 90_000,
    }, async () => {
      const page = await editor(locale);
      const summary = page.getByTestId('error-summary');
      // at least 4 and at most 3
      await page.locator('#f-questions-1-showIf-min').fill('4');
      await page.locator('#f-questions-1-showIf-max').fill('3');
      await page.locator('[data-action="save-survey"]').click();
      await summary.waitFor({ timeout: 15_000 });
      await expect
        .poll(() => page.locator('[data-error-for="questions.1.showIf.max"]').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      await page.screenshot({ path: `${SHOTS}editor-refuses-rule-${locale}-desktop.png`, fullPage: false });
      expect((await stored()).questions[1].showIf).toEqual({ questionId: 'nps', max: 6 });

      // a possible rule again, then an English prompt emptied while English is a declared language
      await page.locator('#f-questions-1-showIf-min').fill('');
      await page.locator('#f-questions-1-showIf-max').fill('6');
      await page.locator('#f-questions-0-prompt-en').fill('');
      await page.locator('[data-action="save-survey"]').click();
      await expect
        .poll(async () => (await summary.textContent()) ?? '', { timeout: 15_000 })
        .toMatch(locale === 'fa' ? /[\u0600-\u06FF]/ : /[A-Za-z]/);
      await page.screenshot({ path: `${SHOTS}editor-refuses-prompt-${locale}-desktop.png`, fullPage: false });
      expect((await stored()).questions[0].prompt.en).toBe('Recommend?');
      await page.context().close();
    });
  }
});
