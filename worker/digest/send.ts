/**
 * The scheduled job's part: each site whose digest is due gets it once per week. The week's record
 * (digest_runs) and its deliveries are written in one transaction, and each delivery's
 * (webhook, `digest:WEEK`) key is unique, so cron runs that repeat or overlap send nothing twice;
 * a run that stops before that transaction leaves the week to the next run (every five minutes).
 */
import type { DigestEvent } from '../../shared/contract/events';
import type { Env } from '../env';
import { randomId } from '../lib/crypto';
import { enqueueDeliveries } from '../webhooks/enqueue';
import { renderPayload } from '../webhooks/payload';
import { buildDigest } from './digest';
import { duePeriod } from './schedule';
import { digestSlackText } from './slack';
import { digestRunStmt, digestSent, digestWebhooks, scheduledSites } from './sql';

/** Digests built per cron run at most: bounded work; the rest go on the next run, the same day. */
const PER_RUN = 25;

export async function sendDueDigests(env: Env, now = Date.now()): Promise<number> {
  let sent = 0;
  for (const site of await scheduledSites(env.DB)) {
    if (sent >= PER_RUN) break;
    const period = duePeriod(now, site);
    if (!period || (await digestSent(env.DB, site.id, period.from))) continue;
    const [digest, hooks] = await Promise.all([
      buildDigest(env.DB, site.id, period.from, period.to),
      digestWebhooks(env.DB, site.id),
    ]);
    const createdAt = new Date(now).toISOString();
    const slack = digestSlackText(digest);
    const deliveries = hooks.map((h) => {
      const id = `dlv_${randomId(16)}`;
      const event: DigestEvent = { deliveryId: id, createdAt, site: { id: site.id }, event: 'digest', digest };
      return {
        id,
        webhookId: h.id,
        event: 'digest',
        dedupKey: `digest:${period.from}`,
        payload: renderPayload(h.format, event, h.format === 'slack' ? slack : undefined),
      };
    });
    await enqueueDeliveries(env, deliveries, [digestRunStmt(env.DB, site.id, period.from, now, hooks.length)], now);
    sent++;
  }
  return sent;
}
