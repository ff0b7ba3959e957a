/**
 * The work after a response (alert rules, webhooks, cases) is recorded in `pending_work` in the same
 * D1 transaction as the post (collect/sql.ts), for sites with a webhook, and removed in the
 * transaction that does it (after-collect.ts). What is still there a minute later failed or was cut
 * short (D1 failed after the write, the Worker stopped): the cron runs it again here. Running it
 * again is safe: deliveries, cases and drop claims are each stored once.
 */
import type { CollectedAnswer } from '../collect/collect';
import type { PendingPostJson } from '../collect/sql';
import type { Env } from '../env';
import { afterCollect } from './after-collect';
import { countPendingAttempt, duePendingWork } from './sql';

/** Work younger than this may still be running in the request that recorded it. */
export const PENDING_GRACE_MS = 60_000;
/** Tries before work is left alone (the cron runs every 5 minutes: about 8 hours of retries). */
export const MAX_PENDING_ATTEMPTS = 100;

const SENTIMENT = { 1: 'positive', 0: 'neutral', '-1': 'negative' } as const;

/** The post as the work after it reads it, from what `pending_work.post` kept. */
export function pendingPost(row: { response_id: string; site_id: string; post: string }) {
  const p = JSON.parse(row.post) as PendingPostJson;
  const answers: CollectedAnswer[] = p.a.map((a) => ({
    questionId: a.q,
    num: a.n,
    text: a.t,
    choices: a.c ? (JSON.parse(a.c) as string[]) : null,
    sentiment: a.s === null ? null : SENTIMENT[String(a.s) as '1' | '0' | '-1'],
  }));
  return {
    id: row.response_id,
    siteId: row.site_id,
    surveyId: p.survey,
    completedNow: Number(p.done) === 1,
    touchpoint: p.tp,
    answers,
  };
}

/** The cron's retry of work left behind; returns how many were done and how many failed again. */
export async function retryPendingWork(env: Env, now = Date.now()): Promise<{ done: number; failed: number }> {
  const rows = await duePendingWork(env.DB, now - PENDING_GRACE_MS, MAX_PENDING_ATTEMPTS);
  let done = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      await countPendingAttempt(env.DB, row.id);
      await afterCollect(env, pendingPost(row), row.id, now);
      done++;
    } catch (err) {
      failed++;
      console.error('pending work', row.id, err);
    }
  }
  return { done, failed };
}
