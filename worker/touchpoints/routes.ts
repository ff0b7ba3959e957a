import { Hono } from 'hono';
import { TouchpointInput } from '../../shared/schemas/api';
import type { AppEnv } from '../env';
import { requireScope, siteAuth } from '../http/auth';
import { readBody } from '../http/validate';
import { listTouchpoints, upsertTouchpoint } from './sql';

export const touchpointRoutes = new Hono<AppEnv>();
touchpointRoutes.use(siteAuth());

touchpointRoutes.get('/', async (c) => c.json({ touchpoints: await listTouchpoints(c.env.DB, c.get('siteId')) }));

touchpointRoutes.post('/', requireScope('manage'), async (c) => {
  const t = await readBody(c, TouchpointInput);
  await upsertTouchpoint(c.env.DB, c.get('siteId'), t);
  return c.json({ touchpoint: t }, 201);
});
