import { cesFromHistogram, csatFromHistogram, npsFromHistogram } from '../../shared/metrics';
import type { CollectedAnswer } from '../collect/collect';
import type { AlertMetric, AlertRow } from './sql';

/**
 * An answer rule matches an answer inside [min, max] (either bound may be open) or with the rule's
 * sentiment: "NPS 0–6" is {max: 6}, "negative comment" is {sentiment: "negative"}.
 */
export function answerMatches(rule: Pick<AlertRow, 'min' | 'max' | 'sentiment'>, a: CollectedAnswer): boolean {
  const ranged = rule.min !== null || rule.max !== null;
  const inRange =
    ranged && a.num !== null && (rule.min === null || a.num >= rule.min) && (rule.max === null || a.num <= rule.max);
  const bySentiment = rule.sentiment !== null && a.sentiment === rule.sentiment;
  return inRange || bySentiment;
}

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
