/**
 * The audit log is written by the binder (worker/http/endpoint.ts) after every successful change
 * made with a site credential, so no feature can forget it: the action is the endpoint's
 * operationId, the target its feature and the id of the object (from the path, else from the reply
 * of a create). Changes made without a site credential (accepting an invitation) call
 * `recordAudit` themselves.
 */
import type { Context } from 'hono';
import type { Endpoint } from '../../shared/contract/endpoint';
import type { Actor, AppEnv } from '../env';
import { randomId } from '../lib/crypto';
import { insertAuditStmt } from './sql';

/** The id of what a change was about: a path parameter, else the first `id` of the reply (a create). */
export function targetIdOf(params: Record<string, unknown>, reply: unknown): string | null {
  const fromPath = Object.values(params).find((v): v is string => typeof v === 'string');
  if (fromPath) return fromPath;
  if (typeof reply !== 'object' || reply === null) return null;
  const r = reply as Record<string, unknown>;
  if (typeof r.id === 'string') return r.id;
  for (const v of Object.values(r)) {
    if (typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string') {
      return (v as { id: string }).id;
    }
  }
  return null;
}

export function recordAudit(
  c: Context<AppEnv>,
  a: { siteId: string; actor: Actor; action: string; targetType: string; targetId: string | null },
  now = Date.now(),
) {
  return insertAuditStmt(c.env.DB, { id: `au_${randomId(16)}`, ...a }, now).run();
}

/** After a successful change through an endpoint with a site credential. */
export async function auditChange(c: Context<AppEnv>, e: Endpoint, params: Record<string, unknown>, reply: unknown) {
  const actor = c.get('actor');
  const siteId = c.get('siteId');
  if (!actor || !siteId) return;
  await recordAudit(c, {
    siteId,
    actor,
    action: e.operationId,
    targetType: e.tag,
    targetId: targetIdOf(params, reply),
  });
}
