import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { Journey } from '../../shared/contract/insights';
import { dayOf } from '../../shared/dates';
import { AtRiskList } from '../../shared/schemas/api';
import type { ErrorBody } from '../../shared/schemas/common';
import { STAGES } from '../../shared/schemas/common';
import type { SurveyInput } from '../../shared/schemas/survey';
import { topTerms } from '../../shared/sentiment';
import { call, createSurvey, getJson, postResponse, setup } from './helpers';

type Answer = { questionId: string; value: number | string | string[] };
type Post = {
  id?: string;
  touchpoint?: string;
  answers: Answer[];
  respondent?: { id?: string; attributes?: Record<string, string | number | boolean> };
  locale?: string;
  completed?: boolean;
};

/** Posts one response through the collector (received `at` that time, if given) and returns its id. */
async function post(siteKey: string, surveyId: string, p: Post, at?: string): Promise<string> {
  const id = p.id ?? crypto.randomUUID();
  if (at) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(at));
  }
  const res = await postResponse({
    id,
    siteKey,
    surveyId,
    ...(p.touchpoint ? { touchpoint: p.touchpoint } : {}),
    answers: p.answers,
    ...(p.respondent ? { respondent: p.respondent } : {}),
    ...(p.locale ? { context: { locale: p.locale } } : {}),
    completed: p.completed ?? true,
  }).finally(() => vi.useRealTimers());
  if (res.status !== 202) throw new Error(`post: ${res.status} ${await res.text()}`);
  return id;
}

async function touchpoint(apiKey: string, key: string, stage: string, name = key) {
  const res = await call('/v1/touchpoints', { method: 'POST', key: apiKey, json: { key, name, stage } });
  if (res.status >= 300) throw new Error(`touchpoint: ${res.status} ${await res.text()}`);
}

type Verbatim = {
  responseId: string;
  questionId: string;
  text: string;
  sentiment: string;
  score?: number;
  touchpoint?: string;
  locale?: string;
  createdAt: string;
};

const repeat = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

/** A second survey whose first nps question is `nps2`; `nps3` must never count. */
const SECOND_SURVEY: SurveyInput = {
  name: 'Support pulse',
  status: 'active',
  questions: [
    { id: 'stars', type: 'rating', prompt: { en: 'Rate us' } },
    { id: 'nps2', type: 'nps', prompt: { en: 'Recommend?' } },
    { id: 'nps3', type: 'nps', prompt: { en: 'Recommend the app?' } },
    { id: 'note', type: 'text', prompt: { en: 'Anything else?' } },
  ],
};

