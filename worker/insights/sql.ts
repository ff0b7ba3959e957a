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

/** What a D1 read cost, for the `Seda-Rows-Read` header. */
export const rowsReadOf = (...res: readonly D1Result[]) => res.reduce((s, r) => s + (r.meta.rows_read ?? 0), 0);

/** A search shorter than this (after folding) cannot use the trigram index: it checks the survey's texts. */
export const TRIGRAM = 3;

/**
 * A text's number in the search index is its answer's millisecond times this, plus its rank within
 * that millisecond (migration 0019): the index's rowid order is the date order. The numbers pass 2^53,
 * so SQL hands one back as its two halves (`>> 16`, `& 65535`), each exact in JavaScript.
 */
const PER_MS = 65536;

/**
 * The first search step reads this many matches per answer of the page (newest first); each further
 * step reads four times more. Two leave room for matches the view's filters drop.
 */
const STEP_PER_ROW = 2;

const DAY_MS = 86_400_000;

/**
 * Open-text answers newest first, keyset-paginated on (created_at, response_id, question_id):
 * `answers_text` (survey_id, created_at) carries the key's last two columns as the table's primary
 * key, so each page is an index range, however deep. `q` is a case-insensitive substring of the text,
 * both folded by `searchQuery` (shared/sentiment/search.ts) as the index is: with 3+ characters it is
 * looked up in the FTS5 trigram index `verbatim_fts` (see `searchRows`); shorter searches check the
 * survey's texts in the index.
 */
export async function verbatimRows(
  db: D1Database,
  f: VerbatimFilter,
): Promise<{ rows: VerbatimRow[]; rowsRead: number }> {
  const w = where(['a.survey_id = ?', f.surveyId], ['r.site_id = ?', f.siteId], ['a.text IS NOT NULL']);
  const add = w.add;
  if (f.from !== undefined) add('a.day >= ?', f.from);
  if (f.to !== undefined) add('a.day <= ?', f.to);
  if (f.touchpoint !== undefined) add('a.touchpoint = ?', f.touchpoint);
  if (f.channel !== undefined) add('r.channel = ?', f.channel);
  if (f.sentiment !== undefined) add('a.sentiment = ?', SENTIMENT_CODE[f.sentiment]);
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
  const select = (from: string) =>
    `SELECT a.response_id, a.question_id, a.text, a.sentiment, a.topics, a.touchpoint, r.locale, r.respondent_id,
       a.created_at, ${score.col} AS score
     FROM ${from} ${score.join}
     WHERE ${w.sql()}
     ORDER BY a.created_at DESC, a.response_id DESC, a.question_id DESC
     LIMIT ?`;
  if (f.q && [...f.q].length >= TRIGRAM) return searchRows(db, f, f.q, select, [...score.args, ...w.args]);

  let from = 'answers a JOIN responses r ON r.id = a.response_id';
  if (f.q) {
    // A short search walks the survey's texts and compares their folded form.
    from = `answers a JOIN responses r ON r.id = a.response_id
      JOIN verbatim_keys k ON k.response_id = a.response_id AND k.question_id = a.question_id
      JOIN verbatim_fts f ON f.rowid = k.id`;
    add(
      'instr(lower(f.body), ?) > 0',
      f.q.replace(/[A-Z]/g, (c) => c.toLowerCase()),
    );
  }
  const res = await db
    .prepare(select(from))
    .bind(...score.args, ...w.args, f.limit)
    .all<VerbatimRow>();
  return { rows: res.results, rowsRead: rowsReadOf(res) };
}

/**
 * A search of 3+ characters: the trigram index walks its matches newest first (its rowid is the
 * answer's time, migration 0019) in steps of 2, 8, 32, … matches per answer of the page, each joined to the
 * answers for the view's filters, until a page of answers is certain: once the walk has gone below a
 * millisecond, every match stamped later has been seen. So a page costs about its own matches, not
 * every match of the year (100,000 at 1,000,000 responses); a filter that drops most matches costs
 * at most what reading them all once did. Dates and the cursor bound the walk from both ends.
 */
