/** SQL of the time-zone restamp (worker/sites/rezone.ts). */

export type RezoneState = { timeZone: string; rezoneAt: number | null; cursor: string | null };

export async function rezoneState(db: D1Database, siteId: string): Promise<RezoneState | null> {
  const r = await db
    .prepare('SELECT time_zone, rezone_at, rezone_cursor FROM sites WHERE id = ?')
    .bind(siteId)
    .first<{ time_zone: string; rezone_at: number | null; rezone_cursor: string | null }>();
  return r ? { timeZone: r.time_zone, rezoneAt: r.rezone_at, cursor: r.rezone_cursor } : null;
}

/** The site's first survey id after `after` (ids in order), or null when none is left. */
export async function nextSurvey(db: D1Database, siteId: string, after: string): Promise<string | null> {
  const r = await db
    .prepare('SELECT id FROM surveys WHERE site_id = ? AND id > ? ORDER BY id LIMIT 1')
    .bind(siteId, after)
    .first<{ id: string }>();
  return r?.id ?? null;
}

/** A chunk of a survey's responses after (at, id), in (created_at, id) order: one index range. */
export async function responsesAfter(db: D1Database, surveyId: string, at: number, id: string, limit: number) {
  const { results } = await db
    .prepare(
      `SELECT id, created_at, day FROM responses
       WHERE survey_id = ?1 AND (created_at > ?2 OR (created_at = ?2 AND id > ?3))
       ORDER BY created_at, id LIMIT ?4`,
    )
    .bind(surveyId, at, id, limit)
    .all<{ id: string; created_at: number; day: string }>();
  return results;
}

/**
 * Moves responses (and their answers) to their days in `zone`, and saves the cursor, in one
 * transaction — only while the site's zone and change are still the ones the days were computed
 * for (a newer change restarts the restamp). The update triggers move every rollup's counts.
 */
export async function restamp(
  db: D1Database,
  siteId: string,
  zone: string,
  rezoneAt: number,
  moves: readonly [string, string][],
  cursor: string | null,
): Promise<void> {
  const json = JSON.stringify(moves);
  const current = 'EXISTS (SELECT 1 FROM sites WHERE id = ?2 AND time_zone = ?3 AND rezone_at = ?4)';
  const stmts = moves.length
    ? [
        db
          .prepare(
            `UPDATE responses SET day = j.value ->> 1 FROM json_each(?1) AS j
             WHERE responses.id = j.value ->> 0 AND responses.day <> j.value ->> 1 AND ${current}`,
          )
          .bind(json, siteId, zone, rezoneAt),
        db
          .prepare(
            `UPDATE answers SET day = (SELECT r.day FROM responses r WHERE r.id = answers.response_id)
             WHERE response_id IN (SELECT j.value ->> 0 FROM json_each(?1) AS j)
               AND day <> (SELECT r.day FROM responses r WHERE r.id = answers.response_id) AND ${current}`,
          )
          .bind(json, siteId, zone, rezoneAt),
      ]
    : [];
  await db.batch([
    ...stmts,
    db
      .prepare(
        `UPDATE sites SET rezone_cursor = ?1, rezone_at = CASE WHEN ?1 IS NULL THEN NULL ELSE rezone_at END
         WHERE id = ?2 AND time_zone = ?3 AND rezone_at = ?4`,
      )
      .bind(cursor, siteId, zone, rezoneAt),
  ]);
}

/** Sites whose stored days are still being restamped (the cron resumes them). */
export async function sitesRezoning(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare('SELECT id FROM sites WHERE rezone_at IS NOT NULL LIMIT 20')
    .all<{ id: string }>();
  return results.map((r) => r.id);
}
