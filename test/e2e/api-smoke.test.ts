import { describe, expect, it } from 'vitest';
import { api, createSite, createSurvey, postResponse } from './helpers';

// The contract's standard start (build, migrate, wrangler dev) serves the API end to end.
describe('wrangler dev, as outside tests start it', () => {
  it('creates a site, collects a response and reports it in the results', async () => {
    const origin = 'https://shop.example';
    const { site, apiKey } = await createSite([origin]);
    const survey = await createSurvey(apiKey, {
      name: 'NPS',
      status: 'active',
      questions: [{ id: 'nps', type: 'nps', prompt: { en: 'Recommend us?' } }],
    });
    const config = await api(`/v1/sites/${site.key}/surveys`, { headers: { origin } });
    expect(config.status).toBe(200);
    expect(config.body.surveys.map((s: { id: string }) => s.id)).toEqual([survey.id]);

    const id = crypto.randomUUID();
    const body = {
      id,
      siteKey: site.key,
      surveyId: survey.id,
      answers: [{ questionId: 'nps', value: 10 }],
      completed: true,
    };
    expect(await postResponse(origin, body)).toBe(202);
    expect(await postResponse(origin, body)).toBe(202);

    const results = await api(`/v1/surveys/${survey.id}/results`, { key: apiKey });
    expect(results.status).toBe(200);
    expect(results.body).toMatchObject({ responses: 1, completed: 1, metrics: { nps: { score: 100, n: 1 } } });
  });

  it('serves the OpenAPI document', async () => {
    const r = await api('/v1/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths)).toContain('/v1/responses');
  });
});
