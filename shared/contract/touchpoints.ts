/** Touchpoints: where in the customer journey a survey is answered. */
import { z } from 'zod';
import { TouchpointInput } from '../schemas/api';
import { endpoint } from './endpoint';
import { namedListOf } from './lists';

export const Touchpoint = TouchpointInput;

export const listTouchpoints = endpoint({
  operationId: 'listTouchpoints',
  method: 'get',
  path: '/v1/touchpoints',
  tag: 'touchpoints',
  summary: "The site's touchpoints",
  access: 'site',
  success: { status: 200, schema: namedListOf('touchpoints', Touchpoint), description: 'touchpoints' },
  errors: [401],
});

export const createTouchpoint = endpoint({
  operationId: 'createTouchpoint',
  idempotent: true,
  method: 'post',
  path: '/v1/touchpoints',
  tag: 'touchpoints',
  summary: 'Create or rename a touchpoint',
  access: 'manage',
  body: TouchpointInput,
  success: { status: 201, schema: z.object({ touchpoint: Touchpoint }), description: 'stored' },
  errors: [400, 401, 403],
});
