import { describe, expect, it } from 'vitest';
import { call, createSurvey, NPS_SURVEY, setup } from './helpers';
import { json, until } from './loop-helpers';

type KeyInfo = {
  id: string;
  prefix: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
  revokedAt: string | null;
};

const keys = async (apiKey: string) => (await json<{ keys: KeyInfo[] }>(call('/v1/keys', { key: apiKey }))).body.keys;
const newKey = async (apiKey: string, name: string, scopes: string[]) => {
  const r = await json<{ key: KeyInfo; apiKey: string }>(
    call('/v1/keys', { method: 'POST', key: apiKey, json: { name, scopes } }),
  );
  expect(r.status).toBe(201);
  return r.body;
};

describe('/v1/keys', () => {
  it('lists keys with prefix, scopes, created and last-used times, never the key or its hash', async () => {
    const { apiKey } = await setup();
    const [first] = await keys(apiKey);
    expect(first).toMatchObject({ name: 'default', scopes: ['read', 'manage'], revoked: false });
    expect(apiKey.startsWith(`${first!.prefix}_`)).toBe(true);
    expect(first!.prefix).toBe(`sk_${first!.id}`);
    const created = await newKey(apiKey, 'Looker export', ['read']);
    expect(created.apiKey).toMatch(/^sk_[a-z0-9]{12}_/);
    expect(created.key).toMatchObject({ name: 'Looker export', scopes: ['read'], lastUsedAt: null });
    const listed = await call('/v1/keys', { key: apiKey }).then((r) => r.text());
    expect(listed).not.toContain(created.apiKey);
    expect(listed).not.toContain('hash');
    // last-used time shows once the key is used
    expect((await call('/v1/surveys', { key: created.apiKey })).status).toBe(200);
    await until(async () => (await keys(apiKey)).find((k) => k.id === created.key.id)?.lastUsedAt);
  });

  it('enforces scopes: read cannot manage, manage-only cannot read results or cases', async () => {
    const { apiKey, survey } = await setup();
    const reader = await newKey(apiKey, 'viewer', ['read']);
    const manager = await newKey(apiKey, 'editor', ['manage']);
    expect((await call(`/v1/surveys/${survey.id}/results`, { key: reader.apiKey })).status).toBe(200);
    expect((await call('/v1/cases', { key: reader.apiKey })).status).toBe(200);
    expect((await call('/v1/surveys', { method: 'POST', key: reader.apiKey, json: NPS_SURVEY })).status).toBe(403);
    expect((await call('/v1/keys', { key: reader.apiKey })).status).toBe(403);
    expect(
      (await call('/v1/keys', { method: 'POST', key: reader.apiKey, json: { name: 'x', scopes: ['manage'] } })).status,
    ).toBe(403);
    await createSurvey(manager.apiKey);
    expect((await call(`/v1/surveys/${survey.id}/results`, { key: manager.apiKey })).status).toBe(403);
    expect((await call('/v1/cases', { key: manager.apiKey })).status).toBe(403);
  });

  it('revokes a key at once; the last manage key cannot be revoked', async () => {
    const { apiKey } = await setup();
    const [own] = await keys(apiKey);
    const reader = await newKey(apiKey, 'viewer', ['read']);
    expect((await call(`/v1/keys/${reader.key.id}`, { method: 'DELETE', key: apiKey })).status).toBe(204);
    expect((await call('/v1/surveys', { key: reader.apiKey })).status).toBe(401);
    expect((await keys(apiKey)).find((k) => k.id === reader.key.id)).toMatchObject({
      revoked: true,
      revokedAt: expect.any(String),
    });
    // revoking again is a no-op
    expect((await call(`/v1/keys/${reader.key.id}`, { method: 'DELETE', key: apiKey })).status).toBe(204);

    const last = await json(call(`/v1/keys/${own!.id}`, { method: 'DELETE', key: apiKey }));
    expect(last.status).toBe(409);
    expect(last.body).toMatchObject({ error: { code: 'last_manage_key' } });
    expect((await call('/v1/keys', { key: apiKey })).status).toBe(200);

    const second = await newKey(apiKey, 'second admin', ['read', 'manage']);
    expect((await call(`/v1/keys/${own!.id}`, { method: 'DELETE', key: apiKey })).status).toBe(204);
    expect((await call('/v1/keys', { key: apiKey })).status).toBe(401);
    expect((await call('/v1/keys', { key: second.apiKey })).status).toBe(200);
  });

  it("never touches another site's keys, and names bad fields", async () => {
    const a = await setup();
    const b = await setup();
    const [bKey] = await keys(b.apiKey);
    expect((await call(`/v1/keys/${bKey!.id}`, { method: 'DELETE', key: a.apiKey })).status).toBe(404);
    expect((await call('/v1/surveys', { key: b.apiKey })).status).toBe(200);
    for (const [body, field] of [
      [{ name: 'x', scopes: ['admin'] }, 'scopes.0'],
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: 'x', scopes: ['read', 'read'] }, 'scopes'],
      [{ scopes: ['read'] }, 'name'],
      [{ name: 'x', scopes: ['read'], hash: 'x' }, ''],
    ] as const) {
      const r = await json(call('/v1/keys', { method: 'POST', key: a.apiKey, json: body }));
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.issues[0].path.join('.'), JSON.stringify(body)).toBe(field);
    }
  });
});

describe('OpenAPI for the closed loop', () => {
  it('describes webhooks, deliveries, alerts, cases, keys and settings', async () => {
    const doc = (await (await call('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    for (const p of [
      '/v1/webhooks/{id}/deliveries',
      '/v1/cases',
      '/v1/cases/stats',
      '/v1/cases/{responseId}',
      '/v1/keys',
      '/v1/keys/{id}',
      '/v1/site/settings',
    ]) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
    for (const s of ['DropAlertInput', 'AlertRuleInput', 'CaseInput', 'ApiKeyInput', 'SiteSettingsPatch']) {
      expect(doc.components.schemas, s).toHaveProperty([s]);
    }
  });
});
