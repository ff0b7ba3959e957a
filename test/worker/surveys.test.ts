import { describe, expect, it } from 'vitest';
import { call, createSite, getJson, NPS_SURVEY, ORIGIN, postResponse, setup } from './helpers';

describe('sites', () => {
  it('needs the operator token, and returns the API key once', async () => {
    expect((await call('/v1/sites', { method: 'POST', json: { name: 'x', origins: [ORIGIN] } })).status).toBe(401);
    expect(
      (await call('/v1/sites', { method: 'POST', key: 'wrong', json: { name: 'x', origins: [ORIGIN] } })).status,
    ).toBe(401);
    const { site, apiKey } = await createSite(['https://a.example/some/path']);
    expect(site.key).toMatch(/^site_/);
    expect(apiKey).toMatch(/^sk_/);
    const me = await getJson('/v1/site', apiKey);
    expect(me.site.origins).toEqual(['https://a.example']); // normalised to an origin
  });

  it('refuses a bad site body with the failing field', async () => {
    const r = await call('/v1/sites', {
      method: 'POST',
      key: 'test-admin-token',
      json: { name: '', origins: ['ftp://x'] },
    });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { error: { issues: { path: (string | number)[] }[] } };
    expect(body.error.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['name', 'origins.0']));
  });
});

describe('touchpoints', () => {
  it('creates, renames and lists touchpoints with their stage', async () => {
    const { apiKey } = await createSite();
    const post = (json: unknown) => call('/v1/touchpoints', { method: 'POST', key: apiKey, json });
    expect((await post({ key: 'checkout', name: 'Checkout', stage: 'purchase' })).status).toBe(201);
    expect((await post({ key: 'checkout', name: 'Checkout page', stage: 'purchase' })).status).toBe(201);
    expect((await post({ key: 'x', name: 'X', stage: 'nirvana' })).status).toBe(400);
    const list = await getJson('/v1/touchpoints', apiKey);
    expect(list.touchpoints).toEqual([{ key: 'checkout', name: 'Checkout page', stage: 'purchase' }]);
  });
});

describe('touchpoints: names, archive, delete', () => {
  it('renames with PATCH without ever changing the key, names it per language, archives and restores', async () => {
    const { apiKey } = await createSite();
    const post = (json: unknown) => call('/v1/touchpoints', { method: 'POST', key: apiKey, json });
    const patch = (key: string, json: unknown) =>
      call(`/v1/touchpoints/${encodeURIComponent(key)}`, { method: 'PATCH', key: apiKey, json });
    expect((await post({ key: 'checkout', name: 'Checkout', stage: 'purchase', names: { fa: 'پرداخت' } })).status).toBe(
      201,
    );
    const renamed = await patch('checkout', { name: 'Checkout page', names: { fa: 'صفحهٔ پرداخت', ar: 'الدفع' } });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { touchpoint: unknown }).touchpoint).toEqual({
      key: 'checkout',
      name: 'Checkout page',
      stage: 'purchase',
      names: { fa: 'صفحهٔ پرداخت', ar: 'الدفع' },
    });
    // archived: still listed (its answers keep their name), marked; restored by a PATCH
    expect((await patch('checkout', { archived: true })).status).toBe(200);
    let list = await getJson('/v1/touchpoints', apiKey);
    expect(list.items).toEqual([expect.objectContaining({ key: 'checkout', archived: true })]);
    expect((await patch('checkout', { archived: false })).status).toBe(200);
    list = await getJson('/v1/touchpoints', apiKey);
    expect(list.items[0].archived).toBeUndefined();
    // unknown key, empty patch, a patch that tries to change the key: refused, nothing changed
    expect((await patch('nowhere', { name: 'X' })).status).toBe(404);
    expect((await patch('checkout', {})).status).toBe(400);
    expect((await patch('checkout', { key: 'cart' })).status).toBe(400);
    expect((await getJson('/v1/touchpoints', apiKey)).items.map((t: { key: string }) => t.key)).toEqual(['checkout']);
  });

  it('deletes a touchpoint without answers; one with answers must be archived (409), and keeps its answers', async () => {
    const { apiKey, survey, site } = await setup();
    const post = (json: unknown) => call('/v1/touchpoints', { method: 'POST', key: apiKey, json });
    const del = (key: string) => call(`/v1/touchpoints/${key}`, { method: 'DELETE', key: apiKey });
    await post({ key: 'typo', name: 'Typo', stage: 'usage' });
    await post({ key: 'checkout', name: 'Checkout', stage: 'purchase' });
    expect((await del('typo')).status).toBe(204);
    expect((await del('typo')).status).toBe(404);
    const answered = await postResponse({
      id: crypto.randomUUID(),
      siteKey: site.key,
      surveyId: survey.id,
      touchpoint: 'checkout',
      answers: [{ questionId: 'nps', value: 9 }],
      completed: true,
    });
    expect(answered.status).toBe(202);
    const refused = await del('checkout');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('touchpoint_in_use');
    expect((await getJson('/v1/touchpoints', apiKey)).items.map((t: { key: string }) => t.key)).toEqual(['checkout']);
  });
});

