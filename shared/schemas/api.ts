import { z } from 'zod';
import { CALENDARS, isTimeZone } from '../dates';
import { IsoDay, LocaleCode, Slug, Stage } from './common';
import { Channel } from './invitation';
import { MESSAGES } from './messages';

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
      ctx.addIssue({ code: 'custom', message: MESSAGES.origin });
      return z.NEVER;
    }
  });

export const SiteInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  origins: z.array(Origin).min(1).max(20),
  locale: LocaleCode.optional(),
});
export type SiteInput = z.infer<typeof SiteInput>;

/** An IANA time zone name Intl knows (`Asia/Tehran`, `UTC`): the site's days are cut in it. */
export const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, MESSAGES.timeZone)
  .describe('IANA time zone name, e.g. Asia/Tehran; days, weeks and months are cut in it');
/** `persian`: Jalali months, quarters and years, weeks from Saturday; `gregorian`: ISO weeks from Monday. */
export const CalendarName = z.enum(CALENDARS);

export const SitePatch = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  origins: z.array(Origin).min(1).max(20).optional(),
  locale: LocaleCode.optional(),
  recontactDays: z.number().int().min(0).max(365).optional(),
  timeZone: TimeZone.optional(),
  calendar: CalendarName.optional(),
});

export const Site = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  origins: z.array(z.string()),
  locale: LocaleCode,
  recontactDays: z.number().int(),
  timeZone: z.string().describe("IANA time zone the site's days are cut in (default UTC)"),
  calendar: CalendarName.describe('calendar of weeks, months, quarters and years (default gregorian)'),
});
export type Site = z.infer<typeof Site>;

/** A touchpoint's name in other languages, e.g. `{fa: "پرداخت"}`; `name` is used where one is missing. */
export const TouchpointNames = z
  .record(LocaleCode, z.string().trim().min(1).max(120))
  .refine((v) => Object.keys(v).length <= 10, 'at most 10 languages');

export const TouchpointInput = z.strictObject({
  key: Slug,
  name: z.string().trim().min(1).max(120),
  stage: Stage,
  names: TouchpointNames.optional(),
});
export type TouchpointInput = z.infer<typeof TouchpointInput>;

/** A touchpoint as listed: archived ones keep their answers and key but are offered nowhere. */
export const Touchpoint = TouchpointInput.extend({ archived: z.boolean().optional() });
export type Touchpoint = z.infer<typeof Touchpoint>;

/** `PATCH /v1/touchpoints/:key`: rename, move to another stage, archive or restore. The key never changes. */
export const TouchpointPatch = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    names: TouchpointNames.optional(),
    stage: Stage.optional(),
    archived: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type TouchpointPatch = z.infer<typeof TouchpointPatch>;

/** Trend buckets, in the site's calendar (Persian: Jalali months, quarters and years; Saturday weeks). */
export const Interval = z.enum(['day', 'week', 'month', 'quarter', 'year']);
/** `period=month`: the last whole month (week, quarter, year) before today's, compared with the one before it. */
export const WholePeriod = z.enum(['week', 'month', 'quarter', 'year']);
export type Interval = z.infer<typeof Interval>;

/** `from`/`to` are inclusive local days in the site's time zone; default: the last 30 days up to today. */
const rangeInOrder = (r: { from?: string | undefined; to?: string | undefined }) => !r.from || !r.to || r.from <= r.to;
const rangeMessage = { message: MESSAGES.rangeOrder, path: ['from'] };

/** `segment=plan:pro` filters on an `identify` attribute. */
export const SegmentFilter = z
  .string()
  .max(150)
  .regex(/^[A-Za-z0-9_.-]{1,40}:.{1,100}$/, MESSAGES.segment);

