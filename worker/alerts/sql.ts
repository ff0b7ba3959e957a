import type { AlertKindName, Sentiment } from '../../shared/schemas/api';
import type { Channel } from '../../shared/schemas/invitation';
import type { WebhookFormat } from '../webhooks/sql';

export type AlertMetric = 'nps' | 'csat' | 'mean';

export type AlertRow = {
  id: string;
  site_id: string;
  survey_id: string;
  question_id: string;
  kind: AlertKindName;
  min: number | null;
  max: number | null;
  sentiment: Sentiment | null;
  touchpoint: string | null;
  metric: AlertMetric | null;
  threshold: number | null;
  window_days: number | null;
  min_responses: number | null;
  fired_at: number | null;
  target_hours: number | null;
  webhook_id: string;
  created_at: number;
};

/** The columns a rule's kind fills in (kinds/*.ts `check`); the others stay NULL. */
export type AlertColumns = {
  min?: number | undefined;
  max?: number | undefined;
  sentiment?: Sentiment | undefined;
  touchpoint?: string | undefined;
  metric?: AlertMetric | undefined;
  threshold?: number | undefined;
  windowDays?: number | undefined;
  minResponses?: number | undefined;
  targetHours?: number | undefined;
};

export type AlertWrite = AlertColumns & {
  id: string;
  siteId: string;
  surveyId: string;
  questionId: string;
  kind: AlertKindName;
  webhookId: string;
};

/** Adds a rule unless the site already has `maxRules` (count and insert in one statement); false then. */
export async function insertAlert(db: D1Database, a: AlertWrite, maxRules: number, now = Date.now()): Promise<boolean> {
  const r = await db
    .prepare(
      `INSERT INTO alerts (id, site_id, survey_id, question_id, kind, min, max, sentiment, touchpoint, metric,
         threshold, window_days, min_responses, target_hours, webhook_id, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16
       WHERE (SELECT count(*) FROM alerts WHERE site_id = ?2) < ?17`,
    )
    .bind(
      a.id,
      a.siteId,
      a.surveyId,
      a.questionId,
      a.kind,
      a.min ?? null,
      a.max ?? null,
      a.sentiment ?? null,
      a.touchpoint ?? null,
      a.metric ?? null,
      a.threshold ?? null,
      a.windowDays ?? null,
      a.minResponses ?? null,
      a.targetHours ?? null,
      a.webhookId,
      now,
      maxRules,
    )
    .run();
  return r.meta.changes === 1;
}

export async function listAlerts(db: D1Database, siteId: string): Promise<AlertRow[]> {
  const { results } = await db
    .prepare('SELECT * FROM alerts WHERE site_id = ? ORDER BY created_at, id')
    .bind(siteId)
    .all<AlertRow>();
  return results;
}

export async function getAlert(db: D1Database, siteId: string, id: string): Promise<AlertRow | null> {
  return db.prepare('SELECT * FROM alerts WHERE id = ? AND site_id = ?').bind(id, siteId).first<AlertRow>();
}

export async function deleteAlert(db: D1Database, siteId: string, id: string): Promise<boolean> {
  const res = await db.prepare('DELETE FROM alerts WHERE id = ? AND site_id = ?').bind(id, siteId).run();
  return (res.meta.changes ?? 0) > 0;
}

/**
 * Marks a drop rule as firing at `at` unless it already is. Run in the batch that stores the alert's
 * delivery (whose insert requires `fired_at = at`): of concurrent or retried evaluations exactly one
 * claims the drop and sends it, and a failed batch claims nothing, so a retry can still send it.
 */
export function claimDropStmt(db: D1Database, id: string, at: number): D1PreparedStatement {
  return db.prepare('UPDATE alerts SET fired_at = ? WHERE id = ? AND fired_at IS NULL').bind(at, id);
}

