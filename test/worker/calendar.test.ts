/**
 * A site's time zone and calendar: days cut at local midnight, Jalali months and Saturday weeks for
 * `calendar: "persian"`, whole periods compared with whole periods, and a zone change that restamps
 * stored days without a single answer missing from any figure meanwhile.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { collect } from '../../worker/collect/collect';
import { runRezone } from '../../worker/sites/rezone';
import { call, getJson, setup } from './helpers';

/** Stores one NPS answer as the collector does, received at `iso` (UTC). */
async function answerAt(siteKey: string, surveyId: string, iso: string, nps = 10) {
  await collect(
    env.DB,
    { id: crypto.randomUUID(), siteKey, surveyId, answers: [{ questionId: 'nps', value: nps }], completed: true },
    {},
    Date.parse(iso),
  );
}

const patchSite = (apiKey: string, json: unknown) => call('/v1/site', { method: 'PATCH', key: apiKey, json });

type Trend = { period: string; responses: number }[];
const results = (apiKey: string, surveyId: string, qs: string) =>
  getJson<{
    source: string;
    responses: number;
    trend: Trend;
    range: { from: string; to: string; previous: { from: string; to: string } };
    previous: { responses: number };
  }>(`/v1/surveys/${surveyId}/results?${qs}`, apiKey);

