/**
 * Passkeys (WebAuthn) with @simplewebauthn/server: adding one from the account, and signing in with
 * one. The relying party is the request's own host name and origin, so a passkey made on the
 * dashboard's origin signs in only there. Challenges are kept server-side (passkeys-sql.ts): made by
 * the options call, valid five minutes, used up by the first answer that names them, right or wrong.
 * User verification (a PIN, a fingerprint) is required: a passkey alone signs a person in.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { type Context, Hono } from 'hono';
import {
  createPasskey,
  createPasskeySession,
  deletePasskey,
  listPasskeys,
  type Passkey,
  passkeyRegistrationOptions,
  passkeySignInOptions,
} from '../../shared/contract/passkeys';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { ApiError, notFound } from '../http/errors';
import { checkRateLimit } from '../http/rate-limit';
import { assertSameOrigin } from '../http/same-origin';
import { assertNotLocked, recordFailure } from './lockout';
import {
  consumeChallenge,
  deletePasskeyRow,
  insertPasskey,
  memberPasskeys,
  type PasskeyRow,
  passkeyById,
  saveChallenge,
  usePasskeyStmt,
} from './passkeys-sql';
import { signIn } from './routes';
import { memberById } from './sql';

const CHALLENGE_MS = 5 * 60_000;
const RP_NAME = 'Seda';

/** Passkeys: the account's list, and sign-in with one. */
export const passkeyRoutes = new Hono<AppEnv>();

const relyingParty = (c: Context) => {
  const url = new URL(c.req.url);
  return { rpID: url.hostname, origin: url.origin };
};
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const toPasskey = (p: PasskeyRow): Passkey => ({
  id: p.id,
  name: p.name,
  createdAt: new Date(p.created_at).toISOString(),
  lastUsedAt: iso(p.last_used_at),
});
const transportsOf = (p: PasskeyRow) => (p.transports ? (JSON.parse(p.transports) as string[]) : undefined);
/** The WebAuthn user handle of a member: their id's bytes (the authenticator gives it back at sign-in). */
const userHandleOf = (memberId: string) => new Uint8Array(new TextEncoder().encode(memberId));

route(passkeyRoutes, passkeyRegistrationOptions, async (c) => {
  const memberId = c.get('actor').id;
  const [member, existing] = await Promise.all([memberById(c.env.DB, memberId), memberPasskeys(c.env.DB, memberId)]);
  if (!member) throw new ApiError(401, 'unauthorized', 'sign in again');
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: relyingParty(c).rpID,
    userName: member.email,
    userDisplayName: member.name ?? member.email,
    userID: userHandleOf(member.id),
    attestationType: 'none',
    // The same authenticator twice would be two rows for one key.
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p) })),
    // Discoverable: signing in asks no email, the passkey names its member.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await saveChallenge(c.env.DB, options.challenge, memberId, Date.now(), CHALLENGE_MS);
  return { ...options };
});

route(passkeyRoutes, createPasskey, async (c, { body }) => {
  const memberId = c.get('actor').id;
  const { rpID, origin } = relyingParty(c);
  const now = Date.now();
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      // The JSON was checked by the contract's schema; the library checks the rest (CBOR, keys).
      response: body.response as unknown as Parameters<typeof verifyRegistrationResponse>[0]['response'],
      expectedChallenge: (challenge) => consumeChallenge(c.env.DB, challenge, memberId, now),
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
  } catch (err) {
    throw new ApiError(400, 'passkey_refused', `the passkey did not verify: ${(err as Error).message}`);
  }
  if (!result.verified) throw new ApiError(400, 'passkey_refused', 'the passkey did not verify');
  const { credential } = result.registrationInfo;
  const row = {
    id: credential.id,
    member_id: memberId,
    public_key: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ? JSON.stringify(credential.transports) : null,
    name: body.name ?? null,
    created_at: now,
  };
  if (!(await insertPasskey(c.env.DB, row))) throw new ApiError(409, 'conflict', 'this passkey is already registered');
  return { passkey: toPasskey({ ...row, last_used_at: null }) };
});

route(passkeyRoutes, listPasskeys, async (c) => ({
  items: (await memberPasskeys(c.env.DB, c.get('actor').id)).map(toPasskey),
}));

route(passkeyRoutes, deletePasskey, async (c, { params }) => {
  if (!(await deletePasskeyRow(c.env.DB, c.get('actor').id, params.id))) throw notFound('passkey');
});

route(passkeyRoutes, passkeySignInOptions, async (c) => {
  assertSameOrigin(c);
  await checkRateLimit(c);
  await assertNotLocked(c);
  const options = await generateAuthenticationOptions({ rpID: relyingParty(c).rpID, userVerification: 'required' });
  await saveChallenge(c.env.DB, options.challenge, null, Date.now(), CHALLENGE_MS);
  return { ...options };
});

route(passkeyRoutes, createPasskeySession, async (c, { body }) => {
  assertSameOrigin(c);
  await assertNotLocked(c);
  const { rpID, origin } = relyingParty(c);
  const now = Date.now();
  const refused = async () => {
    await recordFailure(c);
    // One answer for an unknown passkey and a bad signature: nothing tells which credentials exist.
    return new ApiError(401, 'unauthorized', 'this passkey was not accepted');
  };
  const passkey = await passkeyById(c.env.DB, body.response.id);
  const handle = body.response.response.userHandle;
  if (!passkey || (handle !== undefined && handle !== isoBase64URL.fromBuffer(userHandleOf(passkey.member_id)))) {
    throw await refused();
  }
  let newCounter: number;
  try {
    const result = await verifyAuthenticationResponse({
      response: body.response as unknown as Parameters<typeof verifyAuthenticationResponse>[0]['response'],
      expectedChallenge: (challenge) => consumeChallenge(c.env.DB, challenge, null, now),
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: passkey.id,
        publicKey: isoBase64URL.toBuffer(passkey.public_key),
        counter: passkey.counter,
        transports: transportsOf(passkey) as never,
      },
      requireUserVerification: true,
    });
    if (!result.verified) throw new Error('not verified');
    newCounter = result.authenticationInfo.newCounter;
  } catch {
    throw await refused();
  }
  await usePasskeyStmt(c.env.DB, passkey.id, newCounter, now).run();
  return signIn(c, passkey.member_id, body.siteId);
});
