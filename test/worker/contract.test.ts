/**
 * The API as its OpenAPI document says: every endpoint in ENDPOINTS is called with real data, and
 * every answer (successes and errors) is checked against the document's status, content type and
 * schema for that operation. The Worker serves exactly the declared routes.
 */
import { env } from 'cloudflare:workers';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../shared/contract/index';
import type { Env } from '../../worker/env';
import { app } from '../../worker/index';
import { ADMIN, call, ORIGIN } from './helpers';
import { callWith, stubReceiver, until } from './loop-helpers';
import { type OpenApiDoc, openApiChecker } from './openapi-check';
import { softAuthenticator } from './passkey-authenticator';

let doc: OpenApiDoc;
let checker: ReturnType<typeof openApiChecker>;
let restoreFetch: () => void;
let received: { url: string; body: string }[];

beforeAll(async () => {
  const r = await call('/v1/openapi.json');
  doc = (await r.clone().json()) as OpenApiDoc;
  checker = openApiChecker(doc);
  checker.check({
    method: 'GET',
    path: '/v1/openapi.json',
    status: r.status,
    contentType: r.headers.get('content-type'),
    body: await r.text(),
  });
  // Webhook receivers: every outbound fetch lands here and is answered 200.
  const stub = stubReceiver(() => new Response('ok'));
  received = stub.received;
  restoreFetch = stub.restore;
});
afterAll(() => restoreFetch());

type Init = { key?: string; json?: unknown; body?: string; headers?: Record<string, string> };

/** One call to the Worker, checked against the document; returns the status and parsed body. */
// biome-ignore lint/suspicious/noExplicitAny: replies are checked against the document here, not by the compiler
async function api<T = any>(
  method: string,
  path: string,
  init: Init = {},
  over?: Partial<Env>,
): Promise<{ status: number; body: T; headers: Headers }> {
  const r = over ? await callWith(over, path, { method, ...init }) : await call(path, { method, ...init });
  const text = new TextDecoder().decode(await r.arrayBuffer());
  const requestBody = init.json ?? (init.body !== undefined ? safeParse(init.body) : undefined);
  checker.check({
    method,
    path,
    status: r.status,
    contentType: r.headers.get('content-type'),
    body: text,
    requestBody,
  });
  const type = r.headers.get('content-type') ?? '';
  return {
    status: r.status,
    body: (type.includes('application/json') && text ? JSON.parse(text) : text) as T,
    headers: r.headers,
  };
}
const safeParse = (s: string) => {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
};

/** Asserts the status (after the document check), with the body in the message when it differs. */
// biome-ignore lint/suspicious/noExplicitAny: as for api()
async function expectStatus<T = any>(status: number, p: Promise<{ status: number; body: T }>): Promise<T> {
  const r = await p;
  expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(status);
  return r.body;
}

const SURVEY = {
  name: 'Contract survey',
  status: 'active',
  questions: [
    { id: 'nps', type: 'nps', prompt: { en: 'Recommend us?', fa: 'ما را توصیه می‌کنید؟' } },
    { id: 'csat', type: 'csat', prompt: { en: 'Satisfied?' } },
    { id: 'ces', type: 'ces', prompt: { en: 'Easy?' } },
    { id: 'why', type: 'text', prompt: { en: 'Why?' } },
    {
      id: 'pick',
      type: 'choice',
      prompt: { en: 'Which?' },
      options: [
        { id: 'a', label: { en: 'A' } },
        { id: 'b', label: { en: 'B' } },
      ],
    },
  ],
};

// Shared across the steps below, in order (one file runs its tests in sequence).
const s = {} as { apiKey: string; readKey: string; siteKey: string; surveyId: string; hookId: string };

