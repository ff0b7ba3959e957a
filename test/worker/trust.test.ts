import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Env } from '../../worker/env';
import { app } from '../../worker/index';
import { createSite as createSiteIn } from '../../worker/sites/routes';
import { clip, esc } from '../../worker/webhooks/payload';
import { webhookUrlProblem } from '../../worker/webhooks/url';
import { call, createSurvey, inOneLimiterWindow, ORIGIN, postResponse, setup } from './helpers';
import { countRows, createAlert, createWebhook, json, postResponseWith, stubReceiver, until } from './loop-helpers';

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

/** Posts one answered response of `respondentId` and returns its id. */
async function answerAs(siteKey: string, surveyId: string, respondentId: string) {
  const id = crypto.randomUUID();
  const res = await postResponse({
    id,
    siteKey,
    surveyId,
    respondent: { id: respondentId },
    answers: [{ questionId: 'nps', value: 3 }],
    completed: true,
  });
  expect(res.status).toBe(202);
  return id;
}

const stored = async (id: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE id = ?').bind(id).first<{ n: number }>())?.n;

describe('erasure of one respondent', () => {
  it('decodes the id exactly once: percent signs in ids erase only that id, never a 500', async () => {
    const { site, survey, apiKey } = await setup();
    const ids = ['user%41', 'userA', '50%off', '100%', 'a/b', 'a%2Fb', 'ünï code', '%%', 'x%25y'];
    const responses = new Map<string, string>();
    for (const rid of ids) responses.set(rid, await answerAs(site.key, survey.id, rid));
    for (const rid of ids) {
      const res = await call(`/v1/respondents/${encodeURIComponent(rid)}`, { method: 'DELETE', key: apiKey });
      expect(res.status, rid).toBe(200);
      const body = (await res.json()) as { respondentId: string; deletedResponses: number };
      expect(body, rid).toEqual({ respondentId: rid, deletedResponses: 1 });
      expect(await stored(responses.get(rid) as string), rid).toBe(0);
      // Every later id is still there.
      for (const other of ids.slice(ids.indexOf(rid) + 1))
        expect(await stored(responses.get(other) as string), other).toBe(1);
    }
  });
});

describe('erasure reaches what was sent about the respondent', () => {
  it('removes their webhook deliveries (log, pending retries, attempts) and cases, and only theirs', async () => {
    const { site, survey, apiKey } = await setup();
    // The receiver is down: every delivery fails and waits for a retry.
    const receiver = stubReceiver(() => new Response('down', { status: 503 }));
    restore = receiver.restore;
    const hook = await createWebhook(apiKey, {
      url: 'http://127.0.0.1:9/hook',
      events: ['alert', 'response.completed'],
    });
    await createAlert(apiKey, { surveyId: survey.id, questionId: 'nps', max: 6, webhookId: hook.id });
    const gone = await answerAs(site.key, survey.id, 'erase-me');
    const kept = await answerAs(site.key, survey.id, 'keep-me');
    const about = (id: string) =>
      countRows(
        `SELECT count(*) AS n FROM deliveries d JOIN delivery_attempts a ON a.delivery_id = d.id
         WHERE d.payload LIKE '%' || ? || '%'`,
        id,
      );
    // Two deliveries each (alert, response.completed), each tried at least once.
    await until(async () => (await about(gone)) >= 2 && (await about(kept)) >= 2);
    expect(await countRows('SELECT count(*) AS n FROM cases WHERE response_id = ?', gone)).toBe(1);

    const res = await call('/v1/respondents/erase-me', { method: 'DELETE', key: apiKey });
    expect(res.status).toBe(200);
    const mentions = (id: string) =>
      countRows("SELECT count(*) AS n FROM deliveries WHERE payload LIKE '%' || ? || '%'", id);
    expect(await mentions(gone)).toBe(0);
    expect(await mentions('erase-me')).toBe(0);
    expect(await about(gone)).toBe(0);
    expect(await countRows('SELECT count(*) AS n FROM cases WHERE response_id = ?', gone)).toBe(0);
    expect(await mentions(kept)).toBe(2);
    expect(await countRows('SELECT count(*) AS n FROM cases WHERE response_id = ?', kept)).toBe(1);
    // The API's delivery log no longer shows them either.
    const log = (await (await call(`/v1/webhooks/${hook.id}/deliveries`, { key: apiKey })).json()) as {
      items: { payload: { response?: { id: string } } }[];
    };
    expect(log.items.map((d) => d.payload.response?.id)).not.toContain(gone);
    expect(log.items).toHaveLength(2);
  });
});

describe('a response id is not a write capability', () => {
  const answers = async (id: string) =>
    (
      await env.DB.prepare('SELECT question_id, num, text FROM answers WHERE response_id = ? ORDER BY question_id')
        .bind(id)
        .all()
    ).results;
  const respondentOf = async (id: string) =>
    (
      await env.DB.prepare('SELECT respondent_id FROM responses WHERE id = ?')
        .bind(id)
        .first<{ respondent_id: string }>()
    )?.respondent_id;

  it('merges a later post only with the secret the response was created with; others get a 409 and change nothing', async () => {
    const { site, survey } = await setup();
    const id = crypto.randomUUID();
    const secret = 'Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA';
    const base = { id, siteKey: site.key, surveyId: survey.id };
    const first = { ...base, secret, respondent: { id: 'real' }, answers: [{ questionId: 'nps', value: 2 }] };
    expect((await postResponse({ ...first, completed: false })).status).toBe(202);
    expect(
      (await postResponse({ ...first, answers: [{ questionId: 'why', value: 'slow' }], completed: true })).status,
    ).toBe(202);
    const before = await answers(id);
    // Someone who saw the id in a Slack message or a webhook payload.
    for (const forged of [
      { ...base, respondent: { id: 'attacker' }, answers: [{ questionId: 'nps', value: 10 }], completed: true },
      {
        ...base,
        secret: 'd3JvbmctYnV0LXdlbGwtZm9ybWVkLXNlY3JldA',
        answers: [{ questionId: 'nps', value: 10 }],
        completed: true,
      },
      { ...base, answers: [{ questionId: 'csat', value: 5 }], completed: true },
    ]) {
      const res = await postResponse(forged);
      expect(res.status).toBe(409);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('response_secret_mismatch');
      expect(body.error.message).toMatch(/secret/);
    }
    expect(await answers(id)).toEqual(before);
    expect(await respondentOf(id)).toBe('real');
    // The creator's own retry still merges.
    expect(
      (await postResponse({ ...first, answers: [{ questionId: 'csat', value: 4 }], completed: true })).status,
    ).toBe(202);
    expect((await answers(id)).map((a) => a.question_id)).toEqual(['csat', 'nps', 'why']);
  });

  it('a response created without a secret merges while open, accepts plain retries once completed, never a rewrite', async () => {
    const { site, survey } = await setup();
    const id = crypto.randomUUID();
    const base = { id, siteKey: site.key, surveyId: survey.id, respondent: { id: 'outside-client' } };
    const part1 = { ...base, answers: [{ questionId: 'nps', value: 3 }], completed: false };
    const part2 = { ...base, answers: [{ questionId: 'why', value: 'late delivery' }], completed: true };
    expect((await postResponse(part1, null)).status).toBe(202);
    expect((await postResponse(part1, null)).status).toBe(202);
    expect((await postResponse(part2, null)).status).toBe(202);
    // A retry of what is stored (the 202 was lost): accepted, nothing changes.
    expect((await postResponse(part2, null)).status).toBe(202);
    expect((await postResponse(part1, null)).status).toBe(202);
    const before = await answers(id);
    for (const rewrite of [
      { ...base, answers: [{ questionId: 'nps', value: 10 }], completed: true },
      { ...base, answers: [{ questionId: 'csat', value: 5 }], completed: true },
      { ...base, respondent: { id: 'someone-else' }, answers: [{ questionId: 'nps', value: 3 }], completed: true },
      {
        ...base,
        secret: 'Y2xhaW1pbmctYS1zZWNyZXQtbGF0ZXI',
        answers: [{ questionId: 'nps', value: 9 }],
        completed: true,
      },
    ]) {
      const res = await postResponse(rewrite, null);
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('response_completed');
    }
    expect(await answers(id)).toEqual(before);
    expect(await respondentOf(id)).toBe('outside-client');
  });
});

describe('caps and rate limits an attacker cannot steer', () => {
  it('empty impressions without an Origin never use up the daily cap: answers are still taken', async () => {
    const { site, apiKey, survey } = await setup();
    await call('/v1/site/settings', { method: 'PATCH', key: apiKey, json: { dailyCap: 3 } });
    const empty = () =>
      postResponse(
        { id: crypto.randomUUID(), siteKey: site.key, surveyId: survey.id, answers: [], completed: false },
        null,
      );
    for (let i = 0; i < 10; i++) expect((await empty()).status).toBe(202);
    const answered = () =>
      postResponse({
        id: crypto.randomUUID(),
        siteKey: site.key,
        surveyId: survey.id,
        answers: [{ questionId: 'nps', value: 9 }],
        completed: true,
      });
    for (let i = 0; i < 3; i++) expect((await answered()).status).toBe(202);
    expect((await answered()).status).toBe(429);
    expect((await empty()).status).toBe(429);
    expect((await json(call('/v1/site/settings', { key: apiKey }))).body.settings.responsesToday).toBe(3);
  });

  const limited = { ...env, RATE_LIMIT_PER_MINUTE: '120' } as Env;
  const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
  const config = (key: string, headers: Record<string, string>, over: Partial<Env> = {}) =>
    app.request(`/v1/sites/${key}/surveys`, { headers: { origin: ORIGIN, ...headers } }, { ...limited, ...over }, ctx);

  it('limits one address across made-up site keys, each unknown key answered 404 until then', async () => {
    const statuses = await inOneLimiterWindow(async (attempt) => {
      const statuses: number[] = [];
      for (let i = 0; i < 125; i++) {
        statuses.push((await config(`site_made_up_${i}`, { 'cf-connecting-ip': `203.0.113.${50 + attempt}` })).status);
      }
      return statuses;
    });
    expect(statuses.filter((s) => s === 404)).toHaveLength(120);
    expect(statuses.slice(120)).toEqual([429, 429, 429, 429, 429]);
  });

  it('reads the visitor address from a trusted proxy only, so visitors behind it do not share one bucket', async () => {
    const { site } = await setup();
    const proxy = { TRUSTED_PROXIES: '198.51.100.0/24, 2001:db8::1' };
    const { one, other, direct } = await inOneLimiterWindow(async (attempt) => {
      // One visitor behind the proxy uses up its own bucket…
      const one: number[] = [];
      for (let i = 0; i < 121; i++) {
        const headers = { 'cf-connecting-ip': '198.51.100.7', 'x-real-ip': `192.0.2.${1 + 2 * attempt}` };
        one.push((await config(site.key, headers, proxy)).status);
      }
      // …another visitor behind the same proxy is unaffected.
      const headers = { 'cf-connecting-ip': '198.51.100.7', 'x-real-ip': `192.0.2.${2 + 2 * attempt}` };
      const other = (await config(site.key, headers, proxy)).status;
      // Anyone else sending the header is still limited by their own address.
      const direct: number[] = [];
      for (let i = 0; i < 121; i++) {
        const sent = { 'cf-connecting-ip': `203.0.113.${77 + attempt}`, 'x-real-ip': `192.0.2.${i}` };
        direct.push((await config(site.key, sent, proxy)).status);
      }
      return { one, other, direct };
    });
    expect(one.filter((s) => s === 200)).toHaveLength(120);
    expect(one.at(-1)).toBe(429);
    expect(other).toBe(200);
    expect(direct.at(-1)).toBe(429);
  });
});

describe('counted limits hold under concurrent creates', () => {
  it('25 concurrent webhook creates make exactly 20 webhooks, the rest 409 limit_reached', async () => {
    const { apiKey } = await setup();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        call('/v1/webhooks', {
          method: 'POST',
          key: apiKey,
          json: { url: `http://127.0.0.1:9/h${i}`, events: ['alert'] },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    const list = (await (await call('/v1/webhooks', { key: apiKey })).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(20);
  });

  it('concurrent key and alert creates stop exactly at their limits (50 active keys, 100 alerts)', async () => {
    const { apiKey, survey, site } = await setup();
    const keys = await Promise.all(
      Array.from({ length: 55 }, (_, i) =>
        call('/v1/keys', { method: 'POST', key: apiKey, json: { name: `k${i}`, scopes: ['read'] } }),
      ),
    );
    // The site's first key plus 49 new ones.
    expect(keys.filter((r) => r.status === 201)).toHaveLength(49);
    expect(
      await countRows('SELECT count(*) AS n FROM api_keys WHERE site_id = ? AND revoked_at IS NULL', site.id),
    ).toBe(50);
    const hook = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/a', events: ['alert'] });
    const alerts = await Promise.all(
      Array.from({ length: 105 }, (_, i) =>
        call('/v1/alerts', {
          method: 'POST',
          key: apiKey,
          json: { surveyId: survey.id, questionId: 'nps', max: i % 7, webhookId: hook.id },
        }),
      ),
    );
    expect(alerts.filter((r) => r.status === 201)).toHaveLength(100);
    expect(await countRows('SELECT count(*) AS n FROM alerts WHERE site_id = ?', site.id)).toBe(100);
  });
});

describe('a site is created whole or not at all', () => {
  it('leaves no site behind when its first key cannot be stored', async () => {
    const failingKeys = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'prepare') {
          return (sql: string) =>
            target.prepare(sql.includes('INSERT INTO api_keys') ? 'INSERT INTO no_such_table VALUES (1)' : sql);
        }
        const v = Reflect.get(target, prop);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const key = `site_whole_${crypto.randomUUID().slice(0, 8)}`;
    await expect(createSiteIn(failingKeys, { name: 'Half', origins: [ORIGIN], key })).rejects.toThrow();
    expect(await countRows('SELECT count(*) AS n FROM sites WHERE key = ?', key)).toBe(0);
  });
});

describe('webhook URLs that reach inside a network', () => {
  it('refuses localhost spellings, special IPv6 ranges and internal names', () => {
    for (const url of [
      'http://localhost.localdomain/x',
      'http://localhost../x',
      'http://localhost./x',
      'http://[2002:7f00:1::1]/x', // 6to4 of 127.0.0.1
      'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x', // Teredo
      'http://[fec0::1]/x', // site-local
      'http://[100::1]/x', // discard
      'http://[64:ff9b::7f00:1]/x', // NAT64 of 127.0.0.1
      'http://[::ffff:a9fe:a9fe]/x', // IPv4-mapped 169.254.169.254
      'http://[::ffff:8.8.8.8]/x', // IPv4-mapped, even of a public address
      'http://[2001:db8::1]/x',
      'http://redis.default.svc/x',
      'http://api.default.svc.cluster.local/x',
      'http://db.internal/x',
      'http://nas.local/x',
      'http://router.lan/x',
      'http://app.localhost/x',
      'http://intranet/x',
      'http://metadata/x',
      'http://192.0.2.10/x',
      'http://198.18.0.1/x',
    ]) {
      expect(webhookUrlProblem(url, false), url).toMatch(/private/);
    }
    for (const url of [
      'https://hooks.slack.com/services/T/B/x',
      'https://example.com/x',
      'http://8.8.8.8/x',
      'http://[2606:4700::1111]/x',
    ]) {
      expect(webhookUrlProblem(url, false), url).toBeNull();
    }
  });

  it('refuses every address in the private IPv4 ranges, however it is written (property)', () => {
    const privateV4 = fc.oneof(
      fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), fc.nat(255), fc.nat(255)),
    );
    fc.assert(
      fc.property(privateV4, fc.nat(3), (parts, form) => {
        const [a, b, c, d] = parts;
        const n = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
        const hex = (x: number) => x.toString(16).padStart(2, '0');
        const host = [
          parts.join('.'),
          String(n), // decimal
          `0x${n.toString(16)}`, // hex
          `[::ffff:${hex(a)}${hex(b)}:${hex(c)}${hex(d)}]`, // IPv4-mapped IPv6
        ][form] as string;
        expect(webhookUrlProblem(`http://${host}/hook`, false), host).toMatch(/private/);
      }),
    );
  });
});

describe('the public config stays small and per origin', () => {
  it('refuses a text in more than 20 languages and a survey over 64 KB with a clear 400; the config varies by Origin', async () => {
    const { site, apiKey } = await setup();
    const codes = Array.from(
      { length: 3000 },
      (_, i) => `x${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}-z${i}`,
    );
    const manyLocales = Object.fromEntries(codes.map((c) => [c, 'Hello']));
    const many = await json(
      call('/v1/surveys', {
        method: 'POST',
        key: apiKey,
        json: { name: 'Huge', status: 'active', questions: [{ id: 'nps', type: 'nps', prompt: manyLocales }] },
      }),
    );
    expect(many.status).toBe(400);
    expect(JSON.stringify(many.body.error.issues)).toMatch(/at most 20 languages/);
    const long = 'x'.repeat(500);
    const big = {
      name: 'Big',
      status: 'active',
      questions: Array.from({ length: 20 }, (_, i) => ({
        id: `q${i}`,
        type: 'choice',
        prompt: { en: long, fa: long, ar: long },
        options: Array.from({ length: 10 }, (_, j) => ({ id: `o${j}`, label: { en: long, fa: long } })),
      })),
    };
    const tooBig = await json(call('/v1/surveys', { method: 'POST', key: apiKey, json: big }));
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.message).toMatch(/too large/);
    const config = await call(`/v1/sites/${site.key}/surveys`, { headers: { origin: ORIGIN } });
    expect(config.status).toBe(200);
    expect(config.headers.get('vary')).toMatch(/Origin/i);
    const noOrigin = await call(`/v1/sites/${site.key}/surveys`);
    expect(noOrigin.headers.get('vary')).toMatch(/Origin/i);
  });
});

