/**
 * Reads for results. The same row shapes come either from the rollup tables (fast; rows read grow
 * with the days asked for, not with responses) or from a scan of responses/answers (needed for
 * segment, locale and channel filters, which rollups do not key on; also the reference the rollups are
 * tested against and the bench's side-by-side figure). Grouping happens in SQL so only a few hundred
 * rows cross into the Worker whatever the data size.
 */

export type Filter = {
  surveyId: string;
  from: string;
  to: string;
  /**
   * The scan's time window: `created_at` bounds of [from, to] in the site's zone and the zone's
   * offsets over it. With it the scan computes each response's local day from `created_at` instead
   * of reading the stored `day` (right even while days are being restamped after a zone change).
   */
  created?: { fromMs: number; toMs: number; offsets: [number, number][] };
  touchpoint?: string;
  locale?: string;
  segment?: { name: string; value: string };
  /** web, link, email, sms or qr (responses.channel). */
  channel?: string;
};

/** A histogram of score values v0..v10 under a group key (`g`: a local day or a touchpoint). */
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

/**
 * A response's local day computed from `created_at` (SQL over `r`), with its bound values: one
 * offset for most zones, else the zone's offset changes in the window (a handful per year).
 */
function localDaySql(created: NonNullable<Filter['created']>): { sql: string; args: (string | number)[] } {
  if (created.offsets.length === 1) {
    return { sql: `date((r.created_at + ?) / 1000, 'unixepoch')`, args: [created.offsets[0]![1] * 60_000] };
  }
  return {
    sql: `date((r.created_at + 60000 * (SELECT o.value ->> 1 FROM json_each(?) AS o
            WHERE o.value ->> 0 <= r.created_at ORDER BY o.key DESC LIMIT 1)) / 1000, 'unixepoch')`,
    args: [JSON.stringify(created.offsets)],
  };
}

/** A filter the dimensional rollups answer: one dim (locale, channel or a declared attribute) and its value. */
export type Dim = { dim: string; value: string };

/** The filter's one dimension, if it has exactly one (two or more together take the scan path). */
export function filterDim(f: Filter): Dim | 'none' | 'many' {
  const dims: Dim[] = [];
  if (f.locale !== undefined) dims.push({ dim: 'locale', value: f.locale });
  if (f.channel !== undefined) dims.push({ dim: 'channel', value: f.channel });
  if (f.segment) dims.push({ dim: `a:${f.segment.name}`, value: f.segment.value });
  return dims.length === 0 ? 'none' : dims.length === 1 ? dims[0]! : 'many';
}

/**
 * Whether the dimensional rollups hold `dim`'s value for this survey's site: locale and channel
 * always; an attribute once declared as a segment and backfilled (`ready`), for its first 50 values.
 */
export async function dimRolledUp(db: D1Database, surveyId: string, d: Dim): Promise<boolean> {
  if (!d.dim.startsWith('a:')) return true;
  // A value not among the rolled-up ones has no responses yet, unless the attribute overflowed its 50.
  const row = await db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM segment_values v WHERE v.site_id = s.site_id AND v.dim = ?1 AND v.value = ?2) AS known,
         (SELECT COUNT(*) FROM segment_values v WHERE v.site_id = s.site_id AND v.dim = ?1) AS n
       FROM surveys s JOIN segment_dims sd ON sd.site_id = s.site_id AND sd.name = ?3 AND sd.ready = 1
       WHERE s.id = ?4`,
    )
    .bind(d.dim, d.value, d.dim.slice(2), surveyId)
    .first<{ known: number; n: number }>();
  return row !== null && (row.known === 1 || row.n < SEGMENT_VALUE_CAP);
}

/** Whether a `by=` breakdown can be read from the dimensional rollups (every value it shows is there). */
export async function byRolledUp(db: D1Database, surveyId: string, by: string): Promise<boolean> {
  if (by === 'locale' || by === 'channel') return true;
  // Only while no value overflowed the 50 rolled up: otherwise the breakdown would miss some.
  const row = await db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM segment_values v WHERE v.site_id = s.site_id AND v.dim = ?) AS n
       FROM surveys s JOIN segment_dims sd ON sd.site_id = s.site_id AND sd.name = ? AND sd.ready = 1
       WHERE s.id = ?`,
    )
    .bind(`a:${by}`, by, surveyId)
    .first<{ n: number }>();
  return row !== null && row.n < SEGMENT_VALUE_CAP;
}

