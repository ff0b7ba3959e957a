import type { Actor } from '../env';
import { keysetPage } from '../http/cursor';

export type AuditRow = {
  id: string;
  at: number;
  actor_type: 'member' | 'key';
  actor_id: string;
  email: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
};

export const insertAuditStmt = (
  db: D1Database,
  a: { id: string; siteId: string; actor: Actor; action: string; targetType: string; targetId: string | null },
  now: number,
) =>
  db
    .prepare(
      `INSERT INTO audit_log (id, site_id, at, actor_type, actor_id, action, target_type, target_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(a.id, a.siteId, now, a.actor.type, a.actor.id, a.action, a.targetType, a.targetId);

/** A page of the site's audit log, newest first, optionally for one actor and one object. */
export async function listAudit(
  db: D1Database,
  siteId: string,
  q: {
    actor?: string | undefined;
    targetType?: string | undefined;
    targetId?: string | undefined;
    limit: number;
    cursor?: { at: number; id: string } | undefined;
  },
) {
  const where = ['a.site_id = ?'];
  const args: (string | number)[] = [siteId];
  if (q.actor) {
    where.push('a.actor_id = ?');
    args.push(q.actor);
  }
  if (q.targetType) {
    where.push('a.target_type = ?');
    args.push(q.targetType);
  }
  if (q.targetId) {
    where.push('a.target_id = ?');
    args.push(q.targetId);
  }
  if (q.cursor) {
    where.push('(a.at < ? OR (a.at = ? AND a.id < ?))');
    args.push(q.cursor.at, q.cursor.at, q.cursor.id);
  }
  const { results } = await db
    .prepare(
      `SELECT a.*, m.email FROM audit_log a LEFT JOIN members m ON a.actor_type = 'member' AND m.id = a.actor_id
       WHERE ${where.join(' AND ')} ORDER BY a.at DESC, a.id DESC LIMIT ?`,
    )
    .bind(...args, q.limit + 1)
    .all<AuditRow>();
  return keysetPage(results, q.limit, (r) => ({ at: r.at, id: r.id }));
}
