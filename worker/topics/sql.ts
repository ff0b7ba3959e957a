/** A site's topic list, the topics of its answers, and the reads behind topic × sentiment counts. */
import { DEFAULT_TOPICS, type Topic } from '../../shared/topics';

export type TopicListRow = { topics: Topic[]; version: number; custom: boolean };

/** Topic keys stored on an answer (a JSON array), never throwing on what is not one. */
export function parseTopics(json: string | null): string[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** The site's list, or the defaults (version 0) when it never set one. */
export async function getTopicList(db: D1Database, siteId: string): Promise<TopicListRow> {
  const row = await db
    .prepare('SELECT topics, version FROM topic_lists WHERE site_id = ?')
    .bind(siteId)
    .first<{ topics: string; version: number }>();
  if (!row) return { topics: DEFAULT_TOPICS, version: 0, custom: false };
  return { topics: JSON.parse(row.topics) as Topic[], version: row.version, custom: true };
}

/** Stores the list and returns its new version. */
export async function putTopicList(db: D1Database, siteId: string, topics: Topic[], now: number): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO topic_lists (site_id, topics, version, updated_at) VALUES (?1, ?2, 1, ?3)
       ON CONFLICT (site_id) DO UPDATE SET topics = excluded.topics, version = topic_lists.version + 1,
         updated_at = excluded.updated_at
       RETURNING version`,
    )
    .bind(siteId, JSON.stringify(topics), now)
    .first<{ version: number }>();
  return row?.version ?? 1;
}

export type RetagRow = { response_id: string; question_id: string; text: string };

/** A page of the site's open-text answers after a key, in key order (the re-tag job's cursor). */
export async function textPage(
  db: D1Database,
  siteId: string,
  after: { responseId: string; questionId: string } | null,
  limit: number,
): Promise<RetagRow[]> {
  const { results } = await db
    .prepare(
      `SELECT a.response_id, a.question_id, a.text
       FROM answers a JOIN responses r ON r.id = a.response_id
       WHERE r.site_id = ?1 AND a.text IS NOT NULL AND (a.response_id, a.question_id) > (?2, ?3)
       ORDER BY a.response_id, a.question_id LIMIT ?4`,
    )
    .bind(siteId, after?.responseId ?? '', after?.questionId ?? '', limit)
    .all<RetagRow>();
  return results;
}

/** Writes the topics of a page of answers, one statement reading a bound JSON array. */
export async function writeTopics(
  db: D1Database,
  rows: { r: string; q: string; k: string }[],
  version: number,
): Promise<void> {
  if (!rows.length) return;
  await db
    .prepare(
      `UPDATE answers SET topics = j.k, topics_version = ?2
       FROM (SELECT value ->> '$.r' AS r, value ->> '$.q' AS q, value ->> '$.k' AS k FROM json_each(?1)) AS j
       WHERE answers.response_id = j.r AND answers.question_id = j.q`,
    )
    .bind(JSON.stringify(rows), version)
    .run();
}

export type TopicAnswerRow = { topics: string | null; sentiment: number | null; touchpoint: string; day: string };

/**
 * The survey's open-text answers in a range with their topics and sentiment (only the columns the
 * counts need; bounded by TOPIC_ROWS_CAP so any volume answers in one read).
 */
export async function topicAnswerRows(
  db: D1Database,
  f: { siteId: string; surveyId: string; from: string; to: string; cap: number },
): Promise<TopicAnswerRow[]> {
  const { results } = await db
    .prepare(
      `SELECT a.topics, a.sentiment, a.touchpoint, a.day
       FROM answers a JOIN responses r ON r.id = a.response_id
       WHERE a.survey_id = ?1 AND r.site_id = ?2 AND a.text IS NOT NULL AND a.day >= ?3 AND a.day <= ?4
       ORDER BY a.day DESC LIMIT ?5`,
    )
    .bind(f.surveyId, f.siteId, f.from, f.to, f.cap)
    .all<TopicAnswerRow>();
  return results;
}

/** Texts without any topic in the range (latest first), for suggested topics. */
export async function untaggedTexts(
  db: D1Database,
  f: { siteId: string; surveyId: string; from: string; to: string; cap: number },
): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT a.text FROM answers a JOIN responses r ON r.id = a.response_id
       WHERE a.survey_id = ?1 AND r.site_id = ?2 AND a.text IS NOT NULL AND a.day >= ?3 AND a.day <= ?4
         AND (a.topics IS NULL OR a.topics = '[]')
       ORDER BY a.created_at DESC LIMIT ?5`,
    )
    .bind(f.surveyId, f.siteId, f.from, f.to, f.cap)
    .all<{ text: string }>();
  return results.map((r) => r.text);
}
