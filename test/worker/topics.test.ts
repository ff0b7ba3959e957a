import { describe, expect, it } from 'vitest';
import type { SurveyTopics, TopicList } from '../../shared/contract/why';
import { call, createSite, createSurvey, getJson } from './helpers';
import { plant } from './why-helpers';

const SURVEY = {
  name: 'Topics',
  status: 'active' as const,
  questions: [
    { id: 'nps', type: 'nps' as const, prompt: { en: 'Recommend us?' } },
    { id: 'why', type: 'text' as const, prompt: { en: 'Why?' } },
  ],
};

type Verbatim = { responseId: string; text: string; topics: string[] };
const text = (t: string) => [{ questionId: 'why', value: t }];

describe('topics', () => {
  it('defaults in en, fa and ar; answers tagged at write time with the normalisation of sentiment', async () => {
    const { site, apiKey } = await createSite();
    const survey = await createSurvey(apiKey, SURVEY);
    const list = await getJson<TopicList>('/v1/topics', apiKey);
    expect(list.custom).toBe(false);
    const keys = list.topics.map((t) => t.key);
    expect(keys).toEqual(expect.arrayContaining(['delivery', 'price', 'support', 'quality', 'website', 'payment']));
    for (const t of list.topics) expect(Object.keys(t.label).sort()).toEqual(['ar', 'en', 'fa']);

    const planted: [string, string[], string?][] = [
      ['The deliveries were late and the courier was rude', ['delivery']],
      ['Too expensive, prices went up again', ['price']],
      ['پشتیبانی خوب بود ولی ارسال دیر رسید', ['delivery', 'support'], 'fa'],
      // Arabic-keyboard letters (ي, ك) and no ZWNJ: the same topics as the Persian spelling.
      ['پشتيباني جواب نداد و قيمت‌ها گران است', ['price', 'support'], 'fa'],
      ['كيفيت پارچه عالي بود', ['quality'], 'fa'],
      ['التوصيل كان سريع والسعر مناسب', ['delivery', 'price'], 'ar'],
      ['Nice people', []],
    ];
    const ids = new Map<string, string[]>();
    for (const [t, expected, locale] of planted) {
      const id = await plant(site.key, survey.id, { answers: text(t), ...(locale ? { locale } : {}) });
      ids.set(id, expected);
    }
    const v = await getJson<{ items: Verbatim[] }>(`/v1/surveys/${survey.id}/verbatims?limit=50`, apiKey);
    expect(v.items).toHaveLength(planted.length);
    for (const item of v.items) {
      const expected = ids.get(item.responseId)!;
      const order = keys.filter((k) => expected.includes(k)); // tags come in list order
      expect(item.topics, item.text).toEqual(order);
    }
  });

  it('counts topic × sentiment × touchpoint, trend and previous period, and suggests recurring untagged terms', async () => {
    const { site, apiKey } = await createSite();
    const survey = await createSurvey(apiKey, SURVEY);
    const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}T10:00:00Z`;
    // In range (Mar 11–20): delivery 3 (2 negative, 1 positive), price 1 negative; 3 texts about the "warranty".
    await plant(site.key, survey.id, { touchpoint: 'checkout', answers: text('Delivery was late, awful') }, day(11));
    await plant(site.key, survey.id, { touchpoint: 'checkout', answers: text('Delivery was slow and bad') }, day(12));
    await plant(site.key, survey.id, { answers: text('Fast delivery, great') }, day(12));
    await plant(site.key, survey.id, { answers: text('The price is terrible') }, day(15));
    for (const d of [13, 14, 16]) await plant(site.key, survey.id, { answers: text('warranty claim form') }, day(d));
    // Previous period (Mar 1–10): delivery once.
    await plant(site.key, survey.id, { answers: text('delivery ok') }, day(5));

    const r = await getJson<SurveyTopics>(`/v1/surveys/${survey.id}/topics?from=2026-03-11&to=2026-03-20`, apiKey);
    expect(r.n).toBe(7);
    const delivery = r.topics.find((t) => t.key === 'delivery')!;
    expect(delivery).toMatchObject({ n: 3, positive: 1, neutral: 0, negative: 2, previous: 1 });
    expect(delivery.touchpoints).toEqual([
      { touchpoint: 'checkout', n: 2, positive: 0, neutral: 0, negative: 2 },
      { touchpoint: '', n: 1, positive: 1, neutral: 0, negative: 0 },
    ]);
    expect(delivery.trend).toEqual([
      { day: '2026-03-11', n: 1 },
      { day: '2026-03-12', n: 2 },
    ]);
    expect(r.topics.find((t) => t.key === 'price')).toMatchObject({ n: 1, negative: 1, previous: 0 });
    expect(r.topics[0]!.key).toBe('delivery');
    expect(r.suggested.map((s) => s.term)).toEqual(expect.arrayContaining(['warranty', 'claim', 'form']));

    const bad = await call(`/v1/surveys/${survey.id}/topics?from=2026-03-20&to=2026-03-01`, { key: apiKey });
    expect(bad.status).toBe(400);
  });

  it('a changed list re-tags old answers through the queue; bad lists are refused', async () => {
    const { site, apiKey } = await createSite();
    const survey = await createSurvey(apiKey, SURVEY);
    for (const t of ['The warranty card was missing', 'Delivery was fine', 'گارانتی نداشت'])
      await plant(site.key, survey.id, { answers: text(t) });
    const topics = [
      { key: 'warranty', label: { en: 'Warranty', fa: 'گارانتی' }, terms: ['warranty', 'گارانتی', 'ضمانت'] },
      { key: 'delivery', label: { en: 'Delivery' }, terms: ['delivery'] },
    ];
    const put = await call('/v1/topics', { method: 'PUT', key: apiKey, json: { topics } });
    expect(put.status).toBe(200);
    expect(((await put.json()) as TopicList).custom).toBe(true);
    expect((await getJson<TopicList>('/v1/topics', apiKey)).topics).toEqual(topics);

    await expect
      .poll(
        async () => {
          const v = await getJson<{ items: Verbatim[] }>(`/v1/surveys/${survey.id}/verbatims`, apiKey);
          return v.items.map((i) => `${i.text}: ${i.topics.join(',')}`).sort();
        },
        { timeout: 20_000, interval: 200 },
      )
      .toEqual(['Delivery was fine: delivery', 'The warranty card was missing: warranty', 'گارانتی نداشت: warranty']);

    // New answers use the new list at once (this isolate's cache was cleared by the PUT).
    await plant(site.key, survey.id, { answers: text('ضمانت منتهی شد') });
    const v = await getJson<{ items: Verbatim[] }>(`/v1/surveys/${survey.id}/verbatims`, apiKey);
    expect(v.items.find((i) => i.text === 'ضمانت منتهی شد')?.topics).toEqual(['warranty']);

    for (const body of [
      { topics: [{ key: 'a', label: {}, terms: [] }] },
      { topics: [topics[0], topics[0]] },
      { topics: [{ key: 'bad key!', label: { en: 'x' }, terms: ['x'] }] },
    ]) {
      const r = await call('/v1/topics', { method: 'PUT', key: apiKey, json: body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
  });
});
