/**
 * Nothing accepted is lost between the 202 and its alerts: the work after a post (alert rules,
 * webhooks, cases) is recorded in the same D1 transaction as the post and retried by the cron until
 * done, never twice. Faults are real D1 failures (a table the work needs is moved away), not mocks.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { retryPendingWork } from '../../worker/alerts/pending';
import { sweepDeliveries } from '../../worker/webhooks/enqueue';
import { call, setup } from './helpers';
import { countRows, createAlert, createWebhook, postResponseWith, stubReceiver, until } from './loop-helpers';

let restore: (() => void) | undefined;
afterEach(async () => {
  restore?.();
  restore = undefined;
});

/** Moves a table away (every statement that needs it fails, as in a D1 outage of that write) until `back`. */
async function moveAway(table: string) {
  await env.DB.exec(`ALTER TABLE ${table} RENAME TO ${table}_moved`);
  const back = async () => {
    await env.DB.exec(`ALTER TABLE ${table}_moved RENAME TO ${table}`);
  };
  return back;
}

/** A site with a Slack-free JSON webhook on alerts and completions, and an "NPS 0–6" alert opening a case. */
async function watchedSite() {
  const { site, survey, apiKey } = await setup();
  const receiver = stubReceiver(() => new Response('ok'));
  restore = receiver.restore;
  const hook = await createWebhook(apiKey, { url: 'http://127.0.0.1:9/hook', events: ['alert', 'response.completed'] });
  await createAlert(apiKey, { surveyId: survey.id, questionId: 'nps', max: 6, webhookId: hook.id });
  const detractor = (id: string, respondent?: string) => ({
    id,
    siteKey: site.key,
    surveyId: survey.id,
    answers: [{ questionId: 'nps', value: 2 }],
    completed: true,
    ...(respondent ? { respondent: { id: respondent } } : {}),
  });
  return { site, survey, apiKey, hook, receiver, detractor };
}

const pendingOf = (id: string) => countRows('SELECT count(*) AS n FROM pending_work WHERE response_id = ?', id);
const deliveriesOf = (id: string) => countRows('SELECT count(*) AS n FROM deliveries WHERE response_id = ?', id);
const casesOf = (id: string) => countRows('SELECT count(*) AS n FROM cases WHERE response_id = ?', id);
/** Requests the receiver got about one response, by event. */
const sent = (received: { body: string }[], id: string) =>
  received
    .map((r) => JSON.parse(r.body) as { event: string; response?: { id: string } })
    .filter((e) => e.response?.id === id)
    .map((e) => e.event)
    .sort();
const later = () => Date.now() + 120_000;

