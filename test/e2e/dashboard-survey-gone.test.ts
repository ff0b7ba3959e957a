import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardSite, dashboardUrl, plain, seedDashboardSite, signedInContext } from './dashboard-helpers';
import { api, createSurvey, launchBrowser, postResponse, SIZES } from './helpers';

const SHOTS = new URL('../../screenshots/', import.meta.url).pathname;

// Deleting a survey says what is lost, and a link to a survey that is gone says so instead of
// quietly showing another survey (#17).
let browser: Browser;
let site: DashboardSite;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), seedDashboardSite()]);
});
afterAll(async () => {
  await browser?.close();
});

describe('a survey that is deleted', () => {
  it('asks with the number of answers before deleting, and deletes only when confirmed', {
    timeout: 60_000,
  }, async () => {
    const doomed = await createSurvey(site.apiKey, {
      name: 'Doomed',
      status: 'active',
      questions: [{ id: 'nps', type: 'nps', prompt: { en: 'Recommend?' } }],
    });
    for (const v of [3, 9]) {
      await postResponse(site.origin, {
        id: crypto.randomUUID(),
        siteKey: site.siteKey,
        surveyId: doomed.id,
        answers: [{ questionId: 'nps', value: v }],
        completed: true,
      });
    }
    const ctx = await signedInContext(browser, site.apiKey);
    const page = await ctx.newPage();
    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(d.message());
      void (asked.length === 1 ? d.dismiss() : d.accept());
    });
    await page.goto(dashboardUrl('#/surveys'));
    const remove = page.locator('[data-testid="survey-list"] li', { hasText: 'Doomed' }).getByRole('button');
    await remove.click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('its 2 answers');
    expect((await api(`/v1/surveys/${doomed.id}`, { key: site.apiKey })).status).toBe(200);
    await remove.click();
    await expect.poll(async () => (await api(`/v1/surveys/${doomed.id}`, { key: site.apiKey })).status).toBe(404);
    expect(asked[1]).toContain('its 2 answers');

    // its old link now says the survey is gone, in English and in Persian
    for (const locale of ['en', 'fa'] as const) {
      const c = await signedInContext(browser, site.apiKey, { locale });
      const p = await c.newPage();
      await p.goto(dashboardUrl(`#/overview?survey=${doomed.id}`));
      const notice = p.locator('[data-missing-survey]');
      await notice.waitFor({ timeout: 20_000 });
      expect(await notice.textContent()).toContain(locale === 'fa' ? 'دیگر وجود ندارد' : 'does not exist any more');
      expect(await p.locator('.metric-card').count()).toBe(0);
      // choosing a survey shows its results
      await p.locator('#f-survey').selectOption(site.surveyId);
      await p.locator('.overview[data-state="ready"]').waitFor({ timeout: 20_000 });
      expect(await p.locator('[data-missing-survey]').count()).toBe(0);
      await c.close();
    }
    await ctx.close();
  });

  it('in Arabic, on a phone and a desktop: the question counts the answers, the old link says the survey is gone', {
    timeout: 90_000,
  }, async () => {
    const doomed = await createSurvey(site.apiKey, {
      name: 'Doomed in Arabic',
      names: { ar: 'استبيان سيُحذف' },
      status: 'active',
      questions: [{ id: 'nps', type: 'nps', prompt: { en: 'Recommend?', ar: 'هل توصي بنا؟' } }],
    });
    for (const v of [3, 9, 10]) {
      await postResponse(site.origin, {
        id: crypto.randomUUID(),
        siteKey: site.siteKey,
        surveyId: doomed.id,
        answers: [{ questionId: 'nps', value: v }],
        completed: true,
      });
    }
    const ctx = await signedInContext(browser, site.apiKey, { locale: 'ar', width: 390, height: 844 });
    const page = await ctx.newPage();
    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(plain(d.message()));
      void (asked.length === 1 ? d.dismiss() : d.accept());
    });
    await page.goto(dashboardUrl('#/surveys'));
    const remove = page.locator('[data-testid="survey-list"] li', { hasText: 'استبيان سيُحذف' }).getByRole('button', {
      name: 'حذف استبيان سيُحذف',
      exact: true,
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await page.screenshot({ path: `${SHOTS}ar-surveys-delete-phone.png` });
    await remove.click();
    await expect.poll(() => asked.length).toBe(1);
    // the survey by its Arabic name, its answers counted in Latin digits
    expect(asked[0]).toBe(
      'حذف «استبيان سيُحذف» وإجاباته (عددها 3)؟ ستختفي من كل النتائج والتصديرات والحالات. لا يمكن التراجع عن ذلك.',
    );
    expect((await api(`/v1/surveys/${doomed.id}`, { key: site.apiKey })).status).toBe(200);
    await remove.click();
    await expect.poll(async () => (await api(`/v1/surveys/${doomed.id}`, { key: site.apiKey })).status).toBe(404);

    for (const [size, width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.goto(dashboardUrl(`#/overview?survey=${doomed.id}`));
      const notice = page.locator('[data-missing-survey]');
      await notice.waitFor({ timeout: 20_000 });
      expect(await notice.textContent()).toBe(
        'الاستبيان في هذا الرابط لم يعد موجودًا (ربما حُذف). اختر استبيانًا من الأعلى.',
      );
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await page.locator('.metric-card').count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: `${SHOTS}ar-survey-gone-${size}.png` });
    }
    await page.locator('#f-survey').selectOption(site.surveyId);
    await page.locator('.overview[data-state="ready"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-missing-survey]').count()).toBe(0);
    await ctx.close();
  });
});
