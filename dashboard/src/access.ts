/**
 * Who is using the dashboard and what they may do: a person signed in with a session cookie (their
 * role on the current site), or an operator's API key (its scopes). What may be offered is decided by
 * shared/contract/roles.ts, the same table the Worker enforces: `may(role, endpoint)` for people,
 * `keyMay(scopes, endpoint)` for keys. A screen asks `useCan()(endpoint)` and leaves out, or shows
 * read-only, what the answer refuses; the Worker refuses it anyway.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Endpoint } from '../../shared/contract/endpoint';
import { keyMay, may } from '../../shared/contract/roles';
import type { SessionReply } from '../../shared/contract/teams';

export type Access =
  /** `scopes` undefined while GET /v1/site has not said them yet: offered as if allowed, refused by the Worker. */
  { kind: 'key'; scopes: readonly string[] | undefined } | { kind: 'member'; session: SessionReply };

type Guarded = Pick<Endpoint, 'access' | 'roles' | 'tag'>;

export function canDo(access: Access, e: Guarded): boolean {
  if (access.kind === 'member') return may(access.session.member.role, e);
  return access.scopes === undefined ? e.access !== 'member' && e.access !== 'operator' : keyMay(access.scopes, e);
}

export const AccessContext = createContext<Access>({ kind: 'key', scopes: undefined });
export const useAccess = () => useContext(AccessContext);

/** `can(endpoint)`: whether the signed-in person or key may call it. */
export function useCan(): (e: Guarded) => boolean {
  const access = useAccess();
  return (e) => canDo(access, e);
}

/** What the shell lets screens do to the sign-in itself: end it (sign out everywhere), or renew it. */
export const AuthActions = createContext<{ signedOut: () => void; signedIn: (s: SessionReply) => void }>({
  signedOut: () => {},
  signedIn: () => {},
});