describe('GET /v1/journey', () => {
  it('groups touchpoints by stage in journey order with hand-computed metrics, friction, and only its own site', async () => {
    const { site, apiKey, survey } = await setup();
    const second = await createSurvey(apiKey, SECOND_SURVEY);
    await touchpoint(apiKey, 'home', 'awareness', 'Home page');
    await touchpoint(apiKey, 'checkout', 'purchase', 'Checkout');
    await touchpoint(apiKey, 'help', 'support', 'Help centre');
    await touchpoint(apiKey, 'renewal', 'loyalty', 'Renewal');

    // checkout: survey 1 gives 20×10, 5×8, 5×3 (csat 5, ces 2); survey 2 gives 10×0 on its first nps
    // question (its second nps question says 10 and must be ignored) → 20 P, 5 Pa, 15 D of 40 = +12.5.
    const checkoutNps = [...repeat(20, () => 10), ...repeat(5, () => 8), ...repeat(5, () => 3)];
    for (const v of checkoutNps) {
      await post(site.key, survey.id, {
        touchpoint: 'checkout',
        answers: [
          { questionId: 'nps', value: v },
          { questionId: 'csat', value: 5 },
          { questionId: 'ces', value: 2 },
        ],
      });
    }
    for (let i = 0; i < 10; i++) {
      await post(site.key, second.id, {
        touchpoint: 'checkout',
        answers: [
          { questionId: 'nps2', value: 0 },
          { questionId: 'nps3', value: 10 },
        ],
      });
    }
    // home: 30×9 (NPS 100), csat 2 (CSAT 0), ces 6 → the worst CSAT and CES
    for (let i = 0; i < 30; i++) {
      await post(site.key, survey.id, {
        touchpoint: 'home',
        answers: [
          { questionId: 'nps', value: 9 },
          { questionId: 'csat', value: 2 },
          { questionId: 'ces', value: 6 },
        ],
      });
    }
    // help: too few answers to be called out, however bad
    for (let i = 0; i < 3; i++) {
      await post(site.key, survey.id, { touchpoint: 'help', answers: [{ questionId: 'nps', value: 0 }] });
    }
    // shown but unanswered at help, and answers outside any registered touchpoint
    await post(site.key, survey.id, { touchpoint: 'help', answers: [], completed: false });
    await post(site.key, survey.id, { touchpoint: 'nowhere', answers: [{ questionId: 'nps', value: 0 }] });
    await post(site.key, survey.id, { answers: [{ questionId: 'nps', value: 0 }] });

    // another site with the same touchpoint key and terrible scores
    const other = await setup();
    await touchpoint(other.apiKey, 'checkout', 'purchase', 'Their checkout');
    for (let i = 0; i < 30; i++) {
      await post(other.site.key, other.survey.id, {
        touchpoint: 'checkout',
        answers: [{ questionId: 'nps', value: 0 }],
      });
    }

    const res = await call('/v1/journey', { key: apiKey });
    expect(res.status).toBe(200);
    const rowsRead = Number(res.headers.get('Seda-Rows-Read'));
    expect(rowsRead).toBeGreaterThan(0);
    const j = (await res.json()) as Journey;

    expect(j.stages.map((s: { stage: string }) => s.stage)).toEqual([...STAGES]);
    const cells = (stage: string) => j.stages.find((s) => s.stage === stage)!.touchpoints;
    expect(cells('awareness').map((t: { key: string }) => t.key)).toEqual(['home']);
    expect(cells('consideration')).toEqual([]);
    expect(cells('loyalty')).toEqual([{ key: 'renewal', name: 'Renewal', n: 0, nps: null, csat: null, ces: null }]);

    const checkout = cells('purchase')[0]!;
    expect(checkout).toMatchObject({ key: 'checkout', name: 'Checkout', n: 40 });
    expect(checkout.nps).toMatchObject({
      score: 12.5,
      n: 40,
      promoters: 20,
      passives: 5,
      detractors: 15,
      enough: true,
    });
    expect(checkout.csat).toMatchObject({ score: 100, n: 30, satisfied: 30, enough: true });
    expect(checkout.ces).toMatchObject({ mean: 2, n: 30, enough: true });

    const home = cells('awareness')[0]!;
    expect(home).toMatchObject({ key: 'home', name: 'Home page', n: 30 });
    expect(home.nps).toMatchObject({ score: 100, n: 30, promoters: 30, detractors: 0 });
    expect(home.csat).toMatchObject({ score: 0, n: 30 });
    expect(home.ces).toMatchObject({ mean: 6, n: 30 });

    const help = cells('support')[0]!;
    expect(help).toMatchObject({ key: 'help', n: 3, csat: null, ces: null });
    expect(help.nps).toMatchObject({ score: -100, n: 3, enough: false });

    // results' metric shapes, exactly
    const results = await getJson(`/v1/surveys/${survey.id}/results?touchpoint=home`, apiKey);
    expect(home.nps).toEqual(results.metrics.nps);
    expect(home.csat).toEqual(results.metrics.csat);
    expect(home.ces).toEqual(results.metrics.ces);

    // Each is significantly worse than the other touchpoints together (Holm-adjusted, shared/friction.ts).
    expect(j.friction).toMatchObject([
      { key: 'checkout', stage: 'purchase', metric: 'nps', value: 12.5 },
      { key: 'home', stage: 'awareness', metric: 'csat', value: 0, rest: 100 },
      { key: 'checkout', stage: 'purchase', metric: 'ces', value: 2, rest: 6 }, // 1–7 agreement that it was easy
    ]);
    for (const f of j.friction) expect(f.p).toBeLessThan(0.05);

    // rollups only: more responses in the same cells read no more rows
    for (let i = 0; i < 20; i++) {
      await post(site.key, survey.id, { touchpoint: 'home', answers: [{ questionId: 'nps', value: 9 }] });
    }
    const again = await call('/v1/journey', { key: apiKey });
    expect(Number(again.headers.get('Seda-Rows-Read'))).toBe(rowsRead);
    const homeAgain = ((await again.json()) as Journey).stages[0]!.touchpoints[0];
    expect(homeAgain).toMatchObject({ n: 50, nps: { n: 50, promoters: 50 } });

    // the other site sees only its own
    const theirs = await getJson('/v1/journey', other.apiKey);
    const all = theirs.stages.flatMap((s: { touchpoints: unknown[] }) => s.touchpoints);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ key: 'checkout', name: 'Their checkout', n: 30, nps: { score: -100, n: 30 } });
    expect(theirs.friction).toEqual([]);
  });

  it('honours the day range and refuses bad input with 4xx', async () => {
    const { site, apiKey, survey } = await setup();
    await touchpoint(apiKey, 'checkout', 'purchase');
    await post(site.key, survey.id, { touchpoint: 'checkout', answers: [{ questionId: 'nps', value: 10 }] });
    const today = dayOf(Date.now());
    const inRange = await getJson(`/v1/journey?from=${today}&to=${today}`, apiKey);
    expect(inRange.stages[2].touchpoints[0]).toMatchObject({ key: 'checkout', n: 1, nps: { score: 100 } });
    const past = await getJson('/v1/journey?from=2020-01-01&to=2020-01-31', apiKey);
    expect(past.range).toEqual({ from: '2020-01-01', to: '2020-01-31' });
    expect(past.stages[2].touchpoints[0]).toEqual({
      key: 'checkout',
      name: 'checkout',
      n: 0,
      nps: null,
      csat: null,
      ces: null,
    });

    for (const q of ['from=2020-02-01&to=2020-01-01', 'from=yesterday', 'to=2020-02-30']) {
      const res = await call(`/v1/journey?${q}`, { key: apiKey });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.code).toBe('invalid_request');
    }
    expect((await call('/v1/journey')).status).toBe(401);
    expect((await call('/v1/journey', { key: 'sk_nope' })).status).toBe(401);
  });
});

