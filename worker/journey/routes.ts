import { Hono } from 'hono';
import { getJourney } from '../../shared/contract/insights';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { siteJourney } from './journey';

export const journeyRoutes = new Hono<AppEnv>();

/** NPS/CSAT/CES per touchpoint grouped by journey stage, across the site's surveys; rollups only. */
route(journeyRoutes, getJourney, async (c, { query }) => {
  const { journey, rowsRead } = await siteJourney(c.env.DB, c.get('siteId'), query);
  c.header('Seda-Rows-Read', String(rowsRead));
  return journey;
});
