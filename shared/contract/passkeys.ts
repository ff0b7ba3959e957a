/**
 * Passkeys (WebAuthn): a member adds them from the account screen, then signs in with one instead of
 * a password. Each ceremony is two calls: the options (a fresh challenge, kept server-side for five
 * minutes and usable once), then the authenticator's answer. The relying party is the Worker's own
 * host name, so a passkey works only on the origin it was made on.
 */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { listOf, Timestamp } from './lists';
import { SessionReply } from './teams';

/** base64url text as WebAuthn's JSON encodes binary (ids, client data, authenticator data). */
const B64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'base64url');

/**
 * The options the browser passes to `navigator.credentials.create()` / `.get()` (WebAuthn Level 3
 * JSON; `@simplewebauthn/browser` takes them as they are). Only the challenge is named here: the rest
 * follows the specification and is passed through untouched.
 */
const CeremonyOptions = z.looseObject({ challenge: B64url(128) });

export const Passkey = z.object({
  id: z.string().describe('the credential id (base64url)'),
  name: z.string().nullable(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
});
export type Passkey = z.infer<typeof Passkey>;

const Transports = z.array(z.string().max(32)).max(10).optional();

/** What `navigator.credentials.create()` answered, as JSON (`RegistrationResponseJSON`). */
export const RegistrationAnswer = z.looseObject({
  id: B64url(1400),
  rawId: B64url(1400),
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: B64url(4000),
    attestationObject: B64url(16_000),
    transports: Transports,
  }),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: z.string().max(32).optional(),
});

/** What `navigator.credentials.get()` answered, as JSON (`AuthenticationResponseJSON`). */
export const AuthenticationAnswer = z.looseObject({
  id: B64url(1400),
  rawId: B64url(1400),
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: B64url(4000),
    authenticatorData: B64url(4000),
    signature: B64url(2000),
    userHandle: B64url(128).optional(),
  }),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: z.string().max(32).optional(),
});

export const PasskeyIdParam = z.object({ id: B64url(1400) });

export const passkeyRegistrationOptions = endpoint({
  operationId: 'passkeyRegistrationOptions',
  method: 'post',
  path: '/v1/account/passkeys/options',
  tag: 'members',
  summary:
    'Start adding a passkey: the options for `navigator.credentials.create()` (a challenge valid 5 minutes, once)',
  access: 'member',
  success: { status: 200, schema: CeremonyOptions, description: 'creation options (WebAuthn JSON)' },
  errors: [401, 403],
});

export const createPasskey = endpoint({
  operationId: 'createPasskey',
  method: 'post',
  path: '/v1/account/passkeys',
  tag: 'members',
  summary: "Finish adding a passkey: the authenticator's answer is verified against the challenge and kept",
  access: 'member',
  body: z.strictObject({ response: RegistrationAnswer, name: z.string().trim().min(1).max(60).optional() }),
  success: { status: 201, schema: z.object({ passkey: Passkey }), description: 'added' },
  errors: [400, 401, 403, 409],
  errorNotes: {
    400: 'the answer is malformed, or does not verify (wrong challenge, origin or signature; expired or used challenge)',
    409: 'this passkey is already registered',
  },
});

export const listPasskeys = endpoint({
  operationId: 'listPasskeys',
  method: 'get',
  path: '/v1/account/passkeys',
  tag: 'members',
  summary: "The signed-in member's passkeys",
  access: 'member',
  success: { status: 200, schema: listOf(Passkey), description: 'passkeys' },
  errors: [401],
});

export const deletePasskey = endpoint({
  operationId: 'deletePasskey',
  method: 'delete',
  path: '/v1/account/passkeys/{id}',
  tag: 'members',
  summary: 'Remove one of the signed-in member’s passkeys: it signs no one in any more',
  access: 'member',
  params: PasskeyIdParam,
  success: { status: 204, description: 'removed' },
  errors: [400, 401, 403, 404],
});

export const passkeySignInOptions = endpoint({
  operationId: 'passkeySignInOptions',
  method: 'post',
  path: '/v1/session/passkey/options',
  tag: 'members',
  summary:
    'Start signing in with a passkey: the options for `navigator.credentials.get()` (no email asked: the passkey names its member)',
  access: 'public',
  success: { status: 200, schema: CeremonyOptions, description: 'request options (WebAuthn JSON)' },
  errors: [403, 429],
  errorNotes: { 403: 'sent from another site', 429: 'too many sign-in attempts from this address' },
});

export const createPasskeySession = endpoint({
  operationId: 'createPasskeySession',
  method: 'post',
  path: '/v1/session/passkey',
  tag: 'members',
  summary: 'Sign in with a passkey: the signed challenge is verified and an HttpOnly, SameSite=Strict cookie set',
  access: 'public',
  body: z.strictObject({ response: AuthenticationAnswer, siteId: z.string().max(64).optional() }),
  success: { status: 200, schema: SessionReply, description: 'signed in (Set-Cookie)' },
  errors: [400, 401, 403, 429],
  errorNotes: {
    401: 'unknown passkey, or the signature, challenge or origin does not verify (the same answer for all)',
    403: 'sent from another site',
    429: 'too many failed attempts from this address; Retry-After says when to try again',
  },
});
