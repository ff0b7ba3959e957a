/** A respondent's page (everything known of them, in time order) and their rights: erasure everywhere (GDPR). */
import { z } from 'zod';
import { OutcomeKind } from '../schemas/api';
import { CaseAnswer, CaseRecord } from './cases';
import { endpoint } from './endpoint';

export const RespondentParam = z.object({ respondentId: z.string().min(1).max(128) });

export const eraseRespondent = endpoint({
  operationId: 'eraseRespondent',
  method: 'delete',
  path: '/v1/respondents/{respondentId}',
  tag: 'respondents',
  summary: 'Erase everything of one respondent (the id URL-encoded exactly once)',
  access: 'manage',
  params: RespondentParam,
  success: {
    status: 200,
    schema: z.object({ respondentId: z.string(), deletedResponses: z.number().int() }),
    description: 'erased',
  },
  errors: [400, 401, 403],
});

const At = z.iso.datetime();
/** One thing that happened to a respondent: a response (with its answers), a case on it, an outcome. */
export const RespondentEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('response'),
    at: At,
    responseId: z.string(),
    surveyId: z.string(),
    touchpoint: z.string().optional(),
    channel: z.string(),
    locale: z.string().optional(),
    completed: z.boolean(),
    attributes: z.record(z.string(), z.string()).describe('the attributes sent with this response'),
    answers: z.array(CaseAnswer.extend({ topics: z.array(z.string()).optional() })),
  }),
  z.object({ type: z.literal('case'), at: At.describe('when the case was opened'), case: CaseRecord }),
  z.object({
    type: z.literal('outcome'),
    at: At,
    kind: OutcomeKind,
    value: z.number().optional(),
  }),
]);
export type RespondentEvent = z.infer<typeof RespondentEvent>;

export const RespondentProfile = z.object({
  respondentId: z.string(),
  attributes: z
    .record(z.string(), z.string())
    .describe('the latest value of every attribute sent with any of their responses'),
  firstSeen: At,
  lastSeen: At,
  responses: z.number().int(),
  events: z.array(RespondentEvent).describe('oldest first; at most the latest 500 responses and 500 outcomes'),
});
export type RespondentProfile = z.infer<typeof RespondentProfile>;

export const getRespondent = endpoint({
  operationId: 'getRespondent',
  method: 'get',
  path: '/v1/respondents/{respondentId}',
  tag: 'respondents',
  summary:
    'One customer, one page: every answer, case, outcome and attribute of an identified respondent in time order (the id URL-encoded exactly once)',
  access: 'read',
  params: RespondentParam,
  success: { status: 200, schema: RespondentProfile, description: 'the respondent’s history' },
  errors: [400, 401, 403, 404],
  errorNotes: { 404: 'no response or outcome of this respondent on this site (never seen, or erased)' },
});
