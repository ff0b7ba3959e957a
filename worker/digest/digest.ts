/**
 * The leadership digest of one site for a range: every figure comes from the function behind its
 * own API (results, drivers, topics, at-risk), called the same way, so the digest can never tell a
 * different number than the dashboard for the same week. Nothing a respondent wrote is copied in.
 */
import type { Digest, DigestSurvey } from '../../shared/contract/digest';
import { resolveRange } from '../../shared/dates';
import { wilson } from '../../shared/metrics';
import { surveyDrivers } from '../drivers/drivers';
import { AT_RISK_LIMIT, atRiskRows } from '../insights/sql';
import { surveyResults } from '../results/results';
import { getSiteById } from '../sites/sql';
import { listSurveys, metricQuestions } from '../surveys/sql';
import { topicCounts } from '../topics/counts';
import { listTouchpoints } from '../touchpoints/sql';
import { caseCounts, recoveryScores } from './sql';

/** Surveys reported at most (the first listed that are not drafts): bounded work per site. */
export const DIGEST_MAX_SURVEYS = 20;
const TOP_DRIVERS = 3;
const TOP_TOPICS = 3;
const METRICS = ['nps', 'csat', 'ces'] as const;

type Survey = Awaited<ReturnType<typeof listSurveys>>[number];
type Touchpoints = Awaited<ReturnType<typeof listTouchpoints>>;

async function surveyPart(
  db: D1Database,
  siteId: string,
  survey: Survey,
  touchpoints: Touchpoints,
  range: { from: string; to: string },
): Promise<DigestSurvey | null> {
  // The results API's own computation, with the same from/to a reader would pass it.
  const r = await surveyResults(db, survey, touchpoints, { from: range.from, to: range.to, interval: 'week' });
  if (r.responses === 0 && r.previous.responses === 0) return null;
  const changes = METRICS.flatMap((metric) => {
    const c = r.comparison[metric];
    return c?.significant ? [{ metric, ...c }] : [];
  });
  const target = METRICS.find((m) => r.metrics[m] !== null);
  const [drivers, topics] = await Promise.all([
    target ? surveyDrivers(db, siteId, survey, target, range.from, range.to) : null,
    topicCounts(db, siteId, survey.id, range.from, range.to),
  ]);
  const labels = new Map(topics.list.map((t) => [t.key, t.label]));
  return {
    id: survey.id,
    name: survey.name,
    shown: r.shown,
    responses: r.responses,
    completed: r.completed,
    metrics: r.metrics,
    previous: r.previous,
    changes,
    drivers:
      drivers && target && drivers.enough
        ? {
            target,
            n: drivers.n,
            items: drivers.drivers
              .filter((d) => d.evidence)
              .slice(0, TOP_DRIVERS)
              .map(({ kind, key, importance, ci95, n }) => ({ kind, key, importance, ci95, n })),
          }
        : null,
    topicsRising: topics.topics
      .filter((t) => t.n > t.previous)
      .sort((a, b) => b.n - b.previous - (a.n - a.previous) || (a.key < b.key ? -1 : 1))
      .slice(0, TOP_TOPICS)
      .map((t) => ({ key: t.key, label: labels.get(t.key) ?? {}, n: t.n, previous: t.previous })),
  };
}

export async function buildDigest(db: D1Database, siteId: string, from: string, to: string): Promise<Digest> {
  const range = resolveRange(from, to);
  const [site, surveys, touchpoints] = await Promise.all([
    getSiteById(db, siteId),
    listSurveys(db, siteId),
    listTouchpoints(db, siteId),
  ]);
  const reported = surveys.filter((s) => s.status !== 'draft').slice(0, DIGEST_MAX_SURVEYS);
  // The at-risk list's own rule: each survey's first NPS question.
  const pairs = surveys.flatMap((s) => {
    const nps = metricQuestions(s.questions).nps;
    return nps ? [[s.id, nps] as const] : [];
  });
  const [parts, atRisk, cases, recovery] = await Promise.all([
    Promise.all(reported.map((s) => surveyPart(db, siteId, s, touchpoints, range))),
    atRiskRows(db, { siteId, pairs, from: range.from, to: range.to }).then((r) => r.rows),
    caseCounts(db, siteId, range.from, range.to),
    recoveryScores(db, siteId, pairs, range.from, range.to),
  ]);
  const recovered = recovery.filter((n) => n >= 7).length;
  return {
    site: { id: siteId, name: site?.name ?? '' },
    range: { from: range.from, to: range.to, previous: range.previous },
    surveys: parts.filter((p): p is DigestSurvey => p !== null),
    atRisk: { count: Math.min(atRisk.length, AT_RISK_LIMIT), capped: atRisk.length >= AT_RISK_LIMIT },
    cases,
    recovery: recovery.length
      ? { rate: recovered / recovery.length, ci95: wilson(recovered, recovery.length), recovered, n: recovery.length }
      : null,
  };
}
