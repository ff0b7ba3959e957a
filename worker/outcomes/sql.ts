/** Outcomes per respondent, and the per-respondent features of the churn model. */
import type { OutcomesBody } from '../../shared/schemas/api';

export type OutcomeCounts = { created: number; existing: number; updated: number };

/**
 * Stores a batch of outcomes in one statement reading a bound JSON array. An outcome is one per
 * (site, respondent, kind, at) (unique index, migration 0018): one already stored is not stored
 * again, only its value replaced when a different one is sent, so a repeated import or a retried
 * batch changes nothing. An item without `at` is stamped `now` (its place in the customer's
 * history), and is one per respondent and kind per local day (`day` = [start, end) in ms): sent
 * again that day it finds the stored one. Repeats within the batch count as existing (the last
 * one's value is kept).
 */
export async function insertOutcomes(
  db: D1Database,
  siteId: string,
  items: OutcomesBody['items'],
  now: number,
  day: [number, number],
): Promise<OutcomeCounts> {
  const byKey = new Map<string, { r: string; k: string; v: number | null; at: number | null }>();
  for (const i of items) {
    const row = { r: i.respondentId, k: i.kind, v: i.value ?? null, at: i.at ? Date.parse(i.at) : null };
    const key = JSON.stringify([row.r, row.k, row.at ?? 'today']);
    byKey.set(key, { ...row, v: row.v ?? byKey.get(key)?.v ?? null });
  }
  const { results } = await db
    .prepare(
      // The WHERE also lets SQLite parse ON CONFLICT after INSERT … SELECT as the upsert.
      // RETURNING lists inserted and updated rows; an updated one keeps its older created_at.
      `INSERT INTO outcomes (site_id, respondent_id, kind, value, at, created_at)
       SELECT ?1, j.value ->> '$.r', j.value ->> '$.k', j.value ->> '$.v', COALESCE(j.value ->> '$.at', ?2), ?2
       FROM json_each(?3) j
       WHERE j.value ->> '$.at' IS NOT NULL OR NOT EXISTS (
         SELECT 1 FROM outcomes o WHERE o.site_id = ?1 AND o.respondent_id = j.value ->> '$.r'
           AND o.kind = j.value ->> '$.k' AND o.at >= ?4 AND o.at < ?5)
       ON CONFLICT (site_id, respondent_id, kind, at) DO UPDATE SET value = excluded.value
         WHERE excluded.value IS NOT NULL AND outcomes.value IS NOT excluded.value
       RETURNING created_at = ?2 AS fresh`,
    )
    .bind(siteId, now, JSON.stringify([...byKey.values()]), day[0], day[1])
    .all<{ fresh: number }>();
  const created = results.filter((r) => r.fresh).length;
  return { created, existing: items.length - created, updated: results.length - created };
}

export type OutcomeRow = {
  respondent_id: string;
  churned: number;
  retained: number;
  /** An outcome of the asked kind within the range. */
  event: number;
  /** Any outcome within the range. */
  any_in_range: number;
  value: number | null;
};

/** Per respondent: churned/retained ever, the asked kind and any outcome within [from, to), latest value. */
export async function outcomeRows(
  db: D1Database,
  f: { siteId: string; kind: string; fromMs: number; toMs: number },
): Promise<OutcomeRow[]> {
  const { results } = await db
    .prepare(
      `SELECT respondent_id,
         MAX(kind = 'churned') AS churned, MAX(kind = 'retained') AS retained,
         MAX(kind = ?2 AND at >= ?3 AND at < ?4) AS event, MAX(at >= ?3 AND at < ?4) AS any_in_range,
         (SELECT o2.value FROM outcomes o2 WHERE o2.site_id = ?1 AND o2.respondent_id = o.respondent_id
            AND o2.value IS NOT NULL ORDER BY o2.at DESC LIMIT 1) AS value
       FROM outcomes o WHERE site_id = ?1 GROUP BY respondent_id LIMIT 50000`,
    )
    .bind(f.siteId, f.kind, f.fromMs, f.toMs)
    .all<OutcomeRow>();
  return results;
}

export type FeatureRow = {
  respondent_id: string;
  latest: number;
  previous: number | null;
  at: number;
  sentiment: number | null;
  open_cases: number;
};

/**
 * Per identified respondent with an NPS answer who has an outcome (the model's and the rates' only
 * subjects), plus the respondents named in `also` (the at-risk list being scored): latest and previous
 * NPS, when, mean sentiment of their texts, open cases. `pairs` are the site's [surveyId, npsQuestionId].
 * Reads in proportion to those respondents, never to every identified respondent of the site (at
 * 1,000,000 responses reading them all took seconds).
 */
export async function featureRows(
  db: D1Database,
  siteId: string,
  pairs: readonly (readonly [string, string])[],
  also: readonly string[] = [],
): Promise<{ rows: FeatureRow[]; rowsRead: number }> {
  if (!pairs.length) return { rows: [], rowsRead: 0 };
  const res = await db
    .prepare(
      // Each identified respondent's latest and previous answer to a survey's first NPS question (the
      // `pairs`) is kept by triggers in respondent_risk (migration 0013): one row per respondent.
      `WITH ids(id) AS (SELECT respondent_id FROM outcomes WHERE site_id = ?2 UNION SELECT value FROM json_each(?3))
       SELECT l.respondent_id, l.latest, l.previous, l.latest_at AS at,
         (SELECT AVG(t.sentiment) FROM responses rt JOIN answers t ON t.response_id = rt.id
          WHERE rt.site_id = ?2 AND rt.respondent_id = l.respondent_id AND t.sentiment IS NOT NULL) AS sentiment,
         (SELECT COUNT(*) FROM cases c JOIN responses rc ON rc.id = c.response_id
          WHERE c.site_id = ?2 AND rc.respondent_id = l.respondent_id AND c.status != 'resolved') AS open_cases
       FROM ids CROSS JOIN respondent_risk l
       WHERE l.site_id = ?2 AND l.respondent_id = ids.id AND json_array_length(?1) > 0 LIMIT 50000`,
    )
    .bind(JSON.stringify(pairs), siteId, JSON.stringify(also))
    .all<FeatureRow>();
  return { rows: res.results, rowsRead: res.meta.rows_read ?? 0 };
}

/** Erasure: every outcome recorded for one respondent of the site. */
export async function eraseOutcomes(db: D1Database, siteId: string, respondentId: string): Promise<number> {
  const r = await db
    .prepare('DELETE FROM outcomes WHERE site_id = ? AND respondent_id = ?')
    .bind(siteId, respondentId)
    .run();
  return r.meta.changes ?? 0;
}
