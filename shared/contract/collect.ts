/** The widget's endpoints: public, CORS-limited to each site's origins. */
import { z } from 'zod';
import { ResponseBody } from '../schemas/response';
import { PublicConfig, PublicSurvey, PublicSurveysResponse } from '../schemas/survey';
import { endpoint } from './endpoint';

// No length bound here: an over-long key is a 404 (no such site), like any unknown key.
export const SiteKeyParam = z.object({ siteKey: z.string().min(1) });

const CONFIG_CACHE =
  'public, max-age=60, stale-while-revalidate=86400 (a returning page view is answered from the cache while it refreshes)';

export const getSiteConfig = endpoint({
  operationId: 'getSiteConfig',
  method: 'get',
  path: '/v1/sites/{siteKey}/config',
  tag: 'widget',
  summary: "What every page view fetches: the active surveys' targeting (no prompts) and the widget settings",
  description:
    'The loader (`w.js`) decides from this alone whether a survey shows on the page; the survey itself ' +
    '(questions, languages, theme) is fetched from `getSiteSurvey` only when it shows. So the cost of a page ' +
    'view grows with the number of active surveys, not with their questions or languages.',
  access: 'public',
  params: SiteKeyParam,
  success: {
    status: 200,
    schema: PublicConfig,
    description: 'targeting and settings',
    headers: { 'Cache-Control': CONFIG_CACHE },
  },
  errors: [403, 404, 429],
  errorNotes: { 403: 'origin not allowed for this site' },
});

export const getSiteSurvey = endpoint({
  operationId: 'getSiteSurvey',
  method: 'get',
  path: '/v1/sites/{siteKey}/surveys/{surveyId}',
  tag: 'widget',
  summary:
    'One active survey of a site, whole (questions, prompts in every language, theme), for the widget when it shows',
  access: 'public',
  params: SiteKeyParam.extend({ surveyId: z.string().min(1) }),
  query: z.object({
    v: z
      .string()
      .max(20)
      .optional()
      .describe(
        "the survey's `version` from the config: a cache key (a new version is a new URL), not read by the server",
      ),
  }),
  success: { status: 200, schema: PublicSurvey, description: 'the survey', headers: { 'Cache-Control': CONFIG_CACHE } },
  errors: [403, 404, 429],
  errorNotes: { 403: 'origin not allowed for this site', 404: 'no such site, or no such active survey' },
});

export const getSiteSurveys = endpoint({
  operationId: 'getSiteSurveys',
  method: 'get',
  path: '/v1/sites/{siteKey}/surveys',
  tag: 'widget',
  summary:
    'Active surveys of a site, whole, and its widget settings (the loader now fetches `getSiteConfig`, then `getSiteSurvey` when one shows; kept for older loaders and outside clients)',
  access: 'public',
  params: SiteKeyParam,
  success: { status: 200, schema: PublicSurveysResponse, description: 'surveys and settings' },
  errors: [403, 404, 429],
  errorNotes: { 403: 'origin not allowed for this site' },
});

export const ResponseAccepted = z.object({ id: z.uuid() });

export const postResponse = endpoint({
  operationId: 'postResponse',
  method: 'post',
  path: '/v1/responses',
  tag: 'widget',
  summary: 'Store or merge a response (the same id merges: partial answers, retries)',
  description:
    'The body may be sent as `text/plain` so that `navigator.sendBeacon` needs no preflight. A 202 means the answer is stored in D1.',
  access: 'public',
  body: ResponseBody,
  bodyTypes: ['application/json', 'text/plain'],
  success: {
    status: 202,
    schema: ResponseAccepted,
    description: 'stored',
    headers: { 'Server-Timing': 'the D1 write: `write;dur=MS;desc="N posts"` (posts committed together in it)' },
  },
  errors: [400, 403, 404, 409, 413, 429, 503],
  errorNotes: {
    403: 'origin not allowed; or the site needs a Turnstile token (`turnstile_required`, with Retry-After: keep the answer, the next config names the key) or refused it (`turnstile_failed`)',
    409: 'the survey is a draft, or the id belongs to another survey',
    413: 'body over 16 KiB',
    429: 'rate limited, or the site reached its daily cap (Retry-After)',
    503: 'storage unavailable or slow: keep the answer and retry after Retry-After',
  },
});
