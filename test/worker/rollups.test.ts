/**
 * Property: whatever sequence of writes reaches the collector (new responses, merges of the same id
 * with changed answers, completions, GDPR erasures) and of time-zone and calendar changes, the results
 * computed from the trigger-maintained rollups equal the same results computed by scanning responses
 * and answers (the scan computes each response's local day from `created_at` in the site's zone, so
 * it also checks the days stamped at write time and restamped after a zone change).
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, dayOf } from '../../shared/dates';
import { type ResultsOptions, surveyResults } from '../../worker/results/results';
import { runRezone } from '../../worker/sites/rezone';
import { runBackfill } from '../../worker/sites/segments-sql';
import { getSurvey } from '../../worker/surveys/sql';
import { listTouchpoints } from '../../worker/touchpoints/sql';
import { call, createSite, createSurvey, getJson, postResponse } from './helpers';

const TOUCHPOINTS = ['', 'home', 'checkout'] as const;
const RESPONDENTS = [null, 'r1', 'r2', 'r3'] as const;
const TEXTS = ['', 'Great service, love it', 'Terrible slow delivery', 'It arrived on Tuesday', 'خیلی بد بود'];

type Answers = { questionId: string; value: number | string | string[] }[];

const answersArb: fc.Arbitrary<Answers> = fc
  .record(
    {
      nps: fc.integer({ min: 0, max: 10 }),
      csat: fc.integer({ min: 1, max: 5 }),
      ces: fc.integer({ min: 1, max: 7 }),
      why: fc.constantFrom(...TEXTS),
      channel: fc.subarray(['search', 'friend', 'ad'], { minLength: 1 }),
    },
    { requiredKeys: [] },
  )
  .map((r) => Object.entries(r).map(([questionId, value]) => ({ questionId, value })));

/** Zones with whole-hour, half-hour, quarter-hour and DST offsets, on both sides of UTC. */
const ZONES = ['UTC', 'Asia/Tehran', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Chatham', 'Europe/Berlin'] as const;
type ZoneOp = { kind: 'zone'; zone: (typeof ZONES)[number]; calendar: 'gregorian' | 'persian'; settle: boolean };
/** A time-zone (and calendar) change; `settle` runs the restamp to its end before the next write. */
const zoneOpArb: fc.Arbitrary<ZoneOp> = fc.record({
  kind: fc.constant('zone' as const),
  zone: fc.constantFrom(...ZONES),
  calendar: fc.constantFrom('gregorian' as const, 'persian' as const),
  settle: fc.boolean(),
});
/** Receive a post at a random minute of a day some days back (minutes near every zone's midnight). */
const minuteArb = fc.integer({ min: 0, max: 24 * 4 - 1 }).map((q) => q * 15);
const atMinute = (day: string, minute: number) => new Date(Date.parse(`${day}T00:00:00Z`) + minute * 60_000);
/** PATCHes the zone and calendar, then (if asked) runs the restamp past its settling time. */
async function changeZone(apiKey: string, siteId: string, op: ZoneOp) {
  const res = await call('/v1/site', {
    method: 'PATCH',
    key: apiKey,
    json: { timeZone: op.zone, calendar: op.calendar },
  });
  expect(res.status).toBe(200);
  if (op.settle) await settle(siteId);
}
const settle = async (siteId: string) =>
  expect(await runRezone(env.DB, siteId, { now: () => Date.now() + 60_000 })).toBe('done');

type Op =
  | ZoneOp
  | {
      kind: 'insert';
      touchpoint: (typeof TOUCHPOINTS)[number];
      respondent: (typeof RESPONDENTS)[number];
      daysAgo: number;
      minute: number;
      answers: Answers;
      completed: boolean;
    }
  | { kind: 'merge'; target: number; respondent: (typeof RESPONDENTS)[number]; answers: Answers; completed: boolean }
  | { kind: 'complete'; target: number }
  | { kind: 'erase'; respondent: 'r1' | 'r2' | 'r3' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      touchpoint: fc.constantFrom(...TOUCHPOINTS),
      respondent: fc.constantFrom(...RESPONDENTS),
      daysAgo: fc.integer({ min: 0, max: 40 }), // some fall in the previous period, some before it
      minute: minuteArb,
      answers: answersArb,
      completed: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: zoneOpArb },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('merge' as const),
      target: fc.nat(),
      respondent: fc.constantFrom(...RESPONDENTS), // a later identify() on the same response
      answers: answersArb,
      completed: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('complete' as const), target: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('erase' as const), respondent: fc.constantFrom('r1', 'r2', 'r3') }),
  },
);

