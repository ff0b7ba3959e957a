/**
 * What an alert rule kind is: one module per kind (answer.ts, drop.ts) owns everything about it,
 * and registry.ts lists them. Adding a kind is its input schema in shared/schemas/api.ts (and its
 * event in shared/contract/events.ts), one module here, and one line in the registry.
 */
import type { Alert } from '../../../shared/contract/alerts';
import type { SedaEvent } from '../../../shared/contract/events';
import type { Question } from '../../../shared/schemas/survey';
import type { AfterPost } from '../../collect/collect';
import type { Env } from '../../env';
import type { Issue } from '../../http/errors';
import type { EventResponse } from '../../webhooks/payload';
import type { AlertColumns, AlertRow } from '../sql';

/** The fields every alert event shares, filled in when the delivery is made. */
export type EventBase = {
  deliveryId: string;
  createdAt: string;
  site: { id: string };
  survey: { id: string; name: string };
};

/** A rule that fired on a post: the event to send (once per dedup key) and whether to open a case. */
export type Firing = {
  dedupKey: string;
  openCase: boolean;
  /**
   * The event carries the response (its answers, its respondent): the delivery is then erased with
   * the respondent. A drop alert names no one and outlives an erasure.
   */
  aboutResponse: boolean;
  /**
   * A drop rule's claim: the rule is marked firing at this time in the batch that stores the event,
   * and the event is stored only if this claim won (concurrent posts, retried work).
   */
  claim?: number;
  /** The event, given the common fields and the stored response with all its answers, and its Slack text. */
  build: (base: EventBase, response: EventResponse) => { event: SedaEvent; slack?: string };
};

export type AlertKind<Input> = {
  /** The stored rule's columns for a valid input, or the problem with it for this question. */
  check: (input: Input, question: Question) => AlertColumns | Issue;
  /** After a response is stored: whether this post fires the rule, and with what event. */
  evaluate: (env: Env, rule: AlertRow, done: AfterPost, now: number) => Promise<Firing | null>;
  /** The kind's own fields in the API's Alert. */
  show: (rule: AlertRow) => KindFields;
};

/** What an Alert shows beside the fields every rule has. */
export type KindFields = Omit<Alert, 'id' | 'kind' | 'surveyId' | 'questionId' | 'webhookId' | 'createdAt'>;

/** Drops nulls: a rule shows only the fields that were given. */
export const given = <T extends object>(fields: T) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
