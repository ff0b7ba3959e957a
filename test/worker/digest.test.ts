/**
 * The leadership digest: its figures are the results API's for the same week (planted data), it is
 * sent once per week however often (and however concurrently) the cron runs, at the site's chosen
 * weekday and hour in its time zone, as signed JSON and as escaped Slack text, and one site's digest
 * never holds another's numbers.
 */
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Digest } from '../../shared/contract/digest';
import { DigestEvent } from '../../shared/contract/events';
import { duePeriod, nextAt } from '../../worker/digest/schedule';
import { sendDueDigests } from '../../worker/digest/send';
import { call, createSite, createSurvey, getJson, NPS_SURVEY } from './helpers';
import { countRows, json, stubReceiver } from './loop-helpers';
import { plant } from './why-helpers';

// The digest sent on Monday 30 November 2026 covers Monday 23 to Sunday 29, against 16 to 22.
const WEEK = { from: '2026-11-23', to: '2026-11-29' };
const BEFORE = { from: '2026-11-16', to: '2026-11-22' };
const MONDAY_0910 = Date.parse('2026-11-30T09:10:00Z');

type Site = { apiKey: string; siteKey: string; siteId: string; surveyId: string };

async function newSite(name: string): Promise<Site> {
  const { site, apiKey } = await createSite(undefined, name);
  const survey = await createSurvey(apiKey, NPS_SURVEY);
  return { apiKey, siteKey: site.key, siteId: site.id, surveyId: survey.id };
}

const patchSettings = (apiKey: string, json: unknown) =>
  call('/v1/site/settings', { method: 'PATCH', key: apiKey, json });

async function webhook(apiKey: string, format: 'json' | 'slack', events: string[] = ['digest']) {
  const r = await json<{ id: string }>(
    call('/v1/webhooks', { method: 'POST', key: apiKey, json: { url: 'http://127.0.0.1:9/digest', format, events } }),
  );
  expect(r.status).toBe(201);
  return r.body.id;
}

let a: Site;
let b: Site;
// Webhook receivers: the queue consumer's deliveries land here.
let restore: () => void;
afterAll(() => restore());

beforeAll(async () => {
  restore = stubReceiver(() => new Response('ok')).restore;
  a = await newSite('Shop <!channel> *A*');
  b = await newSite('Other shop');
  // The week before: mostly detractors; the week: mostly promoters (a significant NPS rise), with
  // "delivery" mentioned more often. Identified detractors put respondents on the at-risk list.
  for (let i = 0; i < 32; i++) {
    const day = `2026-11-${String(16 + (i % 7)).padStart(2, '0')}T10:${String(i).padStart(2, '0')}:00Z`;
    await plant(
      a.siteKey,
      a.surveyId,
      {
        answers: [
          { questionId: 'nps', value: i % 4 === 0 ? 9 : 3 },
          { questionId: 'csat', value: 3 + (i % 3) },
          ...(i % 8 === 1 ? [{ questionId: 'why', value: 'the delivery was late' }] : []),
        ],
      },
      day,
    );
  }
  for (let i = 0; i < 34; i++) {
    const day = `2026-11-${String(23 + (i % 7)).padStart(2, '0')}T11:${String(i).padStart(2, '0')}:00Z`;
    await plant(
      a.siteKey,
      a.surveyId,
      {
        answers: [
          { questionId: 'nps', value: i % 5 === 0 ? 2 : 10 },
          { questionId: 'csat', value: 3 + (i % 3) },
          ...(i % 5 === 0 ? [{ questionId: 'why', value: 'delivery took two weeks' }] : []),
        ],
        ...(i % 5 === 0 ? { respondent: { id: `cust-${i}` } } : {}),
      },
      day,
    );
  }
  // Site B has answers of its own in the same week, all passives.
  for (let i = 0; i < 5; i++) {
    await plant(b.siteKey, b.surveyId, { answers: [{ questionId: 'nps', value: 8 }] }, `2026-11-24T12:0${i}:00Z`);
  }
  // And two detractors whose cases were resolved on Tuesday: one answers 9 on Thursday (recovered),
  // the other 4 (not recovered).
  for (const [id, next] of [
    ['rec-1', 9],
    ['rec-2', 4],
  ] as const) {
    const first = await plant(
      b.siteKey,
      b.surveyId,
      { answers: [{ questionId: 'nps', value: 2 }], respondent: { id } },
      '2026-11-23T08:00:00Z',
    );
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-24T15:00:00Z'));
    const put = await call(`/v1/cases/${first}`, {
      method: 'PUT',
      key: b.apiKey,
      json: { status: 'resolved' },
    }).finally(() => vi.useRealTimers());
    expect(put.status).toBe(200);
    await plant(
      b.siteKey,
      b.surveyId,
      { answers: [{ questionId: 'nps', value: next }], respondent: { id } },
      '2026-11-26T09:00:00Z',
    );
  }
}, 120_000);

