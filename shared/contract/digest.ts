/**
 * What leadership reads: the weekly digest (sent to webhooks that subscribe to `digest`, and previewed
 * here), and read-only share links of the overview with every free text left out.
 */
import { z } from 'zod';
import { RangeQuery, ShareLinkInput } from '../schemas/api';
import { Ci95, Comparison, Metrics } from '../schemas/metrics';
import { endpoint } from './endpoint';
import { Journey } from './insights';
import { IdParam, listOf, Timestamp } from './lists';
import { Counts, TrendPoint } from './results';

const MetricName = z.enum(['nps', 'csat', 'ces']);

/** One survey in the digest: its headline numbers exactly as the results API gives them for the same range. */
export const DigestSurvey = Counts.extend({
  id: z.string(),
  name: z.string(),
  metrics: Metrics.describe('as `metrics` of GET /v1/surveys/{id}/results for the same range'),
  previous: Counts.extend({ metrics: Metrics }).describe('the week before (as `previous` of the results)'),
  changes: z
    .array(Comparison.extend({ metric: MetricName }))
    .describe('only the significant changes (p < 0.05, the results’ own test); empty when none is'),
  drivers: z
    .object({
      target: MetricName,
      n: z.number().int(),
      items: z
        .array(
          z.object({
            kind: z.enum(['question', 'option', 'touchpoint', 'attribute']),
            key: z.string(),
            importance: z.number(),
            ci95: Ci95,
            n: z.number().int(),
          }),
        )
        .describe('the strongest drivers with evidence (interval excluding 0), at most 3'),
    })
    .nullable()
    .describe('null when the survey has no scored target or too few answers'),
  topicsRising: z
    .array(
      z.object({
        key: z.string(),
        label: z.object({ en: z.string().optional(), fa: z.string().optional(), ar: z.string().optional() }),
        n: z.number().int(),
        previous: z.number().int(),
      }),
    )
    .describe('topics mentioned more than the week before, most risen first, at most 3'),
});
export type DigestSurvey = z.infer<typeof DigestSurvey>;

export const Digest = z.object({
  site: z.object({ id: z.string(), name: z.string() }),
  range: z.object({ from: z.string(), to: z.string(), previous: z.object({ from: z.string(), to: z.string() }) }),
  surveys: z.array(DigestSurvey).describe('surveys with responses in the range or the one before (at most 20)'),
  atRisk: z.object({
    count: z.number().int().describe('identified respondents at risk in the range (as GET /v1/at-risk)'),
    capped: z.boolean().describe('true when the count reached the at-risk list’s limit (200)'),
  }),
  cases: z.object({
    opened: z.number().int().describe('follow-up cases opened in the range'),
    resolved: z.number().int().describe('follow-up cases resolved in the range'),
  }),
  recovery: z
    .object({
      rate: z.number().min(0).max(1),
      ci95: Ci95.describe('Wilson interval'),
      recovered: z.number().int(),
      n: z.number().int(),
    })
    .nullable()
    .describe(
      'of respondents whose case was resolved and whose next NPS answer came in the range, the share that answered 7 or more; null when none did',
    ),
});
export type Digest = z.infer<typeof Digest>;

export const getDigest = endpoint({
  operationId: 'getDigest',
  method: 'get',
  path: '/v1/digest',
  tag: 'digest',
  summary: 'The leadership digest for a range (default: the last whole week, Monday to Sunday), as webhooks receive it',
  description:
    'Each survey’s figures come from the same computation as GET /v1/surveys/{id}/results for the same `from`/`to` ' +
    '(the previous period is the range before, of equal length). Nothing a respondent wrote is in it.',
  access: 'read',
  query: RangeQuery,
  success: { status: 200, schema: Digest, description: 'the digest' },
  errors: [400, 401, 403],
});

export const ShareLink = z.object({
  id: z.string(),
  label: z.string().nullable(),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
});
export type ShareLink = z.infer<typeof ShareLink>;

