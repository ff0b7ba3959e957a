import { describe, expect, it } from 'vitest';
import type { RespondentProfile } from '../../shared/contract/respondents';
import { call, createSite, createSurvey } from './helpers';
import { plant } from './why-helpers';

const SURVEY = {
  name: 'Customer page',
  status: 'active' as const,
  questions: [
    { id: 'nps', type: 'nps' as const, prompt: { en: 'Recommend us?' } },
    { id: 'why', type: 'text' as const, prompt: { en: 'Why?' } },
  ],
};
const page = (id: string, key: string) => call(`/v1/respondents/${encodeURIComponent(id)}`, { key });

describe('GET /v1/respondents/:respondentId (one customer, one page)', () => {
  it('lists every response with its answers, the case on it and the outcomes, oldest first, with the latest attributes', async () => {
    const { site, apiKey } = await createSite();
    const survey = await createSurvey(apiKey, SURVEY);
    const who = 'cust 50% off/#1';
    const first = await plant(
      site.key,
      survey.id,
      {
        respondent: { id: who, attributes: { plan: 'free', city: 'Shiraz' } },
        answers: [{ questionId: 'nps', value: 9 }],
      },
      '2026-01-05T10:00:00Z',
    );
    const second = await plant(
      site.key,
      survey.id,
      {
        respondent: { id: who, attributes: { plan: 'pro' } },
        answers: [
          { questionId: 'nps', value: 3 },
          { questionId: 'why', value: 'The delivery was late and support never answered' },
        ],
      },
      '2026-02-10T10:00:00Z',
    );
    // someone else's answer, and an id that only differs by its encoding, are not theirs
    await plant(site.key, survey.id, {
      respondent: { id: 'cust 50%25 off/#1' },
      answers: [{ questionId: 'nps', value: 10 }],
    });
    const opened = await call(`/v1/cases/${second}`, {
      method: 'PUT',
      key: apiKey,
      json: { status: 'open', note: 'call back' },
    });
    expect(opened.status, await opened.clone().text()).toBe(200);
    const out = await call('/v1/outcomes', {
      method: 'POST',
      key: apiKey,
      json: { items: [{ respondentId: who, kind: 'churned', value: 120, at: '2026-03-01T00:00:00Z' }] },
    });
    expect(out.status).toBe(202);

    const res = await page(who, apiKey);
    expect(res.status, await res.clone().text()).toBe(200);
    const p = (await res.json()) as RespondentProfile;
    expect(p.respondentId).toBe(who);
    expect(p.responses).toBe(2);
    expect(p.attributes).toEqual({ plan: 'pro', city: 'Shiraz' });
    expect(p.firstSeen).toBe('2026-01-05T10:00:00.000Z');
    // the case was opened today, after the outcome of March
    expect(p.events.map((e) => e.type)).toEqual(['response', 'response', 'outcome', 'case']);
    const [a, b, d, c] = p.events;
    expect(a).toMatchObject({ type: 'response', responseId: first, surveyId: survey.id, attributes: { plan: 'free' } });
    if (b?.type !== 'response') throw new Error('second event is not a response');
    expect(b.responseId).toBe(second);
    expect(b.answers).toContainEqual({ questionId: 'nps', value: 3 });
    const text = b.answers.find((x) => x.questionId === 'why');
    expect(text).toMatchObject({ value: 'The delivery was late and support never answered', sentiment: 'negative' });
    expect(text?.topics).toEqual(expect.arrayContaining(['delivery', 'support']));
    expect(c).toMatchObject({ type: 'case', case: { responseId: second, status: 'open', note: 'call back' } });
    expect(d).toEqual({ type: 'outcome', at: '2026-03-01T00:00:00.000Z', kind: 'churned', value: 120 });
  });

  it('answers 404 for another site’s respondent, an unknown one, and after erasure (outcomes included)', async () => {
    const a = await createSite();
    const b = await createSite();
    const survey = await createSurvey(a.apiKey, SURVEY);
    await plant(a.site.key, survey.id, { respondent: { id: 'shared-id' }, answers: [{ questionId: 'nps', value: 2 }] });
    await call('/v1/outcomes', {
      method: 'POST',
      key: a.apiKey,
      json: {
        items: [
          { respondentId: 'shared-id', kind: 'retained' },
          { respondentId: 'only-outcome', kind: 'purchase', value: 5 },
        ],
      },
    });
    expect((await page('shared-id', a.apiKey)).status).toBe(200);
    expect((await page('shared-id', b.apiKey)).status).toBe(404);
    expect((await page('nobody', a.apiKey)).status).toBe(404);
    // someone known only from an outcome has a page too
    const known = (await (await page('only-outcome', a.apiKey)).json()) as RespondentProfile;
    expect(known.events).toEqual([expect.objectContaining({ type: 'outcome', kind: 'purchase', value: 5 })]);
    expect(known.responses).toBe(0);

    const erased = await call('/v1/respondents/shared-id', { method: 'DELETE', key: a.apiKey });
    expect(erased.status).toBe(200);
    const gone = await page('shared-id', a.apiKey);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('takes the id encoded once: "%" and "/" survive, a double-encoded id is another respondent', async () => {
    const { site, apiKey } = await createSite();
    const survey = await createSurvey(apiKey, SURVEY);
    for (const id of ['100%', 'a/b', 'ک ی‌ك'])
      await plant(site.key, survey.id, { respondent: { id }, answers: [{ questionId: 'nps', value: 5 }] });
    for (const id of ['100%', 'a/b', 'ک ی‌ك']) {
      const r = await page(id, apiKey);
      expect(r.status, id).toBe(200);
      expect(((await r.json()) as RespondentProfile).respondentId).toBe(id);
    }
    expect(
      (await call(`/v1/respondents/${encodeURIComponent(encodeURIComponent('100%'))}`, { key: apiKey })).status,
    ).toBe(404);
  });

  it('needs a read credential: refused without one', async () => {
    expect((await call('/v1/respondents/x')).status).toBe(401);
  });
});
