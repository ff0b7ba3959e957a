import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, collectorUrl, createSite, createSurvey, launchBrowser, postResponse, SIZES } from './helpers';

const SHOTS = new URL('../../screenshots/', import.meta.url).pathname;

/**
 * Touchpoints as a newcomer manages them (#17): adding an existing key never renames it, editing
 * keeps the key, names in Persian show on the Persian dashboard, a touchpoint with answers is
 * archived (not deleted), one without answers is deleted, and suggestions skip what the site has.
 */
describe('touchpoints screen', () => {
  let browser: Browser;
  let apiKey: string;
  let siteKey: string;
  const origin = 'https://tp-shop.example';

  beforeAll(async () => {
    browser = await launchBrowser();
    const r = await createSite([origin], { name: 'Touchpoints E2E' });
    apiKey = r.apiKey;
    siteKey = r.site.key;
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(locale: 'en' | 'fa' | 'ar', width = 1280, height = 900): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width, height } });
    await ctx.addInitScript(
      ([key, l]) => {
        sessionStorage.setItem('seda.apiKey', key!);
        localStorage.setItem('seda.locale', l!);
      },
      [apiKey, locale],
    );
    page = await ctx.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    return page;
  }
  let page: Page;
  /** What each confirm asked, in order. */
  const dialogs: string[] = [];
  const dash = (hash: string) => `${collectorUrl()}/dashboard/${hash}`;
  const listed = async () => (await api('/v1/touchpoints', { key: apiKey })).body.items;
  const row = (key: string) =>
    page.locator('[data-testid="touchpoints"] tr', { has: page.locator(`code:text-is("${key}")`) });

  it('adds without overwriting, edits without changing the key, names per language, archives and deletes', {
    timeout: 120_000,
  }, async () => {
    await signedIn('en');
    await page.goto(dash('#/touchpoints'));
    const add = async (key: string, name: string, stage: string) => {
      await page.locator('#f-key').fill(key);
      await page.locator('#f-name').fill(name);
      await page.locator('#f-stage').selectOption(stage);
      await page.locator('[data-action="save-touchpoint"]').click();
    };
    await add('checkout', 'Checkout', 'purchase');
    await expect.poll(async () => (await listed()).length).toBe(1);
    // "Checkout" is taken: its suggestion is no longer offered
    await expect.poll(() => page.locator('[data-suggest="checkout"]').count()).toBe(0);

    // the same key again: a field error, and the existing touchpoint is untouched
    await add('checkout', 'Payment', 'support');
    await expect
      .poll(() => page.locator('#f-key-error, [id^="f-key"][aria-invalid="true"]').count())
      .toBeGreaterThan(0);
    expect(await page.locator('form').textContent()).toContain('already exists');
    expect(await listed()).toEqual([{ key: 'checkout', name: 'Checkout', stage: 'purchase' }]);

    // edit: the key is read-only, the names change
    await row('checkout').getByRole('button', { name: 'Edit Checkout' }).click();
    expect(await page.locator('#f-key').getAttribute('readonly')).not.toBeNull();
    await page.locator('#f-name').fill('Checkout page');
    await page.locator('#f-names-fa').fill('صفحهٔ پرداخت');
    await page.locator('#f-names-ar').fill('صفحة الدفع');
    await page.locator('[data-action="save-touchpoint"]').click();
    await expect
      .poll(async () => (await listed())[0])
      .toEqual({
        key: 'checkout',
        name: 'Checkout page',
        stage: 'purchase',
        names: { fa: 'صفحهٔ پرداخت', ar: 'صفحة الدفع' },
      });

    // a touchpoint with an answer can't be deleted: the screen says to archive it
    const survey = await createSurvey(apiKey, {
      name: 'TP NPS',
      status: 'active',
      questions: [{ id: 'nps', type: 'nps', prompt: { en: 'Recommend?' }, required: true }],
    });
    await postResponse(origin, {
      id: crypto.randomUUID(),
      siteKey,
      surveyId: survey.id,
      touchpoint: 'checkout',
      answers: [{ questionId: 'nps', value: 9 }],
      completed: true,
    });
    await page.reload();
    await row('checkout').getByRole('button', { name: 'Delete Checkout page' }).click();
    await expect
      .poll(() => page.locator('[role="alert"]').allTextContents())
      .toContainEqual(expect.stringContaining('has answers'));
    expect((await listed()).map((t: { key: string }) => t.key)).toEqual(['checkout']);
    await row('checkout').getByRole('button', { name: 'Archive Checkout page' }).click();
    await expect.poll(async () => (await listed())[0].archived).toBe(true);
    await expect.poll(() => row('checkout').getAttribute('data-archived')).toBe('yes');

    // one without answers is deleted
    await add('typo', 'Typo', 'usage');
    await expect.poll(async () => (await listed()).length).toBe(2);
    await row('typo').getByRole('button', { name: 'Delete Typo' }).click();
    await expect.poll(async () => (await listed()).map((t: { key: string }) => t.key)).toEqual(['checkout']);
    await page.screenshot({ path: `${SHOTS}touchpoints-en-desktop.png`, fullPage: true });
  });

  it('shows the Persian name on the Persian dashboard, desktop and phone', { timeout: 60_000 }, async () => {
    for (const width of [1280, 390]) {
      await signedIn('fa', width);
      await page.goto(dash('#/touchpoints'));
      await expect.poll(() => row('checkout').textContent()).toContain('صفحهٔ پرداخت');
      await page.screenshot({
        path: `${SHOTS}touchpoints-fa-${width > 500 ? 'desktop' : 'phone'}.png`,
        fullPage: true,
      });
      await page.context().close();
    }
  });

  it('in Arabic, desktop and phone: the Arabic name, refusal, suggestions, restore, archive and delete in Arabic words', {
    timeout: 120_000,
  }, async () => {
    for (const [size, width, height] of SIZES) {
      await signedIn('ar', width, height);
      await page.goto(dash('#/touchpoints'));
      await expect
        .poll(() => page.evaluate(() => [document.documentElement.lang, document.dir]))
        .toEqual(['ar', 'rtl']);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('نقاط التواصل');
      // the Arabic name, not the English one; archived (by the first test) says so in Arabic
      await expect.poll(() => row('checkout').textContent()).toContain('صفحة الدفع');
      expect(await row('checkout').textContent()).not.toContain('Checkout page');
      expect(await row('checkout').textContent()).toContain('مؤرشفة');

      // the same key again: refused in Arabic, nothing renamed
      await page.locator('#f-key').fill('checkout');
      await page.locator('#f-name').fill('Payment');
      await page.locator('[data-action="save-touchpoint"]').click();
      await expect.poll(() => page.locator('form').textContent()).toContain('توجد نقطة تواصل بهذا المفتاح');
      expect((await listed()).find((t: { key: string }) => t.key === 'checkout').name).toBe('Checkout page');
      // suggestions are offered in Arabic words
      const pricing = page.locator('[data-suggest="pricing"]');
      expect(await pricing.textContent()).toContain('إضافة الأسعار');
      expect(await pricing.textContent()).not.toMatch(/[A-Za-z]/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1)).toBe(true);
      await page.screenshot({ path: `${SHOTS}ar-touchpoints-${size}.png`, fullPage: true });
      await page.context().close();
    }

    // desktop again, each action by its Arabic name
    await signedIn('ar');
    await page.goto(dash('#/touchpoints'));
    await row('checkout').getByRole('button', { name: 'استعادة صفحة الدفع', exact: true }).click();
    await expect.poll(async () => (await listed())[0].archived ?? false).toBe(false);
    await expect.poll(() => page.locator('[role="status"]').allTextContents()).toContainEqual('استُعيدت «صفحة الدفع».');
    await row('checkout').getByRole('button', { name: 'حذف صفحة الدفع', exact: true }).click();
    expect(dialogs.at(-1)).toBe('حذف نقطة التواصل «صفحة الدفع»؟ لا يمكن التراجع عن ذلك.');
    await expect
      .poll(() => page.locator('[role="alert"]').allTextContents())
      .toContainEqual(expect.stringContaining('لـ«صفحة الدفع» إجابات، فلا يمكن حذفها'));
    await row('checkout').getByRole('button', { name: 'أرشفة صفحة الدفع', exact: true }).click();
    await expect.poll(async () => (await listed())[0].archived).toBe(true);

    // a touchpoint named in Arabic under another key: the suggestion with that Arabic name goes
    await page.locator('#f-key').fill('prices');
    await page.locator('#f-name').fill('Prices');
    await page.locator('#f-names-ar').fill('الأسعار');
    await page.locator('[data-action="save-touchpoint"]').click();
    await expect.poll(() => row('prices').textContent()).toContain('الأسعار');
    await expect.poll(() => page.locator('[data-suggest="pricing"]').count()).toBe(0);
    // editing keeps the key (read-only), the heading names it
    await row('prices').getByRole('button', { name: 'تعديل الأسعار', exact: true }).click();
    expect(await page.locator('#f-key').getAttribute('readonly')).not.toBeNull();
    expect(await page.locator('form').textContent()).toContain('لا يتغير المفتاح أبدًا');
    await page.locator('#f-names-ar').fill('صفحة الأسعار');
    await page.locator('[data-action="save-touchpoint"]').click();
    await expect
      .poll(async () => (await listed()).find((t: { key: string }) => t.key === 'prices')?.names)
      .toEqual({ ar: 'صفحة الأسعار' });
    // without answers it is deleted
    await row('prices').getByRole('button', { name: 'حذف صفحة الأسعار', exact: true }).click();
    await expect.poll(async () => (await listed()).map((t: { key: string }) => t.key)).toEqual(['checkout']);
    await expect.poll(() => page.locator('[role="status"]').allTextContents()).toContainEqual('حُذفت «صفحة الأسعار».');
    await page.context().close();
  });
});
