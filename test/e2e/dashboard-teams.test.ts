import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardSite, dashboardUrl, seedDashboardSite } from './dashboard-helpers';
import { api, launchBrowser } from './helpers';

// People on a team: an owner accepts an invitation, invites an analyst from the members screen; the
// analyst (in Persian) and an agent accept theirs and see only what their role may do; sign-out and
// sign-in with a password; a read-only API key is limited the same way.
let browser: Browser;
let site: DashboardSite;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), seedDashboardSite()]);
});
afterAll(async () => {
  await browser?.close();
});

const PASSWORD = 'correct horse battery staple';
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

async function context(locale: 'en' | 'fa', width = 1280, height = 900): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width, height } });
  await ctx.addInitScript((l) => {
    if (!localStorage.getItem('seda.locale')) localStorage.setItem('seda.locale', l);
  }, locale);
  return ctx;
}

/** Invites with the site's key (as an operator would), returns the link. */
async function inviteByKey(email: string, role: string): Promise<string> {
  const r = await api<{ inviteUrl: string }>('/v1/members', { key: site.apiKey, json: { email, role } });
  expect(r.status).toBe(201);
  return r.body.inviteUrl;
}

/** Opens an invitation and accepts it: name and password twice. */
async function accept(page: Page, url: string, name: string, labels: { name: string; pw: string; again: string }) {
  await page.goto(url);
  await page.getByLabel(labels.name).fill(name);
  await page.getByLabel(labels.pw, { exact: true }).fill(PASSWORD);
  await page.getByLabel(labels.again).fill(PASSWORD);
  await page.locator('form[data-form="invite"] button[type="submit"]').click();
  await page.locator('nav.tabs').waitFor({ timeout: 20_000 });
  // the token does not stay in the address
  expect(page.url()).not.toContain('invite=');
}

const tabs = (page: Page) => page.locator('nav.tabs a').allTextContents();
const EN = { name: 'Your name (optional)', pw: 'Password', again: 'Repeat the password' };
const FA = { name: 'نام شما (اختیاری)', pw: 'گذرواژه', again: 'تکرار گذرواژه' };

