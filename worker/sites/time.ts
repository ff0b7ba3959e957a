/**
 * A site's days: "today" and date ranges in its time zone and calendar, for every reader that takes
 * `from`/`to` (journey, drivers, topics, insights, outcomes, alerts). Results compute theirs in
 * worker/results/results.ts from the survey's site.
 */
import { dayStartMs, localDay, type RangeOptions, resolveRange } from '../../shared/dates';
import { getSiteTime } from './sql';

export async function siteTime(db: D1Database, siteId: string) {
  return (await getSiteTime(db, siteId)) ?? { timeZone: 'UTC', calendar: 'gregorian' as const, rezoning: false };
}

/** `from`/`to` resolved with the site's today and calendar (whole periods compared with whole periods). */
export async function siteRange(
  db: D1Database,
  siteId: string,
  from?: string,
  to?: string,
  period?: RangeOptions['period'],
) {
  const t = await siteTime(db, siteId);
  const range = resolveRange(from, to, localDay(Date.now(), t.timeZone), {
    calendar: t.calendar,
    ...(period ? { period } : {}),
  });
  return { ...range, zone: t.timeZone, startMs: (day: string) => dayStartMs(day, t.timeZone) };
}
