/**
 * Every touchpoint, not only web pages: invitation links for email, SMS, QR codes and receipts, and
 * the hosted survey page they open. Seda sends nothing itself: the site's own mail, SMS or helpdesk
 * tools send the links.
 */
import { z } from 'zod';
import {
  InvitationChannel,
  InvitationInput,
  InvitationStatus,
  InvitationsQuery,
  SkipReason,
} from '../schemas/invitation';
import { Attributes } from '../schemas/response';
import { endpoint } from './endpoint';
import { IdParam, listOf, Timestamp } from './lists';

/** One invitation as the create call answers it. */
export const CreatedInvitation = z.object({
  id: z.string(),
  respondentId: z.string().optional().describe('absent for an anonymous, reusable link'),
  url: z.string().describe('absolute `https?://…/s/TOKEN`: the hosted survey page'),
  expiresAt: Timestamp,
  status: z.enum(['pending', 'skipped']),
  reason: SkipReason.optional().describe('why a skipped invitation will not ask its respondent'),
});

export const InvitationsCreated = z.object({ invitations: z.array(CreatedInvitation) });

/** One invitation as listed: where it stands, and the response it led to. */
export const Invitation = z.object({
  id: z.string(),
  surveyId: z.string(),
  channel: InvitationChannel,
  touchpoint: z.string().optional(),
  respondentId: z.string().optional(),
  attributes: Attributes.optional(),
  locale: z.string().optional(),
  url: z.string(),
  status: InvitationStatus,
  reason: SkipReason.optional(),
  responseId: z.string().optional().describe("a personal link's response, once an answer arrived"),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  startedAt: Timestamp.optional(),
  completedAt: Timestamp.optional(),
  revokedAt: Timestamp.optional(),
});

export const createInvitations = endpoint({
  operationId: 'createInvitations',
  method: 'post',
  path: '/v1/surveys/{id}/invitations',
  tag: 'invitations',
  summary: 'Links to a survey: one anonymous reusable link, or one personal link per respondent (at most 1,000)',
  description:
    'Without `respondents`: one anonymous link (posters, QR codes, receipts); every visit is a new response. ' +
    "With them: one personal link each, carrying that respondent's id (verified: only the site can make " +
    'the link) and attributes; opening it again, on any device, continues the same response, and a ' +
    'completed one is never answered twice. The contact policy applies at creation: a respondent who ' +
    "answered any of the site's surveys within its recontact gap (`recontact_gap`), who completed this " +
    'survey (`already_completed`, or within `repeatEveryDays`), or whose attributes fail ' +
    '`targeting.attributes` (`not_targeted`) gets an invitation marked `skipped` with that reason; its link ' +
    'opens a page that asks nothing. Seda sends no mail or SMS: send the `url`s with your own tools.',
  access: 'manage',
  params: IdParam,
  body: InvitationInput,
  success: { status: 201, schema: InvitationsCreated, description: 'the links, in the order of `respondents`' },
  errors: [400, 401, 403, 404],
});

export const listInvitations = endpoint({
  operationId: 'listInvitations',
  method: 'get',
  path: '/v1/surveys/{id}/invitations',
  tag: 'invitations',
  summary: "A survey's invitations, newest first, with their status",
  access: 'manage',
  params: IdParam,
  query: InvitationsQuery,
  success: { status: 200, schema: listOf(Invitation), description: 'a page of invitations' },
  errors: [400, 401, 403, 404],
});

export const InvitationParams = z.object({ id: z.string().min(1).max(128), invitationId: z.string().min(1).max(64) });

export const revokeInvitation = endpoint({
  operationId: 'revokeInvitation',
  method: 'delete',
  path: '/v1/surveys/{id}/invitations/{invitationId}',
  tag: 'invitations',
  summary: 'Revoke a link: it opens a "no longer valid" page (410) and takes no more answers',
  access: 'manage',
  params: InvitationParams,
  success: { status: 204, description: 'revoked (answers already given stay)' },
  errors: [401, 403, 404],
});

/** The page never refuses its query: a malformed `lang` or `a` is ignored, never an error page. */
export const PageQuery = z.object({
  lang: z.string().max(35).optional().catch(undefined),
  a: z.string().max(200).optional().catch(undefined),
});

export const getSurveyPage = endpoint({
  operationId: 'getSurveyPage',
  method: 'get',
  path: '/s/{token}',
  tag: 'invitations',
  summary: 'The hosted survey page of an invitation link (HTML; HEAD too)',
  description:
    "The survey, full page, with the widget's own UI; locale from the invitation, else `?lang=`, else the " +
    'browser (`Accept-Language`); right-to-left for fa and ar. `?a=QUESTION_ID:VALUE` shows that answer ' +
    "chosen: it is posted only by the page's script, a moment after a person can see it, never by this " +
    'GET or a HEAD, so link scanners record nothing. An unknown or tampered token is a 404 page, an expired ' +
    'or revoked link a 410 page, a completed personal link an "already answered" page; all in the ' +
    'locale, and none writes anything.',
  access: 'public',
  params: z.object({ token: z.string() }),
  query: PageQuery,
  success: { status: 200, contentTypes: ['text/html'], description: 'the page' },
  errors: [404, 410],
  errorsAs: 'html',
  errorNotes: {
    404: 'an unknown or tampered token (a page in the locale)',
    410: 'an expired or revoked link, or a closed survey (a page)',
  },
});
