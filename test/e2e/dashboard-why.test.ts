import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dashboardUrl, ready, signedInContext } from './dashboard-helpers';
import { api, createSite, createSurvey, createTouchpoint, launchBrowser, postResponse } from './helpers';

// The "why, and what it costs" screens in Debian's Chromium against `wrangler dev`: key drivers,
// topics (editing the list), outcomes (CSV import) and one customer's page (erasure), in en and fa.
let browser: Browser;
let apiKey: string;
let surveyId: string;
const ORIGIN = 'https://why-e2e.example';
const VIP = 'vip 100%/a'; // an id that must be encoded exactly once on its way to the API
const VIP_FA = 'مشتری ۷ %';
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 150 });
const shots = 'screenshots';
// The machine is shared: each test opens several browser pages (and takes 4 screenshots).
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

beforeAll(async () => {
  const seed = async () => {
    const { site, apiKey: key } = await createSite([ORIGIN], { name: 'Why E2E' });
    apiKey = key;
    await createTouchpoint(key, { key: 'checkout', name: 'Checkout', stage: 'purchase' });
    const survey = await createSurvey(key, {
      name: 'Relationship',
      status: 'active',
      questions: [
        { id: 'nps', type: 'nps', prompt: { en: 'Recommend us?', fa: 'ما را توصیه می‌کنید؟' } },
        { id: 'delivery', type: 'rating', prompt: { en: 'Delivery speed', fa: 'سرعت ارسال' } },
        { id: 'price', type: 'rating', prompt: { en: 'Price', fa: 'قیمت' } },
        { id: 'why', type: 'text', prompt: { en: 'Why?', fa: 'چرا؟' } },
      ],
    });
    surveyId = survey.id;
    const post = (who: string, answers: { questionId: string; value: number | string }[], plan = 'free') =>
      postResponse(ORIGIN, {
        id: crypto.randomUUID(),
        siteKey: site.key,
        surveyId: survey.id,
        touchpoint: 'checkout',
        respondent: { id: who, attributes: { plan } },
        answers,
        context: { locale: 'en' },
        completed: true,
      });
    // A planted driver: NPS follows the delivery rating (price is noise).
    const texts = [
      'Delivery was late again',
      'Great support, thank you',
      'Strange smell from the box',
      'Price is fine',
      'Strange smell from the box, again',
    ];
    const jobs: Promise<number>[] = [];
    for (let i = 0; i < 60; i++) {
      const delivery = 1 + (i % 5);
      const nps = Math.min(10, Math.max(0, delivery * 2 + ((i * 7) % 3) - 1));
      jobs.push(
        post(
          `cust-${i}`,
          [
            { questionId: 'nps', value: nps },
            { questionId: 'delivery', value: delivery },
            { questionId: 'price', value: 1 + ((i * 3) % 5) },
            { questionId: 'why', value: texts[i % texts.length]! },
          ],
          i % 2 ? 'pro' : 'free',
        ),
      );
    }
    expect((await Promise.all(jobs)).every((s) => s === 202)).toBe(true);
    for (const who of [VIP, VIP_FA]) {
      expect(await post(who, [{ questionId: 'nps', value: 8 }], 'pro')).toBe(202);
      expect(
        await post(who, [
          { questionId: 'nps', value: 2 },
          { questionId: 'why', value: 'Delivery was late and nobody called back' },
        ]),
      ).toBe(202);
    }
    const outcomes = await api('/v1/outcomes', {
      key,
      json: { items: [VIP, VIP_FA].map((respondentId) => ({ respondentId, kind: 'churned', value: 900 })) },
    });
    expect(outcomes.status).toBe(202);
  };
  [browser] = await Promise.all([launchBrowser(), seed()]);
});
afterAll(async () => {
  await browser?.close();
});

