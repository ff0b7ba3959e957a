/**
 * A new team's first look: every empty screen says what to do next, with the way there one click
 * away, in English, Persian and Arabic, on a desktop and a phone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardUrl, signedInContext } from './dashboard-helpers';
import { createSite, createSurvey, launchBrowser, SIZES } from './helpers';

const SHOTS = new URL('../../screenshots/', import.meta.url).pathname;
let browser: Browser;
/** A site with nothing at all, and one with a survey nobody has answered. */
let bare: string;
let quiet: { apiKey: string; surveyId: string };

beforeAll(async () => {
  browser = await launchBrowser();
  bare = (await createSite(['https://empty-e2e.example'], { name: 'Empty' })).apiKey;
  const site = await createSite(['https://quiet-e2e.example'], { name: 'Quiet' });
  const survey = await createSurvey(site.apiKey, {
    name: 'Quiet NPS',
    status: 'active',
    questions: [
      { id: 'nps', type: 'nps', prompt: { en: 'How likely are you to recommend us?', fa: 'چقدر ما را توصیه می‌کنید؟' } },
      { id: 'why', type: 'text', prompt: { en: 'Why?', fa: 'چرا؟' } },
    ],
  });
  quiet = { apiKey: site.apiKey, surveyId: survey.id };
});
afterAll(async () => {
  await browser?.close();
});

const WORDS = {
  en: {
    noSurveys: 'No surveys yet. Start one from a template',
    surveys: 'Surveys',
    noData: 'No answers in this period.',
    install: 'Install',
    noVerbatims: 'Clear the search or the sentiment, or widen the dates.',
    noTouchpoints: 'No touchpoints yet. Add the places of your journey',
  },
  fa: {
    noSurveys: 'هنوز نظرسنجی‌ای نیست.',
    surveys: 'نظرسنجی‌ها',
    noData: 'در این دوره پاسخی نیست.',
    install: 'نصب',
    noVerbatims: 'جستجو یا احساس را پاک کنید',
    noTouchpoints: 'هنوز نقطهٔ تماسی نیست.',
  },
  ar: {
    noSurveys: 'لا توجد استبيانات بعد. ابدأ واحدًا من قالب',
    surveys: 'الاستبيانات',
    noData: 'لا توجد إجابات في هذه الفترة.',
    install: 'التثبيت',
    noVerbatims: 'امسح البحث أو المشاعر، أو وسّع التواريخ.',
    noTouchpoints: 'لا نقاط تواصل بعد.',
  },
} as const;

async function open(apiKey: string, hash: string, locale: keyof typeof WORDS, width: number, height: number) {
  const ctx = await signedInContext(browser, apiKey, { locale, width, height });
  const page = await ctx.newPage();
  await page.goto(dashboardUrl(hash));
  return { ctx, page };
}

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);

describe('empty states', () => {
  for (const locale of ['en', 'fa', 'ar'] as const) {
    for (const [label, width, height] of SIZES) {
      it(`say what to do next, with a link there (${locale}, ${label})`, { timeout: 90_000 }, async () => {
        const w = WORDS[locale];
        // no survey at all: the Surveys screen is one click away
        {
          const { ctx, page } = await open(bare, '#/overview', locale, width, height);
          const notice = page.locator('[data-no-surveys]');
          await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toContain(w.noSurveys);
          expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'en' ? 'ltr' : 'rtl');
          await page.screenshot({ path: `${SHOTS}empty-no-surveys-${locale}-${label}.png` });
          expect(await noSideways(page)).toBe(true);
          await notice.getByRole('link', { name: w.surveys, exact: true }).click();
          await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/surveys');
          await ctx.close();
        }
        // a survey nobody answered yet: the overview points to the Install page
        {
          const { ctx, page } = await open(quiet.apiKey, `#/overview?survey=${quiet.surveyId}`, locale, width, height);
          const notice = page.locator('[data-empty-period]');
          await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toContain(w.noData);
          await page.screenshot({ path: `${SHOTS}empty-overview-${locale}-${label}.png` });
          expect(await noSideways(page)).toBe(true);
          await notice.getByRole('link', { name: w.install, exact: true }).click();
          await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/install');
          await ctx.close();
        }
        // verbatims that match nothing: how to widen the list
        {
          const { ctx, page } = await open(
            quiet.apiKey,
            `#/verbatims?survey=${quiet.surveyId}&q=nothing`,
            locale,
            width,
            height,
          );
          await expect
            .poll(() => page.locator('.verbatims .notice, .notice').allTextContents(), { timeout: 20_000 })
            .toEqual(expect.arrayContaining([expect.stringContaining(w.noVerbatims)]));
          await page.screenshot({ path: `${SHOTS}empty-verbatims-${locale}-${label}.png` });
          await ctx.close();
        }
        // no touchpoints: add them below
        {
          const { ctx, page } = await open(bare, '#/touchpoints', locale, width, height);
          await expect.poll(() => page.locator('main').textContent(), { timeout: 20_000 }).toContain(w.noTouchpoints);
          await page.screenshot({ path: `${SHOTS}empty-touchpoints-${locale}-${label}.png`, fullPage: true });
          expect(await noSideways(page)).toBe(true);
          await ctx.close();
        }
      });
    }
  }
});
