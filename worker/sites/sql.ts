import type { Site } from '../../shared/schemas/api';

export type SiteRow = {
  id: string;
  key: string;
  name: string;
  origins: string;
  locale: string;
  recontact_days: number;
};

export const toSite = (r: SiteRow): Site => ({
  id: r.id,
  key: r.key,
  name: r.name,
  origins: JSON.parse(r.origins) as string[],
  locale: r.locale,
  recontactDays: r.recontact_days,
});

export function insertSiteStmt(db: D1Database, site: Site, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      'INSERT INTO sites (id, key, name, origins, locale, recontact_days, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .bind(site.id, site.key, site.name, JSON.stringify(site.origins), site.locale, site.recontactDays, now);
}

export async function getSiteById(db: D1Database, id: string): Promise<Site | null> {
  const r = await db.prepare('SELECT * FROM sites WHERE id = ?').bind(id).first<SiteRow>();
  return r ? toSite(r) : null;
}

export async function updateSite(db: D1Database, site: Site): Promise<void> {
  await db
    .prepare('UPDATE sites SET name = ?, origins = ?, locale = ?, recontact_days = ? WHERE id = ?')
    .bind(site.name, JSON.stringify(site.origins), site.locale, site.recontactDays, site.id)
    .run();
}

/** When the site last received (or merged) a response; null before the first. */
export async function lastResponseAt(db: D1Database, siteId: string): Promise<number | null> {
  const r = await db
    .prepare('SELECT MAX(updated_at) AS at FROM responses WHERE site_id = ?')
    .bind(siteId)
    .first<{ at: number | null }>();
  return r?.at ?? null;
}
