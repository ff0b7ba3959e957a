import { periodStart, resolveRange } from '../shared/dates';
import {
  type Ces,
  type Csat,
  cesFromHistogram,
  compareCes,
  compareCsat,
  compareNps,
  csatFromHistogram,
  meanWithCi,
  type Nps,
  npsFromHistogram,
} from '../shared/metrics';
import type { Interval, Touchpoint } from '../shared/schemas/api';
import { scaleOf } from '../shared/schemas/response';
import type { Survey } from '../shared/schemas/survey';
import {
  type Filter,
  needsScan,
  type ResultRows,
  rollupRows,
  type ScoreRow,
  scanRows,
  segmentScoreRows,
  VALUES,
} from './db/results';
import { metricQuestions } from './db/surveys';

type Metrics = { nps: Nps | null; csat: Csat | null; ces: Ces | null };
type Counts = { shown: number; responses: number; completed: number };

const histogramOf = (rows: readonly Record<string, unknown>[]): number[] => {
  const h = VALUES.map(() => 0);
  for (const r of rows) for (const v of VALUES) h[v]! += Number(r[`v${v}`] ?? 0);
  return h;
};

/** NPS/CSAT/CES from score rows, each from the survey's first question of that type. */
function metricsOf(rows: readonly ScoreRow[], mq: ReturnType<typeof metricQuestions>): Metrics {
  const of = (qid?: string) => (qid ? histogramOf(rows.filter((r) => r.question_id === qid)) : null);
  const n = of(mq.nps);
  const c = of(mq.csat);
  const e = of(mq.ces);
  return {
    nps: n ? npsFromHistogram(n) : null,
    csat: c ? csatFromHistogram(c) : null,
    ces: e ? cesFromHistogram(e) : null,
  };
}

