/** Share links: only a SHA-256 of each token is stored; a revoked link keeps its row (its page says 410). */
import type { ShareLink } from '../../shared/contract/digest';

export type ShareLinkRow = {
  id: string;
  site_id: string;
  label: string | null;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const toShareLink = (r: ShareLinkRow): ShareLink => ({
  id: r.id,
  label: r.label,
  createdAt: iso(r.created_at)!,
  expiresAt: iso(r.expires_at),
  revokedAt: iso(r.revoked_at),
  lastUsedAt: iso(r.last_used_at),
});

/**
 * Adds a link unless the site already has `max` links not revoked (count and insert in one
 * statement, so concurrent creates cannot pass the limit). The stored row, or null at the limit.
 */
export async function insertShareLink(
  db: D1Database,
  l: { id: string; siteId: string; tokenHash: string; label: string | null; expiresAt: number | null },
  max: number,
  now: number,
): Promise<ShareLinkRow | null> {
  return db
    .prepare(
      `INSERT INTO share_links (id, site_id, token_hash, label, created_at, expires_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6
       WHERE (SELECT count(*) FROM share_links WHERE site_id = ?2 AND revoked_at IS NULL) < ?7
       RETURNING id, site_id, label, created_at, expires_at, revoked_at, last_used_at`,
    )
    .bind(l.id, l.siteId, l.tokenHash, l.label, now, l.expiresAt, max)
    .first<ShareLinkRow>();
}

export async function listShareLinks(db: D1Database, siteId: string): Promise<ShareLinkRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, site_id, label, created_at, expires_at, revoked_at, last_used_at FROM share_links
       WHERE site_id = ? ORDER BY created_at DESC, id DESC LIMIT 200`,
    )
    .bind(siteId)
    .all<ShareLinkRow>();
  return results;
}

/** Revokes a link of the site (revoking twice keeps the first time); false when the site has no such link. */
export async function revokeShareLink(db: D1Database, siteId: string, id: string, now: number): Promise<boolean> {
  const r = await db
    .prepare('UPDATE share_links SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND site_id = ?')
    .bind(now, id, siteId)
    .run();
  return (r.meta.changes ?? 0) > 0;
}

export type SharedSite = ShareLinkRow & { site_name: string; site_locale: string };

/** The link a token's hash names, with its site's name and locale. */
export async function shareLinkByHash(db: D1Database, tokenHash: string): Promise<SharedSite | null> {
  return db
    .prepare(
      `SELECT l.id, l.site_id, l.label, l.created_at, l.expires_at, l.revoked_at, l.last_used_at,
         s.name AS site_name, s.locale AS site_locale
       FROM share_links l JOIN sites s ON s.id = l.site_id WHERE l.token_hash = ?`,
    )
    .bind(tokenHash)
    .first<SharedSite>();
}

/** Notes when a link was last opened, at most once an hour (a public page should not write on every view). */
export async function touchShareLink(db: D1Database, id: string, now: number): Promise<void> {
  await db
    .prepare(
      'UPDATE share_links SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at < ?1 - 3600000)',
    )
    .bind(now, id)
    .run();
}
