/** Touchpoints: where in the customer journey a survey is answered. */
import { z } from 'zod';
import { Touchpoint, TouchpointInput, TouchpointPatch } from '../schemas/api';
import { Slug } from '../schemas/common';
import { endpoint } from './endpoint';
import { namedListOf } from './lists';

export { Touchpoint };

/** Path parameter `{key}`: a touchpoint's key, which never changes. */
const KeyParam = z.object({ key: Slug });

export const listTouchpoints = endpoint({
  operationId: 'listTouchpoints',
  method: 'get',
  path: '/v1/touchpoints',
  tag: 'touchpoints',
  summary: "The site's touchpoints (archived ones carry `archived: true`)",
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
  // v1 behaviour kept for machines that "ensure" a touchpoint: the same key again updates it (and
  // restores it if archived). The dashboard never overwrites: it adds new keys only and edits with PATCH.
  summary: 'Create a touchpoint (the same key again updates it)',
  access: 'manage',
  body: TouchpointInput,
  success: { status: 201, schema: z.object({ touchpoint: Touchpoint }), description: 'stored' },
  errors: [400, 401, 403],
});

export const updateTouchpoint = endpoint({
  operationId: 'updateTouchpoint',
  method: 'patch',
  path: '/v1/touchpoints/{key}',
  tag: 'touchpoints',
  summary: 'Rename a touchpoint, move it to another stage, archive or restore it (the key never changes)',
  access: 'manage',
  params: KeyParam,
  body: TouchpointPatch,
  success: { status: 200, schema: z.object({ touchpoint: Touchpoint }), description: 'the touchpoint as changed' },
  errors: [400, 401, 403, 404],
});

export const deleteTouchpoint = endpoint({
  operationId: 'deleteTouchpoint',
  method: 'delete',
  path: '/v1/touchpoints/{key}',
  tag: 'touchpoints',
  summary: 'Delete a touchpoint that has no answers (one with answers is archived instead: 409)',
  access: 'manage',
  params: KeyParam,
  success: { status: 204, description: 'deleted' },
  errors: [401, 403, 404, 409],
  errorNotes: { 409: 'the touchpoint has answers: archive it (PATCH {archived: true}) to keep them' },
});
