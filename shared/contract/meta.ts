import { z } from 'zod';
import { endpoint } from './endpoint';

export const getOpenApi = endpoint({
  operationId: 'getOpenApi',
  method: 'get',
  path: '/v1/openapi.json',
  tag: 'meta',
  summary: 'This document (OpenAPI 3.1)',
  access: 'public',
  success: { status: 200, schema: z.record(z.string(), z.unknown()), description: 'OpenAPI 3.1' },
  errors: [],
});
