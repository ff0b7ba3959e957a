import type { Question, Survey } from '../../shared/schemas/survey';

type SurveyRow = {
  id: string;
  site_id: string;
  name: string;
  status: Survey['status'];
  definition: string;
  version: number;
  created_at: number;
  updated_at: number;
};

/** The parts of a survey kept in the `definition` JSON column. */
export type Definition = Pick<Survey, 'questions' | 'targeting' | 'locales' | 'theme' | 'thankYou' | 'names'>;

export const toSurvey = (r: SurveyRow): Survey => {
  const d = JSON.parse(r.definition) as Definition;
  return {
    id: r.id,
    name: r.name,
    ...(d.names ? { names: d.names } : {}),
    status: r.status,
    version: r.version,
    questions: d.questions,
    ...(d.targeting ? { targeting: d.targeting } : {}),
    ...(d.locales ? { locales: d.locales } : {}),
    ...(d.theme ? { theme: d.theme } : {}),
    ...(d.thankYou ? { thankYou: d.thankYou } : {}),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
};

export const definitionOf = (s: Definition): string =>
  JSON.stringify({
    questions: s.questions,
    targeting: s.targeting,
    locales: s.locales,
    theme: s.theme,
    thankYou: s.thankYou,
    names: s.names,
  });

export async function listSurveys(db: D1Database, siteId: string, status?: Survey['status']): Promise<Survey[]> {
  const stmt = status
    ? db.prepare('SELECT * FROM surveys WHERE site_id = ? AND status = ? ORDER BY created_at').bind(siteId, status)
    : db.prepare('SELECT * FROM surveys WHERE site_id = ? ORDER BY created_at').bind(siteId);
  const { results } = await stmt.all<SurveyRow>();
  return results.map(toSurvey);
}

export async function getSurvey(db: D1Database, siteId: string, id: string): Promise<Survey | null> {
  const r = await db.prepare('SELECT * FROM surveys WHERE id = ? AND site_id = ?').bind(id, siteId).first<SurveyRow>();
  return r ? toSurvey(r) : null;
}

export async function insertSurvey(
  db: D1Database,
  siteId: string,
  s: { id: string; name: string; status: Survey['status'] } & Definition,
  now = Date.now(),
): Promise<void> {
  await db
    .prepare(
      'INSERT INTO surveys (id, site_id, name, status, definition, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
    )
    .bind(s.id, siteId, s.name, s.status, definitionOf(s), now, now)
    .run();
}

export async function updateSurvey(db: D1Database, siteId: string, s: Survey, now = Date.now()): Promise<void> {
  await db
    .prepare(
      'UPDATE surveys SET name = ?, status = ?, definition = ?, version = version + 1, updated_at = ? WHERE id = ? AND site_id = ?',
    )
    .bind(s.name, s.status, definitionOf(s), now, s.id, siteId)
    .run();
}

/** Deletes a survey with its responses and answers (cascade) and its rollups. */
export async function deleteSurvey(db: D1Database, siteId: string, id: string): Promise<boolean> {
  const owned = await db.prepare('SELECT 1 FROM surveys WHERE id = ? AND site_id = ?').bind(id, siteId).first();
  if (!owned) return false;
  await db.batch([
    db.prepare('DELETE FROM surveys WHERE id = ? AND site_id = ?').bind(id, siteId),
    ...['answer_rollups', 'response_rollups', 'question_rollups', 'choice_rollups'].map((t) =>
      db.prepare(`DELETE FROM ${t} WHERE survey_id = ?`).bind(id),
    ),
  ]);
  return true;
}

/** The survey's first question of each scored type: where NPS, CSAT and CES come from. */
export function metricQuestions(questions: readonly Question[]): { nps?: string; csat?: string; ces?: string } {
  const out: { nps?: string; csat?: string; ces?: string } = {};
  for (const q of questions) {
    if ((q.type === 'nps' || q.type === 'csat' || q.type === 'ces') && !out[q.type]) out[q.type] = q.id;
  }
  return out;
}

/** For the collector: a survey by id within a site, with only what validation and the contact policy need. */
export async function getSurveyForCollect(
  db: D1Database,
  siteId: string,
  id: string,
): Promise<{ status: Survey['status']; version: number; questions: Question[]; repeatEveryDays?: number } | null> {
  const r = await db
    .prepare('SELECT status, version, definition FROM surveys WHERE id = ? AND site_id = ?')
    .bind(id, siteId)
    .first<{ status: Survey['status']; version: number; definition: string }>();
  if (!r) return null;
  const d = JSON.parse(r.definition) as Definition;
  const repeat = d.targeting?.repeatEveryDays;
  return {
    status: r.status,
    version: r.version,
    questions: d.questions,
    ...(repeat ? { repeatEveryDays: repeat } : {}),
  };
}
