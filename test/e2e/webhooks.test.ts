import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { freePort, migrateLocal, startWorker } from '../../scripts/lib/run.mjs';
import { type Hit, startReceiver, verifySignature as verify } from './fake-receiver';

/**
 * Webhook delivery end to end: `wrangler dev` (Queues in Miniflare) delivering to a real HTTP
 * receiver on 127.0.0.1. Its own Worker, so retries can run without delay
 * (WEBHOOK_RETRY_BASE_SECONDS=0); otherwise started the contract's way.
 */

const ADMIN = `e2e-hooks-${crypto.randomUUID()}`;
const ORIGIN = 'https://hooks-shop.example';
let worker: { url: string; stop: () => void };
let dir: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let receiverUrl: string;
let hits: Hit[];
const failures = new Map<string, number>(); // path → how many times to answer 500 first ('down' = always)

beforeAll(async () => {
  receiver = await startReceiver((path, seen) => (seen <= (failures.get(path) ?? 0) ? 500 : 200));
  ({ hits, url: receiverUrl } = receiver);
  dir = mkdtempSync(join(tmpdir(), 'seda-e2e-hooks-'));
  migrateLocal(dir);
  worker = await startWorker({
    port: await freePort(),
    persistTo: dir,
    vars: {
      ADMIN_TOKEN: ADMIN,
      RATE_LIMIT_PER_MINUTE: '0',
      ALLOW_PRIVATE_WEBHOOKS: '1',
      WEBHOOK_RETRY_BASE_SECONDS: '0',
    },
  });
}, 120_000);

afterAll(async () => {
  worker?.stop();
  await receiver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function api<T = any>(path: string, init: { method?: string; key?: string; json?: unknown } = {}) {
  const res = await fetch(`${worker.url}${path}`, {
    method: init.method ?? (init.json !== undefined ? 'POST' : 'GET'),
    headers: {
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function waitFor<T>(probe: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('webhooks through Queues to a real receiver', () => {
  it('delivers signed alerts, retries after 500s, and records a dead delivery after the last attempt', async () => {
    const site = await api<{ site: { key: string }; apiKey: string }>('/v1/sites', {
      key: ADMIN,
      json: { name: 'Hooks shop', origins: [ORIGIN] },
    });
    expect(site.status).toBe(201);
    const key = site.body.apiKey;
    const survey = await api<{ survey: { id: string } }>('/v1/surveys', {
      key,
      json: {
        name: 'Checkout',
        status: 'active',
        questions: [
          { id: 'nps', type: 'nps', prompt: { en: 'Recommend us?' } },
          { id: 'why', type: 'text', prompt: { en: 'Why?' } },
        ],
      },
    });
    const surveyId = survey.body.survey.id;
    failures.set('/flaky', 2);
    failures.set('/down', Number.POSITIVE_INFINITY);
    const hooks: Record<string, { id: string; secret: string }> = {};
    for (const name of ['ok', 'flaky', 'down']) {
      const w = await api<{ id: string; secret: string }>('/v1/webhooks', {
        key,
        json: { url: `${receiverUrl}/${name}`, events: ['alert', 'response.completed'] },
      });
      expect(w.status).toBe(201);
      hooks[name] = w.body;
      const a = await api('/v1/alerts', { key, json: { surveyId, questionId: 'nps', max: 6, webhookId: w.body.id } });
      expect(a.status).toBe(201);
    }

    const id = crypto.randomUUID();
    const body = {
      id,
      siteKey: site.body.site.key,
      surveyId,
      answers: [{ questionId: 'nps', value: 2 }],
      completed: false,
    };
    const post = () =>
      fetch(`${worker.url}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: ORIGIN },
        body: JSON.stringify(body),
      });
    const sentAt = Date.now();
    expect((await post()).status).toBe(202);
    expect((await post()).status).toBe(202); // a resend alerts once

    // the healthy receiver gets it within seconds, signed
    const okHit = await waitFor(async () => hits.find((h) => h.path === '/ok'));
    expect(okHit.at - sentAt).toBeLessThan(10_000);
    const sig = String(okHit.headers['seda-signature']);
    expect(verify(hooks.ok!.secret, sig, okHit.body)).toBe(true);
    expect(verify(hooks.flaky!.secret, sig, okHit.body)).toBe(false);
    expect(verify(hooks.ok!.secret, sig, okHit.body.replace('"value":2', '"value":9'))).toBe(false);
    // the Standard Webhooks library verifies the same delivery with the same secret
    const standard = Object.fromEntries(
      ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(okHit.headers[h])]),
    );
    expect(new Webhook(hooks.ok!.secret).verify(okHit.body, standard)).toMatchObject({ event: 'alert' });
    expect(() => new Webhook(hooks.flaky!.secret).verify(okHit.body, standard)).toThrow(WebhookVerificationError);
    expect(standard['webhook-id']).toBe(String(okHit.headers['seda-delivery']));
    expect(JSON.parse(okHit.body)).toMatchObject({
      event: 'alert',
      alert: { kind: 'answer', questionId: 'nps', max: 6 },
      trigger: { questionId: 'nps', value: 2 },
      response: { id },
    });
    expect(okHit.headers['seda-event']).toBe('alert');

    type Log = { deliveries: { status: string; attempts: number; lastStatusCode: number | null; event: string }[] };
    const log = (name: string) => api<Log>(`/v1/webhooks/${hooks[name]!.id}/deliveries`, { key });

    // the flaky receiver answered 500 twice, then 200: delivered on the third try
    const flaky = await waitFor(async () => {
      const l = (await log('flaky')).body.deliveries;
      return l[0]?.status === 'delivered' && l;
    });
    expect(flaky).toHaveLength(1);
    expect(flaky[0]).toMatchObject({ attempts: 3, lastStatusCode: 200 });
    const flakyHits = hits.filter((h) => h.path === '/flaky');
    expect(flakyHits).toHaveLength(3);
    for (const h of flakyHits)
      expect(verify(hooks.flaky!.secret, String(h.headers['seda-signature']), h.body)).toBe(true);
    // every try carries the same delivery id, so a receiver can drop duplicates
    expect(new Set(flakyHits.map((h) => h.headers['seda-delivery'])).size).toBe(1);

    // the dead receiver: six tries, then dead
    const down = await waitFor(async () => {
      const l = (await log('down')).body.deliveries;
      return l[0]?.status === 'dead' && l;
    }, 90_000);
    expect(down[0]).toMatchObject({ attempts: 6, lastStatusCode: 500 });
    expect(hits.filter((h) => h.path === '/down')).toHaveLength(6);

    // the healthy receiver got exactly one alert for the two posts
    expect((await log('ok')).body.deliveries).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1 })]);
    expect(hits.filter((h) => h.path === '/ok')).toHaveLength(1);

    // completing the response sends response.completed once
    body.completed = true;
    body.answers = [{ questionId: 'why', value: 'Delivery was late' }] as never;
    expect((await post()).status).toBe(202);
    const completed = await waitFor(async () =>
      hits.find((h) => h.path === '/ok' && JSON.parse(h.body).event === 'response.completed'),
    );
    expect(verify(hooks.ok!.secret, String(completed.headers['seda-signature']), completed.body)).toBe(true);
    expect(JSON.parse(completed.body).response.answers).toHaveLength(2);

    // the detractor is waiting in the follow-up inbox
    const cases = await api<{ cases: { responseId: string; status: string }[] }>('/v1/cases', { key });
    expect(cases.body.cases).toEqual([expect.objectContaining({ responseId: id, status: 'open' })]);
  }, 150_000);
});