async function searchRows(
  db: D1Database,
  f: VerbatimFilter,
  q: string,
  select: (from: string) => string,
  filterArgs: (string | number)[],
): Promise<{ rows: VerbatimRow[]; rowsRead: number }> {
  // `day` is the site's local date: a day spans at most UTC−12 to UTC+14, so a day either side is safe.
  const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
  let upperMs = f.to !== undefined ? dayMs(f.to) + 2 * DAY_MS : Number.MAX_SAFE_INTEGER;
  if (f.after) upperMs = Math.min(upperMs, f.after.createdAt + 1);
  let upperRank = 0; // the walk reads rowids below upperMs * PER_MS + upperRank
  const lowerMs = f.from !== undefined ? Math.max(0, dayMs(f.from) - DAY_MS) : 0;
  const match = `"${q.replaceAll('"', '""')}"`;
  const hits = `SELECT rowid AS id FROM verbatim_fts
    WHERE verbatim_fts MATCH ? AND rowid < ? * ${PER_MS} + ? AND rowid >= ? * ${PER_MS}
    ORDER BY rowid DESC LIMIT ?`;
  const from = `(${hits}) h CROSS JOIN verbatim_keys k ON k.id = h.id
    CROSS JOIN answers a ON a.response_id = k.response_id AND a.question_id = k.question_id
    JOIN responses r ON r.id = a.response_id`;
  const rows: VerbatimRow[] = [];
  let rowsRead = 0;
  for (let step = STEP_PER_ROW * f.limit; ; step *= 4) {
    const hitArgs = [match, upperMs, upperRank, lowerMs, step];
    const [walked, page] = await db.batch<Record<string, unknown>>([
      db
        .prepare(`SELECT count(*) AS n, min(id) >> 16 AS ms, min(id) & ${PER_MS - 1} AS rank FROM (${hits})`)
        .bind(...hitArgs),
      db.prepare(select(from)).bind(...hitArgs, ...filterArgs, f.limit),
    ]);
    rowsRead += rowsReadOf(walked!, page!);
    rows.push(...(page!.results as VerbatimRow[]));
    const w = walked!.results[0] as { n: number; ms: number | null; rank: number | null };
    if (w.n < step || w.ms === null || w.rank === null) break; // every match in range was read
    const below = w.ms;
    // Matches of the last millisecond read may continue in the next step; those stamped later may not.
    if (rows.filter((r) => r.created_at > below).length >= f.limit) break;
    upperMs = w.ms;
    upperRank = w.rank;
  }
  // Steps read disjoint matches; answers of one millisecond may come from two steps.
  rows.sort(newestFirst);
  return { rows: rows.slice(0, f.limit), rowsRead };
}

/** The verbatims' order, as SQLite sorts it (ids are ASCII, so code units compare as bytes). */
const newestFirst = (x: VerbatimRow, y: VerbatimRow) =>
  y.created_at - x.created_at ||
  (x.response_id < y.response_id ? 1 : x.response_id > y.response_id ? -1 : 0) ||
  (x.question_id < y.question_id ? 1 : x.question_id > y.question_id ? -1 : 0);

// ---- terms ----

/** How many of the latest texts per sentiment the terms endpoint reads: enough to show what recurs. */
export const TERMS_TEXT_CAP = 2000;

/**
 * The latest open-text answers (at most TERMS_TEXT_CAP) of each sentiment of a survey the caller has
 * checked is the site's: each one range of the index `answers_text_sentiment` (migration 0020).
 */