export const ResultsQuery = z
  .object({
    from: IsoDay.optional(),
    to: IsoDay.optional(),
    touchpoint: Slug.optional(),
    interval: Interval.optional(),
    period: WholePeriod.optional().describe(
      "the last whole period in the site's calendar (today's excluded), compared with the one before; ignored with from/to",
    ),
    locale: LocaleCode.optional(),
    segment: SegmentFilter.optional(),
    /** Only responses that arrived through this channel (web, link, email, sms, qr). */
    channel: Channel.optional(),
    /** `scan` recomputes from every answer instead of the rollups: same numbers, for audits and the bench. */
    source: z.enum(['rollup', 'scan']).optional(),
    /** Break metrics down by an attribute name, or `locale`, or `channel`. */
    by: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,40}$/)
      .optional(),
  })
  .refine(rangeInOrder, rangeMessage);
export type ResultsQuery = z.infer<typeof ResultsQuery>;

export const ExportQuery = z
  .object({
    format: z.enum(['csv', 'ndjson']).default('csv'),
    from: IsoDay.optional(),
    to: IsoDay.optional(),
    touchpoint: Slug.optional(),
    locale: LocaleCode.optional(),
    segment: SegmentFilter.optional(),
    channel: Channel.optional(),
  })
  .refine(rangeInOrder, rangeMessage);

export const Sentiment = z.enum(['positive', 'neutral', 'negative']);
export type Sentiment = z.infer<typeof Sentiment>;

export const VerbatimsQuery = z.object({
  q: z.string().max(200).optional(),
  sentiment: Sentiment.optional(),
  touchpoint: Slug.optional(),
  /** Only answers of responses that arrived through this channel. */
  channel: Channel.optional(),
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
    .refine((e) => new Set(e).size === e.length, MESSAGES.eventsOnce),
});

export const AlertInput = z
  .strictObject({
    kind: z.literal('answer').optional(),
    surveyId: z.string().min(1).max(64),
    questionId: Slug,
    min: z.number().optional(),
    max: z.number().optional(),
    sentiment: Sentiment.optional(),
    webhookId: z.string().min(1).max(64),
    /** The case this rule opens is due this many hours later; overdue cases are escalated. */
    targetHours: z.number().int().min(1).max(720).optional(),
  })
  .refine((a) => a.min !== undefined || a.max !== undefined || a.sentiment !== undefined, {
    message: MESSAGES.alertNeedsBound,
  })
  .refine((a) => a.min === undefined || a.max === undefined || a.min <= a.max, {
    message: MESSAGES.minNotOverMax,
    path: ['min'],
  });

export { Stage };

/** The insight endpoints refuse a range whose `from` is after its `to` (400, not an empty answer). */
export const ordered: [
  (r: { from?: string | undefined; to?: string | undefined }) => boolean,
  { message: string; path: string[] },
] = [(r) => !r.from || !r.to || r.from <= r.to, { message: MESSAGES.rangeOrder, path: ['from'] }];

/** `GET /v1/journey`: default range the last 30 days; `channel` keeps the responses of one channel. */
export const JourneyQuery = z
  .object({ from: IsoDay.optional(), to: IsoDay.optional(), channel: Channel.optional() })
  .refine(...ordered);

/** `GET /v1/surveys/:id/terms`: default range all time. */
export const TermsQuery = z
  .object({ from: IsoDay.optional(), to: IsoDay.optional(), touchpoint: Slug.optional() })
  .refine(...ordered);

/** `GET /v1/at-risk`: respondents whose latest NPS answer falls in the range (default the last 30 days). */
export const AtRiskQuery = z.object({ from: IsoDay.optional(), to: IsoDay.optional() }).refine(...ordered);

/** `GET /v1/segments`: attribute values and locales seen in responses; default range all time. */
export const SegmentsQuery = z
  .object({ surveyId: z.string().min(1).max(64).optional(), from: IsoDay.optional(), to: IsoDay.optional() })
  .refine(...ordered);

/**
 * A "drop" alert: the question's score over the last `windowDays` (for one touchpoint, or all)
 * falls below `threshold` with at least `minResponses` answers. The score is NPS (−100..100) for
 * nps questions, CSAT % (0..100) for csat, and the mean for ces/rating. Fires once per drop; it
 * re-arms when the score is back at or above the threshold.
 */
