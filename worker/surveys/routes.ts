import { Hono } from 'hono';
import {
  createSurvey,
  deleteSurvey as deleteOp,
  getSurvey as getOp,
  listSurveys as listOp,
  patchSurvey,
} from '../../shared/contract/surveys';
import { type Survey, SurveyInput } from '../../shared/schemas/survey';
import { forgetCollectCache } from '../collect/cache';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { invalid, notFound } from '../http/errors';
import { randomId } from '../lib/crypto';
import { deleteSurvey, getSurvey, insertSurvey, listSurveys, updateSurvey } from './sql';

/** Survey CRUD: every change is validated whole, so nothing saved can break the widget. */
export const surveyRoutes = new Hono<AppEnv>();

route(surveyRoutes, listOp, async (c) => {
  const surveys = await listSurveys(c.env.DB, c.get('siteId'));
  return { items: surveys, surveys };
});

route(surveyRoutes, createSurvey, async (c, { body: input }) => {
  const id = `sv_${randomId(12)}`;
  await insertSurvey(c.env.DB, c.get('siteId'), { id, ...input });
  forgetCollectCache();
  const survey = await getSurvey(c.env.DB, c.get('siteId'), id);
  if (!survey) throw notFound('survey');
  return { survey };
});

route(surveyRoutes, getOp, async (c, { params }) => {
  const s = await getSurvey(c.env.DB, c.get('siteId'), params.id);
  if (!s) throw notFound('survey');
  return { survey: s };
});

/** The parts a PATCH may remove with `null`. */
const OPTIONAL = ['targeting', 'locales', 'theme', 'thankYou', 'names'] as const;

route(surveyRoutes, patchSurvey, async (c, { params, body: patch }) => {
  const current = await getSurvey(c.env.DB, c.get('siteId'), params.id);
  if (!current) throw notFound('survey');
  // Merge, then validate the whole survey again: cross-field rules (follow-ups, ids) must still hold.
  const merged = { ...current, ...patch };
  for (const k of OPTIONAL) if (merged[k] === null) delete merged[k];
  const { id, version, createdAt, updatedAt, ...rest } = merged;
  const checked = SurveyInput.safeParse(rest);
  if (!checked.success) throw invalid(checked.error);
  const next: Survey = { ...current, ...checked.data };
  for (const k of OPTIONAL) if (!(k in checked.data)) delete next[k];
  await updateSurvey(c.env.DB, c.get('siteId'), next);
  forgetCollectCache();
  const survey = await getSurvey(c.env.DB, c.get('siteId'), current.id);
  if (!survey) throw notFound('survey');
  return { survey };
});

route(surveyRoutes, deleteOp, async (c, { params }) => {
  if (!(await deleteSurvey(c.env.DB, c.get('siteId'), params.id))) throw notFound('survey');
  forgetCollectCache();
});
