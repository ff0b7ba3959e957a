/** The digest's schedule, its once-per-week record, and the case figures it reports. */
import { addDays } from '../../shared/dates';
import { type DigestSchedule, WEEKDAYS } from '../../shared/schemas/api';
import type { WebhookFormat } from '../webhooks/sql';
import type { WeeklySchedule } from './schedule';

type ScheduleRow = { digest_weekday: number | null; digest_hour: number | null; digest_time_zone: string | null };

const toSchedule = (r: ScheduleRow): WeeklySchedule | null =>
  r.digest_weekday === null || r.digest_hour === null || !WEEKDAYS[r.digest_weekday]
    ? null
    : { weekday: WEEKDAYS[r.digest_weekday]!, hour: r.digest_hour, timeZone: r.digest_time_zone ?? 'UTC' };

/** The site's weekly schedule, or null when the digest is off. */
export async function getDigestSchedule(db: D1Database, siteId: string): Promise<WeeklySchedule | null> {
  const r = await db
    .prepare('SELECT digest_weekday, digest_hour, digest_time_zone FROM sites WHERE id = ?')
    .bind(siteId)
    .first<ScheduleRow>();
  return r ? toSchedule(r) : null;
}

export async function setDigestSchedule(db: D1Database, siteId: string, s: DigestSchedule): Promise<void> {
  const weekly = s.schedule === 'weekly';
  await db
    .prepare('UPDATE sites SET digest_weekday = ?, digest_hour = ?, digest_time_zone = ? WHERE id = ?')
    .bind(weekly ? WEEKDAYS.indexOf(s.weekday) : null, weekly ? s.hour : null, weekly ? s.timeZone : null, siteId)
    .run();
}

/** A webhook's `events` (a JSON array) includes `digest`. */
const TAKES_DIGEST = `EXISTS (SELECT 1 FROM json_each(w.events) WHERE value = 'digest')`;

export type DigestHook = { id: string; format: WebhookFormat };

/** The site's webhooks that subscribe to `digest`. */
export async function digestWebhooks(db: D1Database, siteId: string): Promise<DigestHook[]> {
  const { results } = await db
    .prepare(
      `SELECT w.id, w.format FROM webhooks w WHERE w.site_id = ? AND ${TAKES_DIGEST} ORDER BY w.created_at, w.id`,
    )
    .bind(siteId)
    .all<DigestHook>();
  return results;
}

/** Sites with a weekly digest and at least one webhook to send it to. */
export async function scheduledSites(db: D1Database): Promise<({ id: string } & WeeklySchedule)[]> {
  const { results } = await db
    .prepare(
      `SELECT s.id, s.digest_weekday, s.digest_hour, s.digest_time_zone FROM sites s
       WHERE s.digest_weekday IS NOT NULL
         AND EXISTS (SELECT 1 FROM webhooks w WHERE w.site_id = s.id AND ${TAKES_DIGEST})`,
    )
    .all<ScheduleRow & { id: string }>();
  return results.flatMap((r) => {
    const s = toSchedule(r);
    return s ? [{ id: r.id, ...s }] : [];
  });
}

/** Whether the digest of the week starting `from` was already sent. */
export async function digestSent(db: D1Database, siteId: string, from: string): Promise<boolean> {
  const r = await db
    .prepare('SELECT 1 AS x FROM digest_runs WHERE site_id = ? AND period_from = ?')
    .bind(siteId, from)
    .first();
  return r !== null;
}

/** Records the week as sent; goes in the same batch (transaction) as the week's deliveries. */
export function digestRunStmt(
  db: D1Database,
  siteId: string,
  from: string,
  now: number,
  deliveries: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO digest_runs (site_id, period_from, sent_at, deliveries) VALUES (?, ?, ?, ?)
       ON CONFLICT (site_id, period_from) DO NOTHING`,
    )
    .bind(siteId, from, now, deliveries);
}

const startOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Cases opened and resolved within [from, to] (whole UTC days, as the results' days). */
export async function caseCounts(
  db: D1Database,
  siteId: string,
  from: string,
  to: string,
): Promise<{ opened: number; resolved: number }> {
  const lo = startOf(from);
  const hi = startOf(addDays(to, 1));
  const r = await db
    .prepare(
      `SELECT COALESCE(SUM(created_at >= ?2 AND created_at < ?3), 0) AS opened,
         COALESCE(SUM(resolved_at >= ?2 AND resolved_at < ?3), 0) AS resolved
       FROM cases WHERE site_id = ?1`,
    )
    .bind(siteId, lo, hi)
    .first<{ opened: number; resolved: number }>();
  return { opened: r?.opened ?? 0, resolved: r?.resolved ?? 0 };
}

/** How far back a resolved case may lie for its respondent's next answer to count as a recovery. */
const RECOVERY_WITHIN_DAYS = 365;

/**
 * Respondents whose follow-up case was resolved and whose next NPS answer (to any survey's first nps
 * question, given as `pairs`), after the resolution, came within [from, to]: that answer's score.
 */
export async function recoveryScores(
  db: D1Database,
  siteId: string,
  pairs: readonly (readonly [surveyId: string, questionId: string])[],
  from: string,
  to: string,
): Promise<number[]> {
  if (!pairs.length) return [];
  const { results } = await db
    .prepare(
      `WITH p AS (
         SELECT json_extract(value, '$[0]') AS survey_id, json_extract(value, '$[1]') AS question_id FROM json_each(?1)
       ),
       resolved AS (
         SELECT r.respondent_id, MIN(c.resolved_at) AS resolved_at
         FROM cases c JOIN responses r ON r.id = c.response_id
         WHERE c.site_id = ?2 AND c.resolved_at IS NOT NULL AND c.resolved_at >= ?3 AND c.resolved_at < ?5
           AND r.respondent_id IS NOT NULL
         GROUP BY r.respondent_id
       ),
       next AS (
         SELECT x.respondent_id,
           (SELECT json_array(a.num, r2.day) FROM responses r2
              JOIN p ON p.survey_id = r2.survey_id
              JOIN answers a ON a.response_id = r2.id AND a.question_id = p.question_id
            WHERE r2.site_id = ?2 AND r2.respondent_id = x.respondent_id AND a.num IS NOT NULL
              AND a.created_at > x.resolved_at
            ORDER BY a.created_at, r2.rowid LIMIT 1) AS answer
         FROM resolved x
       )
       SELECT json_extract(answer, '$[0]') AS num FROM next
       WHERE answer IS NOT NULL AND json_extract(answer, '$[1]') BETWEEN ?4 AND ?6`,
    )
    .bind(
      JSON.stringify(pairs),
      siteId,
      startOf(addDays(from, -RECOVERY_WITHIN_DAYS)),
      from,
      startOf(addDays(to, 1)),
      to,
    )
    .all<{ num: number }>();
  return results.map((r) => r.num);
}