describe('every endpoint answers as its OpenAPI document says', () => {
  it('the check itself refuses what the document does not allow', () => {
    const probe = openApiChecker(doc);
    const x = { method: 'GET', path: '/v1/surveys/sv_1', contentType: 'application/json' };
    const survey = { id: 'sv_1', name: 'n', status: 'active', questions: [], version: 1 };
    expect(() => probe.check({ ...x, status: 200, body: JSON.stringify({ survey: { ...survey, id: 7 } }) })).toThrow(
      /does not match/,
    );
    expect(() => probe.check({ ...x, status: 409, body: '{}' })).toThrow(/status not declared/);
    expect(() => probe.check({ ...x, status: 404, body: '{"error":{"code":"x"}}' })).toThrow(/does not match/);
    expect(() => probe.check({ ...x, status: 404, contentType: 'text/html', body: 'x' })).toThrow(/content type/);
    expect(() => probe.check({ ...x, method: 'PUT', status: 200, body: '{}' })).toThrow(/no operation/);
  });

  it('sites and settings', async () => {
    const created = await expectStatus(
      201,
      api('POST', '/v1/sites', { key: ADMIN, json: { name: 'Contract shop', origins: [ORIGIN], locale: 'fa' } }),
    );
    s.apiKey = created.apiKey;
    s.siteKey = created.site.key;
    await expectStatus(401, api('POST', '/v1/sites', { json: { name: 'x', origins: [ORIGIN] } }));
    await expectStatus(400, api('POST', '/v1/sites', { key: ADMIN, json: { name: '', origins: [] } }));

    await expectStatus(200, api('GET', '/v1/site', { key: s.apiKey }));
    await expectStatus(401, api('GET', '/v1/site'));
    await expectStatus(200, api('PATCH', '/v1/site', { key: s.apiKey, json: { recontactDays: 7, name: 'Shop' } }));
    await expectStatus(400, api('PATCH', '/v1/site', { key: s.apiKey, json: { recontactDays: -1 } }));

    await expectStatus(200, api('GET', '/v1/site/settings', { key: s.apiKey }));
    await expectStatus(401, api('GET', '/v1/site/settings', { key: 'sk_nope_nope' }));
    await expectStatus(200, api('PATCH', '/v1/site/settings', { key: s.apiKey, json: { dailyCap: 5000 } }));
    // Identity verification: the secret is in the answer that turned it on (checked against the document).
    const on = await expectStatus(
      200,
      api('PATCH', '/v1/site/settings', { key: s.apiKey, json: { identityVerification: true } }),
    );
    expect(on.identitySecret).toMatch(/^idsec_/);
    await expectStatus(
      200,
      api('PATCH', '/v1/site/settings', { key: s.apiKey, json: { identityVerification: false } }),
    );
    await expectStatus(
      400,
      api('PATCH', '/v1/site/settings', {
        key: s.apiKey,
        json: { turnstileSecret: '1x0000000000000000000000000000000AA' },
      }),
    );
  });

  it('keys', async () => {
    const read = await expectStatus(
      201,
      api('POST', '/v1/keys', { key: s.apiKey, json: { name: 'reader', scopes: ['read'] } }),
    );
    s.readKey = read.apiKey;
    await expectStatus(400, api('POST', '/v1/keys', { key: s.apiKey, json: { name: 'x', scopes: [] } }));
    await expectStatus(200, api('GET', '/v1/keys', { key: s.apiKey }));
    await expectStatus(403, api('GET', '/v1/keys', { key: s.readKey }));
    // the reader's 403 on a manage endpoint, then a key made only to be revoked
    await expectStatus(403, api('GET', '/v1/site/settings', { key: s.readKey }));
    const spare = await expectStatus(
      201,
      api('POST', '/v1/keys', { key: s.apiKey, json: { name: 'spare', scopes: ['read', 'manage'] } }),
    );
    await expectStatus(204, api('DELETE', `/v1/keys/${spare.key.id}`, { key: s.apiKey }));
    await expectStatus(404, api('DELETE', '/v1/keys/nope', { key: s.apiKey }));
  });

  it('touchpoints and surveys', async () => {
    await expectStatus(
      201,
      api('POST', '/v1/touchpoints', { key: s.apiKey, json: { key: 'checkout', name: 'Checkout', stage: 'purchase' } }),
    );
    await expectStatus(
      201,
      api('POST', '/v1/touchpoints', { key: s.apiKey, json: { key: 'help', name: 'Help', stage: 'support' } }),
    );
    await expectStatus(400, api('POST', '/v1/touchpoints', { key: s.apiKey, json: { key: 'x', stage: 'nowhere' } }));
    await expectStatus(200, api('GET', '/v1/touchpoints', { key: s.apiKey }));
    await expectStatus(401, api('GET', '/v1/touchpoints'));
    await expectStatus(
      201,
      api('POST', '/v1/touchpoints', { key: s.apiKey, json: { key: 'spare', name: 'Spare', stage: 'usage' } }),
    );
    await expectStatus(
      200,
      api('PATCH', '/v1/touchpoints/spare', { key: s.apiKey, json: { names: { fa: 'یدک' }, archived: true } }),
    );
    await expectStatus(400, api('PATCH', '/v1/touchpoints/spare', { key: s.apiKey, json: {} }));
    await expectStatus(404, api('PATCH', '/v1/touchpoints/nope', { key: s.apiKey, json: { name: 'X' } }));
    await expectStatus(403, api('DELETE', '/v1/touchpoints/spare', { key: s.readKey }));
    await expectStatus(204, api('DELETE', '/v1/touchpoints/spare', { key: s.apiKey }));
    await expectStatus(404, api('DELETE', '/v1/touchpoints/spare', { key: s.apiKey }));

    const { survey } = await expectStatus(201, api('POST', '/v1/surveys', { key: s.apiKey, json: SURVEY }));
    s.surveyId = survey.id;
    await expectStatus(400, api('POST', '/v1/surveys', { key: s.apiKey, json: { ...SURVEY, questions: [] } }));
    await expectStatus(200, api('GET', '/v1/surveys', { key: s.apiKey }));
    await expectStatus(401, api('GET', '/v1/surveys', { key: 'nope' }));
    await expectStatus(200, api('GET', `/v1/surveys/${s.surveyId}`, { key: s.apiKey }));
    await expectStatus(404, api('GET', '/v1/surveys/sv_nope', { key: s.apiKey }));
    await expectStatus(
      200,
      api('PATCH', `/v1/surveys/${s.surveyId}`, {
        key: s.apiKey,
        json: { targeting: { touchpoints: ['checkout', 'help'], trigger: { type: 'pageview', delayMs: 0 } } },
      }),
    );
    await expectStatus(400, api('PATCH', `/v1/surveys/${s.surveyId}`, { key: s.apiKey, json: { status: 'gone' } }));
    const idem = { 'idempotency-key': crypto.randomUUID() };
    const first = await expectStatus(201, api('POST', '/v1/surveys', { key: s.apiKey, json: SURVEY, headers: idem }));
    const replay = await expectStatus(201, api('POST', '/v1/surveys', { key: s.apiKey, json: SURVEY, headers: idem }));
    expect(replay).toEqual(first);
    await expectStatus(
      422,
      api('POST', '/v1/surveys', { key: s.apiKey, json: { ...SURVEY, name: 'x' }, headers: idem }),
    );
    const doomed = await expectStatus(201, api('POST', '/v1/surveys', { key: s.apiKey, json: SURVEY }));
    await expectStatus(204, api('DELETE', `/v1/surveys/${doomed.survey.id}`, { key: s.apiKey }));
    await expectStatus(404, api('DELETE', `/v1/surveys/${doomed.survey.id}`, { key: s.apiKey }));
  });

  it('invitations and the hosted page', async () => {
    const base = `/v1/surveys/${s.surveyId}/invitations`;
    const anon = await expectStatus(201, api('POST', base, { key: s.apiKey, json: { channel: 'qr' } }));
    const personal = await expectStatus(
      201,
      api('POST', base, { key: s.apiKey, json: { channel: 'email', respondents: [{ id: 'inv-1', locale: 'fa' }] } }),
    );
    await expectStatus(400, api('POST', base, { key: s.apiKey, json: { channel: 'pigeon' } }));
    await expectStatus(200, api('GET', base, { key: s.apiKey }));
    await expectStatus(403, api('GET', base, { key: s.readKey }));
    const page = new URL(anon.invitations[0].url).pathname;
    await expectStatus(200, api('GET', page));
    await expectStatus(404, api('GET', '/s/AAAAAAAAAAAAAAAAAAAAAA'));
    const id = personal.invitations[0].id;
    await expectStatus(204, api('DELETE', `${base}/${id}`, { key: s.apiKey }));
    await expectStatus(404, api('DELETE', `${base}/nope`, { key: s.apiKey }));
    await expectStatus(410, api('GET', new URL(personal.invitations[0].url).pathname));
  });

  it('webhooks and alerts', async () => {
    const hook = await expectStatus(
      201,
      api('POST', '/v1/webhooks', {
        key: s.apiKey,
        json: { url: 'http://127.0.0.1:9/contract', events: ['alert', 'response.completed'] },
      }),
    );
    s.hookId = hook.id;
    await expectStatus(400, api('POST', '/v1/webhooks', { key: s.apiKey, json: { url: 'ftp://x', events: [] } }));
    await expectStatus(200, api('GET', '/v1/webhooks', { key: s.apiKey }));
    await expectStatus(403, api('GET', '/v1/webhooks', { key: s.readKey }));

    await expectStatus(
      201,
      api('POST', '/v1/alerts', {
        key: s.apiKey,
        json: { surveyId: s.surveyId, questionId: 'nps', max: 6, webhookId: s.hookId },
      }),
    );
    await expectStatus(
      201,
      api('POST', '/v1/alerts', {
        key: s.apiKey,
        json: { surveyId: s.surveyId, questionId: 'why', sentiment: 'negative', webhookId: s.hookId },
      }),
    );
    await expectStatus(
      201,
      api('POST', '/v1/alerts', {
        key: s.apiKey,
        json: {
          kind: 'drop',
          surveyId: s.surveyId,
          questionId: 'csat',
          touchpoint: 'checkout',
          threshold: 90,
          windowDays: 7,
          minResponses: 30,
          webhookId: s.hookId,
        },
      }),
    );
    await expectStatus(
      404,
      api('POST', '/v1/alerts', {
        key: s.apiKey,
        json: { surveyId: 'sv_nope', questionId: 'nps', max: 6, webhookId: s.hookId },
      }),
    );
    await expectStatus(
      400,
      api('POST', '/v1/alerts', {
        key: s.apiKey,
        json: { surveyId: s.surveyId, questionId: 'nps', webhookId: s.hookId },
      }),
    );
    const alerts = await expectStatus(200, api('GET', '/v1/alerts', { key: s.apiKey }));
    expect(alerts.items.map((a: { kind: string }) => a.kind).sort()).toEqual(['answer', 'answer', 'drop']);
    await expectStatus(401, api('GET', '/v1/alerts'));
    const spare = await expectStatus(
      201,
      api('POST', '/v1/alerts', {
        key: s.apiKey,
        json: { surveyId: s.surveyId, questionId: 'ces', min: 1, max: 2, webhookId: s.hookId },
      }),
    );
    await expectStatus(204, api('DELETE', `/v1/alerts/${spare.id}`, { key: s.apiKey }));
    await expectStatus(404, api('DELETE', `/v1/alerts/${spare.id}`, { key: s.apiKey }));
  });

  it('the widget: config and responses', async () => {
    const origin = { origin: ORIGIN };
    await expectStatus(200, api('GET', `/v1/sites/${s.siteKey}/surveys`, { headers: origin }));
    await expectStatus(404, api('GET', '/v1/sites/site_nope/surveys', { headers: origin }));
    // What a page view fetches: targeting without prompts; the survey itself when it shows.
    const config = await expectStatus(200, api('GET', `/v1/sites/${s.siteKey}/config`, { headers: origin }));
    expect(JSON.stringify(config)).not.toContain('prompt');
    expect(config.surveys.map((x: { id: string }) => x.id)).toContain(s.surveyId);
    await expectStatus(404, api('GET', '/v1/sites/site_nope/config', { headers: origin }));
    const one = await expectStatus(
      200,
      api('GET', `/v1/sites/${s.siteKey}/surveys/${s.surveyId}?v=1`, { headers: origin }),
    );
    expect(one.questions.length).toBeGreaterThan(0);
    await expectStatus(404, api('GET', `/v1/sites/${s.siteKey}/surveys/sv_nope`, { headers: origin }));
    await expectStatus(
      403,
      api('GET', `/v1/sites/${s.siteKey}/surveys`, { headers: { origin: 'https://evil.example' } }),
    );

    const post = (body: object) =>
      api('POST', '/v1/responses', {
        body: JSON.stringify(body),
        headers: { ...origin, 'content-type': 'text/plain' },
      });
    const base = { siteKey: s.siteKey, surveyId: s.surveyId, completed: true };
    const texts = ['Terrible, slow and broken checkout', 'Wonderful and fast, thank you', 'خیلی کند و بد بود'];
    for (let i = 0; i < 12; i++) {
      await expectStatus(
        202,
        post({
          ...base,
          id: crypto.randomUUID(),
          touchpoint: i % 2 ? 'help' : 'checkout',
          respondent: { id: `user-${i % 4}`, attributes: { plan: i % 3 ? 'pro' : 'free' } },
          context: { locale: i % 2 ? 'fa' : 'en', url: 'https://shop.example/checkout' },
          answers: [
            { questionId: 'nps', value: i % 11 },
            { questionId: 'csat', value: 1 + (i % 5) },
            { questionId: 'ces', value: 1 + (i % 7) },
            { questionId: 'why', value: texts[i % 3]! },
            { questionId: 'pick', value: [i % 2 ? 'a' : 'b'] },
          ],
        }),
      );
    }
    await expectStatus(400, post({ ...base, id: 'not-a-uuid', answers: [] }));
    await expectStatus(404, post({ ...base, surveyId: 'sv_nope', id: crypto.randomUUID(), answers: [] }));
    await expectStatus(
      403,
      api('POST', '/v1/responses', {
        body: JSON.stringify({ ...base, id: crypto.randomUUID(), answers: [] }),
        headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      }),
    );
    // a touchpoint with answers can be archived, not deleted
    await expectStatus(409, api('DELETE', '/v1/touchpoints/checkout', { key: s.apiKey }));
    // alerts, cases and deliveries follow the posts (after the response, through the queue)
    await until(
      async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM deliveries').first<{ n: number }>())!.n >= 12,
    );
  });

  it('results, export and insights', async () => {
    const k = { key: s.readKey };
    await expectStatus(200, api('GET', `/v1/surveys/${s.surveyId}/results?interval=week&by=plan`, k));
    await expectStatus(200, api('GET', `/v1/surveys/${s.surveyId}/results?source=scan&segment=plan:pro`, k));
    await expectStatus(400, api('GET', `/v1/surveys/${s.surveyId}/results?from=2026-02-30`, k));
    await expectStatus(404, api('GET', '/v1/surveys/sv_nope/results', k));

    const csv = await expectStatus<string>(200, api('GET', `/v1/surveys/${s.surveyId}/responses?format=csv`, k));
    expect(csv.split('\r\n').filter(Boolean).length).toBe(13);
    const ndjson = await expectStatus<string>(200, api('GET', `/v1/surveys/${s.surveyId}/responses?format=ndjson`, k));
    expect(ndjson.trim().split('\n')).toHaveLength(12); // each line checked against ExportRecord
    await expectStatus(400, api('GET', `/v1/surveys/${s.surveyId}/responses?format=xml`, k));
    await expectStatus(404, api('GET', '/v1/surveys/sv_nope/responses', k));

    await expectStatus(200, api('GET', '/v1/journey', k));
    await expectStatus(400, api('GET', '/v1/journey?from=2026-05-02&to=2026-05-01', k));
    const page = await expectStatus(200, api('GET', `/v1/surveys/${s.surveyId}/verbatims?limit=5`, k));
    expect(page.nextCursor).toEqual(expect.any(String));
    await expectStatus(
      200,
      api('GET', `/v1/surveys/${s.surveyId}/verbatims?cursor=${encodeURIComponent(page.nextCursor)}`, k),
    );
    await expectStatus(400, api('GET', `/v1/surveys/${s.surveyId}/verbatims?cursor=garbage`, k));
    await expectStatus(404, api('GET', '/v1/surveys/sv_nope/verbatims', k));
    await expectStatus(200, api('GET', `/v1/surveys/${s.surveyId}/terms`, k));
    await expectStatus(404, api('GET', '/v1/surveys/sv_nope/terms', k));
    const atRisk = await expectStatus(200, api('GET', '/v1/at-risk', k));
    expect(atRisk.items.length).toBeGreaterThan(0);
    await expectStatus(400, api('GET', '/v1/at-risk?from=nope', k));
    const segments = await expectStatus(200, api('GET', `/v1/segments?surveyId=${s.surveyId}`, k));
    expect(segments.attributes[0].name).toBe('plan');
    await expectStatus(404, api('GET', '/v1/segments?surveyId=sv_nope', k));

    // Why, and what it costs: topics, drivers, outcomes.
    const m = { key: s.apiKey };
    const topics = await expectStatus(200, api('GET', '/v1/topics', k));
    await expectStatus(200, api('PUT', '/v1/topics', { ...m, json: { topics: topics.topics } }));
    await expectStatus(400, api('PUT', '/v1/topics', { ...m, json: { topics: [{ key: 'x' }] } }));
    await expectStatus(401, api('GET', '/v1/topics'));
    await expectStatus(200, api('GET', `/v1/surveys/${s.surveyId}/topics`, k));
    await expectStatus(404, api('GET', '/v1/surveys/sv_nope/topics', k));
    await expectStatus(200, api('GET', `/v1/surveys/${s.surveyId}/drivers?target=nps`, k));
    await expectStatus(404, api('GET', '/v1/surveys/sv_nope/drivers', k));
    await expectStatus(
      202,
      api('POST', '/v1/outcomes', { ...m, json: { items: [{ respondentId: 'u1', kind: 'churned' }] } }),
    );
    await expectStatus(400, api('POST', '/v1/outcomes', { ...m, json: { items: [] } }));
    await expectStatus(200, api('GET', '/v1/outcomes?kind=churned', k));
    await expectStatus(400, api('GET', '/v1/outcomes?kind=nope', k));

    // The leadership digest (and its schedule), and read-only share links.
    const digest = await expectStatus(200, api('GET', '/v1/digest', k));
    expect(digest.site.name).toBe('Shop');
    await expectStatus(200, api('GET', `/v1/digest?from=${digest.range.previous.from}&to=${digest.range.to}`, k));
    await expectStatus(400, api('GET', '/v1/digest?from=2026-02-01&to=2026-01-01', k));
    const weekly = { schedule: 'weekly', weekday: 'monday', hour: 9, timeZone: 'Asia/Tehran' };
    const set = await expectStatus(200, api('PATCH', '/v1/site/settings', { ...m, json: { digest: weekly } }));
    expect(set.settings.digest).toMatchObject({ schedule: 'weekly', weekday: 'monday', hour: 9 });
    await expectStatus(
      400,
      api('PATCH', '/v1/site/settings', { ...m, json: { digest: { ...weekly, timeZone: 'Mars/Olympus' } } }),
    );
    const link = await expectStatus(201, api('POST', '/v1/share-links', { ...m, json: { label: 'Board' } }));
    await expectStatus(400, api('POST', '/v1/share-links', { ...m, json: { label: '' } }));
    await expectStatus(403, api('POST', '/v1/share-links', { ...k, json: {} }));
    await expectStatus(200, api('GET', '/v1/share-links', m));
    await expectStatus(403, api('GET', '/v1/share-links', k));
    const token = new URL(link.url).pathname.split('/').pop();
    await expectStatus(200, api('GET', `/v1/shared/${token}`));
    await expectStatus(200, api('GET', `/share/${token}?lang=fa`));
    await expectStatus(404, api('GET', `/v1/shared/${'x'.repeat(43)}`));
    await expectStatus(404, api('GET', `/share/${'x'.repeat(43)}`));
    await expectStatus(204, api('DELETE', `/v1/share-links/${link.id}`, m));
    await expectStatus(404, api('DELETE', '/v1/share-links/shr_nope', m));
    await expectStatus(410, api('GET', `/v1/shared/${token}`));
    await expectStatus(410, api('GET', `/share/${token}`));
  });

  it('deliveries and cases', async () => {
    await until(async () => received.length >= 12);
    const log = await expectStatus(200, api('GET', `/v1/webhooks/${s.hookId}/deliveries?limit=3`, { key: s.apiKey }));
    expect(log.items).toHaveLength(3);
    await expectStatus(
      200,
      api('GET', `/v1/webhooks/${s.hookId}/deliveries?cursor=${log.nextCursor}`, { key: s.apiKey }),
    );
    await expectStatus(404, api('GET', '/v1/webhooks/wh_nope/deliveries', { key: s.apiKey }));
    const ping = await expectStatus(202, api('POST', `/v1/webhooks/${s.hookId}/ping`, { key: s.apiKey }));
    await expectStatus(404, api('POST', '/v1/webhooks/wh_nope/ping', { key: s.apiKey }));
    const one = `/v1/webhooks/${s.hookId}/deliveries/${ping.deliveryId}`;
    await until(async () => (await api('GET', one, { key: s.apiKey })).body.delivery?.status === 'delivered');
    await expectStatus(404, api('GET', `/v1/webhooks/${s.hookId}/deliveries/dlv_nope`, { key: s.apiKey }));
    const again = await expectStatus(202, api('POST', `${one}/redeliver`, { key: s.apiKey }));
    expect(again.delivery.status).toBe('pending');
    await expectStatus(404, api('POST', `/v1/webhooks/${s.hookId}/deliveries/dlv_nope/redeliver`, { key: s.apiKey }));
    await until(async () => (await api('GET', one, { key: s.apiKey })).body.delivery?.attemptLog.length === 2);
    const rotated = await expectStatus(
      200,
      api('POST', `/v1/webhooks/${s.hookId}/rotate-secret?graceHours=1`, { key: s.apiKey }),
    );
    expect(rotated.previousSecretExpiresAt).toEqual(expect.any(String));
    await expectStatus(400, api('POST', `/v1/webhooks/${s.hookId}/rotate-secret?graceHours=-1`, { key: s.apiKey }));
    await expectStatus(404, api('POST', '/v1/webhooks/wh_nope/rotate-secret', { key: s.apiKey }));

    const cases = await expectStatus(200, api('GET', '/v1/cases?limit=2', { key: s.readKey }));
    expect(cases.items.length).toBeGreaterThan(0);
    const id = cases.items[0].responseId as string;
    await expectStatus(400, api('GET', '/v1/cases?status=lost', { key: s.readKey }));
    await expectStatus(200, api('GET', '/v1/cases/stats', { key: s.readKey }));
    await expectStatus(400, api('GET', '/v1/cases/stats?from=yesterday', { key: s.readKey }));
    await expectStatus(200, api('GET', `/v1/cases/${id}`, { key: s.readKey }));
    await expectStatus(404, api('GET', '/v1/cases/nope', { key: s.readKey }));
    await expectStatus(200, api('PUT', `/v1/cases/${id}`, { key: s.apiKey, json: { owner: 'sara', note: 'call' } }));
    await expectStatus(404, api('PUT', '/v1/cases/nope', { key: s.apiKey, json: {} }));
    await expectStatus(200, api('PATCH', `/v1/cases/${id}`, { key: s.apiKey, json: { status: 'resolved' } }));
    await expectStatus(400, api('PATCH', `/v1/cases/${id}`, { key: s.apiKey, json: { status: 'lost' } }));
    await expectStatus(403, api('PATCH', `/v1/cases/${id}`, { key: s.readKey, json: { status: 'open' } }));
    // a resolved case with a known respondent gets a follow-up link; the recovery rates read them
    const withRespondent = cases.items.find((c: { respondentId: string | null }) => c.respondentId);
    if (withRespondent) {
      const rid = withRespondent.responseId as string;
      await expectStatus(200, api('PATCH', `/v1/cases/${rid}`, { key: s.apiKey, json: { status: 'contacted' } }));
      await expectStatus(
        409,
        api('POST', `/v1/cases/${rid}/follow-up`, { key: s.apiKey, json: { surveyId: s.surveyId } }),
      );
      await expectStatus(200, api('PATCH', `/v1/cases/${rid}`, { key: s.apiKey, json: { status: 'resolved' } }));
      await expectStatus(
        201,
        api('POST', `/v1/cases/${rid}/follow-up`, { key: s.apiKey, json: { surveyId: s.surveyId } }),
      );
    }
    await expectStatus(404, api('POST', '/v1/cases/nope/follow-up', { key: s.apiKey, json: { surveyId: s.surveyId } }));
    await expectStatus(400, api('POST', `/v1/cases/${id}/follow-up`, { key: s.apiKey, json: {} }));
    await expectStatus(200, api('GET', '/v1/cases/recovery', { key: s.readKey }));
    await expectStatus(400, api('GET', '/v1/cases/recovery?from=2026-02-01&to=2026-01-01', { key: s.readKey }));
  });

  it('erasure, and deleting a webhook', async () => {
    const profile = await expectStatus(200, api('GET', '/v1/respondents/user-1', { key: s.readKey }));
    expect(profile.responses).toBe(3);
    await expectStatus(404, api('GET', '/v1/respondents/nobody-here', { key: s.apiKey }));
    const erased = await expectStatus(200, api('DELETE', '/v1/respondents/user-1', { key: s.apiKey }));
    expect(erased.deletedResponses).toBe(3);
    await expectStatus(403, api('DELETE', '/v1/respondents/user-2', { key: s.readKey }));
    await expectStatus(404, api('GET', '/v1/respondents/user-1', { key: s.apiKey }));
    await expectStatus(204, api('DELETE', `/v1/webhooks/${s.hookId}`, { key: s.apiKey }));
    await expectStatus(404, api('DELETE', `/v1/webhooks/${s.hookId}`, { key: s.apiKey }));
  });

  it('members, sessions, the account and the audit log', async () => {
    const same = { origin: 'https://seda.test' };
    const invited = await expectStatus(
      201,
      api('POST', '/v1/members', { key: s.apiKey, json: { email: 'Owner@Shop.example', role: 'owner' } }),
    );
    await expectStatus(400, api('POST', '/v1/members', { key: s.apiKey, json: { email: 'nope', role: 'owner' } }));
    const token = new URL(invited.inviteUrl).searchParams.get('invite')!;
    await expectStatus(
      404,
      api('POST', '/v1/invites/AAAAAAAAAAAAAAAAAAAAAAAA', { json: { password: 'long enough pw' }, headers: same }),
    );
    const accepted = await api('POST', `/v1/invites/${token}`, {
      json: { password: 'correct horse battery' },
      headers: same,
    });
    expect(accepted.status).toBe(200);
    const cookie = accepted.headers.get('set-cookie')!.split(';')[0]!;
    const me = { headers: { cookie, ...same } };
    await expectStatus(200, api('GET', '/v1/session', me));
    await expectStatus(401, api('GET', '/v1/session'));
    await expectStatus(200, api('PUT', '/v1/session/site', { ...me, json: { siteId: accepted.body.site.id } }));
    await expectStatus(404, api('PUT', '/v1/session/site', { ...me, json: { siteId: 'site_nope' } }));
    await expectStatus(200, api('GET', '/v1/members', me));
    await expectStatus(401, api('GET', '/v1/members'));
    const agent = await expectStatus(
      201,
      api('POST', '/v1/members', { ...me, json: { email: 'agent@shop.example', role: 'analyst' } }),
    );
    await expectStatus(200, api('PATCH', `/v1/members/${agent.member.id}`, { ...me, json: { role: 'agent' } }));
    await expectStatus(404, api('PATCH', '/v1/members/mem_nope', { ...me, json: { role: 'agent' } }));
    const cases = await expectStatus(200, api('GET', '/v1/cases?limit=1', me));
    await expectStatus(
      200,
      api('PATCH', `/v1/cases/${cases.items[0].responseId}`, {
        ...me,
        json: { assignee: agent.member.id, dueAt: '2030-01-01T00:00:00Z', category: 'delivery', note: 'call' },
      }),
    );
    await expectStatus(204, api('DELETE', `/v1/members/${agent.member.id}`, me));
    await expectStatus(404, api('DELETE', `/v1/members/${agent.member.id}`, me));
    const audit = await expectStatus(200, api('GET', `/v1/audit?actor=${accepted.body.member.id}&limit=2`, me));
    expect(audit.items.length).toBe(2);
    await expectStatus(200, api('GET', `/v1/audit?cursor=${audit.nextCursor}`, me));
    await expectStatus(400, api('GET', '/v1/audit?cursor=garbage', me));

    // passkeys: added with a software authenticator, then signed in with
    const authenticator = await softAuthenticator('https://seda.test');
    const creation = await expectStatus(200, api('POST', '/v1/account/passkeys/options', me));
    await expectStatus(401, api('POST', '/v1/account/passkeys/options', { headers: same }));
    const added = await expectStatus(
      201,
      api('POST', '/v1/account/passkeys', {
        ...me,
        json: { response: await authenticator.create(creation), name: 'Key' },
      }),
    );
    await expectStatus(
      400,
      api('POST', '/v1/account/passkeys', { ...me, json: { response: await authenticator.create(creation) } }),
    );
    await expectStatus(200, api('GET', '/v1/account/passkeys', me));
    await expectStatus(401, api('GET', '/v1/account/passkeys'));
    const request = await expectStatus(200, api('POST', '/v1/session/passkey/options', { headers: same }));
    await expectStatus(
      403,
      api('POST', '/v1/session/passkey/options', { headers: { origin: 'https://evil.example' } }),
    );
    await expectStatus(
      200,
      api('POST', '/v1/session/passkey', { headers: same, json: { response: await authenticator.get(request) } }),
    );
    await expectStatus(
      401,
      api('POST', '/v1/session/passkey', { headers: same, json: { response: await authenticator.get(request) } }),
    );
    await expectStatus(204, api('DELETE', `/v1/account/passkeys/${added.passkey.id}`, me));
    await expectStatus(404, api('DELETE', `/v1/account/passkeys/${added.passkey.id}`, me));

    await expectStatus(400, api('PUT', '/v1/account/password', { ...me, json: { newPassword: 'short' } }));
    const changed = await api('PUT', '/v1/account/password', {
      ...me,
      json: { currentPassword: 'correct horse battery', newPassword: 'another long password' },
    });
    expect(changed.status).toBe(204);
    await expectStatus(
      401,
      api('POST', '/v1/session', { json: { email: 'owner@shop.example', password: 'wrong password' }, headers: same }),
    );
    const signedIn = await api('POST', '/v1/session', {
      json: { email: 'owner@shop.example', password: 'another long password' },
      headers: same,
    });
    expect(signedIn.status).toBe(200);
    const again = { headers: { cookie: signedIn.headers.get('set-cookie')!.split(';')[0]!, ...same } };
    await expectStatus(204, api('DELETE', '/v1/session', again));
    await expectStatus(401, api('DELETE', '/v1/session', again));
    const third = await api('POST', '/v1/session', {
      json: { email: 'owner@shop.example', password: 'another long password' },
      headers: same,
    });
    const everywhere = { headers: { cookie: third.headers.get('set-cookie')!.split(';')[0]!, ...same } };
    await expectStatus(204, api('DELETE', '/v1/sessions', everywhere));
    await expectStatus(401, api('DELETE', '/v1/sessions', everywhere));

    // single sign-on: a JWT signed by a local key set that stands in for the Access team's
    await expectStatus(404, api('POST', '/v1/session/access', { headers: same }));
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    restoreFetch();
    const stub = stubReceiver((r) =>
      r.url === 'https://team.example/cdn-cgi/access/certs' ? Response.json({ keys: [jwk] }) : new Response('ok'),
    );
    const sso = { ACCESS_TEAM_DOMAIN: 'https://team.example', ACCESS_AUD: 'aud-1' };
    const jwt = await new SignJWT({ email: 'owner@shop.example' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('https://team.example')
      .setAudience('aud-1')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expectStatus(
      200,
      api('POST', '/v1/session/access', { headers: { ...same, 'cf-access-jwt-assertion': jwt } }, sso),
    );
    await expectStatus(401, api('POST', '/v1/session/access', { headers: same }, sso));
    stub.restore();
    restoreFetch = stubReceiver(() => new Response('ok')).restore;
  });

  it('exercised every declared endpoint: a success and an error each', () => {
    const missing: string[] = [];
    for (const e of ENDPOINTS) {
      const statuses = [...(checker.seen.get(e.operationId) ?? [])];
      if (!statuses.includes(e.success.status)) missing.push(`${e.operationId}: no ${e.success.status}`);
      if (e.errors.length && !statuses.some((x) => x >= 400)) missing.push(`${e.operationId}: no error`);
    }
    expect(missing).toEqual([]);
  });
});

describe('the Worker serves the declared routes and nothing else', () => {
  it('every /v1 (and /s/, /share/ page) route of the app is an endpoint in ENDPOINTS, and every endpoint is routed', () => {
    const declared = new Set(ENDPOINTS.map((e) => `${e.method.toUpperCase()} ${e.path.replace(/\{(\w+)\}/g, ':$1')}`));
    const served = new Set(
      app.routes
        .filter(
          (r) =>
            (r.path.startsWith('/v1') || r.path.startsWith('/s/') || r.path.startsWith('/share/')) &&
            r.method !== 'OPTIONS',
        )
        .map((r) => `${r.method} ${r.path}`),
    );
    expect([...served].filter((r) => !declared.has(r))).toEqual([]);
    expect([...declared].filter((r) => !served.has(r))).toEqual([]);
    // the one extra: the CORS preflight of the widget's post
    expect(app.routes.filter((r) => r.path.startsWith('/v1') && r.method === 'OPTIONS').map((r) => r.path)).toEqual([
      '/v1/responses',
    ]);
  });
});
