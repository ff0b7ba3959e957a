import type { Friction, Journey, JourneyCell } from '../../shared/contract/insights';
import { frictionOf } from '../../shared/friction';
import { cesFromHistogram, csatFromHistogram, npsFromHistogram } from '../../shared/metrics';
import { STAGES, type Stage } from '../../shared/schemas/common';
import { VALUES } from '../results/sql';
import { siteRange } from '../sites/time';
import { metricQuestions } from '../surveys/sql';
import { journeyChannelRows, journeyRows, siteSurveysAndTouchpoints } from './sql';

type MetricKey = Friction['metric'];
const METRICS: readonly MetricKey[] = ['nps', 'csat', 'ces'];

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
  const range = await siteRange(db, siteId, opts.from, opts.to);
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
