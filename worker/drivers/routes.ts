import { Hono } from 'hono';
import { getDrivers } from '../../shared/contract/why';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { notFound } from '../http/errors';
import { siteRange } from '../sites/time';
import { getSurvey } from '../surveys/sql';
import { surveyDrivers } from './drivers';

export const driverRoutes = new Hono<AppEnv>();

route(driverRoutes, getDrivers, async (c, { params, query }) => {
  const siteId = c.get('siteId');
  const survey = await getSurvey(c.env.DB, siteId, params.id);
  if (!survey) throw notFound('survey');
  return surveyDrivers(c.env.DB, siteId, survey, query.target, query.from, query.to);
});
