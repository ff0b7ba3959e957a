import type { InvitationChannel, InvitationStatus, SkipReason } from '../../shared/schemas/invitation';
import type { Attributes } from '../../shared/schemas/response';
import type { Definition } from '../surveys/sql';
import type { LastContact } from './contact-policy';
import { newLinkSecret } from './token';

export type InvitationRow = {
  id: string;
  site_id: string;
  survey_id: string;
  channel: InvitationChannel;
  touchpoint: string;
  respondent_id: string | null;
  attributes: string | null;
  locale: string | null;
  status: InvitationStatus;
  reason: SkipReason | null;
  response_id: string | null;
  created_at: number;
  expires_at: number;
  started_at: number | null;
  completed_at: number | null;
  revoked_at: number | null;
};

/**
 * The site's link secret (made on first use) and recontact gap. The UPDATE only ever fills an empty
 * secret, so two first calls racing agree on the one that landed.
 */
export async function linkContext(db: D1Database, siteId: string) {
  const [, row] = await db.batch<{ link_secret: string; recontact_days: number }>([
    db.prepare('UPDATE sites SET link_secret = ? WHERE id = ? AND link_secret IS NULL').bind(newLinkSecret(), siteId),
    db.prepare('SELECT link_secret, recontact_days FROM sites WHERE id = ?').bind(siteId),
  ]);
  const r = row?.results[0];
  if (!r) throw new Error('site vanished');
  return { secret: r.link_secret, recontactDays: r.recontact_days };
}

/** The site's link secret, or null before its first invitation (a read only). */
export async function linkSecret(db: D1Database, siteId: string): Promise<string | null> {
  return db.prepare('SELECT link_secret FROM sites WHERE id = ?').bind(siteId).first<string>('link_secret');
}

/**
 * Per respondent id: when they last answered any survey of the site and last completed this survey
 * (through the respondent index, one bound JSON array for any number of ids). `invitedOnly` counts
 * only responses given through invitations (what a web visitor's browser cannot know of).
 */
const LAST_CONTACTS = (invitedOnly: boolean) => {
  const channel = invitedOnly ? "AND r.channel <> 'web'" : '';
  return `SELECT j.value AS rid,
      (SELECT MAX(r.updated_at) FROM responses r WHERE r.site_id = ?2 AND r.respondent_id = j.value
         AND r.answered = 1 ${channel}) AS answered_at,
      (SELECT MAX(r.completed_at) FROM responses r WHERE r.site_id = ?2 AND r.respondent_id = j.value
         AND r.survey_id = ?3 AND r.completed = 1 ${channel}) AS completed_at
    FROM json_each(?1) AS j`;
};

type LastContactRow = { rid: string; answered_at: number | null; completed_at: number | null };
const toLast = (r: LastContactRow): LastContact => ({ answeredAt: r.answered_at, completedAt: r.completed_at });

export async function lastContacts(
  db: D1Database,
  siteId: string,
  surveyId: string,
  respondentIds: readonly string[],
): Promise<Map<string, LastContact>> {
  const { results } = await db
    .prepare(LAST_CONTACTS(false))
    .bind(JSON.stringify(respondentIds), siteId, surveyId)
    .all<LastContactRow>();
  return new Map(results.map((r) => [r.rid, toLast(r)]));
}

/**
 * For a web post of an identified respondent: null when the response exists already (only a
 * response's first post is checked), else their last contacts through invitations.
 */
export async function invitedContactBeforeFirstPost(
  db: D1Database,
  siteId: string,
  surveyId: string,
  respondentId: string,
  responseId: string,
): Promise<LastContact | null> {
  const [known, last] = await db.batch<LastContactRow | { id: string }>([
    db.prepare('SELECT id FROM responses WHERE id = ?').bind(responseId),
    db.prepare(LAST_CONTACTS(true)).bind(JSON.stringify([respondentId]), siteId, surveyId),
  ]);
  if (known?.results.length) return null;
  const row = last?.results[0] as LastContactRow | undefined;
  return row ? toLast(row) : { answeredAt: null, completedAt: null };
}

export type NewInvitation = {
  id: string;
  respondentId: string | null;
  attributes: Attributes | null;
  locale: string | null;
  reason: SkipReason | null;
};

