/**
 * Reads for the journey map: rollups only, every read limited to one site by joining `surveys` on
 * `site_id`. Each result says how many D1 rows it read (the journey answers it in Seda-Rows-Read).
 */
import type { Question } from '../../shared/schemas/survey';
import { VALUES } from '../results/sql';
import type { Definition } from '../surveys/sql';

const rowsRead = (res: readonly D1Result[]) => res.reduce((s, r) => s + (r.meta.rows_read ?? 0), 0);

export type SiteSurvey = { id: string; questions: Question[] };

/** The site's surveys (every status) with their questions, and its touchpoints, in one round trip. */
export async function siteSurveysAndTouchpoints(db: D1Database, siteId: string) {
  const [surveys, touchpoints] = await db.batch([
    db.prepare('SELECT id, definition FROM surveys WHERE site_id = ? ORDER BY created_at, id').bind(siteId),
    db.prepare('SELECT key, name, stage FROM touchpoints WHERE site_id = ? ORDER BY created_at, key').bind(siteId),
  ]);
  return {
    surveys: (surveys as D1Result<{ id: string; definition: string }>).results.map(
      (r): SiteSurvey => ({ id: r.id, questions: (JSON.parse(r.definition) as Definition).questions }),
    ),
    touchpoints: (touchpoints as D1Result<{ key: string; name: string; stage: string }>).results,
    rowsRead: rowsRead([surveys!, touchpoints!]),
  };
}

export type JourneyScoreRow = { survey_id: string; question_id: string; touchpoint: string } & Record<
  `v${number}`,
  number
>;
export type JourneyResponseRow = { touchpoint: string; answered: number };

const vSums = VALUES.map((v) => `SUM(ar.v${v}) AS v${v}`).join(', ');

/**
 * Score histograms per survey/question/touchpoint over a day range, and responses with answers per
 * touchpoint, over all the site's surveys. Reads rollup rows alone (each once: the rollup keys lead
 * with survey and day, so a range is one index scan per survey), so the cost grows with
 * days × touchpoints × questions, never with responses. Which question feeds which metric is
 * decided by the caller; grouping here keeps what crosses into the Worker small.
 */
export async function journeyRows(db: D1Database, siteId: string, from: string, to: string) {
  const [scores, responses] = await db.batch([
    db
      .prepare(
        `SELECT ar.survey_id, ar.question_id, ar.touchpoint, ${vSums}
         FROM surveys s JOIN answer_rollups ar ON ar.survey_id = s.id AND ar.day BETWEEN ? AND ?
         WHERE s.site_id = ?
         GROUP BY ar.survey_id, ar.question_id, ar.touchpoint HAVING SUM(ar.n) > 0`,
      )
      .bind(from, to, siteId),
    db
      .prepare(
        `SELECT rr.touchpoint, SUM(rr.answered) AS answered
         FROM surveys s JOIN response_rollups rr ON rr.survey_id = s.id AND rr.day BETWEEN ? AND ?
         WHERE s.site_id = ?
         GROUP BY rr.touchpoint`,
      )
      .bind(from, to, siteId),
  ]);
  return {
    scores: (scores as D1Result<JourneyScoreRow>).results,
    responses: (responses as D1Result<JourneyResponseRow>).results,
    rowsRead: rowsRead([scores!, responses!]),
  };
}

/**
 * The same rows as journeyRows for the responses of one channel, computed from responses and
 * answers (the rollups do not key on channel): the scan path, which grows with the responses read.
 */
export async function journeyChannelRows(db: D1Database, siteId: string, from: string, to: string, channel: string) {
  const inRange = `r.survey_id IN (SELECT id FROM surveys WHERE site_id = ?) AND r.day BETWEEN ? AND ?
    AND r.channel = ?`;
  const vCounts = VALUES.map((v) => `SUM(a.num = ${v}) AS v${v}`).join(', ');
  const [scores, counts] = await db.batch([
    db
      .prepare(
        `SELECT a.survey_id, a.question_id, r.touchpoint, ${vCounts}
         FROM answers a JOIN responses r ON r.id = a.response_id
         WHERE ${inRange} AND a.num IS NOT NULL
         GROUP BY a.survey_id, a.question_id, r.touchpoint`,
      )
      .bind(siteId, from, to, channel),
    db
      .prepare(
        `SELECT r.touchpoint, SUM(r.answered) AS answered FROM responses r WHERE ${inRange} GROUP BY r.touchpoint`,
      )
      .bind(siteId, from, to, channel),
  ]);
  return {
    scores: (scores as D1Result<JourneyScoreRow>).results,
    responses: (counts as D1Result<JourneyResponseRow>).results,
    rowsRead: rowsRead([scores!, counts!]),
  };
}
