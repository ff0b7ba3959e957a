/**
 * What a share link shows: the overview's numbers for the last 30 days, built from the results and
 * journey computations, then copied field by field into SharedOverview. The copy is an allow-list:
 * only counts, scores, intervals and the names the site's team gave its surveys and touchpoints
 * pass; verbatims, comments, choice texts, attributes and respondent ids never enter it.
 */
import type { SharedOverview } from '../../shared/contract/digest';
import { resolveRange } from '../../shared/dates';
import { siteJourney } from '../journey/journey';
import { surveyResults } from '../results/results';
import { listSurveys } from '../surveys/sql';
import { listTouchpoints } from '../touchpoints/sql';

/** Surveys shown at most (active first). */
const MAX_SURVEYS = 10;

export async function sharedOverview(
  db: D1Database,
  site: { id: string; name: string; locale: string },
  today?: string,
): Promise<SharedOverview> {
  const range = resolveRange(undefined, undefined, today);
  const [surveys, touchpoints, journey] = await Promise.all([
    listSurveys(db, site.id),
    listTouchpoints(db, site.id),
    siteJourney(db, site.id, { from: range.from, to: range.to }),
  ]);
  const shown = [
    ...surveys.filter((s) => s.status === 'active'),
    ...surveys.filter((s) => s.status === 'paused'),
  ].slice(0, MAX_SURVEYS);
  const results = await Promise.all(
    shown.map((s) => surveyResults(db, s, touchpoints, { from: range.from, to: range.to, interval: 'week' })),
  );
  return {
    site: { name: site.name, locale: site.locale },
    range: { from: range.from, to: range.to, previous: range.previous },
    surveys: results.map((r) => ({
      name: r.survey.name,
      shown: r.shown,
      responses: r.responses,
      completed: r.completed,
      metrics: r.metrics,
      comparison: r.comparison,
      trend: r.trend.map((t) => ({
        period: t.period,
        shown: t.shown,
        responses: t.responses,
        completed: t.completed,
        nps: t.nps,
        csat: t.csat,
        ces: t.ces,
      })),
    })),
    journey: {
      range: journey.journey.range,
      stages: journey.journey.stages.map((st) => ({
        stage: st.stage,
        touchpoints: st.touchpoints.map((t) => ({
          key: t.key,
          name: t.name,
          n: t.n,
          nps: t.nps,
          csat: t.csat,
          ces: t.ces,
        })),
      })),
      friction: journey.journey.friction,
    },
  };
}
