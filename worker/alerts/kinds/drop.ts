/**
 * `drop` rules: the question's score over the last `windowDays` (one touchpoint, or all) is
 * credibly below `threshold`: the whole 95% interval is under it (its upper bound < threshold),
 * with at least `minResponses` answers and never fewer than the dashboard's floor (MIN_ANSWERS, 30).
 * NPS for nps questions, CSAT % for csat, the mean for ces and rating. Fires once per drop (claimed
 * in D1, so concurrent posts fire it once) and re-arms only when the score has recovered to
 * threshold + REARM_BUFFER, so a score hovering at the threshold does not fire on every crossing.
 */
import type { z } from 'zod';
import { addDays, localDay } from '../../../shared/dates';
import { csatFromHistogram, MIN_ANSWERS, meanWithCi, npsFromHistogram } from '../../../shared/metrics';
import { type QuestionType, scoreKindOf } from '../../../shared/questions/registry';
import type { DropAlertInput } from '../../../shared/schemas/api';
import { siteTimeOfSurvey } from '../../sites/sql';
import { esc, surveyName } from '../../webhooks/payload';
import { type AlertMetric, rearmDrop, windowHistogram } from '../sql';
import { type AlertKind, given } from './kind';

/** Which score a drop rule watches, from the question's type (its module says). */
export const metricFor = (type: QuestionType): AlertMetric | null => scoreKindOf(type);

/** How far above the threshold a score must recover before the rule can fire again, per metric. */
export const REARM_BUFFER: Record<AlertMetric, number> = { nps: 5, csat: 5, mean: 0.25 };

export type Measured = { value: number; n: number; ci95: [number, number] };

/**
 * The score from counts per value (v0..v10): NPS −100..100, CSAT % satisfied, or the mean, with
 * its 95% interval as the dashboard computes it. The mean's scale is not in the histogram: CES is
 * 1–7 and ratings at most 0–10, so the interval's bounds are 1..7 widened to the values seen.
 */
export function scoreOf(metric: AlertMetric, histogram: readonly number[]): Measured | null {
  if (metric === 'nps') {
    const r = npsFromHistogram(histogram);
    return r && { value: r.score, n: r.n, ci95: r.ci95 };
  }
  if (metric === 'csat') {
    const r = csatFromHistogram(histogram);
    return r && { value: r.score, n: r.n, ci95: r.ci95 };
  }
  let n = 0;
  let sum = 0;
  let sumsq = 0;
  let lo = 1;
  let hi = 7;
  histogram.forEach((c, v) => {
    if (!c) return;
    n += c;
    sum += c * v;
    sumsq += c * v * v;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  });
  const r = meanWithCi(n, sum, sumsq, lo, hi);
  return r && { value: r.mean, n: r.n, ci95: r.ci95 };
}

/**
 * What a measurement means for a rule: `fire` when the interval lies wholly below the threshold
 * (and the rule is armed), `rearm` when a fired rule's score is back at threshold + buffer, else
 * `hold`. Under the answer floor nothing changes.
 */
export function dropDecision(
  metric: AlertMetric,
  m: Measured,
  threshold: number,
  minResponses: number,
  firing: boolean,
): 'fire' | 'rearm' | 'hold' {
  if (m.n < Math.max(MIN_ANSWERS, minResponses)) return 'hold';
  if (firing) return m.value >= threshold + REARM_BUFFER[metric] ? 'rearm' : 'hold';
  return m.ci95[1] < threshold ? 'fire' : 'hold';
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
    // The window's days are the site's local days, as the rollups are.
    const to = localDay(now, (await siteTimeOfSurvey(env.DB, rule.survey_id)).timeZone);
    const from = addDays(to, -(rule.window_days - 1));
    const h = await windowHistogram(env.DB, {
      surveyId: rule.survey_id,
      questionId: rule.question_id,
      touchpoint: rule.touchpoint,
      from,
      to,
    });
    const measured = scoreOf(rule.metric, h);
    if (!measured) return null;
    const decision = dropDecision(
      rule.metric,
      measured,
      rule.threshold,
      rule.min_responses ?? 0,
      rule.fired_at !== null,
    );
    if (decision === 'rearm') {
      await rearmDrop(env.DB, rule.id);
      rule.fired_at = null;
    }
    if (decision !== 'fire') return null;
    // Claimed in the batch that stores the alert (after-collect.ts): one alert per drop even when
    // posts race or the work is retried, and none lost if that batch fails.
    rule.fired_at = now;
    const score = { value: measured.value, n: measured.n, ci95: measured.ci95, from, to };
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
      claim: now,
      build: (base) => ({
        event: { ...base, event: 'alert', alert, score },
        slack:
          `:chart_with_downwards_trend: *Score drop*: ${alert.metric.toUpperCase()} of *${esc(alert.questionId)}* ` +
          `on ${surveyName(base)}${where} is *${round1(score.value)}* (95% interval ${round1(score.ci95[0])} to ` +
          `${round1(score.ci95[1])}) over the last ${alert.windowDays} days (${score.n} answers), below ${alert.threshold}`,
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

/** Slack text shows one decimal; the JSON event carries the full values. */
const round1 = (x: number) => Math.round(x * 10) / 10;
