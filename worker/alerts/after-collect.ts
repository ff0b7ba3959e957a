import type { SedaEvent } from '../../shared/contract/events';
import { openCaseStmt } from '../cases/sql';
import type { AfterPost } from '../collect/collect';
import type { Env } from '../env';
import { randomId } from '../lib/crypto';
import type { NewDelivery } from '../webhooks/deliveries-sql';
import { enqueueDeliveries } from '../webhooks/enqueue';
import { type EventResponse, renderPayload } from '../webhooks/payload';
import type { EventBase, Firing } from './kinds/kind';
import { kindOf } from './kinds/registry';
import { type Hook, siteRules } from './rules';
import { claimDropStmt, donePendingStmt, storedResponse } from './sql';

const SENTIMENT = { 1: 'positive', 0: 'neutral', '-1': 'negative' } as const;

/** The stored response with all its answers so far, as events carry it. */
async function loadResponse(db: D1Database, id: string) {
  const stored = await storedResponse(db, id);
  if (!stored) return null;
  const { response: r, answers } = stored;
  const response: EventResponse = {
    id,
    touchpoint: r.touchpoint || null,
    channel: r.channel,
    respondentId: r.respondent_id,
    attributes: r.attributes ? (JSON.parse(r.attributes) as Record<string, unknown>) : null,
    completed: r.completed === 1,
    createdAt: new Date(r.created_at).toISOString(),
    answers: answers.map((a) => ({
      questionId: a.question_id,
      value: a.num ?? a.text ?? (a.choices ? (JSON.parse(a.choices) as string[]) : null),
      ...(a.sentiment !== null ? { sentiment: SENTIMENT[String(a.sentiment) as '1' | '0' | '-1'] } : {}),
    })),
  };
  return { response, surveyName: r.survey_name };
}

type Pending = Pick<Firing, 'dedupKey' | 'build' | 'aboutResponse'> & {
  hook: Hook;
  claim?: { alertId: string; at: number };
};

/**
 * After a response is stored (run with waitUntil, so the visitor never waits; again by the cron
 * for work left in `pending_work`, see pending.ts): evaluates the site's alert rules on this post
 * (each by its kind's module) and `response.completed` webhooks, opens a follow-up case when a rule
 * asks for one, and queues one signed delivery per webhook.
 *
 * `work` is the post's `pending_work` row: it is deleted in the same transaction that stores the
 * deliveries and the case, so the work is either done and gone, or still there to retry. Running it
 * twice sends nothing twice: deliveries are unique per (webhook, event, response), a case per
 * response, and a drop alert is claimed in that same transaction.
 */
export async function afterCollect(env: Env, done: AfterPost, work: string | null = null, now = Date.now()) {
  const finished = work ? [donePendingStmt(env.DB, work)] : [];
  const rules = await siteRules(env.DB, done.siteId, now);
  const pending: Pending[] = [];
  const openCase: D1PreparedStatement[] = [];

  for (const rule of rules.alerts) {
    if (rule.survey_id !== done.surveyId) continue;
    const hook = rules.hooks.get(rule.webhook_id);
    if (!hook?.events.includes('alert')) continue;
    const fired = await kindOf(rule).evaluate(env, rule, done, now);
    if (!fired) continue;
    if (fired.openCase && !openCase.length) {
      // Due the rule's target time after the case opened; the cron escalates it past that.
      const dueAt = rule.target_hours ? now + rule.target_hours * 3_600_000 : null;
      openCase.push(openCaseStmt(env.DB, done.siteId, done.id, now, { dueAt, alertId: rule.id }));
    }
    const { claim, ...firing } = fired;
    pending.push({ hook, ...firing, ...(claim !== undefined ? { claim: { alertId: rule.id, at: claim } } : {}) });
  }
  if (done.completedNow) {
    for (const hook of rules.hooks.values()) {
      if (!hook.events.includes('response.completed')) continue;
      pending.push({
        hook,
        dedupKey: `completed:${done.id}`,
        aboutResponse: true,
        build: (base, response) => ({ event: { ...base, event: 'response.completed', response } as SedaEvent }),
      });
    }
  }
  const stored = pending.length ? await loadResponse(env.DB, done.id) : null;
  // Nothing fired, or the response was erased in the meantime (its work went with it).
  if (!stored) {
    if (finished.length) await env.DB.batch(finished);
    return;
  }
  const createdAt = new Date(now).toISOString();
  const items: NewDelivery[] = pending.map((p) => {
    const id = `dlv_${randomId(16)}`;
    const base: EventBase = {
      deliveryId: id,
      createdAt,
      site: { id: done.siteId },
      survey: { id: done.surveyId, name: stored.surveyName },
    };
    const { event, slack } = p.build(base, stored.response);
    return {
      id,
      webhookId: p.hook.id,
      event: event.event,
      dedupKey: p.dedupKey,
      responseId: p.aboutResponse ? done.id : null,
      payload: renderPayload(p.hook.format, event, slack),
      ...(p.claim ? { ifFired: p.claim } : {}),
    };
  });
  const claims = pending.flatMap((p) => (p.claim ? [claimDropStmt(env.DB, p.claim.alertId, p.claim.at)] : []));
  await enqueueDeliveries(env, items, [...claims, ...openCase, ...finished], now);
}
