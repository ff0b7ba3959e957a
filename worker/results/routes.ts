import { Hono } from 'hono';
import { ExportQuery, ResultsQuery } from '../../shared/schemas/api';
import type { AppEnv } from '../env';
import { exportStream } from '../export/stream';
import { requireScope, siteAuth } from '../http/auth';
import { notFound } from '../http/errors';
import { readQuery } from '../http/validate';
import { getSurvey } from '../surveys/sql';
import { listTouchpoints } from '../touchpoints/sql';
import { surveyResults } from './results';
import { parseSegment } from './segment';

export const resultRoutes = new Hono<AppEnv>();

resultRoutes.get('/:id/results', siteAuth(), requireScope('read'), async (c) => {
  const q = readQuery(c, ResultsQuery);
  const survey = await getSurvey(c.env.DB, c.get('siteId'), c.req.param('id'));
  if (!survey) throw notFound('survey');
  const touchpoints = await listTouchpoints(c.env.DB, c.get('siteId'));
  const { rowsRead, ...body } = await surveyResults(c.env.DB, survey, touchpoints, q);
  c.header('Seda-Rows-Read', String(rowsRead));
  return c.json(body);
});

resultRoutes.get('/:id/responses', siteAuth(), requireScope('read'), async (c) => {
  const q = readQuery(c, ExportQuery);
  const survey = await getSurvey(c.env.DB, c.get('siteId'), c.req.param('id'));
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