describe('the work after a response survives a failure after the 202', () => {
  it('records the work with the write and removes it once done; a site without webhooks records nothing', async () => {
    const { detractor, receiver } = await watchedSite();
    const id = crypto.randomUUID();
    expect((await postResponseWith({}, detractor(id))).status).toBe(202);
    expect(await pendingOf(id)).toBe(0);
    expect(await deliveriesOf(id)).toBe(2);
    await until(async () => sent(receiver.received, id).length === 2);

    const plain = await setup();
    const other = crypto.randomUUID();
    const res = await postResponseWith(
      {},
      {
        id: other,
        siteKey: plain.site.key,
        surveyId: plain.survey.id,
        answers: [{ questionId: 'nps', value: 2 }],
        completed: true,
      },
    );
    expect(res.status).toBe(202);
    expect(await countRows('SELECT count(*) AS n FROM pending_work WHERE site_id = ?', plain.site.id)).toBe(0);
  });

  it('an alert whose work hits a D1 failure arrives after the cron retry, exactly once', async () => {
    const { detractor, receiver } = await watchedSite();
    const id = crypto.randomUUID();
    // The work's transaction (deliveries, case, its own removal) fails: the deliveries table is gone.
    const back = await moveAway('deliveries');
    try {
      const res = await postResponseWith({}, detractor(id));
      // The answer itself is stored and acknowledged: the failure is after the 202.
      expect(res.status).toBe(202);
    } finally {
      await back();
    }
    expect(await countRows('SELECT count(*) AS n FROM responses WHERE id = ?', id)).toBe(1);
    // Nothing went out, nothing half-done: no delivery, no case, and the work still recorded.
    expect(await deliveriesOf(id)).toBe(0);
    expect(await casesOf(id)).toBe(0);
    expect(await pendingOf(id)).toBe(1);

    // The cron's next run does it.
    expect(await retryPendingWork(env, later())).toMatchObject({ failed: 0 });
    expect(await pendingOf(id)).toBe(0);
    expect(await casesOf(id)).toBe(1);
    await until(async () => sent(receiver.received, id).length === 2);
    expect(sent(receiver.received, id)).toEqual(['alert', 'response.completed']);

    // Later runs (and the delivery sweep) find nothing more to do: still once each.
    await retryPendingWork(env, later());
    await sweepDeliveries(env, later());
    expect(await deliveriesOf(id)).toBe(2);
    expect(await casesOf(id)).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(sent(receiver.received, id)).toEqual(['alert', 'response.completed']);
  });

  it('the same work run twice at once (two cron runs, or the request and the cron) sends each event once', async () => {
    const { detractor, receiver } = await watchedSite();
    const id = crypto.randomUUID();
    const back = await moveAway('cases');
    try {
      expect((await postResponseWith({}, detractor(id))).status).toBe(202);
    } finally {
      await back();
    }
    expect(await pendingOf(id)).toBe(1);
    await Promise.all([retryPendingWork(env, later()), retryPendingWork(env, later())]);
    expect(await pendingOf(id)).toBe(0);
    expect(await deliveriesOf(id)).toBe(2);
    expect(await casesOf(id)).toBe(1);
    await until(async () => sent(receiver.received, id).length === 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(sent(receiver.received, id)).toEqual(['alert', 'response.completed']);
  });

  it('work that keeps failing is retried on every run and counted, and stops at the attempt limit', async () => {
    const { detractor } = await watchedSite();
    const id = crypto.randomUUID();
    const back = await moveAway('deliveries');
    try {
      expect((await postResponseWith({}, detractor(id))).status).toBe(202);
      expect(await retryPendingWork(env, later())).toMatchObject({ done: 0, failed: 1 });
      expect(await retryPendingWork(env, later())).toMatchObject({ done: 0, failed: 1 });
    } finally {
      await back();
    }
    expect(
      await countRows('SELECT attempts AS n FROM pending_work WHERE response_id = ?', id),
      'each run counts its try',
    ).toBe(2);
    await env.DB.prepare('UPDATE pending_work SET attempts = 100 WHERE response_id = ?').bind(id).run();
    expect(await retryPendingWork(env, later())).toEqual({ done: 0, failed: 0 });
    expect(await pendingOf(id)).toBe(1);
  });

  it('erasing the respondent removes their pending work: a retry sends nothing about them', async () => {
    const { detractor, receiver, apiKey } = await watchedSite();
    const gone = crypto.randomUUID();
    const kept = crypto.randomUUID();
    const back = await moveAway('deliveries');
    try {
      expect((await postResponseWith({}, detractor(gone, 'erase-me'))).status).toBe(202);
      expect((await postResponseWith({}, detractor(kept, 'keep-me'))).status).toBe(202);
    } finally {
      await back();
    }
    expect(await pendingOf(gone)).toBe(1);
    const res = await call('/v1/respondents/erase-me', { method: 'DELETE', key: apiKey });
    expect(res.status).toBe(200);
    expect(await pendingOf(gone)).toBe(0);
    expect(await pendingOf(kept)).toBe(1);
    await retryPendingWork(env, later());
    await until(async () => sent(receiver.received, kept).length === 2);
    expect(sent(receiver.received, gone)).toEqual([]);
    expect(receiver.received.some((r) => r.body.includes('erase-me'))).toBe(false);
  });
});
