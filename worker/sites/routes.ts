import { Hono } from 'hono';
import { createSite as createSiteOp, getSite, patchSite } from '../../shared/contract/sites';
import type { Site, SiteInput } from '../../shared/schemas/api';
import { forgetCollectCache } from '../collect/cache';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { notFound } from '../http/errors';
import { newApiKey } from '../keys/api-key';
import { insertApiKeyStmt } from '../keys/sql';
import { randomId } from '../lib/crypto';
import { runRezone } from './rezone';
import { getSiteById, getSiteTime, insertSiteStmt, lastResponseAt, updateSite } from './sql';

/** Creates a site with its first API key (operator only). The key is returned once; only its hash is kept. */
export async function createSite(db: D1Database, input: SiteInput & { key?: string }) {
  const site: Site = {
    id: crypto.randomUUID(),
    key: input.key ?? `site_${randomId(12)}`,
    name: input.name,
    origins: [...new Set(input.origins)],
    locale: input.locale ?? 'en',
    recontactDays: 14,
    timeZone: 'UTC',
    calendar: 'gregorian',
  };
  const k = await newApiKey();
  // One transaction: a site never exists without its first key (which no one could then sign in with).
  await db.batch([
    insertSiteStmt(db, site),
    insertApiKeyStmt(db, { id: k.id, siteId: site.id, hash: k.hash, name: 'default', scopes: ['read', 'manage'] }, 1),
  ]);
  return { site, apiKey: k.key };
}

export const siteRoutes = new Hono<AppEnv>();

route(siteRoutes, createSiteOp, (c, { body }) => createSite(c.env.DB, body));

/** The signed-in key's own site (install page: snippet, origins, locale, recontact gap). */
route(siteRoutes, getSite, async (c) => {
  const site = await getSiteById(c.env.DB, c.get('siteId'));
  if (!site) throw notFound('site');
  const [last, time] = await Promise.all([lastResponseAt(c.env.DB, site.id), getSiteTime(c.env.DB, site.id)]);
  // The dashboard offers a key only what its scopes allow (shared/contract/roles.ts keyMay).
  const scopes = c.get('actor').type === 'key' ? (c.get('scopes') as ('read' | 'manage')[]) : undefined;
  return {
    site,
    lastResponseAt: last ? new Date(last).toISOString() : null,
    rezoning: time?.rezoning ?? false,
    ...(scopes ? { scopes } : {}),
  };
});

route(siteRoutes, patchSite, async (c, { body: patch }) => {
  const site = await getSiteById(c.env.DB, c.get('siteId'));
  if (!site) throw notFound('site');
  const next: Site = {
    ...site,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.origins !== undefined ? { origins: [...new Set(patch.origins)] } : {}),
    ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
    ...(patch.recontactDays !== undefined ? { recontactDays: patch.recontactDays } : {}),
    ...(patch.timeZone !== undefined ? { timeZone: patch.timeZone } : {}),
    ...(patch.calendar !== undefined ? { calendar: patch.calendar } : {}),
  };
  await updateSite(c.env.DB, next);
  forgetCollectCache();
  // Stored days are restamped in the new zone after the answer; the cron finishes what this does not.
  if (next.timeZone !== site.timeZone) c.executionCtx.waitUntil(runRezone(c.env.DB, site.id));
  return { site: next };
});
