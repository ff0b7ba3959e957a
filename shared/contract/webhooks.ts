/** Webhooks: signed deliveries of events to the site's endpoints (a webhook URL is a credential: manage only). */
import { z } from 'zod';
import { DeliveriesQuery, DeliveryStatus, WebhookEvent, WebhookInput } from '../schemas/api';
import { endpoint } from './endpoint';
import { IdParam, namedListOf, Timestamp } from './lists';

export const Webhook = z.object({
  id: z.string(),
  url: z.string(),
  format: z.enum(['json', 'slack']),
  events: z.array(WebhookEvent),
  createdAt: Timestamp,
});

export const listWebhooks = endpoint({
  operationId: 'listWebhooks',
  method: 'get',
  path: '/v1/webhooks',
  tag: 'webhooks',
  summary: "The site's webhooks",
  access: 'manage',
  success: { status: 200, schema: namedListOf('webhooks', Webhook), description: 'webhooks' },
  errors: [401, 403],
});

export const createWebhook = endpoint({
  operationId: 'createWebhook',
  method: 'post',
  path: '/v1/webhooks',
  tag: 'webhooks',
  summary: 'Create a webhook; its signing secret is returned once',
  access: 'manage',
  body: WebhookInput,
  success: {
    status: 201,
    schema: Webhook.extend({ secret: z.string().describe('shown once: verify each delivery with it') }),
    description: 'created',
  },
  errors: [400, 401, 403, 409],
  errorNotes: { 409: 'the site has its maximum of webhooks' },
});

export const deleteWebhook = endpoint({
  operationId: 'deleteWebhook',
  method: 'delete',
  path: '/v1/webhooks/{id}',
  tag: 'webhooks',
  summary: 'Delete a webhook (and its alert rules and deliveries)',
  access: 'manage',
  params: IdParam,
  success: { status: 204, description: 'deleted' },
  errors: [401, 403, 404],
});

export const Delivery = z.object({
  id: z.string(),
  webhookId: z.string(),
  event: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  deliveredAt: Timestamp.nullable(),
  payload: z.unknown().describe('the exact body that was signed and sent'),
});

export const listDeliveries = endpoint({
  operationId: 'listDeliveries',
  method: 'get',
  path: '/v1/webhooks/{id}/deliveries',
  tag: 'webhooks',
  summary: 'Delivery log of a webhook, newest first',
  access: 'manage',
  params: IdParam,
  query: DeliveriesQuery,
  success: { status: 200, schema: namedListOf('deliveries', Delivery), description: 'a page of deliveries' },
  errors: [400, 401, 403, 404],
});

export const pingWebhook = endpoint({
  operationId: 'pingWebhook',
  method: 'post',
  path: '/v1/webhooks/{id}/ping',
  tag: 'webhooks',
  summary: 'Send a signed test event through the normal delivery path',
  access: 'manage',
  params: IdParam,
  success: { status: 202, schema: z.object({ deliveryId: z.string() }), description: 'queued' },
  errors: [401, 403, 404],
});
