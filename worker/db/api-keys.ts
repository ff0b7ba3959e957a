export type ApiKeyRow = {
  id: string;
  site_id: string;
  hash: string;
  name: string;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
};

export async function insertApiKey(
  db: D1Database,
  k: { id: string; siteId: string; hash: string; name: string; scopes: string[] },
  now = Date.now(),
): Promise<void> {
  await db
    .prepare('INSERT INTO api_keys (id, site_id, hash, name, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(k.id, k.siteId, k.hash, k.name, JSON.stringify(k.scopes), now)
    .run();
}

export async function getApiKey(db: D1Database, id: string): Promise<ApiKeyRow | null> {
  return db.prepare('SELECT * FROM api_keys WHERE id = ? AND revoked_at IS NULL').bind(id).first<ApiKeyRow>();
}

/** Last-used time is kept to the minute: one write per key per minute at most. */
export async function touchApiKey(db: D1Database, id: string, now = Date.now()): Promise<void> {
  await db
    .prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)')
    .bind(now, id, now - 60_000)
    .run();
}