async function open(
  hash: string,
  locale: 'en' | 'fa' | 'ar',
  size: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<Page> {
  const ctx = await signedInContext(browser, apiKey, { locale, ...size });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  // The planted answers arrived today, and the rolling ranges count today only when asked (today=1).
  await page.goto(dashboardUrl(`${hash}${hash.includes('?') ? '&' : '?'}today=1`));
  await ready(page).catch(async (e) => {
    throw new Error(
      `${e}\n${errors.join('\n')}\n${(await page.evaluate(() => document.body.innerHTML)).slice(0, 800)}`,
    );
  });
  return page;
}
const PHONE = { width: 390, height: 844 };

async function screenshots(hash: string, name: string, prepare?: (p: Page) => Promise<void>) {
  for (const locale of ['en', 'fa'] as const)
    for (const [size, dims] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', PHONE],
    ] as const) {
      const page = await open(hash, locale, dims);
      await prepare?.(page);
      await page.screenshot({ path: `${shots}/${name}-${locale}-${size}.png`, fullPage: true });
      await page.context().close();
    }
}

describe('key drivers', () => {
  it('ranks the planted driver first with evidence, and places it on the importance × performance chart', async () => {
    for (const locale of ['en', 'fa'] as const) {
      const page = await open(`#/drivers?survey=${surveyId}`, locale);
      const rows = page.locator('.drivers-table tbody tr');
      await poll(() => rows.count()).toBeGreaterThan(1);
      expect(await rows.first().getAttribute('data-driver')).toBe('delivery');
      expect(await rows.first().getAttribute('data-evidence')).toBe('yes');
      // "no evidence" is written, not coloured: every row without evidence says so in words
      for (const row of await page.locator('.drivers-table tbody tr[data-evidence="no"]').all())
        expect(await row.textContent()).toContain(locale === 'en' ? 'no evidence' : 'بی‌شاهد');
      // the chart has one numbered point per question, named in the table's order
      expect(await page.locator('.ipa-chart').getAttribute('data-points')).toBe('2');
      expect(await page.locator('.ipa-point[data-rank="1"] title').textContent()).toContain(
        locale === 'en' ? 'Delivery speed' : 'سرعت ارسال',
      );
      expect(await page.locator('.method li').count()).toBe(4);
      if (locale === 'fa') expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
      await page.context().close();
    }
    await screenshots(`#/drivers?survey=${surveyId}`, 'why-drivers');
  });
});

describe('topics', () => {
  it('counts topics by sentiment, adds a suggested topic in one click and saves an edited label', async () => {
    const page = await open(`#/topics?survey=${surveyId}`, 'en');
    await page.locator('.topics-table tr[data-topic="delivery"]').waitFor();
    const suggestion = page.locator('.suggested-list li').first();
    const term = (await suggestion.getAttribute('data-term'))!;
    expect(term).toBeTruthy();
    await suggestion.getByRole('button').click();
    await page.locator('[data-saved="yes"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-saved="yes"]').textContent()).toContain('re-tagged in the background');
    const stored = await api<{ topics: { key: string; terms: string[] }[]; custom: boolean }>('/v1/topics', {
      key: apiKey,
    });
    expect(stored.body.custom).toBe(true);
    expect(stored.body.topics.some((t) => t.terms.includes(term))).toBe(true);
    await page.context().close();

    // in Persian: open the editor, name the delivery topic anew, save
    const fa = await open(`#/topics?survey=${surveyId}`, 'fa');
    await fa.getByRole('button', { name: 'ویرایش فهرست موضوع‌ها' }).click();
    await fa.locator('#topic-0-fa').fill('تحویل سفارش');
    await fa.getByRole('button', { name: 'ذخیرهٔ فهرست موضوع‌ها' }).click();
    await fa.locator('[data-saved="yes"]').waitFor({ timeout: 20_000 });
    const again = await api<{ topics: { key: string; label: { fa?: string } }[] }>('/v1/topics', { key: apiKey });
    expect(again.body.topics[0]?.label.fa).toBe('تحویل سفارش');
    // a bad key is refused in the form, in Persian, before any request
    await fa.locator('#topic-0-key').fill('نه');
    await fa.getByRole('button', { name: 'ذخیرهٔ فهرست موضوع‌ها' }).click();
    await fa.locator('#topic-0-key-err').waitFor();
    expect(await fa.locator('#topic-0-key').getAttribute('aria-invalid')).toBe('true');
    await fa.context().close();
    await screenshots(`#/topics?survey=${surveyId}`, 'why-topics', async (p) => {
      await p.locator('.topics-table').waitFor();
    });
  });
});

