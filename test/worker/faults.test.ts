import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { isTransientDbError } from '../../worker/http/db-faults';
import { sweepDeliveries } from '../../worker/webhooks/enqueue';
import { postResponse, setup } from './helpers';
import { countRows, createAlert, createWebhook, postResponseWith, stubReceiver, until } from './loop-helpers';

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

/** The real D1 with some methods replaced: a test-only fault injector. */
function faultyDb(over: { batch?: () => Promise<never>; query?: () => Promise<never> }): D1Database {
  const db = env.DB;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'batch' && over.batch) return over.batch;
      if (prop === 'prepare' && over.query) {
        return (sql: string) => {
          const stmt = target.prepare(sql);
          const failing = {
            bind: () => failing,
            first: over.query,
            all: over.query,
            run: over.query,
            raw: over.query,
          };
          return Object.assign(Object.create(stmt), failing);
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

const reject = (message: string) => () => Promise.reject(new Error(message));
const never = () => new Promise<never>(() => {});

async function bodyFor() {
  const { site, survey, apiKey } = await setup();
  const id = crypto.randomUUID();
  return {
    id,
    apiKey,
    survey,
    body: { id, siteKey: site.key, surveyId: survey.id, answers: [{ questionId: 'nps', value: 2 }], completed: true },
  };
}

describe('D1 faults on the collector', () => {
  it('classifies outages as transient and SQL mistakes as bugs', () => {
    for (const m of [
      'D1_ERROR: Network connection lost.',
      'D1 DB is overloaded. Requests queued for too long.',
      'D1_ERROR: The operation timed out',
      'Durable Object reset because its code was updated.',
      'D1_ERROR: internal error',
      'SQLITE_BUSY: database is locked',
    ]) {
      expect(isTransientDbError(new Error(m)), m).toBe(true);
    }
    for (const m of [
      'D1_ERROR: NOT NULL constraint failed: responses.day: SQLITE_CONSTRAINT',
      'D1_ERROR: no such table: answers: SQLITE_ERROR',
      'D1_ERROR: near "SELEC": syntax error',
      "Cannot read properties of undefined (reading 'id')",
    ]) {
      expect(isTransientDbError(new Error(m)), m).toBe(false);
    }
  });

  it('answers 503 unavailable with Retry-After when the write fails, and the retry stores it exactly once', async () => {
    const { id, body } = await bodyFor();
    const res = await postResponseWith({ DB: faultyDb({ batch: reject('D1_ERROR: Network connection lost.') }) }, body);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect(await countRows('SELECT COUNT(*) AS n FROM responses WHERE id = ?', id)).toBe(0);
    // the widget keeps the answer and sends it again once D1 is back
    expect((await postResponse(body)).status).toBe(202);
    expect((await postResponse(body)).status).toBe(202);
    expect(await countRows('SELECT COUNT(*) AS n FROM responses WHERE id = ?', id)).toBe(1);
    expect(await countRows('SELECT COUNT(*) AS n FROM answers WHERE response_id = ?', id)).toBe(1);
  });

  it('answers 503 when every D1 query fails (overloaded)', async () => {
    const { id, body } = await bodyFor();
    const overloaded = reject('D1 DB is overloaded. Requests queued for too long.');
    const res = await postResponseWith(
      { DB: faultyDb({ query: overloaded, batch: overloaded }) },
      { ...body, siteKey: 'site_fresh' },
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await countRows('SELECT COUNT(*) AS n FROM responses WHERE id = ?', id)).toBe(0);
  });

  it('answers 503 when D1 is slower than COLLECT_TIMEOUT_MS', async () => {
    const { body } = await bodyFor();
    const started = Date.now();
    const res = await postResponseWith({ DB: faultyDb({ batch: never }), COLLECT_TIMEOUT_MS: '150' }, body);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('keeps a SQL bug a 500 (retrying would not help), without a stack trace', async () => {
    const { body } = await bodyFor();
    const res = await postResponseWith(
      { DB: faultyDb({ batch: reject('D1_ERROR: NOT NULL constraint failed: responses.day: SQLITE_CONSTRAINT') }) },
      body,
    );
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(text).not.toContain('SQLITE');
  });

  it('a queue outage never touches the 202, and the sweep sends the stored delivery later', async () => {
    const { id, body, apiKey, survey } = await bodyFor();
    const received = stubReceiver(() => new Response('ok'));
    restore = received.restore;
    const hook = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/late', events: ['alert'] });
    await createAlert(apiKey, { surveyId: survey.id, questionId: 'nps', max: 6, webhookId: hook.id });
    const broken = { sendBatch: reject('Queue send failed: service unavailable') } as unknown as Queue;
    const res = await postResponseWith({ DELIVERIES: broken }, body);
    expect(res.status).toBe(202);
    expect(await countRows('SELECT COUNT(*) AS n FROM responses WHERE id = ?', id)).toBe(1);
    const pending = await env.DB.prepare('SELECT id, status, enqueued_at FROM deliveries WHERE webhook_id = ?')
      .bind(hook.id)
      .first<{ id: string; status: string; enqueued_at: number | null }>();
    expect(pending).toMatchObject({ status: 'pending', enqueued_at: null });
    await sweepDeliveries(env, Date.now() + 120_000);
    await until(
      async () =>
        (
          await env.DB.prepare('SELECT status FROM deliveries WHERE id = ?')
            .bind(pending!.id)
            .first<{ status: string }>()
        )?.status === 'delivered',
    );
    expect(received.received).toHaveLength(1);
  });
});