describe('survey names per language', () => {
  it('keeps names in other languages for the dashboard, never sends them to the widget, and clears them with null', async () => {
    const { apiKey, site } = await createSite();
    const created = await call('/v1/surveys', {
      method: 'POST',
      key: apiKey,
      json: { ...NPS_SURVEY, status: 'active', names: { fa: 'ان‌پی‌اس پرداخت' } },
    });
    expect(created.status).toBe(201);
    const { survey } = (await created.json()) as { survey: { id: string; names?: unknown } };
    expect(survey.names).toEqual({ fa: 'ان‌پی‌اس پرداخت' });
    const config = await call(`/v1/sites/${site.key}/surveys`, { headers: { origin: ORIGIN } });
    expect(JSON.stringify(await config.json())).not.toContain('ان‌پی‌اس');
    expect(
      (await call(`/v1/surveys/${survey.id}`, { method: 'PATCH', key: apiKey, json: { names: { fa: '' } } })).status,
    ).toBe(400);
    await call(`/v1/surveys/${survey.id}`, { method: 'PATCH', key: apiKey, json: { names: null } });
    expect((await getJson(`/v1/surveys/${survey.id}`, apiKey)).survey.names).toBeUndefined();
  });
});

describe('survey CRUD', () => {
  it('creates, reads, patches (bumping the version), lists and deletes', async () => {
    const { apiKey, survey } = await setup();
    const got = await getJson(`/v1/surveys/${survey.id}`, apiKey);
    expect(got.survey).toMatchObject({ name: 'Checkout NPS', status: 'active', version: 1 });
    const patched = await call(`/v1/surveys/${survey.id}`, {
      method: 'PATCH',
      key: apiKey,
      json: { status: 'paused', targeting: { touchpoints: ['checkout'], samplePercent: 50 } },
    });
    expect(patched.status).toBe(200);
    const p = (await patched.json()) as { survey: { status: string; version: number; targeting: unknown } };
    expect(p.survey).toMatchObject({ status: 'paused', version: 2, targeting: { touchpoints: ['checkout'] } });
    expect((await getJson('/v1/surveys', apiKey)).surveys).toHaveLength(1);
    expect((await call(`/v1/surveys/${survey.id}`, { method: 'DELETE', key: apiKey })).status).toBe(204);
    expect((await call(`/v1/surveys/${survey.id}`, { key: apiKey })).status).toBe(404);
  });

  it('refuses definitions that could break the widget, naming the field', async () => {
    const { apiKey } = await createSite();
    const bad = async (survey: unknown) => {
      const r = await call('/v1/surveys', { method: 'POST', key: apiKey, json: survey });
      expect(r.status).toBe(400);
      return ((await r.json()) as { error: { issues: { path: (string | number)[] }[] } }).error.issues.map((i) =>
        i.path.join('.'),
      );
    };
    expect(await bad({ ...NPS_SURVEY, questions: [] })).toContain('questions');
    expect(await bad({ ...NPS_SURVEY, questions: [NPS_SURVEY.questions[0], NPS_SURVEY.questions[0]] })).toContain(
      'questions.1.id',
    );
    // a follow-up rule must point at an earlier question
    const q = [
      { id: 'a', type: 'text', prompt: { en: 'x' }, showIf: { questionId: 'b', max: 3 } },
      NPS_SURVEY.questions[0],
    ];
    expect(await bad({ ...NPS_SURVEY, questions: q })).toContain('questions.0.showIf.questionId');
    expect(await bad({ ...NPS_SURVEY, theme: { color: 'red' } })).toContain('theme.color');
    expect(await bad({ ...NPS_SURVEY, targeting: { trigger: { type: 'scroll', percent: 250 } } })).toContain(
      'targeting.trigger.percent',
    );
    expect(await bad({ ...NPS_SURVEY, questions: [{ id: 'x', type: 'nps', prompt: {} }] })).toContain(
      'questions.0.prompt',
    );
    // a patch is validated as a whole survey too: dropping the question a follow-up needs is refused
    const own = await call('/v1/surveys', { method: 'POST', key: apiKey, json: NPS_SURVEY });
    const { survey } = (await own.json()) as { survey: { id: string } };
    const patch = await call(`/v1/surveys/${survey.id}`, {
      method: 'PATCH',
      key: apiKey,
      json: { questions: NPS_SURVEY.questions.slice(1) },
    });
    expect(patch.status).toBe(400);
    expect((await getJson(`/v1/surveys/${survey.id}`, apiKey)).survey.version).toBe(1); // unchanged
  });

  it('serves only active surveys to the widget, without private fields, cacheably', async () => {
    const { site, apiKey, survey } = await setup();
    await call('/v1/surveys', { method: 'POST', key: apiKey, json: { ...NPS_SURVEY, name: 'Draft', status: 'draft' } });
    const r = await call(`/v1/sites/${site.key}/surveys`, { headers: { origin: ORIGIN } });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toContain('max-age');
    const body = (await r.json()) as { surveys: Record<string, unknown>[]; settings: unknown };
    expect(body.surveys.map((s) => s.id)).toEqual([survey.id]);
    expect(body.surveys[0]).not.toHaveProperty('name');
    expect(body.settings).toMatchObject({ locale: 'en' });
    expect((await call(`/v1/sites/${site.key}/surveys`, { headers: { origin: 'https://evil.example' } })).status).toBe(
      403,
    );
    expect((await call('/v1/sites/unknown/surveys')).status).toBe(404);
  });
});

