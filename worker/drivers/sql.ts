/** The rows key drivers are computed from: a survey's latest responses in a range, with their scored and choice answers. */
export type DriverRow = {
  id: string;
  touchpoint: string;
  attributes: string | null;
  question_id: string | null;
  num: number | null;
  choices: string | null;
};

export async function driverRows(
  db: D1Database,
  f: { siteId: string; surveyId: string; from: string; to: string; cap: number },
): Promise<DriverRow[]> {
  const { results } = await db
    .prepare(
      `WITH rs AS (
         SELECT id, touchpoint, attributes FROM responses
         WHERE survey_id = ?1 AND site_id = ?2 AND day >= ?3 AND day <= ?4 AND answered = 1
         ORDER BY created_at DESC LIMIT ?5)
       SELECT rs.id, rs.touchpoint, rs.attributes, a.question_id, a.num, a.choices
       FROM rs LEFT JOIN answers a ON a.response_id = rs.id AND (a.num IS NOT NULL OR a.choices IS NOT NULL)`,
    )
    .bind(f.surveyId, f.siteId, f.from, f.to, f.cap)
    .all<DriverRow>();
  return results;
}
