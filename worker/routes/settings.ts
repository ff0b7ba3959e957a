import { type Context, Hono } from 'hono';
import { dayOf } from '../../shared/dates';
import { SiteSettingsPatch } from '../../shared/schemas/api';
import { getSiteSettings, updateSiteSettings } from '../db/site-settings';
import type { AppEnv } from '../env';
import { forgetCollectCache } from '../lib/collect-cache';
import { notFound } from '../lib/errors';
import { readBody } from '../lib/validate';
import { requireScope, siteAuth } from '../middleware/auth';

/** Abuse settings of the key's site: daily response cap and Turnstile (the secret is write-only). */
export const settingsRoutes = new Hono<AppEnv>();

async function current(c: Context<AppEnv>) {
  const s = await getSiteSettings(c.env.DB, c.get('siteId'), dayOf(Date.now()));
  if (!s) throw notFound('site');
  const fallback = Number(c.env.DAILY_RESPONSE_CAP ?? '10000');
  return { settings: { ...s, effectiveDailyCap: s.dailyCap ?? (Number.isFinite(fallback) ? fallback : 10000) } };
}

settingsRoutes.get('/site/settings', siteAuth(), requireScope('manage'), async (c) => c.json(await current(c)));

settingsRoutes.patch('/site/settings', siteAuth(), requireScope('manage'), async (c) => {
  const patch = await readBody(c, SiteSettingsPatch);
  await updateSiteSettings(c.env.DB, c.get('siteId'), patch);
  forgetCollectCache();
  return c.json(await current(c));
});
