import type { Context, MiddlewareHandler } from 'hono';
import type { Endpoint } from '../../shared/contract/endpoint';
import { keyMay, rolesFor } from '../../shared/contract/roles';
import type { AppEnv } from '../env';
import { parseApiKey } from '../keys/api-key';
import { getApiKey, touchApiKey } from '../keys/sql';
import { safeEqual, sha256Hex } from '../lib/crypto';
import { sessionHashOf } from '../teams/session';
import { liveSession } from '../teams/sql';
import { ApiError } from './errors';
import { assertSameOrigin, isRead } from './same-origin';

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
    await keyAuth(c);
    await next();
  };
}

async function keyAuth(c: Context<AppEnv>): Promise<void> {
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
  c.set('actor', { type: 'key', id: row.id });
  c.executionCtx.waitUntil(touchApiKey(c.env.DB, row.id).catch(() => {}));
}

/**
 * A signed-in member (session cookie): sets the site the session is on, the member's role there
 * and the actor. A write must come from the Worker's own origin (CSRF). 401 without a live session.
 */
async function sessionAuth(c: Context<AppEnv>, refusal: string): Promise<void> {
  const hash = await sessionHashOf(c);
  const row = hash ? await liveSession(c.env.DB, hash, Date.now()) : null;
  if (!row) throw new ApiError(401, 'unauthorized', refusal);
  if (!isRead(c.req.method)) assertSameOrigin(c);
  c.set('siteId', row.site_id);
  c.set('role', row.role);
  c.set('sessionHash', row.token_hash);
  c.set('scopes', []);
  c.set('actor', { type: 'member', id: row.member_id });
}

/**
 * Site endpoints, for machines and people alike: an API key (`Authorization: Bearer`) is checked
 * against the endpoint's scope, a session cookie against the role × route table (roles.ts).
 * `member` endpoints (the account) take a session only.
 */
export function credentials(e: Pick<Endpoint, 'access' | 'roles' | 'tag'>): MiddlewareHandler<AppEnv> {
  const roles = rolesFor(e);
  return async function credentials(c, next) {
    if (e.access !== 'member' && c.req.header('authorization') !== undefined) {
      await keyAuth(c);
      if (!keyMay(c.get('scopes'), e)) {
        throw new ApiError(403, 'forbidden', `this API key lacks the "${e.access}" scope`);
      }
    } else {
      await sessionAuth(c, e.access === 'member' ? 'sign in first' : 'missing or invalid API key (or sign in)');
      const role = c.get('role');
      if (!role || !roles.includes(role)) {
        throw new ApiError(403, 'forbidden', `the ${role} role may not do this`);
      }
    }
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
