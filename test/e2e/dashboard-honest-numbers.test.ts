// Honest numbers on screen (issue #14, #17's default views), in English, Persian and Arabic, desktop and
// phone: the segment table's "No value" group with its n, a "worse than the rest" mark on a planted
// worse group and none on an equal one, drop-off rates ≤ 100% out of the answers that could show a
// follow-up, and "Last 7 days" as whole days without today. The browser's clock is set to the day
// after the answers were given, as a team opening the dashboard the next morning.
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardUrl, ready, signedInContext } from './dashboard-helpers';
import { createSite, createSurvey, launchBrowser, postResponse, SIZES } from './helpers';

let browser: Browser;
let apiKey: string;
let surveyId: string;
let siteKey: string;
const origin = 'https://honest-e2e.example';

beforeAll(async () => {
  browser = await launchBrowser();
  const created = await createSite([origin], { name: 'Honest numbers E2E' });
  apiKey = created.apiKey;
  siteKey = created.site.key;
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

/** What each language says (dashboard/src/i18n/{en,fa,ar}.ts) and writes (digits, Mar 8 – 14). */
const WORDS = {
  en: {
    noValue: 'No value',
    n60: '60',
    worse: 'significantly worse than the rest',
    holm: 'Holm',
    pct33: '33',
    range: /^Mar 8 – 14$/,
    rangeToday: /^Mar 9 – 15$/,
    notToday: 'today not included',
    includeToday: 'Include today',
  },
  fa: {
    noValue: 'بدون مقدار',
    n60: '۶۰',
    worse: 'بدتر از بقیه',
    holm: 'هولم',
    pct33: '۳۳',
    range: /۱۷.*۲۳ اسفند/,
    rangeToday: /۱۸.*۲۴ اسفند/,
    notToday: 'بدون امروز',
    includeToday: 'امروز هم شمرده شود',
  },
  // Arabic: the Gregorian calendar, Latin digits (ar-u-nu-latn)
  ar: {
    noValue: 'بلا قيمة',
    n60: '60',
    worse: 'أسوأ من البقية بشكل دالّ',
    holm: 'هولم',
    pct33: '33',
    range: /^8\s?–\s?14 مارس$/,
    rangeToday: /^9\s?–\s?15 مارس$/,
    notToday: 'دون اليوم',
    includeToday: 'تضمين اليوم',
  },
} as const;

describe.each([
  ['en', 1280, 800],
  ['fa', 390, 844],
  ['fa', 1280, 800],
  ['en', 390, 844],
  ['ar', 1280, 800],
  ['ar', 390, 844],
] as const)('honest numbers in %s at %ipx', (locale, width, height) => {
  it('segments: "No value" with its n, "worse than the rest" only on the planted group', async () => {
    const w = WORDS[locale];
    const ctx = await signedInContext(browser, apiKey, { locale, width, height });
    const page = await ctx.newPage();
    await page.clock.setFixedTime(tomorrow());
    await page.goto(dashboardUrl(`#/segments?survey=${surveyId}&range=7&by=plan`));
    await ready(page);
    const none = page.locator('tr[data-segment="(none)"]');
    await expect.poll(() => none.locator('th').innerText()).toContain(w.noValue);
    await expect.poll(() => none.locator('td.num').innerText()).toBe(w.n60);
    await expect.poll(() => page.locator('tr[data-segment="basic"] [data-vs-rest="worse"]').count()).toBe(1);
    const mark = await page.locator('tr[data-segment="basic"] [data-vs-rest="worse"]').innerText();
    expect(mark).toContain(w.worse);
    expect(mark).toContain(w.holm);
    // pro answers like everyone but basic: no mark of worse on it.
    expect(await page.locator('tr[data-segment="pro"] [data-vs-rest="worse"]').count()).toBe(0);
    expect(await page.locator('[data-seg-worse] li').count()).toBe(1);
    await ctx.close();
  });

  it('drop-off: every rate ≤ 100%, the follow-up counted out of the answers that could show it', async () => {
    const w = WORDS[locale];
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
    expect(await why.locator('.out-of').innerText()).toContain(w.n60);
    expect(await why.locator('.funnel-pct').innerText()).toContain(w.pct33);
    await ctx.close();
  });

  it("'Last 7 days' are the 7 whole days before today; 'Include today' adds today", async () => {
    const w = WORDS[locale];
    const ctx = await signedInContext(browser, apiKey, { locale, width, height });
    const page = await ctx.newPage();
    // Noon UTC on a fixed day: the site's zone is UTC, so today is 2026-03-15.
    await page.clock.setFixedTime(Date.parse('2026-03-15T12:00:00Z'));
    await page.goto(dashboardUrl(`#/overview?survey=${surveyId}&range=7`));
    await page.waitForSelector('[data-range-label]');
    const label = (await page.locator('[data-range-label]').innerText()).replace(/\s+/g, ' ');
    expect(label).toMatch(w.range);
    expect(await page.locator('[data-range-today]').innerText()).toContain(w.notToday);
    await page.getByLabel(w.includeToday, { exact: true }).check();
    await expect
      .poll(async () => (await page.locator('[data-range-label]').innerText()).replace(/\s+/g, ' '))
      .toMatch(w.rangeToday);
    expect(page.url()).toContain('today=1');
    await ctx.close();
  });
});

/** Signed numbers in right-to-left text not held left to right by an LTR isolate (they would read "100−"). */
const driftingSigns = (text: string) => text.match(/(?<!\u2066)[-−+]\d+/g) ?? [];
/** "-0" or "−0" standing alone (a value that rounds to zero is "0"). */
const negativeZeros = (text: string) => text.match(/[-−]0(?![\d.,٫])/g) ?? [];

/**
 * An element's characters as they are drawn, left to right (by each character's box; line by line
 * from the top), so a test sees "-100" or "100-" as a reader does, whatever the text's logical order.
 */
const drawn = (where: Locator) =>
  where.first().evaluate((el) => {
    const chars: [number, number, string][] = [];
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const text = n.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const box = r.getBoundingClientRect();
        if (box.width > 0) chars.push([Math.round(box.top / 4), box.left, text[i]!]);
      }
    }
    return chars
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map((c) => c[2])
      .join('');
  });

