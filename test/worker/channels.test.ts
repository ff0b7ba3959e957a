import { env } from 'cloudflare:workers';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { PageConfig } from '../../shared/page-config';
import { call, createSurvey, getJson, NPS_SURVEY, postResponse, setup } from './helpers';

const COLLECTOR = 'https://seda.test';
const DAY = 86_400_000;

type Created = { invitations: { respondentId?: string; url: string; status: string; reason?: string }[] };

async function invite(apiKey: string, surveyId: string, body: object): Promise<Created> {
  const res = await call(`/v1/surveys/${surveyId}/invitations`, { method: 'POST', key: apiKey, json: body });
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}

async function pageConfig(url: string): Promise<PageConfig> {
  const html = await (await call(new URL(url).pathname)).text();
  return JSON.parse(/id="seda-page">([\s\S]*?)<\/script>/.exec(html)![1]!) as PageConfig;
}

/** Answers through a link as its page would (a personal link's own response id). */
async function answerLink(url: string, answers: { questionId: string; value: unknown }[], completed = true) {
  const c = await pageConfig(url);
  const res = await postResponse(
    {
      id: c.responseId ?? crypto.randomUUID(),
      siteKey: c.site,
      surveyId: c.survey.id,
      invitation: c.token,
      answers,
      completed,
    },
    COLLECTOR,
  );
  expect(res.status).toBe(202);
  return c.responseId;
}

/** Moves a respondent's responses back in time (what waiting would do). */
const age = (respondentId: string, days: number) =>
  env.DB.prepare(
    'UPDATE responses SET updated_at = updated_at - ?1, created_at = created_at - ?1, completed_at = completed_at - ?1 WHERE respondent_id = ?2',
  )
    .bind(days * DAY, respondentId)
    .run();

const webPost = (siteKey: string, surveyId: string, respondentId: string, value = 7) =>
  postResponse({
    id: crypto.randomUUID(),
    siteKey,
    surveyId,
    respondent: { id: respondentId },
    answers: [{ questionId: 'nps', value }],
    completed: true,
  });

