/** Alert rules: an answer in a range (or with a sentiment), or a score drop, sends an `alert` event. */
import { z } from 'zod';
import { AlertKindName, AlertRuleInput, Sentiment } from '../schemas/api';
import { endpoint } from './endpoint';
import { IdParam, namedListOf, Timestamp } from './lists';

export const Alert = z.object({
  id: z.string(),
  kind: AlertKindName,
  surveyId: z.string(),
  questionId: z.string(),
  min: z.number().optional(),
  max: z.number().optional(),
  sentiment: Sentiment.optional(),
  touchpoint: z.string().optional(),
  metric: z.enum(['nps', 'csat', 'mean']).optional(),
  threshold: z.number().optional(),
  windowDays: z.number().int().optional(),
  minResponses: z.number().int().optional(),
  targetHours: z.number().int().optional().describe('answer rules: hours before the case it opens is due'),
  firing: z
    .boolean()
    .optional()
    .describe(
      'drop rules: true from a drop (95% interval wholly below the threshold) until the score recovers to threshold + a buffer',
    ),
  webhookId: z.string(),
  createdAt: Timestamp,
});
export type Alert = z.infer<typeof Alert>;

export const listAlerts = endpoint({
  operationId: 'listAlerts',
  method: 'get',
  path: '/v1/alerts',
  tag: 'alerts',
  summary: "The site's alert rules",
  access: 'manage',
  success: { status: 200, schema: namedListOf('alerts', Alert), description: 'alert rules' },
  errors: [401, 403],
});

export const createAlert = endpoint({
  operationId: 'createAlert',
  idempotent: true,
  method: 'post',
  path: '/v1/alerts',
  tag: 'alerts',
  summary: 'Create an alert rule: an answer rule or a score-drop rule (`kind: "drop"`)',
  access: 'manage',
  body: AlertRuleInput,
  success: { status: 201, schema: Alert, description: 'created' },
  errors: [400, 401, 403, 404, 409],
  errorNotes: { 404: 'no such survey or webhook on this site', 409: 'the site has its maximum of alert rules' },
});

export const deleteAlert = endpoint({
  operationId: 'deleteAlert',
  method: 'delete',
  path: '/v1/alerts/{id}',
  tag: 'alerts',
  summary: 'Delete an alert rule',
  access: 'manage',
  params: IdParam,
  success: { status: 204, description: 'deleted' },
  errors: [401, 403, 404],
});
