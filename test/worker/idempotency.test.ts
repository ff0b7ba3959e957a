import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ADMIN, call, createSite, NPS_SURVEY, setup } from './helpers';
import { countRows, createWebhook, json } from './loop-helpers';

const post = (path: string, key: string | undefined, body: unknown, idem?: string) =>
  call(path, { method: 'POST', key, json: body, headers: idem === undefined ? {} : { 'idempotency-key': idem } });

async function twice(path: string, key: string, body: unknown) {
  const idem = crypto.randomUUID();
  const first = await post(path, key, body, idem);
  const again = await post(path, key, body, idem);
  return {
    first: { status: first.status, body: await first.text(), replayed: first.headers.get('idempotent-replayed') },
    again: { status: again.status, body: await again.text(), replayed: again.headers.get('idempotent-replayed') },
    idem,
  };
}

describe('Idempotency-Key on creating POSTs', () => {
  it('answers the same key and body with the first result, creating once, on every creating endpoint', async () => {
    const { site, apiKey, survey } = await setup();
    const hook = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/idem', events: ['alert'] });
    const cases: [string, string, unknown, string, string[]][] = [
      ['/v1/surveys', apiKey, NPS_SURVEY, 'SELECT COUNT(*) AS n FROM surveys WHERE site_id = ?', [site.id]],
      [
        '/v1/touchpoints',
        apiKey,
        { key: 'cart', name: 'Cart', stage: 'purchase' },
        'SELECT COUNT(*) AS n FROM touchpoints WHERE site_id = ?',
        [site.id],
      ],
      [
        '/v1/webhooks',
        apiKey,
        { url: 'http://127.0.0.1:9/other', events: ['alert'] },
        'SELECT COUNT(*) AS n FROM webhooks WHERE site_id = ?',
        [site.id],
      ],
      [
        '/v1/alerts',
        apiKey,
        { surveyId: survey.id, questionId: 'nps', max: 6, webhookId: hook.id },
        'SELECT COUNT(*) AS n FROM alerts WHERE site_id = ?',
        [site.id],
      ],
      [
        '/v1/keys',
        apiKey,
        { name: 'ci', scopes: ['read'] },
        'SELECT COUNT(*) AS n FROM api_keys WHERE site_id = ?',
        [site.id],
      ],
      [
        '/v1/sites',
        ADMIN,
        { name: 'Idem shop', origins: ['https://idem.example'] },
        "SELECT COUNT(*) AS n FROM sites WHERE name = 'Idem shop'",
        [],
      ],
      [
        `/v1/webhooks/${hook.id}/ping`,
        apiKey,
        undefined,
        "SELECT COUNT(*) AS n FROM deliveries WHERE webhook_id = ? AND event = 'ping'",
        [hook.id],
      ],
    ];
    for (const [path, key, body, count, args] of cases) {
      const before = await countRows(count, ...args);
      const r = await twice(path, key, body);
      expect(r.first.status, `${path}: ${r.first.body}`).toBeGreaterThanOrEqual(200);
      expect(r.first.status).toBeLessThan(300);
      expect(r.first.replayed).toBeNull();
      expect(r.again, path).toEqual({ ...r.first, replayed: 'true' });
      expect(await countRows(count, ...args), path).toBe(before + 1);
      // without the key, the same body creates again (where it is not an upsert)
      if (path !== '/v1/touchpoints') {
        expect((await post(path, key, body)).status).toBe(r.first.status);
        expect(await countRows(count, ...args), path).toBe(before + 2);
      }
    }
  });

  it('refuses the same key with another body (422) and creates nothing', async () => {
    const { site, apiKey } = await setup();
    const idem = crypto.randomUUID();
    expect((await post('/v1/surveys', apiKey, NPS_SURVEY, idem)).status).toBe(201);
    const other = await json(post('/v1/surveys', apiKey, { ...NPS_SURVEY, name: 'Another' }, idem));
    expect(other).toMatchObject({ status: 422, body: { error: { code: 'idempotency_key_reused' } } });
    // the same body on another endpoint is another request too
    const elsewhere = await json(post('/v1/touchpoints', apiKey, { key: 'x', name: 'X', stage: 'usage' }, idem));
    expect(elsewhere.status).toBe(422);
    expect(await countRows('SELECT COUNT(*) AS n FROM surveys WHERE site_id = ?', site.id)).toBe(2); // setup's + 1
    expect(await countRows('SELECT COUNT(*) AS n FROM touchpoints WHERE site_id = ?', site.id)).toBe(0);
  });

  it('creates once when two requests with one key arrive together', async () => {
    const { site, apiKey } = await setup();
    const idem = crypto.randomUUID();
    const [a, b] = await Promise.all([
      json(post('/v1/surveys', apiKey, NPS_SURVEY, idem)),
      json(post('/v1/surveys', apiKey, NPS_SURVEY, idem)),
    ]);
    expect([a.status, b.status].sort()).toEqual(a.status === b.status ? [201, 201] : [201, 409]);
    if (a.status === b.status) expect(a.body).toEqual(b.body);
    const busy = [a, b].find((r) => r.status === 409);
    if (busy) expect(busy.body.error.code).toBe('idempotency_key_in_use');
    expect(await countRows('SELECT COUNT(*) AS n FROM surveys WHERE site_id = ?', site.id)).toBe(2);
    // and once the first has finished, the key answers with its result
    const later = await json(post('/v1/surveys', apiKey, NPS_SURVEY, idem));
    expect(later.status).toBe(201);
    expect(later.body).toEqual((a.status === 201 ? a : b).body);
  });

  it('keeps keys per site, frees a key whose request failed, and forgets keys after 24 hours', async () => {
    const a = await setup();
    const b = await createSite();
    const idem = crypto.randomUUID();
    const ra = await json(post('/v1/surveys', a.apiKey, NPS_SURVEY, idem));
    const rb = await json(post('/v1/surveys', b.apiKey, NPS_SURVEY, idem));
    expect([ra.status, rb.status]).toEqual([201, 201]);
    expect(ra.body.survey.id).not.toBe(rb.body.survey.id);

    const hook = await createWebhook(a.apiKey, { url: 'http://127.0.0.1:9/idem', events: ['alert'] });
    const failKey = crypto.randomUUID();
    const wrong = { surveyId: 'sv_missing', questionId: 'nps', max: 6, webhookId: hook.id };
    expect((await post('/v1/alerts', a.apiKey, wrong, failKey)).status).toBe(404);
    const fixed = { ...wrong, surveyId: a.survey.id };
    expect((await post('/v1/alerts', a.apiKey, fixed, failKey)).status).toBe(201);

    await env.DB.prepare('UPDATE idempotency_keys SET created_at = created_at - ? WHERE owner = ?')
      .bind(25 * 3_600_000, a.site.id)
      .run();
    const fresh = await json(post('/v1/surveys', a.apiKey, NPS_SURVEY, idem));
    expect(fresh.status).toBe(201);
    expect(fresh.body.survey.id).not.toBe(ra.body.survey.id);
  });

  it('frees a key whose request never answered (its Worker stopped) after a minute', async () => {
    const { site, apiKey } = await setup();
    const idem = crypto.randomUUID();
    expect((await post('/v1/surveys', apiKey, NPS_SURVEY, idem)).status).toBe(201);
    // as if the Worker had stopped between the claim and the answer
    await env.DB.prepare('UPDATE idempotency_keys SET status = NULL, body = NULL WHERE owner = ?').bind(site.id).run();
    const busy = await json(post('/v1/surveys', apiKey, NPS_SURVEY, idem));
    expect(busy).toMatchObject({ status: 409, body: { error: { code: 'idempotency_key_in_use' } } });
    await env.DB.prepare('UPDATE idempotency_keys SET created_at = created_at - 61000 WHERE owner = ?')
      .bind(site.id)
      .run();
    expect((await post('/v1/surveys', apiKey, NPS_SURVEY, idem)).status).toBe(201);
  });

  it('keeps a replayed secret only encrypted, and checks the key', async () => {
    const { apiKey } = await setup();
    const r = await twice('/v1/keys', apiKey, { name: 'deploy', scopes: ['read', 'manage'] });
    const shown = JSON.parse(r.again.body).apiKey as string;
    expect(shown).toMatch(/^sk_/);
    const rows = await env.DB.prepare('SELECT key_hash, body FROM idempotency_keys').all<{
      key_hash: string;
      body: string;
    }>();
    for (const row of rows.results) {
      expect(row.body).not.toContain(shown);
      expect(row.key_hash).not.toContain(r.idem);
    }
    const bad = await json(post('/v1/surveys', apiKey, NPS_SURVEY, 'has space'));
    expect(bad).toMatchObject({ status: 400, body: { error: { issues: [{ path: ['Idempotency-Key'] }] } } });
  });
});
