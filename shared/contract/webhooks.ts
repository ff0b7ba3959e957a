/** Webhooks: signed deliveries of events to the site's endpoints (a webhook URL is a credential: manage only). */
import { z } from 'zod';
import { DeliveriesQuery, DeliveryStatus, RotateSecretQuery, WebhookEvent, WebhookInput } from '../schemas/api';
import { endpoint } from './endpoint';
import { IdParam, namedListOf, Timestamp } from './lists';

export const Webhook = z.object({
  id: z.string(),
  url: z.string(),
  format: z.enum(['json', 'slack']),
  events: z.array(WebhookEvent),
  createdAt: Timestamp,
  previousSecretExpiresAt: Timestamp.nullable().describe(
    'after a rotation: until when deliveries are signed with the previous secret too',
  ),
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
  idempotent: true,
  method: 'post',
  path: '/v1/webhooks',
  tag: 'webhooks',
  summary: 'Create a webhook; its signing secret is returned once',
  access: 'manage',
  body: WebhookInput,
  success: {
    status: 201,
    schema: Webhook.extend({
      secret: z
        .string()
        .describe(
          'shown once: `whsec_` + standard base64; verify each delivery with it (Seda-Signature or Standard Webhooks)',
        ),
    }),
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

export const DeliveryAttempt = z.object({
  at: Timestamp,
  statusCode: z
    .number()
    .int()
    .nullable()
    .describe("the receiver's HTTP status; null when none came (network error, refused URL)"),
  error: z.string().nullable(),
  durationMs: z.number().int(),
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
  attemptLog: z.array(DeliveryAttempt).describe('every attempt, oldest first'),
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
  idempotent: true,
  method: 'post',
  path: '/v1/webhooks/{id}/ping',
  tag: 'webhooks',
  summary: 'Send a signed test event through the normal delivery path',
  access: 'manage',
  params: IdParam,
  success: { status: 202, schema: z.object({ deliveryId: z.string() }), description: 'queued' },
  errors: [401, 403, 404],
});

export const DeliveryParams = z.object({ id: z.string().min(1).max(128), deliveryId: z.string().min(1).max(128) });

export const getDelivery = endpoint({
  operationId: 'getDelivery',
  method: 'get',
  path: '/v1/webhooks/{id}/deliveries/{deliveryId}',
  tag: 'webhooks',
  summary: 'One delivery with every attempt',
  access: 'manage',
  params: DeliveryParams,
  success: { status: 200, schema: z.object({ delivery: Delivery }), description: 'the delivery' },
  errors: [401, 403, 404],
});

export const redeliver = endpoint({
  operationId: 'redeliver',
  method: 'post',
  path: '/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
  tag: 'webhooks',
  summary: 'Send a finished delivery (delivered or dead) again: same id, same body, new tries',
  description:
    'The delivery goes back to `pending` and through the normal retries; its `webhook-id` and `Seda-Delivery` stay the same, so a receiver that de-duplicates sees the same message.',
  access: 'manage',
  params: DeliveryParams,
  success: { status: 202, schema: z.object({ delivery: Delivery }), description: 'queued again' },
  errors: [401, 403, 404, 409],
  errorNotes: { 409: 'the delivery is still being tried (pending or failed)' },
});

export const rotateWebhookSecret = endpoint({
  operationId: 'rotateWebhookSecret',
  method: 'post',
  path: '/v1/webhooks/{id}/rotate-secret',
  tag: 'webhooks',
  summary: 'Replace the signing secret; the new one is returned once',
  description:
    'For `graceHours` (default 24, 0 ends it at once) every delivery is signed with both secrets: two `v1=` entries in `Seda-Signature`, two space-separated signatures in `webhook-signature`, so receivers can switch without missing one.',
  access: 'manage',
  params: IdParam,
  query: RotateSecretQuery,
  success: {
    status: 200,
    schema: z.object({
      id: z.string(),
      secret: z.string().describe('shown once: `whsec_` + standard base64'),
      previousSecretExpiresAt: Timestamp.nullable(),
    }),
    description: 'rotated',
  },
  errors: [400, 401, 403, 404],
});
