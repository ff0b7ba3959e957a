import { type Context, Hono } from 'hono';
import { ENDPOINTS } from '../../shared/contract/index';
import { rolesFor } from '../../shared/contract/roles';
import {
  acceptInvite,
  changePassword,
  createAccessSession,
  createMember,
  createSession,
  deleteAllSessions,
  deleteMember,
  deleteSession,
  getSession,
  listMembers,
  type Member,
  patchMember,
  type SessionReply,
  switchSite,
} from '../../shared/contract/teams';
import { recordAudit } from '../audit/record';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { ApiError, notFound } from '../http/errors';
import { assertSameOrigin } from '../http/same-origin';
import { randomId, randomToken, sha256Hex } from '../lib/crypto';
import { verifyAccessJwt } from './access-sso';
import { assertNotLocked, recordFailure, recordSuccess } from './lockout';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { clearSessionCookie, startSession } from './session';
import {
  acceptStmts,
  countOwners,
  deleteMemberSessionsStmt,
  deleteSessionStmt,
  inviteByHash,
  inviteStmts,
  type MembershipRow,
  memberByEmail,
  memberById,
  memberSites,
  membership,
  removeMember,
  setPasswordStmt,
  setRole,
  setSessionSite,
  siteMembers,
} from './sql';

const INVITE_MS = 7 * 24 * 3_600_000;

/** Members, invitations, sessions and the account. */
export const teamRoutes = new Hono<AppEnv>();

const iso = (ms: number) => new Date(ms).toISOString();
const toMember = (m: MembershipRow): Member => ({
  id: m.id,
  email: m.email,
  role: m.role,
  name: m.name,
  status: m.accepted_at === null ? 'invited' : 'active',
  createdAt: iso(m.joined_at),
});

/** What a signed-in member sees of their session on a site. */
async function sessionReply(db: D1Database, memberId: string, siteId: string): Promise<SessionReply> {
  const [m, sites] = await Promise.all([membership(db, siteId, memberId), memberSites(db, memberId)]);
  const site = sites.find((s) => s.id === siteId);
  if (!m || !site) throw new ApiError(401, 'unauthorized', 'not a member of this site');
  return {
    member: toMember(m),
    site: { id: site.id, name: site.name },
    sites,
    allowed: ENDPOINTS.filter((e) => rolesFor(e).includes(m.role)).map((e) => e.operationId),
  };
}

/** Signs a member in on a site (one of theirs: the asked one, else the first) and answers the session. */
export async function signIn(c: Context<AppEnv>, memberId: string, siteId?: string) {
  const sites = await memberSites(c.env.DB, memberId);
  const site = sites.find((s) => s.id === siteId) ?? sites[0];
  if (!site) throw new ApiError(401, 'unauthorized', 'wrong email or password');
  const { stmt } = await startSession(c, memberId, site.id);
  await stmt.run();
  return sessionReply(c.env.DB, memberId, site.id);
}

route(teamRoutes, createMember, async (c, { body }) => {
  const siteId = c.get('siteId');
  if (body.role === 'owner' && c.get('role') === 'admin') {
    throw new ApiError(403, 'forbidden', 'only an owner may invite an owner');
  }
  const existing = await memberByEmail(c.env.DB, body.email);
  if (existing && (await membership(c.env.DB, siteId, existing.id))) {
    throw new ApiError(409, 'conflict', 'already a member of this site');
  }
  const token = randomToken(32);
  const now = Date.now();
  await c.env.DB.batch(
    inviteStmts(
      c.env.DB,
      {
        memberId: existing?.id ?? `mem_${randomId(16)}`,
        email: body.email,
        name: body.name ?? null,
        siteId,
        role: body.role,
        tokenHash: await sha256Hex(token),
      },
      now,
      now + INVITE_MS,
    ),
  );
  const who = await memberByEmail(c.env.DB, body.email);
  const m = who ? await membership(c.env.DB, siteId, who.id) : null;
  if (!m) throw new Error('invited member not found');
  const inviteUrl = `${new URL(c.req.url).origin}/dashboard/?invite=${token}`;
  return { member: toMember(m), inviteUrl };
});

route(teamRoutes, listMembers, async (c) => ({ items: (await siteMembers(c.env.DB, c.get('siteId'))).map(toMember) }));

/** The site must keep at least one owner. */
async function assertOwnerLeft(db: D1Database, siteId: string, target: MembershipRow) {
  if (target.role === 'owner' && (await countOwners(db, siteId)) <= 1) {
    throw new ApiError(409, 'last_owner', 'the site must keep at least one owner');
  }
}

