import type { WebhookEvent } from '../../shared/schemas/api';

export type WebhookFormat = 'json' | 'slack';

export type WebhookRow = {
  id: string;
  site_id: string;
  url: string;
  format: WebhookFormat;
  events: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: number | null;
  created_at: number;
};

/** What the API shows: never a secret (each is returned once, at creation or rotation). */
export const toWebhook = (r: WebhookRow, now = Date.now()) => ({
  id: r.id,
  url: r.url,
  format: r.format,
  events: JSON.parse(r.events) as WebhookEvent[],
  createdAt: new Date(r.created_at).toISOString(),
  previousSecretExpiresAt:
    r.previous_secret_until !== null && r.previous_secret_until > now
      ? new Date(r.previous_secret_until).toISOString()
      : null,
});
export type Webhook = ReturnType<typeof toWebhook>;

/**
 * Adds a webhook unless the site already has `max`: the count and the insert are one statement, so
 * concurrent creates can never pass the limit together. False when the limit was reached.
 */
export async function insertWebhook(
  db: D1Database,
  w: { id: string; siteId: string; url: string; format: WebhookFormat; events: WebhookEvent[]; secret: string },
  max: number,
  now = Date.now(),
): Promise<boolean> {
  const r = await db
    .prepare(
      `INSERT INTO webhooks (id, site_id, url, format, events, secret, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE (SELECT count(*) FROM webhooks WHERE site_id = ?2) < ?8`,
    )
    .bind(w.id, w.siteId, w.url, w.format, JSON.stringify(w.events), w.secret, now, max)
    .run();
  return r.meta.changes === 1;
}

export async function listWebhooks(db: D1Database, siteId: string): Promise<Webhook[]> {
  const { results } = await db
    .prepare('SELECT * FROM webhooks WHERE site_id = ? ORDER BY created_at, id')
    .bind(siteId)
    .all<WebhookRow>();
  return results.map(toWebhook);
}

export async function getWebhookRow(db: D1Database, siteId: string, id: string): Promise<WebhookRow | null> {
  return db.prepare('SELECT * FROM webhooks WHERE id = ? AND site_id = ?').bind(id, siteId).first<WebhookRow>();
}

/**
 * Replaces the secret; the old one keeps signing (as a second signature) until `previousUntil`,
 * or not at all when that is not in the future.
 */
export async function rotateSecret(
  db: D1Database,
  siteId: string,
  id: string,
  secret: string,
  previousUntil: number,
): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE webhooks SET previous_secret = secret, previous_secret_until = ?, secret = ?
       WHERE id = ? AND site_id = ?`,
    )
    .bind(previousUntil, secret, id, siteId)
    .run();
  return (res.meta.changes ?? 0) > 0;
}

/** Deletes a webhook with its alert rules and delivery log (foreign-key cascade). */
export async function deleteWebhook(db: D1Database, siteId: string, id: string): Promise<boolean> {
  const res = await db.prepare('DELETE FROM webhooks WHERE id = ? AND site_id = ?').bind(id, siteId).run();
  return (res.meta.changes ?? 0) > 0;
}
