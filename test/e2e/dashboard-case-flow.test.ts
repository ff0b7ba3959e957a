import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opsEn } from '../../dashboard/src/ops/i18n-en';
import { opsFa } from '../../dashboard/src/ops/i18n-fa';
import { dashboardUrl, ready } from './dashboard-helpers';
import { type Hit, startReceiver, verifySignature } from './fake-receiver';
import { api, collectorUrl, createSite, createSurvey, launchBrowser, postResponse } from './helpers';

// A case's whole life in the dashboard, against `wrangler dev` and a fake webhook receiver on
// 127.0.0.1: opened from the at-risk list with an owner, handed to another member, escalated by the
// Worker's scheduled handler (the timeline says so, the receiver gets `case.escalated`), resolved,
// and a follow-up link made. Then the ops screens: a webhook made in the webhooks screen answers a
// signed ping, an alert rule made in the alerts screen sends an alert. English and Persian.

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let hits: Hit[];
let receiverUrl: string;
let browser: Browser;

const ORIGIN = 'https://case-flow-e2e.example';
const PASSWORD = 'correct horse battery staple';
const poll = <T>(fn: () => T | Promise<T>, timeout = 30_000) => expect.poll(fn, { timeout, interval: 200 });
const DICT = { en: opsEn, fa: opsFa } as const;

beforeAll(async () => {
  receiver = await startReceiver();
  ({ hits, url: receiverUrl } = receiver);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
});

