import { describe, expect, it } from 'vitest';
import { ResponseBody } from '../../shared/schemas/response';
import { createDelivery, type DeliveryDeps, MAX_TRIES, QUEUE_KEY } from '../../widget/core/delivery';
import { respondent, uuid, writeSecret } from '../../widget/ui/send';

/** A fake browser: JSON storage, a scripted collector and a manual clock. */
function harness(answers: (number | 'down' | [status: number, retryAfter: string])[] = []) {
  const data: Record<string, string> = {};
  const sent: { body: ResponseBody; status: number | 'down' }[] = [];
  const timers: { at: number; fn: () => void }[] = [];
  const delays: number[] = [];
  let now = 0;
  let next = 0;
  const deps: DeliveryDeps = {
    store: {
      get: <T>(k: string) => (k in data ? (JSON.parse(data[k]!) as T) : undefined),
      set: (k, v) => {
        if (v === undefined) delete data[k];
        else data[k] = JSON.stringify(v);
      },
    },
    fetch: async (_url, init) => {
      const answer = answers[next++] ?? 202;
      const [status, retryAfter] = Array.isArray(answer) ? answer : [answer, answer === 429 ? '7' : null];
      sent.push({ body: JSON.parse(String(init.body)), status });
      expect(init.keepalive).toBe(true);
      expect(init.method).toBe('POST');
      if (status === 'down') throw new TypeError('Failed to fetch');
      return { status, headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : null) } };
    },
    setTimeout: (fn, ms) => {
      delays.push(ms);
      timers.push({ at: now + ms, fn });
    },
    random: () => 0.5,
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const tick = async (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers.splice(0, timers.length, ...timers.filter((t) => t.at > now));
    for (const t of due) t.fn();
    await settle();
  };
  const stored = () => deps.store.get<Record<string, ResponseBody>>(QUEUE_KEY) ?? {};
  /** Runs every timer, in order, until none is left. */
  const drain = async () => {
    for (let t = timers.shift(); t; t = timers.shift()) {
      now = t.at;
      t.fn();
      await settle();
    }
  };
  return { deps, sent, timers, delays, tick, settle, drain, stored };
}

const body = (id: string, answers: ResponseBody['answers'] = [], completed = false): ResponseBody => ({
  id,
  siteKey: 'site',
  surveyId: 'sv',
  answers,
  completed,
});
const ID = '0b8e1c2a-3f4d-4e5f-8a6b-7c8d9e0f1a2b';

