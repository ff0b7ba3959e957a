/**
 * Outcome rates by NPS group, and an explainable churn-risk model trained on the site's own outcomes:
 * a logistic regression on five features anyone can read (latest NPS, its change since the previous
 * answer, mean sentiment of the respondent's texts, open cases, days since the latest answer). Its
 * discrimination is measured on held-out respondents (every fourth, by id order) and shown with an
 * interval; below MIN_OUTCOMES churned and retained respondents the model is not fitted at all.
 */
import type { OutcomeRates } from '../../shared/contract/why';
import { wilson } from '../../shared/metrics';
import { auc, logistic } from '../lib/stats';
import type { FeatureRow, OutcomeRow } from './sql';

/** Churned and retained respondents (each) needed before a churn risk is shown. */
export const MIN_OUTCOMES = 30;
export const FEATURES = ['latestScore', 'trend', 'sentiment', 'openCases', 'daysSinceAnswer'] as const;

const DAY = 86_400_000;
export const featuresOf = (f: FeatureRow, now: number): number[] => [
  f.latest,
  f.previous === null ? 0 : f.latest - f.previous,
  f.sentiment ?? 0,
  f.open_cases,
  Math.max(0, (now - f.at) / DAY),
];

export const npsGroup = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

export function rates(
  kind: OutcomeRates['kind'],
  features: FeatureRow[],
  outcomes: OutcomeRow[],
): OutcomeRates['groups'] {
  const latest = new Map(features.map((f) => [f.respondent_id, f.latest]));
  const groups = (['promoter', 'passive', 'detractor'] as const).map((group) => ({
    group,
    n: 0,
    events: 0,
    value: 0,
    hasValue: false,
  }));
  for (const o of outcomes) {
    const score = latest.get(o.respondent_id);
    if (score === undefined || !o.any_in_range) continue;
    const g = groups.find((x) => x.group === npsGroup(score))!;
    g.n++;
    if (o.event) {
      g.events++;
      if (o.value !== null) {
        g.value += o.value;
        g.hasValue = true;
      }
    }
  }
  return groups.map((g) => ({
    group: g.group,
    n: g.n,
    events: g.events,
    rate: g.n ? g.events / g.n : null,
    ci95: g.n ? wilson(g.events, g.n) : null,
    ...(g.hasValue ? { valueAtRisk: g.value } : {}),
  }));
}

export type ChurnModel = OutcomeRates['model'] & { predict?: (f: FeatureRow) => number };

export function churnModel(features: FeatureRow[], outcomes: OutcomeRow[], now: number): ChurnModel {
  const label = new Map<string, number>();
  for (const o of outcomes) {
    if (o.churned) label.set(o.respondent_id, 1);
    else if (o.retained) label.set(o.respondent_id, 0);
  }
  const rows = features
    .filter((f) => label.has(f.respondent_id))
    .sort((a, b) => (a.respondent_id < b.respondent_id ? -1 : 1));
  const churned = rows.filter((f) => label.get(f.respondent_id) === 1).length;
  const retained = rows.length - churned;
  const base = { minimum: MIN_OUTCOMES, churned, retained };
  if (churned < MIN_OUTCOMES || retained < MIN_OUTCOMES) return { enough: false, ...base };
  const train = rows.filter((_, i) => i % 4 !== 0);
  const test = rows.filter((_, i) => i % 4 === 0);
  const fit = (set: FeatureRow[]) =>
    logistic(
      set.map((f) => featuresOf(f, now)),
      set.map((f) => label.get(f.respondent_id)!),
    );
  const held = fit(train);
  const measured = auc(
    test.map((f) => held.predict(featuresOf(f, now))),
    test.map((f) => label.get(f.respondent_id)!),
  );
  // The risk shown on the at-risk list comes from the model fitted on every labelled respondent.
  const full = fit(rows);
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  return {
    enough: true,
    ...base,
    heldOut: test.length,
    ...(measured
      ? { auc: r3(measured.auc), aucCi95: [r3(measured.ci95[0]), r3(measured.ci95[1])] as [number, number] }
      : {}),
    weights: FEATURES.map((feature, j) => ({ feature, weight: r3(full.weights[j]!) })),
    predict: (f) => full.predict(featuresOf(f, now)),
  };
}
