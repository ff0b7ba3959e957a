import { hmacSha256Hex, safeEqual } from '../lib/crypto';

/** How old a signed delivery a receiver should still accept (seconds); documented for receivers. */
export const REPLAY_WINDOW_SECONDS = 300;

/**
 * `Seda-Signature: t=UNIX_SECONDS,v1=hex(HMAC-SHA256(secret, t + "." + rawBody))`. The timestamp is
 * signed with the body, so a captured delivery cannot be replayed outside the window.
 */
export async function signatureHeader(secret: string, rawBody: string, t = Math.floor(Date.now() / 1000)) {
  return `t=${t},v1=${await hmacSha256Hex(secret, `${t}.${rawBody}`)}`;
}

/** What a receiver does: parse, check the window, recompute and compare in constant time. */
export async function verifySignature(
  secret: string,
  header: string | null,
  rawBody: string,
  now = Math.floor(Date.now() / 1000),
  window = REPLAY_WINDOW_SECONDS,
): Promise<boolean> {
  const parts = Object.fromEntries((header ?? '').split(',').map((kv) => kv.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now - t) > window) return false;
  return safeEqual(parts.v1, await hmacSha256Hex(secret, `${t}.${rawBody}`));
}
