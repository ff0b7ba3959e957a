import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInContext } from './dashboard-helpers';
import { api, collectorUrl, createSite, createSurvey, launchBrowser } from './helpers';

const SHOTS = new URL('../../screenshots/', import.meta.url).pathname;

/**
 * The editor refuses what could never work (#17): a follow-up rule that can never fire (at least 4
 * and at most 3) and a survey with an empty prompt in one of its languages (those visitors would see
 * another language). The error summary names the field, nothing is saved; in English, Persian and
 * Arabic (Arabic on a desktop and a phone).
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

  async function editor(locale: 'en' | 'fa' | 'ar', width = 1280, height = 900): Promise<Page> {
    const ctx = await signedInContext(browser, apiKey, { locale, width, height });
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${collectorUrl()}/dashboard/#/editor/${surveyId}`);
    await page.locator('#f-name').waitFor({ timeout: 30_000 });
    return page;
  }

  const stored = async () => (await api(`/v1/surveys/${surveyId}`, { key: apiKey })).body.survey;

  /** What the Arabic dashboard says about each refusal (dashboard/src/validate.ts, setup/i18n-ar.ts). */
  const AR = {
    summary: 'لم يُحفظ شيء: حقول تحتاج إلى مراجعة: 1.',
    minOverMax: 'يجب ألا يتجاوز الحد الأدنى الحد الأعلى',
    everyLanguage: 'اكتب هذا النص بكل لغات الاستبيان',
  };

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
  ] as const)
    it(`refuses a rule that can never fire and an empty prompt, saving nothing (${locale})`, {
      timeout: 150_000,
    }, async () => {
      for (const [width, height, size] of sizes) {
        const page = await editor(locale, width, height);
        const shot = (what: string) =>
          locale === 'ar'
            ? `${SHOTS}ar-editor-refuses-${what}-${size}.png`
            : `${SHOTS}editor-refuses-${what}-${locale}-desktop.png`;
        const summary = page.getByTestId('error-summary');
        // at least 4 and at most 3
        await page.locator('#f-questions-1-showIf-min').fill('4');
        await page.locator('#f-questions-1-showIf-max').fill('3');
        await page.locator('[data-action="save-survey"]').click();
        await summary.waitFor({ timeout: 15_000 });
        await expect
          .poll(() => page.locator('[data-error-for="questions.1.showIf.max"]').count(), { timeout: 15_000 })
          .toBeGreaterThan(0);
        if (locale === 'ar') {
          expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
          expect(await page.locator('[data-error-for="questions.1.showIf.max"]').textContent()).toContain(
            AR.minOverMax,
          );
          expect(await summary.locator('p').textContent()).toBe(AR.summary);
          // the summary names the field as the form does, in Arabic, and its message too
          expect(await summary.locator('li').first().textContent()).toMatch(
            new RegExp(`^السؤال 2 · .+ › .+: ${AR.minOverMax}$`),
          );
          await summary.scrollIntoViewIfNeeded();
        }
        await page.screenshot({ path: shot('rule'), fullPage: false });
        expect((await stored()).questions[1].showIf).toEqual({ questionId: 'nps', max: 6 });

        // a possible rule again, then an English prompt emptied while English is a declared language
        await page.locator('#f-questions-1-showIf-min').fill('');
        await page.locator('#f-questions-1-showIf-max').fill('6');
        await page.locator('#f-questions-0-prompt-en').fill('');
        await page.locator('[data-action="save-survey"]').click();
        await expect
          .poll(async () => (await summary.textContent()) ?? '', { timeout: 15_000 })
          .toMatch(locale === 'en' ? /[A-Za-z]/ : /[\u0600-\u06FF]/);
        if (locale === 'ar') {
          expect(await summary.textContent()).toContain(AR.everyLanguage);
          expect(await page.locator('[data-error-for^="questions.0.prompt"]').first().textContent()).toContain(
            AR.everyLanguage,
          );
          // nothing on the phone scrolls sideways
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1)).toBe(true);
          await summary.scrollIntoViewIfNeeded();
        }
        await page.screenshot({ path: shot('prompt'), fullPage: false });
        expect((await stored()).questions[0].prompt.en).toBe('Recommend?');
        await page.context().close();
      }
    });
});
