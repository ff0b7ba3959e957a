import { describe, expect, it } from 'vitest';
import type { Drivers } from '../../shared/contract/why';
import { call, createSite, createSurvey, getJson } from './helpers';
import { plant, rng } from './why-helpers';

const SURVEY = {
  name: 'Drivers',
  status: 'active' as const,
  questions: [
    { id: 'nps', type: 'nps' as const, prompt: { en: 'Recommend us?' } },
    { id: 'csat', type: 'csat' as const, prompt: { en: 'Satisfied with delivery?' } },
    { id: 'ces', type: 'ces' as const, prompt: { en: 'Easy to pay?' } },
    { id: 'look', type: 'rating' as const, scale: 5, prompt: { en: 'How do you like the look?' } },
    {
      id: 'issue',
      type: 'choice' as const,
      multiple: true,
      prompt: { en: 'Any problem?' },
      options: [
        { id: 'late', label: { en: 'Late' } },
        { id: 'none', label: { en: 'None' } },
      ],
    },
  ],
};

describe('key drivers', () => {
  it('recovers a planted driver structure in the right order, with intervals and "no evidence"', async () => {
    const { site, apiKey } = await createSite();
    const survey = await createSurvey(apiKey, SURVEY);
    const rand = rng(7);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    // NPS = 5 + 1.5·(csat − 3) + 0.4·(ces − 4) − 1.5·late + noise; "look" and the touchpoint play no part.
    for (let i = 0; i < 240; i++) {
      const csat = 1 + Math.floor(rand() * 5);
      const ces = 1 + Math.floor(rand() * 7);
      const look = 1 + Math.floor(rand() * 5);
      const late = rand() < 0.3;
      const nps = Math.max(
        0,
        Math.min(10, Math.round(5 + 1.5 * (csat - 3) + 0.4 * (ces - 4) - 1.5 * +late + normal())),
      );
      await plant(site.key, survey.id, {
        touchpoint: rand() < 0.5 ? 'web' : 'app',
        answers: [
          { questionId: 'nps', value: nps },
          { questionId: 'csat', value: csat },
          { questionId: 'ces', value: ces },
          { questionId: 'look', value: look },
          { questionId: 'issue', value: [late ? 'late' : 'none'] },
        ],
      });
    }
    const d = await getJson<Drivers>(`/v1/surveys/${survey.id}/drivers?target=nps`, apiKey);
    expect(d).toMatchObject({ target: 'nps', n: 240, enough: true });
    const by = (key: string) => d.drivers.find((x) => x.key === key)!;
    expect(d.drivers[0]!.key).toBe('csat');
    expect(by('csat').importance).toBeGreaterThan(by('ces').importance);
    expect(by('ces').importance).toBeGreaterThan(by('look').importance);
    for (const k of ['csat', 'ces', 'issue:late']) expect(by(k).evidence, k).toBe(true);
    for (const k of ['look', 'web']) {
      expect(by(k).evidence, k).toBe(false);
      expect(by(k).ci95[0]).toBeLessThanOrEqual(0);
      expect(by(k).ci95[1]).toBeGreaterThanOrEqual(0);
    }
    for (const x of d.drivers) expect(x.ci95[0]).toBeLessThanOrEqual(x.ci95[1]);
    expect(by('csat')).toMatchObject({ kind: 'question', n: 240 });
    expect(by('issue:late').kind).toBe('option');
    expect(by('web').kind).toBe('touchpoint');
    // Importances share out the R²; seeded: the same call gives the same figures.
    expect(d.drivers.reduce((s, x) => s + x.importance, 0)).toBeCloseTo(d.r2!, 2);
    expect(await getJson<Drivers>(`/v1/surveys/${survey.id}/drivers?target=nps`, apiKey)).toEqual(d);
  });

  it('says "not enough" under 30 answers and refuses a bad target', async () => {
    const { site, apiKey } = await createSite();
    const survey = await createSurvey(apiKey, SURVEY);
    await plant(site.key, survey.id, { answers: [{ questionId: 'nps', value: 9 }] });
    const d = await getJson<Drivers>(`/v1/surveys/${survey.id}/drivers`, apiKey);
    expect(d).toMatchObject({ n: 1, enough: false, drivers: [] });
    expect((await call(`/v1/surveys/${survey.id}/drivers?target=nope`, { key: apiKey })).status).toBe(400);
    expect((await call('/v1/surveys/nope/drivers', { key: apiKey })).status).toBe(404);
  });
});
