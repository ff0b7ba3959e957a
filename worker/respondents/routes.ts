import { Hono } from 'hono';
import { eraseRespondent } from '../collect/sql';
import type { AppEnv } from '../env';
import { requireScope, siteAuth } from '../http/auth';
import { ApiError } from '../http/errors';

export const respondentRoutes = new Hono<AppEnv>();
respondentRoutes.use(siteAuth(), requireScope('manage'));

/** GDPR erasure: every response and answer of this respondent on this site; rollups follow by trigger. */
respondentRoutes.delete('/:respondentId', async (c) => {
  const id = decodeURIComponent(c.req.param('respondentId'));
  if (id.length < 1 || id.length > 128)
    throw new ApiError(400, 'invalid_request', 'respondent id must be 1–128 characters');
  const deleted = await eraseRespondent(c.env.DB, c.get('siteId'), id);
  return c.json({ respondentId: id, deletedResponses: deleted });
});
