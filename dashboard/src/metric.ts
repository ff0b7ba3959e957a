import { metricFedBy } from '../../shared/questions/registry';
import { MIN_ANSWERS } from '../../shared/schemas/metrics';
import type { I18n } from './i18n';
import type { Ces, Csat, MetricKey, Metrics, Nps } from './types';

export { MIN_ANSWERS };
export const METRICS: readonly MetricKey[] = ['nps', 'csat', 'ces'];

/** The metrics a survey measures (it has a question of that type); all three when unknown. */
export const metricsAsked = (survey?: { questions: readonly { type: string }[] }): readonly MetricKey[] =>
  survey ? METRICS.filter((k) => survey.questions.some((q) => metricFedBy(q.type) === k)) : METRICS;

/** The full range of each metric's scale. */
export const SCALE: Record<MetricKey, [number, number]> = { nps: [-100, 100], csat: [0, 100], ces: [1, 7] };

export type AnyMetric = Nps | Csat | Ces;

/** The headline number of a metric: NPS score, CSAT %, CES mean. */
export const headline = (m: AnyMetric): number => ('mean' in m ? m.mean : m.score);

export const metricOf = (metrics: Metrics, key: MetricKey): AnyMetric | null => metrics[key];

/**
 * How a metric's values are written: NPS signed whole points, CSAT %, CES two decimals.
 * The API sends full-precision values and this is the one place they are rounded, once, by
 * Intl.NumberFormat (half away from zero): never round here before formatting, or −2.5175 would
 * become −2.5 and then "−2" (issue #14).
 */
export function formatValue(i18n: I18n, key: MetricKey, v: number): string {
  if (key === 'nps') return i18n.signed(v, 0);
  if (key === 'csat') return i18n.pct(v);
  return i18n.fixed(v, 2);
}

/** A change between periods: NPS and CSAT in points (one decimal), CES in scale points. */
export function formatDelta(i18n: I18n, key: MetricKey, d: number): string {
  return key === 'ces' ? i18n.signed(d, 2) : i18n.signed(d, 1);
}

/** The bounds of a 95% interval, formatted like the metric (NPS bounds without a sign). */
export function ciBounds(i18n: I18n, key: MetricKey, ci: [number, number]): { lo: string; hi: string } {
  const f = (v: number) => (key === 'nps' ? i18n.num(v, 0) : formatValue(i18n, key, v));
  return { lo: f(ci[0]), hi: f(ci[1]) };
}

/** The 95% interval written compactly, e.g. "35 to 49". */
export function formatCi(i18n: I18n, key: MetricKey, ci: [number, number]): string {
  return i18n.t('ciShort', ciBounds(i18n, key, ci));
}

/** 0 (very poor) … 4 (very good), for colouring; null when there are too few answers. */
export function bucketOf(key: MetricKey, m: AnyMetric | null): number | null {
  if (!m?.enough) return null;
  const v = headline(m);
  const cuts = key === 'nps' ? [-20, 0, 20, 50] : key === 'csat' ? [60, 70, 80, 90] : [3.5, 4.5, 5.5, 6.2];
  let b = 0;
  for (const c of cuts) if (v >= c) b++;
  return b;
}
