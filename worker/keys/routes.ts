import { Hono } from 'hono';
import { createKey, listKeys, revokeKey } from '../../shared/contract/keys';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { ApiError, notFound } from '../http/errors';
import { newApiKey } from './api-key';
import { getSiteApiKey, insertApiKey, listApiKeys, revokeApiKey, toApiKeyInfo } from './sql';

const MAX_ACTIVE_KEYS = 50;

/**
 * API keys of the key's site, each with scopes `read` (results, exports, cases) and/or `manage`
 * (surveys, webhooks, alerts, keys). A key is shown once; the list shows its prefix `sk_<id>`.
 */
export const keyRoutes = new Hono<AppEnv>();

route(keyRoutes, listKeys, async (c) => {
  const keys = await listApiKeys(c.env.DB, c.get('siteId'));
  return { items: keys, keys };
});

route(keyRoutes, createKey, async (c, { body: input }) => {
  const siteId = c.get('siteId');
  const k = await newApiKey();
  const scopes = (['read', 'manage'] as const).filter((s) => input.scopes.includes(s));
  const added = await insertApiKey(
    c.env.DB,
    { id: k.id, siteId, hash: k.hash, name: input.name, scopes },
    MAX_ACTIVE_KEYS,
  );
  if (!added) throw new ApiError(409, 'limit_reached', `a site has at most ${MAX_ACTIVE_KEYS} active keys`);
  const row = await getSiteApiKey(c.env.DB, siteId, k.id);
  return { key: toApiKeyInfo(row!), apiKey: k.key };
});

/** Revokes at once (the next request with it is 401). The site's last manage key cannot be revoked. */
route(keyRoutes, revokeKey, async (c, { params }) => {
  const siteId = c.get('siteId');
  const row = await getSiteApiKey(c.env.DB, siteId, params.id);
  if (!row) throw notFound('key');
  if (row.revoked_at !== null) return;
  if (!(await revokeApiKey(c.env.DB, siteId, row.id))) {
    throw new ApiError(409, 'last_manage_key', 'this is the last key with the manage scope; create another first');
  }
});
