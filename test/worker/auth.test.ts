import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/index';
import { call, setup } from './helpers';
import { callWith, json } from './loop-helpers';

/** The real D1, counting the API-key lookups that authenticate a request (`getApiKey` in siteAuth). */
function countingDb() {
  const lookups: string[] = [];
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          if (/FROM api_keys WHERE id = \? AND revoked_at IS NULL/.test(sql)) lookups.push(sql);
          return target.prepare(sql);
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { db, lookups };
}

/** Every endpoint the app defines, once per method, with its parameters filled in. */
const endpoints = () => {
  const seen = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue; // middleware added with use()
    seen.add(`${r.method} ${r.path.replace(/:\w+/g, 'none').replace(/\*/g, 'x')}`);
  }
  return [...seen].map((s) => s.split(' ') as [string, string]);
};

const newKey = async (apiKey: string, scopes: string[]) => {
  const r = await json<{ apiKey: string }>(
    call('/v1/keys', { method: 'POST', key: apiKey, json: { name: 'k', scopes } }),
  );
  expect(r.status).toBe(201);
  return r.body.apiKey;
};

describe('site API keys', () => {
  it('are looked up once per request on every endpoint that takes one, and never elsewhere', async () => {
    const { apiKey } = await setup();
    const list = endpoints();
    const keyed: string[] = [];
    for (const [method, path] of list) {
      const init = method === 'GET' || method === 'DELETE' ? { method } : { method, json: {} };
      const anonymous = await call(path, init);
      const takesKey = anonymous.status === 401 && (await anonymous.text()).includes('missing or invalid API key');
      const { db, lookups } = countingDb();
      const res = await callWith({ DB: db }, path, { ...init, key: apiKey });
      if (takesKey) {
        keyed.push(`${method} ${path}`);
        expect(res.status, `${method} ${path}`).not.toBe(401);
      }
      expect(lookups.length, `${method} ${path}`).toBe(takesKey ? 1 : 0);
    }
    expect(keyed).toEqual(
      expect.arrayContaining([
        'GET /v1/surveys',
        'GET /v1/surveys/none',
        'GET /v1/surveys/none/results',
        'GET /v1/surveys/none/verbatims',
        'GET /v1/surveys/none/terms',
        'DELETE /v1/respondents/none',
        'GET /v1/touchpoints',
      ]),
    );
  });

  it('keep their scopes on the survey routes and the insights mounted under /v1/surveys', async () => {
    const { apiKey, survey } = await setup();
    const reader = await newKey(apiKey, ['read']);
    const manager = await newKey(apiKey, ['manage']);
    for (const path of [`/v1/surveys/${survey.id}/verbatims`, `/v1/surveys/${survey.id}/terms`]) {
      expect((await call(path, { key: reader })).status, path).toBe(200);
      expect((await call(path, { key: manager })).status, path).toBe(403);
      expect((await call(path)).status, path).toBe(401);
      expect((await call(path, { key: `${reader}x` })).status, path).toBe(401);
    }
    for (const path of ['/v1/surveys', `/v1/surveys/${survey.id}`]) {
      expect((await call(path, { key: reader })).status, path).toBe(200);
      expect((await call(path, { key: manager })).status, path).toBe(200);
      expect((await call(path)).status, path).toBe(401);
    }
    const patch = { method: 'PATCH', json: { name: 'Renamed' } };
    expect((await call(`/v1/surveys/${survey.id}`, { ...patch, key: reader })).status).toBe(403);
    expect((await call(`/v1/surveys/${survey.id}`, patch)).status).toBe(401);
    expect((await call(`/v1/surveys/${survey.id}`, { ...patch, key: manager })).status).toBe(200);
    expect((await call(`/v1/surveys/${survey.id}`, { method: 'DELETE', key: reader })).status).toBe(403);
    expect((await call(`/v1/surveys/${survey.id}`, { method: 'DELETE' })).status).toBe(401);
    expect((await call(`/v1/surveys/${survey.id}`, { method: 'DELETE', key: manager })).status).toBe(204);
  });
});
