import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { addDays, dayOf } from '../../shared/dates';
import { collect } from '../../worker/collect/collect';
import { call, getJson, setup } from './helpers';

const DAY = 86_400_000;

/** Stores a response as the collector would, at a chosen time (for trends and previous periods). */
async function answer(
  siteKey: string,
  surveyId: string,
  answers: { questionId: string; value: number | string | string[] }[],
  opts: {
    at?: number;
    touchpoint?: string;
    completed?: boolean;
    respondent?: string;
    locale?: string;
    plan?: string;
  } = {},
) {
  const id = crypto.randomUUID();
  await collect(
    env.DB,
    {
      id,
      siteKey,
      surveyId,
      answers,
      completed: opts.completed ?? true,
      ...(opts.touchpoint ? { touchpoint: opts.touchpoint } : {}),
      ...(opts.respondent || opts.plan
        ? {
            respondent: {
              ...(opts.respondent ? { id: opts.respondent } : {}),
              ...(opts.plan ? { attributes: { plan: opts.plan } } : {}),
            },
          }
        : {}),
      ...(opts.locale ? { context: { locale: opts.locale } } : {}),
    },
    {},
    opts.at ?? Date.now(),
  );
  return id;
}

describe('GET /v1/surveys/:id/results', () => {
  it('computes NPS 45 with its adjusted-Wald interval from 60 promoters, 25 passives and 15 detractors', async () => {
    const { site, apiKey, survey } = await setup();
    const scores = [...Array(60).fill(9), ...Array(25).fill(7), ...Array(15).fill(3)];
    await Promise.all(scores.map((v) => answer(site.key, survey.id, [{ questionId: 'nps', value: v }])));
    const r = await getJson(`/v1/surveys/${survey.id}/results`, apiKey);
    expect(r.metrics.nps).toMatchObject({
      score: 45,
      n: 100,
      promoters: 60,
      passives: 25,
      detractors: 15,
      enough: true,
    });
    // Unrounded, as test/shared/metrics.test.ts computes it (Rocks 2016 adjusted Wald).
    expect(r.metrics.nps.ci95[0]).toBeCloseTo(29.343111201734093, 9);
    expect(r.metrics.nps.ci95[1]).toBeCloseTo(58.03552957496494, 9);
    expect(r.metrics.csat).toBeNull(); // no answers: null, not zero
    expect(r.responses).toBe(100);
  });

  it('reports shown vs answered vs completed, and per-question distributions and options', async () => {
    const { site, apiKey, survey } = await setup();
    await answer(site.key, survey.id, [], { completed: false }); // shown, never answered
    await answer(site.key, survey.id, [{ questionId: 'nps', value: 2 }], { completed: false });
    await answer(site.key, survey.id, [
      { questionId: 'nps', value: 10 },
      { questionId: 'csat', value: 5 },
      { questionId: 'channel', value: ['search', 'friend'] },
    ]);
    await answer(site.key, survey.id, [
      { questionId: 'nps', value: 10 },
      { questionId: 'ces', value: 6 },
      { questionId: 'channel', value: ['friend'] },
    ]);
    const r = await getJson(`/v1/surveys/${survey.id}/results`, apiKey);
    expect([r.shown, r.responses, r.completed]).toEqual([4, 3, 2]);
    const q = Object.fromEntries(r.questions.map((x: { id: string }) => [x.id, x]));
    expect(q.nps.answered).toBe(3);
    expect(q.nps.distribution.find((d: { value: number }) => d.value === 10).count).toBe(2);
    expect(q.nps.distribution).toHaveLength(11);
    expect(q.csat.distribution).toHaveLength(5);
    expect(q.channel.options.map((o: { id: string; count: number }) => [o.id, o.count])).toEqual([
      ['search', 1],
      ['friend', 2],
      ['ad', 0],
    ]);
    expect(r.metrics.csat).toMatchObject({ score: 100, n: 1, enough: false });
    expect(r.metrics.ces).toMatchObject({ mean: 6, n: 1 });
  });

  it('breaks down by touchpoint with its journey stage, and filters by touchpoint', async () => {
    const { site, apiKey, survey } = await setup();
    await call('/v1/touchpoints', {
      method: 'POST',
      key: apiKey,
      json: { key: 'checkout', name: 'Checkout', stage: 'purchase' },
    });
    await answer(site.key, survey.id, [{ questionId: 'nps', value: 10 }], { touchpoint: 'checkout' });
    await answer(site.key, survey.id, [{ questionId: 'nps', value: 0 }], { touchpoint: 'help' });
    const r = await getJson(`/v1/surveys/${survey.id}/results`, apiKey);
    const tp = Object.fromEntries(r.touchpoints.map((t: { key: string }) => [t.key, t]));
    expect(tp.checkout).toMatchObject({ name: 'Checkout', stage: 'purchase', responses: 1, nps: { score: 100 } });
    expect(tp.help).toMatchObject({ stage: null, nps: { score: -100 } });
    const only = await getJson(`/v1/surveys/${survey.id}/results?touchpoint=help`, apiKey);
    expect(only.metrics.nps).toMatchObject({ n: 1, score: -100 });
  });

  it('builds the trend by day, week and month and compares with the previous period', async () => {
    const { site, apiKey, survey } = await setup();
    const now = Date.now();
    const to = dayOf(now);
    // this 14-day period: 40 answers, all promoters; the 14 days before: 40 answers, all detractors
    for (let i = 0; i < 40; i++) {
      await answer(site.key, survey.id, [{ questionId: 'nps', value: 10 }], { at: now - (i % 14) * DAY });
      await answer(site.key, survey.id, [{ questionId: 'nps', value: 1 }], { at: now - (14 + (i % 14)) * DAY });
    }
    const from = addDays(to, -13);
    const r = await getJson(`/v1/surveys/${survey.id}/results?from=${from}&to=${to}&interval=day`, apiKey);
    expect(r.range.previous).toEqual({ from: addDays(from, -14), to: addDays(from, -1) });
    expect(r.trend).toHaveLength(14);
    expect(r.trend.reduce((s: number, p: { responses: number }) => s + p.responses, 0)).toBe(40);
    expect(r.previous.metrics.nps).toMatchObject({ score: -100, n: 40 });
    expect(r.comparison.nps).toMatchObject({ delta: 200, significant: true });
    const weekly = await getJson(`/v1/surveys/${survey.id}/results?from=${from}&to=${to}&interval=week`, apiKey);
    expect(weekly.trend.length).toBeGreaterThanOrEqual(2);
    expect(weekly.trend.length).toBeLessThanOrEqual(3);
    for (const p of weekly.trend) expect(new Date(`${p.period}T00:00:00Z`).getUTCDay()).toBe(1); // Mondays
    const monthly = await getJson(`/v1/surveys/${survey.id}/results?from=${from}&to=${to}&interval=month`, apiKey);
    for (const p of monthly.trend) expect(p.period.endsWith('-01')).toBe(true);
  });

  it('filters by segment and locale and breaks down by an attribute (scan path, same numbers)', async () => {
    const { site, apiKey, survey } = await setup();
    await answer(site.key, survey.id, [{ questionId: 'nps', value: 10 }], { plan: 'pro', locale: 'fa' });
    await answer(site.key, survey.id, [{ questionId: 'nps', value: 9 }], { plan: 'pro', locale: 'en' });
    await answer(site.key, survey.id, [{ questionId: 'nps', value: 2 }], { plan: 'free', locale: 'en' });
    const pro = await getJson(`/v1/surveys/${survey.id}/results?segment=plan:pro`, apiKey);
    expect(pro.source).toBe('scan');
    expect(pro.metrics.nps).toMatchObject({ n: 2, score: 100 });
    const fa = await getJson(`/v1/surveys/${survey.id}/results?locale=fa`, apiKey);
    expect(fa.metrics.nps).toMatchObject({ n: 1 });
    const by = await getJson(`/v1/surveys/${survey.id}/results?by=plan`, apiKey);
    const items = Object.fromEntries(by.segments.items.map((i: { value: string }) => [i.value, i]));
    expect(items.pro.nps).toMatchObject({ n: 2, score: 100 });
    expect(items.free.nps).toMatchObject({ n: 1, score: -100 });
    const byLocale = await getJson(`/v1/surveys/${survey.id}/results?by=locale`, apiKey);
    expect(byLocale.segments.items.map((i: { value: string }) => i.value).sort()).toEqual(['en', 'fa']);
  });

  it('answers 400 for a bad query, naming the parameter', async () => {
    const { apiKey, survey } = await setup();
    for (const qs of [
      'from=2026-02-30',
      'interval=hour',
      'from=2026-05-01&to=2026-04-01',
      "segment=x'--",
      'by=a%20b',
    ]) {
      const r = await call(`/v1/surveys/${survey.id}/results?${qs}`, { key: apiKey });
      expect(r.status, qs).toBe(400);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
  });
});

describe('erasure', () => {
  it('DELETE /v1/respondents/:id removes their responses and answers, and the results follow', async () => {
    const { site, apiKey, survey } = await setup();
    await answer(
      site.key,
      survey.id,
      [
        { questionId: 'nps', value: 0 },
        { questionId: 'why', value: 'Too slow' },
      ],
      { respondent: 'user-42' },
    );
    await answer(site.key, survey.id, [{ questionId: 'nps', value: 10 }], { respondent: 'user-7' });
    const before = await getJson(`/v1/surveys/${survey.id}/results`, apiKey);
    expect(before.metrics.nps.n).toBe(2);
    const del = await call('/v1/respondents/user-42', { method: 'DELETE', key: apiKey });
    expect(del.status).toBe(200);
    expect(await del.json()).toMatchObject({ deletedResponses: 1 });
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM responses WHERE respondent_id = 'user-42'").first<{
      n: number;
    }>();
    expect(left!.n).toBe(0);
    const text = await env.DB.prepare("SELECT COUNT(*) AS n FROM answers WHERE text = 'Too slow'").first<{
      n: number;
    }>();
    expect(text!.n).toBe(0);
    const after = await getJson(`/v1/surveys/${survey.id}/results`, apiKey);
    expect(after.metrics.nps).toMatchObject({ n: 1, score: 100 });
    expect(after.responses).toBe(1);
  });

  it("cannot erase another site's respondent", async () => {
    const a = await setup();
    const b = await setup();
    await answer(a.site.key, a.survey.id, [{ questionId: 'nps', value: 5 }], { respondent: 'shared-id' });
    const del = await call('/v1/respondents/shared-id', { method: 'DELETE', key: b.apiKey });
    expect(await del.json()).toMatchObject({ deletedResponses: 0 });
    expect((await getJson(`/v1/surveys/${a.survey.id}/results`, a.apiKey)).metrics.nps.n).toBe(1);
  });
});
