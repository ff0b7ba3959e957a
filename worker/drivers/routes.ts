import { Hono } from 'hono';
import { getDrivers } from '../../shared/contract/why';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { notFound } from '../http/errors';
import { siteRange } from '../sites/time';
import { getSurvey } from '../surveys/sql';
import { keyDrivers } from './drivers';
import { driverRows } from './sql';

/** Responses read per request (the latest in the range): bounded work at any volume. */
const DRIVER_RESPONSES_CAP = 5000;

export const driverRoutes = new Hono<AppEnv>();

route(driverRoutes, getDrivers, async (c, { params, query }) => {
  const siteId = c.get('siteId');
  const survey = await getSurvey(c.env.DB, siteId, params.id);
  if (!survey) throw notFound('survey');
  const range = await siteRange(c.env.DB, siteId, query.from, query.to);
  const rows = await driverRows(c.env.DB, {
    siteId,
    surveyId: survey.id,
    from: range.from,
    to: range.to,
    cap: DRIVER_RESPONSES_CAP,
  });
  return keyDrivers(survey.questions, query.target, rows);
});