describe('delivery', () => {
  it('sends, and forgets the payload once the collector accepted it', async () => {
    const h = harness([202]);
    const d = createDelivery('https://c/v1/responses', h.deps);
    d.put(body(ID));
    expect(h.stored()[ID]).toBeDefined(); // written before sending
    await h.settle();
    expect(h.sent).toHaveLength(1);
    expect(h.stored()).toEqual({});
  });

  it('400/403/404/413 are final: dropped, never retried', async () => {
    for (const status of [400, 403, 404, 413]) {
      const h = harness([status]);
      createDelivery('u', h.deps).put(body(ID));
      await h.settle();
      expect(h.stored()).toEqual({});
      expect(h.timers).toHaveLength(0);
    }
  });

  it('network errors and 5xx retry with exponential backoff, then wait in storage', async () => {
    const h = harness(Array(10).fill('down'));
    const d = createDelivery('u', h.deps);
    d.put(body(ID));
    await h.settle();
    await h.drain();
    expect(h.sent).toHaveLength(MAX_TRIES + 1); // the first send and MAX_TRIES retries
    expect(h.delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000]);
    expect(h.timers).toHaveLength(0);
    expect(h.stored()[ID]).toEqual(body(ID)); // kept for the next page view
  });

  it('429 honours Retry-After', async () => {
    const h = harness([429, 202]);
    createDelivery('u', h.deps).put(body(ID));
    await h.settle();
    expect(h.timers[0]!.at).toBe(7000);
    await h.tick(7000);
    expect(h.sent).toHaveLength(2);
    expect(h.stored()).toEqual({});
  });

  it('a refusal with Retry-After (403 turnstile_required) is kept and retried, not dropped', async () => {
    const h = harness([[403, '60'], [403, '60'], 202]);
    createDelivery('u', h.deps).put(body(ID));
    await h.settle();
    expect(h.stored()[ID]).toEqual(body(ID));
    expect(h.timers[0]!.at).toBe(60_000);
    await h.tick(60_000);
    expect(h.stored()[ID]).toEqual(body(ID));
    await h.tick(60_000);
    expect(h.sent.map((s) => s.status)).toEqual([403, 403, 202]);
    expect(h.stored()).toEqual({});
  });

  it('offline then online: the payload is delivered once', async () => {
    const h = harness(['down', 'down']);
    const d = createDelivery('u', h.deps);
    d.put(body(ID, [{ questionId: 'nps', value: 9 }], true));
    await h.settle();
    await h.tick(1000); // retry while still offline
    expect(h.stored()[ID]).toBeDefined();
    d.flush(); // the `online` event
    await h.settle();
    expect(h.stored()).toEqual({});
    const delivered = h.sent.filter((s) => s.status === 202);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.body.completed).toBe(true);
  });

  it('a later answer replaces the waiting payload (bodies are cumulative), and is sent after the one in flight', async () => {
    const h = harness([202, 202]);
    const d = createDelivery('u', h.deps);
    d.put(body(ID));
    d.put(body(ID, [{ questionId: 'nps', value: 3 }])); // while the impression is in flight
    await h.settle();
    await h.settle();
    expect(h.sent.map((s) => s.body.answers.length)).toEqual([0, 1]);
    expect(h.stored()).toEqual({});
  });

  it('the next page view resends what an earlier one left behind', async () => {
    const h = harness(['down', 202]);
    createDelivery('u', h.deps).put(body(ID, [{ questionId: 'nps', value: 3 }]));
    await h.settle();
    expect(h.stored()[ID]).toBeDefined();
    // a new page: a new outbox over the same storage
    createDelivery('u', h.deps).flush();
    await h.settle();
    expect(h.sent).toHaveLength(2);
    expect(h.stored()).toEqual({});
  });
});

describe('what the widget sends is what the collector accepts', () => {
  it('uuid v4 ids', () => {
    const ids = new Set(Array.from({ length: 200 }, uuid));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(ResponseBody.shape.id.safeParse(id).success, id).toBe(true);
  });

  it('identify attributes are trimmed to the schema instead of failing the whole response', () => {
    const r = respondent('u'.repeat(300), {
      plan: 'pro',
      seats: 5,
      trial: false,
      'bad key!': 1,
      nested: { a: 1 },
      long: 'x'.repeat(500),
      nan: Number.NaN,
    });
    expect(r).toEqual({
      id: 'u'.repeat(128),
      attributes: { plan: 'pro', seats: 5, trial: false, long: 'x'.repeat(100) },
    });
    const b = ResponseBody.safeParse({
      id: uuid(),
      siteKey: 's',
      surveyId: 'v',
      answers: [],
      completed: false,
      respondent: r,
    });
    expect(b.success).toBe(true);
    expect(respondent(undefined, undefined)).toBeUndefined();
    expect(respondent('', { x: null })).toBeUndefined();
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(respondent(1, many)!.attributes!)).toHaveLength(20);
  });

  it('identify passes a well-formed hash with the id, never a malformed one or one without an id', () => {
    const h = 'ab'.repeat(32);
    expect(respondent('u1', undefined, { hash: h })).toEqual({ id: 'u1', hash: h });
    expect(respondent('u1', undefined, { hash: 'xyz' })).toEqual({ id: 'u1' });
    expect(respondent('u1', undefined, { hash: 42 })).toEqual({ id: 'u1' });
    expect(respondent('', { plan: 'pro' }, { hash: h })).toEqual({ attributes: { plan: 'pro' } });
    const b = ResponseBody.safeParse({
      id: uuid(),
      siteKey: 's',
      surveyId: 'v',
      answers: [],
      completed: false,
      respondent: respondent('u1', { plan: 'pro' }, { hash: h }),
      secret: writeSecret(),
    });
    expect(b.success).toBe(true);
  });

  it('write secrets: 32 hex characters (a UUID v4 without dashes: 122 random bits), never repeated', () => {
    const all = new Set(Array.from({ length: 500 }, writeSecret));
    expect(all.size).toBe(500);
    for (const s of all) expect(s).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
  });
});
