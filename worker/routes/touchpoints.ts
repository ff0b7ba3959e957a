import { Hono } from 'hono';
import { TouchpointInput } from '../../shared/schemas/api';
import { listTouchpoints, upsertTouchpoint } from '../db/touchpoints';
import type { AppEnv } from '../env';
import { readBody } from '../lib/validate';
import { requireScope, siteAuth } from '../middleware/auth';

export const touchpointRoutes = new Hono<AppEnv>();
touchpointRoutes.use(siteAuth());

touchpointRoutes.get('/', async (c) => c.json({ touchpoints: await listTouchpoints(c.env.DB, c.get('siteId')) }));

touchpointRoutes.post('/', requireScope('manage'), async (c) => {
  const t = await readBody(c, TouchpointInput);
  await upsertTouchpoint(c.env.DB, c.get('siteId'), t);
  return c.json({ touchpoint: t }, 201);
});
