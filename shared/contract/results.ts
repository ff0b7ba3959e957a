/** Results of one survey: headline metrics with intervals, comparison, trend, touchpoints, questions, segments. */

import { z } from 'zod';
import { ExportQuery, Interval, ResultsQuery } from '../schemas/api';
import { LocalizedText, Stage } from '../schemas/common';
import { Channel } from '../schemas/invitation';
import { CesMetric, Comparison, Metrics } from '../schemas/metrics';
import { QUESTION_TYPES } from '../schemas/survey';
import { endpoint } from './endpoint';
import { IdParam, Timestamp } from './lists';

/** Surveys shown (impressions), responses with at least one answer, and completed responses. */
export const Counts = z.object({
  shown: z.number().int(),
  responses: z.number().int().describe('responses with at least one answer'),
  completed: z
    .number()
    .int()
    .describe('responses that reached the end with at least one answer: never more than `responses`'),
});

export const TrendPoint = Counts.extend(Metrics.shape).extend({
  period: z.string().describe("the bucket's first day, YYYY-MM-DD"),
});

export const TouchpointResult = Counts.extend(Metrics.shape).extend({
  key: z.string().describe("'' for answers given without a touchpoint"),
  name: z.string(),
  stage: Stage.nullable(),
});

export const QuestionResult = z.object({
  id: z.string(),
  type: z.enum(QUESTION_TYPES),
  prompt: LocalizedText,
  answered: z.number().int(),
  eligible: z
    .number()
    .int()
    .optional()
    .describe(
      'a conditional question: answers to its condition question that satisfy `showIf` (the responses that could see it), the denominator of its drop-off',
    ),
  distribution: z.array(z.object({ value: z.number().int(), count: z.number().int() })).optional(),
  mean: CesMetric.nullable().optional().describe('mean of a scored question with its t interval'),
  options: z.array(z.object({ id: z.string(), label: LocalizedText, count: z.number().int() })).optional(),
  sentiment: z.object({ positive: z.number().int(), neutral: z.number().int(), negative: z.number().int() }).optional(),
});

/** One cell's metric against the pooled other cells of its table; `p` is Holm-adjusted across the table. */
export const VsRest = z.object({
  rest: z.number().describe("the other cells' value together"),
  p: z.number().describe('two-sided, Holm-adjusted across every cell × metric of the table'),
});

export const SegmentItem = Metrics.extend({
  value: z.string().describe("the attribute's value; '(none)' for responses without it (then `none: true`)"),
  none: z.literal(true).optional().describe('the group of responses without the attribute'),
  responses: z.number().int().describe('responses with at least one answer in this group'),
  vsRest: z
    .object({ nps: VsRest.optional(), csat: VsRest.optional(), ces: VsRest.optional() })
    .describe('each metric with enough answers tested against the other groups (NPS z, CSAT Fisher/N−1 χ², CES Welch)'),
});

export const Results = Counts.extend({
  survey: z.object({ id: z.string(), name: z.string() }),
  range: z.object({
    from: z.string(),
    to: z.string(),
    interval: Interval,
    previous: z.object({ from: z.string(), to: z.string() }),
  }),
  source: z.enum(['rollup', 'scan']),
  metrics: Metrics,
  previous: Counts.extend({ metrics: Metrics }),
  comparison: z.object({ nps: Comparison.nullable(), csat: Comparison.nullable(), ces: Comparison.nullable() }),
  trend: z.array(TrendPoint),
  touchpoints: z.array(TouchpointResult),
  questions: z.array(QuestionResult),
  segments: z.object({ by: z.string(), items: z.array(SegmentItem) }).optional(),
});
export type Results = z.infer<typeof Results>;

export const getResults = endpoint({
  operationId: 'getResults',
  method: 'get',
  path: '/v1/surveys/{id}/results',
  tag: 'results',
  summary:
    'NPS/CSAT/CES with 95% intervals, comparison with the previous period, trend, touchpoints, questions, segments',
  access: 'read',
  params: IdParam,
  query: ResultsQuery,
  success: {
    status: 200,
    schema: Results,
    description: 'results',
    headers: { 'Seda-Rows-Read': 'D1 rows read to answer' },
  },
  errors: [400, 401, 403, 404],
});

/**
 * One exported response. NDJSON sends it as is, one per line; CSV has the same names as columns,
 * with `answers` flattened to one `answers.<questionId>` column per question (as
 * pandas.json_normalize flattens the NDJSON), so a question id can never take a fixed column's place.
 * CSV cells: every one quoted, choices joined with `;`, attributes as JSON, text that a spreadsheet
 * would run as a formula prefixed with `'`; the file starts with a UTF-8 byte order mark.
 */
export const ExportRecord = z.object({
  responseId: z.string(),
  createdAt: Timestamp,
  completed: z.boolean(),
  touchpoint: z.string().nullable(),
  channel: Channel,
  locale: z.string().nullable(),
  path: z.string().nullable(),
  respondentId: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()).nullable(),
  answers: z
    .record(z.string(), z.union([z.number(), z.string(), z.array(z.string())]))
    .describe('by question id; a question not answered is absent'),
});
export type ExportRecord = z.infer<typeof ExportRecord>;

export const exportResponses = endpoint({
  operationId: 'exportResponses',
  method: 'get',
  path: '/v1/surveys/{id}/responses',
  tag: 'results',
  summary: 'Export of the responses, streamed as CSV or NDJSON (same filters as results)',
  access: 'read',
  // Every respondent's answers in bulk: not for agents, who see only their own cases.
  roles: ['owner', 'admin', 'analyst'],
  params: IdParam,
  query: ExportQuery,
  success: {
    status: 200,
    contentTypes: ['text/csv', 'application/x-ndjson'],
    record: ExportRecord,
    description: 'one row (CSV) or one JSON object per line (NDJSON) per response, oldest first',
  },
  errors: [400, 401, 403, 404],
});
