import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardUrl, ready, signedInContext } from './dashboard-helpers';
import { api, createSite, createSurvey, launchBrowser, postResponse } from './helpers';

// From the at-risk list to the follow-up inbox in Debian's Chromium against `wrangler dev`: the
// team opens a case on a detractor's response, sees it in the inbox, and never gets two.
let browser: Browser;
let apiKey: string;
let readKey: string;
const responses: Record<string, string> = {};

const ORIGIN = 'https://at-risk-case-e2e.example';
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

beforeAll(async () => {
  const seed = async () => {
    const { site, apiKey: key } = await createSite([ORIGIN], { name: 'At-risk case E2E' });
    apiKey = key;
    const survey = await createSurvey(key, {
      name: 'Call-back NPS',
      status: 'active',
      questions: [
        { id: 'nps', type: 'nps', prompt: { en: 'Recommend us?', fa: 'ما را توصیه می‌کنید؟' } },
        { id: 'why', type: 'text', prompt: { en: 'Why?', fa: 'چرا؟' } },
      ],
    });
    const ro = await api<{ apiKey: string }>('/v1/keys', { key, json: { name: 'read only', scopes: ['read'] } });
    expect(ro.status).toBe(201);
    readKey = ro.body.apiKey;
    // Identified detractors; no alert rule, so no case exists until someone opens one.
    for (const [who, nps, why] of [
      ['cust-first', 2, 'Delivery took three weeks'],
      ['cust-second', 4, 'پشتیبانی جواب نداد'],
      ['cust-third', 5, 'Too expensive'],
      ['cust-fourth', 6, 'The app keeps logging me out'],
    ] as const) {
      const id = crypto.randomUUID();
      responses[who] = id;
      const status = await postResponse(ORIGIN, {
        id,
        siteKey: site.key,
        surveyId: survey.id,
        respondent: { id: who },
        answers: [
          { questionId: 'nps', value: nps },
          { questionId: 'why', value: why },
        ],
        context: { locale: 'en' },
        completed: true,
      });
      expect(status).toBe(202);
    }
  };
  [browser] = await Promise.all([launchBrowser(), seed()]);
});
afterAll(async () => {
  await browser?.close();
});

const cases = async () =>
  (await api<{ cases: { responseId: string; status: string; owner: string | null }[] }>('/v1/cases', { key: apiKey }))
    .body.cases;

/** The at-risk table's row of one respondent (desktop width: the table, not the phone cards). */
const row = (page: Page, who: string) => page.locator('.at-risk-table tbody tr', { hasText: who });

