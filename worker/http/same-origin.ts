import type { Context } from 'hono';
import { ApiError } from './errors';

/**
 * Refuses a cookie-carrying write sent from another site (CSRF). SameSite=Strict already keeps the
 * cookie off cross-site requests in current browsers; this is the second lock for older ones and
 * for same-site-but-cross-origin pages: `Sec-Fetch-Site` must say same-origin (or none: typed by
 * the person), else `Origin` must be this Worker's own origin. A write with neither header is
 * refused too: every browser sends one of them on a POST, PUT, PATCH or DELETE.
 */
export function assertSameOrigin(c: Context): void {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) {
    if (site === 'same-origin' || site === 'none') return;
    throw crossSite();
  }
  const origin = c.req.header('origin');
  if (origin && origin === new URL(c.req.url).origin) return;
  throw crossSite();
}

const crossSite = () =>
  new ApiError(
    403,
    'cross_site',
    'a signed-in change must come from the dashboard itself (this request came from another site)',
  );

/** Whether the request is a read (no change, no CSRF check needed). */
export const isRead = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
