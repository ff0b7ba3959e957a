/**
 * After resolution: a follow-up survey link for the case's customer, kept on the case, and the
 * recovery rate (followed-up detractors whose follow-up answer is passive/promoter or satisfied)
 * overall, per owner and per touchpoint, checked against counts made by hand.
 */
import { describe, expect, it } from 'vitest';
import type { PageConfig } from '../../shared/page-config';
import { call, createSurvey, postResponse, setup } from './helpers';
import { json } from './loop-helpers';

const COLLECTOR = 'https://seda.test';
const FOLLOW_UP = {
  name: 'Did we put it right?',
  status: 'active' as const,
  questions: [{ id: 'fixed', type: 'csat' as const, prompt: { en: 'How satisfied are you now?' } }],
};

/** Wilson 95% interval, written out here from its formula (not the library's). */
function wilsonByHand(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = ((z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) as number;
  return [centre - half, centre + half];
}

async function pageConfig(url: string): Promise<PageConfig> {
  const u = new URL(url);
  const html = await (await call(u.pathname)).text();
  const m = /<script type="application\/json" id="seda-page">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no page config');
  return JSON.parse(m[1]!) as PageConfig;
}

async function setting() {
  const { site, apiKey, survey } = await setup();
  const followUp = await createSurvey(apiKey, FOLLOW_UP);
  const invite = async (email: string) =>
    (await json(call('/v1/members', { method: 'POST', key: apiKey, json: { email, role: 'agent' } }))).body.member
      .id as string;
  const sara = await invite('sara@shop.example');
  const omid = await invite('omid@shop.example');
  /** A response (and its case), assigned and resolved; returns its id. */
  const resolvedCase = async (o: { nps: number; touchpoint: string; assignee: string; respondent?: string }) => {
    const id = crypto.randomUUID();
    const r = await postResponse({
      id,
      siteKey: site.key,
      surveyId: survey.id,
      touchpoint: o.touchpoint,
      completed: true,
      ...(o.respondent !== null ? { respondent: { id: o.respondent ?? `cust-${id.slice(0, 8)}` } } : {}),
      answers: [{ questionId: 'nps', value: o.nps }],
    });
    expect(r.status).toBe(202);
    const done = await json(
      call(`/v1/cases/${id}`, { method: 'PATCH', key: apiKey, json: { assignee: o.assignee, status: 'resolved' } }),
    );
    expect(done.status).toBe(200);
    return id;
  };
  /** The follow-up link of a case, and (csat given) the customer answering it through the hosted page. */
  const followUpAnswered = async (caseId: string, csat: number | null) => {
    const r = await json(
      call(`/v1/cases/${caseId}/follow-up`, { method: 'POST', key: apiKey, json: { surveyId: followUp.id } }),
    );
    expect(r.status).toBe(201);
    expect(r.body.invitation.status).toBe('pending');
    expect(r.body.case.followUpInvitationId).toBe(r.body.invitation.id);
    if (csat === null) return r.body;
    const config = await pageConfig(r.body.invitation.url);
    const posted = await postResponse(
      {
        id: config.responseId ?? crypto.randomUUID(),
        siteKey: config.site,
        surveyId: followUp.id,
        invitation: config.token,
        completed: true,
        answers: [{ questionId: 'fixed', value: csat }],
      },
      COLLECTOR,
    );
    expect(posted.status).toBe(202);
    return r.body;
  };
  return { apiKey, survey, followUp, sara, omid, resolvedCase, followUpAnswered, siteKey: site.key };
}

describe('follow-up after resolution', () => {
  it('a personal link for the case’s customer, waiving the recontact gap; refused before resolution or without a respondent', async () => {
    const s = await setting();
    const id = await s.resolvedCase({ nps: 2, touchpoint: 'checkout', assignee: s.sara, respondent: 'cust-7' });
    // the customer answered a minute ago: the site's 14-day recontact gap would skip a normal invitation
    const normal = await json(
      call(`/v1/surveys/${s.followUp.id}/invitations`, {
        method: 'POST',
        key: s.apiKey,
        json: { channel: 'link', respondents: [{ id: 'cust-7' }] },
      }),
    );
    expect(normal.body.invitations[0]).toMatchObject({ status: 'skipped', reason: 'recontact_gap' });
    const made = await s.followUpAnswered(id, null);
    expect(made.invitation).toMatchObject({ respondentId: 'cust-7', status: 'pending' });
    const listed = await json(
      call(`/v1/surveys/${s.followUp.id}/invitations?respondentId=cust-7&status=pending`, { key: s.apiKey }),
    );
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([made.invitation.id]);
    expect((await json(call(`/v1/cases/${id}`, { key: s.apiKey }))).body.case.followUpInvitationId).toBe(
      made.invitation.id,
    );

    await call(`/v1/cases/${id}`, { method: 'PATCH', key: s.apiKey, json: { status: 'contacted' } });
    const early = await json(
      call(`/v1/cases/${id}/follow-up`, { method: 'POST', key: s.apiKey, json: { surveyId: s.followUp.id } }),
    );
    expect(early.status).toBe(409);
    const anon = crypto.randomUUID();
    await postResponse({
      id: anon,
      siteKey: s.siteKey,
      surveyId: s.survey.id,
      completed: true,
      answers: [{ questionId: 'nps', value: 1 }],
    });
    await call(`/v1/cases/${anon}`, { method: 'PATCH', key: s.apiKey, json: { status: 'resolved' } });
    const nobody = await json(
      call(`/v1/cases/${anon}/follow-up`, { method: 'POST', key: s.apiKey, json: { surveyId: s.followUp.id } }),
    );
    expect(nobody.status).toBe(409);
    await call(`/v1/cases/${id}`, { method: 'PATCH', key: s.apiKey, json: { status: 'resolved' } });
    const noSurvey = await json(
      call(`/v1/cases/${id}/follow-up`, { method: 'POST', key: s.apiKey, json: { surveyId: 'sv_nope' } }),
    );
    expect(noSurvey.status).toBe(404);
  });

  it('recovery rate per owner and per touchpoint matches counts made by hand, with Wilson intervals and the floor', async () => {
    const s = await setting();
    // Sara, checkout: 34 detractors followed up and answered; 22 satisfied (CSAT 4–5), 12 not (CSAT 1–3).
    for (let i = 0; i < 34; i++) {
      const id = await s.resolvedCase({ nps: i % 7, touchpoint: 'checkout', assignee: s.sara });
      await s.followUpAnswered(id, i < 22 ? 4 + (i % 2) : 1 + (i % 3));
    }
    // Omid, help: 5 answered (2 satisfied), 1 sent and never answered.
    for (let i = 0; i < 6; i++) {
      const id = await s.resolvedCase({ nps: 3, touchpoint: 'help', assignee: s.omid });
      await s.followUpAnswered(id, i === 5 ? null : i < 2 ? 5 : 2);
    }
    // A promoter followed up is no detractor: counted nowhere.
    const happy = await s.resolvedCase({ nps: 10, touchpoint: 'help', assignee: s.omid });
    await s.followUpAnswered(happy, 1);

    const r = await json(call('/v1/cases/recovery', { key: s.apiKey }));
    expect(r.status).toBe(200);
    const close = (got: [number, number], want: [number, number]) => {
      expect(got[0]).toBeCloseTo(want[0], 10);
      expect(got[1]).toBeCloseTo(want[1], 10);
    };
    expect(r.body.sent).toBe(40);
    expect(r.body.overall).toMatchObject({ n: 39, recovered: 24, enough: true });
    expect(r.body.overall.rate).toBeCloseTo(24 / 39, 12);
    close(r.body.overall.ci95, wilsonByHand(24, 39));

    const sara = r.body.byOwner.find((g: { assignee: string }) => g.assignee === s.sara);
    expect(sara).toMatchObject({ email: 'sara@shop.example', n: 34, recovered: 22, enough: true });
    close(sara.ci95, wilsonByHand(22, 34));
    const omid = r.body.byOwner.find((g: { assignee: string }) => g.assignee === s.omid);
    expect(omid).toMatchObject({ n: 5, recovered: 2, rate: 0.4, enough: false });
    close(omid.ci95, wilsonByHand(2, 5));

    expect(r.body.byTouchpoint).toEqual([
      expect.objectContaining({ touchpoint: 'checkout', n: 34, recovered: 22, enough: true }),
      expect.objectContaining({ touchpoint: 'help', n: 5, recovered: 2, enough: false }),
    ]);

    // the range filters on the day of the original response
    const past = await json(call('/v1/cases/recovery?from=2001-01-01&to=2001-01-31', { key: s.apiKey }));
    expect(past.body).toMatchObject({ sent: 0, overall: { n: 0, rate: null, ci95: null, enough: false } });
    expect((await call('/v1/cases/recovery?from=2026-02-01&to=2026-01-01', { key: s.apiKey })).status).toBe(400);
  }, 120_000);
});
