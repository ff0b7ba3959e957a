import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from './errors';

/**
 * Per client IP per site, through the Workers Rate Limiting binding. The IP is used as a key for
 * this check only and never stored. `RATE_LIMIT_PER_MINUTE=0` turns the check off.
 */
export async function checkRateLimit(c: Context<AppEnv>, siteKey: string): Promise<void> {
  const perMinute = Number(c.env.RATE_LIMIT_PER_MINUTE ?? '0');
  if (!perMinute || !c.env.RATE_LIMITER) return;
  const ip = c.req.header('cf-connecting-ip') ?? c.req.header('x-real-ip') ?? 'unknown';
  const { success } = await c.env.RATE_LIMITER.limit({ key: `${siteKey}|${ip}` });
  if (!success) {
    throw new ApiError(429, 'rate_limited', 'too many requests; try again later', undefined, { 'Retry-After': '60' });
  }
}

/**
 * Per site, all client IPs together (SITE_RATE_LIMITER binding, SITE_RATE_LIMIT_PER_MINUTE), on the
 * collector: a flood spread over many IPs still stops. Off when either limit var is "0".
 */
export async function checkSiteRateLimit(c: Context<AppEnv>, siteKey: string): Promise<void> {
  const perMinute = Number(c.env.RATE_LIMIT_PER_MINUTE ?? '0');
  const perSite = Number(c.env.SITE_RATE_LIMIT_PER_MINUTE ?? '0');
  if (!perMinute || !perSite || !c.env.SITE_RATE_LIMITER) return;
  const { success } = await c.env.SITE_RATE_LIMITER.limit({ key: siteKey });
  if (!success) {
    throw new ApiError(429, 'rate_limited', 'this site receives too many responses; try again later', undefined, {
      'Retry-After': '60',
    });
  }
}
