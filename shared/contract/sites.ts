/** Sites: created by the operator; each site key reads and changes its own site. */
import { z } from 'zod';
import { Site, SiteInput, SitePatch, SiteSettingsPatch, Weekday } from '../schemas/api';
import { endpoint } from './endpoint';
import { Timestamp } from './lists';

export const SiteCreated = z.object({ site: Site, apiKey: z.string().describe('shown once; only its hash is kept') });

export const createSite = endpoint({
  operationId: 'createSite',
  idempotent: true,
  method: 'post',
  path: '/v1/sites',
  tag: 'sites',
  summary: 'Create a site and its first API key (shown once)',
  access: 'operator',
  body: SiteInput,
  success: { status: 201, schema: SiteCreated, description: 'created' },
  errors: [400, 401],
});

export const SiteInfo = z.object({
  site: Site,
  lastResponseAt: Timestamp.nullable(),
  rezoning: z
    .boolean()
    .describe('true while stored days are restamped after a time-zone change (results are scanned meanwhile)'),
  scopes: z
    .array(z.enum(['read', 'manage']))
    .optional()
    .describe(
      "the calling API key's scopes (absent for a signed-in member: GET /v1/session says what their role may do)",
    ),
});

export const getSite = endpoint({
  operationId: 'getSite',
  method: 'get',
  path: '/v1/site',
  tag: 'sites',
  summary: "The credential's own site and when it last received a response",
  access: 'site',
  success: { status: 200, schema: SiteInfo, description: 'the site' },
  errors: [401, 404],
});

export const patchSite = endpoint({
  operationId: 'patchSite',
  method: 'patch',
  path: '/v1/site',
  tag: 'sites',
  summary: 'Change name, origins, locale, recontact gap, time zone or calendar',
  access: 'manage',
  body: SitePatch,
  success: { status: 200, schema: z.object({ site: Site }), description: 'the site as changed' },
  errors: [400, 401, 403, 404],
});

export const SiteSettings = z.object({
  settings: z.object({
    dailyCap: z.number().int().nullable().describe("null: the Worker's default"),
    effectiveDailyCap: z.number().int().describe('the cap in force (0 = none)'),
    responsesToday: z.number().int(),
    turnstile: z.object({ enabled: z.boolean(), siteKey: z.string().nullable() }),
    identityVerification: z
      .boolean()
      .describe(
        'on: a respondent id counts only with `respondent.hash` = hex(HMAC-SHA256(identitySecret, id)); others are kept as anonymous answers',
      ),
    segments: z
      .array(
        z.object({
          name: z.string(),
          ready: z.boolean().describe('false while responses stored before the declaration are being counted'),
          values: z.number().int().describe('values with rollups (at most 50; later ones are scanned)'),
        }),
      )
      .describe('attributes declared as segments: `segment=`/`by=` on them read rollups'),
    digest: z
      .object({
        schedule: z.enum(['off', 'weekly']),
        weekday: Weekday.nullable(),
        hour: z.number().int().nullable(),
        timeZone: z.string().nullable(),
        nextAt: Timestamp.nullable().describe('when the next digest is due (null when off)'),
        webhooks: z.number().int().describe('webhooks subscribed to `digest`: where the digest goes'),
      })
      .describe('the weekly leadership digest (GET /v1/digest previews it)'),
  }),
});

export const SiteSettingsChanged = SiteSettings.extend({
  identitySecret: z
    .string()
    .optional()
    .describe(
      'only in the answer that turned identity verification on, and never again: the HMAC key (its UTF-8 bytes) your server signs respondent ids with',
    ),
});

export const getSiteSettings = endpoint({
  operationId: 'getSiteSettings',
  method: 'get',
  path: '/v1/site/settings',
  tag: 'sites',
  summary: 'Daily response cap, Turnstile, segment attributes and the digest schedule',
  access: 'manage',
  success: { status: 200, schema: SiteSettings, description: 'settings' },
  errors: [401, 403, 404],
});

export const patchSiteSettings = endpoint({
  operationId: 'patchSiteSettings',
  method: 'patch',
  path: '/v1/site/settings',
  tag: 'sites',
  summary:
    'Change the daily cap, Turnstile keys (the secret is write-only), the segment attributes, identity verification or the digest schedule',
  access: 'manage',
  body: SiteSettingsPatch,
  success: {
    status: 200,
    schema: SiteSettingsChanged,
    description: 'settings as changed (with `identitySecret` when identity verification was just turned on)',
  },
  errors: [400, 401, 403, 404],
});
