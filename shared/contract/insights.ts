/** Reading what customers said and who needs a call: journey, verbatims, terms, at-risk, segments. */
import { z } from 'zod';
import {
  AtRiskList,
  AtRiskQuery,
  JourneyQuery,
  SegmentsQuery,
  Sentiment,
  TermsQuery,
  VerbatimsQuery,
} from '../schemas/api';
import { Stage } from '../schemas/common';
import { Metrics } from '../schemas/metrics';
import { endpoint } from './endpoint';
import { IdParam, listOf, Timestamp } from './lists';

export const JourneyCell = Metrics.extend({
  key: z.string(),
  name: z.string(),
  n: z.number().int().describe('responses with at least one answer at this touchpoint'),
});
export type JourneyCell = z.infer<typeof JourneyCell>;

export const Friction = z.object({
  key: z.string(),
  stage: Stage,
  metric: z.enum(['nps', 'csat', 'ces']),
  value: z.number(),
  rest: z.number().describe('the same metric over the answers of every other touchpoint'),
  p: z.number().min(0).max(1).describe('Holm-adjusted two-sided p of this cell against the rest (< 0.05)'),
});
export type Friction = z.infer<typeof Friction>;

export const Journey = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  stages: z.array(z.object({ stage: Stage, touchpoints: z.array(JourneyCell) })),
  friction: z
    .array(Friction)
    .describe('per metric, the worst cell significantly worse than the rest (Holm-adjusted); empty when none is'),
});
export type Journey = z.infer<typeof Journey>;

export const getJourney = endpoint({
  operationId: 'getJourney',
  method: 'get',
  path: '/v1/journey',
  tag: 'insights',
  summary:
    'Scores per touchpoint across surveys, grouped by journey stage, with friction cells (`channel=` keeps one channel)',
  access: 'read',
  query: JourneyQuery,
  success: { status: 200, schema: Journey, description: 'the journey map' },
  errors: [400, 401, 403],
});

export const Verbatim = z.object({
  responseId: z.string(),
  questionId: z.string(),
  text: z.string(),
  sentiment: Sentiment,
  score: z.number().optional().describe("the response's headline score (NPS, else CSAT, else CES)"),
  touchpoint: z.string().optional(),
  locale: z.string().optional(),
  respondentId: z.string().optional().describe('the identified respondent (their page: `GET /v1/respondents/{id}`)'),
  topics: z.array(z.string()).describe('keys of the site’s topics this text mentions'),
  createdAt: Timestamp,
});
export type Verbatim = z.infer<typeof Verbatim>;

export const listVerbatims = endpoint({
  operationId: 'listVerbatims',
  method: 'get',
  path: '/v1/surveys/{id}/verbatims',
  tag: 'insights',
  summary: 'Open-text answers with sentiment, newest first, searchable and paged',
  access: 'read',
  params: IdParam,
  query: VerbatimsQuery,
  success: {
    status: 200,
    schema: listOf(Verbatim),
    description: 'a page of verbatims',
    headers: { 'Seda-Rows-Read': 'D1 rows read to answer' },
  },
  errors: [400, 401, 403, 404],
});

const TermList = z.array(z.object({ term: z.string(), count: z.number().int() }));
export const Terms = z.object({ positive: TermList, neutral: TermList, negative: TermList });

export const getTerms = endpoint({
  operationId: 'getTerms',
  method: 'get',
  path: '/v1/surveys/{id}/terms',
  tag: 'insights',
  summary: 'Recurring terms per sentiment in the open-text answers (latest 2,000 texts of each)',
  access: 'read',
  params: IdParam,
  query: TermsQuery,
  success: {
    status: 200,
    schema: Terms,
    description: 'terms with the number of texts using each',
    headers: { 'Seda-Rows-Read': 'D1 rows read to answer' },
  },
  errors: [400, 401, 403, 404],
});

export const getAtRisk = endpoint({
  operationId: 'getAtRisk',
  method: 'get',
  path: '/v1/at-risk',
  tag: 'insights',
  summary: 'Identified respondents whose latest NPS is a detractor or fell 3+ points, with their last comment',
  access: 'read',
  query: AtRiskQuery,
  success: {
    status: 200,
    schema: AtRiskList,
    description: 'at most 200, newest first',
    headers: { 'Seda-Rows-Read': 'D1 rows read to answer' },
  },
  errors: [400, 401, 403],
});

const ValueCount = z.object({ value: z.string(), count: z.number().int() });
export const Segments = z.object({
  attributes: z.array(z.object({ name: z.string(), values: z.array(ValueCount) })),
  locales: z.array(ValueCount),
});
export type Segments = z.infer<typeof Segments>;

export const getSegments = endpoint({
  operationId: 'getSegments',
  method: 'get',
  path: '/v1/segments',
  tag: 'insights',
  summary: 'Attribute values and locales present in responses, for filters',
  access: 'read',
  query: SegmentsQuery,
  success: { status: 200, schema: Segments, description: 'most frequent first' },
  errors: [400, 401, 403, 404],
});
