import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { parseApiKey } from '../keys/api-key';
import { getApiKey, touchApiKey } from '../keys/sql';
import { safeEqual, sha256Hex } from '../lib/crypto';
import { ApiError } from './errors';

export type Scope = 'read' | 'manage';

const bearer = (h: string | undefined) => (h?.startsWith('Bearer ') ? h.slice(7).trim() : '');
const unauthorized = () => new ApiError(401, 'unauthorized', 'missing or invalid API key');

/** Operator endpoints: `Authorization: Bearer ADMIN_TOKEN` (one of a comma-separated list), compared in constant time. */
export function operatorAuth(): MiddlewareHandler<AppEnv> {
  return async function operatorAuth(c, next) {
    const token = bearer(c.req.header('authorization'));
    // A comma-separated list is accepted while the token is rotated: "old,new", then "new".
    const accepted = (c.env.ADMIN_TOKEN ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const matches = await Promise.all(accepted.map((t) => safeEqual(token, t)));
    if (!token || !matches.includes(true)) {
      throw new ApiError(401, 'unauthorized', 'operator token required');
    }
    await next();
  };
}

/**
 * Site-owner endpoints: a site API key scoped to one site. Sets `siteId` and `scopes`; every query
 * below filters by that site id, so a key never sees another site's rows.
 */
export function siteAuth(): MiddlewareHandler<AppEnv> {
  return async function siteAuth(c, next) {
    const token = bearer(c.req.header('authorization'));
    const parsed = parseApiKey(token);
    if (!parsed) throw unauthorized();
    const row = await getApiKey(c.env.DB, parsed.id);
    // Hash and compare even when no row matched, so timing does not reveal which ids exist.
    const hash = await sha256Hex(token);
    if (!(await safeEqual(hash, row?.hash ?? '')) || !row) throw unauthorized();
    c.set('siteId', row.site_id);
    c.set('keyId', row.id);
    c.set('scopes', JSON.parse(row.scopes) as string[]);
    c.executionCtx.waitUntil(touchApiKey(c.env.DB, row.id).catch(() => {}));
    await next();
  };
}

/** Refuses keys without the scope (403), after siteAuth. */
export function requireScope(scope: Scope): MiddlewareHandler<AppEnv> {
  return async function requireScope(c, next) {
    if (!c.get('scopes').includes(scope)) {
      throw new ApiError(403, 'forbidden', `this API key lacks the "${scope}" scope`);
    }
    await next();
  };
}
