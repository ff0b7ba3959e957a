/**
 * Reads for results. The same row shapes come either from the rollup tables (fast; rows read grow
 * with the days asked for, not with responses) or from a scan of responses/answers (needed for
 * segment, locale and channel filters, which rollups do not key on; also the reference the rollups are
 * tested against and the bench's side-by-side figure). Grouping happens in SQL so only a few hundred
 * rows cross into the Worker whatever the data size.
 */

import type { Interval } from '../../shared/schemas/api';

export type Filter = {
  surveyId: string;
  from: string;
  to: string;
  touchpoint?: string;
  locale?: string;
  segment?: { name: string; value: string };
  /** web, link, email, sms or qr (responses.channel). */
  channel?: string;
};

/** A histogram of score values v0..v10 under a group key (`g`: a period start or a touchpoint). */
export type ScoreRow = { question_id: string; g: string; n: number } & Record<`v${number}`, number>;
export type CountRow = { g: string; started: number; answered: number; completed: number };
export type QuestionRow = {
  question_id: string;
  answered: number;
  positive: number;
  neutral: number;
  negative: number;
};
export type ChoiceRow = { question_id: string; option_id: string; n: number };
export type ResultRows = {
  scoresByPeriod: ScoreRow[];
  scoresByTouchpoint: ScoreRow[];
  countsByPeriod: CountRow[];
  countsByTouchpoint: CountRow[];
  questions: QuestionRow[];
  choices: ChoiceRow[];
  rowsRead: number;
};

export const VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** First day of the period containing `day` (the same rule as shared/dates.ts periodStart). */
const PERIOD: Record<Interval, (col: string) => string> = {
  day: (c) => c,
  week: (c) => `date(${c}, '-' || ((CAST(strftime('%w', ${c}) AS INTEGER) + 6) % 7) || ' days')`,
  month: (c) => `substr(${c}, 1, 7) || '-01'`,
};

export const needsScan = (f: Filter) => f.locale !== undefined || f.segment !== undefined || f.channel !== undefined;

/**
 * WHERE clause over `responses` (under `alias`) for a filter; every value is bound. The segment's
 * attribute name is bound as data and quoted inside the JSON path, never spliced into SQL.
 */
export function responseWhere(f: Partial<Filter>, alias = 'r'): { sql: string; args: (string | number)[] } {
  const p = alias ? `${alias}.` : '';
  const conds: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, ...vals: (string | number)[]) => {
    conds.push(sql);
    args.push(...vals);
  };
  if (f.surveyId !== undefined) add(`${p}survey_id = ?`, f.surveyId);
  if (f.from !== undefined) add(`${p}day >= ?`, f.from);
  if (f.to !== undefined) add(`${p}day <= ?`, f.to);
  if (f.touchpoint !== undefined) add(`${p}touchpoint = ?`, f.touchpoint);
  if (f.locale !== undefined) add(`${p}locale = ?`, f.locale);
  if (f.channel !== undefined) add(`${p}channel = ?`, f.channel);
  if (f.segment) {
    add(`CAST(json_extract(${p}attributes, '$."' || ? || '"') AS TEXT) = ?`, f.segment.name, f.segment.value);
  }
  return { sql: conds.length ? conds.join(' AND ') : '1', args };
}

/**
 * The six grouped reads over some source. `src` names the tables/expressions: for rollups they are
 * the rollup tables and their count columns; for a scan, subqueries over responses and answers.
 */
function groupedReads(db: D1Database, src: Sources, where: string, args: (string | number)[], interval: Interval) {
  const vSums = VALUES.map((v) => `SUM(${src.v(v)}) AS v${v}`).join(', ');
  const period = PERIOD[interval]('day');
  const scores = (g: string) =>
    db
      .prepare(
        `SELECT question_id, ${g} AS g, SUM(${src.n}) AS n, ${vSums} FROM ${src.scores} WHERE ${where}
         GROUP BY question_id, g HAVING SUM(${src.n}) > 0`,
      )
      .bind(...args);
  const counts = (g: string) =>
    db
      .prepare(
        `SELECT ${g} AS g, SUM(${src.started}) AS started, SUM(${src.answered}) AS answered,
           SUM(${src.completed}) AS completed FROM ${src.responses} WHERE ${where}
         GROUP BY g HAVING SUM(${src.started}) > 0`,
      )
      .bind(...args);
  return [
    scores(period),
    scores('touchpoint'),
    counts(period),
    counts('touchpoint'),
    db
      .prepare(
        `SELECT question_id, SUM(${src.qAnswered}) AS answered, SUM(${src.pos}) AS positive,
           SUM(${src.neu}) AS neutral, SUM(${src.neg}) AS negative FROM ${src.questions(where)}
         GROUP BY question_id HAVING SUM(${src.qAnswered}) > 0`,
      )
      .bind(...args, ...(src.questionsBindTwice ? args : [])),
    db
      .prepare(
        `SELECT question_id, option_id, SUM(${src.choiceN}) AS n FROM ${src.choices} WHERE ${where}
         GROUP BY question_id, option_id HAVING SUM(${src.choiceN}) > 0`,
      )
      .bind(...args),
  ];
}

