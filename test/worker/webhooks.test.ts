import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryMessage } from '../../worker/env';
import worker from '../../worker/index';
import { hmacSha256Hex } from '../../worker/lib/crypto';
import { backoffSeconds, DEAD_LETTER_QUEUE, DELIVERY_QUEUE, MAX_ATTEMPTS } from '../../worker/webhooks/deliver';
import { sweepDeliveries } from '../../worker/webhooks/enqueue';
import { verifySignature } from '../../worker/webhooks/signature';
import { isPrivateHost, webhookUrlProblem } from '../../worker/webhooks/url';
import { call, postResponse, setup } from './helpers';
import {
  callWith,
  countRows,
  createAlert,
  createWebhook,
  json,
  type Received,
  stubReceiver,
  until,
} from './loop-helpers';

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

const receiver = (answer: (r: Received, n: number) => Response | Promise<Response>) => {
  const r = stubReceiver(answer);
  restore = r.restore;
  return r.received;
};

type Delivery = {
  id: string;
  status: string;
  attempts: number;
  event: string;
  payload: unknown;
  lastStatusCode: number;
  attemptLog: { at: string; statusCode: number | null; error: string | null; durationMs: number }[];
};

const deliveries = async (apiKey: string, webhookId: string) =>
  (await json<{ deliveries: Delivery[] }>(call(`/v1/webhooks/${webhookId}/deliveries`, { key: apiKey }))).body
    .deliveries;

/** Runs the Worker's own queue handler on a hand-made batch, as the Queues runtime would. */
async function runConsumer(queue: string, msgs: { id: string; attempts: number }[], over: Record<string, string> = {}) {
  const batch = createMessageBatch<DeliveryMessage>(
    queue,
    msgs.map((m, i) => ({ id: `msg-${i}`, timestamp: new Date(), attempts: m.attempts, body: { deliveryId: m.id } })),
  );
  // getQueueResult does not report retry delays: record them on the way through.
  const delays: (number | undefined)[] = [];
  for (const m of batch.messages) {
    const retry = m.retry.bind(m);
    m.retry = (options) => {
      delays.push(options?.delaySeconds);
      retry(options);
    };
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, ...over }, ctx);
  return { ...(await getQueueResult(batch, ctx)), delays };
}