export const DropAlertInput = z.strictObject({
  kind: z.literal('drop'),
  surveyId: z.string().min(1).max(64),
  questionId: Slug,
  touchpoint: Slug.optional(),
  threshold: z.number().finite().min(-100).max(100),
  windowDays: z.number().int().min(1).max(90),
  /** Never under the dashboard's floor (MIN_ANSWERS in shared/metrics.ts): a drop on fewer answers is noise. */
  minResponses: z.number().int().min(30).max(100_000).default(30),
  webhookId: z.string().min(1).max(64),
});
export type DropAlertInput = z.infer<typeof DropAlertInput>;

/** POST /v1/alerts takes either rule: an answer rule (AlertInput, `kind` absent or "answer") or a drop rule. */
export const AlertRuleInput = z.discriminatedUnion('kind', [AlertInput, DropAlertInput]);

/** The kinds of alert rule (each is one module in worker/alerts/kinds). */
export const AlertKindName = z.enum(['answer', 'drop']);
export type AlertKindName = z.infer<typeof AlertKindName>;

export const WebhookEvent = z.enum(['response.completed', 'alert']);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

export const DeliveryStatus = z.enum(['pending', 'delivered', 'failed', 'dead']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const DeliveriesQuery = z.object({
  status: DeliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** `POST /v1/webhooks/:id/rotate-secret`: how long the previous secret keeps signing deliveries. */
export const RotateSecretQuery = z.object({ graceHours: z.coerce.number().int().min(0).max(168).default(24) });

export const CaseStatus = z.enum(['open', 'contacted', 'resolved']);
export type CaseStatus = z.infer<typeof CaseStatus>;

/**
 * One respondent on `GET /v1/at-risk`. `responseId` is the response of their latest NPS answer, the
 * one to open a follow-up case on (`PUT /v1/cases/:responseId`); `caseStatus` is that case's, if any.
 */
export const AtRiskItem = z.object({
  respondentId: z.string(),
  responseId: z.string(),
  surveyId: z.string(),
  touchpoint: z.string().optional(),
  latestScore: z.number().int().min(0).max(10),
  previousScore: z.number().int().min(0).max(10).optional(),
  drop: z.number().int().positive().optional(),
  reason: z.enum(['detractor', 'dropped']),
  lastComment: z.string().optional(),
  caseStatus: CaseStatus.optional(),
  at: z.iso.datetime(),
  churnRisk: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe("probability of churn from the site's own outcomes model, when it has enough outcomes"),
  value: z.number().optional().describe('the respondent’s latest known `value` (from outcomes)'),
});
export type AtRiskItem = z.infer<typeof AtRiskItem>;
export const AtRiskList = z.object({ range: z.object({ from: IsoDay, to: IsoDay }), items: z.array(AtRiskItem) });

/** PUT/PATCH /v1/cases/:responseId — opens the case if needed; omitted fields stay as they are. */
/** Root causes a case can be filed under (reported on per category). */
export const CaseCategory = z.enum(['product', 'delivery', 'billing', 'support', 'price', 'other']);
export type CaseCategory = z.infer<typeof CaseCategory>;

/**
 * A change to a case. `note` adds a note to its timeline (earlier notes stay); `assignee` is a member
 * id of the site (null unassigns); `dueAt` when it must be handled (escalated after that).
 * `owner` is free text from before teams (kept for v1 clients; prefer `assignee`).
 */
export const CaseInput = z.strictObject({
  status: CaseStatus.optional(),
  owner: z.string().trim().max(120).nullable().optional(),
  note: z.string().max(4000).nullable().optional(),
  assignee: z.string().min(1).max(64).nullable().optional(),
  dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
  category: CaseCategory.nullable().optional(),
});
export type CaseInput = z.infer<typeof CaseInput>;

export const CasesQuery = z.object({
  status: CaseStatus.optional(),
  surveyId: z.string().min(1).max(64).optional(),
  owner: z.string().max(120).optional(),
  /** A member id, or `me` (the signed-in member: "my cases"). */
  assignee: z.string().min(1).max(64).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('true: only cases past their due date and not resolved'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

export const CaseStatsQuery = z.object({ from: IsoDay.optional(), to: IsoDay.optional() });

export const ApiScope = z.enum(['read', 'manage']);
export type ApiScope = z.infer<typeof ApiScope>;
export const ApiKeyInput = z.strictObject({
  name: z.string().trim().min(1).max(80),
  scopes: z
    .array(ApiScope)
    .min(1)
    .max(2)
    .refine((s) => new Set(s).size === s.length, MESSAGES.scopesOnce),
});
export type ApiKeyInput = z.infer<typeof ApiKeyInput>;

/** Abuse settings of the key's own site. `dailyCap: null` = the Worker's default, 0 = no cap. */
/**
 * Attributes declared as segments: `segment=`/`by=` on them read rollups (at most 5 attributes, the
 * first 50 values of each). Responses stored before the declaration are added in the background.
 */
export const SegmentAttributes = z
  .array(z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'attribute names use letters, digits, "_", "." and "-"'))
  .max(5, 'at most 5 segment attributes')
  .refine((a) => new Set(a).size === a.length, 'each attribute once');

export const SiteSettingsPatch = z.strictObject({
  segments: SegmentAttributes.optional(),
  dailyCap: z.number().int().min(0).max(10_000_000).nullable().optional(),
  turnstileSiteKey: z.string().trim().min(1).max(200).nullable().optional(),
  turnstileSecret: z.string().trim().min(1).max(200).nullable().optional(),
  /**
   * Identity verification: `true` turns it on and answers the new `identitySecret` once (while it is
   * already on nothing changes: turn it off and on again for a new secret); `false` turns it off.
   */
  identityVerification: z.boolean().optional(),
});
export type SiteSettingsPatch = z.infer<typeof SiteSettingsPatch>;

/** `PUT /v1/topics`: the site's whole topic list (replaces it; old answers are re-tagged in the background). */
export const TopicInput = z.strictObject({
  key: Slug,
  label: z.strictObject({
    en: z.string().trim().min(1).max(80).optional(),
    fa: z.string().trim().min(1).max(80).optional(),
    ar: z.string().trim().min(1).max(80).optional(),
  }),
  terms: z.array(z.string().trim().min(1).max(60)).min(1).max(60),
});
export const TopicsBody = z
  .strictObject({ topics: z.array(TopicInput).max(50) })
  .refine((b) => new Set(b.topics.map((t) => t.key)).size === b.topics.length, {
    message: 'topic keys must be unique',
    path: ['topics'],
  });
export type TopicsBody = z.infer<typeof TopicsBody>;

/** `GET /v1/surveys/:id/topics` and `/drivers`: a date range (default the last 30 days). */
export const RangeQuery = z.object({ from: IsoDay.optional(), to: IsoDay.optional() }).refine(...ordered);

/** `GET /v1/surveys/:id/drivers`: the metric to explain. */
export const DriversQuery = z
  .object({ target: z.enum(['nps', 'csat', 'ces']).default('nps'), from: IsoDay.optional(), to: IsoDay.optional() })
  .refine(...ordered);

export const OutcomeKind = z.enum(['churned', 'retained', 'purchase', 'refund']);
/** `POST /v1/outcomes`: at most 1,000 events per call. */
export const OutcomesBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        respondentId: z.string().trim().min(1).max(128),
        kind: OutcomeKind,
        value: z.number().finite().min(0).max(1e12).optional(),
        at: z.iso.datetime({ offset: true }).optional(),
      }),
    )
    .min(1)
    .max(1000),
});
export type OutcomesBody = z.infer<typeof OutcomesBody>;
export const OutcomesQuery = z
  .object({ kind: OutcomeKind.default('churned'), from: IsoDay.optional(), to: IsoDay.optional() })
  .refine(...ordered);
