import { type Context, Hono } from 'hono';
import { getCaseStats, getCase as getOp, listCases as listOp, patchCase, putCase } from '../../shared/contract/cases';
import type { AppEnv } from '../env';
import { parseCursor } from '../http/cursor';
import { route } from '../http/endpoint';
import { ApiError, notFound } from '../http/errors';
import { membership } from '../teams/sql';
import { type CaseActor, caseStats, caseTimeline, getCase, listCases, responseOfSite, toCase, upsertCase } from './sql';

/**
 * Follow-up: any response can be opened as a case (open → contacted → resolved), assigned to a
 * member, due by a date (answer alerts set it from their rule's target time; the cron escalates it),
 * filed under a root cause, with a timeline of notes and changes. Agents see and change only the
 * cases assigned to them.
 */
export const caseRoutes = new Hono<AppEnv>();

const isAgent = (c: Context<AppEnv>) => c.get('role') === 'agent';
const actorOf = (c: Context<AppEnv>): CaseActor => c.get('actor') ?? { type: 'system', id: null };

route(caseRoutes, listOp, async (c, { query: q }) => {
  // "me" is the signed-in member; an agent's list is always their own cases.
  const me = c.get('actor')?.type === 'member' ? c.get('actor').id : undefined;
  const assignee = isAgent(c) ? me : q.assignee === 'me' ? (me ?? '-') : q.assignee;
  const page = await listCases(c.env.DB, c.get('siteId'), {
    ...q,
    assignee,
    overdueAt: q.overdue === 'true' ? Date.now() : undefined,
    cursor: parseCursor(q.cursor),
  });
  return { ...page, cases: page.items };
});

// Before /cases/{responseId}, so "stats" is never taken for a response id.
route(caseRoutes, getCaseStats, (c, { query }) => caseStats(c.env.DB, c.get('siteId'), query));

const notYours = () => new ApiError(403, 'forbidden', 'this case is not assigned to you');

route(caseRoutes, getOp, async (c, { params }) => {
  const row = await getCase(c.env.DB, c.get('siteId'), params.responseId);
  if (!row) throw notFound('case');
  if (isAgent(c) && row.assignee !== c.get('actor').id) throw notYours();
  return { case: { ...toCase(row), timeline: await caseTimeline(c.env.DB, row.response_id) } };
});

for (const op of [putCase, patchCase]) {
  route(caseRoutes, op, async (c, { params, body: input }) => {
    const siteId = c.get('siteId');
    if (!(await responseOfSite(c.env.DB, siteId, params.responseId))) throw notFound('response');
    if (isAgent(c)) {
      const row = await getCase(c.env.DB, siteId, params.responseId);
      if (row?.assignee !== c.get('actor').id) throw notYours();
      if (input.assignee !== undefined && input.assignee !== row.assignee) {
        throw new ApiError(403, 'forbidden', 'an agent may not reassign a case');
      }
    }
    if (input.assignee) {
      const m = await membership(c.env.DB, siteId, input.assignee);
      if (!m) {
        throw new ApiError(400, 'invalid_request', 'invalid body: assignee: no such member on this site', [
          { path: ['assignee'], message: 'no such member on this site' },
        ]);
      }
    }
    const row = await upsertCase(c.env.DB, siteId, params.responseId, input, actorOf(c));
    return { case: { ...toCase(row), timeline: await caseTimeline(c.env.DB, row.response_id) } };
  });
}