describe('isolation between sites', () => {
  it("a key never sees or changes another site's surveys, results or respondents", async () => {
    const a = await setup();
    const b = await setup();
    expect((await call(`/v1/surveys/${a.survey.id}`, { key: b.apiKey })).status).toBe(404);
    expect((await call(`/v1/surveys/${a.survey.id}/results`, { key: b.apiKey })).status).toBe(404);
    expect((await call(`/v1/surveys/${a.survey.id}/responses`, { key: b.apiKey })).status).toBe(404);
    expect((await call(`/v1/surveys/${a.survey.id}`, { method: 'DELETE', key: b.apiKey })).status).toBe(404);
    const list = await getJson('/v1/surveys', b.apiKey);
    expect(list.surveys.map((s: { id: string }) => s.id)).toEqual([b.survey.id]);
    // posting to site B with survey A's id is refused
    const r = await call('/v1/responses', {
      method: 'POST',
      headers: { origin: ORIGIN },
      json: { id: crypto.randomUUID(), siteKey: b.site.key, surveyId: a.survey.id, answers: [], completed: false },
    });
    expect(r.status).toBe(404);
  });

  it('rejects malformed and unknown keys with 401', async () => {
    expect((await call('/v1/surveys', { key: 'nope' })).status).toBe(401);
    expect((await call('/v1/surveys', { key: 'sk_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbb' })).status).toBe(401);
    expect((await call('/v1/surveys')).status).toBe(401);
  });
});
