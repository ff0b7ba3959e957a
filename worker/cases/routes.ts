import { Hono } from 'hono';
import { getCaseStats, getCase as getOp, listCases as listOp, patchCase, putCase } from '../../shared/contract/cases';
import type { AppEnv } from '../env';
import { parseCursor } from '../http/cursor';
import { route } from '../http/endpoint';
import { notFound } from '../http/errors';
import { caseStats, getCase, listCases, responseOfSite, toCase, upsertCase } from './sql';

/**
 * Follow-up: any response can be opened as a case (open → contacted → resolved, owner, note).
 * Answer alerts open cases on their own. Reading needs the read scope, changing needs manage.
 */
export const caseRoutes = new Hono<AppEnv>();

route(caseRoutes, listOp, async (c, { query: q }) => {
  const page = await listCases(c.env.DB, c.get('siteId'), { ...q, cursor: parseCursor(q.cursor) });
  return { ...page, cases: page.items };
});

// Before /cases/{responseId}, so "stats" is never taken for a response id.
route(caseRoutes, getCaseStats, (c, { query }) => caseStats(c.env.DB, c.get('siteId'), query));

route(caseRoutes, getOp, async (c, { params }) => {
  const row = await getCase(c.env.DB, c.get('siteId'), params.responseId);
  if (!row) throw notFound('case');
  return { case: toCase(row) };
});

for (const op of [putCase, patchCase]) {
  route(caseRoutes, op, async (c, { params, body: input }) => {
    const siteId = c.get('siteId');
    if (!(await responseOfSite(c.env.DB, siteId, params.responseId))) throw notFound('response');
    return { case: toCase(await upsertCase(c.env.DB, siteId, params.responseId, input)) };
  });
}