/** "Open case" on a row, then the owner prompt's confirm button (the dialog closes once it is open). */
async function openCase(page: Page, who: string) {
  await row(page, who)
    .getByRole('button', { name: `Open case for ${who}` })
    .click();
  const dialog = page.getByRole('dialog', { name: `Open a case for ${who}` });
  await dialog.getByRole('button', { name: 'Open case', exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
}

async function atRisk(key: string, locale: 'en' | 'fa' | 'ar' = 'en'): Promise<Page> {
  const ctx = await signedInContext(browser, key, { dayAfter: true, locale });
  const page = await ctx.newPage();
  await page.goto(dashboardUrl('#/at-risk'));
  await ready(page);
  return page;
}

describe('at-risk: open a follow-up case', () => {
  it('opens a case from the list, moves focus to it, and finds it in the inbox', async () => {
    expect(await cases()).toEqual([]);
    const page = await atRisk(apiKey);
    const open = row(page, 'cust-first').getByRole('button', { name: 'Open case for cust-first' });
    expect(await open.textContent()).toBe('Open case');
    await open.click();
    // The owner prompt: a modal dialog named for the customer, focus inside it. This site has no
    // members (an API key signs in), so the owner is the free-text field, left empty here.
    const dialog = page.getByRole('dialog', { name: 'Open a case for cust-first' });
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => d.matches(':modal'))).toBe(true);
    await poll(() => page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    expect(await dialog.getByLabel('Owner (optional)').inputValue()).toBe('');
    // Escape closes it without opening anything, and focus returns to the button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Open case for cust-first',
    );
    expect(await cases()).toEqual([]);
    await open.click();
    await dialog.getByLabel('Owner (optional)').fill('Sara at the call centre');
    await dialog.getByRole('button', { name: 'Open case', exact: true }).click();

    const view = row(page, 'cust-first').getByRole('link', { name: 'View case of cust-first in the follow-up inbox' });
    await view.waitFor();
    expect(await row(page, 'cust-first').locator('.case-badge').textContent()).toBe('Case: Open');
    // Keyboard users keep their place: the link that replaced the button has focus.
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'View case of cust-first in the follow-up inbox',
    );
    await poll(() => page.locator('#announcer').textContent()).toBe('Follow-up case for cust-first: Open.');
    expect(await cases()).toEqual([
      expect.objectContaining({
        responseId: responses['cust-first'],
        status: 'open',
        owner: 'Sara at the call centre',
      }),
    ]);
    // The others still have their button.
    expect(await row(page, 'cust-second').getByRole('button', { name: 'Open case for cust-second' }).count()).toBe(1);

    await view.click();
    const card = page.locator(`.case-card[data-response="${responses['cust-first']}"]`);
    await card.waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).hash).toMatch(/^#\/inbox\?(.*&)?status=open/);
    expect(await card.getAttribute('data-status')).toBe('open');
    expect(await card.textContent()).toContain('cust-first');
    expect(await card.locator('.verbatim-text').textContent()).toBe('Delivery took three weeks');

    // Back on the list after a reload: the case is shown, not offered again.
    await page.goto(dashboardUrl('#/at-risk'));
    await page.reload();
    await ready(page);
    expect(await row(page, 'cust-first').getByRole('button').count()).toBe(0);
    expect(await row(page, 'cust-first').locator('.case-badge').textContent()).toBe('Case: Open');
    await page.context().close();
  });

  it('never makes two cases: a second tab with a stale list, and a case already moved along', async () => {
    const a = await atRisk(apiKey);
    const b = await atRisk(apiKey);
    await openCase(a, 'cust-second');
    await row(a, 'cust-second').locator('.case-badge').waitFor();
    // Tab b loaded before that: it still offers the button; using it shows the case that exists.
    await openCase(b, 'cust-second');
    await poll(() => row(b, 'cust-second').locator('.case-badge').textContent()).toBe('Case: Open');
    const second = (await cases()).filter((c) => c.responseId === responses['cust-second']);
    expect(second).toHaveLength(1);

    // The team calls cust-third back before tab b's list knows there is a case at all.
    expect(
      (await api(`/v1/cases/${responses['cust-third']}`, { method: 'PUT', key: apiKey, json: { status: 'contacted' } }))
        .status,
    ).toBe(200);
    await openCase(b, 'cust-third');
    await poll(() => row(b, 'cust-third').locator('.case-badge').textContent()).toBe('Case: Contacted');
    expect((await cases()).find((c) => c.responseId === responses['cust-third'])?.status).toBe('contacted');
    expect(await cases()).toHaveLength(3);
    await a.context().close();
    await b.context().close();
  });

  it('does not offer "Open case" to a key that may not open cases (read scope only)', async () => {
    const page = await atRisk(readKey);
    await row(page, 'cust-fourth').waitFor();
    // The key's scopes arrive with the site; from then on no button is offered, on any row.
    await poll(() => page.locator('[data-action="open-case"]').count()).toBe(0);
    expect(await row(page, 'cust-fourth').locator('.case-action').textContent()).not.toContain('Open case');
    expect((await cases()).some((c) => c.responseId === responses['cust-fourth'])).toBe(false);
    await page.context().close();
  });

  it('in Arabic, desktop then phone: the owner prompt in Arabic, the case opened with its owner', async () => {
    const page = await atRisk(apiKey, 'ar');
    const who = /^فتح حالة متابعة لـ \u2068?cust-fourth\u2069?$/;
    // desktop: the table's button opens the prompt, named for the customer
    const open = row(page, 'cust-fourth').getByRole('button', { name: who });
    expect(await open.textContent()).toBe('فتح حالة');
    await open.click();
    let dialog = page.getByRole('dialog', { name: who });
    await dialog.waitFor();
    expect(await dialog.getByLabel('المسؤول (اختياري)', { exact: true }).inputValue()).toBe('');
    expect(await dialog.textContent()).toContain('لا أعضاء في هذا الموقع بعد');
    await page.screenshot({ path: 'screenshots/ar-open-case-desktop.png' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // phone: the cards draw the same button; the prompt fits the screen
    await page.setViewportSize({ width: 390, height: 844 });
    const card = page.locator('.risk-card', { hasText: 'cust-fourth' });
    await card.getByRole('button', { name: who }).click();
    dialog = page.getByRole('dialog', { name: who });
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await dialog.getByLabel('المسؤول (اختياري)', { exact: true }).fill('سارة في مركز الاتصال');
    await page.screenshot({ path: 'screenshots/ar-open-case-phone.png' });
    await dialog.getByRole('button', { name: 'فتح الحالة', exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    await poll(async () => (await card.locator('.case-badge').textContent())?.replace(/[\u2066-\u2069]/g, '')).toBe(
      'حالة المتابعة: مفتوحة',
    );
    await poll(async () => (await page.locator('#announcer').textContent())?.replace(/[\u2066-\u2069]/g, '')).toBe(
      'حالة متابعة cust-fourth: مفتوحة.',
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await page.screenshot({ path: 'screenshots/ar-at-risk-phone.png', fullPage: true });
    expect((await cases()).find((c) => c.responseId === responses['cust-fourth'])).toEqual(
      expect.objectContaining({ status: 'open', owner: 'سارة في مركز الاتصال' }),
    );
    await page.context().close();
  });
});
