import type { Results } from '../../shared/contract/results';
import {
  addDays,
  type Calendar,
  dayStartMs,
  localDay,
  type PeriodKind,
  periodStart,
  resolveRange,
  zoneOffsets,
} from '../../shared/dates';
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
} from '../../shared/metrics';
import { resultOf } from '../../shared/questions/registry';
import type { Interval, Touchpoint } from '../../shared/schemas/api';
import type { Survey } from '../../shared/schemas/survey';
import { siteTimeOfSurvey } from '../sites/sql';
import { metricQuestions } from '../surveys/sql';
import { parseSegment } from './segment';
import {
  byRolledUp,
  type CountRow,
  type Dim,
  dimRolledUp,
  type Filter,
  filterDim,
  type ResultRows,
  rollupRows,
  type ScoreRow,
  scanRows,
  segmentRollupRows,
  segmentScoreRows,
  VALUES,
} from './sql';

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

const countsOf = (rows: readonly CountRow[]): Counts => ({
  shown: rows.reduce((s, r) => s + r.started, 0),
  responses: rows.reduce((s, r) => s + r.answered, 0),
  completed: rows.reduce((s, r) => s + r.completed, 0),
});

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

/** One row per group key (period or touchpoint) with its counts and metrics. */
function perGroup(scores: readonly ScoreRow[], counts: readonly CountRow[], mq: ReturnType<typeof metricQuestions>) {
  const s = groupBy(scores, (r) => r.g);
  const c = groupBy(counts, (r) => r.g);
  return [...new Set([...s.keys(), ...c.keys()])]
    .sort()
    .map((g) => ({ g, ...countsOf(c.get(g) ?? []), ...metricsOf(s.get(g) ?? [], mq) }));
}

export type ResultsOptions = {
  from?: string;
  to?: string;
  touchpoint?: string;
  interval?: Interval;
  /** The last whole period of this kind before today's, compared with the one before it. */
  period?: Exclude<PeriodKind, 'day'>;
  locale?: string;
  segment?: string;
  channel?: string;
  by?: string;
  /** Force the full scan (audits, the bench's side-by-side figure). */
  source?: 'rollup' | 'scan';
};

/** The filter with its window in `created_at` and the zone's offsets, for the scan. */
function withCreated(f: Filter, zone: string): Filter {
  const fromMs = dayStartMs(f.from, zone);
  const toMs = dayStartMs(addDays(f.to, 1), zone);
  return { ...f, created: { fromMs, toMs, offsets: zoneOffsets(zone, fromMs, toMs) } };
}

/** Per-day rows regrouped under their period's first day (`g`), in the site's calendar. */
function inPeriods(rows: ResultRows, interval: Interval, calendar: Calendar) {
  const starts = new Map<string, string>();
  const startOf = (day: string) => {
    let p = starts.get(day);
    if (p === undefined) {
      p = periodStart(day, interval, calendar);
      starts.set(day, p);
    }
    return p;
  };
  return {
    scoresByPeriod: rows.scoresByPeriod.map((r) => ({ ...r, g: startOf(r.g) })),
    countsByPeriod: rows.countsByPeriod.map((r) => ({ ...r, g: startOf(r.g) })),
  };
}

