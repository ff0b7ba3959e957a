import { Hono } from 'hono';
import { createAlert, deleteAlert as deleteOp, listAlerts as listOp } from '../../shared/contract/alerts';
import { scaleOf } from '../../shared/schemas/response';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { ApiError, notFound } from '../http/errors';
import { randomId } from '../lib/crypto';
import { getSurvey } from '../surveys/sql';
import { getWebhookRow } from '../webhooks/sql';
import { metricFor } from './evaluate';
import { forgetRules } from './rules';
import { type AlertWrite, deleteAlert, getAlert, insertAlert, listAlerts } from './sql';

const MAX_ALERTS = 100;

const badField = (field: string, message: string, status: 404 | 400 = 400) =>
  new ApiError(status, status === 404 ? 'not_found' : 'invalid_request', `invalid body: ${field}: ${message}`, [
    { path: [field], message },
  ]);

/** Alert rules of the key's site; each sends `alert` events to one of the site's webhooks. */
export const alertRoutes = new Hono<AppEnv>();

route(alertRoutes, listOp, async (c) => {
  const alerts = await listAlerts(c.env.DB, c.get('siteId'));
  return { items: alerts, alerts };
});

/** An answer rule (`kind` absent or "answer") or a drop rule (`kind: "drop"`), told apart by `kind`. */
route(alertRoutes, createAlert, async (c, { body }) => {
  const rule = body.kind === 'drop' ? body : { ...body, kind: 'answer' as const };
  const siteId = c.get('siteId');
  const [survey, hook] = await Promise.all([
    getSurvey(c.env.DB, siteId, rule.surveyId),
    getWebhookRow(c.env.DB, siteId, rule.webhookId),
  ]);
  if (!survey) throw badField('surveyId', 'no such survey on this site', 404);
  if (!hook) throw badField('webhookId', 'no such webhook on this site', 404);
  if (!(JSON.parse(hook.events) as string[]).includes('alert')) {
    throw badField('webhookId', 'this webhook does not subscribe to "alert" events');
  }
  const question = survey.questions.find((q) => q.id === rule.questionId);
  if (!question) throw badField('questionId', `no question "${rule.questionId}" in this survey`);
  const write: AlertWrite = { id: `al_${randomId(12)}`, siteId, ...rule };
  if (rule.kind === 'drop') {
    const metric = metricFor(question.type);
    if (!metric) throw badField('questionId', 'a drop alert needs a scored question (nps, csat, ces or rating)');
    write.metric = metric;
  } else {
    const scored = scaleOf(question) !== null;
    if ((rule.min !== undefined || rule.max !== undefined) && !scored) {
      throw badField('min', 'min/max apply to scored questions (nps, csat, ces, rating)');
    }
    if (rule.sentiment !== undefined && question.type !== 'text') {
      throw badField('sentiment', 'sentiment applies to text questions');
    }
  }
  const count = await c.env.DB.prepare('SELECT COUNT(*) AS n FROM alerts WHERE site_id = ?')
    .bind(siteId)
    .first<{ n: number }>();
  if ((count?.n ?? 0) >= MAX_ALERTS)
    throw new ApiError(409, 'limit_reached', `a site has at most ${MAX_ALERTS} alerts`);
  await insertAlert(c.env.DB, write);
  forgetRules(siteId);
  const alert = await getAlert(c.env.DB, siteId, write.id);
  if (!alert) throw notFound('alert');
  return alert;
});

route(alertRoutes, deleteOp, async (c, { params }) => {
  if (!(await deleteAlert(c.env.DB, c.get('siteId'), params.id))) throw notFound('alert');
  forgetRules(c.get('siteId'));
});
