import type { Channel } from '../../shared/schemas/invitation';
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
  /** How it arrived: 'web', or the channel of the invitation it carries. */
  channel: Channel;
  /** The invitation the post carries (only posts with the same one merge into the response). */
  invitationId: string | null;
  /** The invitation is a personal link: its status follows the response (started, completed). */
  personal: boolean;
  day: string;
  /** When the post was received (unix ms): created/updated/completed times. */
  receivedAt: number;
  /**
   * SHA-256 (hex) of the post's write secret; null without one, and for posts through a personal
   * invitation, whose signed token is the capability (it may be opened again on another device).
   */
  secretHash: string | null;
  answers: (StoredAnswer & { sentiment: SentimentLabel | null; topics?: string[] | null })[];
  /** Version of the topic list the answers' topics come from (null: not tagged). */
  topicsVersion?: number | null;
  /**
   * Id for the work after this post (alerts, webhooks), recorded in `pending_work` in the same
   * transaction when the site has a webhook; null: the site had none when its settings were read.
   */
  workId?: string | null;
};

const SENTIMENT = { positive: 1, neutral: 0, negative: -1 } as const;

/** Which survey a response id already belongs to, if any (an id is never reused across surveys), and who may write to it. */
export async function responseOwner(db: D1Database, id: string) {
  return db
    .prepare('SELECT site_id, survey_id, invitation_id, secret_hash, completed FROM responses WHERE id = ?')
    .bind(id)
    .first<{
      site_id: string;
      survey_id: string;
      invitation_id: string | null;
      secret_hash: string | null;
      completed: 0 | 1;
    }>();
}

/** A stored response's respondent and answers as written (to tell a plain retry from a rewrite). */
export async function storedForResend(db: D1Database, id: string) {
  const [r, a] = await db.batch<{ respondent_id: string | null } & AnswerValue>([
    db.prepare('SELECT respondent_id FROM responses WHERE id = ?').bind(id),
    db.prepare('SELECT question_id, num, text, choices FROM answers WHERE response_id = ?').bind(id),
  ]);
  const row = r?.results[0];
  if (!row) return null;
  return { respondentId: row.respondent_id, answers: (a?.results ?? []) as AnswerValue[] };
}

/** `choices` is the stored JSON text. */
type AnswerValue = { question_id: string; num: number | null; text: string | null; choices: string | null };

/** One post as the batch statements read it (`json_each`): short keys, values ready to store. */
type PostJson = {
  id: string;
  site: string;
  survey: string;
  v: number;
  tp: string;
  rid: string | null;
  attrs: string | null;
  loc: string | null;
  path: string | null;
  ref: string | null;
  done: 0 | 1;
  any: 0 | 1;
  ch: Channel;
  inv: string | null;
  pi: 0 | 1;
  day: string;
  at: number;
  sh: string | null;
  kv: number | null;
  wk: string | null;
  a: { q: string; n: number | null; t: string | null; c: string | null; s: -1 | 0 | 1 | null; k: string | null }[];
};

const postJson = (r: ResponseWrite): PostJson => ({
  id: r.id,
  site: r.siteId,
  survey: r.surveyId,
  v: r.surveyVersion,
  tp: r.touchpoint,
  rid: r.respondentId,
  attrs: r.attributes ? JSON.stringify(r.attributes) : null,
  loc: r.locale,
  path: r.path,
  ref: r.referrerHost,
  done: r.completed ? 1 : 0,
  any: r.answers.length > 0 ? 1 : 0,
  ch: r.channel,
  inv: r.invitationId,
  pi: r.personal ? 1 : 0,
  day: r.day,
  at: r.receivedAt,
  sh: r.secretHash,
  kv: r.topicsVersion ?? null,
  wk: r.workId ?? null,
  a: r.answers.map((a) => ({
    q: a.questionId,
    n: a.num,
    t: a.text,
    c: a.choices ? JSON.stringify(a.choices) : null,
    s: a.sentiment ? SENTIMENT[a.sentiment] : null,
    k: a.topics ? JSON.stringify(a.topics) : null,
  })),
});

/** What a write to the responses tables did with one post. */
export type WriteOutcome = 'new' | 'merged' | 'foreign';

/** A post's outcome, and whether its after-work was recorded (`pending_work`) with it. */
export type WriteResult = { outcome: WriteOutcome; work: boolean };

/**
 * The work after one post as `pending_work.post` keeps it: what alert rules and webhooks read
 * (survey, touchpoint, whether it completed the response, its answers as the write stored them).
 */
export type PendingPostJson = {
  survey: string;
  tp: string;
  done: 0 | 1;
  a: PostJson['a'];
};

/** Bytes a post adds to a batch's bound JSON (the group commit caps a batch by this). */
export const writeSize = (r: ResponseWrite) =>
  200 + r.answers.reduce((n, a) => n + 40 + a.questionId.length + (a.text?.length ?? 0) * 3, 0);