export async function termTexts(
  db: D1Database,
  f: { surveyId: string; from?: string; to?: string; touchpoint?: string },
): Promise<Record<SentimentName, string[]> & { rowsRead: number }> {
  const names = ['positive', 'neutral', 'negative'] as const;
  const res = await db.batch<{ text: string }>(
    names.map((n) => {
      const w = where(['a.survey_id = ?', f.surveyId], ['a.text IS NOT NULL'], ['a.sentiment = ?', SENTIMENT_CODE[n]]);
      if (f.from !== undefined) w.add('a.day >= ?', f.from);
      if (f.to !== undefined) w.add('a.day <= ?', f.to);
      if (f.touchpoint !== undefined) w.add('a.touchpoint = ?', f.touchpoint);
      return db
        .prepare(`SELECT a.text FROM answers a WHERE ${w.sql()} ORDER BY a.created_at DESC LIMIT ${TERMS_TEXT_CAP}`)
        .bind(...w.args);
    }),
  );
  const texts = (i: number) => res[i]!.results.map((r) => r.text);
  return { positive: texts(0), neutral: texts(1), negative: texts(2), rowsRead: rowsReadOf(...res) };
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
 * NPS fall between a respondent's two latest answers that puts them on the at-risk list. Also written in
 * migration 0013's partial index `respondent_risk_candidates` (latest <= 6 OR previous - latest >= 3).
 */
export const AT_RISK_DROP = 3;

type AtRiskFilter = {
  siteId: string;
  pairs: readonly (readonly [surveyId: string, questionId: string])[];
  from: string;
  to: string;
};

/** The respondent's latest comment up to `to`: at most one per listed respondent. */
const LAST_COMMENT = `(SELECT t.text FROM responses rt JOIN answers t ON t.response_id = rt.id
  WHERE rt.site_id = ? AND rt.respondent_id = l.respondent_id AND t.text IS NOT NULL AND t.day <= ?
  ORDER BY t.created_at DESC, rt.rowid DESC, t.question_id DESC LIMIT 1)`;

/**
 * A local day starts at most 14 hours before the same UTC day (UTC+14, Kiribati): the bound on
 * `latest_at` that lets the candidates' index stop at the range's start. `latest_day` (the local day)
 * stays the exact filter; the `+` before it keeps SQLite from choosing the day index instead, which reads
 * every respondent of the range and sorts them (seconds at 1,000,000 responses).
 */
const EARLIEST_UTC_OFFSET_MS = 14 * 3_600_000;

/**
 * Identified respondents whose latest NPS answer (to any survey's first nps question) is in [from, to]
 * and is a detractor (0–6) or fell by AT_RISK_DROP+ points from their answer before it; answers more
 * than PREVIOUS_WITHIN_DAYS before `from` do not count as the previous one. Newest first, at most
 * AT_RISK_LIMIT.
 *
 * Read from `respondent_risk` (migration 0013: each identified respondent's latest and previous answer,
 * kept by triggers): the candidates' partial index is walked newest first, so rows read grow with the
 * list's length (and, when fewer than 200 qualify, with the site's candidate respondents), never with
 * responses. The table holds each respondent's latest answer overall, so it answers only a range that
 * ends after every stored answer (the usual "up to today"); a past range, where answers after `to` must
 * be ignored, is answered by the scan — the same list, computed from the identified responses.
 */
export async function atRiskRows(
  db: D1Database,
  f: AtRiskFilter & { source?: 'table' | 'scan' },
): Promise<{ rows: AtRiskRow[]; rowsRead: number; source: 'table' | 'scan' }> {
  if (f.pairs.length === 0) return { rows: [], rowsRead: 0, source: 'table' };
  let probeRead = 0;
  if (f.source !== 'scan') {
    const later = await db
      .prepare('SELECT 1 AS later FROM respondent_risk WHERE site_id = ? AND latest_day > ? LIMIT 1')
      .bind(f.siteId, f.to)
      .all();
    probeRead = rowsReadOf(later);
    if (later.results.length === 0) {
      const res = await db
        .prepare(
          `SELECT l.respondent_id, l.response_id, l.survey_id, l.touchpoint, l.latest,
             CASE WHEN l.previous_day >= ? THEN l.previous END AS previous, l.latest_at AS at,
             c.status AS case_status, ${LAST_COMMENT} AS last_comment
           FROM respondent_risk l LEFT JOIN cases c ON c.response_id = l.response_id
           WHERE l.site_id = ? AND (l.latest <= 6 OR l.previous - l.latest >= 3)
             AND l.latest_at >= ? AND +l.latest_day BETWEEN ? AND ?
             AND (l.latest <= 6 OR (l.previous_day >= ? AND l.previous - l.latest >= ?))
           ORDER BY l.latest_at DESC, l.respondent_id
           LIMIT ${AT_RISK_LIMIT}`,
        )
        .bind(
          addDays(f.from, -PREVIOUS_WITHIN_DAYS),
          f.siteId,
          f.to,
          f.siteId,
          Date.parse(`${f.from}T00:00:00Z`) - EARLIEST_UTC_OFFSET_MS,
          f.from,
          f.to,
          addDays(f.from, -PREVIOUS_WITHIN_DAYS),
          AT_RISK_DROP,
        )
        .all<AtRiskRow>();
      return { rows: res.results, rowsRead: probeRead + rowsReadOf(res), source: 'table' };
    }
  }
  const scan = await atRiskScan(db, f);
  return { rows: scan.rows, rowsRead: probeRead + scan.rowsRead, source: 'scan' };
}

/**
 * The at-risk list recomputed from the identified responses in [from − PREVIOUS_WITHIN_DAYS, to]
 * (partial index responses_identified_day: anonymous responses are never read).
 * `responses.rowid` breaks ties between answers in the same millisecond: later insert, later answer.
 */
async function atRiskScan(db: D1Database, f: AtRiskFilter): Promise<{ rows: AtRiskRow[]; rowsRead: number }> {
  const res = await db
    .prepare(
      `WITH scored AS (
         SELECT r.respondent_id, r.id AS response_id, r.survey_id, r.touchpoint, r.day, a.num, a.created_at,
           ROW_NUMBER() OVER (PARTITION BY r.respondent_id ORDER BY a.created_at DESC, r.rowid DESC) AS k
         -- Driven by the partial index responses_identified_day (CROSS JOIN keeps that order).
         FROM responses r
           CROSS JOIN json_each(?) AS j
           CROSS JOIN answers a
         WHERE r.site_id = ? AND r.respondent_id IS NOT NULL AND r.day BETWEEN ? AND ?
           AND r.survey_id = json_extract(j.value, '$[0]')
           AND a.response_id = r.id AND a.question_id = json_extract(j.value, '$[1]') AND a.num IS NOT NULL
       )
       SELECT l.respondent_id, l.response_id, l.survey_id, l.touchpoint, l.num AS latest, p.num AS previous,
         l.created_at AS at, c.status AS case_status, ${LAST_COMMENT} AS last_comment
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
      AT_RISK_DROP,
    )
    .all<AtRiskRow>();
  return { rows: res.results, rowsRead: rowsReadOf(res) };
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
