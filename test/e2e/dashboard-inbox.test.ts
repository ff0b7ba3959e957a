import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, dashboardUrl, plain, ready, signedInContext } from './dashboard-helpers';
import { api, createSite, createSurvey, createTouchpoint, launchBrowser, postResponse, SIZES } from './helpers';

// The follow-up inbox in Debian's Chromium against `wrangler dev`: an answer alert opens a case
// for a detractor on its own; the team marks it contacted from the dashboard.
let browser: Browser;
let apiKey: string;
let readKey: string;
let responseId: string;

const ORIGIN = 'https://inbox-e2e.example';
const COMMENT = '<b>Refund</b> never came <img src=x onerror="window.__sedaXss=1">';
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

type Stats = { counts: Record<string, number>; timeToFirstContact: { n: number; medianHours: number | null } };

beforeAll(async () => {
  const seed = async () => {
    const { site, apiKey: key } = await createSite([ORIGIN], { name: 'Inbox E2E' });
    apiKey = key;
    await createTouchpoint(key, { key: 'checkout', name: 'Checkout', stage: 'purchase' });
    const survey = await createSurvey(key, {
      name: 'Inbox NPS',
      status: 'active',
      questions: [
        { id: 'nps', type: 'nps', prompt: { en: 'Recommend us?', fa: 'ما را توصیه می‌کنید؟' } },
        { id: 'why', type: 'text', prompt: { en: 'Why?', fa: 'چرا؟' } },
      ],
    });
    // A webhook nobody listens on (private addresses are allowed in tests) and an answer alert.
    const hook = await api<{ id: string }>('/v1/webhooks', {
      key,
      json: { url: 'http://127.0.0.1:9/x', events: ['alert'] },
    });
    expect(hook.status).toBe(201);
    const alert = await api('/v1/alerts', {
      key,
      json: { surveyId: survey.id, questionId: 'nps', max: 6, webhookId: hook.body.id },
    });
    expect(alert.status).toBe(201);
    const ro = await api<{ apiKey: string }>('/v1/keys', { key, json: { name: 'read only', scopes: ['read'] } });
    expect(ro.status).toBe(201);
    readKey = ro.body.apiKey;

    const post = (id: string, respondent: string, nps: number, why?: string) =>
      postResponse(ORIGIN, {
        id,
        siteKey: site.key,
        surveyId: survey.id,
        touchpoint: 'checkout',
        respondent: { id: respondent },
        answers: [{ questionId: 'nps', value: nps }, ...(why ? [{ questionId: 'why', value: why }] : [])],
        context: { locale: 'en' },
        completed: true,
      });
    responseId = crypto.randomUUID();
    expect(await post(crypto.randomUUID(), 'cust-happy', 10, 'Great')).toBe(202); // no alert, no case
    expect(await post(responseId, 'cust-inbox', 2, COMMENT)).toBe(202);
    // The alert runs after the response is stored (waitUntil): wait for its case.
    for (let i = 0; ; i++) {
      const r = await api<{ cases: unknown[] }>('/v1/cases', { key });
      if (r.body.cases?.length === 1) break;
      if (i > 150) throw new Error(`no case opened: ${JSON.stringify(r.body)}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  };
  [browser] = await Promise.all([launchBrowser(), seed()]);
});
afterAll(async () => {
  await browser?.close();
});

const caseCard = (page: Page) => page.locator(`.case-card[data-response="${responseId}"]`);

describe('dashboard inbox', () => {
  it('lists the case an alert opened; marking it contacted persists and is measured', async () => {
    const ctx = await signedInContext(browser, apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/inbox'));
    await ready(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Follow-up inbox');
    expect(await page.locator('.case-card').count()).toBe(1);
    const card = caseCard(page);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('cust-inbox');
    expect(text).toContain('Inbox NPS');
    // Touchpoint names arrive with a low-priority lookup, after the cases.
    await poll(() => card.locator('.case-meta').textContent()).toContain('Checkout');
    // The respondent's markup is shown as text, never parsed.
    expect(await card.locator('.verbatim-text').textContent()).toBe(COMMENT);
    expect(await card.locator('.verbatim-text *').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __sedaXss?: number }).__sedaXss)).toBeUndefined();
    expect(await card.locator('.badge').textContent()).toBe('Open');
    expect(await page.locator('[data-count="open"]').getAttribute('data-value')).toBe('1');
    // Nothing contacted yet: no made-up time, it says n = 0.
    const contact = page.locator('[data-duration="contact"]');
    expect(await contact.getAttribute('data-n')).toBe('0');
    expect(await contact.textContent()).toContain('n = 0');

    await card.getByLabel('Status').selectOption('contacted');
    await card.getByLabel('Owner', { exact: true }).fill('Sara Ahmadi');
    await card.getByLabel('Note', { exact: true }).fill('Called back, refund sent today.');
    await card.getByRole('button', { name: 'Save' }).click();
    await poll(() => card.locator('[data-case-msg]').textContent()).toContain('saved');
    await poll(() => page.locator('#announcer').textContent()).toContain('saved');
    await poll(() => contact.getAttribute('data-n')).toBe('1');
    expect(await card.locator('.badge').textContent()).toBe('Contacted');

    await page.reload();
    await ready(page);
    const again = caseCard(page);
    expect(await again.getByLabel('Status').inputValue()).toBe('contacted');
    expect(await again.getByLabel('Owner', { exact: true }).inputValue()).toBe('Sara Ahmadi');
    expect(await again.getByLabel('Note', { exact: true }).inputValue()).toBe('Called back, refund sent today.');
    expect(await again.textContent()).toContain('first contact');
    expect(await page.locator('[data-count="contacted"]').getAttribute('data-value')).toBe('1');
    expect(await page.locator('[data-count="open"]').getAttribute('data-value')).toBe('0');
    expect(await page.locator('[data-duration="contact"]').textContent()).toContain('n = 1');
    const stats = await api<Stats>('/v1/cases/stats', { key: apiKey });
    expect(stats.body.timeToFirstContact.n).toBe(1);
    expect(stats.body.timeToFirstContact.medianHours).not.toBeNull();

    // The status filter narrows the list and lives in the address.
    await page.getByLabel('Status', { exact: true }).first().selectOption('open');
    await poll(() => page.locator('.inbox .notice').textContent()).toContain('No cases with this status');
    expect(page.url()).toContain('status=open');
    await page.getByLabel('Status', { exact: true }).first().selectOption('contacted');
    await poll(() => page.locator('.case-card').count()).toBe(1);
    await ctx.close();
  });

  it('shows refusals next to the field they are about, and keeps focus there', async () => {
    const ctx = await signedInContext(browser, apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/inbox'));
    await ready(page);
    const card = caseCard(page);

    // The shared schema refuses a note over 4000 characters before anything is sent.
    const patches: string[] = [];
    page.on('request', (r) => r.method() === 'PATCH' && patches.push(r.url()));
    await card.getByLabel('Note', { exact: true }).fill('x'.repeat(4001));
    await card.getByRole('button', { name: 'Save' }).click();
    await poll(() => card.locator('[data-error-for="note"]').textContent()).toContain('4,000');
    expect(await card.getByLabel('Note', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('note');
    expect(patches).toEqual([]);

    // A 400 from the server with field issues: the message goes next to that field.
    await page.route('**/v1/cases/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({
              error: {
                code: 'invalid_request',
                message: 'owner: refused',
                issues: [{ path: ['owner'], message: 'Owner refused by the server' }],
              },
            }),
          })
        : route.fallback(),
    );
    await card.getByLabel('Note', { exact: true }).fill('short again');
    await card.getByLabel('Owner', { exact: true }).fill('Someone else');
    await card.getByRole('button', { name: 'Save' }).click();
    await poll(() => card.locator('[data-error-for="owner"]').textContent()).toBe('Owner refused by the server');
    expect(await card.locator('[data-error-for="note"]').count()).toBe(0);
    expect(await card.getByLabel('Owner', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await card.getByLabel('Owner', { exact: true }).getAttribute('aria-describedby')) ?? '';
    expect(describedBy).toContain(await card.locator('[data-error-for="owner"]').getAttribute('id'));
    await page.unroute('**/v1/cases/*');
    await ctx.close();

    // A read-only key may look but not change: the real 403 is shown, nothing changes.
    const ro = await signedInContext(browser, readKey, { dayAfter: true });
    const roPage = await ro.newPage();
    await roPage.goto(dashboardUrl('#/inbox'));
    await ready(roPage);
    const roCard = caseCard(roPage);
    await roCard.getByLabel('Owner', { exact: true }).fill('Not allowed');
    await roCard.getByRole('button', { name: 'Save' }).click();
    await poll(() => roCard.locator('[data-case-msg]').textContent()).toContain('Not saved');
    expect(await roCard.locator('[data-case-msg]').getAttribute('class')).toContain('error');
    await ro.close();
    const after = await api<{ cases: { owner: string | null }[] }>('/v1/cases', { key: apiKey });
    expect(after.body.cases[0]?.owner).toBe('Sara Ahmadi');
  });

  it('reads right to left in Persian with Persian digits and Solar Hijri dates', async () => {
    const ctx = await signedInContext(browser, apiKey, { dayAfter: true });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/inbox'));
    await ready(page);
    await page.getByLabel('Language', { exact: true }).selectOption('fa');
    await poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await ready(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('صندوق پیگیری');
    const card = caseCard(page);
    expect(await card.locator('.badge').textContent()).toBe('تماس گرفته شد');
    expect(await page.locator('[data-count="contacted"] .case-count-value').textContent()).toBe('۱');
    expect(await page.locator('[data-duration="contact"] .n').textContent()).toMatch(/^\u2068?۱\u2069? پرونده$/);
    // The response's date in the Solar Hijri calendar (the 1400s), in Persian digits.
    expect(await card.locator('.case-meta time').textContent()).toMatch(/۱۴[۰-۹]{2}/);
    expect(await card.getByLabel('وضعیت').inputValue()).toBe('contacted');
    await ctx.close();
  });

  it('reads right to left in Arabic, desktop and phone: the time to first contact, Latin digits, Gregorian dates', async () => {
    const ctx = await signedInContext(browser, apiKey, { dayAfter: true, locale: 'ar' });
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/inbox'));
    await ready(page);
    for (const [size, width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('صندوق المتابعة');
      const card = caseCard(page);
      expect(await card.locator('.badge').textContent()).toBe('تم التواصل');
      expect(await page.locator('[data-count="contacted"] .case-count-value').textContent()).toBe('1');
      // The time to first contact, measured and said in Arabic with its n.
      const contact = page.locator('[data-duration="contact"]');
      expect(await contact.locator('.card-title').textContent()).toBe('الوقت حتى أول تواصل');
      expect(plain(await contact.locator('.case-count-value').textContent())).toMatch(
        /^(أقل من دقيقة|\d+ دقيقة|\d+(\.\d)? ساعة)$/,
      );
      expect(plain(await contact.locator('.n').textContent())).toBe('n = 1');
      // When it was contacted, in the Gregorian calendar with Arabic month names and Latin digits.
      const first = plain(await card.getByText('أول تواصل في').textContent());
      expect(first).toMatch(/يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر/);
      expect(first).toMatch(/20\d\d/);
      expect(await card.textContent()).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
      expect(await card.getByLabel('الوضع', { exact: true }).inputValue()).toBe('contacted');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: `screenshots/ar-inbox-${size}.png`, fullPage: true });
    }
    await ctx.close();
  });

  it('has no axe violations and no sideways scrolling, desktop and phone, English, Persian and Arabic', async () => {
    mkdirSync('screenshots', { recursive: true });
    const failures: string[] = [];
    for (const locale of ['en', 'fa', 'ar'] as const) {
      for (const width of [1280, 390]) {
        const ctx = await signedInContext(browser, apiKey, {
          dayAfter: true,
          locale,
          width,
          height: 844,
          bypassCSP: true,
        });
        const page = await ctx.newPage();
        await page.goto(dashboardUrl('#/inbox'));
        await ready(page);
        await page.screenshot({ path: `screenshots/e2e-inbox-${locale}-${width}.png`, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) failures.push(`inbox ${locale} ${width}px scrolls sideways by ${overflow}px`);
        failures.push(...(await axeViolations(page)).map((v) => `inbox ${locale} ${width}: ${v}`));
        await ctx.close();
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
