import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/index';
import { inOneLimiterWindow, ORIGIN, setup } from './helpers';

describe('rate limiting (Workers Rate Limiting binding)', () => {
  it('answers 429 with Retry-After once an IP passes the per-minute limit for a site, and stores nothing more', async () => {
    const { site, survey } = await setup();
    const limited = { ...env, RATE_LIMIT_PER_MINUTE: '120' };
    const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
    const post = (ip: string) =>
      app.request(
        '/v1/responses',
        {
          method: 'POST',
          headers: { 'content-type': 'text/plain', origin: ORIGIN, 'cf-connecting-ip': ip },
          body: JSON.stringify({
            id: crypto.randomUUID(),
            siteKey: site.key,
            surveyId: survey.id,
            answers: [{ questionId: 'nps', value: 9 }],
            completed: true,
          }),
        },
        limited,
        ctx,
      );
    // each attempt's accepted posts are stored, also those of a burst that crossed a window's end
    let accepted = 0;
    const { statuses, refused } = await inOneLimiterWindow(async (attempt) => {
      const ip = `203.0.113.${9 + attempt}`;
      const statuses: number[] = [];
      for (let i = 0; i < 130; i++) statuses.push((await post(ip)).status);
      const refused = await post(ip);
      accepted += statuses.filter((s) => s === 202).length;
      return { statuses, refused };
    });
    expect(statuses.filter((s) => s === 202)).toHaveLength(120);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    // another visitor is unaffected
    expect((await post('198.51.100.1')).status).toBe(202);
    const stored = await env.DB.prepare('SELECT COUNT(*) AS n FROM responses WHERE survey_id = ?')
      .bind(survey.id)
      .first<{ n: number }>();
    expect(stored!.n).toBe(accepted + 1);
  });
});

describe('OpenAPI', () => {
  it('describes every contract endpoint, with bodies generated from the zod schemas', async () => {
    const r = await app.request('/v1/openapi.json', {}, env);
    expect(r.status).toBe(200);
    const doc = (await r.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, any> };
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/v1/responses',
      '/v1/sites',
      '/v1/surveys/{id}/results',
      '/v1/surveys/{id}/responses',
      '/v1/journey',
      '/v1/webhooks',
      '/v1/alerts',
    ]) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
    const body = doc.components.schemas.ResponseBody;
    expect(body.required).toEqual(expect.arrayContaining(['id', 'siteKey', 'surveyId', 'answers', 'completed']));
    expect(body.properties.id.format).toBe('uuid');
  });

  it('answers unknown endpoints with a JSON 404', async () => {
    const r = await app.request('/v1/nope', {}, env);
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
