import { Hono } from 'hono';
import { alertRoutes } from './alerts/routes';
import { caseRoutes } from './cases/routes';
import { publicRoutes } from './collect/routes';
import type { AppEnv, DeliveryMessage, Env } from './env';
import { ApiError, onError } from './http/errors';
import { insightRoutes } from './insights/routes';
import { keyRoutes } from './keys/routes';
import { openApiDocument } from './openapi/document';
import { respondentRoutes } from './respondents/routes';
import { resultRoutes } from './results/routes';
import { operatorRoutes, siteRoutes } from './sites/routes';
import { settingsRoutes } from './sites/settings-routes';
import { surveyRoutes } from './surveys/routes';
import { touchpointRoutes } from './touchpoints/routes';
import { handleDeliveryBatch } from './webhooks/deliver';
import { sweepDeliveries } from './webhooks/enqueue';
import { webhookRoutes } from './webhooks/routes';

export const app = new Hono<AppEnv>();

app.onError(onError);
app.notFound((c) => c.json({ error: { code: 'not_found', message: 'no such endpoint' } }, 404));

let openapi: string | undefined;
app.get('/v1/openapi.json', (c) => {
  openapi ??= JSON.stringify(openApiDocument());
  return c.body(openapi, 200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
});

app.route('/v1', publicRoutes);
app.route('/v1/sites', operatorRoutes);
app.route('/v1', siteRoutes);
app.route('/v1/touchpoints', touchpointRoutes);
app.route('/v1/surveys', resultRoutes);
app.route('/v1/surveys', surveyRoutes);
app.route('/v1/respondents', respondentRoutes);
app.route('/v1', webhookRoutes);
app.route('/v1', alertRoutes);
app.route('/v1', caseRoutes);
app.route('/v1', keyRoutes);
app.route('/v1', settingsRoutes);
app.route('/v1', insightRoutes);

// The dashboard is a single-page app: its files are served as they are, any other path under
// /dashboard gets index.html. It may never be framed (a meta CSP cannot say frame-ancestors).
app.get('/dashboard', (c) => c.redirect('/dashboard/'));
app.get('/dashboard/*', async (c) => {
  if (!c.env.ASSETS) throw new ApiError(404, 'not_found', 'dashboard not built');
  let res = await c.env.ASSETS.fetch(c.req.raw);
  if (res.status === 404 || c.req.path === '/dashboard/') {
    res = await c.env.ASSETS.fetch(new URL('/dashboard/index.html', c.req.url));
  }
  const out = new Response(res.body, res);
  out.headers.set('Content-Security-Policy', "frame-ancestors 'none'");
  out.headers.set('X-Frame-Options', 'DENY');
  out.headers.set('Referrer-Policy', 'no-referrer');
  return out;
});

export default {
  fetch: app.fetch,
  // Webhook deliveries (seda-deliveries) and what the queue gave up on (seda-deliveries-dlq).
  queue: (batch, env, _ctx) => handleDeliveryBatch(batch, env),
  // Re-queues deliveries stored but never queued; trims the delivery log.
  scheduled: (_controller, env, ctx) => ctx.waitUntil(sweepDeliveries(env)),
} satisfies ExportedHandler<Env, DeliveryMessage>;