/** Stores a call's invitations with one statement (one bound JSON array, whatever their number). */
export async function insertInvitations(
  db: D1Database,
  common: {
    siteId: string;
    surveyId: string;
    channel: InvitationChannel;
    touchpoint: string;
    now: number;
    expiresAt: number;
  },
  items: readonly NewInvitation[],
): Promise<void> {
  const json = JSON.stringify(
    items.map((i) => ({
      id: i.id,
      rid: i.respondentId,
      attrs: i.attributes ? JSON.stringify(i.attributes) : null,
      loc: i.locale,
      why: i.reason,
    })),
  );
  await db.batch([
    db
      .prepare(
        `INSERT INTO invitations (id, site_id, survey_id, channel, touchpoint, respondent_id, attributes, locale,
           status, reason, created_at, expires_at)
         SELECT j.value ->> '$.id', ?2, ?3, ?4, ?5, j.value ->> '$.rid', j.value ->> '$.attrs', j.value ->> '$.loc',
           CASE WHEN j.value ->> '$.why' IS NULL THEN 'pending' ELSE 'skipped' END, j.value ->> '$.why', ?6, ?7
         FROM json_each(?1) AS j`,
      )
      .bind(json, common.siteId, common.surveyId, common.channel, common.touchpoint, common.now, common.expiresAt),
  ]);
}

export type InvitationFilter = {
  siteId: string;
  surveyId: string;
  status?: InvitationStatus | undefined;
  respondentId?: string | undefined;
  kind?: 'anonymous' | 'personal' | undefined;
  channel?: InvitationChannel | undefined;
  before?: { at: number; id: string } | undefined;
  limit: number;
};

/** Newest first, keyset-paged on (created_at, id). */
export async function listInvitations(db: D1Database, f: InvitationFilter): Promise<InvitationRow[]> {
  const conds: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, ...vals: (string | number)[]) => {
    conds.push(sql);
    args.push(...vals);
  };
  add('site_id = ? AND survey_id = ?', f.siteId, f.surveyId);
  if (f.status) add('status = ?', f.status);
  if (f.respondentId) add('respondent_id = ?', f.respondentId);
  if (f.kind) add(f.kind === 'anonymous' ? 'respondent_id IS NULL' : 'respondent_id IS NOT NULL');
  if (f.channel) add('channel = ?', f.channel);
  if (f.before) add('(created_at, id) < (?, ?)', f.before.at, f.before.id);
  const { results } = await db
    .prepare(`SELECT * FROM invitations WHERE ${conds.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`)
    .bind(...args, f.limit)
    .all<InvitationRow>();
  return results;
}

/** Revokes one invitation of the survey; false when there is none. Revoking again keeps the first time. */
export async function revokeInvitation(
  db: D1Database,
  siteId: string,
  surveyId: string,
  id: string,
  now: number,
): Promise<boolean> {
  const row = await db
    .prepare(
      `UPDATE invitations SET status = 'revoked', revoked_at = COALESCE(revoked_at, ?)
       WHERE id = ? AND survey_id = ? AND site_id = ? RETURNING id`,
    )
    .bind(now, id, surveyId, siteId)
    .first();
  return row !== null;
}

/** An invitation with what its page and its posts need: the site's key and secret, the survey. */
export type InvitationContext = InvitationRow & {
  site_key: string;
  site_name: string;
  link_secret: string | null;
  site_locale: string;
  turnstile_site_key: string | null;
  turnstile_secret: string | null;
  survey_status: 'draft' | 'active' | 'paused';
  survey_version: number;
  definition: string;
};

export async function getInvitation(
  db: D1Database,
  id: string,
): Promise<(Omit<InvitationContext, 'definition'> & { definition: Definition }) | null> {
  const r = await db
    .prepare(
      `SELECT i.*, s.key AS site_key, s.name AS site_name, s.link_secret, s.locale AS site_locale, s.turnstile_site_key,
         s.turnstile_secret, sv.status AS survey_status, sv.version AS survey_version, sv.definition
       FROM invitations i JOIN sites s ON s.id = i.site_id JOIN surveys sv ON sv.id = i.survey_id
       WHERE i.id = ?`,
    )
    .bind(id)
    .first<InvitationContext>();
  return r ? { ...r, definition: JSON.parse(r.definition) as Definition } : null;
}

/** Erasure: a respondent's personal invitations go with their responses. */
export async function eraseInvitations(db: D1Database, siteId: string, respondentId: string): Promise<void> {
  await db.prepare('DELETE FROM invitations WHERE site_id = ? AND respondent_id = ?').bind(siteId, respondentId).run();
}
