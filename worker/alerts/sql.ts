import type { Sentiment } from '../../shared/schemas/api';

export type AlertMetric = 'nps' | 'csat' | 'mean';

export type AlertRow = {
  id: string;
  site_id: string;
  survey_id: string;
  question_id: string;
  kind: 'answer' | 'drop';
  min: number | null;
  max: number | null;
  sentiment: Sentiment | null;
  touchpoint: string | null;
  metric: AlertMetric | null;
  threshold: number | null;
  window_days: number | null;
  min_responses: number | null;
  fired_at: number | null;
  webhook_id: string;
  created_at: number;
};

/** The API shape: the input fields that were given, plus id, kind and createdAt. */
export function toAlert(r: AlertRow) {
  const opt = <K extends string, V>(k: K, v: V | null) => (v === null ? {} : ({ [k]: v } as Record<K, V>));
  return {
    id: r.id,
    kind: r.kind,
    surveyId: r.survey_id,
    questionId: r.question_id,
    ...opt('min', r.min),
    ...opt('max', r.max),
    ...opt('sentiment', r.sentiment),
    ...opt('touchpoint', r.touchpoint),
    ...opt('metric', r.metric),
    ...opt('threshold', r.threshold),
    ...opt('windowDays', r.window_days),
    ...opt('minResponses', r.min_responses),
    ...(r.kind === 'drop' ? { firing: r.fired_at !== null } : {}),
    webhookId: r.webhook_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
export type Alert = ReturnType<typeof toAlert>;

export type AlertWrite = {
  id: string;
  siteId: string;
  surveyId: string;
  questionId: string;
  kind: 'answer' | 'drop';
  min?: number | undefined;
  max?: number | undefined;
  sentiment?: Sentiment | undefined;
  touchpoint?: string | undefined;
  metric?: AlertMetric | undefined;
  threshold?: number | undefined;
  windowDays?: number | undefined;
  minResponses?: number | undefined;
  webhookId: string;
};

export async function insertAlert(db: D1Database, a: AlertWrite, now = Date.now()): Promise<void> {
  await db
    .prepare(
      `INSERT INTO alerts (id, site_id, survey_id, question_id, kind, min, max, sentiment, touchpoint, metric,
         threshold, window_days, min_responses, webhook_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      a.webhookId,
      now,
    )
    .run();
}

export async function listAlerts(db: D1Database, siteId: string): Promise<Alert[]> {
  const { results } = await db
    .prepare('SELECT * FROM alerts WHERE site_id = ? ORDER BY created_at, id')
    .bind(siteId)
    .all<AlertRow>();
  return results.map(toAlert);
}

export async function getAlert(db: D1Database, siteId: string, id: string): Promise<Alert | null> {
  const r = await db.prepare('SELECT * FROM alerts WHERE id = ? AND site_id = ?').bind(id, siteId).first<AlertRow>();
  return r ? toAlert(r) : null;
}

export async function deleteAlert(db: D1Database, siteId: string, id: string): Promise<boolean> {
  const res = await db.prepare('DELETE FROM alerts WHERE id = ? AND site_id = ?').bind(id, siteId).run();
  return (res.meta.changes ?? 0) > 0;
}

/** Marks a drop rule as firing; true only for the one caller that flipped it (concurrent posts race here). */
export async function claimDrop(db: D1Database, id: string, now = Date.now()): Promise<boolean> {
  const res = await db.prepare('UPDATE alerts SET fired_at = ? WHERE id = ? AND fired_at IS NULL').bind(now, id).run();
  return (res.meta.changes ?? 0) > 0;
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
