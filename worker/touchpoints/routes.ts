import { Hono } from 'hono';
import {
  createTouchpoint,
  deleteTouchpoint as deleteOp,
  listTouchpoints as listOp,
  updateTouchpoint,
} from '../../shared/contract/touchpoints';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { ApiError, notFound } from '../http/errors';
import { deleteTouchpoint, getTouchpoint, listTouchpoints, patchTouchpoint, upsertTouchpoint } from './sql';

export const touchpointRoutes = new Hono<AppEnv>();

route(touchpointRoutes, listOp, async (c) => {
  const touchpoints = await listTouchpoints(c.env.DB, c.get('siteId'));
  return { items: touchpoints, touchpoints };
});

route(touchpointRoutes, createTouchpoint, async (c, { body: t }) => {
  await upsertTouchpoint(c.env.DB, c.get('siteId'), t);
  return { touchpoint: (await getTouchpoint(c.env.DB, c.get('siteId'), t.key)) ?? t };
});

route(touchpointRoutes, updateTouchpoint, async (c, { params, body }) => {
  if (!(await patchTouchpoint(c.env.DB, c.get('siteId'), params.key, body))) throw notFound('touchpoint');
  const touchpoint = await getTouchpoint(c.env.DB, c.get('siteId'), params.key);
  if (!touchpoint) throw notFound('touchpoint');
  return { touchpoint };
});

route(touchpointRoutes, deleteOp, async (c, { params }) => {
  const done = await deleteTouchpoint(c.env.DB, c.get('siteId'), params.key);
  if (done === 'missing') throw notFound('touchpoint');
  if (done === 'in_use') {
    throw new ApiError(409, 'touchpoint_in_use', 'this touchpoint has answers: archive it to keep them');
  }
});