/** Everything the results endpoint returns, for one survey. */
export async function surveyResults(
  db: D1Database,
  survey: Survey,
  touchpoints: readonly Touchpoint[],
  opts: ResultsOptions,
): Promise<Results & { rowsRead: number }> {
  const time = await siteTimeOfSurvey(db, survey.id);
  const range = resolveRange(opts.from, opts.to, localDay(Date.now(), time.timeZone), {
    calendar: time.calendar,
    ...(opts.period ? { period: opts.period } : {}),
  });
  const interval = opts.interval ?? 'day';
  const segment = parseSegment(opts.segment);
  const filter: Filter = {
    surveyId: survey.id,
    from: range.from,
    to: range.to,
    ...(opts.touchpoint !== undefined ? { touchpoint: opts.touchpoint } : {}),
    ...(opts.locale !== undefined ? { locale: opts.locale } : {}),
    ...(segment ? { segment } : {}),
    ...(opts.channel !== undefined ? { channel: opts.channel } : {}),
  };
  // Rollups answer no dim filter or exactly one rolled-up dim; anything else is scanned.
  const dim = filterDim(filter);
  // While stored days are restamped to a new time zone, only the scan (days from created_at) is right.
  const scan =
    opts.source === 'scan' ||
    time.rezoning ||
    dim === 'many' ||
    (dim !== 'none' && !(await dimRolledUp(db, survey.id, dim)));
  const read = (f: Filter) =>
    scan ? scanRows(db, withCreated(f, time.timeZone)) : rollupRows(db, f, dim === 'none' ? undefined : (dim as Dim));
  const [raw, prev] = await Promise.all([read(filter), read({ ...filter, ...range.previous })]);
  // Rows come per local day; the trend's buckets are periods of the site's calendar.
  const rows = { ...raw, ...inPeriods(raw, interval, time.calendar) };
  const mq = metricQuestions(survey.questions);
  const metrics = metricsOf(rows.scoresByTouchpoint, mq);
  const previousMetrics = metricsOf(prev.scoresByTouchpoint, mq);

  const trend = perGroup(rows.scoresByPeriod, rows.countsByPeriod, mq).map(({ g, ...rest }) => ({
    period: g,
    ...rest,
  }));
  const tpMeta = new Map(touchpoints.map((t) => [t.key, t]));
  const touchpointRows = perGroup(rows.scoresByTouchpoint, rows.countsByTouchpoint, mq).map(({ g, ...rest }) => ({
    key: g,
    name: tpMeta.get(g)?.name ?? (g || '(none)'),
    stage: tpMeta.get(g)?.stage ?? null,
    ...rest,
  }));

  const qAnswered = new Map(rows.questions.map((r) => [r.question_id, r]));
  const qScores = groupBy(rows.scoresByTouchpoint, (r) => r.question_id);
  const qChoices = groupBy(rows.choices, (r) => r.question_id);
  const questions = survey.questions.map((q) => {
    const row = qAnswered.get(q.id);
    const base = { id: q.id, type: q.type, prompt: q.prompt, answered: row?.answered ?? 0 };
    const counts = qChoices.get(q.id) ?? [];
    const data = {
      histogram: histogramOf(qScores.get(q.id) ?? []),
      options: new Map(counts.map((r) => [r.option_id, r.n])),
      sentiment: { positive: row?.positive ?? 0, neutral: row?.neutral ?? 0, negative: row?.negative ?? 0 },
    };
    return { ...base, ...resultOf(q, data, { meanWithCi }) };
  });

  let byRowsRead = 0;
  let segments: { by: string; items: ({ value: string; responses: number } & Metrics)[] } | undefined;
  if (opts.by) {
    const ids = [mq.nps, mq.csat, mq.ces].filter((x): x is string => !!x);
    // The breakdown reads the dimensional rollups when the filter itself needs none of them.
    const byRollup =
      opts.source !== 'scan' && !time.rezoning && dim === 'none' && (await byRolledUp(db, survey.id, opts.by));
    const seg = byRollup
      ? await segmentRollupRows(db, filter, opts.by, ids)
      : await segmentScoreRows(db, withCreated(filter, time.timeZone), opts.by, ids);
    byRowsRead = seg.rowsRead;
    const byValue = groupBy(seg.scores, (r) => String(r.g));
    // `responses`: responses with at least one answer under that value, whatever questions they answered.
    const items = seg.counts
      .map(({ g, responses }) => ({
        value: String(g),
        responses,
        ...metricsOf(byValue.get(String(g)) ?? [], mq),
      }))
      .sort((a, b) => b.responses - a.responses || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, 50);
    segments = { by: opts.by, items };
  }

  return {
    survey: { id: survey.id, name: survey.name },
    range: { from: range.from, to: range.to, interval, previous: range.previous },
    source: scan ? 'scan' : 'rollup',
    ...countsOf(rows.countsByTouchpoint),
    metrics,
    previous: { ...countsOf(prev.countsByTouchpoint), metrics: previousMetrics },
    comparison: {
      nps: compareNps(metrics.nps, previousMetrics.nps),
      csat: compareCsat(metrics.csat, previousMetrics.csat),
      ces: compareCes(metrics.ces, previousMetrics.ces),
    },
    trend,
    touchpoints: touchpointRows,
    questions,
    ...(segments ? { segments } : {}),
    rowsRead: rows.rowsRead + prev.rowsRead + byRowsRead,
  };
}
