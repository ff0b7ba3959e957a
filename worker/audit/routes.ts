import { Hono } from 'hono';
import { listAudit as listOp } from '../../shared/contract/teams';
import type { AppEnv } from '../env';
import { parseCursor } from '../http/cursor';
import { route } from '../http/endpoint';
import { listAudit } from './sql';

/** The site's audit log (written by the binder: worker/audit/record.ts). */
export const auditRoutes = new Hono<AppEnv>();

route(auditRoutes, listOp, async (c, { query: q }) => {
  const { page, next } = await listAudit(c.env.DB, c.get('siteId'), { ...q, cursor: parseCursor(q.cursor) });
  return {
    items: page.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: { type: r.actor_type, id: r.actor_id, email: r.email },
      action: r.action,
      target: { type: r.target_type, id: r.target_id },
    })),
    ...next,
  };
});