/** A stored, not yet tried delivery to `url`. */
async function storedDelivery(url: string, payload = '{"event":"ping"}') {
  const { apiKey } = await setup();
  const hook = await createWebhook(apiKey, { url, events: ['alert'] });
  const id = `dlv_${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.prepare(
    `INSERT INTO deliveries (id, webhook_id, event, dedup_key, payload, status, attempts, created_at, updated_at)
     VALUES (?, ?, 'ping', ?, ?, 'pending', 0, ?, ?)`,
  )
    .bind(id, hook.id, id, payload, Date.now(), Date.now())
    .run();
  return { id, hook, apiKey };
}

const row = (id: string) =>
  env.DB.prepare('SELECT status, attempts, last_status_code, last_error FROM deliveries WHERE id = ?')
    .bind(id)
    .first<{ status: string; attempts: number; last_status_code: number | null; last_error: string | null }>();

describe('webhook URLs', () => {
  it('refuses loopback, private, link-local, metadata and internal hosts', () => {
    for (const h of [
      'localhost',
      'api.localhost',
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '[::1]',
      '[::]',
      '[fd00::1]',
      '[fe80::1]',
      '[::ffff:7f00:1]',
      'metadata.google.internal',
      'printer.local',
      'intranet',
    ]) {
      expect(isPrivateHost(h), h).toBe(true);
    }
    for (const h of ['hooks.slack.com', 'example.com', '8.8.8.8', '172.32.0.1', '[2606:4700::1111]']) {
      expect(isPrivateHost(h), h).toBe(false);
    }
    // odd IPv4 spellings are normalised by the URL parser before the check
    expect(webhookUrlProblem('http://2130706433/x', false)).toMatch(/private/);
    expect(webhookUrlProblem('http://0x7f.1/x', false)).toMatch(/private/);
    expect(webhookUrlProblem('ftp://example.com/x', false)).toMatch(/http/);
    expect(webhookUrlProblem('https://u:p@example.com/x', false)).toMatch(/credentials/);
    expect(webhookUrlProblem('http://127.0.0.1:9/x', true)).toBeNull();
  });

  it('POST /v1/webhooks refuses a private URL unless ALLOW_PRIVATE_WEBHOOKS=1, naming the field', async () => {
    const { apiKey } = await setup();
    for (const url of ['http://127.0.0.1:8080/hook', 'http://169.254.169.254/latest', 'http://[::1]/x']) {
      const r = await json(
        callWith({ ALLOW_PRIVATE_WEBHOOKS: '0' }, '/v1/webhooks', {
          method: 'POST',
          key: apiKey,
          json: { url, events: ['alert'] },
        }),
      );
      expect(r.status, url).toBe(400);
      expect(r.body.error.issues[0].path).toEqual(['url']);
    }
    const scheme = await json(
      call('/v1/webhooks', { method: 'POST', key: apiKey, json: { url: 'file:///etc/passwd', events: ['alert'] } }),
    );
    expect(scheme.status).toBe(400);
    const ok = await json(
      callWith({ ALLOW_PRIVATE_WEBHOOKS: '0' }, '/v1/webhooks', {
        method: 'POST',
        key: apiKey,
        json: { url: 'https://hooks.example.com/seda', events: ['alert'] },
      }),
    );
    expect(ok.status).toBe(201);
    expect(await countRows('SELECT COUNT(*) AS n FROM webhooks WHERE url LIKE ?', '%127.0.0.1:8080%')).toBe(0);
  });
});

describe('/v1/webhooks and /v1/alerts', () => {
  it('creates a webhook (secret shown once), lists it without the secret, deletes it with its alerts', async () => {
    const { apiKey, survey } = await setup();
    const created = await json(
      call('/v1/webhooks', {
        method: 'POST',
        key: apiKey,
        json: { url: 'http://127.0.0.1:9/hook', format: 'slack', events: ['alert', 'response.completed'] },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^wh_/), secret: expect.stringMatching(/^whsec_/) });
    expect(created.body).toMatchObject({ format: 'slack', events: ['alert', 'response.completed'] });
    const list = await json(call('/v1/webhooks', { key: apiKey }));
    expect(list.body.webhooks).toHaveLength(1);
    expect(list.body.webhooks[0]).not.toHaveProperty('secret');
    const alert = await createAlert(apiKey, {
      surveyId: survey.id,
      questionId: 'nps',
      max: 6,
      webhookId: created.body.id,
    });
    expect((await json(call('/v1/alerts', { key: apiKey }))).body.alerts).toEqual([
      expect.objectContaining({ id: alert.id, kind: 'answer', max: 6, questionId: 'nps' }),
    ]);
    expect((await call(`/v1/webhooks/${created.body.id}`, { method: 'DELETE', key: apiKey })).status).toBe(204);
    expect((await json(call('/v1/alerts', { key: apiKey }))).body.alerts).toEqual([]);
    expect((await call(`/v1/webhooks/${created.body.id}`, { method: 'DELETE', key: apiKey })).status).toBe(404);
  });

  it("checks that an alert names its own site's survey, question and webhook", async () => {
    const { apiKey, survey } = await setup();
    const other = await setup();
    const hook = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/a', events: ['alert'] });
    const completedOnly = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/b', events: ['response.completed'] });
    const post = (body: object) => json(call('/v1/alerts', { method: 'POST', key: apiKey, json: body }));
    const base = { surveyId: survey.id, questionId: 'nps', max: 6, webhookId: hook.id };
    const cases: [object, number, string][] = [
      [{ ...base, surveyId: other.survey.id }, 404, 'surveyId'],
      [{ ...base, webhookId: 'wh_nope' }, 404, 'webhookId'],
      [{ ...base, webhookId: completedOnly.id }, 400, 'webhookId'],
      [{ ...base, questionId: 'nope' }, 400, 'questionId'],
      [{ ...base, questionId: 'why' }, 400, 'min'],
      [{ surveyId: survey.id, questionId: 'nps', sentiment: 'negative', webhookId: hook.id }, 400, 'sentiment'],
      [{ surveyId: survey.id, questionId: 'nps', webhookId: hook.id }, 400, ''],
      [{ ...base, min: 7, max: 3 }, 400, 'min'],
      [{ ...base, kind: 'sometimes' }, 400, 'kind'],
      [
        { kind: 'drop', surveyId: survey.id, questionId: 'why', threshold: 0, windowDays: 7, webhookId: hook.id },
        400,
        'questionId',
      ],
      [
        { kind: 'drop', surveyId: survey.id, questionId: 'nps', threshold: 0, windowDays: 0, webhookId: hook.id },
        400,
        'windowDays',
      ],
    ];
    for (const [body, status, field] of cases) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.issues?.[0]?.path.join('.') ?? '', JSON.stringify(body)).toBe(field);
    }
    const ok = await post({ ...base, kind: 'answer' });
    expect(ok.status).toBe(201);
    const drop = await post({
      kind: 'drop',
      surveyId: survey.id,
      questionId: 'nps',
      threshold: 20,
      windowDays: 7,
      webhookId: hook.id,
    });
    expect(drop.status).toBe(201);
    expect(drop.body).toMatchObject({ kind: 'drop', metric: 'nps', threshold: 20, windowDays: 7, minResponses: 30 });
    // another site's key sees none of it
    expect((await json(call('/v1/alerts', { key: other.apiKey }))).body.alerts).toEqual([]);
    expect((await call(`/v1/alerts/${ok.body.id}`, { method: 'DELETE', key: other.apiKey })).status).toBe(404);
  });

  it('needs the manage scope', async () => {
    const { apiKey } = await setup();
    const readOnly = await json<{ apiKey: string }>(
      call('/v1/keys', { method: 'POST', key: apiKey, json: { name: 'viewer', scopes: ['read'] } }),
    );
    const r = await call('/v1/webhooks', {
      method: 'POST',
      key: readOnly.body.apiKey,
      json: { url: 'http://127.0.0.1:9/x', events: ['alert'] },
    });
    expect(r.status).toBe(403);
    expect((await call('/v1/webhooks', { key: readOnly.body.apiKey })).status).toBe(403);
  });
});

describe('alert evaluation and delivery through the queue', () => {
  it('sends a signed alert for a detractor and response.completed, once each, and opens a case', async () => {
    const { site, apiKey, survey } = await setup();
    const received = receiver(() => new Response('ok'));
    const hook = await createWebhook(apiKey, {
      url: 'http://127.0.0.1:9/hook',
      events: ['alert', 'response.completed'],
    });
    await createAlert(apiKey, { surveyId: survey.id, questionId: 'nps', max: 6, webhookId: hook.id });
    await createAlert(apiKey, { surveyId: survey.id, questionId: 'why', sentiment: 'negative', webhookId: hook.id });
    const id = crypto.randomUUID();
    const base = { id, siteKey: site.key, surveyId: survey.id, touchpoint: 'checkout' };
    const first = { ...base, answers: [{ questionId: 'nps', value: 3 }], completed: false };
    expect((await postResponse(first)).status).toBe(202);
    expect((await postResponse(first)).status).toBe(202); // a retry of the same part
    const last = {
      ...base,
      answers: [{ questionId: 'why', value: 'Terrible, slow and broken checkout' }],
      completed: true,
    };
    expect((await postResponse(last)).status).toBe(202);
    expect((await postResponse(last)).status).toBe(202);

    await until(async () => received.length >= 3);
    await until(async () => (await deliveries(apiKey, hook.id)).every((d) => d.status === 'delivered'));
    const log = await deliveries(apiKey, hook.id);
    expect(log.map((d) => d.event).sort()).toEqual(['alert', 'alert', 'response.completed']);
    expect(received).toHaveLength(3);

    for (const r of received) {
      const sig = r.headers.get('seda-signature')!;
      expect(sig).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(await verifySignature(hook.secret, sig, r.body)).toBe(true);
      // the same check written out, as a receiver would
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(sig)!;
      expect(await hmacSha256Hex(hook.secret, `${t}.${r.body}`)).toBe(v1);
      expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(60);
      expect(await verifySignature('whsec_wrong', sig, r.body)).toBe(false);
      expect(await verifySignature(hook.secret, sig, `${r.body} `)).toBe(false);
      expect(r.headers.get('content-type')).toBe('application/json');
      expect(r.headers.get('seda-delivery')).toMatch(/^dlv_/);
    }
    const events = received.map((r) => JSON.parse(r.body));
    const npsAlert = events.find((e) => e.event === 'alert' && e.trigger.questionId === 'nps');
    expect(npsAlert).toMatchObject({
      survey: { id: survey.id, name: 'Checkout NPS' },
      alert: { kind: 'answer', questionId: 'nps', max: 6 },
      trigger: { questionId: 'nps', value: 3 },
      response: { id, touchpoint: 'checkout', channel: 'web' },
    });
    const textAlert = events.find((e) => e.event === 'alert' && e.trigger.questionId === 'why');
    expect(textAlert.trigger).toMatchObject({ sentiment: 'negative' });
    const completed = events.find((e) => e.event === 'response.completed');
    expect(completed.response.completed).toBe(true);
    expect(completed.response.answers.map((a: { questionId: string }) => a.questionId).sort()).toEqual(['nps', 'why']);

    const cases = await json(call('/v1/cases', { key: apiKey }));
    expect(cases.body.cases).toEqual([expect.objectContaining({ responseId: id, status: 'open' })]);
  });

  it('an answer through an invitation link carries its channel in the alert and response.completed', async () => {
    const { apiKey, survey } = await setup();
    const received = receiver(() => new Response('ok'));
    const hook = await createWebhook(apiKey, {
      url: 'http://127.0.0.1:9/hook',
      events: ['alert', 'response.completed'],
    });
    await createAlert(apiKey, { surveyId: survey.id, questionId: 'nps', max: 6, webhookId: hook.id });
    const inv = await json<{ invitations: { url: string }[] }>(
      call(`/v1/surveys/${survey.id}/invitations`, {
        method: 'POST',
        key: apiKey,
        json: { channel: 'sms', respondents: [{ id: 'cust-sms' }] },
      }),
    );
    const u = new URL(inv.body.invitations[0]!.url);
    const html = await (await call(u.pathname)).text();
    const config = JSON.parse(/<script type="application\/json" id="seda-page">([\s\S]*?)<\/script>/.exec(html)![1]!);
    const posted = await postResponse(
      {
        id: config.responseId,
        siteKey: config.site,
        surveyId: survey.id,
        invitation: config.token,
        answers: [{ questionId: 'nps', value: 2 }],
        completed: true,
      },
      u.origin,
    );
    expect(posted.status).toBe(202);
    await until(async () => received.length >= 2);
    const events = received.map((r) => JSON.parse(r.body));
    expect(events.map((e) => e.event).sort()).toEqual(['alert', 'response.completed']);
    for (const e of events) expect(e.response).toMatchObject({ channel: 'sms', respondentId: 'cust-sms' });
  });

  it('sends nothing for answers outside the rule, and only to the site that owns the rule', async () => {
    const a = await setup();
    const b = await setup();
    const received = receiver(() => new Response('ok'));
    const hook = await createWebhook(a.apiKey, { url: 'http://127.0.0.1:9/a', events: ['alert'] });
    await createAlert(a.apiKey, { surveyId: a.survey.id, questionId: 'nps', max: 6, webhookId: hook.id });
    const post = (s: typeof a, value: number) =>
      postResponse({
        id: crypto.randomUUID(),
        siteKey: s.site.key,
        surveyId: s.survey.id,
        answers: [{ questionId: 'nps', value }],
        completed: true,
      });
    expect((await post(a, 9)).status).toBe(202);
    expect((await post(b, 0)).status).toBe(202);
    await new Promise((r) => setTimeout(r, 1500));
    expect(received).toHaveLength(0);
    expect(await countRows('SELECT COUNT(*) AS n FROM deliveries WHERE webhook_id = ?', hook.id)).toBe(0);
  });

  it('formats Slack messages as {text, blocks} and escapes what respondents wrote', async () => {
    const { site, apiKey, survey } = await setup();
    const received = receiver(() => new Response('ok'));
    const hook = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/slack', format: 'slack', events: ['alert'] });
    await createAlert(apiKey, { surveyId: survey.id, questionId: 'why', sentiment: 'negative', webhookId: hook.id });
    await postResponse({
      id: crypto.randomUUID(),
      siteKey: site.key,
      surveyId: survey.id,
      answers: [{ questionId: 'why', value: 'Awful <script> & terrible support' }],
      respondent: { id: 'user-42' },
      completed: true,
    });
    await until(async () => received.length >= 1);
    const msg = JSON.parse(received[0]!.body);
    expect(Object.keys(msg).sort()).toEqual(['blocks', 'text']);
    expect(msg.text).toContain('Alert');
    expect(msg.text).toContain('user-42');
    expect(msg.text).toContain('&lt;script&gt; &amp; terrible');
    expect(msg.text).not.toContain('<script>');
    expect(msg.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
    expect(await verifySignature(hook.secret, received[0]!.headers.get('seda-signature'), received[0]!.body)).toBe(
      true,
    );
  });

  it('alerts once when a touchpoint score drops below the threshold over the window, and re-arms on recovery', async () => {
    const { site, apiKey, survey } = await setup();
    const received = receiver(() => new Response('ok'));
    const hook = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/drop', events: ['alert'] });
    const rule = await createAlert(apiKey, {
      kind: 'drop',
      surveyId: survey.id,
      questionId: 'nps',
      touchpoint: 'checkout',
      threshold: 0,
      windowDays: 7,
      minResponses: 30,
      webhookId: hook.id,
    });
    const post = (value: number, touchpoint = 'checkout') =>
      postResponse({
        id: crypto.randomUUID(),
        siteKey: site.key,
        surveyId: survey.id,
        touchpoint,
        answers: [{ questionId: 'nps', value }],
        completed: true,
      }); // 5 promoters, then 24 detractors: n = 29, under the floor of 30.
    for (const v of [10, 10, 10, 9, 9]) await post(v);
    for (let i = 0; i < 24; i++) await post(i % 7);
    for (const v of [1, 0, 0]) await post(v, 'home'); // another touchpoint: not counted
    await new Promise((r) => setTimeout(r, 1200));
    expect(received).toHaveLength(0);
    await post(3); // n = 30, NPS −66.7, 95% interval wholly below 0: fires
    await post(4); // still below: already fired
    await until(async () => received.length >= 1);
    await new Promise((r) => setTimeout(r, 1200));
    expect(received).toHaveLength(1);
    const e = JSON.parse(received[0]!.body);
    expect(e).toMatchObject({
      event: 'alert',
      alert: { id: rule.id, kind: 'drop', metric: 'nps', threshold: 0, touchpoint: 'checkout', windowDays: 7 },
    });
    // evaluation runs after each 202, so it may already count the next post (n 30 or 31)
    expect(e.score.ci95[1]).toBeLessThan(0);
    expect(e.score.n).toBeGreaterThanOrEqual(30);
    expect((await json(call('/v1/alerts', { key: apiKey }))).body.alerts[0].firing).toBe(true);
    // 5 P, 26 D: 25 more promoters give 30 P, 26 D of 56 = +7.1, past the 5-point re-arm buffer.
    for (let i = 0; i < 25; i++) await post(10);

    await until(async () => (await json(call('/v1/alerts', { key: apiKey }))).body.alerts[0].firing === false);
  });
});

describe('the queue consumer', () => {
  it('marks a 2xx delivered and acks it', async () => {
    const { id } = await storedDelivery('http://127.0.0.1:9/ok');
    const received = receiver(() => new Response(null, { status: 204 }));
    const result = await runConsumer(DELIVERY_QUEUE, [{ id, attempts: 1 }]);
    expect(result.explicitAcks).toEqual(['msg-0']);
    expect(result.retryMessages).toEqual([]);
    expect(received).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 204 });
  });

  it('retries a failure with growing delays, then records it dead after the last attempt', async () => {
    const { id, apiKey, hook } = await storedDelivery('http://127.0.0.1:9/down');
    const received = receiver(() => new Response('boom', { status: 500 }));
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const result = await runConsumer(DELIVERY_QUEUE, [{ id, attempts: attempt }]);
      expect(result.retryMessages).toEqual([{ msgId: 'msg-0' }]);
      expect(result.delays).toEqual([backoffSeconds(attempt)]);
      expect(result.explicitAcks).toEqual([]);
      expect(await row(id)).toMatchObject({ status: 'failed', attempts: attempt, last_status_code: 500 });
    }
    const last = await runConsumer(DELIVERY_QUEUE, [{ id, attempts: MAX_ATTEMPTS }]);
    expect(last.explicitAcks).toEqual(['msg-0']);
    expect(last.retryMessages).toEqual([]);
    expect(received).toHaveLength(MAX_ATTEMPTS);
    expect(await row(id)).toMatchObject({
      status: 'dead',
      attempts: MAX_ATTEMPTS,
      last_error: 'receiver answered 500',
    });
    expect((await deliveries(apiKey, hook.id))[0]).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS });
    // a late duplicate message for a finished delivery is acked without a new try
    const dup = await runConsumer(DELIVERY_QUEUE, [{ id, attempts: 1 }]);
    expect(dup.explicitAcks).toEqual(['msg-0']);
    expect(received).toHaveLength(MAX_ATTEMPTS);
  });

  it('backs off 30 s, 2 min, 8 min, 32 min, then at most an hour; WEBHOOK_RETRY_BASE_SECONDS scales it', async () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffSeconds(n))).toEqual([30, 120, 480, 1920, 3600, 3600]);
    const { id } = await storedDelivery('http://127.0.0.1:9/down');
    restore = stubReceiver(() => new Response('no', { status: 503 })).restore;
    const r = await runConsumer(DELIVERY_QUEUE, [{ id, attempts: 2 }], { WEBHOOK_RETRY_BASE_SECONDS: '1' });
    expect(r.retryMessages).toEqual([{ msgId: 'msg-0' }]);
    expect(r.delays).toEqual([4]);
  });

  it('treats a network error as a failure and a refused (private) URL as dead at once', async () => {
    const { id } = await storedDelivery('http://127.0.0.1:9/x');
    restore = stubReceiver(() => {
      throw new TypeError('connection refused');
    }).restore;
    const r = await runConsumer(DELIVERY_QUEUE, [{ id, attempts: 1 }]);
    expect(r.retryMessages).toHaveLength(1);
    expect((await row(id))!.last_error).toMatch(/connection refused/);
    const blocked = await runConsumer(DELIVERY_QUEUE, [{ id, attempts: 2 }], { ALLOW_PRIVATE_WEBHOOKS: '0' });
    expect(blocked.explicitAcks).toEqual(['msg-0']);
    expect(await row(id)).toMatchObject({ status: 'dead' });
  });

  it('records messages from the dead-letter queue as dead', async () => {
    const { id } = await storedDelivery('http://127.0.0.1:9/x');
    const r = await runConsumer(DEAD_LETTER_QUEUE, [{ id, attempts: 1 }]);
    expect(r.explicitAcks).toEqual(['msg-0']);
    expect(await row(id)).toMatchObject({ status: 'dead', last_error: 'dead-lettered after the queue gave up' });
  });

  it('acks messages for deleted webhooks, and the sweep queues deliveries that were never queued', async () => {
    const gone = await runConsumer(DELIVERY_QUEUE, [{ id: 'dlv_missing', attempts: 1 }]);
    expect(gone.explicitAcks).toEqual(['msg-0']);
    const { id } = await storedDelivery('http://127.0.0.1:9/late');
    await env.DB.prepare('UPDATE deliveries SET created_at = ? WHERE id = ?')
      .bind(Date.now() - 120_000, id)
      .run();
    const received = receiver(() => new Response('ok'));
    const swept = await sweepDeliveries(env);
    expect(swept.requeued).toBeGreaterThanOrEqual(1);
    await until(async () => (await row(id))?.status === 'delivered');
    expect(received.some((r) => r.url.endsWith('/late'))).toBe(true);
  });

  it('POST /v1/webhooks/:id/ping sends a signed test event through the queue', async () => {
    const { apiKey } = await setup();
    const received = receiver(() => new Response('ok'));
    const hook = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/ping', events: ['alert'] });
    const r = await json(call(`/v1/webhooks/${hook.id}/ping`, { method: 'POST', key: apiKey }));
    expect(r.status).toBe(202);
    await until(async () => received.length >= 1);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ event: 'ping', deliveryId: r.body.deliveryId });
    expect(await verifySignature(hook.secret, received[0]!.headers.get('seda-signature'), received[0]!.body)).toBe(
      true,
    );
  });
});

describe('Standard Webhooks', () => {
  const standardHeaders = (r: Received) => ({
    'webhook-id': r.headers.get('webhook-id')!,
    'webhook-timestamp': r.headers.get('webhook-timestamp')!,
    'webhook-signature': r.headers.get('webhook-signature')!,
  });

  it('signs every delivery so the standardwebhooks library verifies it with the whsec_ secret', async () => {
    const { apiKey } = await setup();
    const received = receiver((_, n) => new Response(n === 1 ? 'busy' : 'ok', { status: n === 1 ? 503 : 200 }));
    const hook = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/std', events: ['alert'] });
    // `whsec_` + standard base64 of 32 random bytes, as the libraries expect
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(atob(hook.secret.slice(6))).toHaveLength(32);

    const ping = await json(call(`/v1/webhooks/${hook.id}/ping`, { method: 'POST', key: apiKey }));
    await until(async () => received.length >= 1);
    // the first try failed: the queue retries, and the retry carries the same webhook-id
    await runConsumer(DELIVERY_QUEUE, [{ id: ping.body.deliveryId, attempts: 2 }]);
    expect(received).toHaveLength(2);
    for (const r of received) {
      expect(r.headers.get('webhook-id')).toBe(ping.body.deliveryId);
      expect(r.headers.get('webhook-id')).toBe(r.headers.get('seda-delivery'));
      expect(r.headers.get('webhook-signature')).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(new Webhook(hook.secret).verify(r.body, standardHeaders(r))).toMatchObject({ event: 'ping' });
      expect(() => new Webhook(hook.secret).verify(`${r.body} `, standardHeaders(r))).toThrow(WebhookVerificationError);
      expect(await verifySignature(hook.secret, r.headers.get('seda-signature'), r.body)).toBe(true);
    }
    const other = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/other', events: ['alert'] });
    expect(() => new Webhook(other.secret).verify(received[0]!.body, standardHeaders(received[0]!))).toThrow(
      WebhookVerificationError,
    );
  });

  it('keeps every attempt of a delivery: when, status code or error, and how long it took', async () => {
    const { id, apiKey, hook } = await storedDelivery('http://127.0.0.1:9/log');
    restore = stubReceiver((_, n) => {
      if (n === 1) throw new TypeError('connection refused');
      return new Response(n === 2 ? 'no' : 'ok', { status: n === 2 ? 500 : 200 });
    }).restore;
    for (const attempts of [1, 2, 3]) await runConsumer(DELIVERY_QUEUE, [{ id, attempts }]);
    const [listed] = await deliveries(apiKey, hook.id);
    const one = await json(call(`/v1/webhooks/${hook.id}/deliveries/${id}`, { key: apiKey }));
    for (const d of [listed, one.body.delivery]) {
      expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 });
      expect(d.attemptLog).toEqual([
        {
          at: expect.any(String),
          statusCode: null,
          error: expect.stringMatching(/connection refused/),
          durationMs: expect.any(Number),
        },
        { at: expect.any(String), statusCode: 500, error: 'receiver answered 500', durationMs: expect.any(Number) },
        { at: expect.any(String), statusCode: 200, error: null, durationMs: expect.any(Number) },
      ]);
    }
  });

  it('redelivers a dead delivery under the same id, and refuses one still being tried', async () => {
    const { id, apiKey, hook } = await storedDelivery('http://127.0.0.1:9/redo');
    const received = receiver((_, n) => new Response(null, { status: n <= 2 ? 500 : 204 }));
    await runConsumer(DELIVERY_QUEUE, [{ id, attempts: 1 }]);
    const redo = `/v1/webhooks/${hook.id}/deliveries/${id}/redeliver`;
    expect((await json(call(redo, { method: 'POST', key: apiKey }))).status).toBe(409); // failed: retries pending
    await runConsumer(DELIVERY_QUEUE, [{ id, attempts: MAX_ATTEMPTS }]); // the last try fails too
    expect(await row(id)).toMatchObject({ status: 'dead', attempts: 2 });

    const again = await json(call(redo, { method: 'POST', key: apiKey }));
    expect(again.status).toBe(202);
    expect(again.body.delivery).toMatchObject({ id, status: 'pending', attempts: 2 });
    await until(async () => (await row(id))?.status === 'delivered');
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers.get('webhook-id')))).toEqual(new Set([id]));
    expect((await deliveries(apiKey, hook.id))[0]!.attemptLog.map((a) => a.statusCode)).toEqual([500, 500, 204]);
    const other = await setup();
    expect((await json(call(redo, { method: 'POST', key: other.apiKey }))).status).toBe(404);
  });

  it('rotates the secret: both sign during the grace period, then only the new one', async () => {
    const { apiKey } = await setup();
    const received = receiver(() => new Response('ok'));
    const hook = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/rotate', events: ['alert'] });
    const rotate = (grace: string) =>
      json(call(`/v1/webhooks/${hook.id}/rotate-secret${grace}`, { method: 'POST', key: apiKey }));
    const ping = async () => {
      const n = received.length;
      await json(call(`/v1/webhooks/${hook.id}/ping`, { method: 'POST', key: apiKey }));
      await until(async () => received.length > n);
      return received.at(-1)!;
    };
    const first = await rotate('');
    expect(first.status).toBe(200);
    expect(first.body.secret).toMatch(/^whsec_/);
    expect(first.body.secret).not.toBe(hook.secret);
    const listed = await json(call('/v1/webhooks', { key: apiKey }));
    expect(listed.body.items[0].previousSecretExpiresAt).toBe(first.body.previousSecretExpiresAt);

    const during = await ping();
    expect(during.headers.get('webhook-signature')!.split(' ')).toHaveLength(2);
    for (const secret of [hook.secret, first.body.secret]) {
      expect(new Webhook(secret).verify(during.body, standardHeaders(during))).toMatchObject({ event: 'ping' });
      expect(await verifySignature(secret, during.headers.get('seda-signature'), during.body)).toBe(true);
    }

    const second = await rotate('?graceHours=0');
    expect(second.body.previousSecretExpiresAt).toBeNull();
    const after = await ping();
    expect(new Webhook(second.body.secret).verify(after.body, standardHeaders(after))).toMatchObject({ event: 'ping' });
    for (const old of [hook.secret, first.body.secret]) {
      expect(() => new Webhook(old).verify(after.body, standardHeaders(after))).toThrow(WebhookVerificationError);
      expect(await verifySignature(old, after.headers.get('seda-signature'), after.body)).toBe(false);
    }
  });

  it('signs for secrets made before v1.1 (URL-safe base64) with the same bytes', async () => {
    const { apiKey } = await setup();
    const received = receiver(() => new Response('ok'));
    const hook = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/legacy', events: ['alert'] });
    const legacy = 'whsec_-_8A-_8A-_8A-_8A-_8A-_8A-_8A-_8A'; // 24 bytes, as the old secrets were made
    await env.DB.prepare('UPDATE webhooks SET secret = ? WHERE id = ?').bind(legacy, hook.id).run();
    await json(call(`/v1/webhooks/${hook.id}/ping`, { method: 'POST', key: apiKey }));
    await until(async () => received.length >= 1);
    const r = received[0]!;
    expect(await verifySignature(legacy, r.headers.get('seda-signature'), r.body)).toBe(true);
    const standard = `whsec_${legacy.slice(6).replaceAll('-', '+').replaceAll('_', '/')}`;
    expect(new Webhook(standard).verify(r.body, standardHeaders(r))).toMatchObject({ event: 'ping' });
  });
});
