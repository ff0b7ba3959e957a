import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';

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
