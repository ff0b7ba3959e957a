import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../shared/schemas/response';
import { PublicSurveysResponse } from '../../shared/schemas/survey';
import { call, ORIGIN, postResponse, setup } from './helpers';
import { callWith, countRows, json, postResponseWith, stubReceiver } from './loop-helpers';

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

/** JSON.stringify that never throws (fc.anything makes values JSON cannot hold): falls back to a string. */
const text = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '$where', ''];
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    "'; DROP TABLE responses; --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '{{COLLECTOR}}',
    'null',
  ),
  fc.nat({ max: 40_000 }).map((n) => 'x'.repeat(n)),
);
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  hostileString,
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 1e308, 0.5, 11, -0),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 200 }),
  fc.dictionary(fc.constantFrom(...HOSTILE_KEYS), fc.anything({ maxDepth: 2 })),
);

type Site = Awaited<ReturnType<typeof setup>>;
/** One request of a property run, sent as `call(path, init)`. */
type Sent = { path: string; init: RequestInit & { key?: string } };

/**
 * A hostile-input property, run against a fresh site: every random request must answer below 500.
 * Answers with status `accepted` are counted; `stored`, read before and after the runs, must grow
 * by exactly that count.
 */
type HostileCase = {
  name: string;
  runs: number;
  requests: (s: Site) => fc.Arbitrary<Sent>;
  /** More checks on each answer. */
  check?: (res: Response, sent: Sent) => Promise<void>;
  accepted?: number;
  stored?: (s: Site) => Promise<number>;
  /** Checks once every run is done, given how many answers were accepted. */
  after?: (s: Site, accepted: number) => Promise<void>;
};

/** `POST /v1/responses` bodies: anything, and valid ones with something hostile in them. */
const responseBodies = (site: Site['site'], survey: Site['survey']) => {
  const valid = () => ({
    id: crypto.randomUUID(),
    siteKey: site.key,
    surveyId: survey.id,
    touchpoint: 'checkout',
    answers: [
      { questionId: 'nps', value: 4 },
      { questionId: 'why', value: 'Slow' },
    ],
    completed: true,
  });
  return fc.oneof(
    // anything at all, as JSON or not
    fc.anything().map(text),
    fc.jsonValue().map(text),
    fc.string({ maxLength: 200 }),
    // a valid body with one field replaced, removed or added
    fc
      .record({
        key: fc.constantFrom(
          'id',
          'siteKey',
          'surveyId',
          'touchpoint',
          'answers',
          'respondent',
          'context',
          'completed',
          'turnstileToken',
          ...HOSTILE_KEYS,
        ),
        value: hostileValue,
        drop: fc.boolean(),
      })
      .map(({ key, value, drop }) => {
        const b: Record<string, unknown> = valid();
        if (drop) delete b[key];
        else Object.defineProperty(b, key, { value, enumerable: true, writable: true, configurable: true });
        return text(b);
      }),
    // hostile answers
    fc
      .array(fc.record({ questionId: hostileValue, value: hostileValue }), { maxLength: 60 })
      .map((answers) => text({ ...valid(), answers })),
    // hostile respondent attributes and context
    fc
      .record({ id: hostileValue, attributes: fc.dictionary(hostileString, hostileValue, { maxKeys: 30 }) })
      .map((respondent) => text({ ...valid(), respondent })),
    fc
      .record({ url: hostileValue, locale: hostileValue, referrer: hostileValue })
      .map((context) => text({ ...valid(), context })),
    // prototype pollution spelled in the JSON text itself
    fc.constantFrom(
      `{"__proto__":{"polluted":1},"id":"${crypto.randomUUID()}","siteKey":"${site.key}","surveyId":"${survey.id}","answers":[],"completed":true}`,
      `{"constructor":{"prototype":{"polluted":1}},"siteKey":"${site.key}"}`,
      `{"id":"${crypto.randomUUID()}","siteKey":"${site.key}","surveyId":"${survey.id}","answers":[{"questionId":"nps","value":9,"__proto__":{"polluted":1}}],"completed":true}`,
    ),
  );
};

