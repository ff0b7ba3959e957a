import { Hono } from 'hono';
import { type Survey, SurveyInput, SurveyPatch } from '../../shared/schemas/survey';
import { forgetCollectCache } from '../collect/cache';
import type { AppEnv } from '../env';
import { requireScope, siteAuth } from '../http/auth';
import { invalid, notFound } from '../http/errors';
import { readBody } from '../http/validate';
import { randomId } from '../lib/crypto';
import { deleteSurvey, getSurvey, insertSurvey, listSurveys, updateSurvey } from './sql';

/**
 * Survey CRUD, mounted at /v1/surveys beside the results and insights routes under the same
 * prefix: each route takes its own auth middleware (a `use()` here would run again before theirs).
 */
export const surveyRoutes = new Hono<AppEnv>();

surveyRoutes.get('/', siteAuth(), async (c) => c.json({ surveys: await listSurveys(c.env.DB, c.get('siteId')) }));

surveyRoutes.post('/', siteAuth(), requireScope('manage'), async (c) => {
  const input = await readBody(c, SurveyInput);
  const id = `sv_${randomId(12)}`;
  await insertSurvey(c.env.DB, c.get('siteId'), { id, ...input });
  forgetCollectCache();
  return c.json({ survey: await getSurvey(c.env.DB, c.get('siteId'), id) }, 201);
});

surveyRoutes.get('/:id', siteAuth(), async (c) => {
  const s = await getSurvey(c.env.DB, c.get('siteId'), c.req.param('id'));
  if (!s) throw notFound('survey');
  return c.json({ survey: s });
});

surveyRoutes.patch('/:id', siteAuth(), requireScope('manage'), async (c) => {
  const patch = await readBody(c, SurveyPatch);
  const current = await getSurvey(c.env.DB, c.get('siteId'), c.req.param('id'));
  if (!current) throw notFound('survey');
  // Merge, then validate the whole survey again: cross-field rules (follow-ups, ids) must still hold.
  const merged = { ...current, ...patch };
  for (const k of ['targeting', 'locales', 'theme', 'thankYou'] as const) if (merged[k] === null) delete merged[k];
  const { id, version, createdAt, updatedAt, ...rest } = merged;
  const checked = SurveyInput.safeParse(rest);
  if (!checked.success) throw invalid(checked.error);
  const next: Survey = { ...current, ...checked.data };
  for (const k of ['targeting', 'locales', 'theme', 'thankYou'] as const) if (!(k in checked.data)) delete next[k];
  await updateSurvey(c.env.DB, c.get('siteId'), next);
  forgetCollectCache();
  return c.json({ survey: await getSurvey(c.env.DB, c.get('siteId'), current.id) });
});

surveyRoutes.delete('/:id', siteAuth(), requireScope('manage'), async (c) => {
  if (!(await deleteSurvey(c.env.DB, c.get('siteId'), c.req.param('id')))) throw notFound('survey');
  forgetCollectCache();
  return c.body(null, 204);
});