route(teamRoutes, patchMember, async (c, { params, body }) => {
  const siteId = c.get('siteId');
  const target = await membership(c.env.DB, siteId, params.id);
  if (!target) throw notFound('member');
  if (body.role !== 'owner') await assertOwnerLeft(c.env.DB, siteId, target);
  await setRole(c.env.DB, siteId, params.id, body.role);
  return { member: toMember({ ...target, role: body.role }) };
});

route(teamRoutes, deleteMember, async (c, { params }) => {
  const siteId = c.get('siteId');
  const target = await membership(c.env.DB, siteId, params.id);
  if (!target) throw notFound('member');
  if (target.role === 'owner' && c.get('role') === 'admin') {
    throw new ApiError(403, 'forbidden', 'only an owner may remove an owner');
  }
  await assertOwnerLeft(c.env.DB, siteId, target);
  await removeMember(c.env.DB, siteId, params.id);
});

route(teamRoutes, acceptInvite, async (c, { params, body }) => {
  assertSameOrigin(c);
  const inv = await inviteByHash(c.env.DB, await sha256Hex(params.token));
  if (!inv) throw notFound('invitation');
  const now = Date.now();
  if (inv.expires_at <= now) throw new ApiError(410, 'expired', 'this invitation has expired: ask for a new one');
  const member = await memberById(c.env.DB, inv.member_id);
  if (!member) throw notFound('invitation');
  // A person who already has a password (a member of another site) proves it; others set it now.
  let password: string | null = null;
  if (member.password) {
    if (!(await verifyPassword(body.password, member.password))) {
      throw new ApiError(401, 'unauthorized', 'you already have a Seda password: give that one');
    }
  } else {
    password = await hashPassword(body.password);
  }
  await c.env.DB.batch(acceptStmts(c.env.DB, inv, { password, name: body.name ?? null }, now));
  await recordAudit(c, {
    siteId: inv.site_id,
    actor: { type: 'member', id: member.id },
    action: 'acceptInvite',
    targetType: 'members',
    targetId: member.id,
  });
  return signIn(c, member.id, inv.site_id);
});

route(teamRoutes, createSession, async (c, { body }) => {
  assertSameOrigin(c);
  await assertNotLocked(c, body.email);
  const member = await memberByEmail(c.env.DB, body.email);
  // Hash even for an unknown email, so timing does not tell which emails have an account.
  const ok = await verifyPassword(body.password, member?.password ?? null);
  if (!member || !ok) {
    await recordFailure(c, body.email);
    throw new ApiError(401, 'unauthorized', 'wrong email or password');
  }
  await recordSuccess(c, body.email);
  if (member.password && needsRehash(member.password)) {
    await setPasswordStmt(
      c.env.DB,
      member.id,
      await hashPassword(body.password),
      member.password_changed_at ?? Date.now(),
    ).run();
  }
  return signIn(c, member.id, body.siteId);
});

route(teamRoutes, createAccessSession, async (c) => {
  assertSameOrigin(c);
  const email = await verifyAccessJwt(c);
  const member = await memberByEmail(c.env.DB, email);
  if (!member) throw new ApiError(401, 'unauthorized', 'no member with this email: ask an owner for an invitation');
  return signIn(c, member.id);
});

route(teamRoutes, getSession, (c) => sessionReply(c.env.DB, c.get('actor').id, c.get('siteId')));

route(teamRoutes, switchSite, async (c, { body }) => {
  const memberId = c.get('actor').id;
  const m = await membership(c.env.DB, body.siteId, memberId);
  if (!m || m.accepted_at === null) throw notFound('site');
  await setSessionSite(c.env.DB, c.get('sessionHash')!, body.siteId);
  return sessionReply(c.env.DB, memberId, body.siteId);
});

route(teamRoutes, deleteSession, async (c) => {
  await deleteSessionStmt(c.env.DB, c.get('sessionHash')!).run();
  clearSessionCookie(c);
});

route(teamRoutes, deleteAllSessions, async (c) => {
  await deleteMemberSessionsStmt(c.env.DB, c.get('actor').id).run();
  clearSessionCookie(c);
});

route(teamRoutes, changePassword, async (c, { body }) => {
  const memberId = c.get('actor').id;
  const member = await memberById(c.env.DB, memberId);
  if (!member) throw new ApiError(401, 'unauthorized', 'sign in again');
  if (member.password && !(await verifyPassword(body.currentPassword ?? '', member.password))) {
    throw new ApiError(401, 'unauthorized', 'the current password is wrong');
  }
  const now = Date.now();
  // Every session ends (a stolen cookie dies with the old password); this browser gets a new one.
  const { stmt } = await startSession(c, memberId, c.get('siteId'), now);
  await c.env.DB.batch([
    setPasswordStmt(c.env.DB, memberId, await hashPassword(body.newPassword), now),
    deleteMemberSessionsStmt(c.env.DB, memberId),
    stmt,
  ]);
});