describe('GET /v1/surveys/:id/verbatims', () => {
  const TEXTS = [
    'Great service, love it',
    'Terrible slow DELIVERY, awful',
    'The package arrived on Tuesday',
    'Got 50% off, nice',
    'Got 500 off',
    'a_b testing page',
    'axb testing page',
    '<script>alert("x")</script>',
  ];

  async function seed() {
    const ctx = await setup();
    const ids: string[] = [];
    for (const [i, text] of TEXTS.entries()) {
      ids.push(
        await post(ctx.site.key, ctx.survey.id, {
          touchpoint: i % 2 ? 'checkout' : 'home',
          locale: i === 0 ? 'fa' : 'en',
          answers: [
            { questionId: 'nps', value: i },
            { questionId: 'why', value: text },
          ],
        }),
      );
    }
    return { ...ctx, ids };
  }

  const list = (surveyId: string, apiKey: string, q = '') =>
    getJson<{ items: Verbatim[]; nextCursor?: string }>(`/v1/surveys/${surveyId}/verbatims${q}`, apiKey);

  it('lists open-text answers newest first with score, touchpoint, locale and sentiment', async () => {
    const { apiKey, survey, ids } = await seed();
    const { items, nextCursor } = await list(survey.id, apiKey);
    expect(items).toHaveLength(TEXTS.length);
    expect(nextCursor).toBeUndefined();
    const times = items.map((i) => Date.parse(i.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const first = items.find((i) => i.responseId === ids[0]);
    expect(first).toEqual({
      responseId: ids[0],
      questionId: 'why',
      text: 'Great service, love it',
      sentiment: 'positive',
      score: 0,
      touchpoint: 'home',
      locale: 'fa',
      topics: expect.any(Array),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(items.find((i) => i.responseId === ids[1])?.sentiment).toBe('negative');
  });

  it('returns a <script> answer verbatim as JSON text', async () => {
    const { apiKey, survey, ids } = await seed();
    const res = await call(`/v1/surveys/${survey.id}/verbatims?q=${encodeURIComponent('<script>')}`, { key: apiKey });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { items: { responseId: string; text: string }[] };
    expect(body.items).toEqual([expect.objectContaining({ responseId: ids[7], text: '<script>alert("x")</script>' })]);
  });

  it('searches case-insensitively, with % and _ taken literally', async () => {
    const { apiKey, survey, ids } = await seed();
    const texts = async (q: string) =>
      (await list(survey.id, apiKey, `?q=${encodeURIComponent(q)}`)).items.map((i) => i.text).sort();
    expect(await texts('delivery')).toEqual(['Terrible slow DELIVERY, awful']);
    expect(await texts('50%')).toEqual(['Got 50% off, nice']);
    expect(await texts('a_b')).toEqual(['a_b testing page']);
    expect(await texts('GOT')).toEqual(['Got 50% off, nice', 'Got 500 off']);
    expect(await texts("'; DROP TABLE answers; --")).toEqual([]);
    expect(await texts('  ')).toHaveLength(TEXTS.length); // blank search = no search
    expect((await list(survey.id, apiKey, '?touchpoint=checkout')).items.map((i) => i.responseId).sort()).toEqual(
      [ids[1], ids[3], ids[5], ids[7]].sort(),
    );
  });

  it('filters by sentiment as stored', async () => {
    const { apiKey, survey } = await seed();
    for (const [label, code] of [
      ['positive', 1],
      ['neutral', 0],
      ['negative', -1],
    ] as const) {
      const stored = await env.DB.prepare(
        'SELECT text FROM answers WHERE survey_id = ? AND text IS NOT NULL AND sentiment = ? ORDER BY text',
      )
        .bind(survey.id, code)
        .all<{ text: string }>();
      const got = (await list(survey.id, apiKey, `?sentiment=${label}`)).items;
      expect(got.map((i) => i.text).sort()).toEqual(stored.results.map((r) => r.text).sort());
      expect(got.every((i) => i.sentiment === label)).toBe(true);
      expect(got.length).toBeGreaterThan(0);
    }
  });

  it('pages with an opaque cursor covering every item exactly once, even within one millisecond', async () => {
    const { apiKey, survey, ids } = await seed();
    // make several answers share one timestamp, so only the rest of the key orders them
    await env.DB.prepare('UPDATE answers SET created_at = 1700000000000 WHERE survey_id = ?').bind(survey.id).run();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list(survey.id, apiKey, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => i.responseId));
      cursor = page.nextCursor;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(ids.length);
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it('answers 400 for a malformed cursor or bad query, 404 for another site’s survey', async () => {
    const { apiKey, survey } = await seed();
    const b64 = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    for (const cursor of [
      'not a cursor!',
      'abc',
      b64('{"a":1}'),
      b64('[1,"x"]'),
      b64('[-1,"r","why"]'),
      'x'.repeat(201),
    ]) {
      const res = await call(`/v1/surveys/${survey.id}/verbatims?cursor=${encodeURIComponent(cursor)}`, {
        key: apiKey,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.code).toBe('invalid_request');
    }
    for (const q of ['limit=0', 'limit=201', 'limit=ten', 'sentiment=angry', 'from=2020-13-01', 'touchpoint=a%20b']) {
      expect((await call(`/v1/surveys/${survey.id}/verbatims?${q}`, { key: apiKey })).status).toBe(400);
    }
    const other = await setup();
    expect((await call(`/v1/surveys/${survey.id}/verbatims`, { key: other.apiKey })).status).toBe(404);
    expect((await call(`/v1/surveys/${survey.id}/terms`, { key: other.apiKey })).status).toBe(404);
  });
});

describe('GET /v1/surveys/:id/terms', () => {
  it('returns the top recurring terms of each sentiment', async () => {
    const { site, apiKey, survey } = await setup();
    const texts = [
      'Terrible slow delivery, awful',
      'Awful, the delivery was slow and late',
      'Slow checkout, terrible',
      'Great support, love the team',
      'Love the support, great help',
      'The package arrived on Tuesday',
    ];
    for (const text of texts) {
      await post(site.key, survey.id, { touchpoint: 'checkout', answers: [{ questionId: 'why', value: text }] });
    }
    const other = await setup();
    await post(other.site.key, other.survey.id, { answers: [{ questionId: 'why', value: 'slow slow slow awful' }] });

    const t = await getJson(`/v1/surveys/${survey.id}/terms`, apiKey);
    expect(Object.keys(t).sort()).toEqual(['negative', 'neutral', 'positive']);
    expect(t.negative).toContainEqual({ term: 'slow', count: 3 });
    expect(t.negative).toContainEqual({ term: 'delivery', count: 2 });
    expect(t.positive).toContainEqual({ term: 'support', count: 2 });
    // exactly the shared scorer's terms over the stored texts of each sentiment
    for (const [label, code] of [
      ['positive', 1],
      ['neutral', 0],
      ['negative', -1],
    ] as const) {
      const { results } = await env.DB.prepare(
        'SELECT text FROM answers WHERE survey_id = ? AND sentiment = ? AND text IS NOT NULL',
      )
        .bind(survey.id, code)
        .all<{ text: string }>();
      expect(t[label]).toEqual(
        topTerms(
          results.map((r) => r.text),
          20,
        ),
      );
    }
    const filtered = await getJson(`/v1/surveys/${survey.id}/terms?touchpoint=home`, apiKey);
    expect(filtered).toEqual({ positive: [], neutral: [], negative: [] });
    expect((await call(`/v1/surveys/${survey.id}/terms?from=2020-02-02&to=2020-02-01`, { key: apiKey })).status).toBe(
      400,
    );
  });
});

describe('GET /v1/at-risk', () => {
  it('lists identified detractors and 3+ point drops with their last comment, newest first', async () => {
    const { site, apiKey, survey } = await setup();
    const second = await createSurvey(apiKey, SECOND_SURVEY);
    const nps = (respondent: string, value: number, extra: Partial<Post> = {}, surveyId = survey.id) =>
      post(site.key, surveyId, {
        respondent: { id: respondent },
        answers: [{ questionId: surveyId === survey.id ? 'nps' : 'nps2', value }, ...(extra.answers ?? [])],
        ...(extra.touchpoint ? { touchpoint: extra.touchpoint } : {}),
      });

    const detractorResponse = await nps('u-detractor', 4, {
      touchpoint: 'checkout',
      answers: [{ questionId: 'why', value: 'Too expensive' }],
    });
    await nps('u-drop', 9, { answers: [{ questionId: 'why', value: 'Love it' }] });
    const dropResponse = await nps(
      'u-drop',
      5,
      { answers: [{ questionId: 'note', value: 'It got worse' }] },
      second.id,
    );
    await nps('u-happy', 10);
    await nps('u-recovered', 3);
    await nps('u-recovered', 9);
    await nps('u-slip', 10);
    await nps('u-slip', 7);
    // not on the list: an unidentified detractor, a detractor only on a survey's second nps question
    await post(site.key, survey.id, { answers: [{ questionId: 'nps', value: 0 }] });
    await post(site.key, second.id, {
      respondent: { id: 'u-second-question' },
      answers: [
        { questionId: 'nps2', value: 9 },
        { questionId: 'nps3', value: 0 },
      ],
    });
    // another site's respondent with the same id
    const other = await setup();
    await post(other.site.key, other.survey.id, {
      respondent: { id: 'u-happy' },
      answers: [
        { questionId: 'nps', value: 0 },
        { questionId: 'why', value: 'other site' },
      ],
    });

    const list = await getJson('/v1/at-risk', apiKey);
    expect(AtRiskList.safeParse(list).error).toBeUndefined();
    const { items } = list;
    const byId = Object.fromEntries(items.map((i: { respondentId: string }) => [i.respondentId, i]));
    expect(Object.keys(byId).sort()).toEqual(['u-detractor', 'u-drop', 'u-slip']);
    expect(byId['u-detractor']).toEqual({
      respondentId: 'u-detractor',
      responseId: detractorResponse,
      surveyId: survey.id,
      touchpoint: 'checkout',
      latestScore: 4,
      reason: 'detractor',
      lastComment: 'Too expensive',
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(byId['u-drop']).toMatchObject({
      responseId: dropResponse, // the latest answer's response, not the earlier one
      surveyId: second.id,
      latestScore: 5,
      previousScore: 9,
      drop: 4,
      reason: 'dropped',
      lastComment: 'It got worse',
    });
    expect(byId['u-drop'].touchpoint).toBeUndefined();
    expect(byId['u-slip']).toMatchObject({ latestScore: 7, previousScore: 10, drop: 3, reason: 'dropped' });
    expect(byId['u-slip'].lastComment).toBeUndefined();
    const times = items.map((i: { at: string }) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // erased respondents leave the list
    expect((await call('/v1/respondents/u-detractor', { method: 'DELETE', key: apiKey })).status).toBe(200);
    const after = await getJson('/v1/at-risk', apiKey);
    expect(after.items.map((i: { respondentId: string }) => i.respondentId).sort()).toEqual(['u-drop', 'u-slip']);

    const theirs = await getJson('/v1/at-risk', other.apiKey);
    expect(theirs.items).toEqual([expect.objectContaining({ respondentId: 'u-happy', lastComment: 'other site' })]);
    expect((await getJson('/v1/at-risk?from=2020-01-01&to=2020-01-31', apiKey)).items).toEqual([]);
    expect((await call('/v1/at-risk?from=nope', { key: apiKey })).status).toBe(400);
  });
  it("gives the response to open a follow-up case on, and that case's status once there is one", async () => {
    const { site, apiKey, survey } = await setup();
    const responseId = await post(site.key, survey.id, {
      respondent: { id: 'u-call-back' },
      answers: [{ questionId: 'nps', value: 2 }],
    });
    const item = async () => (await getJson('/v1/at-risk', apiKey)).items[0];
    expect(await item()).toMatchObject({ respondentId: 'u-call-back', responseId });
    expect((await item()).caseStatus).toBeUndefined();

    // what the dashboard's "Open case" sends, twice (a double click, a second tab): one case
    for (let i = 0; i < 2; i++) {
      const res = await call(`/v1/cases/${responseId}`, { method: 'PUT', key: apiKey, json: {} });
      expect(res.status).toBe(200);
    }
    expect((await item()).caseStatus).toBe('open');
    const cases = await getJson('/v1/cases', apiKey);
    expect(cases.cases.map((c: { responseId: string }) => c.responseId)).toEqual([responseId]);

    // opening again never reopens a case the team has moved along
    await call(`/v1/cases/${responseId}`, { method: 'PATCH', key: apiKey, json: { status: 'contacted' } });
    await call(`/v1/cases/${responseId}`, { method: 'PUT', key: apiKey, json: {} });
    expect((await item()).caseStatus).toBe('contacted');
  });
  it('looks at the range asked for: later answers ignored, a previous answer counts within a year', async () => {
    const { site, apiKey, survey } = await setup();
    const nps = (respondent: string, value: number, at: string) =>
      post(site.key, survey.id, { respondent: { id: respondent }, answers: [{ questionId: 'nps', value }] }, at);
    await nps('u-old', 10, '2024-01-10T10:00:00Z'); // more than a year before the range: no drop
    await nps('u-old', 7, '2025-06-01T10:00:00Z');
    await nps('u-recent', 10, '2024-09-01T10:00:00Z');
    await nps('u-recent', 7, '2025-06-02T10:00:00Z');
    await nps('u-later', 3, '2025-06-03T10:00:00Z'); // a detractor in June who recovered in July
    await nps('u-later', 10, '2025-07-05T10:00:00Z');
    await nps('u-before', 2, '2025-05-20T10:00:00Z'); // latest answer before the range

    const june = await getJson('/v1/at-risk?from=2025-06-01&to=2025-06-30', apiKey);
    expect(june.items.map((i: { respondentId: string }) => i.respondentId)).toEqual(['u-later', 'u-recent']);
    expect(june.items[0]).toMatchObject({ latestScore: 3, reason: 'detractor', at: '2025-06-03T10:00:00.000Z' });
    expect(june.items[0].previousScore).toBeUndefined();
    expect(june.items[1]).toMatchObject({ latestScore: 7, previousScore: 10, drop: 3, reason: 'dropped' });
    const july = await getJson('/v1/at-risk?from=2025-07-01&to=2025-07-31', apiKey);
    expect(july.items).toEqual([]);
  });
  it('reads in proportion to the people at risk, not to everyone who answered in the range', async () => {
    const { site, apiKey, survey } = await setup();
    // 300 satisfied identified customers and 4 detractors in the same days. A site with a million
    // responses has hundreds of thousands of the first kind: reading them all took seconds.
    for (let i = 0; i < 300; i++) {
      await post(site.key, survey.id, { respondent: { id: `happy-${i}` }, answers: [{ questionId: 'nps', value: 9 }] });
    }
    for (let i = 0; i < 4; i++) {
      await post(site.key, survey.id, {
        respondent: { id: `unhappy-${i}` },
        answers: [{ questionId: 'nps', value: 2 }],
      });
    }
    const res = await call('/v1/at-risk', { key: apiKey });
    const body = (await res.json()) as { items: { respondentId: string }[] };
    expect(body.items.map((i) => i.respondentId).sort()).toEqual(['unhappy-0', 'unhappy-1', 'unhappy-2', 'unhappy-3']);
    // Each listed row costs a few reads (its comment, its case); the 300 promoters cost none.
    expect(Number(res.headers.get('seda-rows-read'))).toBeLessThan(60);
    expect(await getJson('/v1/at-risk?source=scan', apiKey)).toEqual(body);
  }, 120_000);
});

describe('GET /v1/segments', () => {
  it('lists attribute values and locales of the site, or of one survey', async () => {
    const { site, apiKey, survey } = await setup();
    const second = await createSurvey(apiKey, SECOND_SURVEY);
    const answers = [{ questionId: 'nps', value: 9 }];
    await post(site.key, survey.id, {
      answers,
      locale: 'fa',
      respondent: { id: 'a', attributes: { plan: 'pro', country: 'IR', beta: true } },
    });
    await post(site.key, survey.id, {
      answers,
      locale: 'fa',
      respondent: { attributes: { plan: 'free', country: 'IR' } },
    });
    await post(site.key, survey.id, { answers, locale: 'en', respondent: { attributes: { plan: 'pro' } } });
    await post(site.key, survey.id, { answers });
    await post(site.key, second.id, {
      answers: [{ questionId: 'nps2', value: 1 }],
      locale: 'de',
      respondent: { attributes: { plan: 'enterprise', seats: 40 } },
    });
    const other = await setup();
    await post(other.site.key, other.survey.id, {
      answers,
      locale: 'ar',
      respondent: { attributes: { secret: 'x', plan: 'pro' } },
    });

    const one = await getJson(`/v1/segments?surveyId=${survey.id}`, apiKey);
    expect(one).toEqual({
      attributes: [
        {
          name: 'plan',
          values: [
            { value: 'pro', count: 2 },
            { value: 'free', count: 1 },
          ],
        },
        { name: 'country', values: [{ value: 'IR', count: 2 }] },
        { name: 'beta', values: [{ value: '1', count: 1 }] },
      ],
      locales: [
        { value: 'fa', count: 2 },
        { value: 'en', count: 1 },
      ],
    });

    const all = await getJson('/v1/segments', apiKey);
    expect(all.attributes.map((a: { name: string }) => a.name)).toEqual(['plan', 'country', 'beta', 'seats']);
    expect(all.attributes[0].values).toContainEqual({ value: 'enterprise', count: 1 });
    expect(all.attributes[3].values).toEqual([{ value: '40', count: 1 }]);
    expect(all.locales.map((l: { value: string }) => l.value)).toEqual(['fa', 'de', 'en']);

    // a value from the list works as the results' segment filter
    const filtered = await getJson(`/v1/surveys/${survey.id}/results?segment=beta:1`, apiKey);
    expect(filtered.responses).toBe(1);

    expect((await call(`/v1/segments?surveyId=${other.survey.id}`, { key: apiKey })).status).toBe(404);
    expect((await call('/v1/segments?surveyId=', { key: apiKey })).status).toBe(400);
    const theirs = await getJson('/v1/segments', other.apiKey);
    expect(theirs.attributes.map((a: { name: string }) => a.name).sort()).toEqual(['plan', 'secret']);
  });
});

describe('OpenAPI', () => {
  it('describes the insight endpoints', async () => {
    const doc = (await (await call('/v1/openapi.json')).json()) as {
      paths: Record<string, { get?: { parameters: { name: string }[] } }>;
    };
    for (const p of [
      '/v1/journey',
      '/v1/surveys/{id}/verbatims',
      '/v1/surveys/{id}/terms',
      '/v1/at-risk',
      '/v1/segments',
    ]) {
      expect(doc.paths[p]?.get).toBeDefined();
    }
    const names = doc.paths['/v1/segments']!.get!.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['surveyId', 'from', 'to']));
  });
  it("describes an at-risk item's response id, the one a case is opened on", async () => {
    type Obj = { properties: Record<string, Obj>; items: Obj; required?: string[]; $ref?: string };
    const doc = (await (await call('/v1/openapi.json')).json()) as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: Obj }> }> } }>;
      components: { schemas: Record<string, Obj> };
    };
    const ok = doc.paths['/v1/at-risk']!.get.responses['200']!.content['application/json']!.schema;
    const deref = (o: Obj) => (o.$ref ? doc.components.schemas[o.$ref.split('/').at(-1)!]! : o);
    const list = deref(ok);
    const item = deref(list.properties.items!.items);
    expect(item.required).toEqual(expect.arrayContaining(['respondentId', 'responseId', 'surveyId']));
    expect(item.properties.responseId).toMatchObject({ type: 'string' });
    expect(item.properties.caseStatus).toMatchObject({ enum: ['open', 'contacted', 'resolved'] });
  });
});
