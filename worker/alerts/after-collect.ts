import { addDays, dayOf } from '../../shared/dates';
import { openCaseStmt } from '../cases/sql';
import type { Collected, CollectedAnswer } from '../collect/collect';
import type { Env } from '../env';
import { randomId } from '../lib/crypto';
import type { NewDelivery } from '../webhooks/deliveries-sql';
import { enqueueDeliveries } from '../webhooks/enqueue';
import { type EventAnswer, type EventResponse, renderPayload, type SedaEvent } from '../webhooks/payload';
import { answerMatches, scoreOf } from './evaluate';
import { type Hook, siteRules } from './rules';
import { type AlertRow, claimDrop, rearmDrop, windowHistogram } from './sql';

const SENTIMENT = { 1: 'positive', 0: 'neutral', '-1': 'negative' } as const;

type StoredAnswerRow = {
  question_id: string;
  num: number | null;
  text: string | null;
  choices: string | null;
  sentiment: number | null;
};
type StoredResponseRow = {
  touchpoint: string;
  respondent_id: string | null;
  attributes: string | null;
  completed: number;
  created_at: number;
  survey_name: string;
};

const toEventAnswer = (a: { questionId: string } & Omit<CollectedAnswer, 'questionId' | 'sentiment'>) => ({
  questionId: a.questionId,
  value: a.num ?? a.text ?? a.choices ?? null,
});

/** The stored response with all its answers so far (a post may carry only the last part). */
async function loadResponse(db: D1Database, id: string) {
  const [resp, answers] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT r.touchpoint, r.respondent_id, r.attributes, r.completed, r.created_at, s.name AS survey_name
         FROM responses r JOIN surveys s ON s.id = r.survey_id WHERE r.id = ?`,
      )
      .bind(id),
    db
      .prepare(
        'SELECT question_id, num, text, choices, sentiment FROM answers WHERE response_id = ? ORDER BY created_at',
      )
      .bind(id),
  ]);
  const r = resp?.results[0] as StoredResponseRow | undefined;
  if (!r) return null;
  const response: EventResponse = {
    id,
    touchpoint: r.touchpoint || null,
    respondentId: r.respondent_id,
    attributes: r.attributes ? (JSON.parse(r.attributes) as Record<string, unknown>) : null,
    completed: r.completed === 1,
    createdAt: new Date(r.created_at).toISOString(),
    answers: ((answers?.results ?? []) as StoredAnswerRow[]).map((a) => ({
      ...toEventAnswer({
        questionId: a.question_id,
        num: a.num,
        text: a.text,
        choices: a.choices ? (JSON.parse(a.choices) as string[]) : null,
      }),
      ...(a.sentiment !== null ? { sentiment: SENTIMENT[String(a.sentiment) as '1' | '0' | '-1'] } : {}),
    })),
  };
  return { response, surveyName: r.survey_name };
}

type EventBase = { deliveryId: string; createdAt: string; site: { id: string }; survey: { id: string; name: string } };
type Pending = { hook: Hook; dedupKey: string; make: (base: EventBase, response: EventResponse) => SedaEvent };

/** Drop rules this post could move: it answered the watched question (at the watched touchpoint). */
async function evaluateDrop(env: Env, rule: AlertRow, done: Collected, now: number) {
  if (!rule.metric || rule.threshold === null || !rule.window_days) return null;
  if (!done.answers.some((a) => a.questionId === rule.question_id && a.num !== null)) return null;
  if (rule.touchpoint !== null && rule.touchpoint !== done.touchpoint) return null;
  const to = dayOf(now);
  const from = addDays(to, -(rule.window_days - 1));
  const h = await windowHistogram(env.DB, {
    surveyId: rule.survey_id,
    questionId: rule.question_id,
    touchpoint: rule.touchpoint,
    from,
    to,
  });
  const score = scoreOf(rule.metric, h);
  if (!score || score.n < (rule.min_responses ?? 1)) return null;
  if (score.value >= rule.threshold) {
    if (rule.fired_at !== null) await rearmDrop(env.DB, rule.id);
    rule.fired_at = null;
    return null;
  }
  if (!(await claimDrop(env.DB, rule.id, now))) return null;
  rule.fired_at = now;
  return { ...score, from, to };
}

/**
 * After a response is stored (run with waitUntil, so the visitor never waits): evaluates the
 * site's alert rules on this post's answers and `response.completed` webhooks, opens a follow-up
 * case for each response an answer alert matched, and queues one signed delivery per webhook.
 */
export async function afterCollect(env: Env, done: Collected, now = Date.now()): Promise<void> {
  const rules = await siteRules(env.DB, done.siteId, now);
  if (!rules.hooks.size) return;
  const pending: Pending[] = [];
  const openCase: D1PreparedStatement[] = [];

  for (const rule of rules.alerts) {
    if (rule.survey_id !== done.surveyId) continue;
    const hook = rules.hooks.get(rule.webhook_id);
    if (!hook?.events.includes('alert')) continue;
    if (rule.kind === 'answer') {
      const hit = done.answers.find((a) => a.questionId === rule.question_id && answerMatches(rule, a));
      if (!hit) continue;
      if (!openCase.length) openCase.push(openCaseStmt(env.DB, done.siteId, done.id, now));
      const trigger: EventAnswer = {
        ...toEventAnswer(hit),
        ...(hit.sentiment ? { sentiment: hit.sentiment } : {}),
      };
      const alert = {
        id: rule.id,
        kind: 'answer' as const,
        questionId: rule.question_id,
        ...(rule.min !== null ? { min: rule.min } : {}),
        ...(rule.max !== null ? { max: rule.max } : {}),
        ...(rule.sentiment !== null ? { sentiment: rule.sentiment } : {}),
      };
      pending.push({
        hook,
        dedupKey: `alert:${rule.id}:${done.id}`,
        make: (base, response) => ({ ...base, event: 'alert', alert, trigger, response }),
      });
    } else {
      const score = await evaluateDrop(env, rule, done, now);
      if (!score) continue;
      const alert = {
        id: rule.id,
        kind: 'drop' as const,
        questionId: rule.question_id,
        touchpoint: rule.touchpoint,
        metric: rule.metric!,
        threshold: rule.threshold!,
        windowDays: rule.window_days!,
      };
      pending.push({
        hook,
        dedupKey: `drop:${rule.id}:${now}`,
        make: (base) => ({ ...base, event: 'alert', alert, score }),
      });
    }
  }
  if (done.completedNow) {
    for (const hook of rules.hooks.values()) {
      if (!hook.events.includes('response.completed')) continue;
      pending.push({
        hook,
        dedupKey: `completed:${done.id}`,
        make: (base, response) => ({ ...base, event: 'response.completed', response }),
      });
    }
  }
  if (!pending.length) return;

  const stored = await loadResponse(env.DB, done.id);
  if (!stored) return; // erased in the meantime
  const createdAt = new Date(now).toISOString();
  const items: NewDelivery[] = pending.map((p) => {
    const id = `dlv_${randomId(16)}`;
    const base = {
      deliveryId: id,
      createdAt,
      site: { id: done.siteId },
      survey: { id: done.surveyId, name: stored.surveyName },
    };
    const event = p.make(base, stored.response);
    return {
      id,
      webhookId: p.hook.id,
      event: event.event,
      dedupKey: p.dedupKey,
      payload: renderPayload(p.hook.format, event),
    };
  });
  await enqueueDeliveries(env, items, openCase, now);
}
