import { Hono } from 'hono';
import { getResults } from '../../shared/contract/results';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { notFound } from '../http/errors';
import { getSurvey } from '../surveys/sql';
import { listTouchpoints } from '../touchpoints/sql';
import { surveyResults } from './results';

export const resultRoutes = new Hono<AppEnv>();

route(resultRoutes, getResults, async (c, { params, query }) => {
  const survey = await getSurvey(c.env.DB, c.get('siteId'), params.id);
  if (!survey) throw notFound('survey');
  const touchpoints = await listTouchpoints(c.env.DB, c.get('siteId'));
  const { rowsRead, ...body } = await surveyResults(c.env.DB, survey, touchpoints, query);
  c.header('Seda-Rows-Read', String(rowsRead));
  return body;
});
