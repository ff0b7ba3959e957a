import type { Attributes, StoredAnswer } from '../../shared/schemas/response';
import type { SentimentLabel } from '../../shared/sentiment';

export type ResponseWrite = {
  id: string;
  siteId: string;
  surveyId: string;
  surveyVersion: number;
  touchpoint: string;
  respondentId: string | null;
  attributes: Attributes | null;
  locale: string | null;
  path: string | null;
  referrerHost: string | null;
  completed: boolean;
  day: string;
  answers: (StoredAnswer & { sentiment: SentimentLabel | null })[];
};

const SENTIMENT = { positive: 1, neutral: 0, negative: -1 } as const;

/** Which survey a response id already belongs to, if any (an id is never reused across surveys). */
export async function responseOwner(db: D1Database, id: string) {
  return db
    .prepare('SELECT site_id, survey_id FROM responses WHERE id = ?')
    .bind(id)
    .first<{ site_id: string; survey_id: string }>();
}

type AnswerJson = { q: string; n: number | null; t: string | null; c: string | null; s: -1 | 0 | 1 | null };

/** The answers as one JSON array, bound as a single parameter and read back with json_each. */
const answersJson = (answers: ResponseWrite['answers']) =>
  JSON.stringify(
    answers.map(
      (a): AnswerJson => ({
        q: a.questionId,
        n: a.num,
        t: a.text,
        c: a.choices ? JSON.stringify(a.choices) : null,
        s: a.sentiment ? SENTIMENT[a.sentiment] : null,
      }),
    ),
  );

/**
 * Inserts a response or merges into the stored one:
 * - the response row is upserted on the client's UUID: `completed` only ever goes 0 → 1, the
 *   respondent and attributes are kept unless new ones are sent; touchpoint and day stay as first
 *   received (rollups are keyed by them);
 * - each answer is stored once per (response, question): a resend replaces the value, never adds a
 *   row. Answers take touchpoint/day from the stored response row, so two racing first posts agree.
 * Rollups follow through the schema's triggers.
 *
 * The usual post needs one round trip: a D1 batch (one transaction) of the response upsert and a
 * plain insert of answers not stored yet. Only when some answers already exist (a retry, or an
 * answer changed) does a second statement update those whose value differs. Why split: D1 compiles
 * every statement with the triggers it may fire, and an answers upsert would compile the large
 * answers_au trigger on every post; this way only posts that can change an answer pay for it.
 *
 * The upsert's RETURNING tells the outcome: no row means the id belongs to another survey (its
 * WHERE refused the update, and the answers' INSERT … SELECT, which requires the same survey, adds
 * nothing); a row created in this very write is new; otherwise a merge.
 */
export async function upsertResponse(
  db: D1Database,
  r: ResponseWrite,
  now = Date.now(),
): Promise<'new' | 'merged' | 'foreign'> {
  const json = r.answers.length ? answersJson(r.answers) : null;
  const stmts = [
    db
      .prepare(
        `INSERT INTO responses (id, site_id, survey_id, survey_version, touchpoint, respondent_id, attributes,
           locale, path, referrer_host, completed, answered, day, created_at, updated_at, completed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET
           completed = MAX(completed, excluded.completed),
           answered = MAX(answered, excluded.answered),
           completed_at = COALESCE(completed_at, excluded.completed_at),
           respondent_id = COALESCE(excluded.respondent_id, respondent_id),
           attributes = COALESCE(excluded.attributes, attributes),
           locale = COALESCE(locale, excluded.locale),
           path = COALESCE(path, excluded.path),
           survey_version = excluded.survey_version,
           updated_at = excluded.updated_at
         WHERE responses.survey_id = excluded.survey_id
         RETURNING created_at`,
      )
      .bind(
        r.id,
        r.siteId,
        r.surveyId,
        r.surveyVersion,
        r.touchpoint,
        r.respondentId,
        r.attributes ? JSON.stringify(r.attributes) : null,
        r.locale,
        r.path,
        r.referrerHost,
        r.completed ? 1 : 0,
        r.answers.length > 0 ? 1 : 0,
        r.day,
        now,
        now,
        r.completed ? now : null,
      ),
    // All answers in one statement; those already stored are skipped here and updated below.
    ...(json
      ? [
          db
            .prepare(
              `INSERT INTO answers (response_id, question_id, survey_id, touchpoint, day, num, text, choices,
                 sentiment, created_at, updated_at)
               SELECT r.id, j.value ->> '$.q', r.survey_id, r.touchpoint, r.day, j.value ->> '$.n',
                 j.value ->> '$.t', j.value ->> '$.c', j.value ->> '$.s', ?, ?
               FROM responses AS r, json_each(?) AS j WHERE r.id = ? AND r.survey_id = ?
               ON CONFLICT (response_id, question_id) DO NOTHING
               RETURNING question_id`,
            )
            .bind(now, now, json, r.id, r.surveyId),
        ]
      : []),
  ];
  const [upsert, inserted] = await db.batch<{ created_at: number; question_id: string }>(stmts);
  const row = upsert?.results[0];
  if (!row) return 'foreign';
  if (json && (inserted?.results.length ?? 0) < r.answers.length) {
    // A resend: answers already stored take the new value when it differs (the update trigger
    // moves the rollups); identical ones are left untouched.
    await db
      .prepare(
        `UPDATE answers SET num = j.value ->> '$.n', text = j.value ->> '$.t', choices = j.value ->> '$.c',
           sentiment = j.value ->> '$.s', updated_at = ?
         FROM json_each(?) AS j
         WHERE answers.response_id = ? AND answers.question_id = j.value ->> '$.q'
           AND (answers.num IS NOT j.value ->> '$.n' OR answers.text IS NOT j.value ->> '$.t'
             OR answers.choices IS NOT j.value ->> '$.c')`,
      )
      .bind(now, json, r.id)
      .run();
  }
  return row.created_at === now ? 'new' : 'merged';
}

/** Erases every response (and so every answer, via cascade and triggers) of one respondent of one site. */
export async function eraseRespondent(db: D1Database, siteId: string, respondentId: string): Promise<number> {
  // RETURNING counts the responses themselves (meta.changes would also count cascaded rows).
  const { results } = await db
    .prepare('DELETE FROM responses WHERE site_id = ? AND respondent_id = ? RETURNING id')
    .bind(siteId, respondentId)
    .all();
  return results.length;
}
