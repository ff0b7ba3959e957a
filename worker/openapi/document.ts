import { z } from 'zod';
import {
  AlertInput,
  AlertRuleInput,
  ApiKeyInput,
  AtRiskList,
  AtRiskQuery,
  CaseInput,
  CaseStatsQuery,
  CasesQuery,
  DeliveriesQuery,
  DropAlertInput,
  ExportQuery,
  JourneyQuery,
  ResultsQuery,
  SegmentsQuery,
  SiteInput,
  SitePatch,
  SiteSettingsPatch,
  TermsQuery,
  TouchpointInput,
  VerbatimsQuery,
  WebhookInput,
} from '../../shared/schemas/api';
import { ErrorBody } from '../../shared/schemas/common';
import { ResponseBody } from '../../shared/schemas/response';
import { PublicSurveysResponse, Survey, SurveyInput, SurveyPatch } from '../../shared/schemas/survey';

const schema = (s: z.ZodType, io: 'input' | 'output' = 'input') =>
  z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (s: object) => ({ content: { 'application/json': { schema: s } } });
const errors = Object.fromEntries(
  [
    ['400', 'invalid input; `issues` names the failing fields'],
    ['401', 'missing or invalid credentials'],
    ['404', 'not found'],
  ].map(([code, description]) => [code, { description, ...json(ref('Error')) }]),
);
const queryParams = (s: z.ZodObject) =>
  Object.entries(schema(s).properties ?? {}).map(([name, p]) => ({ name, in: 'query', required: false, schema: p }));
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const siteKey = [{ siteKey: [] }];
const op = (summary: string, extra: object = {}) => ({ summary, responses: { ...errors }, ...extra });
const ok = (code: string, description: string, body?: object, headers?: object) => ({
  [code]: { description, ...(body ? json(body) : {}), ...(headers ? { headers } : {}) },
});

