/** Surveys: validated whole on every change, so nothing saved can break the widget. */
import { z } from 'zod';
import { Survey, SurveyInput, SurveyPatch } from '../schemas/survey';
import { endpoint } from './endpoint';
import { IdParam, namedListOf } from './lists';

export const SurveyReply = z.object({ survey: Survey });

export const listSurveys = endpoint({
  operationId: 'listSurveys',
  method: 'get',
  path: '/v1/surveys',
  tag: 'surveys',
  summary: "The site's surveys, every status",
  access: 'site',
  success: { status: 200, schema: namedListOf('surveys', Survey), description: 'surveys, oldest first' },
  errors: [401],
});

export const createSurvey = endpoint({
  operationId: 'createSurvey',
  idempotent: true,
  method: 'post',
  path: '/v1/surveys',
  tag: 'surveys',
  summary: 'Create a survey',
  access: 'manage',
  body: SurveyInput,
  success: { status: 201, schema: SurveyReply, description: 'created' },
  errors: [400, 401, 403],
});

export const getSurvey = endpoint({
  operationId: 'getSurvey',
  method: 'get',
  path: '/v1/surveys/{id}',
  tag: 'surveys',
  summary: 'One survey',
  access: 'site',
  params: IdParam,
  success: { status: 200, schema: SurveyReply, description: 'the survey' },
  errors: [401, 404],
});

export const patchSurvey = endpoint({
  operationId: 'patchSurvey',
  method: 'patch',
  path: '/v1/surveys/{id}',
  tag: 'surveys',
  summary: 'Change a survey (the merged survey is validated whole again)',
  access: 'manage',
  params: IdParam,
  body: SurveyPatch,
  success: { status: 200, schema: SurveyReply, description: 'the survey as changed' },
  errors: [400, 401, 403, 404],
});

export const deleteSurvey = endpoint({
  operationId: 'deleteSurvey',
  method: 'delete',
  path: '/v1/surveys/{id}',
  tag: 'surveys',
  summary: 'Delete a survey and its responses',
  access: 'manage',
  params: IdParam,
  success: { status: 204, description: 'deleted' },
  errors: [401, 403, 404],
});