describe('site time zone and calendar', () => {
  it('accepts an IANA zone and a calendar, reads them back, and refuses a zone Intl does not know', async () => {
    const { apiKey } = await setup();
    const before = await getJson('/v1/site', apiKey);
    expect(before.site).toMatchObject({ timeZone: 'UTC', calendar: 'gregorian' });
    const bad = await patchSite(apiKey, { timeZone: 'Mars/Olympus_Mons' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('timeZone');
    expect((await patchSite(apiKey, { calendar: 'julian' })).status).toBe(400);
    const ok = await patchSite(apiKey, { timeZone: 'Asia/Tehran', calendar: 'persian' });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { site: unknown }).site).toMatchObject({
      timeZone: 'Asia/Tehran',
      calendar: 'persian',
    });
    expect((await getJson('/v1/site', apiKey)).site).toMatchObject({ timeZone: 'Asia/Tehran', calendar: 'persian' });
  });

  it('cuts days at Tehran midnight: a response at 21:00 UTC belongs to the next local day', async () => {
    const { site, apiKey, survey } = await setup();
    expect((await patchSite(apiKey, { timeZone: 'Asia/Tehran' })).status).toBe(200);
    await runRezone(env.DB, site.id, { now: () => Date.now() + 60_000 });
    await answerAt(site.key, survey.id, '2026-03-10T20:29:00Z'); // 23:59 in Tehran, 10 March
    await answerAt(site.key, survey.id, '2026-03-10T21:00:00Z'); // 00:30 in Tehran, 11 March
    const r = await results(apiKey, survey.id, 'from=2026-03-10&to=2026-03-11');
    expect(r.source).toBe('rollup');
    expect(r.trend).toEqual([
      expect.objectContaining({ period: '2026-03-10', responses: 1 }),
      expect.objectContaining({ period: '2026-03-11', responses: 1 }),
    ]);
    const scan = await results(apiKey, survey.id, 'from=2026-03-10&to=2026-03-11&source=scan');
    expect(scan.trend).toEqual(r.trend);
  });

  it('gives Jalali months (1 Farvardin = 21 March), quarters and years, and Saturday weeks', async () => {
    const { site, apiKey, survey } = await setup();
    expect((await patchSite(apiKey, { timeZone: 'Asia/Tehran', calendar: 'persian' })).status).toBe(200);
    await runRezone(env.DB, site.id, { now: () => Date.now() + 60_000 });
    await answerAt(site.key, survey.id, '2026-03-20T12:00:00Z'); // 29 Esfand 1404
    await answerAt(site.key, survey.id, '2026-03-20T21:00:00Z'); // 1 Farvardin 1405, 00:30 local
    await answerAt(site.key, survey.id, '2026-04-20T12:00:00Z'); // 31 Farvardin
    await answerAt(site.key, survey.id, '2026-04-21T12:00:00Z'); // 1 Ordibehesht
    const month = await results(apiKey, survey.id, 'from=2026-03-01&to=2026-04-30&interval=month');
    expect(month.trend.map((p) => [p.period, p.responses])).toEqual([
      ['2026-02-20', 1], // Esfand 1404 starts on 20 February 2026
      ['2026-03-21', 2],
      ['2026-04-21', 1],
    ]);
    const quarter = await results(apiKey, survey.id, 'from=2026-03-01&to=2026-04-30&interval=quarter');
    expect(quarter.trend.map((p) => [p.period, p.responses])).toEqual([
      ['2025-12-22', 1], // Dey 1404, the fourth quarter's first month
      ['2026-03-21', 3],
    ]);
    const year = await results(apiKey, survey.id, 'from=2026-03-01&to=2026-04-30&interval=year');
    expect(year.trend.map((p) => p.period)).toEqual(['2025-03-21', '2026-03-21']);
    const week = await results(apiKey, survey.id, 'from=2026-03-01&to=2026-04-30&interval=week');
    for (const p of week.trend) expect(new Date(`${p.period}T00:00:00Z`).getUTCDay()).toBe(6); // Saturdays
    // 21 March 2026 is a Saturday: the response of 00:30 that night opens its own week.
    expect(week.trend.find((p) => p.period === '2026-03-21')?.responses).toBe(1);
  });

  it('compares a whole Jalali month with the whole month before it', async () => {
    const { site, apiKey, survey } = await setup();
    expect((await patchSite(apiKey, { timeZone: 'Asia/Tehran', calendar: 'persian' })).status).toBe(200);
    await runRezone(env.DB, site.id, { now: () => Date.now() + 60_000 });
    await answerAt(site.key, survey.id, '2026-02-19T22:00:00Z'); // 1 Esfand, 01:30 local
    await answerAt(site.key, survey.id, '2026-02-19T19:00:00Z'); // 30 Bahman: outside both months
    const r = await results(apiKey, survey.id, 'from=2026-03-21&to=2026-04-20');
    expect(r.range.previous).toEqual({ from: '2026-02-20', to: '2026-03-20' }); // Esfand: 29 days, not 31
    expect(r.previous.responses).toBe(1);
  });

  it('restamps stored days after a zone change; no answer is missing from any figure meanwhile', async () => {
    const { site, apiKey, survey } = await setup();
    // In UTC these fall on 10 March; in Tehran the second one is already 11 March.
    await answerAt(site.key, survey.id, '2026-03-10T12:00:00Z', 10);
    await answerAt(site.key, survey.id, '2026-03-10T21:00:00Z', 0);
    const qs = 'from=2026-03-10&to=2026-03-11';
    const utc = await results(apiKey, survey.id, qs);
    expect(utc.trend.map((p) => [p.period, p.responses])).toEqual([['2026-03-10', 2]]);

    expect((await patchSite(apiKey, { timeZone: 'Asia/Tehran' })).status).toBe(200);
    // The answer's waitUntil may have started the restamp; until it has settled, results are scanned.
    const during = await results(apiKey, survey.id, qs);
    const info = await getJson('/v1/site', apiKey);
    if (info.rezoning) expect(during.source).toBe('scan');
    expect(during.responses).toBe(2);
    expect(during.trend.map((p) => [p.period, p.responses])).toEqual([
      ['2026-03-10', 1],
      ['2026-03-11', 1],
    ]);
    // An answer arriving during the restamp is stamped in the new zone.
    await answerAt(site.key, survey.id, '2026-03-11T20:00:00Z', 9); // 23:30 in Tehran, 11 March

    expect(await runRezone(env.DB, site.id, { now: () => Date.now() + 60_000 })).toBe('done');
    expect((await getJson('/v1/site', apiKey)).rezoning).toBe(false);
    const after = await results(apiKey, survey.id, qs);
    expect(after.source).toBe('rollup');
    expect(after.trend.map((p) => [p.period, p.responses])).toEqual([
      ['2026-03-10', 1],
      ['2026-03-11', 2],
    ]);
    const scan = await results(apiKey, survey.id, `${qs}&source=scan`);
    expect(after.trend).toEqual(scan.trend);
    // The stored days themselves moved (answers, dims and rollups with them).
    const days = await env.DB.prepare(
      `SELECT r.day AS r, (SELECT group_concat(a.day) FROM answers a WHERE a.response_id = r.id) AS a,
         (SELECT group_concat(d.day) FROM response_dims d WHERE d.response_id = r.id) AS d
       FROM responses r WHERE r.survey_id = ? ORDER BY r.created_at`,
    )
      .bind(survey.id)
      .all<{ r: string; a: string; d: string }>();
    expect(days.results).toEqual([
      { r: '2026-03-10', a: '2026-03-10', d: '2026-03-10' },
      { r: '2026-03-11', a: '2026-03-11', d: '2026-03-11' },
      { r: '2026-03-11', a: '2026-03-11', d: '2026-03-11' },
    ]);
  });

  it('waits for late writers before finishing a restamp, then makes a second pass', async () => {
    const { site, apiKey, survey } = await setup();
    await answerAt(site.key, survey.id, '2026-03-10T21:00:00Z');
    expect((await patchSite(apiKey, { timeZone: 'Asia/Tehran' })).status).toBe(200);
    // Just after the change the restamp cannot finish: an isolate may still hold the old zone.
    expect(await runRezone(env.DB, site.id, { now: () => Date.now() })).toBe('wait');
    expect((await getJson('/v1/site', apiKey)).rezoning).toBe(true);
    expect(await runRezone(env.DB, site.id, { now: () => Date.now() + 60_000 })).toBe('done');
    const r = await results(apiKey, survey.id, 'from=2026-03-11&to=2026-03-11');
    expect([r.source, r.responses]).toEqual(['rollup', 1]);
  });
});
