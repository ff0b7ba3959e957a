import type { DeliveryStatus } from '../../shared/schemas/api';
import { keysetPage } from '../http/cursor';

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

export type AttemptRow = {
  delivery_id: string;
  n: number;
  at: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
};

const toAttempt = (a: AttemptRow) => ({
  at: iso(a.at)!,
  statusCode: a.status_code,
  error: a.error,
  durationMs: a.duration_ms,
});

/** The delivery log entry the API shows: every attempt, and the exact body that was signed and sent. */
export const toDelivery = (r: DeliveryRow, attempts: AttemptRow[]) => ({
  id: r.id,
  webhookId: r.webhook_id,
  event: r.event,
  status: r.status,
  attempts: r.attempts,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  createdAt: iso(r.created_at)!,
  deliveredAt: iso(r.delivered_at),
  attemptLog: attempts.map(toAttempt),
  payload: JSON.parse(r.payload) as unknown,
});

export type NewDelivery = {
  id: string;
  webhookId: string;
  event: string;
  dedupKey: string;
  payload: string;
  /** The response the payload carries (erased with its respondent), or null (pings, drop alerts). */
  responseId?: string | null;
  /**
   * Added only if this alert rule's `fired_at` is this value: the drop claim made earlier in the same
   * transaction (claimDropStmt) won, so racing or retried evaluations send one alert per drop.
   */
  ifFired?: { alertId: string; at: number };
};

/** Statements that add deliveries, skipping any whose (webhook, dedup key) exists; each returns its id if added. */
export function insertDeliveryStmts(db: D1Database, items: NewDelivery[], now = Date.now()): D1PreparedStatement[] {
  return items.map((d) =>
    db
      .prepare(
        `INSERT INTO deliveries (id, webhook_id, event, dedup_key, payload, response_id, status, attempts,
           created_at, updated_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, ?7, ?7
         WHERE ?8 IS NULL OR (SELECT fired_at FROM alerts WHERE id = ?8) = ?9
         ON CONFLICT (webhook_id, dedup_key) DO NOTHING RETURNING id`,
      )
      .bind(
        d.id,
        d.webhookId,
        d.event,
        d.dedupKey,
        d.payload,
        d.responseId ?? null,
        now,
        d.ifFired?.alertId ?? null,
        d.ifFired?.at ?? null,
      ),
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
  /** The secrets that sign it: the webhook's, and the previous one while a rotation's grace period lasts. */
  secrets: string[];
};

/** A delivery with its webhook's URL and secrets; null when the webhook (and so the row) was deleted. */
export async function getDeliveryToSend(db: D1Database, id: string, now = Date.now()): Promise<DeliveryToSend | null> {
  const r = await db
    .prepare(
      `SELECT d.id, d.event, d.payload, d.status, d.attempts, w.url, w.secret,
         CASE WHEN w.previous_secret_until > ? THEN w.previous_secret END AS previous_secret
       FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = ?`,
    )
    .bind(now, id)
    .first<Omit<DeliveryToSend, 'secrets'> & { secret: string; previous_secret: string | null }>();
  if (!r) return null;
  const { secret, previous_secret, ...rest } = r;
  return { ...rest, secrets: previous_secret ? [secret, previous_secret] : [secret] };
}

export type AttemptOutcome = {
  status: 'delivered' | 'failed' | 'dead';
  code: number | null;
  error: string | null;
  ms: number;
};

/**
 * Records one HTTP attempt in the log and the state it leaves the delivery in. A delivery already
 * finished (a duplicate queue message raced this one) keeps its state, but the attempt was made,
 * so it is logged all the same.
 */
export async function recordAttempt(db: D1Database, id: string, o: AttemptOutcome, now = Date.now()): Promise<void> {
  const error = o.error?.slice(0, 500) ?? null;
  await db.batch([
    db
      .prepare(
        `INSERT INTO delivery_attempts (delivery_id, n, at, status_code, error, duration_ms)
         SELECT ?, COALESCE(MAX(n), 0) + 1, ?, ?, ?, ? FROM delivery_attempts WHERE delivery_id = ?`,
      )
      .bind(id, now, o.code, error, Math.max(0, Math.round(o.ms)), id),
    db
      .prepare(
        `UPDATE deliveries SET status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?,
           updated_at = ?, delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END
         WHERE id = ? AND status NOT IN ('delivered', 'dead')`,
      )
      .bind(o.status, o.code, error, now, o.status, now, id),
  ]);
}

/**
 * Puts a finished delivery (delivered or dead) back to pending for another round of tries: the same
 * id and body, so a receiver that de-duplicates sees it as the same message. Null when there is no
 * such delivery for this webhook; false when it is still being tried.
 */
export async function reopenDelivery(db: D1Database, webhookId: string, id: string, now = Date.now()) {
  const reopened = await db
    .prepare(
      `UPDATE deliveries SET status = 'pending', enqueued_at = NULL, updated_at = ?
       WHERE id = ? AND webhook_id = ? AND status IN ('delivered', 'dead') RETURNING id`,
    )
    .bind(now, id, webhookId)
    .first<{ id: string }>();
  if (reopened) return true;
  const exists = await db
    .prepare('SELECT 1 AS found FROM deliveries WHERE id = ? AND webhook_id = ?')
    .bind(id, webhookId)
    .first();
  return exists ? false : null;
}

export async function getDelivery(db: D1Database, webhookId: string, id: string) {
  const [rows, attempts] = await db.batch([
    db.prepare('SELECT * FROM deliveries WHERE id = ? AND webhook_id = ?').bind(id, webhookId),
    db.prepare('SELECT * FROM delivery_attempts WHERE delivery_id = ? ORDER BY n').bind(id),
  ]);
  const row = (rows as D1Result<DeliveryRow>).results[0];
  return row ? toDelivery(row, (attempts as D1Result<AttemptRow>).results) : null;
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
  const { page, next } = keysetPage(results, q.limit, (d) => ({ at: d.created_at, id: d.id }));
  const { results: attempts } = await db
    .prepare(
      'SELECT * FROM delivery_attempts WHERE delivery_id IN (SELECT value FROM json_each(?)) ORDER BY delivery_id, n',
    )
    .bind(JSON.stringify(page.map((d) => d.id)))
    .all<AttemptRow>();
  const byDelivery = new Map<string, AttemptRow[]>();
  for (const a of attempts) byDelivery.set(a.delivery_id, [...(byDelivery.get(a.delivery_id) ?? []), a]);
  return {
    items: page.map((d) => toDelivery(d, byDelivery.get(d.id) ?? [])),
    ...next,
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
