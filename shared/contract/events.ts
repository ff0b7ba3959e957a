/**
 * The events Seda sends to webhooks (JSON format; Slack-format webhooks get a Slack message made
 * from the same event). Listed in the OpenAPI document's `webhooks` section.
 */
import { z } from 'zod';
import { Sentiment } from '../schemas/api';
import { Channel } from '../schemas/invitation';
import { Digest } from './digest';
import { Timestamp } from './lists';

export const EventAnswer = z.object({
  questionId: z.string(),
  value: z.union([z.number(), z.string(), z.array(z.string())]).nullable(),
  sentiment: Sentiment.optional(),
});
export type EventAnswer = z.infer<typeof EventAnswer>;

export const EventResponse = z.object({
  id: z.string(),
  touchpoint: z.string().nullable(),
  channel: Channel.describe('how the response arrived: the widget on a page (web) or an invitation link'),
  respondentId: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()).nullable(),
  completed: z.boolean(),
  createdAt: Timestamp,
  answers: z.array(EventAnswer),
});
export type EventResponse = z.infer<typeof EventResponse>;

const base = {
  deliveryId: z.string().describe('stable across retries: de-duplicate on it'),
  createdAt: Timestamp,
  site: z.object({ id: z.string() }),
  survey: z.object({ id: z.string(), name: z.string() }),
};

export const ResponseCompletedEvent = z.object({
  ...base,
  event: z.literal('response.completed'),
  response: EventResponse,
});

export const AnswerAlertEvent = z.object({
  ...base,
  event: z.literal('alert'),
  alert: z.object({
    id: z.string(),
    kind: z.literal('answer'),
    questionId: z.string(),
    min: z.number().optional(),
    max: z.number().optional(),
    sentiment: Sentiment.optional(),
  }),
  trigger: EventAnswer.describe('the answer that matched the rule'),
  response: EventResponse,
});

export const DropAlertEvent = z.object({
  ...base,
  event: z.literal('alert'),
  alert: z.object({
    id: z.string(),
    kind: z.literal('drop'),
    questionId: z.string(),
    touchpoint: z.string().nullable(),
    metric: z.enum(['nps', 'csat', 'mean']),
    threshold: z.number(),
    windowDays: z.number().int(),
  }),
  score: z.object({
    value: z.number(),
    n: z.number().int(),
    ci95: z
      .tuple([z.number(), z.number()])
      .optional()
      .describe('95% interval; a drop fires when its upper bound is below the threshold'),
    from: z.string(),
    to: z.string(),
  }),
});

export const PingEvent = z.object({ ...base, event: z.literal('ping') });

/**
 * A case is past its due date (an answer alert's `targetHours`, or a `dueAt` the team set) and not
 * resolved: sent once, by the scheduled job, to the rule's webhook when an alert opened the case,
 * else to every webhook of the site that subscribes to `alert`.
 */
export const CaseEscalatedEvent = z.object({
  ...base,
  event: z.literal('case.escalated'),
  case: z.object({
    responseId: z.string(),
    status: z.enum(['open', 'contacted', 'resolved']),
    assignee: z.string().nullable(),
    openedAt: Timestamp,
    dueAt: Timestamp,
  }),
  alert: z
    .object({ id: z.string() })
    .optional()
    .describe('the rule that opened the case; absent for a case opened by hand'),
});

/**
 * The weekly leadership digest (the site's `digest` schedule, sent by the scheduled job once per
 * week): the same body as GET /v1/digest for that week. Site-wide, so it names no survey at the top.
 */
export const DigestEvent = z.object({
  deliveryId: base.deliveryId,
  createdAt: Timestamp,
  site: z.object({ id: z.string() }),
  event: z.literal('digest'),
  digest: Digest,
});
export type DigestEvent = z.infer<typeof DigestEvent>;

export const SedaEvent = z.union([
  ResponseCompletedEvent,
  AnswerAlertEvent,
  DropAlertEvent,
  PingEvent,
  CaseEscalatedEvent,
  DigestEvent,
]);
export type SedaEvent = z.infer<typeof SedaEvent>;

/** The OpenAPI `webhooks` section: one entry per event name. */
export const WEBHOOK_EVENTS = {
  'response.completed': { summary: 'A response was completed', schema: ResponseCompletedEvent },
  alert: {
    summary: 'An alert rule fired (an answer matched, or a score dropped)',
    schema: z.union([AnswerAlertEvent, DropAlertEvent]),
  },
  ping: { summary: 'A test delivery (POST /v1/webhooks/{id}/ping)', schema: PingEvent },
  'case.escalated': {
    summary: "A case is overdue (sent to its alert rule's webhook, else to every webhook that subscribes to alert)",
    schema: CaseEscalatedEvent,
  },
  digest: {
    summary: 'The weekly leadership digest, on the schedule the site chose (PATCH /v1/site/settings `digest`)',
    schema: DigestEvent,
  },
} as const;
