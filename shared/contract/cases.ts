/** Follow-up cases: any response can be opened as a case (open → contacted → resolved). */
import { z } from 'zod';
import { CaseInput, CaseStatsQuery, CaseStatus, CasesQuery, Sentiment } from '../schemas/api';
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

export const CaseReply = z.object({ case: CaseRecord });

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
  params: ResponseIdParam,
  body: CaseInput,
  success: { status: 200, schema: CaseReply, description: 'the case' },
  errors: [400, 401, 403, 404],
} as const;

export const putCase = endpoint({ ...caseWrite, operationId: 'putCase', method: 'put' });
export const patchCase = endpoint({ ...caseWrite, operationId: 'patchCase', method: 'patch' });
