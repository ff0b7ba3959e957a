/** A respondent's rights: erasure everywhere (GDPR). */
import { z } from 'zod';
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
