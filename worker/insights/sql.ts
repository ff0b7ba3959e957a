/**
 * Reads for the site owner's insight endpoints: verbatims, terms, at-risk, segments (the journey's are
 * in worker/journey/sql.ts).
 * Every read is limited to one site: either through a survey already checked to belong to it, or by
 * joining `surveys`/`responses` on `site_id`. Lists of ids go in as one bound JSON array read with
 * `json_each` (D1 binds at most 100 parameters per statement).
 */
import { addDays } from '../../shared/dates';
import type { CaseStatus } from '../../shared/schemas/api';
import type { VerbatimKey } from './verbatim-cursor';

const SENTIMENT_CODE = { positive: 1, neutral: 0, negative: -1 } as const;
export type SentimentName = keyof typeof SENTIMENT_CODE;
export const sentimentName = (code: number | null): SentimentName =>
  code === 1 ? 'positive' : code === -1 ? 'negative' : 'neutral';

/** AND-ed conditions with their bound values, in order. */
function where(...first: [sql: string, ...vals: (string | number)[]][]) {
  const conds: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, ...vals: (string | number)[]) => {
    conds.push(sql);
    args.push(...vals);
  };
  for (const [sql, ...vals] of first) add(sql, ...vals);
  return { add, args, sql: () => conds.join(' AND ') };
}

/** Escapes LIKE's wildcards so a search for `50%` finds the text "50%" (used with `ESCAPE '\'`). */
export const likeContains = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

// ---- verbatims ----

export type VerbatimFilter = {
  siteId: string;
  surveyId: string;
  /** The question whose answer is shown as the verbatim's score (first nps, else csat, else ces). */
  scoreQuestionId?: string;
  q?: string;
  sentiment?: SentimentName;
  touchpoint?: string;
  channel?: string;
  from?: string;
  to?: string;
  after?: VerbatimKey;
  limit: number;
};

export type VerbatimRow = {
  response_id: string;
  question_id: string;
  text: string;
  sentiment: number | null;
  topics: string | null;
  touchpoint: string;
  locale: string | null;
  respondent_id: string | null;
  created_at: number;
  score: number | null;
};

/**
 * Open-text answers newest first, keyset-paginated on (created_at, response_id, question_id):
 * `answers_text` (survey_id, created_at) carries the key's last two columns as the table's primary
 * key, so each page is an index range, however deep. `q` is a case-insensitive (ASCII) substring.
 */
export async function verbatimRows(db: D1Database, f: VerbatimFilter): Promise<VerbatimRow[]> {
  const w = where(['a.survey_id = ?', f.surveyId], ['r.site_id = ?', f.siteId], ['a.text IS NOT NULL']);
  const add = w.add;
  if (f.from !== undefined) add('a.day >= ?', f.from);
  if (f.to !== undefined) add('a.day <= ?', f.to);
  if (f.touchpoint !== undefined) add('a.touchpoint = ?', f.touchpoint);
  if (f.channel !== undefined) add('r.channel = ?', f.channel);
  if (f.sentiment !== undefined) add('a.sentiment = ?', SENTIMENT_CODE[f.sentiment]);
  if (f.q) add(`a.text LIKE ? ESCAPE '\\'`, likeContains(f.q));
  if (f.after)
    add(
      '(a.created_at, a.response_id, a.question_id) < (?, ?, ?)',
      f.after.createdAt,
      f.after.responseId,
      f.after.questionId,
    );
  const score = f.scoreQuestionId
    ? {
        col: 's.num',
        join: 'LEFT JOIN answers s ON s.response_id = a.response_id AND s.question_id = ?',
        args: [f.scoreQuestionId],
      }
    : { col: 'NULL', join: '', args: [] };
  const { results } = await db
    .prepare(
      `SELECT a.response_id, a.question_id, a.text, a.sentiment, a.topics, a.touchpoint, r.locale, r.respondent_id,
         a.created_at, ${score.col} AS score
       FROM answers a JOIN responses r ON r.id = a.response_id ${score.join}
       WHERE ${w.sql()}
       ORDER BY a.created_at DESC, a.response_id DESC, a.question_id DESC
       LIMIT ?`,
    )
    .bind(...score.args, ...w.args, f.limit)
    .all<VerbatimRow>();
  return results;
}