describe('in Arabic, desktop and phone', () => {
  it('the trend marks "too few" under the axis, and every signed number reads left to right', {
    timeout: 120_000,
  }, async () => {
    // A survey with 12 answers: too few for a score on any day.
    const few = await createSurvey(apiKey, {
      name: 'Few NPS',
      status: 'active',
      questions: [{ id: 'nps', type: 'nps', prompt: { en: 'Recommend us?', ar: 'هل توصي بنا؟' } }],
    });
    const posted = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        postResponse(origin, {
          id: crypto.randomUUID(),
          siteKey,
          surveyId: few.id,
          answers: [{ questionId: 'nps', value: i % 11 }],
          completed: true,
        }),
      ),
    );
    expect(new Set(posted)).toEqual(new Set([202]));
    const ctx = await signedInContext(browser, apiKey, { locale: 'ar' });
    const page = await ctx.newPage();
    await page.clock.setFixedTime(tomorrow());
    for (const [size, width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.goto(dashboardUrl(`#/overview?survey=${few.id}&range=7`));
      await ready(page);
      const trend = page.locator('figure.trend-nps');
      // The day's mark sits in its own lane under the axis, never on the −100 line as a score.
      const few12 = trend.locator('rect.few');
      await expect.poll(() => few12.count()).toBe(1);
      const markY = Number(await few12.getAttribute('y'));
      const axisY = Number(await trend.locator('line.axis').getAttribute('y1'));
      expect(markY).toBeGreaterThan(axisY);
      expect(await trend.locator('.few-label').textContent()).toBe('قليلة جدًا');
      expect(await trend.locator('circle.dot').count()).toBe(0);
      const legend = (await trend.locator('.legend-line').textContent())?.replace(/[\u2066-\u2069]/g, '');
      expect(legend).toContain('العلامات الرمادية تحت المحور: الإجابات قليلة جدًا (أقل من 30) لحساب درجة');
      // and says, by the grouping it tried, why there is no line
      expect((await trend.textContent())?.replace(/[\u2066-\u2069]/g, '')).toContain(
        'لم تبلغ أي فترة، عند التجميع حسب الأيام، الحد اللازم للدرجة، وهو 30 إجابة.',
      );
      // the card says too few, with its n, rather than a score
      const card = (await page.locator('[data-metric="nps"]').textContent())?.replace(/[\u2066-\u2069]/g, '') ?? '';
      expect(card).toContain('الإجابات قليلة جدًا');
      expect(card).toContain('n = 12');
      // drawn as written: "n = 12", not "12 = n"
      expect(await drawn(page.locator('[data-metric="nps"] p', { hasText: 'يلزم' }))).toContain('n = 12');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: `screenshots/ar-trend-few-${size}.png`, fullPage: true });

      // Negative scores (plan=basic scores −100): each sign held to its digits, no "-0", no "·".
      await page.goto(dashboardUrl(`#/segments?survey=${surveyId}&range=7&by=plan`));
      await ready(page);
      const basic = page.locator('tr[data-segment="basic"]');
      await expect.poll(() => basic.count()).toBe(1);
      const row = (await basic.textContent()) ?? '';
      expect(row).toContain('\u2066-100\u2069');
      // drawn with the sign on the left of its digits, and the interval's n left to right
      const seen = await drawn(basic);
      expect(seen).toContain('-100');
      expect(seen).not.toMatch(/100-/);
      expect(seen).toContain('n = 60');
      const main = (await page.locator('main').textContent()) ?? '';
      expect(driftingSigns(main)).toEqual([]);
      expect(negativeZeros(main)).toEqual([]);
      expect(main).not.toContain('·');
      expect(main).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: `screenshots/ar-segments-signs-${size}.png`, fullPage: true });
    }
    await ctx.close();
  });
});
