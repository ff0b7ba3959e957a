/** Every alert rule kind, by the `kind` it is posted and stored with (see kind.ts). */
import type { z } from 'zod';
import type { AlertKindName, AlertRuleInput } from '../../../shared/schemas/api';
import type { Question } from '../../../shared/schemas/survey';
import type { Issue } from '../../http/errors';
import type { AlertColumns, AlertRow } from '../sql';
import { answer } from './answer';
import { drop } from './drop';
import type { AlertKind } from './kind';

type RuleInput = z.output<typeof AlertRuleInput>;

const ALERT_KINDS: { [K in AlertKindName]: AlertKind<Extract<RuleInput, { kind?: K }>> } = { answer, drop };

/** The module of a stored rule. */
export const kindOf = (rule: Pick<AlertRow, 'kind'>) => ALERT_KINDS[rule.kind] as AlertKind<unknown>;

/** The posted rule's columns (`kind` absent means "answer"), or what is wrong with it for this question. */
export function checkRule(input: RuleInput, question: Question): AlertColumns | Issue {
  return (ALERT_KINDS[input.kind ?? 'answer'] as AlertKind<RuleInput>).check(input, question);
}

/** The API's Alert: what every rule has, then its kind's own fields. */
export function toAlert(r: AlertRow) {
  return {
    id: r.id,
    kind: r.kind,
    surveyId: r.survey_id,
    questionId: r.question_id,
    ...kindOf(r).show(r),
    webhookId: r.webhook_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