describe('Slack text a respondent cannot forge', () => {
  it('escapes &<>, flattens lines, drops * _ ~, and clips without half entities or lone surrogates', () => {
    const text = esc('ok\n*ALERT* from <!channel> & ~x~ _y_\r\nline');
    expect(text).not.toMatch(/[\n\r*_~<>]/);
    expect(text).toContain('&lt;!channel&gt; &amp;');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 800 }), fc.integer({ min: 2, max: 600 }), (raw, n) => {
        const out = clip(esc(raw), n);
        expect(out.length).toBeLessThanOrEqual(n);
        expect(out).not.toMatch(/[\n*_~]/);
        // no lone surrogate
        expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        // no cut entity at the end
        expect(out.replace(/…$/, '')).not.toMatch(/&[a-z]{0,3}$/);
      }),
    );
  });
});

describe('a survey deleted while another isolate still has it cached', () => {
  it('answers 404 not_found for a post to it, never a 500, and stores nothing; other surveys keep working', async () => {
    const { site, survey, apiKey } = await setup();
    const other = await createSurvey(apiKey);
    const post = (surveyId: string) => {
      const id = crypto.randomUUID();
      return {
        id,
        body: { id, siteKey: site.key, surveyId, answers: [{ questionId: 'nps', value: 9 }], completed: true },
      };
    };
    // This isolate reads and caches the survey with a first post.
    const first = post(survey.id);
    expect((await postResponseWith({}, first.body)).status).toBe(202);
    // Deleted elsewhere (another isolate's API call): this isolate's cache still holds the survey.
    await env.DB.prepare('DELETE FROM surveys WHERE id = ?').bind(survey.id).run();
    const late = post(survey.id);
    const res = await json<{ error: { code: string; message: string } }>(postResponseWith({}, late.body));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.body.error.message).toContain('survey');
    expect(await stored(late.id)).toBe(0);
    // And again, now read afresh: still a 404.
    expect((await postResponseWith({}, post(survey.id).body)).status).toBe(404);
    const fine = post(other.id);
    expect((await postResponseWith({}, fine.body)).status).toBe(202);
    expect(await stored(fine.id)).toBe(1);
  });
});

