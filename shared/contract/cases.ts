/** Follow-up cases: any response can be opened as a case (open → contacted → resolved). */
import { z } from 'zod';
import {
  CaseCategory,
  CaseFollowUpInput,
  CaseInput,
  CaseRecoveryQuery,
  CaseStatsQuery,
  CaseStatus,
  CasesQuery,
  Sentiment,
} from '../schemas/api';
import { endpoint } from './endpoint';
import { CreatedInvitation } from './invitations';
import { namedListOf, Timestamp } from './lists';

export const CaseRecord = z.object({
  responseId: z.string(),
  status: CaseStatus,
  owner: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: Timestamp,
  firstContactAt: Timestamp.nullable(),
  resolvedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
  assignee: z.string().nullable().describe('the member it is assigned to'),
  dueAt: Timestamp.nullable(),
  escalatedAt: Timestamp.nullable().describe('set by the scheduled job once the case is past its due date'),
  category: CaseCategory.nullable().describe('root cause'),
  followUpInvitationId: z
    .string()
    .nullable()
    .optional()
    .describe('the personal follow-up survey link sent after resolution (POST /v1/cases/{responseId}/follow-up)'),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

export const CaseAnswer = z.object({
  questionId: z.string(),
  value: z.union([z.number(), z.string(), z.array(z.string())]).nullable(),
  sentiment: Sentiment.optional(),
});

export const CaseItem = CaseRecord.extend({
  surveyId: z.string(),
  touchpoint: z.string().nullable(),
  respondentId: z.string().nullable(),
  completed: z.boolean(),
  respondedAt: Timestamp,
  answers: z.array(CaseAnswer),
});
export type CaseItem = z.infer<typeof CaseItem>;

export const ResponseIdParam = z.object({ responseId: z.string().min(1).max(64) });

export const listCases = endpoint({
  operationId: 'listCases',
  method: 'get',
  path: '/v1/cases',
  tag: 'cases',
  summary: 'Follow-up inbox: cases with their response and answers, newest first',
  access: 'read',
  query: CasesQuery,
  success: { status: 200, schema: namedListOf('cases', CaseItem), description: 'a page of cases' },
  errors: [400, 401, 403],
});

const Duration = z.object({
  n: z.number().int(),
  medianHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
});
export const CaseStats = z.object({
  total: z.number().int(),
  counts: z.object({ open: z.number().int(), contacted: z.number().int(), resolved: z.number().int() }),
  timeToFirstContact: Duration,
  timeToResolve: Duration,
});
export type CaseStats = z.infer<typeof CaseStats>;

export const getCaseStats = endpoint({
  operationId: 'getCaseStats',
  method: 'get',
  path: '/v1/cases/stats',
  tag: 'cases',
  summary: 'Counts per status; time to first contact and to resolution (median, p90, hours)',
  access: 'read',
  query: CaseStatsQuery,
  success: { status: 200, schema: CaseStats, description: 'stats' },
  errors: [400, 401, 403],
});

/** One entry of a case's timeline: a note or a change, by whom (a member, an API key, or the system). */
export const CaseEvent = z.object({
  at: Timestamp,
  actor: z.object({ type: z.enum(['member', 'key', 'system']), id: z.string().nullable() }),
  kind: z.enum(['note', 'status', 'assignee', 'due', 'category', 'escalated']),
  value: z.string().nullable(),
});
export type CaseEvent = z.infer<typeof CaseEvent>;

export const CaseReply = z.object({ case: CaseRecord.extend({ timeline: z.array(CaseEvent) }) });

export const getCase = endpoint({
  operationId: 'getCase',
  method: 'get',
  path: '/v1/cases/{responseId}',
  tag: 'cases',
  summary: 'One case',
  access: 'read',
  params: ResponseIdParam,
  success: { status: 200, schema: CaseReply, description: 'the case' },
  errors: [401, 403, 404],
});

const caseWrite = {
  tag: 'cases',
  path: '/v1/cases/{responseId}',
  summary: 'Open the case of a response if needed, and change it (omitted fields stay as they are)',
  access: 'manage',
  // Agents work the cases assigned to them (checked per case by the handler).
  roles: ['owner', 'admin', 'agent'],
  params: ResponseIdParam,
  body: CaseInput,
  success: { status: 200, schema: CaseReply, description: 'the case' },
  errors: [400, 401, 403, 404],
  errorNotes: { 403: 'an agent may change only the cases assigned to them', 400: 'invalid body, or no such member' },
} as const;

export const putCase = endpoint({ ...caseWrite, operationId: 'putCase', method: 'put' });
export const patchCase = endpoint({ ...caseWrite, operationId: 'patchCase', method: 'patch' });

export const createCaseFollowUp = endpoint({
  operationId: 'createCaseFollowUp',
  idempotent: true,
  method: 'post',
  path: '/v1/cases/{responseId}/follow-up',
  tag: 'cases',
  summary: "After resolution: a personal link to a survey for the case's respondent, kept on the case",
  description:
    'Makes one personal invitation (as `POST /v1/surveys/{id}/invitations` with that respondent) and records it ' +
    'on the case; a second call replaces it. The site-wide recontact gap is waived for this link (the team ' +
    'asks after putting things right); a respondent who already completed that survey still gets a ' +
    '`skipped` link. Its answer counts towards the recovery rate (`GET /v1/cases/recovery`).',
  access: 'manage',
  roles: ['owner', 'admin', 'agent'],
  params: ResponseIdParam,
  body: CaseFollowUpInput,
  success: {
    status: 201,
    schema: z.object({ invitation: CreatedInvitation, case: CaseRecord }),
    description: 'the link (send it with your own tools) and the case',
  },
  errors: [400, 401, 403, 404, 409],
  errorNotes: {
    403: 'an agent may follow up only the cases assigned to them',
    404: 'no such case or survey on this site',
    409: 'the case is not resolved, or its response has no respondent id to send a personal link to',
  },
});

/** One group's recovery: of n followed-up detractors who answered, how many came back satisfied. */
export const RecoveryGroup = z.object({
  n: z.number().int().describe('followed-up unhappy customers whose follow-up answer arrived'),
  recovered: z.number().int().describe('of them, answered passive/promoter (NPS 7–10) or satisfied (CSAT 4–5)'),
  rate: z.number().nullable().describe('recovered / n; null when n is 0'),
  ci95: z.tuple([z.number(), z.number()]).nullable().describe('Wilson 95% interval; null when n is 0'),
  enough: z.boolean().describe('false under 30 (n below the floor): shown as "too few answers"'),
});
export type RecoveryGroup = z.infer<typeof RecoveryGroup>;

export const CaseRecovery = z.object({
  overall: RecoveryGroup,
  sent: z.number().int().describe('follow-up links sent to unhappy customers (answered or not)'),
  byOwner: z.array(
    RecoveryGroup.extend({
      assignee: z.string().nullable().describe('member id; null for cases nobody was assigned'),
      email: z.string().nullable(),
    }),
  ),
  byTouchpoint: z.array(RecoveryGroup.extend({ touchpoint: z.string().nullable() })),
});
export type CaseRecovery = z.infer<typeof CaseRecovery>;

export const getCaseRecovery = endpoint({
  operationId: 'getCaseRecovery',
  method: 'get',
  path: '/v1/cases/recovery',
  tag: 'cases',
  summary: 'Recovery rate of followed-up detractors, overall, per owner and per touchpoint (Wilson 95%)',
  description:
    'A case counts when its response was unhappy (NPS 0–6, or CSAT 1–3 when it has no NPS answer), it has a ' +
    'follow-up link, and the follow-up response has an NPS or CSAT answer. Recovered: NPS 7–10, or CSAT 4–5. ' +
    '`from`/`to` filter on the day of the original response.',
  access: 'read',
  query: CaseRecoveryQuery,
  success: { status: 200, schema: CaseRecovery, description: 'recovery rates' },
  errors: [400, 401, 403],
});
