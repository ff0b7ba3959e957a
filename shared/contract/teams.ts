/**
 * Teams: members of a site with a role, invitations, sessions (a cookie for people; API keys stay
 * for machines), the account (password, passkeys), and the audit log of every change.
 */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { listOf, Timestamp } from './lists';

export const RoleName = z.enum(['owner', 'admin', 'analyst', 'agent']);
const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
/** At least 10 characters: length is what makes a password hard to guess (NIST SP 800-63B). */
export const Password = z.string().min(10).max(200);

export const Member = z.object({
  id: z.string(),
  email: z.string(),
  role: RoleName,
  name: z.string().nullable().optional(),
  status: z.enum(['invited', 'active']).optional(),
  createdAt: Timestamp.optional(),
});
export type Member = z.infer<typeof Member>;

export const MemberIdParam = z.object({ id: z.string().min(1).max(64) });
export const TokenParam = z.object({ token: z.string().min(16).max(128) });

export const MemberInput = z.strictObject({
  email: Email,
  role: RoleName,
  name: z.string().trim().max(120).optional(),
});
export const MemberPatch = z.strictObject({ role: RoleName });

export const createMember = endpoint({
  operationId: 'createMember',
  method: 'post',
  path: '/v1/members',
  tag: 'members',
  summary: 'Invite a person to the site with a role; answers the invitation link (shown once, valid 7 days)',
  access: 'manage',
  body: MemberInput,
  success: {
    status: 201,
    schema: z.object({ member: Member, inviteUrl: z.url() }),
    description: 'invited',
  },
  errors: [400, 401, 403, 409],
  errorNotes: { 403: 'an admin may not invite an owner', 409: 'already a member of this site' },
});

export const listMembers = endpoint({
  operationId: 'listMembers',
  method: 'get',
  path: '/v1/members',
  tag: 'members',
  summary: "The site's members and pending invitations",
  access: 'read',
  success: { status: 200, schema: listOf(Member), description: 'members' },
  errors: [401, 403],
});

export const patchMember = endpoint({
  operationId: 'patchMember',
  method: 'patch',
  path: '/v1/members/{id}',
  tag: 'members',
  summary: "Change a member's role (owners only)",
  access: 'manage',
  roles: ['owner'],
  params: MemberIdParam,
  body: MemberPatch,
  success: { status: 200, schema: z.object({ member: Member }), description: 'the member' },
  errors: [400, 401, 403, 404, 409],
  errorNotes: { 409: 'the site would be left without an owner' },
});

export const deleteMember = endpoint({
  operationId: 'deleteMember',
  method: 'delete',
  path: '/v1/members/{id}',
  tag: 'members',
  summary: 'Remove a member from the site (their sessions on it end at once)',
  access: 'manage',
  params: MemberIdParam,
  success: { status: 204, description: 'removed' },
  errors: [401, 403, 404, 409],
  errorNotes: { 403: 'an admin may not remove an owner', 409: 'the site would be left without an owner' },
});

/** Who is signed in, on which site, with which role, and what that role may call. */
export const SessionReply = z.object({
  member: Member,
  site: z.object({ id: z.string(), name: z.string() }),
  sites: z.array(z.object({ id: z.string(), name: z.string(), role: RoleName })),
  allowed: z.array(z.string()).describe('operationIds this member may call on this site (roles.ts)'),
});
export type SessionReply = z.infer<typeof SessionReply>;

export const AcceptInviteInput = z.strictObject({ password: Password, name: z.string().trim().max(120).optional() });

export const acceptInvite = endpoint({
  operationId: 'acceptInvite',
  method: 'post',
  path: '/v1/invites/{token}',
  tag: 'members',
  summary: 'Accept an invitation: set a password (or give it, for a person who has one) and sign in',
  access: 'public',
  params: TokenParam,
  body: AcceptInviteInput,
  success: { status: 200, schema: SessionReply, description: 'signed in (Set-Cookie)' },
  errors: [400, 401, 403, 404, 410],
  errorNotes: { 401: 'this person has a password already, and it was not given', 410: 'the invitation expired' },
});

