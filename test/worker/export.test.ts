import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { collect } from '../../worker/collect/collect';
import { call, setup } from './helpers';

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
    expect(lines[0]).toBe(
      'response_id,created_at,completed,touchpoint,channel,locale,path,respondent_id,attributes,nps,csat,ces,why,channel',
    );
    // the quoted newline inside the first row's comment is part of one record
    expect(text.match(/\r\n/g)!.length).toBe(n + 1);
    expect(text).toContain(`"'=HYPERLINK(""http://x""), ""quoted""\nnew line"`);
    expect(text).toContain(',search;ad');
    const ids = new Set(lines.slice(1).map((l) => l.split(',')[0]));
    expect(ids.size).toBe(n);
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
    });
    expect((await call(`/v1/surveys/${survey.id}/responses?format=xml`, { key: apiKey })).status).toBe(400);
  });
});
