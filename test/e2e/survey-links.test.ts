/**
 * The hosted survey page (`/s/TOKEN`) in a real Chromium on a phone: anonymous and personal links,
 * en and fa, answers given offline arriving once when the phone is back online, a `?a=` pre-answer
 * sent only after the visitor's first touch, and axe on the whole page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, axeSource, createSite, createSurvey, launchBrowser } from './helpers';
import { exported, shots, until } from './widget-helpers';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

const SURVEY = {
  name: 'After delivery',
  status: 'active' as const,
  locales: ['en', 'fa'],
  questions: [
    {
      id: 'nps',
      type: 'nps' as const,
      prompt: {
        en: 'How likely are you to recommend us to a friend?',
        fa: 'چقدر احتمال دارد ما را به دوستانتان پیشنهاد کنید؟',
      },
    },
    { id: 'why', type: 'text' as const, prompt: { en: 'What is the main reason?', fa: 'دلیل اصلی چیست؟' } },
  ],
};

let browser: Browser;
let apiKey: string;
let surveyId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const site = await createSite(['https://shop.example'], { name: 'Digikala Express' });
  apiKey = site.apiKey;
  surveyId = (await createSurvey(apiKey, SURVEY)).id;
});
afterAll(async () => {
  await browser?.close();
});

type Invitation = { respondentId?: string; url: string; status: string };
async function invite(body: object): Promise<Invitation[]> {
  const r = await api<{ invitations: Invitation[] }>(`/v1/surveys/${surveyId}/invitations`, {
    key: apiKey,
    json: body,
  });
  expect(r.status).toBe(201);
  return r.body.invitations;
}

const outbox = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('seda:q') ?? '{}') as Record<string, { completed: boolean }>);

const dialog = (page: Page) => page.locator('seda-w [role="dialog"]');

/** axe-core on the whole page (the panel is in the page's shadow root; axe reads open shadow roots). */
async function axe(page: Page) {
  await page.addScriptTag({ content: axeSource() });
  const r = await page.evaluate(async () => {
    const a = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: unknown[] }> } })
      .axe;
    return a.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
  });
  return r.violations;
}

/** A phone (or desktop) browser; CSP bypassed only so that axe's script can be added. */
async function openLink(url: string, opts: { phone?: boolean; locale?: string; axe?: boolean } = {}) {
  const context: BrowserContext = await browser.newContext({
    ...(opts.phone === false ? DESKTOP : PHONE),
    locale: opts.locale ?? 'en-US',
    bypassCSP: opts.axe ?? false,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(m.text())) {
      errors.push(m.text());
    }
  });
  const res = await page.goto(url);
  return { context, page, errors, status: res?.status() };
}

const responses = async () => exported(apiKey, surveyId);

