import { Hono } from 'hono';
import { eraseRespondent as eraseOp } from '../../shared/contract/respondents';
import { eraseRespondent } from '../collect/sql';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { eraseInvitations } from '../invitations/sql';

export const respondentRoutes = new Hono<AppEnv>();

/**
 * GDPR erasure: every response and answer of this respondent on this site (rollups follow by
 * trigger), and their personal invitation links (which name them and hold their attributes).
 * The id arrives decoded once by the router (clients encode it once, with encodeURIComponent).
 */
route(respondentRoutes, eraseOp, async (c, { params }) => {
  await eraseInvitations(c.env.DB, c.get('siteId'), params.respondentId);
  const deleted = await eraseRespondent(c.env.DB, c.get('siteId'), params.respondentId);
  return { respondentId: params.respondentId, deletedResponses: deleted };
});