// ---- terms ----

/** How many of the latest texts per sentiment the terms endpoint reads: enough to show what recurs. */
export const TERMS_TEXT_CAP = 2000;

/** The latest open-text answers (at most TERMS_TEXT_CAP) of each sentiment. */
export async function termTexts(
  db: D1Database,
  f: { siteId: string; surveyId: string; from?: string; to?: string; touchpoint?: string },
): Promise<Record<SentimentName, string[]>> {
  const names = ['positive', 'neutral', 'negative'] as const;
  const res = await db.batch<{ text: string }>(
    names.map((n) => {
      const w = where(
        ['a.survey_id = ?', f.surveyId],
        ['r.site_id = ?', f.siteId],
        ['a.text IS NOT NULL'],
        ['a.sentiment = ?', SENTIMENT_CODE[n]],
      );
      if (f.from !== undefined) w.add('a.day >= ?', f.from);
      if (f.to !== undefined) w.add('a.day <= ?', f.to);
      if (f.touchpoint !== undefined) w.add('a.touchpoint = ?', f.touchpoint);
      return db
        .prepare(
          `SELECT a.text FROM answers a JOIN responses r ON r.id = a.response_id WHERE ${w.sql()}
           ORDER BY a.created_at DESC LIMIT ${TERMS_TEXT_CAP}`,
        )
        .bind(...w.args);
    }),
  );
  const texts = (i: number) => res[i]!.results.map((r) => r.text);
  return { positive: texts(0), neutral: texts(1), negative: texts(2) };
}

// ---- at-risk respondents ----

export type AtRiskRow = {
  respondent_id: string;
  /** the response of the latest NPS answer: the one a follow-up case is opened on */
  response_id: string;
  survey_id: string;
  touchpoint: string;
  latest: number;
  previous: number | null;
  at: number;
  last_comment: string | null;
  /** the status of that response's follow-up case, if it has one */
  case_status: CaseStatus | null;
};

/** How many respondents the at-risk list returns at most. */
export const AT_RISK_LIMIT = 200;

/** How far before the range a respondent's previous NPS answer may lie and still count for a drop. */
export const PREVIOUS_WITHIN_DAYS = 365;

/**
 * Identified respondents whose latest NPS answer (to any survey's first nps question, given as
 * `pairs`) is in [from, to] and is a detractor (0–6) or fell by `minDrop`+ points from their answer
 * before it. Answers after `to` are ignored, so a past range shows who was at risk then; answers
 * more than PREVIOUS_WITHIN_DAYS before `from` too, which bounds the scan to the range plus a year
 * (this reads identified responses only, through a partial index: its cost grows with identified
 * responses in that window, not with anonymous ones).
 * `responses.rowid` breaks ties between answers in the same millisecond: later insert, later answer.
 */