describe('the digest', () => {
  it("has the results API's figures for the same week, the significant changes only, topics rising and the at-risk count", async () => {
    const digest = await getJson(`/v1/digest?from=${WEEK.from}&to=${WEEK.to}`, a.apiKey);
    expect(Digest.parse(digest)).toBeTruthy();
    const results = await getJson(`/v1/surveys/${a.surveyId}/results?from=${WEEK.from}&to=${WEEK.to}`, a.apiKey);
    expect(digest.range).toEqual({ ...WEEK, previous: BEFORE });
    expect(digest.surveys).toHaveLength(1);
    const s = digest.surveys[0];
    expect(s.metrics).toEqual(results.metrics);
    expect(s.previous).toEqual(results.previous);
    expect({ responses: s.responses, completed: s.completed }).toEqual({
      responses: results.responses,
      completed: results.completed,
    });
    expect(s.responses).toBe(34);
    expect(s.previous.responses).toBe(32);
    // NPS rose significantly; CSAT did not change: only NPS is listed.
    expect(results.comparison.nps.significant).toBe(true);
    expect(results.comparison.csat.significant).toBe(false);
    expect(s.changes).toEqual([{ metric: 'nps', ...results.comparison.nps }]);
    // Topics: the same counts as the topics API.
    const topics = await getJson(`/v1/surveys/${a.surveyId}/topics?from=${WEEK.from}&to=${WEEK.to}`, a.apiKey);
    const delivery = topics.topics.find((t: { key: string }) => t.key === 'delivery');
    expect(delivery).toMatchObject({ n: 7, previous: 4 });
    const rising = s.topicsRising.find((t: { key: string }) => t.key === 'delivery');
    expect(rising).toMatchObject({ n: 7, previous: 4, label: { en: 'Delivery', fa: 'ارسال و تحویل' } });
    // At risk: as many as the at-risk list holds for the week.
    const atRisk = await getJson(`/v1/at-risk?from=${WEEK.from}&to=${WEEK.to}`, a.apiKey);
    expect(atRisk.items.length).toBe(7);
    expect(digest.atRisk).toEqual({ count: 7, capped: false });
    // Nothing a respondent wrote, nor who they are, is in it.
    const text = JSON.stringify(digest);
    expect(text).not.toContain('delivery was late');
    expect(text).not.toContain('two weeks');
    expect(text).not.toContain('cust-');
  });

  it("is by default the last whole week in the schedule's time zone, and one site never sees another's", async () => {
    const bDigest = await getJson(`/v1/digest?from=${WEEK.from}&to=${WEEK.to}`, b.apiKey);
    expect(bDigest.site.name).toBe('Other shop');
    expect(bDigest.surveys.map((x: { id: string }) => x.id)).toEqual([b.surveyId]);
    expect(bDigest.surveys[0].responses).toBe(9);
    expect(bDigest.atRisk.count).toBe(1); // rec-2, whose latest answer is a 4
    expect(bDigest.cases).toEqual({ opened: 2, resolved: 2 });
    // Recovery: of the two whose case was resolved and who answered again that week, one answered 7+.
    expect(bDigest.recovery).toMatchObject({ recovered: 1, n: 2, rate: 0.5 });
    expect(bDigest.recovery.ci95[0]).toBeLessThan(0.5);
    expect(bDigest.recovery.ci95[1]).toBeGreaterThan(0.5);
    const aDigest = await getJson(`/v1/digest?from=${WEEK.from}&to=${WEEK.to}`, a.apiKey);
    expect(aDigest.recovery).toBeNull();
    expect(aDigest.cases).toEqual({ opened: 0, resolved: 0 });
    const latest = await getJson('/v1/digest', b.apiKey);
    const [from, to] = [latest.range.from, latest.range.to];
    expect(new Date(`${from}T00:00:00Z`).getUTCDay()).toBe(1); // a Monday
    expect(new Date(`${to}T00:00:00Z`).getUTCDay()).toBe(0); // to the Sunday after
    expect(to < new Date().toISOString().slice(0, 10)).toBe(true);
  });

  it('refuses a schedule that is not one (unknown time zone, hour 24, extra fields)', async () => {
    for (const digest of [
      { schedule: 'weekly', weekday: 'monday', hour: 9, timeZone: 'Nowhere/City' },
      { schedule: 'weekly', weekday: 'monday', hour: 24 },
      { schedule: 'weekly', weekday: 'someday', hour: 9 },
      { schedule: 'daily' },
      { schedule: 'off', hour: 3 },
    ]) {
      expect((await patchSettings(a.apiKey, { digest })).status, JSON.stringify(digest)).toBe(400);
    }
  });
});