describe('the attacks above stay fixed (property-based)', () => {
  const answersOf = async (id: string) =>
    (
      await env.DB.prepare(
        'SELECT question_id, num, text, choices FROM answers WHERE response_id = ? ORDER BY question_id',
      )
        .bind(id)
        .all()
    ).results;
  const rowOf = (id: string) =>
    env.DB.prepare('SELECT respondent_id, attributes, completed, secret_hash FROM responses WHERE id = ?')
      .bind(id)
      .first();

  it('no post with a known response id rewrites it: any other secret or none, any answers or respondent → 409, nothing changed', async () => {
    const { site, survey } = await setup();
    const secret = 'c2VjcmV0LW9mLXRoZS1yZWFsLWNsaWVudC0xMjM';
    const withSecret = crypto.randomUUID();
    const without = crypto.randomUUID();
    const detractor = { answers: [{ questionId: 'nps', value: 1 }], respondent: { id: 'real' }, completed: true };
    const base = (id: string) => ({ id, siteKey: site.key, surveyId: survey.id });
    expect((await postResponse({ ...base(withSecret), ...detractor, secret })).status).toBe(202);
    expect((await postResponse({ ...base(without), ...detractor })).status).toBe(202);
    const before = {
      [withSecret]: { row: await rowOf(withSecret), answers: await answersOf(withSecret) },
      [without]: { row: await rowOf(without), answers: await answersOf(without) },
    };
    // A retry of the secret-less response that brings a secret of its own: accepted, the secret not kept.
    expect((await postResponse({ ...base(without), ...detractor, completed: false, secret })).status).toBe(202);
    expect({ row: await rowOf(without), answers: await answersOf(without) }).toEqual(before[without]);
    const forged = fc.record({
      target: fc.constantFrom(withSecret, without),
      secret: fc.option(
        fc.stringMatching(/^[A-Za-z0-9_-]{22,64}$/).filter((s) => s !== secret),
        { nil: undefined },
      ),
      nps: fc.integer({ min: 0, max: 10 }),
      extra: fc.option(fc.constantFrom({ questionId: 'csat', value: 5 }, { questionId: 'why', value: 'great!' }), {
        nil: undefined,
      }),
      respondent: fc.option(fc.constantFrom('attacker', 'real'), { nil: undefined }),
      completed: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(forged, async (f) => {
        const answers = [{ questionId: 'nps', value: f.nps }, ...(f.extra ? [f.extra] : [])];
        // The one post that changes nothing (a plain retry of what a secret-less response holds, with or
        // without a secret of its own, which is then not stored) may pass.
        const plainRetry = f.target === without && f.nps === 1 && !f.extra && f.respondent !== 'attacker';
        const res = await postResponse({
          ...base(f.target),
          answers,
          completed: f.completed,
          ...(f.secret ? { secret: f.secret } : {}),
          ...(f.respondent ? { respondent: { id: f.respondent } } : {}),
        });
        expect(res.status).toBe(plainRetry ? 202 : 409);
        expect({ row: await rowOf(f.target), answers: await answersOf(f.target) }).toEqual(before[f.target]);
      }),
      { numRuns: 40 },
    );
  });

  it('erasure takes any id (with %, /, spaces, any script) URL-encoded once and erases exactly that respondent', async () => {
    const { site, survey, apiKey } = await setup();
    const rid = fc
      .string({
        unit: fc.constantFrom('%', '4', '1', '2', 'F', 'a', '/', ' ', 'ü', 'ش', '+', '?', '#'),
        minLength: 1,
        maxLength: 12,
      })
      .filter((s) => s.trim().length > 0);
    await fc.assert(
      fc.asyncProperty(rid, async (id) => {
        // A decoy whose id is what a second decoding would make of it.
        let decoy: string | null = null;
        try {
          decoy = decodeURIComponent(id);
        } catch {}
        if (decoy === id || !decoy?.trim()) decoy = null;
        const mine = await answerAs(site.key, survey.id, id);
        const other = decoy ? await answerAs(site.key, survey.id, decoy) : null;
        const res = await call(`/v1/respondents/${encodeURIComponent(id)}`, { method: 'DELETE', key: apiKey });
        expect(res.status, id).toBe(200);
        expect(await res.json()).toEqual({ respondentId: id, deletedResponses: 1 });
        expect(await stored(mine)).toBe(0);
        if (other) expect(await stored(other), `decoy ${decoy}`).toBe(1);
        if (decoy) await call(`/v1/respondents/${encodeURIComponent(decoy)}`, { method: 'DELETE', key: apiKey });
      }),
      { numRuns: 30 },
    );
  });
});