describe('teams in the dashboard', () => {
  it('invitation → password → signed in; the owner invites an analyst from the members screen', async () => {
    const ownerEmail = `owner-${crypto.randomUUID()}@shop.example`;
    const ctx = await context('en');
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await accept(page, await inviteByKey(ownerEmail, 'owner'), 'Olivia Owner', EN);
    await poll(() => page.locator('.topbar-account').textContent()).toContain('Olivia Owner');
    expect(await page.locator('.topbar-account .role-badge').textContent()).toBe('Owner');
    // the session is an HttpOnly cookie: nothing in storage, nothing readable by scripts
    expect(await page.evaluate(() => [document.cookie, sessionStorage.getItem('seda.apiKey')])).toEqual(['', null]);
    expect(await tabs(page)).toEqual(expect.arrayContaining(['Overview', 'Surveys', 'API keys', 'Members']));

    await page.getByRole('link', { name: 'Members' }).click();
    await page.locator('[data-testid="members"]').waitFor();
    // a too-short form is refused on the page; then the analyst is invited
    await page.getByLabel('Email').fill('not an email');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await poll(() => page.locator('#member-form-error').textContent()).toContain('email address');
    const analystEmail = `analyst-${crypto.randomUUID()}@shop.example`;
    await page.getByLabel('Email').fill(analystEmail);
    await page.getByLabel('Role', { exact: true }).selectOption('analyst');
    expect(await page.locator('#member-role-desc').textContent()).toContain('changes nothing');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    const link = await page.locator('[data-testid="invite-link"] textarea').inputValue({ timeout: 20_000 });
    expect(link).toMatch(/\/dashboard\/\?invite=/);
    await poll(() => page.locator(`tr[data-member="${analystEmail}"] .status-pill`).textContent()).toBe('Invited');

    // The analyst, in Persian, on a phone.
    const fa = await context('fa', 390, 844);
    const p2 = await fa.newPage();
    p2.on('pageerror', (e) => errors.push(e.message));
    await accept(p2, link, 'Ali Analyst', FA);
    expect(await p2.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await p2.locator('.topbar-account .role-badge').textContent()).toBe('تحلیلگر');
    const faTabs = await tabs(p2);
    expect(faTabs).toEqual(expect.arrayContaining(['نظرسنجی‌ها', 'اعضا']));
    expect(faTabs).not.toContain('کلیدهای API'); // keys are for those who manage
    // Members: the list, with no invite form, no role menus, no remove buttons.
    await p2.goto(dashboardUrl('#/members'));
    await p2.locator('[data-testid="members"]').waitFor();
    expect(await p2.locator('form[data-form="invite-member"]').count()).toBe(0);
    expect(await p2.locator('[data-action="change-role"], [data-action="remove-member"]').count()).toBe(0);
    expect(await p2.locator(`tr[data-member="${ownerEmail}"]`).textContent()).toContain('مالک');
    // Set-up read-only: the note says why, and every control is disabled.
    await p2.goto(dashboardUrl('#/touchpoints'));
    await p2.locator('[data-readonly]').waitFor();
    expect(await p2.locator('[data-readonly]').textContent()).toContain('تحلیلگر');
    expect(await p2.locator('fieldset.readonly-scope').evaluate((f: HTMLFieldSetElement) => f.disabled)).toBe(true);

    // Back in English: the owner sees the analyst active, changes their role with a confirmation-free menu.
    await page.reload();
    await page.locator('[data-testid="members"]').waitFor();
    await poll(() => page.locator(`tr[data-member="${analystEmail}"] .status-pill`).textContent()).toBe('Active');
    await page.locator(`tr[data-member="${analystEmail}"] select`).selectOption('agent');
    await poll(() => page.locator('#members-h ~ p[role="status"]').textContent()).toContain('is now Agent');

    // The analyst, now an agent, after a reload: results only.
    await p2.goto(dashboardUrl('#/overview'));
    await p2.reload();
    await p2.locator('nav.tabs').waitFor();
    await poll(async () => (await tabs(p2)).includes('نظرسنجی‌ها')).toBe(false);
    expect(await tabs(p2)).toEqual(expect.arrayContaining(['نمای کلی']));
    expect(await tabs(p2)).not.toContain('اعضا');

    // Removing asks first; the removed person is signed out at their next request.
    page.once('dialog', (d) => d.dismiss());
    await page.locator(`tr[data-member="${analystEmail}"] [data-action="remove-member"]`).click();
    expect(await page.locator(`tr[data-member="${analystEmail}"]`).count()).toBe(1);
    page.once('dialog', (d) => d.accept());
    await page.locator(`tr[data-member="${analystEmail}"] [data-action="remove-member"]`).click();
    await poll(() => page.locator(`tr[data-member="${analystEmail}"]`).count()).toBe(0);
    await p2.reload();
    await p2.locator('#signin-email').waitFor({ timeout: 20_000 });

    // Sign out, then in again with the password.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#signin-email').waitFor();
    await page.getByLabel('Email').fill(ownerEmail);
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await poll(() => page.locator('#signin-error').textContent()).toBe('Wrong email or password.');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('nav.tabs').waitFor();
    expect(await page.locator('.topbar-account .role-badge').textContent()).toBe('Owner');
    expect(errors).toEqual([]);
    await fa.close();
    await ctx.close();
  }, 240_000);

  it('an agent, signed in in Persian, sees results and cases only', async () => {
    const ctx = await context('fa');
    const page = await ctx.newPage();
    await accept(page, await inviteByKey(`agent-${crypto.randomUUID()}@shop.example`, 'agent'), 'Ava', FA);
    const shown = await tabs(page);
    expect(shown).toEqual(expect.arrayContaining(['نمای کلی', 'صندوق پیگیری']));
    expect(shown.some((t) => ['نظرسنجی‌ها', 'نقاط تماس', 'نصب', 'کلیدهای API', 'اعضا'].includes(t))).toBe(false);
    await ctx.close();
  }, 120_000);

  it('a read-only API key sees set-up read-only, and no keys or invitations', async () => {
    const key = await api<{ key: { id: string }; apiKey: string }>('/v1/keys', {
      key: site.apiKey,
      json: { name: 'reader', scopes: ['read'] },
    });
    expect(key.status).toBe(201);
    const ctx = await context('en');
    const page = await ctx.newPage();
    await page.goto(dashboardUrl());
    await page.getByRole('button', { name: 'Use an API key instead' }).click();
    await page.getByLabel('Site API key').fill(key.body.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('nav.tabs').waitFor();
    await poll(() => page.locator('[data-who="key"]').textContent()).toBe('API key (read)');
    const shown = await tabs(page);
    expect(shown).toEqual(expect.arrayContaining(['Overview', 'Surveys', 'Members']));
    expect(shown).not.toContain('API keys');
    await page.getByRole('link', { name: 'Surveys' }).click();
    await page.locator('[data-readonly]').waitFor();
    expect(await page.locator('[data-readonly]').textContent()).toContain('no “manage” scope');
    await page.goto(dashboardUrl('#/members'));
    await page.locator('[data-testid="members"]').waitFor();
    expect(await page.locator('form[data-form="invite-member"]').count()).toBe(0);
    await ctx.close();
  }, 120_000);
});