export const listShareLinks = endpoint({
  operationId: 'listShareLinks',
  method: 'get',
  path: '/v1/share-links',
  tag: 'digest',
  summary: "The site's read-only share links, newest first (their URLs are shown only at creation)",
  access: 'manage',
  success: { status: 200, schema: listOf(ShareLink), description: 'share links' },
  errors: [401, 403],
});

export const createShareLink = endpoint({
  operationId: 'createShareLink',
  idempotent: true,
  method: 'post',
  path: '/v1/share-links',
  tag: 'digest',
  summary:
    'Create a read-only link to the overview (numbers only: no text any respondent wrote); its URL is shown once',
  access: 'manage',
  body: ShareLinkInput,
  success: {
    status: 201,
    schema: ShareLink.extend({
      url: z.string().describe('shown once: only a hash of its token is kept'),
    }),
    description: 'created',
  },
  errors: [400, 401, 403, 409, 415],
  errorNotes: { 409: 'the site has its maximum of share links (50 not revoked)' },
});

export const revokeShareLink = endpoint({
  operationId: 'revokeShareLink',
  method: 'delete',
  path: '/v1/share-links/{id}',
  tag: 'digest',
  summary: 'Revoke a share link: its page answers 410 from now on',
  access: 'manage',
  params: IdParam,
  success: { status: 204, description: 'revoked' },
  errors: [401, 403, 404],
});

/** A share token: what the URL carries (its shape is checked before any lookup). */
export const ShareTokenParam = z.object({ token: z.string().min(1).max(128) });

/** The page never refuses its query: a malformed `lang` is ignored. */
export const SharePageQuery = z.object({ lang: z.string().max(35).optional().catch(undefined) });

/** The overview as a share link shows it: numbers with their intervals, never a respondent's text or id. */
export const SharedOverview = z.object({
  site: z.object({ name: z.string(), locale: z.string() }),
  range: z.object({ from: z.string(), to: z.string(), previous: z.object({ from: z.string(), to: z.string() }) }),
  surveys: z.array(
    Counts.extend({
      name: z.string(),
      metrics: Metrics,
      comparison: z.object({ nps: Comparison.nullable(), csat: Comparison.nullable(), ces: Comparison.nullable() }),
      trend: z.array(TrendPoint).describe('per week'),
    }),
  ),
  journey: Journey,
});
export type SharedOverview = z.infer<typeof SharedOverview>;

export const getSharedOverview = endpoint({
  operationId: 'getSharedOverview',
  method: 'get',
  path: '/v1/shared/{token}',
  tag: 'digest',
  summary: 'The overview behind a share link (the last 30 days): numbers with intervals only',
  description:
    'No verbatims, comments, respondent ids, attributes or choice texts: only counts and scores with their intervals, ' +
    'per survey and per touchpoint. Rate limited per client address; answers carry `X-Robots-Tag: noindex` and set no cookie.',
  access: 'public',
  params: ShareTokenParam,
  success: { status: 200, schema: SharedOverview, description: 'the overview' },
  errors: [404, 410, 429],
  errorNotes: { 404: 'an unknown token', 410: 'a revoked or expired link' },
});

export const getSharePage = endpoint({
  operationId: 'getSharePage',
  method: 'get',
  path: '/share/{token}',
  tag: 'digest',
  summary: 'The read-only overview page of a share link (HTML, no script, no cookie, noindex)',
  description:
    'Locale from `?lang=`, else the browser (`Accept-Language`), else the site’s; right-to-left for fa and ar. ' +
    'An unknown token is a 404 page, a revoked or expired one a 410 page.',
  access: 'public',
  params: ShareTokenParam,
  query: SharePageQuery,
  success: { status: 200, contentTypes: ['text/html'], description: 'the page' },
  errors: [404, 410, 429],
  errorsAs: 'html',
  errorNotes: { 404: 'an unknown token (a page)', 410: 'a revoked or expired link (a page)' },
});
