import type { Env } from '../env';
import { attemptDelivery } from './deliver';
import {
  getDeliveryToSend,
  insertDeliveryStmts,
  markEnqueued,
  type NewDelivery,
  purgeDeliveries,
  recordAttempt,
  unsentDeliveries,
} from './deliveries-sql';

/** Sends queue messages for stored deliveries; without a queue binding, tries each once inline. */
export async function dispatch(env: Env, ids: string[]): Promise<void> {
  if (!ids.length) return;
  if (env.DELIVERIES) {
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      await env.DELIVERIES.sendBatch(chunk.map((deliveryId) => ({ body: { deliveryId } })));
      await markEnqueued(env.DB, chunk);
    }
    return;
  }
  await Promise.all(
    ids.map(async (id) => {
      const d = await getDeliveryToSend(env.DB, id);
      if (!d) return;
      const r = await attemptDelivery(env, d);
      await recordAttempt(env.DB, id, {
        ...r,
        status: r.ok ? 'delivered' : 'dead',
        error: r.ok ? null : `${r.error} (no queue: not retried)`,
      });
    }),
  );
}

/**
 * Stores deliveries (skipping any already made for the same event: a resent answer alerts once)
 * together with `extra` statements in one transaction, then queues the new ones.
 */
export async function enqueueDeliveries(
  env: Env,
  items: NewDelivery[],
  extra: D1PreparedStatement[] = [],
  now = Date.now(),
): Promise<string[]> {
  if (!items.length && !extra.length) return [];
  const results = await env.DB.batch<{ id: string }>([...extra, ...insertDeliveryStmts(env.DB, items, now)]);
  const ids = results.slice(extra.length).flatMap((r) => r.results.map((x) => x.id));
  await dispatch(env, ids);
  return ids;
}

/**
 * The Worker's `scheduled` handler: queues deliveries stored but never queued (the Worker stopped
 * between the insert and the send) and trims the log to 30 days.
 */
export async function sweepDeliveries(env: Env, now = Date.now()): Promise<{ requeued: number; purged: number }> {
  const ids = await unsentDeliveries(env.DB, now - 60_000);
  await dispatch(env, ids);
  const purged = await purgeDeliveries(env.DB, now - 30 * 86_400_000);
  return { requeued: ids.length, purged };
}
