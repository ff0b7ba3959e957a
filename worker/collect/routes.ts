import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getSiteSurveys, postResponse } from '../../shared/contract/collect';
import { MAX_BODY_BYTES } from '../../shared/schemas/response';
import { afterCollect } from '../alerts/after-collect';
import type { AppEnv } from '../env';
import { clientIp } from '../http/client-ip';
import { allowOrigin, preflight } from '../http/cors';
import { withDbDeadline } from '../http/db-faults';
import { route } from '../http/endpoint';
import { ApiError, notFound } from '../http/errors';
import { checkRateLimit, checkSiteRateLimit } from '../http/rate-limit';
import { getSiteForWidget } from '../sites/settings-sql';
import { listSurveys } from '../surveys/sql';
import { cached } from './cache';
import { CONFIG_MAX_AGE, collect } from './collect';
import { turnstileVerifier } from './turnstile';

/** The widget's endpoints: public, CORS-limited to each site's origins, rate limited per IP per site. */
export const publicRoutes = new Hono<AppEnv>();

route(publicRoutes, getSiteSurveys, async (c, { params }) => {
  const key = params.siteKey;
  await checkRateLimit(c);
  if (key.length > 64) throw notFound('site');
  // Cached per isolate for a few seconds, misses too: unknown keys do not each cost a D1 read.
  const site = await cached(`widget-site:${key}`, Date.now(), () => getSiteForWidget(c.env.DB, key));
  if (!site) throw notFound('site');
  allowOrigin(c, site.origins);
  const surveys = await listSurveys(c.env.DB, site.id, 'active');
  const body = {
    surveys: surveys.map(({ id, version, questions, targeting, locales, theme, thankYou }) => ({
      id,
      version,
      questions,
      ...(targeting ? { targeting } : {}),
      ...(locales ? { locales } : {}),
      ...(theme ? { theme } : {}),
      ...(thankYou ? { thankYou } : {}),
    })),
    settings: {
      locale: site.locale,
      recontactDays: site.recontactDays,
      // Only when Turnstile is on: the widget loads Cloudflare's script for these sites alone.
      ...(site.turnstile ? { turnstile: site.turnstile } : {}),
    },
  };
  // Short public caching: a survey change reaches visitors within a minute. Past that, a returning
  // visitor's page view is answered from the cache while it refreshes (stale-while-revalidate): no
  // page view waits for the collector. The answer names the caller's origin (CORS): Vary on it.
  c.header('Cache-Control', `public, max-age=${CONFIG_MAX_AGE}, stale-while-revalidate=86400`);
  c.header('Vary', 'Origin');
  return body;
});

publicRoutes.options('/v1/responses', (c) => preflight(c));

route(
  publicRoutes,
  postResponse,
  async (c, { body }) => {
    await checkRateLimit(c);
    const cap = Number(c.env.DAILY_RESPONSE_CAP ?? '10000');
    // D1 down, overloaded or slower than the deadline → 503 + Retry-After; the widget keeps the answer.
    const ip = clientIp(c);
    const deadline = Number(c.env.COLLECT_TIMEOUT_MS ?? '8000') || 8000;
    const done = await withDbDeadline(deadline, () =>
      collect(c.env.DB, body, {
        // The hosted survey page (/s/TOKEN) is on the collector's own origin: allowed for posts
        // through an invitation link only.
        site: async (site) => {
          allowOrigin(c, body.invitation ? [...site.origins, new URL(c.req.url).origin] : site.origins);
          await checkSiteRateLimit(c, site.id);
        },
        defaultDailyCap: Number.isFinite(cap) ? cap : 10000,
        verifyTurnstile: turnstileVerifier(ip === 'unknown' ? undefined : ip, c.env.TURNSTILE_VERIFY_URL),
        // A write shared with other visitors' posts outlives this request, up to the same deadline.
        keepAlive: (p) => c.executionCtx.waitUntil(Promise.race([p, new Promise((r) => setTimeout(r, deadline))])),
      }),
    );
    // Alerts and webhooks after the answer is stored, never on the visitor's time. When the site has
    // a webhook this work was recorded with the write: if it fails here the cron runs it again.
    c.executionCtx.waitUntil(afterCollect(c.env, done, done.work).catch((err) => console.error('after collect', err)));
    // For the site owner's devtools (and the tests): the D1 write's time, and how many posts shared it.
    c.header('Server-Timing', `write;dur=${done.write.ms};desc="${done.write.batch} posts"`);
    return { id: done.id };
  },
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `body over ${MAX_BODY_BYTES} bytes`);
    },
  }),
);
