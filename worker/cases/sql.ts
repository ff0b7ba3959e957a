import type { CaseEvent } from '../../shared/contract/cases';
import type { CaseCategory, CaseInput, CaseStatus } from '../../shared/schemas/api';
import { keysetPage } from '../http/cursor';
import { randomId } from '../lib/crypto';

export type CaseRow = {
  response_id: string;
  site_id: string;
  status: CaseStatus;
  owner: string | null;
  note: string | null;
  created_at: number;
  first_contact_at: number | null;
  resolved_at: number | null;
  updated_at: number;
  assignee: string | null;
  due_at: number | null;
  category: CaseCategory | null;
  escalated_at: number | null;
  alert_id: string | null;
  followup_invitation_id: string | null;
};

type CaseListRow = CaseRow & {
  survey_id: string;
  touchpoint: string;
  respondent_id: string | null;
  completed: number;
  responded_at: number;
};

export type AnswerRow = {
  response_id: string;
  question_id: string;
  num: number | null;
  text: string | null;
  choices: string | null;
  sentiment: number | null;
};

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const SENTIMENT = { 1: 'positive', 0: 'neutral', '-1': 'negative' } as const;

export const toCase = (r: CaseRow) => ({
  responseId: r.response_id,
  status: r.status,
  owner: r.owner,
  note: r.note,
  createdAt: iso(r.created_at)!,
  firstContactAt: iso(r.first_contact_at),
  resolvedAt: iso(r.resolved_at),
  updatedAt: iso(r.updated_at)!,
  assignee: r.assignee,
  dueAt: iso(r.due_at),
  escalatedAt: iso(r.escalated_at),
  category: r.category,
  followUpInvitationId: r.followup_invitation_id ?? null,
});

export const toAnswer = (a: AnswerRow) => ({
  questionId: a.question_id,
  value: a.num ?? a.text ?? (a.choices ? (JSON.parse(a.choices) as string[]) : null),
  ...(a.sentiment !== null ? { sentiment: SENTIMENT[String(a.sentiment) as '1' | '0' | '-1'] } : {}),
});

/** The response a case is about, if it belongs to the site. */
export async function responseOfSite(db: D1Database, siteId: string, responseId: string) {
  return db
    .prepare('SELECT id, created_at, respondent_id FROM responses WHERE id = ? AND site_id = ?')
    .bind(responseId, siteId)
    .first<{ id: string; created_at: number; respondent_id: string | null }>();
}

/** Opens a case for a response unless one exists (alerts use this; it never reopens a handled case). */
export function openCaseStmt(
  db: D1Database,
  siteId: string,
  responseId: string,
  now = Date.now(),
  from: { dueAt?: number | null; alertId?: string | null } = {},
) {
  return db
    .prepare(
      `INSERT INTO cases (response_id, site_id, status, created_at, updated_at, due_at, alert_id)
       SELECT id, site_id, 'open', ?, ?, ?, ? FROM responses WHERE id = ? AND site_id = ?
       ON CONFLICT (response_id) DO NOTHING`,
    )
    .bind(now, now, from.dueAt ?? null, from.alertId ?? null, responseId, siteId);
}

export type CaseActor = { type: 'member' | 'key' | 'system'; id: string | null };

