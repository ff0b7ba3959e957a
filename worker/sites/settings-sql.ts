import { addDays, dayOf, localDay } from '../../shared/dates';
import type { Site } from '../../shared/schemas/api';
import { type SiteRow, toSite } from './sql';

/**
 * New responses of the site per day around now, from the response rollups, as a JSON object
 * {day: n}. Days are local to the site's zone, which the same query reads, so the three UTC
 * days around now are counted and `todayOf` picks the site's local one (its zone is ≤ 14 h away).
 */
// Responses with at least one answer: empty impressions (a widget shown, nothing answered) never
// use up the daily cap, so a flood of them cannot lock real answers out.
const TODAY = `(SELECT json_group_object(day, n) FROM (SELECT rr.day AS day, SUM(rr.answered) AS n FROM surveys sv
  JOIN response_rollups rr ON rr.survey_id = sv.id AND rr.day IN (SELECT value FROM json_each(?))
  WHERE sv.site_id = s.id GROUP BY rr.day))`;
const aroundNow = (now: number) => {
  const d = dayOf(now);
  return JSON.stringify([addDays(d, -1), d, addDays(d, 1)]);
};
const todayOf = (counts: string | null, zone: string, now: number): number =>
  Number((JSON.parse(counts ?? '{}') as Record<string, number>)[localDay(now, zone)] ?? 0);

/**
 * What the collector needs to guard a site: its cap, its Turnstile secret, today's count, whether
 * it ever made invitation links (only then can a web visitor have answered through one), its
 * identity-verification secret, and whether it has a webhook (only then is the work after a
 * response recorded with the write).
 */
export type SiteGuard = {
  dailyCap: number | null;
  turnstileSecret: string | null;
  today: number;
  links: boolean;
  identitySecret: string | null;
  hooks: boolean;
};

type GuardRow = SiteRow & {
  daily_cap: number | null;
  turnstile_site_key: string | null;
  turnstile_secret: string | null;
  link_secret: string | null;
  identity_secret: string | null;
  today_n: string | null;
  has_hooks: 0 | 1;
};

/** The site by its public key with its abuse settings and today's new-response count, in one query. */
export async function getSiteForCollect(
  db: D1Database,
  key: string,
  now: number,
): Promise<(Site & { guard: SiteGuard }) | null> {
  const r = await db
    .prepare(
      `SELECT s.*, ${TODAY} AS today_n, EXISTS (SELECT 1 FROM webhooks w WHERE w.site_id = s.id) AS has_hooks
       FROM sites s WHERE s.key = ?`,
    )
    .bind(aroundNow(now), key)
    .first<GuardRow>();
  if (!r) return null;
  return {
    ...toSite(r),
    guard: {
      dailyCap: r.daily_cap,
      turnstileSecret: r.turnstile_secret,
      today: todayOf(r.today_n, r.time_zone, now),
      links: r.link_secret !== null,
      identitySecret: r.identity_secret,
      hooks: r.has_hooks === 1,
    },
  };
}

/**
 * The site by its public key, for the widget's config: with its Turnstile site key only when Turnstile
 * is on (a secret is set), since that is when the collector asks for tokens.
 */
export async function getSiteForWidget(db: D1Database, key: string): Promise<(Site & { turnstile?: string }) | null> {
  const r = await db
    .prepare('SELECT * FROM sites WHERE key = ?')
    .bind(key)
    .first<SiteRow & { turnstile_site_key: string | null; turnstile_secret: string | null }>();
  if (!r) return null;
  const site = toSite(r);
  return r.turnstile_secret && r.turnstile_site_key ? { ...site, turnstile: r.turnstile_site_key } : site;
}

/** The settings the API shows: the Turnstile secret is write-only (only whether one is set). */
export async function getSiteSettings(db: D1Database, siteId: string, now: number) {
  const r = await db
    .prepare(
      `SELECT s.daily_cap, s.turnstile_site_key, s.turnstile_secret IS NOT NULL AS has_secret,
         s.identity_secret IS NOT NULL AS has_identity, s.time_zone, ${TODAY} AS today_n
       FROM sites s WHERE s.id = ?`,
    )
    .bind(aroundNow(now), siteId)
    .first<{
      daily_cap: number | null;
      turnstile_site_key: string | null;
      has_secret: number;
      has_identity: number;
      time_zone: string;
      today_n: string | null;
    }>();
  if (!r) return null;
  return {
    dailyCap: r.daily_cap,
    responsesToday: todayOf(r.today_n, r.time_zone, now),
    turnstile: { enabled: r.has_secret === 1, siteKey: r.turnstile_site_key },
    identityVerification: r.has_identity === 1,
  };
}

/**
 * Turns identity verification on with `secret` unless it is on already (one statement, so of two
 * concurrent requests only one sets a secret); true when this call set it.
 */
export async function enableIdentityVerification(db: D1Database, siteId: string, secret: string): Promise<boolean> {
  const r = await db
    .prepare('UPDATE sites SET identity_secret = ? WHERE id = ? AND identity_secret IS NULL')
    .bind(secret, siteId)
    .run();
  return r.meta.changes === 1;
}

export async function disableIdentityVerification(db: D1Database, siteId: string): Promise<void> {
  await db.prepare('UPDATE sites SET identity_secret = NULL WHERE id = ?').bind(siteId).run();
}

export async function updateSiteSettings(
  db: D1Database,
  siteId: string,
  patch: { dailyCap?: number | null; turnstileSiteKey?: string | null; turnstileSecret?: string | null },
): Promise<void> {
  const sets: string[] = [];
  const args: (string | number | null)[] = [];
  const col = { dailyCap: 'daily_cap', turnstileSiteKey: 'turnstile_site_key', turnstileSecret: 'turnstile_secret' };
  for (const [k, c] of Object.entries(col) as [keyof typeof col, string][]) {
    if (patch[k] === undefined) continue;
    sets.push(`${c} = ?`);
    args.push(patch[k]);
  }
  if (!sets.length) return;
  await db
    .prepare(`UPDATE sites SET ${sets.join(', ')} WHERE id = ?`)
    .bind(...args, siteId)
    .run();
}