describe('the digest schedule', () => {
  it("is due from the chosen hour of the chosen weekday in the site's time zone, until that day ends", () => {
    const tehran = { weekday: 'monday' as const, hour: 9, timeZone: 'Asia/Tehran' }; // UTC+3:30
    expect(duePeriod(Date.parse('2026-11-30T05:25:00Z'), tehran)).toBeNull();
    expect(duePeriod(Date.parse('2026-11-30T05:35:00Z'), tehran)).toEqual(WEEK);
    expect(duePeriod(Date.parse('2026-11-30T20:25:00Z'), tehran)).toEqual(WEEK); // 23:55 in Tehran
    expect(duePeriod(Date.parse('2026-11-30T20:35:00Z'), tehran)).toBeNull(); // Tuesday in Tehran
    expect(nextAt(Date.parse('2026-11-25T00:00:00Z'), tehran)).toBe(Date.parse('2026-11-30T05:30:00Z'));
    // Across a daylight-saving change (New York falls back on 1 November 2026).
    const ny = { weekday: 'sunday' as const, hour: 9, timeZone: 'America/New_York' };
    expect(nextAt(Date.parse('2026-10-30T00:00:00Z'), ny)).toBe(Date.parse('2026-11-01T14:00:00Z'));
  });

  it('sends each week once across repeated and overlapping cron runs, to the webhooks that take `digest`', async () => {
    const json = await webhook(a.apiKey, 'json');
    const slack = await webhook(a.apiKey, 'slack');
    const other = await webhook(a.apiKey, 'json', ['alert']); // does not take the digest
    const bHook = await webhook(b.apiKey, 'json');
    expect((await patchSettings(a.apiKey, { digest: { schedule: 'weekly', weekday: 'monday', hour: 9 } })).status).toBe(
      200,
    );
    const settings = await getJson('/v1/site/settings', a.apiKey);
    expect(settings.settings.digest).toMatchObject({ schedule: 'weekly', weekday: 'monday', hour: 9, webhooks: 2 });

    const digestRows = (hook: string) =>
      countRows("SELECT COUNT(*) AS n FROM deliveries WHERE webhook_id = ? AND event = 'digest'", hook);
    // Sunday evening: not due yet.
    await sendDueDigests(env, Date.parse('2026-11-29T21:00:00Z'));
    expect(await digestRows(json)).toBe(0);
    // Monday 09:10, then again and again, two of them at once.
    await sendDueDigests(env, MONDAY_0910);
    await Promise.all([sendDueDigests(env, MONDAY_0910 + 300_000), sendDueDigests(env, MONDAY_0910 + 300_000)]);
    await sendDueDigests(env, MONDAY_0910 + 3_600_000);
    expect(await digestRows(json)).toBe(1);
    expect(await digestRows(slack)).toBe(1);
    expect(await digestRows(other)).toBe(0);
    // Site B chose no schedule: nothing for it.
    expect(await digestRows(bHook)).toBe(0);
    expect(await countRows('SELECT COUNT(*) AS n FROM digest_runs WHERE site_id = ?', a.siteId)).toBe(1);

    // The JSON body is the digest of the week, as GET /v1/digest answers it.
    const payload = (hook: string) =>
      env.DB.prepare("SELECT payload FROM deliveries WHERE webhook_id = ? AND event = 'digest'")
        .bind(hook)
        .first<{ payload: string }>()
        .then((r) => JSON.parse(r!.payload));
    const event = DigestEvent.parse(await payload(json));
    expect(event.site.id).toBe(a.siteId);
    expect(JSON.parse(JSON.stringify(event.digest))).toEqual(
      await getJson(`/v1/digest?from=${WEEK.from}&to=${WEEK.to}`, a.apiKey),
    );
    // Slack: the names are escaped (no @channel ping, no forged bold), the figures are there.
    const text = (await payload(slack)).text as string;
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('*A*');
    expect(text).toMatch(/NPS -?\d+(\.\d)? \[/);
    expect(text).toContain('Topics rising: Delivery 7 (was 4)');

    // The next Monday is another week: one more each.
    await sendDueDigests(env, MONDAY_0910 + 7 * 86_400_000);
    await sendDueDigests(env, MONDAY_0910 + 7 * 86_400_000 + 300_000);
    expect(await digestRows(json)).toBe(2);
    // Turned off: nothing more.
    expect((await patchSettings(a.apiKey, { digest: { schedule: 'off' } })).status).toBe(200);
    await sendDueDigests(env, MONDAY_0910 + 14 * 86_400_000);
    expect(await digestRows(json)).toBe(2);
  });
});
