import { Hono } from 'hono';
import { getOutcomes, postOutcomes } from '../../shared/contract/why';
import { addDays, dayStartMs, localDay } from '../../shared/dates';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { siteRange, siteTime } from '../sites/time';
import { listSurveys, metricQuestions } from '../surveys/sql';
import { churnModel, rates } from './churn';
import { featureRows, insertOutcomes, outcomeRows } from './sql';

export const outcomeRoutes = new Hono<AppEnv>();

/** The site's [surveyId, NPS question id] pairs: where a respondent's NPS group comes from. */
export async function npsPairs(db: D1Database, siteId: string): Promise<[string, string][]> {
  const surveys = await listSurveys(db, siteId);
  return surveys.flatMap((s) => {
    const nps = metricQuestions(s.questions).nps;
    return nps ? [[s.id, nps] as [string, string]] : [];
  });
}

/** Features and outcomes of the site's identified respondents, and the churn model fitted on them. */
export async function churnInputs(
  db: D1Database,
  siteId: string,
  kind: string,
  from: string,
  to: string,
  opts: {
    /** Respondents to score besides those with outcomes (the at-risk list). */
    also?: readonly string[];
    /** The site's [survey, NPS question] pairs, when the caller has read them already. */
    pairs?: readonly (readonly [string, string])[];
  } = {},
) {
  const now = Date.now();
  // The range's days are the site's local days.
  const { timeZone } = await siteTime(db, siteId);
  const [{ rows: features, rowsRead }, outcomes] = await Promise.all([
    featureRows(db, siteId, opts.pairs ?? (await npsPairs(db, siteId)), opts.also),
    outcomeRows(db, {
      siteId,
      kind,
      fromMs: dayStartMs(from, timeZone),
      toMs: dayStartMs(addDays(to, 1), timeZone),
    }),
  ]);
  return { features, outcomes, rowsRead, model: churnModel(features, outcomes, now) };
}

route(outcomeRoutes, postOutcomes, async (c, { body }) => {
  const now = Date.now();
  // An outcome sent without `at` is one per respondent and kind on the site's local day.
  const { timeZone } = await siteTime(c.env.DB, c.get('siteId'));
  const today = localDay(now, timeZone);
  const counts = await insertOutcomes(c.env.DB, c.get('siteId'), body.items, now, [
    dayStartMs(today, timeZone),
    dayStartMs(addDays(today, 1), timeZone),
  ]);
  return { accepted: body.items.length, ...counts };
});

route(outcomeRoutes, getOutcomes, async (c, { query }) => {
  const range = await siteRange(c.env.DB, c.get('siteId'), query.from, query.to);
  const { features, outcomes, model } = await churnInputs(c.env.DB, c.get('siteId'), query.kind, range.from, range.to);
  const { predict: _, ...shown } = model;
  return {
    kind: query.kind,
    range: { from: range.from, to: range.to },
    groups: rates(query.kind, features, outcomes),
    model: shown,
  };
});
