/**
 * Verbatim search through the FTS5 trigram index (migration 0013): English and Persian, the spelling
 * variants a Persian team types (Arabic-keyboard letters, Persian digits, ZWNJ or a space), and erasure
 * taking a text out of the index itself; and paging through many matches newest first, reading about
 * a page's worth of them (migration 0019 numbers the index by time).
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { SEARCH_FOLDS, searchFold } from '../../shared/sentiment';
import { call, createSurvey, getJson, postResponse, setup } from './helpers';

type Verbatim = { responseId: string; text: string };

async function seed(texts: string[], respondent?: string) {
  const ctx = await setup();
  for (const [i, text] of texts.entries()) {
    const res = await postResponse({
      id: crypto.randomUUID(),
      siteKey: ctx.site.key,
      surveyId: ctx.survey.id,
      answers: [
        { questionId: 'nps', value: i % 11 },
        { questionId: 'why', value: text },
      ],
      ...(respondent ? { respondent: { id: respondent } } : {}),
      completed: true,
    });
    expect(res.status).toBe(202);
  }
  const search = async (q: string) => {
    const res = await call(`/v1/surveys/${ctx.survey.id}/verbatims?q=${encodeURIComponent(q)}`, { key: ctx.apiKey });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('seda-rows-read'))).toBeGreaterThanOrEqual(0);
    return ((await res.json()) as { items: Verbatim[] }).items.map((v) => v.text).sort();
  };
  return { ...ctx, search };
}

describe('verbatim search', () => {
  it('finds English text case-insensitively as a substring, and Persian text however it is spelled', async () => {
    const { search } = await seed([
      'Delivery was SLOW but support was great',
      'سرويس خيلي كند بود', // Arabic-keyboard ي and ك
      '۵۰ درصد تخفیف گرفتم', // Persian digits
      'نمی‌خواهم دوباره بخرم', // with a ZWNJ
      'کیفیت بد بود',
      'قیمت مناسب بود',
    ]);
    expect(await search('slow but')).toEqual(['Delivery was SLOW but support was great']);
    expect(await search('DELIVER')).toEqual(['Delivery was SLOW but support was great']);
    // Persian letters find the Arabic-keyboard spelling, and the Arabic-keyboard query finds it too
    expect(await search('خیلی کند')).toEqual(['سرويس خيلي كند بود']);
    expect(await search('خيلي كند')).toEqual(['سرويس خيلي كند بود']);
    // ASCII digits find Persian digits and back
    expect(await search('50 درصد')).toEqual(['۵۰ درصد تخفیف گرفتم']);
    expect(await search('۵۰')).toEqual(['۵۰ درصد تخفیف گرفتم']);
    // ZWNJ and a space are the same word break
    expect(await search('نمی خواهم')).toEqual(['نمی‌خواهم دوباره بخرم']);
    expect(await search('نمی‌خواهم')).toEqual(['نمی‌خواهم دوباره بخرم']);
    // a two-letter Persian word (shorter than a trigram) still searches
    expect(await search('بد')).toEqual(['کیفیت بد بود']);
    expect(await search('بود')).toEqual(['سرويس خيلي كند بود', 'قیمت مناسب بود', 'کیفیت بد بود']);
    expect(await search('"quoted" AND OR NEAR(')).toEqual([]); // FTS syntax is taken literally
    expect(await search('nothing like this')).toEqual([]);
  });

  it('indexes exactly the folds the query gets (SQL and JavaScript agree on every fold)', async () => {
    const every = SEARCH_FOLDS.map(([from]) => `x${from}y`).join(' ');
    const texts = [every, 'Ab  c\t\td\n  e', 'مي‌ خواهم ٣ تا'];
    const { survey } = await seed(texts);
    const { results } = await env.DB.prepare(
      `SELECT f.body, a.text FROM answers a
       JOIN verbatim_keys k ON k.response_id = a.response_id AND k.question_id = a.question_id
       JOIN verbatim_fts f ON f.rowid = k.id WHERE a.survey_id = ?`,
    )
      .bind(survey.id)
      .all<{ body: string; text: string }>();
    expect(results).toHaveLength(texts.length);
    for (const r of results) expect(r.body, JSON.stringify(r.text)).toBe(searchFold(r.text));
  });

  it('follows a changed answer, and erasure removes the text from the index, not only from the list', async () => {
    const { site, survey, apiKey, search } = await seed([]);
    const id = crypto.randomUUID();
    const send = (text: string) =>
      postResponse({
        id,
        siteKey: site.key,
        surveyId: survey.id,
        answers: [{ questionId: 'why', value: text }],
        respondent: { id: 'u-erase' },
        secret: id.replaceAll('-', ''),
        completed: true,
      });
    expect((await send('zqxjkv first words')).status).toBe(202);
    expect(await search('zqxjkv')).toEqual(['zqxjkv first words']);
    expect((await send('wvutsr second words')).status).toBe(202);
    expect(await search('zqxjkv')).toEqual([]);
    expect(await search('wvutsr')).toEqual(['wvutsr second words']);

    // The index's own vocabulary: with secure-delete no trigram of a replaced or erased text is left behind.
    await env.DB.exec("CREATE VIRTUAL TABLE IF NOT EXISTS verbatim_vocab USING fts5vocab('verbatim_fts', 'row')");
    const terms = async () =>
      (
        await env.DB.prepare(
          "SELECT term FROM verbatim_vocab WHERE term IN ('wvu', 'vut', 'uts', 'tsr', 'zqx', 'qxj', 'xjk', 'jkv')",
        ).all<{ term: string }>()
      ).results
        .map((r) => r.term)
        .sort();
    expect(await terms()).toEqual(['tsr', 'uts', 'vut', 'wvu']);
    expect((await call('/v1/respondents/u-erase', { method: 'DELETE', key: apiKey })).status).toBe(200);
    expect(await search('wvutsr')).toEqual([]);
    expect(await terms()).toEqual([]);
    const keys = await env.DB.prepare('SELECT COUNT(*) AS n FROM verbatim_keys WHERE response_id = ?')
      .bind(id)
      .first<{ n: number }>();
    expect(keys?.n).toBe(0);
    expect((await getJson(`/v1/surveys/${survey.id}/verbatims`, apiKey)).items).toEqual([]);
  });

  it('pages through hundreds of matches newest first, exactly as the list without search, reading about a page', async () => {
    const { site, apiKey } = await setup();
    // Two open questions: both answers of a response share its millisecond, so ties fall across
    // pages and across the index's steps.
    const survey = await createSurvey(apiKey, {
      name: 'Two open questions',
      status: 'active',
      questions: [
        { id: 'why', type: 'text', prompt: { en: 'Why?' } },
        { id: 'more', type: 'text', prompt: { en: 'Anything else?' } },
      ],
    });
    // 300 responses, 1 in 5 from the checkout touchpoint; 1 text in 6 without the searched word.
    for (let i = 0; i < 300; i++) {
      const text = (j: number) => (j % 6 === 5 ? `all good ${j}` : `delivery was slow, order ${j}`);
      const res = await postResponse({
        id: crypto.randomUUID(),
        siteKey: site.key,
        surveyId: survey.id,
        answers: [
          { questionId: 'why', value: text(2 * i) },
          { questionId: 'more', value: text(2 * i + 1) },
        ],
        ...(i % 5 === 0 ? { touchpoint: 'checkout' } : {}),
        completed: true,
      });
      expect(res.status).toBe(202);
    }
    type Page = { items: { responseId: string; text: string; createdAt: string }[]; nextCursor?: string };
    const line = (v: Page['items'][number]) => `${v.createdAt} ${v.responseId} ${v.text}`;
    const all = async (query: string, limit: number) => {
      const got: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await getJson<Page>(
          `/v1/surveys/${survey.id}/verbatims?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`,
          apiKey,
        );
        got.push(...page.items.map(line));
        cursor = page.nextCursor;
      } while (cursor);
      return got;
    };
    // The list without search is the reference: its order is the keyset the search must follow.
    const slow = (xs: string[]) => xs.filter((x) => x.includes('slow'));
    const everything = await all('', 100);
    expect(everything).toHaveLength(600);
    expect(slow(everything)).toHaveLength(500);
    expect(await all('q=slow', 37)).toEqual(slow(everything));
    expect(await all('q=slow&touchpoint=checkout', 7)).toEqual(slow(await all('touchpoint=checkout', 100)));
    // The first page of 10 reads about its own matches, not all 500.
    const res = await call(`/v1/surveys/${survey.id}/verbatims?limit=10&q=${encodeURIComponent('was slow')}`, {
      key: apiKey,
    });
    expect(((await res.json()) as Page).items.map(line)).toEqual(slow(everything).slice(0, 10));
    expect(Number(res.headers.get('seda-rows-read'))).toBeLessThan(500);
  }, 180_000);
});
