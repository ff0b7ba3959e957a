import { Hono } from 'hono';
import { getDigest } from '../../shared/contract/digest';
import { addDays } from '../../shared/dates';
import type { AppEnv } from '../env';
import { route } from '../http/endpoint';
import { buildDigest } from './digest';
import { localTime, weekBefore } from './schedule';
import { getDigestSchedule } from './sql';

export const digestRoutes = new Hono<AppEnv>();

/** The digest for a range; by default the week the next scheduled digest would cover (the last whole week). */
route(digestRoutes, getDigest, async (c, { query }) => {
  const siteId = c.get('siteId');
  let { from, to } = query;
  if (from === undefined && to === undefined) {
    const schedule = await getDigestSchedule(c.env.DB, siteId);
    ({ from, to } = weekBefore(localTime(Date.now(), schedule?.timeZone ?? 'UTC').date));
  }
  // One end given: the week from it (or up to it), as long as the digest's own.
  const start = from ?? addDays(to!, -6);
  const end = to ?? addDays(start, 6);
  return buildDigest(c.env.DB, siteId, start, end);
});
