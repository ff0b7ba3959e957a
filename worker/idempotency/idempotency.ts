/**
 * `Idempotency-Key` on creating POSTs (endpoints declared with `idempotent: true`): the first
 * request with a key runs and its answer is kept for 24 hours; the same key with the same body
 * (same operation and path) gets that answer again (status and body, `Idempotent-Replayed: true`)
 * without creating anything; with another body it is refused (422 `idempotency_key_reused`); while
 * the first is still running, 409 `idempotency_key_in_use` with Retry-After. A request that fails
 * frees its key. Keys belong to the caller's site (or to the operator).
 */
import type { Context } from 'hono';
import type { Endpoint } from '../../shared/contract/endpoint';
import type { AppEnv } from '../env';
import { ApiError } from '../http/errors';
import { base64, fromBase64, sha256Hex } from '../lib/crypto';
import { claimKey, completeKey, getKey, purgeKeys, releaseKey } from './sql';

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** A claim never answered after this long belongs to a request whose Worker stopped: the key is free again. */
const ABANDONED_MS = 60_000;
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

const enc = new TextEncoder();

/** The answer is encrypted with a key only the client holds (derived from its Idempotency-Key). */
async function cipherKey(key: string) {
  const raw = await crypto.subtle.digest('SHA-256', enc.encode(`seda-idempotency-secret:${key}`));
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

async function seal(key: string, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await cipherKey(key), enc.encode(plain));
  return base64(new Uint8Array([...iv, ...new Uint8Array(sealed)]));
}

async function open(key: string, stored: string): Promise<string> {
  const bytes = fromBase64(stored) ?? new Uint8Array();
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: bytes.slice(0, 12) },
    await cipherKey(key),
    bytes.slice(12),
  );
  return new TextDecoder().decode(plain);
}

/** The body as JSON (so whitespace does not make two sends of the same body differ). */
function canonical(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/**
 * Runs `produce` (the endpoint's handler) at most once per key; returns the Response to send.
 * `produce` gives the JSON body for the endpoint's success status (undefined for 204).
 */
export async function idempotent(
  c: Context<AppEnv>,
  e: Endpoint,
  key: string,
  produce: () => Promise<unknown>,
): Promise<Response> {
  if (!VALID_KEY.test(key)) {
    throw new ApiError(
      400,
      'invalid_request',
      `invalid header: ${IDEMPOTENCY_HEADER}: 1 to 255 visible ASCII characters`,
      [{ path: [IDEMPOTENCY_HEADER], message: '1 to 255 visible ASCII characters' }],
    );
  }
  const db = c.env.DB;
  const owner = e.access === 'operator' ? 'operator' : c.get('siteId');
  const keyHash = await sha256Hex(`seda-idempotency-id:${key}`);
  const operation = `${e.method.toUpperCase()} ${c.req.path}`;
  const requestHash = await sha256Hex(canonical(await c.req.text()));
  const now = Date.now();

  const claim = { owner, keyHash, operation, requestHash };
  if (!(await claimKey(db, claim, now, now - IDEMPOTENCY_TTL_MS, now - ABANDONED_MS))) {
    const first = await getKey(db, owner, keyHash);
    if (first && (first.operation !== operation || first.request_hash !== requestHash)) {
      throw new ApiError(
        422,
        'idempotency_key_reused',
        `this ${IDEMPOTENCY_HEADER} was used with another request in the last 24 hours`,
      );
    }
    if (!first || first.status === null || first.body === null) {
      throw new ApiError(409, 'idempotency_key_in_use', 'a request with this key is still running', undefined, {
        'Retry-After': '1',
      });
    }
    const body = await open(key, first.body);
    return new Response(first.status === 204 ? null : body, {
      status: first.status,
      headers: {
        ...(first.status === 204 ? {} : { 'content-type': 'application/json' }),
        'Idempotent-Replayed': 'true',
      },
    });
  }

  let out: unknown;
  try {
    out = await produce();
  } catch (err) {
    await releaseKey(db, owner, keyHash);
    throw err;
  }
  const status = e.success.status;
  const text = status === 204 ? '' : JSON.stringify(out);
  await completeKey(db, owner, keyHash, status, await seal(key, text));
  return status === 204 ? c.body(null, 204) : c.json(out as object, status);
}

/** The cron sweep: forget keys past their 24 hours. */
export const purgeIdempotencyKeys = (db: D1Database, now = Date.now()) => purgeKeys(db, now - IDEMPOTENCY_TTL_MS);