export const SignInInput = z.strictObject({
  email: Email,
  password: z.string().min(1).max(200),
  siteId: z.string().max(64).optional(),
});

export const createSession = endpoint({
  operationId: 'createSession',
  method: 'post',
  path: '/v1/session',
  tag: 'members',
  summary: 'Sign in with email and password: sets an HttpOnly, SameSite=Strict session cookie',
  access: 'public',
  body: SignInInput,
  success: { status: 200, schema: SessionReply, description: 'signed in (Set-Cookie)' },
  errors: [400, 401, 403, 429],
  errorNotes: {
    401: 'wrong email or password (the same answer for both)',
    403: 'sent from another site',
    429: 'too many failed attempts for this email or from this address; Retry-After says when to try again',
  },
});

export const getSession = endpoint({
  operationId: 'getSession',
  method: 'get',
  path: '/v1/session',
  tag: 'members',
  summary: 'Who is signed in, their sites and what their role may call',
  access: 'member',
  success: { status: 200, schema: SessionReply, description: 'the session' },
  errors: [401],
});

export const switchSite = endpoint({
  operationId: 'switchSite',
  method: 'put',
  path: '/v1/session/site',
  tag: 'members',
  summary: 'Work on another of the member’s sites',
  access: 'member',
  body: z.strictObject({ siteId: z.string().min(1).max(64) }),
  success: { status: 200, schema: SessionReply, description: 'the session, on that site' },
  errors: [400, 401, 403, 404],
});

export const deleteSession = endpoint({
  operationId: 'deleteSession',
  method: 'delete',
  path: '/v1/session',
  tag: 'members',
  summary: 'Sign out (this browser)',
  access: 'member',
  success: { status: 204, description: 'signed out' },
  errors: [401, 403],
});

export const deleteAllSessions = endpoint({
  operationId: 'deleteAllSessions',
  method: 'delete',
  path: '/v1/sessions',
  tag: 'members',
  summary: 'Sign out everywhere: ends every session of the member',
  access: 'member',
  success: { status: 204, description: 'signed out everywhere' },
  errors: [401, 403],
});

export const changePassword = endpoint({
  operationId: 'changePassword',
  method: 'put',
  path: '/v1/account/password',
  tag: 'members',
  summary: 'Change one’s password: every other session ends',
  access: 'member',
  body: z.strictObject({ currentPassword: z.string().max(200).optional(), newPassword: Password }),
  success: { status: 204, description: 'changed (a new cookie is set)' },
  errors: [400, 401, 403],
});

export const AuditItem = z.object({
  id: z.string(),
  at: Timestamp,
  actor: z.object({ type: z.enum(['member', 'key']), id: z.string(), email: z.string().nullable().optional() }),
  action: z.string().describe('the operationId of the change'),
  target: z.object({ type: z.string(), id: z.string().nullable() }),
});

export const AuditQuery = z.object({
  actor: z.string().min(1).max(64).optional().describe('a member id or API key id'),
  targetType: z.string().min(1).max(40).optional(),
  targetId: z.string().min(1).max(128).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const listAudit = endpoint({
  operationId: 'listAudit',
  method: 'get',
  path: '/v1/audit',
  tag: 'members',
  summary: 'Every change to the site, newest first; filter by member (actor) and by object',
  access: 'read',
  query: AuditQuery,
  success: { status: 200, schema: listOf(AuditItem), description: 'a page of the audit log' },
  errors: [400, 401, 403],
});

export const createAccessSession = endpoint({
  operationId: 'createAccessSession',
  method: 'post',
  path: '/v1/session/access',
  tag: 'members',
  summary:
    'Single sign-on through Cloudflare Access: the `Cf-Access-Jwt-Assertion` header is verified against the team’s keys and its email signs that member in',
  access: 'public',
  success: { status: 200, schema: SessionReply, description: 'signed in (Set-Cookie)' },
  errors: [401, 403, 404],
  errorNotes: {
    401: 'no valid Access token',
    403: 'sent from another site',
    404: 'single sign-on is not set up (ACCESS_TEAM_DOMAIN, ACCESS_AUD)',
  },
});
