/**
 * Denominators that say what they count (#14), checked against counts made by hand: completion never
 * above 100%, `by=` with a '(none)' group so the groups add up, each group tested against the rest with
 * Holm's adjustment, and a conditional question's drop-off measured against the answers that could show it.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { holm, npsFromHistogram, poolNps, testNps } from '../../shared/metrics';
import { runBackfill } from '../../worker/sites/segments-sql';
import { call, getJson, postResponse, setup } from './helpers';

type Answer = { questionId: string; value: number | string | string[] };

async function post(
  ctx: { site: { key: string }; survey: { id: string } },
  answers: Answer[],
  extra: { completed?: boolean; plan?: string; locale?: string } = {},
) {
  const res = await postResponse({
    id: crypto.randomUUID(),
    siteKey: ctx.site.key,
    surveyId: ctx.survey.id,
    answers,
    ...(extra.plan ? { respondent: { attributes: { plan: extra.plan } } } : {}),
    ...(extra.locale ? { context: { locale: extra.locale } } : {}),
    completed: extra.completed ?? true,
  });
  expect(res.status).toBe(202);
}

const results = (ctx: { apiKey: string; survey: { id: string } }, qs = '') =>
  getJson(`/v1/surveys/${ctx.survey.id}/results${qs}`, ctx.apiKey);

describe('denominators', () => {
  it('counts as completed only a response that reached the end with an answer (rate ≤ 100%)', async () => {
    const ctx = await setup();
    await post(ctx, [{ questionId: 'nps', value: 9 }], { locale: 'fa' }); // answered, completed
    await post(ctx, [], { locale: 'fa' }); // completed: true with no answers: shown only
    await post(ctx, [], { locale: 'fa' });
    await post(ctx, [{ questionId: 'nps', value: 3 }], { completed: false, locale: 'fa' }); // answered, left
    for (const qs of ['', '?source=scan', '?locale=fa']) {
      const r = await results(ctx, qs);
      expect([r.shown, r.responses, r.completed], qs).toEqual([4, 2, 1]);
    }
  });

  it("gives responses without the attribute a '(none)' group, so the groups add up to the total", async () => {
    const ctx = await setup();
    const declared = await call('/v1/site/settings', {
      method: 'PATCH',
      key: ctx.apiKey,
      json: { segments: ['plan'] },
    });
    expect(declared.status).toBe(200);
    await runBackfill(env.DB, ctx.site.id);
    await post(ctx, [{ questionId: 'nps', value: 10 }], { plan: 'pro' });
    await post(ctx, [{ questionId: 'nps', value: 9 }], { plan: 'pro' });
    await post(ctx, [{ questionId: 'csat', value: 2 }], { plan: 'free' });
    await post(ctx, [{ questionId: 'nps', value: 0 }]);
    await post(ctx, [{ questionId: 'why', value: 'no plan, text only' }]);
    await post(ctx, [], { plan: 'team' }); // shown, never answered: in no group's responses
    for (const qs of ['?by=plan', '?by=plan&source=scan']) {
      const r = await results(ctx, qs);
      expect(r.source, qs).toBe(qs.includes('scan') ? 'scan' : 'rollup');
      const items = r.segments.items.map(
        (i: { value: string; none?: true; responses: number; nps: { n: number } | null }) => [
          i.value,
          i.none ?? false,
          i.responses,
          i.nps?.n ?? 0,
        ],
      );
      expect(items, qs).toEqual([
        ['(none)', true, 2, 1],
        ['pro', false, 2, 2],
        ['free', false, 1, 0],
      ]);
      expect(r.segments.items.reduce((s: number, i: { responses: number }) => s + i.responses, 0)).toBe(r.responses);
    }
    const byLocale = await results(ctx, '?by=locale');
    expect(byLocale.segments.items.map((i: { value: string; responses: number }) => [i.value, i.responses])).toEqual([
      ['(none)', 5],
    ]);
  });

  it('tests each group against the others with Holm across the table', async () => {
    const ctx = await setup();
    // one at a time: the test runtime refuses I/O shared between concurrent requests (the group commit)
    for (let i = 0; i < 40; i++) await post(ctx, [{ questionId: 'nps', value: 10 }], { plan: 'pro' });
    for (let i = 0; i < 40; i++) await post(ctx, [{ questionId: 'nps', value: i % 2 ? 10 : 0 }], { plan: 'free' });
    for (let i = 0; i < 5; i++) await post(ctx, [{ questionId: 'nps', value: 0 }]); // too few to test
    const r = await results(ctx, '?by=plan');
    const by = Object.fromEntries(r.segments.items.map((i: { value: string }) => [i.value, i]));
    // by hand: pro 40 promoters (NPS 100); free 20 promoters, 20 detractors (0); none 5 detractors (−100)
    const h = (p: number, d: number, pass = 0) => {
      const x = Array(11).fill(0);
      x[10] = p;
      x[0] = d;
      x[7] = pass;
      return npsFromHistogram(x)!;
    };
    const pro = h(40, 0);
    const free = h(20, 20);
    const none = h(0, 5);
    expect(by.pro.nps.score).toBe(100);
    expect(by.free.nps.score).toBe(0);
    expect(by['(none)'].vsRest).toEqual({}); // 5 answers: not tested, but pooled into the others' rest
    const rawPro = testNps(pro, poolNps([free, none])!).p;
    const rawFree = testNps(free, poolNps([pro, none])!).p;
    const [adjPro, adjFree] = holm([rawPro, rawFree]);
    expect(by.pro.vsRest.nps.rest).toBeCloseTo((20 / 45) * 100 - (25 / 45) * 100, 9);
    expect(by.pro.vsRest.nps.p).toBeCloseTo(adjPro!, 12);
    expect(by.free.vsRest.nps.rest).toBeCloseTo((40 / 45) * 100 - (5 / 45) * 100, 9);
    expect(by.free.vsRest.nps.p).toBeCloseTo(adjFree!, 12);
    expect(by.pro.vsRest.nps.p).toBeLessThan(0.05);
    expect(Math.max(adjPro!, adjFree!)).toBeGreaterThanOrEqual(Math.max(rawPro, rawFree));
  });

  it("measures a conditional question's drop-off against the answers that could show it", async () => {
    const ctx = await setup(); // 'why' shows when nps ≤ 6
    await post(ctx, [
      { questionId: 'nps', value: 3 },
      { questionId: 'why', value: 'slow' },
    ]);
    await post(ctx, [{ questionId: 'nps', value: 6 }]); // could have answered 'why', did not
    await post(ctx, [{ questionId: 'nps', value: 9 }]); // never saw it
    await post(ctx, [{ questionId: 'csat', value: 4 }]); // no nps: never saw it
    const r = await results(ctx);
    const why = r.questions.find((q: { id: string }) => q.id === 'why');
    expect([why.answered, why.eligible]).toEqual([1, 2]);
    expect(r.questions.find((q: { id: string }) => q.id === 'nps').eligible).toBeUndefined();
  });
});
