import { base64, fromBase64, hmacSha256, hmacSha256Hex, randomBytes, safeEqual } from '../lib/crypto';

/** How old a signed delivery a receiver should still accept (seconds); documented for receivers. */
export const REPLAY_WINDOW_SECONDS = 300;

const PREFIX = 'whsec_';

/** A new signing secret in the Standard Webhooks form: `whsec_` + standard base64 of 32 random bytes. */
export const newWebhookSecret = () => `${PREFIX}${base64(randomBytes(32))}`;

/**
 * The key of the Standard Webhooks signature: the bytes the secret's base64 part stands for.
 * Secrets made before v1.1 are `whsec_` + URL-safe base64: the same bytes, so a receiver uses them
 * with a Standard Webhooks library after swapping `-`→`+` and `_`→`/` (or rotates the secret).
 * Anything else (never made by Seda) is used as its UTF-8 bytes.
 */
export function standardKey(secret: string): Uint8Array {
  const bytes = secret.startsWith(PREFIX) ? fromBase64(secret.slice(PREFIX.length)) : null;
  return bytes?.length ? bytes : new TextEncoder().encode(secret);
}

/** The headers that sign one delivery: Seda's own and the Standard Webhooks ones. */
export type SignedHeaders = {
  'seda-signature': string;
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/**
 * Signs a delivery with each secret in force (the current one, and during a rotation's grace period
 * the previous one too), so a receiver holding either verifies it:
 * - `Seda-Signature: t=UNIX_SECONDS,v1=hex(HMAC-SHA256(secret, t + "." + rawBody))`, one `v1` per secret;
 * - `webhook-signature: v1,base64(HMAC-SHA256(key, id + "." + t + "." + rawBody))`, space-separated,
 *   with `webhook-id` (the delivery id, the same on every retry) and `webhook-timestamp` (t).
 * The timestamp is signed with the body, so a captured delivery cannot be replayed outside the window.
 */
export async function signDelivery(
  secrets: readonly string[],
  id: string,
  rawBody: string,
  t = Math.floor(Date.now() / 1000),
): Promise<SignedHeaders> {
  const seda = await Promise.all(secrets.map((s) => hmacSha256Hex(s, `${t}.${rawBody}`)));
  const standard = await Promise.all(secrets.map((s) => hmacSha256(standardKey(s), `${id}.${t}.${rawBody}`)));
  return {
    'seda-signature': [`t=${t}`, ...seda.map((v) => `v1=${v}`)].join(','),
    'webhook-id': id,
    'webhook-timestamp': String(t),
    'webhook-signature': standard.map((sig) => `v1,${base64(sig)}`).join(' '),
  };
}

/** What a receiver does with `Seda-Signature`: parse, check the window, recompute, compare in constant time. */
export async function verifySignature(
  secret: string,
  header: string | null,
  rawBody: string,
  now = Math.floor(Date.now() / 1000),
  window = REPLAY_WINDOW_SECONDS,
): Promise<boolean> {
  const parts = (header ?? '').split(',').map((kv) => kv.trim().split('=', 2) as [string, string?]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k, v]) => k === 'v1' && v).map(([, v]) => v!);
  if (!Number.isInteger(t) || !signatures.length || Math.abs(now - t) > window) return false;
  const expected = await hmacSha256Hex(secret, `${t}.${rawBody}`);
  const matches = await Promise.all(signatures.map((v) => safeEqual(v, expected)));
  return matches.includes(true);
}
