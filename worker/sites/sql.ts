import type { Site } from '../../shared/schemas/api';

export type SiteRow = {
  id: string;
  key: string;
  name: string;
  origins: string;
  locale: string;
  recontact_days: number;
  time_zone: string;
  calendar: 'gregorian' | 'persian';
};

export const toSite = (r: SiteRow): Site => ({
  id: r.id,
  key: r.key,
  name: r.name,
  origins: JSON.parse(r.origins) as string[],
  locale: r.locale,
  recontactDays: r.recontact_days,
  timeZone: r.time_zone ?? 'UTC',
  calendar: r.calendar ?? 'gregorian',
});

export function insertSiteStmt(db: D1Database, site: Site, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO sites (id, key, name, origins, locale, recontact_days, time_zone, calendar, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      site.id,
      site.key,
      site.name,
      JSON.stringify(site.origins),
      site.locale,
      site.recontactDays,
      site.timeZone,
      site.calendar,
      now,
    );
}

export async function getSiteById(db: D1Database, id: string): Promise<Site | null> {
  const r = await db.prepare('SELECT * FROM sites WHERE id = ?').bind(id).first<SiteRow>();
  return r ? toSite(r) : null;
}

/**
 * Saves the site. A new time zone also starts the restamp of stored days (rezone_at = now, cursor
 * at the start), in the same statement, so no reader sees the new zone without the scan fallback.
 */
export async function updateSite(db: D1Database, site: Site, now = Date.now()): Promise<void> {
  await db
    .prepare(
      `UPDATE sites SET name = ?1, origins = ?2, locale = ?3, recontact_days = ?4, calendar = ?5,
         rezone_at = CASE WHEN time_zone <> ?6 THEN ?7 ELSE rezone_at END,
         rezone_cursor = CASE WHEN time_zone <> ?6 THEN NULL ELSE rezone_cursor END,
         time_zone = ?6
       WHERE id = ?8`,
    )
    .bind(
      site.name,
      JSON.stringify(site.origins),
      site.locale,
      site.recontactDays,
      site.calendar,
      site.timeZone,
      now,
      site.id,
    )
    .run();
}

/** A site's time zone and calendar, and whether its stored days are still being restamped to that zone. */
export async function getSiteTime(
  db: D1Database,
  siteId: string,
): Promise<{ timeZone: string; calendar: 'gregorian' | 'persian'; rezoning: boolean } | null> {
  const r = await db
    .prepare('SELECT time_zone, calendar, rezone_at FROM sites WHERE id = ?')
    .bind(siteId)
    .first<{ time_zone: string; calendar: 'gregorian' | 'persian'; rezone_at: number | null }>();
  return r ? { timeZone: r.time_zone, calendar: r.calendar, rezoning: r.rezone_at !== null } : null;
}

/** When the site last received (or merged) a response; null before the first. */
export async function lastResponseAt(db: D1Database, siteId: string): Promise<number | null> {
  const r = await db
    .prepare('SELECT MAX(updated_at) AS at FROM responses WHERE site_id = ?')
    .bind(siteId)
    .first<{ at: number | null }>();
  return r?.at ?? null;
}

/** The time settings of a survey's site (UTC and Gregorian if the survey is gone). */
export async function siteTimeOfSurvey(
  db: D1Database,
  surveyId: string,
): Promise<{ timeZone: string; calendar: 'gregorian' | 'persian'; rezoning: boolean }> {
  const r = await db
    .prepare(
      'SELECT s.time_zone, s.calendar, s.rezone_at FROM surveys v JOIN sites s ON s.id = v.site_id WHERE v.id = ?',
    )
    .bind(surveyId)
    .first<{ time_zone: string; calendar: 'gregorian' | 'persian'; rezone_at: number | null }>();
  return r
    ? { timeZone: r.time_zone, calendar: r.calendar, rezoning: r.rezone_at !== null }
    : { timeZone: 'UTC', calendar: 'gregorian', rezoning: false };
}