afterEach(() => {
  vi.useRealTimers();
});

describe('rollups', () => {
  it('equal a full scan after any sequence of inserts, merges, completions and erasures', async () => {
    const { site, apiKey } = await createSite();
    for (const [key, stage] of [
      ['home', 'awareness'],
      ['checkout', 'purchase'],
    ]) {
      await call('/v1/touchpoints', { method: 'POST', key: apiKey, json: { key, name: key, stage } });
    }
    const today = dayOf(Date.now());

    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        // a fresh survey per run, so each run compares only its own writes
        const survey = await createSurvey(apiKey);
        const sent: { id: string; touchpoint: string }[] = [];
        const send = async (
          id: string,
          touchpoint: string,
          answers: Answers,
          completed: boolean,
          respondent?: string,
        ) => {
          const res = await postResponse({
            id,
            siteKey: site.key,
            surveyId: survey.id,
            ...(touchpoint ? { touchpoint } : {}),
            answers,
            ...(respondent ? { respondent: { id: respondent } } : {}),
            completed,
            // The widget's write secret: merges, even into a completed response, come from its creator.
            secret: id.replaceAll('-', ''),
          });
          expect(res.status).toBe(202);
        };
        for (const op of ops) {
          if (op.kind === 'insert') {
            const id = crypto.randomUUID();
            // the collector stamps the day it receives a response: receive this one `daysAgo` days back
            vi.useFakeTimers({ toFake: ['Date'] });
            vi.setSystemTime(atMinute(addDays(today, -op.daysAgo), op.minute));
            try {
              await send(id, op.touchpoint, op.answers, op.completed, op.respondent ?? undefined);
            } finally {
              vi.useRealTimers();
            }
            sent.push({ id, touchpoint: op.touchpoint });
          } else if (op.kind === 'merge' || op.kind === 'complete') {
            const target = sent[op.target % Math.max(1, sent.length)];
            if (!target) continue;
            if (op.kind === 'merge') {
              await send(target.id, target.touchpoint, op.answers, op.completed, op.respondent ?? undefined);
            } else await send(target.id, target.touchpoint, [], true);
          } else if (op.kind === 'zone') {
            await changeZone(apiKey, site.id, op);
          } else {
            const res = await call(`/v1/respondents/${op.respondent}`, { method: 'DELETE', key: apiKey });
            expect(res.status).toBe(200);
          }
        }

        // Until a restamp is done results are scanned; once done they read the rollups again.
        await settle(site.id);
        const stored = (await getSurvey(env.DB, site.id, survey.id))!;
        const touchpoints = await listTouchpoints(env.DB, site.id);
        const queries: ResultsOptions[] = [
          {},
          { touchpoint: 'checkout' },
          { interval: 'week' },
          { interval: 'month', from: addDays(today, -45), to: today },
          { period: 'month' },
        ];
        for (const q of queries) {
          const qs = new URLSearchParams(q as Record<string, string>).toString();
          const rollup = await getJson(`/v1/surveys/${survey.id}/results${qs ? `?${qs}` : ''}`, apiKey);
          const { rowsRead: _, ...scan } = await surveyResults(env.DB, stored, touchpoints, { ...q, source: 'scan' });
          expect(rollup.source).toBe('rollup');
          expect(scan.source).toBe('scan');
          const plain = JSON.parse(JSON.stringify(scan));
          for (const key of [
            'responses',
            'completed',
            'shown',
            'metrics',
            'previous',
            'comparison',
            'trend',
            'touchpoints',
            'questions',
          ]) {
            expect(rollup[key], `${key} ${qs}`).toEqual(plain[key]);
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe('dimensional rollups (locale, channel, declared segment attributes)', () => {
  type DimOp =
    | ZoneOp
    | {
        kind: 'insert';
        touchpoint: string;
        locale: string | null;
        plan: string | null;
        daysAgo: number;
        minute: number;
        answers: Answers;
        completed: boolean;
        respondent: 'r1' | 'r2' | null;
      }
    | { kind: 'merge'; target: number; plan: string | null; answers: Answers; completed: boolean }
    | { kind: 'erase'; respondent: 'r1' | 'r2' };
  const PLANS = [null, 'pro', 'free', 'team'] as const;
  const dimOpArb: fc.Arbitrary<DimOp> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('insert' as const),
        touchpoint: fc.constantFrom(...TOUCHPOINTS),
        locale: fc.constantFrom(null, 'en', 'fa'),
        plan: fc.constantFrom(...PLANS),
        daysAgo: fc.integer({ min: 0, max: 40 }),
        minute: minuteArb,
        answers: answersArb,
        completed: fc.boolean(),
        respondent: fc.constantFrom(null, 'r1', 'r2'),
      }),
    },
    { weight: 1, arbitrary: zoneOpArb },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('merge' as const),
        target: fc.nat(),
        plan: fc.constantFrom(...PLANS), // identify() later in the same response moves it to another segment
        answers: answersArb,
        completed: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('erase' as const), respondent: fc.constantFrom('r1', 'r2') }),
    },
  );

  it('filtered results and by= breakdowns equal a full scan after any inserts, merges and erasures', async () => {
    const { site, apiKey } = await createSite();
    for (const key of ['home', 'checkout']) {
      await call('/v1/touchpoints', { method: 'POST', key: apiKey, json: { key, name: key, stage: 'usage' } });
    }
    const declared = await call('/v1/site/settings', { method: 'PATCH', key: apiKey, json: { segments: ['plan'] } });
    expect(declared.status).toBe(200);
    await runBackfill(env.DB, site.id);
    const today = dayOf(Date.now());

    await fc.assert(
      fc.asyncProperty(fc.array(dimOpArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        const survey = await createSurvey(apiKey);
        const sent: { id: string; touchpoint: string; respondent: string | null }[] = [];
        const send = async (
          id: string,
          touchpoint: string,
          locale: string | null,
          plan: string | null,
          respondent: string | null,
          answers: Answers,
          completed: boolean,
        ) => {
          const res = await postResponse({
            id,
            siteKey: site.key,
            surveyId: survey.id,
            ...(touchpoint ? { touchpoint } : {}),
            answers,
            ...(respondent || plan
              ? { respondent: { ...(respondent ? { id: respondent } : {}), ...(plan ? { attributes: { plan } } : {}) } }
              : {}),
            ...(locale ? { context: { locale } } : {}),
            completed,
            // the client's write secret for this response (#11): merges need it
            secret: id.replaceAll('-', ''),
          });
          expect(res.status).toBe(202);
        };
        for (const op of ops) {
          if (op.kind === 'insert') {
            const id = crypto.randomUUID();
            vi.useFakeTimers({ toFake: ['Date'] });
            vi.setSystemTime(atMinute(addDays(today, -op.daysAgo), op.minute));
            try {
              await send(id, op.touchpoint, op.locale, op.plan, op.respondent, op.answers, op.completed);
            } finally {
              vi.useRealTimers();
            }
            sent.push({ id, touchpoint: op.touchpoint, respondent: op.respondent });
          } else if (op.kind === 'merge') {
            const t = sent[op.target % Math.max(1, sent.length)];
            if (!t) continue;
            await send(t.id, t.touchpoint, null, op.plan, t.respondent, op.answers, op.completed);
          } else if (op.kind === 'zone') {
            await changeZone(apiKey, site.id, op);
          } else {
            expect((await call(`/v1/respondents/${op.respondent}`, { method: 'DELETE', key: apiKey })).status).toBe(
              200,
            );
          }
        }
        await settle(site.id);
        const stored = (await getSurvey(env.DB, site.id, survey.id))!;
        const touchpoints = await listTouchpoints(env.DB, site.id);
        const queries: ResultsOptions[] = [
          { locale: 'fa' },
          { locale: 'en', touchpoint: 'checkout' },
          { channel: 'web', interval: 'week' },
          { segment: 'plan:pro' },
          { segment: 'plan:team', from: addDays(today, -45), to: today },
          { by: 'plan' },
          { by: 'locale', touchpoint: 'home' },
        ];
        for (const q of queries) {
          const qs = new URLSearchParams(q as Record<string, string>).toString();
          const rollup = await getJson(`/v1/surveys/${survey.id}/results?${qs}`, apiKey);
          const { rowsRead: _, ...scan } = await surveyResults(env.DB, stored, touchpoints, { ...q, source: 'scan' });
          expect(rollup.source, qs).toBe('rollup');
          const plain = JSON.parse(JSON.stringify(scan));
          for (const key of [
            'responses',
            'completed',
            'shown',
            'metrics',
            'previous',
            'trend',
            'touchpoints',
            'questions',
            'segments',
          ]) {
            expect(rollup[key], `${key} ${qs}`).toEqual(plain[key]);
          }
        }
      }),
      { numRuns: 20 },
    );
  }, 300_000);

  it('an attribute declared after answers were stored counts them too (backfill), and a dropped one is removed', async () => {
    const { site, apiKey } = await createSite();
    const survey = await createSurvey(apiKey);
    for (const [i, plan] of ['pro', 'pro', 'free'].entries()) {
      const res = await postResponse({
        id: crypto.randomUUID(),
        siteKey: site.key,
        surveyId: survey.id,
        answers: [{ questionId: 'nps', value: 10 - i }],
        respondent: { attributes: { plan } },
        completed: true,
      });
      expect(res.status).toBe(202);
    }
    const before = await getJson(`/v1/surveys/${survey.id}/results?segment=plan:pro`, apiKey);
    expect(before.source).toBe('scan'); // not declared: still right, by scanning
    const patched = await call('/v1/site/settings', { method: 'PATCH', key: apiKey, json: { segments: ['plan'] } });
    expect(patched.status).toBe(200);
    await runBackfill(env.DB, site.id);
    const settings = await getJson('/v1/site/settings', apiKey);
    expect(settings.settings.segments).toEqual([{ name: 'plan', ready: true, values: 2 }]);
    const after = await getJson(`/v1/surveys/${survey.id}/results?segment=plan:pro`, apiKey);
    expect(after.source).toBe('rollup');
    expect(after.responses).toBe(2);
    expect(after.metrics).toEqual(before.metrics);
    const by = await getJson(`/v1/surveys/${survey.id}/results?by=plan`, apiKey);
    expect(by.segments.items.map((i: { value: string; responses: number }) => [i.value, i.responses])).toEqual([
      ['pro', 2],
      ['free', 1],
    ]);
    // Dropping the declaration takes its rollups out; the filter still answers, by scanning.
    await call('/v1/site/settings', { method: 'PATCH', key: apiKey, json: { segments: [] } });
    await runBackfill(env.DB, site.id);
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM response_dims WHERE survey_id = ? AND dim = 'a:plan'")
      .bind(survey.id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
    const dropped = await getJson(`/v1/surveys/${survey.id}/results?segment=plan:pro`, apiKey);
    expect(dropped.source).toBe('scan');
    expect(dropped.responses).toBe(2);
  });

  it('refuses more than 5 segment attributes', async () => {
    const { apiKey } = await createSite();
    const res = await call('/v1/site/settings', {
      method: 'PATCH',
      key: apiKey,
      json: { segments: ['a', 'b', 'c', 'd', 'e', 'f'] },
    });
    expect(res.status).toBe(400);
  });
});
