import type { Touchpoint } from '../../shared/schemas/api';

export async function listTouchpoints(db: D1Database, siteId: string): Promise<Touchpoint[]> {
  const { results } = await db
    .prepare('SELECT key, name, stage FROM touchpoints WHERE site_id = ? ORDER BY created_at, key')
    .bind(siteId)
    .all<Touchpoint>();
  return results;
}

/** Creates or renames a touchpoint (its key is its identity). */
export async function upsertTouchpoint(db: D1Database, siteId: string, t: Touchpoint, now = Date.now()) {
  await db
    .prepare(
      `INSERT INTO touchpoints (site_id, key, name, stage, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (site_id, key) DO UPDATE SET name = excluded.name, stage = excluded.stage`,
    )
    .bind(siteId, t.key, t.name, t.stage, now)
    .run();
}
