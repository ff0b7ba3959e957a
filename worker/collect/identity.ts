/**
 * Identity verification: with a site's `identity_secret` set, a respondent id sent by the widget
 * counts only when it comes with `hash = hex(HMAC-SHA256(identitySecret, id))`, computed by the host
 * page's server (the secret never reaches the page). Anyone can put any id in a post; only the host's
 * server can sign one, so an unsigned id never names a person in Seda.
 */
import type { Attributes } from '../../shared/schemas/response';
import { hmacSha256, randomToken } from '../lib/crypto';

/** `idsec_` and 256 random bits (URL-safe base64): the HMAC key is this whole string's UTF-8 bytes. */
export const newIdentitySecret = () => `idsec_${randomToken(32)}`;

const hexBytes = (hex: string): Uint8Array | null => {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
};

/** Whether `hash` is the HMAC of `id` under `secret`, compared in constant time. */
export async function isSignedId(secret: string, id: string, hash: string | undefined): Promise<boolean> {
  const given = hash ? hexBytes(hash) : null;
  if (!given) return false;
  const expected = new Uint8Array(await hmacSha256(secret, id));
  return crypto.subtle.timingSafeEqual(expected, given);
}

/**
 * The respondent a web post may name: its id and attributes when verification is off or the hash
 * signs the id; when on and the id is not signed, none (the answer is kept, anonymous: the id and
 * the attributes given with it are dropped). Attributes sent without an id are kept either way.
 */
export async function verifiedRespondent(
  identitySecret: string | null,
  respondent: { id?: string; hash?: string; attributes?: Attributes } | undefined,
): Promise<{ id: string | null; attributes: Attributes | null }> {
  const id = respondent?.id ?? null;
  const attributes = respondent?.attributes ?? null;
  if (id === null || identitySecret === null) return { id, attributes };
  if (await isSignedId(identitySecret, id, respondent?.hash)) return { id, attributes };
  return { id: null, attributes: null };
}
