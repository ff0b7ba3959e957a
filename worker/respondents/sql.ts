/** Everything stored about one respondent of a site, read in one batch (the customer page). */
import type { OutcomeKind } from '../../shared/schemas/api';

type Kind = (typeof OutcomeKind.options)[number];

import type { AnswerRow, CaseRow } from '../cases/sql';

/** Responses read per respondent (newest first); a page beyond this is not needed by a person. */
export const RESPONDENT_LIMIT = 500;

export type RespondentResponseRow = {
  id: string;
  survey_id: string;
  touchpoint: string;
  channel: string;
  locale: string | null;
  completed: number;
  attributes: string | null;
  created_at: number;
};
export type RespondentAnswerRow = AnswerRow & { topics: string | null };
export type RespondentOutcomeRow = { kind: Kind; value: number | null; at: number };

export async function respondentHistory(db: D1Database, siteId: string, respondentId: string) {
  // The latest RESPONDENT_LIMIT responses, their answers and cases; the latest outcomes; the total.
  const latest = `SELECT id FROM responses WHERE site_id = ?1 AND respondent_id = ?2
                  ORDER BY created_at DESC LIMIT ${RESPONDENT_LIMIT}`;
  const [responses, answers, cases, outcomes, total] = await db.batch([
    db
      .prepare(
        `SELECT id, survey_id, touchpoint, channel, locale, completed, attributes, created_at FROM responses
         WHERE site_id = ?1 AND respondent_id = ?2 ORDER BY created_at DESC LIMIT ${RESPONDENT_LIMIT}`,
      )
      .bind(siteId, respondentId),
    db
      .prepare(
        `SELECT response_id, question_id, num, text, choices, sentiment, topics FROM answers
         WHERE response_id IN (${latest}) ORDER BY response_id, question_id`,
      )
      .bind(siteId, respondentId),
    db.prepare(`SELECT * FROM cases WHERE site_id = ?1 AND response_id IN (${latest})`).bind(siteId, respondentId),
    db
      .prepare(
        `SELECT kind, value, at FROM outcomes WHERE site_id = ?1 AND respondent_id = ?2
         ORDER BY at DESC LIMIT ${RESPONDENT_LIMIT}`,
      )
      .bind(siteId, respondentId),
    db
      .prepare('SELECT COUNT(*) AS n FROM responses WHERE site_id = ?1 AND respondent_id = ?2')
      .bind(siteId, respondentId),
  ]);
  return {
    responses: (responses?.results ?? []) as RespondentResponseRow[],
    answers: (answers?.results ?? []) as RespondentAnswerRow[],
    cases: (cases?.results ?? []) as CaseRow[],
    outcomes: (outcomes?.results ?? []) as RespondentOutcomeRow[],
    total: ((total?.results[0] as { n: number } | undefined)?.n ?? 0) as number,
  };
}