/** Values of one declared attribute that get rollups (the rest are answered by the scan path). */
export const SEGMENT_VALUE_CAP = 50;

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
  if (f.created) {
    add(`${p}created_at >= ?`, f.created.fromMs);
    add(`${p}created_at < ?`, f.created.toMs);
  } else {
    if (f.from !== undefined) add(`${p}day >= ?`, f.from);
    if (f.to !== undefined) add(`${p}day <= ?`, f.to);
  }
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
function groupedReads(db: D1Database, src: Sources, where: string, args: (string | number)[]) {
  const vSums = VALUES.map((v) => `SUM(${src.v(v)}) AS v${v}`).join(', ');
  // Per local day: weeks, months, quarters and years are built from days in the site's calendar.
  const period = 'day';
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

const DIM_ROLLUPS: Sources = {
  ...ROLLUPS,
  scores: 'dim_answer_rollups',
  responses: 'dim_response_rollups',
  questions: (
    where,
  ) => `(SELECT question_id, answered, positive, neutral, negative FROM dim_question_rollups WHERE ${where}
    UNION ALL SELECT question_id, n, 0, 0, 0 FROM dim_answer_rollups WHERE ${where})`,
  choices: 'dim_choice_rollups',
};

/** Rows from the rollups (the dimensional ones when the filter names a dim), one D1 round trip. */
export async function rollupRows(db: D1Database, f: Filter, dim?: Dim): Promise<ResultRows> {
  const base = responseWhere({ surveyId: f.surveyId, from: f.from, to: f.to, touchpoint: f.touchpoint }, '');
  if (!dim) return pack(await db.batch(groupedReads(db, ROLLUPS, base.sql, base.args)));
  // survey_id, dim, value lead the key, then day: one index range per filter value.
  const sql = `survey_id = ? AND dim = ? AND value = ? AND ${base.sql}`;
  const args = [f.surveyId, dim.dim, dim.value, ...base.args];
  return pack(await db.batch(groupedReads(db, DIM_ROLLUPS, sql, args)));
}

/**
 * The same rows recomputed from every matching response and answer. With `f.created` each
 * response's day is its local day computed from `created_at`, not the stored one.
 */
export async function scanRows(db: D1Database, f: Filter): Promise<ResultRows> {
  const where = responseWhere(f);
  const day = f.created ? localDaySql(f.created) : { sql: 'r.day', args: [] };
  const sql = where.sql;
  // Every statement has one derived table: the day's values, then the filter's.
  const args = [...day.args, ...where.args];
  const d = day.sql;
  // Each source is a derived table with the columns the grouped reads name, filtered by the response.
  const answers = (extra = '') => `(SELECT a.question_id, r.touchpoint, ${d} AS day, a.num, a.sentiment
                    FROM answers a JOIN responses r ON r.id = a.response_id WHERE ${sql}${extra})`;
  const scan: Sources = {
    scores: answers(' AND a.num IS NOT NULL'),
    n: '1',
    v: (v) => `num = ${v}`,
    responses: `(SELECT r.touchpoint, ${d} AS day, 1 AS started, r.completed,
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
    choices: `(SELECT a.question_id, r.touchpoint, ${d} AS day, j.value AS option_id
               FROM answers a JOIN responses r ON r.id = a.response_id, json_each(a.choices) AS j
               WHERE ${sql} AND a.choices IS NOT NULL)`,
    choiceN: '1',
  };
  // The outer WHERE is a constant true: the filter (and its bound values) sits inside each derived table.
  return pack(await db.batch(groupedReads(db, scan, '1', args)));
}

/** Breakdowns by a response column rather than by an `identify` attribute of that name. */
const BY_COLUMN: Record<string, string> = { locale: 'r.locale', channel: 'r.channel' };

/** Score histograms and responses per value of one attribute (or locale, or channel), by scanning. */
export async function segmentScoreRows(db: D1Database, f: Filter, by: string, questionIds: string[]) {
  const column = BY_COLUMN[by];
  const key = column ?? `CAST(json_extract(r.attributes, '$."' || ? || '"') AS TEXT)`;
  const keyArgs = column ? [] : [by];
  const { sql, args } = responseWhere(f);
  const vCounts = VALUES.map((v) => `SUM(a.num = ${v}) AS v${v}`).join(', ');
  const [scores, counts] = await db.batch([
    db
      .prepare(
        `SELECT ${key} AS g, a.question_id, COUNT(*) AS n, ${vCounts}
         FROM answers a JOIN responses r ON r.id = a.response_id
         WHERE ${sql} AND a.num IS NOT NULL AND a.question_id IN (SELECT value FROM json_each(?))
         GROUP BY g, a.question_id HAVING g IS NOT NULL`,
      )
      .bind(...keyArgs, ...args, JSON.stringify(questionIds)),
    db
      .prepare(
        `SELECT ${key} AS g, COUNT(*) AS responses FROM responses r
         WHERE ${sql} AND EXISTS (SELECT 1 FROM answers x WHERE x.response_id = r.id)
         GROUP BY g HAVING g IS NOT NULL`,
      )
      .bind(...keyArgs, ...args),
  ]);
  return {
    scores: (scores as D1Result<ScoreRow>).results,
    counts: (counts as D1Result<ByCountRow>).results,
    rowsRead: (scores?.meta.rows_read ?? 0) + (counts?.meta.rows_read ?? 0),
  };
}

/** Responses with at least one answer per value of the `by` dim (the breakdown's `responses`). */
export type ByCountRow = { g: string; responses: number };

/** The `by` breakdown from the dimensional rollups: score histograms and responses per value. */
export async function segmentRollupRows(db: D1Database, f: Filter, by: string, questionIds: string[]) {
  const dim = by === 'locale' || by === 'channel' ? by : `a:${by}`;
  const base = responseWhere({ from: f.from, to: f.to, touchpoint: f.touchpoint }, '');
  const vSums = VALUES.map((v) => `SUM(v${v}) AS v${v}`).join(', ');
  const [scores, counts] = await db.batch([
    db
      .prepare(
        `SELECT value AS g, question_id, SUM(n) AS n, ${vSums} FROM dim_answer_rollups
         WHERE survey_id = ? AND dim = ? AND ${base.sql} AND question_id IN (SELECT value FROM json_each(?))
         GROUP BY value, question_id HAVING SUM(n) > 0`,
      )
      .bind(f.surveyId, dim, ...base.args, JSON.stringify(questionIds)),
    db
      .prepare(
        `SELECT value AS g, SUM(answered) AS responses FROM dim_response_rollups
         WHERE survey_id = ? AND dim = ? AND ${base.sql} GROUP BY value HAVING SUM(answered) > 0`,
      )
      .bind(f.surveyId, dim, ...base.args),
  ]);
  return {
    scores: (scores as D1Result<ScoreRow>).results,
    counts: (counts as D1Result<ByCountRow>).results,
    rowsRead: (scores?.meta.rows_read ?? 0) + (counts?.meta.rows_read ?? 0),
  };
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
