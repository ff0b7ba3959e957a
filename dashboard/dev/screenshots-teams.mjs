// Screenshots of the teams screens (sign-in, invitation, members, account) at desktop and phone
// widths, in English and Persian, against a running Worker (`npm start`, or `wrangler dev`).
// usage: node dashboard/dev/screenshots-teams.mjs BASE_URL ADMIN_TOKEN [OUT_DIR]
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base = 'http://127.0.0.1:8787', admin = '', out = 'screenshots'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });

const api = async (path, { key, json } = {}) => {
  const r = await fetch(`${base}${path}`, {
    method: json ? 'POST' : 'GET',
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' },
    ...(json ? { body: JSON.stringify(json) } : {}),
  });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
};

/** A site with a team to show: members in each role, one still invited. Its API key. */
async function seedSite() {
  const { apiKey } = await api('/v1/sites', {
    key: admin,
    json: { name: 'Shiraz Books', origins: ['https://shop.example'] },
  });
  for (const [email, role, name] of [
    ['sara@shop.example', 'admin', 'Sara Karimi'],
    ['ali@shop.example', 'analyst', 'Ali Rezaei'],
    ['nora@shop.example', 'agent', 'Nora Haddad'],
  ]) {
    const { inviteUrl } = await api('/v1/members', { key: apiKey, json: { email, role, name } });
    if (role === 'agent') continue;
    await fetch(`${base}/v1/invites/${new URL(inviteUrl).searchParams.get('invite')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ password: 'correct horse battery' }),
    });
  }
  return apiKey;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  for (const locale of ['en', 'fa']) {
    for (const [label, width, height] of [
      ['desktop', 1280, 800],
      ['phone', 390, 844],
    ]) {
      const shot = (page, name) => page.screenshot({ path: `${out}/${name}-${locale}-${label}.png`, fullPage: true });
      const ctx = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
      await ctx.addInitScript((l) => localStorage.setItem('seda.locale', l), locale);
      const page = await ctx.newPage();
      page.on('pageerror', (e) => console.error('pageerror', e.message));
      const apiKey = await seedSite();
      const email = `owner-${locale}-${label}@shop.example`;
      const { inviteUrl } = await api('/v1/members', { key: apiKey, json: { email, role: 'owner' } });
      await page.goto(inviteUrl);
      await page.locator('#invite-password').waitFor();
      await page.fill('#invite-name', locale === 'fa' ? 'مریم احمدی' : 'Maryam Ahmadi');
      await shot(page, 'teams-invite');
      await page.fill('#invite-password', 'correct horse battery');
      await page.fill('#invite-confirm', 'correct horse battery');
      await page.click('form[data-form="invite"] button[type="submit"]');
      await page.locator('nav.tabs').waitFor();
      await page.goto(`${base}/dashboard/#/members`);
      await page.locator('[data-testid="members"]').waitFor();
      await page.fill('#member-email', 'reza@shop.example');
      await page.selectOption('#member-role', 'analyst');
      await page.click('[data-action="invite"]');
      await page.locator('[data-testid="invite-link"]').waitFor();
      await shot(page, 'teams-members');
      await page.goto(`${base}/dashboard/#/account`);
      await page.locator('[data-screen="account"]').waitFor();
      await page.waitForTimeout(300);
      await shot(page, 'teams-account');
      await page.click('[data-action="sign-out"]');
      await page.locator('#signin-email').waitFor();
      await shot(page, 'teams-sign-in');
      await ctx.close();
    }
  }
} finally {
  await browser.close();
}
