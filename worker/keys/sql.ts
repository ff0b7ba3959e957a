import type { z } from 'zod';
import type { ApiKeyInfo } from '../../shared/contract/keys';
import type { ApiScope } from '../../shared/schemas/api';
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

/**
 * The statement that adds a key unless the site already has `maxActive` active keys (count and
 * insert in one statement, so concurrent creates cannot pass the limit together); it changes no row
 * when the limit was reached.
 */
export function insertApiKeyStmt(
  db: D1Database,
  k: { id: string; siteId: string; hash: string; name: string; scopes: string[] },
  maxActive: number,
  now = Date.now(),
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO api_keys (id, site_id, hash, name, scopes, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6
       WHERE (SELECT count(*) FROM api_keys WHERE site_id = ?2 AND revoked_at IS NULL) < ?7`,
    )
    .bind(k.id, k.siteId, k.hash, k.name, JSON.stringify(k.scopes), now, maxActive);
}

/** Adds a key within the limit; false when the site already has `maxActive` active keys. */
export async function insertApiKey(
  db: D1Database,
  k: { id: string; siteId: string; hash: string; name: string; scopes: string[] },
  maxActive: number,
  now = Date.now(),
): Promise<boolean> {
  return (await insertApiKeyStmt(db, k, maxActive, now).run()).meta.changes === 1;
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

/** What the API shows of a key: never the key or its hash. */
export const toApiKeyInfo = (r: ApiKeyRow): z.input<typeof ApiKeyInfo> => ({
  id: r.id,
  prefix: `sk_${r.id}`,
  name: r.name,
  scopes: JSON.parse(r.scopes) as ApiScope[],
  createdAt: new Date(r.created_at).toISOString(),
  lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at).toISOString(),
  revoked: r.revoked_at !== null,
  revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at).toISOString(),
});

export async function listApiKeys(db: D1Database, siteId: string) {
  const { results } = await db
    .prepare('SELECT * FROM api_keys WHERE site_id = ? ORDER BY created_at, id')
    .bind(siteId)
    .all<ApiKeyRow>();
  return results.map(toApiKeyInfo);
}

export async function getSiteApiKey(db: D1Database, siteId: string, id: string): Promise<ApiKeyRow | null> {
  return db.prepare('SELECT * FROM api_keys WHERE id = ? AND site_id = ?').bind(id, siteId).first<ApiKeyRow>();
}

/**
 * Revokes a key unless it is the site's last active key with the manage scope (then nobody could
 * manage the site any more). The check and the update are one statement, so two racing revocations
 * cannot both pass. Returns false when refused.
 */
export async function revokeApiKey(db: D1Database, siteId: string, id: string, now = Date.now()): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE api_keys SET revoked_at = ? WHERE id = ? AND site_id = ? AND revoked_at IS NULL
         AND (NOT EXISTS (SELECT 1 FROM json_each(scopes) WHERE value = 'manage')
              OR (SELECT COUNT(*) FROM api_keys k, json_each(k.scopes) s
                  WHERE k.site_id = ? AND k.revoked_at IS NULL AND k.id <> ? AND s.value = 'manage') > 0)`,
    )
    .bind(now, id, siteId, siteId, id)
    .run();
  return (res.meta.changes ?? 0) > 0;
}
