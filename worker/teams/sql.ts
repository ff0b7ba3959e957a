import type { Role } from '../../shared/contract/endpoint';

export type MemberRow = {
  id: string;
  email: string;
  name: string | null;
  password: string | null;
  password_changed_at: number | null;
  created_at: number;
};
export type MembershipRow = MemberRow & { site_id: string; role: Role; accepted_at: number | null; joined_at: number };

export const memberByEmail = (db: D1Database, email: string) =>
  db.prepare('SELECT * FROM members WHERE email = ?').bind(email).first<MemberRow>();

export const memberById = (db: D1Database, id: string) =>
  db.prepare('SELECT * FROM members WHERE id = ?').bind(id).first<MemberRow>();

const MEMBERSHIP = `SELECT m.*, s.site_id, s.role, s.accepted_at, s.created_at AS joined_at
  FROM memberships s JOIN members m ON m.id = s.member_id`;

export const membership = (db: D1Database, siteId: string, memberId: string) =>
  db.prepare(`${MEMBERSHIP} WHERE s.site_id = ? AND s.member_id = ?`).bind(siteId, memberId).first<MembershipRow>();

export async function siteMembers(db: D1Database, siteId: string): Promise<MembershipRow[]> {
  const { results } = await db
    .prepare(`${MEMBERSHIP} WHERE s.site_id = ? ORDER BY s.created_at, m.id`)
    .bind(siteId)
    .all<MembershipRow>();
  return results;
}

/** The sites a member has accepted, with the role on each. */
export async function memberSites(db: D1Database, memberId: string) {
  const { results } = await db
    .prepare(
      `SELECT s.site_id AS id, t.name, s.role FROM memberships s JOIN sites t ON t.id = s.site_id
       WHERE s.member_id = ? AND s.accepted_at IS NOT NULL ORDER BY t.name, t.id`,
    )
    .bind(memberId)
    .all<{ id: string; name: string; role: Role }>();
  return results;
}

export const countOwners = async (db: D1Database, siteId: string) =>
  (await db
    .prepare("SELECT COUNT(*) AS n FROM memberships WHERE site_id = ? AND role = 'owner'")
    .bind(siteId)
    .first<{ n: number }>())!.n;

/** Invites a person: their row (made if new), their membership on the site, and the link's hash. */
export function inviteStmts(
  db: D1Database,
  m: { memberId: string; email: string; name: string | null; siteId: string; role: Role; tokenHash: string },
  now: number,
  expiresAt: number,
) {
  return [
    db
      .prepare('INSERT INTO members (id, email, name, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (email) DO NOTHING')
      .bind(m.memberId, m.email, m.name, now),
    db
      .prepare(
        `INSERT INTO memberships (member_id, site_id, role, created_at)
         SELECT id, ?, ?, ? FROM members WHERE email = ?`,
      )
      .bind(m.siteId, m.role, now, m.email),
    db
      .prepare(
        `INSERT INTO member_invites (token_hash, member_id, site_id, expires_at, created_at)
         SELECT ?, id, ?, ?, ? FROM members WHERE email = ?`,
      )
      .bind(m.tokenHash, m.siteId, expiresAt, now, m.email),
  ];
}

export const inviteByHash = (db: D1Database, tokenHash: string) =>
  db
    .prepare('SELECT * FROM member_invites WHERE token_hash = ?')
    .bind(tokenHash)
    .first<{ token_hash: string; member_id: string; site_id: string; expires_at: number }>();

/** Accepting: the membership becomes active, the invitation is used up, the password (if new) is set. */
export function acceptStmts(
  db: D1Database,
  inv: { token_hash: string; member_id: string; site_id: string },
  set: { password: string | null; name: string | null },
  now: number,
) {
  return [
    db
      .prepare('UPDATE memberships SET accepted_at = ? WHERE member_id = ? AND site_id = ? AND accepted_at IS NULL')
      .bind(now, inv.member_id, inv.site_id),
    db.prepare('DELETE FROM member_invites WHERE token_hash = ?').bind(inv.token_hash),
    db
      .prepare(
        `UPDATE members SET password = COALESCE(?, password),
           password_changed_at = CASE WHEN ? IS NULL THEN password_changed_at ELSE ? END,
           name = COALESCE(?, name) WHERE id = ?`,
      )
      .bind(set.password, set.password, now, set.name, inv.member_id),
  ];
}