describe('channel on every response', () => {
  it('is stored, exported (CSV column and NDJSON field), filters results, export and journey, and breaks results down', async () => {
    const { site, apiKey, survey } = await setup();
    const tp = await call('/v1/touchpoints', {
      method: 'POST',
      key: apiKey,
      json: { key: 'checkout', name: 'Checkout', stage: 'purchase' },
    });
    expect(tp.status).toBe(201);
    // web: 2 promoters at checkout; email: 3 detractors; sms: 1 passive
    for (const v of [9, 10]) {
      const r = await postResponse({
        id: crypto.randomUUID(),
        siteKey: site.key,
        surveyId: survey.id,
        touchpoint: 'checkout',
        answers: [{ questionId: 'nps', value: v }],
        completed: true,
      });
      expect(r.status).toBe(202);
    }
    const email = await invite(apiKey, survey.id, {
      channel: 'email',
      touchpoint: 'checkout',
      respondents: [{ id: 'e1' }, { id: 'e2' }, { id: 'e3' }],
    });
    for (const [i, inv] of email.invitations.entries()) await answerLink(inv.url, [{ questionId: 'nps', value: i }]);
    const sms = await invite(apiKey, survey.id, { channel: 'sms', touchpoint: 'checkout' });
    await answerLink(sms.invitations[0]!.url, [{ questionId: 'nps', value: 8 }]);

    const results = (q = '') => getJson(`/v1/surveys/${survey.id}/results${q}`, apiKey);
    const all = await results();
    expect(all.metrics.nps.n).toBe(6);
    const byEmail = await results('?channel=email');
    // served from the per-channel rollups (#14), with the scan's numbers
    expect(byEmail.source).toBe('rollup');
    expect((await results('?channel=email&source=scan')).metrics.nps).toEqual(byEmail.metrics.nps);
    expect(byEmail.metrics.nps).toMatchObject({ n: 3, detractors: 3, score: -100 });
    expect((await results('?channel=web')).metrics.nps).toMatchObject({ n: 2, promoters: 2, score: 100 });
    expect((await results('?channel=qr')).metrics.nps).toBeNull();
    const by = await results('?by=channel');
    expect(
      Object.fromEntries(by.segments.items.map((i: { value: string; responses: number }) => [i.value, i.responses])),
    ).toEqual({
      email: 3,
      web: 2,
      sms: 1,
    });
    expect((await call(`/v1/surveys/${survey.id}/results?channel=fax`, { key: apiKey })).status).toBe(400);

    const csv = await (await call(`/v1/surveys/${survey.id}/responses?format=csv&channel=sms`, { key: apiKey })).text();
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.channel)).toEqual(['sms']);
    const nd = (await (await call(`/v1/surveys/${survey.id}/responses?format=ndjson`, { key: apiKey })).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { channel: string; respondentId: string | null });
    expect(nd.map((r) => r.channel).sort()).toEqual(['email', 'email', 'email', 'sms', 'web', 'web']);
    expect(
      nd
        .filter((r) => r.channel === 'email')
        .map((r) => r.respondentId)
        .sort(),
    ).toEqual(['e1', 'e2', 'e3']);

    const journey = (q = '') => getJson(`/v1/journey${q}`, apiKey);
    const cell = (j: {
      stages: { stage: string; touchpoints: { key: string; n: number; nps: { n: number } | null }[] }[];
    }) => j.stages.find((s) => s.stage === 'purchase')!.touchpoints.find((t) => t.key === 'checkout')!;
    expect(cell(await journey())).toMatchObject({ n: 6, nps: { n: 6 } });
    expect(cell(await journey('?channel=email'))).toMatchObject({ n: 3, nps: { n: 3, score: -100 } });
    expect(cell(await journey('?channel=qr'))).toMatchObject({ n: 0, nps: null });
  });

  it('verbatims filter by channel', async () => {
    const { site, apiKey, survey } = await setup();
    const web = await postResponse({
      id: crypto.randomUUID(),
      siteKey: site.key,
      surveyId: survey.id,
      answers: [
        { questionId: 'nps', value: 3 },
        { questionId: 'why', value: 'Said on the website' },
      ],
      completed: true,
    });
    expect(web.status).toBe(202);
    const email = await invite(apiKey, survey.id, { channel: 'email' });
    await answerLink(email.invitations[0]!.url, [
      { questionId: 'nps', value: 2 },
      { questionId: 'why', value: 'Said by email' },
    ]);
    const texts = async (q: string) =>
      (await getJson(`/v1/surveys/${survey.id}/verbatims${q}`, apiKey)).items.map((i: { text: string }) => i.text);
    expect((await texts('')).sort()).toEqual(['Said by email', 'Said on the website']);
    expect(await texts('?channel=email')).toEqual(['Said by email']);
    expect(await texts('?channel=web')).toEqual(['Said on the website']);
    expect(await texts('?channel=sms')).toEqual([]);
    expect((await call(`/v1/surveys/${survey.id}/verbatims?channel=fax`, { key: apiKey })).status).toBe(400);
  });

  it('a web response is channel web whatever the body says', async () => {
    const { site, survey } = await setup();
    const id = crypto.randomUUID();
    const res = await postResponse({
      id,
      siteKey: site.key,
      surveyId: survey.id,
      answers: [],
      completed: false,
      channel: 'email',
    });
    expect(res.status).toBe(400); // not a field of the body: the channel comes from an invitation only
    const ok = await postResponse({ id, siteKey: site.key, surveyId: survey.id, answers: [], completed: false });
    expect(ok.status).toBe(202);
    expect(await env.DB.prepare('SELECT channel FROM responses WHERE id = ?').bind(id).first('channel')).toBe('web');
  });
});