/** The work after posts (alerts, webhooks) still to be done: recorded before `before`, oldest first. */
export async function duePendingWork(db: D1Database, before: number, maxAttempts: number, limit = 50) {
  const { results } = await db
    .prepare(
      `SELECT id, response_id, site_id, post, attempts FROM pending_work
       WHERE created_at < ? AND attempts < ? ORDER BY created_at LIMIT ?`,
    )
    .bind(before, maxAttempts, limit)
    .all<{ id: string; response_id: string; site_id: string; post: string; attempts: number }>();
  return results;
}

/** Counts a try before it is made, so work that keeps failing (or stops the Worker) ends up left alone. */
export async function countPendingAttempt(db: D1Database, id: string): Promise<void> {
  await db.prepare('UPDATE pending_work SET attempts = attempts + 1 WHERE id = ?').bind(id).run();
}

/** Done: run in the batch that stores the work's deliveries and case, so it is removed with their commit. */
export function donePendingStmt(db: D1Database, id: string): D1PreparedStatement {
  return db.prepare('DELETE FROM pending_work WHERE id = ?').bind(id);
}

/** The score is back at or above the threshold: the next drop alerts again. */
export async function rearmDrop(db: D1Database, id: string): Promise<void> {
  await db.prepare('UPDATE alerts SET fired_at = NULL WHERE id = ? AND fired_at IS NOT NULL').bind(id).run();
}

/** Counts per value (v0..v10) of a question over [from, to], for one touchpoint or all, from the rollups. */
export async function windowHistogram(
  db: D1Database,
  f: { surveyId: string; questionId: string; touchpoint: string | null; from: string; to: string },
): Promise<number[]> {
  const cols = Array.from({ length: 11 }, (_, v) => `COALESCE(SUM(v${v}), 0) AS v${v}`).join(', ');
  const row = await db
    .prepare(
      `SELECT ${cols} FROM answer_rollups WHERE survey_id = ? AND question_id = ? AND day >= ? AND day <= ?
       ${f.touchpoint !== null ? 'AND touchpoint = ?' : ''}`,
    )
    .bind(f.surveyId, f.questionId, f.from, f.to, ...(f.touchpoint !== null ? [f.touchpoint] : []))
    .first<Record<string, number>>();
  return Array.from({ length: 11 }, (_, v) => row?.[`v${v}`] ?? 0);
}

export type HookRow = { id: string; format: WebhookFormat; events: string };

/** The site's webhooks (what each subscribes to) and alert rules, in one round trip. */
export async function siteRuleRows(db: D1Database, siteId: string) {
  const [hooks, alerts] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT id, format, events FROM webhooks WHERE site_id = ?').bind(siteId),
    db.prepare('SELECT * FROM alerts WHERE site_id = ?').bind(siteId),
  ]);
  return {
    hooks: (hooks?.results ?? []) as HookRow[],
    alerts: (alerts?.results ?? []) as AlertRow[],
  };
}

export type StoredAnswerRow = {
  question_id: string;
  num: number | null;
  text: string | null;
  choices: string | null;
  sentiment: number | null;
};
export type StoredResponseRow = {
  touchpoint: string;
  channel: Channel;
  respondent_id: string | null;
  attributes: string | null;
  completed: number;
  created_at: number;
  survey_name: string;
};

/** A stored response with all its answers so far (a post may carry only the last part), for events. */
export async function storedResponse(db: D1Database, id: string) {
  const [resp, answers] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT r.touchpoint, r.channel, r.respondent_id, r.attributes, r.completed, r.created_at, s.name AS survey_name
         FROM responses r JOIN surveys s ON s.id = r.survey_id WHERE r.id = ?`,
      )
      .bind(id),
    db
      .prepare(
        'SELECT question_id, num, text, choices, sentiment FROM answers WHERE response_id = ? ORDER BY created_at',
      )
      .bind(id),
  ]);
  const response = resp?.results[0] as StoredResponseRow | undefined;
  return response ? { response, answers: (answers?.results ?? []) as StoredAnswerRow[] } : null;
}
