import { resolveRange } from '../../shared/dates';
import {
  type Ces,
  type Csat,
  cesFromHistogram,
  csatFromHistogram,
  type Nps,
  npsFromHistogram,
} from '../../shared/metrics';
import { STAGES, type Stage } from '../../shared/schemas/common';
import { journeyChannelRows, journeyRows, siteSurveysAndTouchpoints } from '../insights/sql';
import { VALUES } from '../results/sql';
import { metricQuestions } from '../surveys/sql';

type MetricKey = 'nps' | 'csat' | 'ces';
const METRICS: readonly MetricKey[] = ['nps', 'csat', 'ces'];

export type JourneyCell = { key: string; name: string; n: number; nps: Nps | null; csat: Csat | null; ces: Ces | null };
export type Friction = { key: string; stage: Stage; metric: MetricKey; value: number };
export type Journey = {
  range: { from: string; to: string };
  stages: { stage: Stage; touchpoints: JourneyCell[] }[];
  friction: Friction[];
};

/**
 * The worst cell of each metric among those with enough answers: highest CES mean (most effort),
 * lowest CSAT and NPS. "Worst" needs something to compare with, so a metric is called out only
 * when at least two touchpoints have enough answers for it; ties go to the earlier journey stage.
 */
export function frictionOf(stages: Journey['stages']): Friction[] {
  const out: Friction[] = [];
  for (const metric of METRICS) {
    const cells: { key: string; stage: Stage; value: number }[] = [];
    for (const { stage, touchpoints } of stages) {
      for (const t of touchpoints) {
        const m = t[metric];
        if (!m?.enough) continue;
        cells.push({ key: t.key, stage, value: 'mean' in m ? m.mean : m.score });
      }
    }
    if (cells.length < 2) continue;
    // Lower is worse for all three: CES is asked as agreement ("it was easy", 1–7), so 7 is easiest.
    const worst = cells.reduce((w, c) => (c.value < w.value ? c : w));
    out.push({ key: worst.key, stage: worst.stage, metric, value: worst.value });
  }
  return out;
}

/**
 * NPS/CSAT/CES per touchpoint across all of a site's surveys, grouped by journey stage. Each survey
 * contributes its first question of each type (as in results); histograms are summed across
 * surveys before the metric is computed. Reads rollups only, unless `channel` filters (then a scan).
 */
export async function siteJourney(
  db: D1Database,
  siteId: string,
  opts: { from?: string; to?: string; channel?: string },
) {
  const range = resolveRange(opts.from, opts.to);
  const [site, rows] = await Promise.all([
    siteSurveysAndTouchpoints(db, siteId),
    opts.channel !== undefined
      ? journeyChannelRows(db, siteId, range.from, range.to, opts.channel)
      : journeyRows(db, siteId, range.from, range.to),
  ]);

  const metricOf = new Map<string, MetricKey>(); // `${surveyId}\n${questionId}` -> metric
  for (const s of site.surveys) {
    const mq = metricQuestions(s.questions);
    for (const m of METRICS) if (mq[m]) metricOf.set(`${s.id}\n${mq[m]}`, m);
  }

  const hist = new Map<string, Record<MetricKey, number[] | null>>(); // touchpoint -> histograms
  for (const r of rows.scores) {
    const m = metricOf.get(`${r.survey_id}\n${r.question_id}`);
    if (!m) continue;
    const cell = hist.get(r.touchpoint) ?? { nps: null, csat: null, ces: null };
    hist.set(r.touchpoint, cell);
    const h = cell[m] ?? VALUES.map(() => 0);
    cell[m] = h;
    for (const v of VALUES) h[v]! += Number(r[`v${v}`] ?? 0);
  }
  const answered = new Map(rows.responses.map((r) => [r.touchpoint, Number(r.answered)]));

  const stages = STAGES.map((stage) => ({
    stage,
    touchpoints: site.touchpoints
      .filter((t) => t.stage === stage)
      .map((t): JourneyCell => {
        const h = hist.get(t.key);
        return {
          key: t.key,
          name: t.name,
          n: answered.get(t.key) ?? 0,
          nps: h?.nps ? npsFromHistogram(h.nps) : null,
          csat: h?.csat ? csatFromHistogram(h.csat) : null,
          ces: h?.ces ? cesFromHistogram(h.ces) : null,
        };
      }),
  }));
  const journey: Journey = { range: { from: range.from, to: range.to }, stages, friction: frictionOf(stages) };
  return { journey, rowsRead: site.rowsRead + rows.rowsRead };
}
