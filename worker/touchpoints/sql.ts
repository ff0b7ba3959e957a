import type { Touchpoint, TouchpointInput, TouchpointPatch } from '../../shared/schemas/api';

type Row = { key: string; name: string; stage: Touchpoint['stage']; names: string | null; archived_at: number | null };

const toTouchpoint = (r: Row): Touchpoint => ({
  key: r.key,
  name: r.name,
  stage: r.stage,
  ...(r.names ? { names: JSON.parse(r.names) as Record<string, string> } : {}),
  ...(r.archived_at ? { archived: true } : {}),
});

export async function listTouchpoints(db: D1Database, siteId: string): Promise<Touchpoint[]> {
  const { results } = await db
    .prepare('SELECT key, name, stage, names, archived_at FROM touchpoints WHERE site_id = ? ORDER BY created_at, key')
    .bind(siteId)
    .all<Row>();
  return results.map(toTouchpoint);
}

export async function getTouchpoint(db: D1Database, siteId: string, key: string): Promise<Touchpoint | null> {
  const row = await db
    .prepare('SELECT key, name, stage, names, archived_at FROM touchpoints WHERE site_id = ? AND key = ?')
    .bind(siteId, key)
    .first<Row>();
  return row ? toTouchpoint(row) : null;
}

/** Creates or updates a touchpoint (its key is its identity); an archived one is restored. */
export async function upsertTouchpoint(db: D1Database, siteId: string, t: TouchpointInput, now = Date.now()) {
  await db
    .prepare(
      `INSERT INTO touchpoints (site_id, key, name, stage, names, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (site_id, key) DO UPDATE SET name = excluded.name, stage = excluded.stage,
         names = coalesce(excluded.names, touchpoints.names), archived_at = NULL`,
    )
    .bind(siteId, t.key, t.name, t.stage, t.names ? JSON.stringify(t.names) : null, now)
    .run();
}

/** Applies a patch; false when there is no such touchpoint. */
export async function patchTouchpoint(
  db: D1Database,
  siteId: string,
  key: string,
  p: TouchpointPatch,
  now = Date.now(),
): Promise<boolean> {
  const archived = p.archived === undefined ? null : p.archived ? now : 0;
  const r = await db
    .prepare(
      `UPDATE touchpoints SET name = coalesce(?, name), stage = coalesce(?, stage), names = coalesce(?, names),
         archived_at = CASE WHEN ? IS NULL THEN archived_at WHEN ? = 0 THEN NULL ELSE coalesce(archived_at, ?) END
       WHERE site_id = ? AND key = ?`,
    )
    .bind(
      p.name ?? null,
      p.stage ?? null,
      p.names ? JSON.stringify(p.names) : null,
      archived,
      archived,
      archived,
      siteId,
      key,
    )
    .run();
  return r.meta.changes > 0;
}

/**
 * Deletes a touchpoint without answers, in one statement so an answer arriving meanwhile can't be
 * orphaned: 'deleted', 'missing', or 'in_use' (answers name it: archive instead).
 */
export async function deleteTouchpoint(
  db: D1Database,
  siteId: string,
  key: string,
): Promise<'deleted' | 'missing' | 'in_use'> {
  const [del, exists] = await db.batch([
    db
      .prepare(
        // the rollups (a row a survey, day and touchpoint) say whether any answer names it, without
        // scanning the responses
        `DELETE FROM touchpoints WHERE site_id = ? AND key = ?
           AND NOT EXISTS (SELECT 1 FROM response_rollups r JOIN surveys s ON s.id = r.survey_id
                           WHERE s.site_id = ? AND r.touchpoint = ?)`,
      )
      .bind(siteId, key, siteId, key),
    db.prepare('SELECT 1 AS x FROM touchpoints WHERE site_id = ? AND key = ?').bind(siteId, key),
  ]);
  if (del!.meta.changes > 0) return 'deleted';
  return exists!.results.length ? 'in_use' : 'missing';
}
