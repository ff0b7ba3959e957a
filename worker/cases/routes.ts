import { Hono } from 'hono';
import { CaseInput, CaseStatsQuery, CasesQuery } from '../../shared/schemas/api';
import type { AppEnv } from '../env';
import { requireScope, siteAuth } from '../http/auth';
import { notFound } from '../http/errors';
import { readBody, readQuery } from '../http/validate';
import { parseCursor } from '../lib/cursor';
import { caseStats, getCase, listCases, responseOfSite, toCase, upsertCase } from './sql';

/**
 * Follow-up: any response can be opened as a case (open → contacted → resolved, owner, note).
 * Answer alerts open cases on their own. Reading needs the read scope, changing needs manage.
 */
export const caseRoutes = new Hono<AppEnv>();

caseRoutes.get('/cases', siteAuth(), requireScope('read'), async (c) => {
  const q = readQuery(c, CasesQuery);
  return c.json(await listCases(c.env.DB, c.get('siteId'), { ...q, cursor: parseCursor(q.cursor) }));
});

// Before /cases/:responseId, so "stats" is never taken for a response id.
caseRoutes.get('/cases/stats', siteAuth(), requireScope('read'), async (c) => {
  const q = readQuery(c, CaseStatsQuery);
  return c.json(await caseStats(c.env.DB, c.get('siteId'), q));
});

caseRoutes.get('/cases/:responseId', siteAuth(), requireScope('read'), async (c) => {
  const row = await getCase(c.env.DB, c.get('siteId'), c.req.param('responseId'));
  if (!row) throw notFound('case');
  return c.json({ case: toCase(row) });
});

const write = requireScope('manage');
for (const method of ['put', 'patch'] as const) {
  caseRoutes[method]('/cases/:responseId', siteAuth(), write, async (c) => {
    const input = await readBody(c, CaseInput);
    const siteId = c.get('siteId');
    const responseId = c.req.param('responseId');
    if (responseId.length > 64 || !(await responseOfSite(c.env.DB, siteId, responseId))) throw notFound('response');
    return c.json({ case: toCase(await upsertCase(c.env.DB, siteId, responseId, input)) });
  });
}
