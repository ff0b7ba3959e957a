/** API keys: for machines. Each has scopes `read` and/or `manage`; a key is shown once. */
import { z } from 'zod';
import { ApiKeyInput, ApiScope } from '../schemas/api';
import { endpoint } from './endpoint';
import { IdParam, namedListOf, Timestamp } from './lists';

export const ApiKeyInfo = z.object({
  id: z.string(),
  prefix: z.string().describe('`sk_<id>`: how the key starts'),
  name: z.string(),
  scopes: z.array(ApiScope),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revoked: z.boolean(),
  revokedAt: Timestamp.nullable(),
});

export const listKeys = endpoint({
  operationId: 'listKeys',
  method: 'get',
  path: '/v1/keys',
  tag: 'keys',
  summary: "The site's API keys (prefix, scopes, created, last used, revoked)",
  access: 'manage',
  success: { status: 200, schema: namedListOf('keys', ApiKeyInfo), description: 'keys, oldest first' },
  errors: [401, 403],
});

export const createKey = endpoint({
  operationId: 'createKey',
  idempotent: true,
  method: 'post',
  path: '/v1/keys',
  tag: 'keys',
  summary: 'Create an API key with scopes; the key is shown once',
  access: 'manage',
  body: ApiKeyInput,
  success: {
    status: 201,
    schema: z.object({ key: ApiKeyInfo, apiKey: z.string().describe('shown once') }),
    description: 'created',
  },
  errors: [400, 401, 403, 409],
  errorNotes: { 409: 'the site has its maximum of active keys' },
});

export const revokeKey = endpoint({
  operationId: 'revokeKey',
  method: 'delete',
  path: '/v1/keys/{id}',
  tag: 'keys',
  summary: 'Revoke an API key at once (never the last manage key)',
  access: 'manage',
  params: IdParam,
  success: { status: 204, description: 'revoked' },
  errors: [401, 403, 404, 409],
  errorNotes: { 409: 'the last key with the manage scope' },
});