export async function atRiskRows(
  db: D1Database,
  f: {
    siteId: string;
    pairs: readonly (readonly [surveyId: string, questionId: string])[];
    from: string;
    to: string;
    minDrop: number;
  },
): Promise<AtRiskRow[]> {
  if (f.pairs.length === 0) return [];
  const { results } = await db
    .prepare(
      `WITH scored AS (
         SELECT r.respondent_id, r.id AS response_id, r.survey_id, r.touchpoint, r.day, a.num, a.created_at,
           ROW_NUMBER() OVER (PARTITION BY r.respondent_id ORDER BY a.created_at DESC, r.rowid DESC) AS k
         -- Driven by the partial index responses_identified_day (CROSS JOIN keeps that order): rows
         -- read grow with identified responses in the window, never with anonymous ones.
         FROM responses r
           CROSS JOIN json_each(?) AS j
           CROSS JOIN answers a
         WHERE r.site_id = ? AND r.respondent_id IS NOT NULL AND r.day BETWEEN ? AND ?
           AND r.survey_id = json_extract(j.value, '$[0]')
           AND a.response_id = r.id AND a.question_id = json_extract(j.value, '$[1]') AND a.num IS NOT NULL
       )
       SELECT l.respondent_id, l.response_id, l.survey_id, l.touchpoint, l.num AS latest, p.num AS previous,
         l.created_at AS at, c.status AS case_status,
         (SELECT t.text FROM responses rt JOIN answers t ON t.response_id = rt.id
          WHERE rt.site_id = ? AND rt.respondent_id = l.respondent_id AND t.text IS NOT NULL AND t.day <= ?
          ORDER BY t.created_at DESC, rt.rowid DESC, t.question_id DESC LIMIT 1) AS last_comment
       FROM scored l LEFT JOIN scored p ON p.respondent_id = l.respondent_id AND p.k = 2
         LEFT JOIN cases c ON c.response_id = l.response_id
       WHERE l.k = 1 AND l.day >= ? AND (l.num <= 6 OR p.num - l.num >= ?)
       ORDER BY l.created_at DESC, l.respondent_id
       LIMIT ${AT_RISK_LIMIT}`,
    )
    .bind(
      JSON.stringify(f.pairs),
      f.siteId,
      addDays(f.from, -PREVIOUS_WITHIN_DAYS),
      f.to,
      f.siteId,
      f.to,
      f.from,
      f.minDrop,
    )
    .all<AtRiskRow>();
  return results;
}

// ---- segments ----

/** Responses read at most (the newest by day) when listing attribute values: a filter UI, not a census. */
export const SEGMENT_RESPONSE_CAP = 50_000;
export const SEGMENT_TOP_VALUES = 20;
export const SEGMENT_MAX_ATTRIBUTES = 50;

/**
 * Attribute names with their most frequent values (as text, the way the `segment=name:value`
 * filter compares them: `true` reads "1"), and the most frequent locales.
 */
export async function segmentRows(
  db: D1Database,
  f: { siteId: string; surveyId?: string; from?: string; to?: string },
) {
  const w = where(['s.site_id = ?', f.siteId]);
  if (f.surveyId !== undefined) w.add('s.id = ?', f.surveyId);
  if (f.from !== undefined) w.add('r.day >= ?', f.from);
  if (f.to !== undefined) w.add('r.day <= ?', f.to);
  const args = w.args;
  const recent = `WITH recent AS (
      SELECT r.attributes, r.locale FROM surveys s JOIN responses r ON r.survey_id = s.id
      WHERE ${w.sql()} ORDER BY r.day DESC LIMIT ${SEGMENT_RESPONSE_CAP}
    )`;
  const [attrs, locales] = await db.batch([
    db
      .prepare(
        `${recent}
         SELECT name, value, count FROM (
           SELECT j.key AS name, CAST(j.value AS TEXT) AS value, COUNT(*) AS count,
             SUM(COUNT(*)) OVER (PARTITION BY j.key) AS total,
             ROW_NUMBER() OVER (PARTITION BY j.key ORDER BY COUNT(*) DESC, CAST(j.value AS TEXT)) AS k
           FROM recent, json_each(recent.attributes) AS j
           WHERE recent.attributes IS NOT NULL AND json_valid(recent.attributes) AND j.type NOT IN ('object', 'array', 'null')
           GROUP BY j.key, CAST(j.value AS TEXT)
         )
         WHERE k <= ${SEGMENT_TOP_VALUES}
         ORDER BY total DESC, name, count DESC, value`,
      )
      .bind(...args),
    db
      .prepare(
        `${recent}
         SELECT locale AS value, COUNT(*) AS count FROM recent WHERE locale IS NOT NULL
         GROUP BY locale ORDER BY count DESC, value LIMIT ${SEGMENT_TOP_VALUES}`,
      )
      .bind(...args),
  ]);
  return {
    attributes: (attrs as D1Result<{ name: string; value: string; count: number }>).results,
    locales: (locales as D1Result<{ value: string; count: number }>).results,
  };
}
