/** Why, and what it costs: topics of open-text answers, key drivers of a score, outcomes and churn. */
import { z } from 'zod';
import { DriversQuery, OutcomesBody, OutcomesQuery, RangeQuery, TopicsBody } from '../schemas/api';
import { endpoint } from './endpoint';
import { IdParam } from './lists';

export const TopicList = z.object({
  topics: z.array(
    z.object({
      key: z.string(),
      label: z.object({ en: z.string().optional(), fa: z.string().optional(), ar: z.string().optional() }),
      terms: z.array(z.string()),
    }),
  ),
  custom: z.boolean().describe('false while the site uses the defaults'),
});
export type TopicList = z.infer<typeof TopicList>;

export const getTopics = endpoint({
  operationId: 'getTopics',
  method: 'get',
  path: '/v1/topics',
  tag: 'insights',
  summary: "The site's topic list (the defaults in en, fa and ar until the site sets its own)",
  access: 'read',
  success: { status: 200, schema: TopicList, description: 'the topic list' },
  errors: [401, 403],
});

export const putTopics = endpoint({
  operationId: 'putTopics',
  method: 'put',
  path: '/v1/topics',
  tag: 'insights',
  summary: "Replaces the site's topic list; answers already stored are re-tagged in the background (a queue job)",
  access: 'manage',
  body: TopicsBody,
  success: { status: 200, schema: TopicList, description: 'the stored list' },
  errors: [400, 401, 403, 415],
});

const SentimentCounts = {
  n: z.number().int().describe('open-text answers mentioning the topic'),
  positive: z.number().int(),
  neutral: z.number().int(),
  negative: z.number().int(),
};
export const SurveyTopics = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  n: z.number().int().describe('open-text answers in the range'),
  topics: z.array(
    z.object({
      key: z.string(),
      ...SentimentCounts,
      previous: z.number().int().describe('mentions in the previous period of equal length'),
      touchpoints: z.array(z.object({ touchpoint: z.string(), ...SentimentCounts })),
      trend: z.array(z.object({ day: z.string(), n: z.number().int() })).describe('mentions per day with any'),
    }),
  ),
  suggested: z
    .array(z.object({ term: z.string(), count: z.number().int() }))
    .describe('recurring terms in answers that no topic covers: candidates for a new topic'),
});
export type SurveyTopics = z.infer<typeof SurveyTopics>;

export const getSurveyTopics = endpoint({
  operationId: 'getSurveyTopics',
  method: 'get',
  path: '/v1/surveys/{id}/topics',
  tag: 'insights',
  summary: 'Topic × sentiment counts of the open-text answers (and × touchpoint, per day), with suggested topics',
  access: 'read',
  params: IdParam,
  query: RangeQuery,
  success: { status: 200, schema: SurveyTopics, description: 'most mentioned first' },
  errors: [400, 401, 403, 404],
});

export const Driver = z.object({
  kind: z.enum(['question', 'option', 'touchpoint', 'attribute']),
  key: z.string().describe('question id, `question:option`, touchpoint key or `attribute=value`'),
  importance: z
    .number()
    .describe("share of the explained variance (relative weight), signed by the effect's direction"),
  ci95: z.tuple([z.number(), z.number()]).describe('bootstrap 95% interval of the importance (seeded)'),
  n: z.number().int().describe('responses where this driver was answered or present'),
  performance: z.number().optional().describe('mean score of a question (0–1 of its scale) or share present'),
  evidence: z.boolean().describe('false when the interval contains 0: shown as "no evidence"'),
});
export type Driver = z.infer<typeof Driver>;
export const Drivers = z.object({
  target: z.enum(['nps', 'csat', 'ces']),
  n: z.number().int().describe('responses with the target answered'),
  r2: z.number().optional().describe('share of the target’s variance the drivers explain together'),
  enough: z.boolean().describe('false under 30 responses: importances are not computed'),
  method: z.string(),
  drivers: z.array(Driver),
});
export type Drivers = z.infer<typeof Drivers>;

export const getDrivers = endpoint({
  operationId: 'getDrivers',
  method: 'get',
  path: '/v1/surveys/{id}/drivers',
  tag: 'insights',
  summary: 'Key drivers of a score: relative importance of questions, options, touchpoints and attributes',
  access: 'read',
  params: IdParam,
  query: DriversQuery,
  success: { status: 200, schema: Drivers, description: 'strongest first' },
  errors: [400, 401, 403, 404],
});

export const OutcomesAccepted = z.object({
  accepted: z.number().int().describe('items in the request'),
  created: z.number().int().describe('outcomes stored for the first time'),
  existing: z.number().int().describe('items already stored (or repeated within the request): not stored again'),
  updated: z.number().int().describe('of the existing ones, how many got a different `value`'),
});
export type OutcomesAccepted = z.infer<typeof OutcomesAccepted>;

export const postOutcomes = endpoint({
  operationId: 'postOutcomes',
  method: 'post',
  path: '/v1/outcomes',
  tag: 'insights',
  summary: 'Records what happened to respondents (churned, retained, purchase, refund), at most 1,000 per call',
  description:
    'Idempotent: an outcome is one per (respondent, kind, `at`), so sending the same items again (a repeated import, a retried batch) stores nothing twice; a different `value` for a stored outcome replaces it. An item without `at` is stamped with the time it arrives and is one per respondent and kind per local day of the site (sent again that day, it is found): send `at` for events that can happen more than once a day.',
  access: 'manage',
  body: OutcomesBody,
  success: { status: 202, schema: OutcomesAccepted, description: 'stored, and how many were new' },
  errors: [400, 401, 403, 413, 415],
});

export const OutcomeRates = z.object({
  kind: z.enum(['churned', 'retained', 'purchase', 'refund']),
  range: z.object({ from: z.string(), to: z.string() }),
  groups: z.array(
    z.object({
      group: z.enum(['promoter', 'passive', 'detractor']),
      n: z.number().int().describe('identified respondents in the group with any outcome recorded'),
      events: z.number().int().describe('of them, with an outcome of this kind'),
      rate: z.number().nullable(),
      ci95: z.tuple([z.number(), z.number()]).nullable().describe('Wilson interval'),
      valueAtRisk: z.number().optional().describe('sum of `value` of the group’s respondents with this outcome'),
    }),
  ),
  model: z.object({
    enough: z.boolean().describe('false below `minimum` churned and `minimum` retained respondents'),
    minimum: z.number().int(),
    churned: z.number().int(),
    retained: z.number().int(),
    auc: z.number().optional().describe('discrimination on held-out respondents (0.5 = chance)'),
    aucCi95: z.tuple([z.number(), z.number()]).optional(),
    heldOut: z.number().int().optional(),
    weights: z
      .array(z.object({ feature: z.string(), weight: z.number() }))
      .optional()
      .describe('standardized logistic weights: what raises or lowers churn risk'),
  }),
});
export type OutcomeRates = z.infer<typeof OutcomeRates>;

export const getOutcomes = endpoint({
  operationId: 'getOutcomes',
  method: 'get',
  path: '/v1/outcomes',
  tag: 'insights',
  summary: 'Outcome rates by NPS group with Wilson intervals, and the churn model’s measured discrimination',
  access: 'read',
  query: OutcomesQuery,
  success: { status: 200, schema: OutcomeRates, description: 'promoters, passives, detractors' },
  errors: [400, 401, 403],
});
