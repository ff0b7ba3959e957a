/** Follow-up cases: any response can be opened as a case (open → contacted → resolved). */
import { z } from 'zod';
import { CaseCategory, CaseInput, CaseStatsQuery, CaseStatus, CasesQuery, Sentiment } from '../schemas/api';
import { endpoint } from './endpoint';
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
