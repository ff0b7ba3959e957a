import { Hono } from 'hono';
import { createAlert, deleteAlert as deleteOp, listAlerts as listOp } from '../../shared/contract/alerts';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { ApiError, notFound } from '../http/errors';
import { randomId } from '../lib/crypto';
import { getSurvey } from '../surveys/sql';
import { getWebhookRow } from '../webhooks/sql';
import { checkRule, toAlert } from './kinds/registry';
import { forgetRules } from './rules';
import { deleteAlert, getAlert, insertAlert, listAlerts } from './sql';

const MAX_ALERTS = 100;

const badField = (field: string, message: string, status: 404 | 400 = 400) =>
  new ApiError(status, status === 404 ? 'not_found' : 'invalid_request', `invalid body: ${field}: ${message}`, [
    { path: [field], message },
  ]);

/** Alert rules of the key's site; each sends `alert` events to one of the site's webhooks. */
export const alertRoutes = new Hono<AppEnv>();

route(alertRoutes, listOp, async (c) => {
  const alerts = (await listAlerts(c.env.DB, c.get('siteId'))).map(toAlert);
  return { items: alerts, alerts };
});

/** A rule of any kind (`kind` absent means "answer"), checked against its survey by its kind's module. */
route(alertRoutes, createAlert, async (c, { body }) => {
  const siteId = c.get('siteId');
  const [survey, hook] = await Promise.all([
    getSurvey(c.env.DB, siteId, body.surveyId),
    getWebhookRow(c.env.DB, siteId, body.webhookId),
  ]);
  if (!survey) throw badField('surveyId', 'no such survey on this site', 404);
  if (!hook) throw badField('webhookId', 'no such webhook on this site', 404);
  if (!(JSON.parse(hook.events) as string[]).includes('alert')) {
    throw badField('webhookId', 'this webhook does not subscribe to "alert" events');
  }
  const question = survey.questions.find((q) => q.id === body.questionId);
  if (!question) throw badField('questionId', `no question "${body.questionId}" in this survey`);
  const columns = checkRule(body, question);
  if ('path' in columns) throw badField(String(columns.path[0]), columns.message);
  const id = `al_${randomId(12)}`;
  const added = await insertAlert(
    c.env.DB,
    {
      id,
      siteId,
      surveyId: body.surveyId,
      questionId: body.questionId,
      kind: body.kind ?? 'answer',
      webhookId: body.webhookId,
      ...columns,
    },
    MAX_ALERTS,
  );
  if (!added) throw new ApiError(409, 'limit_reached', `a site has at most ${MAX_ALERTS} alerts`);
  forgetRules(siteId);
  const alert = await getAlert(c.env.DB, siteId, id);
  if (!alert) throw notFound('alert');
  return toAlert(alert);
});

route(alertRoutes, deleteOp, async (c, { params }) => {
  if (!(await deleteAlert(c.env.DB, c.get('siteId'), params.id))) throw notFound('alert');
  forgetRules(c.get('siteId'));
});