const question = fc.oneof(
  fc.record(
    {
      id: fc.oneof(fc.constantFrom('q1', 'q2', 'nps', 'why'), hostileString),
      type: fc.oneof(fc.constantFrom('nps', 'csat', 'ces', 'rating', 'choice', 'text'), hostileString),
      prompt: fc.oneof(fc.constant({ en: 'How?' }), fc.dictionary(hostileString, hostileValue, { maxKeys: 3 })),
      required: fc.oneof(fc.boolean(), hostileValue),
      scale: fc.oneof(fc.integer({ min: -5, max: 20 }), hostileValue),
      options: fc.oneof(
        fc.constant([
          { id: 'a', label: { en: 'A' } },
          { id: 'b', label: { en: 'B' } },
        ]),
        fc.array(fc.record({ id: hostileString, label: hostileValue }), { maxLength: 30 }),
      ),
      showIf: fc.oneof(
        fc.record({
          questionId: fc.constantFrom('q1', 'nps', 'zz'),
          max: fc.integer(),
          anyOf: fc.array(hostileString),
        }),
        hostileValue,
      ),
      maxLength: fc.oneof(fc.integer({ min: -1, max: 100_000 }), hostileValue),
    },
    { requiredKeys: ['id', 'type', 'prompt'] },
  ),
  hostileValue,
);
const slug = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/);
const words = fc.string({ minLength: 1, maxLength: 80 }).filter((t) => t.trim().length > 0);
const localized = fc.oneof(
  words.map((en) => ({ en })),
  fc.record({ en: words, fa: words }),
);
const validQuestion = fc.oneof(
  fc.record({ id: slug, type: fc.constantFrom('nps', 'csat', 'ces'), prompt: localized }),
  fc.record({ id: slug, type: fc.constant('rating'), prompt: localized, scale: fc.integer({ min: 3, max: 10 }) }),
  fc.record({ id: slug, type: fc.constant('text'), prompt: localized, maxLength: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({
    id: slug,
    type: fc.constant('choice'),
    prompt: localized,
    multiple: fc.boolean(),
    options: fc.uniqueArray(fc.record({ id: slug, label: localized }), {
      selector: (o) => o.id,
      minLength: 1,
      maxLength: 8,
    }),
  }),
);
const validSurvey = fc.record({
  name: words,
  status: fc.constantFrom('active', 'paused', 'draft'),
  questions: fc.uniqueArray(validQuestion, { selector: (q) => q.id, minLength: 1, maxLength: 12 }),
});
const surveyBody = fc.oneof(
  validSurvey.map(text),
  // a valid survey with one field replaced by something hostile
  fc
    .record({
      survey: validSurvey,
      key: fc.constantFrom('name', 'status', 'questions', 'targeting', 'locales', 'theme', ...HOSTILE_KEYS),
      value: hostileValue,
    })
    .map(({ survey, key, value }) => {
      const b: Record<string, unknown> = { ...survey };
      Object.defineProperty(b, key, { value, enumerable: true, writable: true, configurable: true });
      return text(b);
    }),
  fc
    .record({
      survey: validSurvey,
      key: fc.constantFrom(
        'id',
        'type',
        'prompt',
        'options',
        'scale',
        'showIf',
        'maxLength',
        'required',
        ...HOSTILE_KEYS,
      ),
      value: hostileValue,
    })
    .map(({ survey, key, value }) => {
      const questions = survey.questions.map((q, i) => (i === 0 ? { ...q, [key]: value } : q));
      return text({ ...survey, questions });
    }),
  fc.anything().map(text),
  fc
    .record(
      {
        name: fc.oneof(fc.constant('Random'), hostileString),
        status: fc.oneof(fc.constant('active'), hostileValue),
        questions: fc.oneof(fc.array(question, { maxLength: 25 }), hostileValue),
        targeting: fc.oneof(
          fc.record(
            {
              touchpoints: fc.array(hostileString, { maxLength: 5 }),
              urls: fc.record({ include: fc.array(hostileString), exclude: fc.array(hostileString) }),
              trigger: fc.oneof(
                fc.record({
                  type: fc.constantFrom('pageview', 'scroll', 'exit', 'event'),
                  percent: fc.integer(),
                  name: hostileString,
                  delayMs: fc.integer(),
                }),
                hostileValue,
              ),
              samplePercent: fc.oneof(fc.double(), hostileValue),
              recontactDays: fc.oneof(fc.integer(), hostileValue),
            },
            { requiredKeys: [] },
          ),
          hostileValue,
        ),
        locales: fc.oneof(fc.array(hostileString, { maxLength: 25 }), hostileValue),
        theme: hostileValue,
        thankYou: hostileValue,
      },
      { requiredKeys: ['name', 'questions'] },
    )
    .map(text),
);

const closedLoopQuery = fc.dictionary(
  fc.constantFrom('status', 'limit', 'cursor', 'from', 'to', 'surveyId', 'owner', 'x'),
  hostileString,
  { maxKeys: 4 },
);
const closedLoopBody = fc.oneof(
  fc.anything().map(text),
  fc
    .dictionary(
      fc.constantFrom(
        'url',
        'format',
        'events',
        'surveyId',
        'questionId',
        'min',
        'max',
        'sentiment',
        'webhookId',
        'kind',
        'threshold',
        'windowDays',
        'name',
        'scopes',
        'status',
        'owner',
        'note',
        'dailyCap',
        'turnstileSecret',
        ...HOSTILE_KEYS,
      ),
      hostileValue,
    )
    .map(text),
);

const HOSTILE_CASES: HostileCase[] = [
  {
    name: 'POST /v1/responses never answers 5xx, and stores a row only when it answers 202',
    runs: 400,
    requests: ({ site, survey }) =>
      fc
        .tuple(
          responseBodies(site, survey),
          fc.constantFrom('text/plain', 'application/json', 'text/html; charset=utf-8'),
        )
        .map(([body, type]) => ({
          path: '/v1/responses',
          init: { method: 'POST', headers: { 'content-type': type, origin: ORIGIN }, body },
        })),
    check: async (res, { init }) => {
      const out = (await res.json()) as { id?: string; error?: { code: string; message: string } };
      let id: unknown;
      try {
        id = (JSON.parse(String(init.body)) as { id?: unknown })?.id;
      } catch {}
      if (res.status === 202) {
        expect(await countRows('SELECT COUNT(*) AS n FROM responses WHERE id = ?', out.id)).toBe(1);
      } else {
        expect(out.error?.code).toEqual(expect.any(String));
        expect(out.error?.message).toEqual(expect.any(String));
        if (typeof id === 'string' && id.length < 100) {
          expect(await countRows('SELECT COUNT(*) AS n FROM responses WHERE id = ?', id)).toBe(0);
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    accepted: 202,
    stored: ({ site }) => countRows('SELECT COUNT(*) AS n FROM responses WHERE site_id = ?', site.id),
  },
  {
    name: 'random survey definitions never answer 5xx, and an accepted one never breaks the widget feed',
    runs: 300,
    requests: ({ apiKey }) =>
      surveyBody.map((body) => ({
        path: '/v1/surveys',
        init: { method: 'POST', key: apiKey, headers: { 'content-type': 'application/json' }, body },
      })),
    check: async (res) => {
      if (res.status !== 201) {
        expect(((await res.json()) as { error: { code: string } }).error.code).toEqual(expect.any(String));
      }
    },
    accepted: 201,
    after: async ({ site, apiKey }, created) => {
      // whatever was accepted, the widget's feed still loads and matches its schema
      const feed = await call(`/v1/sites/${site.key}/surveys`, { headers: { origin: ORIGIN } });
      expect(feed.status).toBe(200);
      const parsed = PublicSurveysResponse.safeParse(await feed.json());
      expect(parsed.success).toBe(true);
      // and every stored survey still reads back whole
      const list = await call('/v1/surveys', { key: apiKey });
      expect(list.status).toBe(200);
      expect(((await list.json()) as { surveys: unknown[] }).surveys).toHaveLength(created + 1); // + the one setup() made
      expect(created).toBeGreaterThan(20);
    },
  },
  {
    name: 'random bodies and queries to the closed-loop endpoints never answer 5xx',
    runs: 300,
    requests: ({ apiKey }) =>
      fc
        .tuple(
          fc.constantFrom(
            ['POST', '/v1/webhooks'],
            ['POST', '/v1/alerts'],
            ['POST', '/v1/keys'],
            ['PATCH', '/v1/site/settings'],
            ['PUT', `/v1/cases/${crypto.randomUUID()}`],
            ['PATCH', '/v1/cases/x'],
            ['GET', '/v1/cases'],
            ['GET', '/v1/cases/stats'],
            ['GET', '/v1/webhooks/wh_x/deliveries'],
            ['DELETE', '/v1/keys/zzz'],
            ['DELETE', '/v1/alerts/al_x'],
          ),
          closedLoopQuery,
          closedLoopBody,
        )
        .map(([[method, path], q, b]) => {
          const qs = new URLSearchParams(q).toString();
          return {
            path: `${path}${qs ? `?${qs}` : ''}`,
            init: {
              method,
              key: apiKey,
              headers: { 'content-type': 'application/json' },
              ...(method === 'GET' || method === 'DELETE' ? {} : { body: b }),
            },
          };
        }),
    after: async ({ apiKey }) => {
      // the site still has its manage key
      expect((await call('/v1/keys', { key: apiKey })).status).toBe(200);
    },
  },
];

describe('hostile bodies (property-based)', () => {
  for (const c of HOSTILE_CASES) {
    it(c.name, async () => {
      const s = await setup();
      const before = await c.stored?.(s);
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(c.requests(s), async (sent) => {
          const res = await call(sent.path, sent.init);
          const what = `${sent.init.method} ${sent.path} ${String(sent.init.body ?? '').slice(0, 200)}`;
          expect(res.status, what).toBeLessThan(500);
          if (res.status === c.accepted) accepted++;
          await c.check?.(res, sent);
          if (!res.bodyUsed) await res.body?.cancel();
        }),
        { numRuns: c.runs },
      );
      if (c.stored) expect((await c.stored(s)) - (before ?? 0)).toBe(accepted);
      await c.after?.(s, accepted);
    }, 120_000);
  }

  it('answers 413 for a body over the limit and stores nothing', async () => {
    const { site, survey } = await setup();
    const id = crypto.randomUUID();
    const big = {
      id,
      siteKey: site.key,
      surveyId: survey.id,
      answers: [{ questionId: 'why', value: 'x'.repeat(2000) }],
      respondent: { attributes: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`a${i}`, 'y'.repeat(100)])) },
      context: { url: `https://shop.example/${'p'.repeat(2000)}`, referrer: `https://r.example/${'q'.repeat(2000)}` },
      padding: 'z'.repeat(MAX_BODY_BYTES),
      completed: true,
    };
    const res = await postResponse(big);
    expect(res.status).toBe(413);
    expect(await countRows('SELECT COUNT(*) AS n FROM responses WHERE id = ?', id)).toBe(0);
  });
});

describe('per-site daily cap', () => {
  it('refuses new responses over the cap with 429 and Retry-After, but still merges parts of accepted ones', async () => {
    const { site, apiKey, survey } = await setup();
    const set = await json(call('/v1/site/settings', { method: 'PATCH', key: apiKey, json: { dailyCap: 3 } }));
    expect(set.status).toBe(200);
    expect(set.body.settings).toMatchObject({ dailyCap: 3, effectiveDailyCap: 3 });
    const ids = Array.from({ length: 4 }, () => crypto.randomUUID());
    const post = (id: string, answers: object[] = [{ questionId: 'nps', value: 8 }], completed = false) =>
      postResponse({ id, siteKey: site.key, surveyId: survey.id, answers, completed });
    for (const id of ids.slice(0, 3)) expect((await post(id)).status).toBe(202);
    expect((await post(ids[0]!)).status).toBe(202); // a retry is not a new response
    const over = await post(ids[3]!);
    expect(over.status).toBe(429);
    expect((await over.json()) as object).toMatchObject({ error: { code: 'daily_cap' } });
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(await countRows('SELECT COUNT(*) AS n FROM responses WHERE id = ?', ids[3])).toBe(0);
    // the second part of an accepted response goes through
    expect((await post(ids[1]!, [{ questionId: 'csat', value: 2 }], true)).status).toBe(202);
    expect(await countRows('SELECT completed AS n FROM responses WHERE id = ?', ids[1])).toBe(1);
    // the counter counts each response once
    expect((await json(call('/v1/site/settings', { key: apiKey }))).body.settings.responsesToday).toBe(3);
    // another site is not affected
    const other = await setup();
    expect(
      (
        await postResponse({
          id: crypto.randomUUID(),
          siteKey: other.site.key,
          surveyId: other.survey.id,
          answers: [],
          completed: false,
        })
      ).status,
    ).toBe(202);
  });

  it('dailyCap 0 means no cap, even when the Worker default would refuse', async () => {
    const { site, apiKey, survey } = await setup();
    await call('/v1/site/settings', { method: 'PATCH', key: apiKey, json: { dailyCap: 0 } });
    for (let i = 0; i < 3; i++) {
      const res = await postResponseWith(
        { DAILY_RESPONSE_CAP: '1' },
        {
          id: crypto.randomUUID(),
          siteKey: site.key,
          surveyId: survey.id,
          answers: [],
          completed: false,
        },
      );
      expect(res.status).toBe(202);
    }
  });

  it('uses DAILY_RESPONSE_CAP when the site sets none', async () => {
    const { site, survey } = await setup();
    const post = () =>
      postResponseWith(
        { DAILY_RESPONSE_CAP: '1' },
        {
          id: crypto.randomUUID(),
          siteKey: site.key,
          surveyId: survey.id,
          // Answered: only responses with answers count against the cap (trust.test.ts).
          answers: [{ questionId: 'nps', value: 5 }],
          completed: false,
        },
      );
    expect((await post()).status).toBe(202);
    expect((await post()).status).toBe(429);
  });

  it('validates settings, naming the field', async () => {
    const { apiKey } = await setup();
    const r = await json(call('/v1/site/settings', { method: 'PATCH', key: apiKey, json: { dailyCap: -1 } }));
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].path).toEqual(['dailyCap']);
  });
});

