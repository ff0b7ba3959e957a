import { z } from 'zod';
import { IsoDay, LocaleCode, Slug, Stage } from './common';

/** An allowed origin for the widget: scheme + host (+ port), no path. */
export const Origin = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    try {
      const u = new URL(s);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error();
      return u.origin;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected an origin such as https://shop.example' });
      return z.NEVER;
    }
  });

export const SiteInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  origins: z.array(Origin).min(1).max(20),
  locale: LocaleCode.optional(),
});
export type SiteInput = z.infer<typeof SiteInput>;

export const SitePatch = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  origins: z.array(Origin).min(1).max(20).optional(),
  locale: LocaleCode.optional(),
  recontactDays: z.number().int().min(0).max(365).optional(),
});

export const Site = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  origins: z.array(z.string()),
  locale: LocaleCode,
  recontactDays: z.number().int(),
});
export type Site = z.infer<typeof Site>;

export const TouchpointInput = z.strictObject({
  key: Slug,
  name: z.string().trim().min(1).max(120),
  stage: Stage,
});
export type Touchpoint = z.infer<typeof TouchpointInput>;

export const Interval = z.enum(['day', 'week', 'month']);
export type Interval = z.infer<typeof Interval>;

/** `from`/`to` are inclusive UTC days; default: the last 30 days. */
export const DateRange = z
  .object({ from: IsoDay.optional(), to: IsoDay.optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: '"from" must not be after "to"', path: ['from'] });

/** `segment=plan:pro` filters on an `identify` attribute. */
export const SegmentFilter = z
  .string()
  .max(150)
  .regex(/^[A-Za-z0-9_.-]{1,40}:.{1,100}$/, 'expected attribute:value');

export const ResultsQuery = z.object({
  from: IsoDay.optional(),
  to: IsoDay.optional(),
  touchpoint: Slug.optional(),
  interval: Interval.optional(),
  locale: LocaleCode.optional(),
  segment: SegmentFilter.optional(),
  /** Break metrics down by an attribute name, or `locale`. */
  by: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/)
    .optional(),
});
export type ResultsQuery = z.infer<typeof ResultsQuery>;

export const ExportQuery = z.object({
  format: z.enum(['csv', 'ndjson']).default('csv'),
  from: IsoDay.optional(),
  to: IsoDay.optional(),
  touchpoint: Slug.optional(),
  locale: LocaleCode.optional(),
  segment: SegmentFilter.optional(),
});

export const Sentiment = z.enum(['positive', 'neutral', 'negative']);
export type Sentiment = z.infer<typeof Sentiment>;

export const VerbatimsQuery = z.object({
  q: z.string().max(200).optional(),
  sentiment: Sentiment.optional(),
  touchpoint: Slug.optional(),
  from: IsoDay.optional(),
  to: IsoDay.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const WebhookInput = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  format: z.enum(['json', 'slack']).default('json'),
  events: z
    .array(z.enum(['response.completed', 'alert']))
    .min(1)
    .refine((e) => new Set(e).size === e.length, 'each event once'),
});

export const AlertInput = z
  .strictObject({
    surveyId: z.string().min(1).max(64),
    questionId: Slug,
    min: z.number().optional(),
    max: z.number().optional(),
    sentiment: Sentiment.optional(),
    webhookId: z.string().min(1).max(64),
  })
  .refine((a) => a.min !== undefined || a.max !== undefined || a.sentiment !== undefined, {
    message: 'an alert needs min, max or sentiment',
  })
  .refine((a) => a.min === undefined || a.max === undefined || a.min <= a.max, {
    message: '"min" must not exceed "max"',
    path: ['min'],
  });

export { Stage };