export const setRole = (db: D1Database, siteId: string, memberId: string, role: Role) =>
  db.prepare('UPDATE memberships SET role = ? WHERE site_id = ? AND member_id = ?').bind(role, siteId, memberId).run();

/** Removing a member from a site: the membership, its pending invitations and its sessions on that site. */
export async function removeMember(db: D1Database, siteId: string, memberId: string): Promise<boolean> {
  const [del] = await db.batch([
    db.prepare('DELETE FROM memberships WHERE site_id = ? AND member_id = ?').bind(siteId, memberId),
    db.prepare('DELETE FROM member_invites WHERE site_id = ? AND member_id = ?').bind(siteId, memberId),
    db.prepare('DELETE FROM sessions WHERE site_id = ? AND member_id = ?').bind(siteId, memberId),
    db.prepare('UPDATE cases SET assignee = NULL WHERE site_id = ? AND assignee = ?').bind(siteId, memberId),
  ]);
  return (del?.meta.changes ?? 0) > 0;
}

// Sessions ----------------------------------------------------------------------------------------

export type SessionRow = { token_hash: string; member_id: string; site_id: string; expires_at: number; role: Role };

export const insertSession = (
  db: D1Database,
  s: { tokenHash: string; memberId: string; siteId: string },
  now: number,
  expiresAt: number,
) =>
  db
    .prepare('INSERT INTO sessions (token_hash, member_id, site_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .bind(s.tokenHash, s.memberId, s.siteId, now, expiresAt);

/** A live session with the member's current role on its site (none once removed from the site). */
export const liveSession = (db: D1Database, tokenHash: string, now: number) =>
  db
    .prepare(
      `SELECT x.token_hash, x.member_id, x.site_id, x.expires_at, s.role FROM sessions x
       JOIN memberships s ON s.member_id = x.member_id AND s.site_id = x.site_id AND s.accepted_at IS NOT NULL
       WHERE x.token_hash = ? AND x.expires_at > ?`,
    )
    .bind(tokenHash, now)
    .first<SessionRow>();

export const setSessionSite = (db: D1Database, tokenHash: string, siteId: string) =>
  db.prepare('UPDATE sessions SET site_id = ? WHERE token_hash = ?').bind(siteId, tokenHash).run();

export const deleteSessionStmt = (db: D1Database, tokenHash: string) =>
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').bind(tokenHash);

export const deleteMemberSessionsStmt = (db: D1Database, memberId: string) =>
  db.prepare('DELETE FROM sessions WHERE member_id = ?').bind(memberId);

export const setPasswordStmt = (db: D1Database, memberId: string, password: string, now: number) =>
  db.prepare('UPDATE members SET password = ?, password_changed_at = ? WHERE id = ?').bind(password, now, memberId);

// Failed sign-ins ---------------------------------------------------------------------------------

export type FailureRow = { key: string; failures: number; first_at: number; locked_until: number | null };

export async function failures(db: D1Database, keys: string[]): Promise<FailureRow[]> {
  const { results } = await db
    .prepare('SELECT * FROM signin_failures WHERE key IN (SELECT value FROM json_each(?))')
    .bind(JSON.stringify(keys))
    .all<FailureRow>();
  return results;
}

/**
 * Counts one failure for a key; a key whose window (`windowMs`) has passed starts again at 1. At
 * `limit` failures in the window the key is locked for `lockMs`.
 */
export const failureStmt = (
  db: D1Database,
  key: string,
  limit: number,
  windowMs: number,
  lockMs: number,
  now: number,
) =>
  db
    .prepare(
      `INSERT INTO signin_failures (key, failures, first_at, locked_until) VALUES (?1, 1, ?2, CASE WHEN ?3 <= 1 THEN ?2 + ?5 END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN first_at <= ?2 - ?4 THEN 1 ELSE failures + 1 END,
         first_at = CASE WHEN first_at <= ?2 - ?4 THEN ?2 ELSE first_at END,
         locked_until = CASE WHEN first_at > ?2 - ?4 AND failures + 1 >= ?3 THEN ?2 + ?5 ELSE locked_until END`,
    )
    .bind(key, now, limit, windowMs, lockMs);

export const clearFailures = (db: D1Database, key: string) =>
  db.prepare('DELETE FROM signin_failures WHERE key = ?').bind(key).run();
