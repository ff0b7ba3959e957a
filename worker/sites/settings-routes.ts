import { type Context, Hono } from 'hono';
import { getSiteSettings as getSettingsOp, patchSiteSettings } from '../../shared/contract/sites';
import { forgetCollectCache } from '../collect/cache';
import { newIdentitySecret } from '../collect/identity';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { ApiError, notFound } from '../http/errors';
import { listSegmentDims, runBackfill, setSegmentDims } from './segments-sql';
import {
  disableIdentityVerification,
  enableIdentityVerification,
  getSiteSettings,
  updateSiteSettings,
} from './settings-sql';

/** Abuse settings of the key's site: daily response cap, Turnstile (the secret is write-only), identity verification. */
export const settingsRoutes = new Hono<AppEnv>();

async function current(c: Context<AppEnv>) {
  const s = await getSiteSettings(c.env.DB, c.get('siteId'), Date.now());
  if (!s) throw notFound('site');
  const fallback = Number(c.env.DAILY_RESPONSE_CAP ?? '10000');
  const segments = await listSegmentDims(c.env.DB, c.get('siteId'));
  return {
    settings: { ...s, effectiveDailyCap: s.dailyCap ?? (Number.isFinite(fallback) ? fallback : 10000), segments },
  };
}

route(settingsRoutes, getSettingsOp, (c) => current(c));

route(settingsRoutes, patchSiteSettings, async (c, { body: patch }) => {
  // A secret without a site key would make the collector ask for tokens the widget cannot get
  // (it renders Turnstile with the site key), refusing every new response: refuse the setting.
  const before = (await current(c)).settings.turnstile;
  const siteKey = patch.turnstileSiteKey !== undefined ? patch.turnstileSiteKey : before.siteKey;
  const enabled = patch.turnstileSecret !== undefined ? patch.turnstileSecret !== null : before.enabled;
  if (enabled && !siteKey) {
    throw new ApiError(400, 'invalid_request', 'a Turnstile secret needs the site key too', [
      { path: ['turnstileSiteKey'], message: 'required while a Turnstile secret is set' },
    ]);
  }
  const { segments, identityVerification, ...rest } = patch;
  await updateSiteSettings(c.env.DB, c.get('siteId'), rest);
  // The identity secret is shown in the answer that made it, never again (like an API key).
  let identitySecret: string | undefined;
  if (identityVerification === false) await disableIdentityVerification(c.env.DB, c.get('siteId'));
  if (identityVerification === true) {
    const secret = newIdentitySecret();
    if (await enableIdentityVerification(c.env.DB, c.get('siteId'), secret)) identitySecret = secret;
  }
  if (segments) {
    await setSegmentDims(c.env.DB, c.get('siteId'), segments);
    // Older responses are counted after the answer (the cron resumes what this does not finish).
    c.executionCtx.waitUntil(runBackfill(c.env.DB, c.get('siteId')));
  }
  forgetCollectCache();
  return { ...(await current(c)), ...(identitySecret ? { identitySecret } : {}) };
});
