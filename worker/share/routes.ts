import { type Context, Hono } from 'hono';
import {
  createShareLink,
  getSharedOverview,
  getSharePage,
  listShareLinks,
  revokeShareLink,
} from '../../shared/contract/digest';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { ApiError, notFound } from '../http/errors';
import { checkRateLimit } from '../http/rate-limit';
import { acceptLanguages, pickLocale } from '../invitations/locale';
import { randomId, randomToken, sha256Hex } from '../lib/crypto';
import { sharedOverview } from './overview';
import { SHARE_HEADERS, shareMessagePage, sharePage } from './page';
import type { ShareLanguage } from './page-text';
import {
  insertShareLink,
  listShareLinks as listRows,
  revokeShareLink as revokeRow,
  type SharedSite,
  shareLinkByHash,
  toShareLink,
  touchShareLink,
} from './sql';

export const shareRoutes = new Hono<AppEnv>();

const DAY = 86_400_000;
/** Links not revoked per site at most. */
const MAX_LINKS = 50;
/** What randomToken(32) makes: anything else is refused before a lookup. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Links point at the host the API was called on (the collector, or its custom domain). */
const shareBase = (requestUrl: string) => `${new URL(requestUrl).origin}/share/`;

route(shareRoutes, createShareLink, async (c, { body }) => {
  const now = Date.now();
  const token = randomToken(32);
  const row = await insertShareLink(
    c.env.DB,
    {
      id: `shr_${randomId(16)}`,
      siteId: c.get('siteId'),
      tokenHash: await sha256Hex(token),
      label: body.label ?? null,
      expiresAt: body.expiresInDays !== undefined ? now + body.expiresInDays * DAY : null,
    },
    MAX_LINKS,
    now,
  );
  if (!row) throw new ApiError(409, 'limit_reached', `at most ${MAX_LINKS} share links; revoke one first`);
  return { ...toShareLink(row), url: shareBase(c.req.url) + token };
});

route(shareRoutes, listShareLinks, async (c) => ({
  items: (await listRows(c.env.DB, c.get('siteId'))).map(toShareLink),
}));

route(shareRoutes, revokeShareLink, async (c, { params }) => {
  if (!(await revokeRow(c.env.DB, c.get('siteId'), params.id, Date.now()))) throw notFound('share link');
});

type Found = { link: SharedSite } | { missing: 'notFound' | 'revoked' };

/** The link a token opens, or why it opens nothing. Only the token's hash is ever looked up. */
async function open(c: Context<AppEnv>, token: string): Promise<Found> {
  if (!TOKEN.test(token)) return { missing: 'notFound' };
  const link = await shareLinkByHash(c.env.DB, await sha256Hex(token));
  if (!link) return { missing: 'notFound' };
  const now = Date.now();
  if (link.revoked_at !== null || (link.expires_at !== null && now > link.expires_at)) return { missing: 'revoked' };
  c.executionCtx.waitUntil(touchShareLink(c.env.DB, link.id, now).catch(() => {}));
  return { link };
}

const overviewOf = (c: Context<AppEnv>, l: SharedSite) =>
  sharedOverview(c.env.DB, { id: l.site_id, name: l.site_name, locale: l.site_locale });

route(shareRoutes, getSharedOverview, async (c, { params }) => {
  for (const [k, v] of Object.entries(SHARE_HEADERS)) c.header(k, v);
  try {
    await checkRateLimit(c);
  } catch (err) {
    if (err instanceof ApiError)
      throw new ApiError(429, err.code, err.message, undefined, { ...err.headers, ...SHARE_HEADERS });
    throw err;
  }
  const found = await open(c, params.token);
  if ('missing' in found) {
    throw found.missing === 'notFound'
      ? new ApiError(404, 'not_found', 'share link not found', undefined, SHARE_HEADERS)
      : new ApiError(410, 'gone', 'this share link was revoked or has expired', undefined, SHARE_HEADERS);
  }
  return overviewOf(c, found.link);
});

/** The page: reads only (a link scanner's GET changes nothing but the link's "last opened" hour). */
route(shareRoutes, getSharePage, async (c, { params, query }) => {
  const wanted = [query.lang, ...acceptLanguages(c.req.header('accept-language'))];
  const langOf = (site?: string | null) => (pickLocale(['en', 'fa', 'ar'], [...wanted, site]) ?? 'en') as ShareLanguage;
  try {
    await checkRateLimit(c);
  } catch (err) {
    if (err instanceof ApiError && err.status === 429) {
      const res = await shareMessagePage('limited', langOf());
      res.headers.set('Retry-After', '60');
      return res;
    }
    throw err;
  }
  const found = await open(c, params.token);
  if ('missing' in found) return shareMessagePage(found.missing, langOf());
  return sharePage(await overviewOf(c, found.link), langOf(found.link.site_locale));
});