const caseEventStmt = (
  db: D1Database,
  responseId: string,
  actor: CaseActor,
  kind: CaseEvent['kind'],
  value: string | null,
  now: number,
) =>
  db
    .prepare(
      'INSERT INTO case_events (id, response_id, at, actor_type, actor_id, kind, value) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .bind(`ce_${randomId(16)}`, responseId, now, actor.type, actor.id, kind, value);

/** A case's timeline, oldest first. */
export async function caseTimeline(db: D1Database, responseId: string): Promise<CaseEvent[]> {
  const { results } = await db
    .prepare('SELECT * FROM case_events WHERE response_id = ? ORDER BY at, rowid')
    .bind(responseId)
    .all<{
      at: number;
      actor_type: CaseActor['type'];
      actor_id: string | null;
      kind: CaseEvent['kind'];
      value: string | null;
    }>();
  return results.map((e) => ({
    at: iso(e.at)!,
    actor: { type: e.actor_type, id: e.actor_id },
    kind: e.kind,
    value: e.value,
  }));
}

/**
 * Creates or updates a case. Omitted fields stay as they are. `first_contact_at` is set the first
 * time the status leaves 'open' and never changes after; `resolved_at` follows the resolved status.
 * Each change and each note is added to the case's timeline (a note never replaces an earlier one;
 * `note` on the case is the latest).
 */
export async function upsertCase(
  db: D1Database,
  siteId: string,
  responseId: string,
  input: CaseInput,
  actor: CaseActor = { type: 'system', id: null },
  now = Date.now(),
): Promise<CaseRow> {
  const old = await getCase(db, siteId, responseId);
  const status = input.status ?? old?.status ?? 'open';
  const dueAt =
    input.dueAt === undefined ? (old?.due_at ?? null) : input.dueAt === null ? null : Date.parse(input.dueAt);
  const next = {
    status,
    owner: input.owner === undefined ? (old?.owner ?? null) : input.owner || null,
    note: input.note === undefined ? (old?.note ?? null) : input.note,
    assignee: input.assignee === undefined ? (old?.assignee ?? null) : input.assignee,
    due_at: dueAt,
    category: input.category === undefined ? (old?.category ?? null) : input.category,
    first_contact_at: old?.first_contact_at ?? (status !== 'open' ? now : null),
    resolved_at: status === 'resolved' ? (old?.resolved_at ?? now) : null,
    // A new due date re-arms escalation.
    escalated_at: dueAt !== (old?.due_at ?? null) ? null : (old?.escalated_at ?? null),
  };
  const events: D1PreparedStatement[] = [];
  const event = (kind: CaseEvent['kind'], value: string | null) =>
    events.push(caseEventStmt(db, responseId, actor, kind, value, now));
  if (status !== (old?.status ?? null)) event('status', status);
  if (input.note) event('note', input.note);
  if (next.assignee !== (old?.assignee ?? null)) event('assignee', next.assignee);
  if (next.due_at !== (old?.due_at ?? null)) event('due', iso(next.due_at));
  if (next.category !== (old?.category ?? null)) event('category', next.category);
  const [written] = await db.batch<CaseRow>([
    db
      .prepare(
        `INSERT INTO cases (response_id, site_id, status, owner, note, created_at, first_contact_at, resolved_at,
           updated_at, assignee, due_at, category, escalated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?6, ?9, ?10, ?11, ?12)
         ON CONFLICT (response_id) DO UPDATE SET
           status = ?3, owner = ?4, note = ?5, first_contact_at = ?7, resolved_at = ?8, updated_at = ?6,
           assignee = ?9, due_at = ?10, category = ?11, escalated_at = ?12
         WHERE cases.site_id = ?2
         RETURNING *`,
      )
      .bind(
        responseId,
        siteId,
        next.status,
        next.owner,
        next.note,
        now,
        next.first_contact_at,
        next.resolved_at,
        next.assignee,
        next.due_at,
        next.category,
        next.escalated_at,
      ),
    ...events,
  ]);
  const row = written?.results[0];
  if (!row) throw new Error('case upsert returned nothing');
  return row;
}

export async function getCase(db: D1Database, siteId: string, responseId: string): Promise<CaseRow | null> {
  return db
    .prepare('SELECT * FROM cases WHERE response_id = ? AND site_id = ?')
    .bind(responseId, siteId)
    .first<CaseRow>();
}

/** The inbox: newest cases first, each with its response's survey, touchpoint, respondent and answers. */
export async function listCases(
  db: D1Database,
  siteId: string,
  q: {
    status?: CaseStatus | undefined;
    surveyId?: string | undefined;
    owner?: string | undefined;
    assignee?: string | undefined;
    overdueAt?: number | undefined;
    limit: number;
    cursor?: { at: number; id: string } | undefined;
  },
) {
  const where = ['c.site_id = ?'];
  const args: (string | number)[] = [siteId];
  if (q.status) {
    where.push('c.status = ?');
    args.push(q.status);
  }
  if (q.surveyId) {
    where.push('r.survey_id = ?');
    args.push(q.surveyId);
  }
  if (q.owner) {
    where.push('c.owner = ?');
    args.push(q.owner);
  }
  if (q.assignee) {
    where.push('c.assignee = ?');
    args.push(q.assignee);
  }
  if (q.overdueAt !== undefined) {
    where.push("c.due_at < ? AND c.status <> 'resolved'");
    args.push(q.overdueAt);
  }
  if (q.cursor) {
    where.push('(c.created_at < ? OR (c.created_at = ? AND c.response_id < ?))');
    args.push(q.cursor.at, q.cursor.at, q.cursor.id);
  }
  const { results } = await db
    .prepare(
      `SELECT c.*, r.survey_id, r.touchpoint, r.respondent_id, r.completed, r.created_at AS responded_at
       FROM cases c JOIN responses r ON r.id = c.response_id
       WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.response_id DESC LIMIT ?`,
    )
    .bind(...args, q.limit + 1)
    .all<CaseListRow>();
  const { page, next } = keysetPage(results, q.limit, (r) => ({ at: r.created_at, id: r.response_id }));
  const answers = new Map<string, ReturnType<typeof toAnswer>[]>();
  if (page.length) {
    const { results: rows } = await db
      .prepare(
        `SELECT response_id, question_id, num, text, choices, sentiment FROM answers
         WHERE response_id IN (SELECT value FROM json_each(?)) ORDER BY created_at`,
      )
      .bind(JSON.stringify(page.map((r) => r.response_id)))
      .all<AnswerRow>();
    for (const a of rows) {
      const list = answers.get(a.response_id) ?? [];
      list.push(toAnswer(a));
      answers.set(a.response_id, list);
    }
  }
  return {
    items: page.map((r) => ({
      ...toCase(r),
      surveyId: r.survey_id,
      touchpoint: r.touchpoint || null,
      respondentId: r.respondent_id,
      completed: r.completed === 1,
      respondedAt: iso(r.responded_at)!,
      answers: answers.get(r.response_id) ?? [],
    })),
    ...next,
  };
}

/** Linear-interpolated quantile of sorted numbers. */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / 3_600_000) * 100) / 100);

