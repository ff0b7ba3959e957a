/**
 * Reads for results: the same four row shapes come either from the rollup tables (fast; rows grow
 * with days, not responses) or from a scan of responses/answers (needed for segment and locale
 * filters, which rollups do not key on; also the reference the rollups are tested against).
 */

export type Filter = {
  surveyId: string;
  from: string;
  to: string;
  touchpoint?: string;
  locale?: string;
  segment?: { name: string; value: string };
};

export type ScoreRow = { question_id: string; touchpoint: string; day: string; n: number } & Record<
  `v${number}`,
  number
>;
export type ResponseRow = { touchpoint: string; day: string; started: number; answered: number; completed: number };
export type QuestionRow = {
  question_id: string;
  touchpoint: string;
  day: string;
  answered: number;
  positive: number;
  neutral: number;
  negative: number;
};
export type ChoiceRow = { question_id: string; option_id: string; n: number };
export type ResultRows = {
  scores: ScoreRow[];
  responses: ResponseRow[];
  questions: QuestionRow[];
  choices: ChoiceRow[];
  rowsRead: number;
};

export const VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const vSums = VALUES.map((v) => `SUM(v${v}) AS v${v}`).join(', ');
const vCounts = VALUES.map((v) => `SUM(a.num = ${v}) AS v${v}`).join(', ');

export const needsScan = (f: Filter) => f.locale !== undefined || f.segment !== undefined;

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
  if (f.segment) {
    add(`CAST(json_extract(${p}attributes, '$."' || ? || '"') AS TEXT) = ?`, f.segment.name, f.segment.value);
  }
  return { sql: conds.length ? conds.join(' AND ') : '1', args };
}

/** Rows from the rollups, grouped per question/touchpoint/day. One D1 round trip. */
export async function rollupRows(db: D1Database, f: Filter): Promise<ResultRows> {
  const tp = f.touchpoint !== undefined ? ' AND touchpoint = ?' : '';
  const args = [f.surveyId, f.from, f.to, ...(f.touchpoint !== undefined ? [f.touchpoint] : [])];
  const where = `survey_id = ? AND day BETWEEN ? AND ?${tp}`;
  const res = await db.batch([
    db
      .prepare(
        `SELECT question_id, touchpoint, day, SUM(n) AS n, ${vSums} FROM answer_rollups WHERE ${where}
         GROUP BY question_id, touchpoint, day HAVING SUM(n) > 0`,
      )
      .bind(...args),
    db
      .prepare(
        `SELECT touchpoint, day, SUM(started) AS started, SUM(answered) AS answered, SUM(completed) AS completed
         FROM response_rollups WHERE ${where} GROUP BY touchpoint, day HAVING SUM(started) > 0`,
      )
      .bind(...args),
    db
      .prepare(
        `SELECT question_id, touchpoint, day, SUM(answered) AS answered, SUM(positive) AS positive,
           SUM(neutral) AS neutral, SUM(negative) AS negative
         FROM question_rollups WHERE ${where} GROUP BY question_id, touchpoint, day HAVING SUM(answered) > 0`,
      )
      .bind(...args),
    db
      .prepare(
        `SELECT question_id, option_id, SUM(n) AS n FROM choice_rollups WHERE ${where}
         GROUP BY question_id, option_id HAVING SUM(n) > 0`,
      )
      .bind(...args),
  ]);
  return pack(res);
}

/** The same rows computed from responses and answers directly. */
export async function scanRows(db: D1Database, f: Filter): Promise<ResultRows> {
  const { sql: where, args } = responseWhere(f);
  const join = `FROM answers a JOIN responses r ON r.id = a.response_id WHERE ${where}`;
  const res = await db.batch([
    db
      .prepare(
        `SELECT a.question_id, r.touchpoint, r.day, COUNT(*) AS n, ${vCounts} ${join} AND a.num IS NOT NULL
         GROUP BY a.question_id, r.touchpoint, r.day`,
      )
      .bind(...args),
    db
      .prepare(
        `SELECT r.touchpoint, r.day, COUNT(*) AS started,
           SUM(EXISTS (SELECT 1 FROM answers x WHERE x.response_id = r.id)) AS answered,
           SUM(r.completed) AS completed
         FROM responses r WHERE ${where} GROUP BY r.touchpoint, r.day`,
      )
      .bind(...args),
    db
      .prepare(
        `SELECT a.question_id, r.touchpoint, r.day, COUNT(*) AS answered, SUM(a.sentiment IS 1) AS positive,
           SUM(a.sentiment IS 0) AS neutral, SUM(a.sentiment IS -1) AS negative ${join}
         GROUP BY a.question_id, r.touchpoint, r.day`,
      )
      .bind(...args),
    db
      .prepare(
        `SELECT a.question_id, j.value AS option_id, COUNT(*) AS n FROM answers a
           JOIN responses r ON r.id = a.response_id, json_each(a.choices) AS j
         WHERE ${where} AND a.choices IS NOT NULL GROUP BY a.question_id, j.value`,
      )
      .bind(...args),
  ]);
  return pack(res);
}

function pack(r: D1Result[]): ResultRows {
  const [scores, responses, questions, choices] = r as [
    D1Result<ScoreRow>,
    D1Result<ResponseRow>,
    D1Result<QuestionRow>,
    D1Result<ChoiceRow>,
  ];
  return {
    scores: scores.results,
    responses: responses.results,
    questions: questions.results,
    choices: choices.results,
    rowsRead: r.reduce((s, x) => s + (x.meta.rows_read ?? 0), 0),
  };
}

/** Values of one segment attribute (or locale) with per-value score rows, for the `by` breakdown. */
export async function segmentScoreRows(
  db: D1Database,
  f: Filter,
  by: string,
  questionIds: string[],
): Promise<{ value: string; question_id: string; n: number; responses: number; [k: string]: number | string }[]> {
  if (questionIds.length === 0) return [];
  const key = by === 'locale' ? 'r.locale' : `CAST(json_extract(r.attributes, '$."' || ? || '"') AS TEXT)`;
  const keyArgs = by === 'locale' ? [] : [by];
  const { sql: where, args } = responseWhere(f);
  const { results } = await db
    .prepare(
      `SELECT ${key} AS value, a.question_id, COUNT(*) AS n, COUNT(DISTINCT r.id) AS responses, ${vCounts}
       FROM answers a JOIN responses r ON r.id = a.response_id
       WHERE ${where} AND a.num IS NOT NULL AND a.question_id IN (${questionIds.map(() => '?').join(',')})
       GROUP BY value, a.question_id HAVING value IS NOT NULL ORDER BY n DESC LIMIT 200`,
    )
    .bind(...keyArgs, ...args, ...questionIds)
    .all<{ value: string; question_id: string; n: number; responses: number }>();
  return results;
}
