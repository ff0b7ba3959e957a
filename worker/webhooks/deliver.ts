import type { DeliveryMessage, Env } from '../env';
import { type DeliveryToSend, getDeliveryToSend, markDead, recordAttempt } from './deliveries-sql';
import { signDelivery } from './signature';
import { webhookUrlProblem } from './url';

/** Tries per delivery. Keep equal to `max_retries + 1` of the consumer in wrangler.toml. */
export const MAX_ATTEMPTS = 6;
export const DELIVERY_QUEUE = 'seda-deliveries';
export const DEAD_LETTER_QUEUE = 'seda-deliveries-dlq';
const TIMEOUT_MS = 10_000;

/** Delay before try `attempt + 1`: base × 4^(attempt − 1), at most an hour (30 s, 2 min, 8 min, 32 min, 1 h). */
export function backoffSeconds(attempt: number, base = 30): number {
  return Math.min(3600, Math.round(base * 4 ** Math.max(0, attempt - 1)));
}

export type AttemptResult = {
  ok: boolean;
  code: number | null;
  error: string | null;
  permanent?: boolean;
  /** How long the attempt took. */
  ms: number;
};

/**
 * One signed POST, with Seda's and the Standard Webhooks headers. Redirects are not followed (a
 * redirect could lead to a private address).
 */
export async function attemptDelivery(env: Env, d: DeliveryToSend, now = Date.now()): Promise<AttemptResult> {
  const problem = webhookUrlProblem(d.url, env.ALLOW_PRIVATE_WEBHOOKS === '1');
  if (problem) return { ok: false, code: null, error: `refused: ${problem}`, permanent: true, ms: 0 };
  const started = Date.now();
  try {
    const res = await fetch(d.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Seda-Webhooks/1',
        'seda-event': d.event,
        'seda-delivery': d.id,
        ...(await signDelivery(d.secrets, d.id, d.payload, Math.floor(now / 1000))),
      },
      body: d.payload,
    });
    await res.body?.cancel();
    const ok = res.status >= 200 && res.status < 300;
    return { ok, code: res.status, error: ok ? null : `receiver answered ${res.status}`, ms: Date.now() - started };
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { ok: false, code: null, error, ms: Date.now() - started };
  }
}

/**
 * One queue message = one delivery try. Success → delivered, ack. Failure → retry with backoff
 * (status failed) until MAX_ATTEMPTS, then dead, ack. A crash in here leaves the message to the
 * queue's own retries and, past max_retries, to the dead-letter queue (see deadLetter).
 */
async function processMessage(msg: Message<DeliveryMessage>, env: Env, now: number): Promise<void> {
  const d = await getDeliveryToSend(env.DB, msg.body.deliveryId);
  if (!d || d.status === 'delivered' || d.status === 'dead') {
    msg.ack(); // webhook deleted, or a duplicate message for a finished delivery
    return;
  }
  const r = await attemptDelivery(env, d, now);
  if (r.ok) {
    await recordAttempt(env.DB, d.id, { ...r, status: 'delivered', error: null }, now);
    msg.ack();
    return;
  }
  if (r.permanent || msg.attempts >= MAX_ATTEMPTS) {
    await recordAttempt(env.DB, d.id, { ...r, status: 'dead' }, now);
    msg.ack();
    return;
  }
  await recordAttempt(env.DB, d.id, { ...r, status: 'failed' }, now);
  const base = Number(env.WEBHOOK_RETRY_BASE_SECONDS ?? '30');
  msg.retry({ delaySeconds: backoffSeconds(msg.attempts, Number.isFinite(base) && base >= 0 ? base : 30) });
}

/** Messages the queue gave up on (the consumer kept failing): record them as dead. */
async function deadLetter(msg: Message<DeliveryMessage>, env: Env, now: number): Promise<void> {
  await markDead(env.DB, msg.body.deliveryId, 'dead-lettered after the queue gave up', now);
  msg.ack();
}

/** The Worker's `queue` handler. */
export async function handleDeliveryBatch(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  const now = Date.now();
  const step = batch.queue === DEAD_LETTER_QUEUE ? deadLetter : processMessage;
  await Promise.all(
    batch.messages.map(async (msg) => {
      try {
        if (typeof msg.body?.deliveryId !== 'string') return msg.ack(); // not ours: drop it
        await step(msg, env, now);
      } catch (err) {
        console.error('delivery', msg.body?.deliveryId, err);
        msg.retry(); // D1 trouble: the queue tries again, then dead-letters it
      }
    }),
  );
}
