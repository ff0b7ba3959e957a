import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, createSurvey, getJson, ORIGIN, postResponse, setup } from './helpers';

const count = async (sql: string, ...args: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...args)
    .first<{ n: number }>())!.n;

describe('POST /v1/responses', () => {
  it('stores a response sent as text/plain (sendBeacon) and answers 202 with its id', async () => {
    const { site, survey } = await setup();
    const id = crypto.randomUUID();
    const res = await postResponse({
      id,
      siteKey: site.key,
      surveyId: survey.id,
      touchpoint: 'checkout',
      answers: [{ questionId: 'nps', value: 9 }],
      context: { url: 'https://shop.example/checkout?email=a@b.c#x', locale: 'en', referrer: 'https://google.com/q?x' },
      completed: false,
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ id });
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const row = await env.DB.prepare('SELECT * FROM responses WHERE id = ?').bind(id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ touchpoint: 'checkout', path: '/checkout', referrer_host: 'google.com', completed: 0 });
  });

  it('merges the same id sent twice or in parts into one row, with the latest value per question', async () => {
    const { site, survey } = await setup();
    const id = crypto.randomUUID();
    const base = { id, siteKey: site.key, surveyId: survey.id, touchpoint: 'checkout' };
    await postResponse({ ...base, answers: [{ questionId: 'nps', value: 3 }], completed: false });
    await postResponse({ ...base, answers: [{ questionId: 'nps', value: 3 }], completed: false }); // retry
    await postResponse({
      ...base,
      answers: [
        { questionId: 'nps', value: 8 },
        { questionId: 'why', value: 'Slow delivery' },
      ],
      completed: false,
    });
    const last = await postResponse({ ...base, answers: [{ questionId: 'csat', value: 4 }], completed: true });
    expect(last.status).toBe(202);
    expect(await count('SELECT COUNT(*) AS n FROM responses WHERE id = ?', id)).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM answers WHERE response_id = ?', id)).toBe(3);
    expect(await count('SELECT num AS n FROM answers WHERE response_id = ? AND question_id = ?', id, 'nps')).toBe(8);
    // a late duplicate of an early part never un-completes the response
    await postResponse({ ...base, answers: [], completed: false });
    expect(await count('SELECT completed AS n FROM responses WHERE id = ?', id)).toBe(1);
  });

  it('refuses (409) a response id that already belongs to another survey, changing nothing', async () => {
    const { site, apiKey, survey } = await setup();
    const other = await createSurvey(apiKey);
    const id = crypto.randomUUID();
    const base = { id, siteKey: site.key, completed: false };
    expect(
      (await postResponse({ ...base, surveyId: survey.id, answers: [{ questionId: 'nps', value: 4 }] })).status,
    ).toBe(202);
    const clash = await postResponse({ ...base, surveyId: other.id, answers: [{ questionId: 'nps', value: 10 }] });
    expect(clash.status).toBe(409);
    expect(await count('SELECT num AS n FROM answers WHERE response_id = ?', id)).toBe(4);
    expect(await count('SELECT COUNT(*) AS n FROM answers WHERE survey_id = ?', other.id)).toBe(0);
  });

  it('refuses a disallowed origin with 403 and stores nothing', async () => {
    const { site, survey } = await setup();
    const id = crypto.randomUUID();
    const res = await postResponse(
      { id, siteKey: site.key, surveyId: survey.id, answers: [{ questionId: 'nps', value: 9 }], completed: true },
      'https://evil.example',
    );
    expect(res.status).toBe(403);
    expect((await res.json()) as object).toMatchObject({ error: { code: 'origin_not_allowed' } });
    expect(await count('SELECT COUNT(*) AS n FROM responses WHERE id = ?', id)).toBe(0);
  });

  it('answers 404 for an unknown site or survey', async () => {
    const { site } = await setup();
    const body = { id: crypto.randomUUID(), answers: [], completed: false };
    expect((await postResponse({ ...body, siteKey: 'nope', surveyId: 'x' })).status).toBe(404);
    expect((await postResponse({ ...body, siteKey: site.key, surveyId: 'sv_missing' })).status).toBe(404);
  });

  it('answers 400 naming the failing fields, and stores nothing', async () => {
    const { site, survey } = await setup();
    const id = crypto.randomUUID();
    const bad = await postResponse({ id: 'not-a-uuid', siteKey: site.key, surveyId: survey.id, answers: 'x' });
    expect(bad.status).toBe(400);
    const err = (await bad.json()) as { error: { code: string; issues: { path: string[] }[] } };
    expect(err.error.code).toBe('invalid_request');
    const paths = err.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['id', 'answers', 'completed']));

    const outOfScale = await postResponse({
      id,
      siteKey: site.key,
      surveyId: survey.id,
      answers: [
        { questionId: 'nps', value: 11 },
        { questionId: 'csat', value: 4 },
      ],
      completed: true,
    });
    expect(outOfScale.status).toBe(400);
    const e2 = (await outOfScale.json()) as { error: { issues: { path: (string | number)[] }[] } };
    expect(e2.error.issues[0]!.path).toEqual(['answers', 0, 'value']);
    expect(await count('SELECT COUNT(*) AS n FROM responses WHERE id = ?', id)).toBe(0);

    const notJson = await call('/v1/responses', { method: 'POST', body: '{oops', headers: { origin: ORIGIN } });
    expect(notJson.status).toBe(400);
  });

  it('answers 413 for a body over 16 KiB', async () => {
    const { site, survey } = await setup();
    const res = await postResponse({
      id: crypto.randomUUID(),
      siteKey: site.key,
      surveyId: survey.id,
      answers: [{ questionId: 'why', value: 'x'.repeat(17 * 1024) }],
      completed: true,
    });
    expect(res.status).toBe(413);
    expect((await res.json()) as object).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('does not count skipped questions (empty text) as answers', async () => {
    const { site, survey, apiKey } = await setup();
    const id = crypto.randomUUID();
    await postResponse({
      id,
      siteKey: site.key,
      surveyId: survey.id,
      answers: [
        { questionId: 'nps', value: 10 },
        { questionId: 'why', value: '   ' },
      ],
      completed: true,
    });
    expect(await count('SELECT COUNT(*) AS n FROM answers WHERE response_id = ?', id)).toBe(1);
    const r = await getJson(`/v1/surveys/${survey.id}/results`, apiKey);
    expect(r.questions.find((q: { id: string }) => q.id === 'why').answered).toBe(0);
  });

  it("answers every CORS preflight alike (no oracle of customers' origins); the POST enforces the site's origins", async () => {
    const { site, survey } = await setup();
    const ok = await call('/v1/responses', { method: 'OPTIONS', headers: { origin: ORIGIN } });
    const other = await call('/v1/responses', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    for (const [res, origin] of [
      [ok, ORIGIN],
      [other, 'https://evil.example'],
    ] as const) {
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('vary')).toBe('Origin');
    }
    const post = await postResponse(
      { id: crypto.randomUUID(), siteKey: site.key, surveyId: survey.id, answers: [], completed: false },
      'https://evil.example',
    );
    expect(post.status).toBe(403);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });
});
