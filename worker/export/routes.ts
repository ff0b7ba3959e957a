import { Hono } from 'hono';
import { exportResponses } from '../../shared/contract/results';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { notFound } from '../http/errors';
import { parseSegment } from '../results/segment';
import { getSurvey } from '../surveys/sql';
import { exportStream } from './stream';

export const exportRoutes = new Hono<AppEnv>();

/** Streamed: nothing is built in memory beyond one page of responses. */
route(exportRoutes, exportResponses, async (c, { params, query: q }) => {
  const survey = await getSurvey(c.env.DB, c.get('siteId'), params.id);
  if (!survey) throw notFound('survey');
  const segment = parseSegment(q.segment);
  const stream = exportStream(
    c.env.DB,
    survey,
    {
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.touchpoint !== undefined ? { touchpoint: q.touchpoint } : {}),
      ...(q.locale !== undefined ? { locale: q.locale } : {}),
      ...(segment ? { segment } : {}),
      ...(q.channel !== undefined ? { channel: q.channel } : {}),
    },
    q.format,
  );
  const ext = q.format === 'csv' ? 'csv' : 'ndjson';
  return new Response(stream, {
    headers: {
      'Content-Type': q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="${survey.id}-responses.${ext}"`,
      'Cache-Control': 'no-store',
    },
  });
});