describe('hosted survey page', () => {
  it('an anonymous link on a phone, in English: answered offline, delivered once when back online; axe finds nothing', async () => {
    const [link] = await invite({ channel: 'qr', touchpoint: 'receipt' });
    const before = (await responses()).length;
    const { context, page, errors, status } = await openLink(link!.url, { axe: true });
    expect(status).toBe(200);
    const panel = dialog(page);
    await panel.waitFor({ state: 'visible' });
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    await expect.poll(() => panel.getByText('How likely are you to recommend us to a friend?').count()).toBe(1);
    expect(await page.locator('h1').textContent()).toBe('Digikala Express');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${shots}survey-link-en-phone.png` });

    // the train enters a tunnel
    await context.setOffline(true);
    await panel.getByRole('radio', { name: '8', exact: true }).click();
    await panel.getByRole('textbox').fill('Fast delivery, friendly courier');
    await panel.getByRole('button', { name: 'Send' }).click();
    await panel.getByText('Thank you!').waitFor();
    await expect.poll(async () => Object.values(await outbox(page)).map((b) => b.completed)).toEqual([true]);
    expect((await responses()).length).toBe(before);
    // the response's write secret waits with it: the same one goes with every post of this response
    const [kept] = Object.values(await outbox(page)) as { secret?: string }[];
    expect(kept?.secret).toMatch(/^[0-9a-f]{32}$/);

    await context.setOffline(false);
    await expect.poll(() => outbox(page), { timeout: 30_000 }).toEqual({});
    const rows = (await responses()).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: 'qr',
      touchpoint: 'receipt',
      completed: true,
      respondentId: null,
      answers: { nps: 8, why: 'Fast delivery, friendly courier' },
    });
    expect(await axe(page)).toEqual([]); // the thank-you step
    expect(errors).toEqual([]);
    await context.close();

    // another visit of the same anonymous link is another response
    const again = await openLink(link!.url);
    await dialog(again.page).getByRole('radio', { name: /^10 / }).click();
    expect(await until(async () => (await responses()).length === before + 2, 20_000)).toBe(true);
    await again.context.close();
  });

  it('a personal link in Persian with ?a= from an SMS: pre-answered, sent only after a touch, offline then online, answered once', async () => {
    const [mine] = await invite({
      channel: 'sms',
      respondents: [{ id: 'cust-42', locale: 'fa', attributes: { city: 'Tehran' } }],
    });
    const before = (await responses()).length;
    const { context, page, errors } = await openLink(`${mine!.url}?a=nps:9`, { axe: true });
    const panel = dialog(page);
    await panel.waitFor({ state: 'visible' });
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('fa');
    // Persian digits, 9 shown chosen, nothing sent yet (scanners that run scripts never touch)
    const nine = panel.getByRole('radio', { name: '۹', exact: true });
    expect(await nine.getAttribute('aria-checked')).toBe('true');
    await page.waitForLoadState('networkidle');
    expect(await outbox(page)).toEqual({});
    expect((await responses()).length).toBe(before);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `${shots}survey-link-fa-phone.png` });

    // offline: the pre-answer goes with the first touch, then the comment
    await context.setOffline(true);
    await panel.getByRole('button', { name: 'بعدی' }).tap();
    await panel.getByRole('textbox').fill('پیک خیلی مودب بود');
    await panel.getByRole('button', { name: 'ارسال' }).tap();
    await panel.getByText('سپاسگزاریم!').waitFor();
    await page.screenshot({ path: `${shots}survey-link-fa-phone-thanks.png` });
    await expect.poll(async () => Object.keys(await outbox(page)).length).toBe(1);
    await context.setOffline(false);
    await expect.poll(() => outbox(page), { timeout: 30_000 }).toEqual({});
    const rows = (await responses()).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: 'sms',
      respondentId: 'cust-42',
      attributes: { city: 'Tehran' },
      locale: 'fa',
      completed: true,
      answers: { nps: 9, why: 'پیک خیلی مودب بود' },
    });
    expect(errors).toEqual([]);
    await context.close();

    // opened again (another device): already answered, in Persian, and nothing more is written
    const later = await openLink(mine!.url, { locale: 'en-US' });
    expect(later.status).toBe(200);
    expect(await later.page.locator('h2').textContent()).toBe('پیش‌تر پاسخ داده‌اید');
    expect(await later.page.locator('seda-w').count()).toBe(0);
    await later.page.screenshot({ path: `${shots}survey-link-fa-phone-done.png` });
    await later.context.close();
    const list = await api<{ items: { status: string }[] }>(
      `/v1/surveys/${surveyId}/invitations?respondentId=cust-42`,
      { key: apiKey },
    );
    expect(list.body.items[0]!.status).toBe('completed');
    expect((await responses()).length).toBe(before + 1);
  });

  it('the other two: an anonymous email-snippet link in Persian (?lang=fa&a=) and a personal link in English, each offline then online, once; axe', {
    timeout: 120_000,
  }, async () => {
    const [anon] = await invite({ channel: 'email' });
    const [mine] = await invite({ channel: 'link', respondents: [{ id: 'cust-en-7', locale: 'en' }] });
    const cases = [
      {
        url: `${anon!.url}?lang=fa&a=nps:3`,
        dir: 'rtl',
        next: 'بعدی',
        send: 'ارسال',
        thanks: 'سپاسگزاریم!',
        text: 'دیر رسید',
      },
      { url: mine!.url, dir: 'ltr', next: 'Next', send: 'Send', thanks: 'Thank you!', text: 'On time' },
    ];
    for (const c of cases) {
      const before = (await responses()).length;
      const { context, page, errors } = await openLink(c.url, { axe: true, locale: 'en-US' });
      const panel = dialog(page);
      await panel.waitFor({ state: 'visible' });
      expect(await page.locator('html').getAttribute('dir')).toBe(c.dir);
      expect(await axe(page)).toEqual([]);
      await context.setOffline(true);
      if (c.dir === 'ltr') await panel.getByRole('radio', { name: '6', exact: true }).tap();
      else await panel.getByRole('button', { name: c.next }).tap();
      await panel.getByRole('textbox').fill(c.text);
      await panel.getByRole('button', { name: c.send }).tap();
      await panel.getByText(c.thanks).waitFor();
      expect((await responses()).length).toBe(before);
      await context.setOffline(false);
      await expect.poll(() => outbox(page), { timeout: 30_000 }).toEqual({});
      // the page may resend on coming back: still one response, never two
      await page.waitForLoadState('networkidle');
      const rows = (await responses()).slice(before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject(
        c.dir === 'rtl'
          ? { channel: 'email', respondentId: null, locale: 'fa', answers: { nps: 3, why: c.text } }
          : { channel: 'link', respondentId: 'cust-en-7', answers: { nps: 6, why: c.text } },
      );
      expect(await axe(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('a personal link opened on two devices continues one response', async () => {
    const [mine] = await invite({ channel: 'email', respondents: [{ id: 'two-devices' }] });
    const before = (await responses()).length;
    const phone = await openLink(mine!.url);
    await dialog(phone.page).getByRole('radio', { name: '3', exact: true }).click();
    await expect.poll(() => outbox(phone.page)).toEqual({});
    const laptop = await openLink(mine!.url, { phone: false });
    await dialog(laptop.page).getByRole('radio', { name: '5', exact: true }).click();
    await dialog(laptop.page).getByRole('button', { name: 'Skip' }).click();
    await expect.poll(() => outbox(laptop.page)).toEqual({});
    const rows = (await responses()).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ respondentId: 'two-devices', completed: true, answers: { nps: 5 } });
    await phone.context.close();
    await laptop.context.close();
  });

  it('screenshots: en and fa on a desktop (the phone ones above), and the 404 page', async () => {
    const [anon] = await invite({ channel: 'link' });
    for (const [lang, phone] of [
      ['en', false],
      ['fa', false],
    ] as const) {
      const { page, context } = await openLink(`${anon!.url}?lang=${lang}`, { phone });
      await dialog(page).waitFor({ state: 'visible' });
      await page.screenshot({ path: `${shots}survey-link-${lang}-desktop.png` });
      await context.close();
    }
    const bad = `${anon!.url.slice(0, -1)}${anon!.url.endsWith('A') ? 'B' : 'A'}`;
    for (const lang of ['en', 'fa']) {
      const { page, context, status } = await openLink(bad, { locale: lang });
      expect(status).toBe(404);
      await page.screenshot({ path: `${shots}survey-link-404-${lang}-phone.png` });
      await context.close();
    }
  });
});