/** The OpenAPI 3.1 document, with every body and query schema generated from the zod schemas in shared/. */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'Seda API', version: '1.0.0', description: 'Voice-of-the-Customer collector and results.' },
    components: {
      securitySchemes: {
        siteKey: { type: 'http', scheme: 'bearer', description: 'site API key (sk_…)' },
        operator: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' },
      },
      schemas: {
        Error: schema(ErrorBody, 'output'),
        ResponseBody: schema(ResponseBody),
        SurveyInput: schema(SurveyInput),
        SurveyPatch: schema(SurveyPatch),
        Survey: schema(Survey, 'output'),
        PublicSurveys: schema(PublicSurveysResponse, 'output'),
        SiteInput: schema(SiteInput),
        SitePatch: schema(SitePatch),
        Touchpoint: schema(TouchpointInput),
        WebhookInput: schema(WebhookInput),
        AlertInput: schema(AlertInput),
        DropAlertInput: schema(DropAlertInput),
        AlertRuleInput: schema(AlertRuleInput),
        CaseInput: schema(CaseInput),
        ApiKeyInput: schema(ApiKeyInput),
        SiteSettingsPatch: schema(SiteSettingsPatch),
        AtRiskList: schema(AtRiskList, 'output'),
      },
    },
    paths: {
      '/v1/sites/{siteKey}/surveys': {
        get: op('Active surveys of a site, for the widget', {
          parameters: [pathParam('siteKey')],
          responses: { ...ok('200', 'surveys', ref('PublicSurveys')), ...errors, ...ok('403', 'origin not allowed') },
        }),
      },
      '/v1/responses': {
        post: op('Store or merge a response (same id merges)', {
          requestBody: {
            content: {
              'application/json': { schema: ref('ResponseBody') },
              'text/plain': { schema: ref('ResponseBody') },
            },
          },
          responses: {
            ...ok(
              '202',
              'stored',
              { type: 'object', properties: { id: { type: 'string' } } },
              {
                'Server-Timing': {
                  description: 'the D1 write: `write;dur=MS;desc="N posts"` (posts committed together in it)',
                  schema: { type: 'string' },
                },
              },
            ),
            ...errors,
            ...ok(
              '403',
              'origin not allowed; or the site needs a Turnstile token (`turnstile_required`, with Retry-After: keep the answer, the next config names the key) or refused it (`turnstile_failed`)',
            ),
            ...ok('413', 'body over 16 KiB'),
            ...ok('429', 'rate limited, or the site reached its daily cap (Retry-After)'),
            ...ok('503', 'storage unavailable or slow: keep the answer and retry after Retry-After'),
          },
        }),
      },
      '/v1/sites': {
        post: op('Create a site and its first API key (shown once)', {
          security: [{ operator: [] }],
          requestBody: json(ref('SiteInput')),
          responses: { ...ok('201', 'created'), ...errors },
        }),
      },
      '/v1/site': {
        get: op("The key's own site and when it last received a response", { security: siteKey }),
        patch: op('Change name, origins, locale, recontact gap', {
          security: siteKey,
          requestBody: json(ref('SitePatch')),
        }),
      },
      '/v1/touchpoints': {
        get: op('List touchpoints', { security: siteKey }),
        post: op('Create or rename a touchpoint', { security: siteKey, requestBody: json(ref('Touchpoint')) }),
      },
      '/v1/surveys': {
        get: op('List surveys', { security: siteKey }),
        post: op('Create a survey', { security: siteKey, requestBody: json(ref('SurveyInput')) }),
      },
      '/v1/surveys/{id}': {
        parameters: [pathParam('id')],
        get: op('One survey', { security: siteKey }),
        patch: op('Change a survey (validated whole again)', {
          security: siteKey,
          requestBody: json(ref('SurveyPatch')),
        }),
        delete: op('Delete a survey and its responses', { security: siteKey }),
      },
      '/v1/surveys/{id}/results': {
        get: op('NPS/CSAT/CES with 95% intervals, trend, touchpoints, questions, comparison, segments', {
          security: siteKey,
          parameters: [pathParam('id'), ...queryParams(ResultsQuery)],
        }),
      },
      '/v1/surveys/{id}/responses': {
        get: op('Export, streamed as CSV or NDJSON', {
          security: siteKey,
          parameters: [pathParam('id'), ...queryParams(ExportQuery)],
        }),
      },
      '/v1/surveys/{id}/verbatims': {
        get: op('Open-text answers with sentiment', {
          security: siteKey,
          parameters: [pathParam('id'), ...queryParams(VerbatimsQuery)],
        }),
      },
      '/v1/respondents/{respondentId}': {
        delete: op('Erase everything of one respondent', {
          security: siteKey,
          parameters: [pathParam('respondentId')],
        }),
      },
      '/v1/surveys/{id}/terms': {
        get: op('Recurring terms per sentiment in the open-text answers (latest 2,000 texts of each)', {
          security: siteKey,
          parameters: [pathParam('id'), ...queryParams(TermsQuery)],
        }),
      },
      '/v1/journey': {
        get: op('Scores per touchpoint grouped by journey stage, with the worst (friction) cells; rollups only', {
          security: siteKey,
          parameters: queryParams(JourneyQuery),
        }),
      },
      '/v1/at-risk': {
        get: op('Identified respondents whose latest NPS is a detractor or fell 3+ points, with their last comment', {
          security: siteKey,
          parameters: queryParams(AtRiskQuery),
          responses: { ...ok('200', 'at most 200, newest first', ref('AtRiskList')), ...errors },
        }),
      },
      '/v1/segments': {
        get: op('Attribute values and locales present in responses, for filters', {
          security: siteKey,
          parameters: queryParams(SegmentsQuery),
        }),
      },
      '/v1/webhooks': {
        get: op('List webhooks', { security: siteKey }),
        post: op('Create a webhook; returns its signing secret once', {
          security: siteKey,
          requestBody: json(ref('WebhookInput')),
        }),
      },
      '/v1/webhooks/{id}': { delete: op('Delete a webhook', { security: siteKey, parameters: [pathParam('id')] }) },
      '/v1/alerts': {
        get: op('List alert rules', { security: siteKey }),
        post: op('Create an alert rule: an answer rule (AlertInput) or a score-drop rule (DropAlertInput)', {
          security: siteKey,
          requestBody: json(ref('AlertRuleInput')),
        }),
      },
      '/v1/alerts/{id}': { delete: op('Delete an alert rule', { security: siteKey, parameters: [pathParam('id')] }) },
      '/v1/webhooks/{id}/deliveries': {
        get: op('Delivery log of a webhook, newest first (status, attempts, last HTTP status, body sent)', {
          security: siteKey,
          parameters: [pathParam('id'), ...queryParams(DeliveriesQuery)],
        }),
      },
      '/v1/webhooks/{id}/ping': {
        post: op('Send a signed test event', { security: siteKey, parameters: [pathParam('id')] }),
      },
      '/v1/cases': {
        get: op('Follow-up inbox: cases with their response and answers', {
          security: siteKey,
          parameters: queryParams(CasesQuery),
        }),
      },
      '/v1/cases/stats': {
        get: op('Counts per status; time to first contact and to resolution (median, p90, hours)', {
          security: siteKey,
          parameters: queryParams(CaseStatsQuery),
        }),
      },
      '/v1/cases/{responseId}': {
        parameters: [pathParam('responseId')],
        get: op('One case', { security: siteKey }),
        put: op('Open or update the case of a response', { security: siteKey, requestBody: json(ref('CaseInput')) }),
        patch: op('Open or update the case of a response', { security: siteKey, requestBody: json(ref('CaseInput')) }),
      },
      '/v1/keys': {
        get: op("List the site's API keys (prefix, scopes, created, last used, revoked)", { security: siteKey }),
        post: op('Create an API key with scopes; the key is shown once', {
          security: siteKey,
          requestBody: json(ref('ApiKeyInput')),
        }),
      },
      '/v1/keys/{id}': {
        delete: op('Revoke an API key (never the last manage key)', {
          security: siteKey,
          parameters: [pathParam('id')],
        }),
      },
      '/v1/site/settings': {
        get: op('Daily response cap and Turnstile settings', { security: siteKey }),
        patch: op('Change the daily cap or Turnstile keys (the secret is write-only)', {
          security: siteKey,
          requestBody: json(ref('SiteSettingsPatch')),
        }),
      },
      '/v1/openapi.json': { get: { summary: 'This document', responses: ok('200', 'OpenAPI 3.1') } },
    },
  };
}