/**
 * Stores several posts in one D1 batch (one transaction), each inserted or merged into its stored
 * response:
 * - the response row is upserted on the client's UUID: `completed` only ever goes 0 → 1, the
 *   respondent and attributes are kept unless new ones are sent; touchpoint and day stay as first
 *   received (rollups are keyed by them);
 * - each answer is stored once per (response, question): a resend replaces the value, never adds a
 *   row. Answers take touchpoint/day from the stored response row, so two racing first posts agree.
 * Rollups follow through the schema's triggers. Posts must have distinct ids (the group commit
 * never puts one id twice in a batch).
 *
 * Every statement reads all posts from one bound JSON array (`json_each`), so a batch of any size
 * is three statements: D1 compiles each statement, with the triggers it may fire, once per query,
 * and that compile is most of a small write's cost. New answers are inserted with DO NOTHING; only
 * when some answers were already stored (a retry, or a changed answer) does a fourth statement
 * update those whose value differs, so only such posts compile the large answers_au trigger.
 *
 * Outcome per post: the upsert's WHERE refuses an id that belongs to another survey, or to another
 * invitation (or to none, for a post carrying one, and the other way round), or whose writer is
 * someone else: a response created with a write secret merges only posts with the same secret (its
 * SHA-256 is stored), one created without a secret merges posts only while it is not completed
 * (no RETURNING row: 'foreign', and the answers' insert, which requires the same conditions, adds
 * nothing); an id not there before the batch is 'new'; otherwise 'merged'.
 *
 * Posts through a personal invitation also move the invitation on (pending → started with the
 * first answer → completed), in the same transaction, so its status never disagrees with its response.
 */