describe('per-site rate limit', () => {
  it('answers 429 when the site limiter refuses, whatever the IP', async () => {
    const { site, survey } = await setup();
    const refuse = { limit: async () => ({ success: false }) } as unknown as RateLimit;
    const allow = { limit: async () => ({ success: true }) } as unknown as RateLimit;
    const res = await postResponseWith(
      {
        RATE_LIMIT_PER_MINUTE: '120',
        RATE_LIMITER: allow,
        SITE_RATE_LIMITER: refuse,
        SITE_RATE_LIMIT_PER_MINUTE: '3000',
      },
      {
        id: crypto.randomUUID(),
        siteKey: site.key,
        surveyId: survey.id,
        answers: [],
        completed: false,
      },
      { 'cf-connecting-ip': '198.51.100.7' },
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
    // RATE_LIMIT_PER_MINUTE=0 turns every limit off (the contract's local/test setting)
    const off = await postResponseWith(
      { RATE_LIMIT_PER_MINUTE: '0', SITE_RATE_LIMITER: refuse },
      {
        id: crypto.randomUUID(),
        siteKey: site.key,
        surveyId: survey.id,
        answers: [],
        completed: false,
      },
    );
    expect(off.status).toBe(202);
  });
});

describe('Turnstile', () => {
  const TEST_SECRET_PASS = '1x0000000000000000000000000000000AA';
  const TEST_SECRET_FAIL = '2x0000000000000000000000000000000AA';
  const DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';

  /** siteverify as documented for Cloudflare's test secret keys (the network is not reachable from tests). */
  const fakeSiteverify = () =>
    stubReceiver(async (r) => {
      if (!r.url.startsWith('https://challenges.cloudflare.com/turnstile/v0/siteverify'))
        return new Response('', { status: 599 });
      const form = new URLSearchParams(r.body);
      const ok = form.get('secret') === TEST_SECRET_PASS && form.get('response') === DUMMY_TOKEN;
      return Response.json({ success: ok, 'error-codes': ok ? [] : ['invalid-input-response'] });
    });

  it('requires a token on the first post when the site turns it on, and verifies it with siteverify', async () => {
    const { site, apiKey, survey } = await setup();
    const set = await json(
      call('/v1/site/settings', {
        method: 'PATCH',
        key: apiKey,
        json: { turnstileSiteKey: '1x00000000000000000000AA', turnstileSecret: TEST_SECRET_PASS },
      }),
    );
    expect(set.body.settings.turnstile).toEqual({ enabled: true, siteKey: '1x00000000000000000000AA' });
    expect(JSON.stringify(set.body)).not.toContain(TEST_SECRET_PASS);
    const stub = fakeSiteverify();
    restore = stub.restore;
    const id = crypto.randomUUID();
    const base = {
      id,
      siteKey: site.key,
      surveyId: survey.id,
      answers: [{ questionId: 'nps', value: 9 }],
      completed: false,
    };

    const missing = await postResponse(base);
    expect(missing.status).toBe(403);
    // not final for the widget: a page with config from before Turnstile was on keeps the answer,
    // and the browser lets the widget read when to retry
    expect(missing.headers.get('retry-after')).toBe('60');
    expect(missing.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect((await missing.json()) as object).toMatchObject({
      error: { code: 'turnstile_required', issues: [{ path: ['turnstileToken'] }] },
    });
    expect(await countRows('SELECT COUNT(*) AS n FROM responses WHERE id = ?', id)).toBe(0);

    expect((await postResponse({ ...base, turnstileToken: DUMMY_TOKEN })).status).toBe(202);
    expect(stub.received).toHaveLength(1);
    // later parts of the same response need no new token
    expect((await postResponse({ ...base, answers: [{ questionId: 'csat', value: 5 }], completed: true })).status).toBe(
      202,
    );
    expect(stub.received).toHaveLength(1);

    // the secret can be removed; settings never show it
    const off = await json(
      call('/v1/site/settings', { method: 'PATCH', key: apiKey, json: { turnstileSecret: null } }),
    );
    expect(off.body.settings.turnstile).toEqual({ enabled: false, siteKey: '1x00000000000000000000AA' });
  });

  it('refuses a token siteverify rejects (the always-fails test secret)', async () => {
    const { site, apiKey, survey } = await setup();
    await call('/v1/site/settings', {
      method: 'PATCH',
      key: apiKey,
      json: { turnstileSiteKey: '1x00000000000000000000AA', turnstileSecret: TEST_SECRET_FAIL },
    });
    const stub = fakeSiteverify();
    restore = stub.restore;
    const id = crypto.randomUUID();
    const refused = await postResponse({
      id,
      siteKey: site.key,
      surveyId: survey.id,
      answers: [{ questionId: 'nps', value: 9 }],
      completed: true,
      turnstileToken: DUMMY_TOKEN,
    });
    expect(refused.status).toBe(403);
    expect((await refused.json()) as object).toMatchObject({ error: { code: 'turnstile_failed' } });
    expect(stub.received).toHaveLength(1);
    expect(await countRows('SELECT COUNT(*) AS n FROM responses WHERE id = ?', id)).toBe(0);
  });

  it('answers 503 with Retry-After when siteverify cannot be reached (the visitor keeps the answer)', async () => {
    const { site, apiKey, survey } = await setup();
    await call('/v1/site/settings', {
      method: 'PATCH',
      key: apiKey,
      json: { turnstileSiteKey: '1x00000000000000000000AA', turnstileSecret: TEST_SECRET_PASS },
    });
    restore = stubReceiver(() => {
      throw new TypeError('network down');
    }).restore;
    const res = await postResponse({
      id: crypto.randomUUID(),
      siteKey: site.key,
      surveyId: survey.id,
      answers: [],
      completed: false,
      turnstileToken: DUMMY_TOKEN,
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it('refuses an over-long token naming the field', async () => {
    const { site, survey } = await setup();
    const res = await postResponse({
      id: crypto.randomUUID(),
      siteKey: site.key,
      surveyId: survey.id,
      answers: [],
      completed: false,
      turnstileToken: 't'.repeat(3000),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('turnstileToken');
  });
});

describe('operator token rotation', () => {
  it('accepts every token of a comma-separated ADMIN_TOKEN, and only those', async () => {
    const body = { name: 'Rotated', origins: ['https://rot.example'] };
    const post = (token: string) =>
      callWith({ ADMIN_TOKEN: 'old-token, new-token' }, '/v1/sites', { method: 'POST', key: token, json: body });
    expect((await post('old-token')).status).toBe(201);
    expect((await post('new-token')).status).toBe(201);
    expect((await post('old-token,new-token')).status).toBe(401);
    expect((await post('other')).status).toBe(401);
    expect((await post('')).status).toBe(401);
    expect((await callWith({ ADMIN_TOKEN: '' }, '/v1/sites', { method: 'POST', key: 'x', json: body })).status).toBe(
      401,
    );
    expect((await callWith({ ADMIN_TOKEN: ' , ' }, '/v1/sites', { method: 'POST', key: ',', json: body })).status).toBe(
      401,
    );
    expect(env.ADMIN_TOKEN).toBe('test-admin-token');
  });
});
