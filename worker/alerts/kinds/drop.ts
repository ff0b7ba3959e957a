/**
 * `drop` rules: the question's score over the last `windowDays` (one touchpoint, or all) falls
 * below `threshold` with at least `minResponses` answers. NPS for nps questions, CSAT % for csat,
 * the mean for ces and rating. Fires once per drop (claimed in D1, so concurrent posts fire it
 * once) and re-arms when the score is back at or above the threshold.
 */
import type { z } from 'zod';
import { addDays, dayOf } from '../../../shared/dates';
import { cesFromHistogram, csatFromHistogram, npsFromHistogram } from '../../../shared/metrics';
import type { DropAlertInput } from '../../../shared/schemas/api';
import { esc, surveyName } from '../../webhooks/payload';
import { type AlertMetric, claimDrop, rearmDrop, windowHistogram } from '../sql';
import { type AlertKind, given } from './kind';

/** Which score a drop rule watches, from the question's type. */
export function metricFor(type: string): AlertMetric | null {
  if (type === 'nps') return 'nps';
  if (type === 'csat') return 'csat';
  if (type === 'ces' || type === 'rating') return 'mean';
  return null;
}

/** The score from counts per value (v0..v10): NPS −100..100, CSAT % satisfied, or the mean. */
export function scoreOf(metric: AlertMetric, histogram: readonly number[]): { value: number; n: number } | null {
  if (metric === 'nps') {
    const r = npsFromHistogram(histogram);
    return r && { value: r.score, n: r.n };
  }
  if (metric === 'csat') {
    const r = csatFromHistogram(histogram);
    return r && { value: r.score, n: r.n };
  }
  const r = cesFromHistogram(histogram);
  return r && { value: r.mean, n: r.n };
}

export const drop: AlertKind<z.output<typeof DropAlertInput>> = {
  check(input, question) {
    const metric = metricFor(question.type);
    if (!metric)
      return { path: ['questionId'], message: 'a drop alert needs a scored question (nps, csat, ces or rating)' };
    return {
      touchpoint: input.touchpoint,
      metric,
      threshold: input.threshold,
      windowDays: input.windowDays,
      minResponses: input.minResponses,
    };
  },

  /** Only posts that answered the watched question (at the watched touchpoint) can move the score. */
  async evaluate(env, rule, done, now) {
    if (!rule.metric || rule.threshold === null || !rule.window_days) return null;
    if (!done.answers.some((a) => a.questionId === rule.question_id && a.num !== null)) return null;
    if (rule.touchpoint !== null && rule.touchpoint !== done.touchpoint) return null;
    const to = dayOf(now);
    const from = addDays(to, -(rule.window_days - 1));
    const h = await windowHistogram(env.DB, {
      surveyId: rule.survey_id,
      questionId: rule.question_id,
      touchpoint: rule.touchpoint,
      from,
      to,
    });
    const measured = scoreOf(rule.metric, h);
    if (!measured || measured.n < (rule.min_responses ?? 1)) return null;
    if (measured.value >= rule.threshold) {
      if (rule.fired_at !== null) await rearmDrop(env.DB, rule.id);
      rule.fired_at = null;
      return null;
    }
    if (!(await claimDrop(env.DB, rule.id, now))) return null;
    rule.fired_at = now;
    const score = { ...measured, from, to };
    const alert = {
      id: rule.id,
      kind: 'drop' as const,
      questionId: rule.question_id,
      touchpoint: rule.touchpoint,
      metric: rule.metric,
      threshold: rule.threshold,
      windowDays: rule.window_days,
    };
    const where = alert.touchpoint ? ` at *${esc(alert.touchpoint)}*` : '';
    return {
      dedupKey: `drop:${rule.id}:${now}`,
      openCase: false,
      aboutResponse: false,
      build: (base) => ({
        event: { ...base, event: 'alert', alert, score },
        slack:
          `:chart_with_downwards_trend: *Score drop*: ${alert.metric.toUpperCase()} of *${esc(alert.questionId)}* ` +
          `on ${surveyName(base)}${where} is *${score.value}* over the last ${alert.windowDays} days ` +
          `(${score.n} answers), below ${alert.threshold}`,
      }),
    };
  },

  show: (rule) => ({
    ...given({
      touchpoint: rule.touchpoint,
      metric: rule.metric,
      threshold: rule.threshold,
      windowDays: rule.window_days,
      minResponses: rule.min_responses,
    }),
    firing: rule.fired_at !== null,
  }),
};