function countsOf(rows: ResultRows['responses']): Counts {
  let shown = 0;
  let responses = 0;
  let completed = 0;
  for (const r of rows) {
    shown += r.started;
    responses += r.answered;
    completed += r.completed;
  }
  return { shown, responses, completed };
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

export type ResultsOptions = {
  from?: string;
  to?: string;
  touchpoint?: string;
  interval?: Interval;
  locale?: string;
  segment?: string;
  by?: string;
  /** Force the full scan (the bench's side-by-side figure). */
  scan?: boolean;
};

/** Everything the results endpoint returns, for one survey. */
export async function surveyResults(
  db: D1Database,
  survey: Survey,
  touchpoints: readonly Touchpoint[],
  opts: ResultsOptions,
) {
  const range = resolveRange(opts.from, opts.to);
  const interval = opts.interval ?? 'day';
  const segment = opts.segment
    ? {
        name: opts.segment.slice(0, opts.segment.indexOf(':')),
        value: opts.segment.slice(opts.segment.indexOf(':') + 1),
      }
    : undefined;
  const filter: Filter = {
    surveyId: survey.id,
    from: range.from,
    to: range.to,
    ...(opts.touchpoint !== undefined ? { touchpoint: opts.touchpoint } : {}),
    ...(opts.locale !== undefined ? { locale: opts.locale } : {}),
    ...(segment ? { segment } : {}),
  };
  const scan = opts.scan || needsScan(filter);
  const read = scan ? scanRows : rollupRows;
  const [rows, prev] = await Promise.all([read(db, filter), read(db, { ...filter, ...range.previous })]);
  const mq = metricQuestions(survey.questions);

  const metrics = metricsOf(rows.scores, mq);
  const previousMetrics = metricsOf(prev.scores, mq);

  const periodScores = groupBy(rows.scores, (r) => periodStart(r.day, interval));
  const periodResponses = groupBy(rows.responses, (r) => periodStart(r.day, interval));
  const periods = [...new Set([...periodScores.keys(), ...periodResponses.keys()])].sort();
  const trend = periods.map((period) => ({
    period,
    ...countsOf(periodResponses.get(period) ?? []),
    ...metricsOf(periodScores.get(period) ?? [], mq),
  }));

  const tpScores = groupBy(rows.scores, (r) => r.touchpoint);
  const tpResponses = groupBy(rows.responses, (r) => r.touchpoint);
  const tpMeta = new Map(touchpoints.map((t) => [t.key, t]));
  const tpKeys = [...new Set([...tpScores.keys(), ...tpResponses.keys()])].sort();
  const touchpointRows = tpKeys.map((key) => ({
    key,
    name: tpMeta.get(key)?.name ?? (key || '(none)'),
    stage: tpMeta.get(key)?.stage ?? null,
    ...countsOf(tpResponses.get(key) ?? []),
    ...metricsOf(tpScores.get(key) ?? [], mq),
  }));

  const qAnswered = groupBy(rows.questions, (r) => r.question_id);
  const qScores = groupBy(rows.scores, (r) => r.question_id);
  const qChoices = groupBy(rows.choices, (r) => r.question_id);
  const questions = survey.questions.map((q) => {
    const answered = (qAnswered.get(q.id) ?? []).reduce((s, r) => s + r.answered, 0);
    const base = { id: q.id, type: q.type, prompt: q.prompt, answered };
    const scale = scaleOf(q);
    if (scale) {
      const h = histogramOf(qScores.get(q.id) ?? []);
      const distribution = [];
      let n = 0;
      let sum = 0;
      let sumsq = 0;
      for (let v = scale.min; v <= scale.max; v++) {
        distribution.push({ value: v, count: h[v] ?? 0 });
        n += h[v] ?? 0;
        sum += (h[v] ?? 0) * v;
        sumsq += (h[v] ?? 0) * v * v;
      }
      return { ...base, distribution, mean: meanWithCi(n, sum, sumsq, scale.min, scale.max) };
    }
    if (q.type === 'choice') {
      const counts = new Map((qChoices.get(q.id) ?? []).map((r) => [r.option_id, r.n]));
      return { ...base, options: q.options.map((o) => ({ id: o.id, label: o.label, count: counts.get(o.id) ?? 0 })) };
    }
    const s = (qAnswered.get(q.id) ?? []).reduce(
      (acc, r) => ({
        positive: acc.positive + r.positive,
        neutral: acc.neutral + r.neutral,
        negative: acc.negative + r.negative,
      }),
      { positive: 0, neutral: 0, negative: 0 },
    );
    return { ...base, sentiment: s };
  });

  let segments: { by: string; items: { value: string; responses: number } & Metrics[] } | undefined;
  if (opts.by) {
    const ids = [mq.nps, mq.csat, mq.ces].filter((x): x is string => !!x);
    const segRows = await segmentScoreRows(db, filter, opts.by, ids);
    const byValue = groupBy(segRows, (r) => String(r.value));
    const items = [...byValue.entries()]
      .map(([value, list]) => ({
        value,
        responses: Math.max(...list.map((r) => r.responses)),
        ...metricsOf(list as unknown as ScoreRow[], mq),
      }))
      .sort((a, b) => b.responses - a.responses)
      .slice(0, 50);
    segments = { by: opts.by, items: items as never };
  }

  return {
    survey: { id: survey.id, name: survey.name },
    range: { from: range.from, to: range.to, interval, previous: range.previous },
    source: scan ? 'scan' : 'rollup',
    ...countsOf(rows.responses),
    metrics,
    previous: { ...countsOf(prev.responses), metrics: previousMetrics },
    comparison: {
      nps: compareNps(metrics.nps, previousMetrics.nps),
      csat: compareCsat(metrics.csat, previousMetrics.csat),
      ces: compareCes(metrics.ces, previousMetrics.ces),
    },
    trend,
    touchpoints: touchpointRows,
    questions,
    ...(segments ? { segments } : {}),
    rowsRead: rows.rowsRead + prev.rowsRead,
  };
}