export async function writeResponses(db: D1Database, writes: ResponseWrite[]): Promise<WriteResult[]> {
  const posts = writes.map(postJson);
  const json = JSON.stringify(posts);
  const personal = posts.some((p) => p.pi === 1);
  const work = posts.some((p) => p.wk !== null);
  const [before, upserted, inserted, recorded] = await db.batch<{ id: string }>([
    db.prepare("SELECT id FROM responses WHERE id IN (SELECT value ->> '$.id' FROM json_each(?1))").bind(json),
    db
      .prepare(
        `INSERT INTO responses (id, site_id, survey_id, survey_version, touchpoint, respondent_id, attributes,
           locale, path, referrer_host, completed, answered, channel, invitation_id, day, created_at, updated_at,
           completed_at, secret_hash)
         SELECT p.value ->> '$.id', p.value ->> '$.site', p.value ->> '$.survey', p.value ->> '$.v',
           p.value ->> '$.tp', p.value ->> '$.rid', p.value ->> '$.attrs', p.value ->> '$.loc',
           p.value ->> '$.path', p.value ->> '$.ref', p.value ->> '$.done', p.value ->> '$.any',
           p.value ->> '$.ch', p.value ->> '$.inv', p.value ->> '$.day', p.value ->> '$.at', p.value ->> '$.at',
           CASE WHEN p.value ->> '$.done' = 1 THEN p.value ->> '$.at' END, p.value ->> '$.sh'
         -- The survey must still exist: another isolate may have cached one deleted since (then no
         -- row: the post is refused with a 404, never a foreign-key failure).
         FROM json_each(?1) AS p
           JOIN surveys AS s ON s.id = p.value ->> '$.survey' AND s.site_id = p.value ->> '$.site'
         WHERE true
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
         WHERE responses.survey_id = excluded.survey_id AND responses.invitation_id IS excluded.invitation_id
           AND (responses.secret_hash = excluded.secret_hash
             OR (responses.secret_hash IS NULL AND responses.completed = 0))
         RETURNING id`,
      )
      .bind(json),
    // All answers of all posts in one statement; those already stored are skipped here and updated below.
    db
      .prepare(
        `INSERT INTO answers (response_id, question_id, survey_id, touchpoint, day, num, text, choices,
           sentiment, topics, topics_version, created_at, updated_at)
         SELECT r.id, a.value ->> '$.q', r.survey_id, r.touchpoint, r.day, a.value ->> '$.n',
           a.value ->> '$.t', a.value ->> '$.c', a.value ->> '$.s', a.value ->> '$.k',
           CASE WHEN a.value ->> '$.k' IS NULL THEN NULL ELSE p.value ->> '$.kv' END,
           p.value ->> '$.at', p.value ->> '$.at'
         FROM json_each(?1) AS p
           JOIN responses AS r ON r.id = p.value ->> '$.id' AND r.survey_id = p.value ->> '$.survey'
             AND r.invitation_id IS p.value ->> '$.inv'
             -- The same writer as the upsert above let through: the response's secret, or no secret on a
             -- response that was still open (or that this very post completed).
             AND (r.secret_hash = p.value ->> '$.sh'
               OR (r.secret_hash IS NULL AND (r.completed = 0 OR r.completed_at = p.value ->> '$.at')))
           JOIN json_each(p.value, '$.a') AS a
         WHERE true
         ON CONFLICT (response_id, question_id) DO NOTHING
         RETURNING response_id AS id`,
      )
      .bind(json),
    // The work after each accepted post (alerts, webhooks), in the same transaction as the post: if
    // the Worker stops or D1 fails after the 202, the cron finds it here (alerts/pending.ts). Only
    // posts the writer checks above let through, and only while the site has a webhook.
    ...(work
      ? [
          db
            .prepare(
              `INSERT INTO pending_work (id, response_id, site_id, post, attempts, created_at)
               SELECT p.value ->> '$.wk', r.id, r.site_id,
                 json_object('survey', r.survey_id, 'tp', r.touchpoint, 'done', p.value ->> '$.done',
                   'a', json(p.value -> '$.a')),
                 0, p.value ->> '$.at'
               FROM json_each(?1) AS p
                 JOIN responses AS r ON r.id = p.value ->> '$.id' AND r.survey_id = p.value ->> '$.survey'
                   AND r.invitation_id IS p.value ->> '$.inv'
                   AND (r.secret_hash = p.value ->> '$.sh'
                     OR (r.secret_hash IS NULL AND (r.completed = 0 OR r.completed_at = p.value ->> '$.at')))
               WHERE p.value ->> '$.wk' IS NOT NULL
                 AND EXISTS (SELECT 1 FROM webhooks AS w WHERE w.site_id = r.site_id)
               RETURNING id`,
            )
            .bind(json),
        ]
      : []),
    ...(personal
      ? [
          db
            .prepare(
              `UPDATE invitations SET
                 status = CASE WHEN j.done = 1 THEN 'completed' WHEN j.any = 1 THEN 'started' ELSE invitations.status END,
                 response_id = j.id,
                 started_at = CASE WHEN j.any = 1 THEN COALESCE(started_at, j.at) ELSE started_at END,
                 completed_at = CASE WHEN j.done = 1 THEN j.at ELSE completed_at END
               FROM (SELECT p.value ->> '$.inv' AS inv, p.value ->> '$.id' AS id, p.value ->> '$.done' AS done,
                       p.value ->> '$.any' AS any, p.value ->> '$.at' AS at
                     FROM json_each(?1) AS p WHERE p.value ->> '$.pi' = 1) AS j
               WHERE invitations.id = j.inv AND invitations.status IN ('pending', 'started')
                 AND EXISTS (SELECT 1 FROM responses r WHERE r.id = j.id AND r.invitation_id = j.inv)`,
            )
            .bind(json),
        ]
      : []),
  ]);
  const existed = new Set(before?.results.map((r) => r.id));
  const stored = new Set(upserted?.results.map((r) => r.id));
  const newAnswers = new Map<string, number>();
  for (const { id } of inserted?.results ?? []) newAnswers.set(id, (newAnswers.get(id) ?? 0) + 1);
  // Resends: answers already stored take the new value when it differs (the update trigger moves
  // the rollups); identical ones are left untouched.
  const resent = posts.filter((p) => stored.has(p.id) && (newAnswers.get(p.id) ?? 0) < p.a.length);
  if (resent.length) {
    await db
      .prepare(
        `UPDATE answers SET num = j.n, text = j.t, choices = j.c, sentiment = j.s, topics = j.k,
           topics_version = CASE WHEN j.k IS NULL THEN NULL ELSE j.kv END, updated_at = j.at
         FROM (SELECT p.value ->> '$.id' AS rid, p.value ->> '$.at' AS at, a.value ->> '$.q' AS q,
                 a.value ->> '$.n' AS n, a.value ->> '$.t' AS t, a.value ->> '$.c' AS c, a.value ->> '$.s' AS s,
                 a.value ->> '$.k' AS k, p.value ->> '$.kv' AS kv
               FROM json_each(?1) AS p JOIN json_each(p.value, '$.a') AS a) AS j
         WHERE answers.response_id = j.rid AND answers.question_id = j.q
           AND (answers.num IS NOT j.n OR answers.text IS NOT j.t OR answers.choices IS NOT j.c)`,
      )
      .bind(JSON.stringify(resent))
      .run();
  }
  const worked = new Set(work ? recorded?.results.map((r) => r.id) : []);
  return posts.map((p) => ({
    outcome: !stored.has(p.id) ? 'foreign' : existed.has(p.id) ? 'merged' : 'new',
    work: p.wk !== null && worked.has(p.wk),
  }));
}

/**
 * Erases every response (and so every answer, case and pending after-work, via cascade and
 * triggers) of one respondent of one site, with every webhook delivery that carries one of those
 * responses (the log and any retry still pending; their attempts by cascade), in one transaction.
 * A queued message for an erased delivery finds no row and is dropped.
 */
export async function eraseRespondent(db: D1Database, siteId: string, respondentId: string): Promise<number> {
  const [, erased] = await db.batch([
    db
      .prepare(
        `DELETE FROM deliveries WHERE response_id IN
           (SELECT id FROM responses WHERE site_id = ?1 AND respondent_id = ?2)
           AND webhook_id IN (SELECT id FROM webhooks WHERE site_id = ?1)`,
      )
      .bind(siteId, respondentId),
    // RETURNING counts the responses themselves (meta.changes would also count cascaded rows).
    db.prepare('DELETE FROM responses WHERE site_id = ? AND respondent_id = ? RETURNING id').bind(siteId, respondentId),
  ]);
  return erased?.results.length ?? 0;
}
