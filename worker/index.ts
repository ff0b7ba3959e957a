import { Hono } from 'hono';
import { retryPendingWork } from './alerts/pending';
import { alertRoutes } from './alerts/routes';
import { auditRoutes } from './audit/routes';
import { escalateOverdue } from './cases/escalate';
import { caseRoutes } from './cases/routes';
import { publicRoutes } from './collect/routes';
import { digestRoutes } from './digest/routes';
import { sendDueDigests } from './digest/send';
import { driverRoutes } from './drivers/routes';
import type { AppEnv, DeliveryMessage, Env } from './env';
import { exportRoutes } from './export/routes';
import { ApiError, onError } from './http/errors';
import { purgeIdempotencyKeys } from './idempotency/idempotency';
import { insightRoutes } from './insights/routes';
import { invitationRoutes } from './invitations/routes';
import { journeyRoutes } from './journey/routes';
import { keyRoutes } from './keys/routes';
import { openApiRoutes } from './openapi/routes';
import { outcomeRoutes } from './outcomes/routes';
import { respondentRoutes } from './respondents/routes';
import { resultRoutes } from './results/routes';
import { shareRoutes } from './share/routes';
import { runRezone } from './sites/rezone';
import { sitesRezoning } from './sites/rezone-sql';
import { siteRoutes } from './sites/routes';
import { runBackfill, sitesWithBackfill } from './sites/segments-sql';
import { settingsRoutes } from './sites/settings-routes';
import { surveyRoutes } from './surveys/routes';
import { passkeyRoutes } from './teams/passkey-routes';
import { teamRoutes } from './teams/routes';
import { handleRetagBatch, RETAG_QUEUE } from './topics/retag';
import { topicRoutes } from './topics/routes';
import { touchpointRoutes } from './touchpoints/routes';
import { handleDeliveryBatch } from './webhooks/deliver';
import { sweepDeliveries } from './webhooks/enqueue';
import { webhookRoutes } from './webhooks/routes';

export const app = new Hono<AppEnv>();

app.onError(onError);
app.notFound((c) => c.json({ error: { code: 'not_found', message: 'no such endpoint' } }, 404));

// Each feature's routes carry the contract's full paths (shared/contract), so every group is mounted at the root.
for (const group of [
  publicRoutes,
  siteRoutes,
  settingsRoutes,
  keyRoutes,
  touchpointRoutes,
  surveyRoutes,
  invitationRoutes,
  resultRoutes,
  exportRoutes,
  journeyRoutes,
  insightRoutes,
  topicRoutes,
  driverRoutes,
  outcomeRoutes,
  digestRoutes,
  shareRoutes,
  respondentRoutes,
  webhookRoutes,
  alertRoutes,
  caseRoutes,
  teamRoutes,
  passkeyRoutes,
  auditRoutes,
  openApiRoutes,
]) {
  app.route('/', group);
}

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
  // Deliveries, and re-tagging answers after a topic list change (seda-retag).
  queue: (batch, env, _ctx) =>
    batch.queue === RETAG_QUEUE
      ? handleRetagBatch(batch, env)
      : handleDeliveryBatch(batch as MessageBatch<DeliveryMessage>, env),
  // Re-queues deliveries stored but never queued; trims the delivery log; forgets idempotency keys after 24 h;
  // escalates overdue cases; runs again the work after responses that failed or was cut short; sends the
  // weekly digests that are due.
  scheduled: (_controller, env, ctx) =>
    ctx.waitUntil(
      Promise.all([
        retryPendingWork(env).then(() => sweepDeliveries(env)),
        sendDueDigests(env),
        purgeIdempotencyKeys(env.DB),
        escalateOverdue(env),
        // Segment declarations whose older responses are not all counted yet.
        sitesWithBackfill(env.DB).then((ids) => Promise.all(ids.map((id) => runBackfill(env.DB, id)))),
        // Sites whose stored days are not all restamped to a new time zone yet.
        sitesRezoning(env.DB).then((ids) => Promise.all(ids.map((id) => runRezone(env.DB, id)))),
      ]),
    ),
} satisfies ExportedHandler<Env, unknown>;
