import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from './errors';

/**
 * The widget's endpoints answer only the site's own origins. A request with no Origin header is
 * not from a browser page (curl, a server), so CORS does not apply to it.
 */
export function allowOrigin(c: Context<AppEnv>, origins: readonly string[]): void {
  const origin = c.req.header('origin');
  if (!origin) return;
  if (!origins.includes(origin)) {
    throw new ApiError(403, 'origin_not_allowed', `origin ${origin} is not allowed for this site`);
  }
  c.header('Access-Control-Allow-Origin', origin);
  // The widget reads Retry-After (429, 403 turnstile_required) to time its retry; cross-origin it is
  // hidden from scripts unless exposed.
  c.header('Access-Control-Expose-Headers', 'Retry-After');
  c.header('Vary', 'Origin');
}

/**
 * Preflight for POST /v1/responses: the body (and so the site) is unknown yet. Every origin gets the
 * same answer without any read, so a preflight neither tells anyone whether an origin belongs to a
 * customer nor scans the sites; the POST itself answers only the site's own origins (allowOrigin),
 * and a browser does not let a page read that answer without them.
 */
export function preflight(c: Context<AppEnv>): Response {
  const origin = c.req.header('origin');
  if (!origin) return c.body(null, 204);
  return c.body(null, 204, {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Max-Age': '86400',
    Vary: 'Origin',
  });
}
