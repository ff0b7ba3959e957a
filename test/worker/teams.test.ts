/**
 * Teams: every endpoint × every role against the role × route table, the session's life, the
 * sign-in lockout, cross-site writes, and cases as a workflow (assignee, timeline, escalation).
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../shared/contract/index';
import { ROLES, type Role, rolesFor } from '../../shared/contract/roles';
import { escalateOverdue } from '../../worker/cases/escalate';
import { call, ORIGIN, postResponse, setup } from './helpers';
import { json } from './loop-helpers';

const SAME = { origin: 'https://seda.test' };
const PASSWORD = 'correct horse battery';

const cookieOf = (r: Response) => r.headers.get('set-cookie')!.split(';')[0]!;

/** Invites a member with the key and accepts as them: their session cookie and id. */
async function member(apiKey: string, role: Role, email = `${role}-${crypto.randomUUID()}@shop.example`) {
  const inv = await json(call('/v1/members', { method: 'POST', key: apiKey, json: { email, role } }));
  expect(inv.status).toBe(201);
  const token = new URL(inv.body.inviteUrl).searchParams.get('invite')!;
  const res = await call(`/v1/invites/${token}`, { method: 'POST', json: { password: PASSWORD }, headers: SAME });
  expect(res.status).toBe(200);
  return { cookie: cookieOf(res), id: inv.body.member.id as string, email };
}

const as = (cookie: string, extra: Record<string, string> = {}) => ({ cookie, ...SAME, ...extra });