describe('outcomes', () => {
  it('imports a CSV in batches of 1,000 with progress, after showing the bad rows by line', async () => {
    const page = await open('#/outcomes', 'en');
    const bad =
      'respondentId,kind,value,at\ncust-1,churned,10,\n,retained,,\ncust-2,left,,\ncust-3,churned,-5,2026-13-01\n';
    await page.setInputFiles('#outcomes-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const problems = page.locator('[data-problems]');
    await problems.waitFor();
    const text = (await problems.textContent()) ?? '';
    expect(text).toContain('3 rows cannot be imported');
    expect(text).toContain('Row 3: respondentId is empty');
    expect(text).toContain('Row 4: kind “left”');
    expect(text).toContain('Row 5: value “-5”');
    expect(text).toContain('Row 5: at “2026-13-01”');

    // 2,500 rows: the 60 answered customers (detractors churn) and others unknown to the surveys
    const lines = ['respondentId,kind,value,at'];
    for (let i = 0; i < 60; i++)
      lines.push(`cust-${i},${i % 5 < 2 ? 'churned' : 'retained'},${100 + i},2026-01-0${1 + (i % 9)}`);
    for (let i = 0; i < 2440; i++) lines.push(`other-${i},retained,,`);
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/v1/outcomes') && posts.push(r.url()));
    await page.setInputFiles('#outcomes-file', {
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    });
    await page.getByRole('button', { name: 'Import 2,500 outcomes' }).click();
    await page.locator('[data-imported="2500"]').waitFor({ timeout: 30_000 });
    expect(posts.length).toBe(3);
    // the rates follow: detractors churn more than promoters, and the model says it needs more
    await poll(async () => page.locator('.rate-sentences li').count()).toBe(3);
    expect(await page.locator('[data-not-enough]').textContent()).toContain('Not enough outcomes yet');
    const groups = (
      await api<{ groups: { group: string; n: number; events: number; rate: number | null }[] }>(
        '/v1/outcomes?kind=churned',
        { key: apiKey },
      )
    ).body.groups;
    const det = groups.find((g) => g.group === 'detractor')!;
    const line = page.locator('.rate-sentences li[data-group="detractor"]');
    expect(await line.textContent()).toContain(`Detractors ${Math.round((det.rate ?? 0) * 100)}%`);
    expect(await page.locator('[data-imported="2500"]').textContent()).toContain('Imported 2,500 outcomes, all new.');

    // The same file again (a second import by mistake): nothing is added twice, the screen says so
    // and no rate moves.
    await page.setInputFiles('#outcomes-file', {
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    });
    await page.getByRole('button', { name: 'Import 2,500 outcomes' }).click();
    const again = page.locator('[data-created="0"][data-existing="2500"]');
    await again.waitFor({ timeout: 30_000 });
    expect(await again.textContent()).toContain('Nothing new: all 2,500 outcomes were already there');
    const after = await api<{ groups: unknown[] }>('/v1/outcomes?kind=churned', { key: apiKey });
    expect(after.body.groups).toEqual(groups);
    await page.context().close();

    // Persian: the same bad file's problems in Persian
    const fa = await open('#/outcomes', 'fa');
    await fa.setInputFiles('#outcomes-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await fa.locator('[data-problems]').waitFor();
    expect(await fa.locator('[data-problems]').textContent()).toContain('سطر');
    await fa.context().close();
    await screenshots('#/outcomes', 'why-outcomes');
  });
});

describe('outcomes in Arabic', () => {
  it('desktop and phone: the bad rows by line, then an import with its progress and outcome, in Arabic', async () => {
    const plain = (t: string | null) => (t ?? '').replace(/[\u2066-\u2069]/g, '');
    const bad = 'respondentId,kind,value,at\ncust-1,churned,10,\n,retained,,\ncust-2,left,,\n';
    for (const [size, dims] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', PHONE],
    ] as const) {
      const page = await open('#/outcomes', 'ar', dims);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await page.setInputFiles('#outcomes-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.locator('[data-problems]').waitFor();
      const problems = plain(await page.locator('[data-problems]').textContent());
      expect(problems).toContain('صفوف لا يمكن استيرادها: 2. صحّحها ثم اختر الملف مجددًا:');
      expect(problems).toContain('الصف 3: respondentId فارغ');
      expect(problems).toContain('الصف 4: kind «left» ليس');

      // 1,200 new outcomes: two batches, every progress line in Arabic, then the outcome
      const lines = ['respondentId,kind,value,at'];
      for (let i = 0; i < 1200; i++) lines.push(`ar-${size}-${i},retained,,`);
      await page.setInputFiles('#outcomes-file', {
        name: 'good.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(lines.join('\n')),
      });
      const start = page.locator('.import-status button');
      await poll(async () => plain(await start.textContent())).toBe('استيراد النتائج (1,200)');
      // every line the status region shows, as it changes
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { __seen: string[] }).__seen = seen;
        const box = document.querySelector('.import-status')!;
        new MutationObserver(() => seen.push(box.textContent ?? '')).observe(box, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
      await start.click();
      const done = page.locator('[data-imported="1200"]');
      await done.waitFor({ timeout: 30_000 });
      expect(plain(await done.textContent())).toContain('استُوردت النتائج (1,200)، وكلها جديدة.');
      const seen = (await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).map(plain);
      expect(seen.some((t) => /جارٍ الاستيراد… \d[\d,]* من 1,200/.test(t))).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1)).toBe(true);
      await page.screenshot({ path: `${shots}/ar-why-outcomes-${size}.png`, fullPage: true });
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
      await page.context().close();
    }
  });
});

