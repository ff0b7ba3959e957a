/**
 * Attributes a site declares as segments, and the backfill that counts responses stored before the
 * declaration into the dimensional rollups (migrations/0007_scale.sql). New responses are counted by
 * the triggers from the moment of the declaration; older ones in chunks of BACKFILL_CHUNK, resumed
 * by the cron until every declared attribute is `ready` (until then its queries take the scan path,
 * so no answer is ever missing from a figure).
 */

/** Responses read per backfill step: well inside one D1 statement's time limit. */
export const BACKFILL_CHUNK = 2000;
/** Values of one attribute that get rollups (the same 50 as the triggers). */
const VALUE_CAP = 50;

export type SegmentDim = { name: string; ready: boolean; values: number };

export async function listSegmentDims(db: D1Database, siteId: string): Promise<SegmentDim[]> {
  const { results } = await db
    .prepare(
      `SELECT d.name, d.ready,
         (SELECT COUNT(*) FROM segment_values v WHERE v.site_id = d.site_id AND v.dim = 'a:' || d.name) AS n
       FROM segment_dims d WHERE d.site_id = ? ORDER BY d.name`,
    )
    .bind(siteId)
    .all<{ name: string; ready: number; n: number }>();
  return results.map((r) => ({ name: r.name, ready: r.ready === 1, values: r.n }));
}

/**
 * Replaces the declared attributes. A dropped attribute's rollups are taken out through the
 * response_dims delete trigger (in chunks, by the backfill step); a new one starts not ready at cursor 0.
 */
export async function setSegmentDims(db: D1Database, siteId: string, names: readonly string[]): Promise<void> {
  const json = JSON.stringify(names);
  await db.batch([
    db
      .prepare('DELETE FROM segment_dims WHERE site_id = ? AND name NOT IN (SELECT value FROM json_each(?))')
      .bind(siteId, json),
    db
      .prepare(
        `INSERT INTO segment_dims (site_id, name, ready, cursor)
         SELECT ?, value, 0, '0' FROM json_each(?) WHERE true ON CONFLICT (site_id, name) DO NOTHING`,
      )
      .bind(siteId, json),
  ]);
}

/**
 * One step of the work a declaration change leaves: removes dims of attributes no longer declared
 * (a chunk), or counts the next chunk of the site's responses (by rowid) under a declared attribute.
 * Returns false when nothing is left to do for the site.
 */
export async function backfillStep(db: D1Database, siteId: string): Promise<boolean> {
  // Dims of an attribute no longer declared: the delete trigger takes each response out of its rollups.
  const stale = await db
    .prepare(
      `SELECT v.dim FROM segment_values v WHERE v.site_id = ?
         AND NOT EXISTS (SELECT 1 FROM segment_dims d WHERE d.site_id = v.site_id AND 'a:' || d.name = v.dim) LIMIT 1`,
    )
    .bind(siteId)
    .first<{ dim: string }>();
  if (stale) {
    const { results } = await db
      .prepare(
        `DELETE FROM response_dims WHERE (response_id, dim) IN (
           SELECT rd.response_id, rd.dim FROM surveys s JOIN response_dims rd ON rd.survey_id = s.id
           WHERE s.site_id = ? AND rd.dim = ? LIMIT ${BACKFILL_CHUNK}) RETURNING 1 AS x`,
      )
      .bind(siteId, stale.dim)
      .all();
    if (results.length < BACKFILL_CHUNK) {
      await db.prepare('DELETE FROM segment_values WHERE site_id = ? AND dim = ?').bind(siteId, stale.dim).run();
    }
    return true;
  }
  const dim = await db
    .prepare('SELECT name, cursor FROM segment_dims WHERE site_id = ? AND ready = 0 ORDER BY name LIMIT 1')
    .bind(siteId)
    .first<{ name: string; cursor: string }>();
  if (!dim) return false;
  const from = Number(dim.cursor) || 0;
  const key = `a:${dim.name}`;
  const value = `CAST(json_extract(r.attributes, '$."' || ?2 || '"') AS TEXT)`;
  const chunk = `SELECT r.rowid AS rid, r.* FROM responses r WHERE r.site_id = ?1 AND r.rowid > ?3
                 ORDER BY r.rowid LIMIT ${BACKFILL_CHUNK}`;
  // The chunk's values, most frequent first, admitted while the attribute has fewer than 50.
  const { results: seen } = await db
    .prepare(
      `SELECT ${value} AS value, COUNT(*) AS n FROM (${chunk}) AS r
       WHERE r.attributes IS NOT NULL AND ${value} IS NOT NULL GROUP BY 1 ORDER BY n DESC, value`,
    )
    .bind(siteId, dim.name, from)
    .all<{ value: string }>();
  const { results: have } = await db
    .prepare('SELECT value FROM segment_values WHERE site_id = ? AND dim = ?')
    .bind(siteId, key)
    .all<{ value: string }>();
  const known = new Set(have.map((h) => h.value));
  const admit: string[] = [];
  for (const s of seen) if (!known.has(s.value) && known.size + admit.length < VALUE_CAP) admit.push(s.value);
  const [, , last] = await db.batch<{ rid: number | null }>([
    db
      .prepare(`INSERT OR IGNORE INTO segment_values (site_id, dim, value) SELECT ?, ?, value FROM json_each(?)`)
      .bind(siteId, key, JSON.stringify(admit)),
    // OR IGNORE: a response written since the declaration was already counted by its trigger.
    db
      .prepare(
        `INSERT OR IGNORE INTO response_dims (response_id, dim, value, survey_id, touchpoint, day, answered, completed)
         SELECT r.id, ?4, v.value, r.survey_id, r.touchpoint, r.day, r.answered, r.completed
         FROM (${chunk}) AS r JOIN segment_values v ON v.site_id = ?1 AND v.dim = ?4 AND v.value = ${value}
         WHERE r.attributes IS NOT NULL`,
      )
      .bind(siteId, dim.name, from, key),
    db.prepare(`SELECT MAX(rid) AS rid FROM (${chunk})`).bind(siteId, dim.name, from),
  ]);
  const next = last?.results[0]?.rid ?? null;
  await db
    .prepare('UPDATE segment_dims SET cursor = ?, ready = ? WHERE site_id = ? AND name = ?')
    .bind(String(next ?? from), next === null ? 1 : 0, siteId, dim.name)
    .run();
  return true;
}

/** Sites with backfill work left (declared attributes not ready, or values of dropped ones). */
export async function sitesWithBackfill(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT site_id FROM segment_dims WHERE ready = 0
       UNION SELECT v.site_id FROM segment_values v
         WHERE NOT EXISTS (SELECT 1 FROM segment_dims d WHERE d.site_id = v.site_id AND 'a:' || d.name = v.dim)
       LIMIT 20`,
    )
    .all<{ site_id: string }>();
  return results.map((r) => r.site_id);
}

/** Runs backfill steps for a site until done or `budgetMs` is spent (the cron picks up the rest). */
export async function runBackfill(db: D1Database, siteId: string, budgetMs = 20_000): Promise<void> {
  const end = Date.now() + budgetMs;
  while (Date.now() < end && (await backfillStep(db, siteId))) {
    /* next chunk */
  }
}
