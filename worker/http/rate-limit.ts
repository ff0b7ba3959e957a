import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { clientIp } from './client-ip';
import { ApiError } from './errors';

/**
 * Per client IP (all sites together), through the Workers Rate Limiting binding, before anything is
 * read: a caller cannot pick a fresh bucket by sending a made-up site key, and unknown keys are
 * limited like any other. The IP comes from `clientIp` (trusted-proxy aware), is used as a key for
 * this check only and never stored. `RATE_LIMIT_PER_MINUTE=0` turns the check off.
 */
export async function checkRateLimit(c: Context<AppEnv>): Promise<void> {
  const perMinute = Number(c.env.RATE_LIMIT_PER_MINUTE ?? '0');
  if (!perMinute || !c.env.RATE_LIMITER) return;
  const { success } = await c.env.RATE_LIMITER.limit({ key: `ip|${clientIp(c)}` });
  if (!success) {
    throw new ApiError(429, 'rate_limited', 'too many requests; try again later', undefined, { 'Retry-After': '60' });
  }
}

/**
 * Per site, all client IPs together (SITE_RATE_LIMITER binding, SITE_RATE_LIMIT_PER_MINUTE), on the
 * collector: a flood spread over many IPs still stops. Keyed on the site's id once its key was found.
 * Off when either limit var is "0".
 */
export async function checkSiteRateLimit(c: Context<AppEnv>, siteId: string): Promise<void> {
  const perMinute = Number(c.env.RATE_LIMIT_PER_MINUTE ?? '0');
  const perSite = Number(c.env.SITE_RATE_LIMIT_PER_MINUTE ?? '0');
  if (!perMinute || !perSite || !c.env.SITE_RATE_LIMITER) return;
  const { success } = await c.env.SITE_RATE_LIMITER.limit({ key: siteId });
  if (!success) {
    throw new ApiError(429, 'rate_limited', 'this site receives too many responses; try again later', undefined, {
      'Retry-After': '60',
    });
  }
}