type Sources = {
  scores: string;
  n: string;
  v: (value: number) => string;
  responses: string;
  started: string;
  answered: string;
  completed: string;
  /** Answers per question (any type), filtered by `where`. */
  questions: (where: string) => string;
  questionsBindTwice?: boolean;
  qAnswered: string;
  pos: string;
  neu: string;
  neg: string;
  choices: string;
  choiceN: string;
};

const ROLLUPS: Sources = {
  scores: 'answer_rollups',
  n: 'n',
  v: (v) => `v${v}`,
  responses: 'response_rollups',
  started: 'started',
  answered: 'answered',
  completed: 'completed',
  // Scored answers are counted in answer_rollups.n, the others in question_rollups.
  questions: (where) => `(SELECT question_id, answered, positive, neutral, negative FROM question_rollups WHERE ${where}
    UNION ALL SELECT question_id, n, 0, 0, 0 FROM answer_rollups WHERE ${where})`,
  questionsBindTwice: true,
  qAnswered: 'answered',
  pos: 'positive',
  neu: 'neutral',
  neg: 'negative',
  choices: 'choice_rollups',
  choiceN: 'n',
};

/** Rows from the rollups, one D1 round trip. */
export async function rollupRows(db: D1Database, f: Filter, interval: Interval): Promise<ResultRows> {
  const { sql, args } = responseWhere({ surveyId: f.surveyId, from: f.from, to: f.to, touchpoint: f.touchpoint }, '');
  return pack(await db.batch(groupedReads(db, ROLLUPS, sql, args, interval)));
}

/** The same rows recomputed from every matching response and answer. */
export async function scanRows(db: D1Database, f: Filter, interval: Interval): Promise<ResultRows> {
  const { sql, args } = responseWhere(f);
  // Each source is a derived table with the columns the grouped reads name, filtered by the response.
  const answers = (extra = '') => `(SELECT a.question_id, r.touchpoint, r.day, a.num, a.sentiment
                    FROM answers a JOIN responses r ON r.id = a.response_id WHERE ${sql}${extra})`;
  const scan: Sources = {
    scores: answers(' AND a.num IS NOT NULL'),
    n: '1',
    v: (v) => `num = ${v}`,
    responses: `(SELECT r.touchpoint, r.day, 1 AS started, r.completed,
                 EXISTS (SELECT 1 FROM answers x WHERE x.response_id = r.id) AS answered
                 FROM responses r WHERE ${sql})`,
    started: 'started',
    answered: 'answered',
    completed: 'completed',
    questions: () => `${answers()} WHERE 1`,
    qAnswered: '1',
    pos: 'sentiment IS 1',
    neu: 'sentiment IS 0',
    neg: 'sentiment IS -1',
    choices: `(SELECT a.question_id, r.touchpoint, r.day, j.value AS option_id
               FROM answers a JOIN responses r ON r.id = a.response_id, json_each(a.choices) AS j
               WHERE ${sql} AND a.choices IS NOT NULL)`,
    choiceN: '1',
  };
  // The outer WHERE is a constant true: the filter (and its bound values) sits inside each derived table.
  return pack(await db.batch(groupedReads(db, scan, '1', args, interval)));
}

/** Breakdowns by a response column rather than by an `identify` attribute of that name. */
const BY_COLUMN: Record<string, string> = { locale: 'r.locale', channel: 'r.channel' };

/** Score histograms per value of one attribute (or locale, or channel), for the `by` breakdown; always a scan. */
export async function segmentScoreRows(db: D1Database, f: Filter, by: string, questionIds: string[]) {
  if (questionIds.length === 0) return [];
  const column = BY_COLUMN[by];
  const key = column ?? `CAST(json_extract(r.attributes, '$."' || ? || '"') AS TEXT)`;
  const { sql, args } = responseWhere(f);
  const vCounts = VALUES.map((v) => `SUM(a.num = ${v}) AS v${v}`).join(', ');
  const { results } = await db
    .prepare(
      `SELECT ${key} AS g, a.question_id, COUNT(*) AS n, COUNT(DISTINCT r.id) AS responses, ${vCounts}
       FROM answers a JOIN responses r ON r.id = a.response_id
       WHERE ${sql} AND a.num IS NOT NULL AND a.question_id IN (SELECT value FROM json_each(?))
       GROUP BY g, a.question_id HAVING g IS NOT NULL ORDER BY n DESC LIMIT 300`,
    )
    .bind(...(column ? [] : [by]), ...args, JSON.stringify(questionIds))
    .all<ScoreRow & { responses: number }>();
  return results;
}

function pack(r: D1Result[]): ResultRows {
  const [sp, st, cp, ct, q, ch] = r as [
    D1Result<ScoreRow>,
    D1Result<ScoreRow>,
    D1Result<CountRow>,
    D1Result<CountRow>,
    D1Result<QuestionRow>,
    D1Result<ChoiceRow>,
  ];
  return {
    scoresByPeriod: sp.results,
    scoresByTouchpoint: st.results,
    countsByPeriod: cp.results,
    countsByTouchpoint: ct.results,
    questions: q.results,
    choices: ch.results,
    rowsRead: r.reduce((s, x) => s + (x.meta.rows_read ?? 0), 0),
  };
}
