import { nextAt } from './schedule';
import { digestWebhooks, getDigestSchedule } from './sql';

/** The digest part of GET /v1/site/settings: the schedule, when it next goes, and to how many webhooks. */
export async function digestSettings(db: D1Database, siteId: string, now = Date.now()) {
  const [s, hooks] = await Promise.all([getDigestSchedule(db, siteId), digestWebhooks(db, siteId)]);
  return {
    schedule: s ? ('weekly' as const) : ('off' as const),
    weekday: s?.weekday ?? null,
    hour: s?.hour ?? null,
    timeZone: s?.timeZone ?? null,
    nextAt: s ? new Date(nextAt(now, s)).toISOString() : null,
    webhooks: hooks.length,
  };
}