describe('one customer, one page', () => {
  for (const [locale, who] of [
    ['en', VIP],
    ['fa', VIP_FA],
  ] as const) {
    it(`from the at-risk list to ${locale === 'en' ? 'an id with % and /' : 'a Persian id'}: the history in order, then erased`, async () => {
      const page = await open('#/at-risk', locale);
      await page.locator('.at-risk-table').getByRole('link', { name: who, exact: true }).click();
      await page.locator('.customer[data-state="ready"] .timeline').waitFor();
      const types = await page
        .locator('.timeline > li')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
      expect(types.slice(0, 2)).toEqual(['response', 'response']);
      expect(types).toContain('outcome');
      expect(await page.locator('.attrs').textContent()).toContain('plan');
      if (locale === 'en') await screenshots(`#/customer?who=${encodeURIComponent(who)}`, 'why-customer');

      await page.getByRole('button', { name: locale === 'en' ? 'Erase this customer' : 'پاک کردن این مشتری' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      // bidi isolation marks around inserted values are dropped before reading the words
      const what = ((await dialog.textContent()) ?? '').replace(/[\u2066-\u2069]/g, '');
      expect(what).toContain(who);
      expect(what).toContain(locale === 'en' ? '2 responses' : '۲ پاسخ');
      expect(what).toContain(locale === 'en' ? '1 outcomes' : '۱ پیامد');
      // the confirming button names who is erased
      const confirm = dialog.locator('.btn-danger');
      expect(((await confirm.textContent()) ?? '').replace(/[\u2066-\u2069]/g, '')).toBe(
        locale === 'en' ? `Erase ${who}` : `پاک کردن ${who}`,
      );
      await confirm.click();
      await page.locator('[data-erased]').waitFor();
      const res = await api(`/v1/respondents/${encodeURIComponent(who)}`, { key: apiKey });
      expect(res.status).toBe(404);
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
      await page.context().close();
    });
  }
});