describe('the role × route table', () => {
  it('every endpoint answers each role as roles.ts says: allowed, or 403', async () => {
    const { apiKey } = await setup();
    const sessions = {} as Record<Role, string>;
    for (const role of ROLES) sessions[role] = (await member(apiKey, role)).cookie;
    const wrong: string[] = [];
    for (const e of ENDPOINTS) {
      if (e.access === 'public' || e.access === 'operator') continue;
      // the sign-outs would end the session used for the rest of the table: they are tested below
      if (e.operationId === 'deleteSession' || e.operationId === 'deleteAllSessions') continue;
      const path = e.path.replace(/\{\w+\}/g, 'none');
      for (const role of ROLES) {
        const init = e.method === 'get' ? {} : { json: {} };
        const r = await json(call(path, { method: e.method.toUpperCase(), headers: as(sessions[role]), ...init }));
        const allowed = rolesFor(e).includes(role);
        const refused = r.status === 403 && r.body?.error?.code === 'forbidden';
        if (allowed === refused || r.status === 401) wrong.push(`${e.operationId} as ${role}: ${r.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('says what each role is for: agents read results and work cases, analysts change nothing', () => {
    const byId = Object.fromEntries(ENDPOINTS.map((e) => [e.operationId, rolesFor(e)]));
    expect(byId.getResults).toEqual(ROLES);
    expect(byId.patchSurvey).toEqual(['owner', 'admin']);
    expect(byId.patchMember).toEqual(['owner']);
    expect(byId.exportResponses).not.toContain('agent');
    expect(byId.patchCase).toEqual(['owner', 'admin', 'agent']);
    expect(byId.listAudit).toEqual(['owner', 'admin', 'analyst']);
    // Leadership reads the digest; only owners and admins hand out or revoke share links.
    expect(byId.getDigest).toEqual(['owner', 'admin', 'analyst']);
    expect(byId.createShareLink).toEqual(['owner', 'admin']);
    expect(byId.revokeShareLink).toEqual(['owner', 'admin']);
    expect(byId.getSharedOverview).toEqual([]);
    // a customer's whole history: readers, not agents (who see only the cases assigned to them)
    expect(byId.getRespondent).toEqual(['owner', 'admin', 'analyst']);
    expect(byId.eraseRespondent).toEqual(['owner', 'admin']);
  });
});

describe('sessions', () => {
  it('are stored hashed, HttpOnly + SameSite=Strict + Secure, and end at sign-out, on removal, on expiry and on a password change', async () => {
    const { apiKey } = await setup();
    const inv = await json(
      call('/v1/members', { method: 'POST', key: apiKey, json: { email: 'Sara@Shop.example', role: 'admin' } }),
    );
    const token = new URL(inv.body.inviteUrl).searchParams.get('invite')!;
    const accepted = await call(`/v1/invites/${token}`, {
      method: 'POST',
      json: { password: PASSWORD },
      headers: SAME,
    });
    const set = accepted.headers.get('set-cookie')!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toMatch(/Secure/i);
    const raw = cookieOf(accepted).split('=')[1]!;
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM sessions WHERE token_hash = ?').bind(raw).first('n')).toBe(
      0,
    );
    // the invitation is used up
    expect(
      (await call(`/v1/invites/${token}`, { method: 'POST', json: { password: PASSWORD }, headers: SAME })).status,
    ).toBe(404);

    const s1 = cookieOf(accepted);
    expect((await json(call('/v1/session', { headers: as(s1) }))).body.member).toMatchObject({
      email: 'sara@shop.example',
      role: 'admin',
    });
    // sign-in, wrong password, right password
    const signIn = (password: string) =>
      call('/v1/session', { method: 'POST', json: { email: 'sara@shop.example', password }, headers: SAME });
    expect((await signIn('not the password')).status).toBe(401);
    const s2 = cookieOf(await signIn(PASSWORD));
    // sign out this browser only
    expect((await call('/v1/session', { method: 'DELETE', headers: as(s2) })).status).toBe(204);
    expect((await call('/v1/session', { headers: as(s2) })).status).toBe(401);
    expect((await call('/v1/session', { headers: as(s1) })).status).toBe(200);
    // a password change ends every other session; this browser gets a new one
    const s3 = cookieOf(await signIn(PASSWORD));
    const changed = await call('/v1/account/password', {
      method: 'PUT',
      json: { currentPassword: PASSWORD, newPassword: 'a brand new password' },
      headers: as(s3),
    });
    expect(changed.status).toBe(204);
    expect((await call('/v1/session', { headers: as(s1) })).status).toBe(401);
    expect((await call('/v1/session', { headers: as(s3) })).status).toBe(401);
    const s4 = cookieOf(changed);
    expect((await call('/v1/session', { headers: as(s4) })).status).toBe(200);
    expect((await signIn(PASSWORD)).status).toBe(401);
    // expiry
    await env.DB.prepare('UPDATE sessions SET expires_at = ? WHERE member_id = ?')
      .bind(Date.now() - 1, inv.body.member.id)
      .run();
    expect((await call('/v1/session', { headers: as(s4) })).status).toBe(401);
    // removal: the member's session on the site stops at once
    const s5 = cookieOf(await signIn('a brand new password'));
    expect((await call('/v1/surveys', { headers: as(s5) })).status).toBe(200);
    expect((await call(`/v1/members/${inv.body.member.id}`, { method: 'DELETE', key: apiKey })).status).toBe(204);
    expect((await call('/v1/surveys', { headers: as(s5) })).status).toBe(401);
  });

  it('a member of several sites switches between them, with the role of each', async () => {
    const a = await setup();
    const b = await setup();
    const email = `both-${crypto.randomUUID()}@shop.example`;
    const onA = await member(a.apiKey, 'owner', email);
    const inv = await json(call('/v1/members', { method: 'POST', key: b.apiKey, json: { email, role: 'analyst' } }));
    const token = new URL(inv.body.inviteUrl).searchParams.get('invite')!;
    // someone with a password already gives that one
    expect(
      (await call(`/v1/invites/${token}`, { method: 'POST', json: { password: 'some other password' }, headers: SAME }))
        .status,
    ).toBe(401);
    expect(
      (await call(`/v1/invites/${token}`, { method: 'POST', json: { password: PASSWORD }, headers: SAME })).status,
    ).toBe(200);
    const session = await json(call('/v1/session', { headers: as(onA.cookie) }));
    expect(session.body.sites).toHaveLength(2);
    expect(session.body.site.id).toBe(a.site.id);
    expect(
      (
        await call('/v1/touchpoints', {
          method: 'POST',
          headers: as(onA.cookie),
          json: { key: 'x', name: 'X', stage: 'usage' },
        })
      ).status,
    ).toBe(201);
    const switched = await json(
      call('/v1/session/site', { method: 'PUT', headers: as(onA.cookie), json: { siteId: b.site.id } }),
    );
    expect(switched.body.member.role).toBe('analyst');
    expect(switched.body.allowed).not.toContain('createTouchpoint');
    const refused = await json(
      call('/v1/touchpoints', {
        method: 'POST',
        headers: as(onA.cookie),
        json: { key: 'x', name: 'X', stage: 'usage' },
      }),
    );
    expect(refused.status).toBe(403);
    const surveys = await json(call('/v1/surveys', { headers: as(onA.cookie) }));
    expect(surveys.body.items.map((s: { id: string }) => s.id)).toEqual([b.survey.id]);
  });
});

describe('sign-in lockout', () => {
  it('locks an email after 5 failures (even the right password, with Retry-After), and an address after 30', async () => {
    const { apiKey } = await setup();
    const m = await member(apiKey, 'analyst');
    const ip = { ...SAME, 'cf-connecting-ip': '203.0.113.7' };
    const signIn = (email: string, password: string, headers: Record<string, string> = ip) =>
      call('/v1/session', { method: 'POST', json: { email, password }, headers });
    for (let i = 0; i < 5; i++) expect((await signIn(m.email, 'wrong password')).status).toBe(401);
    const locked = await signIn(m.email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // from another address the email is locked too
    expect((await signIn(m.email, PASSWORD, { ...SAME, 'cf-connecting-ip': '198.51.100.1' })).status).toBe(429);

    const other = await member(apiKey, 'agent');
    const spray = { ...SAME, 'cf-connecting-ip': '192.0.2.9' };
    for (let i = 0; i < 30; i++) await signIn(`nobody-${i}@shop.example`, 'wrong password', spray);
    expect((await signIn(other.email, PASSWORD, spray)).status).toBe(429);
    expect((await signIn(other.email, PASSWORD, { ...SAME, 'cf-connecting-ip': '192.0.2.10' })).status).toBe(200);
  });
});

describe('cross-site writes', () => {
  it('a write with the session cookie from another site is refused; reads and API keys are not affected', async () => {
    const { apiKey, survey } = await setup();
    const m = await member(apiKey, 'owner');
    const body = { json: { name: 'Renamed' } };
    const write = (headers: Record<string, string>) =>
      json(call(`/v1/surveys/${survey.id}`, { method: 'PATCH', headers: { cookie: m.cookie, ...headers }, ...body }));
    const variants: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      {},
    ];
    for (const headers of variants) {
      const r = await write(headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.body.error.code).toBe('cross_site');
    }
    expect((await write({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await write({ origin: 'https://seda.test' })).status).toBe(200);
    expect((await call('/v1/surveys', { headers: { cookie: m.cookie, origin: 'https://evil.example' } })).status).toBe(
      200,
    );
    // sign-in from another site is refused too (login CSRF)
    const r = await call('/v1/session', {
      method: 'POST',
      json: { email: m.email, password: PASSWORD },
      headers: { origin: 'https://evil.example' },
    });
    expect(r.status).toBe(403);
  });
});

describe('the audit log', () => {
  it('records who changed what, filterable by member and by object', async () => {
    const { apiKey, survey } = await setup();
    const m = await member(apiKey, 'admin');
    await call(`/v1/surveys/${survey.id}`, { method: 'PATCH', headers: as(m.cookie), json: { name: 'By a person' } });
    await call(`/v1/surveys/${survey.id}`, { method: 'PATCH', key: apiKey, json: { name: 'By a machine' } });
    await call('/v1/touchpoints', {
      method: 'POST',
      headers: as(m.cookie),
      json: { key: 'help', name: 'Help', stage: 'support' },
    });
    const all = await json(call('/v1/audit', { key: apiKey }));
    const actions = all.body.items.map((i: { action: string }) => i.action);
    expect(actions.slice(0, 3)).toEqual(['createTouchpoint', 'patchSurvey', 'patchSurvey']);
    expect(actions).toContain('createMember');
    expect(actions).toContain('acceptInvite');
    const mine = await json(call(`/v1/audit?actor=${m.id}`, { key: apiKey }));
    expect(
      mine.body.items.every(
        (i: { actor: { id: string; email: string } }) => i.actor.id === m.id && i.actor.email === m.email,
      ),
    ).toBe(true);
    const onSurvey = await json(call(`/v1/audit?targetType=surveys&targetId=${survey.id}`, { key: apiKey }));
    expect(onSurvey.body.items.map((i: { actor: { type: string } }) => i.actor.type)).toEqual(['key', 'member', 'key']); // newest first: the key's rename, the member's, the key's create
  });
});

/** One anonymous answer to the survey's NPS question, sent through the collector. */
async function postNps(siteKey: string, surveyId: string, id: string, value: number) {
  await postResponse({ id, siteKey, surveyId, completed: true, answers: [{ questionId: 'nps', value }] }, ORIGIN);
}

describe('cases as a workflow', () => {
  it('assigned, worked by its agent only, a timeline of notes, due from the rule, escalated once through the webhook, resolved', async () => {
    const { site, apiKey, survey } = await setup();
    const hook = await json(
      call('/v1/webhooks', {
        method: 'POST',
        key: apiKey,
        json: { url: 'http://127.0.0.1:9/hook', events: ['alert'] },
      }),
    );
    const rule = await json(
      call('/v1/alerts', {
        method: 'POST',
        key: apiKey,
        json: { surveyId: survey.id, questionId: 'nps', max: 6, webhookId: hook.body.id, targetHours: 24 },
      }),
    );
    expect(rule.body.targetHours).toBe(24);
    const id = crypto.randomUUID();
    await postNps(site.key, survey.id, id, 2);
    let opened: { body: { case: { dueAt: string; createdAt: string } } } | undefined;
    for (let i = 0; i < 50 && !opened; i++) {
      const r = await json(call(`/v1/cases/${id}`, { key: apiKey }));
      if (r.status === 200) opened = r;
      else await new Promise((res) => setTimeout(res, 100));
    }
    expect(opened).toBeDefined();
    expect(Date.parse(opened!.body.case.dueAt) - Date.parse(opened!.body.case.createdAt)).toBe(24 * 3_600_000);

    const agent = await member(apiKey, 'agent');
    const other = await member(apiKey, 'agent');
    const owner = await member(apiKey, 'owner');
    expect(
      (await call(`/v1/cases/${id}`, { method: 'PATCH', headers: as(other.cookie), json: { note: 'mine?' } })).status,
    ).toBe(403);
    expect(
      (await call(`/v1/cases/${id}`, { method: 'PATCH', headers: as(owner.cookie), json: { assignee: 'mem_nope' } }))
        .status,
    ).toBe(400);
    await call(`/v1/cases/${id}`, {
      method: 'PATCH',
      headers: as(owner.cookie),
      json: { assignee: agent.id, note: 'please call' },
    });
    const mine = await json(call('/v1/cases?assignee=me', { headers: as(agent.cookie) }));
    expect(mine.body.items.map((c: { responseId: string }) => c.responseId)).toEqual([id]);
    expect((await json(call('/v1/cases', { headers: as(other.cookie) }))).body.items).toEqual([]);
    await call(`/v1/cases/${id}`, {
      method: 'PATCH',
      headers: as(agent.cookie),
      json: { status: 'contacted', note: 'left a message' },
    });
    expect(
      (await call(`/v1/cases/${id}`, { method: 'PATCH', headers: as(agent.cookie), json: { assignee: other.id } }))
        .status,
    ).toBe(403);

    // overdue: the cron marks it once and tells the rule's webhook
    await env.DB.prepare('UPDATE cases SET due_at = ? WHERE response_id = ?')
      .bind(Date.now() - 1000, id)
      .run();
    const overdue = await json(call('/v1/cases?overdue=true', { key: apiKey }));
    expect(overdue.body.items.map((c: { responseId: string }) => c.responseId)).toEqual([id]);
    expect(await escalateOverdue(env)).toBe(1);
    expect(await escalateOverdue(env)).toBe(0);
    const sent = await env.DB.prepare(
      "SELECT payload FROM deliveries WHERE event = 'case.escalated' AND webhook_id = ?",
    )
      .bind(hook.body.id)
      .all<{ payload: string }>();
    expect(sent.results).toHaveLength(1);
    expect(JSON.parse(sent.results[0]!.payload).case).toMatchObject({
      responseId: id,
      assignee: agent.id,
      status: 'contacted',
    });

    const done = await json(
      call(`/v1/cases/${id}`, {
        method: 'PATCH',
        headers: as(agent.cookie),
        json: { status: 'resolved', category: 'delivery', note: 'refunded' },
      }),
    );
    expect(done.body.case).toMatchObject({ status: 'resolved', category: 'delivery', note: 'refunded' });
    expect(done.body.case.escalatedAt).toEqual(expect.any(String));
    const timeline = done.body.case.timeline as { kind: string; value: string; actor: { id: string } }[];
    expect(timeline.filter((e) => e.kind === 'note').map((e) => e.value)).toEqual([
      'please call',
      'left a message',
      'refunded',
    ]);
    expect(timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['assignee', 'status', 'escalated', 'category']),
    );
    expect(timeline.find((e) => e.value === 'left a message')!.actor.id).toBe(agent.id);
  });

  it('escalates a case opened by hand, with its due date set, to every webhook of the site that takes alerts', async () => {
    const { site, apiKey, survey } = await setup();
    const hook = async (events: string[]) =>
      (await json(call('/v1/webhooks', { method: 'POST', key: apiKey, json: { url: 'http://127.0.0.1:9/h', events } })))
        .body.id as string;
    const alerts = await hook(['alert']);
    const completed = await hook(['response.completed']);
    const id = crypto.randomUUID();
    await postNps(site.key, survey.id, id, 3);
    const opened = await json(
      call(`/v1/cases/${id}`, {
        method: 'PATCH',
        key: apiKey,
        json: { owner: 'Sara', dueAt: new Date(Date.now() - 60_000).toISOString() },
      }),
    );
    expect(opened.status).toBe(200);
    expect(await escalateOverdue(env)).toBeGreaterThanOrEqual(1);
    const sent = (webhookId: string) =>
      env.DB.prepare("SELECT payload FROM deliveries WHERE event = 'case.escalated' AND webhook_id = ?")
        .bind(webhookId)
        .all<{ payload: string }>();
    const toAlerts = (await sent(alerts)).results;
    expect(toAlerts).toHaveLength(1);
    const payload = JSON.parse(toAlerts[0]!.payload);
    expect(payload.case).toMatchObject({ responseId: id, status: 'open' });
    expect(payload.alert).toBeUndefined();
    expect((await sent(completed)).results).toHaveLength(0);
    const after = await json(call(`/v1/cases/${id}`, { key: apiKey }));
    expect(after.body.case.escalatedAt).toEqual(expect.any(String));
    expect(after.body.case.timeline.map((e: { kind: string }) => e.kind)).toContain('escalated');
  });
});
