/**
 * Passkeys: a member adds one from the account and signs in with it; every challenge is kept by the
 * Worker, used once, for one ceremony, within five minutes; the origin and the signature must match;
 * a removed passkey signs no one in. Signatures are real (a software authenticator, ES256).
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/contract/roles';
import { call, setup } from './helpers';
import { json } from './loop-helpers';
import { softAuthenticator } from './passkey-authenticator';

const ORIGIN = 'https://seda.test';
const SAME = { origin: ORIGIN };
const cookieOf = (r: Response) => r.headers.get('set-cookie')!.split(';')[0]!;
const as = (cookie: string) => ({ cookie, ...SAME });

async function member(apiKey: string, role: Role) {
  const email = `${role}-${crypto.randomUUID()}@shop.example`;
  const inv = await json(call('/v1/members', { method: 'POST', key: apiKey, json: { email, role } }));
  const token = new URL(inv.body.inviteUrl).searchParams.get('invite')!;
  const res = await call(`/v1/invites/${token}`, {
    method: 'POST',
    json: { password: 'correct horse battery' },
    headers: SAME,
  });
  expect(res.status).toBe(200);
  return { cookie: cookieOf(res), id: inv.body.member.id as string, email };
}

/** Adds a passkey held by a fresh software authenticator to the member signed in with `cookie`. */
async function addPasskey(cookie: string, name?: string) {
  const key = await softAuthenticator(ORIGIN);
  const options = await json(call('/v1/account/passkeys/options', { method: 'POST', headers: as(cookie) }));
  expect(options.status).toBe(200);
  expect(options.body.rp.id).toBe('seda.test');
  expect(options.body.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
  const answer = await key.create(options.body);
  const created = await json(
    call('/v1/account/passkeys', { method: 'POST', headers: as(cookie), json: { response: answer, name } }),
  );
  return { key, answer, created };
}

const signInOptions = async () => {
  const r = await json(call('/v1/session/passkey/options', { method: 'POST', headers: SAME }));
  expect(r.status).toBe(200);
  return r.body as { challenge: string };
};
const passkeySignIn = (response: unknown, headers: Record<string, string> = SAME) =>
  call('/v1/session/passkey', { method: 'POST', headers, json: { response } });

describe('passkeys', () => {
  it('a member adds a passkey and signs in with it, with their role; the list shows when it was used', async () => {
    const { apiKey } = await setup();
    const m = await member(apiKey, 'analyst');
    const { key, created } = await addPasskey(m.cookie, 'Work laptop');
    expect(created.status).toBe(201);
    expect(created.body.passkey).toMatchObject({ id: key.id, name: 'Work laptop', lastUsedAt: null });

    const res = await passkeySignIn(await key.get(await signInOptions()));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { member: { id: string; role: string } };
    expect(body.member).toMatchObject({ id: m.id, role: 'analyst' });
    const session = cookieOf(res);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect((await json(call('/v1/session', { headers: as(session) }))).body.member.email).toBe(m.email);
    // the passkey's session is a real one: an analyst reads, and may not change setup
    expect((await call('/v1/surveys', { headers: as(session) })).status).toBe(200);
    expect((await call('/v1/touchpoints', { method: 'POST', headers: as(session), json: {} })).status).toBe(403);

    const list = await json(call('/v1/account/passkeys', { headers: as(session) }));
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].lastUsedAt).toEqual(expect.any(String));
    // the same authenticator is not registered twice
    const options = await json(call('/v1/account/passkeys/options', { method: 'POST', headers: as(m.cookie) }));
    expect(options.body.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([key.id]);
    const twice = await call('/v1/account/passkeys', {
      method: 'POST',
      headers: as(m.cookie),
      json: { response: await key.create(options.body) },
    });
    expect(twice.status).toBe(409);
  });

  it('a challenge is used once, for its own ceremony, within five minutes, from this origin', async () => {
    const { apiKey } = await setup();
    const m = await member(apiKey, 'agent');
    const { key, answer, created } = await addPasskey(m.cookie);
    expect(created.status).toBe(201);
    // the registration answer again: its challenge is gone
    const replayed = await json(
      call('/v1/account/passkeys', { method: 'POST', headers: as(m.cookie), json: { response: answer } }),
    );
    expect(replayed.status).toBe(400);
    expect(replayed.body.error.code).toBe('passkey_refused');

    // a signed sign-in answer works once
    const signed = await key.get(await signInOptions());
    expect((await passkeySignIn(signed)).status).toBe(200);
    expect((await passkeySignIn(signed)).status).toBe(401);

    // a challenge made for adding a passkey does not sign anyone in
    const regOptions = await json(call('/v1/account/passkeys/options', { method: 'POST', headers: as(m.cookie) }));
    expect((await passkeySignIn(await key.get(regOptions.body))).status).toBe(401);

    // expired
    const late = await signInOptions();
    await env.DB.prepare('UPDATE webauthn_challenges SET expires_at = ? WHERE id = ?')
      .bind(Date.now() - 1, late.challenge)
      .run();
    expect((await passkeySignIn(await key.get(late))).status).toBe(401);

    // signed for another origin (a phishing page relaying the challenge)
    expect((await passkeySignIn(await key.get(await signInOptions(), 'https://seda-login.example'))).status).toBe(401);
    // without user verification (no PIN or fingerprint)
    expect((await passkeySignIn(await key.get(await signInOptions(), ORIGIN, 0x01))).status).toBe(401);
    // another authenticator's signature over a known credential id
    const forger = await softAuthenticator(ORIGIN);
    const forged = await forger.get(await signInOptions());
    expect((await passkeySignIn({ ...forged, id: key.id, rawId: key.id })).status).toBe(401);
    // and still fine with the real one
    expect((await passkeySignIn(await key.get(await signInOptions()))).status).toBe(200);
  });

  it('refuses sign-in from another site, and malformed answers with a 400', async () => {
    const evil = { origin: 'https://evil.example' };
    expect((await call('/v1/session/passkey/options', { method: 'POST', headers: evil })).status).toBe(403);
    const bad = await json(
      call('/v1/session/passkey', { method: 'POST', headers: SAME, json: { response: { id: 'not base64url!' } } }),
    );
    expect(bad.status).toBe(400);
    const key = await softAuthenticator(ORIGIN);
    expect((await passkeySignIn(await key.get(await signInOptions()), evil)).status).toBe(403);
  });

  it('a removed passkey signs no one in; a member removes only their own', async () => {
    const { apiKey } = await setup();
    const m = await member(apiKey, 'owner');
    const other = await member(apiKey, 'admin');
    const { key } = await addPasskey(m.cookie);
    expect((await call(`/v1/account/passkeys/${key.id}`, { method: 'DELETE', headers: as(other.cookie) })).status).toBe(
      404,
    );
    expect((await call(`/v1/account/passkeys/${key.id}`, { method: 'DELETE', headers: as(m.cookie) })).status).toBe(
      204,
    );
    expect((await json(call('/v1/account/passkeys', { headers: as(m.cookie) }))).body.items).toEqual([]);
    expect((await passkeySignIn(await key.get(await signInOptions()))).status).toBe(401);
  });

  it('failed passkey sign-ins count toward the address lockout', async () => {
    const key = await softAuthenticator(ORIGIN);
    const ip = { ...SAME, 'cf-connecting-ip': '203.0.113.99' };
    for (let i = 0; i < 30; i++) {
      const options = await json(call('/v1/session/passkey/options', { method: 'POST', headers: ip }));
      expect((await passkeySignIn(await key.get(options.body), ip)).status).toBe(401);
    }
    const locked = await call('/v1/session/passkey/options', { method: 'POST', headers: ip });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