describe('one contact policy across channels', () => {
  it('personal links for someone who answered anywhere within the gap, or completed this survey, are made but skipped with the reason', async () => {
    const { site, apiKey, survey } = await setup(); // site recontact gap: 14 days (the default)
    const other = await createSurvey(apiKey, { ...NPS_SURVEY, name: 'Other' });
    expect((await webPost(site.key, other.id, 'web-yesterday')).status).toBe(202);
    await age('web-yesterday', 1);
    expect((await webPost(site.key, other.id, 'web-long-ago')).status).toBe(202);
    await age('web-long-ago', 20);
    expect((await webPost(site.key, survey.id, 'completed-it')).status).toBe(202);
    await age('completed-it', 200);

    const r = await invite(apiKey, survey.id, {
      channel: 'email',
      respondents: [{ id: 'web-yesterday' }, { id: 'web-long-ago' }, { id: 'completed-it' }, { id: 'new' }],
    });
    expect(r.invitations.map((i) => [i.respondentId, i.status, i.reason])).toEqual([
      ['web-yesterday', 'skipped', 'recontact_gap'],
      ['web-long-ago', 'pending', undefined],
      ['completed-it', 'skipped', 'already_completed'],
      ['new', 'pending', undefined],
    ]);
    // a skipped link asks nothing and takes nothing
    const skipped = await call(new URL(r.invitations[0]!.url).pathname, { headers: { 'accept-language': 'fa' } });
    expect(skipped.status).toBe(200);
    expect(await skipped.text()).toContain('اکنون پرسشی برای پاسخ دادن نیست');
    const list = await getJson(`/v1/surveys/${survey.id}/invitations?status=skipped`, apiKey);
    expect(list.items.map((i: { respondentId: string; reason: string }) => [i.respondentId, i.reason]).sort()).toEqual([
      ['completed-it', 'already_completed'],
      ['web-yesterday', 'recontact_gap'],
    ]);

    // relationship waves: with repeatEveryDays 90, a completion 200 days ago no longer blocks
    const patch = await call(`/v1/surveys/${survey.id}`, {
      method: 'PATCH',
      key: apiKey,
      json: { targeting: { repeatEveryDays: 90 } },
    });
    expect(patch.status).toBe(200);
    const wave = await invite(apiKey, survey.id, { channel: 'email', respondents: [{ id: 'completed-it' }] });
    expect(wave.invitations[0]).toMatchObject({ status: 'pending' });

    // a site with no gap skips only completions
    expect((await call('/v1/site', { method: 'PATCH', key: apiKey, json: { recontactDays: 0 } })).status).toBe(200);
    const noGap = await invite(apiKey, survey.id, { channel: 'sms', respondents: [{ id: 'web-yesterday' }] });
    expect(noGap.invitations[0]).toMatchObject({ status: 'pending' });
  });

  it("invitations follow the survey's attribute rules: those they fail are skipped as not_targeted", async () => {
    const { apiKey } = await setup();
    const pro = await createSurvey(apiKey, {
      ...NPS_SURVEY,
      targeting: {
        attributes: [
          { key: 'plan', op: 'in', value: ['pro', 'enterprise'] },
          { key: 'seats', op: 'gt', value: 5 },
        ],
      },
    });
    const r = await invite(apiKey, pro.id, {
      channel: 'email',
      respondents: [
        { id: 'a', attributes: { plan: 'pro', seats: 10 } },
        { id: 'b', attributes: { plan: 'free', seats: 10 } },
        { id: 'c', attributes: { plan: 'enterprise', seats: '3' } },
        { id: 'd', attributes: { plan: 'pro' } },
        { id: 'e', attributes: { plan: 'enterprise', seats: '40' } },
      ],
    });
    expect(r.invitations.map((i) => i.reason ?? i.status)).toEqual([
      'pending',
      'not_targeted',
      'not_targeted',
      'not_targeted',
      'pending',
    ]);
  });

  it('an identified visitor who answered by email within the gap is not asked on the web: the collector refuses the new response', async () => {
    const { site, apiKey, survey } = await setup();
    const other = await createSurvey(apiKey, { ...NPS_SURVEY, name: 'Website survey' });
    const links = await invite(apiKey, survey.id, { channel: 'email', respondents: [{ id: 'cust-9' }] });
    await answerLink(links.invitations[0]!.url, [{ questionId: 'nps', value: 3 }]);
    await age('cust-9', 1);

    const refused = await webPost(site.key, other.id, 'cust-9');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('recontact_gap');
    const again = await webPost(site.key, survey.id, 'cust-9');
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('already_completed');
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM responses WHERE respondent_id = 'cust-9'").first('n')).toBe(
      1,
    );
    // anonymous visitors and other respondents are asked as before
    expect((await webPost(site.key, other.id, 'cust-10')).status).toBe(202);
    // after the gap, the web may ask again (another survey)
    await age('cust-9', 14);
    expect((await webPost(site.key, other.id, 'cust-9')).status).toBe(202);
  });

  it('web answers are left to the widget: the same visitor answering on the web twice is stored (at-risk waves)', async () => {
    const { site, survey } = await setup();
    expect((await webPost(site.key, survey.id, 'u-web', 10)).status).toBe(202);
    expect((await webPost(site.key, survey.id, 'u-web', 6)).status).toBe(202);
  });

  it('a response already started is never refused, even if the visitor answered elsewhere since', async () => {
    const { site, apiKey, survey } = await setup();
    const other = await createSurvey(apiKey, { ...NPS_SURVEY, name: 'Website survey' });
    const id = crypto.randomUUID();
    const base = { id, siteKey: site.key, surveyId: other.id, respondent: { id: 'cust-5' } };
    expect((await postResponse({ ...base, answers: [], completed: false })).status).toBe(202);
    const links = await invite(apiKey, survey.id, { channel: 'sms', respondents: [{ id: 'cust-5' }] });
    expect(links.invitations[0]!.status).toBe('pending'); // the web impression had no answer
    await answerLink(links.invitations[0]!.url, [{ questionId: 'nps', value: 9 }]);
    expect((await postResponse({ ...base, answers: [{ questionId: 'nps', value: 8 }], completed: true })).status).toBe(
      202,
    );
  });
});
