/**
 * Identity verification (contract, "Trust"): with it on, a respondent id counts only when the host
 * page's server signed it (`respondent.hash` = hex(HMAC-SHA256(identitySecret, id))). An id nobody
 * signed is kept as an anonymous answer and never names that person in the at-risk list, cases,
 * alerts, outcomes or exports. Personal invitation links are verified by construction.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { call, getJson, postResponse, setup } from './helpers';
import { createAlert, createWebhook, json, stubReceiver, until } from './loop-helpers';

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

/** What the host page's server computes (Node's createHmac('sha256', secret).update(id).digest('hex')). */
async function sign(secret: string, id: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await crypto.subtle.sign('HMAC', key, enc.encode(id));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

type Settings = { settings: { identityVerification: boolean }; identitySecret?: string };

const patch = (apiKey: string, body: unknown) =>
  json<Settings>(call('/v1/site/settings', { method: 'PATCH', key: apiKey, json: body }));

async function turnOn(apiKey: string): Promise<string> {
  const r = await patch(apiKey, { identityVerification: true });
  expect(r.status).toBe(200);
  expect(r.body.settings.identityVerification).toBe(true);
  expect(r.body.identitySecret).toMatch(/^idsec_[A-Za-z0-9_-]{43}$/);
  return r.body.identitySecret!;
}

/** Posts a detractor's completed answer (with a comment) as `respondent`; returns the response id. */
async function answer(
  siteKey: string,
  surveyId: string,
  respondent: Record<string, unknown> | undefined,
  value = 2,
): Promise<string> {
  const id = crypto.randomUUID();
  const res = await postResponse({
    id,
    siteKey,
    surveyId,
    ...(respondent ? { respondent } : {}),
    answers: [
      { questionId: 'nps', value },
      { questionId: 'why', value: 'Terrible checkout' },
    ],
    completed: true,
  });
  expect(res.status).toBe(202);
  return id;
}

const respondentOf = async (id: string) =>
  (await env.DB.prepare('SELECT respondent_id, attributes FROM responses WHERE id = ?')
    .bind(id)
    .first<{ respondent_id: string | null; attributes: string | null }>()) ?? null;

describe('PATCH /v1/site/settings identityVerification', () => {
  it('turning it on answers identitySecret once; GET never shows it; false turns it off; on again makes a new one', async () => {
    const { apiKey } = await setup();
    expect((await getJson('/v1/site/settings', apiKey)).settings.identityVerification).toBe(false);
    const secret = await turnOn(apiKey);
    const got = await getJson('/v1/site/settings', apiKey);
    expect(got.settings.identityVerification).toBe(true);
    expect(JSON.stringify(got)).not.toContain(secret);
    // Already on: nothing changes and nothing is shown.
    const again = await patch(apiKey, { identityVerification: true });
    expect(again.status).toBe(200);
    expect(again.body.identitySecret).toBeUndefined();
    expect(again.body.settings.identityVerification).toBe(true);
    // Other settings changes never show it.
    expect((await patch(apiKey, { dailyCap: 500 })).body.identitySecret).toBeUndefined();
    const off = await patch(apiKey, { identityVerification: false });
    expect(off.body.settings.identityVerification).toBe(false);
    expect(off.body.identitySecret).toBeUndefined();
    const next = await turnOn(apiKey);
    expect(next).not.toBe(secret);
  });

  it('needs the manage scope, and a boolean', async () => {
    const { apiKey } = await setup();
    const read = await json<{ apiKey: string }>(
      call('/v1/keys', { method: 'POST', key: apiKey, json: { name: 'bi', scopes: ['read'] } }),
    );
    expect((await patch(read.body.apiKey, { identityVerification: true })).status).toBe(403);
    const bad = await patch(apiKey, { identityVerification: 'yes' });
    expect(bad.status).toBe(400);
    expect((await getJson('/v1/site/settings', apiKey)).settings.identityVerification).toBe(false);
  });

  it('concurrent requests to turn it on give out one secret, the one in force', async () => {
    const { apiKey, site, survey } = await setup();
    const answers = await Promise.all(Array.from({ length: 5 }, () => patch(apiKey, { identityVerification: true })));
    const secrets = answers.flatMap((a) => (a.body.identitySecret ? [a.body.identitySecret] : []));
    expect(secrets).toHaveLength(1);
    const id = await answer(site.key, survey.id, { id: 'u-1', hash: await sign(secrets[0]!, 'u-1') });
    expect((await respondentOf(id))?.respondent_id).toBe('u-1');
  });
});

describe('a response while identity verification is on', () => {
  it('keeps an id only with its valid hash (any hex case); a missing, wrong or forged hash makes it anonymous', async () => {
    const { apiKey, site, survey } = await setup();
    // Off: any id counts, as before.
    const before = await answer(site.key, survey.id, { id: 'u-off', attributes: { plan: 'pro' } });
    expect(await respondentOf(before)).toEqual({ respondent_id: 'u-off', attributes: '{"plan":"pro"}' });

    const secret = await turnOn(apiKey);
    const good = await sign(secret, 'alice');
    const valid = await answer(site.key, survey.id, { id: 'alice', hash: good, attributes: { plan: 'pro' } });
    expect(await respondentOf(valid)).toEqual({ respondent_id: 'alice', attributes: '{"plan":"pro"}' });
    const upper = await answer(site.key, survey.id, { id: 'alice', hash: good.toUpperCase() });
    expect((await respondentOf(upper))?.respondent_id).toBe('alice');

    const forged = [
      { id: 'victim' }, // no hash
      { id: 'victim', hash: good }, // alice's hash on another id
      { id: 'victim', hash: await sign('idsec_not-the-secret', 'victim') }, // the wrong key
      { id: 'victim', hash: '0'.repeat(64) },
      { id: 'victim', hash: await sign(secret, 'victim ') }, // a near id
      { id: 'victim', hash: await sign(secret, 'victim'), attributes: {} }, // (valid: control below)
    ];
    for (const respondent of forged.slice(0, -1)) {
      const id = await answer(site.key, survey.id, { ...respondent, attributes: { email: 'victim@example.com' } });
      // Stored as an anonymous answer: neither the id nor the attributes given with it.
      expect(await respondentOf(id), JSON.stringify(respondent)).toEqual({ respondent_id: null, attributes: null });
      const n = await env.DB.prepare('SELECT count(*) AS n FROM answers WHERE response_id = ?')
        .bind(id)
        .first<{ n: number }>();
      expect(n?.n).toBe(2);
    }
    const control = await answer(site.key, survey.id, forged.at(-1));
    expect((await respondentOf(control))?.respondent_id).toBe('victim');
    // Attributes without an id are kept: there is no id to verify.
    const anonymous = await answer(site.key, survey.id, { attributes: { plan: 'free' } });
    expect(await respondentOf(anonymous)).toEqual({ respondent_id: null, attributes: '{"plan":"free"}' });
    // A malformed hash is a 400 (the schema), never a 500.
    const bad = await postResponse({
      id: crypto.randomUUID(),
      siteKey: site.key,
      surveyId: survey.id,
      respondent: { id: 'victim', hash: 'zz' },
      answers: [],
      completed: false,
    });
    expect(bad.status).toBe(400);
  });

  it('no forged hash names anyone (property: random ids and hashes that are not the HMAC)', async () => {
    const { apiKey, site, survey } = await setup();
    const secret = await turnOn(apiKey);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        async (rid, hash) => {
          fc.pre(hash !== (await sign(secret, rid)));
          const id = await answer(site.key, survey.id, { id: rid, hash });
          expect((await respondentOf(id))?.respondent_id).toBeNull();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('an unverified id never appears in the at-risk list, cases, alerts, outcomes or exports', async () => {
    const { apiKey, site, survey } = await setup();
    const receiver = stubReceiver(() => new Response('ok'));
    restore = receiver.restore;
    const hook = await createWebhook(apiKey, {
      url: 'http://127.0.0.1:9/hook',
      events: ['alert', 'response.completed'],
    });
    await createAlert(apiKey, { surveyId: survey.id, questionId: 'nps', max: 6, webhookId: hook.id });
    const slack = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/slack', format: 'slack', events: ['alert'] });
    await createAlert(apiKey, { surveyId: survey.id, questionId: 'nps', max: 6, webhookId: slack.id });
    const secret = await turnOn(apiKey);
    const alice = await answer(site.key, survey.id, { id: 'alice', hash: await sign(secret, 'alice') });
    const forged = await answer(site.key, survey.id, {
      id: 'victim',
      hash: await sign(secret, 'someone-else'),
      attributes: { email: 'victim@example.com' },
    });

    // Alerts (JSON and Slack) and response.completed: two JSON events each, one Slack alert each.
    await until(async () => receiver.received.length >= 6);
    const about = (id: string) => receiver.received.filter((r) => r.body.includes(id));
    expect(about(forged).length).toBe(3);
    for (const r of receiver.received) expect(r.body).not.toContain('victim');
    for (const r of about(forged).filter((x) => x.url.endsWith('/hook'))) {
      expect((JSON.parse(r.body) as { response: { respondentId: string | null } }).response.respondentId).toBeNull();
    }
    expect(about(alice).some((r) => r.body.includes('alice'))).toBe(true);

    // At-risk: alice (a detractor) is listed, the forged id is not.
    const atRisk = await getJson<{ items: { respondentId: string }[] }>('/v1/at-risk', apiKey);
    expect(atRisk.items.map((i) => i.respondentId)).toEqual(['alice']);

    // Cases: both detractors opened one; the forged one names no one.
    const cases = await getJson<{ items: { responseId: string; respondentId: string | null }[] }>('/v1/cases', apiKey);
    const byResponse = Object.fromEntries(cases.items.map((c) => [c.responseId, c.respondentId]));
    expect(byResponse).toEqual({ [alice]: 'alice', [forged]: null });
    expect(JSON.stringify(cases)).not.toContain('victim');

    // Outcomes: the churn reported for "victim" is linked to no answer of theirs.
    const r = await call('/v1/outcomes', {
      method: 'POST',
      key: apiKey,
      json: {
        items: [
          { respondentId: 'victim', kind: 'churned' },
          { respondentId: 'alice', kind: 'churned' },
        ],
      },
    });
    expect(r.status).toBe(202);
    const rates = await getJson<{ groups: { group: string; n: number; events: number }[] }>(
      '/v1/outcomes?kind=churned',
      apiKey,
    );
    expect(rates.groups.find((g) => g.group === 'detractor')).toMatchObject({ n: 1, events: 1 });

    // Exports, both formats.
    for (const format of ['csv', 'ndjson']) {
      const res = await call(`/v1/surveys/${survey.id}/responses?format=${format}`, { key: apiKey });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain(forged);
      expect(text).toContain('alice');
      expect(text, format).not.toContain('victim');
    }
  });

  it('a personal invitation link is verified by construction: its respondent is named without a hash', async () => {
    const { apiKey, site, survey } = await setup();
    await turnOn(apiKey);
    const inv = await json<{ invitations: { url: string }[] }>(
      call(`/v1/surveys/${survey.id}/invitations`, {
        method: 'POST',
        key: apiKey,
        json: { channel: 'email', respondents: [{ id: 'invited-1' }] },
      }),
    );
    expect(inv.status).toBe(201);
    const token = new URL(inv.body.invitations[0]!.url).pathname.split('/').pop()!;
    // The hosted page gives the link's response id (derived from the token).
    const html = await (await call(`/s/${token}`)).text();
    const page = /<script type="application\/json" id="seda-page">([\s\S]*?)<\/script>/.exec(html);
    const { responseId: id } = JSON.parse(page![1]!) as { responseId: string };
    const res = await postResponse(
      {
        id,
        siteKey: site.key,
        surveyId: survey.id,
        invitation: token,
        // A page cannot name someone else through the link either: the invitation decides.
        respondent: { id: 'victim' },
        answers: [{ questionId: 'nps', value: 3 }],
        completed: true,
      },
      'https://seda.test',
    );
    expect(res.status).toBe(202);
    const stored = await env.DB.prepare(
      'SELECT respondent_id FROM responses WHERE invitation_id IS NOT NULL AND site_id = ?',
    )
      .bind((await getJson('/v1/site', apiKey)).site.id)
      .first<{ respondent_id: string }>();
    expect(stored?.respondent_id).toBe('invited-1');
  });
});
