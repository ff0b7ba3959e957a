import type { Journey } from './contract/insights';

const METRICS = ['nps', 'csat', 'ces'] as const;

/**
 * The journey's friction points: the worst cell of each metric among those with enough answers
 * (lowest NPS, lowest CSAT, lowest CES mean: CES is asked as agreement with "it was easy", 1–7, so
 * the lowest is the most effort). "Worst" needs something to compare with, so a metric is called
 * out only when at least two touchpoints have enough answers for it; ties go to the earlier stage.
 * The one rule: the Worker answers with it (`GET /v1/journey`), the dashboard only shows it.
 */
export function frictionOf(stages: Journey['stages']): Journey['friction'] {
  const out: Journey['friction'] = [];
  for (const metric of METRICS) {
    const cells: Journey['friction'] = [];
    for (const { stage, touchpoints } of stages) {
      for (const t of touchpoints) {
        const m = t[metric];
        if (!m?.enough) continue;
        cells.push({ key: t.key, stage, metric, value: 'mean' in m ? m.mean : m.score });
      }
    }
    if (cells.length < 2) continue;
    out.push(cells.reduce((w, c) => (c.value < w.value ? c : w)));
  }
  return out;
}