/**
 * Counts per status and how fast the team answers: time from when the case was opened to the first
 * contact, and to resolution, as median and 90th percentile in hours (the team cannot act before the
 * case exists, so the clock starts there).
 * `from`/`to` filter on the day the response was received.
 */
export async function caseStats(db: D1Database, siteId: string, range: { from?: string; to?: string }) {
  const where = ['c.site_id = ?'];
  const args: string[] = [siteId];
  if (range.from) {
    where.push('r.day >= ?');
    args.push(range.from);
  }
  if (range.to) {
    where.push('r.day <= ?');
    args.push(range.to);
  }
  const { results } = await db
    .prepare(
      `SELECT c.status, c.first_contact_at - c.created_at AS contact_ms, c.resolved_at - c.created_at AS resolve_ms
       FROM cases c JOIN responses r ON r.id = c.response_id WHERE ${where.join(' AND ')}`,
    )
    .bind(...args)
    .all<{ status: CaseStatus; contact_ms: number | null; resolve_ms: number | null }>();
  const counts = { open: 0, contacted: 0, resolved: 0 };
  const contact: number[] = [];
  const resolve: number[] = [];
  for (const r of results) {
    counts[r.status]++;
    if (r.contact_ms !== null) contact.push(Math.max(0, r.contact_ms));
    if (r.resolve_ms !== null) resolve.push(Math.max(0, r.resolve_ms));
  }
  contact.sort((a, b) => a - b);
  resolve.sort((a, b) => a - b);
  const summary = (xs: number[]) => ({
    n: xs.length,
    medianHours: hours(quantile(xs, 0.5)),
    p90Hours: hours(quantile(xs, 0.9)),
  });
  return {
    total: results.length,
    counts,
    timeToFirstContact: summary(contact),
    timeToResolve: summary(resolve),
  };
}

/** Records the follow-up link on a case (a later one replaces it). */
export async function setFollowUp(db: D1Database, siteId: string, responseId: string, invitationId: string) {
  return db
    .prepare(
      'UPDATE cases SET followup_invitation_id = ?, updated_at = ? WHERE response_id = ? AND site_id = ? RETURNING *',
    )
    .bind(invitationId, Date.now(), responseId, siteId)
    .first<CaseRow>();
}

/** A followed-up case with where it came from and the follow-up's response (if answered yet). */
export type FollowedUpRow = {
  response_id: string;
  survey_id: string;
  touchpoint: string;
  assignee: string | null;
  email: string | null;
  followup_survey_id: string;
  followup_response_id: string | null;
};
export type ScoredAnswerRow = { response_id: string; survey_id: string; question_id: string; num: number };

/**
 * Every followed-up case of the site (original response's day in the range), the scored answers of
 * both its responses, and the definitions of the surveys they belong to (to know which question is NPS
 * or CSAT). Three reads in one batch; their size is the number of follow-ups sent, not of responses.
 */
export async function followedUpCases(db: D1Database, siteId: string, range: { from?: string; to?: string }) {
  const cases = `SELECT c.response_id, r.survey_id, r.touchpoint, c.assignee, m.email,
      i.survey_id AS followup_survey_id, i.response_id AS followup_response_id
    FROM cases c JOIN responses r ON r.id = c.response_id
    JOIN invitations i ON i.id = c.followup_invitation_id
    LEFT JOIN members m ON m.id = c.assignee
    WHERE c.site_id = ?1 AND c.followup_invitation_id IS NOT NULL
      AND (?2 IS NULL OR r.day >= ?2) AND (?3 IS NULL OR r.day <= ?3)`;
  const bind = (q: string) => db.prepare(q).bind(siteId, range.from ?? null, range.to ?? null);
  const [rows, answers, surveys] = await db.batch<unknown>([
    bind(cases),
    bind(
      `WITH f AS (${cases})
       SELECT a.response_id, a.survey_id, a.question_id, a.num FROM answers a
       WHERE a.num IS NOT NULL AND (a.response_id IN (SELECT response_id FROM f)
         OR a.response_id IN (SELECT followup_response_id FROM f))`,
    ),
    bind(
      `WITH f AS (${cases})
       SELECT id, definition FROM surveys WHERE site_id = ?1
         AND (id IN (SELECT survey_id FROM f) OR id IN (SELECT followup_survey_id FROM f))`,
    ),
  ]);
  return {
    cases: (rows?.results ?? []) as FollowedUpRow[],
    answers: (answers?.results ?? []) as ScoredAnswerRow[],
    surveys: (surveys?.results ?? []) as { id: string; definition: string }[],
  };
}