/** A site with an NPS survey and one identified detractor; members invited with the key and accepted. */
async function seed(locale: 'en' | 'fa') {
  const { site, apiKey } = await createSite([ORIGIN], { name: `Case flow ${locale}` });
  const survey = await createSurvey(apiKey, {
    name: locale === 'fa' ? 'نظرسنجی تماس' : 'Call-back NPS',
    status: 'active',
    questions: [
      { id: 'nps', type: 'nps', prompt: { en: 'Recommend us?', fa: 'ما را توصیه می‌کنید؟' } },
      { id: 'why', type: 'text', prompt: { en: 'Why?', fa: 'چرا؟' } },
    ],
  });
  // The short survey a resolved case's customer is sent, to see whether it was put right.
  const followUp = await createSurvey(apiKey, {
    name: locale === 'fa' ? 'پیگیری' : 'Was it put right?',
    status: 'active',
    questions: [{ id: 'fixed', type: 'csat', prompt: { en: 'Was it put right?', fa: 'مشکل حل شد؟' } }],
  });
  const post = (respondent: string | undefined, nps: number) =>
    postResponse(ORIGIN, {
      id: crypto.randomUUID(),
      siteKey: site.key,
      surveyId: survey.id,
      ...(respondent ? { respondent: { id: respondent } } : {}),
      answers: [
        { questionId: 'nps', value: nps },
        { questionId: 'why', value: 'Nobody called back' },
      ],
      context: { locale },
      completed: true,
    });
  expect(await post('cust-late', 2)).toBe(202);
  const member = async (role: string, name: string) => {
    const email = `${role}-${crypto.randomUUID()}@shop.example`;
    const inv = await api<{ inviteUrl: string; member: { id: string } }>('/v1/members', {
      key: apiKey,
      json: { email, role, name },
    });
    expect(inv.status).toBe(201);
    const token = new URL(inv.body.inviteUrl).searchParams.get('invite')!;
    const res = await fetch(`${collectorUrl()}/v1/invites/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: collectorUrl() },
      body: JSON.stringify({ password: PASSWORD, name }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    return { id: inv.body.member.id, email, name, cookie };
  };
  const owner = await member('owner', locale === 'fa' ? 'مریم مالک' : 'Olivia Owner');
  const agent = await member('agent', locale === 'fa' ? 'علی کارشناس' : 'Adam Agent');
  return { site, apiKey, surveyId: survey.id, followUpId: followUp.id, owner, agent, post };
}

async function as(cookie: string, locale: 'en' | 'fa', width = 1280, height = 800): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width, height } });
  const [name, value] = cookie.split('=', 2) as [string, string];
  await ctx.addCookies([{ name, value, url: collectorUrl() }]);
  await ctx.addInitScript((l) => localStorage.setItem('seda.locale', l), locale);
  // The team opens the dashboard the day after the answer: rolling presets end yesterday.
  await ctx.clock.setFixedTime(Date.now() + 86_400_000);
  return ctx;
}

const shot = (page: Page, name: string) => {
  mkdirSync('screenshots', { recursive: true });
  return page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
};

/** Runs the Worker's scheduled handler (Miniflare's local trigger) until `done` holds. */
async function cronUntil(done: () => boolean) {
  await poll(async () => {
    if (!done()) await fetch(`${collectorUrl()}/cdn-cgi/local/scheduled`).catch(() => undefined);
    return done();
  }, 90_000).toBe(true);
}

// The team works the case the day after the answer (the browser's clock a day ahead): rolling presets
// end yesterday, so the at-risk list of "Last 30 days" holds yesterday's detractor.
describe.each(['en', 'fa'] as const)('a case from the at-risk list to its follow-up (%s)', (locale) => {
  it('opened with an owner, reassigned, escalated by the cron, resolved, followed up', async () => {
    const ot = DICT[locale];
    const s = await seed(locale);
    const hookPath = `/escalations-${locale}-${crypto.randomUUID()}`;
    const hook = await api<{ id: string }>('/v1/webhooks', {
      key: s.apiKey,
      json: { url: `${receiverUrl}${hookPath}`, events: ['alert'] },
    });
    expect(hook.status).toBe(201);

    const ctx = await as(s.owner.cookie, locale);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(dashboardUrl('#/at-risk'));
    await ready(page);
    const row = page.locator('.at-risk-table tbody tr', { hasText: 'cust-late' });
    await row.locator('[data-action="open-case"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe(
      ot.openCaseTitle.replace('{who}', locale === 'fa' ? '\u2068cust-late\u2069' : 'cust-late'),
    );
    const owner = dialog.getByLabel(ot.openCaseOwner, { exact: true });
    // The signed-in member is the default owner, marked as such.
    expect(await owner.inputValue()).toBe(s.owner.id);
    expect(await owner.locator('option:checked').textContent()).toContain(s.owner.name);
    await shot(page, `case-owner-dialog-${locale}-1280`);
    await dialog.getByRole('button', { name: ot.openCaseConfirm, exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
    const cases = await api<{ cases: { responseId: string; assignee: string | null }[] }>('/v1/cases', {
      key: s.apiKey,
    });
    expect(cases.body.cases).toEqual([expect.objectContaining({ assignee: s.owner.id })]);
    const responseId = cases.body.cases[0]!.responseId;

    // In the inbox: hand it to the agent.
    await page.goto(dashboardUrl('#/inbox'));
    await ready(page);
    const card = page.locator(`.case-card[data-response="${responseId}"]`);
    await card.waitFor({ timeout: 20_000 });
    // A site with members assigns its cases: the card has no second, free-text "owner" beside that.
    expect(await card.locator('input[name="owner"]').count()).toBe(0);
    await card.locator('[data-field="assignee"]').selectOption(s.agent.id);
    await poll(() => api(`/v1/cases/${responseId}`, { key: s.apiKey }).then((r) => r.body.case.assignee)).toBe(
      s.agent.id,
    );

    // Overdue: its due date in the past, then the Worker's scheduled handler escalates it.
    const due = new Date(Date.now() - 3_600_000).toISOString();
    expect(
      (await api(`/v1/cases/${responseId}`, { method: 'PATCH', key: s.apiKey, json: { dueAt: due } })).status,
    ).toBe(200);
    const escalation = () => hits.find((h) => h.path === hookPath && JSON.parse(h.body).event === 'case.escalated');
    await cronUntil(() => !!escalation());
    const event = JSON.parse(escalation()!.body);
    expect(event.case).toMatchObject({ responseId, assignee: s.agent.id, status: 'open' });

    await page.reload();
    await ready(page);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.locator('.case-escalated').textContent()).toBe(ot.caseEscalated);
    expect(await card.locator('.case-overdue').count()).toBe(1);
    await card.locator('[data-action="timeline"]').click();
    const timeline = card.locator('[data-testid="timeline"]');
    await timeline.waitFor({ timeout: 20_000 });
    expect(await timeline.locator('li[data-kind="escalated"]').textContent()).toContain(ot.bySystem);
    expect(await timeline.locator('li[data-kind="assignee"]').last().textContent()).toContain(s.agent.name);
    await shot(page, `case-timeline-${locale}-1280`);

    // Resolved, then a follow-up link for the customer.
    await card.locator('select[name="status"]').selectOption('resolved');
    await card.locator('form.case-form button[type="submit"]').click();
    await card.locator('[data-testid="follow-up"]').waitFor({ timeout: 20_000 });
    await card.locator('[data-testid="follow-up"] select').selectOption(s.followUpId);
    await card.locator('[data-action="follow-up"]').click();
    const link = card.locator('[data-testid="follow-up"] textarea');
    await poll(() => link.inputValue().catch(() => '')).toMatch(/\/s\/[\w-]+/);
    expect(await card.locator('[data-testid="follow-up"]').textContent()).toContain(ot.followUpMade);
    await shot(page, `case-resolved-${locale}-1280`);
    expect(errors).toEqual([]);
    await ctx.close();

    // The owner dialog on a phone.
    const phone = await as(s.owner.cookie, locale, 390, 844);
    const p2 = await phone.newPage();
    expect((await s.post('cust-phone', 1)) as number).toBe(202);
    await p2.goto(dashboardUrl('#/at-risk'));
    await ready(p2);
    await p2.locator('.risk-card', { hasText: 'cust-phone' }).locator('[data-action="open-case"]').click();
    await p2.getByRole('dialog').waitFor();
    await shot(p2, `case-owner-dialog-${locale}-390`);
    expect(await p2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await phone.close();
  }, 240_000);

  it('the ops screens: a webhook pinged with a signed test, an alert rule that sends an alert', async () => {
    const ot = DICT[locale];
    const s = await seed(locale);
    const hookPath = `/ops-${locale}-${crypto.randomUUID()}`;
    const ctx = await as(s.owner.cookie, locale);
    const page = await ctx.newPage();
    await page.goto(dashboardUrl('#/webhooks'));
    await page.locator('[data-testid="hook-form"]').waitFor({ timeout: 20_000 });
    await page.getByLabel(ot.hookUrl, { exact: true }).fill(`${receiverUrl}${hookPath}`);
    await page.locator('[data-testid="hook-form"] button[type="submit"]').click();
    const secret = await page.locator('[data-testid="hook-secret"] textarea').inputValue({ timeout: 20_000 });
    expect(secret).toMatch(/^whsec_/);
    const hookRow = page.locator('li.hook', { hasText: hookPath });
    await hookRow.waitFor();
    await hookRow.getByRole('button', { name: ot.ping, exact: true }).click();
    await poll(() => hookRow.locator('.row-actions [role="status"]').textContent()).toBe(ot.pinged);
    const ping = () => hits.find((h) => h.path === hookPath && JSON.parse(h.body).event === 'ping');
    await poll(() => !!ping()).toBe(true);
    expect(verifySignature(secret, String(ping()!.headers['seda-signature']), ping()!.body, 600)).toBe(true);
    // The delivery log says delivered (it reads again on Refresh).
    const log = hookRow.locator('[data-testid="deliveries"]');
    await poll(async () => {
      await log.locator('[data-action="refresh-deliveries"]').click();
      return log.locator('tr[data-status="delivered"]').count();
    }).toBeGreaterThanOrEqual(1);
    expect(await log.locator('tr[data-status="delivered"]').first().textContent()).toContain(ot['dstatus.delivered']);

    // An alert rule through that webhook: NPS at most 6.
    await page.goto(dashboardUrl('#/alerts'));
    const form = page.locator('[data-testid="rule-form"]');
    await form.waitFor({ timeout: 20_000 });
    await poll(() => form.locator('#f-questionId option').count()).toBeGreaterThan(0);
    await form.locator('#f-questionId').selectOption('nps');
    await form.locator('#f-max').fill('6');
    await form.locator('button[type="submit"]').click();
    await poll(() => page.locator('tr[data-rule]').count()).toBe(1);
    await shot(page, `ops-alerts-${locale}-1280`);

    // A matching answer: the alert reaches the receiver, and the log shows it delivered.
    expect(await s.post('cust-angry', 1)).toBe(202);
    const alert = () => hits.find((h) => h.path === hookPath && JSON.parse(h.body).event === 'alert');
    await poll(() => !!alert(), 60_000).toBe(true);
    expect(verifySignature(secret, String(alert()!.headers['seda-signature']), alert()!.body, 600)).toBe(true);
    await page.goto(dashboardUrl('#/webhooks'));
    await hookRow.waitFor({ timeout: 20_000 });
    await hookRow.locator('[data-action="deliveries"]').click();
    await poll(async () => {
      await log.locator('[data-action="refresh-deliveries"]').click();
      return log.locator('tr[data-status="delivered"]', { hasText: 'alert' }).count();
    }).toBe(1);
    await shot(page, `ops-webhooks-${locale}-1280`);
    await page.goto(dashboardUrl('#/audit'));
    await page.locator('.card').first().waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    await shot(page, `ops-audit-${locale}-1280`);
    for (const screen of ['alerts', 'webhooks', 'audit']) {
      const phone = await as(s.owner.cookie, locale, 390, 844);
      const p = await phone.newPage();
      await p.goto(dashboardUrl(`#/${screen}`));
      await p.locator('.card').first().waitFor({ timeout: 20_000 });
      await p.waitForLoadState('networkidle');
      await shot(p, `ops-${screen}-${locale}-390`);
      expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
      await phone.close();
    }
    await ctx.close();
  }, 240_000);
});
