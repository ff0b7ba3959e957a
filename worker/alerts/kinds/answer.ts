/**
 * `answer` rules: an answer inside [min, max] (either bound may be open) or with the rule's
 * sentiment fires, once per response: "NPS 0–6" is {max: 6}, "negative comment" is
 * {sentiment: "negative"}. Each match opens a follow-up case for the response.
 */

import type { z } from 'zod';
import { hasSentiment, scaleOf } from '../../../shared/questions/registry';
import type { AlertInput } from '../../../shared/schemas/api';
import type { CollectedAnswer } from '../../collect/collect';
import { answerLines, clip, esc, surveyName, valueText } from '../../webhooks/payload';
import type { AlertRow } from '../sql';
import { type AlertKind, given } from './kind';

export function answerMatches(rule: Pick<AlertRow, 'min' | 'max' | 'sentiment'>, a: CollectedAnswer): boolean {
  const ranged = rule.min !== null || rule.max !== null;
  const inRange =
    ranged && a.num !== null && (rule.min === null || a.num >= rule.min) && (rule.max === null || a.num <= rule.max);
  const bySentiment = rule.sentiment !== null && a.sentiment === rule.sentiment;
  return inRange || bySentiment;
}

export const answer: AlertKind<z.output<typeof AlertInput>> = {
  check(input, question) {
    if ((input.min !== undefined || input.max !== undefined) && scaleOf(question) === null) {
      return { path: ['min'], message: 'min/max apply to scored questions (nps, csat, ces, rating)' };
    }
    if (input.sentiment !== undefined && !hasSentiment(question.type)) {
      return { path: ['sentiment'], message: 'sentiment applies to text questions' };
    }
    return { min: input.min, max: input.max, sentiment: input.sentiment, targetHours: input.targetHours };
  },

  async evaluate(_env, rule, done) {
    const hit = done.answers.find((a) => a.questionId === rule.question_id && answerMatches(rule, a));
    if (!hit) return null;
    const trigger = {
      questionId: hit.questionId,
      value: hit.num ?? hit.text ?? hit.choices ?? null,
      ...(hit.sentiment ? { sentiment: hit.sentiment } : {}),
    };
    const { targetHours: _, ...shown } = answer.show(rule);
    const alert = { id: rule.id, kind: 'answer' as const, questionId: rule.question_id, ...shown };
    return {
      dedupKey: `alert:${rule.id}:${done.id}`,
      openCase: true,
      aboutResponse: true,
      build: (base, response) => {
        const who = response.respondentId ? ` from *${esc(response.respondentId)}*` : '';
        const where =
          (response.touchpoint ? ` at *${esc(response.touchpoint)}*` : '') +
          (response.channel !== 'web' ? ` (${response.channel})` : '');
        const slack =
          `:rotating_light: *Alert*: *${esc(trigger.questionId)}* = *${esc(clip(valueText(trigger.value), 200))}*` +
          ` on ${surveyName(base)}${where}${who}\n${answerLines(response.answers)}`;
        return { event: { ...base, event: 'alert', alert, trigger, response }, slack };
      },
    };
  },

  show: (rule) => given({ min: rule.min, max: rule.max, sentiment: rule.sentiment, targetHours: rule.target_hours }),
};
