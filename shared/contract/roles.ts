/**
 * The one role × route table: which roles may call each endpoint with a session cookie. The Worker's
 * binder enforces it (worker/http/auth.ts), the dashboard reads it to leave out what a role may not
 * do, and test/worker/teams.test.ts calls every endpoint as every role against it.
 *
 * - owner: everything.
 * - admin: everything but members' roles (and anything only the operator may do).
 * - analyst: reads everything, changes no setup.
 * - agent: reads results and insights, works the cases assigned to them.
 *
 * An endpoint's `roles` (in its declaration) overrides the default of its access level.
 */
import type { Endpoint, Role } from './endpoint';

export type { Role };
export const ROLES = ['owner', 'admin', 'analyst', 'agent'] as const satisfies readonly Role[];

const READERS: readonly Role[] = ['owner', 'admin', 'analyst'];
const SETUP: readonly Role[] = ['owner', 'admin'];
/** Features an agent reads: what customers said and the cases they work. */
const AGENT_READS = new Set(['results', 'insights', 'cases']);

export function rolesFor(e: Pick<Endpoint, 'access' | 'roles' | 'tag'>): readonly Role[] {
  if (e.roles) return e.roles;
  switch (e.access) {
    case 'public':
    case 'operator':
      return [];
    case 'member':
    case 'site':
      return ROLES;
    case 'read':
      return AGENT_READS.has(e.tag) ? ROLES : READERS;
    case 'manage':
      return SETUP;
  }
}

/** The table itself, operationId → roles, for any list of endpoints (ENDPOINTS in practice). */
export const roleTable = (endpoints: readonly Endpoint[]): Record<string, readonly Role[]> =>
  Object.fromEntries(endpoints.map((e) => [e.operationId, rolesFor(e)]));

/** Whether a role may call an endpoint (the dashboard hides or disables what it may not). */
export const may = (role: Role | null | undefined, e: Pick<Endpoint, 'access' | 'roles' | 'tag'>): boolean =>
  !!role && rolesFor(e).includes(role);

/**
 * Whether an API key with these scopes may call an endpoint: `read` and `manage` endpoints need that
 * scope (`manage` does not imply `read`), `site` ones any key of the site; keys never reach the
 * operator's or a member's own endpoints. The Worker (worker/http/auth.ts) and the dashboard use it.
 */
export function keyMay(scopes: readonly string[], e: Pick<Endpoint, 'access'>): boolean {
  switch (e.access) {
    case 'public':
      return true;
    case 'site':
      return true;
    case 'read':
    case 'manage':
      return scopes.includes(e.access);
    case 'operator':
    case 'member':
      return false;
  }
}
