import { type Context, Hono } from 'hono';
import {
  createCaseFollowUp,
  getCaseRecovery,
  getCaseStats,
  getCase as getOp,
  listCases as listOp,
  patchCase,
  putCase,
} from '../../shared/contract/cases';
import type { AppEnv } from '../env';
import { parseCursor } from '../http/cursor';
import { route } from '../http/endpoint';
import { ApiError, notFound } from '../http/errors';
import { skipReason } from '../invitations/contact-policy';
import { insertInvitations, lastContacts, linkContext } from '../invitations/sql';
import { newInvitationId, signer } from '../invitations/token';
import { getSurvey } from '../surveys/sql';
import { membership } from '../teams/sql';
import { recovery } from './recovery';
import {
  type CaseActor,
  caseStats,
  caseTimeline,
  followedUpCases,
  getCase,
  listCases,
  responseOfSite,
  setFollowUp,
  toCase,
  upsertCase,
} from './sql';

/**
 * Follow-up: any response can be opened as a case (open → contacted → resolved), assigned to a
 * member, due by a date (answer alerts set it from their rule's target time; the cron escalates it),
 * filed under a root cause, with a timeline of notes and changes. Agents see and change only the
 * cases assigned to them.
 */
export const caseRoutes = new Hono<AppEnv>();

const isAgent = (c: Context<AppEnv>) => c.get('role') === 'agent';
const actorOf = (c: Context<AppEnv>): CaseActor => c.get('actor') ?? { type: 'system', id: null };

route(caseRoutes, listOp, async (c, { query: q }) => {
  // "me" is the signed-in member; an agent's list is always their own cases.
  const me = c.get('actor')?.type === 'member' ? c.get('actor').id : undefined;
  const assignee = isAgent(c) ? me : q.assignee === 'me' ? (me ?? '-') : q.assignee;
  const page = await listCases(c.env.DB, c.get('siteId'), {
    ...q,
    assignee,
    overdueAt: q.overdue === 'true' ? Date.now() : undefined,
    cursor: parseCursor(q.cursor),
  });
  return { ...page, cases: page.items };
});

// Before /cases/{responseId}, so "stats" is never taken for a response id.
route(caseRoutes, getCaseStats, (c, { query }) => caseStats(c.env.DB, c.get('siteId'), query));
route(caseRoutes, getCaseRecovery, async (c, { query }) =>
  recovery(await followedUpCases(c.env.DB, c.get('siteId'), query)),
);

const notYours = () => new ApiError(403, 'forbidden', 'this case is not assigned to you');

route(caseRoutes, getOp, async (c, { params }) => {
  const row = await getCase(c.env.DB, c.get('siteId'), params.responseId);
  if (!row) throw notFound('case');
  if (isAgent(c) && row.assignee !== c.get('actor').id) throw notYours();
  return { case: { ...toCase(row), timeline: await caseTimeline(c.env.DB, row.response_id) } };
});

for (const op of [putCase, patchCase]) {
  route(caseRoutes, op, async (c, { params, body: input }) => {
    const siteId = c.get('siteId');
    if (!(await responseOfSite(c.env.DB, siteId, params.responseId))) throw notFound('response');
    if (isAgent(c)) {
      const row = await getCase(c.env.DB, siteId, params.responseId);
      if (row?.assignee !== c.get('actor').id) throw notYours();
      if (input.assignee !== undefined && input.assignee !== row.assignee) {
        throw new ApiError(403, 'forbidden', 'an agent may not reassign a case');
      }
    }
    if (input.assignee) {
      const m = await membership(c.env.DB, siteId, input.assignee);
      if (!m) {
        throw new ApiError(400, 'invalid_request', 'invalid body: assignee: no such member on this site', [
          { path: ['assignee'], message: 'no such member on this site' },
        ]);
      }
    }
    const row = await upsertCase(c.env.DB, siteId, params.responseId, input, actorOf(c));
    return { case: { ...toCase(row), timeline: await caseTimeline(c.env.DB, row.response_id) } };
  });
}

const DAY = 86_400_000;

route(caseRoutes, createCaseFollowUp, async (c, { params, body }) => {
  const db = c.env.DB;
  const siteId = c.get('siteId');
  const row = await getCase(db, siteId, params.responseId);
  if (!row) throw notFound('case');
  if (isAgent(c) && row.assignee !== c.get('actor').id) throw notYours();
  if (row.status !== 'resolved') throw new ApiError(409, 'conflict', 'follow up a case once it is resolved');
  const response = await responseOfSite(db, siteId, params.responseId);
  const respondentId = response?.respondent_id;
  if (!respondentId) {
    throw new ApiError(
      409,
      'conflict',
      'this response has no respondent id: there is nobody to send a personal link to',
    );
  }
  const survey = await getSurvey(db, siteId, body.surveyId);
  if (!survey) throw notFound('survey');
  const now = Date.now();
  const { secret } = await linkContext(db, siteId);
  // The recontact gap is waived (recontactDays 0): the team asks after putting things right.
  const last = await lastContacts(db, siteId, survey.id, [respondentId]);
  const reason = skipReason(
    { recontactDays: 0, repeatEveryDays: survey.targeting?.repeatEveryDays },
    last.get(respondentId) ?? { answeredAt: null, completedAt: null },
    now,
  );
  const id = newInvitationId();
  const expiresAt = now + body.expiresInDays * DAY;
  await insertInvitations(db, { siteId, surveyId: survey.id, channel: body.channel, touchpoint: '', now, expiresAt }, [
    { id, respondentId, attributes: null, locale: null, reason },
  ]);
  const updated = await setFollowUp(db, siteId, params.responseId, id);
  if (!updated) throw notFound('case');
  return {
    invitation: {
      id,
      respondentId,
      url: `${new URL(c.req.url).origin}/s/${await signer(secret).token(id)}`,
      expiresAt: new Date(expiresAt).toISOString(),
      status: reason ? ('skipped' as const) : ('pending' as const),
      ...(reason ? { reason } : {}),
    },
    case: toCase(updated),
  };
});
