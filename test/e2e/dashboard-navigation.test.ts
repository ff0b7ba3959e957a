import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardSite, dashboardUrl, seedDashboardSite, signedInContext } from './dashboard-helpers';
import { launchBrowser, SIZES } from './helpers';

// Moving around the dashboard without reloading it: the nav tabs, links inside screens, and the
// browser's back and forward buttons, across results views and set-up screens alike.
const SHOTS = new URL('../../screenshots/', import.meta.url).pathname;
let browser: Browser;
let site: DashboardSite;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), seedDashboardSite()]);
});
afterAll(async () => {
  await browser?.close();
});

const TITLES = {
  overview: 'Overview',
  journey: 'Journey map',
  segments: 'Segments',
  verbatims: 'Verbatims',
  'at-risk': 'At-risk customers',
  inbox: 'Follow-up inbox',
  'drop-off': 'Drop-off',
  surveys: 'Surveys',
  editor: 'Survey editor',
  touchpoints: 'Touchpoints',
  install: 'Install',
  keys: 'API keys',
} as const;
type Screen = keyof typeof TITLES;

/** The same screens' titles in Arabic (dashboard/src/i18n/ar.ts, setup/titles.ts). */
const TITLES_AR: Record<Screen, string> = {
  overview: 'نظرة عامة',
  journey: 'خريطة رحلة العميل',
  segments: 'الشرائح',
  verbatims: 'الإجابات النصية',
  'at-risk': 'عملاء معرّضون للفقد',
  inbox: 'صندوق المتابعة',
  'drop-off': 'التسرّب',
  surveys: 'الاستبيانات',
  editor: 'محرّر الاستبيان',
  touchpoints: 'نقاط التواصل',
  install: 'التثبيت',
  keys: 'مفاتيح API',
};

/** What only that screen shows once it has its data. */
const CONTENT: Record<Screen, string> = {
  overview: 'main .overview[data-state="ready"]',
  journey: 'main .journey[data-state="ready"]',
  segments: 'main .segments[data-state="ready"]',
  verbatims: 'main .verbatims[data-state="ready"]',
  'at-risk': 'main .at-risk[data-state="ready"]',
  inbox: 'main .inbox[data-state="ready"]',
  'drop-off': 'main .drop-off[data-state="ready"]',
  surveys: 'main [data-testid="survey-list"]',
  editor: 'main #f-name',
  touchpoints: 'main [data-testid="touchpoints"]',
  install: 'main #snippet',
  keys: 'main [data-testid="keys"]',
};

/** The screen is the one on show: address, heading, title, current tab and its own content. */
async function shows(page: Page, screen: Screen): Promise<void> {
  await page.locator(CONTENT[screen]).waitFor({ timeout: 15_000 });
  expect(new URL(page.url()).hash).toMatch(new RegExp(`^#/${screen}(\\?|/|$)`));
  expect(await page.locator('main h1').allTextContents()).toEqual([TITLES[screen]]);
  // the title follows in an effect after the paint
  await expect.poll(() => page.title()).toBe(`${TITLES[screen]} · Seda — customer feedback`);
  const tab = screen === 'editor' ? TITLES.surveys : TITLES[screen];
  expect(await page.locator('nav.tabs [aria-current="page"]').allTextContents()).toEqual([tab]);
}

const tab = (page: Page, screen: Screen) =>
  page.getByRole('navigation', { name: 'Dashboard sections' }).getByRole('link', { name: TITLES[screen], exact: true });

