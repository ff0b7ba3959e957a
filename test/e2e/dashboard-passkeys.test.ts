import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, collectorUrl, createSite } from './helpers';

// A passkey end to end with Chromium's virtual authenticator (DevTools' WebAuthn domain): added from
// the account screen, then used to sign in without a password; once removed it signs no one in.
// WebAuthn refuses IP addresses as a relying party, so the dashboard is opened as `localhost`.
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--host-resolver-rules=MAP localhost 127.0.0.1',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
});

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });
const onLocalhost = (url: string) => url.replace('//127.0.0.1:', '//localhost:');

describe('passkeys in the dashboard', () => {
  it('adds a passkey on the account screen and signs in with it; a removed one is refused', async () => {
    const { apiKey } = await createSite(['https://passkeys.example'], { name: 'Passkey shop' });
    const email = `pk-${crypto.randomUUID()}@shop.example`;
    const invited = await api<{ inviteUrl: string }>('/v1/members', { key: apiKey, json: { email, role: 'admin' } });
    expect(invited.status).toBe(201);

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await page.goto(onLocalhost(invited.body.inviteUrl));
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByLabel('Repeat the password').fill('a long enough password');
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page.locator('.topbar-account').waitFor({ timeout: 20_000 });

    await page.locator('.topbar-account').click();
    await page.locator('[data-screen="account"]').waitFor();
    await page.getByLabel('Name of the new passkey (optional)').fill('Test laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await poll(() => page.locator('[data-section="passkeys"] p[role="status"]').textContent()).toBe('Passkey added.');
    await poll(() => page.locator('[data-testid="passkeys"] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid="passkeys"] tbody tr td').first().textContent()).toBe('Test laptop');
    // the authenticator holds one discoverable credential for this site
    const held = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(held.credentials).toHaveLength(1);
    expect(held.credentials[0]!.isResidentCredential).toBe(true);
    expect(held.credentials[0]!.rpId).toBe('localhost');

    // Sign out, and in again with the passkey: no email, no password.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.locator('#signin-email').waitFor();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await poll(() => page.locator('.topbar-account .role-badge').textContent()).toBe('Admin');
    const session = await page.evaluate(async () => (await fetch('/v1/session')).json());
    expect(session.member.email).toBe(email);

    // It was used: the account says when.
    await page.goto(onLocalhost(`${collectorUrl()}/dashboard/#/account`));
    await poll(() => page.locator('[data-testid="passkeys"] tbody tr td').nth(2).textContent()).not.toBe('Never');

    // Removed (after a confirmation), the same authenticator signs no one in.
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Remove passkey Test laptop' }).click();
    await poll(() => page.locator('[data-section="passkeys"]').textContent()).toContain('No passkeys yet.');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await poll(() => page.locator('#signin-error').textContent()).toBe(
      'That passkey was not accepted. Use your password, or another passkey.',
    );
    expect(errors).toEqual([]);
    await ctx.close();
  }, 180_000);
});
