import { env } from 'cloudflare:workers';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../shared/csv';
import { collect } from '../../worker/collect/collect';
import { call, createSurvey, setup } from './helpers';

describe('GET /v1/surveys/:id/responses (export)', () => {
  it('streams every response as CSV across pages, one row each, with spreadsheet-safe cells', async () => {
    const { site, apiKey, survey } = await setup();
    const n = 600; // more than two pages of 250
    // Two special rows through the collector; the bulk straight into D1 (the export is under test here).
    for (let i = 0; i < 2; i++) {
      await collect(
        env.DB,
        {
          id: crypto.randomUUID(),
          siteKey: site.key,
          surveyId: survey.id,
          touchpoint: 'checkout',
          answers: [
            { questionId: 'nps', value: i % 11 },
            ...(i === 0 ? [{ questionId: 'why', value: '=HYPERLINK("http://x"), "quoted"\nnew line' }] : []),
            ...(i === 1 ? [{ questionId: 'channel', value: ['search', 'ad'] }] : []),
          ],
          completed: true,
        },
        {},
        Date.now() - (n - i) * 1000,
      );
    }
    const day = new Date().toISOString().slice(0, 10);
    const rows = [];
    for (let i = 2; i < n; i++) {
      const id = crypto.randomUUID();
      const at = Date.now() - (n - i) * 1000;
      rows.push(
        env.DB.prepare(
          `INSERT INTO responses (id, site_id, survey_id, survey_version, touchpoint, completed, answered, day, created_at, updated_at)
           VALUES (?, ?, ?, 1, 'checkout', 1, 1, ?, ?, ?)`,
        ).bind(id, site.id, survey.id, day, at, at),
        env.DB.prepare(
          `INSERT INTO answers (response_id, question_id, survey_id, touchpoint, day, num, created_at, updated_at)
           VALUES (?, 'nps', ?, 'checkout', ?, ?, ?, ?)`,
        ).bind(id, survey.id, day, i % 11, at, at),
      );
    }
    await env.DB.batch(rows);
    const r = await call(`/v1/surveys/${survey.id}/responses?format=csv`, { key: apiKey });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('content-disposition')).toContain('attachment');
    const text = await r.text();
    const lines = text.split('\r\n').filter(Boolean);
    // (Response.text() drops the byte order mark; the bytes are checked below)
    expect(lines[0]).toBe(
      '"responseId","createdAt","completed","touchpoint","channel","locale","path","respondentId","attributes",' +
        '"answers.nps","answers.csat","answers.ces","answers.why","answers.channel"',
    );
    // the quoted newline inside the first row's comment is part of one record
    expect(text.match(/\r\n/g)!.length).toBe(n + 1);
    expect(text).toContain(`"'=HYPERLINK(""http://x""), ""quoted""\nnew line"`);
    expect(text).toContain(',"search;ad"');
    const parsed = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(new Set(parsed.map((row) => row.responseId)).size).toBe(n);
  });

  it('exports NDJSON with answers keyed by question, honouring filters', async () => {
    const { site, apiKey, survey } = await setup();
    for (const tp of ['checkout', 'help', 'help']) {
      await collect(env.DB, {
        id: crypto.randomUUID(),
        siteKey: site.key,
        surveyId: survey.id,
        touchpoint: tp,
        answers: [{ questionId: 'nps', value: 8 }],
        respondent: { id: 'u1', attributes: { plan: 'pro' } },
        completed: false,
      });
    }
    const r = await call(`/v1/surveys/${survey.id}/responses?format=ndjson&touchpoint=help`, { key: apiKey });
    const rows = (await r.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      touchpoint: 'help',
      completed: false,
      answers: { nps: 8 },
      attributes: { plan: 'pro' },
      respondentId: 'u1',
    });
    expect((await call(`/v1/surveys/${survey.id}/responses?format=xml`, { key: apiKey })).status).toBe(400);
  });
});

describe('exports that spreadsheets and scripts read correctly', () => {
  /** Question ids that name fixed columns, a choice, and Persian text. */
  async function tricky() {
    const { site, apiKey } = await setup();
    const survey = await createSurvey(apiKey, {
      name: 'نظرسنجی',
      status: 'active',
      questions: [
        { id: 'locale', type: 'nps', prompt: { fa: 'توصیه؟' } },
        { id: 'responseId', type: 'text', prompt: { fa: 'چرا؟' } },
        { id: 'response_id', type: 'csat', prompt: { fa: 'راضی؟' } },
        {
          id: 'completed',
          type: 'choice',
          multiple: true,
          prompt: { fa: 'کدام؟' },
          options: [
            { id: 'a', label: { fa: 'الف' } },
            { id: 'b', label: { fa: 'ب' } },
          ],
        },
      ],
    });
    const id = crypto.randomUUID();
    await collect(env.DB, {
      id,
      siteKey: site.key,
      surveyId: survey.id,
      touchpoint: 'checkout',
      answers: [
        { questionId: 'locale', value: 3 },
        { questionId: 'responseId', value: 'خیلی کند بود، "واقعاً"\n+۲ بار' },
        { questionId: 'response_id', value: 2 },
        { questionId: 'completed', value: ['a', 'b'] },
      ],
      respondent: { id: '=cmd', attributes: { شهر: 'تهران' } },
      context: { locale: 'fa' },
      completed: true,
    });
    const get = async (format: string) => {
      const r = await call(`/v1/surveys/${survey.id}/responses?format=${format}`, { key: apiKey });
      return new Uint8Array(await r.arrayBuffer());
    };
    return { id, get };
  }

  it('CSV: a UTF-8 BOM, question columns apart from the fixed ones, Persian intact through a real parser', async () => {
    const { id, get } = await tricky();
    const bytes = await get('csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(new TextDecoder().decode(bytes), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        responseId: id,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        completed: 'true',
        touchpoint: 'checkout',
        channel: 'web',
        locale: 'fa',
        path: '',
        respondentId: "'=cmd",
        attributes: '{"شهر":"تهران"}',
        'answers.locale': '3',
        'answers.responseId': 'خیلی کند بود، "واقعاً"\n+۲ بار',
        'answers.response_id': '2',
        'answers.completed': 'a;b',
      },
    ]);
  });

  it('NDJSON: the same names, answers nested by question id', async () => {
    const { id, get } = await tricky();
    const lines = new TextDecoder()
      .decode(await get('ndjson'))
      .trim()
      .split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        responseId: id,
        createdAt: expect.any(String),
        completed: true,
        touchpoint: 'checkout',
        channel: 'web',
        locale: 'fa',
        path: null,
        respondentId: '=cmd',
        attributes: { شهر: 'تهران' },
        answers: {
          locale: 3,
          responseId: 'خیلی کند بود، "واقعاً"\n+۲ بار',
          response_id: 2,
          completed: ['a', 'b'],
        },
      },
    ]);
  });

  it('every CSV cell is quoted, and text a spreadsheet would run is defused', () => {
    expect(['x', '', null, 3, '=1+1', '+1', '-1', '@a', '\tx', 'a"b'].map(csvCell)).toEqual([
      '"x"',
      '""',
      '""',
      '"3"',
      `"'=1+1"`,
      `"'+1"`,
      `"'-1"`,
      `"'@a"`,
      `"'\tx"`,
      '"a""b"',
    ]);
  });
});
