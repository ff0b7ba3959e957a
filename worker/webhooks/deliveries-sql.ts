import type { DeliveryStatus } from '../../shared/schemas/api';

export type DeliveryRow = {
  id: string;
  webhook_id: string;
  event: string;
  dedup_key: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
  enqueued_at: number | null;
  updated_at: number;
  delivered_at: number | null;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The delivery log entry the API shows, with the exact body that was signed and sent. */
export const toDelivery = (r: DeliveryRow) => ({
  id: r.id,
  webhookId: r.webhook_id,
  event: r.event,
  status: r.status,
  attempts: r.attempts,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  createdAt: iso(r.created_at)!,
  deliveredAt: iso(r.delivered_at),
  payload: JSON.parse(r.payload) as unknown,
});

export type NewDelivery = { id: string; webhookId: string; event: string; dedupKey: string; payload: string };

/** Statements that add deliveries, skipping any whose (webhook, dedup key) exists; each returns its id if added. */
export function insertDeliveryStmts(db: D1Database, items: NewDelivery[], now = Date.now()): D1PreparedStatement[] {
  return items.map((d) =>
    db
      .prepare(
        `INSERT INTO deliveries (id, webhook_id, event, dedup_key, payload, status, attempts, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)
         ON CONFLICT (webhook_id, dedup_key) DO NOTHING RETURNING id`,
      )
      .bind(d.id, d.webhookId, d.event, d.dedupKey, d.payload, now, now),
  );
}

export async function markEnqueued(db: D1Database, ids: string[], now = Date.now()): Promise<void> {
  if (!ids.length) return;
  await db
    .prepare('UPDATE deliveries SET enqueued_at = ? WHERE id IN (SELECT value FROM json_each(?))')
    .bind(now, JSON.stringify(ids))
    .run();
}

export type DeliveryToSend = {
  id: string;
  event: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  url: string;
  secret: string;
};

/** A delivery with its webhook's URL and secret; null when the webhook (and so the row) was deleted. */
export async function getDeliveryToSend(db: D1Database, id: string): Promise<DeliveryToSend | null> {
  return db
    .prepare(
      `SELECT d.id, d.event, d.payload, d.status, d.attempts, w.url, w.secret
       FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = ?`,
    )
    .bind(id)
    .first<DeliveryToSend>();
}

/** Records one HTTP attempt and the state it leaves the delivery in. */
export async function recordAttempt(
  db: D1Database,
  id: string,
  outcome: { status: 'delivered' | 'failed' | 'dead'; code: number | null; error: string | null },
  now = Date.now(),
): Promise<void> {
  await db
    .prepare(
      `UPDATE deliveries SET status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?,
         updated_at = ?, delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END
       WHERE id = ? AND status NOT IN ('delivered', 'dead')`,
    )
    .bind(outcome.status, outcome.code, outcome.error?.slice(0, 500) ?? null, now, outcome.status, now, id)
    .run();
}

/** A message that reached the dead-letter queue without its last attempt being recorded. */
export async function markDead(db: D1Database, id: string, error: string, now = Date.now()): Promise<void> {
  await db
    .prepare(
      `UPDATE deliveries SET status = 'dead', last_error = COALESCE(last_error, ?), updated_at = ?
       WHERE id = ? AND status NOT IN ('delivered', 'dead')`,
    )
    .bind(error, now, id)
    .run();
}

export async function listDeliveries(
  db: D1Database,
  webhookId: string,
  q: { status?: DeliveryStatus | undefined; limit: number; cursor?: { at: number; id: string } | undefined },
) {
  const where = ['webhook_id = ?'];
  const args: (string | number)[] = [webhookId];
  if (q.status) {
    where.push('status = ?');
    args.push(q.status);
  }
  if (q.cursor) {
    where.push('(created_at < ? OR (created_at = ? AND id < ?))');
    args.push(q.cursor.at, q.cursor.at, q.cursor.id);
  }
  const { results } = await db
    .prepare(`SELECT * FROM deliveries WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`)
    .bind(...args, q.limit + 1)
    .all<DeliveryRow>();
  const page = results.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDelivery),
    ...(results.length > q.limit && last ? { nextCursor: `${last.created_at}:${last.id}` } : {}),
  };
}

/** Deliveries whose queue message was never sent (the Worker stopped between the insert and the send). */
export async function unsentDeliveries(db: D1Database, before: number, limit = 100): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM deliveries WHERE status = 'pending' AND enqueued_at IS NULL AND created_at < ?
       ORDER BY created_at LIMIT ?`,
    )
    .bind(before, limit)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Keeps the delivery log bounded: finished deliveries older than `before` are removed. */
export async function purgeDeliveries(db: D1Database, before: number): Promise<number> {
  const res = await db
    .prepare(`DELETE FROM deliveries WHERE status IN ('delivered', 'dead') AND created_at < ?`)
    .bind(before)
    .run();
  return res.meta.changes ?? 0;
}
