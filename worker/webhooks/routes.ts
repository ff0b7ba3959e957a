import { Hono } from 'hono';
import {
  createWebhook,
  deleteWebhook as deleteOp,
  getDelivery as getDeliveryOp,
  listDeliveries as listDeliveriesOp,
  listWebhooks as listOp,
  pingWebhook,
  redeliver,
  rotateWebhookSecret,
} from '../../shared/contract/webhooks';
import { forgetRules } from '../alerts/rules';
import { forgetCollectCache } from '../collect/cache';
import type { AppEnv } from '../env';
import { parseCursor } from '../http/cursor';
import { route } from '../http/endpoint';
import { ApiError, notFound } from '../http/errors';
import { randomId } from '../lib/crypto';
import { getDelivery, listDeliveries, reopenDelivery } from './deliveries-sql';
import { dispatch, enqueueDeliveries } from './enqueue';
import { renderPayload } from './payload';
import { newWebhookSecret } from './signature';
import { deleteWebhook, getWebhookRow, insertWebhook, listWebhooks, rotateSecret } from './sql';
import { webhookUrlProblem } from './url';

const MAX_WEBHOOKS = 20;

/**
 * Webhooks of the key's site. A webhook URL (a Slack one especially) is itself a credential, so
 * every endpoint here needs the manage scope. The signing secret is returned once, at creation
 * (and at each rotation).
 */
export const webhookRoutes = new Hono<AppEnv>();

route(webhookRoutes, listOp, async (c) => {
  const webhooks = await listWebhooks(c.env.DB, c.get('siteId'));
  return { items: webhooks, webhooks };
});

route(webhookRoutes, createWebhook, async (c, { body: input }) => {
  const problem = webhookUrlProblem(input.url, c.env.ALLOW_PRIVATE_WEBHOOKS === '1');
  if (problem) {
    throw new ApiError(400, 'invalid_request', `invalid body: url: ${problem}`, [{ path: ['url'], message: problem }]);
  }
  const siteId = c.get('siteId');
  const id = `wh_${randomId(12)}`;
  const secret = newWebhookSecret();
  const now = Date.now();
  const added = await insertWebhook(
    c.env.DB,
    { id, siteId, url: input.url, format: input.format, events: input.events, secret },
    MAX_WEBHOOKS,
    now,
  );
  if (!added) throw new ApiError(409, 'limit_reached', `a site has at most ${MAX_WEBHOOKS} webhooks`);
  forgetRules(siteId);
  forgetCollectCache(); // the collector records the work after each post from now on
  return {
    id,
    secret,
    url: input.url,
    format: input.format,
    events: input.events,
    createdAt: new Date(now).toISOString(),
    previousSecretExpiresAt: null,
  };
});

route(webhookRoutes, deleteOp, async (c, { params }) => {
  if (!(await deleteWebhook(c.env.DB, c.get('siteId'), params.id))) throw notFound('webhook');
  forgetRules(c.get('siteId'));
  forgetCollectCache();
});

/** The delivery log, newest first: status, tries, last HTTP status or error, and the exact body sent. */
route(webhookRoutes, listDeliveriesOp, async (c, { params, query: q }) => {
  const hook = await getWebhookRow(c.env.DB, c.get('siteId'), params.id);
  if (!hook) throw notFound('webhook');
  const page = await listDeliveries(c.env.DB, hook.id, { ...q, cursor: parseCursor(q.cursor) });
  return { ...page, deliveries: page.items };
});

/** Sends a signed test event (`ping`) through the normal delivery path. */
route(webhookRoutes, pingWebhook, async (c, { params }) => {
  const hook = await getWebhookRow(c.env.DB, c.get('siteId'), params.id);
  if (!hook) throw notFound('webhook');
  const id = `dlv_${randomId(16)}`;
  const now = Date.now();
  const event = {
    event: 'ping' as const,
    deliveryId: id,
    createdAt: new Date(now).toISOString(),
    site: { id: hook.site_id },
    survey: { id: '', name: 'Seda' },
  };
  const payload = renderPayload(hook.format, event);
  await enqueueDeliveries(c.env, [{ id, webhookId: hook.id, event: 'ping', dedupKey: `ping:${id}`, payload }], [], now);
  return { deliveryId: id };
});

route(webhookRoutes, getDeliveryOp, async (c, { params }) => {
  const hook = await getWebhookRow(c.env.DB, c.get('siteId'), params.id);
  const delivery = hook && (await getDelivery(c.env.DB, hook.id, params.deliveryId));
  if (!delivery) throw notFound('delivery');
  return { delivery };
});

/** Sends a finished delivery again through the normal path (queue and retries), under the same id. */
route(webhookRoutes, redeliver, async (c, { params }) => {
  const hook = await getWebhookRow(c.env.DB, c.get('siteId'), params.id);
  if (!hook) throw notFound('webhook');
  const reopened = await reopenDelivery(c.env.DB, hook.id, params.deliveryId);
  if (reopened === null) throw notFound('delivery');
  if (!reopened) throw new ApiError(409, 'delivery_pending', 'this delivery is still being tried');
  // Read before it is sent, so the reply shows it queued. Should sending to the queue fail, the
  // cron sweep finds it pending and unqueued and sends it.
  const delivery = await getDelivery(c.env.DB, hook.id, params.deliveryId);
  if (!delivery) throw notFound('delivery');
  await dispatch(c.env, [params.deliveryId]);
  return { delivery };
});

/** A new secret, shown once; the previous one keeps signing (a second signature) for the grace period. */
route(webhookRoutes, rotateWebhookSecret, async (c, { params, query }) => {
  const secret = newWebhookSecret();
  const until = Date.now() + query.graceHours * 3_600_000;
  if (!(await rotateSecret(c.env.DB, c.get('siteId'), params.id, secret, until))) throw notFound('webhook');
  return {
    id: params.id,
    secret,
    previousSecretExpiresAt: query.graceHours > 0 ? new Date(until).toISOString() : null,
  };
});