/** Records every violation of the dashboard's own CSP in `window.__csp`. */
const watchCsp = (page: Page) =>
  page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { __csp?: string[] };
      w.__csp = w.__csp ?? [];
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.lineNumber}:${e.columnNumber}`);
    });
  });

describe('dashboard navigation', () => {
  it('clicks between results views and set-up screens in the page, keeps the filters, and replays with back/forward', {
    timeout: 120_000,
  }, async () => {
    const ctx = await signedInContext(browser, site.apiKey);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The dashboard's own CSP (hashes only, no 'unsafe-eval') is never violated on any screen: zod
    // runs jitless, so its `new Function` probe never fires (Lighthouse counts it as an error).
    await watchCsp(page);
    await page.goto(dashboardUrl(`#/overview?survey=${site.surveyId}&range=7`));
    await shows(page, 'overview');
    // Every step below happens in this one document: a full load would reset this marker.
    await page.evaluate(() => {
      (window as unknown as { __samePage: boolean }).__samePage = true;
    });

    const visited: Screen[] = ['overview'];
    const go = async (screen: Screen) => {
      await tab(page, screen).click();
      await shows(page, screen);
      visited.push(screen);
    };
    await go('verbatims');
    await go('install');
    await go('journey');
    await go('keys');
    await go('at-risk');
    await go('install');
    await go('touchpoints');
    await go('inbox');
    await go('surveys');
    // into the editor from the survey list, then straight to install from there
    await page.getByRole('link', { name: 'Edit “E2E relationship”' }).click();
    await shows(page, 'editor');
    visited.push('editor');
    await go('install');
    await go('segments');
    await go('drop-off');

    // The results filters chosen on arrival survived every set-up screen in between.
    const hash = new URL(page.url()).hash;
    expect(hash).toContain('range=7');
    expect(hash).toContain(`survey=${site.surveyId}`);
    expect(await page.locator('#f-range').inputValue()).toBe('7');

    const trail = [...visited];

    // A filter change is a history entry too.
    await page.locator('#f-range').selectOption('90');
    await expect.poll(() => page.url()).toContain('range=90');
    await go('install');

    await page.goBack();
    await shows(page, 'drop-off');
    expect(page.url()).toContain('range=90');
    await page.goBack();
    await shows(page, 'drop-off');
    expect(page.url()).toContain('range=7');
    expect(await page.locator('#f-range').inputValue()).toBe('7');
    // Back through the rest, each screen in turn, to where we arrived.
    for (const screen of trail.slice(0, -1).reverse()) {
      await page.goBack();
      await shows(page, screen);
    }
    // And forward again over the same ground.
    for (const screen of trail.slice(1)) {
      await page.goForward();
      await shows(page, screen);
    }
    await page.goForward();
    await shows(page, 'drop-off');
    expect(page.url()).toContain('range=90');
    await page.goForward();
    await shows(page, 'install');

    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    await ctx.close();
  });

  it('opens a set-up screen from a deep link and leaves it for a results view by its tab', async () => {
    const ctx = await signedInContext(browser, site.apiKey);
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/install'));
    await shows(page, 'install');
    await tab(page, 'overview').click();
    await shows(page, 'overview');
    await page.goBack();
    await shows(page, 'install');
    await ctx.close();
  });

  it('in Arabic, desktop then phone: every screen by its tab, Arabic titles, right to left, no CSP violation', {
    timeout: 150_000,
  }, async () => {
    const ctx = await signedInContext(browser, site.apiKey, { locale: 'ar', dayAfter: true });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await watchCsp(page);
    await page.goto(dashboardUrl(`#/overview?survey=${site.surveyId}`));
    const nav = page.getByRole('navigation', { name: 'أقسام لوحة التحكم' });
    const order: Screen[] = [
      'journey',
      'segments',
      'verbatims',
      'at-risk',
      'inbox',
      'drop-off',
      'surveys',
      'touchpoints',
      'install',
      'keys',
      'overview',
    ];
    for (const [size, width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      for (const screen of order) {
        await nav.getByRole('link', { name: TITLES_AR[screen], exact: true }).click();
        await page.locator(CONTENT[screen]).waitFor({ timeout: 20_000 });
        expect(await page.locator('main h1').allTextContents()).toEqual([TITLES_AR[screen]]);
        await expect.poll(() => page.title()).toBe(`${TITLES_AR[screen]}، صدى — آراء العملاء`);
        expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
          'ar',
          'rtl',
        ]);
        // nothing pushed sideways (wide tables scroll inside their own box)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        expect(overflow, `${screen} ${size}`).toBeLessThanOrEqual(1);
        if (screen !== 'overview') await page.screenshot({ path: `${SHOTS}ar-nav-${screen}-${size}.png` });
      }
      // into the editor from the survey list
      await nav.getByRole('link', { name: TITLES_AR.surveys, exact: true }).click();
      await page.getByRole('link', { name: /^تعديل «\u2068?E2E relationship\u2069?»$/ }).click();
      await page.locator(CONTENT.editor).waitFor({ timeout: 20_000 });
      expect(await page.locator('main h1').allTextContents()).toEqual([TITLES_AR.editor]);
      await page.screenshot({ path: `${SHOTS}ar-nav-editor-${size}.png` });
    }
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    await ctx.close();
  });
});
