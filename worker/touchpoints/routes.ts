import { Hono } from 'hono';
import { createTouchpoint, listTouchpoints as listOp } from '../../shared/contract/touchpoints';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { listTouchpoints, upsertTouchpoint } from './sql';

export const touchpointRoutes = new Hono<AppEnv>();

route(touchpointRoutes, listOp, async (c) => {
  const touchpoints = await listTouchpoints(c.env.DB, c.get('siteId'));
  return { items: touchpoints, touchpoints };
});

route(touchpointRoutes, createTouchpoint, async (c, { body: t }) => {
  await upsertTouchpoint(c.env.DB, c.get('siteId'), t);
  return { touchpoint: t };
});
